//! One test per configuration of the AWS peering guide ("VPC peering configurations with
//! routes to an entire VPC", peering-configurations-full-access.html; "… with specific routes",
//! peering-configurations-partial-access.html; "Unsupported VPC peering configurations",
//! invalid-peering-configurations.html).

use crate::common::*;
use vpclab_core::reach::{HopKind, Proto};

/// VPC `name` with CIDR `cidr`: one subnet (first /24), a main table with `routes` after the
/// local route, one instance `i-{name}` at .10 with an open security group.
fn add_vpc(d: Doc, name: &str, cidr: &str, routes: &[(&str, &str)]) -> Doc {
    let vpc = format!("vpc-{name}");
    let subnet = format!("subnet-{name}");
    let base = cidr.split('/').next().unwrap_or_default();
    let octets: Vec<&str> = base.split('.').collect();
    let net24 = format!("{}.{}.{}.0/24", octets[0], octets[1], octets[2]);
    let ip = format!("{}.{}.{}.10", octets[0], octets[1], octets[2]);
    let mut all = vec![(cidr, "local")];
    all.extend_from_slice(routes);
    d.vpc(&vpc, cidr)
        .subnet(&subnet, &vpc, &net24, "us-east-1a")
        .rt(&format!("rtb-{name}"), &vpc, true, &[], &all)
        .open_sg(&format!("sg-{name}"), &vpc)
        .instance(&format!("i-{name}"), &vpc, &subnet, &ip, &[&format!("sg-{name}")])
}

#[test]
fn two_vpcs_full_access() {
    let d = add_vpc(doc(), "a", "10.0.0.0/16", &[("10.1.0.0/16", "pcx-ab")]);
    let d = add_vpc(d, "b", "10.1.0.0/16", &[("10.0.0.0/16", "pcx-ab")]);
    let e = estate(vec![d
        .pcx(
            "pcx-ab",
            ("vpc-a", "10.0.0.0/16"),
            ("vpc-b", "10.1.0.0/16"),
            "active",
        )
        .value()]);
    let t = tcp(&e, "i-a", "i-b", 22);
    expect(&t, None);
    let route = t
        .forward
        .hops
        .iter()
        .find(|h| h.kind == HopKind::RouteTable)
        .unwrap();
    assert_eq!(route.route_table.as_deref(), Some("rtb-a"));
    assert_eq!(route.matched.as_deref(), Some("10.1.0.0/16"));
    assert_eq!(route.target.as_deref(), Some("pcx-ab"));
    assert!(forward_ats(&t).contains(&"pcx-ab"));
    assert!(t.return_path.hops.iter().any(|h| h.at == "pcx-ab"));
    expect(&tcp(&e, "i-b", "i-a", 443), None);
    expect(&with(&e, "i-a", "10.1.0.10", Proto::Icmp, None), None);
    expect(&with(&e, "i-a", "i-b", Proto::All, None), None);
}

#[test]
fn each_side_needs_a_route() {
    let d = add_vpc(doc(), "a", "10.0.0.0/16", &[("10.1.0.0/16", "pcx-ab")]);
    let d = add_vpc(d, "b", "10.1.0.0/16", &[]);
    let e = estate(vec![d
        .pcx(
            "pcx-ab",
            ("vpc-a", "10.0.0.0/16"),
            ("vpc-b", "10.1.0.0/16"),
            "active",
        )
        .value()]);
    let t = tcp(&e, "i-a", "i-b", 22);
    expect(&t, Some("NO_RETURN_ROUTE"));
    assert!(t.forward.reached);
    assert_eq!(t.return_path.reached, Some(false));
    assert_eq!(t.blocked.as_ref().unwrap().at, "rtb-b");
    let t = tcp(&e, "i-b", "i-a", 22);
    expect(&t, Some("NO_ROUTE"));
    assert_eq!(t.blocked.as_ref().unwrap().at, "rtb-b");
}

#[test]
fn only_an_active_peering_carries_traffic() {
    for (status, route, want) in [
        ("pending-acceptance", "pcx-ab", "PEERING_NOT_ACTIVE"),
        ("rejected", "pcx-ab", "PEERING_NOT_ACTIVE"),
        ("deleted", "pcx-ab!", "BLACKHOLE_ROUTE"),
    ] {
        let d = add_vpc(doc(), "a", "10.0.0.0/16", &[("10.1.0.0/16", route)]);
        let d = add_vpc(d, "b", "10.1.0.0/16", &[("10.0.0.0/16", route)]);
        let e = estate(vec![d
            .pcx(
                "pcx-ab",
                ("vpc-a", "10.0.0.0/16"),
                ("vpc-b", "10.1.0.0/16"),
                status,
            )
            .value()]);
        let t = tcp(&e, "i-a", "i-b", 22);
        expect(&t, Some(want));
        assert!(!t.forward.reached, "{status}");
    }
}

/// "One VPC peered with two VPCs": the spokes cannot talk through the hub.
#[test]
fn hub_with_two_spokes() {
    let d = add_vpc(
        doc(),
        "hub",
        "10.0.0.0/16",
        &[("10.1.0.0/16", "pcx-b"), ("10.2.0.0/16", "pcx-c")],
    );
    let d = add_vpc(
        d,
        "b",
        "10.1.0.0/16",
        &[("10.0.0.0/16", "pcx-b"), ("10.2.0.0/16", "pcx-b")],
    );
    let d = add_vpc(
        d,
        "c",
        "10.2.0.0/16",
        &[("10.0.0.0/16", "pcx-c"), ("10.1.0.0/16", "pcx-c")],
    );
    let e = estate(vec![d
        .pcx(
            "pcx-b",
            ("vpc-hub", "10.0.0.0/16"),
            ("vpc-b", "10.1.0.0/16"),
            "active",
        )
        .pcx(
            "pcx-c",
            ("vpc-hub", "10.0.0.0/16"),
            ("vpc-c", "10.2.0.0/16"),
            "active",
        )
        .value()]);
    expect(&tcp(&e, "i-hub", "i-b", 22), None);
    expect(&tcp(&e, "i-hub", "i-c", 22), None);
    expect(&tcp(&e, "i-c", "i-hub", 22), None);
    let t = tcp(&e, "i-b", "i-c", 22);
    expect(&t, Some("NOT_TRANSITIVE"));
    let blocked = t.blocked.unwrap();
    assert_eq!(blocked.at, "pcx-b");
    assert!(blocked.message.contains("not transitive"), "{}", blocked.message);
}

/// "Three VPCs peered together" / full mesh: every ordered pair reaches.
#[test]
fn full_mesh() {
    let names = ["a", "b", "c", "d"];
    let cidr = |i: usize| format!("10.{i}.0.0/16");
    let pcx = |i: usize, j: usize| format!("pcx-{}{}", names[i.min(j)], names[i.max(j)]);
    let mut d = doc();
    for i in 0..names.len() {
        let routes: Vec<(String, String)> = (0..names.len())
            .filter(|j| *j != i)
            .map(|j| (cidr(j), pcx(i, j)))
            .collect();
        let routes: Vec<(&str, &str)> = routes.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        d = add_vpc(d, names[i], &cidr(i), &routes);
    }
    for i in 0..names.len() {
        for j in i + 1..names.len() {
            let (vi, vj) = (format!("vpc-{}", names[i]), format!("vpc-{}", names[j]));
            d = d.pcx(&pcx(i, j), (&vi, &cidr(i)), (&vj, &cidr(j)), "active");
        }
    }
    let e = estate(vec![d.value()]);
    assert_eq!(e.peerings.len(), 6, "n(n-1)/2 connections");
    for a in names {
        for b in names.iter().filter(|b| **b != a) {
            expect(&tcp(&e, &format!("i-{a}"), &format!("i-{b}"), 22), None);
        }
    }
}

/// "Two VPCs peered to specific subnets": routes to one /24 reach only that subnet.
#[test]
fn specific_subnets() {
    let d = add_vpc(doc(), "a", "10.0.0.0/16", &[("10.1.0.0/24", "pcx-ab")]);
    let d = add_vpc(d, "b", "10.1.0.0/16", &[("10.0.0.0/24", "pcx-ab")])
        .subnet("subnet-b2", "vpc-b", "10.1.2.0/24", "us-east-1a")
        .instance("i-b2", "vpc-b", "subnet-b2", "10.1.2.10", &["sg-b"]);
    let e = estate(vec![d
        .pcx(
            "pcx-ab",
            ("vpc-a", "10.0.0.0/16"),
            ("vpc-b", "10.1.0.0/16"),
            "active",
        )
        .value()]);
    let t = tcp(&e, "i-a", "i-b", 22);
    expect(&t, None);
    assert_eq!(
        t.forward
            .hops
            .iter()
            .find(|h| h.kind == HopKind::RouteTable)
            .unwrap()
            .matched
            .as_deref(),
        Some("10.1.0.0/24")
    );
    expect(&tcp(&e, "i-a", "i-b2", 22), Some("NO_ROUTE"));
}

/// "One VPC peered with two VPCs that have identical CIDR blocks", with the longest prefix
/// match choosing the peer, and its response-traffic trap: the hub's reply to a C address
/// outside the /32 follows the /16 route to B.
#[test]
fn identical_cidr_spokes_longest_prefix_and_reply_trap() {
    let d = add_vpc(
        doc(),
        "hub",
        "10.0.0.0/16",
        &[("10.1.0.0/16", "pcx-b"), ("10.1.0.77/32", "pcx-c")],
    );
    let d = add_vpc(d, "b", "10.1.0.0/16", &[("10.0.0.0/16", "pcx-b")]);
    let d = d
        .vpc("vpc-c", "10.1.0.0/16")
        .subnet("subnet-c", "vpc-c", "10.1.0.0/24", "us-east-1a")
        .rt(
            "rtb-c",
            "vpc-c",
            true,
            &[],
            &[("10.1.0.0/16", "local"), ("10.0.0.0/16", "pcx-c")],
        )
        .open_sg("sg-c", "vpc-c")
        .instance("i-c77", "vpc-c", "subnet-c", "10.1.0.77", &["sg-c"])
        .instance("i-c88", "vpc-c", "subnet-c", "10.1.0.88", &["sg-c"]);
    let e = estate(vec![d
        .pcx(
            "pcx-b",
            ("vpc-hub", "10.0.0.0/16"),
            ("vpc-b", "10.1.0.0/16"),
            "active",
        )
        .pcx(
            "pcx-c",
            ("vpc-hub", "10.0.0.0/16"),
            ("vpc-c", "10.1.0.0/16"),
            "active",
        )
        .value()]);
    expect(&tcp(&e, "i-hub", "i-b", 22), None);
    let t = tcp(&e, "i-hub", "i-c77", 22);
    expect(&t, None);
    let route = t
        .forward
        .hops
        .iter()
        .find(|h| h.kind == HopKind::RouteTable)
        .unwrap();
    assert_eq!(route.matched.as_deref(), Some("10.1.0.77/32"));
    expect(&tcp(&e, "i-c77", "i-hub", 22), None);
    // The trap: C's other instance gets there, but the reply goes to B.
    let t = tcp(&e, "i-c88", "i-hub", 22);
    expect(&t, Some("RETURN_TO_WRONG_PEER"));
    assert!(t.forward.reached);
    let blocked = t.blocked.unwrap();
    assert_eq!(blocked.at, "pcx-b");
    assert!(blocked.message.contains("longest-prefix"), "{}", blocked.message);
    // And the request from the hub to it goes to B.
    expect(&tcp(&e, "i-hub", "i-c88", 22), Some("DELIVERED_TO_WRONG_VPC"));
    // An address alone is ambiguous.
    let err =
        vpclab_core::reach::trace(&e, &vpclab_core::reach::Query::tcp("i-hub", "10.1.0.88", 22)).unwrap_err();
    assert!(err.message().contains("several subnets"), "{err}");
}

/// Invalid: a peering between VPCs with overlapping CIDRs. The local route wins for the shared
/// range, so nothing reaches the peer.
#[test]
fn overlapping_cidrs_never_reach_the_peer() {
    let d = add_vpc(doc(), "a", "10.0.0.0/16", &[("10.0.0.0/16", "pcx-ab")]);
    let d = d
        .vpc("vpc-b", "10.0.0.0/16")
        .subnet("subnet-b", "vpc-b", "10.0.8.0/24", "us-east-1a")
        .rt("rtb-b", "vpc-b", true, &[], &[("10.0.0.0/16", "local")])
        .open_sg("sg-b", "vpc-b")
        .instance("i-b", "vpc-b", "subnet-b", "10.0.8.10", &["sg-b"]);
    let e = estate(vec![d
        .pcx(
            "pcx-ab",
            ("vpc-a", "10.0.0.0/16"),
            ("vpc-b", "10.0.0.0/16"),
            "active",
        )
        .value()]);
    let codes: Vec<&str> = vpclab_core::validate::validate(&e)
        .errors
        .iter()
        .map(|d| d.code)
        .collect();
    assert!(
        codes.contains(&"OVERLAPPING_PEER_CIDR"),
        "AWS refuses to create it: {codes:?}"
    );
    let t = tcp(&e, "i-a", "i-b", 22);
    expect(&t, Some("ADDRESS_NOT_IN_SUBNET"));
    assert_eq!(
        t.forward
            .hops
            .iter()
            .find(|h| h.kind == HopKind::RouteTable)
            .unwrap()
            .target
            .as_deref(),
        Some("local")
    );
}

/// Invalid: edge-to-edge routing through the peer's internet gateway, NAT gateway or gateway
/// endpoint.
#[test]
fn no_edge_to_edge_routing() {
    let d = doc()
        .vpc("vpc-a", "10.0.0.0/16")
        .subnet("subnet-pub", "vpc-a", "10.0.0.0/24", "us-east-1a")
        .subnet("subnet-priv", "vpc-a", "10.0.1.0/24", "us-east-1a")
        .igw("igw-a", "vpc-a")
        .nat("nat-a", "vpc-a", "subnet-pub", "10.0.0.5", "203.0.113.5")
        .rt("rtb-pub", "vpc-a", false, &["subnet-pub"], &[("10.0.0.0/16", "local"), ("0.0.0.0/0", "igw-a"), ("10.1.0.0/16", "pcx-ab")])
        .rt(
            "rtb-priv",
            "vpc-a",
            true,
            &[],
            &[("10.0.0.0/16", "local"), ("0.0.0.0/0", "nat-a"), ("pl-63a5400a", "vpce-s3"), ("10.1.0.0/16", "pcx-ab")],
        )
        .push(
            "VpcEndpoints",
            serde_json::json!({"VpcEndpointId": "vpce-s3", "VpcEndpointType": "Gateway", "VpcId": "vpc-a",
                "ServiceName": "com.amazonaws.us-east-1.s3", "State": "available", "RouteTableIds": ["rtb-priv"]}),
        )
        .open_sg("sg-a", "vpc-a")
        .instance("i-a", "vpc-a", "subnet-priv", "10.0.1.10", &["sg-a"]);
    let d = add_vpc(
        d,
        "b",
        "10.1.0.0/16",
        &[("10.0.0.0/16", "pcx-ab"), ("0.0.0.0/0", "pcx-ab")],
    );
    let e = estate(vec![d
        .pcx(
            "pcx-ab",
            ("vpc-a", "10.0.0.0/16"),
            ("vpc-b", "10.1.0.0/16"),
            "active",
        )
        .value()]);
    // A itself reaches the internet through its NAT gateway and S3 through its endpoint.
    expect(&tcp(&e, "i-a", "198.51.100.7", 443), None);
    let s3 = tcp(&e, "i-a", "s3", 443);
    expect(&s3, None);
    assert!(s3.forward.hops.iter().any(|h| h.kind == HopKind::GatewayEndpoint));
    // B cannot use any of them through the peering.
    for to in ["198.51.100.7", "52.216.8.1", "s3"] {
        let t = tcp(&e, "i-b", to, 443);
        expect(&t, Some("NOT_TRANSITIVE"));
        let blocked = t.blocked.unwrap();
        assert_eq!(blocked.at, "pcx-ab");
        assert!(blocked.message.contains("edge-to-edge"), "{}", blocked.message);
    }
}

/// Cross-account peering: each account's document lists the peering; traffic flows.
#[test]
fn cross_account() {
    let a = add_vpc(
        Doc::new("111111111111", "us-east-1"),
        "a",
        "10.0.0.0/16",
        &[("10.1.0.0/16", "pcx-x")],
    )
    .pcx_full(
        "pcx-x",
        ("vpc-a", "10.0.0.0/16", "111111111111", "us-east-1"),
        ("vpc-b", "10.1.0.0/16", "222222222222", "us-east-1"),
        "active",
    );
    let b = add_vpc(
        Doc::new("222222222222", "us-east-1"),
        "b",
        "10.1.0.0/16",
        &[("10.0.0.0/16", "pcx-x")],
    )
    .pcx_full(
        "pcx-x",
        ("vpc-a", "10.0.0.0/16", "111111111111", "us-east-1"),
        ("vpc-b", "10.1.0.0/16", "222222222222", "us-east-1"),
        "active",
    );
    let e = estate(vec![a.value(), b.value()]);
    assert_eq!(e.peerings.len(), 1);
    let t = tcp(&e, "i-a", "i-b", 22);
    expect(&t, None);
    assert!(t.forward.hops.iter().any(|h| h.message.contains("cross-account")));
    // Only one side loaded: the trace stops at the edge of the estate.
    let only_a = add_vpc(
        Doc::new("111111111111", "us-east-1"),
        "a",
        "10.0.0.0/16",
        &[("10.1.0.0/16", "pcx-x")],
    )
    .pcx_full(
        "pcx-x",
        ("vpc-a", "10.0.0.0/16", "111111111111", "us-east-1"),
        ("vpc-b", "10.1.0.0/16", "222222222222", "us-east-1"),
        "active",
    );
    let e = estate(vec![only_a.value()]);
    expect(&tcp(&e, "i-a", "10.1.0.10", 22), Some("OUTSIDE_ESTATE"));
}

/// Security-group references to a peer's group work within a region, not across regions
/// ("Update your security groups to reference peer security groups").
#[test]
fn group_references_across_peerings() {
    for (region_b, want) in [("us-east-1", None), ("eu-west-1", Some("SG_INGRESS_DENY"))] {
        let side_a = ("vpc-a", "10.0.0.0/16", ACCOUNT, "us-east-1");
        let side_b = ("vpc-b", "10.1.0.0/16", ACCOUNT, region_b);
        let a = add_vpc(
            Doc::new(ACCOUNT, "us-east-1"),
            "a",
            "10.0.0.0/16",
            &[("10.1.0.0/16", "pcx-ab")],
        )
        .pcx_full("pcx-ab", side_a, side_b, "active");
        let az = format!("{region_b}a");
        let b = Doc::new(ACCOUNT, region_b)
            .vpc("vpc-b", "10.1.0.0/16")
            .subnet("subnet-b", "vpc-b", "10.1.0.0/24", &az)
            .rt(
                "rtb-b",
                "vpc-b",
                true,
                &[],
                &[("10.1.0.0/16", "local"), ("10.0.0.0/16", "pcx-ab")],
            )
            .sg(
                "sg-b",
                "vpc-b",
                vec![rule("tcp", Some(22), "sg-a")],
                vec![rule("-1", None, "0.0.0.0/0")],
            )
            .instance("i-b", "vpc-b", "subnet-b", "10.1.0.10", &["sg-b"])
            .pcx_full("pcx-ab", side_a, side_b, "active");
        let e = estate(vec![a.value(), b.value()]);
        let t = tcp(&e, "i-a", "i-b", 22);
        expect(&t, want);
        if want.is_none() {
            let sg = t.forward.hops.iter().find(|h| h.at == "sg-b").unwrap();
            assert_eq!(sg.rule.as_deref(), Some("ingress tcp 22 from members of sg-a"));
        } else {
            assert!(t.forward.hops.iter().any(|h| h.message.contains("inter-region")));
        }
    }
}
