//! What each action does when AWS accepts it, including AWS's side effects.

use std::net::Ipv4Addr;

use serde_json::json;
use vpclab_core::edit::{apply_all, Action};
use vpclab_core::model::*;

use crate::world::*;

fn vpc<'a>(e: &'a Estate, id: &str) -> &'a Vpc {
    &e.vpcs[&VpcId::from(id)]
}

fn peering<'a>(e: &'a Estate, id: &str) -> &'a Peering {
    &e.peerings[&PcxId::from(id)]
}

#[test]
fn a_new_vpc_comes_with_main_table_default_acl_and_default_group() {
    let mut e = Estate::default();
    let done = ok(
        &mut e,
        json!({"action": "create_vpc", "cidr": "10.1.0.0/16", "name": "VPC-1"}),
    );
    assert_eq!(done.created.len(), 4);
    let [vpc_id, rtb, acl, sg] = [0, 1, 2, 3].map(|i| done.created[i].clone());
    assert!(
        vpc_id.starts_with("vpc-")
            && rtb.starts_with("rtb-")
            && acl.starts_with("acl-")
            && sg.starts_with("sg-")
    );
    let v = vpc(&e, &vpc_id);
    assert_eq!(
        (v.owner.as_str(), v.region.as_str()),
        ("111122223333", "us-east-1")
    );
    assert_eq!(v.cidrs, vec!["10.1.0.0/16".parse().unwrap()]);
    assert!(v.dns_support && !v.dns_hostnames && !v.is_default);
    assert!(e.documents.contains(&("111122223333".into(), "us-east-1".into())));

    let main = e.main_route_table(&v.id).unwrap();
    assert_eq!(main.id.as_str(), rtb);
    assert_eq!(main.routes.len(), 1, "only the local route");
    assert_eq!(main.routes[0].target, Target::Local);
    assert_eq!(main.routes[0].destination.to_string(), "10.1.0.0/16");

    let nacl = &e.network_acls[&AclId::from(acl.as_str())];
    assert!(nacl.is_default);
    for egress in [false, true] {
        let rules: Vec<(u16, bool)> = nacl
            .entries
            .iter()
            .filter(|x| x.egress == egress)
            .map(|x| (x.rule_number, x.allow))
            .collect();
        assert_eq!(rules, vec![(100, true), (32767, false)]);
    }
    let group = &e.security_groups[&SgId::from(sg.as_str())];
    assert_eq!(group.name, "default");
    assert!(
        matches!(&group.ingress[..], [SgRule { protocol: Protocol::All, peer: SgPeer::Group { id, .. }, .. }] if id.as_str() == sg)
    );
    assert!(
        matches!(&group.egress[..], [SgRule { protocol: Protocol::All, peer: SgPeer::Cidr(c), .. }] if c.to_string() == "0.0.0.0/0")
    );

    let subnet = ok(&mut e, json!({"action": "create_subnet", "vpc": vpc_id, "cidr": "10.1.0.0/24", "availability_zone": "us-east-1a"})).created[0].clone();
    let s = SubnetId::from(subnet.as_str());
    assert_eq!(
        e.route_table_of(&s).unwrap().id.as_str(),
        rtb,
        "a new subnet uses the main table"
    );
    assert_eq!(e.network_acl_of(&s).unwrap().id.as_str(), acl);
}

#[test]
fn a_pending_peering_blackholes_until_accepted_and_deleting_blackholes_again() {
    let w = world();
    let mut e = w.e.clone();
    let to3 = ok(
        &mut e,
        json!({"action": "create_route", "route_table": w.rt1, "destination": "10.3.0.0/16", "target": w.pcx13}),
    );
    assert!(to3.description.contains("blackhole"));
    ok(
        &mut e,
        json!({"action": "create_route", "route_table": w.rt3, "destination": "10.1.0.0/16", "target": w.pcx13, "account": B}),
    );
    assert_eq!(
        route(&e, &w.rt1, "10.3.0.0/16").unwrap().state,
        RouteState::Blackhole
    );
    assert_eq!(
        route(&e, &w.rt3, "10.1.0.0/16").unwrap().state,
        RouteState::Blackhole
    );

    let accepted = ok(
        &mut e,
        json!({"action": "accept_peering", "peering": w.pcx13, "account": B}),
    );
    assert!(
        accepted.description.contains("2 routes now active"),
        "{}",
        accepted.description
    );
    assert_eq!(peering(&e, &w.pcx13).status, PeeringStatus::Active);
    assert_eq!(
        route(&e, &w.rt1, "10.3.0.0/16").unwrap().state,
        RouteState::Active
    );
    assert_eq!(
        route(&e, &w.rt3, "10.1.0.0/16").unwrap().state,
        RouteState::Active
    );
    // The peering's own routes elsewhere are untouched.
    assert_eq!(
        route(&e, &w.rt1, "10.2.0.0/16").unwrap().state,
        RouteState::Active
    );

    ok(
        &mut e,
        json!({"action": "delete_peering", "peering": w.pcx13, "account": B}),
    );
    assert_eq!(peering(&e, &w.pcx13).status, PeeringStatus::Deleted);
    assert_eq!(
        route(&e, &w.rt1, "10.3.0.0/16").unwrap().state,
        RouteState::Blackhole
    );
    assert_eq!(
        route(&e, &w.rt3, "10.1.0.0/16").unwrap().state,
        RouteState::Blackhole
    );
    // A deleted peering can be requested again, and a deleted one is no route target.
    let err = refused(
        &mut e,
        json!({"action": "create_route", "route_table": w.rt1, "destination": "10.30.0.0/16", "target": w.pcx13}),
    );
    assert_eq!(err.code, "InvalidVpcPeeringConnectionID.NotFound");
    ok(
        &mut e,
        json!({"action": "request_peering", "vpc": w.vpc1, "peer_vpc": w.vpc3, "peer_owner": B}),
    );
}

#[test]
fn rejecting_keeps_routes_blackhole_and_the_requester_may_delete_a_pending_request() {
    let w = world();
    let mut e = w.e.clone();
    ok(
        &mut e,
        json!({"action": "create_route", "route_table": w.rt1, "destination": "10.3.0.0/16", "target": w.pcx13}),
    );
    ok(
        &mut e,
        json!({"action": "reject_peering", "peering": w.pcx13, "account": B}),
    );
    assert_eq!(peering(&e, &w.pcx13).status, PeeringStatus::Rejected);
    assert_eq!(
        route(&e, &w.rt1, "10.3.0.0/16").unwrap().state,
        RouteState::Blackhole
    );
    assert_eq!(
        refused(&mut e, json!({"action": "delete_peering", "peering": w.pcx13})).code,
        "InvalidStateTransition"
    );

    let mut e = w.e.clone();
    ok(
        &mut e,
        json!({"action": "delete_peering", "peering": w.pcx13, "account": A}),
    );
    assert_eq!(peering(&e, &w.pcx13).status, PeeringStatus::Deleted);
}

#[test]
fn overlapping_vpcs_give_a_failed_peering() {
    let w = world();
    let mut e = w.e.clone();
    let twin = ok(
        &mut e,
        json!({"action": "create_vpc", "cidr": "10.1.0.0/16", "account": A}),
    )
    .created[0]
        .clone();
    let done = ok(
        &mut e,
        json!({"action": "request_peering", "vpc": w.vpc1, "peer_vpc": twin}),
    );
    let warning = done.warning.expect("a failed peering carries a warning");
    assert_eq!(warning.code, "failed");
    assert!(
        warning.message.contains("overlapping CIDR"),
        "{}",
        warning.message
    );
    let pcx = &done.created[0];
    assert_eq!(peering(&e, pcx).status, PeeringStatus::Failed);
    let err = refused(&mut e, json!({"action": "accept_peering", "peering": pcx}));
    assert_eq!(err.code, "InvalidStateTransition");
    assert!(err.message.contains("from failed to active"));
    let err = refused(
        &mut e,
        json!({"action": "create_route", "route_table": w.rt1, "destination": "10.100.0.0/16", "target": pcx}),
    );
    assert!(err.message.contains("is failed"), "{err}");

    // A block added after the request makes the acceptance fail.
    let mut e = w.e.clone();
    let x = ok(
        &mut e,
        json!({"action": "create_vpc", "cidr": "10.50.0.0/16", "account": A}),
    )
    .created[0]
        .clone();
    let pcx = ok(
        &mut e,
        json!({"action": "request_peering", "vpc": w.vpc2, "peer_vpc": x}),
    )
    .created[0]
        .clone();
    ok(
        &mut e,
        json!({"action": "add_vpc_cidr", "vpc": x, "cidr": "10.2.128.0/17"}),
    );
    let done = ok(&mut e, json!({"action": "accept_peering", "peering": pcx}));
    assert_eq!(done.warning.map(|w| w.code).as_deref(), Some("failed"));
    assert_eq!(peering(&e, &pcx).status, PeeringStatus::Failed);
}

#[test]
fn cross_account_and_cross_region_peering() {
    let w = world();
    let mut e = w.e.clone();
    let west = ok(
        &mut e,
        json!({"action": "create_vpc", "cidr": "10.5.0.0/16", "region": "us-west-2", "account": B}),
    )
    .created[0]
        .clone();
    let pcx = ok(&mut e, json!({"action": "request_peering", "vpc": w.vpc1, "peer_vpc": west, "peer_owner": B, "peer_region": "us-west-2", "account": A})).created[0].clone();
    let p = peering(&e, &pcx);
    assert_eq!((p.requester.owner.as_str(), p.accepter.owner.as_str()), (A, B));
    assert_eq!(p.accepter.region.as_str(), "us-west-2");
    assert_eq!(p.status, PeeringStatus::PendingAcceptance);
    ok(
        &mut e,
        json!({"action": "accept_peering", "peering": pcx, "account": B}),
    );
    assert_eq!(peering(&e, &pcx).status, PeeringStatus::Active);

    // A peer VPC that is not where the request says: AWS creates it, and it fails.
    let done = ok(
        &mut e,
        json!({"action": "request_peering", "vpc": w.vpc2, "peer_vpc": w.vpc3, "peer_owner": C}),
    );
    assert_eq!(peering(&e, &done.created[0]).status, PeeringStatus::Failed);
    assert!(done
        .warning
        .unwrap()
        .message
        .contains("was not found in account 333333333333"));
}

#[test]
fn deleting_a_nat_gateway_blackholes_its_routes() {
    let w = world();
    let mut e = w.e.clone();
    let nat = ok(
        &mut e,
        json!({"action": "create_nat_gateway", "subnet": w.s1a, "name": "nat-a"}),
    );
    let (nat_id, eni) = (nat.created[0].clone(), nat.created[1].clone());
    let n = &e.nat_gateways[&NatId::from(nat_id.as_str())];
    assert!(n.public && n.state == "available");
    assert_eq!(
        n.private_ip,
        Some(Ipv4Addr::new(10, 1, 1, 5)),
        "web holds .4, the first free address"
    );
    assert_eq!(
        n.public_ip,
        Some(Ipv4Addr::new(203, 0, 113, 2)),
        "web holds 203.0.113.1"
    );
    assert_eq!(e.enis[&EniId::from(eni.as_str())].interface_type, "nat_gateway");

    let private = ok(
        &mut e,
        json!({"action": "create_route_table", "vpc": w.vpc1, "name": "private"}),
    )
    .created[0]
        .clone();
    ok(
        &mut e,
        json!({"action": "associate_route_table", "route_table": private, "subnet": w.s1b}),
    );
    ok(
        &mut e,
        json!({"action": "create_route", "route_table": private, "destination": "0.0.0.0/0", "target": nat_id}),
    );
    assert_eq!(
        route(&e, &private, "0.0.0.0/0").unwrap().state,
        RouteState::Active
    );

    let done = ok(
        &mut e,
        json!({"action": "delete_nat_gateway", "nat_gateway": nat_id}),
    );
    assert!(
        done.description.contains("1 route turned blackhole"),
        "{}",
        done.description
    );
    assert_eq!(
        route(&e, &private, "0.0.0.0/0").unwrap().state,
        RouteState::Blackhole
    );
    assert_eq!(e.nat_gateways[&NatId::from(nat_id.as_str())].state, "deleted");
    assert!(!e.enis.contains_key(&EniId::from(eni.as_str())));
    assert_eq!(
        refused(
            &mut e,
            json!({"action": "delete_nat_gateway", "nat_gateway": nat_id})
        )
        .code,
        "InvalidNatGatewayID.NotFound"
    );

    // A private NAT gateway needs no internet gateway and has no public address.
    let private_nat = ok(
        &mut e,
        json!({"action": "create_nat_gateway", "subnet": w.s2a, "private": true}),
    )
    .created[0]
        .clone();
    let n = &e.nat_gateways[&NatId::from(private_nat.as_str())];
    assert!(!n.public && n.public_ip.is_none());
}

#[test]
fn detaching_an_internet_gateway_blackholes_its_routes_and_attaching_restores_them() {
    let w = world();
    let mut e = w.e.clone();
    let igw = ok(
        &mut e,
        json!({"action": "create_internet_gateway", "account": A, "name": "igw-2"}),
    )
    .created[0]
        .clone();
    assert_eq!(e.internet_gateways[&IgwId::from(igw.as_str())].attached_vpc, None);
    ok(
        &mut e,
        json!({"action": "attach_internet_gateway", "internet_gateway": igw, "vpc": w.vpc2}),
    );
    ok(
        &mut e,
        json!({"action": "create_route", "route_table": w.rt2, "destination": "0.0.0.0/0", "target": igw}),
    );
    assert_eq!(route(&e, &w.rt2, "0.0.0.0/0").unwrap().state, RouteState::Active);
    ok(
        &mut e,
        json!({"action": "detach_internet_gateway", "internet_gateway": igw, "vpc": w.vpc2}),
    );
    assert_eq!(
        route(&e, &w.rt2, "0.0.0.0/0").unwrap().state,
        RouteState::Blackhole
    );
    assert_eq!(e.internet_gateway_of(&VpcId::from(w.vpc2.as_str())), None);
    ok(
        &mut e,
        json!({"action": "attach_internet_gateway", "internet_gateway": igw, "vpc": w.vpc2}),
    );
    assert_eq!(route(&e, &w.rt2, "0.0.0.0/0").unwrap().state, RouteState::Active);
    let err = refused(
        &mut e,
        json!({"action": "attach_internet_gateway", "internet_gateway": w.igw, "vpc": w.vpc2}),
    );
    assert_eq!(err.code, "Resource.AlreadyAssociated");
}

#[test]
fn a_secondary_cidr_adds_a_local_route_to_every_table() {
    let w = world();
    let mut e = w.e.clone();
    let second = ok(&mut e, json!({"action": "create_route_table", "vpc": w.vpc1})).created[0].clone();
    ok(
        &mut e,
        json!({"action": "add_vpc_cidr", "vpc": w.vpc1, "cidr": "10.11.0.0/16"}),
    );
    for rt in [&w.rt1, &second] {
        let r = route(&e, rt, "10.11.0.0/16").unwrap_or_else(|| panic!("{rt} lacks the local route"));
        assert_eq!((&r.target, r.state), (&Target::Local, RouteState::Active));
    }
    assert_eq!(
        route(&e, &w.rt2, "10.11.0.0/16"),
        None,
        "other VPCs' tables are untouched"
    );
    let p = peering(&e, &w.pcx12);
    assert!(
        p.requester.cidrs.iter().any(|c| c.to_string() == "10.11.0.0/16"),
        "the peering reports the new block"
    );
    let table_made_now =
        ok(&mut e, json!({"action": "create_route_table", "vpc": w.vpc1})).created[0].clone();
    assert!(route(&e, &table_made_now, "10.11.0.0/16").is_some());
    ok(
        &mut e,
        json!({"action": "create_subnet", "vpc": w.vpc1, "cidr": "10.11.5.0/24", "availability_zone": "us-east-1c"}),
    );

    let mut e = w.e.clone();
    ok(
        &mut e,
        json!({"action": "add_vpc_cidr", "vpc": w.vpc1, "cidr": "10.11.0.0/16"}),
    );
    ok(
        &mut e,
        json!({"action": "remove_vpc_cidr", "vpc": w.vpc1, "cidr": "10.11.0.0/16"}),
    );
    assert_eq!(e, w.e, "adding then removing a block restores the estate");
}

#[test]
fn a_gateway_endpoint_adds_its_prefix_list_route() {
    let w = world();
    let r = route(&w.e, &w.rt1, "pl-63a5400a").expect("the S3 route");
    assert_eq!(r.target, Target::GatewayEndpoint(w.s3_endpoint.as_str().into()));
    assert_eq!(
        (r.state, r.origin),
        (RouteState::Active, RouteOrigin::CreateRoute)
    );
    let pl = &w.e.prefix_lists[&PrefixListId::from("pl-63a5400a")];
    assert_eq!(pl.name, "com.amazonaws.us-east-1.s3");
    assert!(
        !pl.cidrs.is_empty(),
        "the service's ranges come from the embedded data"
    );
    let v = &w.e.endpoints[&VpceId::from(w.s3_endpoint.as_str())];
    assert_eq!(
        (v.kind, v.service_name.as_str()),
        (EndpointKind::Gateway, "com.amazonaws.us-east-1.s3")
    );

    let mut e = w.e.clone();
    let private = ok(&mut e, json!({"action": "create_route_table", "vpc": w.vpc1})).created[0].clone();
    ok(
        &mut e,
        json!({"action": "modify_gateway_endpoint", "endpoint": w.s3_endpoint, "add_route_tables": [private], "remove_route_tables": [w.rt1]}),
    );
    assert!(route(&e, &private, "pl-63a5400a").is_some());
    assert!(route(&e, &w.rt1, "pl-63a5400a").is_none());
    ok(
        &mut e,
        json!({"action": "delete_endpoint", "endpoint": w.s3_endpoint}),
    );
    assert!(
        route(&e, &private, "pl-63a5400a").is_none(),
        "the endpoint's routes go with it"
    );
    // A learner may route a prefix list elsewhere once the endpoint is gone.
    ok(
        &mut e,
        json!({"action": "create_route", "route_table": w.rt1, "destination": "pl-63a5400a", "target": w.igw}),
    );

    // DynamoDB with the long service name, in VPC-2.
    let mut e = w.e.clone();
    ok(
        &mut e,
        json!({"action": "create_gateway_endpoint", "vpc": w.vpc2, "service": "com.amazonaws.us-east-1.dynamodb", "route_tables": [w.rt2]}),
    );
    assert!(route(&e, &w.rt2, "pl-02cd2c6b").is_some());
}

#[test]
fn an_interface_endpoint_places_one_interface_per_subnet() {
    let w = world();
    let mut e = w.e.clone();
    ok(
        &mut e,
        json!({"action": "modify_vpc_attribute", "vpc": w.vpc1, "enable_dns_hostnames": true}),
    );
    let done = ok(
        &mut e,
        json!({"action": "create_interface_endpoint", "vpc": w.vpc1, "service": "ssm", "subnets": [w.s1a, w.s1b]}),
    );
    assert_eq!(done.created.len(), 3);
    let v = &e.endpoints[&VpceId::from(done.created[0].as_str())];
    assert_eq!(
        (v.kind, v.service_name.as_str(), v.private_dns_enabled),
        (EndpointKind::Interface, "com.amazonaws.us-east-1.ssm", true)
    );
    assert_eq!(
        v.security_groups,
        vec![SgId::from(w.sg1.as_str())],
        "the default group by default"
    );
    let ips: Vec<Ipv4Addr> = v.enis.iter().map(|n| e.enis[n].private_ips[0]).collect();
    assert_eq!(ips, vec![Ipv4Addr::new(10, 1, 1, 5), Ipv4Addr::new(10, 1, 2, 4)]);
    assert!(v.enis.iter().all(|n| e.enis[n].interface_type == "vpc_endpoint"));
    let err = refused(
        &mut e,
        json!({"action": "create_route", "route_table": w.rt1, "destination": "10.9.0.0/16", "target": done.created[0]}),
    );
    assert_eq!(err.code, "RouteNotSupported");
    ok(
        &mut e,
        json!({"action": "delete_endpoint", "endpoint": done.created[0]}),
    );
    assert!(!e.enis.contains_key(&EniId::from(done.created[1].as_str())));
}

#[test]
fn routes_more_specific_than_local_for_a_whole_subnet_to_an_appliance() {
    let w = world();
    let mut e = w.e.clone();
    let appliance = ok(
        &mut e,
        json!({"action": "launch_instance", "subnet": w.s1a, "name": "firewall"}),
    );
    let eni = appliance.created[1].clone();
    ok(
        &mut e,
        json!({"action": "create_route", "route_table": w.rt1, "destination": "10.1.2.0/24", "target": eni}),
    );
    let r = route(&e, &w.rt1, "10.1.2.0/24").unwrap();
    assert_eq!((r.target.id(), r.state), (eni.clone(), RouteState::Active));
    // Replacing it with another middlebox is fine; with a gateway it is not.
    ok(
        &mut e,
        json!({"action": "replace_route", "route_table": w.rt1, "destination": "10.1.2.0/24", "target": appliance.created[0]}),
    );
    let err = refused(
        &mut e,
        json!({"action": "replace_route", "route_table": w.rt1, "destination": "10.1.2.0/24", "target": w.igw}),
    );
    assert_eq!(err.code, "InvalidParameterValue");
}

#[test]
fn route_table_associations_and_the_main_table() {
    let w = world();
    let mut e = w.e.clone();
    let s1a = SubnetId::from(w.s1a.as_str());
    let custom = ok(
        &mut e,
        json!({"action": "create_route_table", "vpc": w.vpc1, "name": "custom"}),
    )
    .created[0]
        .clone();
    let t = &e.route_tables[&RouteTableId::from(custom.as_str())];
    assert_eq!(t.routes.len(), 1, "a new table holds the local route only");
    assert!(!t.main && t.name.as_deref() == Some("custom"));

    ok(
        &mut e,
        json!({"action": "associate_route_table", "route_table": custom, "subnet": w.s1a}),
    );
    assert_eq!(e.route_table_of(&s1a).unwrap().id.as_str(), custom);
    let err = refused(
        &mut e,
        json!({"action": "associate_route_table", "route_table": w.rt1, "subnet": w.s1a}),
    );
    assert_eq!(err.code, "Resource.AlreadyAssociated");
    assert!(err.message.contains("conflicts with an existing association"));
    assert_eq!(
        refused(
            &mut e,
            json!({"action": "delete_route_table", "route_table": custom})
        )
        .code,
        "DependencyViolation"
    );
    ok(
        &mut e,
        json!({"action": "disassociate_route_table", "subnet": w.s1a}),
    );
    assert_eq!(e.route_table_of(&s1a).unwrap().id.as_str(), w.rt1);

    ok(
        &mut e,
        json!({"action": "replace_main_route_table", "route_table": custom}),
    );
    let vpc1 = VpcId::from(w.vpc1.as_str());
    assert_eq!(e.main_route_table(&vpc1).unwrap().id.as_str(), custom);
    assert_eq!(
        e.route_tables
            .values()
            .filter(|t| t.vpc == vpc1 && t.main)
            .count(),
        1
    );
    assert_eq!(
        e.route_table_of(&s1a).unwrap().id.as_str(),
        custom,
        "implicit subnets follow the main table"
    );
    ok(
        &mut e,
        json!({"action": "replace_main_route_table", "route_table": custom}),
    );
    ok(
        &mut e,
        json!({"action": "delete_route_table", "route_table": w.rt1}),
    );
    assert!(!e.route_tables.contains_key(&RouteTableId::from(w.rt1.as_str())));
    assert!(
        e.endpoints[&VpceId::from(w.s3_endpoint.as_str())]
            .route_tables
            .is_empty(),
        "the endpoint forgets the table"
    );
}

#[test]
fn replace_and_delete_route() {
    let w = world();
    let mut e = w.e.clone();
    ok(
        &mut e,
        json!({"action": "create_route", "route_table": w.rt2, "destination": "10.9.0.0/16", "target": w.tgw}),
    );
    assert_eq!(
        route(&e, &w.rt2, "10.9.0.0/16").unwrap().state,
        RouteState::Active
    );
    ok(
        &mut e,
        json!({"action": "replace_route", "route_table": w.rt2, "destination": "10.9.0.0/16", "target": w.pcx12}),
    );
    assert_eq!(
        route(&e, &w.rt2, "10.9.0.0/16").unwrap().target,
        Target::VpcPeering(w.pcx12.as_str().into())
    );
    ok(
        &mut e,
        json!({"action": "delete_route", "route_table": w.rt2, "destination": "10.9.0.0/16"}),
    );
    assert!(route(&e, &w.rt2, "10.9.0.0/16").is_none());
    // A route to a managed prefix list of the region not yet in the estate brings the list in.
    ok(
        &mut e,
        json!({"action": "create_route", "route_table": w.rt2, "destination": "pl-02cd2c6b", "target": w.pcx12}),
    );
    assert!(e.prefix_lists.contains_key(&PrefixListId::from("pl-02cd2c6b")));
}

#[test]
fn transit_gateway_tables_associations_propagations_and_static_routes() {
    let w = world();
    let mut e = w.e.clone();
    let tgw = &e.transit_gateways[&TgwId::from(w.tgw.as_str())];
    assert_eq!(
        tgw.default_association.as_ref().map(|t| t.as_str()),
        Some(w.tgw_rt.as_str())
    );
    let att = &e.tgw_attachments[&TgwAttachmentId::from(w.att2.as_str())];
    assert_eq!(
        att.association.as_ref().map(|t| t.as_str()),
        Some(w.tgw_rt.as_str())
    );
    assert_eq!(att.resource_id, w.vpc2);
    let rt = &e.tgw_route_tables[&TgwRouteTableId::from(w.tgw_rt.as_str())];
    assert_eq!(rt.propagations, vec![TgwAttachmentId::from(w.att2.as_str())]);
    assert_eq!(
        e.enis
            .values()
            .filter(|n| n.interface_type == "transit_gateway")
            .count(),
        1
    );

    let att1 = ok(
        &mut e,
        json!({"action": "create_transit_gateway_attachment", "transit_gateway": w.tgw, "vpc": w.vpc1, "subnets": [w.s1a, w.s1b]}),
    );
    assert_eq!(
        att1.created.len(),
        3,
        "the attachment and one interface per subnet"
    );
    let att1 = att1.created[0].clone();
    let prod = ok(
        &mut e,
        json!({"action": "create_transit_gateway_route_table", "transit_gateway": w.tgw, "name": "prod"}),
    )
    .created[0]
        .clone();
    ok(
        &mut e,
        json!({"action": "disassociate_transit_gateway_route_table", "transit_gateway_route_table": w.tgw_rt, "transit_gateway_attachment": att1}),
    );
    ok(
        &mut e,
        json!({"action": "associate_transit_gateway_route_table", "transit_gateway_route_table": prod, "transit_gateway_attachment": att1}),
    );
    ok(
        &mut e,
        json!({"action": "enable_transit_gateway_propagation", "transit_gateway_route_table": prod, "transit_gateway_attachment": w.att2}),
    );
    ok(
        &mut e,
        json!({"action": "disable_transit_gateway_propagation", "transit_gateway_route_table": w.tgw_rt, "transit_gateway_attachment": att1}),
    );
    let prod_rt = &e.tgw_route_tables[&TgwRouteTableId::from(prod.as_str())];
    assert_eq!(prod_rt.propagations, vec![TgwAttachmentId::from(w.att2.as_str())]);
    assert_eq!(
        e.tgw_attachments[&TgwAttachmentId::from(att1.as_str())]
            .association
            .as_ref()
            .map(|t| t.as_str()),
        Some(prod.as_str())
    );

    ok(
        &mut e,
        json!({"action": "create_transit_gateway_route", "transit_gateway_route_table": prod, "destination": "0.0.0.0/0", "transit_gateway_attachment": w.att2}),
    );
    ok(
        &mut e,
        json!({"action": "create_transit_gateway_route", "transit_gateway_route_table": prod, "destination": "10.3.0.0/16", "blackhole": true}),
    );
    let routes = &e.tgw_route_tables[&TgwRouteTableId::from(prod.as_str())].routes;
    assert_eq!(routes.len(), 2);
    assert_eq!(
        (routes[1].attachment.as_ref(), routes[1].state),
        (None, RouteState::Blackhole)
    );
    let err = refused(
        &mut e,
        json!({"action": "create_transit_gateway_route", "transit_gateway_route_table": prod, "destination": "10.3.0.0/16", "blackhole": true}),
    );
    assert_eq!(err.code, "RouteAlreadyExists");
    ok(
        &mut e,
        json!({"action": "delete_transit_gateway_route", "transit_gateway_route_table": prod, "destination": "10.3.0.0/16"}),
    );
    assert_eq!(
        e.tgw_route_tables[&TgwRouteTableId::from(prod.as_str())]
            .routes
            .len(),
        1
    );

    // A VPC route to the gateway works once the VPC is attached.
    ok(
        &mut e,
        json!({"action": "create_route", "route_table": w.rt1, "destination": "10.3.0.0/16", "target": w.tgw}),
    );

    // A gateway without defaults has no default table.
    let bare = ok(
        &mut e,
        json!({"action": "create_transit_gateway", "default_association": false, "default_propagation": false, "account": B}),
    );
    assert_eq!(bare.created.len(), 1);
    let t = &e.transit_gateways[&TgwId::from(bare.created[0].as_str())];
    assert!(t.default_association.is_none() && t.default_propagation.is_none());
}

#[test]
fn security_group_and_network_acl_rules() {
    let w = world();
    let mut e = w.e.clone();
    let web = ok(&mut e, json!({"action": "create_security_group", "vpc": w.vpc1, "name": "web", "description": "web servers"})).created[0].clone();
    let g = &e.security_groups[&SgId::from(web.as_str())];
    assert!(
        g.ingress.is_empty() && g.egress.len() == 1,
        "no inbound, all outbound"
    );
    assert_eq!(
        refused(
            &mut e,
            json!({"action": "create_security_group", "vpc": w.vpc1, "name": "web"})
        )
        .code,
        "InvalidGroup.Duplicate"
    );

    let https = json!({"action": "add_security_group_rule", "security_group": web, "direction": "ingress", "protocol": "tcp", "from_port": 443, "to_port": 443, "cidr": "0.0.0.0/0", "description": "https"});
    ok(&mut e, https);
    ok(
        &mut e,
        json!({"action": "add_security_group_rule", "security_group": web, "direction": "ingress", "protocol": "icmp", "from_port": 8, "to_port": -1, "cidr": "10.0.0.0/8"}),
    );
    // A group of a VPC peered in the same region may be referenced.
    ok(
        &mut e,
        json!({"action": "add_security_group_rule", "security_group": web, "direction": "ingress", "protocol": "tcp", "from_port": 5432, "to_port": 5432, "peer_group": w.sg2}),
    );
    ok(
        &mut e,
        json!({"action": "add_security_group_rule", "security_group": web, "direction": "egress", "protocol": "tcp", "from_port": 443, "to_port": 443, "prefix_list": "pl-63a5400a"}),
    );
    let g = &e.security_groups[&SgId::from(web.as_str())];
    assert_eq!(g.ingress.len(), 3);
    assert_eq!(
        (
            g.ingress[0].from_port,
            g.ingress[0].to_port,
            g.ingress[0].description.as_deref()
        ),
        (Some(443), Some(443), Some("https"))
    );
    assert_eq!(
        (
            g.ingress[1].protocol,
            g.ingress[1].from_port,
            g.ingress[1].to_port
        ),
        (Protocol::Icmp, Some(8), Some(-1))
    );
    assert!(
        matches!(&g.ingress[2].peer, SgPeer::Group { id, owner: Some(o) } if id.as_str() == w.sg2 && o.as_str() == A)
    );
    assert!(matches!(&g.egress[1].peer, SgPeer::PrefixList(p) if p.as_str() == "pl-63a5400a"));
    ok(
        &mut e,
        json!({"action": "remove_security_group_rule", "security_group": web, "direction": "ingress", "protocol": "tcp", "from_port": 443, "to_port": 443, "cidr": "0.0.0.0/0"}),
    );
    assert_eq!(e.security_groups[&SgId::from(web.as_str())].ingress.len(), 2);

    ok(
        &mut e,
        json!({"action": "add_network_acl_entry", "network_acl": w.acl1, "rule_number": 90, "protocol": "tcp", "rule_action": "deny", "cidr": "192.0.2.0/24", "from_port": 22, "to_port": 22}),
    );
    ok(
        &mut e,
        json!({"action": "add_network_acl_entry", "network_acl": w.acl1, "rule_number": 110, "egress": true, "protocol": "tcp", "rule_action": "allow", "cidr": "0.0.0.0/0", "from_port": 1024, "to_port": 65535}),
    );
    ok(
        &mut e,
        json!({"action": "add_network_acl_entry", "network_acl": w.acl1, "rule_number": 120, "protocol": "icmp", "rule_action": "allow", "cidr": "0.0.0.0/0", "icmp_type": 8, "icmp_code": 0}),
    );
    let acl = &e.network_acls[&AclId::from(w.acl1.as_str())];
    let order: Vec<(bool, u16)> = acl.entries.iter().map(|x| (x.egress, x.rule_number)).collect();
    assert_eq!(
        order,
        vec![
            (false, 90),
            (false, 100),
            (false, 120),
            (false, 32767),
            (true, 100),
            (true, 110),
            (true, 32767)
        ]
    );
    assert_eq!(acl.entries[0].ports, Some((22, 22)));
    assert!(!acl.entries[0].allow);
    assert_eq!(acl.entries[2].icmp, Some((8, 0)));
    ok(
        &mut e,
        json!({"action": "remove_network_acl_entry", "network_acl": w.acl1, "rule_number": 100}),
    );
    let acl = &e.network_acls[&AclId::from(w.acl1.as_str())];
    assert!(!acl.entries.iter().any(|x| !x.egress && x.rule_number == 100));
    assert!(
        acl.entries.iter().any(|x| x.egress && x.rule_number == 100),
        "only the inbound rule went"
    );
}

#[test]
fn launching_instances() {
    let w = world();
    let e = &w.e;
    let web = &e.instances[&InstanceId::from(w.web.as_str())];
    assert_eq!(
        web.private_ip,
        Some(Ipv4Addr::new(10, 1, 1, 4)),
        "the first address after the four reserved"
    );
    assert_eq!(web.public_ip, Some(Ipv4Addr::new(203, 0, 113, 1)));
    assert_eq!(web.security_groups, vec![SgId::from(w.sg1.as_str())]);
    assert_eq!(web.state, "running");
    let eni = &e.enis[&web.enis[0]];
    assert_eq!(
        (eni.instance.as_ref(), Some(eni.private_ips[0])),
        (Some(&web.id), web.private_ip)
    );
    let db = &e.instances[&InstanceId::from(w.db.as_str())];
    assert_eq!(db.private_ip, Some(Ipv4Addr::new(10, 2, 1, 10)));

    // Addresses run out in a /28: 11 usable.
    let mut e = w.e.clone();
    let tiny = ok(&mut e, json!({"action": "create_subnet", "vpc": w.vpc1, "cidr": "10.1.9.0/28", "availability_zone": "us-east-1a"})).created[0].clone();
    for _ in 0..11 {
        ok(&mut e, json!({"action": "launch_instance", "subnet": tiny}));
    }
    assert_eq!(
        refused(&mut e, json!({"action": "launch_instance", "subnet": tiny})).code,
        "InsufficientFreeAddressesInSubnet"
    );
}

#[test]
fn sharing_a_subnet_records_the_participant() {
    let w = world();
    let mut e = w.e.clone();
    ok(
        &mut e,
        json!({"action": "share_subnet", "subnet": w.s1b, "with_account": C}),
    );
    let s = &e.subnets[&SubnetId::from(w.s1b.as_str())];
    assert!(s.shared_with.contains(&AccountId::from(C)));
    assert!(e.documents.contains(&(C.into(), "us-east-1".into())));
    let again = ok(
        &mut e,
        json!({"action": "share_subnet", "subnet": w.s1b, "with_account": C}),
    );
    assert!(again.description.contains("already shared"));
}

#[test]
fn apply_all_stops_at_the_first_refusal() {
    let w = world();
    let mut e = w.e.clone();
    let actions: Vec<Action> = serde_json::from_value(json!([
        {"action": "create_route_table", "vpc": w.vpc1},
        {"action": "create_route", "route_table": w.rt1, "destination": "0.0.0.0/0", "target": w.igw},
        {"action": "create_route_table", "vpc": w.vpc1},
    ]))
    .unwrap();
    let (at, err) = apply_all(&mut e, &actions).unwrap_err();
    assert_eq!((at, err.code.as_str()), (1, "RouteAlreadyExists"));
    assert_eq!(
        e.route_tables.len(),
        w.e.route_tables.len() + 1,
        "the first action stays applied"
    );
    let done = apply_all(&mut e, &actions[..1]).unwrap();
    assert_eq!(done.len(), 1);
}
