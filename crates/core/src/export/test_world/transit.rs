//! Transit gateways: the gateway, its route tables, attachments (also from another account),
//! association, propagation and static routes.

use serde_json::json;

use super::{actions, cli, q, tf, Case, New, Tf, World, A, B};

pub(super) fn cases(w: &World, n: &New) -> Vec<Case> {
    let New { new_tgw_rt, .. } = n;
    let tgw = w.tgw.as_str();
    let tgw_rt = w.tgw_rt.as_str();
    let att1 = w.att1.as_str();
    vec![
        Case {
            name: "create_transit_gateway",
            actions: actions(
                json!([{"action": "create_transit_gateway", "account": A, "region": "us-east-1", "default_association": false, "default_propagation": false}]),
            ),
            cli: vec![
                cli(
                    "create-transit-gateway",
                    &[
                        (
                            "--options",
                            "DefaultRouteTableAssociation=disable,DefaultRouteTablePropagation=disable",
                        ),
                        ("--query", "TransitGateway.TransitGatewayId"),
                    ],
                ),
                cli(
                    "describe-transit-gateways",
                    &[("--transit-gateway-ids", "$TGW_1")],
                ),
            ],
            tf: vec![tf(
                "aws_ec2_transit_gateway",
                &[
                    ("default_route_table_association", &q("disable")),
                    ("default_route_table_propagation", &q("disable")),
                ],
            )],
        },
        Case {
            name: "create_transit_gateway_route_table, associate, enable propagation",
            actions: actions(json!([
                {"action": "create_transit_gateway_route_table", "transit_gateway": tgw},
                {"action": "disassociate_transit_gateway_route_table", "transit_gateway_route_table": tgw_rt, "transit_gateway_attachment": att1},
                {"action": "associate_transit_gateway_route_table", "transit_gateway_route_table": new_tgw_rt, "transit_gateway_attachment": att1},
                {"action": "enable_transit_gateway_propagation", "transit_gateway_route_table": new_tgw_rt, "transit_gateway_attachment": att1}
            ])),
            cli: vec![
                cli(
                    "create-transit-gateway-route-table",
                    &[("--transit-gateway-id", tgw)],
                ),
                cli(
                    "describe-transit-gateway-route-tables",
                    &[("--transit-gateway-route-table-ids", "$TGW_RTB_1")],
                ),
                cli(
                    "disassociate-transit-gateway-route-table",
                    &[
                        ("--transit-gateway-route-table-id", tgw_rt),
                        ("--transit-gateway-attachment-id", att1),
                    ],
                ),
                cli(
                    "describe-transit-gateway-attachments",
                    &[("--transit-gateway-attachment-ids", att1)],
                ),
                cli(
                    "associate-transit-gateway-route-table",
                    &[
                        ("--transit-gateway-route-table-id", "$TGW_RTB_1"),
                        ("--transit-gateway-attachment-id", att1),
                    ],
                ),
                cli(
                    "enable-transit-gateway-route-table-propagation",
                    &[
                        ("--transit-gateway-route-table-id", "$TGW_RTB_1"),
                        ("--transit-gateway-attachment-id", att1),
                    ],
                ),
            ],
            tf: vec![
                tf(
                    "aws_ec2_transit_gateway_route_table",
                    &[("transit_gateway_id", &q(tgw))],
                ),
                Tf::Comment("no Terraform equivalent: the association belongs to the start estate"),
                tf(
                    "aws_ec2_transit_gateway_route_table_association",
                    &[
                        ("transit_gateway_attachment_id", &q(att1)),
                        (
                            "transit_gateway_route_table_id",
                            "aws_ec2_transit_gateway_route_table.tgw_rtb_1.id",
                        ),
                    ],
                ),
                tf(
                    "aws_ec2_transit_gateway_route_table_propagation",
                    &[
                        ("transit_gateway_attachment_id", &q(att1)),
                        (
                            "transit_gateway_route_table_id",
                            "aws_ec2_transit_gateway_route_table.tgw_rtb_1.id",
                        ),
                    ],
                ),
            ],
        },
        Case {
            name: "create_transit_gateway_attachment from another account",
            actions: actions(
                json!([{"action": "create_transit_gateway_attachment", "transit_gateway": tgw, "vpc": w.vpc2, "subnets": [w.s2a], "account": B}]),
            ),
            cli: vec![
                cli(
                    "create-resource-share",
                    &[
                        (
                            "--resource-arns",
                            &format!("arn:aws:ec2:us-east-1:{A}:transit-gateway/{tgw}"),
                        ),
                        ("--principals", B),
                        ("--profile", &format!("account-{A}")),
                    ],
                ),
                cli(
                    "create-transit-gateway-vpc-attachment",
                    &[
                        ("--transit-gateway-id", tgw),
                        ("--vpc-id", &w.vpc2),
                        ("--subnet-ids", &w.s2a),
                        ("--profile", &format!("account-{B}")),
                    ],
                ),
                cli(
                    "describe-transit-gateway-vpc-attachments",
                    &[
                        ("--transit-gateway-attachment-ids", "$TGW_ATTACH_1"),
                        ("--profile", &format!("account-{A}")),
                    ],
                ),
                cli(
                    "accept-transit-gateway-vpc-attachment",
                    &[
                        ("--transit-gateway-attachment-id", "$TGW_ATTACH_1"),
                        ("--profile", &format!("account-{A}")),
                    ],
                ),
                cli(
                    "describe-transit-gateway-vpc-attachments",
                    &[("--profile", &format!("account-{B}"))],
                ),
            ],
            tf: vec![
                tf(
                    "aws_ram_resource_share",
                    &[
                        ("provider", &format!("aws.account_{A}_us_east_1")),
                        ("allow_external_principals", "true"),
                    ],
                ),
                tf(
                    "aws_ram_resource_association",
                    &[(
                        "resource_arn",
                        &q(&format!("arn:aws:ec2:us-east-1:{A}:transit-gateway/{tgw}")),
                    )],
                ),
                tf("aws_ram_principal_association", &[("principal", &q(B))]),
                tf(
                    "aws_ec2_transit_gateway_vpc_attachment",
                    &[
                        ("transit_gateway_id", &q(tgw)),
                        ("vpc_id", &q(&w.vpc2)),
                        ("subnet_ids", &format!("[{}]", q(&w.s2a))),
                    ],
                ),
                tf(
                    "aws_ec2_transit_gateway_vpc_attachment_accepter",
                    &[
                        ("provider", &format!("aws.account_{A}_us_east_1")),
                        (
                            "transit_gateway_attachment_id",
                            "aws_ec2_transit_gateway_vpc_attachment.tgw_attach_1.id",
                        ),
                    ],
                ),
            ],
        },
        Case {
            name: "disable_transit_gateway_propagation",
            actions: actions(
                json!([{"action": "disable_transit_gateway_propagation", "transit_gateway_route_table": tgw_rt, "transit_gateway_attachment": att1}]),
            ),
            cli: vec![cli(
                "disable-transit-gateway-route-table-propagation",
                &[
                    ("--transit-gateway-route-table-id", tgw_rt),
                    ("--transit-gateway-attachment-id", att1),
                ],
            )],
            tf: vec![Tf::Comment(
                "no Terraform equivalent: the propagation belongs to the start estate",
            )],
        },
        Case {
            name: "create_transit_gateway_route (attachment and blackhole), delete_transit_gateway_route",
            actions: actions(json!([
                {"action": "create_transit_gateway_route", "transit_gateway_route_table": tgw_rt, "destination": "10.50.0.0/16", "transit_gateway_attachment": att1},
                {"action": "create_transit_gateway_route", "transit_gateway_route_table": tgw_rt, "destination": "10.60.0.0/16", "blackhole": true},
                {"action": "delete_transit_gateway_route", "transit_gateway_route_table": tgw_rt, "destination": "10.50.0.0/16"}
            ])),
            cli: vec![
                cli(
                    "create-transit-gateway-route",
                    &[
                        ("--transit-gateway-route-table-id", tgw_rt),
                        ("--destination-cidr-block", "10.50.0.0/16"),
                        ("--transit-gateway-attachment-id", att1),
                    ],
                ),
                cli(
                    "create-transit-gateway-route",
                    &[("--destination-cidr-block", "10.60.0.0/16"), ("--blackhole", "")],
                ),
                cli(
                    "delete-transit-gateway-route",
                    &[
                        ("--transit-gateway-route-table-id", tgw_rt),
                        ("--destination-cidr-block", "10.50.0.0/16"),
                    ],
                ),
            ],
            tf: vec![
                tf(
                    "aws_ec2_transit_gateway_route",
                    &[
                        ("destination_cidr_block", &q("10.60.0.0/16")),
                        ("transit_gateway_route_table_id", &q(tgw_rt)),
                        ("blackhole", "true"),
                    ],
                ),
                Tf::Comment("left out: aws_ec2_transit_gateway_route.tgw_route_1"),
            ],
        },
    ]
}
