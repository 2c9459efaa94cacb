//! VPCs: create (with the main route table, default ACL and default group), add and remove a CIDR,
//! modify an attribute.

use serde_json::json;

use super::{actions, cli, q, tf, Case, New, Tf, World, A};

pub(super) fn cases(w: &World, n: &New) -> Vec<Case> {
    let New {
        new_vpc,
        new_main,
        new_acl,
        new_vpc_sg,
        new_igw,
        ..
    } = n;
    let vpc1 = w.vpc1.as_str();
    vec![
        Case {
            name: "create_vpc and its main route table, default ACL and default group",
            actions: actions(json!([
                {"action": "create_vpc", "cidr": "10.6.0.0/16", "account": A, "region": "us-east-1", "name": "VPC-6"},
                {"action": "create_internet_gateway", "account": A, "region": "us-east-1"},
                {"action": "attach_internet_gateway", "internet_gateway": new_igw, "vpc": new_vpc},
                {"action": "create_route", "route_table": new_main, "destination": "0.0.0.0/0", "target": new_igw},
                {"action": "add_network_acl_entry", "network_acl": new_acl, "rule_number": 90, "protocol": "-1", "rule_action": "deny", "cidr": "192.0.2.0/24"},
                {"action": "add_security_group_rule", "security_group": new_vpc_sg, "direction": "ingress", "protocol": "tcp", "from_port": 22, "to_port": 22, "cidr": "198.51.100.0/24"}
            ])),
            cli: vec![
                cli(
                    "create-vpc",
                    &[("--cidr-block", "10.6.0.0/16"), ("--query", "Vpc.VpcId")],
                ),
                cli(
                    "describe-route-tables",
                    &[(
                        "--filters",
                        "Name=vpc-id,Values=$VPC_1 Name=association.main,Values=true",
                    )],
                ),
                cli(
                    "describe-network-acls",
                    &[("--filters", "Name=vpc-id,Values=$VPC_1 Name=default,Values=true")],
                ),
                cli(
                    "describe-security-groups",
                    &[(
                        "--filters",
                        "Name=vpc-id,Values=$VPC_1 Name=group-name,Values=default",
                    )],
                ),
                cli("create-internet-gateway", &[]),
                cli(
                    "attach-internet-gateway",
                    &[("--internet-gateway-id", "$IGW_1"), ("--vpc-id", "$VPC_1")],
                ),
                cli(
                    "create-route",
                    &[("--route-table-id", "$RTB_1"), ("--gateway-id", "$IGW_1")],
                ),
                cli(
                    "create-network-acl-entry",
                    &[
                        ("--network-acl-id", "$ACL_1"),
                        ("--rule-number", "90"),
                        ("--protocol", "-1"),
                        ("--rule-action", "deny"),
                        ("--ingress", ""),
                        ("--cidr-block", "192.0.2.0/24"),
                    ],
                ),
                cli(
                    "authorize-security-group-ingress",
                    &[
                        ("--group-id", "$SG_1"),
                        (
                            "--ip-permissions",
                            r#"[{"IpProtocol":"tcp","FromPort":22,"ToPort":22,"IpRanges":[{"CidrIp":"198.51.100.0/24"}]}]"#,
                        ),
                    ],
                ),
            ],
            tf: vec![
                tf(
                    "aws_vpc",
                    &[("cidr_block", &q("10.6.0.0/16")), ("tags", "{Name=\"VPC-6\"}")],
                ),
                tf("aws_internet_gateway", &[]),
                tf(
                    "aws_internet_gateway_attachment",
                    &[
                        ("internet_gateway_id", "aws_internet_gateway.igw_1.id"),
                        ("vpc_id", "aws_vpc.vpc_1.id"),
                    ],
                ),
                tf(
                    "aws_route",
                    &[
                        ("route_table_id", "aws_vpc.vpc_1.main_route_table_id"),
                        ("gateway_id", "aws_internet_gateway.igw_1.id"),
                    ],
                ),
                tf(
                    "aws_network_acl_rule",
                    &[
                        ("network_acl_id", "aws_vpc.vpc_1.default_network_acl_id"),
                        ("rule_number", "90"),
                        ("egress", "false"),
                        ("protocol", &q("-1")),
                        ("rule_action", &q("deny")),
                        ("cidr_block", &q("192.0.2.0/24")),
                    ],
                ),
                tf(
                    "aws_vpc_security_group_ingress_rule",
                    &[
                        ("security_group_id", "aws_vpc.vpc_1.default_security_group_id"),
                        ("ip_protocol", &q("tcp")),
                        ("from_port", "22"),
                        ("to_port", "22"),
                        ("cidr_ipv4", &q("198.51.100.0/24")),
                    ],
                ),
            ],
        },
        Case {
            name: "add_vpc_cidr and a subnet in it",
            actions: actions(json!([
                {"action": "add_vpc_cidr", "vpc": vpc1, "cidr": "10.11.0.0/16"},
                {"action": "create_subnet", "vpc": vpc1, "cidr": "10.11.1.0/24", "availability_zone": "us-east-1c"}
            ])),
            cli: vec![
                cli(
                    "associate-vpc-cidr-block",
                    &[("--vpc-id", vpc1), ("--cidr-block", "10.11.0.0/16")],
                ),
                cli(
                    "create-subnet",
                    &[
                        ("--vpc-id", vpc1),
                        ("--cidr-block", "10.11.1.0/24"),
                        ("--availability-zone", "us-east-1c"),
                        ("--query", "Subnet.SubnetId"),
                    ],
                ),
            ],
            tf: vec![
                tf(
                    "aws_vpc_ipv4_cidr_block_association",
                    &[("vpc_id", &q(vpc1)), ("cidr_block", &q("10.11.0.0/16"))],
                ),
                tf(
                    "aws_subnet",
                    &[
                        ("vpc_id", &q(vpc1)),
                        ("cidr_block", &q("10.11.1.0/24")),
                        ("availability_zone", &q("us-east-1c")),
                        ("depends_on", "[aws_vpc_ipv4_cidr_block_association.vpc_cidr_1]"),
                    ],
                ),
            ],
        },
        Case {
            name: "remove_vpc_cidr",
            actions: actions(json!([
                {"action": "add_vpc_cidr", "vpc": vpc1, "cidr": "10.11.0.0/16"},
                {"action": "remove_vpc_cidr", "vpc": vpc1, "cidr": "10.11.0.0/16"}
            ])),
            cli: vec![
                cli("associate-vpc-cidr-block", &[]),
                cli(
                    "describe-vpcs",
                    &[
                        ("--vpc-ids", vpc1),
                        (
                            "--query",
                            "Vpcs[0].CidrBlockAssociationSet[?CidrBlock=='10.11.0.0/16'].AssociationId | [0]",
                        ),
                    ],
                ),
                cli("disassociate-vpc-cidr-block", &[("--association-id", "$ASSOC_1")]),
            ],
            tf: vec![Tf::Comment(
                "left out: aws_vpc_ipv4_cidr_block_association.vpc_cidr_1",
            )],
        },
        Case {
            name: "modify_vpc_attribute",
            actions: actions(
                json!([{"action": "modify_vpc_attribute", "vpc": vpc1, "enable_dns_hostnames": true}]),
            ),
            cli: vec![cli(
                "modify-vpc-attribute",
                &[
                    ("--vpc-id", vpc1),
                    ("--enable-dns-hostnames", r#"{"Value":true}"#),
                ],
            )],
            tf: vec![Tf::Comment(
                "no Terraform equivalent: the VPC belongs to the start estate",
            )],
        },
        Case {
            name: "modify_vpc_attribute of a VPC the log created",
            actions: actions(json!([
                {"action": "create_vpc", "cidr": "10.6.0.0/16", "account": A, "region": "us-east-1"},
                {"action": "modify_vpc_attribute", "vpc": new_vpc, "enable_dns_support": true, "enable_dns_hostnames": true}
            ])),
            cli: vec![
                cli("create-vpc", &[]),
                cli(
                    "modify-vpc-attribute",
                    &[
                        ("--vpc-id", "$VPC_1"),
                        ("--enable-dns-support", r#"{"Value":true}"#),
                    ],
                ),
                cli(
                    "modify-vpc-attribute",
                    &[
                        ("--vpc-id", "$VPC_1"),
                        ("--enable-dns-hostnames", r#"{"Value":true}"#),
                    ],
                ),
            ],
            tf: vec![tf(
                "aws_vpc",
                &[("enable_dns_support", "true"), ("enable_dns_hostnames", "true")],
            )],
        },
    ]
}
