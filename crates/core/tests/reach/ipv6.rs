//! IPv6 end to end: routes of their own family, internet gateways without translation,
//! egress-only internet gateways (outbound only, stateful), ICMPv6 and IPv6 rules in security
//! groups and network ACLs, peering and transit gateways carrying IPv6, NAT64.
//!
//! Scenarios from "Add IPv6 support for your VPC" (vpc-migrate-ipv6.html), "Enable outbound IPv6
//! traffic using an egress-only internet gateway" (egress-only-internet-gateway.html), "DNS64 and
//! NAT64" (nat-gateway-nat64-dns64.html) and "Amazon VPC attachments in AWS Transit Gateway"
//! (tgw-vpc-attachments.html), written in the AWS CLI's shapes.

use crate::common::*;
use serde_json::json;
use vpclab_core::reach::{Decision, HopKind, Proto, Query, Topology};

const PUB6: &str = "2600:1f18:aaaa:1100::10";
const PRIV6: &str = "2600:1f18:aaaa:1101::10";
const WEB6: &str = "2001:db8::7";

/// The dual-stack VPC of "Add IPv6 support for your VPC": a public subnet whose table sends
/// `0.0.0.0/0` and `::/0` to the internet gateway, and a private subnet whose table sends `::/0`
/// to an egress-only internet gateway and `64:ff9b::/96` to a NAT gateway (NAT64). With
/// `igw` false the VPC has no internet gateway at all (only the egress-only one).
fn dual_stack(igw: bool) -> Doc {
    let mut d = doc()
        .vpc6("vpc-1", "10.0.0.0/16", "2600:1f18:aaaa:1100::/56")
        .subnet6(
            "subnet-pub",
            "vpc-1",
            "10.0.0.0/24",
            "2600:1f18:aaaa:1100::/64",
            "us-east-1a",
        )
        .subnet6(
            "subnet-priv",
            "vpc-1",
            "10.0.1.0/24",
            "2600:1f18:aaaa:1101::/64",
            "us-east-1a",
        )
        .eigw("eigw-1", "vpc-1")
        .rt(
            "rtb-pub",
            "vpc-1",
            false,
            &["subnet-pub"],
            &[
                ("10.0.0.0/16", "local"),
                ("2600:1f18:aaaa:1100::/56", "local"),
                ("0.0.0.0/0", "igw-1"),
                ("::/0", "igw-1"),
            ],
        )
        .rt(
            "rtb-priv",
            "vpc-1",
            true,
            &[],
            &[
                ("10.0.0.0/16", "local"),
                ("2600:1f18:aaaa:1100::/56", "local"),
                ("::/0", "eigw-1"),
                ("64:ff9b::/96", "nat-1"),
            ],
        )
        .nat("nat-1", "vpc-1", "subnet-pub", "10.0.0.5", "203.0.113.50")
        .open_sg6("sg-1", "vpc-1")
        .instance6("i-pub", "vpc-1", "subnet-pub", "10.0.0.10", PUB6, &["sg-1"])
        .instance6("i-priv", "vpc-1", "subnet-priv", "10.0.1.10", PRIV6, &["sg-1"]);
    if igw {
        d = d.igw("igw-1", "vpc-1");
    }
    d
}

/// An IPv6 address is public: out and in through the internet gateway, nothing translated.
#[test]
fn internet_gateway_carries_ipv6_untranslated() {
    let e = estate(vec![dual_stack(true).value()]);
    let t = v6(&e, "i-pub", WEB6, Proto::Tcp, Some(443));
    expect(&t, None);
    assert_eq!(t.from.address, PUB6);
    let route = t.forward.hops.iter().find(|h| h.route_table.is_some()).unwrap();
    assert_eq!(
        route.matched.as_deref(),
        Some("::/0"),
        "the IPv6 route, not 0.0.0.0/0"
    );
    let igw = t.forward.hops.iter().find(|h| h.at == "igw-1").unwrap();
    assert_eq!(igw.decision, Decision::Forward, "no translation: {}", igw.message);
    assert!(igw.message.contains("nothing is translated"));
    // The host on the internet sees the instance's own address (the reply goes to it).
    assert!(t.return_path.hops[0].message.contains(PUB6));
    // From the internet, to the instance's IPv6 address: in through the internet gateway.
    let t = tcp(&e, WEB6, PUB6, 443);
    expect(&t, None);
    assert_eq!(t.to.id, "i-pub");
    assert!(forward_ats(&t).contains(&"igw-1"));
    // The same instance by id, asked over IPv6.
    expect(&v6(&e, WEB6, "i-pub", Proto::Tcp, Some(443)), None);
}

/// "Egress-only internet gateway": outbound IPv6 works and its reply comes back through the
/// same gateway; a connection from the internet never comes in through it.
#[test]
fn egress_only_gateway_is_outbound_only_and_stateful() {
    let e = estate(vec![dual_stack(false).value()]);
    let t = v6(&e, "i-priv", WEB6, Proto::Tcp, Some(443));
    expect(&t, None);
    assert!(forward_ats(&t).contains(&"eigw-1"));
    let back = t.return_path.hops.iter().find(|h| h.at == "eigw-1").unwrap();
    assert!(back.message.contains("lets the reply"), "{}", back.message);
    // Inbound: the VPC's only way in from the internet is the egress-only gateway.
    let t = tcp(&e, WEB6, PRIV6, 22);
    expect(&t, Some("EGRESS_ONLY_INBOUND"));
    let b = t.blocked.unwrap();
    assert_eq!(b.at, "eigw-1");
    assert!(
        b.message.contains("never a connection from the internet"),
        "{}",
        b.message
    );
    // The public subnet's ::/0 route names an internet gateway that is not there.
    expect(
        &v6(&e, "i-pub", WEB6, Proto::Tcp, Some(443)),
        Some("UNKNOWN_ROUTE_TARGET"),
    );
}

/// An egress-only gateway carries IPv6 only: an IPv4 packet can never match an IPv6 route, and
/// the private subnet's table has no IPv4 route out.
#[test]
fn ipv4_does_not_use_ipv6_routes() {
    let e = estate(vec![dual_stack(true).value()]);
    expect(&tcp(&e, "i-priv", "198.51.100.7", 443), Some("NO_ROUTE"));
    // Over IPv4 the public instance has no public IPv4 address.
    expect(&tcp(&e, "i-pub", "198.51.100.7", 443), Some("NO_INTERNET_ACCESS"));
}

/// "DNS64 and NAT64": an IPv6 client reaches an IPv4-only host through its NAT64 address
/// (`64:ff9b::/96` + the IPv4 address), which the NAT gateway translates both ways.
#[test]
fn nat64_through_a_nat_gateway() {
    let e = estate(vec![dual_stack(true).value()]);
    // 198.51.100.7 = c633:6407.
    let t = tcp(&e, "i-priv", "64:ff9b::c633:6407", 443);
    expect(&t, None);
    let nat = t.forward.hops.iter().find(|h| h.at == "nat-1").unwrap();
    assert_eq!(nat.decision, Decision::Translate);
    assert!(
        nat.message.contains("NAT64") && nat.message.contains("198.51.100.7"),
        "{}",
        nat.message
    );
    // Then out as IPv4 through the internet gateway, with the NAT gateway's Elastic IP.
    let igw = t.forward.hops.iter().find(|h| h.at == "igw-1").unwrap();
    assert!(igw.message.contains("203.0.113.50"), "{}", igw.message);
    let undo = t.return_path.hops.iter().find(|h| h.at == "nat-1").unwrap();
    assert!(undo.message.contains("back to IPv6"), "{}", undo.message);
    assert!(t.return_path.hops.last().unwrap().message.contains(PRIV6));
    // ICMPv6 echo becomes ICMP echo and back.
    expect(&with(&e, "i-priv", "64:ff9b::c633:6407", Proto::Icmp, None), None);
    // Sent to the internet gateway instead, the NAT64 address goes nowhere.
    let mut d = dual_stack(true).value();
    let routes = &mut d["RouteTables"][0]["Routes"];
    routes
        .as_array_mut()
        .unwrap()
        .push(route("64:ff9b::/96", "igw-1"));
    let e = estate(vec![d]);
    let t = tcp(&e, "i-pub", "64:ff9b::c633:6407", 443);
    expect(&t, Some("NO_INTERNET_ACCESS"));
    assert!(t
        .blocked
        .unwrap()
        .message
        .contains("Route 64:ff9b::/96 to a NAT gateway"));
}

/// A NAT gateway translates IPv6 only to NAT64 addresses.
#[test]
fn nat_gateway_does_not_carry_plain_ipv6() {
    let mut d = dual_stack(true).value();
    let routes = d["RouteTables"][1]["Routes"].as_array_mut().unwrap();
    routes.retain(|r| r["DestinationIpv6CidrBlock"] != json!("::/0"));
    routes.push(route("::/0", "nat-1"));
    let e = estate(vec![d]);
    let t = v6(&e, "i-priv", WEB6, Proto::Tcp, Some(443));
    expect(&t, Some("NO_INTERNET_ACCESS"));
    assert!(t.blocked.unwrap().message.contains("NAT64 addresses"));
}

/// "Security group rules": ICMP over IPv6 is ICMPv6 (58); a rule for `icmp` (1) does not allow
/// it, and an IPv4 CIDR never matches an IPv6 source.
#[test]
fn security_groups_match_ipv6_rules_only() {
    let sg = |ingress| {
        let mut d = dual_stack(true).value();
        d["SecurityGroups"] = json!([
            {"GroupId": "sg-1", "GroupName": "sg-1", "VpcId": "vpc-1", "OwnerId": ACCOUNT,
             "IpPermissions": ingress,
             "IpPermissionsEgress": [rule("-1", None, "0.0.0.0/0"), rule("-1", None, "::/0")]}
        ]);
        estate(vec![d])
    };
    let icmp4 = sg(
        json!([{"IpProtocol": "icmp", "FromPort": -1, "ToPort": -1, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]),
    );
    let t = v6(&icmp4, "i-pub", "i-priv", Proto::Icmp, None);
    expect(&t, Some("SG_INGRESS_DENY"));
    expect(&with(&icmp4, "i-pub", "i-priv", Proto::Icmp, None), None);
    let icmp6 =
        sg(json!([{"IpProtocol": "58", "FromPort": -1, "ToPort": -1, "Ipv6Ranges": [{"CidrIpv6": "::/0"}]}]));
    let t = v6(&icmp6, "i-pub", "i-priv", Proto::Icmp, None);
    expect(&t, None);
    assert!(t
        .forward
        .hops
        .iter()
        .any(|h| h.rule.as_deref() == Some("ingress protocol 58 from ::/0")));
    expect(
        &with(&icmp6, "i-pub", "i-priv", Proto::Icmp, None),
        Some("SG_INGRESS_DENY"),
    );
    let ssh4 = sg(json!([rule("tcp", Some(22), "10.0.0.0/16")]));
    expect(
        &v6(&ssh4, "i-pub", "i-priv", Proto::Tcp, Some(22)),
        Some("SG_INGRESS_DENY"),
    );
    let ssh6 = sg(json!([rule("tcp", Some(22), "2600:1f18:aaaa:1100::/56")]));
    expect(&v6(&ssh6, "i-pub", "i-priv", Proto::Tcp, Some(22)), None);
}

/// "Network ACL rules": IPv6 traffic is decided by IPv6 entries; a custom ACL with IPv4 rules
/// only denies every IPv6 packet (its `*` rule), as AWS's default ACL of a VPC with an IPv6 block
/// (rule 101) does not.
#[test]
fn network_acls_decide_ipv6_by_ipv6_entries() {
    let acl = |entries: Vec<serde_json::Value>| {
        let d = dual_stack(true).push(
            "NetworkAcls",
            json!({"NetworkAclId": "acl-1", "VpcId": "vpc-1", "IsDefault": false, "OwnerId": ACCOUNT,
                "Associations": [{"SubnetId": "subnet-priv"}], "Entries": entries}),
        );
        estate(vec![d.value()])
    };
    let v4_only = acl(vec![
        acl_entry(100, false, true, "-1", "0.0.0.0/0", None),
        acl_entry(100, true, true, "-1", "0.0.0.0/0", None),
        acl_entry(32767, false, false, "-1", "0.0.0.0/0", None),
        acl_entry(32767, true, false, "-1", "0.0.0.0/0", None),
    ]);
    expect(&tcp(&v4_only, "i-pub", "i-priv", 22), None);
    let t = v6(&v4_only, "i-pub", "i-priv", Proto::Tcp, Some(22));
    expect(&t, Some("NACL_DENY"));
    assert_eq!(t.blocked.unwrap().at, "acl-1");
    let dual = acl(vec![
        acl_entry(100, false, true, "-1", "0.0.0.0/0", None),
        acl_entry(100, true, true, "-1", "0.0.0.0/0", None),
        acl_entry(101, false, true, "-1", "::/0", None),
        acl_entry(101, true, true, "-1", "::/0", None),
        acl_entry(32767, false, false, "-1", "0.0.0.0/0", None),
        acl_entry(32767, true, false, "-1", "0.0.0.0/0", None),
        acl_entry(32768, false, false, "-1", "::/0", None),
        acl_entry(32768, true, false, "-1", "::/0", None),
    ]);
    let t = v6(&dual, "i-pub", "i-priv", Proto::Tcp, Some(22));
    expect(&t, None);
    assert!(t
        .forward
        .hops
        .iter()
        .any(|h| h.rule.as_deref() == Some("rule 101 allow all traffic from ::/0")));
}

/// Two dual-stack VPCs peered: IPv6 crosses the peering when both tables route the peer's IPv6
/// block to it ("Update your route tables for a VPC peering connection": IPv6 routes too).
#[test]
fn peering_carries_ipv6_with_ipv6_routes() {
    let build = |v6_routes: bool| {
        let mut a = vec![
            ("10.0.0.0/16", "local"),
            ("2600:1f18:aaaa:1100::/56", "local"),
            ("10.1.0.0/16", "pcx-1"),
        ];
        let mut b = vec![
            ("10.1.0.0/16", "local"),
            ("2600:1f18:bbbb:1100::/56", "local"),
            ("10.0.0.0/16", "pcx-1"),
        ];
        if v6_routes {
            a.push(("2600:1f18:bbbb:1100::/56", "pcx-1"));
            b.push(("2600:1f18:aaaa:1100::/56", "pcx-1"));
        }
        let d = doc()
            .vpc6("vpc-a", "10.0.0.0/16", "2600:1f18:aaaa:1100::/56")
            .vpc6("vpc-b", "10.1.0.0/16", "2600:1f18:bbbb:1100::/56")
            .subnet6(
                "subnet-a",
                "vpc-a",
                "10.0.1.0/24",
                "2600:1f18:aaaa:1101::/64",
                "us-east-1a",
            )
            .subnet6(
                "subnet-b",
                "vpc-b",
                "10.1.1.0/24",
                "2600:1f18:bbbb:1101::/64",
                "us-east-1a",
            )
            .rt("rtb-a", "vpc-a", true, &[], &a)
            .rt("rtb-b", "vpc-b", true, &[], &b)
            .pcx(
                "pcx-1",
                ("vpc-a", "10.0.0.0/16"),
                ("vpc-b", "10.1.0.0/16"),
                "active",
            )
            .open_sg6("sg-a", "vpc-a")
            .open_sg6("sg-b", "vpc-b")
            .instance6(
                "i-a",
                "vpc-a",
                "subnet-a",
                "10.0.1.10",
                "2600:1f18:aaaa:1101::10",
                &["sg-a"],
            )
            .instance6(
                "i-b",
                "vpc-b",
                "subnet-b",
                "10.1.1.10",
                "2600:1f18:bbbb:1101::10",
                &["sg-b"],
            );
        estate(vec![d.value()])
    };
    let e = build(false);
    expect(&tcp(&e, "i-a", "i-b", 5432), None);
    expect(&v6(&e, "i-a", "i-b", Proto::Tcp, Some(5432)), Some("NO_ROUTE"));
    let e = build(true);
    let t = v6(&e, "i-a", "i-b", Proto::Tcp, Some(5432));
    expect(&t, None);
    assert!(forward_ats(&t).contains(&"pcx-1"));
    assert_eq!(t.to.address, "2600:1f18:bbbb:1101::10");
}

/// "IPv6 support" of a transit gateway VPC attachment: off, the attachment carries no IPv6
/// (and propagates no IPv6 block); on, IPv6 crosses like IPv4.
#[test]
fn transit_gateway_needs_ipv6_support_on_the_attachment() {
    let build = |ipv6: bool| {
        let spoke = |d: Doc, n: u8, hex: &str| {
            let vpc = format!("vpc-{n}");
            let block = format!("2600:1f18:{hex}:1100::/56");
            d.vpc6(&vpc, &format!("10.{n}.0.0/16"), &block)
                .subnet6(&format!("subnet-{n}"), &vpc, &format!("10.{n}.1.0/24"), &format!("2600:1f18:{hex}:1101::/64"), "us-east-1a")
                .rt(
                    &format!("rtb-{n}"),
                    &vpc,
                    true,
                    &[],
                    &[(&format!("10.{n}.0.0/16"), "local"), (&block, "local"), ("10.0.0.0/8", "tgw-1"), ("2600:1f18::/32", "tgw-1")],
                )
                .open_sg6(&format!("sg-{n}"), &vpc)
                .instance6(&format!("i-{n}"), &vpc, &format!("subnet-{n}"), &format!("10.{n}.1.10"), &format!("2600:1f18:{hex}:1101::10"), &[&format!("sg-{n}")])
                .push(
                    "TransitGatewayAttachments",
                    json!({"TransitGatewayAttachmentId": format!("tgw-attach-{n}"), "TransitGatewayId": "tgw-1",
                        "TransitGatewayOwnerId": ACCOUNT, "ResourceOwnerId": ACCOUNT, "ResourceType": "vpc", "ResourceId": vpc,
                        "State": "available", "Association": {"TransitGatewayRouteTableId": "tgw-rtb-1", "State": "associated"}}),
                )
                .push(
                    "TransitGatewayVpcAttachments",
                    json!({"TransitGatewayAttachmentId": format!("tgw-attach-{n}"), "TransitGatewayId": "tgw-1", "VpcId": vpc,
                        "State": "available", "SubnetIds": [format!("subnet-{n}")],
                        "Options": {"Ipv6Support": if ipv6 { "enable" } else { "disable" }}}),
                )
        };
        let d = doc()
            .push("TransitGateways", json!({"TransitGatewayId": "tgw-1", "OwnerId": ACCOUNT, "State": "available"}))
            .push(
                "TransitGatewayRouteTables",
                json!({"TransitGatewayRouteTableId": "tgw-rtb-1", "TransitGatewayId": "tgw-1", "State": "available"}),
            )
            .push(
                "TransitGatewayPropagations",
                json!({"TransitGatewayRouteTableId": "tgw-rtb-1", "TransitGatewayRouteTablePropagations": [
                    {"TransitGatewayAttachmentId": "tgw-attach-1", "ResourceType": "vpc", "ResourceId": "vpc-1", "State": "enabled"},
                    {"TransitGatewayAttachmentId": "tgw-attach-2", "ResourceType": "vpc", "ResourceId": "vpc-2", "State": "enabled"}]}),
            );
        let d = spoke(spoke(d, 1, "aaaa"), 2, "bbbb");
        estate(vec![d.value()])
    };
    let off = build(false);
    assert!(!off.tgw_attachments.values().any(|a| a.ipv6_support));
    expect(&tcp(&off, "i-1", "i-2", 22), None);
    let t = v6(&off, "i-1", "i-2", Proto::Tcp, Some(22));
    expect(&t, Some("IPV6_NOT_ENABLED"));
    assert_eq!(t.blocked.unwrap().at, "tgw-attach-1");
    let on = build(true);
    let t = v6(&on, "i-1", "i-2", Proto::Tcp, Some(22));
    expect(&t, None);
    let table = t.forward.hops.iter().find(|h| h.at == "tgw-rtb-1").unwrap();
    assert_eq!(
        table.matched.as_deref(),
        Some("2600:1f18:bbbb:1100::/56"),
        "the propagated IPv6 block"
    );
}

/// Questions that cannot be asked: ends of two families, an instance without an IPv6 address.
#[test]
fn ipv6_questions_that_cannot_be_asked() {
    let e = estate(vec![dual_stack(true)
        .instance("i-v4", "vpc-1", "subnet-pub", "10.0.0.20", &["sg-1"])
        .value()]);
    let topology = Topology::build(&e);
    let err = topology.trace(&Query::tcp("10.0.0.10", WEB6, 443)).unwrap_err();
    assert!(err.message().contains("different address families"), "{err}");
    let err = topology.trace(&Query::tcp("i-v4", WEB6, 443)).unwrap_err();
    assert!(err.message().contains("i-v4 has no IPv6 address"), "{err}");
    // An IPv6 address in a subnet but held by no interface is a bare host.
    let t = tcp(&e, "i-pub", "2600:1f18:aaaa:1101::99", 22);
    expect(&t, None);
    assert_eq!(t.to.kind, HopKind::Host);
}

/// An IPv6-only subnet (`Ipv6Native`, no `CidrBlock` in AWS's output) loads, and a network
/// interface in it (IPv6 addresses only) reaches the internet over IPv6; it has no IPv4 to ask
/// with. `describe-subnets` prints no `CidrBlock` for such a subnet ("Subnets for your VPC",
/// configure-subnets.html: IPv6-only).
#[test]
fn ipv6_only_subnet() {
    let mut d = dual_stack(true).value();
    d["Subnets"].as_array_mut().unwrap().push(json!({
        "SubnetId": "subnet-v6only", "VpcId": "vpc-1", "OwnerId": ACCOUNT, "AvailabilityZone": "us-east-1b",
        "Ipv6Native": true,
        "Ipv6CidrBlockAssociationSet": [{"Ipv6CidrBlock": "2600:1f18:aaaa:1102::/64", "Ipv6CidrBlockState": {"State": "associated"}}]}));
    d["NetworkInterfaces"] = json!([{
        "NetworkInterfaceId": "eni-v6", "SubnetId": "subnet-v6only", "VpcId": "vpc-1", "AvailabilityZone": "us-east-1b",
        "OwnerId": ACCOUNT, "InterfaceType": "interface", "Groups": [{"GroupId": "sg-1"}],
        "PrivateIpAddresses": [], "Ipv6Addresses": [{"Ipv6Address": "2600:1f18:aaaa:1102::20"}]}]);
    let e = estate(vec![d.clone()]);
    let s = &e.subnets[&"subnet-v6only".into()];
    assert_eq!(s.cidr, None);
    assert!(s.ipv6_native);
    // Export prints it as AWS does, without a CidrBlock, and imports back to the same estate.
    let docs: Vec<(String, serde_json::Value)> = vpclab_core::aws::export(&e)
        .into_iter()
        .enumerate()
        .map(|(i, d)| (format!("export-{i}"), d))
        .collect();
    assert!(!docs[0]
        .1
        .to_string()
        .contains(r#""SubnetId":"subnet-v6only","CidrBlock""#));
    assert_eq!(vpclab_core::aws::import_documents(&docs).unwrap(), e);
    // Main table: ::/0 to the egress-only gateway.
    let t = v6(&e, "eni-v6", WEB6, Proto::Tcp, Some(443));
    expect(&t, None);
    assert!(forward_ats(&t).contains(&"eigw-1"));
    let err = Topology::build(&e)
        .trace(&Query::tcp("eni-v6", "198.51.100.7", 443))
        .unwrap_err();
    assert!(err.message().contains("no private IPv4 address"), "{err}");
    // A subnet without CidrBlock that is not IPv6-only is refused, with the path.
    d["Subnets"][2]["Ipv6Native"] = json!(false);
    let named = vec![("doc.json".to_string(), d)];
    let err = vpclab_core::aws::import_documents(&named)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("Subnets[2].CidrBlock") && err.contains("Ipv6Native"),
        "{err}"
    );
}
