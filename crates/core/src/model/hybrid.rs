//! Networks beyond AWS: virtual private gateways, customer gateways, Site-to-Site VPN
//! connections, Direct Connect gateways, their associations and virtual interfaces.
//!
//! What lies behind a customer gateway or a virtual interface (the on-premises network) is not
//! modelled: an address there is a destination, like the internet. See "How AWS Site-to-Site
//! VPN works" (vpn/latest/s2svpn/how_it_works.html) and "Direct Connect gateways"
//! (directconnect/latest/UserGuide/direct-connect-gateways-intro.html).

use std::collections::BTreeSet;
use std::net::Ipv4Addr;

use ipnet::IpNet;

use super::ids::*;

/// A virtual private gateway (`describe-vpn-gateways`): the VPN (and Direct Connect) end of one
/// VPC. It attaches to at most one VPC at a time ("Virtual private gateway", Site-to-Site VPN
/// User Guide, how_it_works.html).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VpnGateway {
    pub id: VgwId,
    pub owner: AccountId,
    pub region: Region,
    /// The VPC of its `VpcAttachments[]` entry in state `attached` or `attaching`.
    pub attached_vpc: Option<VpcId>,
    /// `available`, `pending`, `deleting`, `deleted`.
    pub state: String,
    /// `AmazonSideAsn`.
    pub amazon_side_asn: Option<u32>,
    pub name: Option<String>,
}

/// A customer gateway (`describe-customer-gateways`): AWS's record of the on-premises device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerGateway {
    pub id: CgwId,
    pub owner: AccountId,
    pub region: Region,
    /// `IpAddress`: the device's public address.
    pub ip_address: Option<Ipv4Addr>,
    /// `BgpAsn` (AWS prints it as a string).
    pub bgp_asn: Option<u32>,
    pub state: String,
    pub name: Option<String>,
}

/// The AWS end of a VPN connection: a virtual private gateway or a transit gateway
/// (`VpnGatewayId` or `TransitGatewayId`), or neither (Cloud WAN, or not given).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum VpnEnd {
    VirtualPrivateGateway(VgwId),
    TransitGateway(TgwId),
    None,
}

/// A Site-to-Site VPN connection (`describe-vpn-connections`). Billed per connection-hour while
/// `available` (see `cost`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VpnConnection {
    pub id: VpnId,
    pub owner: AccountId,
    pub region: Region,
    pub customer_gateway: CgwId,
    pub gateway: VpnEnd,
    /// `Options.StaticRoutesOnly`: static routing; false means BGP (dynamic).
    pub static_routes_only: bool,
    /// `Routes[]`: the static routes to the on-premises network, each with its `State`.
    pub routes: Vec<VpnStaticRoute>,
    /// `VgwTelemetry[]`: the tunnels as AWS reports them.
    pub tunnels: Vec<VpnTunnel>,
    /// `pending`, `available`, `deleting`, `deleted`.
    pub state: String,
    pub name: Option<String>,
}

/// One static route of a VPN connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VpnStaticRoute {
    pub destination: IpNet,
    /// `pending`, `available`, `deleting`, `deleted`; only `available` is propagated.
    pub state: String,
}

/// One tunnel's telemetry (`VgwTelemetry[]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VpnTunnel {
    pub outside_ip: Option<Ipv4Addr>,
    /// `UP` or `DOWN`.
    pub status: String,
    pub status_message: Option<String>,
    /// `AcceptedRouteCount`: BGP routes accepted over the tunnel.
    pub accepted_routes: u32,
}

impl VpnConnection {
    /// Whether any tunnel is `UP`. With both tunnels down no traffic crosses the connection
    /// ("Tunnel options", Site-to-Site VPN User Guide, VPNTunnels.html).
    pub fn any_tunnel_up(&self) -> bool {
        self.tunnels.iter().any(|t| t.status.eq_ignore_ascii_case("up"))
    }
}

/// A Direct Connect gateway (`directconnect describe-direct-connect-gateways`). A global
/// resource: every document (account, region) that lists it is kept in `listed_in`, so that
/// export writes it back where it was seen ("Direct Connect gateways", Direct Connect User
/// Guide, direct-connect-gateways-intro.html).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DxGateway {
    pub id: DxGatewayId,
    /// `OwnerAccount`, else the account of the first document that listed it.
    pub owner: AccountId,
    /// `DirectConnectGatewayName`.
    pub name: String,
    pub amazon_side_asn: Option<u32>,
    /// `DirectConnectGatewayState`: `pending`, `available`, `deleting`, `deleted`.
    pub state: String,
    pub listed_in: BTreeSet<(AccountId, Region)>,
}

/// What a Direct Connect gateway association joins it to (`AssociatedGateway`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum DxAssociated {
    VirtualPrivateGateway(VgwId),
    TransitGateway(TgwId),
}

/// A Direct Connect gateway association (`describe-direct-connect-gateway-associations`).
/// `AllowedPrefixesToDirectConnectGateway` are the prefixes advertised on-premises ("Allowed
/// prefixes interactions", Direct Connect User Guide, allowed-to-prefixes.html).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DxAssociation {
    /// `AssociationId`.
    pub id: String,
    pub dx_gateway: DxGatewayId,
    pub gateway: DxAssociated,
    /// `AssociatedGateway.OwnerAccount` and `.Region`.
    pub gateway_owner: AccountId,
    pub gateway_region: Region,
    /// `associating`, `associated`, `disassociating`, `disassociated`, `updating`.
    pub state: String,
    pub allowed_prefixes: Vec<IpNet>,
    /// The document (account, region) that listed it.
    pub listed_in: (AccountId, Region),
}

/// A Direct Connect virtual interface (`directconnect describe-virtual-interfaces`): a private
/// VIF ends on a virtual private gateway or a Direct Connect gateway, a transit VIF on a Direct
/// Connect gateway ("Virtual interfaces", Direct Connect User Guide, WorkingWithVirtualInterfaces.html).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VirtualInterface {
    pub id: DxVifId,
    /// `OwnerAccount`, else the document's account.
    pub owner: AccountId,
    pub region: Region,
    pub name: String,
    /// `VirtualInterfaceType`: `private`, `transit` or `public`.
    pub kind: String,
    /// `ConnectionId` (`dxcon-…`): the port it runs on.
    pub connection: Option<String>,
    pub dx_gateway: Option<DxGatewayId>,
    /// `VirtualGatewayId`.
    pub vgw: Option<VgwId>,
    /// `VirtualInterfaceState`: `available`, `down`, `deleted` …
    pub state: String,
    /// `BgpPeers[].BgpStatus`: `up`, `down`, `unknown`.
    pub bgp_statuses: Vec<String>,
}
