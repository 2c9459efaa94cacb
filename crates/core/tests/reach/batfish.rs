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
        // Its default route goes to a virtual private gateway with no VPN connection or Direct
        // Connect interface in the snapshot.
        Some("ON_PREMISES_NOT_CONNECTED")
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

/// Batfish marks the VPN's tunnels up: it builds them from the on-premises router's
/// configuration (`configs/`), not from AWS's telemetry, which in these snapshots says `DOWN`.
/// vpclab believes the telemetry, so to ask Batfish's questions the tunnels are set `UP` here.
fn tunnels_up(mut e: Estate) -> Estate {
    for v in e.vpn_connections.values_mut() {
        for t in &mut v.tunnels {
            t.status = "UP".into();
        }
    }
    e
}

fn hop_ats(hops: &[vpclab_core::reach::Hop]) -> Vec<&str> {
    hops.iter().map(|h| h.at.as_str()).collect()
}

/// Batfish's `AwsConfigurationVpnGatewayTest` on test-vpn-gateway: one private subnet whose
/// main table sends 0.0.0.0/0 to the virtual private gateway, a BGP VPN to on premises.
#[test]
fn vpn_gateway_flows_as_batfish() {
    const VGW: &str = "vgw-0c09bd7fadac961bf";
    const INSTANCE: &str = "i-099cf38911942421c";
    let as_is = load("test-vpn-gateway");
    // The snapshot as AWS reported it: both tunnels DOWN, so nothing crosses.
    let t = trace(&as_is, INSTANCE, "8.8.8.8", Proto::All, None);
    assert_eq!(code(&t), Some("VPN_TUNNELS_DOWN"), "{t:#?}");
    let b = t.blocked.unwrap();
    assert_eq!(b.at, VGW);
    assert!(b.message.contains("IPSEC IS DOWN"), "{}", b.message);
    let e = tunnels_up(as_is);
    // testToOnPrem: instance → subnet → VPC → VGW → on premises (Batfish then finds no route on
    // the on-premises router, which vpclab does not model: the packet has left AWS).
    let t = trace(&e, INSTANCE, "8.8.8.8", Proto::All, None);
    assert_eq!(code(&t), None, "{t:#?}");
    let ats = hop_ats(&t.forward.hops);
    assert_eq!(ats.first(), Some(&INSTANCE));
    assert!(ats.contains(&VGW), "{ats:?}");
    let last = t.forward.hops.last().unwrap();
    assert_eq!((last.kind, last.at.as_str()), (HopKind::OnPremises, "8.8.8.8"));
    assert!(t
        .forward
        .hops
        .iter()
        .any(|h| h.message.contains("vpn-03701a53bba3c48b7")));
    // The reply comes back through the same gateway.
    assert!(hop_ats(&t.return_path.hops).contains(&VGW));
    // testFromOnPrem: on premises → VGW → VPC → subnet → instance, denied at the instance (its
    // groups allow tcp 22 only).
    let t = trace(&e, "172.16.0.10", INSTANCE, Proto::All, None);
    assert_eq!(code(&t), Some("SG_INGRESS_DENY"), "{t:#?}");
    assert_eq!(hop_ats(&t.forward.hops)[1], VGW);
    let t = trace(&e, "172.16.0.10", INSTANCE, Proto::Tcp, Some(22));
    assert_eq!(code(&t), None, "{t:#?}");
    // To an address of the subnet no interface holds: it arrives in the subnet (Batfish: the
    // neighbour does not answer; vpclab treats an unknown address as a host).
    let t = trace(&e, "172.16.0.10", "10.0.1.205", Proto::All, None);
    assert!(t.forward.reached, "{t:#?}");
    assert!(hop_ats(&t.forward.hops).contains(&VGW));
    // To an address of the VPC in no subnet: dropped in the VPC (Batfish: null-routed).
    let t = trace(&e, "172.16.0.10", "10.0.2.1", Proto::All, None);
    assert_eq!(code(&t), Some("ADDRESS_NOT_IN_SUBNET"), "{t:#?}");
    assert_eq!(t.blocked.unwrap().at, "vpc-0b966fdeb36d5e43f");
}

/// Batfish's `AwsConfigurationDirectConnectTest` on test-direct-connect-gateway: a VPC attached
/// to a transit gateway, which has a Direct Connect gateway attachment and a VPN attachment.
#[test]
fn direct_connect_gateway_flows_as_batfish() {
    let as_is = load("test-direct-connect-gateway");
    // The on-premises router advertises 10.10.0.0/16 over BGP; the snapshot's TGW table holds
    // no such route (search-transit-gateway-routes ran before BGP came up), so vpclab finds
    // none.
    let t = trace(&as_is, "i-dx01", "10.10.0.1", Proto::All, None);
    assert_eq!(code(&t), Some("TGW_NO_ROUTE"), "{t:#?}");
    // With the routes BGP would propagate (from both the DX and the VPN attachment) in the
    // table, the packet leaves through the Direct Connect gateway: for equal prefixes a Direct
    // Connect gateway's propagated route beats a VPN's (testFromInstanceToOnPrem).
    let mut e = as_is.clone();
    let table = e.tgw_route_tables.get_mut(&"tgw-rtb-dx01".into()).unwrap();
    for att in ["tgw-attach-vpn-dx-test", "tgw-attach-dx01"] {
        table.routes.push(vpclab_core::model::TgwRoute {
            destination: vpclab_core::model::Destination::Cidr("10.10.0.0/16".parse().unwrap()),
            attachment: Some(att.into()),
            state: vpclab_core::model::RouteState::Active,
            propagated: true,
        });
    }
    let t = trace(&e, "i-dx01", "10.10.0.1", Proto::All, None);
    assert_eq!(code(&t), None, "{t:#?}");
    let ats = hop_ats(&t.forward.hops);
    assert!(ats.contains(&"tgw-attach-dx01"), "{ats:?}");
    assert!(!ats.contains(&"tgw-attach-vpn-dx-test"), "{ats:?}");
    assert!(t
        .forward
        .hops
        .iter()
        .any(|h| h.message.contains("Direct Connect gateway")));
    // testFromOnPremToInstance: accepted at the instance.
    let t = trace(&e, "10.10.0.1", "i-dx01", Proto::All, None);
    assert_eq!(code(&t), None, "{t:#?}");
    assert!(hop_ats(&t.forward.hops).contains(&"tgw-attach-vpc01"));
    // testDxgwOnlySeesVpcsInDxRouteTable: vpc-iso01 is not in the Direct Connect attachment's
    // table, so on premises cannot reach it.
    let t = trace(&e, "10.10.0.1", "10.200.1.10", Proto::All, None);
    assert!(!t.reachable, "{t:#?}");
}

/// Batfish's `AwsConfigurationDirectConnectPrivateVifTest` on test-direct-connect-private-vif:
/// two private virtual interfaces on one virtual private gateway.
#[test]
fn direct_connect_private_vif_flows_as_batfish() {
    let e = load("test-direct-connect-private-vif");
    // testInstanceToOnPremPrefersHighDxCommunity: out through the gateway over a private VIF.
    let t = trace(&e, "i-priv01", "10.20.0.1", Proto::All, None);
    assert_eq!(code(&t), None, "{t:#?}");
    let out = t.forward.hops.iter().find(|h| h.at == "vgw-priv01").unwrap();
    assert!(out.message.contains("dxvif-priv01"), "{}", out.message);
    // testFromOnPremHighToInstance: accepted.
    let t = trace(&e, "10.20.0.1", "i-priv01", Proto::All, None);
    assert_eq!(code(&t), None, "{t:#?}");
    assert_eq!(hop_ats(&t.forward.hops)[1], "vgw-priv01");
}

/// Batfish's `AwsConfigurationDirectConnectMultiRegionTest`: the one global Direct Connect
/// gateway is associated with the transit gateways of both regions, although only us-east-1's
/// documents list the associations.
#[test]
fn direct_connect_gateway_multi_region_as_batfish() {
    let e = load("test-direct-connect-gateway-multi-region");
    let mut tgws: Vec<String> = e
        .dx_associations
        .values()
        .filter(|a| a.state == "associated")
        .map(|a| match &a.gateway {
            vpclab_core::model::DxAssociated::TransitGateway(t) => t.to_string(),
            other => format!("{other:?}"),
        })
        .collect();
    tgws.sort();
    assert_eq!(tgws, ["tgw-east", "tgw-west"]);
    assert_eq!(e.dx_gateways.len(), 1);
    // Each transit gateway has a Direct Connect gateway attachment to it.
    for tgw in ["tgw-east", "tgw-west"] {
        assert!(
            e.tgw_attachments
                .values()
                .any(|a| a.tgw.as_str() == tgw && a.resource_type == "direct-connect-gateway"),
            "{tgw}"
        );
    }
}
