//! The start estate the export tests act on, built with actions: two accounts, two regions; and
//! the cases both exports are checked on, one module per family of actions.

mod endpoints;
mod gateways;
mod hybrid;
mod instances;
mod ipv6;
mod peering;
mod routes;
mod rules;
mod sharing;
mod transit;
mod vpcs;

use serde_json::{json, Value};

use crate::edit::{apply, Action, Applied};
use crate::model::Estate;

pub const A: &str = "111111111111";
pub const B: &str = "222222222222";

/// Applies a JSON action that must succeed.
pub fn ok(e: &mut Estate, action: Value) -> Applied {
    let parsed: Action =
        serde_json::from_value(action.clone()).unwrap_or_else(|err| panic!("{action}: {err}"));
    apply(e, &parsed).unwrap_or_else(|err| panic!("{action} refused: {err}"))
}

/// Parses JSON actions.
pub fn actions(list: Value) -> Vec<Action> {
    serde_json::from_value(list).expect("actions parse")
}

/// The start: the ids of its resources by role.
pub struct World {
    pub e: Estate,
    /// VPC-1, 10.1.0.0/16, account A, us-east-1: two subnets, an internet gateway attached.
    pub vpc1: String,
    pub rt1: String,
    pub acl1: String,
    pub sg1: String,
    pub s1a: String,
    pub s1b: String,
    pub igw1: String,
    /// A host in s1a.
    pub web: String,
    pub web_eni: String,
    /// VPC-2, 10.2.0.0/16, account B, us-east-1.
    pub vpc2: String,
    pub rt2: String,
    pub s2a: String,
    /// VPC-3, 10.3.0.0/16, account A, eu-west-1.
    pub rt3: String,
    /// A transit gateway of account A with default association and propagation, VPC-1 attached.
    pub tgw: String,
    pub tgw_rt: String,
    pub att1: String,
    /// A peering VPC-1 ↔ VPC-3 (active) with its two routes.
    pub pcx13: String,
}

pub fn world() -> World {
    let mut e = Estate::default();
    let v1 = ok(
        &mut e,
        json!({"action": "create_vpc", "cidr": "10.1.0.0/16", "account": A, "name": "VPC-1"}),
    );
    let (vpc1, rt1, acl1, sg1) = (
        v1.created[0].clone(),
        v1.created[1].clone(),
        v1.created[2].clone(),
        v1.created[3].clone(),
    );
    let s1a = ok(&mut e, json!({"action": "create_subnet", "vpc": vpc1, "cidr": "10.1.1.0/24", "availability_zone": "us-east-1a"})).created[0].clone();
    let s1b = ok(&mut e, json!({"action": "create_subnet", "vpc": vpc1, "cidr": "10.1.2.0/24", "availability_zone": "us-east-1b"})).created[0].clone();
    let igw1 = ok(&mut e, json!({"action": "create_internet_gateway", "account": A})).created[0].clone();
    ok(
        &mut e,
        json!({"action": "attach_internet_gateway", "internet_gateway": igw1, "vpc": vpc1}),
    );
    let web = ok(
        &mut e,
        json!({"action": "launch_instance", "subnet": s1a, "name": "web"}),
    );
    let (web_eni, web) = (web.created[1].clone(), web.created[0].clone());

    let v2 = ok(
        &mut e,
        json!({"action": "create_vpc", "cidr": "10.2.0.0/16", "account": B, "name": "VPC-2"}),
    );
    let (vpc2, rt2) = (v2.created[0].clone(), v2.created[1].clone());
    let s2a = ok(&mut e, json!({"action": "create_subnet", "vpc": vpc2, "cidr": "10.2.1.0/24", "availability_zone": "us-east-1a"})).created[0].clone();

    let v3 = ok(
        &mut e,
        json!({"action": "create_vpc", "cidr": "10.3.0.0/16", "account": A, "region": "eu-west-1"}),
    );
    let (vpc3, rt3) = (v3.created[0].clone(), v3.created[1].clone());

    let t = ok(
        &mut e,
        json!({"action": "create_transit_gateway", "account": A, "region": "us-east-1"}),
    );
    let (tgw, tgw_rt) = (t.created[0].clone(), t.created[1].clone());
    let att1 = ok(&mut e, json!({"action": "create_transit_gateway_attachment", "transit_gateway": tgw, "vpc": vpc1, "subnets": [s1a]})).created[0].clone();

    let pcx13 = ok(
        &mut e,
        json!({"action": "request_peering", "vpc": vpc1, "peer_vpc": vpc3, "peer_region": "eu-west-1"}),
    )
    .created[0]
        .clone();
    ok(&mut e, json!({"action": "accept_peering", "peering": pcx13}));
    ok(
        &mut e,
        json!({"action": "create_route", "route_table": rt1, "destination": "10.3.0.0/16", "target": pcx13}),
    );
    ok(
        &mut e,
        json!({"action": "create_route", "route_table": rt3, "destination": "10.1.0.0/16", "target": pcx13}),
    );

    World {
        e,
        vpc1,
        rt1,
        acl1,
        sg1,
        s1a,
        s1b,
        igw1,
        web,
        web_eni,
        vpc2,
        rt2,
        s2a,
        rt3,
        tgw,
        tgw_rt,
        att1,
        pcx13,
    }
}

/// The id an action creates when applied to `e` (ids are deterministic, so the replay of a log
/// that starts with the same actions creates the same one).
pub fn next_id(e: &mut Estate, action: Value) -> String {
    ok(e, action).created[0].clone()
}

/// An expected command of the script: its verb (`create-route`, or `wait` …) and flags with
/// their values (list values joined by a space; a switch has the value `""`; a `--ip-permissions`
/// value is compared as JSON).
pub struct Cli {
    pub verb: &'static str,
    pub flags: Vec<(&'static str, String)>,
}

/// An expected piece of the Terraform: a block of a type (resource, data or import) with
/// attributes (values in HCL, compared without whitespace), or a comment holding a text.
pub enum Tf {
    Block(&'static str, Vec<(&'static str, String)>),
    Comment(&'static str),
}

/// One row: a log of actions (its last action is the one under test) and what each export holds.
pub struct Case {
    pub name: &'static str,
    pub actions: Vec<Action>,
    pub cli: Vec<Cli>,
    pub tf: Vec<Tf>,
}

pub fn cli(verb: &'static str, flags: &[(&'static str, &str)]) -> Cli {
    Cli {
        verb,
        flags: flags.iter().map(|(f, v)| (*f, v.to_string())).collect(),
    }
}

pub fn tf(ty: &'static str, attrs: &[(&'static str, &str)]) -> Tf {
    Tf::Block(ty, attrs.iter().map(|(k, v)| (*k, v.to_string())).collect())
}

/// A quoted HCL string.
pub fn q(s: &str) -> String {
    format!("\"{s}\"")
}

/// The ids the cases' logs create, found by applying their first action to a copy of the start
/// (ids are deterministic).
pub struct New {
    pub new_rtb: String,
    pub new_vpce: String,
    pub new_nat: String,
    pub new_pcx: String,
    pub new_tgw_rt: String,
    pub new_sg: String,
    pub new_vpc: String,
    pub new_main: String,
    pub new_acl: String,
    pub new_vpc_sg: String,
    pub new_igw: String,
    pub participant_sg: String,
    pub far_vpc: String,
}

/// Every action kind, each in a small log on [`world`], family by family (then the teardown
/// cases of `test_teardown`).
pub fn cases(w: &World) -> Vec<Case> {
    let mut e = w.e.clone();
    let new_rtb = next_id(
        &mut e.clone(),
        json!({"action": "create_route_table", "vpc": w.vpc1}),
    );
    let new_vpce = next_id(
        &mut e.clone(),
        json!({"action": "create_gateway_endpoint", "vpc": w.vpc1, "service": "s3", "route_tables": [w.rt1]}),
    );
    let new_nat = next_id(
        &mut e.clone(),
        json!({"action": "create_nat_gateway", "subnet": w.s1a}),
    );
    let new_pcx = next_id(
        &mut e.clone(),
        json!({"action": "request_peering", "vpc": w.vpc1, "peer_vpc": w.vpc2, "peer_owner": B}),
    );
    let new_tgw_rt = next_id(
        &mut e.clone(),
        json!({"action": "create_transit_gateway_route_table", "transit_gateway": w.tgw}),
    );
    let new_sg = next_id(
        &mut e.clone(),
        json!({"action": "create_security_group", "vpc": w.vpc1, "name": "db"}),
    );
    let v = ok(
        &mut e,
        json!({"action": "create_vpc", "cidr": "10.6.0.0/16", "account": A, "region": "us-east-1"}),
    );
    let (new_vpc, new_main, new_acl, new_vpc_sg) = (
        v.created[0].clone(),
        v.created[1].clone(),
        v.created[2].clone(),
        v.created[3].clone(),
    );
    let new_igw = next_id(
        &mut e.clone(),
        json!({"action": "create_internet_gateway", "account": A, "region": "us-east-1"}),
    );
    let participant_sg = {
        let mut e = w.e.clone();
        ok(
            &mut e,
            json!({"action": "share_subnet", "subnet": w.s1b, "with_account": B}),
        );
        next_id(
            &mut e,
            json!({"action": "create_security_group", "vpc": w.vpc1, "name": "participant", "account": B}),
        )
    };
    let far_vpc = next_id(
        &mut w.e.clone(),
        json!({"action": "create_vpc", "cidr": "10.4.0.0/16", "account": A, "region": "eu-west-1"}),
    );
    let n = New {
        new_rtb,
        new_vpce,
        new_nat,
        new_pcx,
        new_tgw_rt,
        new_sg,
        new_vpc,
        new_main,
        new_acl,
        new_vpc_sg,
        new_igw,
        participant_sg,
        far_vpc,
    };
    [
        routes::cases(w, &n),
        peering::cases(w, &n),
        vpcs::cases(w, &n),
        gateways::cases(w, &n),
        endpoints::cases(w, &n),
        transit::cases(w, &n),
        sharing::cases(w, &n),
        rules::cases(w, &n),
        instances::cases(w, &n),
        ipv6::cases(w),
        hybrid::cases(w),
        crate::export::test_teardown::teardown_cases(w),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The gateway endpoint created after a new route table (the modify case's second action).
fn new_vpce_after_rtb(w: &World) -> String {
    let mut e = w.e.clone();
    ok(&mut e, json!({"action": "create_route_table", "vpc": w.vpc1}));
    next_id(
        &mut e,
        json!({"action": "create_gateway_endpoint", "vpc": w.vpc1, "service": "s3", "route_tables": [w.rt1]}),
    )
}

/// The multi-step scenario: peer VPC-1 (account A) with VPC-2 (account B), routes on both sides;
/// an S3 gateway endpoint; a new transit gateway with its own route table, VPC-1 attached,
/// associated and propagating, and a route to it.
pub fn scenario(w: &World) -> Vec<Action> {
    let mut e = w.e.clone();
    let mut log = Vec::new();
    let mut step = |e: &mut Estate, a: Value| {
        let id = ok(e, a.clone()).created.first().cloned().unwrap_or_default();
        log.push(a);
        id
    };
    let pcx = step(
        &mut e,
        json!({"action": "request_peering", "vpc": w.vpc1, "peer_vpc": w.vpc2, "peer_owner": B, "account": A, "name": "a-to-b"}),
    );
    step(
        &mut e,
        json!({"action": "accept_peering", "peering": pcx, "account": B}),
    );
    step(
        &mut e,
        json!({"action": "create_route", "route_table": w.rt1, "destination": "10.2.0.0/16", "target": pcx}),
    );
    step(
        &mut e,
        json!({"action": "create_route", "route_table": w.rt2, "destination": "10.1.0.0/16", "target": pcx, "account": B}),
    );
    step(
        &mut e,
        json!({"action": "create_gateway_endpoint", "vpc": w.vpc1, "service": "s3", "route_tables": [w.rt1]}),
    );
    let tgw = step(
        &mut e,
        json!({"action": "create_transit_gateway", "account": A, "region": "us-east-1", "default_association": false, "default_propagation": false, "name": "hub"}),
    );
    let rt = step(
        &mut e,
        json!({"action": "create_transit_gateway_route_table", "transit_gateway": tgw}),
    );
    let att = step(
        &mut e,
        json!({"action": "create_transit_gateway_attachment", "transit_gateway": tgw, "vpc": w.vpc1, "subnets": [w.s1b]}),
    );
    step(
        &mut e,
        json!({"action": "associate_transit_gateway_route_table", "transit_gateway_route_table": rt, "transit_gateway_attachment": att}),
    );
    step(
        &mut e,
        json!({"action": "enable_transit_gateway_propagation", "transit_gateway_route_table": rt, "transit_gateway_attachment": att}),
    );
    step(
        &mut e,
        json!({"action": "create_route", "route_table": w.rt1, "destination": "10.9.0.0/16", "target": tgw}),
    );
    actions(Value::Array(log))
}
