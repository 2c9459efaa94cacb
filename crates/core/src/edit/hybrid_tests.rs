//! The VPN and Direct Connect actions (`vpn.rs`, `dx.rs`) on scenarios of the Site-to-Site VPN
//! and Direct Connect user guides, in the AWS CLI's shapes: every rule, and that a refusal
//! leaves the estate unchanged.

use serde_json::{json, Value};

use super::{apply, Action, Applied, EditError};
use crate::model::*;

const A: &str = "111122223333";
const VPC: &str = "vpc-0a1b2c3d4e5f60718";
const VPC2: &str = "vpc-0a1b2c3d4e5f60719";
const RTB: &str = "rtb-0a1b2c3d4e5f60718";
const RTB2: &str = "rtb-0a1b2c3d4e5f60719";

/// Two VPCs of one account in us-east-1, each with its main route table.
fn estate() -> Estate {
    let doc = json!({
        "AccountId": A, "Region": "us-east-1",
        "Vpcs": [{"VpcId": VPC, "CidrBlock": "10.0.0.0/16", "OwnerId": A},
                 {"VpcId": VPC2, "CidrBlock": "10.1.0.0/16", "OwnerId": A}],
        "RouteTables": [
            {"RouteTableId": RTB, "VpcId": VPC, "OwnerId": A, "Associations": [{"Main": true}],
             "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "Origin": "CreateRouteTable", "State": "active"}]},
            {"RouteTableId": RTB2, "VpcId": VPC2, "OwnerId": A, "Associations": [{"Main": true}],
             "Routes": [{"DestinationCidrBlock": "10.1.0.0/16", "GatewayId": "local", "Origin": "CreateRouteTable", "State": "active"}]}
        ]
    });
    crate::aws::import_documents(&[("vpc.json".into(), doc)]).unwrap()
}

fn act(e: &mut Estate, v: Value) -> Result<Applied, EditError> {
    let a = Action::from_json(&v).unwrap_or_else(|x| panic!("{v}: {x:?}"));
    apply(e, &a)
}

fn ok(e: &mut Estate, v: Value) -> Applied {
    act(e, v.clone()).unwrap_or_else(|x| panic!("{v}: {x}"))
}

/// The action is refused with `code`, its message names each of `words`, and the estate is as
/// before.
fn refused(e: &mut Estate, v: Value, code: &str, words: &[&str]) {
    let before = e.clone();
    let x = act(e, v.clone()).expect_err(&v.to_string());
    assert_eq!(x.code, code, "{v}: {}", x.message);
    for w in words {
        assert!(x.message.contains(w), "{w:?} not in {:?}", x.message);
    }
    assert_eq!(*e, before, "{v} changed the estate");
}

/// `aws ec2 create-vpn-gateway --type ipsec.1` then `attach-vpn-gateway`: the gateway's ASN,
/// one VPC per gateway, one gateway per VPC, and detaching what is attached elsewhere.
#[test]
fn a_vgw_attaches_to_one_vpc_and_a_vpc_takes_one_vgw() {
    let mut e = estate();
    let vgw = ok(&mut e, json!({"action": "create_vpn_gateway", "name": "to-dc"})).created[0].clone();
    assert!(vgw.starts_with("vgw-"));
    let g = &e.vpn_gateways[&VgwId::from(vgw.as_str())];
    assert_eq!((g.amazon_side_asn, g.attached_vpc.clone()), (Some(64512), None));
    refused(
        &mut e,
        json!({"action": "create_vpn_gateway", "amazon_side_asn": 7224}),
        "InvalidParameterValue",
        &["7224", "64512 to 65534"],
    );
    ok(
        &mut e,
        json!({"action": "create_vpn_gateway", "amazon_side_asn": 4_200_000_000u64}),
    );
    let vgw2 = ok(&mut e, json!({"action": "create_vpn_gateway"})).created[0].clone();

    ok(
        &mut e,
        json!({"action": "attach_vpn_gateway", "vpn_gateway": vgw, "vpc": VPC}),
    );
    assert_eq!(
        e.vpn_gateways[&VgwId::from(vgw.as_str())].attached_vpc,
        Some(VpcId::from(VPC))
    );
    refused(
        &mut e,
        json!({"action": "attach_vpn_gateway", "vpn_gateway": vgw, "vpc": VPC2}),
        "VpnGatewayAttachmentLimitExceeded",
        &[VPC],
    );
    refused(
        &mut e,
        json!({"action": "attach_vpn_gateway", "vpn_gateway": vgw2, "vpc": VPC}),
        "InvalidVpcState",
        &[vgw.as_str()],
    );
    refused(
        &mut e,
        json!({"action": "attach_vpn_gateway", "vpn_gateway": "vgw-0000000000000000f", "vpc": VPC}),
        "InvalidVpnGatewayID.NotFound",
        &[vgw.as_str()],
    );
    refused(
        &mut e,
        json!({"action": "detach_vpn_gateway", "vpn_gateway": vgw, "vpc": VPC2}),
        "InvalidVpnGatewayAttachment.NotFound",
        &[VPC],
    );
    ok(
        &mut e,
        json!({"action": "detach_vpn_gateway", "vpn_gateway": vgw, "vpc": VPC}),
    );
    ok(
        &mut e,
        json!({"action": "attach_vpn_gateway", "vpn_gateway": vgw2, "vpc": VPC}),
    );
}

/// Another account cannot see the gateway (AWS answers "does not exist"), and a VPC of another
/// Region is not one it can attach to.
#[test]
fn a_vgw_attaches_only_in_its_account_and_region() {
    let mut e = estate();
    let vgw = ok(
        &mut e,
        json!({"action": "create_vpn_gateway", "region": "us-west-2"}),
    )
    .created[0]
        .clone();
    refused(
        &mut e,
        json!({"action": "attach_vpn_gateway", "vpn_gateway": vgw, "vpc": VPC}),
        "InvalidVpcID.NotFound",
        &["us-west-2"],
    );
    refused(
        &mut e,
        json!({"action": "attach_vpn_gateway", "vpn_gateway": vgw, "vpc": VPC, "account": "444455556666"}),
        "InvalidVpnGatewayID.NotFound",
        &["it is account 111122223333's"],
    );
}

/// The quota of five virtual private gateways per Region.
#[test]
fn a_sixth_vgw_in_a_region_is_over_the_quota() {
    let mut e = estate();
    for _ in 0..5 {
        ok(&mut e, json!({"action": "create_vpn_gateway"}));
    }
    refused(
        &mut e,
        json!({"action": "create_vpn_gateway"}),
        "VpnGatewayLimitExceeded",
        &["5"],
    );
}

/// A route to a vgw: refused unless it is attached to the table's VPC; it turns blackhole when
/// the gateway is detached and active again when reattached.
#[test]
fn routes_to_a_vgw_follow_its_attachment() {
    let mut e = estate();
    let vgw = ok(&mut e, json!({"action": "create_vpn_gateway"})).created[0].clone();
    let route =
        json!({"action": "create_route", "route_table": RTB, "destination": "192.168.0.0/16", "target": vgw});
    refused(
        &mut e,
        route.clone(),
        "InvalidParameterValue",
        &["different networks"],
    );
    refused(
        &mut e,
        json!({"action": "create_route", "route_table": RTB, "destination": "192.168.0.0/16", "target": "vgw-0000000000000000f"}),
        "InvalidGatewayID.NotFound",
        &[],
    );
    ok(
        &mut e,
        json!({"action": "attach_vpn_gateway", "vpn_gateway": vgw, "vpc": VPC}),
    );
    ok(&mut e, route);
    let state = |e: &Estate| {
        e.route_tables[&RouteTableId::from(RTB)]
            .routes
            .iter()
            .find(|r| r.target == Target::VirtualPrivateGateway(vgw.as_str().into()))
            .map(|r| r.state)
    };
    assert_eq!(state(&e), Some(RouteState::Active));
    let detached = ok(
        &mut e,
        json!({"action": "detach_vpn_gateway", "vpn_gateway": vgw, "vpc": VPC}),
    );
    assert!(
        detached.description.contains("1 route turned blackhole"),
        "{}",
        detached.description
    );
    assert_eq!(state(&e), Some(RouteState::Blackhole));
    ok(
        &mut e,
        json!({"action": "attach_vpn_gateway", "vpn_gateway": vgw, "vpc": VPC}),
    );
    assert_eq!(state(&e), Some(RouteState::Active));
}

/// `aws ec2 create-customer-gateway --type ipsec.1 --ip-address 203.0.113.12 --bgp-asn 65534`:
/// a public address, an ASN in range, and an identical request gives the same gateway back.
#[test]
fn a_customer_gateway_needs_a_public_address_and_an_asn_in_range() {
    let mut e = estate();
    for (ip, asn, words) in [
        ("10.0.0.1", 65000, &["10.0.0.1", "public IPv4"][..]),
        ("100.64.0.1", 65000, &["shared"][..]),
        ("203.0.113", 65000, &["203.0.113", "203.0.113.12"][..]),
        ("203.0.113.12", 0i64, &["bgpAsn", "2147483647"][..]),
        ("203.0.113.12", 2_147_483_648, &["2147483648"][..]),
    ] {
        refused(
            &mut e,
            json!({"action": "create_customer_gateway", "ip_address": ip, "bgp_asn": asn}),
            "InvalidParameterValue",
            words,
        );
    }
    let made = ok(
        &mut e,
        json!({"action": "create_customer_gateway", "ip_address": "203.0.113.12", "name": "dc1"}),
    );
    let cgw = &e.customer_gateways[&CgwId::from(made.created[0].as_str())];
    assert_eq!(
        (cgw.ip_address.map(|i| i.to_string()), cgw.bgp_asn),
        (Some("203.0.113.12".to_string()), Some(65000))
    );
    let again = ok(
        &mut e,
        json!({"action": "create_customer_gateway", "ip_address": "203.0.113.12", "bgp_asn": 65000}),
    );
    assert_eq!(again.created, made.created);
    assert_eq!(e.customer_gateways.len(), 1);
    let other = ok(
        &mut e,
        json!({"action": "create_customer_gateway", "ip_address": "203.0.113.12", "bgp_asn": 65001}),
    );
    assert_ne!(other.created, made.created);
}

/// A VPN connection from a customer gateway to a vgw: exactly one AWS end; the customer gateway
/// and the vgw cannot be deleted while it exists; deleting it frees them.
#[test]
fn a_vpn_connection_joins_a_cgw_to_one_gateway_and_holds_both() {
    let mut e = estate();
    let vgw = ok(&mut e, json!({"action": "create_vpn_gateway"})).created[0].clone();
    let cgw = ok(
        &mut e,
        json!({"action": "create_customer_gateway", "ip_address": "198.51.100.7"}),
    )
    .created[0]
        .clone();
    refused(
        &mut e,
        json!({"action": "create_vpn_connection", "customer_gateway": cgw}),
        "MissingParameter",
        &["vpn_gateway", "transit_gateway"],
    );
    refused(
        &mut e,
        json!({"action": "create_vpn_connection", "customer_gateway": cgw, "vpn_gateway": vgw, "transit_gateway": "tgw-0123456789abcdef0"}),
        "InvalidParameterCombination",
        &["not both"],
    );
    refused(
        &mut e,
        json!({"action": "create_vpn_connection", "customer_gateway": "cgw-0000000000000000f", "vpn_gateway": vgw}),
        "InvalidCustomerGatewayID.NotFound",
        &[cgw.as_str()],
    );
    let made = ok(
        &mut e,
        json!({"action": "create_vpn_connection", "customer_gateway": cgw, "vpn_gateway": vgw, "static_routes_only": true}),
    );
    let vpn = made.created[0].clone();
    assert_eq!(made.created.len(), 1);
    let v = &e.vpn_connections[&VpnId::from(vpn.as_str())];
    assert!(v.static_routes_only && v.any_tunnel_up() && v.tunnels.len() == 2);
    assert_eq!(v.gateway, VpnEnd::VirtualPrivateGateway(vgw.as_str().into()));
    refused(
        &mut e,
        json!({"action": "delete_customer_gateway", "customer_gateway": cgw}),
        "IncorrectState",
        &[vpn.as_str()],
    );
    refused(
        &mut e,
        json!({"action": "delete_vpn_gateway", "vpn_gateway": vgw}),
        "IncorrectState",
        &[vpn.as_str()],
    );
    ok(
        &mut e,
        json!({"action": "delete_vpn_connection", "vpn_connection": vpn}),
    );
    refused(
        &mut e,
        json!({"action": "delete_vpn_connection", "vpn_connection": vpn}),
        "InvalidVpnConnectionID.NotFound",
        &[],
    );
    ok(
        &mut e,
        json!({"action": "delete_customer_gateway", "customer_gateway": cgw}),
    );
    ok(
        &mut e,
        json!({"action": "delete_vpn_gateway", "vpn_gateway": vgw}),
    );
    assert!(e.vpn_gateways.is_empty() && e.customer_gateways.is_empty());
}

/// An attached vgw is not deleted ("You must first detach the virtual private gateway").
#[test]
fn an_attached_vgw_is_not_deleted() {
    let mut e = estate();
    let vgw = ok(&mut e, json!({"action": "create_vpn_gateway"})).created[0].clone();
    ok(
        &mut e,
        json!({"action": "attach_vpn_gateway", "vpn_gateway": vgw, "vpc": VPC}),
    );
    refused(
        &mut e,
        json!({"action": "delete_vpn_gateway", "vpn_gateway": vgw}),
        "IncorrectState",
        &[VPC, "detach_vpn_gateway"],
    );
}

/// Static routes (`create-vpn-connection-route`) on a static connection, propagated into a
/// table that propagates the vgw; refused on a BGP connection and on a transit gateway's.
#[test]
fn static_routes_propagate_into_tables_that_propagate_the_vgw() {
    let mut e = estate();
    let vgw = ok(&mut e, json!({"action": "create_vpn_gateway"})).created[0].clone();
    let cgw = ok(
        &mut e,
        json!({"action": "create_customer_gateway", "ip_address": "198.51.100.7"}),
    )
    .created[0]
        .clone();
    let vpn = ok(&mut e, json!({"action": "create_vpn_connection", "customer_gateway": cgw, "vpn_gateway": vgw, "static_routes_only": true})).created[0].clone();
    let bgp = ok(
        &mut e,
        json!({"action": "create_vpn_connection", "customer_gateway": cgw, "vpn_gateway": vgw}),
    )
    .created[0]
        .clone();
    refused(
        &mut e,
        json!({"action": "create_vpn_connection_route", "vpn_connection": bgp, "destination": "192.168.0.0/16"}),
        "InvalidParameterValue",
        &["BGP", "static_routes_only"],
    );
    refused(
        &mut e,
        json!({"action": "create_vpn_connection_route", "vpn_connection": vpn, "destination": "192.168.0.1/16"}),
        "InvalidParameterValue",
        &["192.168.0.0/16"],
    );
    ok(
        &mut e,
        json!({"action": "create_vpn_connection_route", "vpn_connection": vpn, "destination": "192.168.0.0/16"}),
    );
    refused(
        &mut e,
        json!({"action": "create_vpn_connection_route", "vpn_connection": vpn, "destination": "192.168.0.0/16"}),
        "RouteAlreadyExists",
        &[],
    );
    // Propagation needs the vgw attached to the table's VPC.
    refused(
        &mut e,
        json!({"action": "enable_vgw_route_propagation", "route_table": RTB, "vpn_gateway": vgw}),
        "Gateway.NotAttached",
        &["it is detached", "attach_vpn_gateway"],
    );
    ok(
        &mut e,
        json!({"action": "attach_vpn_gateway", "vpn_gateway": vgw, "vpc": VPC}),
    );
    refused(
        &mut e,
        json!({"action": "enable_vgw_route_propagation", "route_table": RTB2, "vpn_gateway": vgw}),
        "Gateway.NotAttached",
        &[VPC2, VPC],
    );
    ok(
        &mut e,
        json!({"action": "enable_vgw_route_propagation", "route_table": RTB, "vpn_gateway": vgw}),
    );
    let again = ok(
        &mut e,
        json!({"action": "enable_vgw_route_propagation", "route_table": RTB, "vpn_gateway": vgw}),
    );
    assert!(again.description.contains("already"), "{}", again.description);
    let table = e.route_tables[&RouteTableId::from(RTB)].clone();
    let propagated: Vec<String> = crate::route::vgw_propagated_routes(&e, &table)
        .iter()
        .map(|r| r.destination.to_string())
        .collect();
    assert_eq!(propagated, ["192.168.0.0/16"]);
    ok(
        &mut e,
        json!({"action": "delete_vpn_connection_route", "vpn_connection": vpn, "destination": "192.168.0.0/16"}),
    );
    refused(
        &mut e,
        json!({"action": "delete_vpn_connection_route", "vpn_connection": vpn, "destination": "192.168.0.0/16"}),
        "InvalidRoute.NotFound",
        &["it has none"],
    );
    ok(
        &mut e,
        json!({"action": "disable_vgw_route_propagation", "route_table": RTB, "vpn_gateway": vgw}),
    );
    assert!(e.route_tables[&RouteTableId::from(RTB)]
        .propagating_vgws
        .is_empty());
    // Detaching the gateway ends the propagation too: the estate stays valid.
    ok(
        &mut e,
        json!({"action": "enable_vgw_route_propagation", "route_table": RTB, "vpn_gateway": vgw}),
    );
    let detached = ok(
        &mut e,
        json!({"action": "detach_vpn_gateway", "vpn_gateway": vgw, "vpc": VPC}),
    );
    assert!(
        detached
            .description
            .contains("1 route table(s) no longer propagate it"),
        "{}",
        detached.description
    );
    assert!(e.route_tables[&RouteTableId::from(RTB)]
        .propagating_vgws
        .is_empty());
    let found = format!("{:?}", crate::validate::validate(&e).errors);
    assert!(!found.contains("VGW_NOT_ATTACHED"), "{found}");
}

/// A VPN connection on a transit gateway makes an attachment of type `vpn` in the default
/// tables; it takes no VPN connection routes; deleting it removes the attachment.
#[test]
fn a_vpn_on_a_transit_gateway_is_an_attachment_of_type_vpn() {
    let mut e = estate();
    let tgw = ok(&mut e, json!({"action": "create_transit_gateway"})).created[0].clone();
    let cgw = ok(
        &mut e,
        json!({"action": "create_customer_gateway", "ip_address": "198.51.100.7"}),
    )
    .created[0]
        .clone();
    let made = ok(
        &mut e,
        json!({"action": "create_vpn_connection", "customer_gateway": cgw, "transit_gateway": tgw, "static_routes_only": true}),
    );
    let (vpn, att) = (made.created[0].clone(), made.created[1].clone());
    let a = &e.tgw_attachments[&TgwAttachmentId::from(att.as_str())];
    assert_eq!(
        (a.resource_type.as_str(), a.resource_id.as_str()),
        ("vpn", vpn.as_str())
    );
    let default_rt = e.transit_gateways[&TgwId::from(tgw.as_str())]
        .default_association
        .clone();
    assert!(default_rt.is_some());
    assert_eq!(a.association, default_rt);
    refused(
        &mut e,
        json!({"action": "create_vpn_connection_route", "vpn_connection": vpn, "destination": "192.168.0.0/16"}),
        "InvalidParameterValue",
        &["create_transit_gateway_route"],
    );
    let rt = default_rt.unwrap();
    ok(
        &mut e,
        json!({"action": "create_transit_gateway_route", "transit_gateway_route_table": rt, "destination": "192.168.0.0/16", "transit_gateway_attachment": att}),
    );
    refused(
        &mut e,
        json!({"action": "delete_transit_gateway", "transit_gateway": tgw}),
        "IncorrectState",
        &[],
    );
    let deleted = ok(
        &mut e,
        json!({"action": "delete_vpn_connection", "vpn_connection": vpn}),
    );
    assert!(
        deleted.description.contains("1 transit gateway static routes"),
        "{}",
        deleted.description
    );
    assert!(e.tgw_attachments.is_empty());
    assert!(e.tgw_route_tables[&rt].routes.is_empty() && e.tgw_route_tables[&rt].propagations.is_empty());
    ok(
        &mut e,
        json!({"action": "delete_transit_gateway", "transit_gateway": tgw}),
    );
}

/// Direct Connect: a gateway with a private ASN; an association with a vgw needs it attached and
/// takes its VPC's CIDR by default; a vgw associates once; a transit gateway needs allowed
/// prefixes and gets a `direct-connect-gateway` attachment; the gateway is deleted only without
/// associations.
#[test]
fn direct_connect_gateway_associations() {
    let mut e = estate();
    let code = "DirectConnectClientException";
    refused(
        &mut e,
        json!({"action": "create_direct_connect_gateway", "name": " "}),
        code,
        &["name"],
    );
    refused(
        &mut e,
        json!({"action": "create_direct_connect_gateway", "name": "dx", "amazon_side_asn": 7224}),
        code,
        &["7224", "64512"],
    );
    let dx = ok(
        &mut e,
        json!({"action": "create_direct_connect_gateway", "name": "dx"}),
    )
    .created[0]
        .clone();
    assert_eq!(dx.len(), 36, "{dx} is UUID-shaped");
    let vgw = ok(&mut e, json!({"action": "create_vpn_gateway"})).created[0].clone();
    let assoc = json!({"action": "create_direct_connect_gateway_association", "direct_connect_gateway": dx, "vpn_gateway": vgw});
    refused(
        &mut e,
        assoc.clone(),
        code,
        &["not attached", "attach_vpn_gateway"],
    );
    ok(
        &mut e,
        json!({"action": "attach_vpn_gateway", "vpn_gateway": vgw, "vpc": VPC}),
    );
    let made = ok(&mut e, assoc.clone());
    let a = &e.dx_associations[&made.created[0]];
    assert_eq!(
        a.allowed_prefixes
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>(),
        ["10.0.0.0/16"]
    );
    assert_eq!(a.state, "associated");
    refused(&mut e, assoc, code, &["already associated"]);
    refused(
        &mut e,
        json!({"action": "delete_vpn_gateway", "vpn_gateway": vgw}),
        "IncorrectState",
        &[],
    );
    let tgw = ok(&mut e, json!({"action": "create_transit_gateway"})).created[0].clone();
    refused(
        &mut e,
        json!({"action": "create_direct_connect_gateway_association", "direct_connect_gateway": dx, "transit_gateway": tgw}),
        code,
        &["allowed_prefixes"],
    );
    refused(
        &mut e,
        json!({"action": "create_direct_connect_gateway_association", "direct_connect_gateway": dx, "transit_gateway": tgw, "allowed_prefixes": ["10.0.0.1/8"]}),
        code,
        &["10.0.0.0/8"],
    );
    let to_tgw = ok(
        &mut e,
        json!({"action": "create_direct_connect_gateway_association", "direct_connect_gateway": dx, "transit_gateway": tgw, "allowed_prefixes": ["10.0.0.0/8"]}),
    );
    let att = &e.tgw_attachments[&TgwAttachmentId::from(to_tgw.created[1].as_str())];
    assert_eq!(att.resource_type, "direct-connect-gateway");
    refused(
        &mut e,
        json!({"action": "delete_direct_connect_gateway", "direct_connect_gateway": dx}),
        code,
        &["association"],
    );
    ok(
        &mut e,
        json!({"action": "delete_direct_connect_gateway_association", "association_id": to_tgw.created[0]}),
    );
    assert!(e.tgw_attachments.is_empty());
    ok(
        &mut e,
        json!({"action": "delete_direct_connect_gateway_association", "association_id": made.created[0]}),
    );
    refused(
        &mut e,
        json!({"action": "delete_direct_connect_gateway_association", "association_id": made.created[0]}),
        code,
        &["does not exist"],
    );
    ok(
        &mut e,
        json!({"action": "delete_direct_connect_gateway", "direct_connect_gateway": dx}),
    );
    refused(
        &mut e,
        json!({"action": "delete_direct_connect_gateway", "direct_connect_gateway": dx}),
        code,
        &["does not exist"],
    );
}

/// Import ∘ export is the identity on an estate built by every VPN and Direct Connect action
/// (the AWS CLI JSON holds all they made).
#[test]
fn an_estate_built_by_the_actions_round_trips_through_the_aws_json() {
    let mut e = estate();
    let vgw = ok(
        &mut e,
        json!({"action": "create_vpn_gateway", "amazon_side_asn": 65010, "name": "vgw"}),
    )
    .created[0]
        .clone();
    ok(
        &mut e,
        json!({"action": "attach_vpn_gateway", "vpn_gateway": vgw, "vpc": VPC}),
    );
    let cgw = ok(&mut e, json!({"action": "create_customer_gateway", "ip_address": "203.0.113.12", "bgp_asn": 65001, "name": "dc"})).created[0].clone();
    let vpn = ok(&mut e, json!({"action": "create_vpn_connection", "customer_gateway": cgw, "vpn_gateway": vgw, "static_routes_only": true, "name": "vpn"})).created[0].clone();
    ok(
        &mut e,
        json!({"action": "create_vpn_connection_route", "vpn_connection": vpn, "destination": "192.168.0.0/16"}),
    );
    ok(
        &mut e,
        json!({"action": "enable_vgw_route_propagation", "route_table": RTB, "vpn_gateway": vgw}),
    );
    let tgw = ok(&mut e, json!({"action": "create_transit_gateway"})).created[0].clone();
    ok(
        &mut e,
        json!({"action": "create_vpn_connection", "customer_gateway": cgw, "transit_gateway": tgw}),
    );
    let dx = ok(
        &mut e,
        json!({"action": "create_direct_connect_gateway", "name": "dx"}),
    )
    .created[0]
        .clone();
    ok(
        &mut e,
        json!({"action": "create_direct_connect_gateway_association", "direct_connect_gateway": dx, "vpn_gateway": vgw}),
    );
    ok(
        &mut e,
        json!({"action": "create_direct_connect_gateway_association", "direct_connect_gateway": dx, "transit_gateway": tgw, "allowed_prefixes": ["10.0.0.0/8"]}),
    );
    let docs: Vec<(String, Value)> = crate::aws::export(&e)
        .into_iter()
        .enumerate()
        .map(|(i, d)| (format!("doc{i}.json"), d))
        .collect();
    let back = crate::aws::import_documents(&docs).unwrap();
    assert_eq!(back.vpn_gateways, e.vpn_gateways);
    assert_eq!(back.customer_gateways, e.customer_gateways);
    assert_eq!(back.vpn_connections, e.vpn_connections);
    assert_eq!(back.dx_gateways, e.dx_gateways);
    assert_eq!(back.dx_associations, e.dx_associations);
    assert_eq!(back.tgw_attachments, e.tgw_attachments);
    assert_eq!(back.route_tables, e.route_tables);
    assert_eq!(back, e);
}
