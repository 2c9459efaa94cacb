//! CIDR blocks and addresses: canonical form, sizes, subnets inside their VPC and apart from one
//! another, instance and ENI addresses inside their subnet and off the reserved five.

use std::net::Ipv4Addr;

use ipnet::{IpNet, Ipv4Net};

use super::Diagnostics;
use crate::cidr;
use crate::model::*;

pub(super) fn check(e: &Estate, d: &mut Diagnostics) {
    noncanonical(e, d);
    sizes(e, d);
    subnets_in_vpc(e, d);
    overlapping_subnets(e, d);
    host_addresses(e, d);
}

fn list(nets: &[Ipv4Net]) -> String {
    nets.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(", ")
}

/// `NONCANONICAL_CIDR`: a block whose address has host bits set. The API stores the network
/// address instead (100.68.0.18/18 → 100.68.0.0/18); vpclab refuses it so the learner does the
/// bit math. See "VPC CIDR blocks", Amazon VPC User Guide (configure-your-vpc.html).
fn noncanonical(e: &Estate, d: &mut Diagnostics) {
    let mut found: Vec<(String, String, IpNet)> = Vec::new(); // (resource, what, block)
    let mut add = |resource: &dyn ToString, what: &str, net: IpNet| {
        if net.addr() != net.network() {
            found.push((resource.to_string(), what.to_string(), net));
        }
    };
    for v in e.vpcs.values() {
        v.cidrs
            .iter()
            .for_each(|n| add(&v.id, "CIDR block", IpNet::V4(*n)));
        v.ipv6_cidrs
            .iter()
            .for_each(|n| add(&v.id, "IPv6 CIDR block", IpNet::V6(*n)));
    }
    for s in e.subnets.values() {
        if let Some(n) = s.cidr {
            add(&s.id, "CIDR block", IpNet::V4(n));
        }
        s.ipv6_cidrs
            .iter()
            .for_each(|n| add(&s.id, "IPv6 CIDR block", IpNet::V6(*n)));
    }
    for t in e.route_tables.values() {
        for r in &t.routes {
            if let Destination::Cidr(n) = r.destination {
                add(&t.id, "route destination", n);
            }
        }
    }
    for p in e.peerings.values() {
        for n in p.requester.cidrs.iter().chain(&p.accepter.cidrs) {
            add(&p.id, "peer CIDR block", *n);
        }
    }
    for p in e.prefix_lists.values() {
        p.cidrs.iter().for_each(|n| add(&p.id, "prefix list entry", *n));
    }
    for g in e.security_groups.values() {
        for r in g.ingress.iter().chain(&g.egress) {
            if let SgPeer::Cidr(n) = r.peer {
                add(&g.id, "rule CIDR", n);
            }
        }
    }
    for a in e.network_acls.values() {
        a.entries.iter().for_each(|x| add(&a.id, "rule CIDR", x.cidr));
    }
    for t in e.tgw_route_tables.values() {
        for r in &t.routes {
            if let Destination::Cidr(n) = r.destination {
                add(&t.id, "route destination", n);
            }
        }
    }
    for (resource, what, net) in found {
        let canonical = net.trunc();
        d.error(
            "NONCANONICAL_CIDR",
            &resource,
            format!(
                "{resource} has {what} {net} with host bits set: the network address of a /{} holding \
                 {} is {canonical}. Write {canonical}.",
                net.prefix_len(),
                net.addr()
            ),
        );
    }
}

/// `INVALID_VPC_CIDR_SIZE`: IPv4 VPC and subnet blocks must be /16 to /28.
/// See "VPC CIDR blocks" and "Subnet CIDR blocks", Amazon VPC User Guide (subnet-sizing.html).
fn sizes(e: &Estate, d: &mut Diagnostics) {
    let bad = |n: &Ipv4Net| !crate::cidr::aws_ipv4_prefix_ok(n.prefix_len());
    for v in e.vpcs.values() {
        for n in v.cidrs.iter().filter(|n| bad(n)) {
            d.error(
                "INVALID_VPC_CIDR_SIZE",
                &v.id,
                format!(
                    "VPC {} has CIDR block {n}: an IPv4 VPC block must be between /16 (65,536 addresses) \
                     and /28 (16 addresses), so /{} is not allowed.",
                    v.id,
                    n.prefix_len()
                ),
            );
        }
    }
    for (s, cidr) in e
        .subnets
        .values()
        .filter_map(|s| s.cidr.map(|c| (s, c)))
        .filter(|(_, c)| bad(c))
    {
        d.error(
            "INVALID_VPC_CIDR_SIZE",
            &s.id,
            format!(
                "Subnet {} has CIDR block {}: an IPv4 subnet must be between /16 and /28 (at least 16 \
                 addresses, 11 usable after the 5 AWS reserves), so /{} is not allowed.",
                s.id,
                cidr,
                cidr.prefix_len()
            ),
        );
    }
}

/// `SUBNET_OUTSIDE_VPC`: a subnet's block lies inside one of its VPC's blocks.
/// See "Subnet CIDR blocks", Amazon VPC User Guide (subnet-sizing.html).
///
/// When the VPC is only seen through another account's document (a participant's view of a
/// shared VPC; the owner's own document was not given), its list of blocks may be partial, so
/// the finding is a warning.
fn subnets_in_vpc(e: &Estate, d: &mut Diagnostics) {
    for s in e.subnets.values() {
        let Some(v) = e.vpcs.get(&s.vpc) else { continue };
        let whole = e.documents.contains(&(v.owner.clone(), v.region.clone()));
        let mut report = |message: String| {
            if whole {
                d.error("SUBNET_OUTSIDE_VPC", &s.id, message);
            } else {
                let note = format!(
                    " (VPC {} is seen only through another account's document; its owner {} in {} was not \
                     given, so its list of blocks may be partial.)",
                    v.id, v.owner, v.region
                );
                d.warning("SUBNET_OUTSIDE_VPC", &s.id, message + &note);
            }
        };
        if let Some(cidr) = s.cidr.filter(|c| !v.cidrs.iter().any(|n| n.contains(c))) {
            report(format!(
                "Subnet {} ({}) is not inside VPC {}, whose CIDR blocks are {}. A subnet's block must lie \
                 within one of its VPC's blocks.",
                s.id,
                cidr,
                v.id,
                if v.cidrs.is_empty() {
                    "none".into()
                } else {
                    list(&v.cidrs)
                }
            ));
        }
        for n in &s.ipv6_cidrs {
            if !v.ipv6_cidrs.iter().any(|b| b.contains(n)) {
                report(format!(
                    "Subnet {} has IPv6 block {n}, which is not inside any IPv6 block of VPC {}.",
                    s.id, v.id
                ));
            }
        }
    }
}

/// `OVERLAPPING_SUBNETS`: the subnets of one VPC do not overlap.
/// See "Subnet CIDR blocks", Amazon VPC User Guide (subnet-sizing.html).
fn overlapping_subnets(e: &Estate, d: &mut Diagnostics) {
    let mut by_vpc: std::collections::BTreeMap<&VpcId, Vec<&Subnet>> = Default::default();
    for s in e.subnets.values() {
        by_vpc.entry(&s.vpc).or_default().push(s);
    }
    for (vpc, subnets) in by_vpc {
        let subnets: Vec<(&Subnet, Ipv4Net)> =
            subnets.iter().filter_map(|s| s.cidr.map(|c| (*s, c))).collect();
        let nets: Vec<IpNet> = subnets.iter().map(|(_, c)| IpNet::V4(*c)).collect();
        for (i, j) in cidr::overlap_pairs(&nets) {
            let ((a, a_cidr), (b, b_cidr)) = (subnets[i], subnets[j]);
            d.error(
                "OVERLAPPING_SUBNETS",
                &b.id,
                format!(
                    "Subnet {} ({}) overlaps subnet {} ({}) in VPC {vpc}. Subnets of one VPC must not share \
                     addresses: pick a block of the VPC that no other subnet uses.",
                    b.id, b_cidr, a.id, a_cidr
                ),
            );
        }
    }
}

/// The five addresses AWS keeps in every subnet: network, +1 (router), +2 (DNS), +3 (future
/// use) and the last. See "Subnet CIDR blocks", Amazon VPC User Guide (subnet-sizing.html).
fn reserved(subnet: &Ipv4Net, ip: Ipv4Addr) -> Option<&'static str> {
    let offset = u32::from(ip).wrapping_sub(u32::from(subnet.network()));
    match offset {
        0 => Some("the network address"),
        1 => Some("reserved for the VPC router"),
        2 => Some("reserved for the Amazon DNS server"),
        3 => Some("reserved by AWS for future use"),
        _ if ip == subnet.broadcast() => Some("the last address of the subnet"),
        _ => None,
    }
}

/// `ADDRESS_OUTSIDE_SUBNET` and `RESERVED_ADDRESS`: an instance or network interface gets a
/// private address inside its subnet, never one of the five AWS reserves.
/// See "Subnet CIDR blocks", Amazon VPC User Guide (subnet-sizing.html).
fn host_addresses(e: &Estate, d: &mut Diagnostics) {
    let mut hosts: Vec<(String, &SubnetId, Ipv4Addr)> = Vec::new();
    for i in e.instances.values() {
        if let Some(ip) = i.private_ip {
            hosts.push((i.id.to_string(), &i.subnet, ip));
        }
    }
    for n in e.enis.values() {
        // An instance's primary ENI repeats the instance's address: report it once.
        let mine = n
            .instance
            .as_ref()
            .and_then(|i| e.instances.get(i))
            .and_then(|i| i.private_ip);
        for ip in n.private_ips.iter().filter(|ip| Some(**ip) != mine) {
            hosts.push((n.id.to_string(), &n.subnet, *ip));
        }
    }
    for (id, subnet, ip) in hosts {
        let Some(s) = e.subnets.get(subnet) else { continue };
        let Some(cidr) = s.cidr else {
            d.error(
                "ADDRESS_OUTSIDE_SUBNET",
                &id,
                format!(
                    "{id} has private IPv4 address {ip}, but its subnet {} is IPv6-only: it hands out no IPv4 address.",
                    s.id
                ),
            );
            continue;
        };
        if !cidr.contains(&ip) {
            d.error(
                "ADDRESS_OUTSIDE_SUBNET",
                &id,
                format!(
                    "{id} has private address {ip}, which is not in its subnet {} ({}). A private address \
                     must come from the subnet's own block.",
                    s.id, cidr
                ),
            );
        } else if let Some(why) = reserved(&cidr, ip) {
            d.error(
                "RESERVED_ADDRESS",
                &id,
                format!(
                    "{id} has private address {ip}, {why} of subnet {} ({}). AWS keeps the first four and \
                     the last address of every subnet; use one from {} to {}.",
                    s.id,
                    cidr,
                    Ipv4Addr::from(u32::from(cidr.network()).saturating_add(4)),
                    Ipv4Addr::from(u32::from(cidr.broadcast()).saturating_sub(1)),
                ),
            );
        }
    }
}
