//! `vpclab reach` run as a real process: exit 0 whatever the verdict, 2 for bad input, the JSON
//! contract, readable text.

mod common;

use common::{vpclab, ScratchFile};

use std::path::Path;

use serde_json::{json, Value};

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/batfish")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

/// Two VPCs peered; B has no route back unless `route_back`.
fn peering(route_back: bool) -> Value {
    let mut b_routes = vec![json!({"DestinationCidrBlock": "10.1.0.0/16", "GatewayId": "local"})];
    if route_back {
        b_routes.push(json!({"DestinationCidrBlock": "10.0.0.0/16", "VpcPeeringConnectionId": "pcx-1"}));
    }
    let sg = |id: &str, vpc: &str| {
        json!({"GroupId": id, "VpcId": vpc, "GroupName": id,
            "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]}],
            "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]})
    };
    json!({
        "AccountId": "111122223333", "Region": "us-east-1",
        "Vpcs": [{"VpcId": "vpc-a", "CidrBlock": "10.0.0.0/16"}, {"VpcId": "vpc-b", "CidrBlock": "10.1.0.0/16"}],
        "Subnets": [
            {"SubnetId": "subnet-a", "VpcId": "vpc-a", "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "us-east-1a"},
            {"SubnetId": "subnet-b", "VpcId": "vpc-b", "CidrBlock": "10.1.1.0/24", "AvailabilityZone": "us-east-1a"}],
        "RouteTables": [
            {"RouteTableId": "rtb-a", "VpcId": "vpc-a", "Associations": [{"Main": true}],
             "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local"},
                        {"DestinationCidrBlock": "10.1.0.0/16", "VpcPeeringConnectionId": "pcx-1"}]},
            {"RouteTableId": "rtb-b", "VpcId": "vpc-b", "Associations": [{"Main": true}], "Routes": b_routes}],
        "VpcPeeringConnections": [{"VpcPeeringConnectionId": "pcx-1", "Status": {"Code": "active"},
            "RequesterVpcInfo": {"VpcId": "vpc-a", "CidrBlock": "10.0.0.0/16", "OwnerId": "111122223333", "Region": "us-east-1"},
            "AccepterVpcInfo": {"VpcId": "vpc-b", "CidrBlock": "10.1.0.0/16", "OwnerId": "111122223333", "Region": "us-east-1"}}],
        "SecurityGroups": [sg("sg-a", "vpc-a"), sg("sg-b", "vpc-b")],
        "Reservations": [{"OwnerId": "111122223333", "Instances": [
            {"InstanceId": "i-a", "VpcId": "vpc-a", "SubnetId": "subnet-a", "PrivateIpAddress": "10.0.1.10",
             "SecurityGroups": [{"GroupId": "sg-a"}], "State": {"Name": "running"}},
            {"InstanceId": "i-b", "VpcId": "vpc-b", "SubnetId": "subnet-b", "PrivateIpAddress": "10.1.1.10",
             "SecurityGroups": [{"GroupId": "sg-b"}], "State": {"Name": "running"}}]}]
    })
}

#[test]
fn json_contract_reachable() {
    let f = ScratchFile::new("reach", "estate.json", &peering(true).to_string());
    let run = vpclab(&[
        "reach",
        "--aws",
        f.path(),
        "--from",
        "i-a",
        "--to",
        "i-b",
        "--port",
        "22",
        "--json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["reachable"], true);
    assert_eq!(v["blocked"], Value::Null);
    assert_eq!(v["forward"]["reached"], true);
    assert_eq!(v["return"]["reached"], true);
    let hops = v["forward"]["hops"].as_array().unwrap();
    for hop in hops {
        for key in [
            "at",
            "kind",
            "route_table",
            "matched",
            "target",
            "rule",
            "decision",
            "message",
        ] {
            assert!(hop.get(key).is_some(), "{key} missing in {hop}");
        }
    }
    let route = hops.iter().find(|h| h["kind"] == "route_table").unwrap();
    assert_eq!(route["route_table"], "rtb-a");
    assert_eq!(route["matched"], "10.1.0.0/16");
    assert_eq!(route["target"], "pcx-1");
    assert!(hops
        .iter()
        .any(|h| h["kind"] == "peering_connection" && h["at"] == "pcx-1"));
}

#[test]
fn json_contract_blocked_exits_zero() {
    let f = ScratchFile::new("reach", "estate.json", &peering(false).to_string());
    let run = vpclab(&[
        "reach",
        "--aws",
        f.path(),
        "--from",
        "i-a",
        "--to",
        "i-b",
        "--port",
        "22",
        "--json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["reachable"], false);
    assert_eq!(v["forward"]["reached"], true);
    assert_eq!(v["return"]["reached"], false);
    assert_eq!(v["blocked"]["code"], "NO_RETURN_ROUTE");
    assert_eq!(v["blocked"]["at"], "rtb-b");
    assert!(v["blocked"]["message"].as_str().unwrap().contains("10.0.1.10"));
    // A forward failure: return not traced.
    let run = vpclab(&[
        "reach",
        "--aws",
        f.path(),
        "--from",
        "i-a",
        "--to",
        "i-b",
        "--port",
        "80",
        "--json",
    ]);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["blocked"]["code"], "SG_INGRESS_DENY");
    assert_eq!(v["return"]["reached"], Value::Null);
}

#[test]
fn text_output() {
    let f = ScratchFile::new("reach", "estate.json", &peering(true).to_string());
    let run = vpclab(&[
        "reach",
        "--aws",
        f.path(),
        "--from",
        "i-a",
        "--to",
        "10.1.1.10",
        "--port",
        "22",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("i-a (10.0.1.10) → i-b (10.1.1.10), tcp/22: REACHABLE"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("[rtb-a: 10.1.0.0/16 → pcx-1]"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("\nreturn (arrives):"), "{}", run.stdout);
    let run = vpclab(&[
        "reach",
        "--aws",
        f.path(),
        "--from",
        "i-b",
        "--to",
        "i-a",
        "--protocol",
        "icmp",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("NOT REACHABLE: SG_INGRESS_DENY at sg-a"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("return (not traced"), "{}", run.stdout);
}

#[test]
fn bad_input_exits_two() {
    let f = ScratchFile::new("reach", "estate.json", &peering(true).to_string());
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["--from", "i-nope", "--to", "i-b", "--port", "22"],
            "unknown instance 'i-nope'",
        ),
        (vec!["--from", "i-a", "--to", "i-b"], "needs a destination port"),
        (
            vec![
                "--from",
                "i-a",
                "--to",
                "i-b",
                "--protocol",
                "sctp",
                "--port",
                "1",
            ],
            "unknown protocol 'sctp'",
        ),
        (
            vec!["--from", "i-a", "--to", "eni-x", "--port", "22"],
            "unknown network interface",
        ),
    ];
    for (args, want) in cases {
        let mut all = vec!["reach", "--aws", f.path()];
        all.extend(args);
        let run = vpclab(&all);
        assert_eq!(run.code, 2, "{all:?}");
        assert!(run.stderr.contains(want), "{all:?}: {}", run.stderr);
        assert!(run.stdout.is_empty());
    }
    let broken = ScratchFile::new("reach", "estate.json", r#"{"Vpcs": [{"VpcId": 7}]}"#);
    let run = vpclab(&[
        "reach",
        "--aws",
        broken.path(),
        "--from",
        "i-a",
        "--to",
        "i-b",
        "--port",
        "22",
    ]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("$.Vpcs[0].VpcId"), "{}", run.stderr);
    let run = vpclab(&[
        "reach",
        "--aws",
        "/nonexistent/estate.json",
        "--from",
        "i-a",
        "--to",
        "i-b",
        "--port",
        "22",
    ]);
    assert_eq!(run.code, 2);
}

/// A Batfish snapshot folder: VPC A reaches VPC B over the transit gateway.
#[test]
fn batfish_transit_gateway_folder() {
    let run = vpclab(&[
        "reach",
        "--aws",
        &fixture("test-transit-gateway"),
        "--from",
        "i-06ba034d88c84ef07",
        "--to",
        "i-0b14080af811fda3d",
        "--port",
        "22",
        "--json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["reachable"], true, "{}", run.stdout);
    let kinds: Vec<&str> = v["forward"]["hops"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|h| h["kind"].as_str())
        .collect();
    assert!(kinds.contains(&"transit_gateway_route_table"), "{kinds:?}");
}

#[test]
fn a_blocked_trace_reads_names_first_with_the_code_kept() {
    let mut doc = peering(false);
    doc["RouteTables"][1]["Tags"] = json!([{"Key": "Name", "Value": "B main\nline"}]);
    doc["Subnets"][1]["Tags"] = json!([{"Key": "Name", "Value": "B-app"}]);
    let f = ScratchFile::new("reach", "named.json", &doc.to_string());
    let args = [
        "reach",
        "--aws",
        f.path(),
        "--from",
        "i-a",
        "--to",
        "i-b",
        "--port",
        "22",
    ];
    let run = vpclab(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The code stays on the verdict line; the sentence under it names the table, then its id
    // (a newline in a name is printed escaped).
    assert!(
        run.stdout.contains(
            "NOT REACHABLE: NO_RETURN_ROUTE at rtb-b\n  No return route: route table B main\\nline (rtb-b) of B-app (subnet-b) has no route for 10.0.1.10"
        ),
        "{}",
        run.stdout
    );
    let mut json_args = args.to_vec();
    json_args.push("--json");
    let v: Value = serde_json::from_str(&vpclab(&json_args).stdout).unwrap();
    assert_eq!(v["blocked"]["at_name"], "B main\nline");
    assert!(v["blocked"]["headline"]
        .as_str()
        .unwrap()
        .starts_with("No return route: route table B main\nline (rtb-b)"));
    assert_eq!(v["from"]["label"], "i-a");
}
