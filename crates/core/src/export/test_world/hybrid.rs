//! VPN and Direct Connect: virtual private gateways, customer gateways, VPN connections (to a
//! vgw and to a transit gateway) and their routes, vgw route propagation, Direct Connect
//! gateways and their associations.

use serde_json::json;

use super::{actions, cli, ok, q, tf, Case, Tf, World, A};

pub(super) fn cases(w: &World) -> Vec<Case> {
    let (vpc1, rt1, tgw, tgw_rt) = (w.vpc1.as_str(), w.rt1.as_str(), w.tgw.as_str(), w.tgw_rt.as_str());
    let here = |extra: serde_json::Value| {
        let mut a = json!({"account": A, "region": "us-east-1"});
        for (k, v) in extra.as_object().expect("an object") {
            a[k] = v.clone();
        }
        a
    };
    let new_vgw = here(json!({"action": "create_vpn_gateway", "amazon_side_asn": 65010, "name": "to-dc"}));
    let new_cgw = here(
        json!({"action": "create_customer_gateway", "ip_address": "203.0.113.12", "bgp_asn": 65001, "name": "dc1"}),
    );
    let new_dx = here(json!({"action": "create_direct_connect_gateway", "name": "dx"}));
    let mut e = w.e.clone();
    let vgw = ok(&mut e, new_vgw.clone()).created[0].clone();
    let cgw = ok(&mut e, new_cgw.clone()).created[0].clone();
    let vpn = ok(&mut e, json!({"action": "create_vpn_connection", "customer_gateway": cgw, "vpn_gateway": vgw, "static_routes_only": true})).created[0].clone();
    let tgw_att = {
        let mut e = w.e.clone();
        ok(&mut e, new_cgw.clone());
        let made = ok(
            &mut e,
            json!({"action": "create_vpn_connection", "customer_gateway": cgw, "transit_gateway": tgw}),
        );
        made.created[1].clone()
    };
    let (dx, assoc) = {
        let mut e = w.e.clone();
        let dx = ok(&mut e, new_dx.clone()).created[0].clone();
        let assoc = ok(&mut e, json!({"action": "create_direct_connect_gateway_association", "direct_connect_gateway": dx, "transit_gateway": tgw, "allowed_prefixes": ["10.0.0.0/8"]})).created[0].clone();
        (dx, assoc)
    };
    vec![
        Case {
            name: "create_vpn_gateway, attach_vpn_gateway, enable_vgw_route_propagation, a route to the vgw",
            actions: actions(json!([
                new_vgw,
                {"action": "attach_vpn_gateway", "vpn_gateway": vgw, "vpc": vpc1},
                {"action": "enable_vgw_route_propagation", "route_table": rt1, "vpn_gateway": vgw},
                {"action": "create_route", "route_table": rt1, "destination": "192.168.0.0/16", "target": vgw}
            ])),
            cli: vec![
                cli(
                    "create-vpn-gateway",
                    &[
                        ("--type", "ipsec.1"),
                        ("--amazon-side-asn", "65010"),
                        ("--query", "VpnGateway.VpnGatewayId"),
                    ],
                ),
                cli("attach-vpn-gateway", &[("--vpn-gateway-id", "$VGW_1"), ("--vpc-id", vpc1)]),
                cli(
                    "enable-vgw-route-propagation",
                    &[("--route-table-id", rt1), ("--gateway-id", "$VGW_1")],
                ),
                cli(
                    "create-route",
                    &[
                        ("--route-table-id", rt1),
                        ("--destination-cidr-block", "192.168.0.0/16"),
                        ("--gateway-id", "$VGW_1"),
                    ],
                ),
            ],
            tf: vec![
                tf("aws_vpn_gateway", &[("amazon_side_asn", &q("65010")), ("tags", "{Name=\"to-dc\"}")]),
                tf(
                    "aws_vpn_gateway_attachment",
                    &[("vpc_id", &q(vpc1)), ("vpn_gateway_id", "aws_vpn_gateway.vgw_1.id")],
                ),
                tf(
                    "aws_vpn_gateway_route_propagation",
                    &[("route_table_id", &q(rt1)), ("vpn_gateway_id", "aws_vpn_gateway.vgw_1.id")],
                ),
                tf("aws_route", &[("gateway_id", "aws_vpn_gateway.vgw_1.id")]),
            ],
        },
        Case {
            name: "disable_vgw_route_propagation, detach_vpn_gateway, delete_vpn_gateway",
            actions: actions(json!([
                new_vgw,
                {"action": "attach_vpn_gateway", "vpn_gateway": vgw, "vpc": vpc1},
                {"action": "enable_vgw_route_propagation", "route_table": rt1, "vpn_gateway": vgw},
                {"action": "disable_vgw_route_propagation", "route_table": rt1, "vpn_gateway": vgw},
                {"action": "detach_vpn_gateway", "vpn_gateway": vgw, "vpc": vpc1},
                {"action": "delete_vpn_gateway", "vpn_gateway": vgw}
            ])),
            cli: vec![
                cli("create-vpn-gateway", &[]),
                cli("attach-vpn-gateway", &[]),
                cli("enable-vgw-route-propagation", &[]),
                cli(
                    "disable-vgw-route-propagation",
                    &[("--route-table-id", rt1), ("--gateway-id", "$VGW_1")],
                ),
                cli("detach-vpn-gateway", &[("--vpn-gateway-id", "$VGW_1"), ("--vpc-id", vpc1)]),
                cli("delete-vpn-gateway", &[("--vpn-gateway-id", "$VGW_1")]),
            ],
            tf: vec![
                Tf::Comment("left out: aws_vpn_gateway_route_propagation.vgw_propagation_1"),
                Tf::Comment("left out: aws_vpn_gateway_attachment.vgw_attachment_1"),
                Tf::Comment("left out: aws_vpn_gateway.vgw_1"),
            ],
        },
        Case {
            name: "create_customer_gateway, create_vpn_connection (static), create_vpn_connection_route",
            actions: actions(json!([
                new_vgw,
                new_cgw,
                {"action": "create_vpn_connection", "customer_gateway": cgw, "vpn_gateway": vgw, "static_routes_only": true},
                {"action": "create_vpn_connection_route", "vpn_connection": vpn, "destination": "192.168.0.0/16"}
            ])),
            cli: vec![
                cli("create-vpn-gateway", &[]),
                cli(
                    "create-customer-gateway",
                    &[
                        ("--type", "ipsec.1"),
                        ("--ip-address", "203.0.113.12"),
                        ("--bgp-asn", "65001"),
                        ("--query", "CustomerGateway.CustomerGatewayId"),
                    ],
                ),
                cli(
                    "create-vpn-connection",
                    &[
                        ("--customer-gateway-id", "$CGW_1"),
                        ("--vpn-gateway-id", "$VGW_1"),
                        ("--options", "{\"StaticRoutesOnly\": true}"),
                    ],
                ),
                cli("describe-vpn-connections", &[("--vpn-connection-ids", "$VPN_1")]),
                cli(
                    "create-vpn-connection-route",
                    &[
                        ("--vpn-connection-id", "$VPN_1"),
                        ("--destination-cidr-block", "192.168.0.0/16"),
                    ],
                ),
            ],
            tf: vec![
                tf("aws_vpn_gateway", &[]),
                tf(
                    "aws_customer_gateway",
                    &[("bgp_asn", &q("65001")), ("ip_address", &q("203.0.113.12")), ("type", &q("ipsec.1"))],
                ),
                tf(
                    "aws_vpn_connection",
                    &[
                        ("customer_gateway_id", "aws_customer_gateway.cgw_1.id"),
                        ("vpn_gateway_id", "aws_vpn_gateway.vgw_1.id"),
                        ("static_routes_only", "true"),
                    ],
                ),
                tf(
                    "aws_vpn_connection_route",
                    &[
                        ("destination_cidr_block", &q("192.168.0.0/16")),
                        ("vpn_connection_id", "aws_vpn_connection.vpn_1.id"),
                    ],
                ),
            ],
        },
        Case {
            name: "delete_vpn_connection_route, delete_vpn_connection, delete_customer_gateway",
            actions: actions(json!([
                new_vgw,
                new_cgw,
                {"action": "create_vpn_connection", "customer_gateway": cgw, "vpn_gateway": vgw, "static_routes_only": true},
                {"action": "create_vpn_connection_route", "vpn_connection": vpn, "destination": "192.168.0.0/16"},
                {"action": "delete_vpn_connection_route", "vpn_connection": vpn, "destination": "192.168.0.0/16"},
                {"action": "delete_vpn_connection", "vpn_connection": vpn},
                {"action": "delete_customer_gateway", "customer_gateway": cgw}
            ])),
            cli: vec![
                cli("create-vpn-gateway", &[]),
                cli("create-customer-gateway", &[]),
                cli("create-vpn-connection", &[]),
                cli("describe-vpn-connections", &[]),
                cli("create-vpn-connection-route", &[]),
                cli(
                    "delete-vpn-connection-route",
                    &[
                        ("--vpn-connection-id", "$VPN_1"),
                        ("--destination-cidr-block", "192.168.0.0/16"),
                    ],
                ),
                cli("delete-vpn-connection", &[("--vpn-connection-id", "$VPN_1")]),
                cli("delete-customer-gateway", &[("--customer-gateway-id", "$CGW_1")]),
            ],
            tf: vec![
                tf("aws_vpn_gateway", &[]),
                Tf::Comment("left out: aws_vpn_connection_route.vpn_route_1"),
                Tf::Comment("left out: aws_vpn_connection.vpn_1"),
                Tf::Comment("left out: aws_customer_gateway.cgw_1"),
            ],
        },
        Case {
            name: "create_vpn_connection to a transit gateway: its vpn attachment, a route to it",
            actions: actions(json!([
                new_cgw,
                {"action": "create_vpn_connection", "customer_gateway": cgw, "transit_gateway": tgw},
                {"action": "create_transit_gateway_route", "transit_gateway_route_table": tgw_rt, "destination": "192.168.0.0/16", "transit_gateway_attachment": tgw_att}
            ])),
            cli: vec![
                cli("create-customer-gateway", &[]),
                cli(
                    "create-vpn-connection",
                    &[("--customer-gateway-id", "$CGW_1"), ("--transit-gateway-id", tgw)],
                ),
                cli("describe-vpn-connections", &[("--vpn-connection-ids", "$VPN_1")]),
                cli(
                    "describe-transit-gateway-attachments",
                    &[
                        ("--filters", "Name=resource-type,Values=vpn Name=resource-id,Values=$VPN_1"),
                        ("--query", "TransitGatewayAttachments[0].TransitGatewayAttachmentId"),
                    ],
                ),
                cli(
                    "create-transit-gateway-route",
                    &[
                        ("--transit-gateway-route-table-id", tgw_rt),
                        ("--transit-gateway-attachment-id", "$TGW_ATTACH_1"),
                    ],
                ),
            ],
            tf: vec![
                tf("aws_customer_gateway", &[]),
                tf(
                    "aws_vpn_connection",
                    &[("transit_gateway_id", &q(tgw)), ("static_routes_only", "false")],
                ),
                tf(
                    "aws_ec2_transit_gateway_route",
                    &[(
                        "transit_gateway_attachment_id",
                        "aws_vpn_connection.vpn_1.transit_gateway_attachment_id",
                    )],
                ),
            ],
        },
        Case {
            name: "create_direct_connect_gateway, create_direct_connect_gateway_association (vgw and transit gateway)",
            actions: actions(json!([
                new_dx,
                new_vgw,
                {"action": "attach_vpn_gateway", "vpn_gateway": vgw, "vpc": vpc1},
                {"action": "create_direct_connect_gateway_association", "direct_connect_gateway": dx, "vpn_gateway": vgw},
                {"action": "create_direct_connect_gateway_association", "direct_connect_gateway": dx, "transit_gateway": tgw, "allowed_prefixes": ["10.0.0.0/8"]}
            ])),
            cli: vec![
                cli(
                    "create-direct-connect-gateway",
                    &[
                        ("--direct-connect-gateway-name", "dx"),
                        ("--query", "directConnectGateway.directConnectGatewayId"),
                    ],
                ),
                cli("create-vpn-gateway", &[]),
                cli("attach-vpn-gateway", &[]),
                cli(
                    "create-direct-connect-gateway-association",
                    &[("--direct-connect-gateway-id", "$DXGW_1"), ("--gateway-id", "$VGW_1")],
                ),
                cli(
                    "create-direct-connect-gateway-association",
                    &[
                        ("--direct-connect-gateway-id", "$DXGW_1"),
                        ("--gateway-id", tgw),
                        ("--add-allowed-prefixes-to-direct-connect-gateway", "[{\"cidr\": \"10.0.0.0/8\"}]"),
                        ("--query", "directConnectGatewayAssociation.associationId"),
                    ],
                ),
                cli(
                    "describe-transit-gateway-attachments",
                    &[(
                        "--filters",
                        "Name=resource-type,Values=direct-connect-gateway Name=resource-id,Values=$DXGW_1",
                    )],
                ),
            ],
            tf: vec![
                tf("aws_dx_gateway", &[("name", &q("dx")), ("amazon_side_asn", &q("64512"))]),
                tf("aws_vpn_gateway", &[]),
                tf("aws_vpn_gateway_attachment", &[]),
                tf(
                    "aws_dx_gateway_association",
                    &[
                        ("dx_gateway_id", "aws_dx_gateway.dx_gateway_1.id"),
                        ("associated_gateway_id", "aws_vpn_gateway.vgw_1.id"),
                    ],
                ),
                tf(
                    "aws_dx_gateway_association",
                    &[("associated_gateway_id", &q(tgw)), ("allowed_prefixes", "[\"10.0.0.0/8\"]")],
                ),
            ],
        },
        Case {
            name: "delete_direct_connect_gateway_association, delete_direct_connect_gateway",
            actions: actions(json!([
                new_dx,
                {"action": "create_direct_connect_gateway_association", "direct_connect_gateway": dx, "transit_gateway": tgw, "allowed_prefixes": ["10.0.0.0/8"]},
                {"action": "delete_direct_connect_gateway_association", "association_id": assoc},
                {"action": "delete_direct_connect_gateway", "direct_connect_gateway": dx}
            ])),
            cli: vec![
                cli("create-direct-connect-gateway", &[]),
                cli("create-direct-connect-gateway-association", &[]),
                cli("describe-transit-gateway-attachments", &[]),
                cli(
                    "delete-direct-connect-gateway-association",
                    &[("--association-id", "$DXGW_ASSOC_1")],
                ),
                cli(
                    "delete-direct-connect-gateway",
                    &[("--direct-connect-gateway-id", "$DXGW_1")],
                ),
            ],
            tf: vec![
                Tf::Comment("left out: aws_dx_gateway_association.dx_gateway_association_1"),
                Tf::Comment("left out: aws_dx_gateway.dx_gateway_1"),
            ],
        },
    ]
}
