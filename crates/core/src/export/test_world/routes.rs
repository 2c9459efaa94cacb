//! VPC routes and route tables: create, replace and delete routes; create, delete, associate and
//! disassociate route tables; replace the main route table.

use serde_json::json;

use super::{actions, cli, q, tf, Case, New, Tf, World};

pub(super) fn cases(w: &World, n: &New) -> Vec<Case> {
    let New { new_rtb, .. } = n;
    let vpc1 = w.vpc1.as_str();
    let rt1 = w.rt1.as_str();
    let s1b = w.s1b.as_str();
    let tgw = w.tgw.as_str();
    let region = ("--region", "us-east-1");
    let rt1_ref = q(rt1);
    vec![
        Case {
            name: "create_route to an internet gateway",
            actions: actions(
                json!([{"action": "create_route", "route_table": rt1, "destination": "0.0.0.0/0", "target": w.igw1}]),
            ),
            cli: vec![cli(
                "create-route",
                &[
                    ("--route-table-id", rt1),
                    ("--destination-cidr-block", "0.0.0.0/0"),
                    ("--gateway-id", &w.igw1),
                    region,
                ],
            )],
            tf: vec![tf(
                "aws_route",
                &[
                    ("route_table_id", &rt1_ref),
                    ("destination_cidr_block", &q("0.0.0.0/0")),
                    ("gateway_id", &q(&w.igw1)),
                ],
            )],
        },
        Case {
            name: "create_route to a transit gateway",
            actions: actions(
                json!([{"action": "create_route", "route_table": rt1, "destination": "10.9.0.0/16", "target": tgw}]),
            ),
            cli: vec![cli(
                "create-route",
                &[
                    ("--route-table-id", rt1),
                    ("--destination-cidr-block", "10.9.0.0/16"),
                    ("--transit-gateway-id", tgw),
                ],
            )],
            tf: vec![tf(
                "aws_route",
                &[
                    ("destination_cidr_block", &q("10.9.0.0/16")),
                    ("transit_gateway_id", &q(tgw)),
                ],
            )],
        },
        Case {
            name: "create_route to an instance and to a network interface",
            actions: actions(json!([
                {"action": "create_route", "route_table": rt1, "destination": "10.8.0.0/16", "target": w.web},
                {"action": "create_route", "route_table": rt1, "destination": "10.7.0.0/16", "target": w.web_eni}
            ])),
            cli: vec![
                cli(
                    "create-route",
                    &[
                        ("--destination-cidr-block", "10.8.0.0/16"),
                        ("--instance-id", &w.web),
                    ],
                ),
                cli(
                    "create-route",
                    &[
                        ("--destination-cidr-block", "10.7.0.0/16"),
                        ("--network-interface-id", &w.web_eni),
                    ],
                ),
            ],
            tf: vec![
                tf(
                    "aws_route",
                    &[
                        ("destination_cidr_block", &q("10.8.0.0/16")),
                        ("network_interface_id", &q(&w.web_eni)),
                    ],
                ),
                tf(
                    "aws_route",
                    &[
                        ("destination_cidr_block", &q("10.7.0.0/16")),
                        ("network_interface_id", &q(&w.web_eni)),
                    ],
                ),
            ],
        },
        Case {
            name: "replace_route of a start route",
            actions: actions(
                json!([{"action": "replace_route", "route_table": rt1, "destination": "10.3.0.0/16", "target": tgw}]),
            ),
            cli: vec![cli(
                "replace-route",
                &[
                    ("--route-table-id", rt1),
                    ("--destination-cidr-block", "10.3.0.0/16"),
                    ("--transit-gateway-id", tgw),
                ],
            )],
            tf: vec![
                tf(
                    "import",
                    &[
                        ("to", "aws_route.route_1"),
                        ("id", &q(&format!("{rt1}_10.3.0.0/16"))),
                    ],
                ),
                tf(
                    "aws_route",
                    &[
                        ("route_table_id", &rt1_ref),
                        ("destination_cidr_block", &q("10.3.0.0/16")),
                        ("transit_gateway_id", &q(tgw)),
                    ],
                ),
            ],
        },
        Case {
            name: "replace_route of a route the log created",
            actions: actions(json!([
                {"action": "create_route", "route_table": rt1, "destination": "10.9.0.0/16", "target": tgw},
                {"action": "replace_route", "route_table": rt1, "destination": "10.9.0.0/16", "target": w.igw1}
            ])),
            cli: vec![
                cli("create-route", &[("--transit-gateway-id", tgw)]),
                cli(
                    "replace-route",
                    &[
                        ("--destination-cidr-block", "10.9.0.0/16"),
                        ("--gateway-id", &w.igw1),
                    ],
                ),
            ],
            tf: vec![tf(
                "aws_route",
                &[
                    ("destination_cidr_block", &q("10.9.0.0/16")),
                    ("gateway_id", &q(&w.igw1)),
                ],
            )],
        },
        Case {
            name: "delete_route",
            actions: actions(
                json!([{"action": "delete_route", "route_table": rt1, "destination": "10.3.0.0/16"}]),
            ),
            cli: vec![cli(
                "delete-route",
                &[
                    ("--route-table-id", rt1),
                    ("--destination-cidr-block", "10.3.0.0/16"),
                ],
            )],
            tf: vec![Tf::Comment(
                "no Terraform equivalent: the route belongs to the start estate",
            )],
        },
        Case {
            name: "create_route_table, then delete_route_table",
            actions: actions(json!([
                {"action": "create_route_table", "vpc": vpc1, "name": "private"},
                {"action": "delete_route_table", "route_table": new_rtb}
            ])),
            cli: vec![
                cli(
                    "create-route-table",
                    &[
                        ("--vpc-id", vpc1),
                        (
                            "--tag-specifications",
                            r#"[{"ResourceType":"route-table","Tags":[{"Key":"Name","Value":"private"}]}]"#,
                        ),
                    ],
                ),
                cli("delete-route-table", &[("--route-table-id", "$RTB_1")]),
            ],
            tf: vec![Tf::Comment(
                "undoes what this configuration created, so these blocks are left out: aws_route_table.rtb_1",
            )],
        },
        Case {
            name: "create_route_table",
            actions: actions(json!([{"action": "create_route_table", "vpc": vpc1, "name": "private"}])),
            cli: vec![cli(
                "create-route-table",
                &[("--vpc-id", vpc1), ("--query", "RouteTable.RouteTableId")],
            )],
            tf: vec![tf(
                "aws_route_table",
                &[("vpc_id", &q(vpc1)), ("tags", "{Name=\"private\"}")],
            )],
        },
        Case {
            name: "associate_route_table, disassociate_route_table",
            actions: actions(json!([
                {"action": "create_route_table", "vpc": vpc1},
                {"action": "associate_route_table", "route_table": new_rtb, "subnet": s1b},
                {"action": "disassociate_route_table", "subnet": s1b}
            ])),
            cli: vec![
                cli("create-route-table", &[]),
                cli(
                    "associate-route-table",
                    &[("--route-table-id", "$RTB_1"), ("--subnet-id", s1b)],
                ),
                cli(
                    "describe-route-tables",
                    &[("--filters", &format!("Name=association.subnet-id,Values={s1b}"))],
                ),
                cli("disassociate-route-table", &[("--association-id", "$ASSOC_1")]),
            ],
            tf: vec![
                tf("aws_route_table", &[("vpc_id", &q(vpc1))]),
                Tf::Comment("left out: aws_route_table_association.rtb_assoc_1"),
            ],
        },
        Case {
            name: "associate_route_table",
            actions: actions(json!([{"action": "associate_route_table", "route_table": rt1, "subnet": s1b}])),
            cli: vec![cli(
                "associate-route-table",
                &[("--route-table-id", rt1), ("--subnet-id", s1b)],
            )],
            tf: vec![tf(
                "aws_route_table_association",
                &[("subnet_id", &q(s1b)), ("route_table_id", &rt1_ref)],
            )],
        },
        Case {
            name: "replace_main_route_table",
            actions: actions(json!([
                {"action": "create_route_table", "vpc": vpc1},
                {"action": "replace_main_route_table", "route_table": new_rtb}
            ])),
            cli: vec![
                cli("create-route-table", &[]),
                cli(
                    "describe-route-tables",
                    &[(
                        "--filters",
                        &format!("Name=vpc-id,Values={vpc1} Name=association.main,Values=true"),
                    )],
                ),
                cli(
                    "replace-route-table-association",
                    &[("--association-id", "$ASSOC_1"), ("--route-table-id", "$RTB_1")],
                ),
            ],
            tf: vec![
                tf("aws_route_table", &[]),
                tf(
                    "aws_main_route_table_association",
                    &[
                        ("vpc_id", &q(vpc1)),
                        ("route_table_id", "aws_route_table.rtb_1.id"),
                    ],
                ),
            ],
        },
    ]
}
