//! The view carries the engine's answers the page draws from (`gone`, `phase`, `route_target`,
//! `has_route_tables`, `what`, an ACL's name), so that no AWS rule is left in `www/`.

use serde_json::{json, Value};
use vpclab_core::edit::Action;
use vpclab_core::workspace::Workspace;

fn act(w: &mut Workspace, v: Value) {
    let a: Action = serde_json::from_value(v.clone()).unwrap_or_else(|e| panic!("{v}: {e}"));
    w.apply(a).unwrap_or_else(|e| panic!("{v}: {e:?}"));
}

/// Every object of `view` (depth first) whose `key` is a string equal to `id`.
fn find<'v>(view: &'v Value, key: &str, id: &str) -> Vec<&'v Value> {
    let mut out = Vec::new();
    let mut stack = vec![view];
    while let Some(v) = stack.pop() {
        match v {
            Value::Object(m) => {
                if m.get(key).and_then(Value::as_str) == Some(id) {
                    out.push(v);
                }
                stack.extend(m.values());
            }
            Value::Array(a) => stack.extend(a.iter()),
            _ => {}
        }
    }
    out
}

fn view(w: &Workspace) -> Value {
    serde_json::to_value(w.view()).unwrap()
}

#[test]
fn a_failed_peering_is_listed_closed_and_offered_to_no_route() {
    // The overlap mistake: AWS creates the request in state `failed`.
    let mut w = Workspace::load_exercise("overlapping-cidrs").unwrap();
    let failed = w
        .apply(
            serde_json::from_value(json!({"action": "request_peering", "vpc": "vpc-0387c95131bdddc4e", "peer_vpc": "vpc-0a3faf23a9dd1dad7"}))
                .unwrap(),
        );
    // Recorded, in state failed (as AWS does), listed but offered to no route.
    assert!(failed.is_ok(), "{failed:?}");
    let v = view(&w);
    let p = &v["peerings"][0];
    assert_eq!(p["status"], "failed", "{p}");
    assert_eq!(p["phase"], "closed");
    assert_eq!(p["route_target"], false);
    act(
        &mut w,
        json!({"action": "remove_vpc_cidr", "vpc": "vpc-0a3faf23a9dd1dad7", "cidr": "10.0.64.0/18"}),
    );
    act(
        &mut w,
        json!({"action": "add_vpc_cidr", "vpc": "vpc-0a3faf23a9dd1dad7", "cidr": "10.21.0.0/16"}),
    );
    act(
        &mut w,
        json!({"action": "request_peering", "vpc": "vpc-0387c95131bdddc4e", "peer_vpc": "vpc-0a3faf23a9dd1dad7"}),
    );
    let v = view(&w);
    let pending: Vec<&Value> = v["peerings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["phase"] == "pending")
        .collect();
    assert_eq!(pending.len(), 1, "{}", v["peerings"]);
    assert_eq!(
        pending[0]["route_target"], true,
        "a route may point at a peering not yet accepted"
    );
}

#[test]
fn a_deleted_nat_gateway_is_gone_and_no_route_target() {
    let mut w = Workspace::load_exercise("sns-interface-endpoint").unwrap();
    let before = view(&w);
    let nat = find(&before, "id", "nat-03acc537212c842c2");
    assert_eq!(nat.len(), 1);
    assert_eq!(nat[0]["gone"], false);
    assert_eq!(nat[0]["route_target"], true);
    act(
        &mut w,
        json!({"action": "delete_nat_gateway", "nat_gateway": "nat-03acc537212c842c2"}),
    );
    let after = view(&w);
    for n in find(&after, "id", "nat-03acc537212c842c2") {
        assert_eq!(n["gone"], true, "{n}");
        assert_eq!(n["route_target"], false, "{n}");
    }
}

#[test]
fn an_ecs_task_interface_says_what_it_is_and_endpoints_say_what_they_take() {
    let mut w = Workspace::load_exercise("sns-interface-endpoint").unwrap();
    let v = view(&w);
    let eni = find(&v, "id", "eni-036366b9d9ea8d528");
    assert_eq!(eni.len(), 1);
    assert_eq!(eni[0]["what"], "ECS task");
    // A trace picker and a trace headline name it by what it is, not by its attachment's ARN.
    let choices = serde_json::to_value(vpclab_core::reach::choices(w.estate())).unwrap();
    let c = find(&choices, "id", "eni-036366b9d9ea8d528");
    assert_eq!(c[0]["name"], "ECS task", "{}", c[0]);

    act(
        &mut w,
        json!({"action": "create_gateway_endpoint", "vpc": "vpc-035161ae280145528", "service": "s3", "route_tables": ["rtb-0c8b6c929b7a4288e"]}),
    );
    let v = view(&w);
    let endpoints: Vec<&Value> = find(&v, "kind", "Gateway");
    let gw = endpoints
        .iter()
        .find(|e| e["service"].as_str().is_some_and(|s| s.ends_with(".s3")))
        .expect("the S3 gateway endpoint");
    assert_eq!(gw["has_route_tables"], true);
    assert_eq!(gw["route_target"], false);
}

#[test]
fn a_network_acl_keeps_its_name_tag() {
    let doc = json!({
        "AccountId": "111122223333", "Region": "us-east-1",
        "Vpcs": [{"VpcId": "vpc-0a1b2c3d4e5f60718", "CidrBlock": "10.0.0.0/16"}],
        "NetworkAcls": [{"NetworkAclId": "acl-0a1b2c3d4e5f60718", "VpcId": "vpc-0a1b2c3d4e5f60718", "IsDefault": true,
            "Entries": [], "Tags": [{"Key": "Name", "Value": "app-acl"}]}]
    });
    let w = Workspace::from_documents(&[("acl.json".to_string(), doc)]).unwrap();
    let v = view(&w);
    let acl = find(&v, "id", "acl-0a1b2c3d4e5f60718");
    assert_eq!(acl[0]["name"], "app-acl");
    // And it is written back: the export keeps the tag.
    let out = serde_json::to_string(&w.export()).unwrap();
    assert!(out.contains("app-acl"), "{out}");
}

/// A sandbox VPN built with the actions: the view lists the vgw (a route target once attached),
/// the customer gateway, the VPN connection with its static route, the table's propagating vgw
/// and the route it propagates (origin `EnableVgwRoutePropagation`), and the Direct Connect
/// gateway with its association; a detached vgw is not a route target.
#[test]
fn vpn_and_direct_connect_resources_are_listed_with_their_flags() {
    let mut w = Workspace::sandbox(vpclab_core::model::Estate::default());
    let id = |w: &mut Workspace, v: Value| {
        let a: Action = serde_json::from_value(v.clone()).unwrap();
        w.apply(a).unwrap_or_else(|e| panic!("{v}: {e:?}")).created[0].clone()
    };
    let vpc = id(
        &mut w,
        json!({"action": "create_vpc", "cidr": "10.0.0.0/16", "name": "app"}),
    );
    let rtb = w.estate().route_tables.keys().next().unwrap().to_string();
    let vgw = id(&mut w, json!({"action": "create_vpn_gateway", "name": "to-dc"}));
    let v = view(&w);
    assert_eq!(find(&v, "id", &vgw)[0]["route_target"], false);
    act(
        &mut w,
        json!({"action": "attach_vpn_gateway", "vpn_gateway": vgw, "vpc": vpc}),
    );
    let cgw = id(
        &mut w,
        json!({"action": "create_customer_gateway", "ip_address": "203.0.113.12"}),
    );
    let vpn = id(
        &mut w,
        json!({"action": "create_vpn_connection", "customer_gateway": cgw, "vpn_gateway": vgw, "static_routes_only": true}),
    );
    act(
        &mut w,
        json!({"action": "create_vpn_connection_route", "vpn_connection": vpn, "destination": "192.168.0.0/16"}),
    );
    act(
        &mut w,
        json!({"action": "enable_vgw_route_propagation", "route_table": rtb, "vpn_gateway": vgw}),
    );
    let dx = id(
        &mut w,
        json!({"action": "create_direct_connect_gateway", "name": "dx"}),
    );
    act(
        &mut w,
        json!({"action": "create_direct_connect_gateway_association", "direct_connect_gateway": dx, "vpn_gateway": vgw}),
    );
    let v = view(&w);
    let region = &v["accounts"][0]["regions"][0];
    assert_eq!(region["vpn_gateways"][0]["id"], vgw.as_str());
    assert_eq!(region["vpn_gateways"][0]["attached_vpc"], vpc.as_str());
    assert_eq!(region["vpn_gateways"][0]["route_target"], true);
    assert_eq!(region["customer_gateways"][0]["ip_address"], "203.0.113.12");
    let c = &region["vpn_connections"][0];
    assert_eq!(
        (c["id"].as_str(), c["tunnels_up"].as_u64()),
        (Some(vpn.as_str()), Some(2))
    );
    assert_eq!(c["routes"], json!(["192.168.0.0/16"]));
    let table = &find(&v, "id", &rtb)[0];
    assert_eq!(table["propagating_vgws"], json!([vgw]));
    let propagated = table["routes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["destination"] == "192.168.0.0/16")
        .expect("the propagated route is shown");
    assert_eq!(
        (propagated["target"].as_str(), propagated["origin"].as_str()),
        (Some(vgw.as_str()), Some("EnableVgwRoutePropagation"))
    );
    let g = &v["direct_connect_gateways"][0];
    assert_eq!(
        (g["id"].as_str(), g["name"].as_str()),
        (Some(dx.as_str()), Some("dx"))
    );
    assert_eq!(g["associations"][0]["gateway"], vgw.as_str());
    assert_eq!(g["associations"][0]["allowed_prefixes"], json!(["10.0.0.0/16"]));
}
