//! The cost facade of `Session`, run in headless Chromium by `wasm-bindgen-test-runner`. The
//! pricing itself is tested natively in vpclab-core; these tests check what JavaScript receives:
//! plain objects with numbers, null flows, arrays, and thrown Errors with core's messages.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Error, Reflect};
use vpclab_wasm::Session;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).expect("object")
}

fn num(obj: &JsValue, key: &str) -> f64 {
    get(obj, key)
        .as_f64()
        .unwrap_or_else(|| panic!("{key} is not a number"))
}

fn text(obj: &JsValue, key: &str) -> String {
    get(obj, key)
        .as_string()
        .unwrap_or_else(|| panic!("{key} is not a string"))
}

fn array(value: &JsValue) -> Vec<JsValue> {
    assert!(Array::is_array(value), "{value:?} is not an array");
    Array::from(value).iter().collect()
}

/// The message of the JS `Error` a call threw.
fn thrown(result: Result<JsValue, wasm_bindgen::JsError>) -> String {
    let value = JsValue::from(result.expect_err("should throw"));
    let error: Error = value.dyn_into().expect("a JS Error");
    error.message().into()
}

/// A private subnet (1b) reaching S3 through a NAT gateway in a public subnet (1a); with
/// `endpoint`, through an S3 gateway endpoint instead.
fn design(endpoint: bool) -> String {
    let private_route = if endpoint {
        r#"{"DestinationPrefixListId": "pl-63a5400a", "GatewayId": "vpce-s3"}"#
    } else {
        r#"{"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": "nat-1"}"#
    };
    let extra = if endpoint {
        r#""VpcEndpoints": [{"VpcEndpointId": "vpce-s3", "VpcEndpointType": "Gateway", "VpcId": "vpc-1",
            "ServiceName": "com.amazonaws.us-east-1.s3", "State": "available", "RouteTableIds": ["rtb-priv"]}]"#
    } else {
        r#""NatGateways": [{"NatGatewayId": "nat-1", "VpcId": "vpc-1", "SubnetId": "subnet-pub", "State": "available",
            "NatGatewayAddresses": [{"NetworkInterfaceId": "eni-nat", "PrivateIp": "10.0.0.5", "PublicIp": "198.51.100.5"}]}]"#
    };
    format!(
        r#"{{"AccountId": "111122223333", "Region": "us-east-1",
      "Vpcs": [{{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}}],
      "Subnets": [
        {{"SubnetId": "subnet-pub", "VpcId": "vpc-1", "CidrBlock": "10.0.0.0/24", "AvailabilityZone": "us-east-1a"}},
        {{"SubnetId": "subnet-priv", "VpcId": "vpc-1", "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "us-east-1b"}}],
      "InternetGateways": [{{"InternetGatewayId": "igw-1", "Attachments": [{{"State": "available", "VpcId": "vpc-1"}}]}}],
      "RouteTables": [
        {{"RouteTableId": "rtb-pub", "VpcId": "vpc-1", "Associations": [{{"Main": true}}],
         "Routes": [{{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local"}},
                    {{"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1"}}]}},
        {{"RouteTableId": "rtb-priv", "VpcId": "vpc-1", "Associations": [{{"Main": false, "SubnetId": "subnet-priv"}}],
         "Routes": [{{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local"}}, {private_route}]}}],
      "SecurityGroups": [{{"GroupId": "sg-1", "VpcId": "vpc-1",
        "IpPermissions": [{{"IpProtocol": "-1", "IpRanges": [{{"CidrIp": "0.0.0.0/0"}}]}}],
        "IpPermissionsEgress": [{{"IpProtocol": "-1", "IpRanges": [{{"CidrIp": "0.0.0.0/0"}}]}}]}}],
      "Reservations": [{{"OwnerId": "111122223333", "Instances": [
        {{"InstanceId": "i-b", "VpcId": "vpc-1", "SubnetId": "subnet-priv", "PrivateIpAddress": "10.0.1.10",
         "SecurityGroups": [{{"GroupId": "sg-1"}}], "State": {{"Name": "running"}}}}]}}],
      {extra}}}"#
    )
}

const TRAFFIC: &str = r#"{"flows":[{"from":"i-b","to":"s3","gb_per_month":100},
                                   {"from":"i-b","to":"10.0.9.9","gb_per_month":5}]}"#;

fn session(endpoint: bool) -> Session {
    let mut s = Session::new();
    s.load_documents(&design(endpoint)).expect("loads");
    s
}

#[wasm_bindgen_test]
fn cost_is_a_plain_object_with_items_and_their_arithmetic() {
    let r = session(false).cost(TRAFFIC, None).unwrap();
    // NAT 32.85 + EIP 3.65 + 1b → 1a 1.00 + 1.00 + NAT 100 × 0.045 = 4.50.
    assert_eq!(num(&r, "monthly_usd"), 43.0);
    let items = array(&get(&r, "items"));
    assert_eq!(items.len(), 6);
    let nat = &items[0];
    assert_eq!(text(nat, "kind"), "nat_gateway_hours");
    assert_eq!(text(nat, "resource"), "nat-1");
    assert_eq!(num(nat, "quantity"), 730.0);
    assert_eq!(num(nat, "unit_usd"), 0.045);
    assert_eq!(text(nat, "arithmetic"), "730 NAT gateway-hours × $0.045 = $32.85");
    assert_eq!(text(nat, "payer"), "111122223333");
    assert!(get(nat, "flow").is_null());
    assert_eq!(num(&items[2], "flow"), 0.0);
    // The second flow's address is in no subnet: listed, not priced.
    let unreachable = array(&get(&r, "unreachable"));
    assert_eq!(unreachable.len(), 1);
    assert_eq!(num(&unreachable[0], "flow"), 1.0);
    assert_eq!(text(&unreachable[0], "code"), "ADDRESS_NOT_IN_SUBNET");
    let prices = get(&r, "prices");
    assert_eq!(text(&prices, "region"), "us-east-1");
    assert_eq!(
        text(&get(&prices, "source"), "url"),
        "https://aws.amazon.com/vpc/pricing/"
    );
}

#[wasm_bindgen_test]
fn a_price_table_round_trips_through_javascript() {
    let s = session(false);
    let table = s.price_table("eu-west-1").unwrap();
    assert_eq!(num(&get(&table, "nat_gateway_hour"), "usd"), 0.048);
    assert_eq!(text(&get(&table, "nat_gateway_hour"), "unit"), "NAT gateway-hour");
    assert_eq!(num(&table, "hours_per_month"), 730.0);
    // The page edits the table and passes it back as JSON.
    Reflect::set(
        &get(&table, "nat_gateway_hour"),
        &"usd".into(),
        &JsValue::from_f64(0.1),
    )
    .unwrap();
    let json: String = js_sys::JSON::stringify(&table).unwrap().into();
    let r = s.cost(TRAFFIC, Some(json)).unwrap();
    // 730 × 0.10 = 73.00 + 3.65 + 2.00 + 100 × 0.048 = 4.80.
    assert_eq!(num(&r, "monthly_usd"), 83.45);
    assert_eq!(text(&get(&r, "prices"), "region"), "eu-west-1");
    assert!(thrown(s.price_table("mars-north-1")).contains("no price table for region 'mars-north-1'"));
}

#[wasm_bindgen_test]
fn compare_cost_gives_both_totals_and_the_difference() {
    let s = session(false);
    let c = s.compare_cost(&design(true), TRAFFIC, None).unwrap();
    assert_eq!(num(&c, "a_monthly_usd"), 43.0);
    assert_eq!(num(&c, "b_monthly_usd"), 0.0);
    assert_eq!(num(&c, "difference_usd"), -43.0);
    let kinds = array(&get(&c, "by_kind"));
    let nat = kinds
        .iter()
        .find(|k| text(k, "kind") == "nat_gateway_hours")
        .expect("NAT hours");
    assert_eq!(num(nat, "difference_usd"), -32.85);
    assert_eq!(num(&get(&c, "b"), "monthly_usd"), 0.0);
}

#[wasm_bindgen_test]
fn bad_input_throws_errors_with_core_messages() {
    let s = session(false);
    let cases: &[(&str, Option<&str>, &str)] = &[
        ("{", None, "traffic file is not valid"),
        (
            r#"{"flows":[{"from":"i-b","to":"s3","gb_per_month":-1}]}"#,
            None,
            "'gb_per_month'",
        ),
        (TRAFFIC, Some(r#"{"region": 1}"#), "price table is not valid"),
    ];
    for (traffic, prices, want) in cases {
        let message = thrown(s.cost(traffic, prices.map(str::to_string)));
        assert!(message.contains(want), "{message} should contain {want}");
    }
    // An unknown end does not refuse the estimate: the page lists that flow as not priced, with
    // the engine's message naming the end, and prices the rest.
    let r = s
        .cost(
            r#"{"flows":[{"from":"i-nope","to":"s3","gb_per_month":1}]}"#,
            None,
        )
        .unwrap();
    let unpriced = array(&get(&r, "unpriced"));
    assert_eq!(num(&unpriced[0], "flow"), 0.0);
    assert!(text(&unpriced[0], "message").contains("'i-nope'"));
    let message = thrown(s.compare_cost("not json", TRAFFIC, None));
    assert!(
        message.starts_with("other design: $: not valid JSON"),
        "{message}"
    );
}
