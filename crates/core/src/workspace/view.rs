//! [`View`]: the current estate as the page draws it — accounts and regions as frames, VPCs with
//! their CIDRs, subnets by Availability Zone with their instances, route tables as the console
//! shows them (Destination / Target / Status, subnet associations), gateways, endpoints, security
//! groups, network ACLs, peerings and transit gateways. Data only, serde; nothing here decides
//! anything the engine does not already say. `draw.rs` builds it from the estate.

use serde::Serialize;

use crate::model::{EndpointKind, PeeringStatus, RouteState};
use crate::route::TgwRouteKind;

/// The whole picture.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct View {
    /// The exercise played, or `None` in the sandbox.
    pub exercise: Option<String>,
    /// Accounts in id order, each with its regions.
    pub accounts: Vec<AccountView>,
    /// Every peering connection (they may join accounts and regions).
    pub peerings: Vec<PeeringView>,
    /// Direct Connect gateways (global, like peerings they join regions).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub direct_connect_gateways: Vec<DxGatewayView>,
    /// The undo history, oldest first, and whether undo/redo can act.
    pub history: Vec<String>,
    pub can_undo: bool,
    pub can_redo: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AccountView {
    pub id: String,
    pub regions: Vec<RegionView>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegionView {
    pub region: String,
    pub vpcs: Vec<VpcView>,
    pub transit_gateways: Vec<TgwView>,
    /// Internet gateways attached to no VPC.
    pub detached_internet_gateways: Vec<Named>,
    /// Virtual private gateways, attached or not.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub vpn_gateways: Vec<VgwView>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub customer_gateways: Vec<CgwView>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub vpn_connections: Vec<VpnView>,
}

/// A virtual private gateway.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VgwView {
    pub id: String,
    pub name: Option<String>,
    pub attached_vpc: Option<String>,
    pub amazon_side_asn: Option<u32>,
    /// A route in a table of `attached_vpc` may target it (it is attached).
    pub route_target: bool,
}

/// A customer gateway: the on-premises device.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CgwView {
    pub id: String,
    pub name: Option<String>,
    pub ip_address: Option<String>,
    pub bgp_asn: Option<u32>,
}

/// A Site-to-Site VPN connection.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VpnView {
    pub id: String,
    pub name: Option<String>,
    pub customer_gateway: String,
    /// The virtual private gateway or transit gateway it ends on.
    pub gateway: Option<String>,
    pub static_routes_only: bool,
    /// Its static routes (CIDRs).
    pub routes: Vec<String>,
    pub state: String,
    /// How many of its tunnels are `UP`.
    pub tunnels_up: usize,
}

/// A Direct Connect gateway (global) and its associations.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DxGatewayView {
    pub id: String,
    pub name: String,
    pub owner: String,
    pub amazon_side_asn: Option<u32>,
    pub associations: Vec<DxAssociationView>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DxAssociationView {
    pub id: String,
    /// The virtual private gateway or transit gateway.
    pub gateway: String,
    pub allowed_prefixes: Vec<String>,
    pub state: String,
}

/// An id and its `Name` tag.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Named {
    pub id: String,
    pub name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VpcView {
    pub id: String,
    pub name: Option<String>,
    pub owner: String,
    /// IPv4 CIDRs, the primary first.
    pub cidrs: Vec<String>,
    pub ipv6_cidrs: Vec<String>,
    pub is_default: bool,
    pub dns_support: bool,
    pub dns_hostnames: bool,
    /// Availability Zones in name order, each with its subnets in CIDR order.
    pub zones: Vec<ZoneView>,
    /// The main route table first.
    pub route_tables: Vec<RouteTableView>,
    pub internet_gateway: Option<Named>,
    /// Its egress-only internet gateways (IPv6 out, and the replies back).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub egress_only_internet_gateways: Vec<Named>,
    pub nat_gateways: Vec<NatView>,
    pub endpoints: Vec<EndpointView>,
    pub security_groups: Vec<SecurityGroupView>,
    pub network_acls: Vec<NetworkAclView>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ZoneView {
    pub zone: String,
    pub subnets: Vec<SubnetView>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SubnetView {
    pub id: String,
    pub name: Option<String>,
    /// Its IPv4 block; `null` for an IPv6-only subnet.
    pub cidr: Option<String>,
    /// Its IPv6 block, if it has one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ipv6_cidrs: Vec<String>,
    pub owner: String,
    /// Its route table sends some route to an internet gateway.
    pub public: bool,
    /// The route table it uses, and whether that is by explicit association (else the main one).
    pub route_table: Option<String>,
    pub explicit_association: bool,
    pub network_acl: Option<String>,
    pub default_for_az: bool,
    pub map_public_ip_on_launch: bool,
    /// Accounts it is shared with (VPC sharing).
    pub shared_with: Vec<String>,
    /// Usable addresses (the size less the five AWS reserves) not held by an instance or
    /// interface.
    pub free_addresses: u64,
    pub instances: Vec<InstanceView>,
    /// Interfaces not attached to an instance: interface endpoints, NAT gateways, TGW attachments.
    pub interfaces: Vec<InterfaceView>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InstanceView {
    pub id: String,
    pub name: Option<String>,
    pub owner: String,
    /// `null` for an IPv6-only instance.
    pub private_ip: Option<String>,
    pub public_ip: Option<String>,
    pub state: String,
    /// Terminated or shutting down (`model::gone`): listed, not drawn.
    pub gone: bool,
    pub security_groups: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InterfaceView {
    pub id: String,
    /// `interface`, `nat_gateway`, `vpc_endpoint`, `transit_gateway` …
    pub interface_type: String,
    pub description: String,
    /// What it is in a learner's words (`Eni::what`): `ECS task`, `Lambda function`, or none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub what: Option<&'static str>,
    pub private_ips: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RouteTableView {
    pub id: String,
    pub name: Option<String>,
    pub main: bool,
    /// Subnets explicitly associated.
    pub subnets: Vec<String>,
    /// The routes as AWS shows them: stored ones, then those its propagating virtual private
    /// gateways add (origin `EnableVgwRoutePropagation`), which is what reach looks up.
    pub routes: Vec<RouteView>,
    /// `PropagatingVgws`: the virtual private gateways that propagate into the table.
    pub propagating_vgws: Vec<String>,
    /// The virtual private gateways attached to the table's VPC: those route propagation can be
    /// turned on for ("Enable route propagation", vpn/latest/s2svpn/SetUpVPNConnections.html).
    pub attached_vgws: Vec<String>,
}

/// One row of a route table, as the console shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RouteView {
    /// A CIDR or a prefix list id.
    pub destination: String,
    /// The prefix list's name (`com.amazonaws.us-east-1.s3`) for a prefix-list destination.
    pub prefix_list_name: Option<String>,
    /// `local` or a resource id.
    pub target: String,
    /// `local`, `internet_gateway`, `egress_only_internet_gateway`, `nat_gateway`,
    /// `peering_connection`, `transit_gateway`, `gateway_endpoint`, `network_interface`,
    /// `instance`, `virtual_private_gateway` or `other`.
    pub target_kind: &'static str,
    /// `active` or `blackhole`.
    pub status: RouteState,
    /// `CreateRouteTable`, `CreateRoute` or `EnableVgwRoutePropagation`.
    pub origin: &'static str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NatView {
    pub id: String,
    pub name: Option<String>,
    pub subnet: String,
    pub state: String,
    /// Deleted or deleting (`model::gone`): listed, not drawn.
    pub gone: bool,
    /// A route may point at it (`NatGateway::takes_routes`).
    pub route_target: bool,
    /// Public (with an Elastic IP) or private connectivity.
    pub public: bool,
    pub public_ip: Option<String>,
    pub private_ip: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EndpointView {
    pub id: String,
    pub name: Option<String>,
    pub kind: EndpointKind,
    pub service: String,
    pub state: String,
    /// Deleted or deleting (`model::gone`): listed, not drawn.
    pub gone: bool,
    /// A route may point at it: a Gateway Load Balancer endpoint (`EndpointKind::takes_routes`).
    pub route_target: bool,
    /// It is given route tables: a gateway endpoint (`EndpointKind::has_route_tables`).
    pub has_route_tables: bool,
    /// Gateway endpoints: the route tables given its prefix-list route.
    pub route_tables: Vec<String>,
    /// Interface endpoints: one subnet per AZ, its interfaces, groups and private DNS.
    pub subnets: Vec<String>,
    pub interfaces: Vec<String>,
    pub security_groups: Vec<String>,
    pub private_dns: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SecurityGroupView {
    pub id: String,
    pub name: String,
    pub description: String,
    pub ingress: Vec<SgRuleView>,
    pub egress: Vec<SgRuleView>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SgRuleView {
    /// `tcp`, `udp`, `icmp`, `-1` (all) or a protocol number.
    pub protocol: String,
    pub from_port: Option<i32>,
    pub to_port: Option<i32>,
    /// A CIDR, a prefix list id or a security group id.
    pub peer: String,
    /// Which field of the rule actions names the peer: `cidr`, `peer_group` or `prefix_list`.
    pub peer_kind: &'static str,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NetworkAclView {
    pub id: String,
    pub name: Option<String>,
    pub is_default: bool,
    pub subnets: Vec<String>,
    /// Inbound then outbound, each by rule number.
    pub entries: Vec<AclEntryView>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AclEntryView {
    pub rule_number: u16,
    pub egress: bool,
    /// `allow` or `deny`.
    pub action: &'static str,
    pub protocol: String,
    pub cidr: String,
    pub ports: Option<[u16; 2]>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeeringView {
    pub id: String,
    pub name: Option<String>,
    pub status: PeeringStatus,
    /// `active`, `pending`, `closed` (rejected, failed, expired) or `gone` (`PeeringStatus::phase`).
    pub phase: &'static str,
    /// A route may point at it (`PeeringStatus::takes_routes`).
    pub route_target: bool,
    pub requester: PeeringSideView,
    pub accepter: PeeringSideView,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeeringSideView {
    pub vpc: String,
    pub owner: String,
    pub region: String,
    pub cidrs: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TgwView {
    pub id: String,
    pub name: Option<String>,
    pub state: String,
    /// Deleted or deleting (`model::gone`): not drawn.
    pub gone: bool,
    pub default_association_table: Option<String>,
    pub default_propagation_table: Option<String>,
    pub attachments: Vec<TgwAttachmentView>,
    pub route_tables: Vec<TgwRouteTableView>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TgwAttachmentView {
    pub id: String,
    pub name: Option<String>,
    /// `vpc`, `peering`, `vpn` …
    pub resource_type: String,
    /// The VPC id for a VPC attachment.
    pub resource_id: String,
    pub resource_owner: String,
    pub subnets: Vec<String>,
    pub state: String,
    /// Deleted or deleting (`model::gone`): not drawn.
    pub gone: bool,
    /// The TGW route table it is associated with.
    pub association: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TgwRouteTableView {
    pub id: String,
    pub name: Option<String>,
    pub default_association: bool,
    pub default_propagation: bool,
    /// Attachments associated with this table.
    pub associations: Vec<String>,
    pub propagations: Vec<String>,
    /// The effective routes (propagated ones derived from the attached VPCs), most specific first.
    pub routes: Vec<TgwRouteView>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TgwRouteView {
    pub destination: String,
    pub attachment: Option<String>,
    /// `static`, `prefix_list` or `propagated`.
    pub kind: TgwRouteKind,
    pub blackhole: bool,
}
