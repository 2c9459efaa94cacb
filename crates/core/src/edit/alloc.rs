//! New deterministic ids, and addresses: private ones from a subnet, public ones from the
//! documentation ranges.

use std::collections::BTreeSet;
use std::net::Ipv4Addr;

use ipnet::Ipv4Net;

use super::common::{err, Result};
use crate::model::*;

/// A new id `PREFIX-0` + 16 hex digits, like AWS's 17-digit ids. It is derived from a counter
/// (how many resources of the kind exist, plus one) so that the same estate and action give the
/// same id; the counter moves on past any id already taken.
pub(super) fn new_id(prefix: &str, existing: usize, taken: impl Fn(&str) -> bool) -> String {
    let seed = fnv1a(prefix.as_bytes());
    let mut n = existing as u64 + 1;
    loop {
        let id = format!("{prefix}-0{:016x}", splitmix64(seed ^ n));
        if !taken(&id) {
            return id;
        }
        n += 1;
    }
}

/// FNV-1a, 64 bits: a stable hash (std's hasher may change between Rust releases).
pub(super) fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

pub(super) fn new_eni_id(e: &Estate) -> EniId {
    EniId(new_id("eni", e.enis.len(), |s| {
        e.enis.contains_key(&EniId::from(s))
    }))
}

/// True for the five addresses AWS reserves in every subnet: the network address, +1, +2, +3 and
/// the last. See "Subnet CIDR blocks" (userguide/subnet-sizing.html).
pub(super) fn is_reserved(net: &Ipv4Net, ip: Ipv4Addr) -> bool {
    let offset = u32::from(ip).wrapping_sub(u32::from(net.network()));
    offset < 4 || ip == net.broadcast()
}

/// Private addresses in use in a subnet (ENIs, instances, NAT gateways).
pub(super) fn used_private_ips(e: &Estate, subnet: &SubnetId) -> BTreeSet<Ipv4Addr> {
    let enis = e
        .enis
        .values()
        .filter(|n| &n.subnet == subnet)
        .flat_map(|n| n.private_ips.iter().copied());
    let instances = e
        .instances
        .values()
        .filter(|i| &i.subnet == subnet)
        .filter_map(|i| i.private_ip);
    let nats = e
        .nat_gateways
        .values()
        .filter(|n| &n.subnet == subnet && n.state != "deleted")
        .filter_map(|n| n.private_ip);
    enis.chain(instances).chain(nats).collect()
}

/// The lowest free, unreserved address of a subnet, as AWS's DHCP hands them out.
pub(super) fn free_private_ip(e: &Estate, subnet: &Subnet) -> Result<Ipv4Addr> {
    let cidr = ipv4_block(subnet)?;
    let used = used_private_ips(e, &subnet.id);
    let first = u32::from(cidr.network()).saturating_add(4);
    let last = u32::from(cidr.broadcast()).saturating_sub(1);
    (first..=last)
        .map(Ipv4Addr::from)
        .find(|ip| !used.contains(ip))
        .ok_or_else(|| {
            err(
                "InsufficientFreeAddressesInSubnet",
                format!(
                    "The subnet {} ({}) has no free private IPv4 addresses left",
                    subnet.id, cidr
                ),
            )
        })
}

/// The subnet's IPv4 block. An IPv6-only subnet has none: a NAT gateway needs one (it translates
/// to IPv4), and vpclab gives endpoint and transit gateway interfaces a private IPv4 address
/// (AWS can make them IPv6-only; vpclab does not yet).
pub(super) fn ipv4_block(subnet: &Subnet) -> Result<ipnet::Ipv4Net> {
    subnet.cidr.ok_or_else(|| {
        err(
            "InvalidParameterValue",
            format!(
                "Subnet {} is IPv6-only ({}): it hands out no IPv4 address, which this needs (a NAT gateway translates to IPv4; vpclab gives endpoint and transit gateway interfaces an IPv4 address). Use a dual-stack subnet",
                subnet.id,
                subnet.blocks_text()
            ),
        )
    })
}

/// A public address for an Elastic IP or an auto-assigned public IP, taken from the
/// documentation ranges 203.0.113.0/24 and 198.51.100.0/24 (RFC 5737) so that no real host is
/// named.
pub(super) fn free_public_ip(e: &Estate) -> Result<Ipv4Addr> {
    let used: BTreeSet<Ipv4Addr> = e
        .instances
        .values()
        .filter_map(|i| i.public_ip)
        .chain(e.enis.values().filter_map(|n| n.public_ip))
        .chain(e.nat_gateways.values().filter_map(|n| n.public_ip))
        .collect();
    [[203, 0, 113], [198, 51, 100]]
        .iter()
        .flat_map(|[a, b, c]| (1..=254).map(move |d| Ipv4Addr::new(*a, *b, *c, d)))
        .find(|ip| !used.contains(ip))
        .ok_or_else(|| {
            err(
                "AddressLimitExceeded",
                "The maximum number of addresses has been reached.",
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_look_like_aws_ids_and_skip_taken_ones() {
        let first = new_id("pcx", 0, |_| false);
        assert_eq!(first.len(), "pcx-".len() + 17);
        assert!(first.starts_with("pcx-0"));
        assert!(first[4..].bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(first, new_id("pcx", 0, |_| false), "deterministic");
        let second = new_id("pcx", 0, |s| s == first);
        assert_ne!(first, second);
        assert_eq!(
            second,
            new_id("pcx", 1, |_| false),
            "skipping a taken id moves the counter on"
        );
        assert_ne!(
            new_id("vpc", 0, |_| false)[4..],
            first[4..],
            "prefixes have their own sequences"
        );
    }

    #[test]
    fn reserved_addresses_are_the_first_four_and_the_last() {
        let net: Ipv4Net = "10.0.0.0/28".parse().unwrap();
        let reserved: Vec<u8> = (0..16u8)
            .filter(|d| is_reserved(&net, Ipv4Addr::new(10, 0, 0, *d)))
            .collect();
        assert_eq!(reserved, vec![0, 1, 2, 3, 15]);
    }
}
