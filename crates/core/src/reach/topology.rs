//! The topology: an [`Estate`] indexed once for many reachability queries.
//!
//! Building resolves what every query needs and the estate only implies: the route table and
//! network ACL of each subnet, each table's routes sorted for longest prefix match, each TGW
//! route table's effective routes (propagations derived), the interface holding each address,
//! the VPCs linked by active peerings (a private petgraph, for the VPC matrix).

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr};

use std::collections::hash_map::RandomState;

use petgraph::graphmap::UnGraphMap;

use crate::model::{
    AclEntry, EgressOnlyInternetGateway, Eni, Estate, Instance, InternetGateway, NatGateway, NetworkAcl,
    Peering, PeeringStatus, RouteTable, SecurityGroup, SgId, Subnet, TgwAttachment, Vpc, VpcEndpoint,
};
use crate::route::{RouteIndex, TgwRoutes};

/// What holds an address.
#[derive(Debug, Clone, Copy)]
pub(crate) enum HostRef<'e> {
    Instance(&'e Instance),
    Eni(&'e Eni),
    Nat(&'e NatGateway),
}

/// An estate indexed for reachability queries. Built once ([`Topology::build`]), then only read.
pub struct Topology<'e> {
    pub(crate) estate: &'e Estate,
    subnet_table: HashMap<&'e str, &'e RouteTable>,
    /// Tables whose propagating virtual private gateways add routes: the table as AWS shows it
    /// (stored routes, then the propagated ones; [`crate::route::with_propagations`]).
    propagated: HashMap<&'e str, RouteTable>,
    indexes: HashMap<&'e str, RouteIndex>,
    subnet_acl: HashMap<&'e str, &'e NetworkAcl>,
    acl_rules: HashMap<&'e str, Vec<&'e AclEntry>>,
    vpc_subnets: HashMap<&'e str, Vec<&'e Subnet>>,
    /// Private IPv4 addresses and IPv6 addresses (which are also public when the VPC has an
    /// internet gateway), by VPC.
    private_ips: HashMap<(&'e str, IpAddr), HostRef<'e>>,
    /// Public IPv4 addresses and Elastic IPs.
    public_ips: HashMap<IpAddr, HostRef<'e>>,
    eigws: HashMap<&'e str, &'e EgressOnlyInternetGateway>,
    igws: HashMap<&'e str, &'e InternetGateway>,
    vpc_attachments: HashMap<(&'e str, &'e str), &'e TgwAttachment>,
    tgw_routes: HashMap<&'e str, TgwRoutes>,
    eni_endpoint: HashMap<&'e str, &'e VpcEndpoint>,
    /// VPC index ↔ VPC index for every active peering; edge weight is the peering.
    pub(crate) peering_graph: UnGraphMap<usize, &'e Peering, RandomState>,
    pub(crate) vpc_order: Vec<&'e Vpc>,
    pub(crate) vpc_position: HashMap<&'e str, usize>,
}

impl<'e> Topology<'e> {
    /// Indexes `estate`. Linear in the size of the estate (plus sorting each route table).
    pub fn build(estate: &'e Estate) -> Topology<'e> {
        let mut subnet_table = HashMap::new();
        let mut main_table: HashMap<&str, &RouteTable> = HashMap::new();
        let mut indexes = HashMap::new();
        let mut propagated = HashMap::new();
        for rt in estate.route_tables.values() {
            if rt.main {
                main_table.entry(rt.vpc.as_str()).or_insert(rt);
            }
            for s in &rt.subnets {
                subnet_table.entry(s.as_str()).or_insert(rt);
            }
            let shown = crate::route::with_propagations(estate, rt);
            indexes.insert(rt.id.as_str(), RouteIndex::new(&shown, &estate.prefix_lists));
            if let std::borrow::Cow::Owned(table) = shown {
                propagated.insert(rt.id.as_str(), table);
            }
        }
        let mut default_acl: HashMap<&str, &NetworkAcl> = HashMap::new();
        let mut subnet_acl = HashMap::new();
        let mut acl_rules = HashMap::new();
        for acl in estate.network_acls.values() {
            if acl.is_default {
                default_acl.entry(acl.vpc.as_str()).or_insert(acl);
            }
            for s in &acl.subnets {
                subnet_acl.entry(s.as_str()).or_insert(acl);
            }
            let mut rules: Vec<&AclEntry> = acl.entries.iter().collect();
            rules.sort_by_key(|e| e.rule_number);
            acl_rules.insert(acl.id.as_str(), rules);
        }
        let mut vpc_subnets: HashMap<&str, Vec<&Subnet>> = HashMap::new();
        for subnet in estate.subnets.values() {
            let id = subnet.id.as_str();
            if !subnet_table.contains_key(id) {
                if let Some(rt) = main_table.get(subnet.vpc.as_str()) {
                    subnet_table.insert(id, rt);
                }
            }
            if !subnet_acl.contains_key(id) {
                if let Some(acl) = default_acl.get(subnet.vpc.as_str()) {
                    subnet_acl.insert(id, acl);
                }
            }
            vpc_subnets.entry(subnet.vpc.as_str()).or_default().push(subnet);
        }
        let mut private_ips = HashMap::new();
        let mut public_ips = HashMap::new();
        for eni in estate.enis.values() {
            let v4 = eni.private_ips.iter().map(|ip| IpAddr::V4(*ip));
            for ip in v4.chain(eni.ipv6_addresses.iter().map(|ip| IpAddr::V6(*ip))) {
                private_ips.insert((eni.vpc.as_str(), ip), HostRef::Eni(eni));
            }
            if let Some(ip) = eni.public_ip {
                public_ips.insert(IpAddr::V4(ip), HostRef::Eni(eni));
            }
        }
        for instance in estate.instances.values() {
            let v4 = instance.private_ip.map(IpAddr::V4).into_iter();
            for ip in v4.chain(instance.ipv6_addresses.iter().map(|ip| IpAddr::V6(*ip))) {
                private_ips.insert((instance.vpc.as_str(), ip), HostRef::Instance(instance));
            }
            if let Some(ip) = instance.public_ip {
                public_ips.insert(IpAddr::V4(ip), HostRef::Instance(instance));
            }
        }
        for nat in estate.nat_gateways.values() {
            if let Some(ip) = nat_private_ip(estate, nat) {
                private_ips.insert((nat.vpc.as_str(), IpAddr::V4(ip)), HostRef::Nat(nat));
            }
            if let Some(ip) = nat.public_ip {
                public_ips.insert(IpAddr::V4(ip), HostRef::Nat(nat));
            }
        }
        let eigws = estate
            .egress_only_internet_gateways
            .values()
            .filter_map(|g| g.attached_vpc.as_ref().map(|v| (v.as_str(), g)))
            .collect();
        let igws = estate
            .internet_gateways
            .values()
            .filter_map(|igw| igw.attached_vpc.as_ref().map(|v| (v.as_str(), igw)))
            .collect();
        let mut vpc_attachments: HashMap<(&str, &str), &TgwAttachment> = HashMap::new();
        for att in estate
            .tgw_attachments
            .values()
            .filter(|a| a.resource_type == "vpc")
        {
            let key = (att.tgw.as_str(), att.resource_id.as_str());
            let better = match vpc_attachments.get(&key) {
                None => true,
                Some(old) => old.state != "available" && att.state == "available",
            };
            if better {
                vpc_attachments.insert(key, att);
            }
        }
        let tgw_routes = estate
            .tgw_route_tables
            .values()
            .map(|t| (t.id.as_str(), TgwRoutes::new(estate, t)))
            .collect();
        let mut eni_endpoint = HashMap::new();
        for ep in estate.endpoints.values() {
            for eni in &ep.enis {
                eni_endpoint.insert(eni.as_str(), ep);
            }
        }
        let vpc_order: Vec<&Vpc> = estate.vpcs.values().collect();
        let vpc_position: HashMap<&str, usize> = vpc_order
            .iter()
            .enumerate()
            .map(|(i, v)| (v.id.as_str(), i))
            .collect();
        let mut peering_graph = UnGraphMap::new();
        for p in estate
            .peerings
            .values()
            .filter(|p| p.status == PeeringStatus::Active)
        {
            if let (Some(a), Some(b)) = (
                vpc_position.get(p.requester.vpc.as_str()),
                vpc_position.get(p.accepter.vpc.as_str()),
            ) {
                peering_graph.add_edge(*a, *b, p);
            }
        }
        Topology {
            estate,
            subnet_table,
            propagated,
            indexes,
            subnet_acl,
            acl_rules,
            vpc_subnets,
            private_ips,
            public_ips,
            eigws,
            igws,
            vpc_attachments,
            tgw_routes,
            eni_endpoint,
            peering_graph,
            vpc_order,
            vpc_position,
        }
    }

    /// The route table a subnet uses (explicit association, else main), as AWS shows it: with
    /// the routes its propagating virtual private gateways add.
    pub(crate) fn route_table(&self, subnet: &Subnet) -> Option<&RouteTable> {
        let table = self.subnet_table.get(subnet.id.as_str())?;
        Some(self.propagated.get(table.id.as_str()).unwrap_or(table))
    }

    /// The main route table of `vpc`, as AWS shows it (with propagated routes).
    pub(crate) fn main_route_table(&self, vpc: &str) -> Option<&RouteTable> {
        let table = self
            .estate
            .route_tables
            .values()
            .find(|t| t.main && t.vpc.as_str() == vpc)?;
        Some(self.propagated.get(table.id.as_str()).unwrap_or(table))
    }

    /// The route table a subnet uses, as stored (without propagated routes).
    pub(crate) fn stored_route_table(&self, subnet: &Subnet) -> Option<&'e RouteTable> {
        self.subnet_table.get(subnet.id.as_str()).copied()
    }

    /// The sorted routes of a table.
    pub(crate) fn index(&self, table: &RouteTable) -> Option<&RouteIndex> {
        self.indexes.get(table.id.as_str())
    }

    /// The network ACL of a subnet and its rules sorted by number.
    pub(crate) fn acl(&self, subnet: &Subnet) -> Option<(&'e NetworkAcl, &[&'e AclEntry])> {
        let acl = self.subnet_acl.get(subnet.id.as_str())?;
        Some((
            acl,
            self.acl_rules.get(acl.id.as_str()).map_or(&[][..], |r| &r[..]),
        ))
    }

    /// The subnets of a VPC.
    pub(crate) fn subnets(&self, vpc: &str) -> &[&'e Subnet] {
        self.vpc_subnets.get(vpc).map_or(&[], |s| &s[..])
    }

    /// The subnet of `vpc` holding `ip` (in its IPv4 block or one of its IPv6 blocks).
    pub(crate) fn subnet_at(&self, vpc: &str, ip: IpAddr) -> Option<&'e Subnet> {
        self.subnets(vpc).iter().find(|s| s.holds(ip)).copied()
    }

    /// Every subnet (any VPC) holding `ip`.
    pub(crate) fn subnets_holding(&self, ip: IpAddr) -> Vec<&'e Subnet> {
        self.estate.subnets.values().filter(|s| s.holds(ip)).collect()
    }

    /// What holds `ip` (a private IPv4 address or an IPv6 address) in `vpc`.
    pub(crate) fn host_at(&self, vpc: &str, ip: IpAddr) -> Option<HostRef<'e>> {
        self.private_ips.get(&(vpc, ip)).copied()
    }

    /// What holds the public IPv4 address `ip`.
    pub(crate) fn public_owner(&self, ip: IpAddr) -> Option<HostRef<'e>> {
        self.public_ips.get(&ip).copied()
    }

    /// The VPC whose IPv6 block holds `ip` (IPv6 addresses are globally unique).
    pub(crate) fn vpc_holding_v6(&self, ip: IpAddr) -> Option<&'e Vpc> {
        ip.is_ipv6()
            .then(|| self.vpc_order.iter().copied().find(|v| v.holds(ip)))
            .flatten()
    }

    /// The egress-only internet gateway attached to `vpc`.
    pub(crate) fn eigw(&self, vpc: &str) -> Option<&'e EgressOnlyInternetGateway> {
        self.eigws.get(vpc).copied()
    }

    /// The internet gateway attached to `vpc`.
    pub(crate) fn igw(&self, vpc: &str) -> Option<&'e InternetGateway> {
        self.igws.get(vpc).copied()
    }

    /// The attachment of `vpc` to `tgw` (an available one if there are several).
    pub(crate) fn vpc_attachment(&self, tgw: &str, vpc: &str) -> Option<&'e TgwAttachment> {
        self.vpc_attachments.get(&(tgw, vpc)).copied()
    }

    /// The effective routes of a TGW route table.
    pub(crate) fn tgw_routes(&self, table: &str) -> Option<&TgwRoutes> {
        self.tgw_routes.get(table)
    }

    /// The interface endpoint an ENI belongs to.
    pub(crate) fn endpoint_of_eni(&self, eni: &str) -> Option<&'e VpcEndpoint> {
        self.eni_endpoint.get(eni).copied()
    }

    /// The VPC with this id.
    pub(crate) fn vpc(&self, id: &str) -> Option<&'e Vpc> {
        self.vpc_position.get(id).map(|i| self.vpc_order[*i])
    }

    /// Security groups by id (unknown ids are skipped).
    pub(crate) fn groups(&self, ids: &[SgId]) -> Vec<&'e SecurityGroup> {
        ids.iter()
            .filter_map(|id| self.estate.security_groups.get(id))
            .collect()
    }

    /// Whether `a` and `b` are the same VPC or peered by an active peering within one region
    /// (where security-group references to the peer apply). See "Update your security groups to
    /// reference peer security groups", VPC Peering guide (vpc-peering-security-groups.html).
    pub(crate) fn group_refs_apply(&self, a: &str, b: &str) -> bool {
        if a == b {
            return true;
        }
        let (Some(ia), Some(ib)) = (self.vpc_position.get(a), self.vpc_position.get(b)) else {
            return false;
        };
        self.peering_graph
            .edge_weight(*ia, *ib)
            .is_some_and(|p| p.requester.region == p.accepter.region)
    }
}

/// A NAT gateway's private address: its own field, else its ENI's primary address.
pub(crate) fn nat_private_ip(estate: &Estate, nat: &NatGateway) -> Option<Ipv4Addr> {
    nat.private_ip.or_else(|| {
        nat.eni
            .as_ref()
            .and_then(|id| estate.enis.get(id))
            .and_then(|e| e.private_ips.first().copied())
    })
}
