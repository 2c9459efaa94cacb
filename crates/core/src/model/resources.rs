//! The AWS nouns. Field names follow the AWS CLI's where they exist; `owner` is `OwnerId`.

use std::collections::BTreeSet;
use std::net::{Ipv4Addr, Ipv6Addr};

use ipnet::{IpNet, Ipv4Net, Ipv6Net};
use serde::{Deserialize, Serialize};

use super::ids::*;

/// A VPC (`describe-vpcs`). Only CIDR blocks in state `associated` are kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vpc {
    pub id: VpcId,
    pub owner: AccountId,
    pub region: Region,
    /// IPv4 blocks, the primary (`CidrBlock`) first, then secondary ones in association order.
    pub cidrs: Vec<Ipv4Net>,
    pub ipv6_cidrs: Vec<Ipv6Net>,
    pub is_default: bool,
    /// `enableDnsSupport` (describe-vpc-attribute; vpclab reads an optional `EnableDnsSupport`
    /// key on the VPC object). Default true.
    pub dns_support: bool,
    /// `enableDnsHostnames`; default true for the default VPC, else false.
    pub dns_hostnames: bool,
    pub name: Option<String>,
}

/// A subnet (`describe-subnets`). `owner` is the account that owns it; with VPC sharing other
/// accounts (`shared_with`) may launch into it. See "Share your VPC with other accounts".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subnet {
    pub id: SubnetId,
    pub vpc: VpcId,
    pub owner: AccountId,
    pub region: Region,
    pub availability_zone: String,
    /// The IPv4 block; `None` for an IPv6-only subnet (`Ipv6Native`), whose `CidrBlock` AWS
    /// does not print.
    pub cidr: Option<Ipv4Net>,
    pub ipv6_cidrs: Vec<Ipv6Net>,
    pub map_public_ip_on_launch: bool,
    pub default_for_az: bool,
    /// Participant accounts the subnet is shared with (AWS RAM). A shared subnet appears in the
    /// participant's `describe-subnets` with the owner's `OwnerId`; that is how import sees it.
    pub shared_with: BTreeSet<AccountId>,
    pub name: Option<String>,
    /// `Ipv6Native`: an IPv6-only subnet (no IPv4 addresses are handed out in it; its
    /// `CidrBlock` is absent in AWS's output). See "Subnets for your VPC", Amazon VPC User Guide
    /// (configure-subnets.html, "Subnet IP address range": IPv4 only, dual stack, IPv6 only).
    pub ipv6_native: bool,
    /// `AssignIpv6AddressOnCreation`: network interfaces created in the subnet get an IPv6
    /// address. See "Modify the IP addressing attributes of your subnet" (subnet-public-ip.html).
    pub assign_ipv6_address_on_creation: bool,
    /// `EnableDns64`: the Route 53 Resolver answers AAAA queries for IPv4-only names with
    /// synthesised `64:ff9b::/96` addresses, which a NAT gateway translates (NAT64). See "DNS64
    /// and NAT64", Amazon VPC User Guide (nat-gateway-nat64-dns64.html).
    pub enable_dns64: bool,
}

impl Vpc {
    /// Whether `ip` is inside one of the VPC's blocks of its family (IPv4 `cidrs`, IPv6
    /// `ipv6_cidrs`).
    pub fn holds(&self, ip: std::net::IpAddr) -> bool {
        match ip {
            std::net::IpAddr::V4(v4) => self.cidrs.iter().any(|c| c.contains(&v4)),
            std::net::IpAddr::V6(v6) => self.ipv6_cidrs.iter().any(|c| c.contains(&v6)),
        }
    }

    /// The VPC's blocks of `ip`'s family, in words: `10.0.0.0/16, 10.1.0.0/16`.
    pub fn blocks_text(&self, ip: std::net::IpAddr) -> String {
        let blocks: Vec<String> = match ip {
            std::net::IpAddr::V4(_) => self.cidrs.iter().map(|c| c.to_string()).collect(),
            std::net::IpAddr::V6(_) => self.ipv6_cidrs.iter().map(|c| c.to_string()).collect(),
        };
        if blocks.is_empty() {
            format!("no IPv{} block", if ip.is_ipv4() { 4 } else { 6 })
        } else {
            blocks.join(", ")
        }
    }
}

impl Subnet {
    /// The subnet's blocks in words, IPv4 first: `10.0.1.0/24, 2600:1f18::/64`.
    pub fn blocks_text(&self) -> String {
        let v4 = self.cidr.iter().map(|c| c.to_string());
        let v6 = self.ipv6_cidrs.iter().map(|c| c.to_string());
        v4.chain(v6).collect::<Vec<_>>().join(", ")
    }

    /// Whether `ip` is inside the subnet's block of its family.
    pub fn holds(&self, ip: std::net::IpAddr) -> bool {
        match ip {
            std::net::IpAddr::V4(v4) => self.cidr.is_some_and(|c| c.contains(&v4)),
            std::net::IpAddr::V6(v6) => self.ipv6_cidrs.iter().any(|c| c.contains(&v6)),
        }
    }
}

/// A VPC route table (`describe-route-tables`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteTable {
    pub id: RouteTableId,
    pub vpc: VpcId,
    pub owner: AccountId,
    pub region: Region,
    /// The VPC's main route table, used by every subnet without an explicit association.
    pub main: bool,
    /// Subnets explicitly associated with this table.
    pub subnets: Vec<SubnetId>,
    pub routes: Vec<Route>,
    pub name: Option<String>,
    /// `PropagatingVgws[]`: virtual private gateways whose routes propagate into this table
    /// (see `route::vpc_routes`).
    pub propagating_vgws: Vec<VgwId>,
}

/// One route of a VPC route table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    pub destination: Destination,
    pub target: Target,
    pub state: RouteState,
    pub origin: RouteOrigin,
}

/// Where a route sends: a CIDR block or a prefix list.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Destination {
    Cidr(IpNet),
    PrefixList(PrefixListId),
}

impl std::fmt::Display for Destination {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Destination::Cidr(c) => write!(f, "{c}"),
            Destination::PrefixList(p) => write!(f, "{p}"),
        }
    }
}

/// What a route points at. See "Route table concepts", Amazon VPC User Guide.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    /// Delivery inside the VPC (`GatewayId: "local"`).
    Local,
    InternetGateway(IgwId),
    /// `eigw-…` (IPv6 only): see [`EgressOnlyInternetGateway`].
    EgressOnlyInternetGateway(EigwId),
    NatGateway(NatId),
    VpcPeering(PcxId),
    TransitGateway(TgwId),
    /// A gateway endpoint (S3, DynamoDB): `GatewayId: "vpce-…"`.
    GatewayEndpoint(VpceId),
    /// `NetworkInterfaceId` (a route to an ENI, such as a firewall appliance).
    Eni(EniId),
    /// `InstanceId` (AWS also reports the instance's ENI).
    Instance(InstanceId),
    /// `vgw-…`: a virtual private gateway (VPN, Direct Connect); what lies behind it is
    /// on-premises, outside the estate.
    VirtualPrivateGateway(VgwId),
    /// Anything else AWS may print (carrier, local gateway, core network): kept, never followed.
    Other {
        key: String,
        id: String,
    },
}

impl Target {
    /// The id as the console shows it in the Target column.
    pub fn id(&self) -> String {
        match self {
            Target::Local => "local".into(),
            Target::InternetGateway(i) => i.to_string(),
            Target::EgressOnlyInternetGateway(i) => i.to_string(),
            Target::NatGateway(i) => i.to_string(),
            Target::VpcPeering(i) => i.to_string(),
            Target::TransitGateway(i) => i.to_string(),
            Target::GatewayEndpoint(i) => i.to_string(),
            Target::Eni(i) => i.to_string(),
            Target::Instance(i) => i.to_string(),
            Target::VirtualPrivateGateway(i) => i.to_string(),
            Target::Other { id, .. } => id.clone(),
        }
    }
}

/// `active`, or `blackhole` when the target is gone or unusable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RouteState {
    Active,
    Blackhole,
}

/// How a route came to be: `CreateRouteTable` (the local route), `CreateRoute` (static, also
/// gateway-endpoint routes) or `EnableVgwRoutePropagation` (propagated).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RouteOrigin {
    CreateRouteTable,
    CreateRoute,
    EnableVgwRoutePropagation,
}

/// A VPC peering connection, seen once however many documents list it.
/// See "VPC peering basics", Amazon VPC Peering Guide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Peering {
    pub id: PcxId,
    pub requester: PeeringSide,
    pub accepter: PeeringSide,
    pub status: PeeringStatus,
    pub name: Option<String>,
}

/// One end of a peering (`RequesterVpcInfo` / `AccepterVpcInfo`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeeringSide {
    pub vpc: VpcId,
    pub owner: AccountId,
    pub region: Region,
    /// The VPC's CIDRs as the peering reports them (`CidrBlockSet`, `Ipv6CidrBlockSet`).
    pub cidrs: Vec<IpNet>,
}

/// `Status.Code` of a peering. Only `Active` carries traffic.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PeeringStatus {
    InitiatingRequest,
    PendingAcceptance,
    Provisioning,
    Active,
    Deleting,
    Deleted,
    Rejected,
    Failed,
    Expired,
}

impl PeeringStatus {
    /// Every status, in the order of the enum.
    pub const ALL: [PeeringStatus; 9] = [
        Self::InitiatingRequest,
        Self::PendingAcceptance,
        Self::Provisioning,
        Self::Active,
        Self::Deleting,
        Self::Deleted,
        Self::Rejected,
        Self::Failed,
        Self::Expired,
    ];

    /// The status as AWS spells it (`Status.Code`: `pending-acceptance`, `active` …), the same
    /// word as its JSON.
    ///
    /// # Examples
    /// ```
    /// use vpclab_core::model::PeeringStatus;
    /// assert_eq!(PeeringStatus::PendingAcceptance.name(), "pending-acceptance");
    /// assert_ne!(PeeringStatus::Active.name(), "Active");
    /// ```
    pub fn name(&self) -> &'static str {
        match self {
            PeeringStatus::InitiatingRequest => "initiating-request",
            PeeringStatus::PendingAcceptance => "pending-acceptance",
            PeeringStatus::Provisioning => "provisioning",
            PeeringStatus::Active => "active",
            PeeringStatus::Deleting => "deleting",
            PeeringStatus::Deleted => "deleted",
            PeeringStatus::Rejected => "rejected",
            PeeringStatus::Failed => "failed",
            PeeringStatus::Expired => "expired",
        }
    }
}

/// An internet gateway (`describe-internet-gateways`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InternetGateway {
    pub id: IgwId,
    pub owner: AccountId,
    pub region: Region,
    /// The VPC it is attached to (`Attachments[].VpcId` with state `available`/`attached`).
    pub attached_vpc: Option<VpcId>,
    pub name: Option<String>,
}

/// A NAT gateway (`describe-nat-gateways`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NatGateway {
    pub id: NatId,
    pub owner: AccountId,
    pub region: Region,
    pub vpc: VpcId,
    pub subnet: SubnetId,
    /// `pending`, `available`, `deleting`, `deleted`, `failed`; only `available` forwards.
    pub state: String,
    /// `ConnectivityType`: true for `public` (the default), false for `private`.
    pub public: bool,
    pub public_ip: Option<Ipv4Addr>,
    pub private_ip: Option<Ipv4Addr>,
    pub eni: Option<EniId>,
    pub name: Option<String>,
}

/// A VPC endpoint (`describe-vpc-endpoints`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VpcEndpoint {
    pub id: VpceId,
    pub owner: AccountId,
    pub region: Region,
    pub vpc: VpcId,
    /// `com.amazonaws.us-east-1.s3` and the like.
    pub service_name: String,
    pub kind: EndpointKind,
    /// `available`, `pendingAcceptance`, `deleted`, …
    pub state: String,
    /// Gateway endpoints: the route tables that got its prefix-list route.
    pub route_tables: Vec<RouteTableId>,
    /// Interface endpoints: one subnet (and ENI) per AZ.
    pub subnets: Vec<SubnetId>,
    pub enis: Vec<EniId>,
    pub security_groups: Vec<SgId>,
    pub private_dns_enabled: bool,
    pub name: Option<String>,
}

/// `VpcEndpointType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EndpointKind {
    Gateway,
    Interface,
    GatewayLoadBalancer,
}

/// A prefix list (`describe-prefix-lists`): the AWS-managed ones name a service's public ranges
/// in a region (`com.amazonaws.us-east-1.s3`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrefixList {
    pub id: PrefixListId,
    pub name: String,
    pub region: Region,
    pub cidrs: Vec<IpNet>,
}

/// An EC2 instance (`describe-instances`, `Reservations[].Instances[]`). Instances without a
/// subnet (terminated ones) are not kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instance {
    pub id: InstanceId,
    /// The account that launched it (the reservation's `OwnerId`); with VPC sharing this may
    /// differ from the subnet's owner.
    pub owner: AccountId,
    pub region: Region,
    pub vpc: VpcId,
    pub subnet: SubnetId,
    /// The primary private IPv4 address; `None` for an IPv6-only instance (in an IPv6-only
    /// subnet: "IPv6-only instances", AWSEC2/latest/UserGuide/using-instance-addressing.html).
    pub private_ip: Option<Ipv4Addr>,
    pub public_ip: Option<Ipv4Addr>,
    /// The primary ENI first; may be empty for hand-written estates.
    pub enis: Vec<EniId>,
    /// Security groups of the primary interface.
    pub security_groups: Vec<SgId>,
    /// `State.Name`: `running`, `stopped`, …
    pub state: String,
    pub name: Option<String>,
    /// The IPv6 addresses of its primary network interface (`NetworkInterfaces[].Ipv6Addresses`
    /// of device index 0, and the instance's `Ipv6Address`), the primary IPv6 address first.
    /// IPv6 addresses are globally unique: there is no separate public IPv6 address. See "IPv6
    /// addresses", Amazon EC2 User Guide (using-instance-addressing.html).
    pub ipv6_addresses: Vec<Ipv6Addr>,
}

/// A network interface (`describe-network-interfaces`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Eni {
    pub id: EniId,
    pub owner: AccountId,
    pub region: Region,
    pub vpc: VpcId,
    pub subnet: SubnetId,
    pub availability_zone: String,
    /// The primary private address first.
    pub private_ips: Vec<Ipv4Addr>,
    pub public_ip: Option<Ipv4Addr>,
    pub security_groups: Vec<SgId>,
    /// `InterfaceType`: `interface`, `nat_gateway`, `vpc_endpoint`, `transit_gateway`, …
    pub interface_type: String,
    /// The instance it is attached to, if any.
    pub instance: Option<InstanceId>,
    pub description: String,
    /// `Ipv6Addresses[].Ipv6Address`, the primary IPv6 address (`IsPrimaryIpv6`) first.
    pub ipv6_addresses: Vec<Ipv6Addr>,
}

/// A security group (`describe-security-groups`). Stateful, allow-only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecurityGroup {
    pub id: SgId,
    pub owner: AccountId,
    pub region: Region,
    pub vpc: VpcId,
    pub name: String,
    pub description: String,
    pub ingress: Vec<SgRule>,
    pub egress: Vec<SgRule>,
}

/// One security-group rule with one peer (an AWS `IpPermission` with several peers becomes
/// several rules).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SgRule {
    pub protocol: Protocol,
    /// `FromPort`/`ToPort` as AWS gives them (ICMP type/code for ICMP; `None` or -1 for all).
    pub from_port: Option<i32>,
    pub to_port: Option<i32>,
    pub peer: SgPeer,
    pub description: Option<String>,
}

/// Who a security-group rule allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SgPeer {
    Cidr(IpNet),
    PrefixList(PrefixListId),
    /// Another security group (`UserIdGroupPairs`), possibly in another account.
    Group {
        id: SgId,
        owner: Option<AccountId>,
    },
}

/// `IpProtocol`: `-1` (all), `tcp`, `udp`, `icmp`, or another IP protocol number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Protocol {
    All,
    Tcp,
    Udp,
    Icmp,
    Number(u8),
}

impl Protocol {
    /// The protocol with IP number `n`: the named variant for 1, 6 and 17, so that `icmp`, `1`
    /// and `01` are one protocol (AWS reads them alike; see "Protocol Numbers", IANA, which
    /// `IpProtocol` follows per the Amazon EC2 API Reference, IpPermission).
    pub fn from_number(n: u8) -> Protocol {
        match n {
            1 => Protocol::Icmp,
            6 => Protocol::Tcp,
            17 => Protocol::Udp,
            n => Protocol::Number(n),
        }
    }

    /// What a rule's port fields mean for this protocol: a port range for TCP and UDP, a type
    /// and a code for ICMP ([`ICMP_ANY`] for any), nothing for the others (they cover every
    /// port). See "Security group rules" (userguide/security-group-rules.html) and "Network ACL
    /// rules" (userguide/nacl-rules.html), and the Amazon EC2 API Reference, IpPermission
    /// (`FromPort`: "the start of the port range for the TCP and UDP protocols, or an ICMP/ICMPv6
    /// type number. A value of -1 indicates all ICMP/ICMPv6 types").
    ///
    /// # Examples
    /// ```
    /// use vpclab_core::model::{PortUse, Protocol};
    /// assert_eq!(Protocol::Tcp.port_use(), PortUse::Range);
    /// assert_eq!(Protocol::Icmp.port_use(), PortUse::IcmpTypeCode);
    /// assert_eq!(Protocol::Number(50).port_use(), PortUse::None);
    /// ```
    pub fn port_use(&self) -> PortUse {
        match self {
            Protocol::Tcp | Protocol::Udp => PortUse::Range,
            Protocol::Icmp => PortUse::IcmpTypeCode,
            Protocol::All | Protocol::Number(_) => PortUse::None,
        }
    }

    /// Its IP protocol number as a network ACL entry writes it (`6`, `17`, `1`; `-1` for all).
    pub fn number(&self) -> String {
        match self {
            Protocol::All => "-1".into(),
            Protocol::Tcp => "6".into(),
            Protocol::Udp => "17".into(),
            Protocol::Icmp => "1".into(),
            Protocol::Number(n) => n.to_string(),
        }
    }
}

/// What a rule's port fields mean for a protocol ([`Protocol::port_use`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PortUse {
    /// A port range, both ends required (TCP, UDP).
    Range,
    /// An ICMP type and code, each [`ICMP_ANY`] (or left out) for any.
    IcmpTypeCode,
    /// No ports: the rule covers all of the protocol's traffic.
    None,
}

/// An ICMP type or code that matches any (`-1`; also how AWS writes "all" in a rule's
/// `FromPort`).
pub const ICMP_ANY: i32 = -1;

/// A network ACL (`describe-network-acls`). Stateless; numbered rules, lowest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkAcl {
    pub id: AclId,
    pub owner: AccountId,
    pub region: Region,
    pub vpc: VpcId,
    pub is_default: bool,
    pub subnets: Vec<SubnetId>,
    pub entries: Vec<AclEntry>,
    pub name: Option<String>,
}

/// One network ACL rule (`Entries[]`), including the final `*` rule (number 32767).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AclEntry {
    pub rule_number: u16,
    pub egress: bool,
    pub allow: bool,
    pub protocol: Protocol,
    pub cidr: IpNet,
    /// `PortRange` for TCP/UDP.
    pub ports: Option<(u16, u16)>,
    /// `IcmpTypeCode` (type, code; -1 = all).
    pub icmp: Option<(i32, i32)>,
}

/// A transit gateway (`describe-transit-gateways`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransitGateway {
    pub id: TgwId,
    pub owner: AccountId,
    pub region: Region,
    /// `Options.AssociationDefaultRouteTableId` when default association is enabled.
    pub default_association: Option<TgwRouteTableId>,
    /// `Options.PropagationDefaultRouteTableId` when default propagation is enabled.
    pub default_propagation: Option<TgwRouteTableId>,
    pub state: String,
    pub name: Option<String>,
}

/// A transit gateway attachment (`describe-transit-gateway-attachments`, with the subnets of
/// `describe-transit-gateway-vpc-attachments`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TgwAttachment {
    pub id: TgwAttachmentId,
    pub tgw: TgwId,
    pub tgw_owner: AccountId,
    pub region: Region,
    /// `vpc`, `vpn`, `peering`, `direct-connect-gateway`, `connect`, …
    pub resource_type: String,
    /// The VPC id for a VPC attachment.
    pub resource_id: String,
    pub resource_owner: AccountId,
    /// VPC attachments: one subnet per AZ where the attachment has its ENI.
    pub subnets: Vec<SubnetId>,
    /// `available`, `pendingAcceptance`, `deleted`, …; only `available` forwards.
    pub state: String,
    /// The TGW route table it is associated with (where its traffic is looked up).
    pub association: Option<TgwRouteTableId>,
    pub name: Option<String>,
    /// VPC attachments: `Options.Ipv6Support` is `enable`. Only then does the attachment carry
    /// IPv6 traffic and propagate the VPC's IPv6 blocks ("Amazon VPC attachments in AWS Transit
    /// Gateway", tgw/tgw-vpc-attachments.html: "IPv6 support").
    pub ipv6_support: bool,
}

/// A transit gateway route table. Propagated routes are not stored: they follow from
/// `propagations` and the attached VPCs' CIDRs (see `route`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TgwRouteTable {
    pub id: TgwRouteTableId,
    pub tgw: TgwId,
    pub region: Region,
    pub default_association: bool,
    pub default_propagation: bool,
    /// Attachments whose routes propagate into this table.
    pub propagations: Vec<TgwAttachmentId>,
    /// Static routes (including blackholes), and propagated routes of attachments whose
    /// destinations vpclab cannot derive (VPN, Direct Connect gateway, Connect: learned over
    /// BGP). A peering attachment does not propagate; its routes are static.
    pub routes: Vec<TgwRoute>,
    pub name: Option<String>,
}

/// One transit gateway route.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TgwRoute {
    pub destination: Destination,
    /// `None` for a blackhole route.
    pub attachment: Option<TgwAttachmentId>,
    pub state: RouteState,
    /// `Type`: true for `propagated`, false for `static`.
    pub propagated: bool,
}

// ---- IPv6 (issue 13) ----

/// An egress-only internet gateway (`describe-egress-only-internet-gateways`): IPv6 traffic
/// from the VPC goes out to the internet and its replies come back; connections started from
/// the internet are refused. Stateful, IPv6 only. See "Enable outbound IPv6 traffic using an
/// egress-only internet gateway", Amazon VPC User Guide (egress-only-internet-gateway.html).
/// AWS prints no `OwnerId` for it: the owner is the account of the document that lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EgressOnlyInternetGateway {
    pub id: EigwId,
    pub owner: AccountId,
    pub region: Region,
    /// The VPC it is attached to (`Attachments[].VpcId` with state `attached` or `attaching`).
    pub attached_vpc: Option<VpcId>,
    pub name: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_peering_status_name_is_its_json_word() {
        for s in PeeringStatus::ALL {
            assert_eq!(serde_json::to_value(&s).unwrap(), s.name(), "{s:?}");
        }
    }
}
