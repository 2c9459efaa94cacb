//! Builds the [`View`] from the current estate: grouping and wording only.

use std::collections::{BTreeMap, BTreeSet};

use super::view::*;
use super::Workspace;
use crate::model::*;
use crate::route::{TgwRouteKind, TgwRoutes};

fn s<T: ToString>(x: &T) -> String {
    x.to_string()
}

fn strings<T: ToString>(xs: &[T]) -> Vec<String> {
    xs.iter().map(|x| x.to_string()).collect()
}

/// The estate's resources grouped once, so that drawing is linear in the estate's size rather
/// than a scan of every resource for each VPC and subnet. Each group keeps the estate's id order
/// (the order a filter over the `BTreeMap` gave), and each "first" lookup keeps the first match in
/// id order, as the [`Estate`] helpers it stands in for do (`route_table_of`, `network_acl_of`,
/// `internet_gateway_of`).
#[derive(Default)]
struct Groups<'e> {
    vpcs_at: BTreeMap<(&'e AccountId, &'e Region), Vec<&'e Vpc>>,
    tgws_at: BTreeMap<(&'e AccountId, &'e Region), Vec<&'e TransitGateway>>,
    detached_igws_at: BTreeMap<(&'e AccountId, &'e Region), Vec<&'e InternetGateway>>,
    subnets: BTreeMap<&'e VpcId, Vec<&'e Subnet>>,
    route_tables: BTreeMap<&'e VpcId, Vec<&'e RouteTable>>,
    nat_gateways: BTreeMap<&'e VpcId, Vec<&'e NatGateway>>,
    endpoints: BTreeMap<&'e VpcId, Vec<&'e VpcEndpoint>>,
    security_groups: BTreeMap<&'e VpcId, Vec<&'e SecurityGroup>>,
    network_acls: BTreeMap<&'e VpcId, Vec<&'e NetworkAcl>>,
    /// The first internet gateway (in id order) attached to each VPC.
    igw_of: BTreeMap<&'e VpcId, &'e InternetGateway>,
    /// The first main route table of each VPC, and the first table listing each subnet.
    main_table: BTreeMap<&'e VpcId, &'e RouteTable>,
    explicit_table: BTreeMap<&'e SubnetId, &'e RouteTable>,
    /// The first default network ACL of each VPC, and the first ACL listing each subnet.
    default_acl: BTreeMap<&'e VpcId, &'e NetworkAcl>,
    explicit_acl: BTreeMap<&'e SubnetId, &'e NetworkAcl>,
    instances: BTreeMap<&'e SubnetId, Vec<&'e Instance>>,
    /// Every interface in each subnet, attached to an instance or not.
    enis: BTreeMap<&'e SubnetId, Vec<&'e Eni>>,
    /// A transit gateway's attachments, then its peering ends; its route tables.
    tgw_attachments: BTreeMap<&'e TgwId, Vec<&'e TgwAttachment>>,
    tgw_route_tables: BTreeMap<&'e TgwId, Vec<&'e TgwRouteTable>>,
}

/// The group of `key`, empty when it has none.
fn group<'a, K: Ord, T>(map: &'a BTreeMap<K, Vec<T>>, key: &K) -> &'a [T] {
    map.get(key).map_or(&[], Vec::as_slice)
}

impl<'e> Groups<'e> {
    fn new(e: &'e Estate) -> Groups<'e> {
        let mut g = Groups::default();
        for v in e.vpcs.values() {
            g.vpcs_at.entry((&v.owner, &v.region)).or_default().push(v);
        }
        for t in e.transit_gateways.values() {
            g.tgws_at.entry((&t.owner, &t.region)).or_default().push(t);
        }
        for i in e.internet_gateways.values() {
            match &i.attached_vpc {
                None => g
                    .detached_igws_at
                    .entry((&i.owner, &i.region))
                    .or_default()
                    .push(i),
                Some(vpc) => {
                    g.igw_of.entry(vpc).or_insert(i);
                }
            }
        }
        for x in e.subnets.values() {
            g.subnets.entry(&x.vpc).or_default().push(x);
        }
        for t in e.route_tables.values() {
            g.route_tables.entry(&t.vpc).or_default().push(t);
            if t.main {
                g.main_table.entry(&t.vpc).or_insert(t);
            }
            for x in &t.subnets {
                g.explicit_table.entry(x).or_insert(t);
            }
        }
        for n in e.nat_gateways.values() {
            g.nat_gateways.entry(&n.vpc).or_default().push(n);
        }
        for x in e.endpoints.values() {
            g.endpoints.entry(&x.vpc).or_default().push(x);
        }
        for s in e.security_groups.values() {
            g.security_groups.entry(&s.vpc).or_default().push(s);
        }
        for a in e.network_acls.values() {
            g.network_acls.entry(&a.vpc).or_default().push(a);
            if a.is_default {
                g.default_acl.entry(&a.vpc).or_insert(a);
            }
            for x in &a.subnets {
                g.explicit_acl.entry(x).or_insert(a);
            }
        }
        for i in e.instances.values() {
            g.instances.entry(&i.subnet).or_default().push(i);
        }
        for n in e.enis.values() {
            g.enis.entry(&n.subnet).or_default().push(n);
        }
        for a in e.tgw_attachments.values().chain(e.tgw_peering_ends.values()) {
            g.tgw_attachments.entry(&a.tgw).or_default().push(a);
        }
        for rt in e.tgw_route_tables.values() {
            g.tgw_route_tables.entry(&rt.tgw).or_default().push(rt);
        }
        g
    }
}

pub(super) fn build(w: &Workspace) -> View {
    let e = &w.current;
    let g = Groups::new(e);
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
    for i in e.internet_gateways.values() {
        places.entry(&i.owner).or_default().insert(&i.region);
    }
    let accounts = places
        .into_iter()
        .map(|(account, regions)| AccountView {
            id: s(account),
            regions: regions
                .into_iter()
                .map(|region| RegionView {
                    region: s(region),
                    vpcs: group(&g.vpcs_at, &(account, region))
                        .iter()
                        .map(|v| vpc(e, &g, v))
                        .collect(),
                    transit_gateways: group(&g.tgws_at, &(account, region))
                        .iter()
                        .map(|t| tgw(e, &g, t))
                        .collect(),
                    detached_internet_gateways: group(&g.detached_igws_at, &(account, region))
                        .iter()
                        .map(|i| Named {
                            id: s(&i.id),
                            name: i.name.clone(),
                        })
                        .collect(),
                    vpn_gateways: super::draw_hybrid::vgws(e, account, region),
                    customer_gateways: super::draw_hybrid::cgws(e, account, region),
                    vpn_connections: super::draw_hybrid::vpns(e, account, region),
                })
                .collect(),
        })
        .collect();
    View {
        exercise: w.exercise.as_ref().map(|d| d.id.clone()),
        accounts,
        peerings: e.peerings.values().map(peering).collect(),
        direct_connect_gateways: super::draw_hybrid::dx_gateways(e),
        history: w.done.iter().map(|d| d.description.clone()).collect(),
        can_undo: w.can_undo(),
        can_redo: w.can_redo(),
    }
}

fn vpc(e: &Estate, g: &Groups, v: &Vpc) -> VpcView {
    let mut zones: BTreeMap<&str, Vec<&Subnet>> = BTreeMap::new();
    for sub in group(&g.subnets, &&v.id) {
        zones.entry(&sub.availability_zone).or_default().push(sub);
    }
    let mut tables: Vec<&RouteTable> = group(&g.route_tables, &&v.id).to_vec();
    crate::small::sort_by_key(&mut tables, |t| (!t.main, t.id.clone()));
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
                crate::small::sort_by_key(&mut subs, |x| x.cidr);
                ZoneView {
                    zone: zone.to_string(),
                    subnets: subs.into_iter().map(|x| subnet(g, x)).collect(),
                }
            })
            .collect(),
        route_tables: tables.into_iter().map(|t| route_table(e, t)).collect(),
        internet_gateway: g.igw_of.get(&v.id).map(|i| Named {
            id: s(&i.id),
            name: i.name.clone(),
        }),
        egress_only_internet_gateways: e
            .egress_only_internet_gateways_of(&v.id)
            .map(|g| Named {
                id: s(&g.id),
                name: g.name.clone(),
            })
            .collect(),
        nat_gateways: group(&g.nat_gateways, &&v.id)
            .iter()
            .map(|n| NatView {
                id: s(&n.id),
                name: n.name.clone(),
                subnet: s(&n.subnet),
                state: n.state.clone(),
                gone: gone(&n.state),
                route_target: n.takes_routes(),
                public: n.public,
                public_ip: n.public_ip.map(|x| s(&x)),
                private_ip: n.private_ip.map(|x| s(&x)),
            })
            .collect(),
        endpoints: group(&g.endpoints, &&v.id)
            .iter()
            .map(|x| EndpointView {
                id: s(&x.id),
                name: x.name.clone(),
                kind: x.kind,
                service: x.service_name.clone(),
                state: x.state.clone(),
                gone: gone(&x.state),
                route_target: x.kind.takes_routes(),
                has_route_tables: x.kind.has_route_tables(),
                route_tables: strings(&x.route_tables),
                subnets: strings(&x.subnets),
                interfaces: strings(&x.enis),
                security_groups: strings(&x.security_groups),
                private_dns: x.private_dns_enabled,
            })
            .collect(),
        security_groups: group(&g.security_groups, &&v.id)
            .iter()
            .map(|sg| SecurityGroupView {
                id: s(&sg.id),
                name: sg.name.clone(),
                description: sg.description.clone(),
                ingress: sg.ingress.iter().map(sg_rule).collect(),
                egress: sg.egress.iter().map(sg_rule).collect(),
            })
            .collect(),
        network_acls: group(&g.network_acls, &&v.id)
            .iter()
            .map(|a| network_acl(a))
            .collect(),
    }
}

fn subnet(g: &Groups, x: &Subnet) -> SubnetView {
    // `Estate::route_table_of`: the first table listing the subnet, else its VPC's main table.
    let explicit = g.explicit_table.get(&x.id).copied();
    let table = explicit.or_else(|| g.main_table.get(&x.vpc).copied());
    // `Estate::network_acl_of`: the first ACL listing the subnet, else its VPC's default ACL.
    let acl = g.explicit_acl.get(&x.id).or_else(|| g.default_acl.get(&x.vpc));
    let on_subnet = group(&g.instances, &&x.id);
    let enis = group(&g.enis, &&x.id);
    let instances: Vec<InstanceView> = on_subnet
        .iter()
        .map(|i| InstanceView {
            id: s(&i.id),
            name: i.name.clone(),
            owner: s(&i.owner),
            private_ip: i.private_ip.as_ref().map(s),
            public_ip: i.public_ip.map(|p| s(&p)),
            state: i.state.clone(),
            gone: gone(&i.state),
            security_groups: strings(&i.security_groups),
        })
        .collect();
    let interfaces: Vec<InterfaceView> = enis
        .iter()
        .filter(|n| n.instance.is_none())
        .map(|n| InterfaceView {
            id: s(&n.id),
            interface_type: n.interface_type.clone(),
            description: n.description.clone(),
            what: n.what(),
            private_ips: strings(&n.private_ips),
        })
        .collect();
    let mut used: BTreeSet<std::net::Ipv4Addr> = on_subnet.iter().filter_map(|i| i.private_ip).collect();
    used.extend(enis.iter().flat_map(|n| n.private_ips.iter().copied()));
    let size = x
        .cidr
        .and_then(|c| crate::cidr::info(ipnet::IpNet::V4(c)).aws_usable)
        .unwrap_or(0);
    SubnetView {
        id: s(&x.id),
        name: x.name.clone(),
        cidr: x.cidr.as_ref().map(s),
        ipv6_cidrs: strings(&x.ipv6_cidrs),
        owner: s(&x.owner),
        // `Estate::is_public`, on the table found above.
        public: table.is_some_and(RouteTable::makes_public),
        route_table: table.map(|t| s(&t.id)),
        // A table found by the first lookup lists the subnet; the main table found by the second
        // does not (else the first lookup would have found a table).
        explicit_association: explicit.is_some(),
        network_acl: acl.map(|a| s(&a.id)),
        default_for_az: x.default_for_az,
        map_public_ip_on_launch: x.map_public_ip_on_launch,
        shared_with: x.shared_with.iter().map(s).collect(),
        free_addresses: size.saturating_sub(used.len() as u64),
        instances,
        interfaces,
    }
}

fn route_table(e: &Estate, t: &RouteTable) -> RouteTableView {
    let shown = crate::route::with_propagations(e, t);
    RouteTableView {
        id: s(&t.id),
        name: t.name.clone(),
        main: t.main,
        subnets: strings(&t.subnets),
        propagating_vgws: strings(&t.propagating_vgws),
        attached_vgws: e
            .vpn_gateways
            .values()
            .filter(|g| g.attached_vpc.as_ref() == Some(&t.vpc) && !crate::model::gone(&g.state))
            .map(|g| s(&g.id))
            .collect(),
        routes: shown
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
        peer_kind: match &r.peer {
            SgPeer::Cidr(_) => "cidr",
            SgPeer::PrefixList(_) => "prefix_list",
            SgPeer::Group { .. } => "peer_group",
        },
        description: r.description.clone(),
    }
}

fn network_acl(a: &NetworkAcl) -> NetworkAclView {
    let mut entries: Vec<&AclEntry> = a.entries.iter().collect();
    crate::small::sort_by_key(&mut entries, |x| (x.egress, x.rule_number));
    NetworkAclView {
        id: s(&a.id),
        name: a.name.clone(),
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
        phase: p.status.phase(),
        route_target: p.status.takes_routes(),
        requester: side(&p.requester),
        accepter: side(&p.accepter),
    }
}

fn tgw(e: &Estate, g: &Groups, t: &TransitGateway) -> TgwView {
    let attachments = group(&g.tgw_attachments, &&t.id);
    // The attachments associated with each of its route tables, in the order above.
    let mut associated: BTreeMap<&TgwRouteTableId, Vec<String>> = BTreeMap::new();
    for a in attachments {
        if let Some(rt) = &a.association {
            associated.entry(rt).or_default().push(s(&a.id));
        }
    }
    TgwView {
        id: s(&t.id),
        name: t.name.clone(),
        state: t.state.clone(),
        gone: gone(&t.state),
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
                gone: gone(&a.state),
                association: a.association.as_ref().map(s),
            })
            .collect(),
        route_tables: group(&g.tgw_route_tables, &&t.id)
            .iter()
            .map(|rt| {
                let mut routes: Vec<TgwRouteView> = Vec::new();
                let mut seen: BTreeSet<(String, Option<String>, TgwRouteKind, bool)> = BTreeSet::new();
                for r in TgwRoutes::new(e, rt).entries() {
                    let view = TgwRouteView {
                        destination: s(&r.shown),
                        attachment: r.attachment.as_ref().map(s),
                        kind: r.kind,
                        blackhole: r.blackhole,
                    };
                    // A prefix-list route has one entry per block: show it once.
                    let key = (
                        view.destination.clone(),
                        view.attachment.clone(),
                        view.kind,
                        view.blackhole,
                    );
                    if seen.insert(key) {
                        routes.push(view);
                    }
                }
                TgwRouteTableView {
                    id: s(&rt.id),
                    name: rt.name.clone(),
                    default_association: rt.default_association,
                    default_propagation: rt.default_propagation,
                    associations: associated.get(&rt.id).cloned().unwrap_or_default(),
                    propagations: strings(&rt.propagations),
                    routes,
                }
            })
            .collect(),
    }
}
