//! Changing and deleting what was created: transit gateway attachments (modify subnets, delete),
//! transit gateway route tables and gateways, subnets, VPCs, internet gateways, security groups,
//! instances. Each action's success with AWS's side effects, and each refusal leaving the estate
//! untouched (see `refused`).

use serde_json::json;
use vpclab_core::model::*;

use crate::world::*;

fn attachment<'e>(e: &'e Estate, id: &str) -> Option<&'e TgwAttachment> {
    e.tgw_attachments.get(&TgwAttachmentId::from(id))
}

fn attachment_enis(e: &Estate, id: &str) -> Vec<SubnetId> {
    let mut subnets: Vec<SubnetId> = e
        .enis
        .values()
        .filter(|n| n.interface_type == "transit_gateway" && n.description.ends_with(id))
        .map(|n| n.subnet.clone())
        .collect();
    subnets.sort();
    subnets
}

fn sorted(ids: &[&str]) -> Vec<SubnetId> {
    let mut v: Vec<SubnetId> = ids.iter().map(|s| SubnetId::from(*s)).collect();
    v.sort();
    v
}

/// `ModifyTransitGatewayVpcAttachment`: a subnet in another zone is added (with its ENI), one is
/// removed (its ENI goes); the AWS refusals keep the estate unchanged.
#[test]
fn modify_attachment_adds_and_removes_subnets_one_per_zone() {
    let w = world();
    let mut e = w.e.clone();
    let s2b = ok(
        &mut e,
        json!({"action": "create_subnet", "vpc": w.vpc2, "cidr": "10.2.2.0/24", "availability_zone": "us-east-1b"}),
    )
    .created[0]
        .clone();
    let s2a_twin = ok(
        &mut e,
        json!({"action": "create_subnet", "vpc": w.vpc2, "cidr": "10.2.3.0/24", "availability_zone": "us-east-1a"}),
    )
    .created[0]
        .clone();
    let modify = |add: &[&str], remove: &[&str]| {
        json!({"action": "modify_transit_gateway_attachment", "transit_gateway_attachment": w.att2,
               "add_subnets": add, "remove_subnets": remove})
    };
    for (why, action, code, words) in [
        (
            "a subnet of another VPC",
            modify(&[&w.s1b], &[]),
            "InvalidParameterValue",
            "not to",
        ),
        (
            "a second subnet in us-east-1a",
            modify(&[&s2a_twin], &[]),
            "DuplicateSubnetsInSameZone",
            "us-east-1a",
        ),
        (
            "a subnet it already has",
            modify(&[&w.s2a], &[]),
            "DuplicateSubnetsInSameZone",
            "us-east-1a",
        ),
        (
            "removing a subnet it does not have",
            modify(&[], &[&s2b]),
            "InvalidParameterValue",
            "is not part of",
        ),
        (
            "removing its last subnet",
            modify(&[], &[&w.s2a]),
            "InvalidParameterValue",
            "delete the attachment",
        ),
        (
            "nothing to change",
            modify(&[], &[]),
            "MissingParameter",
            "add_subnets",
        ),
        (
            "an unknown subnet",
            modify(&["subnet-0000000000000dead"], &[]),
            "InvalidSubnetID.NotFound",
            "subnet-0000000000000dead",
        ),
        (
            "an unknown attachment",
            json!({"action": "modify_transit_gateway_attachment", "transit_gateway_attachment": "tgw-attach-0000000000000dead", "add_subnets": [s2b]}),
            "InvalidTransitGatewayAttachmentID.NotFound",
            "tgw-attach-0000000000000dead",
        ),
        (
            "another account's attachment",
            json!({"action": "modify_transit_gateway_attachment", "transit_gateway_attachment": w.att2, "add_subnets": [s2b], "account": C}),
            "InvalidTransitGatewayAttachmentID.NotFound",
            "",
        ),
    ] {
        let err = refused(&mut e, action);
        assert_eq!(err.code, code, "{why}: {err}");
        assert!(err.message.contains(words), "{why}: {err}");
    }

    let done = ok(&mut e, modify(&[&s2b], &[]));
    assert_eq!(done.created.len(), 1, "one new ENI");
    let mut subnets = attachment(&e, &w.att2).unwrap().subnets.clone();
    subnets.sort();
    assert_eq!(subnets, sorted(&[&w.s2a, &s2b]));
    assert_eq!(attachment_enis(&e, &w.att2), sorted(&[&w.s2a, &s2b]));

    // Move the attachment out of us-east-1a in one call: remove s2a, add its twin.
    ok(&mut e, modify(&[&s2a_twin], &[&w.s2a]));
    assert_eq!(attachment_enis(&e, &w.att2), sorted(&[&s2b, &s2a_twin]));
    let mut subnets = attachment(&e, &w.att2).unwrap().subnets.clone();
    subnets.sort();
    assert_eq!(subnets, sorted(&[&s2b, &s2a_twin]));
}

/// `DeleteTransitGatewayVpcAttachment`: its ENIs, association, propagation and static routes go;
/// the VPC's route to the transit gateway stays as a blackhole; the VPC can be attached again.
#[test]
fn delete_attachment_takes_its_association_propagation_and_routes() {
    let w = world();
    let mut e = w.e.clone();
    ok(
        &mut e,
        json!({"action": "create_transit_gateway_route", "transit_gateway_route_table": w.tgw_rt, "destination": "10.20.0.0/16", "transit_gateway_attachment": w.att2}),
    );
    ok(
        &mut e,
        json!({"action": "create_route", "route_table": w.rt2, "destination": "10.9.0.0/16", "target": w.tgw}),
    );
    let rt = &e.tgw_route_tables[&TgwRouteTableId::from(w.tgw_rt.as_str())];
    assert!(rt.propagations.contains(&TgwAttachmentId::from(w.att2.as_str())));
    assert!(!attachment_enis(&e, &w.att2).is_empty());

    let done = ok(
        &mut e,
        json!({"action": "delete_transit_gateway_attachment", "transit_gateway_attachment": w.att2}),
    );
    assert!(
        done.description.contains("1 static routes"),
        "{}",
        done.description
    );
    assert!(attachment(&e, &w.att2).is_none());
    assert!(attachment_enis(&e, &w.att2).is_empty());
    let rt = &e.tgw_route_tables[&TgwRouteTableId::from(w.tgw_rt.as_str())];
    assert!(rt.propagations.is_empty() && rt.routes.is_empty(), "{rt:?}");
    let vpc_route = e.route_tables[&RouteTableId::from(w.rt2.as_str())]
        .routes
        .iter()
        .find(|r| matches!(&r.target, Target::TransitGateway(t) if t.as_str() == w.tgw))
        .expect("the VPC route to the transit gateway stays");
    assert_eq!(vpc_route.state, RouteState::Blackhole);

    let err = refused(
        &mut e,
        json!({"action": "delete_transit_gateway_attachment", "transit_gateway_attachment": w.att2}),
    );
    assert_eq!(err.code, "InvalidTransitGatewayAttachmentID.NotFound");
    ok(
        &mut e,
        json!({"action": "create_transit_gateway_attachment", "transit_gateway": w.tgw, "vpc": w.vpc2, "subnets": [w.s2a]}),
    );
    let vpc_route = e.route_tables[&RouteTableId::from(w.rt2.as_str())]
        .routes
        .iter()
        .find(|r| matches!(&r.target, Target::TransitGateway(_)))
        .unwrap();
    assert_eq!(
        vpc_route.state,
        RouteState::Active,
        "attached again, the route works"
    );
}

/// A transit gateway route table with an association, or a transit gateway with an attachment,
/// is refused (`IncorrectState`) until those are gone.
#[test]
fn transit_gateway_tables_and_gateways_are_deleted_once_empty() {
    let w = world();
    let mut e = w.e.clone();
    let delete_rt =
        json!({"action": "delete_transit_gateway_route_table", "transit_gateway_route_table": w.tgw_rt});
    let err = refused(&mut e, delete_rt.clone());
    assert_eq!(err.code, "IncorrectState");
    assert!(err.message.contains(&w.att2), "{err}");
    let delete_tgw = json!({"action": "delete_transit_gateway", "transit_gateway": w.tgw});
    let err = refused(&mut e, delete_tgw.clone());
    assert_eq!(err.code, "IncorrectState");
    assert!(
        err.message.contains("non-deleted Transit Gateway Attachments"),
        "{err}"
    );

    ok(
        &mut e,
        json!({"action": "disassociate_transit_gateway_route_table", "transit_gateway_route_table": w.tgw_rt, "transit_gateway_attachment": w.att2}),
    );
    ok(&mut e, delete_rt.clone());
    let tgw = &e.transit_gateways[&TgwId::from(w.tgw.as_str())];
    assert_eq!(
        (tgw.default_association.clone(), tgw.default_propagation.clone()),
        (None, None)
    );
    assert_eq!(refused(&mut e, delete_rt).code, "InvalidRouteTableID.NotFound");

    ok(
        &mut e,
        json!({"action": "delete_transit_gateway_attachment", "transit_gateway_attachment": w.att2}),
    );
    ok(&mut e, delete_tgw.clone());
    assert!(e.transit_gateways.is_empty() && e.tgw_route_tables.is_empty());
    assert_eq!(
        refused(&mut e, delete_tgw).code,
        "InvalidTransitGatewayID.NotFound"
    );
}

/// `DeleteSubnet` and `DeleteVpc`: refused while something lives in them, naming what to remove
/// first; a VPC's default parts and peerings go with it.
#[test]
fn subnets_and_vpcs_are_deleted_once_empty() {
    let w = world();
    let mut e = w.e.clone();
    let err = refused(&mut e, json!({"action": "delete_subnet", "subnet": w.s1a}));
    assert_eq!(err.code, "DependencyViolation");
    assert!(
        err.message.contains("terminate instances") && err.message.contains(&w.web),
        "{err}"
    );
    let err = refused(&mut e, json!({"action": "delete_subnet", "subnet": w.s2a}));
    assert!(err.message.contains(&w.att2), "the attachment's subnet: {err}");
    ok(
        &mut e,
        json!({"action": "associate_route_table", "route_table": w.rt1, "subnet": w.s1b}),
    );
    ok(&mut e, json!({"action": "delete_subnet", "subnet": w.s1b}));
    assert!(!e.subnets.contains_key(&SubnetId::from(w.s1b.as_str())));
    assert!(e
        .route_tables
        .values()
        .all(|rt| !rt.subnets.contains(&SubnetId::from(w.s1b.as_str()))));
    assert!(e
        .network_acls
        .values()
        .all(|a| !a.subnets.contains(&SubnetId::from(w.s1b.as_str()))));

    let err = refused(&mut e, json!({"action": "delete_vpc", "vpc": w.vpc1}));
    assert_eq!(err.code, "DependencyViolation");
    for word in ["delete subnets", "detach internet gateways", "delete endpoints"] {
        assert!(err.message.contains(word), "{word}: {err}");
    }

    // An empty VPC peered with VPC-1: its parts go, the peering is deleted, VPC-1's route to it
    // turns blackhole.
    let v4 = ok(
        &mut e,
        json!({"action": "create_vpc", "cidr": "10.4.0.0/16", "account": A}),
    );
    let vpc4 = v4.created[0].clone();
    let pcx = ok(
        &mut e,
        json!({"action": "request_peering", "vpc": w.vpc1, "peer_vpc": vpc4, "account": A}),
    )
    .created[0]
        .clone();
    ok(
        &mut e,
        json!({"action": "accept_peering", "peering": pcx, "account": A}),
    );
    ok(
        &mut e,
        json!({"action": "create_route", "route_table": w.rt1, "destination": "10.4.0.0/16", "target": pcx}),
    );
    ok(&mut e, json!({"action": "delete_vpc", "vpc": vpc4}));
    assert!(!e.vpcs.contains_key(&VpcId::from(vpc4.as_str())));
    for id in &v4.created[1..] {
        assert!(
            !e.route_tables.contains_key(&RouteTableId::from(id.as_str()))
                && !e.network_acls.contains_key(&AclId::from(id.as_str()))
                && !e.security_groups.contains_key(&SgId::from(id.as_str())),
            "{id} went with its VPC"
        );
    }
    assert_eq!(
        e.peerings[&PcxId::from(pcx.as_str())].status,
        PeeringStatus::Deleted
    );
    let route = e.route_tables[&RouteTableId::from(w.rt1.as_str())]
        .routes
        .iter()
        .find(|r| r.target == Target::VpcPeering(PcxId::from(pcx.as_str())))
        .unwrap();
    assert_eq!(route.state, RouteState::Blackhole);
    assert_eq!(
        refused(&mut e, json!({"action": "delete_vpc", "vpc": vpc4})).code,
        "InvalidVpcID.NotFound"
    );
    assert_eq!(
        refused(
            &mut e,
            json!({"action": "delete_vpc", "vpc": w.vpc3, "account": A})
        )
        .code,
        "InvalidVpcID.NotFound",
        "another account's VPC"
    );
}

/// `DeleteInternetGateway` only once detached.
#[test]
fn an_internet_gateway_is_deleted_once_detached() {
    let w = world();
    let mut e = w.e.clone();
    let delete = json!({"action": "delete_internet_gateway", "internet_gateway": w.igw});
    let err = refused(&mut e, delete.clone());
    assert_eq!(err.code, "DependencyViolation");
    assert!(
        err.message.contains(&format!("detach it from {}", w.vpc1)),
        "{err}"
    );
    // AWS refuses the detach while an instance of the VPC has a public address.
    ok(&mut e, json!({"action": "terminate_instance", "instance": w.web}));
    ok(
        &mut e,
        json!({"action": "detach_internet_gateway", "internet_gateway": w.igw, "vpc": w.vpc1}),
    );
    ok(&mut e, delete.clone());
    assert!(e.internet_gateways.is_empty());
    assert_eq!(refused(&mut e, delete).code, "InvalidInternetGatewayID.NotFound");
}

/// `DeleteSecurityGroup`: not the default group, not while an interface uses it or a rule refers
/// to it.
#[test]
fn a_security_group_is_deleted_once_unused() {
    let w = world();
    let mut e = w.e.clone();
    let err = refused(
        &mut e,
        json!({"action": "delete_security_group", "security_group": w.sg1}),
    );
    assert_eq!(err.code, "CannotDelete");
    let sg = ok(
        &mut e,
        json!({"action": "create_security_group", "vpc": w.vpc1, "name": "app"}),
    )
    .created[0]
        .clone();
    let delete = json!({"action": "delete_security_group", "security_group": sg});
    ok(
        &mut e,
        json!({"action": "add_security_group_rule", "security_group": w.sg1, "direction": "ingress", "protocol": "tcp", "from_port": 80, "to_port": 80, "peer_group": sg}),
    );
    let err = refused(&mut e, delete.clone());
    assert_eq!(err.code, "DependencyViolation");
    assert!(
        err.message.contains(&w.sg1),
        "the group whose rule refers to it: {err}"
    );
    ok(
        &mut e,
        json!({"action": "remove_security_group_rule", "security_group": w.sg1, "direction": "ingress", "protocol": "tcp", "from_port": 80, "to_port": 80, "peer_group": sg}),
    );
    let app = ok(
        &mut e,
        json!({"action": "launch_instance", "subnet": w.s1b, "security_groups": [sg]}),
    )
    .created[0]
        .clone();
    let err = refused(&mut e, delete.clone());
    assert!(err.message.contains(&app), "the instance using it: {err}");
    ok(&mut e, json!({"action": "terminate_instance", "instance": app}));
    ok(&mut e, delete.clone());
    assert_eq!(refused(&mut e, delete).code, "InvalidGroup.NotFound");
}

/// `TerminateInstances`: the instance and its interface go, its address is free again; another
/// account cannot see it.
#[test]
fn terminating_an_instance_frees_its_address() {
    let w = world();
    let mut e = w.e.clone();
    let ip = e.instances[&InstanceId::from(w.web.as_str())]
        .private_ip
        .unwrap()
        .to_string();
    assert_eq!(
        refused(
            &mut e,
            json!({"action": "terminate_instance", "instance": w.web, "account": B})
        )
        .code,
        "InvalidInstanceID.NotFound"
    );
    let relaunch = json!({"action": "launch_instance", "subnet": w.s1a, "private_ip": ip});
    assert_eq!(refused(&mut e, relaunch.clone()).code, "InvalidIPAddress.InUse");
    ok(&mut e, json!({"action": "terminate_instance", "instance": w.web}));
    assert!(!e.instances.contains_key(&InstanceId::from(w.web.as_str())));
    assert!(e
        .enis
        .values()
        .all(|n| n.instance.as_ref().map(|i| i.as_str()) != Some(w.web.as_str())));
    ok(&mut e, relaunch);
    assert_eq!(
        refused(&mut e, json!({"action": "terminate_instance", "instance": w.web})).code,
        "InvalidInstanceID.NotFound"
    );
}
