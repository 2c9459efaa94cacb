//! VPC endpoints: gateway and interface endpoints created, modified, deleted.

use serde_json::json;

use super::{actions, cli, new_vpce_after_rtb, q, tf, Case, New, Tf, World};

pub(super) fn cases(w: &World, n: &New) -> Vec<Case> {
    let New {
        new_rtb, new_vpce, ..
    } = n;
    let vpc1 = w.vpc1.as_str();
    let rt1 = w.rt1.as_str();
    let s1a = w.s1a.as_str();
    let s1b = w.s1b.as_str();
    let sg1 = w.sg1.as_str();
    let rt1_ref = q(rt1);
    vec![
        Case {
            name: "create_gateway_endpoint",
            actions: actions(
                json!([{"action": "create_gateway_endpoint", "vpc": vpc1, "service": "s3", "route_tables": [rt1]}]),
            ),
            cli: vec![cli(
                "create-vpc-endpoint",
                &[
                    ("--vpc-endpoint-type", "Gateway"),
                    ("--vpc-id", vpc1),
                    ("--service-name", "com.amazonaws.us-east-1.s3"),
                    ("--route-table-ids", rt1),
                ],
            )],
            tf: vec![tf(
                "aws_vpc_endpoint",
                &[
                    ("vpc_id", &q(vpc1)),
                    ("service_name", &q("com.amazonaws.us-east-1.s3")),
                    ("vpc_endpoint_type", &q("Gateway")),
                    ("route_table_ids", &format!("[{rt1_ref}]")),
                ],
            )],
        },
        Case {
            name: "create_interface_endpoint",
            actions: actions(
                json!([{"action": "create_interface_endpoint", "vpc": vpc1, "service": "sns", "subnets": [s1a, s1b], "security_groups": [sg1], "private_dns": false}]),
            ),
            cli: vec![cli(
                "create-vpc-endpoint",
                &[
                    ("--vpc-endpoint-type", "Interface"),
                    ("--service-name", "com.amazonaws.us-east-1.sns"),
                    ("--subnet-ids", &format!("{s1a} {s1b}")),
                    ("--security-group-ids", sg1),
                    ("--no-private-dns-enabled", ""),
                ],
            )],
            tf: vec![tf(
                "aws_vpc_endpoint",
                &[
                    ("service_name", &q("com.amazonaws.us-east-1.sns")),
                    ("vpc_endpoint_type", &q("Interface")),
                    ("subnet_ids", &format!("[{},{}]", q(s1a), q(s1b))),
                    ("security_group_ids", &format!("[{}]", q(sg1))),
                    ("private_dns_enabled", "false"),
                ],
            )],
        },
        Case {
            name: "modify_gateway_endpoint",
            actions: actions(json!([
                {"action": "create_route_table", "vpc": vpc1},
                {"action": "create_gateway_endpoint", "vpc": vpc1, "service": "s3", "route_tables": [rt1]},
                {"action": "modify_gateway_endpoint", "endpoint": new_vpce_after_rtb(w), "add_route_tables": [new_rtb], "remove_route_tables": [rt1]}
            ])),
            cli: vec![
                cli("create-route-table", &[]),
                cli("create-vpc-endpoint", &[]),
                cli(
                    "modify-vpc-endpoint",
                    &[
                        ("--vpc-endpoint-id", "$VPCE_1"),
                        ("--add-route-table-ids", "$RTB_1"),
                        ("--remove-route-table-ids", rt1),
                    ],
                ),
            ],
            tf: vec![
                tf("aws_route_table", &[]),
                tf(
                    "aws_vpc_endpoint",
                    &[("route_table_ids", "[aws_route_table.rtb_1.id]")],
                ),
            ],
        },
        Case {
            name: "delete_endpoint",
            actions: actions(json!([
                {"action": "create_gateway_endpoint", "vpc": vpc1, "service": "s3", "route_tables": [rt1]},
                {"action": "delete_endpoint", "endpoint": new_vpce}
            ])),
            cli: vec![
                cli("create-vpc-endpoint", &[]),
                cli("delete-vpc-endpoints", &[("--vpc-endpoint-ids", "$VPCE_1")]),
            ],
            tf: vec![Tf::Comment("left out: aws_vpc_endpoint.vpce_1")],
        },
    ]
}
