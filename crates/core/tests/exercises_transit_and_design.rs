//! Exercises 12, 13, 15, 17 and 20 (tgw-hub, tgw-segmentation, sns-interface-endpoint,
//! vpc-sharing, scale-twenty-vpcs) beyond the authoring tests: solutions written differently
//! from the reference pass too (goals test behaviour), and the figures their stories and hints
//! quote are the ones the cost model computes.

use serde_json::{json, Value};
use vpclab_core::edit::{apply, Action};
use vpclab_core::exercise::{catalog, check, ExerciseDef, Verdict};
use vpclab_core::model::Estate;

fn def(id: &str) -> &'static ExerciseDef {
    catalog()
        .unwrap()
        .get(id)
        .unwrap_or_else(|| panic!("no exercise {id}"))
}

/// The start estate and a way to look up its resources by Name tag.
struct Lab {
    def: &'static ExerciseDef,
    e: Estate,
}

impl Lab {
    fn new(id: &str) -> Lab {
        let def = def(id);
        Lab {
            def,
            e: def.start_estate().unwrap(),
        }
    }

    fn vpc(&self, name: &str) -> String {
        let v = self.e.vpcs.values().find(|v| v.name.as_deref() == Some(name));
        v.unwrap_or_else(|| panic!("no VPC {name}")).id.to_string()
    }

    fn main_table(&self, vpc_name: &str) -> String {
        let vpc = self.vpc(vpc_name);
        self.e
            .main_route_table(&vpc.as_str().into())
            .unwrap()
            .id
            .to_string()
    }

    fn subnet(&self, name: &str) -> String {
        let s = self.e.subnets.values().find(|s| s.name.as_deref() == Some(name));
        s.unwrap_or_else(|| panic!("no subnet {name}")).id.to_string()
    }

    fn tgw(&self) -> String {
        self.e.transit_gateways.keys().next().unwrap().to_string()
    }

    fn tgw_table(&self, name: &str) -> String {
        let t = self
            .e
            .tgw_route_tables
            .values()
            .find(|t| t.name.as_deref() == Some(name));
        t.unwrap_or_else(|| panic!("no TGW route table {name}"))
            .id
            .to_string()
    }

    /// The default route table of the (only) transit gateway.
    fn tgw_default_table(&self) -> String {
        let t = self.e.transit_gateways.values().next().unwrap();
        t.default_association.as_ref().unwrap().to_string()
    }

    /// The attachment of the VPC named `vpc_name`.
    fn attachment(&self, vpc_name: &str) -> String {
        let vpc = self.vpc(vpc_name);
        let a = self.e.tgw_attachments.values().find(|a| a.resource_id == vpc);
        a.unwrap_or_else(|| panic!("{vpc_name} is not attached"))
            .id
            .to_string()
    }

    /// Applies one action (allowed by the exercise) and returns the first id it created.
    fn act(&mut self, action: Value) -> String {
        let a: Action = serde_json::from_value(action.clone()).unwrap_or_else(|e| panic!("{action}: {e}"));
        assert!(
            self.def.allows(&a),
            "{}: {} is not allowed",
            self.def.id,
            a.name()
        );
        let done = apply(&mut self.e, &a).unwrap_or_else(|e| panic!("{action}: {e}"));
        done.created.first().cloned().unwrap_or_default()
    }

    fn verdict(&self) -> Verdict {
        check(self.def, &self.e)
    }

    fn assert_passes(&self, what: &str) {
        let v = self.verdict();
        let failing: Vec<String> = v
            .goals
            .iter()
            .filter(|g| !g.passed)
            .map(|g| format!("{}: {}", g.id, g.message))
            .collect();
        assert!(v.passed, "{} ({what}): {failing:?}", self.def.id);
        assert!(
            v.feedback.is_empty(),
            "{} ({what}): {:?}",
            self.def.id,
            v.feedback
        );
    }

    fn goal_message(&self, goal: &str) -> String {
        let v = self.verdict();
        v.goals.into_iter().find(|g| g.id == goal).unwrap().message
    }
}

#[test]
fn hub_with_static_routes_and_one_route_per_vpc() {
    // Static routes in hub-rt instead of propagation, and four /16 routes per VPC table instead
    // of 10.0.0.0/8.
    let mut lab = Lab::new("tgw-hub");
    let (tgw, rt) = (lab.tgw(), lab.tgw_table("hub-rt"));
    for n in 1..=5 {
        let vpc = lab.vpc(&format!("VPC-{n}"));
        let subnets = [lab.subnet(&format!("App-{n}A")), lab.subnet(&format!("App-{n}B"))];
        let att = lab.act(
            json!({"action": "create_transit_gateway_attachment", "transit_gateway": tgw,
            "vpc": vpc, "subnets": subnets}),
        );
        lab.act(json!({"action": "associate_transit_gateway_route_table",
            "transit_gateway_route_table": rt, "transit_gateway_attachment": att}));
        lab.act(
            json!({"action": "create_transit_gateway_route", "transit_gateway_route_table": rt,
            "destination": format!("10.{n}.0.0/16"), "transit_gateway_attachment": att}),
        );
        let table = lab.main_table(&format!("VPC-{n}"));
        for m in (1..=5).filter(|m| *m != n) {
            lab.act(json!({"action": "create_route", "route_table": table,
                "destination": format!("10.{m}.0.0/16"), "target": tgw}));
        }
    }
    lab.assert_passes("static TGW routes, a route per VPC");
}

#[test]
fn segmentation_with_three_tables_or_blackholes() {
    // One table per environment.
    let mut lab = Lab::new("tgw-segmentation");
    let (tgw, default) = (lab.tgw(), lab.tgw_default_table());
    let (shared, dev, prod) = (
        lab.attachment("Shared"),
        lab.attachment("Dev"),
        lab.attachment("Prod"),
    );
    for (att, name) in [(&dev, "dev-rt"), (&prod, "prod-rt")] {
        let rt = lab.act(
            json!({"action": "create_transit_gateway_route_table", "transit_gateway": tgw, "name": name}),
        );
        lab.act(json!({"action": "disassociate_transit_gateway_route_table",
            "transit_gateway_route_table": default, "transit_gateway_attachment": att}));
        lab.act(json!({"action": "associate_transit_gateway_route_table",
            "transit_gateway_route_table": rt, "transit_gateway_attachment": att}));
        lab.act(json!({"action": "enable_transit_gateway_propagation",
            "transit_gateway_route_table": rt, "transit_gateway_attachment": shared}));
    }
    lab.assert_passes("a table per environment");

    // One spokes table that learns everything, with static blackholes for the other side.
    let mut lab = Lab::new("tgw-segmentation");
    let spokes = lab.act(
        json!({"action": "create_transit_gateway_route_table", "transit_gateway": tgw, "name": "spokes"}),
    );
    for att in [&dev, &prod] {
        lab.act(json!({"action": "disassociate_transit_gateway_route_table",
            "transit_gateway_route_table": default, "transit_gateway_attachment": att}));
        lab.act(json!({"action": "associate_transit_gateway_route_table",
            "transit_gateway_route_table": spokes, "transit_gateway_attachment": att}));
    }
    for att in [&shared, &dev, &prod] {
        lab.act(json!({"action": "enable_transit_gateway_propagation",
            "transit_gateway_route_table": spokes, "transit_gateway_attachment": att}));
    }
    for cidr in ["10.10.0.0/16", "10.20.0.0/16"] {
        lab.act(
            json!({"action": "create_transit_gateway_route", "transit_gateway_route_table": spokes,
            "destination": cidr, "blackhole": true}),
        );
    }
    lab.assert_passes("blackholes in the spokes table");
    let blocked = lab.verdict();
    let dev_prod = blocked.goals.iter().find(|g| g.id == "dev-not-prod").unwrap();
    assert_eq!(dev_prod.code.as_deref(), Some("BLACKHOLE_ROUTE"));
}

#[test]
fn sns_endpoint_in_one_zone_with_a_cidr_rule() {
    let mut lab = Lab::new("sns-interface-endpoint");
    // The story's figure for today's design: NAT $32.85 + its address $3.65 + 300 GB × $0.045
    // + 150 GB from us-east-1b across to the NAT × $0.02 = $53.00.
    assert!(lab.goal_message("budget").starts_with("$53.00 a month"));
    let vpc = lab.vpc("VPC-1");
    let app_a = lab.subnet("App-A");
    lab.act(json!({"action": "modify_vpc_attribute", "vpc": vpc, "enable_dns_hostnames": true}));
    let sg = lab.act(json!({"action": "create_security_group", "vpc": vpc, "name": "sns-endpoint"}));
    lab.act(
        json!({"action": "add_security_group_rule", "security_group": sg, "direction": "ingress",
        "protocol": "tcp", "from_port": 443, "to_port": 443, "cidr": "10.20.0.0/16"}),
    );
    lab.act(
        json!({"action": "create_interface_endpoint", "vpc": vpc, "service": "com.amazonaws.us-east-1.sns",
        "subnets": [app_a], "security_groups": [sg]}),
    );
    let nat = lab.e.nat_gateways.keys().next().unwrap().to_string();
    lab.act(json!({"action": "delete_nat_gateway", "nat_gateway": nat}));
    lab.act(
        json!({"action": "delete_route", "route_table": lab.e.route_tables.values()
        .find(|t| t.name.as_deref() == Some("App")).unwrap().id.to_string(), "destination": "0.0.0.0/0"}),
    );
    lab.assert_passes("one zone, a CIDR rule");
    // One AZ: 730 h × $0.01 = $7.30 + 300 GB × $0.01 = $10.30; the task in us-east-1b uses the
    // interface in us-east-1a.
    assert!(lab.goal_message("budget").starts_with("$10.30 a month"));

    // The reference design, in both zones: 2 × $7.30 + $3.00 = $17.60.
    let reference = def("sns-interface-endpoint").solution_estate().unwrap();
    let v = check(def("sns-interface-endpoint"), &reference);
    let budget = v.goals.iter().find(|g| g.id == "budget").unwrap();
    assert!(budget.message.starts_with("$17.60 a month"), "{}", budget.message);
}

#[test]
fn sharing_everyone_in_one_zone_with_cidr_rules() {
    let (net, web, orders, ledger) = ("111122223333", "444455556666", "777788889999", "222233334444");
    let mut lab = Lab::new("vpc-sharing");
    let vpc = lab.vpc("Shared-VPC");
    let a = lab.subnet("Shared-A");
    for team in [web, orders, ledger] {
        lab.act(json!({"action": "share_subnet", "subnet": a, "with_account": team, "account": net}));
    }
    for (team, name, port) in [
        (web, "web", None),
        (orders, "orders", Some(8080)),
        (ledger, "ledger", Some(5432)),
    ] {
        let sg = lab.act(json!({"action": "create_security_group", "vpc": vpc, "name": format!("{name}-sg"), "account": team}));
        if let Some(p) = port {
            lab.act(
                json!({"action": "add_security_group_rule", "security_group": sg, "direction": "ingress",
                "protocol": "tcp", "from_port": p, "to_port": p, "cidr": "10.50.1.0/24", "account": team}),
            );
        }
        lab.act(json!({"action": "launch_instance", "subnet": a, "security_groups": [sg], "name": name, "account": team}));
    }
    lab.assert_passes("all three in Shared-A, CIDR rules");
    assert!(lab.goal_message("budget").starts_with("$0.00 a month"));
    // The reference puts web in Shared-B: 300 GB × ($0.01 + $0.01) = $6.00.
    let reference = def("vpc-sharing").solution_estate().unwrap();
    let v = check(def("vpc-sharing"), &reference);
    let budget = v.goals.iter().find(|g| g.id == "budget").unwrap();
    assert!(budget.message.starts_with("$6.00 a month"), "{}", budget.message);
    assert!(
        reference.instances.values().all(|i| i.owner.as_str() != net),
        "the teams own their instances"
    );
}

#[test]
fn scale_with_a_narrower_summary_route() {
    // 10.0.0.0/11 (10.0–10.31) covers the twenty VPCs as well as 10.0.0.0/8.
    let mut lab = Lab::new("scale-twenty-vpcs");
    let tgw = lab.act(json!({"action": "create_transit_gateway", "region": "us-east-1"}));
    for n in 1..=20 {
        let name = format!("VPC-{n:02}");
        let (vpc, subnet) = (lab.vpc(&name), lab.subnet(&format!("Workloads-{n:02}")));
        lab.act(
            json!({"action": "create_transit_gateway_attachment", "transit_gateway": tgw,
            "vpc": vpc, "subnets": [subnet]}),
        );
        let table = lab.main_table(&name);
        lab.act(json!({"action": "create_route", "route_table": table, "destination": "10.0.0.0/11", "target": tgw}));
    }
    lab.assert_passes("10.0.0.0/11");
    // The hint's bill: 20 × 730 h × $0.05 = $730.00 + 2,500 GB × $0.02 = $50.00.
    assert!(lab.goal_message("budget").starts_with("$780.00 a month"));
}
