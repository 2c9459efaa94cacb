//! Route tables: associations, duplicate destinations, quotas, and what each route may point at.

use std::collections::{BTreeMap, BTreeSet};

use ipnet::IpNet;

use super::Diagnostics;
use crate::model::*;

pub(super) fn check(e: &Estate, d: &mut Diagnostics) {
    associations(e, d);
    for t in e.route_tables.values() {
        duplicates(t, d);
        quota(e, t, d);
        for r in &t.routes {
            target(e, t, r, d);
            more_specific_than_local(e, t, r, d);
        }
    }
}

/// `SUBNET_IN_TWO_ROUTE_TABLES`, `ASSOCIATION_OTHER_VPC`, `MULTIPLE_MAIN_ROUTE_TABLES`: a subnet
/// is associated with one route table at a time, of its own VPC; a VPC has one main table.
/// See "Subnet route tables", Amazon VPC User Guide (VPC_Route_Tables.html).
fn associations(e: &Estate, d: &mut Diagnostics) {
    let mut seen: BTreeMap<&SubnetId, &RouteTableId> = BTreeMap::new();
    let mut mains: BTreeMap<&VpcId, &RouteTableId> = BTreeMap::new();
    for t in e.route_tables.values() {
        if t.main {
            if let Some(first) = mains.insert(&t.vpc, &t.id) {
                d.error(
                    "MULTIPLE_MAIN_ROUTE_TABLES",
                    &t.id,
                    format!(
                        "Route table {} and {first} are both the main route table of VPC {}. A VPC has exactly \
                         one main table; make one of them a custom table.",
                        t.id, t.vpc
                    ),
                );
            }
        }
        for s in &t.subnets {
            if let Some(first) = seen.insert(s, &t.id) {
                d.error(
                    "SUBNET_IN_TWO_ROUTE_TABLES",
                    s,
                    format!(
                        "Subnet {s} is associated with route tables {first} and {}. A subnet uses exactly one \
                         route table: keep one association.",
                        t.id
                    ),
                );
            }
            if let Some(sub) = e.subnets.get(s).filter(|sub| sub.vpc != t.vpc) {
                d.error(
                    "ASSOCIATION_OTHER_VPC",
                    &t.id,
                    format!(
                        "Route table {} (VPC {}) is associated with subnet {s}, which is in VPC {}. A route \
                         table can only be associated with subnets of its own VPC.",
                        t.id, t.vpc, sub.vpc
                    ),
                );
            }
        }
    }
}

/// `DUPLICATE_ROUTE`: one destination appears once per table (AWS answers
/// `RouteAlreadyExists`). See "Route table concepts", Amazon VPC User Guide.
fn duplicates(t: &RouteTable, d: &mut Diagnostics) {
    let mut seen = BTreeSet::new();
    for r in &t.routes {
        if !seen.insert(&r.destination) {
            d.error(
                "DUPLICATE_ROUTE",
                &t.id,
                format!(
                    "Route table {} has two routes for {}. A destination can appear only once in a table: \
                     remove one, or replace its target.",
                    t.id, r.destination
                ),
            );
        }
    }
}

/// `ROUTE_QUOTA`: 50 routes per table by default, adjustable up to 1,000; IPv4 and IPv6 counted
/// separately, and a prefix-list route counts as many routes as the list has entries.
/// See "Amazon VPC quotas", Amazon VPC User Guide (amazon-vpc-limits.html).
fn quota(e: &Estate, t: &RouteTable, d: &mut Diagnostics) {
    let (mut v4, mut v6) = (0usize, 0usize);
    for r in &t.routes {
        match &r.destination {
            Destination::Cidr(IpNet::V4(_)) => v4 += 1,
            Destination::Cidr(IpNet::V6(_)) => v6 += 1,
            Destination::PrefixList(p) => match e.prefix_lists.get(p) {
                Some(list) => {
                    v4 += list.cidrs.iter().filter(|c| matches!(c, IpNet::V4(_))).count();
                    v6 += list.cidrs.iter().filter(|c| matches!(c, IpNet::V6(_))).count();
                }
                None => v4 += 1,
            },
        }
    }
    for (family, n) in [("IPv4", v4), ("IPv6", v6)] {
        let message =
            |limit: &str| format!("Route table {} has {n} {family} routes, more than {limit}.", t.id);
        if n > 1000 {
            d.error(
                "ROUTE_QUOTA",
                &t.id,
                message(
                    "1,000, the most AWS allows per table even on request: summarise routes or split them",
                ),
            );
        } else if n > 50 {
            d.warning(
                "ROUTE_QUOTA",
                &t.id,
                message("the default quota of 50 per table: AWS needs a quota increase (up to 1,000)"),
            );
        }
    }
}

/// Whether a missing target is missing for real: the route table's own document was given, and
/// its region lists resources of the target's kind (so that `describe-*` call was collected; the
/// Batfish multi-account snapshots, for one, carry no `InternetGateways` at all).
fn surely_missing(e: &Estate, t: &RouteTable, target: &Target) -> bool {
    let region = &t.region;
    let kind_seen = match target {
        Target::InternetGateway(_) => e.internet_gateways.values().any(|x| &x.region == region),
        Target::NatGateway(_) => e.nat_gateways.values().any(|x| &x.region == region),
        Target::GatewayEndpoint(_) => e.endpoints.values().any(|x| &x.region == region),
        Target::Eni(_) => e.enis.values().any(|x| &x.region == region),
        Target::Instance(_) => e.instances.values().any(|x| &x.region == region),
        Target::TransitGateway(_) => e.transit_gateways.values().any(|x| &x.region == region),
        Target::VpcPeering(_) => !e.peerings.is_empty(),
        _ => false,
    };
    kind_seen && e.documents.contains(&(t.owner.clone(), t.region.clone()))
}

/// `UNKNOWN_ROUTE_TARGET`, `PEERING_NOT_FOR_THIS_VPC`, `ROUTE_TARGET_OTHER_VPC`: a route points
/// at something that exists and that serves the table's VPC: an internet gateway attached to
/// it, its own NAT gateway, gateway endpoint, network interface or instance, a peering
/// connection it is part of. A route whose state is `blackhole` (target deleted or detached) is
/// only warned about: AWS keeps such routes. See "Route table concepts" and "Example routing
/// options", Amazon VPC User Guide; "Update your route tables for a VPC peering connection",
/// Amazon VPC Peering Guide.
fn target(e: &Estate, t: &RouteTable, r: &Route, d: &mut Diagnostics) {
    let vpc = &t.vpc;
    // (does it exist, the VPC it serves if known)
    let (exists, serves): (bool, Option<&VpcId>) = match &r.target {
        Target::InternetGateway(i) => {
            let g = e.internet_gateways.get(i);
            (g.is_some(), g.and_then(|g| g.attached_vpc.as_ref()))
        }
        Target::NatGateway(i) => {
            let n = e.nat_gateways.get(i);
            (n.is_some(), n.map(|n| &n.vpc))
        }
        Target::GatewayEndpoint(i) => {
            let x = e.endpoints.get(i);
            (x.is_some(), x.map(|x| &x.vpc))
        }
        Target::Eni(i) => {
            let n = e.enis.get(i);
            (n.is_some(), n.map(|n| &n.vpc))
        }
        Target::Instance(i) => {
            let n = e.instances.get(i);
            (n.is_some(), n.map(|n| &n.vpc))
        }
        Target::TransitGateway(i) => (e.transit_gateways.contains_key(i), None),
        Target::VpcPeering(i) => {
            let Some(p) = e.peerings.get(i) else {
                return unknown(e, t, r, d);
            };
            if &p.requester.vpc != vpc && &p.accepter.vpc != vpc {
                d.error(
                    "PEERING_NOT_FOR_THIS_VPC",
                    &t.id,
                    format!(
                        "Route table {} (VPC {vpc}) sends {} to peering connection {i}, which connects {} and {}. \
                         A route can only use a peering connection of its own VPC.",
                        t.id, r.destination, p.requester.vpc, p.accepter.vpc
                    ),
                );
            }
            return;
        }
        Target::Local
        | Target::EgressOnlyInternetGateway(_)
        | Target::VirtualPrivateGateway(_)
        | Target::Other { .. } => return,
    };
    if !exists {
        return unknown(e, t, r, d);
    }
    let wrong = match (&r.target, serves) {
        (Target::InternetGateway(_), None) => Some("is not attached to any VPC".to_string()),
        (_, Some(other)) if other != vpc => Some(format!("belongs to VPC {other}")),
        _ => None,
    };
    let Some(wrong) = wrong else { return };
    let message = format!(
        "Route table {} (VPC {vpc}) sends {} to {}, which {wrong}. A route can only point at a gateway, \
         endpoint, NAT gateway or network interface of the table's own VPC.",
        t.id,
        r.destination,
        r.target.id()
    );
    if r.state == RouteState::Blackhole {
        d.warning("ROUTE_TARGET_OTHER_VPC", &t.id, message);
    } else {
        d.error("ROUTE_TARGET_OTHER_VPC", &t.id, message);
    }
}

fn unknown(e: &Estate, t: &RouteTable, r: &Route, d: &mut Diagnostics) {
    let id = r.target.id();
    if r.state == RouteState::Blackhole {
        d.warning(
            "UNKNOWN_ROUTE_TARGET",
            &t.id,
            format!(
                "Route table {} sends {} to {id}, which no longer exists: the route is a blackhole and drops \
                 the traffic. Delete the route or point it at a live target.",
                t.id, r.destination
            ),
        );
    } else if surely_missing(e, t, &r.target) {
        d.error(
            "UNKNOWN_ROUTE_TARGET",
            &t.id,
            format!(
                "Route table {} sends {} to {id}, which is not in the estate. A route's target must exist \
                 (check the id for a typo, or add the resource).",
                t.id, r.destination
            ),
        );
    } else {
        d.warning(
            "UNKNOWN_ROUTE_TARGET",
            &t.id,
            format!(
                "Route table {} sends {} to {id}, which none of the given documents lists (they may simply \
                 not include it: add it to check this route).",
                t.id, r.destination
            ),
        );
    }
}

/// `ROUTE_MORE_SPECIFIC_THAN_LOCAL`: inside the VPC's own range, a route may only be more
/// specific than `local` if its destination is exactly a subnet's block and its target is a NAT
/// gateway, network interface (or instance) or Gateway Load Balancer endpoint (middlebox
/// routing). See "Route priority" and "Routing for a middlebox appliance", Amazon VPC User Guide
/// (route-tables-priority.html).
fn more_specific_than_local(e: &Estate, t: &RouteTable, r: &Route, d: &mut Diagnostics) {
    let Destination::Cidr(dest) = r.destination else {
        return;
    };
    if r.target == Target::Local {
        return;
    }
    let Some(v) = e.vpcs.get(&t.vpc) else { return };
    let blocks: Vec<IpNet> = v
        .cidrs
        .iter()
        .map(|n| IpNet::V4(*n))
        .chain(v.ipv6_cidrs.iter().map(|n| IpNet::V6(*n)))
        .collect();
    let Some(block) = blocks.iter().find(|b| b.contains(&dest) && **b != dest) else {
        return;
    };
    let subnet_block =
        e.subnets.values().filter(|s| s.vpc == v.id).any(|s| {
            s.cidr.map(IpNet::V4) == Some(dest) || s.ipv6_cidrs.iter().any(|n| IpNet::V6(*n) == dest)
        });
    let middlebox = match &r.target {
        Target::NatGateway(_) | Target::Eni(_) | Target::Instance(_) => true,
        Target::GatewayEndpoint(x) => e
            .endpoints
            .get(x)
            .is_some_and(|x| x.kind == EndpointKind::GatewayLoadBalancer),
        _ => false,
    };
    if subnet_block && middlebox {
        return;
    }
    d.error(
        "ROUTE_MORE_SPECIFIC_THAN_LOCAL",
        &t.id,
        format!(
            "Route table {} sends {dest} to {}, but {dest} lies inside the VPC's own block {block}, which the \
             local route already delivers. A more specific route inside the VPC is only allowed for exactly \
             a subnet's block, towards a NAT gateway, network interface or Gateway Load Balancer endpoint.",
            t.id,
            r.target.id()
        ),
    );
}
