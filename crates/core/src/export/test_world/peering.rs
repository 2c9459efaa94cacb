//! VPC peering: request across accounts and regions, accept, reject, delete.

use serde_json::json;

use super::{actions, cli, q, tf, Case, New, Tf, World, A, B};

pub(super) fn cases(w: &World, n: &New) -> Vec<Case> {
    let New { new_pcx, far_vpc, .. } = n;
    let vpc1 = w.vpc1.as_str();
    let pcx13 = w.pcx13.as_str();
    vec![
        Case {
            name: "request_peering across accounts",
            actions: actions(
                json!([{"action": "request_peering", "vpc": vpc1, "peer_vpc": w.vpc2, "peer_owner": B}]),
            ),
            cli: vec![cli(
                "create-vpc-peering-connection",
                &[
                    ("--vpc-id", vpc1),
                    ("--peer-vpc-id", &w.vpc2),
                    ("--peer-owner-id", B),
                    ("--query", "VpcPeeringConnection.VpcPeeringConnectionId"),
                ],
            )],
            tf: vec![tf(
                "aws_vpc_peering_connection",
                &[
                    ("vpc_id", &q(vpc1)),
                    ("peer_vpc_id", &q(&w.vpc2)),
                    ("peer_owner_id", &q(B)),
                ],
            )],
        },
        Case {
            name: "request_peering across regions",
            actions: actions(json!([
                {"action": "create_vpc", "cidr": "10.4.0.0/16", "account": A, "region": "eu-west-1"},
                {"action": "request_peering", "vpc": vpc1, "peer_vpc": far_vpc, "peer_region": "eu-west-1"}
            ])),
            cli: vec![
                cli(
                    "create-vpc",
                    &[("--cidr-block", "10.4.0.0/16"), ("--region", "eu-west-1")],
                ),
                cli(
                    "create-vpc-peering-connection",
                    &[
                        ("--vpc-id", vpc1),
                        ("--peer-vpc-id", "$VPC_1"),
                        ("--peer-region", "eu-west-1"),
                        ("--region", "us-east-1"),
                    ],
                ),
            ],
            tf: vec![
                tf("aws_vpc", &[("cidr_block", &q("10.4.0.0/16"))]),
                tf(
                    "aws_vpc_peering_connection",
                    &[
                        ("provider", "aws.us_east_1"),
                        ("peer_vpc_id", "aws_vpc.vpc_1.id"),
                        ("peer_region", &q("eu-west-1")),
                    ],
                ),
            ],
        },
        Case {
            name: "accept_peering by the other account",
            actions: actions(json!([
                {"action": "request_peering", "vpc": vpc1, "peer_vpc": w.vpc2, "peer_owner": B},
                {"action": "accept_peering", "peering": new_pcx, "account": B}
            ])),
            cli: vec![
                cli(
                    "create-vpc-peering-connection",
                    &[("--profile", &format!("account-{A}"))],
                ),
                cli(
                    "describe-vpc-peering-connections",
                    &[
                        ("--vpc-peering-connection-ids", "$PCX_1"),
                        ("--profile", &format!("account-{B}")),
                    ],
                ),
                cli(
                    "accept-vpc-peering-connection",
                    &[
                        ("--vpc-peering-connection-id", "$PCX_1"),
                        ("--profile", &format!("account-{B}")),
                    ],
                ),
            ],
            tf: vec![
                tf("aws_vpc_peering_connection", &[("peer_owner_id", &q(B))]),
                tf(
                    "aws_vpc_peering_connection_accepter",
                    &[
                        ("provider", &format!("aws.account_{B}_us_east_1")),
                        ("vpc_peering_connection_id", "aws_vpc_peering_connection.pcx_1.id"),
                        ("auto_accept", "true"),
                    ],
                ),
            ],
        },
        Case {
            name: "reject_peering",
            actions: actions(json!([
                {"action": "request_peering", "vpc": vpc1, "peer_vpc": w.vpc2, "peer_owner": B},
                {"action": "reject_peering", "peering": new_pcx, "account": B}
            ])),
            cli: vec![
                cli("create-vpc-peering-connection", &[]),
                cli(
                    "reject-vpc-peering-connection",
                    &[
                        ("--vpc-peering-connection-id", "$PCX_1"),
                        ("--profile", &format!("account-{B}")),
                    ],
                ),
            ],
            tf: vec![Tf::Comment("left out: aws_vpc_peering_connection.pcx_1")],
        },
        Case {
            name: "delete_peering",
            actions: actions(json!([{"action": "delete_peering", "peering": pcx13}])),
            cli: vec![cli(
                "delete-vpc-peering-connection",
                &[("--vpc-peering-connection-id", pcx13)],
            )],
            tf: vec![Tf::Comment(
                "no Terraform equivalent: the peering belongs to the start estate",
            )],
        },
    ]
}
