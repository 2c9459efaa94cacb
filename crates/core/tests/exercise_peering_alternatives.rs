//! The peering exercises of issue 6 (6, 7, 9, 10, 11 and 16): solutions written differently from
//! the reference pass too, because the goals test behaviour; and the AWS refusals their hints
//! and feedback promise are what the learner meets.

use serde_json::{json, Value};
use vpclab_core::edit::{apply, Action, Applied, EditError};
use vpclab_core::exercise::*;
use vpclab_core::model::Estate;

fn def(id: &str) -> &'static ExerciseDef {
    catalog()
        .unwrap_or_else(|e| panic!("the embedded exercises do not load: {e}"))
        .get(id)
        .unwrap_or_else(|| panic!("no exercise {id}"))
}

/// The id of the one resource named `name` in the start of `exercise`: a VPC, subnet, route
/// table or instance by its `Name` tag, a security group by its group name (`vpc-name/group`
/// when the name is not unique), or `main:VPC` for a VPC's main route table.
fn id(exercise: &str, name: &str) -> String {
    let e = def(exercise).start_estate().unwrap();
    let named = |n: &Option<String>| n.as_deref() == Some(name);
    let mut found: Vec<String> = Vec::new();
    if let Some(vpc) = name.strip_prefix("main:") {
        let v = e.vpcs.values().find(|v| v.name.as_deref() == Some(vpc)).unwrap();
        return e.main_route_table(&v.id).unwrap().id.to_string();
    }
    if let Some((vpc, group)) = name.split_once('/') {
        let v = e.vpcs.values().find(|v| v.name.as_deref() == Some(vpc)).unwrap();
        found.extend(
            e.security_groups
                .values()
                .filter(|g| g.vpc == v.id && g.name == group)
                .map(|g| g.id.to_string()),
        );
    }
    found.extend(
        e.vpcs
            .values()
            .filter(|v| named(&v.name))
            .map(|v| v.id.to_string()),
    );
    found.extend(
        e.subnets
            .values()
            .filter(|s| named(&s.name))
            .map(|s| s.id.to_string()),
    );
    found.extend(
        e.route_tables
            .values()
            .filter(|t| named(&t.name))
            .map(|t| t.id.to_string()),
    );
    found.extend(
        e.instances
            .values()
            .filter(|i| named(&i.name))
            .map(|i| i.id.to_string()),
    );
    assert_eq!(found.len(), 1, "{exercise}: '{name}' names {found:?}");
    found.remove(0)
}

fn action(step: &Value, created: &[String]) -> Action {
    let mut text = step.to_string();
    for (i, c) in created.iter().enumerate().rev() {
        text = text.replace(&format!("${i}"), c);
    }
    serde_json::from_str(&text).unwrap_or_else(|err| panic!("{text}: {err}"))
}

/// Applies JSON actions one by one (each allowed by the exercise); `$0`, `$1` … stand for the
/// first id created by the 1st, 2nd … action.
fn play(exercise: &str, steps: &[Value]) -> Estate {
    let d = def(exercise);
    let mut e = d.start_estate().unwrap();
    let mut created: Vec<String> = Vec::new();
    for step in steps {
        let a = action(step, &created);
        assert!(d.allows(&a), "{exercise}: {} is not allowed", a.name());
        let done = apply(&mut e, &a).unwrap_or_else(|err| panic!("{exercise}: {step}: {err}"));
        created.push(done.created.first().cloned().unwrap_or_default());
    }
    e
}

/// Plays `steps`, then applies `last` and returns its answer.
fn then(exercise: &str, steps: &[Value], last: Value) -> Result<Applied, EditError> {
    let mut e = play(exercise, steps);
    apply(&mut e, &action(&last, &[]))
}

#[test]
fn other_valid_solutions_pass() {
    let ov = "overlapping-cidrs";
    let (shop, rep) = (id(ov, "Shop"), id(ov, "Reporting"));
    let (shop_rt, rep_rt) = (id(ov, "main:Shop"), id(ov, "main:Reporting"));
    let ps = "peer-specific-subnets";
    let (data, db_net, app_priv) = (id(ps, "Data"), id(ps, "Data-db"), id(ps, "App private"));
    let ps_pcx = def(ps).solution[0].clone();
    let ps_pcx = match ps_pcx {
        Action::CreateRoute { target, .. } => target,
        other => panic!("{other:?}"),
    };
    let ca = "cross-account-peering";
    let (app, dir) = (id(ca, "App"), id(ca, "Directory"));
    let (app_rt, dir_rt) = (id(ca, "main:App"), id(ca, "main:Directory"));
    let (ldap_sg, app_sg) = (id(ca, "Directory/ldap"), id(ca, "App/app"));
    let cr = "cross-region-peering";
    let (us, eu) = (id(cr, "US"), id(cr, "EU"));
    let (us_rt, eu_rt, db_sg) = (id(cr, "main:US"), id(cr, "main:EU"), id(cr, "EU/db"));
    let ih = "identical-cidrs-hub";
    let hub_rt = id(ih, "main:Hub");
    let hub_start = def(ih).start_estate().unwrap();
    let pcx_to = |team: &str| {
        let team = id(ih, team);
        hub_start
            .peerings
            .values()
            .find(|p| p.accepter.vpc.as_str() == team || p.requester.vpc.as_str() == team)
            .unwrap()
            .id
            .to_string()
    };
    let (to_b, to_c) = (pcx_to("Team-B"), pcx_to("Team-C"));
    let ee = "edge-to-edge";
    let (batch, batch_priv) = (id(ee, "Batch"), id(ee, "Batch private"));
    let cases: Vec<(&str, &str, Vec<Value>)> = vec![
        (
            ov,
            "a failed request from Reporting first, another data-lake block, /24 routes before the accept",
            vec![
                json!({"action": "request_peering", "vpc": rep, "peer_vpc": shop}),
                json!({"action": "remove_vpc_cidr", "vpc": rep, "cidr": "10.0.64.0/18"}),
                json!({"action": "add_vpc_cidr", "vpc": rep, "cidr": "10.22.0.0/16"}),
                json!({"action": "request_peering", "vpc": rep, "peer_vpc": shop}),
                json!({"action": "create_route", "route_table": shop_rt, "destination": "10.20.1.0/24", "target": "$3"}),
                json!({"action": "create_route", "route_table": rep_rt, "destination": "10.0.1.0/24", "target": "$3"}),
                json!({"action": "accept_peering", "peering": "$3"}),
            ],
        ),
        (
            ps,
            "a /32 back to app-1 in a db-only table, a /25 to the db subnet",
            vec![
                json!({"action": "create_route_table", "vpc": data}),
                json!({"action": "create_route", "route_table": "$0", "destination": "10.1.1.10/32", "target": ps_pcx}),
                json!({"action": "associate_route_table", "route_table": "$0", "subnet": db_net}),
                json!({"action": "create_route", "route_table": app_priv, "destination": "10.2.1.0/25", "target": ps_pcx}),
            ],
        ),
        (
            ca,
            "requested by the directory's account, accepted by the app's, a group reference across accounts",
            vec![
                json!({"action": "request_peering", "vpc": dir, "peer_vpc": app, "peer_owner": "111122223333", "account": "444455556666"}),
                json!({"action": "create_route", "route_table": dir_rt, "destination": "10.20.1.0/24", "target": "$0", "account": "444455556666"}),
                json!({"action": "accept_peering", "peering": "$0", "account": "111122223333"}),
                json!({"action": "create_route", "route_table": app_rt, "destination": "10.50.1.0/24", "target": "$0", "account": "111122223333"}),
                json!({"action": "add_security_group_rule", "security_group": ldap_sg, "direction": "ingress", "protocol": "tcp", "from_port": 636, "to_port": 636, "peer_group": app_sg, "account": "444455556666"}),
            ],
        ),
        (
            cr,
            "requested from EU, the whole US block allowed, /24 routes",
            vec![
                json!({"action": "request_peering", "vpc": eu, "peer_vpc": us, "peer_region": "us-east-1"}),
                json!({"action": "accept_peering", "peering": "$0"}),
                json!({"action": "add_security_group_rule", "security_group": db_sg, "direction": "ingress", "protocol": "tcp", "from_port": 5432, "to_port": 5432, "cidr": "10.10.0.0/16"}),
                json!({"action": "create_route", "route_table": us_rt, "destination": "10.30.1.0/24", "target": "$0"}),
                json!({"action": "create_route", "route_table": eu_rt, "destination": "10.10.1.0/24", "target": "$0"}),
            ],
        ),
        (
            ih,
            "Team-C's whole subnet, and a /32 keeping b-batch on Team-B",
            vec![
                json!({"action": "create_route", "route_table": hub_rt, "destination": "10.0.1.0/24", "target": to_c}),
                json!({"action": "create_route", "route_table": hub_rt, "destination": "10.0.1.20/32", "target": to_b}),
            ],
        ),
        (
            ih,
            "no /16 at all: one route per host or subnet",
            vec![
                json!({"action": "delete_route", "route_table": hub_rt, "destination": "10.0.0.0/16"}),
                json!({"action": "create_route", "route_table": hub_rt, "destination": "10.0.0.0/24", "target": to_b}),
                json!({"action": "create_route", "route_table": hub_rt, "destination": "10.0.1.20/32", "target": to_b}),
                json!({"action": "create_route", "route_table": hub_rt, "destination": "10.0.1.10/32", "target": to_c}),
            ],
        ),
        (
            ee,
            "endpoint first by its full name, a new /28 public subnet with its own table, route deleted and re-created",
            vec![
                json!({"action": "create_gateway_endpoint", "vpc": batch, "service": "com.amazonaws.us-east-2.s3", "route_tables": [batch_priv]}),
                json!({"action": "create_internet_gateway", "region": "us-east-2"}),
                json!({"action": "attach_internet_gateway", "internet_gateway": "$1", "vpc": batch}),
                json!({"action": "create_route_table", "vpc": batch}),
                json!({"action": "create_route", "route_table": "$3", "destination": "0.0.0.0/0", "target": "$1"}),
                json!({"action": "create_subnet", "vpc": batch, "cidr": "10.2.9.0/28", "availability_zone": "us-east-2a"}),
                json!({"action": "associate_route_table", "route_table": "$3", "subnet": "$5"}),
                json!({"action": "create_nat_gateway", "subnet": "$5"}),
                json!({"action": "delete_route", "route_table": batch_priv, "destination": "0.0.0.0/0"}),
                json!({"action": "create_route", "route_table": batch_priv, "destination": "0.0.0.0/0", "target": "$7"}),
            ],
        ),
    ];
    for (exercise, what, steps) in cases {
        let v = check(def(exercise), &play(exercise, &steps));
        let failing: Vec<String> = v
            .goals
            .iter()
            .filter(|g| !g.passed)
            .map(|g| format!("{}: {}", g.id, g.message))
            .collect();
        assert!(v.passed, "{exercise} ({what}): {failing:?}");
        let seen: Vec<&str> = v.feedback.iter().map(|f| f.mistake.as_str()).collect();
        assert!(seen.is_empty(), "{exercise} ({what}): {seen:?}");
    }
}

/// What the hints and feedback promise AWS will say, applied to the exercises' own starts:
/// (exercise, steps first, the action, the error code expected).
#[test]
fn the_refusals_the_hints_promise() {
    let ov = "overlapping-cidrs";
    let (shop, rep, shop_rt) = (id(ov, "Shop"), id(ov, "Reporting"), id(ov, "main:Shop"));
    let failed_request = json!({"action": "request_peering", "vpc": shop, "peer_vpc": rep});
    let ca = "cross-account-peering";
    let (app, dir, dir_rt) = (id(ca, "App"), id(ca, "Directory"), id(ca, "main:Directory"));
    let request = json!({"action": "request_peering", "vpc": app, "peer_vpc": dir, "peer_owner": "444455556666", "account": "111122223333"});
    let cr = "cross-region-peering";
    let (us, eu, db_sg, us_app_sg) = (id(cr, "US"), id(cr, "EU"), id(cr, "EU/db"), id(cr, "US/app"));
    let ee = "edge-to-edge";
    let (batch_priv, batch_pub) = (id(ee, "Batch private"), id(ee, "Batch-public"));
    let shared_nat = def(ee)
        .start_estate()
        .unwrap()
        .nat_gateways
        .keys()
        .next()
        .unwrap()
        .to_string();
    let accepted = |pcx: Value| json!({"action": "accept_peering", "peering": pcx});
    let cases: Vec<(&str, Vec<Value>, Value, &str)> = vec![
        (
            ov,
            vec![failed_request.clone()],
            accepted(json!("$0")),
            "InvalidStateTransition",
        ),
        (
            ov,
            vec![failed_request.clone()],
            json!({"action": "create_route", "route_table": shop_rt, "destination": "10.20.0.0/16", "target": "$0"}),
            "InvalidVpcPeeringConnectionID.NotFound",
        ),
        (
            ca,
            vec![request.clone()],
            json!({"action": "accept_peering", "peering": "$0", "account": "111122223333"}),
            "OperationNotPermitted",
        ),
        (
            ca,
            vec![
                request.clone(),
                json!({"action": "accept_peering", "peering": "$0", "account": "444455556666"}),
            ],
            json!({"action": "create_route", "route_table": dir_rt, "destination": "10.20.0.0/16", "target": "$0", "account": "111122223333"}),
            "InvalidRouteTableID.NotFound",
        ),
        (
            ca,
            vec![],
            json!({"action": "request_peering", "vpc": app, "peer_vpc": dir, "account": "111122223333"}),
            "InvalidVpcID.NotFound",
        ),
        (
            cr,
            vec![
                json!({"action": "request_peering", "vpc": us, "peer_vpc": eu, "peer_region": "eu-west-1"}),
                json!({"action": "accept_peering", "peering": "$0"}),
            ],
            json!({"action": "add_security_group_rule", "security_group": db_sg, "direction": "ingress", "protocol": "tcp", "from_port": 5432, "to_port": 5432, "peer_group": us_app_sg}),
            "InvalidGroup.NotFound",
        ),
        (
            ee,
            vec![],
            json!({"action": "replace_route", "route_table": batch_priv, "destination": "0.0.0.0/0", "target": shared_nat}),
            "InvalidParameterValue",
        ),
        (
            ee,
            vec![],
            json!({"action": "create_nat_gateway", "subnet": batch_pub}),
            "Gateway.NotAttached",
        ),
    ];
    for (exercise, steps, last, code) in cases {
        let mut e = def(exercise).start_estate().unwrap();
        let mut created: Vec<String> = Vec::new();
        for step in &steps {
            let done = apply(&mut e, &action(step, &created)).unwrap();
            created.push(done.created.first().cloned().unwrap_or_default());
        }
        let last = action(&last, &created);
        let err = apply(&mut e, &last).expect_err(&format!("{exercise}: {last:?} is refused"));
        assert_eq!(err.code, code, "{exercise}: {err}");
    }
}

#[test]
fn an_overlapping_request_is_created_failed_with_a_warning_naming_the_blocks() {
    let ov = "overlapping-cidrs";
    let request =
        json!({"action": "request_peering", "vpc": id(ov, "Shop"), "peer_vpc": id(ov, "Reporting")});
    let done = then(ov, &[], request).unwrap();
    let warning = done.warning.expect("AWS accepts the call and the peering fails");
    assert_eq!(warning.code, "failed");
    assert!(
        warning.message.contains("10.0.0.0/16") && warning.message.contains("10.0.64.0/18"),
        "{warning}"
    );
    let d = def(ov);
    let mistake = d.mistakes.iter().find(|m| m.id == "still-overlapping").unwrap();
    let mut e = d.start_estate().unwrap();
    vpclab_core::edit::apply_all(&mut e, &mistake.example).unwrap();
    let status = e.peerings.values().map(|p| p.status.clone()).collect::<Vec<_>>();
    assert_eq!(status, [vpclab_core::model::PeeringStatus::Failed]);
}
