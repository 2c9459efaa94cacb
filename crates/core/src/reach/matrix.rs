//! The all-pairs VPC reachability matrix, by routes alone.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::net::Ipv4Addr;

use std::collections::hash_map::RandomState;

use petgraph::graphmap::DiGraphMap;
use petgraph::visit::Dfs;
use serde::Serialize;

use super::peering::crossing;
use super::topology::Topology;
use crate::model::{RouteState, Subnet, Target, TgwAttachment, TgwAttachmentId, Vpc};
use crate::route::TgwRouteEntry;

const MAX_STEPS: usize = 16;

/// Per transit gateway: the transit gateways reachable from it, and the VPCs attached to it.
type TgwReach<'e> = (HashMap<&'e str, Vec<&'e str>>, HashMap<&'e str, Vec<usize>>);

/// Which VPC reaches which. `reaches(a, b)` is true when a packet sent from at least one subnet
/// of `a` to at least one representative address of `b` is carried into `b` by routes alone:
/// route choice (longest prefix match, blackholes), peering state and non-transitivity, transit
/// gateway attachments (state, Availability Zone, association) and route tables, and onward
/// routing from an attachment subnet (an egress or inspection VPC). Security groups, network
/// ACLs, instance states and the return path are ignored: this is the map of what routes allow,
/// not a verdict on a connection (use [`Topology::trace`] for that).
///
/// Representative addresses of `b`: the first usable address (network + 4) of each of its
/// subnets, and of each of its CIDR blocks that holds no subnet. A VPC reaches itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VpcMatrix {
    /// The VPC ids, in estate order; rows and columns use these indexes.
    pub vpcs: Vec<String>,
    /// `(from, to)` index pairs with `from != to` that reach, sorted.
    pub reachable: Vec<(usize, usize)>,
    #[serde(skip)]
    rows: Vec<Vec<u64>>,
}

impl VpcMatrix {
    /// Whether the VPC at index `from` reaches the VPC at index `to`.
    pub fn reaches(&self, from: usize, to: usize) -> bool {
        from == to
            || self
                .rows
                .get(from)
                .and_then(|r| r.get(to / 64))
                .is_some_and(|w| w >> (to % 64) & 1 == 1)
    }

    /// Whether VPC `from` reaches VPC `to` (by id); false for unknown ids.
    pub fn reaches_id(&self, from: &str, to: &str) -> bool {
        match (
            self.vpcs.iter().position(|v| v == from),
            self.vpcs.iter().position(|v| v == to),
        ) {
            (Some(a), Some(b)) => self.reaches(a, b),
            _ => false,
        }
    }
}

fn representative(net: ipnet::Ipv4Net) -> Ipv4Addr {
    let base = u32::from(net.network());
    let last = u32::from(net.broadcast());
    Ipv4Addr::from(base.saturating_add(4).min(last))
}

/// The matrix's route-following walk over one topology, with its lookups cached.
struct MatrixWalk<'a, 'e> {
    t: &'a Topology<'e>,
    /// (TGW route table id, address) → chosen route, looked up once.
    tgw_cache: RefCell<HashMap<(&'e str, Ipv4Addr), Option<&'a TgwRouteEntry>>>,
    /// (attachment, Availability Zone) → whether the attachment has a subnet in that zone.
    in_az: RefCell<HashMap<(*const TgwAttachment, &'e str), bool>>,
}

impl<'a, 'e> MatrixWalk<'a, 'e> {
    fn tgw_lookup(&self, table: &'e str, dst: Ipv4Addr) -> Option<&'a TgwRouteEntry> {
        if let Some(hit) = self.tgw_cache.borrow().get(&(table, dst)) {
            return *hit;
        }
        let t: &'a Topology<'e> = self.t;
        let found = t.tgw_routes(table).and_then(|r| r.lookup(dst));
        self.tgw_cache.borrow_mut().insert((table, dst), found);
        found
    }

    /// Whether a packet from a subnet in `az` may enter `att` (it has no subnets listed, or one
    /// in that zone); remembered per attachment and zone.
    fn enters(&self, att: &'e TgwAttachment, az: &'e str) -> bool {
        let key = (att as *const TgwAttachment, az);
        if let Some(hit) = self.in_az.borrow().get(&key) {
            return *hit;
        }
        let estate = self.t.estate;
        let ok = att.subnets.is_empty()
            || att
                .subnets
                .iter()
                .any(|s| estate.subnets.get(s).is_some_and(|s| s.availability_zone == az));
        self.in_az.borrow_mut().insert(key, ok);
        ok
    }

    /// `Estate::tgw_attachment_at` without building a `TgwId` to compare with.
    fn attachment_at(&self, id: &TgwAttachmentId, tgw: &str) -> Option<&'e TgwAttachment> {
        let estate = self.t.estate;
        [estate.tgw_attachments.get(id), estate.tgw_peering_ends.get(id)]
            .into_iter()
            .flatten()
            .find(|a| a.tgw.as_str() == tgw)
    }

    /// Follows routes from `subnet` of `vpc` toward `dst`; the VPC the packet is delivered into.
    fn walk(&self, mut vpc: &'e Vpc, mut subnet: &'e Subnet, dst: Ipv4Addr) -> Option<&'e Vpc> {
        let t = self.t;
        let mut src_local = true;
        let az = subnet.availability_zone.as_str();
        for _ in 0..MAX_STEPS {
            let rt = t.route_table(subnet)?;
            let (i, _) = t.index(rt)?.lookup(dst)?;
            let route = &rt.routes[i];
            if route.state == RouteState::Blackhole {
                return None;
            }
            match &route.target {
                Target::Local => return vpc.cidrs.iter().any(|c| c.contains(&dst)).then_some(vpc),
                Target::VpcPeering(id) => {
                    let p = t.estate.peerings.get(id)?;
                    let (_, other) = crossing(p, &vpc.id, src_local).ok()?;
                    let w = t.vpc(other.vpc.as_str())?;
                    return w.cidrs.iter().any(|c| c.contains(&dst)).then_some(w);
                }
                Target::TransitGateway(tgw) => {
                    let att = t
                        .vpc_attachment(tgw.as_str(), vpc.id.as_str())
                        .filter(|a| a.state == "available")?;
                    if !self.enters(att, subnet.availability_zone.as_str()) {
                        return None;
                    }
                    let out = self.through_tgw(att.tgw.as_str(), att, dst)?;
                    let w = t.vpc(out.resource_id.as_str())?;
                    if w.cidrs.iter().any(|c| c.contains(&dst)) {
                        return Some(w);
                    }
                    let subnets: Vec<&'e Subnet> = out
                        .subnets
                        .iter()
                        .filter_map(|s| t.estate.subnets.get(s))
                        .collect();
                    subnet = subnets
                        .iter()
                        .copied()
                        .find(|s| s.availability_zone == az)
                        .or_else(|| subnets.first().copied())?;
                    vpc = w;
                    src_local = false;
                }
                Target::NatGateway(id) => {
                    let nat = t
                        .estate
                        .nat_gateways
                        .get(id)
                        .filter(|n| n.vpc == vpc.id && n.state == "available")?;
                    let next = t.estate.subnets.get(&nat.subnet)?;
                    if next.id == subnet.id {
                        return None;
                    }
                    subnet = next;
                    src_local = true;
                }
                _ => return None,
            }
        }
        None
    }

    /// Through one transit gateway (and any TGW peerings) to the VPC attachment it leaves by.
    fn through_tgw(&self, tgw: &'e str, att: &'e TgwAttachment, dst: Ipv4Addr) -> Option<&'e TgwAttachment> {
        let (mut tgw, mut att) = (tgw, att);
        for _ in 0..MAX_STEPS {
            let table = att.association.as_ref()?;
            let route = self.tgw_lookup(table.as_str(), dst)?;
            if route.blackhole {
                return None;
            }
            let out_id = route.attachment.as_ref()?;
            let out = self
                .attachment_at(out_id, tgw)
                .filter(|a| a.state == "available")?;
            match out.resource_type.as_str() {
                "vpc" => return Some(out),
                "peering" => {
                    let peer = out.resource_id.as_str();
                    att = self.attachment_at(out_id, peer)?;
                    tgw = peer;
                }
                _ => return None,
            }
        }
        None
    }
}

impl<'e> Topology<'e> {
    /// The all-pairs VPC reachability matrix ([`VpcMatrix`] defines it).
    ///
    /// Only plausible pairs are walked: a VPC's peers, and the VPCs attached to the transit
    /// gateways its route tables name (closed over TGW peerings and over attachment subnets
    /// that route to further transit gateways).
    pub fn vpc_matrix(&self) -> VpcMatrix {
        let n = self.vpc_order.len();
        let ctx = MatrixWalk {
            t: self,
            tgw_cache: RefCell::new(HashMap::new()),
            in_az: RefCell::new(HashMap::new()),
        };
        let reps: Vec<Vec<Ipv4Addr>> = self
            .vpc_order
            .iter()
            .map(|v| {
                let subnets = self.subnets(v.id.as_str());
                // The matrix is IPv4: an IPv6-only subnet holds no IPv4 address.
                let mut r: Vec<Ipv4Addr> = subnets
                    .iter()
                    .filter_map(|s| s.cidr.map(representative))
                    .collect();
                for c in &v.cidrs {
                    if !subnets
                        .iter()
                        .any(|s| s.cidr.is_some_and(|x| c.contains(&x.network())))
                    {
                        r.push(representative(*c));
                    }
                }
                r
            })
            .collect();
        let (tgw_closure, attached) = self.tgw_reach();
        let words = n.div_ceil(64);
        let mut rows = vec![vec![0u64; words]; n];
        for (a, vpc) in self.vpc_order.iter().enumerate() {
            let mut classes: Vec<&'e Subnet> = Vec::new();
            let mut seen = BTreeSet::new();
            for s in self.subnets(vpc.id.as_str()) {
                let rt = self.route_table(s).map(|r| r.id.as_str());
                if seen.insert((rt, s.availability_zone.as_str())) {
                    classes.push(s);
                }
            }
            let mut candidates: BTreeSet<usize> = self.peering_graph.neighbors(a).collect();
            let mut tgws: BTreeSet<&str> = BTreeSet::new();
            for s in &classes {
                if let Some(rt) = self.route_table(s) {
                    for r in &rt.routes {
                        if let Target::TransitGateway(t) = &r.target {
                            tgws.insert(t.as_str());
                        }
                    }
                }
            }
            for t in tgws {
                for reachable in tgw_closure.get(t).into_iter().flatten() {
                    candidates.extend(attached.get(reachable).into_iter().flatten().copied());
                }
            }
            candidates.remove(&a);
            for b in candidates {
                let target = self.vpc_order[b];
                let hit = classes.iter().any(|s| {
                    reps[b]
                        .iter()
                        .any(|d| ctx.walk(vpc, s, *d).is_some_and(|w| w.id == target.id))
                });
                if hit {
                    rows[a][b / 64] |= 1 << (b % 64);
                }
            }
        }
        let reachable = (0..n)
            .flat_map(|a| (0..n).map(move |b| (a, b)))
            .filter(|&(a, b)| a != b && rows[a][b / 64] >> (b % 64) & 1 == 1)
            .collect();
        VpcMatrix {
            vpcs: self.vpc_order.iter().map(|v| v.id.to_string()).collect(),
            reachable,
            rows,
        }
    }

    /// For each transit gateway, the transit gateways a packet may continue to (itself, TGW
    /// peerings, VPCs attached to it whose attachment subnets route to another TGW), closed
    /// transitively; and the VPC indexes attached to each transit gateway.
    fn tgw_reach(&self) -> TgwReach<'e> {
        let estate = self.estate;
        let mut graph: DiGraphMap<&'e str, (), RandomState> = DiGraphMap::new();
        let mut attached: HashMap<&'e str, Vec<usize>> = HashMap::new();
        for t in estate.transit_gateways.keys() {
            graph.add_node(t.as_str());
        }
        for att in estate
            .tgw_attachments
            .values()
            .chain(estate.tgw_peering_ends.values())
        {
            graph.add_node(att.tgw.as_str());
            match att.resource_type.as_str() {
                "peering" => {
                    graph.add_edge(att.tgw.as_str(), att.resource_id.as_str(), ());
                }
                "vpc" => {
                    if let Some(i) = self.vpc_position.get(att.resource_id.as_str()) {
                        attached.entry(att.tgw.as_str()).or_default().push(*i);
                    }
                    for s in att.subnets.iter().filter_map(|s| estate.subnets.get(s)) {
                        // Stored routes: propagated ones lead to virtual private gateways.
                        for r in self.stored_route_table(s).map_or(&[][..], |rt| &rt.routes[..]) {
                            if let Target::TransitGateway(next) = &r.target {
                                graph.add_edge(att.tgw.as_str(), next.as_str(), ());
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        let mut closure = HashMap::new();
        for start in graph.nodes() {
            let mut dfs = Dfs::new(&graph, start);
            let mut found = Vec::new();
            while let Some(node) = dfs.next(&graph) {
                found.push(node);
            }
            closure.insert(start, found);
        }
        (closure, attached)
    }
}
