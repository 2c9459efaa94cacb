//! The answer of a reachability query: a [`Trace`] of hops, forward and back, and the reason
//! (a stable [`Code`]) when a packet is dropped. Serde shapes are a contract (issue 3): fields may
//! be added, never renamed.

use std::fmt;

use serde::Serialize;

/// Why a path is blocked. Stable names (SCREAMING_SNAKE_CASE in JSON), documented in
/// `docs/codes.md` under "reach".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Code {
    /// No route of the subnet's route table holds the destination.
    NoRoute,
    /// The winning route is a blackhole (VPC or TGW route table), or points at a TGW attachment
    /// that is not available.
    BlackholeRoute,
    /// The route uses a peering connection that is not `active`.
    PeeringNotActive,
    /// Traffic would leave a VPC it only transited: over a peering to an address outside the
    /// receiving VPC, or out through a gateway it may not use (edge-to-edge routing).
    NotTransitive,
    /// The reply finds no route back to the client.
    NoReturnRoute,
    /// The reply's longest-prefix route leads to another VPC than the one the request came from.
    ReturnToWrongPeer,
    /// The request's route leads into a VPC other than the destination's (identical CIDRs).
    DeliveredToWrongVpc,
    /// No inbound security-group rule of the destination allows the traffic.
    SgIngressDeny,
    /// No outbound security-group rule of the source allows the traffic.
    SgEgressDeny,
    /// A network ACL rule (or its final implicit deny) drops the packet.
    NaclDeny,
    /// The transit gateway route table has no route for the destination, or the attachment is
    /// associated with no route table.
    TgwNoRoute,
    /// The VPC has no available attachment to the transit gateway its route names.
    TgwNotAttached,
    /// The source subnet's Availability Zone has no attachment subnet of the transit gateway.
    TgwNoAttachmentInAz,
    /// No way to the internet: no internet gateway attached, no public IP, a NAT gateway not
    /// available, private, or in a subnet without a route to an internet gateway.
    NoInternetAccess,
    /// The destination address is inside the VPC's CIDRs but inside none of its subnets.
    AddressNotInSubnet,
    /// The route's target does not exist in the estate or belongs to another VPC.
    UnknownRouteTarget,
    /// The path leaves the loaded documents (a peer VPC or account not given).
    OutsideEstate,
    /// The path goes where vpclab does not follow (VPN, Direct Connect, an appliance ENI).
    NotModelled,
    /// The source or destination instance is not running.
    InstanceNotRunning,
    /// The VPC endpoint is not `available`.
    EndpointNotAvailable,
    /// An interface endpoint of an AWS service serves HTTPS only (TCP 443).
    EndpointServicePort,
    /// Routes send the packet round in a loop.
    RoutingLoop,
    /// A connection from the internet to an IPv6 address of a VPC whose only way to the
    /// internet is an egress-only internet gateway: it lets replies in, never a new connection.
    EgressOnlyInbound,
    /// IPv6 traffic through a transit gateway attachment whose IPv6 support is off, or to a
    /// virtual private gateway (IPv4 only).
    Ipv6NotEnabled,
    /// A route names a virtual private gateway that is not attached to the VPC.
    VgwNotAttached,
    /// No available VPN connection or Direct Connect link of the gateway carries the packet (a
    /// static VPN without a route for it, no connection at all).
    OnPremisesNotConnected,
    /// The VPN connection that would carry the packet has every tunnel down.
    VpnTunnelsDown,
}

impl Code {
    /// The code as it appears in JSON (`NO_ROUTE`, …).
    pub fn as_str(&self) -> &'static str {
        match self {
            Code::NoRoute => "NO_ROUTE",
            Code::BlackholeRoute => "BLACKHOLE_ROUTE",
            Code::PeeringNotActive => "PEERING_NOT_ACTIVE",
            Code::NotTransitive => "NOT_TRANSITIVE",
            Code::NoReturnRoute => "NO_RETURN_ROUTE",
            Code::ReturnToWrongPeer => "RETURN_TO_WRONG_PEER",
            Code::DeliveredToWrongVpc => "DELIVERED_TO_WRONG_VPC",
            Code::SgIngressDeny => "SG_INGRESS_DENY",
            Code::SgEgressDeny => "SG_EGRESS_DENY",
            Code::NaclDeny => "NACL_DENY",
            Code::TgwNoRoute => "TGW_NO_ROUTE",
            Code::TgwNotAttached => "TGW_NOT_ATTACHED",
            Code::TgwNoAttachmentInAz => "TGW_NO_ATTACHMENT_IN_AZ",
            Code::NoInternetAccess => "NO_INTERNET_ACCESS",
            Code::AddressNotInSubnet => "ADDRESS_NOT_IN_SUBNET",
            Code::UnknownRouteTarget => "UNKNOWN_ROUTE_TARGET",
            Code::OutsideEstate => "OUTSIDE_ESTATE",
            Code::NotModelled => "NOT_MODELLED",
            Code::InstanceNotRunning => "INSTANCE_NOT_RUNNING",
            Code::EndpointNotAvailable => "ENDPOINT_NOT_AVAILABLE",
            Code::EndpointServicePort => "ENDPOINT_SERVICE_PORT",
            Code::RoutingLoop => "ROUTING_LOOP",
            Code::EgressOnlyInbound => "EGRESS_ONLY_INBOUND",
            Code::Ipv6NotEnabled => "IPV6_NOT_ENABLED",
            Code::VgwNotAttached => "VGW_NOT_ATTACHED",
            Code::OnPremisesNotConnected => "ON_PREMISES_NOT_CONNECTED",
            Code::VpnTunnelsDown => "VPN_TUNNELS_DOWN",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What sort of thing a hop is at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HopKind {
    Instance,
    NetworkInterface,
    /// An address in a subnet held by no known interface.
    Host,
    SecurityGroup,
    NetworkAcl,
    /// A route lookup in a subnet's route table (`at` is the subnet).
    RouteTable,
    PeeringConnection,
    TransitGateway,
    TransitGatewayRouteTable,
    InternetGateway,
    NatGateway,
    GatewayEndpoint,
    InterfaceEndpoint,
    /// The public internet.
    Internet,
    /// An AWS service's public range (S3, DynamoDB, …).
    Service,
    /// A virtual private gateway, or a transit gateway's VPN or Direct Connect gateway
    /// attachment: the edge to on premises.
    VpnGateway,
    /// A network on premises, behind a VPN or Direct Connect.
    OnPremises,
}

/// What happened at a hop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// The packet starts here.
    Send,
    /// A filter (security group, network ACL) let it through.
    Allow,
    /// A filter dropped it.
    Deny,
    /// A route or gateway passed it on.
    Forward,
    /// An address was rewritten (NAT gateway, internet gateway).
    Translate,
    /// It arrived.
    Deliver,
    /// Routing could not carry it further.
    Drop,
}

/// One step of a path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hop {
    /// The resource id (or address) the step happens at.
    pub at: String,
    pub kind: HopKind,
    /// For route lookups: the route table used.
    pub route_table: Option<String>,
    /// For route lookups: the winning route's destination (a CIDR, or `pl-… (CIDR)`).
    pub matched: Option<String>,
    /// Where the step sends the packet (a route's target, a gateway's next resource).
    pub target: Option<String>,
    /// For filters: the rule that decided (`sg-… ingress tcp 22 from 10.0.0.0/16`, `rule 100 …`).
    pub rule: Option<String>,
    pub decision: Decision,
    /// The step in plain words, for a learner.
    pub message: String,
}

impl Hop {
    /// A hop with only `at`, `kind`, `decision` and `message`.
    pub fn new(at: impl Into<String>, kind: HopKind, decision: Decision, message: impl Into<String>) -> Hop {
        Hop {
            at: at.into(),
            kind,
            route_table: None,
            matched: None,
            target: None,
            rule: None,
            decision,
            message: message.into(),
        }
    }
}

/// The forward path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Path {
    pub reached: bool,
    pub hops: Vec<Hop>,
}

/// The return path; `reached` is `null` when it was not traced (the forward path failed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReturnPath {
    pub reached: Option<bool>,
    pub hops: Vec<Hop>,
}

/// Why the connection cannot be set up: the first failing hop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Blocked {
    pub code: Code,
    /// The resource to look at (a route table, peering, ACL, security group …).
    pub at: String,
    /// The failing hop in plain words, names first (`Default (rtb-…)`).
    pub message: String,
    /// The name people know `at` by: its `Name` tag (a security group's group name; `default
    /// VPC` for an unnamed default VPC), when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at_name: Option<String>,
    /// The route at fault, as the console's columns read: `0.0.0.0/0 → igw-…` (a blackhole
    /// route, the route that sent a reply the wrong way).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub route: Option<String>,
    /// The security-group or network-ACL rule at fault (`rule * deny all`, `rule 100 …`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// What went wrong in a few words (`No return route`): [`Code::title`].
    pub title: &'static str,
    /// The whole answer in one sentence for people: what went wrong (`No return route`), then the
    /// resource at fault by name and id, and the route, rule or setting. The page's and the
    /// goals' headline; the `code` stays the thing tools match on.
    pub headline: String,
}

impl Code {
    /// The code in a few words for people, the start of a [`Blocked::headline`].
    pub fn title(&self) -> &'static str {
        match self {
            Code::NoRoute => "No route",
            Code::BlackholeRoute => "Blackhole route",
            Code::PeeringNotActive => "Peering not active",
            Code::NotTransitive => "Peering is not transitive",
            Code::NoReturnRoute => "No return route",
            Code::ReturnToWrongPeer => "The reply goes to the wrong peer",
            Code::DeliveredToWrongVpc => "Delivered to the wrong VPC",
            Code::SgIngressDeny => "Security group denies it inbound",
            Code::SgEgressDeny => "Security group denies it outbound",
            Code::NaclDeny => "Network ACL denies it",
            Code::TgwNoRoute => "No transit gateway route",
            Code::TgwNotAttached => "Not attached to the transit gateway",
            Code::TgwNoAttachmentInAz => "No transit gateway attachment in this Availability Zone",
            Code::NoInternetAccess => "No internet access",
            Code::AddressNotInSubnet => "Address in no subnet",
            Code::UnknownRouteTarget => "Unknown route target",
            Code::OutsideEstate => "Outside the documents",
            Code::NotModelled => "Not modelled",
            Code::InstanceNotRunning => "Instance not running",
            Code::EndpointNotAvailable => "Endpoint not available",
            Code::EndpointServicePort => "The endpoint serves HTTPS only",
            Code::RoutingLoop => "Routing loop",
            Code::EgressOnlyInbound => "The egress-only gateway lets no connection in",
            Code::Ipv6NotEnabled => "IPv6 not carried",
            Code::VgwNotAttached => "Virtual private gateway not attached",
            Code::OnPremisesNotConnected => "Nothing connects it on premises",
            Code::VpnTunnelsDown => "VPN tunnels down",
        }
    }
}

/// One end of the query, as resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EndpointInfo {
    /// What the query named, resolved to an id where there is one (`i-…`, `eni-…`), else the
    /// address or service name.
    pub id: String,
    /// `instance`, `network_interface`, `host`, `internet` or `service`.
    pub kind: HopKind,
    /// The address packets use (IPv4, or IPv6 for a query over IPv6).
    pub address: String,
    pub vpc: Option<String>,
    pub subnet: Option<String>,
    /// `id` as people read it: `web (i-0a1b…)` when it has a Name tag, else `id`.
    pub label: String,
}

/// The answer to "can A connect to B?": forward and return paths and the verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Trace {
    /// The forward path and the return path both work.
    pub reachable: bool,
    pub forward: Path,
    #[serde(rename = "return")]
    pub return_path: ReturnPath,
    pub blocked: Option<Blocked>,
    pub from: EndpointInfo,
    pub to: EndpointInfo,
    /// `tcp`, `udp`, `icmp` or `all`.
    pub protocol: String,
    pub port: Option<u16>,
}
