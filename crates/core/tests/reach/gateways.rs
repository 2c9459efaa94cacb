//! Internet gateways (public IPs), NAT gateways (public subnet), gateway endpoints (own VPC)
//! and interface endpoints (ENIs, security group on 443, private DNS).

use crate::common::*;
use serde_json::json;
use vpclab_core::reach::{Decision, HopKind};

/// VPC 10.0.0.0/16 with a public subnet (igw route) and a private subnet (route `private`).
fn public_private(private: &[(&str, &str)], nat_subnet: &str) -> Doc {
    let mut routes = vec![("10.0.0.0/16", "local")];
    routes.extend_from_slice(private);
    doc()
        .vpc("vpc-1", "10.0.0.0/16")
        .subnet("subnet-pub", "vpc-1", "10.0.0.0/24", "us-east-1a")
        .subnet("subnet-priv", "vpc-1", "10.0.1.0/24", "us-east-1a")
        .igw("igw-1", "vpc-1")
        .rt(
            "rtb-pub",
            "vpc-1",
            false,
            &["subnet-pub"],
            &[("10.0.0.0/16", "local"), ("0.0.0.0/0", "igw-1")],
        )
        .rt("rtb-priv", "vpc-1", true, &[], &routes)
        .nat(
            "nat-1",
            "vpc-1",
            nat_subnet,
            if nat_subnet == "subnet-pub" {
                "10.0.0.5"
            } else {
                "10.0.1.5"
            },
            "203.0.113.50",
        )
        .open_sg("sg-1", "vpc-1")
        .instance_full(
            "i-pub",
            "vpc-1",
            "subnet-pub",
            "10.0.0.10",
            Some("198.51.100.10"),
            &["sg-1"],
            "running",
        )
        .instance("i-nopub", "vpc-1", "subnet-pub", "10.0.0.11", &["sg-1"])
        .instance("i-priv", "vpc-1", "subnet-priv", "10.0.1.10", &["sg-1"])
}

/// "Enable internet access for a VPC using an internet gateway": route + public IP.
#[test]
fn internet_gateway_needs_a_public_ip() {
    let e = estate(vec![public_private(&[], "subnet-pub").value()]);
    let t = tcp(&e, "i-pub", "192.0.2.80", 80);
    expect(&t, None);
    assert_eq!(t.to.kind, HopKind::Internet);
    let t = tcp(&e, "i-nopub", "192.0.2.80", 80);
    expect(&t, Some("NO_INTERNET_ACCESS"));
    assert_eq!(t.blocked.as_ref().unwrap().at, "igw-1");
    assert!(t.blocked.unwrap().message.contains("no public IPv4 address"));
    // From the internet: to the public address only.
    expect(&tcp(&e, "192.0.2.80", "198.51.100.10", 443), None);
    expect(&tcp(&e, "192.0.2.80", "i-nopub", 443), Some("NO_INTERNET_ACCESS"));
    // An internet gateway that is not attached.
    let d = public_private(&[], "subnet-pub");
    let detached = d.value().to_string().replace(
        r#""Attachments":[{"State":"available","VpcId":"vpc-1"}]"#,
        r#""Attachments":[]"#,
    );
    let e = estate(vec![serde_json::from_str(&detached).unwrap()]);
    expect(&tcp(&e, "i-pub", "192.0.2.80", 80), Some("NO_INTERNET_ACCESS"));
}

/// "NAT gateways": a private subnet reaches the internet through a NAT gateway in a public
/// subnet; the reply is translated back.
#[test]
fn nat_gateway_in_a_public_subnet() {
    let e = estate(vec![
        public_private(&[("0.0.0.0/0", "nat-1")], "subnet-pub").value()
    ]);
    let t = tcp(&e, "i-priv", "192.0.2.80", 443);
    expect(&t, None);
    let at = forward_ats(&t);
    assert_eq!(
        at,
        vec![
            "i-priv",
            "sg-1",
            "subnet-priv",
            "nat-1",
            "subnet-pub",
            "igw-1",
            "192.0.2.80"
        ]
    );
    assert!(
        t.forward.hops[5].message.contains("203.0.113.50"),
        "EIP: {}",
        t.forward.hops[5].message
    );
    let back: Vec<&str> = t.return_path.hops.iter().map(|h| h.at.as_str()).collect();
    assert_eq!(back, vec!["192.0.2.80", "igw-1", "nat-1", "subnet-pub", "i-priv"]);
    assert_eq!(t.return_path.hops[2].decision, Decision::Translate);
    // S3 without an endpoint goes through the NAT gateway too.
    let t = tcp(&e, "i-priv", "s3", 443);
    expect(&t, None);
    assert!(forward_ats(&t).contains(&"nat-1"));
}

/// A NAT gateway in a private subnet (no internet-gateway route) gets nowhere.
#[test]
fn nat_gateway_in_a_private_subnet() {
    let e = estate(vec![
        public_private(&[("0.0.0.0/0", "nat-1")], "subnet-priv").value()
    ]);
    let t = tcp(&e, "i-priv", "192.0.2.80", 443);
    expect(&t, Some("NO_INTERNET_ACCESS"));
    let b = t.blocked.unwrap();
    assert_eq!(b.at, "rtb-priv");
    assert!(
        b.message.contains("subnet-priv") && b.message.contains("public subnet"),
        "{}",
        b.message
    );
    // With no default route at all in its subnet.
    let d = doc()
        .vpc("vpc-1", "10.0.0.0/16")
        .subnet("subnet-a", "vpc-1", "10.0.0.0/24", "us-east-1a")
        .subnet("subnet-n", "vpc-1", "10.0.1.0/24", "us-east-1a")
        .rt(
            "rtb-a",
            "vpc-1",
            false,
            &["subnet-a"],
            &[("10.0.0.0/16", "local"), ("0.0.0.0/0", "nat-1")],
        )
        .rt("rtb-n", "vpc-1", true, &[], &[("10.0.0.0/16", "local")])
        .nat("nat-1", "vpc-1", "subnet-n", "10.0.1.5", "203.0.113.50")
        .open_sg("sg-1", "vpc-1")
        .instance("i-a", "vpc-1", "subnet-a", "10.0.0.10", &["sg-1"]);
    let e = estate(vec![d.value()]);
    let t = tcp(&e, "i-a", "192.0.2.80", 443);
    expect(&t, Some("NO_INTERNET_ACCESS"));
    assert!(t.blocked.unwrap().message.contains("subnet-n"));
}

/// Only an available, public NAT gateway reaches the internet.
#[test]
fn nat_gateway_state_and_connectivity() {
    let base = |state: &str, public: Option<&str>| {
        doc()
            .vpc("vpc-1", "10.0.0.0/16")
            .subnet("subnet-pub", "vpc-1", "10.0.0.0/24", "us-east-1a")
            .subnet("subnet-priv", "vpc-1", "10.0.1.0/24", "us-east-1a")
            .igw("igw-1", "vpc-1")
            .rt(
                "rtb-pub",
                "vpc-1",
                false,
                &["subnet-pub"],
                &[("10.0.0.0/16", "local"), ("0.0.0.0/0", "igw-1")],
            )
            .rt(
                "rtb-priv",
                "vpc-1",
                true,
                &[],
                &[("10.0.0.0/16", "local"), ("0.0.0.0/0", "nat-1")],
            )
            .nat_full("nat-1", "vpc-1", "subnet-pub", "10.0.0.5", public, state)
            .open_sg("sg-1", "vpc-1")
            .instance("i-priv", "vpc-1", "subnet-priv", "10.0.1.10", &["sg-1"])
    };
    let cases = [
        ("available", Some("203.0.113.50"), None),
        ("pending", Some("203.0.113.50"), Some("NO_INTERNET_ACCESS")),
        ("deleted", Some("203.0.113.50"), Some("NO_INTERNET_ACCESS")),
        ("available", None, Some("NO_INTERNET_ACCESS")),
    ];
    for (state, public, want) in cases {
        let e = estate(vec![base(state, public).value()]);
        let t = tcp(&e, "i-priv", "192.0.2.80", 443);
        assert_eq!(
            code(&t),
            want,
            "{state} {public:?}: {}",
            serde_json::to_string_pretty(&t).unwrap()
        );
    }
}

/// Gateway endpoints: the prefix-list route beats 0.0.0.0/0; the reply comes back through it.
#[test]
fn gateway_endpoint() {
    let d = public_private(&[("0.0.0.0/0", "nat-1"), ("pl-63a5400a", "vpce-s3")], "subnet-pub").push(
        "VpcEndpoints",
        json!({"VpcEndpointId": "vpce-s3", "VpcEndpointType": "Gateway", "VpcId": "vpc-1",
            "ServiceName": "com.amazonaws.us-east-1.s3", "State": "available", "RouteTableIds": ["rtb-priv"]}),
    );
    let e = estate(vec![d.value()]);
    for to in ["s3", "com.amazonaws.us-east-1.s3", "52.216.8.1"] {
        let t = tcp(&e, "i-priv", to, 443);
        expect(&t, None);
        assert_eq!(t.to.kind, HopKind::Service, "{to}");
        let route = t
            .forward
            .hops
            .iter()
            .find(|h| h.kind == HopKind::RouteTable)
            .unwrap();
        assert!(
            route.matched.as_deref().unwrap().starts_with("pl-63a5400a ("),
            "{to}: {:?}",
            route.matched
        );
        assert!(!forward_ats(&t).contains(&"nat-1"), "{to}");
        assert!(t.return_path.hops.iter().any(|h| h.at == "vpce-s3"));
    }
    // DynamoDB has no route here: it goes through the NAT gateway.
    let t = tcp(&e, "i-priv", "52.94.0.9", 443);
    expect(&t, None);
    assert!(forward_ats(&t).contains(&"nat-1"));
}

/// An interface endpoint with two ENIs (one per AZ) and a security group.
fn interface_vpc(endpoint_sg_ingress: Vec<serde_json::Value>, private_dns: bool, dns_hostnames: bool) -> Doc {
    interface_vpc_routes(endpoint_sg_ingress, private_dns, dns_hostnames, &[])
}

fn interface_vpc_routes(
    endpoint_sg_ingress: Vec<serde_json::Value>,
    private_dns: bool,
    dns_hostnames: bool,
    extra: &[(&str, &str)],
) -> Doc {
    let mut routes = vec![("10.0.0.0/16", "local")];
    routes.extend_from_slice(extra);
    let mut d = doc()
        .push(
            "Vpcs",
            json!({"VpcId": "vpc-1", "OwnerId": ACCOUNT, "CidrBlock": "10.0.0.0/16",
                "EnableDnsSupport": true, "EnableDnsHostnames": dns_hostnames}),
        )
        .subnet("subnet-a", "vpc-1", "10.0.0.0/24", "us-east-1a")
        .subnet("subnet-b", "vpc-1", "10.0.1.0/24", "us-east-1b")
        .rt("rtb-1", "vpc-1", true, &[], &routes)
        .open_sg("sg-1", "vpc-1")
        .sg("sg-vpce", "vpc-1", endpoint_sg_ingress, vec![])
        .instance("i-a", "vpc-1", "subnet-a", "10.0.0.10", &["sg-1"])
        .instance("i-b", "vpc-1", "subnet-b", "10.0.1.10", &["sg-1"]);
    for (eni, subnet, ip, az) in [
        ("eni-vpce-a", "subnet-a", "10.0.0.100", "us-east-1a"),
        ("eni-vpce-b", "subnet-b", "10.0.1.100", "us-east-1b"),
    ] {
        d = d.push(
            "NetworkInterfaces",
            json!({"NetworkInterfaceId": eni, "OwnerId": ACCOUNT, "VpcId": "vpc-1", "SubnetId": subnet,
                "AvailabilityZone": az, "PrivateIpAddress": ip, "Groups": [{"GroupId": "sg-vpce"}],
                "InterfaceType": "vpc_endpoint"}),
        );
    }
    d.push(
        "VpcEndpoints",
        json!({"VpcEndpointId": "vpce-logs", "VpcEndpointType": "Interface", "VpcId": "vpc-1",
            "ServiceName": "com.amazonaws.us-east-1.logs", "State": "available",
            "SubnetIds": ["subnet-a", "subnet-b"], "NetworkInterfaceIds": ["eni-vpce-a", "eni-vpce-b"],
            "Groups": [{"GroupId": "sg-vpce"}], "PrivateDnsEnabled": private_dns}),
    )
}

/// "Access an AWS service using an interface VPC endpoint": 443 allowed by the endpoint's group;
/// private DNS resolves the service to the ENI in the client's AZ.
#[test]
fn interface_endpoint() {
    let e = estate(vec![interface_vpc(
        vec![rule("tcp", Some(443), "10.0.0.0/16")],
        true,
        true,
    )
    .value()]);
    for (from, eni) in [("i-a", "eni-vpce-a"), ("i-b", "eni-vpce-b")] {
        let t = tcp(&e, from, "logs", 443);
        expect(&t, None);
        assert_eq!(t.to.id, eni);
        assert_eq!(t.to.kind, HopKind::InterfaceEndpoint);
        assert!(t.forward.hops[0].message.contains("private DNS"));
    }
    expect(&tcp(&e, "i-a", "10.0.1.100", 443), None);
    let picks = vpclab_core::reach::choices(&e);
    let ids: Vec<(&str, HopKind)> = picks.iter().map(|c| (c.id.as_str(), c.kind)).collect();
    assert_eq!(
        ids,
        vec![
            ("i-a", HopKind::Instance),
            ("i-b", HopKind::Instance),
            ("eni-vpce-a", HopKind::InterfaceEndpoint),
            ("eni-vpce-b", HopKind::InterfaceEndpoint),
            ("com.amazonaws.us-east-1.logs", HopKind::Service),
        ]
    );
    assert_eq!(picks[2].address.as_deref(), Some("10.0.0.100"));
    expect(&tcp(&e, "i-a", "eni-vpce-a", 80), Some("ENDPOINT_SERVICE_PORT"));
    let closed = estate(vec![interface_vpc(
        vec![rule("tcp", Some(443), "10.0.1.0/24")],
        true,
        true,
    )
    .value()]);
    expect(&tcp(&closed, "i-a", "logs", 443), Some("SG_INGRESS_DENY"));
    expect(&tcp(&closed, "i-b", "logs", 443), None);
    // Private DNS off, or the VPC without DNS hostnames: the name resolves to the service's
    // public endpoint, and this VPC has no route out to it.
    for (dns, hostnames) in [(false, true), (true, false)] {
        let e = estate(vec![interface_vpc(
            vec![rule("tcp", Some(443), "10.0.0.0/16")],
            dns,
            hostnames,
        )
        .value()]);
        let t = tcp(&e, "i-a", "logs", 443);
        expect(&t, Some("NO_ROUTE"));
        assert_eq!(t.to.id, "com.amazonaws.us-east-1.logs");
        assert_eq!(t.to.kind, HopKind::Service);
        assert!(!forward_ats(&t).contains(&"eni-vpce-a"));
    }
}

/// A service without an interface endpoint (and without a prefix list) answers at its public
/// regional endpoint, reached like any public address: through the internet gateway with a
/// public IP, or through a NAT gateway. The trace names the service at the last hop.
#[test]
fn service_public_endpoint() {
    let e = estate(vec![
        public_private(&[("0.0.0.0/0", "nat-1")], "subnet-pub").value()
    ]);
    for to in ["sns", "com.amazonaws.us-east-1.sns", "52.95.208.17"] {
        let t = tcp(&e, "i-priv", to, 443);
        expect(&t, None);
        assert_eq!(t.to.id, "com.amazonaws.us-east-1.sns", "{to}");
        assert_eq!(t.to.kind, HopKind::Service);
        assert_eq!(t.to.address, "52.95.208.17");
        assert_eq!(
            forward_ats(&t),
            vec![
                "i-priv",
                "sg-1",
                "subnet-priv",
                "nat-1",
                "subnet-pub",
                "igw-1",
                "com.amazonaws.us-east-1.sns"
            ],
            "{to}"
        );
        let last = t.forward.hops.last().unwrap();
        assert_eq!((last.kind, last.decision), (HopKind::Service, Decision::Deliver));
    }
    expect(&tcp(&e, "i-pub", "sns", 443), None);
    expect(&tcp(&e, "i-nopub", "sns", 443), Some("NO_INTERNET_ACCESS"));
    // Without the NAT route the private subnet has no way out.
    let closed = estate(vec![public_private(&[], "subnet-pub").value()]);
    expect(&tcp(&closed, "i-priv", "sqs", 443), Some("NO_ROUTE"));
    // Services and regions outside vpclab's table are refused with what it knows.
    for (to, words) in [
        ("no-such-service", "public endpoints of"),
        ("com.amazonaws.ap-south-2.sns", "not of ap-south-2"),
    ] {
        let err =
            vpclab_core::reach::trace(&e, &vpclab_core::reach::Query::tcp("i-priv", to, 443)).unwrap_err();
        assert!(err.message().contains(words), "{to}: {err}");
    }
}

/// Interface endpoints are reachable by IP over a peering.
#[test]
fn interface_endpoint_over_peering() {
    let d = interface_vpc_routes(
        vec![rule("tcp", Some(443), "10.9.0.0/16")],
        true,
        true,
        &[("10.9.0.0/16", "pcx-1")],
    )
    .vpc("vpc-9", "10.9.0.0/16")
    .subnet("subnet-9", "vpc-9", "10.9.0.0/24", "us-east-1a")
    .rt(
        "rtb-9",
        "vpc-9",
        true,
        &[],
        &[("10.9.0.0/16", "local"), ("10.0.0.0/16", "pcx-1")],
    )
    .open_sg("sg-9", "vpc-9")
    .instance("i-9", "vpc-9", "subnet-9", "10.9.0.10", &["sg-9"])
    .pcx(
        "pcx-1",
        ("vpc-9", "10.9.0.0/16"),
        ("vpc-1", "10.0.0.0/16"),
        "active",
    );
    let e = estate(vec![d.value()]);
    let t = tcp(&e, "i-9", "10.0.0.100", 443);
    expect(&t, None);
    assert_eq!(t.to.id, "eni-vpce-a");
}
