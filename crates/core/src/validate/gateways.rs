//! Gateways and references: one internet gateway per VPC, public NAT gateways in public subnets,
//! and ids that point at nothing the documents contain.

use std::collections::BTreeMap;

use super::Diagnostics;
use crate::model::*;

pub(super) fn check(e: &Estate, d: &mut Diagnostics) {
    internet_gateways(e, d);
    nat_gateways(e, d);
    references(e, d);
}

/// `MULTIPLE_INTERNET_GATEWAYS`: a VPC has at most one internet gateway attached.
/// See "Enable internet access for a VPC using an internet gateway", Amazon VPC User Guide.
fn internet_gateways(e: &Estate, d: &mut Diagnostics) {
    let mut seen: BTreeMap<&VpcId, &IgwId> = BTreeMap::new();
    for g in e.internet_gateways.values() {
        let Some(vpc) = &g.attached_vpc else { continue };
        if let Some(first) = seen.insert(vpc, &g.id) {
            d.error(
                "MULTIPLE_INTERNET_GATEWAYS",
                &g.id,
                format!(
                    "Internet gateway {} is attached to VPC {vpc}, which already has {first}. A VPC can have \
                     only one internet gateway: detach one.",
                    g.id
                ),
            );
        }
    }
}

/// `NAT_GATEWAY_NOT_PUBLIC` (warning): a public NAT gateway only reaches the internet from a
/// public subnet, one whose route table sends 0.0.0.0/0 to an internet gateway. AWS lets you
/// create it anywhere; elsewhere its traffic goes nowhere.
/// See "NAT gateways", Amazon VPC User Guide (vpc-nat-gateway.html).
fn nat_gateways(e: &Estate, d: &mut Diagnostics) {
    for n in e.nat_gateways.values() {
        if !n.public || matches!(n.state.as_str(), "deleted" | "deleting" | "failed") {
            continue;
        }
        if !e.subnets.contains_key(&n.subnet) {
            continue;
        }
        let table = e.route_table_of(&n.subnet);
        // Narrower than a public subnet (`Estate::is_public`): the translated traffic goes to
        // any internet address.
        let public = table.is_some_and(RouteTable::sends_all_ipv4_to_internet_gateway);
        if !public {
            d.warning(
                "NAT_GATEWAY_NOT_PUBLIC",
                &n.id,
                format!(
                    "NAT gateway {} is in subnet {}, whose route table ({}) has no 0.0.0.0/0 route to an internet \
                     gateway. A public NAT gateway must sit in a public subnet, or the traffic it translates \
                     cannot leave the VPC.",
                    n.id,
                    n.subnet,
                    table.map_or("none".to_string(), |t| t.id.to_string())
                ),
            );
        }
    }
}

/// `UNKNOWN_REFERENCE` (warning): an id that no given document lists: a subnet of a VPC, a route
/// table association, an instance's or interface's subnet. Real snapshots have such dangling ids
/// (another account, a deleted resource); they are kept, and reported here.
fn references(e: &Estate, d: &mut Diagnostics) {
    let mut warn = |resource: &dyn ToString, what: &str, missing: &dyn ToString| {
        let (r, m) = (resource.to_string(), missing.to_string());
        d.warning(
            "UNKNOWN_REFERENCE",
            &r,
            format!("{r} refers to {what} {m}, which none of the given documents lists."),
        );
    };
    for s in e.subnets.values().filter(|s| !e.vpcs.contains_key(&s.vpc)) {
        warn(&s.id, "VPC", &s.vpc);
    }
    for t in e.route_tables.values() {
        if !e.vpcs.contains_key(&t.vpc) {
            warn(&t.id, "VPC", &t.vpc);
        }
        for s in t.subnets.iter().filter(|s| !e.subnets.contains_key(*s)) {
            warn(&t.id, "subnet", s);
        }
    }
    for i in e
        .instances
        .values()
        .filter(|i| !e.subnets.contains_key(&i.subnet))
    {
        warn(&i.id, "subnet", &i.subnet);
    }
    for n in e.enis.values().filter(|n| !e.subnets.contains_key(&n.subnet)) {
        warn(&n.id, "subnet", &n.subnet);
    }
    for n in e
        .nat_gateways
        .values()
        .filter(|n| !e.subnets.contains_key(&n.subnet))
    {
        warn(&n.id, "subnet", &n.subnet);
    }
    for a in e.network_acls.values() {
        for s in a.subnets.iter().filter(|s| !e.subnets.contains_key(*s)) {
            warn(&a.id, "subnet", s);
        }
    }
    for a in e.tgw_attachments.values().filter(|a| a.state != "deleted") {
        if !e.transit_gateways.contains_key(&a.tgw) {
            warn(&a.id, "transit gateway", &a.tgw);
        }
        if a.resource_type == "vpc" && !e.vpcs.contains_key(&VpcId(a.resource_id.clone())) {
            warn(&a.id, "VPC", &a.resource_id);
        }
    }
}
