//! The estate predicates of the checker: CIDR questions (VPC size, subnets over AZs, the smallest
//! subnet), counts, peerings and routes. Each returns an [`Outcome`] with a one-sentence message.

use std::collections::BTreeSet;

use ipnet::{IpNet, Ipv4Net};

use super::check::Outcome;
use super::schema::{Resource, RouteMatch};
use crate::cidr;
use crate::model::*;

/// Finds a VPC by id, else by a unique `Name` tag.
pub(super) fn find_vpc<'e>(e: &'e Estate, r: &str) -> Result<&'e Vpc, String> {
    if let Some(v) = e.vpcs.get(&VpcId::from(r)) {
        return Ok(v);
    }
    unique(e.vpcs.values().filter(|v| v.name.as_deref() == Some(r)), "VPC", r)
}

/// Finds a route table by id, else by a unique `Name` tag.
pub(super) fn find_route_table<'e>(e: &'e Estate, r: &str) -> Result<&'e RouteTable, String> {
    if let Some(t) = e.route_tables.get(&RouteTableId::from(r)) {
        return Ok(t);
    }
    unique(
        e.route_tables.values().filter(|t| t.name.as_deref() == Some(r)),
        "route table",
        r,
    )
}

fn unique<'e, T>(mut found: impl Iterator<Item = &'e T>, what: &str, r: &str) -> Result<&'e T, String> {
    match (found.next(), found.next()) {
        (Some(one), None) => Ok(one),
        (None, _) => Err(format!("there is no {what} with the id or Name tag '{r}'")),
        (Some(_), Some(_)) => Err(format!(
            "several {what}s have the Name tag '{r}': name one by its id"
        )),
    }
}

/// A VPC as a learner reads it: `VPC-1 (vpc-0a1b…)`, or the id alone.
pub(super) fn vpc_label(v: &Vpc) -> String {
    match &v.name {
        Some(n) => format!("{n} ({})", v.id),
        None => v.id.to_string(),
    }
}

fn subnet_label(s: &Subnet) -> String {
    match &s.name {
        Some(n) => format!("{n} ({}, {})", s.id, s.cidr),
        None => format!("{} ({})", s.id, s.cidr),
    }
}

/// A public subnet: its route table sends some route to an internet gateway (active). See
/// "Subnet types", Amazon VPC User Guide (configure-subnets.html).
pub(super) fn is_public(e: &Estate, subnet: &Subnet) -> bool {
    e.route_table_of(&subnet.id).is_some_and(|t| {
        t.routes
            .iter()
            .any(|r| r.state == RouteState::Active && matches!(r.target, Target::InternetGateway(_)))
    })
}

/// Usable addresses of an IPv4 subnet: its size less the five AWS reserves. See "Subnet CIDR
/// blocks", Amazon VPC User Guide (subnet-sizing.html).
pub(super) fn usable(net: &Ipv4Net) -> u64 {
    cidr::info(IpNet::V4(*net))
        .aws_usable
        .unwrap_or_else(|| (1u64 << (32 - net.prefix_len())).saturating_sub(5))
}

/// The longest prefix (the smallest subnet AWS allows, /16 to /28) that holds `hosts` besides
/// the five reserved addresses; `None` when even a /16 is too small.
///
/// ```text
/// 11 → /28 (16 − 5), 12 → /27, 250 → /24, 251 → /24, 252 → /23
/// ```
pub fn smallest_prefix(hosts: u64) -> Option<u8> {
    (16..=28u8).rev().find(|p| (1u64 << (32 - p)) - 5 >= hosts)
}

pub(super) fn vpc_cidr(
    e: &Estate,
    vpc: Option<&str>,
    (min, max): (Option<u8>, Option<u8>),
    within: &[Ipv4Net],
    disjoint_from: &[Ipv4Net],
) -> Outcome {
    let problem = |v: &Vpc| -> Option<String> {
        let Some(primary) = v.cidrs.first() else {
            return Some(format!("{} has no IPv4 CIDR", vpc_label(v)));
        };
        let p = primary.prefix_len();
        if let Some(m) = min.filter(|m| p < *m) {
            return Some(format!(
                "{}'s CIDR {primary} is a /{p}, larger than a /{m}, the largest allowed",
                vpc_label(v)
            ));
        }
        if let Some(m) = max.filter(|m| p > *m) {
            return Some(format!(
                "{}'s CIDR {primary} is a /{p}, smaller than a /{m}, the smallest allowed",
                vpc_label(v)
            ));
        }
        if !within.is_empty() && !within.iter().any(|w| w.contains(primary)) {
            return Some(format!(
                "{}'s CIDR {primary} is not inside {}",
                vpc_label(v),
                join_or(within)
            ));
        }
        for c in &v.cidrs {
            if let Some(other) = disjoint_from.iter().find(|d| d.contains(c) || c.contains(*d)) {
                return Some(format!("{}'s CIDR {c} overlaps {other}", vpc_label(v)));
            }
        }
        None
    };
    let describe = |v: &Vpc| {
        let list: Vec<String> = v.cidrs.iter().map(|c| c.to_string()).collect();
        format!("{} has the CIDR {}, as asked", vpc_label(v), list.join(" and "))
    };
    match vpc {
        Some(r) => match find_vpc(e, r) {
            Err(m) => Outcome::fail(m),
            Ok(v) => match problem(v) {
                None => Outcome::pass(describe(v)),
                Some(m) => Outcome::fail(m),
            },
        },
        None => {
            let candidates: Vec<&Vpc> = e.vpcs.values().filter(|v| !v.is_default).collect();
            if let Some(v) = candidates.iter().find(|v| problem(v).is_none()) {
                return Outcome::pass(describe(v));
            }
            match candidates.first() {
                None => Outcome::fail("there is no VPC yet other than the default VPC"),
                Some(v) => Outcome::fail(problem(v).unwrap_or_default()),
            }
        }
    }
}

fn join_or(nets: &[Ipv4Net]) -> String {
    let list: Vec<String> = nets.iter().map(|n| n.to_string()).collect();
    list.join(" or ")
}

/// The filters of a `subnets` check.
pub(super) struct SubnetFilter<'a> {
    pub public: Option<bool>,
    pub name_prefix: Option<&'a str>,
    pub min_prefix: Option<u8>,
    pub max_prefix: Option<u8>,
    pub min_hosts: Option<u64>,
}

impl SubnetFilter<'_> {
    fn matches(&self, e: &Estate, s: &Subnet) -> bool {
        let p = s.cidr.prefix_len();
        self.public.is_none_or(|want| is_public(e, s) == want)
            && self
                .name_prefix
                .is_none_or(|n| s.name.as_deref().is_some_and(|x| x.starts_with(n)))
            && self.min_prefix.is_none_or(|m| p >= m)
            && self.max_prefix.is_none_or(|m| p <= m)
            && self.min_hosts.is_none_or(|h| usable(&s.cidr) >= h)
    }

    fn words(&self) -> String {
        let mut w = match self.public {
            Some(true) => "public subnets".to_string(),
            Some(false) => "private subnets".to_string(),
            None => "subnets".to_string(),
        };
        if let Some(n) = self.name_prefix {
            w.push_str(&format!(" named {n}…"));
        }
        match (self.min_prefix, self.max_prefix) {
            (Some(a), Some(b)) if a == b => w.push_str(&format!(" of size /{a}")),
            (Some(a), Some(b)) => w.push_str(&format!(" of size /{b} to /{a}")),
            (Some(a), None) => w.push_str(&format!(" of /{a} or smaller")),
            (None, Some(b)) => w.push_str(&format!(" of /{b} or larger")),
            (None, None) => {}
        }
        if let Some(h) = self.min_hosts {
            w.push_str(&format!(" with at least {h} usable addresses"));
        }
        w
    }
}

pub(super) fn subnets(
    e: &Estate,
    vpc: Option<&str>,
    filter: &SubnetFilter,
    count: usize,
    azs: usize,
) -> Outcome {
    let judge = |v: &Vpc| -> (bool, String) {
        let found: Vec<&Subnet> = e
            .subnets
            .values()
            .filter(|s| s.vpc == v.id && filter.matches(e, s))
            .collect();
        let zones: BTreeSet<&str> = found.iter().map(|s| s.availability_zone.as_str()).collect();
        let nets: Vec<IpNet> = found.iter().map(|s| IpNet::V4(s.cidr)).collect();
        if let Some((i, j)) = cidr::overlap_pairs(&nets).first() {
            return (
                false,
                format!(
                    "{} and {} overlap",
                    subnet_label(found[*i]),
                    subnet_label(found[*j])
                ),
            );
        }
        let zone_list: Vec<&str> = zones.iter().copied().collect();
        let have = format!(
            "{} has {} {} over {} Availability Zone{}{}",
            vpc_label(v),
            found.len(),
            filter.words(),
            zones.len(),
            if zones.len() == 1 { "" } else { "s" },
            if zones.is_empty() {
                String::new()
            } else {
                format!(" ({})", zone_list.join(", "))
            }
        );
        if found.len() >= count && zones.len() >= azs {
            (true, have)
        } else {
            (
                false,
                format!(
                    "{have}; at least {count} over {azs} Availability Zone{} are needed",
                    if azs == 1 { "" } else { "s" }
                ),
            )
        }
    };
    let verdicts: Vec<(bool, String)> = match vpc {
        Some(r) => match find_vpc(e, r) {
            Ok(v) => vec![judge(v)],
            Err(m) => return Outcome::fail(m),
        },
        None => e.vpcs.values().map(judge).collect(),
    };
    if let Some((_, m)) = verdicts.iter().find(|(ok, _)| *ok) {
        return Outcome::pass(m.clone());
    }
    match verdicts.into_iter().next() {
        Some((_, m)) => Outcome::fail(m),
        None => Outcome::fail("there is no VPC yet"),
    }
}

pub(super) fn smallest_subnet(e: &Estate, vpc: Option<&str>, name: Option<&str>, hosts: u64) -> Outcome {
    let Some(want) = smallest_prefix(hosts) else {
        return Outcome::fail(format!(
            "no subnet AWS allows holds {hosts} instances: a /16, the largest, has 65,531 usable addresses"
        ));
    };
    let vpc = match vpc.map(|r| find_vpc(e, r)).transpose() {
        Ok(v) => v,
        Err(m) => return Outcome::fail(m),
    };
    let candidates: Vec<&Subnet> = e
        .subnets
        .values()
        .filter(|s| vpc.is_none_or(|v| v.id == s.vpc))
        .filter(|s| name.is_none_or(|n| s.name.as_deref() == Some(n)))
        .collect();
    if let Some(s) = candidates.iter().find(|s| s.cidr.prefix_len() == want) {
        return Outcome::pass(format!(
            "{} is a /{want}: {} usable addresses hold {hosts}, and a /{} ({}) would not",
            subnet_label(s),
            usable(&s.cidr),
            want + 1,
            (1u64 << (31 - want)).saturating_sub(5)
        ));
    }
    let Some(s) = candidates.first() else {
        return Outcome::fail(match name {
            Some(n) => format!("there is no subnet named {n}"),
            None => "there is no subnet yet".to_string(),
        });
    };
    let have = usable(&s.cidr);
    Outcome::fail(if have < hosts {
        format!(
            "{} has {have} usable addresses (its size less the 5 AWS reserves): too few for {hosts}",
            subnet_label(s)
        )
    } else {
        format!(
            "{} holds {hosts} ({have} usable), but a /{want} ({} usable) is the smallest that does",
            subnet_label(s),
            (1u64 << (32 - want)) - 5
        )
    })
}

pub(super) fn resource_count(
    e: &Estate,
    resource: Resource,
    vpc: Option<&str>,
    (min, max): (Option<usize>, Option<usize>),
) -> Outcome {
    let v = match vpc.map(|r| find_vpc(e, r)).transpose() {
        Ok(v) => v.map(|v| &v.id),
        Err(m) => return Outcome::fail(m),
    };
    let of = |id: &VpcId| v.is_none_or(|want| want == id);
    let (n, what) = match resource {
        Resource::Vpcs => (e.vpcs.values().filter(|x| of(&x.id)).count(), "VPC"),
        Resource::Subnets => (e.subnets.values().filter(|x| of(&x.vpc)).count(), "subnet"),
        Resource::RouteTables => (
            e.route_tables.values().filter(|x| of(&x.vpc)).count(),
            "route table",
        ),
        Resource::ActivePeerings => (
            e.peerings
                .values()
                .filter(|p| {
                    p.status == PeeringStatus::Active && (of(&p.requester.vpc) || of(&p.accepter.vpc))
                })
                .count(),
            "active peering connection",
        ),
        Resource::InternetGateways => (
            e.internet_gateways
                .values()
                .filter(|g| g.attached_vpc.as_ref().is_some_and(of))
                .count(),
            "attached internet gateway",
        ),
        Resource::NatGateways => (
            e.nat_gateways
                .values()
                .filter(|n| of(&n.vpc) && !matches!(n.state.as_str(), "deleted" | "deleting" | "failed"))
                .count(),
            "NAT gateway",
        ),
        Resource::GatewayEndpoints => (
            e.endpoints
                .values()
                .filter(|x| of(&x.vpc) && x.kind == EndpointKind::Gateway)
                .count(),
            "gateway endpoint",
        ),
        Resource::InterfaceEndpoints => (
            e.endpoints
                .values()
                .filter(|x| of(&x.vpc) && x.kind == EndpointKind::Interface)
                .count(),
            "interface endpoint",
        ),
        Resource::TransitGateways => (e.transit_gateways.len(), "transit gateway"),
        Resource::TransitGatewayAttachments => (
            e.tgw_attachments
                .values()
                .filter(|a| a.resource_type == "vpc" && of(&VpcId(a.resource_id.clone())))
                .count(),
            "transit gateway VPC attachment",
        ),
        Resource::TransitGatewayRouteTables => (e.tgw_route_tables.len(), "transit gateway route table"),
        Resource::Instances => (e.instances.values().filter(|x| of(&x.vpc)).count(), "instance"),
        Resource::SecurityGroups => (
            e.security_groups.values().filter(|x| of(&x.vpc)).count(),
            "security group",
        ),
    };
    let place = match vpc.and_then(|r| find_vpc(e, r).ok()) {
        Some(v) => format!(" in {}", vpc_label(v)),
        None => String::new(),
    };
    let have = format!("{n} {what}{}{place}", if n == 1 { "" } else { "s" });
    if let Some(m) = min.filter(|m| n < *m) {
        return Outcome::fail(format!("{have}; at least {m} needed"));
    }
    if let Some(m) = max.filter(|m| n > *m) {
        return Outcome::fail(format!("{have}; at most {m} allowed"));
    }
    Outcome::pass(have)
}

pub(super) fn peering(e: &Estate, between: &[String; 2], status: &PeeringStatus) -> Outcome {
    let (a, b) = match (find_vpc(e, &between[0]), find_vpc(e, &between[1])) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(m), _) | (_, Err(m)) => return Outcome::fail(m),
    };
    let joins = |p: &&Peering| {
        (p.requester.vpc == a.id && p.accepter.vpc == b.id)
            || (p.requester.vpc == b.id && p.accepter.vpc == a.id)
    };
    let pair = format!("{} and {}", vpc_label(a), vpc_label(b));
    let word = |s: &PeeringStatus| {
        serde_json::to_value(s)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
    };
    let want = word(status).unwrap_or_default();
    if let Some(p) = e.peerings.values().filter(joins).find(|p| &p.status == status) {
        return Outcome::pass(format!("peering {} between {pair} is {want}", p.id));
    }
    match e.peerings.values().find(joins) {
        Some(p) => Outcome::fail(format!(
            "peering {} between {pair} is {}, not {want}",
            p.id,
            word(&p.status).unwrap_or_default()
        )),
        None => Outcome::fail(format!("there is no peering connection between {pair}")),
    }
}

/// The route tables a [`RouteMatch`] looks at, or why they cannot be found.
fn tables<'e>(e: &'e Estate, m: &RouteMatch) -> Result<(Vec<&'e RouteTable>, String), String> {
    let one = m
        .route_table
        .as_deref()
        .map(|r| find_route_table(e, r))
        .transpose()?;
    let vpc = m.vpc.as_deref().map(|r| find_vpc(e, r)).transpose()?;
    let list = e
        .route_tables
        .values()
        .filter(|t| one.is_none_or(|o| o.id == t.id))
        .filter(|t| vpc.is_none_or(|v| v.id == t.vpc))
        .filter(|t| !m.main_only || t.main)
        .collect();
    let scope = match (one, vpc) {
        (Some(t), _) => format!("route table {}", t.id),
        (None, Some(v)) if m.main_only => format!("the main route table of {}", vpc_label(v)),
        (None, Some(v)) => format!("the route tables of {}", vpc_label(v)),
        (None, None) if m.main_only => "the main route tables".to_string(),
        (None, None) => "the route tables".to_string(),
    };
    Ok((list, scope))
}

fn route_matches(m: &RouteMatch, r: &Route) -> bool {
    let cidr = match &r.destination {
        Destination::Cidr(IpNet::V4(n)) => Some(n),
        _ => None,
    };
    m.destination
        .as_ref()
        .is_none_or(|d| *d == r.destination.to_string())
        && m.covers.is_none_or(|c| cidr.is_some_and(|n| n.contains(&c)))
        && m.not_covering
            .is_none_or(|c| cidr.is_some_and(|n| !n.contains(&c)))
        && m.target.as_ref().is_none_or(|t| {
            let id = r.target.id();
            if t.ends_with('-') {
                id.starts_with(t.as_str())
            } else {
                id == *t
            }
        })
        && m.state.is_none_or(|s| s == r.state)
}

fn describe_match(m: &RouteMatch) -> String {
    let mut parts = Vec::new();
    if let Some(d) = &m.destination {
        parts.push(format!("destination {d}"));
    }
    if let Some(c) = &m.covers {
        parts.push(format!("a destination holding {c}"));
    }
    if let Some(c) = &m.not_covering {
        parts.push(format!("a destination missing part of {c}"));
    }
    if let Some(t) = &m.target {
        parts.push(if t.ends_with('-') {
            format!("a {t}… target")
        } else {
            format!("target {t}")
        });
    }
    if let Some(s) = &m.state {
        parts.push(format!(
            "state {}",
            if *s == RouteState::Active {
                "active"
            } else {
                "blackhole"
            }
        ));
    }
    if parts.is_empty() {
        "any route".to_string()
    } else {
        format!("a route with {}", parts.join(", "))
    }
}

/// `route` (`present`) and `no_route` (`!present`) checks.
pub(super) fn route(e: &Estate, m: &RouteMatch, present: bool) -> Outcome {
    let (list, scope) = match tables(e, m) {
        Ok(x) => x,
        Err(msg) => return Outcome::fail(msg),
    };
    let found = list
        .iter()
        .flat_map(|t| t.routes.iter().map(move |r| (t, r)))
        .find(|(_, r)| route_matches(m, r));
    let mut out = match (found, present) {
        (Some((t, r)), true) => Outcome::pass(format!(
            "{} has the route {} → {}",
            t.id,
            r.destination,
            r.target.id()
        )),
        (Some((t, r)), false) => Outcome::fail(format!(
            "{} still has the route {} → {} ({})",
            t.id,
            r.destination,
            r.target.id(),
            if r.state == RouteState::Active {
                "active"
            } else {
                "blackhole"
            }
        )),
        (None, true) => Outcome::fail(format!("{scope}: no {} yet", describe_match(m))),
        (None, false) => Outcome::pass(format!("{scope}: no {}", describe_match(m))),
    };
    if let Some((t, _)) = found {
        out.at = Some(t.id.to_string());
    }
    out
}

pub(super) fn max_routes(e: &Estate, route_table: Option<&str>, vpc: Option<&str>, n: usize) -> Outcome {
    let m = RouteMatch {
        route_table: route_table.map(String::from),
        vpc: vpc.map(String::from),
        main_only: false,
        destination: None,
        covers: None,
        not_covering: None,
        target: None,
        state: None,
    };
    let (list, scope) = match tables(e, &m) {
        Ok(x) => x,
        Err(msg) => return Outcome::fail(msg),
    };
    let count = |t: &RouteTable| t.routes.iter().filter(|r| r.target != Target::Local).count();
    match list.iter().max_by_key(|t| count(t)) {
        None => Outcome::pass(format!("{scope}: none yet, so none has more than {n} routes")),
        Some(t) if count(t) > n => {
            let mut out = Outcome::fail(format!(
                "{} has {} routes besides local; at most {n} allowed",
                t.id,
                count(t)
            ));
            out.at = Some(t.id.to_string());
            out
        }
        Some(t) => Outcome::pass(format!(
            "{scope}: the fullest, {}, has {} routes besides local (at most {n})",
            t.id,
            count(t)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smallest_prefix_counts_the_five_reserved_addresses() {
        for (hosts, want) in [
            (0, Some(28)),
            (11, Some(28)),
            (12, Some(27)),
            (27, Some(27)),
            (28, Some(26)),
            (250, Some(24)),
            (251, Some(24)),
            (252, Some(23)),
            (65_531, Some(16)),
            (65_532, None),
        ] {
            assert_eq!(smallest_prefix(hosts), want, "{hosts} hosts");
        }
    }

    #[test]
    fn usable_is_size_less_five() {
        for (cidr, want) in [("10.0.0.0/28", 11), ("10.0.0.0/24", 251), ("10.0.0.0/16", 65_531)] {
            let net: Ipv4Net = cidr.parse().unwrap();
            assert_eq!(usable(&net), want, "{cidr}");
        }
    }
}
