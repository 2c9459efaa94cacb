//! VPC peering: no overlapping CIDRs, one connection per pair of VPCs, the per-VPC quota.

use std::collections::BTreeMap;

use ipnet::IpNet;

use super::Diagnostics;
use crate::cidr;
use crate::model::*;

pub(super) fn check(e: &Estate, d: &mut Diagnostics) {
    overlapping(e, d);
    duplicates(e, d);
    quota(e, d);
}

/// A peering that exists or is on its way (requested, pending, provisioning, active).
fn live(p: &Peering) -> bool {
    matches!(
        p.status,
        PeeringStatus::InitiatingRequest
            | PeeringStatus::PendingAcceptance
            | PeeringStatus::Provisioning
            | PeeringStatus::Active
    )
}

/// A VPC's blocks as the estate knows them, else as the peering reports them.
fn blocks(e: &Estate, side: &PeeringSide) -> Vec<IpNet> {
    match e.vpcs.get(&side.vpc) {
        Some(v) => v
            .cidrs
            .iter()
            .map(|n| IpNet::V4(*n))
            .chain(v.ipv6_cidrs.iter().map(|n| IpNet::V6(*n)))
            .collect(),
        None => side.cidrs.clone(),
    }
}

/// `OVERLAPPING_PEER_CIDR`: no peering between VPCs with overlapping CIDR blocks, any block
/// counted (primary or secondary, IPv4 or IPv6), even if only other ranges would be routed.
/// See "VPC peering limitations", Amazon VPC Peering Guide (vpc-peering-basics.html).
fn overlapping(e: &Estate, d: &mut Diagnostics) {
    for p in e.peerings.values().filter(|p| live(p)) {
        let a = blocks(e, &p.requester);
        let b = blocks(e, &p.accepter);
        let clash = a
            .iter()
            .flat_map(|x| b.iter().map(move |y| (x, y)))
            .find(|(x, y)| cidr::overlaps(x, y));
        if let Some((x, y)) = clash {
            d.error(
                "OVERLAPPING_PEER_CIDR",
                &p.id,
                format!(
                    "Peering connection {} joins VPC {} ({x}) and VPC {} ({y}), whose CIDR blocks overlap. AWS \
                     refuses to peer VPCs with overlapping blocks, even if you only mean to route a part: \
                     give one VPC a block that does not overlap (re-addressing means a new VPC).",
                    p.id, p.requester.vpc, p.accepter.vpc
                ),
            );
        }
    }
}

/// `DUPLICATE_PEERING`: at most one peering connection between a pair of VPCs (deleted,
/// rejected, failed and expired ones do not count).
/// See "VPC peering limitations", Amazon VPC Peering Guide (vpc-peering-basics.html).
fn duplicates(e: &Estate, d: &mut Diagnostics) {
    let mut seen: BTreeMap<(&VpcId, &VpcId), &PcxId> = BTreeMap::new();
    let counts = |p: &Peering| {
        !matches!(
            p.status,
            PeeringStatus::Deleting
                | PeeringStatus::Deleted
                | PeeringStatus::Rejected
                | PeeringStatus::Failed
                | PeeringStatus::Expired
        )
    };
    for p in e.peerings.values().filter(|p| counts(p)) {
        let (a, b) = (&p.requester.vpc, &p.accepter.vpc);
        let pair = if a <= b { (a, b) } else { (b, a) };
        if let Some(first) = seen.insert(pair, &p.id) {
            d.error(
                "DUPLICATE_PEERING",
                &p.id,
                format!(
                    "Peering connection {} joins VPCs {a} and {b}, which {first} already joins. Two VPCs can \
                     have only one peering connection between them: use {first}.",
                    p.id
                ),
            );
        }
    }
}

/// `PEERING_QUOTA`: 50 active peering connections per VPC by default, adjustable up to 125.
/// See "Amazon VPC quotas", Amazon VPC User Guide (amazon-vpc-limits.html).
fn quota(e: &Estate, d: &mut Diagnostics) {
    let mut count: BTreeMap<&VpcId, usize> = BTreeMap::new();
    for p in e.peerings.values().filter(|p| p.status == PeeringStatus::Active) {
        *count.entry(&p.requester.vpc).or_default() += 1;
        if p.accepter.vpc != p.requester.vpc {
            *count.entry(&p.accepter.vpc).or_default() += 1;
        }
    }
    for (vpc, n) in count {
        if n > 125 {
            d.error(
                "PEERING_QUOTA",
                vpc,
                format!(
                    "VPC {vpc} has {n} active peering connections, more than 125, the most AWS allows even on \
                     request. A transit gateway connects many VPCs without a connection per pair."
                ),
            );
        } else if n > 50 {
            d.warning(
                "PEERING_QUOTA",
                vpc,
                format!(
                    "VPC {vpc} has {n} active peering connections, more than the default quota of 50: AWS needs \
                     a quota increase (up to 125). A transit gateway scales better."
                ),
            );
        }
    }
}
