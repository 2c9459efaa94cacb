//! Every refusal: the action, AWS's error code, and a piece of the message. Each case runs on a
//! fresh copy of the world and must leave it unchanged.

use serde_json::json;
use vpclab_core::model::*;

use crate::world::*;

/// A message fragment built at run time, kept for the whole test.
fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

#[test]
fn refusals_table() {
    let w = world();
    let nat_gone = "nat-0123456789abcdef0";
    let cases = vec![
        // Routes.
        ("unknown route table", json!({"action": "create_route", "route_table": "rtb-0123456789abcdef0", "destination": "10.9.0.0/16", "target": w.igw}), "InvalidRouteTableID.NotFound", "'rtb-0123456789abcdef0' does not exist"),
        ("unknown route table: the ones there are", json!({"action": "create_route", "route_table": "rtb-0123456789abcdef0", "destination": "10.9.0.0/16", "target": w.igw}), "InvalidRouteTableID.NotFound", leak(format!("route tables here: {}", w.e.route_tables.keys().next().unwrap()))),
        ("unknown VPC: the ones there are", json!({"action": "create_route_table", "vpc": "vpc-0123456789abcdef0"}), "InvalidVpcID.NotFound", leak(format!("VPCs here: {}", w.e.vpcs.keys().next().unwrap()))),
        ("unknown peering target: the VPC's peerings", json!({"action": "create_route", "route_table": w.rt1, "destination": "10.9.0.0/16", "target": "pcx-0123456789abcdef0"}), "InvalidVpcPeeringConnectionID.NotFound", leak(format!("peering connections of {} here: ", w.vpc1))),
        ("route table of another account", json!({"action": "create_route", "route_table": w.rt3, "destination": "10.9.0.0/16", "target": "local", "account": A}), "InvalidRouteTableID.NotFound", leak(format!("does not exist for account {A}: it is account {B}'s (route tables here: "))),
        ("host bits set", json!({"action": "create_route", "route_table": w.rt1, "destination": "10.0.0.1/16", "target": w.igw}), "InvalidParameterValue", "The destination CIDR block 10.0.0.1/16 is not valid: did you mean 10.0.0.0/16?"),
        ("not a CIDR", json!({"action": "create_route", "route_table": w.rt1, "destination": "10.0.0/16", "target": w.igw}), "InvalidParameterValue", "This is not a valid CIDR block"),
        ("unknown target kind", json!({"action": "create_route", "route_table": w.rt1, "destination": "10.9.0.0/16", "target": "lgw-0123"}), "InvalidParameterValue", "igw-, eigw-, nat-, pcx-"),
        ("target a tgw attachment", json!({"action": "create_route", "route_table": w.rt2, "destination": "10.9.0.0/16", "target": w.att2}), "InvalidParameterValue", "not an attachment"),
        ("unknown gateway", json!({"action": "create_route", "route_table": w.rt1, "destination": "10.9.0.0/16", "target": "igw-0123456789abcdef0"}), "InvalidGatewayID.NotFound", "The gateway ID 'igw-0123456789abcdef0' does not exist"),
        ("gateway of another VPC", json!({"action": "create_route", "route_table": w.rt2, "destination": "0.0.0.0/0", "target": w.igw}), "InvalidParameterValue", leak(format!("route table {} and network gateway {} belong to different networks", w.rt2, w.igw))),
        ("the VPC CIDR itself", json!({"action": "create_route", "route_table": w.rt1, "destination": "10.1.0.0/16", "target": w.pcx12}), "RouteAlreadyExists", "The route identified by 10.1.0.0/16 already exists."),
        ("duplicate destination", json!({"action": "create_route", "route_table": w.rt1, "destination": "0.0.0.0/0", "target": w.igw}), "RouteAlreadyExists", "The route identified by 0.0.0.0/0 already exists."),
        ("more specific than local to an igw", json!({"action": "create_route", "route_table": w.rt1, "destination": "10.1.1.0/24", "target": w.igw}), "InvalidParameterValue", "more specific than 10.1.0.0/16"),
        ("more specific than local, not a whole subnet", json!({"action": "create_route", "route_table": w.rt1, "destination": "10.1.1.0/25", "target": w.web}), "InvalidParameterValue", "more specific than 10.1.0.0/16"),
        ("unknown peering", json!({"action": "create_route", "route_table": w.rt1, "destination": "10.9.0.0/16", "target": "pcx-0123456789abcdef0"}), "InvalidVpcPeeringConnectionID.NotFound", "does not exist"),
        ("peering of other VPCs", json!({"action": "create_route", "route_table": w.rt3, "destination": "10.2.0.0/16", "target": w.pcx12, "account": B}), "InvalidParameterValue", "belong to different networks"),
        ("transit gateway not attached to the VPC", json!({"action": "create_route", "route_table": w.rt1, "destination": "10.9.0.0/16", "target": w.tgw}), "InvalidTransitGatewayID.NotFound", "attach the VPC"),
        ("local target", json!({"action": "create_route", "route_table": w.rt1, "destination": "10.9.0.0/16", "target": "local"}), "InvalidParameterValue", "local target"),
        ("gateway endpoint as target", json!({"action": "create_route", "route_table": w.rt1, "destination": "10.9.0.0/16", "target": w.s3_endpoint}), "InvalidParameterValue", "modify_gateway_endpoint"),
        ("unknown interface", json!({"action": "create_route", "route_table": w.rt1, "destination": "10.9.0.0/16", "target": "eni-0123456789abcdef0"}), "InvalidNetworkInterfaceID.NotFound", "does not exist"),
        ("unknown NAT gateway", json!({"action": "create_route", "route_table": w.rt1, "destination": "10.9.0.0/16", "target": nat_gone}), "InvalidNatGatewayID.NotFound", "does not exist"),
        ("unknown instance", json!({"action": "create_route", "route_table": w.rt1, "destination": "10.9.0.0/16", "target": "i-0123456789abcdef0"}), "InvalidInstanceID.NotFound", "does not exist"),
        ("instance of another VPC", json!({"action": "create_route", "route_table": w.rt1, "destination": "10.9.0.0/16", "target": w.db}), "InvalidParameterValue", "belong to different networks"),
        ("unknown prefix list", json!({"action": "create_route", "route_table": w.rt1, "destination": "pl-12345678", "target": w.igw}), "InvalidPrefixListID.NotFound", "'pl-12345678' does not exist"),
        ("delete the local route", json!({"action": "delete_route", "route_table": w.rt1, "destination": "10.1.0.0/16"}), "InvalidParameterValue", "cannot remove local route 10.1.0.0/16"),
        ("delete a missing route", json!({"action": "delete_route", "route_table": w.rt1, "destination": "10.9.0.0/16"}), "InvalidRoute.NotFound", leak(format!("no route with destination-cidr-block 10.9.0.0/16 in route table {}", w.rt1))),
        ("delete a gateway endpoint's route", json!({"action": "delete_route", "route_table": w.rt1, "destination": "pl-63a5400a"}), "InvalidParameterValue", "belongs to gateway endpoint"),
        ("replace a missing route", json!({"action": "replace_route", "route_table": w.rt1, "destination": "10.9.0.0/16", "target": w.igw}), "InvalidParameterValue", "Use CreateRoute instead."),
        ("replace the local route", json!({"action": "replace_route", "route_table": w.rt1, "destination": "10.1.0.0/16", "target": w.igw}), "InvalidParameterValue", "cannot replace local route"),
        ("replace with a target of another VPC", json!({"action": "replace_route", "route_table": w.rt2, "destination": "10.1.0.0/16", "target": w.igw}), "InvalidParameterValue", "belong to different networks"),
        ("associate a subnet of another VPC", json!({"action": "associate_route_table", "route_table": w.rt1, "subnet": w.s2a}), "InvalidParameterValue", leak(format!("Route table {} and subnet {} belong to different networks", w.rt1, w.s2a))),
        ("associate an unknown subnet", json!({"action": "associate_route_table", "route_table": w.rt1, "subnet": "subnet-0123456789abcdef0"}), "InvalidSubnetID.NotFound", "The subnet ID 'subnet-0123456789abcdef0' does not exist"),
        ("disassociate a subnet on the main table", json!({"action": "disassociate_route_table", "subnet": w.s1a}), "InvalidAssociationID.NotFound", "main route table"),
        ("delete the main route table", json!({"action": "delete_route_table", "route_table": w.rt1}), "DependencyViolation", "has dependencies and cannot be deleted"),
        ("main table of an unknown table", json!({"action": "replace_main_route_table", "route_table": "rtb-0123456789abcdef0"}), "InvalidRouteTableID.NotFound", "does not exist"),
        ("route table in an unknown VPC", json!({"action": "create_route_table", "vpc": "vpc-0123456789abcdef0"}), "InvalidVpcID.NotFound", "The vpc ID 'vpc-0123456789abcdef0' does not exist"),
        // Peering.
        ("peer with itself", json!({"action": "request_peering", "vpc": w.vpc1, "peer_vpc": w.vpc1}), "InvalidParameterValue", "cannot be peered with itself"),
        ("peer with an unknown VPC of the same account", json!({"action": "request_peering", "vpc": w.vpc1, "peer_vpc": "vpc-0123456789abcdef0"}), "InvalidVpcID.NotFound", "'vpc-0123456789abcdef0' does not exist"),
        ("peer with another account's VPC, its owner not named", json!({"action": "request_peering", "vpc": w.vpc2, "peer_vpc": w.vpc3}), "InvalidVpcID.NotFound", leak(format!("it is in account {B}, us-east-1. To peer with it, name its owner's account ID, {B} (peer_owner) in the request"))),
        ("request from another account's VPC", json!({"action": "request_peering", "vpc": w.vpc3, "peer_vpc": w.vpc1, "account": A}), "InvalidVpcID.NotFound", "does not exist"),
        ("a second peering between the pair", json!({"action": "request_peering", "vpc": w.vpc2, "peer_vpc": w.vpc1}), "VpcPeeringConnectionAlreadyExists", leak(format!("already exists ({}, active)", w.pcx12))),
        ("a second request while one is pending", json!({"action": "request_peering", "vpc": w.vpc1, "peer_vpc": w.vpc3, "peer_owner": B}), "VpcPeeringConnectionAlreadyExists", "pending-acceptance"),
        ("accept as the requester", json!({"action": "accept_peering", "peering": w.pcx13, "account": A}), "OperationNotPermitted", leak(format!("User ({A}) cannot accept peering {}", w.pcx13))),
        ("accept an active peering", json!({"action": "accept_peering", "peering": w.pcx12}), "InvalidStateTransition", leak(format!("Invalid state transition for {}, attempted to transition from active to active", w.pcx12))),
        ("accept an unknown peering", json!({"action": "accept_peering", "peering": "pcx-0123456789abcdef0"}), "InvalidVpcPeeringConnectionID.NotFound", "The vpcPeeringConnection ID 'pcx-0123456789abcdef0' does not exist"),
        ("accept as an outsider", json!({"action": "accept_peering", "peering": w.pcx13, "account": C}), "InvalidVpcPeeringConnectionID.NotFound", "does not exist"),
        ("reject an active peering", json!({"action": "reject_peering", "peering": w.pcx12}), "InvalidStateTransition", "from active to rejected"),
        ("reject as the requester", json!({"action": "reject_peering", "peering": w.pcx13, "account": A}), "OperationNotPermitted", "cannot reject"),
        ("delete a pending request as the accepter", json!({"action": "delete_peering", "peering": w.pcx13, "account": B}), "OperationNotPermitted", "reject it instead"),
        ("malformed acting account", json!({"action": "accept_peering", "peering": w.pcx13, "account": "2222"}), "InvalidParameterValue", "12 digits"),
        ("malformed peer owner", json!({"action": "request_peering", "vpc": w.vpc2, "peer_vpc": w.vpc3, "peer_owner": "bob"}), "InvalidParameterValue", "12 digits"),
        ("malformed peer region", json!({"action": "request_peering", "vpc": w.vpc2, "peer_vpc": w.vpc3, "peer_owner": B, "peer_region": "mars"}), "InvalidRegion", "us-east-1"),
        // VPCs and subnets.
        ("VPC larger than /16", json!({"action": "create_vpc", "cidr": "10.0.0.0/8", "account": A}), "InvalidVpc.Range", "between /16 and /28"),
        ("VPC smaller than /28", json!({"action": "create_vpc", "cidr": "10.0.0.0/29", "account": A}), "InvalidVpc.Range", "The CIDR '10.0.0.0/29' is invalid"),
        ("VPC with host bits", json!({"action": "create_vpc", "cidr": "10.4.0.1/16", "account": A}), "InvalidParameterValue", "did you mean 10.4.0.0/16?"),
        ("IPv6 primary CIDR", json!({"action": "create_vpc", "cidr": "2001:db8::/56", "account": A}), "InvalidParameterValue", "IPv4"),
        ("who creates, in a two-account estate", json!({"action": "create_vpc", "cidr": "10.4.0.0/16"}), "MissingParameter", leak(format!("{A}, {B}"))),
        ("bad region", json!({"action": "create_vpc", "cidr": "10.4.0.0/16", "account": A, "region": "us-east"}), "InvalidRegion", "us-east"),
        ("secondary CIDR overlapping", json!({"action": "add_vpc_cidr", "vpc": w.vpc1, "cidr": "10.1.128.0/17"}), "InvalidVpc.Range", "overlaps 10.1.0.0/16"),
        ("secondary CIDR from another RFC 1918 range", json!({"action": "add_vpc_cidr", "vpc": w.vpc1, "cidr": "172.16.0.0/16"}), "InvalidVpc.Range", "another RFC 1918 range"),
        ("secondary CIDR as large as a route destination", json!({"action": "add_vpc_cidr", "vpc": w.vpc1, "cidr": "10.2.0.0/16"}), "InvalidVpc.Range", "has a route to 10.2.0.0/16"),
        ("remove the primary CIDR", json!({"action": "remove_vpc_cidr", "vpc": w.vpc1, "cidr": "10.1.0.0/16"}), "OperationNotPermitted", "primary IPv4 CIDR block"),
        ("remove a CIDR the VPC does not have", json!({"action": "remove_vpc_cidr", "vpc": w.vpc1, "cidr": "10.11.0.0/16"}), "InvalidVpcCidrBlockAssociationID.NotFound", "not associated"),
        ("subnet outside the VPC", json!({"action": "create_subnet", "vpc": w.vpc1, "cidr": "10.8.0.0/24", "availability_zone": "us-east-1a"}), "InvalidSubnet.Range", "The CIDR '10.8.0.0/24' is invalid"),
        ("subnet smaller than /28", json!({"action": "create_subnet", "vpc": w.vpc1, "cidr": "10.1.9.0/29", "availability_zone": "us-east-1a"}), "InvalidSubnet.Range", "between /16 and /28"),
        ("subnet overlapping another", json!({"action": "create_subnet", "vpc": w.vpc1, "cidr": "10.1.1.128/25", "availability_zone": "us-east-1a"}), "InvalidSubnet.Conflict", "The CIDR '10.1.1.128/25' conflicts with another subnet"),
        ("subnet in another region's zone", json!({"action": "create_subnet", "vpc": w.vpc1, "cidr": "10.1.9.0/24", "availability_zone": "us-west-2a"}), "InvalidParameterValue", "us-east-1a, us-east-1b"),
        ("subnet in another account's VPC", json!({"action": "create_subnet", "vpc": w.vpc3, "cidr": "10.3.9.0/24", "availability_zone": "us-east-1a", "account": A}), "InvalidVpcID.NotFound", "does not exist"),
        ("DNS hostnames without DNS support", json!({"action": "modify_vpc_attribute", "vpc": w.vpc1, "enable_dns_support": false, "enable_dns_hostnames": true}), "InvalidParameterValue", "DNS support"),
        ("modify nothing", json!({"action": "modify_vpc_attribute", "vpc": w.vpc1}), "MissingParameter", "enable_dns"),
        // Gateways.
        ("attach an attached gateway", json!({"action": "attach_internet_gateway", "internet_gateway": w.igw, "vpc": w.vpc2}), "Resource.AlreadyAssociated", leak(format!("resource {} is already attached to network {}", w.igw, w.vpc1))),
        ("detach from the wrong VPC", json!({"action": "detach_internet_gateway", "internet_gateway": w.igw, "vpc": w.vpc2}), "Gateway.NotAttached", leak(format!("resource {} is not attached to network {}", w.igw, w.vpc2))),
        ("detach while a public address is mapped", json!({"action": "detach_internet_gateway", "internet_gateway": w.igw, "vpc": w.vpc1}), "DependencyViolation", leak(format!("has some mapped public address(es). Please unmap those public address(es) before detaching the gateway. ({})", w.web))),
        ("attach an unknown gateway", json!({"action": "attach_internet_gateway", "internet_gateway": "igw-0123456789abcdef0", "vpc": w.vpc2}), "InvalidInternetGatewayID.NotFound", "does not exist"),
        ("public NAT gateway without an internet gateway", json!({"action": "create_nat_gateway", "subnet": w.s2a}), "Gateway.NotAttached", leak(format!("Network {} has no Internet gateway attached", w.vpc2))),
        ("NAT gateway in an unknown subnet", json!({"action": "create_nat_gateway", "subnet": "subnet-0123456789abcdef0", "private": true}), "InvalidSubnetID.NotFound", "does not exist"),
        ("delete an unknown NAT gateway", json!({"action": "delete_nat_gateway", "nat_gateway": nat_gone}), "InvalidNatGatewayID.NotFound", "does not exist"),
        // Endpoints.
        ("gateway endpoint for a service without one", json!({"action": "create_gateway_endpoint", "vpc": w.vpc1, "service": "ec2", "route_tables": [w.rt1]}), "InvalidServiceName", "The Vpc Endpoint Service 'ec2' does not exist"),
        ("gateway endpoint for another region", json!({"action": "create_gateway_endpoint", "vpc": w.vpc1, "service": "com.amazonaws.eu-west-1.s3"}), "InvalidServiceName", "does not exist"),
        ("gateway endpoint with a table of another VPC", json!({"action": "create_gateway_endpoint", "vpc": w.vpc1, "service": "dynamodb", "route_tables": [w.rt2]}), "InvalidParameterValue", "not to"),
        ("second S3 endpoint on the same table", json!({"action": "create_gateway_endpoint", "vpc": w.vpc1, "service": "s3", "route_tables": [w.rt1]}), "RouteAlreadyExists", "pl-63a5400a already exists"),
        ("interface endpoint with two subnets in one zone", json!({"action": "create_interface_endpoint", "vpc": w.vpc1, "service": "ssm", "subnets": [w.s1a, w.s1a], "private_dns": false}), "DuplicateSubnetsInSameZone", "Found another VPC endpoint subnet in the availability zone"),
        ("private DNS without DNS hostnames", json!({"action": "create_interface_endpoint", "vpc": w.vpc1, "service": "ssm", "subnets": [w.s1a]}), "InvalidParameter", "enableDnsHostnames"),
        ("interface endpoint without subnets", json!({"action": "create_interface_endpoint", "vpc": w.vpc1, "service": "ssm", "subnets": []}), "MissingParameter", "at least one subnet"),
        ("interface endpoint with a group of another VPC", json!({"action": "create_interface_endpoint", "vpc": w.vpc1, "service": "ssm", "subnets": [w.s1a], "security_groups": [w.sg2], "private_dns": false}), "InvalidParameter", "belong to different networks"),
        ("modify a missing association", json!({"action": "modify_gateway_endpoint", "endpoint": w.s3_endpoint, "remove_route_tables": [w.rt2]}), "InvalidParameter", "not associated"),
        ("delete an unknown endpoint", json!({"action": "delete_endpoint", "endpoint": "vpce-0123456789abcdef0"}), "InvalidVpcEndpointId.NotFound", "does not exist"),
        // Transit gateways.
        ("attach to an unknown transit gateway", json!({"action": "create_transit_gateway_attachment", "transit_gateway": "tgw-0123456789abcdef0", "vpc": w.vpc1, "subnets": [w.s1a]}), "InvalidTransitGatewayID.NotFound", "does not exist"),
        ("attach two subnets of one zone", json!({"action": "create_transit_gateway_attachment", "transit_gateway": w.tgw, "vpc": w.vpc1, "subnets": [w.s1a, w.s1a]}), "DuplicateSubnetsInSameZone", "us-east-1a"),
        ("attach a VPC twice", json!({"action": "create_transit_gateway_attachment", "transit_gateway": w.tgw, "vpc": w.vpc2, "subnets": [w.s2a]}), "DuplicateTransitGatewayAttachment", "has non-deleted Transit Gateway Attachments with same VPC ID"),
        ("attach with a subnet of another VPC", json!({"action": "create_transit_gateway_attachment", "transit_gateway": w.tgw, "vpc": w.vpc1, "subnets": [w.s2a]}), "InvalidParameterValue", "not to"),
        ("attach with no subnet", json!({"action": "create_transit_gateway_attachment", "transit_gateway": w.tgw, "vpc": w.vpc1, "subnets": []}), "MissingParameter", "at least one subnet"),
        ("associate an associated attachment", json!({"action": "associate_transit_gateway_route_table", "transit_gateway_route_table": w.tgw_rt, "transit_gateway_attachment": w.att2}), "Resource.AlreadyAssociated", leak(format!("Transit Gateway Attachment {} is already associated to a route table", w.att2))),
        ("propagate twice", json!({"action": "enable_transit_gateway_propagation", "transit_gateway_route_table": w.tgw_rt, "transit_gateway_attachment": w.att2}), "TransitGatewayRouteTablePropagation.Duplicate", "already enabled"),
        ("unknown transit gateway route table", json!({"action": "create_transit_gateway_route", "transit_gateway_route_table": "tgw-rtb-0123456789abcdef0", "destination": "10.9.0.0/16", "blackhole": true}), "InvalidRouteTableID.NotFound", "was deleted or does not exist"),
        ("unknown attachment", json!({"action": "disassociate_transit_gateway_route_table", "transit_gateway_route_table": w.tgw_rt, "transit_gateway_attachment": "tgw-attach-0123456789abcdef0"}), "InvalidTransitGatewayAttachmentID.NotFound", "was deleted or does not exist"),
        ("route both to an attachment and a blackhole", json!({"action": "create_transit_gateway_route", "transit_gateway_route_table": w.tgw_rt, "destination": "10.9.0.0/16", "transit_gateway_attachment": w.att2, "blackhole": true}), "InvalidParameterCombination", "not both"),
        ("route to nowhere", json!({"action": "create_transit_gateway_route", "transit_gateway_route_table": w.tgw_rt, "destination": "10.9.0.0/16"}), "MissingParameter", "blackhole"),
        ("transit gateway route with host bits", json!({"action": "create_transit_gateway_route", "transit_gateway_route_table": w.tgw_rt, "destination": "10.9.0.1/16", "blackhole": true}), "InvalidParameterValue", "did you mean 10.9.0.0/16?"),
        ("delete a missing transit gateway route", json!({"action": "delete_transit_gateway_route", "transit_gateway_route_table": w.tgw_rt, "destination": "10.9.0.0/16"}), "InvalidRoute.NotFound", "No static route with destination-cidr-block 10.9.0.0/16"),
        // Sharing.
        ("share with the owner", json!({"action": "share_subnet", "subnet": w.s1a, "with_account": A}), "InvalidParameter", "owns"),
        ("share another account's subnet", json!({"action": "share_subnet", "subnet": w.s3a, "with_account": C, "account": A}), "InvalidSubnetID.NotFound", "does not exist"),
        ("share with a malformed account", json!({"action": "share_subnet", "subnet": w.s1a, "with_account": "12"}), "InvalidParameterValue", "12 digits"),
        // Security groups and network ACLs.
        ("a group named default", json!({"action": "create_security_group", "vpc": w.vpc1, "name": "default"}), "InvalidGroup.Reserved", "reserved"),
        ("a group without a name", json!({"action": "create_security_group", "vpc": w.vpc1, "name": " "}), "MissingParameter", "groupName"),
        ("a rule that exists", json!({"action": "add_security_group_rule", "security_group": w.sg1, "direction": "egress", "protocol": "-1", "cidr": "0.0.0.0/0"}), "InvalidPermission.Duplicate", "the specified rule \"peer: 0.0.0.0/0, ALL, ALLOW\" already exists"),
        ("TCP without ports", json!({"action": "add_security_group_rule", "security_group": w.sg1, "direction": "ingress", "protocol": "tcp", "cidr": "0.0.0.0/0"}), "InvalidParameterValue", "Must specify both from and to ports with TCP/UDP."),
        ("a rule without a peer", json!({"action": "add_security_group_rule", "security_group": w.sg1, "direction": "ingress", "protocol": "tcp", "from_port": 22, "to_port": 22}), "MissingParameter", "peer"),
        ("a rule with two peers", json!({"action": "add_security_group_rule", "security_group": w.sg1, "direction": "ingress", "protocol": "tcp", "from_port": 22, "to_port": 22, "cidr": "0.0.0.0/0", "peer_group": w.sg1}), "InvalidParameterCombination", "only one"),
        ("a group of an unpeered VPC", json!({"action": "add_security_group_rule", "security_group": w.sg1, "direction": "ingress", "protocol": "tcp", "from_port": 22, "to_port": 22, "peer_group": w.sg3}), "InvalidGroup.NotFound", "belong to different networks"),
        ("an unknown protocol", json!({"action": "add_security_group_rule", "security_group": w.sg1, "direction": "ingress", "protocol": "gre", "cidr": "0.0.0.0/0"}), "InvalidParameterValue", "Invalid value 'gre' for IP protocol. Unknown protocol"),
        ("a port out of range", json!({"action": "add_security_group_rule", "security_group": w.sg1, "direction": "ingress", "protocol": "udp", "from_port": 53, "to_port": 70000, "cidr": "0.0.0.0/0"}), "InvalidParameterValue", "65535"),
        ("revoke a missing rule", json!({"action": "remove_security_group_rule", "security_group": w.sg1, "direction": "ingress", "protocol": "tcp", "from_port": 22, "to_port": 22, "cidr": "0.0.0.0/0"}), "InvalidPermission.NotFound", "The specified rule does not exist in this security group"),
        ("an unknown security group", json!({"action": "add_security_group_rule", "security_group": "sg-0123456789abcdef0", "direction": "ingress", "protocol": "-1", "cidr": "0.0.0.0/0"}), "InvalidGroup.NotFound", "'sg-0123456789abcdef0' does not exist"),
        ("an ACL rule number taken", json!({"action": "add_network_acl_entry", "network_acl": w.acl1, "rule_number": 100, "protocol": "-1", "rule_action": "deny", "cidr": "0.0.0.0/0"}), "NetworkAclEntryAlreadyExists", "The network acl entry identified by 100 already exists."),
        ("ACL rule number 32767", json!({"action": "add_network_acl_entry", "network_acl": w.acl1, "rule_number": 32767, "protocol": "-1", "rule_action": "deny", "cidr": "0.0.0.0/0"}), "InvalidParameterValue", "1 to 32766"),
        ("ACL rule number 0", json!({"action": "add_network_acl_entry", "network_acl": w.acl1, "rule_number": 0, "protocol": "-1", "rule_action": "deny", "cidr": "0.0.0.0/0"}), "InvalidParameterValue", "1 to 32766"),
        ("ACL TCP rule without ports", json!({"action": "add_network_acl_entry", "network_acl": w.acl1, "rule_number": 90, "protocol": "tcp", "rule_action": "allow", "cidr": "0.0.0.0/0"}), "MissingParameter", "portRange"),
        ("ACL rule action", json!({"action": "add_network_acl_entry", "network_acl": w.acl1, "rule_number": 90, "protocol": "-1", "rule_action": "permit", "cidr": "0.0.0.0/0"}), "InvalidParameterValue", "allow or deny"),
        ("remove a missing ACL rule", json!({"action": "remove_network_acl_entry", "network_acl": w.acl1, "rule_number": 90}), "InvalidNetworkAclEntry.NotFound", "identified by 90 does not exist"),
        ("an unknown network ACL", json!({"action": "remove_network_acl_entry", "network_acl": "acl-0123456789abcdef0", "rule_number": 100}), "InvalidNetworkAclID.NotFound", "does not exist"),
        // Instances.
        ("an address outside the subnet", json!({"action": "launch_instance", "subnet": w.s1a, "private_ip": "10.1.2.10"}), "InvalidParameterValue", "Address 10.1.2.10 does not fall within the subnet's address range"),
        ("a reserved address", json!({"action": "launch_instance", "subnet": w.s1a, "private_ip": "10.1.1.2"}), "InvalidParameterValue", "reserved address range"),
        ("the last address", json!({"action": "launch_instance", "subnet": w.s1a, "private_ip": "10.1.1.255"}), "InvalidParameterValue", "reserved address range"),
        ("an address in use", json!({"action": "launch_instance", "subnet": w.s2a, "private_ip": "10.2.1.10"}), "InvalidIPAddress.InUse", "Address 10.2.1.10 is in use."),
        ("not an address", json!({"action": "launch_instance", "subnet": w.s1a, "private_ip": "10.1.1"}), "InvalidParameterValue", "privateIpAddress"),
        ("a group of another VPC", json!({"action": "launch_instance", "subnet": w.s1a, "security_groups": [w.sg2]}), "InvalidParameter", leak(format!("Security group {} and subnet {} belong to different networks.", w.sg2, w.s1a))),
        ("another account's subnet", json!({"action": "launch_instance", "subnet": w.s3a, "account": A}), "InvalidSubnetID.NotFound", "does not exist"),
    ];
    let mut codes = std::collections::BTreeSet::new();
    for (label, action, code, fragment) in cases {
        let mut e = w.e.clone();
        let err = refused(&mut e, action);
        assert_eq!(err.code, code, "{label}: {err}");
        assert!(
            err.message.contains(fragment),
            "{label}: «{}» lacks «{fragment}»",
            err.message
        );
        codes.insert(err.code);
    }
    assert!(codes.len() >= 40, "the table covers {} codes", codes.len());
}

#[test]
fn participants_name_their_own_security_group() {
    let w = world();
    let mut e = w.e.clone();
    // Before any share, the VPC is the owner's alone: the refusal says whose and what to do.
    let err = refused(
        &mut e,
        json!({"action": "create_security_group", "vpc": w.vpc1, "name": "app", "account": B}),
    );
    assert_eq!(err.code, "InvalidVpcID.NotFound");
    assert!(
        err.message.contains(&format!(
            "does not exist for account {B}: it is account {A}'s; no subnet of it is shared with this account yet: its owner shares one first (share_subnet)"
        )),
        "{}",
        err.message
    );
    ok(
        &mut e,
        json!({"action": "share_subnet", "subnet": w.s1b, "with_account": B}),
    );
    let err = refused(
        &mut e,
        json!({"action": "launch_instance", "subnet": w.s1b, "account": B}),
    );
    assert_eq!(err.code, "MissingParameter");
    let err = refused(
        &mut e,
        json!({"action": "launch_instance", "subnet": w.s1b, "account": B, "security_groups": [w.sg1]}),
    );
    assert_eq!(
        err.code, "InvalidGroup.NotFound",
        "the owner's group is not the participant's"
    );
    let sg = ok(
        &mut e,
        json!({"action": "create_security_group", "vpc": w.vpc1, "name": "app", "account": B}),
    )
    .created[0]
        .clone();
    let done = ok(
        &mut e,
        json!({"action": "launch_instance", "subnet": w.s1b, "account": B, "security_groups": [sg]}),
    );
    let i = &e.instances[&InstanceId::from(done.created[0].as_str())];
    assert_eq!(i.owner.as_str(), B);
    assert_eq!(e.subnets[&SubnetId::from(w.s1b.as_str())].owner.as_str(), A);
    // The participant cannot touch the owner's route tables.
    let err = refused(
        &mut e,
        json!({"action": "create_route", "route_table": w.rt1, "destination": "10.9.0.0/16", "target": w.igw, "account": B}),
    );
    assert_eq!(err.code, "InvalidRouteTableID.NotFound");
}

#[test]
fn default_subnets_cannot_be_shared() {
    let w = world();
    let mut e = w.e.clone();
    if let Some(s) = e.subnets.get_mut(&SubnetId::from(w.s1a.as_str())) {
        s.default_for_az = true;
    }
    let err = refused(
        &mut e,
        json!({"action": "share_subnet", "subnet": w.s1a, "with_account": B}),
    );
    assert_eq!(err.code, "OperationNotPermittedException");
    assert!(err.message.contains("only non-default subnets"));
}

#[test]
fn secondary_cidr_in_use_cannot_go() {
    let w = world();
    let mut e = w.e.clone();
    ok(
        &mut e,
        json!({"action": "add_vpc_cidr", "vpc": w.vpc1, "cidr": "10.11.0.0/16"}),
    );
    ok(
        &mut e,
        json!({"action": "create_subnet", "vpc": w.vpc1, "cidr": "10.11.0.0/24", "availability_zone": "us-east-1a"}),
    );
    let err = refused(
        &mut e,
        json!({"action": "remove_vpc_cidr", "vpc": w.vpc1, "cidr": "10.11.0.0/16"}),
    );
    assert_eq!(err.code, "InvalidCidrBlock.InUse");
    assert!(err.message.contains(&format!(
        "The vpc {} currently has a subnet within CIDR block 10.11.0.0/16",
        w.vpc1
    )));
}

#[test]
fn quotas_refuse_at_the_limit() {
    use vpclab_core::edit::quotas::*;
    let w = world();

    let mut e = w.e.clone();
    // The main table holds three non-local routes already (internet, peering, S3).
    for i in 0..ROUTES_PER_TABLE - 3 {
        ok(
            &mut e,
            json!({"action": "create_route", "route_table": w.rt1, "destination": format!("192.168.{i}.0/24"), "target": w.igw}),
        );
    }
    let err = refused(
        &mut e,
        json!({"action": "create_route", "route_table": w.rt1, "destination": "172.16.0.0/16", "target": w.igw}),
    );
    assert_eq!(err.code, "RouteLimitExceeded");
    // IPv6 routes are counted apart.
    ok(
        &mut e,
        json!({"action": "create_route", "route_table": w.rt1, "destination": "::/0", "target": w.igw}),
    );

    let mut e = w.e.clone();
    for i in 2..=VPCS_PER_REGION {
        ok(
            &mut e,
            json!({"action": "create_vpc", "cidr": format!("10.{}.0.0/16", 40 + i), "account": B}),
        );
    }
    assert_eq!(
        refused(
            &mut e,
            json!({"action": "create_vpc", "cidr": "10.60.0.0/16", "account": B})
        )
        .code,
        "VpcLimitExceeded"
    );
    ok(
        &mut e,
        json!({"action": "create_vpc", "cidr": "10.60.0.0/16", "account": B, "region": "us-west-2"}),
    );

    let mut e = w.e.clone();
    for i in 1..IPV4_CIDRS_PER_VPC {
        ok(
            &mut e,
            json!({"action": "add_vpc_cidr", "vpc": w.vpc3, "cidr": format!("10.{}.0.0/16", 30 + i)}),
        );
    }
    let err = refused(
        &mut e,
        json!({"action": "add_vpc_cidr", "vpc": w.vpc3, "cidr": "10.39.0.0/16"}),
    );
    assert_eq!(err.code, "CidrLimitExceeded");
    assert!(err
        .message
        .contains("has met its maximum number of allowed CIDRs: 5"));

    let mut e = w.e.clone();
    for _ in 1..INTERNET_GATEWAYS_PER_REGION {
        ok(&mut e, json!({"action": "create_internet_gateway", "account": A}));
    }
    assert_eq!(
        refused(&mut e, json!({"action": "create_internet_gateway", "account": A})).code,
        "InternetGatewayLimitExceeded"
    );

    let mut e = w.e.clone();
    for i in 1..TRANSIT_GATEWAYS_PER_REGION {
        ok(
            &mut e,
            json!({"action": "create_transit_gateway", "account": A, "name": format!("t{i}")}),
        );
    }
    assert_eq!(
        refused(&mut e, json!({"action": "create_transit_gateway", "account": A})).code,
        "TransitGatewayLimitExceeded"
    );

    let mut e = w.e.clone();
    for port in 0..RULES_PER_SECURITY_GROUP as i64 - 1 {
        ok(
            &mut e,
            json!({"action": "add_security_group_rule", "security_group": w.sg1, "direction": "ingress", "protocol": "tcp", "from_port": port, "to_port": port, "cidr": "0.0.0.0/0"}),
        );
    }
    assert_eq!(
        refused(&mut e, json!({"action": "add_security_group_rule", "security_group": w.sg1, "direction": "ingress", "protocol": "udp", "from_port": 1, "to_port": 1, "cidr": "0.0.0.0/0"})).code,
        "RulesPerSecurityGroupLimitExceeded"
    );

    let mut e = w.e.clone();
    for n in 1..RULES_PER_NETWORK_ACL as i64 {
        ok(
            &mut e,
            json!({"action": "add_network_acl_entry", "network_acl": w.acl1, "rule_number": n, "protocol": "-1", "rule_action": "deny", "cidr": "192.0.2.0/24"}),
        );
    }
    assert_eq!(
        refused(&mut e, json!({"action": "add_network_acl_entry", "network_acl": w.acl1, "rule_number": 99, "protocol": "-1", "rule_action": "deny", "cidr": "192.0.2.0/24"})).code,
        "NetworkAclEntryLimitExceeded"
    );

    let mut e = w.e.clone();
    let region = ok(
        &mut e,
        json!({"action": "create_vpc", "cidr": "172.20.0.0/16", "account": C}),
    );
    let vpc = region.created[0].clone();
    for i in 0..NAT_GATEWAYS_PER_AZ {
        let s = ok(&mut e, json!({"action": "create_subnet", "vpc": vpc, "cidr": format!("172.20.{i}.0/24"), "availability_zone": "us-east-1a"})).created[0].clone();
        ok(
            &mut e,
            json!({"action": "create_nat_gateway", "subnet": s, "private": true}),
        );
    }
    let s = ok(&mut e, json!({"action": "create_subnet", "vpc": vpc, "cidr": "172.20.9.0/24", "availability_zone": "us-east-1a"})).created[0].clone();
    assert_eq!(
        refused(
            &mut e,
            json!({"action": "create_nat_gateway", "subnet": s, "private": true})
        )
        .code,
        "NatGatewayLimitExceeded"
    );
    let s = ok(&mut e, json!({"action": "create_subnet", "vpc": vpc, "cidr": "172.20.10.0/24", "availability_zone": "us-east-1b"})).created[0].clone();
    ok(
        &mut e,
        json!({"action": "create_nat_gateway", "subnet": s, "private": true}),
    );
}

#[test]
fn peering_quotas() {
    use vpclab_core::edit::quotas::*;
    // Outstanding requests: 25 pending requests of one account.
    let mut e = Estate::default();
    let mut vpcs = Vec::new();
    for n in 0..27u32 {
        let account = format!("{:012}", 100 + n / 5);
        let v = ok(
            &mut e,
            json!({"action": "create_vpc", "cidr": format!("10.{n}.0.0/16"), "account": account}),
        );
        vpcs.push((v.created[0].clone(), account));
    }
    let (hub, hub_account) = vpcs[0].clone();
    for (peer, owner) in &vpcs[1..=OUTSTANDING_PEERING_REQUESTS] {
        ok(
            &mut e,
            json!({"action": "request_peering", "vpc": hub, "peer_vpc": peer, "peer_owner": owner, "account": hub_account}),
        );
    }
    let (last, owner) = &vpcs[OUTSTANDING_PEERING_REQUESTS + 1];
    let err = refused(
        &mut e,
        json!({"action": "request_peering", "vpc": hub, "peer_vpc": last, "peer_owner": owner, "account": hub_account}),
    );
    assert_eq!(err.code, "OutstandingVpcPeeringConnectionLimitExceeded");
}
