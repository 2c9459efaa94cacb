//! [`View`]: the current estate as the page draws it — accounts and regions as frames, VPCs with
//! their CIDRs, subnets by Availability Zone with their instances, route tables as the console
//! shows them (Destination / Target / Status, subnet associations), gateways, endpoints, security
//! groups, network ACLs, peerings and transit gateways. Data only, serde; nothing here decides
//! anything the engine does not already say.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::Workspace;
use crate::model::*;
use crate::route::{TgwRouteKind, TgwRoutes};

/// The whole picture.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct View {
    /// The exercise played, or `None` in the sandbox.
    pub exercise: Option<String>,
    /// Accounts in id order, each with its regions.
    pub accounts: Vec<AccountView>,
    /// Every peering connection (they may join accounts and regions).
    pub peerings: Vec<PeeringView>,
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
    pub cidr: String,
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
    pub private_ip: String,
    pub public_ip: Option<String>,
    pub state: String,
    pub security_groups: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InterfaceView {
    pub id: String,
    /// `interface`, `nat_gateway`, `vpc_endpoint`, `transit_gateway` …
    pub interface_type: String,
    pub description: String,
    pub private_ips: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RouteTableView {
    pub id: String,
    pub name: Option<String>,
    pub main: bool,
    /// Subnets explicitly associated.
    pub subnets: Vec<String>,
    pub routes: Vec<RouteView>,
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
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NetworkAclView {
    pub id: String,
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

fn s<T: ToString>(x: &T) -> String {
    x.to_string()
}

fn strings<T: ToString>(xs: &[T]) -> Vec<String> {
    xs.iter().map(|x| x.to_string()).collect()
}

pub(super) fn build(w: &Workspace) -> View {
    let e = &w.current;
    let mut places: BTreeMap<&AccountId, BTreeSet<&Region>> = BTreeMap::new();
    for (a, r) in &e.documents {
        places.entry(a).or_default().insert(r);
    }
    for v in e.vpcs.values() {
        places.entry(&v.owner).or_default().insert(&v.region);
    }
    for t in e.transit_gateways.values() {
        places.entry(&t.owner).or_default().insert(&t.region);
    }
    for g in e.internet_gateways.values() {
        places.entry(&g.owner).or_default().insert(&g.region);
    }
    let accounts = places
        .into_iter()
        .map(|(account, regions)| AccountView {
            id: s(account),
            regions: regions
                .into_iter()
                .map(|region| RegionView {
                    region: s(region),
                    vpcs: e
                        .vpcs
                        .values()
                        .filter(|v| &v.owner == account && &v.region == region)
                        .map(|v| vpc(e, v))
                        .collect(),
                    transit_gateways: e
                        .transit_gateways
                        .values()
                        .filter(|t| &t.owner == account && &t.region == region)
                        .map(|t| tgw(e, t))
                        .collect(),
                    detached_internet_gateways: e
                        .internet_gateways
                        .values()
                        .filter(|g| &g.owner == account && &g.region == region && g.attached_vpc.is_none())
                        .map(|g| Named {
                            id: s(&g.id),
                            name: g.name.clone(),
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    View {
        exercise: w.exercise.as_ref().map(|d| d.id.clone()),
        accounts,
        peerings: e.peerings.values().map(peering).collect(),
        history: w.done.iter().map(|d| d.description.clone()).collect(),
        can_undo: w.can_undo(),
        can_redo: w.can_redo(),
    }
}

fn vpc(e: &Estate, v: &Vpc) -> VpcView {
    let mut zones: BTreeMap<&str, Vec<&Subnet>> = BTreeMap::new();
    for sub in e.subnets.values().filter(|x| x.vpc == v.id) {
        zones.entry(&sub.availability_zone).or_default().push(sub);
    }
    let mut tables: Vec<&RouteTable> = e.route_tables.values().filter(|t| t.vpc == v.id).collect();
    tables.sort_by_key(|t| (!t.main, t.id.clone()));
    VpcView {
        id: s(&v.id),
        name: v.name.clone(),
        owner: s(&v.owner),
        cidrs: strings(&v.cidrs),
        ipv6_cidrs: strings(&v.ipv6_cidrs),
        is_default: v.is_default,
        dns_support: v.dns_support,
        dns_hostnames: v.dns_hostnames,
        zones: zones
            .into_iter()
            .map(|(zone, mut subs)| {
                subs.sort_by_key(|x| x.cidr);
                ZoneView {
                    zone: zone.to_string(),
                    subnets: subs.into_iter().map(|x| subnet(e, x)).collect(),
                }
            })
            .collect(),
        route_tables: tables.into_iter().map(|t| route_table(e, t)).collect(),
        internet_gateway: e.internet_gateway_of(&v.id).map(|g| Named {
            id: s(&g.id),
            name: g.name.clone(),
        }),
        nat_gateways: e
            .nat_gateways
            .values()
            .filter(|n| n.vpc == v.id)
            .map(|n| NatView {
                id: s(&n.id),
                name: n.name.clone(),
                subnet: s(&n.subnet),
                state: n.state.clone(),
                public: n.public,
                public_ip: n.public_ip.map(|x| s(&x)),
                private_ip: n.private_ip.map(|x| s(&x)),
            })
            .collect(),
        endpoints: e
            .endpoints
            .values()
            .filter(|x| x.vpc == v.id)
            .map(|x| EndpointView {
                id: s(&x.id),
                name: x.name.clone(),
                kind: x.kind,
                service: x.service_name.clone(),
                state: x.state.clone(),
                route_tables: strings(&x.route_tables),
                subnets: strings(&x.subnets),
                interfaces: strings(&x.enis),
                security_groups: strings(&x.security_groups),
                private_dns: x.private_dns_enabled,
            })
            .collect(),
        security_groups: e
            .security_groups
            .values()
            .filter(|g| g.vpc == v.id)
            .map(|g| SecurityGroupView {
                id: s(&g.id),
                name: g.name.clone(),
                description: g.description.clone(),
                ingress: g.ingress.iter().map(sg_rule).collect(),
                egress: g.egress.iter().map(sg_rule).collect(),
            })
            .collect(),
        network_acls: e
            .network_acls
            .values()
            .filter(|a| a.vpc == v.id)
            .map(network_acl)
            .collect(),
    }
}

fn subnet(e: &Estate, x: &Subnet) -> SubnetView {
    let table = e.route_table_of(&x.id);
    let instances: Vec<InstanceView> = e
        .instances
        .values()
        .filter(|i| i.subnet == x.id)
        .map(|i| InstanceView {
            id: s(&i.id),
            name: i.name.clone(),
            owner: s(&i.owner),
            private_ip: s(&i.private_ip),
            public_ip: i.public_ip.map(|p| s(&p)),
            state: i.state.clone(),
            security_groups: strings(&i.security_groups),
        })
        .collect();
    let interfaces: Vec<InterfaceView> = e
        .enis
        .values()
        .filter(|n| n.subnet == x.id && n.instance.is_none())
        .map(|n| InterfaceView {
            id: s(&n.id),
            interface_type: n.interface_type.clone(),
            description: n.description.clone(),
            private_ips: strings(&n.private_ips),
        })
        .collect();
    let mut used: BTreeSet<std::net::Ipv4Addr> = e
        .instances
        .values()
        .filter(|i| i.subnet == x.id)
        .map(|i| i.private_ip)
        .collect();
    used.extend(
        e.enis
            .values()
            .filter(|n| n.subnet == x.id)
            .flat_map(|n| n.private_ips.iter().copied()),
    );
    let size = crate::cidr::info(ipnet::IpNet::V4(x.cidr))
        .aws_usable
        .unwrap_or(0);
    SubnetView {
        id: s(&x.id),
        name: x.name.clone(),
        cidr: s(&x.cidr),
        owner: s(&x.owner),
        public: table.is_some_and(|t| {
            t.routes
                .iter()
                .any(|r| r.state == RouteState::Active && matches!(r.target, Target::InternetGateway(_)))
        }),
        route_table: table.map(|t| s(&t.id)),
        explicit_association: table.is_some_and(|t| t.subnets.contains(&x.id)),
        network_acl: e.network_acl_of(&x.id).map(|a| s(&a.id)),
        default_for_az: x.default_for_az,
        map_public_ip_on_launch: x.map_public_ip_on_launch,
        shared_with: x.shared_with.iter().map(s).collect(),
        free_addresses: size.saturating_sub(used.len() as u64),
        instances,
        interfaces,
    }
}

fn route_table(e: &Estate, t: &RouteTable) -> RouteTableView {
    RouteTableView {
        id: s(&t.id),
        name: t.name.clone(),
        main: t.main,
        subnets: strings(&t.subnets),
        routes: t
            .routes
            .iter()
            .map(|r| RouteView {
                destination: s(&r.destination),
                prefix_list_name: match &r.destination {
                    Destination::PrefixList(p) => e.prefix_lists.get(p).map(|l| l.name.clone()),
                    Destination::Cidr(_) => None,
                },
                target: r.target.id(),
                target_kind: target_kind(&r.target),
                status: r.state,
                origin: match r.origin {
                    RouteOrigin::CreateRouteTable => "CreateRouteTable",
                    RouteOrigin::CreateRoute => "CreateRoute",
                    RouteOrigin::EnableVgwRoutePropagation => "EnableVgwRoutePropagation",
                },
            })
            .collect(),
    }
}

fn target_kind(t: &Target) -> &'static str {
    match t {
        Target::Local => "local",
        Target::InternetGateway(_) => "internet_gateway",
        Target::EgressOnlyInternetGateway(_) => "egress_only_internet_gateway",
        Target::NatGateway(_) => "nat_gateway",
        Target::VpcPeering(_) => "peering_connection",
        Target::TransitGateway(_) => "transit_gateway",
        Target::GatewayEndpoint(_) => "gateway_endpoint",
        Target::Eni(_) => "network_interface",
        Target::Instance(_) => "instance",
        Target::VirtualPrivateGateway(_) => "virtual_private_gateway",
        Target::Other { .. } => "other",
    }
}

fn protocol(p: &Protocol) -> String {
    match p {
        Protocol::All => "-1".into(),
        Protocol::Tcp => "tcp".into(),
        Protocol::Udp => "udp".into(),
        Protocol::Icmp => "icmp".into(),
        Protocol::Number(n) => n.to_string(),
    }
}

fn sg_rule(r: &SgRule) -> SgRuleView {
    SgRuleView {
        protocol: protocol(&r.protocol),
        from_port: r.from_port,
        to_port: r.to_port,
        peer: match &r.peer {
            SgPeer::Cidr(c) => s(c),
            SgPeer::PrefixList(p) => s(p),
            SgPeer::Group { id, .. } => s(id),
        },
        description: r.description.clone(),
    }
}

fn network_acl(a: &NetworkAcl) -> NetworkAclView {
    let mut entries: Vec<&AclEntry> = a.entries.iter().collect();
    entries.sort_by_key(|x| (x.egress, x.rule_number));
    NetworkAclView {
        id: s(&a.id),
        is_default: a.is_default,
        subnets: strings(&a.subnets),
        entries: entries
            .into_iter()
            .map(|x| AclEntryView {
                rule_number: x.rule_number,
                egress: x.egress,
                action: if x.allow { "allow" } else { "deny" },
                protocol: protocol(&x.protocol),
                cidr: s(&x.cidr),
                ports: x.ports.map(|(a, b)| [a, b]),
            })
            .collect(),
    }
}

fn peering(p: &Peering) -> PeeringView {
    let side = |x: &PeeringSide| PeeringSideView {
        vpc: s(&x.vpc),
        owner: s(&x.owner),
        region: s(&x.region),
        cidrs: strings(&x.cidrs),
    };
    PeeringView {
        id: s(&p.id),
        name: p.name.clone(),
        status: p.status.clone(),
        requester: side(&p.requester),
        accepter: side(&p.accepter),
    }
}

fn tgw(e: &Estate, t: &TransitGateway) -> TgwView {
    let attachments: Vec<&TgwAttachment> = e
        .tgw_attachments
        .values()
        .chain(e.tgw_peering_ends.values())
        .filter(|a| a.tgw == t.id)
        .collect();
    TgwView {
        id: s(&t.id),
        name: t.name.clone(),
        state: t.state.clone(),
        default_association_table: t.default_association.as_ref().map(s),
        default_propagation_table: t.default_propagation.as_ref().map(s),
        attachments: attachments
            .iter()
            .map(|a| TgwAttachmentView {
                id: s(&a.id),
                name: a.name.clone(),
                resource_type: a.resource_type.clone(),
                resource_id: a.resource_id.clone(),
                resource_owner: s(&a.resource_owner),
                subnets: strings(&a.subnets),
                state: a.state.clone(),
                association: a.association.as_ref().map(s),
            })
            .collect(),
        route_tables: e
            .tgw_route_tables
            .values()
            .filter(|rt| rt.tgw == t.id)
            .map(|rt| {
                let mut routes: Vec<TgwRouteView> = Vec::new();
                for r in TgwRoutes::new(e, rt).entries() {
                    let view = TgwRouteView {
                        destination: s(&r.shown),
                        attachment: r.attachment.as_ref().map(s),
                        kind: r.kind,
                        blackhole: r.blackhole,
                    };
                    // A prefix-list route has one entry per block: show it once.
                    if !routes.contains(&view) {
                        routes.push(view);
                    }
                }
                TgwRouteTableView {
                    id: s(&rt.id),
                    name: rt.name.clone(),
                    default_association: rt.default_association,
                    default_propagation: rt.default_propagation,
                    associations: attachments
                        .iter()
                        .filter(|a| a.association.as_ref() == Some(&rt.id))
                        .map(|a| s(&a.id))
                        .collect(),
                    propagations: strings(&rt.propagations),
                    routes,
                }
            })
            .collect(),
    }
}
