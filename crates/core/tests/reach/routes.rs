//! Route tables ("Configure route tables", VPC_Route_Tables.html; "How route priority works",
//! route-tables-priority.html) as the trace sees them, and query errors.

use crate::common::*;
use vpclab_core::reach::{trace, Decision, HopKind, Proto, Query, Topology};

/// (name, main table routes, subnet-2 table routes, from, to, expected code)
type Case<'a> = (
    &'a str,
    Vec<(&'a str, &'a str)>,
    Vec<(&'a str, &'a str)>,
    &'a str,
    &'a str,
    Option<&'a str>,
);

/// One VPC 10.0.0.0/16: subnet-1 (main table) and subnet-2 (explicit table `routes2`), an
/// instance in each, open security groups, an internet gateway.
fn one_vpc(main: &[(&str, &str)], routes2: &[(&str, &str)]) -> Doc {
    doc()
        .vpc("vpc-1", "10.0.0.0/16")
        .subnet("subnet-1", "vpc-1", "10.0.1.0/24", "us-east-1a")
        .subnet("subnet-2", "vpc-1", "10.0.2.0/24", "us-east-1b")
        .igw("igw-1", "vpc-1")
        .rt("rtb-main", "vpc-1", true, &[], main)
        .rt("rtb-2", "vpc-1", false, &["subnet-2"], routes2)
        .open_sg("sg-1", "vpc-1")
        .instance_full(
            "i-1",
            "vpc-1",
            "subnet-1",
            "10.0.1.10",
            Some("198.51.100.1"),
            &["sg-1"],
            "running",
        )
        .instance_full(
            "i-2",
            "vpc-1",
            "subnet-2",
            "10.0.2.10",
            Some("198.51.100.2"),
            &["sg-1"],
            "running",
        )
}

/// A subnet uses its explicit association, else the main table; every table has the local
/// route; no route, blackhole and unfollowed targets each have their code.
#[test]
fn route_table_rules() {
    let local = ("10.0.0.0/16", "local");
    let cases: Vec<Case> = vec![
        (
            "local route between subnets",
            vec![local],
            vec![local],
            "i-1",
            "i-2",
            None,
        ),
        (
            "main table has the internet route",
            vec![local, ("0.0.0.0/0", "igw-1")],
            vec![local],
            "i-1",
            "203.0.113.9",
            None,
        ),
        (
            "the explicit table is used, not the main one",
            vec![local, ("0.0.0.0/0", "igw-1")],
            vec![local],
            "i-2",
            "203.0.113.9",
            Some("NO_ROUTE"),
        ),
        (
            "a blackhole route wins and drops",
            vec![local, ("0.0.0.0/0", "igw-1"), ("203.0.113.0/24", "pcx-gone!")],
            vec![local],
            "i-1",
            "203.0.113.9",
            Some("BLACKHOLE_ROUTE"),
        ),
        (
            "a route to a virtual private gateway the documents do not list",
            vec![local, ("0.0.0.0/0", "igw-1"), ("192.168.0.0/16", "vgw-1")],
            vec![local],
            "i-1",
            "192.168.1.1",
            Some("UNKNOWN_ROUTE_TARGET"),
        ),
        (
            "the reply needs the internet route too",
            vec![local, ("0.0.0.0/0", "igw-1")],
            vec![local],
            "203.0.113.9",
            "198.51.100.2",
            Some("NO_RETURN_ROUTE"),
        ),
        (
            "the internet reaches a public instance",
            vec![local, ("0.0.0.0/0", "igw-1")],
            vec![local],
            "203.0.113.9",
            "198.51.100.1",
            None,
        ),
        (
            "an address in the VPC but no subnet",
            vec![local],
            vec![local],
            "i-1",
            "10.0.77.7",
            Some("ADDRESS_NOT_IN_SUBNET"),
        ),
    ];
    for (name, main, second, from, to, want) in cases {
        let e = estate(vec![one_vpc(&main, &second).value()]);
        let t = tcp(&e, from, to, 443);
        assert_eq!(
            code(&t),
            want,
            "{name}: {}",
            serde_json::to_string_pretty(&t).unwrap()
        );
    }
}

#[test]
fn hops_name_the_route_and_its_table() {
    let e = estate(vec![one_vpc(
        &[("10.0.0.0/16", "local"), ("0.0.0.0/0", "igw-1")],
        &[("10.0.0.0/16", "local")],
    )
    .value()]);
    let t = tcp(&e, "i-1", "203.0.113.9", 443);
    expect(&t, None);
    let kinds: Vec<HopKind> = t.forward.hops.iter().map(|h| h.kind).collect();
    assert_eq!(
        kinds,
        vec![
            HopKind::Instance,
            HopKind::SecurityGroup,
            HopKind::RouteTable,
            HopKind::InternetGateway,
            HopKind::Internet
        ]
    );
    let route = &t.forward.hops[2];
    assert_eq!(route.at, "subnet-1");
    assert_eq!(route.route_table.as_deref(), Some("rtb-main"));
    assert_eq!(route.matched.as_deref(), Some("0.0.0.0/0"));
    assert_eq!(route.target.as_deref(), Some("igw-1"));
    assert_eq!(t.forward.hops[3].decision, Decision::Translate);
    assert!(t.forward.hops[3].message.contains("198.51.100.1"));
    // The reply comes back in through the internet gateway to the private address.
    let back: Vec<&str> = t.return_path.hops.iter().map(|h| h.at.as_str()).collect();
    assert_eq!(back, vec!["203.0.113.9", "igw-1", "i-1"]);
    let json = serde_json::to_value(&t).unwrap();
    for key in ["reachable", "forward", "return", "blocked"] {
        assert!(json.get(key).is_some(), "{key}");
    }
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
        assert!(json["forward"]["hops"][2].get(key).is_some(), "{key}");
    }
    assert_eq!(json["forward"]["hops"][2]["kind"], "route_table");
    assert_eq!(json["return"]["reached"], true);
}

#[test]
fn stopped_instances_neither_send_nor_receive() {
    let d = one_vpc(&[("10.0.0.0/16", "local")], &[("10.0.0.0/16", "local")]).instance_full(
        "i-off",
        "vpc-1",
        "subnet-1",
        "10.0.1.20",
        None,
        &["sg-1"],
        "stopped",
    );
    let e = estate(vec![d.value()]);
    expect(&tcp(&e, "i-off", "i-2", 22), Some("INSTANCE_NOT_RUNNING"));
    expect(&tcp(&e, "i-2", "i-off", 22), Some("INSTANCE_NOT_RUNNING"));
}

/// Bad questions are errors, not traces.
#[test]
fn query_errors() {
    let e = estate(vec![one_vpc(
        &[("10.0.0.0/16", "local")],
        &[("10.0.0.0/16", "local")],
    )
    .value()]);
    let topo = Topology::build(&e);
    let cases: Vec<(Query, &str)> = vec![
        (Query::tcp("i-nope", "i-2", 22), "unknown instance 'i-nope'"),
        (
            Query::tcp("i-1", "eni-nope", 22),
            "unknown network interface 'eni-nope'",
        ),
        (Query::tcp("banana", "i-2", 22), "is not an instance id"),
        (Query::tcp("i-1", "a b c", 22), "is not an instance id"),
        (
            Query::new("i-1", "i-2", Proto::Tcp, None),
            "needs a destination port",
        ),
        (Query::tcp("i-1", "i-1", 22), "the same"),
        (Query::tcp("203.0.113.1", "198.51.100.9", 22), "outside every VPC"),
        (Query::tcp("10.0.77.7", "i-1", 22), "none of its subnets"),
        (
            Query::tcp("i-1", "no-such-service", 443),
            "or an AWS service vpclab can place",
        ),
        (
            Query::tcp("i-1", "com.amazonaws.us-east-1.nope", 443),
            "no prefix list naming them",
        ),
    ];
    for (q, want) in cases {
        let err = topo.trace(&q).unwrap_err();
        assert!(err.message().contains(want), "{q:?}: {err}");
    }
    assert!("tcpx".parse::<Proto>().is_err());
    assert_eq!("-1".parse::<Proto>().unwrap(), Proto::All);
    assert!(trace(&e, &Query::tcp("i-1", "10.0.2.10", 22)).is_ok());
}

/// An address in a subnet that no interface holds is a host with no security group.
#[test]
fn bare_addresses_are_hosts_without_security_groups() {
    let d = one_vpc(&[("10.0.0.0/16", "local")], &[("10.0.0.0/16", "local")]).sg(
        "sg-closed",
        "vpc-1",
        vec![],
        vec![rule("-1", None, "0.0.0.0/0")],
    );
    let e = estate(vec![d.value()]);
    let t = tcp(&e, "i-1", "10.0.2.99", 5432);
    expect(&t, None);
    assert_eq!(t.to.kind, HopKind::Host);
    assert!(t.forward.hops[0].message.contains("no security group"));
}
