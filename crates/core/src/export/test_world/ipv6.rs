//! IPv6: a VPC's Amazon-provided block, a subnet's block, egress-only internet gateways.

use serde_json::json;

use super::{actions, cli, next_id, q, tf, Case, Tf, World};

pub(super) fn cases(w: &World) -> Vec<Case> {
    let vpc1 = w.vpc1.as_str();
    let rt1 = w.rt1.as_str();
    let s1a = w.s1a.as_str();
    let eigw = next_id(
        &mut w.e.clone(),
        json!({"action": "create_egress_only_internet_gateway", "vpc": vpc1}),
    );
    vec![
        Case {
            name: "associate_vpc_ipv6_cidr, associate_subnet_ipv6_cidr",
            actions: actions(json!([
                {"action": "associate_vpc_ipv6_cidr", "vpc": vpc1},
                {"action": "associate_subnet_ipv6_cidr", "subnet": s1a, "cidr": "2600:1f18:0:1::/64"}
            ])),
            cli: vec![
                cli(
                    "associate-vpc-cidr-block",
                    &[("--vpc-id", vpc1), ("--amazon-provided-ipv6-cidr-block", "")],
                ),
                cli(
                    "associate-subnet-cidr-block",
                    &[("--subnet-id", s1a), ("--ipv6-cidr-block", "2600:1f18:0:1::/64")],
                ),
            ],
            tf: vec![
                tf(
                    "aws_vpc_ipv6_cidr_block_association",
                    &[("vpc_id", &q(vpc1)), ("assign_generated_ipv6_cidr_block", "true")],
                ),
                Tf::Comment("no Terraform equivalent: the subnet belongs to the start estate; add the block with aws ec2 associate-subnet-cidr-block, or set ipv6_cidr_block on its aws_subnet"),
            ],
        },
        Case {
            name: "create_egress_only_internet_gateway, a ::/0 route to it, delete_egress_only_internet_gateway",
            actions: actions(json!([
                {"action": "associate_vpc_ipv6_cidr", "vpc": vpc1},
                {"action": "create_egress_only_internet_gateway", "vpc": vpc1, "name": "out6"},
                {"action": "create_route", "route_table": rt1, "destination": "::/0", "target": eigw},
                {"action": "delete_egress_only_internet_gateway", "egress_only_internet_gateway": eigw}
            ])),
            cli: vec![
                cli("associate-vpc-cidr-block", &[("--vpc-id", vpc1)]),
                cli(
                    "create-egress-only-internet-gateway",
                    &[
                        ("--vpc-id", vpc1),
                        ("--query", "EgressOnlyInternetGateway.EgressOnlyInternetGatewayId"),
                    ],
                ),
                cli(
                    "create-route",
                    &[
                        ("--route-table-id", rt1),
                        ("--destination-ipv6-cidr-block", "::/0"),
                        ("--egress-only-internet-gateway-id", "$EIGW_1"),
                    ],
                ),
                cli(
                    "delete-egress-only-internet-gateway",
                    &[("--egress-only-internet-gateway-id", "$EIGW_1")],
                ),
            ],
            tf: vec![
                tf("aws_vpc_ipv6_cidr_block_association", &[("vpc_id", &q(vpc1))]),
                Tf::Comment("left out: aws_egress_only_internet_gateway.eigw_1, aws_route.route_1"),
            ],
        },
    ]
}
