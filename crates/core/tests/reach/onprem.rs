//! On premises over Site-to-Site VPN and Direct Connect: a virtual private gateway's static and
//! propagated routes, the link that carries the packet, tunnels down, edge-to-edge through a
//! peer's VPN, and a transit gateway's VPN attachment.
//!
//! Scenarios from "How AWS Site-to-Site VPN works" and "Route tables and AWS Site-to-Site VPN
//! route priority" (vpn/latest/s2svpn), "Unsupported VPC peering configurations" (edge to edge
//! through a VPN connection) and "Transit gateway attachments to a VPN" (tgw-vpn-attachments.html),
//! in the AWS CLI's shapes.

use crate::common::*;
use serde_json::{json, Value};
use vpclab_core::reach::{HopKind, Proto};

const ONPREM: &str = "192.168.1.10";

fn vpn(id: &str, gateway: (&str, &str), static_routes: &[&str], tunnels: &str) -> Value {
    let routes: Vec<Value> = static_routes
        .iter()
        .map(|r| json!({"DestinationCidrBlock": r, "Source": "Static", "State": "available"}))
        .collect();
    let mut v = json!({"VpnConnectionId": id, "CustomerGatewayId": "cgw-1", "State": "available", "Type": "ipsec.1",
        "Options": {"StaticRoutesOnly": !static_routes.is_empty()}, "Routes": routes,
        "VgwTelemetry": [
            {"OutsideIpAddress": "3.3.3.3", "Status": tunnels, "StatusMessage": if tunnels == "UP" { "" } else { "IPSEC IS DOWN" }, "AcceptedRouteCount": 0},
            {"OutsideIpAddress": "3.3.3.4", "Status": tunnels, "StatusMessage": if tunnels == "UP" { "" } else { "IPSEC IS DOWN" }, "AcceptedRouteCount": 0}]});
    v[gateway.0] = json!(gateway.1);
    v
}

/// The VPN scenario of "How AWS Site-to-Site VPN works": a VPC (10.0.0.0/16) with a virtual
/// private gateway and a static VPN to 192.168.0.0/16; its route table propagates from the
/// gateway when `propagate`, else has `extra` routes.
fn vpn_vpc(propagate: bool, extra: &[(&str, &str)], vpn: Value) -> Doc {
    let mut routes = vec![("10.0.0.0/16", "local")];
    routes.extend_from_slice(extra);
    let mut d = doc()
        .vpc("vpc-1", "10.0.0.0/16")
        .subnet("subnet-1", "vpc-1", "10.0.1.0/24", "us-east-1a")
        .rt("rtb-1", "vpc-1", true, &[], &routes)
        .open_sg("sg-1", "vpc-1")
        .instance("i-1", "vpc-1", "subnet-1", "10.0.1.10", &["sg-1"])
        .push(
            "VpnGateways",
            json!({"VpnGatewayId": "vgw-1", "State": "available", "Type": "ipsec.1", "AmazonSideAsn": 64512,
                "VpcAttachments": [{"VpcId": "vpc-1", "State": "attached"}]}),
        )
        .push(
            "CustomerGateways",
            json!({"CustomerGatewayId": "cgw-1", "IpAddress": "203.0.113.12", "BgpAsn": "65000", "State": "available", "Type": "ipsec.1"}),
        )
        .push("VpnConnections", vpn);
    if propagate {
        let mut v = d.value();
        v["RouteTables"][0]["PropagatingVgws"] = json!([{"GatewayId": "vgw-1"}]);
        d = Doc::from_value(v);
    }
    d
}

fn static_vpn(tunnels: &str) -> Value {
    vpn("vpn-1", ("VpnGatewayId", "vgw-1"), &["192.168.0.0/16"], tunnels)
}

/// Route propagation puts the VPN's static routes in the table; the packet leaves AWS through
/// the virtual private gateway over the VPN, and the reply comes back the same way.
#[test]
fn static_vpn_with_route_propagation() {
    let e = estate(vec![vpn_vpc(true, &[], static_vpn("UP")).value()]);
    let t = tcp(&e, "i-1", ONPREM, 22);
    expect(&t, None);
    let route = t.forward.hops.iter().find(|h| h.route_table.is_some()).unwrap();
    assert_eq!(
        route.matched.as_deref(),
        Some("192.168.0.0/16"),
        "the propagated route"
    );
    assert_eq!(route.target.as_deref(), Some("vgw-1"));
    let out = t.forward.hops.iter().find(|h| h.at == "vgw-1").unwrap();
    assert!(out.message.contains("VPN connection vpn-1"), "{}", out.message);
    assert_eq!(t.forward.hops.last().unwrap().kind, HopKind::OnPremises);
    assert!(t.return_path.hops.iter().any(|h| h.at == "vgw-1"));
    // From on premises: in through the gateway, by the instance's private address.
    let t = tcp(&e, ONPREM, "i-1", 22);
    expect(&t, None);
    assert_eq!(t.forward.hops[1].at, "vgw-1");
    // Without propagation (and no static route to the gateway) the table has no route.
    let e = estate(vec![vpn_vpc(false, &[], static_vpn("UP")).value()]);
    expect(&tcp(&e, "i-1", ONPREM, 22), Some("NO_ROUTE"));
    // From on premises the VPC would not answer: treated as the internet, which does not route
    // to a private address.
    assert!(!tcp(&e, ONPREM, "i-1", 22).reachable);
}

/// "Only IP prefixes that are known to the virtual private gateway … can receive traffic": a
/// static VPN carries only its static routes' destinations.
#[test]
fn static_vpn_carries_only_its_routes() {
    let e = estate(vec![vpn_vpc(
        false,
        &[("172.16.0.0/12", "vgw-1")],
        static_vpn("UP"),
    )
    .value()]);
    let t = tcp(&e, "i-1", "172.16.5.5", 22);
    expect(&t, Some("ON_PREMISES_NOT_CONNECTED"));
    let b = t.blocked.unwrap();
    assert_eq!(b.at, "vgw-1");
    assert!(b.message.contains("create_vpn_connection_route"), "{}", b.message);
}

/// With both tunnels down nothing crosses; the message gives AWS's status.
#[test]
fn vpn_tunnels_down() {
    let e = estate(vec![vpn_vpc(true, &[], static_vpn("DOWN")).value()]);
    let t = tcp(&e, "i-1", ONPREM, 22);
    expect(&t, Some("VPN_TUNNELS_DOWN"));
    assert!(t
        .blocked
        .unwrap()
        .message
        .contains("both tunnels of VPN connection vpn-1 are DOWN (IPSEC IS DOWN)"));
}

/// The local route wins over a propagated route that overlaps it, even a more specific one
/// ("Route tables and AWS Site-to-Site VPN route priority").
#[test]
fn local_route_beats_propagated() {
    let v = vpn(
        "vpn-1",
        ("VpnGatewayId", "vgw-1"),
        &["10.0.1.0/24", "192.168.0.0/16"],
        "UP",
    );
    let e = estate(vec![vpn_vpc(true, &[], v)
        .instance("i-2", "vpc-1", "subnet-1", "10.0.1.20", &["sg-1"])
        .value()]);
    let t = tcp(&e, "i-1", "i-2", 22);
    expect(&t, None);
    let route = t.forward.hops.iter().find(|h| h.route_table.is_some()).unwrap();
    assert_eq!(route.target.as_deref(), Some("local"));
}

/// A route to a gateway that is not attached to the VPC.
#[test]
fn detached_gateway() {
    let mut d = vpn_vpc(false, &[("192.168.0.0/16", "vgw-1")], static_vpn("UP")).value();
    d["VpnGateways"][0]["VpcAttachments"] = json!([{"VpcId": "vpc-1", "State": "detached"}]);
    let e = estate(vec![d]);
    let t = tcp(&e, "i-1", ONPREM, 22);
    expect(&t, Some("VGW_NOT_ATTACHED"));
    assert!(t.blocked.unwrap().message.contains("attach_vpn_gateway"));
}

/// "Unsupported VPC peering configurations: edge to edge routing through a VPN connection": a
/// peered VPC cannot use VPC A's VPN, even with routes on both sides.
#[test]
fn no_edge_to_edge_through_a_peers_vpn() {
    let d = vpn_vpc(true, &[("10.1.0.0/16", "pcx-1")], static_vpn("UP"))
        .vpc("vpc-2", "10.1.0.0/16")
        .subnet("subnet-2", "vpc-2", "10.1.1.0/24", "us-east-1a")
        .rt(
            "rtb-2",
            "vpc-2",
            true,
            &[],
            &[
                ("10.1.0.0/16", "local"),
                ("10.0.0.0/16", "pcx-1"),
                ("192.168.0.0/16", "pcx-1"),
            ],
        )
        .open_sg("sg-2", "vpc-2")
        .instance("i-2", "vpc-2", "subnet-2", "10.1.1.10", &["sg-2"])
        .pcx(
            "pcx-1",
            ("vpc-1", "10.0.0.0/16"),
            ("vpc-2", "10.1.0.0/16"),
            "active",
        );
    let e = estate(vec![d.value()]);
    expect(&tcp(&e, "i-2", "i-1", 22), None);
    let t = tcp(&e, "i-2", ONPREM, 22);
    expect(&t, Some("NOT_TRANSITIVE"));
    assert_eq!(t.blocked.unwrap().at, "pcx-1");
}

/// "A virtual private gateway does not support IPv6 traffic."
#[test]
fn virtual_private_gateway_is_ipv4_only() {
    let mut d = vpn_vpc(false, &[("2001:db8:aa::/48", "vgw-1")], static_vpn("UP")).value();
    d["Vpcs"][0]["Ipv6CidrBlockAssociationSet"] =
        json!([{"Ipv6CidrBlock": "2600:1f18:aaaa:1100::/56", "Ipv6CidrBlockState": {"State": "associated"}}]);
    d["Subnets"][0]["Ipv6CidrBlockAssociationSet"] =
        json!([{"Ipv6CidrBlock": "2600:1f18:aaaa:1100::/64", "Ipv6CidrBlockState": {"State": "associated"}}]);
    d["Reservations"][0]["Instances"][0]["Ipv6Address"] = json!("2600:1f18:aaaa:1100::10");
    d["RouteTables"][0]["Routes"]
        .as_array_mut()
        .unwrap()
        .push(route("2600:1f18:aaaa:1100::/56", "local"));
    d["SecurityGroups"][0]["IpPermissionsEgress"]
        .as_array_mut()
        .unwrap()
        .push(rule("-1", None, "::/0"));
    let e = estate(vec![d]);
    let t = v6(&e, "i-1", "2001:db8:aa::10", Proto::Tcp, Some(22));
    expect(&t, Some("IPV6_NOT_ENABLED"));
    assert!(t.blocked.unwrap().message.contains("does not support IPv6"));
}

/// "Transit gateway attachments to a VPN": the transit gateway's route table sends on-premises
/// prefixes to the VPN attachment; the VPC's table sends them to the transit gateway.
#[test]
fn transit_gateway_vpn_attachment() {
    let build = |tunnels: &str| {
        let d = doc()
            .vpc("vpc-1", "10.0.0.0/16")
            .subnet("subnet-1", "vpc-1", "10.0.1.0/24", "us-east-1a")
            .rt("rtb-1", "vpc-1", true, &[], &[("10.0.0.0/16", "local"), ("192.168.0.0/16", "tgw-1")])
            .open_sg("sg-1", "vpc-1")
            .instance("i-1", "vpc-1", "subnet-1", "10.0.1.10", &["sg-1"])
            .push("TransitGateways", json!({"TransitGatewayId": "tgw-1", "OwnerId": ACCOUNT, "State": "available"}))
            .push(
                "TransitGatewayRouteTables",
                json!({"TransitGatewayRouteTableId": "tgw-rtb-1", "TransitGatewayId": "tgw-1", "State": "available"}),
            )
            .push(
                "TransitGatewayAttachments",
                json!({"TransitGatewayAttachmentId": "tgw-attach-vpc", "TransitGatewayId": "tgw-1", "TransitGatewayOwnerId": ACCOUNT,
                    "ResourceOwnerId": ACCOUNT, "ResourceType": "vpc", "ResourceId": "vpc-1", "State": "available",
                    "Association": {"TransitGatewayRouteTableId": "tgw-rtb-1", "State": "associated"}}),
            )
            .push(
                "TransitGatewayVpcAttachments",
                json!({"TransitGatewayAttachmentId": "tgw-attach-vpc", "TransitGatewayId": "tgw-1", "VpcId": "vpc-1",
                    "State": "available", "SubnetIds": ["subnet-1"]}),
            )
            .push(
                "TransitGatewayAttachments",
                json!({"TransitGatewayAttachmentId": "tgw-attach-vpn", "TransitGatewayId": "tgw-1", "TransitGatewayOwnerId": ACCOUNT,
                    "ResourceOwnerId": ACCOUNT, "ResourceType": "vpn", "ResourceId": "vpn-1", "State": "available",
                    "Association": {"TransitGatewayRouteTableId": "tgw-rtb-1", "State": "associated"}}),
            )
            .push(
                "TransitGatewayPropagations",
                json!({"TransitGatewayRouteTableId": "tgw-rtb-1", "TransitGatewayRouteTablePropagations": [
                    {"TransitGatewayAttachmentId": "tgw-attach-vpc", "ResourceType": "vpc", "ResourceId": "vpc-1", "State": "enabled"}]}),
            )
            .push(
                "TransitGatewayStaticRoutes",
                json!({"TransitGatewayRouteTableId": "tgw-rtb-1", "Routes": [
                    {"DestinationCidrBlock": "192.168.0.0/16", "Type": "static", "State": "active",
                     "TransitGatewayAttachments": [{"TransitGatewayAttachmentId": "tgw-attach-vpn", "ResourceType": "vpn", "ResourceId": "vpn-1"}]}]}),
            )
            .push(
                "CustomerGateways",
                json!({"CustomerGatewayId": "cgw-1", "IpAddress": "203.0.113.12", "BgpAsn": "65000", "State": "available"}),
            )
            .push("VpnConnections", vpn("vpn-1", ("TransitGatewayId", "tgw-1"), &[], tunnels));
        estate(vec![d.value()])
    };
    let e = build("UP");
    let t = tcp(&e, "i-1", ONPREM, 22);
    expect(&t, None);
    let out = t.forward.hops.iter().find(|h| h.at == "tgw-attach-vpn").unwrap();
    assert!(out.message.contains("VPN connection vpn-1"), "{}", out.message);
    // And from on premises in through the same attachment.
    let t = tcp(&e, ONPREM, "i-1", 22);
    expect(&t, None);
    assert_eq!(t.forward.hops[1].at, "tgw-attach-vpn");
    let t = tcp(&build("DOWN"), "i-1", ONPREM, 22);
    expect(&t, Some("VPN_TUNNELS_DOWN"));
    assert_eq!(t.blocked.unwrap().at, "tgw-attach-vpn");
}
