//! The [`Action`] type: one variant per console action, declared once below. From this table
//! come the enum, `NAMES`, `name()`, `account()`, `principal()`, the JSON reader and writer and
//! the field tables (see `declare.rs` for the field KINDs); [`action_fields`] publishes them.
//!
//! Adding an action: a variant here, its apply function (called from `apply` in `mod.rs`), its
//! AWS CLI and Terraform steps (`export/aws_cli/steps.rs`, `export/terraform/steps.rs`), its form
//! in `www/ui/forms.js`, and tests.

use serde::{Deserialize, Serialize};

use super::declare::*;
use crate::fields::Kind;
use crate::model::*;

actions! {
    /// `CreateRoute`: `destination` is a CIDR or a prefix list (`pl-…`); `target` is `local` or an
    /// id whose prefix says its kind: `igw-`, `nat-`, `pcx-`, `vpce-` (Gateway Load Balancer
    /// endpoints), `tgw-`, `eni-`, `i-`.
    CreateRoute = "create_route", principal route_table {
        req route_table: RouteTableId,
        req destination: String,
        req target: String,
    }
    /// `ReplaceRoute`: points an existing route at another target.
    ReplaceRoute = "replace_route", principal route_table {
        req route_table: RouteTableId,
        req destination: String,
        req target: String,
    }
    /// `DeleteRoute`.
    DeleteRoute = "delete_route", principal route_table {
        req route_table: RouteTableId,
        req destination: String,
    }
    /// `CreateRouteTable`: a new table with the VPC's local routes.
    CreateRouteTable = "create_route_table", principal vpc {
        req vpc: VpcId,
        opt name: Option<String>,
    }
    /// `DeleteRouteTable`: only a table that is neither main nor associated.
    DeleteRouteTable = "delete_route_table", principal route_table {
        req route_table: RouteTableId,
    }
    /// `AssociateRouteTable`: an explicit subnet association.
    AssociateRouteTable = "associate_route_table", principal route_table {
        req route_table: RouteTableId,
        req subnet: SubnetId,
    }
    /// `DisassociateRouteTable`: the subnet goes back to the main table.
    DisassociateRouteTable = "disassociate_route_table", principal subnet {
        req subnet: SubnetId,
    }
    /// `ReplaceRouteTableAssociation` on the main association: `route_table` becomes its VPC's
    /// main route table.
    ReplaceMainRouteTable = "replace_main_route_table", principal route_table {
        req route_table: RouteTableId,
    }
    /// `CreateVpcPeeringConnection` from `vpc` (the requester, owned by the acting account) to
    /// `peer_vpc`, owned by `peer_owner` (default: the requester's owner) in `peer_region`
    /// (default: the requester's region).
    RequestPeering = "request_peering", principal vpc {
        req vpc: VpcId,
        req peer_vpc: VpcId,
        opt peer_owner: Option<AccountId>,
        opt peer_region: Option<Region>,
        opt name: Option<String>,
    }
    /// `AcceptVpcPeeringConnection`, by the accepter's account.
    AcceptPeering = "accept_peering", principal peering {
        req peering: PcxId,
    }
    /// `RejectVpcPeeringConnection`, by the accepter's account.
    RejectPeering = "reject_peering", principal peering {
        req peering: PcxId,
    }
    /// `DeleteVpcPeeringConnection`, by either owner.
    DeletePeering = "delete_peering", principal peering {
        req peering: PcxId,
    }
    /// `CreateVpc`, with its main route table, default network ACL and default security group.
    CreateVpc = "create_vpc" {
        req cidr: String,
        opt region: Option<Region>,
        opt name: Option<String>,
    }
    /// `AssociateVpcCidrBlock`: a secondary IPv4 CIDR.
    AddVpcCidr = "add_vpc_cidr", principal vpc {
        req vpc: VpcId,
        req cidr: String,
    }
    /// `AssociateVpcCidrBlock` with `AmazonProvidedIpv6CidrBlock`: an Amazon-provided IPv6 /56
    /// (userguide/vpc-migrate-ipv6.html).
    AssociateVpcIpv6Cidr = "associate_vpc_ipv6_cidr", principal vpc {
        req vpc: VpcId,
    }
    /// `AssociateSubnetCidrBlock` with `Ipv6CidrBlock`: an IPv6 block from the VPC's
    /// (userguide/subnet-sizing.html).
    AssociateSubnetIpv6Cidr = "associate_subnet_ipv6_cidr", principal subnet {
        req subnet: SubnetId,
        req cidr: String,
    }
    /// `CreateEgressOnlyInternetGateway`: attached to `vpc` (userguide/egress-only-internet-gateway.html).
    CreateEgressOnlyInternetGateway = "create_egress_only_internet_gateway", principal vpc {
        req vpc: VpcId,
        opt name: Option<String>,
    }
    /// `DeleteEgressOnlyInternetGateway`: routes to it turn `blackhole`.
    DeleteEgressOnlyInternetGateway = "delete_egress_only_internet_gateway", principal egress_only_internet_gateway {
        req egress_only_internet_gateway: EigwId,
    }
    /// `DisassociateVpcCidrBlock`: a secondary IPv4 CIDR no subnet uses.
    RemoveVpcCidr = "remove_vpc_cidr", principal vpc {
        req vpc: VpcId,
        req cidr: String,
    }
    /// `ModifyVpcAttribute`: DNS support and DNS hostnames (private DNS of interface endpoints
    /// needs both).
    ModifyVpcAttribute = "modify_vpc_attribute", principal vpc {
        req vpc: VpcId,
        opt enable_dns_support: Option<bool>,
        opt enable_dns_hostnames: Option<bool>,
    }
    /// `CreateSubnet`.
    CreateSubnet = "create_subnet", principal vpc {
        req vpc: VpcId,
        opt cidr: Option<String>,
        req availability_zone: String,
        opt name: Option<String>,
        opt ipv6_cidr: Option<String>,
        flag ipv6_native: bool,
    }
    /// `CreateInternetGateway` (detached).
    CreateInternetGateway = "create_internet_gateway" {
        opt region: Option<Region>,
        opt name: Option<String>,
    }
    /// `AttachInternetGateway`.
    AttachInternetGateway = "attach_internet_gateway", principal internet_gateway {
        req internet_gateway: IgwId,
        req vpc: VpcId,
    }
    /// `DetachInternetGateway`: routes to it become `blackhole`.
    DetachInternetGateway = "detach_internet_gateway", principal internet_gateway {
        req internet_gateway: IgwId,
        req vpc: VpcId,
    }
    /// `CreateNatGateway`: public (with a new Elastic IP) unless `private` is true.
    CreateNatGateway = "create_nat_gateway", principal subnet {
        req subnet: SubnetId,
        flag private: bool,
        opt name: Option<String>,
    }
    /// `DeleteNatGateway`: routes to it become `blackhole`.
    DeleteNatGateway = "delete_nat_gateway", principal nat_gateway {
        req nat_gateway: NatId,
    }
    /// `CreateVpcEndpoint` of type Gateway: `service` is `s3` or `dynamodb` (or the full
    /// `com.amazonaws.REGION.s3`); each route table gets the service's prefix-list route.
    CreateGatewayEndpoint = "create_gateway_endpoint", principal vpc {
        req vpc: VpcId,
        req service: String,
        def route_tables: Vec<RouteTableId>,
        opt name: Option<String>,
    }
    /// `CreateVpcEndpoint` of type Interface: one ENI in each subnet (one subnet per AZ), with the
    /// security groups (default: the VPC's default group) and private DNS (default on).
    CreateInterfaceEndpoint = "create_interface_endpoint", principal vpc {
        req vpc: VpcId,
        req service: String,
        req subnets: Vec<SubnetId>,
        def security_groups: Vec<SgId>,
        def_true private_dns: bool,
        opt name: Option<String>,
    }
    /// `ModifyVpcEndpoint` for a gateway endpoint: add or remove route tables (and so the
    /// prefix-list routes).
    ModifyGatewayEndpoint = "modify_gateway_endpoint", principal endpoint {
        req endpoint: VpceId,
        def add_route_tables: Vec<RouteTableId>,
        def remove_route_tables: Vec<RouteTableId>,
    }
    /// `DeleteVpcEndpoints`: its routes and ENIs go with it.
    DeleteEndpoint = "delete_endpoint", principal endpoint {
        req endpoint: VpceId,
    }
    /// `CreateTransitGateway`, with its default route table when default association or
    /// propagation is on (both by default).
    CreateTransitGateway = "create_transit_gateway" {
        opt region: Option<Region>,
        def_true default_association: bool,
        def_true default_propagation: bool,
        opt name: Option<String>,
    }
    /// `CreateTransitGatewayRouteTable`.
    CreateTransitGatewayRouteTable = "create_transit_gateway_route_table", principal transit_gateway {
        req transit_gateway: TgwId,
        opt name: Option<String>,
    }
    /// `CreateTransitGatewayVpcAttachment`: one subnet per AZ; `ipv6_support` is
    /// `--options Ipv6Support=enable`.
    CreateTransitGatewayAttachment = "create_transit_gateway_attachment", principal vpc {
        req transit_gateway: TgwId,
        req vpc: VpcId,
        req subnets: Vec<SubnetId>,
        opt name: Option<String>,
        flag ipv6_support: bool,
    }
    /// `AssociateTransitGatewayRouteTable`.
    AssociateTransitGatewayRouteTable = "associate_transit_gateway_route_table", principal transit_gateway_route_table {
        req transit_gateway_route_table: TgwRouteTableId,
        req transit_gateway_attachment: TgwAttachmentId,
    }
    /// `DisassociateTransitGatewayRouteTable`.
    DisassociateTransitGatewayRouteTable = "disassociate_transit_gateway_route_table", principal transit_gateway_route_table {
        req transit_gateway_route_table: TgwRouteTableId,
        req transit_gateway_attachment: TgwAttachmentId,
    }
    /// `EnableTransitGatewayRouteTablePropagation`.
    EnableTransitGatewayPropagation = "enable_transit_gateway_propagation", principal transit_gateway_route_table {
        req transit_gateway_route_table: TgwRouteTableId,
        req transit_gateway_attachment: TgwAttachmentId,
    }
    /// `DisableTransitGatewayRouteTablePropagation`.
    DisableTransitGatewayPropagation = "disable_transit_gateway_propagation", principal transit_gateway_route_table {
        req transit_gateway_route_table: TgwRouteTableId,
        req transit_gateway_attachment: TgwAttachmentId,
    }
    /// `CreateTransitGatewayRoute`: to an attachment, or a blackhole.
    CreateTransitGatewayRoute = "create_transit_gateway_route", principal transit_gateway_route_table {
        req transit_gateway_route_table: TgwRouteTableId,
        req destination: String,
        opt transit_gateway_attachment: Option<TgwAttachmentId>,
        flag blackhole: bool,
    }
    /// `DeleteTransitGatewayRoute` (a static route).
    DeleteTransitGatewayRoute = "delete_transit_gateway_route", principal transit_gateway_route_table {
        req transit_gateway_route_table: TgwRouteTableId,
        req destination: String,
    }
    /// VPC sharing (AWS RAM `CreateResourceShare`): a non-default subnet, by its owner, with
    /// another account.
    ShareSubnet = "share_subnet", principal subnet {
        req subnet: SubnetId,
        req with_account: AccountId,
    }
    /// `CreateSecurityGroup`: no inbound rules, all outbound allowed.
    CreateSecurityGroup = "create_security_group", principal vpc {
        req vpc: VpcId,
        req name: String,
        def description: String,
    }
    /// `AuthorizeSecurityGroupIngress` / `AuthorizeSecurityGroupEgress`: `protocol` is `tcp`,
    /// `udp`, `icmp`, `-1` (all) or a protocol number; ports for TCP/UDP (ICMP: type and code);
    /// exactly one peer of `cidr`, `peer_group`, `prefix_list`.
    AddSecurityGroupRule = "add_security_group_rule", principal security_group {
        req security_group: SgId,
        flat rule: SgRuleSpec,
        opt description: Option<String>,
    }
    /// `RevokeSecurityGroupIngress` / `RevokeSecurityGroupEgress`, naming the rule as it was added.
    RemoveSecurityGroupRule = "remove_security_group_rule", principal security_group {
        req security_group: SgId,
        flat rule: SgRuleSpec,
    }
    /// `CreateNetworkAclEntry`: `rule_action` is `allow` or `deny`; ports for TCP/UDP, type and
    /// code for ICMP.
    AddNetworkAclEntry = "add_network_acl_entry", principal network_acl {
        req network_acl: AclId,
        flat entry: AclEntrySpec,
    }
    /// `ReplaceNetworkAclEntry`: the entry with that rule number and direction gets these
    /// fields; AWS refuses when there is none (`InvalidNetworkAclEntry.NotFound`). See
    /// "ReplaceNetworkAclEntry" (Amazon EC2 API Reference,
    /// <https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ReplaceNetworkAclEntry.html>).
    ReplaceNetworkAclEntry = "replace_network_acl_entry", principal network_acl {
        req network_acl: AclId,
        flat entry: AclEntrySpec,
    }
    /// `DeleteNetworkAclEntry`.
    RemoveNetworkAclEntry = "remove_network_acl_entry", principal network_acl {
        req network_acl: AclId,
        req rule_number: i64,
        def egress: bool,
    }
    /// `RunInstances` (one instance): the private IP is the first free one unless given; a
    /// public IP if asked; security groups default to the VPC's default group.
    LaunchInstance = "launch_instance", principal subnet {
        req subnet: SubnetId,
        opt private_ip: Option<String>,
        flag public_ip: bool,
        flag ipv6_address: bool,
        def security_groups: Vec<SgId>,
        opt name: Option<String>,
    }
    /// `DeleteTransitGatewayVpcAttachment`: its association, propagations and static routes go
    /// with it; VPC routes to the transit gateway stay (and turn `blackhole` without another
    /// attachment of that VPC).
    DeleteTransitGatewayAttachment = "delete_transit_gateway_attachment", principal transit_gateway_attachment {
        req transit_gateway_attachment: TgwAttachmentId,
    }
    /// `ModifyTransitGatewayVpcAttachment`: add or remove subnets (one per availability zone, at
    /// least one kept).
    ModifyTransitGatewayAttachment = "modify_transit_gateway_attachment", principal transit_gateway_attachment {
        req transit_gateway_attachment: TgwAttachmentId,
        def add_subnets: Vec<SubnetId>,
        def remove_subnets: Vec<SubnetId>,
    }
    /// `DeleteTransitGatewayRouteTable`: only without associations.
    DeleteTransitGatewayRouteTable = "delete_transit_gateway_route_table", principal transit_gateway_route_table {
        req transit_gateway_route_table: TgwRouteTableId,
    }
    /// `DeleteTransitGateway`: only without attachments; its route tables go with it.
    DeleteTransitGateway = "delete_transit_gateway", principal transit_gateway {
        req transit_gateway: TgwId,
    }
    /// `DeleteSubnet`: only without network interfaces in it.
    DeleteSubnet = "delete_subnet", principal subnet {
        req subnet: SubnetId,
    }
    /// `DeleteVpc`: only an empty VPC; its main route table, default ACL and default group and
    /// its peerings go with it.
    DeleteVpc = "delete_vpc", principal vpc {
        req vpc: VpcId,
    }
    /// `DeleteInternetGateway`: only a detached one.
    DeleteInternetGateway = "delete_internet_gateway", principal internet_gateway {
        req internet_gateway: IgwId,
    }
    /// `DeleteSecurityGroup`: not the default group, not while in use or referred to.
    DeleteSecurityGroup = "delete_security_group", principal security_group {
        req security_group: SgId,
    }
    /// `CreateVpnGateway`: a detached virtual private gateway; `amazon_side_asn` is a private
    /// ASN (64512 by default). See "CreateVpnGateway" (Amazon EC2 API Reference,
    /// <https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpnGateway.html>).
    CreateVpnGateway = "create_vpn_gateway" {
        opt region: Option<Region>,
        opt amazon_side_asn: Option<i64>,
        opt name: Option<String>,
    }
    /// `AttachVpnGateway`: one VPC per gateway, one gateway per VPC
    /// (<https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AttachVpnGateway.html>).
    AttachVpnGateway = "attach_vpn_gateway", principal vpn_gateway {
        req vpn_gateway: VgwId,
        req vpc: VpcId,
    }
    /// `DetachVpnGateway`: routes to it turn `blackhole`, its propagated routes go.
    DetachVpnGateway = "detach_vpn_gateway", principal vpn_gateway {
        req vpn_gateway: VgwId,
        req vpc: VpcId,
    }
    /// `DeleteVpnGateway`: only a detached gateway no VPN connection or Direct Connect gateway
    /// uses (<https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteVpnGateway.html>).
    DeleteVpnGateway = "delete_vpn_gateway", principal vpn_gateway {
        req vpn_gateway: VgwId,
    }
    /// `CreateCustomerGateway`: the on-premises device's public IPv4 address and BGP ASN (65000
    /// by default)
    /// (<https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateCustomerGateway.html>).
    CreateCustomerGateway = "create_customer_gateway" {
        req ip_address: String,
        opt bgp_asn: Option<i64>,
        opt region: Option<Region>,
        opt name: Option<String>,
    }
    /// `DeleteCustomerGateway`: not while a VPN connection uses it.
    DeleteCustomerGateway = "delete_customer_gateway", principal customer_gateway {
        req customer_gateway: CgwId,
    }
    /// `CreateVpnConnection` (`ipsec.1`) from a customer gateway to a virtual private gateway or
    /// a transit gateway (exactly one); on a transit gateway it creates an attachment of type
    /// `vpn`. `static_routes_only`: static routing instead of BGP
    /// (<https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpnConnection.html>).
    CreateVpnConnection = "create_vpn_connection", principal customer_gateway {
        req customer_gateway: CgwId,
        opt vpn_gateway: Option<VgwId>,
        opt transit_gateway: Option<TgwId>,
        flag static_routes_only: bool,
        opt name: Option<String>,
    }
    /// `DeleteVpnConnection`: its static routes (and its transit gateway attachment) go with it.
    DeleteVpnConnection = "delete_vpn_connection", principal vpn_connection {
        req vpn_connection: VpnId,
    }
    /// `CreateVpnConnectionRoute`: a static route to the on-premises network, on a static VPN
    /// connection to a virtual private gateway.
    CreateVpnConnectionRoute = "create_vpn_connection_route", principal vpn_connection {
        req vpn_connection: VpnId,
        req destination: String,
    }
    /// `DeleteVpnConnectionRoute`.
    DeleteVpnConnectionRoute = "delete_vpn_connection_route", principal vpn_connection {
        req vpn_connection: VpnId,
        req destination: String,
    }
    /// `EnableVgwRoutePropagation`: the gateway must be attached to the table's VPC.
    EnableVgwRoutePropagation = "enable_vgw_route_propagation", principal route_table {
        req route_table: RouteTableId,
        req vpn_gateway: VgwId,
    }
    /// `DisableVgwRoutePropagation`.
    DisableVgwRoutePropagation = "disable_vgw_route_propagation", principal route_table {
        req route_table: RouteTableId,
        req vpn_gateway: VgwId,
    }
    /// Direct Connect `CreateDirectConnectGateway`: a global gateway (`region` only says where
    /// its account's documents are); `amazon_side_asn` is a private ASN (64512 by default)
    /// (<https://docs.aws.amazon.com/directconnect/latest/APIReference/API_CreateDirectConnectGateway.html>).
    CreateDirectConnectGateway = "create_direct_connect_gateway" {
        req name: String,
        opt amazon_side_asn: Option<i64>,
        opt region: Option<Region>,
    }
    /// Direct Connect `DeleteDirectConnectGateway`: only without associations or virtual
    /// interfaces.
    DeleteDirectConnectGateway = "delete_direct_connect_gateway", principal direct_connect_gateway {
        req direct_connect_gateway: DxGatewayId,
    }
    /// Direct Connect `CreateDirectConnectGatewayAssociation` with a virtual private gateway
    /// (attached to a VPC) or a transit gateway (`allowed_prefixes` required)
    /// (<https://docs.aws.amazon.com/directconnect/latest/APIReference/API_CreateDirectConnectGatewayAssociation.html>).
    CreateDirectConnectGatewayAssociation = "create_direct_connect_gateway_association", principal direct_connect_gateway {
        req direct_connect_gateway: DxGatewayId,
        opt vpn_gateway: Option<VgwId>,
        opt transit_gateway: Option<TgwId>,
        def allowed_prefixes: Vec<String>,
    }
    /// Direct Connect `DeleteDirectConnectGatewayAssociation`, by its association id.
    DeleteDirectConnectGatewayAssociation = "delete_direct_connect_gateway_association", principal association_id {
        req association_id: String,
    }
    /// `TerminateInstances` (one instance): its interface goes with it; routes to it turn
    /// `blackhole`.
    TerminateInstance = "terminate_instance", principal instance {
        req instance: InstanceId,
    }
}

/// Inbound or outbound, for security-group rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Ingress,
    Egress,
}

flattened! {
    /// The fields naming a security-group rule, shared by adding and removing one (flattened
    /// into the action's JSON): `protocol` is `tcp`, `udp`, `icmp`, `-1` (all) or a protocol
    /// number; ports for TCP/UDP (ICMP: type and code); exactly one peer of `cidr`,
    /// `peer_group`, `prefix_list`.
    pub struct SgRuleSpec {
        req direction: Direction,
        req protocol: String,
        opt from_port: Option<i64>,
        opt to_port: Option<i64>,
        opt cidr: Option<String>,
        opt peer_group: Option<SgId>,
        opt prefix_list: Option<PrefixListId>,
    }
}

flattened! {
    /// The fields of a network ACL entry, shared by creating and replacing one (flattened into
    /// the action's JSON): `rule_action` is `allow` or `deny`; ports for TCP/UDP, type and code
    /// for ICMP.
    pub struct AclEntrySpec {
        req rule_number: i64,
        def egress: bool,
        req protocol: String,
        req rule_action: String,
        req cidr: String,
        opt from_port: Option<i64>,
        opt to_port: Option<i64>,
        opt icmp_type: Option<i64>,
        opt icmp_code: Option<i64>,
    }
}

/// One action's fields, as [`action_fields`] publishes them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActionFields {
    /// The JSON tag.
    pub action: &'static str,
    pub fields: Vec<ActionField>,
}

/// One field of an action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActionField {
    pub name: &'static str,
    /// `string`, `boolean`, `integer`, `strings` (an array of strings) or `choice` (a string
    /// from a fixed set, such as `direction`: `ingress` or `egress`).
    pub kind: &'static str,
    /// Whether the action is refused without it (`MissingParameter`).
    pub required: bool,
    /// For a port field of a rule (`from_port`, `to_port`, `icmp_type`, `icmp_code`): what it
    /// means under each protocol of the rule's `protocol` field that uses it; the protocols not
    /// listed ignore it. Empty (and not written) for the other fields.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub uses: Vec<ProtocolUse>,
    /// For a CIDR field whose sizes AWS limits: the prefix lengths it accepts, in words (a
    /// subnet's IPv6 block: [`crate::cidr::aws_ipv6_prefixes_text`]), for the form's label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sizes: Option<String>,
}

/// The prefix lengths field `name` of `action` accepts, in words, when AWS limits them.
fn sizes(action: &str, name: &str) -> Option<String> {
    match (action, name) {
        ("associate_subnet_ipv6_cidr", "cidr") | ("create_subnet", "ipv6_cidr") => {
            Some(crate::cidr::aws_ipv6_prefixes_text())
        }
        _ => None,
    }
}

/// What a rule's port field means under one protocol ([`Protocol::port_use`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProtocolUse {
    /// The `protocol` value as the forms send it: `tcp`, `udp` or `icmp`.
    pub protocol: &'static str,
    /// `port_from`, `port_to` (the ends of a port range), `icmp_type` or `icmp_code`.
    pub means: &'static str,
    /// Whether the action is refused without it under this protocol.
    pub required: bool,
    /// The value that means "any" (ICMP: [`ICMP_ANY`], also what leaving it out means).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub any: Option<i32>,
}

/// The protocols whose rules have port fields, as the forms name them.
const PORT_PROTOCOLS: [(&str, Protocol); 3] = [
    ("tcp", Protocol::Tcp),
    ("udp", Protocol::Udp),
    ("icmp", Protocol::Icmp),
];

/// What port field `name` of an action with fields `names` means under each protocol. A
/// security group rule ([`SgRuleSpec`]) has `from_port` and `to_port`, which are a port range
/// or an ICMP type and code (`IpPermission`); a network ACL entry ([`AclEntrySpec`]) has
/// `from_port`, `to_port` for the range (`PortRange`) and `icmp_type`, `icmp_code` for ICMP
/// (`IcmpTypeCode`). See `edit/rules.rs` (`rule_ports`) and `edit/nacl.rs`, which read them so.
fn protocol_uses(name: &str, names: &[&str]) -> Vec<ProtocolUse> {
    if !names.contains(&"protocol") {
        return Vec::new();
    }
    let acl = names.contains(&"icmp_type");
    PORT_PROTOCOLS
        .iter()
        .filter_map(|&(protocol, p)| {
            let means =
                match (p.port_use(), name, acl) {
                    (PortUse::Range, "from_port", _) => "port_from",
                    (PortUse::Range, "to_port", _) => "port_to",
                    (PortUse::IcmpTypeCode, "from_port", false)
                    | (PortUse::IcmpTypeCode, "icmp_type", true) => "icmp_type",
                    (PortUse::IcmpTypeCode, "to_port", false)
                    | (PortUse::IcmpTypeCode, "icmp_code", true) => "icmp_code",
                    _ => return None,
                };
            let range = p.port_use() == PortUse::Range;
            Some(ProtocolUse {
                protocol,
                means,
                required: range,
                any: (!range).then_some(ICMP_ANY),
            })
        })
        .collect()
}

/// Every action's fields, in [`Action::NAMES`] order (`account` last): what the page's forms
/// must send (`tests/forms.rs` holds `www/ui/forms.js` to it).
///
/// # Examples
/// ```
/// use vpclab_core::edit::action_fields;
/// let all = action_fields();
/// let route = all.iter().find(|a| a.action == "create_route").unwrap();
/// let names: Vec<_> = route.fields.iter().map(|f| (f.name, f.required)).collect();
/// assert_eq!(names, [("route_table", true), ("destination", true), ("target", true), ("account", false)]);
/// assert!(all.iter().all(|a| a.action != "launch_rocket"));
/// ```
pub fn action_fields() -> Vec<ActionFields> {
    Action::NAMES
        .iter()
        .enumerate()
        .map(|(i, action)| {
            let fields = Action::fields(i);
            let names: Vec<&str> = fields.iter().map(|f| f.0).collect();
            ActionFields {
                action,
                fields: fields
                    .iter()
                    .map(|f| ActionField {
                        name: f.0,
                        kind: match f.1 {
                            Kind::Str => "string",
                            Kind::Bool => "boolean",
                            Kind::Strs => "strings",
                            Kind::Other(_) => "choice",
                            Kind::F64 => "number",
                            _ => "integer",
                        },
                        required: f.2 == crate::fields::Presence::Required,
                        uses: protocol_uses(f.0, &names),
                        sizes: sizes(action, f.0),
                    })
                    .collect(),
            }
        })
        .collect()
}
