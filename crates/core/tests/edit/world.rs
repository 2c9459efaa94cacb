//! A small two-account estate built with actions, and helpers to apply JSON actions.

use serde_json::{json, Value};
use vpclab_core::edit::{apply, Action, Applied, EditError};
use vpclab_core::model::*;

pub const A: &str = "111111111111";
pub const B: &str = "222222222222";
pub const C: &str = "333333333333";

/// Applies a JSON action.
pub fn act(e: &mut Estate, action: Value) -> Result<Applied, EditError> {
    let parsed: Action =
        serde_json::from_value(action.clone()).unwrap_or_else(|err| panic!("{action}: {err}"));
    apply(e, &parsed)
}

/// Applies a JSON action that must succeed.
pub fn ok(e: &mut Estate, action: Value) -> Applied {
    act(e, action.clone()).unwrap_or_else(|err| panic!("{action} refused: {err}"))
}

/// Applies a JSON action that must be refused, and checks the estate did not change.
pub fn refused(e: &mut Estate, action: Value) -> EditError {
    let before = e.clone();
    let err = match act(e, action.clone()) {
        Ok(done) => panic!("{action} should be refused, but: {}", done.description),
        Err(err) => err,
    };
    assert_eq!(*e, before, "{action} was refused ({err}) but changed the estate");
    err
}

/// The main resources of the world, by role.
#[derive(Clone)]
pub struct World {
    pub e: Estate,
    /// VPC-1, 10.1.0.0/16, account A, with an internet gateway, two subnets and a public host.
    pub vpc1: String,
    pub rt1: String,
    pub acl1: String,
    pub sg1: String,
    pub s1a: String,
    pub s1b: String,
    pub igw: String,
    pub web: String,
    /// VPC-2, 10.2.0.0/16, account A, peered with VPC-1 (active) and attached to the transit gateway.
    pub vpc2: String,
    pub rt2: String,
    pub sg2: String,
    pub s2a: String,
    pub db: String,
    /// VPC-3, 10.3.0.0/16, account B; a peering request from VPC-1 awaits its acceptance.
    pub vpc3: String,
    pub rt3: String,
    pub sg3: String,
    pub s3a: String,
    pub pcx12: String,
    pub pcx13: String,
    /// A gateway endpoint for S3 on VPC-1's main route table.
    pub s3_endpoint: String,
    pub tgw: String,
    pub tgw_rt: String,
    pub att2: String,
}

fn id(done: &Applied, i: usize) -> String {
    done.created[i].clone()
}

pub fn world() -> World {
    let mut e = Estate::default();
    let v1 = ok(
        &mut e,
        json!({"action": "create_vpc", "cidr": "10.1.0.0/16", "account": A, "name": "VPC-1"}),
    );
    let (vpc1, rt1, acl1, sg1) = (id(&v1, 0), id(&v1, 1), id(&v1, 2), id(&v1, 3));
    let s1a = id(
        &ok(
            &mut e,
            json!({"action": "create_subnet", "vpc": vpc1, "cidr": "10.1.1.0/24", "availability_zone": "us-east-1a"}),
        ),
        0,
    );
    let s1b = id(
        &ok(
            &mut e,
            json!({"action": "create_subnet", "vpc": vpc1, "cidr": "10.1.2.0/24", "availability_zone": "us-east-1b"}),
        ),
        0,
    );
    let v2 = ok(
        &mut e,
        json!({"action": "create_vpc", "cidr": "10.2.0.0/16", "account": A}),
    );
    let (vpc2, rt2, sg2) = (id(&v2, 0), id(&v2, 1), id(&v2, 3));
    let s2a = id(
        &ok(
            &mut e,
            json!({"action": "create_subnet", "vpc": vpc2, "cidr": "10.2.1.0/24", "availability_zone": "us-east-1a"}),
        ),
        0,
    );
    let v3 = ok(
        &mut e,
        json!({"action": "create_vpc", "cidr": "10.3.0.0/16", "account": B}),
    );
    let (vpc3, rt3, sg3) = (id(&v3, 0), id(&v3, 1), id(&v3, 3));
    let s3a = id(
        &ok(
            &mut e,
            json!({"action": "create_subnet", "vpc": vpc3, "cidr": "10.3.1.0/24", "availability_zone": "us-east-1a", "account": B}),
        ),
        0,
    );

    let igw = id(
        &ok(&mut e, json!({"action": "create_internet_gateway", "account": A})),
        0,
    );
    ok(
        &mut e,
        json!({"action": "attach_internet_gateway", "internet_gateway": igw, "vpc": vpc1}),
    );
    ok(
        &mut e,
        json!({"action": "create_route", "route_table": rt1, "destination": "0.0.0.0/0", "target": igw}),
    );

    let pcx12 = id(
        &ok(
            &mut e,
            json!({"action": "request_peering", "vpc": vpc1, "peer_vpc": vpc2, "account": A}),
        ),
        0,
    );
    ok(
        &mut e,
        json!({"action": "accept_peering", "peering": pcx12, "account": A}),
    );
    ok(
        &mut e,
        json!({"action": "create_route", "route_table": rt1, "destination": "10.2.0.0/16", "target": pcx12}),
    );
    ok(
        &mut e,
        json!({"action": "create_route", "route_table": rt2, "destination": "10.1.0.0/16", "target": pcx12}),
    );
    let pcx13 = id(
        &ok(
            &mut e,
            json!({"action": "request_peering", "vpc": vpc1, "peer_vpc": vpc3, "peer_owner": B, "account": A}),
        ),
        0,
    );

    let web = id(
        &ok(
            &mut e,
            json!({"action": "launch_instance", "subnet": s1a, "public_ip": true, "name": "web"}),
        ),
        0,
    );
    let db = id(
        &ok(
            &mut e,
            json!({"action": "launch_instance", "subnet": s2a, "private_ip": "10.2.1.10", "name": "db"}),
        ),
        0,
    );
    let s3_endpoint = id(
        &ok(
            &mut e,
            json!({"action": "create_gateway_endpoint", "vpc": vpc1, "service": "s3", "route_tables": [rt1]}),
        ),
        0,
    );

    let t = ok(&mut e, json!({"action": "create_transit_gateway", "account": A}));
    let (tgw, tgw_rt) = (id(&t, 0), id(&t, 1));
    let att2 = id(
        &ok(
            &mut e,
            json!({"action": "create_transit_gateway_attachment", "transit_gateway": tgw, "vpc": vpc2, "subnets": [s2a]}),
        ),
        0,
    );

    World {
        e,
        vpc1,
        rt1,
        acl1,
        sg1,
        s1a,
        s1b,
        igw,
        web,
        vpc2,
        rt2,
        sg2,
        s2a,
        db,
        vpc3,
        rt3,
        sg3,
        s3a,
        pcx12,
        pcx13,
        s3_endpoint,
        tgw,
        tgw_rt,
        att2,
    }
}

/// The route of a table to a destination (CIDR or prefix list as printed).
pub fn route<'a>(e: &'a Estate, rt: &str, dest: &str) -> Option<&'a Route> {
    e.route_tables[&RouteTableId::from(rt)]
        .routes
        .iter()
        .find(|r| r.destination.to_string() == dest)
}

/// One valid-looking JSON of every action, against the world (they need not all succeed).
pub fn samples(w: &World) -> Vec<Value> {
    vec![
        json!({"action": "create_route", "route_table": w.rt2, "destination": "10.9.0.0/16", "target": w.tgw}),
        json!({"action": "replace_route", "route_table": w.rt1, "destination": "10.2.0.0/16", "target": w.pcx12}),
        json!({"action": "delete_route", "route_table": w.rt1, "destination": "0.0.0.0/0"}),
        json!({"action": "create_route_table", "vpc": w.vpc1, "name": "private"}),
        json!({"action": "delete_route_table", "route_table": w.rt1}),
        json!({"action": "associate_route_table", "route_table": w.rt1, "subnet": w.s1a}),
        json!({"action": "disassociate_route_table", "subnet": w.s1a}),
        json!({"action": "replace_main_route_table", "route_table": w.rt1}),
        json!({"action": "request_peering", "vpc": w.vpc2, "peer_vpc": w.vpc3, "peer_owner": B, "peer_region": "us-east-1", "name": "2-3"}),
        json!({"action": "accept_peering", "peering": w.pcx13, "account": B}),
        json!({"action": "reject_peering", "peering": w.pcx13, "account": B}),
        json!({"action": "delete_peering", "peering": w.pcx12}),
        json!({"action": "create_vpc", "cidr": "10.4.0.0/16", "region": "us-east-1", "name": "VPC-4", "account": A}),
        json!({"action": "add_vpc_cidr", "vpc": w.vpc1, "cidr": "10.11.0.0/16"}),
        json!({"action": "remove_vpc_cidr", "vpc": w.vpc1, "cidr": "10.11.0.0/16"}),
        json!({"action": "associate_vpc_ipv6_cidr", "vpc": w.vpc1}),
        json!({"action": "associate_subnet_ipv6_cidr", "subnet": w.s1a, "cidr": "2600:1f18:0:1::/64"}),
        json!({"action": "create_egress_only_internet_gateway", "vpc": w.vpc1, "name": "out6"}),
        json!({"action": "delete_egress_only_internet_gateway", "egress_only_internet_gateway": "eigw-0123456789abcdef0"}),
        json!({"action": "modify_vpc_attribute", "vpc": w.vpc1, "enable_dns_support": true, "enable_dns_hostnames": true}),
        json!({"action": "create_subnet", "vpc": w.vpc1, "cidr": "10.1.3.0/24", "availability_zone": "us-east-1c", "name": "c"}),
        json!({"action": "create_internet_gateway", "region": "us-east-1", "name": "igw", "account": A}),
        json!({"action": "attach_internet_gateway", "internet_gateway": w.igw, "vpc": w.vpc2}),
        json!({"action": "detach_internet_gateway", "internet_gateway": w.igw, "vpc": w.vpc1}),
        json!({"action": "create_nat_gateway", "subnet": w.s1a, "private": false, "name": "nat"}),
        json!({"action": "delete_nat_gateway", "nat_gateway": "nat-0000000000000000a"}),
        json!({"action": "create_gateway_endpoint", "vpc": w.vpc2, "service": "dynamodb", "route_tables": [w.rt2]}),
        json!({"action": "create_interface_endpoint", "vpc": w.vpc1, "service": "ssm", "subnets": [w.s1a, w.s1b], "security_groups": [w.sg1], "private_dns": false}),
        json!({"action": "modify_gateway_endpoint", "endpoint": w.s3_endpoint, "add_route_tables": [], "remove_route_tables": [w.rt1]}),
        json!({"action": "delete_endpoint", "endpoint": w.s3_endpoint}),
        json!({"action": "create_transit_gateway", "region": "us-east-1", "default_association": false, "default_propagation": true, "account": A}),
        json!({"action": "create_transit_gateway_route_table", "transit_gateway": w.tgw, "name": "prod"}),
        json!({"action": "create_transit_gateway_attachment", "transit_gateway": w.tgw, "vpc": w.vpc1, "subnets": [w.s1a, w.s1b]}),
        json!({"action": "associate_transit_gateway_route_table", "transit_gateway_route_table": w.tgw_rt, "transit_gateway_attachment": w.att2}),
        json!({"action": "disassociate_transit_gateway_route_table", "transit_gateway_route_table": w.tgw_rt, "transit_gateway_attachment": w.att2}),
        json!({"action": "enable_transit_gateway_propagation", "transit_gateway_route_table": w.tgw_rt, "transit_gateway_attachment": w.att2}),
        json!({"action": "disable_transit_gateway_propagation", "transit_gateway_route_table": w.tgw_rt, "transit_gateway_attachment": w.att2}),
        json!({"action": "create_transit_gateway_route", "transit_gateway_route_table": w.tgw_rt, "destination": "10.99.0.0/16", "blackhole": true}),
        json!({"action": "delete_transit_gateway_route", "transit_gateway_route_table": w.tgw_rt, "destination": "10.99.0.0/16"}),
        json!({"action": "share_subnet", "subnet": w.s1b, "with_account": B}),
        json!({"action": "create_security_group", "vpc": w.vpc1, "name": "web", "description": "web servers"}),
        json!({"action": "add_security_group_rule", "security_group": w.sg1, "direction": "ingress", "protocol": "tcp", "from_port": 443, "to_port": 443, "cidr": "0.0.0.0/0", "description": "https"}),
        json!({"action": "remove_security_group_rule", "security_group": w.sg1, "direction": "egress", "protocol": "-1", "cidr": "0.0.0.0/0"}),
        json!({"action": "add_network_acl_entry", "network_acl": w.acl1, "rule_number": 90, "egress": false, "protocol": "tcp", "rule_action": "deny", "cidr": "192.0.2.0/24", "from_port": 22, "to_port": 22}),
        json!({"action": "replace_network_acl_entry", "network_acl": w.acl1, "rule_number": 100, "egress": true, "protocol": "icmp", "rule_action": "allow", "cidr": "0.0.0.0/0", "icmp_type": 8}),
        json!({"action": "remove_network_acl_entry", "network_acl": w.acl1, "rule_number": 100, "egress": true}),
        json!({"action": "launch_instance", "subnet": w.s1b, "private_ip": "10.1.2.20", "public_ip": false, "security_groups": [w.sg1], "name": "app"}),
        json!({"action": "delete_transit_gateway_attachment", "transit_gateway_attachment": w.att2}),
        json!({"action": "modify_transit_gateway_attachment", "transit_gateway_attachment": w.att2, "add_subnets": [w.s1a], "remove_subnets": [w.s2a]}),
        json!({"action": "delete_transit_gateway_route_table", "transit_gateway_route_table": w.tgw_rt}),
        json!({"action": "delete_transit_gateway", "transit_gateway": w.tgw, "account": A}),
        json!({"action": "delete_subnet", "subnet": w.s1b}),
        json!({"action": "delete_vpc", "vpc": w.vpc3, "account": B}),
        json!({"action": "delete_internet_gateway", "internet_gateway": w.igw}),
        json!({"action": "delete_security_group", "security_group": w.sg2}),
        json!({"action": "terminate_instance", "instance": w.web}),
        json!({"action": "create_vpn_gateway", "region": "us-east-1", "amazon_side_asn": 65010, "name": "to-dc", "account": A}),
        json!({"action": "attach_vpn_gateway", "vpn_gateway": "vgw-0123456789abcdef0", "vpc": w.vpc1}),
        json!({"action": "detach_vpn_gateway", "vpn_gateway": "vgw-0123456789abcdef0", "vpc": w.vpc1}),
        json!({"action": "delete_vpn_gateway", "vpn_gateway": "vgw-0123456789abcdef0"}),
        json!({"action": "create_customer_gateway", "ip_address": "203.0.113.12", "bgp_asn": 65001, "region": "us-east-1", "name": "dc1", "account": A}),
        json!({"action": "delete_customer_gateway", "customer_gateway": "cgw-0123456789abcdef0"}),
        json!({"action": "create_vpn_connection", "customer_gateway": "cgw-0123456789abcdef0", "vpn_gateway": "vgw-0123456789abcdef0", "static_routes_only": true, "name": "vpn"}),
        json!({"action": "delete_vpn_connection", "vpn_connection": "vpn-0123456789abcdef0"}),
        json!({"action": "create_vpn_connection_route", "vpn_connection": "vpn-0123456789abcdef0", "destination": "192.168.0.0/16"}),
        json!({"action": "delete_vpn_connection_route", "vpn_connection": "vpn-0123456789abcdef0", "destination": "192.168.0.0/16"}),
        json!({"action": "enable_vgw_route_propagation", "route_table": w.rt1, "vpn_gateway": "vgw-0123456789abcdef0"}),
        json!({"action": "disable_vgw_route_propagation", "route_table": w.rt1, "vpn_gateway": "vgw-0123456789abcdef0"}),
        json!({"action": "create_direct_connect_gateway", "name": "dx", "amazon_side_asn": 64600, "region": "us-east-1", "account": A}),
        json!({"action": "delete_direct_connect_gateway", "direct_connect_gateway": "5f294f92-bafb-4011-916d-9b0b0e2a5c1d"}),
        json!({"action": "create_direct_connect_gateway_association", "direct_connect_gateway": "5f294f92-bafb-4011-916d-9b0b0e2a5c1d", "transit_gateway": w.tgw, "allowed_prefixes": ["10.0.0.0/8"]}),
        json!({"action": "delete_direct_connect_gateway_association", "association_id": "6a7ac5b2-1c0e-4b6a-9d8e-2b2d0b7b1c11"}),
    ]
}
