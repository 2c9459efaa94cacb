//! Export cases for the actions that change or remove what a learner made: each log creates a
//! resource (or takes one of the start estate) and then modifies or deletes it.

use serde_json::json;

use super::test_world::*;

/// A command whose flags are not checked (only its verb, in order).
fn verb(v: &'static str) -> Cli {
    cli(v, &[])
}

pub fn teardown_cases(w: &World) -> Vec<Case> {
    let (vpc1, s1a, s1b, att1, tgw) = (
        w.vpc1.as_str(),
        w.s1a.as_str(),
        w.s1b.as_str(),
        w.att1.as_str(),
        w.tgw.as_str(),
    );
    let id = |action: serde_json::Value| next_id(&mut w.e.clone(), action);
    let new_tgw_rt = id(json!({"action": "create_transit_gateway_route_table", "transit_gateway": tgw}));
    let new_tgw = id(
        json!({"action": "create_transit_gateway", "default_association": false, "default_propagation": false, "account": A, "region": "us-east-1"}),
    );
    let new_subnet = id(
        json!({"action": "create_subnet", "vpc": vpc1, "cidr": "10.1.9.0/24", "availability_zone": "us-east-1a"}),
    );
    let new_vpc =
        id(json!({"action": "create_vpc", "cidr": "10.8.0.0/16", "account": A, "region": "us-east-1"}));
    let new_igw = id(json!({"action": "create_internet_gateway", "account": A, "region": "us-east-1"}));
    let new_sg = id(json!({"action": "create_security_group", "vpc": vpc1, "name": "spare"}));
    let new_i = id(json!({"action": "launch_instance", "subnet": s1a, "name": "spare"}));
    let start = "no Terraform equivalent: the attachment belongs to the start estate";
    vec![
        Case {
            name: "modify_transit_gateway_attachment of the start estate",
            actions: actions(json!([
                {"action": "modify_transit_gateway_attachment", "transit_gateway_attachment": att1, "add_subnets": [s1b]}
            ])),
            cli: vec![cli(
                "modify-transit-gateway-vpc-attachment",
                &[
                    ("--transit-gateway-attachment-id", att1),
                    ("--add-subnet-ids", s1b),
                ],
            )],
            tf: vec![Tf::Comment(start)],
        },
        Case {
            name: "delete_transit_gateway_attachment of the start estate",
            actions: actions(json!([
                {"action": "delete_transit_gateway_attachment", "transit_gateway_attachment": att1}
            ])),
            cli: vec![cli(
                "delete-transit-gateway-vpc-attachment",
                &[("--transit-gateway-attachment-id", att1)],
            )],
            tf: vec![Tf::Comment(start)],
        },
        Case {
            name: "create_transit_gateway_route_table, delete_transit_gateway_route_table",
            actions: actions(json!([
                {"action": "create_transit_gateway_route_table", "transit_gateway": tgw},
                {"action": "delete_transit_gateway_route_table", "transit_gateway_route_table": new_tgw_rt}
            ])),
            cli: vec![
                verb("create-transit-gateway-route-table"),
                verb("describe-transit-gateway-route-tables"),
                cli(
                    "delete-transit-gateway-route-table",
                    &[("--transit-gateway-route-table-id", "$TGW_RTB_1")],
                ),
            ],
            tf: vec![Tf::Comment(
                "left out: aws_ec2_transit_gateway_route_table.tgw_rtb_1",
            )],
        },
        Case {
            name: "create_transit_gateway, delete_transit_gateway",
            actions: actions(json!([
                {"action": "create_transit_gateway", "default_association": false, "default_propagation": false, "account": A, "region": "us-east-1"},
                {"action": "delete_transit_gateway", "transit_gateway": new_tgw}
            ])),
            cli: vec![
                verb("create-transit-gateway"),
                verb("describe-transit-gateways"),
                cli("delete-transit-gateway", &[("--transit-gateway-id", "$TGW_1")]),
            ],
            tf: vec![Tf::Comment("left out: aws_ec2_transit_gateway.tgw_1")],
        },
        Case {
            name: "create_subnet, delete_subnet",
            actions: actions(json!([
                {"action": "create_subnet", "vpc": vpc1, "cidr": "10.1.9.0/24", "availability_zone": "us-east-1a"},
                {"action": "delete_subnet", "subnet": new_subnet}
            ])),
            cli: vec![
                verb("create-subnet"),
                cli("delete-subnet", &[("--subnet-id", "$SUBNET_1")]),
            ],
            tf: vec![Tf::Comment("left out: aws_subnet.subnet_1")],
        },
        Case {
            name: "create_vpc, delete_vpc",
            actions: actions(json!([
                {"action": "create_vpc", "cidr": "10.8.0.0/16", "account": A, "region": "us-east-1"},
                {"action": "delete_vpc", "vpc": new_vpc}
            ])),
            cli: vec![verb("create-vpc"), cli("delete-vpc", &[("--vpc-id", "$VPC_1")])],
            tf: vec![Tf::Comment("left out: aws_vpc.vpc_1")],
        },
        Case {
            name: "create_internet_gateway, delete_internet_gateway",
            actions: actions(json!([
                {"action": "create_internet_gateway", "account": A, "region": "us-east-1"},
                {"action": "delete_internet_gateway", "internet_gateway": new_igw}
            ])),
            cli: vec![
                verb("create-internet-gateway"),
                cli("delete-internet-gateway", &[("--internet-gateway-id", "$IGW_1")]),
            ],
            tf: vec![Tf::Comment("left out: aws_internet_gateway.igw_1")],
        },
        Case {
            name: "create_security_group, delete_security_group",
            actions: actions(json!([
                {"action": "create_security_group", "vpc": vpc1, "name": "spare"},
                {"action": "delete_security_group", "security_group": new_sg}
            ])),
            cli: vec![
                verb("create-security-group"),
                cli("delete-security-group", &[("--group-id", "$SG_1")]),
            ],
            tf: vec![Tf::Comment("left out: aws_security_group.sg_1")],
        },
        Case {
            name: "launch_instance, terminate_instance",
            actions: actions(json!([
                {"action": "launch_instance", "subnet": s1a, "name": "spare"},
                {"action": "terminate_instance", "instance": new_i}
            ])),
            cli: vec![
                verb("run-instances"),
                cli("terminate-instances", &[("--instance-ids", "$INSTANCE_1")]),
            ],
            tf: vec![
                tf("data", &[("name", &q(crate::export::AMI_PARAMETER))]),
                Tf::Comment("left out: aws_instance.instance_1"),
            ],
        },
    ]
}
