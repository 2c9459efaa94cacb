//! `vpclab cost` run as a real process: the JSON contract, the table with its total, unreachable
//! flows, --prices, --compare, and exit code 2 with messages naming the bad input.

mod common;

use common::{json_of, vpclab, Scratch};

use serde_json::{json, Value};

const ACCOUNT: &str = "111122223333";

/// One VPC: a public subnet (1a) with an internet gateway, a private subnet (1b) with instance
/// i-b, whose route table sends `private_routes`. With `nat`, a NAT gateway in the public subnet;
/// with `s3_endpoint`, a gateway endpoint for S3 on the private table.
fn design(nat: bool, s3_endpoint: bool) -> String {
    let all = json!([{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]);
    let acl = |egress: bool, n: u16, action: &str| json!({"RuleNumber": n, "Egress": egress, "RuleAction": action, "Protocol": "-1", "CidrBlock": "0.0.0.0/0"});
    let mut private_routes =
        vec![json!({"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"})];
    if nat {
        private_routes
            .push(json!({"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": "nat-1", "State": "active"}));
    }
    if s3_endpoint {
        private_routes.push(
            json!({"DestinationPrefixListId": "pl-63a5400a", "GatewayId": "vpce-s3", "State": "active"}),
        );
    }
    let mut doc = json!({
        "AccountId": ACCOUNT, "Region": "us-east-1",
        "Vpcs": [{"VpcId": "vpc-1", "OwnerId": ACCOUNT, "CidrBlock": "10.0.0.0/16"}],
        "Subnets": [
            {"SubnetId": "subnet-pub", "VpcId": "vpc-1", "OwnerId": ACCOUNT, "AvailabilityZone": "us-east-1a", "CidrBlock": "10.0.0.0/24"},
            {"SubnetId": "subnet-priv", "VpcId": "vpc-1", "OwnerId": ACCOUNT, "AvailabilityZone": "us-east-1b", "CidrBlock": "10.0.1.0/24"}],
        "InternetGateways": [{"InternetGatewayId": "igw-1", "OwnerId": ACCOUNT, "Attachments": [{"State": "available", "VpcId": "vpc-1"}]}],
        "RouteTables": [
            {"RouteTableId": "rtb-pub", "VpcId": "vpc-1", "OwnerId": ACCOUNT,
             "Associations": [{"Main": true}, {"Main": false, "SubnetId": "subnet-pub"}],
             "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"},
                        {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1", "State": "active"}]},
            {"RouteTableId": "rtb-priv", "VpcId": "vpc-1", "OwnerId": ACCOUNT,
             "Associations": [{"Main": false, "SubnetId": "subnet-priv"}], "Routes": private_routes}],
        "NetworkAcls": [{"NetworkAclId": "acl-1", "VpcId": "vpc-1", "OwnerId": ACCOUNT, "IsDefault": true,
            "Entries": [acl(false, 100, "allow"), acl(true, 100, "allow"), acl(false, 32767, "deny"), acl(true, 32767, "deny")]}],
        "SecurityGroups": [{"GroupId": "sg-1", "GroupName": "open", "OwnerId": ACCOUNT, "VpcId": "vpc-1",
            "IpPermissions": all, "IpPermissionsEgress": all}],
        "Reservations": [{"OwnerId": ACCOUNT, "Instances": [
            {"InstanceId": "i-b", "SubnetId": "subnet-priv", "VpcId": "vpc-1", "PrivateIpAddress": "10.0.1.10",
             "SecurityGroups": [{"GroupId": "sg-1"}], "State": {"Name": "running"}}]}]
    });
    if nat {
        doc["NatGateways"] = json!([{"NatGatewayId": "nat-1", "VpcId": "vpc-1", "SubnetId": "subnet-pub", "State": "available",
            "NatGatewayAddresses": [{"NetworkInterfaceId": "eni-nat", "PrivateIp": "10.0.0.5", "PublicIp": "198.51.100.5"}]}]);
        doc["NetworkInterfaces"] = json!([{"NetworkInterfaceId": "eni-nat", "OwnerId": ACCOUNT, "VpcId": "vpc-1",
            "SubnetId": "subnet-pub", "AvailabilityZone": "us-east-1a", "PrivateIpAddress": "10.0.0.5",
            "Association": {"PublicIp": "198.51.100.5"}, "InterfaceType": "nat_gateway"}]);
    }
    if s3_endpoint {
        doc["VpcEndpoints"] = json!([{"VpcEndpointId": "vpce-s3", "VpcEndpointType": "Gateway", "VpcId": "vpc-1",
            "ServiceName": "com.amazonaws.us-east-1.s3", "State": "available", "RouteTableIds": ["rtb-priv"], "OwnerId": ACCOUNT}]);
    }
    doc.to_string()
}

/// i-b uploads 100 GB to S3; a second flow goes to an address on the internet.
const TRAFFIC: &str = r#"{"flows":[
    {"from":"i-b","to":"s3","gb_per_month":100},
    {"from":"i-b","to":"203.0.113.9","gb_per_month":300}]}"#;

#[test]
fn json_answer_follows_the_contract() {
    let s = Scratch::new("cost");
    let (aws, traffic) = (
        s.write("nat.json", &design(true, false)),
        s.write("traffic.json", TRAFFIC),
    );
    let v = json_of(&vpclab(&["cost", "--aws", &aws, "--traffic", &traffic, "--json"]));
    // NAT 32.85 + EIP 3.65; S3 flow: 1b → 1a 1.00 + 1.00, NAT 4.50; internet flow: 1b → 1a
    // 3.00 + 3.00, NAT 13.50, egress 300 GB: 100 free + 200 × 0.09 = 18.00. Total 80.50.
    assert_eq!(v["monthly_usd"], json!(80.5));
    assert_eq!(v["prices"]["region"], json!("us-east-1"));
    assert_eq!(v["prices"]["as_of"], json!("2026-12-07"));
    assert!(v["prices"]["source"]["url"]
        .as_str()
        .unwrap()
        .starts_with("https://aws.amazon.com/"));
    assert_eq!(v["unreachable"], json!([]));
    let items = v["items"].as_array().unwrap();
    for item in items {
        for key in ["resource", "kind", "unit", "payer", "arithmetic", "note"] {
            assert!(item[key].is_string(), "{key} in {item}");
        }
        for key in ["quantity", "unit_usd", "usd"] {
            assert!(item[key].is_number(), "{key} in {item}");
        }
        assert!(item["flow"].is_null() || item["flow"].is_u64(), "{item}");
    }
    let nat = &items[0];
    assert_eq!(
        (
            nat["kind"].as_str(),
            nat["resource"].as_str(),
            nat["quantity"].as_f64(),
            nat["unit_usd"].as_f64()
        ),
        (Some("nat_gateway_hours"), Some("nat-1"), Some(730.0), Some(0.045))
    );
    assert_eq!(
        nat["arithmetic"],
        json!("730 NAT gateway-hours × $0.045 = $32.85")
    );
    let egress: Vec<f64> = items
        .iter()
        .filter(|i| i["kind"] == json!("internet_egress"))
        .map(|i| i["usd"].as_f64().unwrap())
        .collect();
    assert_eq!(egress, vec![0.0, 18.0]);
    let sum: f64 = items.iter().map(|i| i["usd"].as_f64().unwrap()).sum();
    assert!((sum - 80.5).abs() < 1e-9);
}

#[test]
fn the_table_lists_items_with_their_arithmetic_and_a_total() {
    let s = Scratch::new("cost");
    let (aws, traffic) = (
        s.write("nat.json", &design(true, false)),
        s.write("traffic.json", TRAFFIC),
    );
    let run = vpclab(&["cost", "--aws", &aws, "--traffic", &traffic]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = &run.stdout;
    assert!(
        out.starts_with("Monthly cost at us-east-1 prices (Amazon VPC pricing, as of 2026-12-07)"),
        "{out}"
    );
    assert!(out.contains("730 NAT gateway-hours × $0.045 = $32.85"), "{out}");
    assert!(out.contains("200 GB × $0.09 = $18.00"), "{out}");
    let total = out
        .lines()
        .find(|l| l.contains("total a month"))
        .expect("a total line");
    assert!(total.trim_start().starts_with("$80.50"), "{total}");
}

#[test]
fn an_unreachable_flow_is_listed_not_priced() {
    // Without a NAT gateway the private subnet reaches neither S3 (no endpoint) nor the internet.
    let s = Scratch::new("cost");
    let (aws, traffic) = (
        s.write("bare.json", &design(false, false)),
        s.write("traffic.json", TRAFFIC),
    );
    let v = json_of(&vpclab(&["cost", "--aws", &aws, "--traffic", &traffic, "--json"]));
    assert_eq!(v["monthly_usd"], json!(0.0));
    assert_eq!(v["items"], json!([]));
    let unreachable = v["unreachable"].as_array().unwrap();
    assert_eq!(unreachable.len(), 2);
    assert_eq!(unreachable[0]["flow"], json!(0));
    assert_eq!(unreachable[0]["code"], json!("NO_ROUTE"));
    assert!(unreachable[0]["message"].as_str().is_some_and(|m| !m.is_empty()));
    let table = vpclab(&["cost", "--aws", &aws, "--traffic", &traffic]);
    assert!(
        table.stdout.contains("Unreachable flows (not priced):"),
        "{}",
        table.stdout
    );
    assert!(
        table.stdout.contains("flow 1 i-b → 203.0.113.9: NO_ROUTE"),
        "{}",
        table.stdout
    );
}

#[test]
fn a_prices_file_replaces_the_shipped_table() {
    let s = Scratch::new("cost");
    let aws = s.write("nat.json", &design(true, false));
    let traffic = s.write(
        "traffic.json",
        r#"{"flows":[{"from":"i-b","to":"s3","gb_per_month":100}]}"#,
    );
    let mut table: Value =
        serde_json::from_str(include_str!("../../core/data/prices/us-east-1.json")).unwrap();
    table["nat_gateway_hour"]["usd"] = json!(0.1);
    table["as_of"] = json!("2030-01");
    let prices = s.write("prices.json", &table.to_string());
    let v = json_of(&vpclab(&[
        "cost",
        "--aws",
        &aws,
        "--traffic",
        &traffic,
        "--prices",
        &prices,
        "--json",
    ]));
    // 730 × $0.10 = $73.00 + EIP 3.65 + 1.00 + 1.00 + NAT 100 × 0.045 = 4.50 → $83.15.
    assert_eq!(v["items"][0]["usd"], json!(73.0));
    assert_eq!(v["monthly_usd"], json!(83.15));
    assert_eq!(v["prices"]["as_of"], json!("2030-01"));
}

#[test]
fn compare_shows_both_totals_and_the_difference_by_item() {
    let s = Scratch::new("cost");
    let a = s.write("nat.json", &design(true, false));
    let b = s.write("endpoint.json", &design(false, true));
    let traffic = s.write(
        "traffic.json",
        r#"{"flows":[{"from":"i-b","to":"s3","gb_per_month":100}]}"#,
    );
    // A: 32.85 + 3.65 + 1.00 + 1.00 + 4.50 = 43.00. B: gateway endpoint, $0.
    let v = json_of(&vpclab(&[
        "cost",
        "--compare",
        &a,
        &b,
        "--traffic",
        &traffic,
        "--json",
    ]));
    assert_eq!(
        (v["a_monthly_usd"].clone(), v["b_monthly_usd"].clone()),
        (json!(43.0), json!(0.0))
    );
    assert_eq!(v["difference_usd"], json!(-43.0));
    let nat_hours = v["by_kind"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["kind"] == json!("nat_gateway_hours"))
        .unwrap();
    assert_eq!(nat_hours["difference_usd"], json!(-32.85));
    assert_eq!(v["by_resource"][0]["resource"], json!("nat-1"));

    let run = vpclab(&["cost", "--compare", &a, &b, "--traffic", &traffic]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(
        lines[0].trim_start().starts_with("$43.00") && lines[0].ends_with("nat.json"),
        "{}",
        run.stdout
    );
    assert!(
        lines[1].trim_start().starts_with("$0.00") && lines[1].ends_with("endpoint.json"),
        "{}",
        run.stdout
    );
    assert!(
        lines[2].trim_start().starts_with("-$43.00  B − A a month"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("-$32.85  $32.85  $0.00  nat_gateway_hours"),
        "{}",
        run.stdout
    );
}

/// The ECS task → SNS question with ONE traffic file for both designs: `sns` resolves to the
/// interface endpoint where there is one (private DNS on), else to SNS's public regional endpoint,
/// reached through the NAT and internet gateways and priced as an AWS service in the region.
#[test]
fn compare_sns_nat_vs_interface_endpoint_with_one_traffic_file() {
    let s = Scratch::new("cost");
    let a = s.write("nat.json", &design(true, false));
    let mut b: Value = serde_json::from_str(&design(false, false)).unwrap();
    b["Vpcs"][0]["EnableDnsSupport"] = json!(true);
    b["Vpcs"][0]["EnableDnsHostnames"] = json!(true);
    b["NetworkInterfaces"] = json!([
        {"NetworkInterfaceId": "eni-sns-a", "OwnerId": ACCOUNT, "VpcId": "vpc-1", "SubnetId": "subnet-pub",
         "AvailabilityZone": "us-east-1a", "PrivateIpAddress": "10.0.0.50", "Groups": [{"GroupId": "sg-1"}],
         "InterfaceType": "vpc_endpoint"},
        {"NetworkInterfaceId": "eni-sns-b", "OwnerId": ACCOUNT, "VpcId": "vpc-1", "SubnetId": "subnet-priv",
         "AvailabilityZone": "us-east-1b", "PrivateIpAddress": "10.0.1.50", "Groups": [{"GroupId": "sg-1"}],
         "InterfaceType": "vpc_endpoint"}]);
    b["VpcEndpoints"] = json!([{"VpcEndpointId": "vpce-sns", "VpcEndpointType": "Interface", "VpcId": "vpc-1",
        "ServiceName": "com.amazonaws.us-east-1.sns", "State": "available", "OwnerId": ACCOUNT,
        "SubnetIds": ["subnet-pub", "subnet-priv"], "NetworkInterfaceIds": ["eni-sns-a", "eni-sns-b"],
        "Groups": [{"GroupId": "sg-1"}], "PrivateDnsEnabled": true}]);
    let b = s.write("endpoint.json", &b.to_string());
    let traffic = s.write(
        "traffic.json",
        r#"{"flows":[{"from":"i-b","to":"sns","gb_per_month":100,"name":"task publishes"}]}"#,
    );
    // A: NAT 730 h × $0.045 = $32.85, its address 730 h × $0.005 = $3.65, i-b (1b) → NAT (1a)
    // 100 GB × $0.01 out + × $0.01 in = $2.00, processing 100 × $0.045 = $4.50, SNS in the region
    // $0: $43.00. B: 2 AZs × 730 h × $0.01 = $14.60, 100 GB × $0.01 = $1.00 to the interface in
    // i-b's own AZ: $15.60. B − A = −$27.40.
    let v = json_of(&vpclab(&[
        "cost",
        "--compare",
        &a,
        &b,
        "--traffic",
        &traffic,
        "--json",
    ]));
    assert_eq!(
        (v["a_monthly_usd"].clone(), v["b_monthly_usd"].clone()),
        (json!(43.0), json!(15.6)),
        "{v}"
    );
    assert_eq!(v["difference_usd"], json!(-27.4));
    let kinds: Vec<&str> = v["by_kind"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|k| k["kind"].as_str())
        .collect();
    for k in [
        "nat_gateway_hours",
        "nat_gateway_processing",
        "interface_endpoint_hours",
        "interface_endpoint_processing",
    ] {
        assert!(kinds.contains(&k), "{k} in {kinds:?}");
    }
    assert!(
        !kinds.contains(&"internet_egress"),
        "SNS is not the internet: {kinds:?}"
    );

    // Each design alone: the NAT design's last line is SNS in the region, named as traces name it.
    let nat = json_of(&vpclab(&["cost", "--aws", &a, "--traffic", &traffic, "--json"]));
    let service = nat["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["kind"] == json!("aws_service_same_region"))
        .unwrap_or_else(|| panic!("{nat}"));
    assert!(
        service["note"]
            .as_str()
            .unwrap()
            .contains("com.amazonaws.us-east-1.sns"),
        "{service}"
    );
}

#[test]
fn bad_input_exits_2_naming_what_is_wrong() {
    let s = Scratch::new("cost");
    let aws = s.write("nat.json", &design(true, false));
    let good = s.write("traffic.json", TRAFFIC);
    let negative = s.write(
        "neg.json",
        r#"{"flows":[{"from":"i-b","to":"s3","gb_per_month":-5}]}"#,
    );
    let unknown = s.write(
        "unknown.json",
        r#"{"flows":[{"from":"i-zzz","to":"s3","gb_per_month":5}]}"#,
    );
    let not_json = s.write("broken.json", "{flows");
    let mut table: Value =
        serde_json::from_str(include_str!("../../core/data/prices/us-east-1.json")).unwrap();
    table["tgw_per_gb"]["unit"] = json!("hour");
    let bad_prices = s.write("prices.json", &table.to_string());
    let missing = s.join("missing.json");
    let cases: Vec<(Vec<&str>, Vec<String>)> = vec![
        (
            vec!["--aws", &aws, "--traffic", &negative],
            vec!["neg.json".into(), "field 'gb_per_month'".into()],
        ),
        (
            vec!["--aws", &aws, "--traffic", &unknown],
            vec!["traffic flow 0".into(), "i-zzz".into()],
        ),
        (
            vec!["--aws", &aws, "--traffic", &not_json],
            vec!["broken.json".into(), "line 1".into()],
        ),
        (
            vec!["--aws", &aws, "--traffic", &good, "--prices", &bad_prices],
            vec!["'tgw_per_gb.unit'".into()],
        ),
        (
            vec!["--aws", &missing, "--traffic", &good],
            vec!["missing.json".into()],
        ),
        (
            vec!["--aws", &not_json, "--traffic", &good],
            vec!["broken.json".into()],
        ),
    ];
    for (args, wants) in cases {
        let mut all = vec!["cost"];
        all.extend(args.iter());
        let run = vpclab(&all);
        assert_eq!(run.code, 2, "{all:?}: {}", run.stdout);
        assert!(run.stdout.is_empty(), "{all:?}");
        assert!(run.stderr.starts_with("vpclab cost: "), "{}", run.stderr);
        for want in wants {
            assert!(
                run.stderr.contains(&want),
                "{all:?}: {} should name {want}",
                run.stderr
            );
        }
    }
    // clap refuses a missing --traffic and --aws together with --compare.
    assert_eq!(vpclab(&["cost", "--aws", &aws]).code, 2);
    assert_eq!(
        vpclab(&["cost", "--aws", &aws, "--compare", &aws, &aws, "--traffic", &good]).code,
        2
    );
}
