//! Traces over the Batfish fixtures (real AWS CLI output, tests/fixtures/batfish).

pub use crate::batfish_support::load;
use crate::batfish_support::snapshot_names;
use vpclab_core::model::Estate;
use vpclab_core::reach::{HopKind, Proto, Query, Topology, Trace};

fn trace(e: &Estate, from: &str, to: &str, protocol: Proto, port: Option<u16>) -> Trace {
    Topology::build(e)
        .trace(&Query::new(from, to, protocol, port))
        .unwrap_or_else(|err| panic!("{from} → {to}: {err}"))
}

fn code(t: &Trace) -> Option<&'static str> {
    t.blocked.as_ref().map(|b| b.code.as_str())
}

/// test-transit-gateway: VPC A (10.10/16) reaches VPC B (192.168/16) over the TGW from the
/// subnet in the attachment's AZ (us-east-2c), not from the one in us-east-2a.
#[test]
fn transit_gateway() {
    for name in ["test-transit-gateway", "test-transit-gateway-multi-table"] {
        let e = load(name);
        let t = trace(
            &e,
            "i-06ba034d88c84ef07",
            "i-0b14080af811fda3d",
            Proto::Tcp,
            Some(22),
        );
        assert_eq!(code(&t), None, "{name}: {t:#?}");
        assert!(
            t.forward
                .hops
                .iter()
                .any(|h| h.kind == HopKind::TransitGatewayRouteTable),
            "{name}"
        );
        assert!(
            t.return_path
                .hops
                .iter()
                .any(|h| h.kind == HopKind::TransitGatewayRouteTable),
            "{name}"
        );
        let t = trace(
            &e,
            "i-075e846ed41670385",
            "i-0b14080af811fda3d",
            Proto::Tcp,
            Some(22),
        );
        assert_eq!(code(&t), Some("TGW_NO_ATTACHMENT_IN_AZ"), "{name}");
        // From B the request gets in (the TGW enters A in us-east-2c, local does the rest), but
        // the reply from the us-east-2a subnet cannot reach the TGW.
        let t = trace(
            &e,
            "i-0b14080af811fda3d",
            "i-075e846ed41670385",
            Proto::Tcp,
            Some(22),
        );
        assert_eq!(code(&t), Some("TGW_NO_ATTACHMENT_IN_AZ"), "{name}");
        assert!(t.forward.reached);
        // The security groups allow only tcp/22.
        let t = trace(
            &e,
            "i-06ba034d88c84ef07",
            "i-0b14080af811fda3d",
            Proto::Icmp,
            None,
        );
        assert_eq!(code(&t), Some("SG_INGRESS_DENY"), "{name}");
        assert_eq!(Topology::build(&e).vpc_matrix().reachable.len(), 2, "{name}");
    }
}

/// test-vpc-peering: A (10.10/16) peers with B and C, which share 192.168/16. A reaches both
/// (routes to their /24s); B and C cannot reach each other; B's default route is a blackhole.
#[test]
fn vpc_peering() {
    let e = load("test-vpc-peering");
    for to in ["i-0b14080af811fda3d", "i-04a292ff83b3aa833"] {
        let t = trace(&e, "i-06ba034d88c84ef07", to, Proto::Tcp, Some(22));
        assert_eq!(code(&t), None, "{to}: {t:#?}");
        assert!(t
            .forward
            .hops
            .iter()
            .any(|h| h.kind == HopKind::PeeringConnection));
        assert_eq!(
            code(&trace(&e, to, "i-06ba034d88c84ef07", Proto::Tcp, Some(22))),
            None
        );
    }
    let t = trace(
        &e,
        "i-0b14080af811fda3d",
        "i-04a292ff83b3aa833",
        Proto::Tcp,
        Some(22),
    );
    assert_eq!(code(&t), Some("ADDRESS_NOT_IN_SUBNET"));
    let t = trace(&e, "i-0b14080af811fda3d", "198.51.100.1", Proto::Tcp, Some(443));
    assert_eq!(code(&t), Some("BLACKHOLE_ROUTE"));
    let m = Topology::build(&e).vpc_matrix();
    assert_eq!(m.reachable.len(), 4, "A↔B and A↔C: {m:?}");
}

#[test]
fn vpc_peering_multi_account() {
    let e = load("test-vpc-peering-multi-account");
    let t = trace(
        &e,
        "i-07ae69cc808e8804e",
        "i-066ce0b1efbb5602c",
        Proto::Tcp,
        Some(22),
    );
    assert_eq!(code(&t), None, "{t:#?}");
    assert!(t.forward.hops.iter().any(|h| h.message.contains("cross-account")));
    assert_eq!(
        code(&trace(
            &e,
            "i-066ce0b1efbb5602c",
            "i-07ae69cc808e8804e",
            Proto::Icmp,
            None
        )),
        None
    );
    // The internet gateways are not in the snapshot.
    assert_eq!(
        code(&trace(
            &e,
            "i-066ce0b1efbb5602c",
            "198.51.100.1",
            Proto::Tcp,
            Some(443)
        )),
        Some("UNKNOWN_ROUTE_TARGET")
    );
}

/// test-nat-gateway: the private subnet with a default route to the NAT gateway reaches the
/// internet; the one without does not.
#[test]
fn nat_gateway() {
    let e = load("test-nat-gateway");
    let t = trace(&e, "i-0a128d26e59be60f3", "198.51.100.1", Proto::Tcp, Some(443));
    assert_eq!(code(&t), None, "{t:#?}");
    assert!(t.forward.hops.iter().any(|h| h.kind == HopKind::NatGateway));
    assert!(t.return_path.hops.iter().any(|h| h.kind == HopKind::NatGateway));
    let t = trace(&e, "i-0a73a1a6021c03ddb", "198.51.100.1", Proto::Tcp, Some(443));
    assert_eq!(code(&t), Some("NO_ROUTE"));
    assert_eq!(
        code(&trace(
            &e,
            "i-0b31b509174d7f5de",
            "198.51.100.1",
            Proto::Tcp,
            Some(443)
        )),
        None
    );
}

/// test-vpc-endpoint-gateway: the private subnet reaches S3 only through its gateway endpoint.
#[test]
fn vpc_endpoint_gateway() {
    let e = load("test-vpc-endpoint-gateway");
    let t = trace(&e, "i-01c6c0647fdccc89e", "s3", Proto::Tcp, Some(443));
    assert_eq!(code(&t), None, "{t:#?}");
    assert!(t.forward.hops.iter().any(|h| h.kind == HopKind::GatewayEndpoint));
    assert_eq!(
        code(&trace(
            &e,
            "i-01c6c0647fdccc89e",
            "198.51.100.1",
            Proto::Tcp,
            Some(443)
        )),
        Some("NO_ROUTE")
    );
    // The public subnet's table has the endpoint route too: S3 still goes through it.
    let t = trace(&e, "i-0464d440ca0ee9e34", "s3", Proto::Tcp, Some(443));
    assert!(t.forward.hops.iter().any(|h| h.kind == HopKind::GatewayEndpoint));
}

/// test-vpc-endpoint-interface: the CloudTrail endpoint's ENI takes HTTPS from both subnets.
/// Without describe-vpc-attribute output the VPC's DNS hostnames are off (the default), so the
/// service name does not resolve to the endpoint.
#[test]
fn vpc_endpoint_interface() {
    let e = load("test-vpc-endpoint-interface");
    for from in ["i-0a0fbd0cfa774970f", "i-0eb6eb395a0d09117"] {
        let t = trace(&e, from, "10.1.101.97", Proto::Tcp, Some(443));
        assert_eq!(code(&t), None, "{from}: {t:#?}");
        assert_eq!(t.to.kind, HopKind::InterfaceEndpoint);
        let t = trace(&e, from, "10.1.101.97", Proto::Tcp, Some(80));
        assert_eq!(code(&t), Some("ENDPOINT_SERVICE_PORT"), "{from}");
    }
    let err = Topology::build(&e)
        .trace(&Query::tcp("i-0a0fbd0cfa774970f", "cloudtrail", 443))
        .unwrap_err();
    assert!(err.message().contains("DNS hostnames"), "{err}");
}

/// test-transit-gateway-peering: bat2 reaches fish across the TGW peering, but the reply meets
/// the route table associated with the peering attachment on bat's side, which has no route
/// for bat2.
#[test]
fn transit_gateway_peering() {
    let e = load("test-transit-gateway-peering");
    let t = trace(
        &e,
        "i-05e25e43074216229",
        "i-0afb0a59f6bf36397",
        Proto::Tcp,
        Some(22),
    );
    assert!(t.forward.reached, "{t:#?}");
    assert!(t
        .forward
        .hops
        .iter()
        .any(|h| h.message.contains("crosses transit gateway peering")));
    assert_eq!(code(&t), Some("TGW_NO_ROUTE"));
    assert_eq!(t.blocked.as_ref().unwrap().at, "tgw-rtb-05d2952671d1f460a");
}

/// test-transit-gateway-asymmetric-paths: each VPC routes the other through a different TGW;
/// both directions work, the request and the reply crossing different transit gateways.
#[test]
fn transit_gateway_asymmetric_paths() {
    let e = load("test-transit-gateway-asymmetric-paths");
    let t = trace(
        &e,
        "i-04bbbcaefdd1937f9",
        "i-0973ce90749865a7f",
        Proto::Tcp,
        Some(22),
    );
    assert_eq!(code(&t), None, "{t:#?}");
    let tgw = |hops: &[vpclab_core::reach::Hop]| {
        hops.iter()
            .find(|h| h.kind == HopKind::TransitGateway)
            .and_then(|h| h.target.clone())
    };
    let (there, back) = (tgw(&t.forward.hops), tgw(&t.return_path.hops));
    assert!(
        there.is_some() && back.is_some() && there != back,
        "{there:?} {back:?}"
    );
}

#[test]
fn transit_gateway_multi_account() {
    let e = load("test-transit-gateway-multi-account");
    for (a, b) in [
        ("i-0bdf35d561be3d962", "i-03df168b3f73cc262"),
        ("i-03df168b3f73cc262", "i-0bdf35d561be3d962"),
    ] {
        let t = trace(&e, a, b, Proto::Tcp, Some(22));
        assert_eq!(code(&t), None, "{a} → {b}: {t:#?}");
    }
}

/// The remaining fixtures: public subnet, public/private subnet (VGW default route), one subnet.
#[test]
fn small_fixtures() {
    let e = load("test-public-subnet");
    assert_eq!(
        code(&trace(
            &e,
            "i-06669a407b2ef3ae5",
            "198.51.100.1",
            Proto::Tcp,
            Some(443)
        )),
        None
    );
    let e = load("test-public-private-subnet");
    assert_eq!(
        code(&trace(
            &e,
            "i-094a9e5b545a4fde4",
            "198.51.100.1",
            Proto::Tcp,
            Some(443)
        )),
        None
    );
    assert_eq!(
        code(&trace(
            &e,
            "i-099cf38911942421c",
            "198.51.100.1",
            Proto::Tcp,
            Some(443)
        )),
        Some("NOT_MODELLED")
    );
    let e = load("test-subnet");
    assert_eq!(
        code(&trace(
            &e,
            "i-08ef86e76fceabd8d",
            "i-07519d6ba3f9497e4",
            Proto::Tcp,
            Some(22)
        )),
        None
    );
}

/// No trace panics on any fixture, for every pair of interfaces and a few outside addresses.
#[test]
fn every_fixture_traces_without_panic() {
    let names = snapshot_names();
    let mut traced = 0;
    for name in names {
        let e = load(&name);
        let topo = Topology::build(&e);
        let mut ends: Vec<String> = e.instances.keys().map(|i| i.to_string()).collect();
        ends.extend(e.enis.keys().map(|i| i.to_string()));
        ends.extend([
            "198.51.100.1".to_string(),
            "s3".to_string(),
            "10.255.255.1".to_string(),
        ]);
        for a in &ends {
            for b in &ends {
                for (p, port) in [
                    (Proto::Tcp, Some(22)),
                    (Proto::Udp, Some(53)),
                    (Proto::Icmp, None),
                    (Proto::All, None),
                ] {
                    if let Ok(t) = topo.trace(&Query::new(a, b, p, port)) {
                        assert_eq!(t.reachable, t.blocked.is_none(), "{name} {a} → {b}");
                        traced += 1;
                    }
                }
            }
        }
        let _ = topo.vpc_matrix();
    }
    assert!(traced > 1000, "{traced}");
}
