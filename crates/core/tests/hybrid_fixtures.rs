//! The Batfish VPN and Direct Connect fixtures (tests/fixtures/batfish: four snapshot folders,
//! test-transit-gateway's VPN, and single-call samples in `single-files/`) load, hold what their
//! files say, and survive export → import unchanged.

mod batfish_support;

use batfish_support::{load, root};
use vpclab_core::aws::{export, import_documents, import_files};
use vpclab_core::model::*;

fn round_trips(name: &str, e: &Estate) {
    let docs: Vec<(String, serde_json::Value)> = export(e)
        .into_iter()
        .enumerate()
        .map(|(i, d)| (format!("export-{i}"), d))
        .collect();
    let back = import_documents(&docs).unwrap_or_else(|err| panic!("{name}: {err}"));
    assert_eq!(&back, e, "{name}");
}

fn snapshot(name: &str) -> Estate {
    let e = load(name);
    round_trips(name, &e);
    e
}

/// A single-call sample names no account or region: it is loaded as the one file of a snapshot
/// folder `aws_configs/accounts/111122223333/us-east-1/`.
fn single(file: &str) -> Estate {
    let text = std::fs::read_to_string(root().join("single-files").join(file)).unwrap();
    let files = vec![(
        format!("aws_configs/accounts/111122223333/us-east-1/{file}"),
        text,
    )];
    let e = import_files(&files).unwrap_or_else(|e| panic!("{file}: {e}"));
    round_trips(file, &e);
    e
}

fn vgw(id: &str) -> VgwId {
    VgwId::from(id)
}

#[test]
fn test_vpn_gateway() {
    let e = snapshot("test-vpn-gateway");
    let g = &e.vpn_gateways[&vgw("vgw-0c09bd7fadac961bf")];
    assert_eq!(g.attached_vpc, Some(VpcId::from("vpc-0b966fdeb36d5e43f")));
    assert_eq!((g.state.as_str(), g.amazon_side_asn), ("available", Some(64512)));
    let v = &e.vpn_connections[&VpnId::from("vpn-03701a53bba3c48b7")];
    assert_eq!(v.gateway, VpnEnd::VirtualPrivateGateway(g.id.clone()));
    assert_eq!(v.customer_gateway, CgwId::from("cgw-07affe708bb0e5fb6"));
    assert!(!v.static_routes_only && v.routes.is_empty());
    assert_eq!(v.tunnels.len(), 2);
    assert!(!v.any_tunnel_up(), "both tunnels are DOWN");
    assert_eq!(v.tunnels[0].status_message.as_deref(), Some("IPSEC IS DOWN"));
    let deleted = &e.vpn_connections[&VpnId::from("vpn-05044757278685fd3")];
    assert_eq!(deleted.state, "deleted");
    assert!(deleted.static_routes_only);
    assert_eq!(deleted.routes[0].destination.to_string(), "192.168.0.0/16");
    assert_eq!(deleted.routes[0].state, "deleted");
    let c = &e.customer_gateways[&CgwId::from("cgw-07affe708bb0e5fb6")];
    assert_eq!(c.ip_address, Some("1.1.1.2".parse().unwrap()));
    assert_eq!(c.bgp_asn, Some(65000));
    assert_eq!(e.customer_gateways.len(), 2);
    // The main table's default route goes to the vgw; no propagation.
    let rt = e.route_tables.values().next().unwrap();
    assert!(rt.propagating_vgws.is_empty());
    assert!(rt
        .routes
        .iter()
        .any(|r| r.target == Target::VirtualPrivateGateway(g.id.clone())));
}

#[test]
fn test_direct_connect_gateway() {
    let e = snapshot("test-direct-connect-gateway");
    let id = DxGatewayId::from("7b2c4f8a-1234-4abc-9def-fedcba987654");
    let g = &e.dx_gateways[&id];
    assert_eq!(
        (g.name.as_str(), g.amazon_side_asn),
        ("dx-test-gateway", Some(64513))
    );
    assert_eq!(g.listed_in.len(), 1);
    let a = &e.dx_associations["dxgw-assoc-dx01"];
    assert_eq!(a.gateway, DxAssociated::TransitGateway(TgwId::from("tgw-dx01")));
    assert_eq!(a.state, "associated");
    assert_eq!(
        a.allowed_prefixes,
        vec!["10.0.0.0/8".parse::<ipnet::IpNet>().unwrap()]
    );
    let vif = &e.virtual_interfaces[&DxVifId::from("dxvif-dx01")];
    assert_eq!(
        (vif.kind.as_str(), vif.dx_gateway.as_ref()),
        ("transit", Some(&id))
    );
    assert_eq!(vif.connection.as_deref(), Some("dxcon-dx01"));
    assert_eq!(vif.bgp_statuses, ["up"]);
    // The transit gateway's VPN and Direct Connect gateway attachments name their resources.
    let vpn_att = &e.tgw_attachments[&TgwAttachmentId::from("tgw-attach-vpn-dx-test")];
    assert_eq!(vpn_att.resource_type, "vpn");
    let vpn = &e.vpn_connections[&VpnId::from(vpn_att.resource_id.as_str())];
    assert_eq!(vpn.gateway, VpnEnd::TransitGateway(TgwId::from("tgw-dx01")));
    assert!(vpn.any_tunnel_up());
    assert_eq!(vpn.tunnels[0].accepted_routes, 1);
    let dx_att = &e.tgw_attachments[&TgwAttachmentId::from("tgw-attach-dx01")];
    assert_eq!(dx_att.resource_type, "direct-connect-gateway");
    assert!(e
        .dx_gateways
        .contains_key(&DxGatewayId::from(dx_att.resource_id.as_str())));
}

#[test]
fn test_direct_connect_gateway_multi_region() {
    let e = snapshot("test-direct-connect-gateway-multi-region");
    assert_eq!(
        e.dx_gateways.len(),
        1,
        "one global gateway, listed in two regions"
    );
    let g = e.dx_gateways.values().next().unwrap();
    let regions: Vec<&str> = g.listed_in.iter().map(|(_, r)| r.as_str()).collect();
    assert_eq!(regions, ["us-east-1", "us-west-1"]);
    let west = &e.dx_associations["dxgw-assoc-west"];
    assert_eq!(
        west.gateway,
        DxAssociated::TransitGateway(TgwId::from("tgw-west"))
    );
    assert_eq!(west.gateway_region.as_str(), "us-west-1");
    assert_eq!(west.listed_in.1.as_str(), "us-east-1");
}

#[test]
fn test_direct_connect_private_vif() {
    let e = snapshot("test-direct-connect-private-vif");
    let rt = e.route_tables.values().next().unwrap();
    assert_eq!(rt.propagating_vgws, [vgw("vgw-priv01")]);
    assert_eq!(
        e.vpn_gateways[&vgw("vgw-priv01")].attached_vpc,
        Some(VpcId::from("vpc-priv01"))
    );
    let vifs: Vec<_> = e.virtual_interfaces.values().collect();
    assert_eq!(vifs.len(), 2);
    assert!(vifs
        .iter()
        .all(|v| v.kind == "private" && v.vgw == Some(vgw("vgw-priv01")) && v.dx_gateway.is_none()));
    assert!(e.vpn_connections.is_empty() && e.customer_gateways.is_empty());
}

#[test]
fn test_transit_gateway_has_a_deleted_vpn() {
    let e = snapshot("test-transit-gateway");
    let v = &e.vpn_connections[&VpnId::from("vpn-034885b776a3f8a80")];
    assert_eq!(v.state, "deleted");
    assert_eq!(
        v.gateway,
        VpnEnd::TransitGateway(TgwId::from("tgw-044be4464fcc69aff"))
    );
    let c = &e.customer_gateways[&v.customer_gateway];
    assert_eq!(c.ip_address, Some("2.2.2.2".parse().unwrap()));
    let att = &e.tgw_attachments[&TgwAttachmentId::from("tgw-attach-0d724909ecd7a5961")];
    assert_eq!(
        (att.resource_type.as_str(), att.resource_id.as_str()),
        ("vpn", v.id.as_str())
    );
}

#[test]
fn customer_gateway_test() {
    let e = single("CustomerGatewayTest.json");
    let c = &e.customer_gateways[&CgwId::from("cgw-fb76ace5")];
    assert_eq!(c.name.as_deref(), Some("lhr-border-02"));
    assert_eq!(
        (c.bgp_asn, c.ip_address),
        (Some(65301), Some("147.75.69.27".parse().unwrap()))
    );
    assert_eq!(e.customer_gateways[&CgwId::from("cgw-fxxyyu")].state, "deleted");
}

#[test]
fn direct_connect_gateway_association_test() {
    let e = single("DirectConnectGatewayAssociationTest.json");
    let a = &e.dx_associations["dxgw-assoc-001122aabbccddee0"];
    assert_eq!(a.allowed_prefixes.len(), 2);
    assert_eq!(a.gateway_owner.as_str(), "094218548868");
    let b = &e.dx_associations["dxgw-assoc-ffeeddccbbaa99887"];
    assert_eq!(
        b.gateway,
        DxAssociated::VirtualPrivateGateway(vgw("vgw-0abcdef1234567890"))
    );
    assert_eq!(
        (b.state.as_str(), b.gateway_region.as_str()),
        ("disassociated", "us-west-2")
    );
}

#[test]
fn direct_connect_gateway_test() {
    let e = single("DirectConnectGatewayTest.json");
    let g = &e.dx_gateways[&DxGatewayId::from("12345678-90ab-4cde-9f01-23456789abcd")];
    assert_eq!(
        (g.name.as_str(), g.state.as_str()),
        ("my-dx-gateway", "available")
    );
    let d = &e.dx_gateways[&DxGatewayId::from("abcdef01-2345-4678-9abc-def012345678")];
    assert_eq!((d.state.as_str(), d.amazon_side_asn), ("deleted", Some(64513)));
}

#[test]
fn direct_connect_virtual_interface_test() {
    let e = single("DirectConnectVirtualInterfaceTest.json");
    let down = &e.virtual_interfaces[&DxVifId::from("dxvif-wxyz5678")];
    assert_eq!(down.state, "down");
    assert!(down.bgp_statuses.is_empty());
    let private = &e.virtual_interfaces[&DxVifId::from("dxvif-vgw0001")];
    assert_eq!(
        (private.kind.as_str(), private.vgw.clone()),
        ("private", Some(vgw("vgw-abcd1234")))
    );
    assert_eq!(e.virtual_interfaces.len(), 3);
}

#[test]
fn vpn_connection_test() {
    let e = single("VpnConnectionTest.json");
    let v = &e.vpn_connections[&VpnId::from("vpn-ba2e34a8")];
    assert_eq!(v.gateway, VpnEnd::VirtualPrivateGateway(vgw("vgw-81fd279f")));
    assert!(v.any_tunnel_up());
    assert_eq!(v.tunnels.iter().map(|t| t.accepted_routes).sum::<u32>(), 10);
    assert_eq!(v.name.as_deref(), Some("GNS3-BGP-Test"));
    assert_eq!(e.vpn_connections[&VpnId::from("vpn-xxxx")].state, "deleted");
}

#[test]
fn vpn_connection_transit_gateway_test() {
    let e = single("VpnConnectionTransitGatewayTest.json");
    let v = &e.vpn_connections[&VpnId::from("vpn-034885b776a3f8a80")];
    assert_eq!(
        v.gateway,
        VpnEnd::TransitGateway(TgwId::from("tgw-044be4464fcc69aff"))
    );
    assert!(!v.any_tunnel_up());
}

#[test]
fn vpn_connection_with_tunnel_options() {
    let e = single("VpnConnectionWithTunnelOptions.json");
    let v = &e.vpn_connections[&VpnId::from("vpn-ba2e34a8")];
    let ips: Vec<String> = v
        .tunnels
        .iter()
        .map(|t| t.outside_ip.unwrap().to_string())
        .collect();
    assert_eq!(ips, ["52.27.166.152", "52.39.121.126"]);
}

#[test]
fn vpn_gateway_test() {
    let e = single("VpnGatewayTest.json");
    let g = &e.vpn_gateways[&vgw("vgw-81fd279f")];
    assert_eq!(g.attached_vpc, Some(VpcId::from("vpc-815775e7")));
    assert_eq!(
        (g.amazon_side_asn, g.name.as_deref()),
        (Some(65401), Some("lhr-aws-01"))
    );
    let d = &e.vpn_gateways[&vgw("vgw-045e114c413727463")];
    assert_eq!((d.state.as_str(), d.attached_vpc.clone()), ("deleted", None));
}

/// `UNUSUAL_ID` knows the VPN and Direct Connect prefixes: the hand-written upstream ids of the
/// private-VIF snapshot (`vgw-priv01`, `dxvif-priv01`) are flagged, the captured ones of the VPN
/// snapshot (`vgw-…`, `cgw-…`, `vpn-…` with 17 hex digits) are not.
#[test]
fn unusual_vpn_and_direct_connect_ids_are_flagged() {
    let unusual = |name: &str| -> Vec<String> {
        vpclab_core::validate::validate(&snapshot(name))
            .warnings
            .into_iter()
            .filter(|w| w.code == "UNUSUAL_ID")
            .map(|w| w.resource)
            .collect()
    };
    let vif = unusual("test-direct-connect-private-vif");
    for id in ["vgw-priv01", "dxvif-priv01", "dxvif-priv02"] {
        assert!(vif.iter().any(|at| at == id), "{id} not flagged: {vif:?}");
    }
    let vpn = unusual("test-vpn-gateway");
    assert!(
        !vpn.iter()
            .any(|at| at.starts_with("vgw-") || at.starts_with("cgw-") || at.starts_with("vpn-")),
        "{vpn:?}"
    );
}
