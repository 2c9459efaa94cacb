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
