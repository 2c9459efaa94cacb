//! Route choice: which route of a VPC route table, and which route of a transit gateway route
//! table, carries a packet to a destination address (IPv4 or IPv6).
//!
//! Both are longest prefix match with AWS's tie-breaking, and both return the matched route
//! itself so that a trace can say *why* a packet went where it went. IPv4 and IPv6 routes are
//! independent: an IPv6 route never matches an IPv4 address, nor the other way round ("How route
//! priority works", Amazon VPC User Guide, route-tables-priority.html: "IPv4 and IPv6 traffic
//! are treated separately").
//!
//! What this module does not do: decide whether the chosen target can carry the packet (peering
//! state, attachment AZs, public IPs). That is `reach`'s job.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::net::IpAddr;

use ipnet::IpNet;

use crate::model::{
    Destination, Estate, PrefixList, PrefixListId, Route, RouteOrigin, RouteState, RouteTable, Target,
    TgwAttachmentId, TgwRouteTable, VpcId, VpnConnection, VpnEnd,
};

/// The route a VPC route table lookup chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RouteChoice<'a> {
    /// The winning route, as it stands in the table.
    pub route: &'a Route,
    /// The block that held the address: the route's CIDR, or the entry of its prefix list.
    pub matched: IpNet,
}

/// How strongly a route wins among routes of equal prefix length: static (`CreateRoute`,
/// `CreateRouteTable`) 2, prefix-list 1, propagated 0.
///
/// See "How route priority works" (route-tables-priority.html): longest prefix, then static
/// routes, then prefix list routes, then propagated routes.
pub fn priority(route: &Route) -> u8 {
    match (route.origin, &route.destination) {
        (RouteOrigin::EnableVgwRoutePropagation, _) => 0,
        (_, Destination::PrefixList(_)) => 1,
        _ => 2,
    }
}

/// The blocks (both families) a destination stands for: its CIDR, or every entry of its prefix
/// list (none if the list is unknown).
pub fn ip_blocks<'a>(
    destination: &'a Destination,
    prefix_lists: &'a BTreeMap<PrefixListId, PrefixList>,
) -> impl Iterator<Item = IpNet> + 'a {
    let (single, list): (Option<IpNet>, &[IpNet]) = match destination {
        Destination::Cidr(net) => (Some(*net), &[]),
        Destination::PrefixList(id) => (None, prefix_lists.get(id).map_or(&[][..], |pl| &pl.cidrs[..])),
    };
    single.into_iter().chain(list.iter().copied())
}

/// Longest prefix match in a VPC route table for a destination address (IPv4 or IPv6).
///
/// The most specific route whose destination holds `dst` wins; a prefix-list route matches
/// through the list's CIDRs (from `prefix_lists`). Among routes of equal prefix length, static
/// beats prefix-list beats propagated ([`priority`]); remaining ties go to the route listed
/// first. A `blackhole` route is returned like any other: it still wins the match, and drops the
/// packet. See "How route priority works" (route-tables-priority.html) and "Route table
/// concepts" (VPC_Route_Tables.html).
///
/// # Examples
/// ```
/// use std::collections::BTreeMap;
/// use vpclab_core::model::*;
/// use vpclab_core::route::lookup;
///
/// let route = |cidr: &str, target: Target| Route {
///     destination: Destination::Cidr(cidr.parse().unwrap()),
///     target,
///     state: RouteState::Active,
///     origin: RouteOrigin::CreateRoute,
/// };
/// let table = RouteTable {
///     id: "rtb-1".into(), vpc: "vpc-1".into(), owner: "111122223333".into(),
///     region: "us-east-1".into(), main: true, subnets: vec![], name: None, propagating_vgws: vec![],
///     routes: vec![
///         route("10.0.0.0/16", Target::Local),
///         route("0.0.0.0/0", Target::InternetGateway("igw-1".into())),
///         route("172.31.0.0/16", Target::VpcPeering("pcx-1".into())),
///     ],
/// };
/// let none = BTreeMap::new();
/// let choice = lookup(&table, "172.31.4.5".parse::<std::net::IpAddr>().unwrap(), &none).unwrap();
/// assert_eq!(choice.route.target, Target::VpcPeering("pcx-1".into()));
/// assert_eq!(choice.matched.to_string(), "172.31.0.0/16");
/// let no_igw = RouteTable { routes: table.routes[..1].to_vec(), ..table.clone() };
/// assert!(lookup(&no_igw, "198.51.100.7".parse::<std::net::IpAddr>().unwrap(), &none).is_none());
/// ```
pub fn lookup<'a>(
    table: &'a RouteTable,
    dst: impl Into<IpAddr>,
    prefix_lists: &BTreeMap<PrefixListId, PrefixList>,
) -> Option<RouteChoice<'a>> {
    let dst = dst.into();
    let mut best: Option<(RouteChoice<'a>, u8)> = None;
    for route in &table.routes {
        let Some(matched) = ip_blocks(&route.destination, prefix_lists)
            .filter(|net| net.contains(&dst))
            .max_by_key(|net| net.prefix_len())
        else {
            continue;
        };
        let rank = priority(route);
        let better = match &best {
            None => true,
            Some((b, b_rank)) => (matched.prefix_len(), rank) > (b.matched.prefix_len(), *b_rank),
        };
        if better {
            best = Some((RouteChoice { route, matched }, rank));
        }
    }
    let choice = best.map(|(choice, _)| choice)?;
    if choice.route.origin == RouteOrigin::EnableVgwRoutePropagation {
        if let Some(local) = local_holding(table, dst) {
            return Some(local);
        }
    }
    Some(choice)
}

/// The `local` route holding `dst`, if any. A propagated route (VPN, Direct Connect) that
/// overlaps the VPC's local route never wins over it, even when more specific ("Route tables
/// and AWS Site-to-Site VPN route priority", vpn/latest/s2svpn/vpn-route-priority.html).
fn local_holding(table: &RouteTable, dst: IpAddr) -> Option<RouteChoice<'_>> {
    table
        .routes
        .iter()
        .find_map(|route| match (&route.target, &route.destination) {
            (Target::Local, Destination::Cidr(net)) if net.contains(&dst) => {
                Some(RouteChoice { route, matched: *net })
            }
            _ => None,
        })
}

/// A VPC route table prepared for many lookups: every route expanded to its blocks and
/// sorted so that the first block holding an address is the one [`lookup`] would choose.
#[derive(Debug, Clone, Default)]
pub struct RouteIndex {
    /// (block, index of the route in the table), most specific first, then by [`priority`].
    entries: Vec<(IpNet, usize)>,
    /// The indexes of propagated routes, and the table's `local` blocks (with their route
    /// index): a propagated route never wins over the local route ([`lookup`]).
    propagated: BTreeSet<usize>,
    locals: Vec<(IpNet, usize)>,
}

impl RouteIndex {
    /// Expands and sorts the routes of `table`.
    pub fn new(table: &RouteTable, prefix_lists: &BTreeMap<PrefixListId, PrefixList>) -> RouteIndex {
        let mut keyed: Vec<(IpNet, u8, usize)> = Vec::new();
        for (i, route) in table.routes.iter().enumerate() {
            let rank = priority(route);
            keyed.extend(ip_blocks(&route.destination, prefix_lists).map(|net| (net, rank, i)));
        }
        keyed.sort_by(|a, b| {
            (b.0.prefix_len(), b.1)
                .cmp(&(a.0.prefix_len(), a.1))
                .then(a.2.cmp(&b.2))
        });
        let propagated = (table.routes.iter().enumerate())
            .filter(|(_, r)| r.origin == RouteOrigin::EnableVgwRoutePropagation)
            .map(|(i, _)| i)
            .collect();
        let locals = (table.routes.iter().enumerate())
            .filter_map(|(i, r)| match (&r.target, &r.destination) {
                (Target::Local, Destination::Cidr(net)) => Some((*net, i)),
                _ => None,
            })
            .collect();
        RouteIndex {
            entries: keyed.into_iter().map(|(net, _, i)| (net, i)).collect(),
            propagated,
            locals,
        }
    }

    /// The index (in the table's `routes`) of the winning route for `dst`, and the block that
    /// matched. Same answer as [`lookup`].
    pub fn lookup(&self, dst: impl Into<IpAddr>) -> Option<(usize, IpNet)> {
        let dst = dst.into();
        let (net, i) = self.entries.iter().find(|(net, _)| net.contains(&dst))?;
        if self.propagated.contains(i) {
            if let Some((local, j)) = self.locals.iter().find(|(net, _)| net.contains(&dst)) {
                return Some((*j, *local));
            }
        }
        Some((*i, *net))
    }
}

/// How a transit gateway route got into its table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TgwRouteKind {
    /// Propagated by an attachment (lowest priority).
    Propagated,
    /// A static route whose destination is a prefix list.
    PrefixList,
    /// A static route (highest priority for equal prefixes), including blackholes.
    Static,
}

/// One effective route of a transit gateway route table (IPv4 or IPv6).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TgwRouteEntry {
    /// The block that matches (one entry of a prefix list for prefix-list routes).
    pub destination: IpNet,
    /// The destination as the table shows it: the CIDR, or the prefix list.
    pub shown: Destination,
    /// The attachment traffic goes to; `None` for a blackhole.
    pub attachment: Option<TgwAttachmentId>,
    pub blackhole: bool,
    pub kind: TgwRouteKind,
}

/// The effective routes of a transit gateway route table, sorted for longest prefix match.
///
/// Static routes come from the table; propagated routes are derived from `propagations`: every
/// propagating VPC attachment of this TGW in state `available` contributes its VPC's IPv4
/// CIDRs, and its IPv6 CIDRs when the attachment has IPv6 support on (`Options.Ipv6Support`;
/// "Amazon VPC attachments in AWS Transit Gateway", tgw-vpc-attachments.html). Stored propagated routes for such attachments are replaced by the derived ones (the
/// VPC's CIDRs are the truth); stored propagated routes of other attachments (VPN, peering, a
/// VPC missing from the estate) are kept. See "How transit gateways work" (Transit Gateways
/// guide, how-transit-gateways-work.html): "Route tables", "Route propagation".
#[derive(Debug, Clone, Default)]
pub struct TgwRoutes {
    entries: Vec<TgwRouteEntry>,
}

impl TgwRoutes {
    /// Derives and sorts the effective routes of `table`.
    pub fn new(estate: &Estate, table: &TgwRouteTable) -> TgwRoutes {
        let mut entries = Vec::new();
        let mut derived: BTreeSet<&TgwAttachmentId> = BTreeSet::new();
        for att_id in &table.propagations {
            let Some(att) = estate.tgw_attachments.get(att_id) else {
                continue;
            };
            if att.tgw != table.tgw || att.resource_type != "vpc" {
                continue;
            }
            let Some(vpc) = estate.vpcs.get(&VpcId(att.resource_id.clone())) else {
                continue;
            };
            derived.insert(att_id);
            if att.state != "available" {
                continue;
            }
            let v6 = vpc
                .ipv6_cidrs
                .iter()
                .filter(|_| att.ipv6_support)
                .map(|c| IpNet::V6(*c));
            for cidr in vpc.cidrs.iter().map(|c| IpNet::V4(*c)).chain(v6) {
                entries.push(TgwRouteEntry {
                    destination: cidr,
                    shown: Destination::Cidr(cidr),
                    attachment: Some(att_id.clone()),
                    blackhole: false,
                    kind: TgwRouteKind::Propagated,
                });
            }
        }
        for route in &table.routes {
            if route.propagated && route.attachment.as_ref().is_some_and(|a| derived.contains(a)) {
                continue;
            }
            let kind = match (&route.destination, route.propagated) {
                (_, true) => TgwRouteKind::Propagated,
                (Destination::PrefixList(_), false) => TgwRouteKind::PrefixList,
                (Destination::Cidr(_), false) => TgwRouteKind::Static,
            };
            let blackhole = route.state == RouteState::Blackhole || route.attachment.is_none();
            for net in ip_blocks(&route.destination, &estate.prefix_lists) {
                entries.push(TgwRouteEntry {
                    destination: net,
                    shown: route.destination.clone(),
                    attachment: route.attachment.clone(),
                    blackhole,
                    kind,
                });
            }
        }
        // Among propagated routes of one prefix, by the kind of attachment that propagated
        // them: VPC, then Direct Connect gateway, then Connect, then VPN ("Route evaluation
        // order", How transit gateways work).
        let source_rank = |e: &TgwRouteEntry| -> u8 {
            if e.kind != TgwRouteKind::Propagated {
                return 0;
            }
            let kind = e
                .attachment
                .as_ref()
                .and_then(|a| estate.tgw_attachment_at(a, &table.tgw))
                .map_or("", |a| a.resource_type.as_str());
            match kind {
                "vpc" => 3,
                "direct-connect-gateway" => 2,
                "connect" => 1,
                _ => 0,
            }
        };
        // Stable sort: equal keys keep table order (derived propagations first, in
        // `propagations` order).
        entries
            .sort_by_cached_key(|e| std::cmp::Reverse((e.destination.prefix_len(), e.kind, source_rank(e))));
        TgwRoutes { entries }
    }

    /// Longest prefix match: the most specific route holding `dst`; for equal prefixes static
    /// beats prefix-list beats propagated, and among propagated routes a VPC's beat a Direct
    /// Connect gateway's, which beat a Connect attachment's, which beat a VPN's ("Route
    /// evaluation order", How transit gateways work).
    /// A blackhole route is returned: it wins and drops.
    pub fn lookup(&self, dst: impl Into<IpAddr>) -> Option<&TgwRouteEntry> {
        let dst = dst.into();
        self.entries.iter().find(|e| e.destination.contains(&dst))
    }

    /// Every effective route, most specific first.
    pub fn entries(&self) -> &[TgwRouteEntry] {
        &self.entries
    }
}

/// One-off transit gateway route lookup (builds [`TgwRoutes`] and asks it).
pub fn tgw_lookup(estate: &Estate, table: &TgwRouteTable, dst: impl Into<IpAddr>) -> Option<TgwRouteEntry> {
    TgwRoutes::new(estate, table).lookup(dst).cloned()
}

/// The routes the virtual private gateways in a VPC route table's `PropagatingVgws` propagate
/// into it: for each such vgw attached to the table's VPC (and not gone), the `available` static
/// routes of its `available` static-routing VPN connections, as `active` routes of origin
/// `EnableVgwRoutePropagation` to the vgw. Routes learned over BGP (a VPN without
/// `StaticRoutesOnly`, a Direct Connect private VIF) cannot be derived: they are the stored
/// propagated routes, as `describe-route-tables` reports them. See "Route tables and AWS
/// Site-to-Site VPN route priority" (vpn/latest/s2svpn/vpn-route-priority.html) and "(Virtual
/// private gateway) Enable route propagation in your route table"
/// (vpn/latest/s2svpn/SetUpVPNConnections.html).
///
/// # Examples
/// ```
/// use vpclab_core::aws::import_documents;
/// use vpclab_core::route::vgw_propagated_routes;
/// let doc = serde_json::json!({"AccountId": "111122223333", "Region": "us-east-1",
///     "Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}],
///     "RouteTables": [{"RouteTableId": "rtb-1", "VpcId": "vpc-1",
///         "PropagatingVgws": [{"GatewayId": "vgw-1"}]}],
///     "VpnGateways": [{"VpnGatewayId": "vgw-1", "State": "available",
///         "VpcAttachments": [{"VpcId": "vpc-1", "State": "attached"}]}],
///     "VpnConnections": [{"VpnConnectionId": "vpn-1", "CustomerGatewayId": "cgw-1",
///         "VpnGatewayId": "vgw-1", "State": "available", "Options": {"StaticRoutesOnly": true},
///         "Routes": [{"DestinationCidrBlock": "192.168.0.0/16", "State": "available"}]}]});
/// let e = import_documents(&[("lab.json".into(), doc)]).unwrap();
/// let table = e.route_tables.values().next().unwrap();
/// let routes = vgw_propagated_routes(&e, table);
/// assert_eq!(routes[0].destination.to_string(), "192.168.0.0/16");
/// let mut detached = e.clone();
/// detached.vpn_gateways.values_mut().next().unwrap().attached_vpc = None;
/// assert!(vgw_propagated_routes(&detached, table).is_empty());
/// ```
pub fn vgw_propagated_routes(estate: &Estate, table: &RouteTable) -> Vec<Route> {
    let mut out: Vec<Route> = Vec::new();
    for vgw_id in &table.propagating_vgws {
        let Some(vgw) = estate.vpn_gateways.get(vgw_id) else {
            continue;
        };
        if vgw.attached_vpc.as_ref() != Some(&table.vpc) || crate::model::gone(&vgw.state) {
            continue;
        }
        let own = |v: &&VpnConnection| {
            v.gateway == VpnEnd::VirtualPrivateGateway(vgw_id.clone())
                && v.state == "available"
                && v.static_routes_only
        };
        for vpn in estate.vpn_connections.values().filter(own) {
            for r in vpn.routes.iter().filter(|r| r.state == "available") {
                let route = Route {
                    destination: Destination::Cidr(r.destination),
                    target: Target::VirtualPrivateGateway(vgw_id.clone()),
                    state: RouteState::Active,
                    origin: RouteOrigin::EnableVgwRoutePropagation,
                };
                if !out.contains(&route) {
                    out.push(route);
                }
            }
        }
    }
    out
}

/// A VPC route table as AWS would show it: its stored routes, and the routes its propagating
/// virtual private gateways add ([`vgw_propagated_routes`]) that it does not already list.
/// Borrowed when nothing is added. Look routes up in this, not in the stored table.
pub fn with_propagations<'a>(estate: &Estate, table: &'a RouteTable) -> Cow<'a, RouteTable> {
    let added: Vec<Route> = vgw_propagated_routes(estate, table)
        .into_iter()
        .filter(|r| !table.routes.contains(r))
        .collect();
    if added.is_empty() {
        return Cow::Borrowed(table);
    }
    let mut t = table.clone();
    t.routes.extend(added);
    Cow::Owned(t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;
    use std::net::Ipv4Addr;

    fn net(s: &str) -> IpNet {
        s.parse().unwrap()
    }

    fn route(dest: &str, target: Target, origin: RouteOrigin) -> Route {
        let destination = if dest.starts_with("pl-") {
            Destination::PrefixList(dest.into())
        } else {
            Destination::Cidr(net(dest))
        };
        Route {
            destination,
            target,
            state: RouteState::Active,
            origin,
        }
    }

    fn table(routes: Vec<Route>) -> RouteTable {
        RouteTable {
            id: "rtb-test".into(),
            vpc: "vpc-a".into(),
            owner: "111122223333".into(),
            region: "us-east-1".into(),
            main: true,
            subnets: vec![],
            routes,
            name: None,
            propagating_vgws: vec![],
        }
    }

    fn prefix_lists() -> BTreeMap<PrefixListId, PrefixList> {
        let pl = PrefixList {
            id: "pl-s3".into(),
            name: "com.amazonaws.us-east-1.s3".into(),
            region: "us-east-1".into(),
            cidrs: vec![
                net("198.51.100.0/24"),
                net("203.0.113.0/25"),
                net("2001:db8::/32"),
            ],
        };
        BTreeMap::from([(pl.id.clone(), pl)])
    }

    use RouteOrigin::{CreateRoute as Static, CreateRouteTable as Local, EnableVgwRoutePropagation as Prop};

    /// "How route priority works": each row is (routes, destination, expected target id or None).
    #[test]
    fn route_priority_table() {
        let igw = || Target::InternetGateway("igw-1".into());
        let pcx = || Target::VpcPeering("pcx-1".into());
        let vgw = || Target::VirtualPrivateGateway("vgw-1".into());
        let vpce = || Target::GatewayEndpoint("vpce-1".into());
        let cases: Vec<(&str, Vec<Route>, &str, Option<&str>)> = vec![
            (
                "longest prefix wins over the default route",
                vec![
                    route("0.0.0.0/0", igw(), Static),
                    route("172.31.0.0/16", pcx(), Static),
                ],
                "172.31.9.9",
                Some("pcx-1"),
            ),
            (
                "a /32 beats a /24 whatever the order",
                vec![
                    route("10.10.2.15/32", pcx(), Static),
                    route("10.10.2.0/24", igw(), Static),
                ],
                "10.10.2.15",
                Some("pcx-1"),
            ),
            (
                "no route holds the address",
                vec![route("10.0.0.0/16", Target::Local, Local)],
                "192.0.2.1",
                None,
            ),
            (
                "static beats propagated for an equal prefix",
                vec![
                    route("172.31.0.0/24", vgw(), Prop),
                    route("172.31.0.0/24", igw(), Static),
                ],
                "172.31.0.9",
                Some("igw-1"),
            ),
            (
                "a propagated route inside the VPC never beats local, even more specific",
                vec![
                    route("10.0.0.0/16", Target::Local, Local),
                    route("10.0.1.0/24", vgw(), Prop),
                ],
                "10.0.1.9",
                Some("local"),
            ),
            (
                "a more specific propagated route beats a static one",
                vec![
                    route("172.31.0.0/16", igw(), Static),
                    route("172.31.0.0/24", vgw(), Prop),
                ],
                "172.31.0.9",
                Some("vgw-1"),
            ),
            (
                "prefix-list route beats 0.0.0.0/0",
                vec![route("0.0.0.0/0", igw(), Static), route("pl-s3", vpce(), Static)],
                "198.51.100.20",
                Some("vpce-1"),
            ),
            (
                "a static CIDR route equal to the list entry beats the prefix-list route",
                vec![
                    route("pl-s3", vpce(), Static),
                    route("198.51.100.0/24", igw(), Static),
                ],
                "198.51.100.20",
                Some("igw-1"),
            ),
            (
                "a more specific CIDR route beats the prefix-list route",
                vec![
                    route("pl-s3", vpce(), Static),
                    route("203.0.113.0/26", pcx(), Static),
                ],
                "203.0.113.1",
                Some("pcx-1"),
            ),
            (
                "a more specific prefix-list entry beats a less specific static route",
                vec![
                    route("203.0.0.0/16", igw(), Static),
                    route("pl-s3", vpce(), Static),
                ],
                "203.0.113.1",
                Some("vpce-1"),
            ),
            (
                "prefix-list route beats a propagated route of equal prefix",
                vec![
                    route("198.51.100.0/24", vgw(), Prop),
                    route("pl-s3", vpce(), Static),
                ],
                "198.51.100.1",
                Some("vpce-1"),
            ),
            (
                "addresses outside the list do not match it",
                vec![route("pl-s3", vpce(), Static)],
                "203.0.113.200",
                None,
            ),
            (
                "an unknown prefix list matches nothing",
                vec![route("pl-unknown", vpce(), Static)],
                "198.51.100.1",
                None,
            ),
            (
                "IPv6 routes never match IPv4",
                vec![route("::/0", igw(), Static)],
                "198.51.100.1",
                None,
            ),
            (
                "local route covers the VPC",
                vec![
                    route("10.0.0.0/16", Target::Local, Local),
                    route("0.0.0.0/0", igw(), Static),
                ],
                "10.0.200.1",
                Some("local"),
            ),
        ];
        let pls = prefix_lists();
        for (name, routes, dst, want) in cases {
            let t = table(routes);
            let dst: Ipv4Addr = dst.parse().unwrap();
            let got = lookup(&t, dst, &pls).map(|c| c.route.target.id());
            assert_eq!(got.as_deref(), want, "{name}");
            let indexed = RouteIndex::new(&t, &pls)
                .lookup(dst)
                .map(|(i, _)| t.routes[i].target.id());
            assert_eq!(indexed.as_deref(), want, "{name} (index)");
        }
    }

    #[test]
    fn blackhole_still_wins_and_matched_block_is_reported() {
        let mut hole = route("10.1.0.0/16", Target::VpcPeering("pcx-gone".into()), Static);
        hole.state = RouteState::Blackhole;
        let t = table(vec![
            route("0.0.0.0/0", Target::InternetGateway("igw-1".into()), Static),
            hole,
        ]);
        let choice = lookup(&t, "10.1.2.3".parse::<Ipv4Addr>().unwrap(), &BTreeMap::new()).unwrap();
        assert_eq!(choice.route.state, RouteState::Blackhole);
        assert_eq!(choice.matched.to_string(), "10.1.0.0/16");
        let pls = prefix_lists();
        let t = table(vec![route(
            "pl-s3",
            Target::GatewayEndpoint("vpce-1".into()),
            Static,
        )]);
        let choice = lookup(&t, "203.0.113.7".parse::<IpAddr>().unwrap(), &pls).unwrap();
        assert_eq!(choice.matched.to_string(), "203.0.113.0/25");
    }

    /// The index and the plain scan agree on every address of a small grid.
    #[test]
    fn index_agrees_with_lookup() {
        let pls = prefix_lists();
        let t = table(vec![
            route("10.0.0.0/16", Target::Local, Local),
            route("10.0.0.0/8", Target::TransitGateway("tgw-1".into()), Static),
            route("10.0.5.0/24", Target::NatGateway("nat-1".into()), Static),
            route(
                "198.51.100.0/24",
                Target::VirtualPrivateGateway("vgw-1".into()),
                Prop,
            ),
            route("pl-s3", Target::GatewayEndpoint("vpce-1".into()), Static),
            route("0.0.0.0/0", Target::InternetGateway("igw-1".into()), Static),
            route("0.0.0.0/0", Target::NatGateway("nat-2".into()), Static),
            route("10.0.1.0/24", Target::VirtualPrivateGateway("vgw-1".into()), Prop),
        ]);
        let index = RouteIndex::new(&t, &pls);
        for a in [10u8, 198, 203] {
            for b in [0u8, 1, 51, 255] {
                for c in [0u8, 5, 100, 113] {
                    for d in [0u8, 1, 127, 128, 255] {
                        let dst = Ipv4Addr::new(a, b, c, d);
                        let plain = lookup(&t, dst, &pls).map(|c| (c.route as *const Route, c.matched));
                        let fast = index.lookup(dst).map(|(i, m)| (&t.routes[i] as *const Route, m));
                        assert_eq!(plain, fast, "{dst}");
                    }
                }
            }
        }
    }

    fn tgw_estate() -> (Estate, TgwRouteTable) {
        let mut e = Estate::default();
        for (vpc, cidrs, att, state) in [
            (
                "vpc-a",
                vec!["10.1.0.0/16", "10.101.0.0/16"],
                "tgw-attach-a",
                "available",
            ),
            ("vpc-b", vec!["10.2.0.0/16"], "tgw-attach-b", "available"),
            ("vpc-c", vec!["10.3.0.0/16"], "tgw-attach-c", "pendingAcceptance"),
        ] {
            e.vpcs.insert(
                vpc.into(),
                Vpc {
                    id: vpc.into(),
                    owner: "111122223333".into(),
                    region: "us-east-1".into(),
                    cidrs: cidrs.iter().map(|c| c.parse().unwrap()).collect(),
                    ipv6_cidrs: vec![],
                    is_default: false,
                    dns_support: true,
                    dns_hostnames: false,
                    name: None,
                },
            );
            e.tgw_attachments.insert(
                att.into(),
                TgwAttachment {
                    id: att.into(),
                    tgw: "tgw-1".into(),
                    tgw_owner: "111122223333".into(),
                    region: "us-east-1".into(),
                    resource_type: "vpc".into(),
                    resource_id: vpc.into(),
                    resource_owner: "111122223333".into(),
                    subnets: vec![],
                    state: state.into(),
                    association: Some("tgw-rtb-1".into()),
                    name: None,
                    ipv6_support: false,
                },
            );
        }
        let static_route = |dest: &str, att: Option<&str>, state: RouteState, propagated: bool| TgwRoute {
            destination: Destination::Cidr(net(dest)),
            attachment: att.map(Into::into),
            state,
            propagated,
        };
        let table = TgwRouteTable {
            id: "tgw-rtb-1".into(),
            tgw: "tgw-1".into(),
            region: "us-east-1".into(),
            default_association: true,
            default_propagation: true,
            propagations: vec![
                "tgw-attach-a".into(),
                "tgw-attach-b".into(),
                "tgw-attach-c".into(),
            ],
            routes: vec![
                static_route("10.2.0.0/16", None, RouteState::Blackhole, false),
                static_route("10.1.0.0/16", Some("tgw-attach-b"), RouteState::Active, true),
                static_route("0.0.0.0/0", Some("tgw-attach-b"), RouteState::Active, false),
                static_route("192.0.2.0/24", Some("tgw-attach-vpn"), RouteState::Active, true),
            ],
            name: None,
        };
        (e, table)
    }

    /// "How transit gateways work": propagation, static beats propagated, blackhole, states.
    #[test]
    fn tgw_route_table() {
        let (e, table) = tgw_estate();
        let routes = TgwRoutes::new(&e, &table);
        type Want<'a> = Option<(Option<&'a str>, bool, TgwRouteKind)>;
        let cases: Vec<(&str, &str, Want)> = vec![
            (
                "propagated VPC CIDR",
                "10.1.4.4",
                Some((Some("tgw-attach-a"), false, TgwRouteKind::Propagated)),
            ),
            (
                "secondary VPC CIDR propagates too",
                "10.101.0.1",
                Some((Some("tgw-attach-a"), false, TgwRouteKind::Propagated)),
            ),
            (
                "static blackhole beats propagated",
                "10.2.0.1",
                Some((None, true, TgwRouteKind::Static)),
            ),
            (
                "pending attachment propagates nothing: default route",
                "10.3.0.1",
                Some((Some("tgw-attach-b"), false, TgwRouteKind::Static)),
            ),
            (
                "stored propagated route of a non-VPC attachment is kept",
                "192.0.2.9",
                Some((Some("tgw-attach-vpn"), false, TgwRouteKind::Propagated)),
            ),
        ];
        for (name, dst, want) in cases {
            let got = routes
                .lookup(dst.parse::<IpAddr>().unwrap())
                .map(|r| (r.attachment.as_ref().map(|a| a.as_str()), r.blackhole, r.kind));
            assert_eq!(got, want, "{name}");
        }
        // The stale stored propagated 10.1.0.0/16 → attach-b is replaced by the derived one.
        assert!(!routes.entries().iter().any(
            |r| r.destination.to_string() == "10.1.0.0/16" && r.attachment == Some("tgw-attach-b".into())
        ));
        let mut no_default = table.clone();
        no_default
            .routes
            .retain(|r| r.destination != Destination::Cidr(net("0.0.0.0/0")));
        assert_eq!(
            tgw_lookup(&e, &no_default, "10.3.0.1".parse::<IpAddr>().unwrap()),
            None
        );
    }

    /// "Route priority for static and dynamically propagated routes" (route-tables-priority.html)
    /// with a VPN's static routes, in the AWS CLI's shapes: the vgw in `PropagatingVgws` adds
    /// the VPN's available routes as propagated routes; a static route for the same prefix wins;
    /// a BGP VPN, a deleted route or a vgw attached to another VPC adds nothing.
    #[test]
    fn vgw_propagation_from_a_static_vpn() {
        let doc = serde_json::json!({"AccountId": "111122223333", "Region": "us-east-1",
            "Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"},
                     {"VpcId": "vpc-2", "CidrBlock": "10.1.0.0/16"}],
            "RouteTables": [{"RouteTableId": "rtb-1", "VpcId": "vpc-1",
                "PropagatingVgws": [{"GatewayId": "vgw-1"}, {"GatewayId": "vgw-2"}],
                "Routes": [
                    {"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local"},
                    {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1"},
                    {"DestinationCidrBlock": "172.16.0.0/16", "VpcPeeringConnectionId": "pcx-1"}]}],
            "VpnGateways": [
                {"VpnGatewayId": "vgw-1", "State": "available", "VpcAttachments": [{"VpcId": "vpc-1", "State": "attached"}]},
                {"VpnGatewayId": "vgw-2", "State": "available", "VpcAttachments": [{"VpcId": "vpc-2", "State": "attached"}]}],
            "VpnConnections": [
                {"VpnConnectionId": "vpn-1", "CustomerGatewayId": "cgw-1", "VpnGatewayId": "vgw-1",
                 "State": "available", "Options": {"StaticRoutesOnly": true}, "Routes": [
                    {"DestinationCidrBlock": "192.168.0.0/16", "State": "available"},
                    {"DestinationCidrBlock": "172.16.0.0/16", "State": "available"},
                    {"DestinationCidrBlock": "192.0.2.0/24", "State": "deleted"}]},
                {"VpnConnectionId": "vpn-bgp", "CustomerGatewayId": "cgw-1", "VpnGatewayId": "vgw-1",
                 "State": "available", "Options": {"StaticRoutesOnly": false}, "Routes": [
                    {"DestinationCidrBlock": "198.51.100.0/24", "State": "available"}]},
                {"VpnConnectionId": "vpn-2", "CustomerGatewayId": "cgw-1", "VpnGatewayId": "vgw-2",
                 "State": "available", "Options": {"StaticRoutesOnly": true}, "Routes": [
                    {"DestinationCidrBlock": "203.0.113.0/24", "State": "available"}]}]});
        let e = crate::aws::import_documents(&[("lab.json".into(), doc)]).unwrap();
        let stored = &e.route_tables[&RouteTableId::from("rtb-1")];
        let derived: Vec<String> = vgw_propagated_routes(&e, stored)
            .iter()
            .map(|r| r.destination.to_string())
            .collect();
        assert_eq!(derived, ["192.168.0.0/16", "172.16.0.0/16"]);
        let t = with_propagations(&e, stored);
        let none = BTreeMap::new();
        let via = |dst: &str| {
            lookup(&t, dst.parse::<IpAddr>().unwrap(), &none).map(|c| (c.route.target.id(), c.route.origin))
        };
        // (destination, target, origin)
        let cases = [
            ("192.168.4.4", "vgw-1", Prop),
            ("172.16.0.9", "pcx-1", Static),
            ("192.0.2.1", "igw-1", Static),
            ("198.51.100.1", "igw-1", Static),
            ("203.0.113.1", "igw-1", Static),
            ("10.0.3.3", "local", Local),
        ];
        for (dst, target, origin) in cases {
            assert_eq!(via(dst), Some((target.to_string(), origin)), "{dst}");
        }
        // Without PropagatingVgws, the stored table is the whole table.
        let mut off = stored.clone();
        off.propagating_vgws.clear();
        assert!(matches!(with_propagations(&e, &off), Cow::Borrowed(_)));
    }

    /// A transit gateway route table gets a VPN attachment's BGP routes by propagation (kept as
    /// stored propagated routes); a static route for the same prefix wins ("Route evaluation
    /// order", tgw/how-transit-gateways-work.html).
    #[test]
    fn tgw_vpn_propagated_routes_lose_to_static() {
        let doc = serde_json::json!({"AccountId": "111122223333", "Region": "us-east-1",
            "TransitGateways": [{"TransitGatewayId": "tgw-1", "OwnerId": "111122223333", "State": "available"}],
            "TransitGatewayAttachments": [
                {"TransitGatewayAttachmentId": "tgw-attach-vpn", "TransitGatewayId": "tgw-1",
                 "ResourceId": "vpn-1", "ResourceType": "vpn", "State": "available"},
                {"TransitGatewayAttachmentId": "tgw-attach-vpc", "TransitGatewayId": "tgw-1",
                 "ResourceId": "vpc-9", "ResourceType": "vpc", "State": "available"}],
            "TransitGatewayRouteTables": [{"TransitGatewayRouteTableId": "tgw-rtb-1", "TransitGatewayId": "tgw-1"}],
            "TransitGatewayPropagations": [{"TransitGatewayRouteTableId": "tgw-rtb-1",
                "TransitGatewayRouteTablePropagations": [{"TransitGatewayAttachmentId": "tgw-attach-vpn", "State": "enabled"}]}],
            "TransitGatewayRouteTableRoutes": {"tgw-rtb-1": [
                {"DestinationCidrBlock": "192.168.0.0/16", "Type": "propagated", "State": "active",
                 "TransitGatewayAttachments": [{"TransitGatewayAttachmentId": "tgw-attach-vpn"}]},
                {"DestinationCidrBlock": "192.168.1.0/24", "Type": "propagated", "State": "active",
                 "TransitGatewayAttachments": [{"TransitGatewayAttachmentId": "tgw-attach-vpn"}]},
                {"DestinationCidrBlock": "192.168.1.0/24", "Type": "static", "State": "active",
                 "TransitGatewayAttachments": [{"TransitGatewayAttachmentId": "tgw-attach-vpc"}]}]},
            "VpnConnections": [{"VpnConnectionId": "vpn-1", "CustomerGatewayId": "cgw-1",
                "TransitGatewayId": "tgw-1", "State": "available"}]});
        let e = crate::aws::import_documents(&[("lab.json".into(), doc)]).unwrap();
        let t = &e.tgw_route_tables[&TgwRouteTableId::from("tgw-rtb-1")];
        let att = |dst: &str| {
            tgw_lookup(&e, t, dst.parse::<IpAddr>().unwrap())
                .and_then(|r| r.attachment)
                .map(|a| a.0)
        };
        assert_eq!(att("192.168.7.7").as_deref(), Some("tgw-attach-vpn"));
        assert_eq!(att("192.168.1.7").as_deref(), Some("tgw-attach-vpc"));
    }
}
