//! The actions the AWS console offers, applied to an [`Estate`] and refused as AWS refuses them.
//!
//! An [`Action`] is data (serde, internally tagged by `"action"`, snake_case), so exercises, reference
//! solutions and share links store lists of them as JSON:
//!
//! ```json
//! {"action":"create_route","route_table":"rtb-0…","destination":"10.2.0.0/16","target":"pcx-0…"}
//! ```
//!
//! [`apply`] either changes the estate and says what it created ([`Applied`]), or leaves it
//! untouched and returns AWS's error code with a similar message ([`EditError`]). AWS's side effects
//! come with the action: deleting a peering blackholes the routes that use it, a new VPC gets a main
//! route table, a default network ACL and a default security group, a gateway endpoint adds its
//! prefix-list route, and so on. New ids are deterministic (the same estate and action give the same
//! id), so a share link or a reference solution replays identically.
//!
//! # Who is acting
//! Every action may carry `"account"`, the account doing it. AWS's visibility rules follow: a
//! resource of another account is "not found" (`InvalidVpcID.NotFound` …), except where AWS lets
//! both sides act (a peering's accepter accepts; either owner deletes; a participant launches into
//! a shared subnet). Without `"account"` the action acts as the owner of what it touches; creating
//! a VPC, internet gateway or transit gateway then uses the estate's only account (or
//! [`DEFAULT_ACCOUNT`]).
//!
//! # Error codes
//! Codes are AWS's, from "Error codes for the Amazon EC2 API" (Amazon EC2 API Reference,
//! AWSEC2/latest/APIReference/errors-overview.html); messages follow what the API prints, as
//! seen in public reports (for example hashicorp/terraform#24317 for `InvalidSubnet.Conflict`,
//! smoketurner/serverless-vpc-plugin#147 for "belong to different networks",
//! clouddrove/terraform-aws-vpc-peering#10 for `RouteAlreadyExists`,
//! cisagov/cool-assessment-terraform#57 for the transit gateway `Resource.AlreadyAssociated`).
//!
//! | code | refused when |
//! |---|---|
//! | `Invalid…ID.NotFound` (`InvalidVpcID`, `InvalidSubnetID`, `InvalidRouteTableID`, `InvalidGatewayID`, `InvalidInternetGatewayID`, `InvalidNatGatewayID`, `InvalidVpcPeeringConnectionID`, `InvalidVpcEndpointId`, `InvalidTransitGatewayID`, `InvalidTransitGatewayAttachmentID`, `InvalidNetworkInterfaceID`, `InvalidInstanceID`, `InvalidGroup`, `InvalidNetworkAclID`, `InvalidPrefixListID`) | the id does not exist or the acting account cannot see it |
//! | `InvalidParameterValue` | a malformed CIDR (with the canonical form), a target of another VPC ("belong to different networks"), a route more specific than `local` that AWS does not allow, a bad AZ, port or protocol |
//! | `MissingParameter`, `InvalidParameterCombination`, `InvalidParameter` | a needed field is absent, or two exclusive ones are given |
//! | `RouteAlreadyExists`, `InvalidRoute.NotFound`, `RouteLimitExceeded`, `RouteNotSupported` | route table edits |
//! | `InvalidVpc.Range`, `CidrLimitExceeded`, `InvalidCidrBlock.InUse`, `VpcLimitExceeded` | VPC CIDRs |
//! | `InvalidSubnet.Range`, `InvalidSubnet.Conflict`, `SubnetLimitExceeded` | subnets |
//! | `VpcPeeringConnectionAlreadyExists`, `OperationNotPermitted`, `InvalidStateTransition`, `OutstandingVpcPeeringConnectionLimitExceeded`, `ActiveVpcPeeringConnectionPerVpcLimitExceeded` | peering |
//! | `Resource.AlreadyAssociated`, `Gateway.NotAttached`, `DependencyViolation` (also deleting a VPC, subnet, internet gateway or security group something still uses), `CannotDelete` (a default security group), `InternetGatewayLimitExceeded`, `NatGatewayLimitExceeded` | gateways, associations |
//! | `InvalidServiceName`, `DuplicateSubnetsInSameZone`, `VpcEndpointLimitExceeded` | endpoints |
//! | `DuplicateTransitGatewayAttachment`, `IncorrectState` (a transit gateway route table with associations, a transit gateway with attachments), `TransitGatewayRouteTablePropagation.Duplicate`, `TransitGatewayRouteTablePropagation.NotFound`, `TransitGatewayLimitExceeded`, `TransitGatewayRouteTableLimitExceeded` | transit gateways |
//! | `InvalidPermission.Duplicate`, `InvalidPermission.NotFound`, `RulesPerSecurityGroupLimitExceeded`, `InvalidGroup.Duplicate`, `InvalidGroup.Reserved`, `NetworkAclEntryAlreadyExists`, `InvalidNetworkAclEntry.NotFound`, `NetworkAclEntryLimitExceeded` | security groups and network ACLs |
//! | `InvalidIPAddress.InUse`, `InsufficientFreeAddressesInSubnet`, `AddressLimitExceeded` | addresses |
//! | `OperationNotPermittedException` | AWS RAM refuses to share a default subnet |
//! | `InvalidVpnGatewayID.NotFound`, `InvalidCustomerGatewayID.NotFound`, `InvalidVpnConnectionID.NotFound`, `InvalidVpnGatewayAttachment.NotFound`, `VpnGatewayAttachmentLimitExceeded`, `InvalidVpcState`, `VpnGatewayLimitExceeded`, `IncorrectState` (deleting a gateway in use) | Site-to-Site VPN (`vpn.rs`) |
//! | `DirectConnectClientException` | every Direct Connect refusal, its message saying which (`dx.rs`) |

mod action;
mod alloc;
mod common;
mod declare;
mod deletes;
mod dx;
mod endpoints;
mod gateways;
#[cfg(test)]
mod hybrid_tests;
mod instances;
mod ipv6;
mod nacl;
mod parse;
mod peering;
mod route_tables;
mod routes;
mod rules;
mod sharing;
mod tgw;
mod tgw_changes;
mod vpc_subnet;
mod vpn;

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::model::*;

pub use action::{
    action_fields, AclEntrySpec, Action, ActionField, ActionFields, Direction, ProtocolUse, SgRuleSpec,
};
pub use common::{DEFAULT_ACCOUNT, DEFAULT_REGION};

/// Quotas AWS enforces by default. See "Amazon VPC quotas" (userguide/amazon-vpc-limits.html) and
/// "Quotas for your transit gateways" (tgw/transit-gateway-quotas.html).
pub mod quotas {
    /// VPCs per account per region.
    pub const VPCS_PER_REGION: usize = 5;
    /// IPv4 CIDR blocks per VPC (the primary and four secondary).
    pub const IPV4_CIDRS_PER_VPC: usize = 5;
    /// Subnets per VPC.
    pub const SUBNETS_PER_VPC: usize = 200;
    /// Route tables per VPC (the main table included).
    pub const ROUTE_TABLES_PER_VPC: usize = 200;
    /// Non-propagated routes per route table, counted separately for IPv4 and IPv6 (the local
    /// routes not counted).
    pub const ROUTES_PER_TABLE: usize = 50;
    /// Internet gateways per account per region.
    pub const INTERNET_GATEWAYS_PER_REGION: usize = 5;
    /// NAT gateways per availability zone.
    pub const NAT_GATEWAYS_PER_AZ: usize = 5;
    /// Active VPC peering connections per VPC.
    pub const ACTIVE_PEERINGS_PER_VPC: usize = 50;
    /// Outstanding (pending-acceptance) peering requests an account has made.
    pub const OUTSTANDING_PEERING_REQUESTS: usize = 25;
    /// VPC endpoints (gateway and interface) per VPC.
    pub const ENDPOINTS_PER_VPC: usize = 50;
    /// Inbound or outbound rules per security group.
    pub const RULES_PER_SECURITY_GROUP: usize = 60;
    /// Inbound or outbound rules per network ACL (the default `*` rule not counted).
    pub const RULES_PER_NETWORK_ACL: usize = 20;
    /// Transit gateways per account per region.
    pub const TRANSIT_GATEWAYS_PER_REGION: usize = 5;
    /// Route tables per transit gateway.
    pub const ROUTE_TABLES_PER_TRANSIT_GATEWAY: usize = 20;
}

/// What an action did: the ids it created (in a stable order: the main resource first) and one
/// line for the undo history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Applied {
    pub created: Vec<String>,
    pub description: String,
    /// Set when AWS accepted the call but the result is not what was asked, as a peering request
    /// between overlapping VPCs, which AWS creates in state `failed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warning: Option<EditError>,
}

/// An AWS refusal: the API's error code and a message like the one AWS prints, naming what is
/// wrong and what would be valid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditError {
    pub code: String,
    pub message: String,
}

impl EditError {
    /// An error with AWS's `code` and a `message`.
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        EditError {
            code: code.to_string(),
            message: message.into(),
        }
    }
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for EditError {}

/// Applies one action: on success the estate has changed and [`Applied`] says how; on error the
/// estate is exactly as before.
///
/// # Examples
/// ```
/// use vpclab_core::edit::{apply, Action};
/// use vpclab_core::model::Estate;
///
/// let mut estate = Estate::default();
/// let vpc: Action = serde_json::from_str(r#"{"action":"create_vpc","cidr":"10.1.0.0/16"}"#).unwrap();
/// let done = apply(&mut estate, &vpc).unwrap();
/// assert!(done.created[0].starts_with("vpc-"));
///
/// let bad: Action = serde_json::from_str(r#"{"action":"create_vpc","cidr":"10.1.0.1/16"}"#).unwrap();
/// let err = apply(&mut estate, &bad).unwrap_err();
/// assert_eq!(err.code, "InvalidParameterValue");
/// assert!(err.message.contains("did you mean 10.1.0.0/16?"));
/// assert_eq!(estate.vpcs.len(), 1);
/// ```
pub fn apply(estate: &mut Estate, action: &Action) -> Result<Applied, EditError> {
    if let Some(account) = action.account() {
        common::check_account_id(account, "account")?;
    }
    let actor = action.account();
    match action {
        Action::CreateRoute {
            route_table,
            destination,
            target,
            ..
        } => routes::create_route(estate, actor, route_table, destination, target),
        Action::ReplaceRoute {
            route_table,
            destination,
            target,
            ..
        } => routes::replace_route(estate, actor, route_table, destination, target),
        Action::DeleteRoute {
            route_table,
            destination,
            ..
        } => routes::delete_route(estate, actor, route_table, destination),
        Action::CreateRouteTable { vpc, name, .. } => {
            route_tables::create_route_table(estate, actor, vpc, name)
        }
        Action::DeleteRouteTable { route_table, .. } => {
            route_tables::delete_route_table(estate, actor, route_table)
        }
        Action::AssociateRouteTable {
            route_table, subnet, ..
        } => route_tables::associate(estate, actor, route_table, subnet),
        Action::DisassociateRouteTable { subnet, .. } => route_tables::disassociate(estate, actor, subnet),
        Action::ReplaceMainRouteTable { route_table, .. } => {
            route_tables::replace_main(estate, actor, route_table)
        }
        Action::RequestPeering {
            vpc,
            peer_vpc,
            peer_owner,
            peer_region,
            name,
            ..
        } => peering::request(
            estate,
            actor,
            vpc,
            peer_vpc,
            peer_owner.as_ref(),
            peer_region.as_ref(),
            name,
        ),
        Action::AcceptPeering { peering, .. } => peering::accept(estate, actor, peering),
        Action::RejectPeering { peering, .. } => peering::reject(estate, actor, peering),
        Action::DeletePeering { peering, .. } => peering::delete(estate, actor, peering),
        Action::CreateVpc {
            cidr, region, name, ..
        } => vpc_subnet::create_vpc(estate, actor, cidr, region.as_ref(), name),
        Action::AddVpcCidr { vpc, cidr, .. } => vpc_subnet::add_cidr(estate, actor, vpc, cidr),
        Action::RemoveVpcCidr { vpc, cidr, .. } => vpc_subnet::remove_cidr(estate, actor, vpc, cidr),
        Action::AssociateVpcIpv6Cidr { vpc, .. } => ipv6::associate_vpc_ipv6(estate, actor, vpc),
        Action::AssociateSubnetIpv6Cidr { subnet, cidr, .. } => {
            ipv6::associate_subnet_ipv6(estate, actor, subnet, cidr)
        }
        Action::CreateEgressOnlyInternetGateway { vpc, name, .. } => {
            ipv6::create_eigw(estate, actor, vpc, name)
        }
        Action::DeleteEgressOnlyInternetGateway {
            egress_only_internet_gateway,
            ..
        } => ipv6::delete_eigw(estate, actor, egress_only_internet_gateway),
        Action::ModifyVpcAttribute {
            vpc,
            enable_dns_support,
            enable_dns_hostnames,
            ..
        } => vpc_subnet::modify_attribute(estate, actor, vpc, *enable_dns_support, *enable_dns_hostnames),
        Action::CreateSubnet {
            vpc,
            cidr,
            availability_zone,
            name,
            ipv6_cidr,
            ipv6_native,
            ..
        } => vpc_subnet::create_subnet(
            estate,
            actor,
            vpc,
            vpc_subnet::SubnetSpec {
                cidr: cidr.as_deref(),
                ipv6_cidr: ipv6_cidr.as_deref(),
                ipv6_native: *ipv6_native,
                az: availability_zone,
                name,
            },
        ),
        Action::CreateInternetGateway { region, name, .. } => {
            gateways::create_igw(estate, actor, region.as_ref(), name)
        }
        Action::AttachInternetGateway {
            internet_gateway,
            vpc,
            ..
        } => gateways::attach_igw(estate, actor, internet_gateway, vpc),
        Action::DetachInternetGateway {
            internet_gateway,
            vpc,
            ..
        } => gateways::detach_igw(estate, actor, internet_gateway, vpc),
        Action::CreateNatGateway {
            subnet,
            private,
            name,
            ..
        } => gateways::create_nat(estate, actor, subnet, *private, name),
        Action::DeleteNatGateway { nat_gateway, .. } => gateways::delete_nat(estate, actor, nat_gateway),
        Action::CreateGatewayEndpoint {
            vpc,
            service,
            route_tables,
            name,
            ..
        } => endpoints::create_gateway(estate, actor, vpc, service, route_tables, name),
        Action::CreateInterfaceEndpoint {
            vpc,
            service,
            subnets,
            security_groups,
            private_dns,
            name,
            ..
        } => endpoints::create_interface(
            estate,
            actor,
            endpoints::InterfaceSpec {
                vpc,
                service,
                subnets,
                security_groups,
                private_dns: *private_dns,
                name,
            },
        ),
        Action::ModifyGatewayEndpoint {
            endpoint,
            add_route_tables,
            remove_route_tables,
            ..
        } => endpoints::modify_gateway(estate, actor, endpoint, add_route_tables, remove_route_tables),
        Action::DeleteEndpoint { endpoint, .. } => endpoints::delete(estate, actor, endpoint),
        Action::CreateTransitGateway {
            region,
            default_association,
            default_propagation,
            name,
            ..
        } => tgw::create(
            estate,
            actor,
            region.as_ref(),
            *default_association,
            *default_propagation,
            name,
        ),
        Action::CreateTransitGatewayRouteTable {
            transit_gateway,
            name,
            ..
        } => tgw::create_route_table(estate, actor, transit_gateway, name),
        Action::CreateTransitGatewayAttachment {
            transit_gateway,
            vpc,
            subnets,
            name,
            ipv6_support,
            ..
        } => tgw::attach_vpc(estate, actor, transit_gateway, vpc, subnets, name, *ipv6_support),
        Action::AssociateTransitGatewayRouteTable {
            transit_gateway_route_table,
            transit_gateway_attachment,
            ..
        } => tgw::associate(
            estate,
            actor,
            transit_gateway_route_table,
            transit_gateway_attachment,
        ),
        Action::DisassociateTransitGatewayRouteTable {
            transit_gateway_route_table,
            transit_gateway_attachment,
            ..
        } => tgw::disassociate(
            estate,
            actor,
            transit_gateway_route_table,
            transit_gateway_attachment,
        ),
        Action::EnableTransitGatewayPropagation {
            transit_gateway_route_table,
            transit_gateway_attachment,
            ..
        } => tgw::set_propagation(
            estate,
            actor,
            transit_gateway_route_table,
            transit_gateway_attachment,
            true,
        ),
        Action::DisableTransitGatewayPropagation {
            transit_gateway_route_table,
            transit_gateway_attachment,
            ..
        } => tgw::set_propagation(
            estate,
            actor,
            transit_gateway_route_table,
            transit_gateway_attachment,
            false,
        ),
        Action::CreateTransitGatewayRoute {
            transit_gateway_route_table,
            destination,
            transit_gateway_attachment,
            blackhole,
            ..
        } => tgw::create_route(
            estate,
            actor,
            transit_gateway_route_table,
            destination,
            transit_gateway_attachment.as_ref(),
            *blackhole,
        ),
        Action::DeleteTransitGatewayRoute {
            transit_gateway_route_table,
            destination,
            ..
        } => tgw::delete_route(estate, actor, transit_gateway_route_table, destination),
        Action::ShareSubnet {
            subnet, with_account, ..
        } => sharing::share_subnet(estate, actor, subnet, with_account),
        Action::CreateSecurityGroup {
            vpc,
            name,
            description,
            ..
        } => rules::create_security_group(estate, actor, vpc, name, description),
        Action::AddSecurityGroupRule {
            security_group,
            rule,
            description,
            ..
        } => rules::add_sg_rule(estate, actor, security_group, rule, description),
        Action::RemoveSecurityGroupRule {
            security_group, rule, ..
        } => rules::remove_sg_rule(estate, actor, security_group, rule),
        Action::AddNetworkAclEntry {
            network_acl, entry, ..
        } => nacl::add_acl_entry(estate, actor, network_acl, entry),
        Action::ReplaceNetworkAclEntry {
            network_acl, entry, ..
        } => nacl::replace_acl_entry(estate, actor, network_acl, entry),
        Action::RemoveNetworkAclEntry {
            network_acl,
            rule_number,
            egress,
            ..
        } => nacl::remove_acl_entry(estate, actor, network_acl, *rule_number, *egress),
        Action::LaunchInstance {
            subnet,
            private_ip,
            public_ip,
            ipv6_address,
            security_groups,
            name,
            ..
        } => instances::launch(
            estate,
            actor,
            instances::LaunchSpec {
                subnet,
                private_ip: private_ip.as_deref(),
                public_ip: *public_ip,
                ipv6_address: *ipv6_address,
                security_groups,
                name,
            },
        ),
        Action::DeleteTransitGatewayAttachment {
            transit_gateway_attachment,
            ..
        } => tgw_changes::delete_attachment(estate, actor, transit_gateway_attachment),
        Action::ModifyTransitGatewayAttachment {
            transit_gateway_attachment,
            add_subnets,
            remove_subnets,
            ..
        } => tgw_changes::modify_attachment(
            estate,
            actor,
            transit_gateway_attachment,
            add_subnets,
            remove_subnets,
        ),
        Action::DeleteTransitGatewayRouteTable {
            transit_gateway_route_table,
            ..
        } => tgw_changes::delete_route_table(estate, actor, transit_gateway_route_table),
        Action::DeleteTransitGateway { transit_gateway, .. } => {
            tgw_changes::delete_gateway(estate, actor, transit_gateway)
        }
        Action::DeleteSubnet { subnet, .. } => deletes::delete_subnet(estate, actor, subnet),
        Action::DeleteVpc { vpc, .. } => deletes::delete_vpc(estate, actor, vpc),
        Action::DeleteInternetGateway { internet_gateway, .. } => {
            deletes::delete_internet_gateway(estate, actor, internet_gateway)
        }
        Action::DeleteSecurityGroup { security_group, .. } => {
            deletes::delete_security_group(estate, actor, security_group)
        }
        Action::CreateVpnGateway {
            region,
            amazon_side_asn,
            name,
            ..
        } => vpn::create_vgw(estate, actor, region.as_ref(), *amazon_side_asn, name),
        Action::AttachVpnGateway { vpn_gateway, vpc, .. } => vpn::attach_vgw(estate, actor, vpn_gateway, vpc),
        Action::DetachVpnGateway { vpn_gateway, vpc, .. } => vpn::detach_vgw(estate, actor, vpn_gateway, vpc),
        Action::DeleteVpnGateway { vpn_gateway, .. } => vpn::delete_vgw(estate, actor, vpn_gateway),
        Action::CreateCustomerGateway {
            ip_address,
            bgp_asn,
            region,
            name,
            ..
        } => vpn::create_cgw(estate, actor, ip_address, *bgp_asn, region.as_ref(), name),
        Action::DeleteCustomerGateway { customer_gateway, .. } => {
            vpn::delete_cgw(estate, actor, customer_gateway)
        }
        Action::CreateVpnConnection {
            customer_gateway,
            vpn_gateway,
            transit_gateway,
            static_routes_only,
            name,
            ..
        } => vpn::create_vpn(
            estate,
            actor,
            customer_gateway,
            vpn_gateway.as_ref(),
            transit_gateway.as_ref(),
            *static_routes_only,
            name,
        ),
        Action::DeleteVpnConnection { vpn_connection, .. } => vpn::delete_vpn(estate, actor, vpn_connection),
        Action::CreateVpnConnectionRoute {
            vpn_connection,
            destination,
            ..
        } => vpn::create_vpn_route(estate, actor, vpn_connection, destination),
        Action::DeleteVpnConnectionRoute {
            vpn_connection,
            destination,
            ..
        } => vpn::delete_vpn_route(estate, actor, vpn_connection, destination),
        Action::EnableVgwRoutePropagation {
            route_table,
            vpn_gateway,
            ..
        } => vpn::set_propagation(estate, actor, route_table, vpn_gateway, true),
        Action::DisableVgwRoutePropagation {
            route_table,
            vpn_gateway,
            ..
        } => vpn::set_propagation(estate, actor, route_table, vpn_gateway, false),
        Action::CreateDirectConnectGateway {
            name,
            amazon_side_asn,
            region,
            ..
        } => dx::create_gateway(estate, actor, name, *amazon_side_asn, region.as_ref()),
        Action::DeleteDirectConnectGateway {
            direct_connect_gateway,
            ..
        } => dx::delete_gateway(estate, actor, direct_connect_gateway),
        Action::CreateDirectConnectGatewayAssociation {
            direct_connect_gateway,
            vpn_gateway,
            transit_gateway,
            allowed_prefixes,
            ..
        } => dx::associate(
            estate,
            actor,
            direct_connect_gateway,
            vpn_gateway.as_ref(),
            transit_gateway.as_ref(),
            allowed_prefixes,
        ),
        Action::DeleteDirectConnectGatewayAssociation { association_id, .. } => {
            dx::disassociate(estate, actor, association_id)
        }
        Action::TerminateInstance { instance, .. } => deletes::terminate_instance(estate, actor, instance),
    }
}

/// Applies actions in order, stopping at the first refusal (reported with its index); the estate
/// keeps the actions applied before it.
///
/// # Examples
/// ```
/// use vpclab_core::edit::{apply_all, Action};
/// use vpclab_core::model::Estate;
///
/// let actions: Vec<Action> = serde_json::from_str(r#"[
///     {"action": "create_vpc", "cidr": "10.1.0.0/16"},
///     {"action": "create_vpc", "cidr": "10.0.0.0/8"}
/// ]"#).unwrap();
/// let mut estate = Estate::default();
/// let (at, err) = apply_all(&mut estate, &actions).unwrap_err();
/// assert_eq!((at, err.code.as_str()), (1, "InvalidVpc.Range"));
/// assert_eq!(estate.vpcs.len(), 1);
/// assert_eq!(apply_all(&mut estate, &actions[..0]).unwrap().len(), 0);
/// ```
pub fn apply_all(estate: &mut Estate, actions: &[Action]) -> Result<Vec<Applied>, (usize, EditError)> {
    let mut done = Vec::with_capacity(actions.len());
    for (i, action) in actions.iter().enumerate() {
        done.push(apply(estate, action).map_err(|e| (i, e))?);
    }
    Ok(done)
}
