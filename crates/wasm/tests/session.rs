//! The `Session` facade in headless Chromium (`wasm-bindgen-test-runner`): what JavaScript
//! receives from loadDocuments, reach, validate, exportDocuments, endpoints and loadFiles, and the
//! Errors it gets for bad input. The engine itself is tested natively in vpclab-core.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Error, Object, Reflect};
use vpclab_wasm::Session;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).expect("object")
}

fn path(obj: &JsValue, keys: &[&str]) -> JsValue {
    keys.iter().fold(obj.clone(), |v, k| get(&v, k))
}

fn error_message(e: JsValue) -> String {
    let err: Error = e.dyn_into().expect("a JS Error");
    err.message().into()
}

/// Two peered VPCs; `route_back` adds B's route to A.
fn peered(route_back: bool) -> String {
    let back = if route_back {
        r#",{"DestinationCidrBlock": "10.0.0.0/16", "VpcPeeringConnectionId": "pcx-1"}"#
    } else {
        ""
    };
    format!(
        r#"{{"AccountId": "111122223333", "Region": "us-east-1",
      "Vpcs": [{{"VpcId": "vpc-a", "CidrBlock": "10.0.0.0/16"}}, {{"VpcId": "vpc-b", "CidrBlock": "10.1.0.0/16"}}],
      "Subnets": [{{"SubnetId": "subnet-a", "VpcId": "vpc-a", "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "us-east-1a"}},
                  {{"SubnetId": "subnet-b", "VpcId": "vpc-b", "CidrBlock": "10.1.1.0/24", "AvailabilityZone": "us-east-1a"}}],
      "RouteTables": [
        {{"RouteTableId": "rtb-a", "VpcId": "vpc-a", "Associations": [{{"Main": true}}],
         "Routes": [{{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local"}},
                    {{"DestinationCidrBlock": "10.1.0.0/16", "VpcPeeringConnectionId": "pcx-1"}}]}},
        {{"RouteTableId": "rtb-b", "VpcId": "vpc-b", "Associations": [{{"Main": true}}],
         "Routes": [{{"DestinationCidrBlock": "10.1.0.0/16", "GatewayId": "local"}}{back}]}}],
      "VpcPeeringConnections": [{{"VpcPeeringConnectionId": "pcx-1", "Status": {{"Code": "active"}},
        "RequesterVpcInfo": {{"VpcId": "vpc-a", "CidrBlock": "10.0.0.0/16"}},
        "AccepterVpcInfo": {{"VpcId": "vpc-b", "CidrBlock": "10.1.0.0/16"}}}}],
      "SecurityGroups": [
        {{"GroupId": "sg-a", "VpcId": "vpc-a", "IpPermissions": [],
          "IpPermissionsEgress": [{{"IpProtocol": "-1", "IpRanges": [{{"CidrIp": "0.0.0.0/0"}}]}}]}},
        {{"GroupId": "sg-b", "VpcId": "vpc-b",
          "IpPermissions": [{{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{{"CidrIp": "10.0.0.0/16"}}]}}],
          "IpPermissionsEgress": []}}],
      "Reservations": [{{"OwnerId": "111122223333", "Instances": [
        {{"InstanceId": "i-a", "VpcId": "vpc-a", "SubnetId": "subnet-a", "PrivateIpAddress": "10.0.1.10",
          "SecurityGroups": [{{"GroupId": "sg-a"}}], "State": {{"Name": "running"}}}},
        {{"InstanceId": "i-b", "VpcId": "vpc-b", "SubnetId": "subnet-b", "PrivateIpAddress": "10.1.1.10",
          "SecurityGroups": [{{"GroupId": "sg-b"}}], "State": {{"Name": "running"}}}}]}}]}}"#
    )
}

#[wasm_bindgen_test]
fn load_documents_returns_a_summary() {
    let mut s = Session::new();
    let summary = s.load_documents(&peered(true)).expect("loads");
    assert_eq!(get(&summary, "vpcs").as_f64(), Some(2.0));
    assert_eq!(get(&summary, "peerings").as_f64(), Some(1.0));
    assert_eq!(get(&summary, "instances").as_f64(), Some(2.0));
    // An array of documents is accepted too.
    let summary = s
        .load_documents(&format!("[{}]", peered(true)))
        .expect("loads an array");
    assert_eq!(get(&summary, "documents").as_f64(), Some(1.0));
}

#[wasm_bindgen_test]
fn reach_true_and_false_with_codes() {
    let mut s = Session::new();
    s.load_documents(&peered(true)).unwrap();
    let t = s
        .reach("i-a", "i-b", Some("tcp".into()), Some(22.0), None)
        .expect("a trace");
    assert_eq!(get(&t, "reachable").as_bool(), Some(true));
    assert!(get(&t, "blocked").is_null());
    assert_eq!(path(&t, &["return", "reached"]).as_bool(), Some(true));
    let hops = Array::from(&path(&t, &["forward", "hops"]));
    assert!(hops.length() >= 4);
    let kinds: Vec<String> = hops.iter().filter_map(|h| get(&h, "kind").as_string()).collect();
    assert!(kinds.contains(&"peering_connection".to_string()), "{kinds:?}");
    let route = hops
        .iter()
        .find(|h| get(h, "kind").as_string().as_deref() == Some("route_table"))
        .unwrap();
    assert_eq!(get(&route, "matched").as_string().as_deref(), Some("10.1.0.0/16"));
    assert!(get(&route, "rule").is_null());

    // Wrong port: the destination's security group.
    let t = s.reach("i-a", "i-b", None, Some(80.0), None).unwrap();
    assert_eq!(get(&t, "reachable").as_bool(), Some(false));
    assert_eq!(
        path(&t, &["blocked", "code"]).as_string().as_deref(),
        Some("SG_INGRESS_DENY")
    );
    assert!(path(&t, &["return", "reached"]).is_null());

    // No route back.
    s.load_documents(&peered(false)).unwrap();
    let t = s.reach("i-a", "i-b", None, Some(22.0), None).unwrap();
    assert_eq!(
        path(&t, &["blocked", "code"]).as_string().as_deref(),
        Some("NO_RETURN_ROUTE")
    );
    assert_eq!(path(&t, &["blocked", "at"]).as_string().as_deref(), Some("rtb-b"));
    assert_eq!(path(&t, &["forward", "reached"]).as_bool(), Some(true));
}

#[wasm_bindgen_test]
fn reach_refuses_questions_it_cannot_ask() {
    let mut s = Session::new();
    s.load_documents(&peered(true)).unwrap();
    let msg = error_message(
        s.reach("i-a", "i-nope", None, Some(22.0), None)
            .map_err(JsValue::from)
            .unwrap_err(),
    );
    assert!(msg.contains("unknown instance 'i-nope'"), "{msg}");
    let msg = error_message(
        s.reach("i-a", "i-b", None, None, None)
            .map_err(JsValue::from)
            .unwrap_err(),
    );
    assert!(msg.contains("port"), "{msg}");
    let msg = error_message(
        s.reach("i-a", "i-b", None, Some(1.5), None)
            .map_err(JsValue::from)
            .unwrap_err(),
    );
    assert!(msg.contains("1.5"), "{msg}");
    // Over IPv6 (the fifth argument): these instances have no IPv6 address.
    let msg = error_message(
        s.reach("i-a", "i-b", None, Some(22.0), Some(true))
            .map_err(JsValue::from)
            .unwrap_err(),
    );
    assert!(msg.contains("i-a has no IPv6 address"), "{msg}");
}

#[wasm_bindgen_test]
fn validate_reports_codes() {
    let mut s = Session::new();
    s.load_documents(&peered(true)).unwrap();
    let d = s.validate_js().unwrap();
    assert_eq!(Array::from(&get(&d, "errors")).length(), 0);
    let overlapping = peered(true)
        .replace("10.1.0.0/16", "10.0.0.0/16")
        .replace("10.1.1.0/24", "10.0.1.0/24");
    s.load_documents(&overlapping).unwrap();
    let d = s.validate_js().unwrap();
    let codes: Vec<String> = Array::from(&get(&d, "errors"))
        .iter()
        .filter_map(|e| get(&e, "code").as_string())
        .collect();
    assert!(codes.contains(&"OVERLAPPING_PEER_CIDR".to_string()), "{codes:?}");
}

#[wasm_bindgen_test]
fn bad_json_throws_with_a_message_and_keeps_the_estate() {
    let mut s = Session::new();
    s.load_documents(&peered(true)).unwrap();
    let msg = error_message(
        s.load_documents("{\"Vpcs\": [")
            .map_err(JsValue::from)
            .unwrap_err(),
    );
    assert!(msg.contains("it is not JSON: line 1, column 10"), "{msg}");
    let msg = error_message(
        s.load_documents(r#"{"Vpcs": [{"VpcId": 7}]}"#)
            .map_err(JsValue::from)
            .unwrap_err(),
    );
    assert!(msg.contains("$.Vpcs[0].VpcId"), "{msg}");
    let t = s.reach("i-a", "i-b", None, Some(22.0), None).unwrap();
    assert_eq!(get(&t, "reachable").as_bool(), Some(true));
}

#[wasm_bindgen_test]
fn export_round_trips_and_endpoints_list() {
    let mut s = Session::new();
    s.load_documents(&peered(true)).unwrap();
    let text = s.export_documents().unwrap();
    let mut again = Session::new();
    let summary = again.load_documents(&text).unwrap();
    assert_eq!(get(&summary, "vpcs").as_f64(), Some(2.0));
    assert_eq!(again.export_documents().unwrap(), text);
    let ends = Array::from(&s.endpoints().unwrap());
    let ids: Vec<String> = ends.iter().filter_map(|e| get(&e, "id").as_string()).collect();
    assert_eq!(ids, vec!["i-a", "i-b"]);
    assert_eq!(
        get(&ends.get(0), "address").as_string().as_deref(),
        Some("10.0.1.10")
    );
}

#[wasm_bindgen_test]
fn load_files_takes_a_snapshot_folder() {
    let file = |path: &str, text: &str| {
        let o = Object::new();
        Reflect::set(&o, &"path".into(), &path.into()).unwrap();
        Reflect::set(&o, &"text".into(), &text.into()).unwrap();
        o
    };
    let files = Array::new();
    files.push(&file(
        "aws_configs/Vpcs.json",
        r#"{"Vpcs": [{"VpcId": "vpc-1", "OwnerId": "111122223333", "CidrBlock": "10.0.0.0/16"}]}"#,
    ));
    files.push(&file(
        "aws_configs/Subnets.json",
        r#"{"Subnets": [{"SubnetId": "subnet-1", "VpcId": "vpc-1", "OwnerId": "111122223333", "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "us-east-2a"}]}"#,
    ));
    let mut s = Session::new();
    let summary = s.load_files(files.into()).expect("loads");
    assert_eq!(get(&summary, "subnets").as_f64(), Some(1.0));
    let msg = error_message(
        s.load_files(JsValue::from_str("nope"))
            .map_err(JsValue::from)
            .unwrap_err(),
    );
    assert!(msg.contains("{path, text}"), "{msg}");
}
