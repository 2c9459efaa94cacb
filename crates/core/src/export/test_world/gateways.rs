//! Internet and NAT gateways: create, attach, detach, delete.

use serde_json::json;

use super::{actions, cli, q, tf, Case, New, Tf, World, A};

pub(super) fn cases(w: &World, n: &New) -> Vec<Case> {
    let New { new_nat, .. } = n;
    let vpc1 = w.vpc1.as_str();
    let rt1 = w.rt1.as_str();
    let s1a = w.s1a.as_str();
    let s1b = w.s1b.as_str();
    vec![
        Case {
            name: "create_internet_gateway, detach_internet_gateway",
            actions: actions(json!([
                {"action": "create_internet_gateway", "account": A, "region": "us-east-1", "name": "spare"},
                {"action": "detach_internet_gateway", "internet_gateway": w.igw1, "vpc": vpc1}
            ])),
            cli: vec![
                cli(
                    "create-internet-gateway",
                    &[("--query", "InternetGateway.InternetGatewayId")],
                ),
                cli(
                    "detach-internet-gateway",
                    &[("--internet-gateway-id", &w.igw1), ("--vpc-id", vpc1)],
                ),
            ],
            tf: vec![
                tf("aws_internet_gateway", &[("tags", "{Name=\"spare\"}")]),
                Tf::Comment("no Terraform equivalent: the attachment belongs to the start estate"),
            ],
        },
        Case {
            name: "create_nat_gateway (public), delete_nat_gateway",
            actions: actions(json!([
                {"action": "create_nat_gateway", "subnet": s1a, "name": "nat-a"},
                {"action": "create_route", "route_table": rt1, "destination": "10.100.0.0/16", "target": new_nat},
                {"action": "delete_nat_gateway", "nat_gateway": new_nat}
            ])),
            cli: vec![
                cli(
                    "allocate-address",
                    &[("--domain", "vpc"), ("--query", "AllocationId")],
                ),
                cli(
                    "create-nat-gateway",
                    &[
                        ("--subnet-id", s1a),
                        ("--allocation-id", "$EIPALLOC_1"),
                        ("--query", "NatGateway.NatGatewayId"),
                    ],
                ),
                cli(
                    "wait",
                    &[("nat-gateway-available", ""), ("--nat-gateway-ids", "$NAT_1")],
                ),
                cli("create-route", &[("--nat-gateway-id", "$NAT_1")]),
                cli("delete-nat-gateway", &[("--nat-gateway-id", "$NAT_1")]),
            ],
            tf: vec![
                Tf::Comment("left out: aws_nat_gateway.nat_1, aws_route.route_1"),
                Tf::Comment("left out: aws_eip.nat_1"),
            ],
        },
        Case {
            name: "create_nat_gateway",
            actions: actions(json!([
                {"action": "create_nat_gateway", "subnet": s1a},
                {"action": "create_nat_gateway", "subnet": s1b, "private": true}
            ])),
            cli: vec![
                cli("allocate-address", &[]),
                cli(
                    "create-nat-gateway",
                    &[("--subnet-id", s1a), ("--allocation-id", "$EIPALLOC_1")],
                ),
                cli("wait", &[("--nat-gateway-ids", "$NAT_1")]),
                cli(
                    "create-nat-gateway",
                    &[("--subnet-id", s1b), ("--connectivity-type", "private")],
                ),
                cli("wait", &[("--nat-gateway-ids", "$NAT_2")]),
            ],
            tf: vec![
                tf("aws_eip", &[("domain", &q("vpc"))]),
                tf(
                    "aws_nat_gateway",
                    &[("subnet_id", &q(s1a)), ("allocation_id", "aws_eip.nat_1.id")],
                ),
                tf(
                    "aws_nat_gateway",
                    &[("subnet_id", &q(s1b)), ("connectivity_type", &q("private"))],
                ),
            ],
        },
    ]
}
