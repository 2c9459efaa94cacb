//! Subnet sharing: a subnet shared with another account, and that account's instance in it.

use serde_json::json;

use super::{actions, cli, q, tf, Case, New, World, A, B};

pub(super) fn cases(w: &World, n: &New) -> Vec<Case> {
    let New { participant_sg, .. } = n;
    let vpc1 = w.vpc1.as_str();
    let s1b = w.s1b.as_str();
    vec![Case {
        name: "share_subnet and a participant's instance",
        actions: actions(json!([
            {"action": "share_subnet", "subnet": s1b, "with_account": B},
            {"action": "create_security_group", "vpc": vpc1, "name": "participant", "account": B},
            {"action": "launch_instance", "subnet": s1b, "security_groups": [participant_sg], "account": B}
        ])),
        cli: vec![
            cli(
                "create-resource-share",
                &[
                    (
                        "--resource-arns",
                        &format!("arn:aws:ec2:us-east-1:{A}:subnet/{s1b}"),
                    ),
                    ("--principals", B),
                    ("--profile", &format!("account-{A}")),
                ],
            ),
            cli(
                "create-security-group",
                &[
                    ("--group-name", "participant"),
                    ("--description", "participant"),
                    ("--vpc-id", vpc1),
                    ("--profile", &format!("account-{B}")),
                ],
            ),
            cli(
                "run-instances",
                &[
                    ("--subnet-id", s1b),
                    ("--security-group-ids", "$SG_1"),
                    ("--profile", &format!("account-{B}")),
                ],
            ),
        ],
        tf: vec![
            tf("aws_ram_resource_share", &[]),
            tf(
                "aws_ram_resource_association",
                &[(
                    "resource_arn",
                    &q(&format!("arn:aws:ec2:us-east-1:{A}:subnet/{s1b}")),
                )],
            ),
            tf("aws_ram_principal_association", &[("principal", &q(B))]),
            tf(
                "aws_security_group",
                &[
                    ("provider", &format!("aws.account_{B}_us_east_1")),
                    ("vpc_id", &q(vpc1)),
                ],
            ),
            tf(
                "aws_vpc_security_group_egress_rule",
                &[("security_group_id", "aws_security_group.sg_1.id")],
            ),
            tf("data", &[]),
            tf(
                "aws_instance",
                &[
                    ("provider", &format!("aws.account_{B}_us_east_1")),
                    ("subnet_id", &q(s1b)),
                    (
                        "depends_on",
                        "[aws_ram_principal_association.share_1,aws_ram_resource_association.share_1]",
                    ),
                ],
            ),
        ],
    }]
}
