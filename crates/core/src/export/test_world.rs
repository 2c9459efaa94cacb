//! The start estate the export tests act on, built with actions: two accounts, two regions.

use serde_json::{json, Value};

use crate::edit::{apply, Action, Applied};
use crate::model::Estate;

pub const A: &str = "111111111111";
pub const B: &str = "222222222222";

/// Applies a JSON action that must succeed.
pub fn ok(e: &mut Estate, action: Value) -> Applied {
    let parsed: Action =
        serde_json::from_value(action.clone()).unwrap_or_else(|err| panic!("{action}: {err}"));
    apply(e, &parsed).unwrap_or_else(|err| panic!("{action} refused: {err}"))
}

/// Parses JSON actions.
pub fn actions(list: Value) -> Vec<Action> {
    serde_json::from_value(list).expect("actions parse")
}

/// The start: the ids of its resources by role.
pub struct World {
    pub e: Estate,
    /// VPC-1, 10.1.0.0/16, account A, us-east-1: two subnets, an internet gateway attached.
    pub vpc1: String,
    pub rt1: String,
    pub acl1: String,
    pub sg1: String,
    pub s1a: String,
    pub s1b: String,
    pub igw1: String,
    /// A host in s1a.
    pub web: String,
    pub web_eni: String,
    /// VPC-2, 10.2.0.0/16, account B, us-east-1.
    pub vpc2: String,
    pub rt2: String,
    pub s2a: String,
    /// VPC-3, 10.3.0.0/16, account A, eu-west-1.
    pub rt3: String,
    /// A transit gateway of account A with default association and propagation, VPC-1 attached.
    pub tgw: String,
    pub tgw_rt: String,
    pub att1: String,
    /// A peering VPC-1 ↔ VPC-3 (active) with its two routes.
    pub pcx13: String,
}

pub fn world() -> World {
    let mut e = Estate::default();
    let v1 = ok(
        &mut e,
        json!({"action": "create_vpc", "cidr": "10.1.0.0/16", "account": A, "name": "VPC-1"}),
    );
    let (vpc1, rt1, acl1, sg1) = (
        v1.created[0].clone(),
        v1.created[1].clone(),
        v1.created[2].clone(),
        v1.created[3].clone(),
    );
    let s1a = ok(&mut e, json!({"action": "create_subnet", "vpc": vpc1, "cidr": "10.1.1.0/24", "availability_zone": "us-east-1a"})).created[0].clone();
    let s1b = ok(&mut e, json!({"action": "create_subnet", "vpc": vpc1, "cidr": "10.1.2.0/24", "availability_zone": "us-east-1b"})).created[0].clone();
    let igw1 = ok(&mut e, json!({"action": "create_internet_gateway", "account": A})).created[0].clone();
    ok(
        &mut e,
        json!({"action": "attach_internet_gateway", "internet_gateway": igw1, "vpc": vpc1}),
    );
    let web = ok(
        &mut e,
        json!({"action": "launch_instance", "subnet": s1a, "name": "web"}),
    );
    let (web_eni, web) = (web.created[1].clone(), web.created[0].clone());

    let v2 = ok(
        &mut e,
        json!({"action": "create_vpc", "cidr": "10.2.0.0/16", "account": B, "name": "VPC-2"}),
    );
    let (vpc2, rt2) = (v2.created[0].clone(), v2.created[1].clone());
    let s2a = ok(&mut e, json!({"action": "create_subnet", "vpc": vpc2, "cidr": "10.2.1.0/24", "availability_zone": "us-east-1a"})).created[0].clone();

    let v3 = ok(
        &mut e,
        json!({"action": "create_vpc", "cidr": "10.3.0.0/16", "account": A, "region": "eu-west-1"}),
    );
    let (vpc3, rt3) = (v3.created[0].clone(), v3.created[1].clone());

    let t = ok(
        &mut e,
        json!({"action": "create_transit_gateway", "account": A, "region": "us-east-1"}),
    );
    let (tgw, tgw_rt) = (t.created[0].clone(), t.created[1].clone());
    let att1 = ok(&mut e, json!({"action": "create_transit_gateway_attachment", "transit_gateway": tgw, "vpc": vpc1, "subnets": [s1a]})).created[0].clone();

    let pcx13 = ok(
        &mut e,
        json!({"action": "request_peering", "vpc": vpc1, "peer_vpc": vpc3, "peer_region": "eu-west-1"}),
    )
    .created[0]
        .clone();
    ok(&mut e, json!({"action": "accept_peering", "peering": pcx13}));
    ok(
        &mut e,
        json!({"action": "create_route", "route_table": rt1, "destination": "10.3.0.0/16", "target": pcx13}),
    );
    ok(
        &mut e,
        json!({"action": "create_route", "route_table": rt3, "destination": "10.1.0.0/16", "target": pcx13}),
    );

    World {
        e,
        vpc1,
        rt1,
        acl1,
        sg1,
        s1a,
        s1b,
        igw1,
        web,
        web_eni,
        vpc2,
        rt2,
        s2a,
        rt3,
        tgw,
        tgw_rt,
        att1,
        pcx13,
    }
}

/// The id an action creates when applied to `e` (ids are deterministic, so the replay of a log
/// that starts with the same actions creates the same one).
pub fn next_id(e: &mut Estate, action: Value) -> String {
    ok(e, action).created[0].clone()
}

/// An expected command of the script: its verb (`create-route`, or `wait` …) and flags with
/// their values (list values joined by a space; a switch has the value `""`; a `--ip-permissions`
/// value is compared as JSON).
pub struct Cli {
    pub verb: &'static str,
    pub flags: Vec<(&'static str, String)>,
}

/// An expected piece of the Terraform: a block of a type (resource, data or import) with
/// attributes (values in HCL, compared without whitespace), or a comment holding a text.
pub enum Tf {
    Block(&'static str, Vec<(&'static str, String)>),
    Comment(&'static str),
}

/// One row: a log of actions (its last action is the one under test) and what each export holds.
pub struct Case {
    pub name: &'static str,
    pub actions: Vec<Action>,
    pub cli: Vec<Cli>,
    pub tf: Vec<Tf>,
}

pub fn cli(verb: &'static str, flags: &[(&'static str, &str)]) -> Cli {
    Cli {
        verb,
        flags: flags.iter().map(|(f, v)| (*f, v.to_string())).collect(),
    }
}

pub fn tf(ty: &'static str, attrs: &[(&'static str, &str)]) -> Tf {
    Tf::Block(ty, attrs.iter().map(|(k, v)| (*k, v.to_string())).collect())
}

/// A quoted HCL string.
pub fn q(s: &str) -> String {
    format!("\"{s}\"")
}

/// Every action kind, each in a small log on [`world`].
pub fn cases(w: &World) -> Vec<Case> {
    let mut e = w.e.clone();
    let new_rtb = next_id(
        &mut e.clone(),
        json!({"action": "create_route_table", "vpc": w.vpc1}),
    );
    let new_vpce = next_id(
        &mut e.clone(),
        json!({"action": "create_gateway_endpoint", "vpc": w.vpc1, "service": "s3", "route_tables": [w.rt1]}),
    );
    let new_nat = next_id(
        &mut e.clone(),
        json!({"action": "create_nat_gateway", "subnet": w.s1a}),
    );
    let new_pcx = next_id(
        &mut e.clone(),
        json!({"action": "request_peering", "vpc": w.vpc1, "peer_vpc": w.vpc2, "peer_owner": B}),
    );
    let new_tgw_rt = next_id(
        &mut e.clone(),
        json!({"action": "create_transit_gateway_route_table", "transit_gateway": w.tgw}),
    );
    let new_sg = next_id(
        &mut e.clone(),
        json!({"action": "create_security_group", "vpc": w.vpc1, "name": "db"}),
    );
    let v = ok(
        &mut e,
        json!({"action": "create_vpc", "cidr": "10.6.0.0/16", "account": A, "region": "us-east-1"}),
    );
    let (new_vpc, new_main, new_acl, new_vpc_sg) = (
        v.created[0].clone(),
        v.created[1].clone(),
        v.created[2].clone(),
        v.created[3].clone(),
    );
    let new_igw = next_id(
        &mut e.clone(),
        json!({"action": "create_internet_gateway", "account": A, "region": "us-east-1"}),
    );
    let participant_sg = {
        let mut e = w.e.clone();
        ok(
            &mut e,
            json!({"action": "share_subnet", "subnet": w.s1b, "with_account": B}),
        );
        next_id(
            &mut e,
            json!({"action": "create_security_group", "vpc": w.vpc1, "name": "participant", "account": B}),
        )
    };
    let far_vpc = next_id(
        &mut w.e.clone(),
        json!({"action": "create_vpc", "cidr": "10.4.0.0/16", "account": A, "region": "eu-west-1"}),
    );
    let (vpc1, rt1, s1a, s1b, sg1, acl1) = (
        w.vpc1.as_str(),
        w.rt1.as_str(),
        w.s1a.as_str(),
        w.s1b.as_str(),
        w.sg1.as_str(),
        w.acl1.as_str(),
    );
    let (tgw, tgw_rt, att1, pcx13) = (
        w.tgw.as_str(),
        w.tgw_rt.as_str(),
        w.att1.as_str(),
        w.pcx13.as_str(),
    );
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
        Case {
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
        },
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
                cli("create-network-acl-entry", &[("--rule-number", "120"), ("--protocol", "1")]),
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
        Case {
            name: "launch_instance",
            actions: actions(
                json!([{"action": "launch_instance", "subnet": s1b, "private_ip": "10.1.2.10", "public_ip": true, "security_groups": [sg1], "name": "api"}]),
            ),
            cli: vec![cli(
                "run-instances",
                &[
                    (
                        "--image-id",
                        &format!("resolve:ssm:{}", crate::export::AMI_PARAMETER),
                    ),
                    ("--instance-type", "t3.micro"),
                    ("--subnet-id", s1b),
                    ("--private-ip-address", "10.1.2.10"),
                    ("--security-group-ids", sg1),
                    ("--associate-public-ip-address", ""),
                    ("--query", "Instances[0].InstanceId"),
                ],
            )],
            tf: vec![
                tf("data", &[("name", &q(crate::export::AMI_PARAMETER))]),
                tf(
                    "aws_instance",
                    &[
                        ("ami", "data.aws_ssm_parameter.al2023.value"),
                        ("instance_type", &q("t3.micro")),
                        ("subnet_id", &q(s1b)),
                        ("private_ip", &q("10.1.2.10")),
                        ("vpc_security_group_ids", &format!("[{}]", q(sg1))),
                        ("associate_public_ip_address", "true"),
                        ("tags", "{Name=\"api\"}"),
                    ],
                ),
            ],
        },
    ]
    .into_iter()
    .chain(crate::export::test_teardown::teardown_cases(w))
    .collect()
}

/// The gateway endpoint created after a new route table (the modify case's second action).
fn new_vpce_after_rtb(w: &World) -> String {
    let mut e = w.e.clone();
    ok(&mut e, json!({"action": "create_route_table", "vpc": w.vpc1}));
    next_id(
        &mut e,
        json!({"action": "create_gateway_endpoint", "vpc": w.vpc1, "service": "s3", "route_tables": [w.rt1]}),
    )
}

/// The multi-step scenario: peer VPC-1 (account A) with VPC-2 (account B), routes on both sides;
/// an S3 gateway endpoint; a new transit gateway with its own route table, VPC-1 attached,
/// associated and propagating, and a route to it.
pub fn scenario(w: &World) -> Vec<Action> {
    let mut e = w.e.clone();
    let mut log = Vec::new();
    let mut step = |e: &mut Estate, a: Value| {
        let id = ok(e, a.clone()).created.first().cloned().unwrap_or_default();
        log.push(a);
        id
    };
    let pcx = step(
        &mut e,
        json!({"action": "request_peering", "vpc": w.vpc1, "peer_vpc": w.vpc2, "peer_owner": B, "account": A, "name": "a-to-b"}),
    );
    step(
        &mut e,
        json!({"action": "accept_peering", "peering": pcx, "account": B}),
    );
    step(
        &mut e,
        json!({"action": "create_route", "route_table": w.rt1, "destination": "10.2.0.0/16", "target": pcx}),
    );
    step(
        &mut e,
        json!({"action": "create_route", "route_table": w.rt2, "destination": "10.1.0.0/16", "target": pcx, "account": B}),
    );
    step(
        &mut e,
        json!({"action": "create_gateway_endpoint", "vpc": w.vpc1, "service": "s3", "route_tables": [w.rt1]}),
    );
    let tgw = step(
        &mut e,
        json!({"action": "create_transit_gateway", "account": A, "region": "us-east-1", "default_association": false, "default_propagation": false, "name": "hub"}),
    );
    let rt = step(
        &mut e,
        json!({"action": "create_transit_gateway_route_table", "transit_gateway": tgw}),
    );
    let att = step(
        &mut e,
        json!({"action": "create_transit_gateway_attachment", "transit_gateway": tgw, "vpc": w.vpc1, "subnets": [w.s1b]}),
    );
    step(
        &mut e,
        json!({"action": "associate_transit_gateway_route_table", "transit_gateway_route_table": rt, "transit_gateway_attachment": att}),
    );
    step(
        &mut e,
        json!({"action": "enable_transit_gateway_propagation", "transit_gateway_route_table": rt, "transit_gateway_attachment": att}),
    );
    step(
        &mut e,
        json!({"action": "create_route", "route_table": w.rt1, "destination": "10.9.0.0/16", "target": tgw}),
    );
    actions(Value::Array(log))
}
