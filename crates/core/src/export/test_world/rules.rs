//! Security groups and network ACLs: groups, their rules, ACL entries.

use serde_json::json;

use super::{actions, cli, q, tf, Case, New, Tf, World};

pub(super) fn cases(w: &World, n: &New) -> Vec<Case> {
    let New { new_sg, .. } = n;
    let vpc1 = w.vpc1.as_str();
    let sg1 = w.sg1.as_str();
    let acl1 = w.acl1.as_str();
    vec![
        Case {
            name: "create_security_group, a rule naming it, remove_security_group_rule",
            actions: actions(json!([
                {"action": "create_security_group", "vpc": vpc1, "name": "db", "description": "db tier"},
                {"action": "add_security_group_rule", "security_group": new_sg, "direction": "ingress", "protocol": "tcp", "from_port": 5432, "to_port": 5432, "peer_group": sg1, "description": "from app"},
                {"action": "add_security_group_rule", "security_group": sg1, "direction": "egress", "protocol": "icmp", "from_port": 8, "cidr": "10.0.0.0/8"},
                {"action": "add_security_group_rule", "security_group": sg1, "direction": "ingress", "protocol": "tcp", "from_port": 443, "to_port": 443, "peer_group": new_sg},
                {"action": "remove_security_group_rule", "security_group": sg1, "direction": "egress", "protocol": "-1", "cidr": "0.0.0.0/0"}
            ])),
            cli: vec![
                cli(
                    "create-security-group",
                    &[
                        ("--group-name", "db"),
                        ("--description", "db tier"),
                        ("--vpc-id", vpc1),
                        ("--query", "GroupId"),
                    ],
                ),
                cli(
                    "authorize-security-group-ingress",
                    &[
                        ("--group-id", "$SG_1"),
                        (
                            "--ip-permissions",
                            &format!(
                                r#"[{{"IpProtocol":"tcp","FromPort":5432,"ToPort":5432,"UserIdGroupPairs":[{{"GroupId":"{sg1}","Description":"from app"}}]}}]"#
                            ),
                        ),
                    ],
                ),
                cli(
                    "authorize-security-group-egress",
                    &[
                        ("--group-id", sg1),
                        (
                            "--ip-permissions",
                            r#"[{"IpProtocol":"icmp","FromPort":8,"ToPort":-1,"IpRanges":[{"CidrIp":"10.0.0.0/8"}]}]"#,
                        ),
                    ],
                ),
                cli(
                    "authorize-security-group-ingress",
                    &[
                        ("--group-id", sg1),
                        (
                            "--ip-permissions",
                            r#"[{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"UserIdGroupPairs":[{"GroupId":"$SG_1"}]}]"#,
                        ),
                    ],
                ),
                cli(
                    "revoke-security-group-egress",
                    &[
                        ("--group-id", sg1),
                        (
                            "--ip-permissions",
                            r#"[{"IpProtocol":"-1","IpRanges":[{"CidrIp":"0.0.0.0/0"}]}]"#,
                        ),
                    ],
                ),
            ],
            tf: vec![
                tf(
                    "aws_security_group",
                    &[
                        ("name", &q("db")),
                        ("description", &q("db tier")),
                        ("vpc_id", &q(vpc1)),
                    ],
                ),
                tf(
                    "aws_vpc_security_group_egress_rule",
                    &[
                        ("security_group_id", "aws_security_group.sg_1.id"),
                        ("ip_protocol", &q("-1")),
                        ("cidr_ipv4", &q("0.0.0.0/0")),
                    ],
                ),
                tf(
                    "aws_vpc_security_group_ingress_rule",
                    &[
                        ("security_group_id", "aws_security_group.sg_1.id"),
                        ("from_port", "5432"),
                        ("referenced_security_group_id", &q(sg1)),
                        ("description", &q("from app")),
                    ],
                ),
                tf(
                    "aws_vpc_security_group_egress_rule",
                    &[
                        ("security_group_id", &q(sg1)),
                        ("ip_protocol", &q("icmp")),
                        ("from_port", "8"),
                        ("to_port", "-1"),
                        ("cidr_ipv4", &q("10.0.0.0/8")),
                    ],
                ),
                tf(
                    "aws_vpc_security_group_ingress_rule",
                    &[("referenced_security_group_id", "aws_security_group.sg_1.id")],
                ),
                Tf::Comment("no Terraform equivalent: the rule belongs to the start estate"),
            ],
        },
        Case {
            name: "add_network_acl_entry, remove_network_acl_entry",
            actions: actions(json!([
                {"action": "add_network_acl_entry", "network_acl": acl1, "rule_number": 110, "protocol": "tcp", "rule_action": "allow", "cidr": "0.0.0.0/0", "from_port": 1024, "to_port": 65535},
                {"action": "add_network_acl_entry", "network_acl": acl1, "rule_number": 120, "egress": true, "protocol": "icmp", "rule_action": "deny", "cidr": "203.0.113.0/24", "icmp_type": 8},
                {"action": "remove_network_acl_entry", "network_acl": acl1, "rule_number": 100, "egress": false}
            ])),
            cli: vec![
                cli(
                    "create-network-acl-entry",
                    &[
                        ("--network-acl-id", acl1),
                        ("--rule-number", "110"),
                        ("--protocol", "6"),
                        ("--rule-action", "allow"),
                        ("--ingress", ""),
                        ("--cidr-block", "0.0.0.0/0"),
                        ("--port-range", "From=1024,To=65535"),
                    ],
                ),
                cli(
                    "create-network-acl-entry",
                    &[
                        ("--rule-number", "120"),
                        ("--protocol", "1"),
                        ("--rule-action", "deny"),
                        ("--egress", ""),
                        ("--icmp-type-code", "Type=8,Code=-1"),
                    ],
                ),
                cli(
                    "delete-network-acl-entry",
                    &[
                        ("--network-acl-id", acl1),
                        ("--rule-number", "100"),
                        ("--ingress", ""),
                    ],
                ),
            ],
            tf: vec![
                tf(
                    "aws_network_acl_rule",
                    &[
                        ("network_acl_id", &q(acl1)),
                        ("rule_number", "110"),
                        ("egress", "false"),
                        ("protocol", &q("6")),
                        ("rule_action", &q("allow")),
                        ("cidr_block", &q("0.0.0.0/0")),
                        ("from_port", "1024"),
                        ("to_port", "65535"),
                    ],
                ),
                tf(
                    "aws_network_acl_rule",
                    &[
                        ("rule_number", "120"),
                        ("egress", "true"),
                        ("protocol", &q("1")),
                        ("icmp_type", "8"),
                        ("icmp_code", "-1"),
                    ],
                ),
                Tf::Comment("no Terraform equivalent: the entry belongs to the start estate"),
            ],
        },
        Case {
            name: "replace_network_acl_entry of a start entry",
            actions: actions(json!([
                {"action": "replace_network_acl_entry", "network_acl": acl1, "rule_number": 100, "protocol": "tcp", "rule_action": "deny", "cidr": "10.0.0.0/8", "from_port": 22, "to_port": 22}
            ])),
            cli: vec![cli(
                "replace-network-acl-entry",
                &[
                    ("--network-acl-id", acl1),
                    ("--rule-number", "100"),
                    ("--protocol", "6"),
                    ("--rule-action", "deny"),
                    ("--ingress", ""),
                    ("--cidr-block", "10.0.0.0/8"),
                    ("--port-range", "From=22,To=22"),
                ],
            )],
            tf: vec![
                tf(
                    "import",
                    &[
                        ("to", "aws_network_acl_rule.acl_rule_1"),
                        ("id", &q(&format!("{acl1}:100:-1:false"))),
                    ],
                ),
                tf(
                    "aws_network_acl_rule",
                    &[
                        ("network_acl_id", &q(acl1)),
                        ("rule_number", "100"),
                        ("egress", "false"),
                        ("protocol", &q("6")),
                        ("rule_action", &q("deny")),
                        ("cidr_block", &q("10.0.0.0/8")),
                        ("from_port", "22"),
                        ("to_port", "22"),
                    ],
                ),
            ],
        },
        Case {
            name: "replace_network_acl_entry of an entry the log created",
            actions: actions(json!([
                {"action": "add_network_acl_entry", "network_acl": acl1, "rule_number": 120, "egress": true, "protocol": "icmp", "rule_action": "deny", "cidr": "203.0.113.0/24", "icmp_type": 8},
                {"action": "replace_network_acl_entry", "network_acl": acl1, "rule_number": 120, "egress": true, "protocol": "-1", "rule_action": "allow", "cidr": "203.0.113.0/24"}
            ])),
            cli: vec![
                cli(
                    "create-network-acl-entry",
                    &[("--rule-number", "120"), ("--protocol", "1")],
                ),
                cli(
                    "replace-network-acl-entry",
                    &[
                        ("--network-acl-id", acl1),
                        ("--rule-number", "120"),
                        ("--protocol", "-1"),
                        ("--rule-action", "allow"),
                        ("--egress", ""),
                        ("--cidr-block", "203.0.113.0/24"),
                    ],
                ),
            ],
            tf: vec![tf(
                "aws_network_acl_rule",
                &[
                    ("rule_number", "120"),
                    ("egress", "true"),
                    ("protocol", &q("-1")),
                    ("rule_action", &q("allow")),
                    ("cidr_block", &q("203.0.113.0/24")),
                ],
            )],
        },
    ]
}
