//! Builds the [`View`] from the current estate: grouping and wording only.

use std::collections::{BTreeMap, BTreeSet};

use super::view::*;
use super::Workspace;
use crate::model::*;
use crate::route::TgwRoutes;

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
        public: crate::exercise::is_public(e, x),
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
    crate::small::sort_by_key(&mut entries, |x| (x.egress, x.rule_number));
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
