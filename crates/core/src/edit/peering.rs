//! VPC peering: request, accept, reject, delete, across accounts and regions.
//!
//! See "VPC peering basics" and "VPC peering connection lifecycle" (peering/vpc-peering-basics.html),
//! "Accept or reject a VPC peering connection" and "Delete a VPC peering connection" (Amazon VPC
//! Peering Guide), and the `CreateVpcPeeringConnection` API reference: "If you create a VPC
//! peering connection request between VPCs with overlapping CIDR blocks, the VPC peering connection
//! has a status of failed."

use ipnet::IpNet;

use super::common::*;
use super::{quotas, Applied, EditError};
use crate::cidr::overlaps;
use crate::model::*;

const LIVE: [PeeringStatus; 4] = [
    PeeringStatus::InitiatingRequest,
    PeeringStatus::PendingAcceptance,
    PeeringStatus::Provisioning,
    PeeringStatus::Active,
];

/// The status message AWS gives a failed request.
const FAILED: &str = "Failed due to incorrect VPC-ID, Account ID, or overlapping CIDR range.";

fn first_overlap(a: &[IpNet], b: &[IpNet]) -> Option<(IpNet, IpNet)> {
    a.iter()
        .flat_map(|x| b.iter().map(move |y| (*x, *y)))
        .find(|(x, y)| overlaps(x, y))
}

fn peering_not_found(id: &PcxId) -> EditError {
    err(
        "InvalidVpcPeeringConnectionID.NotFound",
        format!("The vpcPeeringConnection ID '{id}' does not exist"),
    )
}

/// A peering the actor can see: requester's or accepter's account.
fn visible<'a>(e: &'a Estate, id: &PcxId, actor: Actor) -> Result<&'a Peering> {
    e.peerings
        .get(id)
        .filter(|p| may_act(actor, &p.requester.owner) || may_act(actor, &p.accepter.owner))
        .ok_or_else(|| {
            let mut not_found = peering_not_found(id);
            not_found.message.push_str(&listing(
                "peering connections",
                e.peerings
                    .values()
                    .filter(|p| may_act(actor, &p.requester.owner) || may_act(actor, &p.accepter.owner))
                    .map(|p| p.id.to_string()),
            ));
            not_found
        })
}

fn wrong_state(id: &PcxId, from: &PeeringStatus, to: &str) -> EditError {
    err(
        "InvalidStateTransition",
        format!(
            "Invalid state transition for {id}, attempted to transition from {} to {to}",
            status_name(from)
        ),
    )
}

/// For a peer VPC not found in the requester's account and region that the estate holds
/// elsewhere: where it is, and which of the request's fields name that place (AWS looks only in
/// the requester's account and region unless the request names the peer's owner and region).
fn elsewhere(e: &Estate, peer_id: &VpcId, owner: &AccountId, region: &Region) -> String {
    let Some(p) = e.vpcs.get(peer_id) else {
        return String::new();
    };
    let mut name = Vec::new();
    if &p.owner != owner {
        name.push(format!("its owner's account ID, {} (peer_owner)", p.owner));
    }
    if &p.region != region {
        name.push(format!("its region, {} (peer_region)", p.region));
    }
    format!(
        " in account {owner}, {region}: it is in account {}, {}. To peer with it, name {} in the request",
        p.owner,
        p.region,
        name.join(" and ")
    )
}

/// `CreateVpcPeeringConnection`. The requester VPC must be the actor's; a peer VPC in the same
/// account and region must exist (`InvalidVpcID.NotFound`). Refused: a VPC peering itself, a live
/// peering between the pair (`VpcPeeringConnectionAlreadyExists`), more than
/// [`quotas::OUTSTANDING_PEERING_REQUESTS`] pending requests. A peer VPC that cannot be found in
/// another account or region, or CIDRs that overlap (any block, IPv4 or IPv6), give a peering in
/// state `failed`, as AWS does.
pub(super) fn request(
    e: &mut Estate,
    actor: Actor,
    vpc_id: &VpcId,
    peer_id: &VpcId,
    peer_owner: Option<&AccountId>,
    peer_region: Option<&Region>,
    name: &Option<String>,
) -> Result<Applied> {
    let vpc = vpc(e, vpc_id, actor)?;
    if let Some(o) = peer_owner {
        check_account_id(o, "peerOwnerId")?;
    }
    if let Some(r) = peer_region {
        check_region(r)?;
    }
    let peer_owner = peer_owner.unwrap_or(&vpc.owner).clone();
    let peer_region = peer_region.unwrap_or(&vpc.region).clone();
    if peer_id == vpc_id {
        return Err(err(
            "InvalidParameterValue",
            format!("Invalid peer VPC {peer_id}: a VPC cannot be peered with itself"),
        ));
    }
    let peer = e
        .vpcs
        .get(peer_id)
        .filter(|p| p.owner == peer_owner && p.region == peer_region);
    let local = peer_owner == vpc.owner && peer_region == vpc.region;
    if peer.is_none() && local {
        return Err(err(
            "InvalidVpcID.NotFound",
            format!(
                "The vpc ID '{peer_id}' does not exist{}",
                elsewhere(e, peer_id, &vpc.owner, &vpc.region)
            ),
        ));
    }
    if let Some(existing) = e.peerings.values().find(|p| {
        LIVE.contains(&p.status)
            && ((&p.requester.vpc == vpc_id && &p.accepter.vpc == peer_id)
                || (&p.requester.vpc == peer_id && &p.accepter.vpc == vpc_id))
    }) {
        return Err(err(
            "VpcPeeringConnectionAlreadyExists",
            format!(
                "A VPC peering connection between {vpc_id} and {peer_id} already exists ({}, {})",
                existing.id,
                status_name(&existing.status)
            ),
        ));
    }
    let outstanding = e
        .peerings
        .values()
        .filter(|p| p.requester.owner == vpc.owner && p.status == PeeringStatus::PendingAcceptance)
        .count();
    if outstanding >= quotas::OUTSTANDING_PEERING_REQUESTS {
        return Err(err(
            "OutstandingVpcPeeringConnectionLimitExceeded",
            format!(
                "Account {} has {outstanding} VPC peering requests awaiting acceptance (the default quota is {})",
                vpc.owner,
                quotas::OUTSTANDING_PEERING_REQUESTS
            ),
        ));
    }

    let requester = PeeringSide {
        vpc: vpc_id.clone(),
        owner: vpc.owner.clone(),
        region: vpc.region.clone(),
        cidrs: vpc_cidrs(vpc),
    };
    let accepter = PeeringSide {
        vpc: peer_id.clone(),
        owner: peer_owner,
        region: peer_region,
        cidrs: peer.map(vpc_cidrs).unwrap_or_default(),
    };
    let failure = match peer {
        None => Some(format!(
            "{peer_id} was not found in account {} and region {}",
            accepter.owner, accepter.region
        )),
        Some(_) => first_overlap(&requester.cidrs, &accepter.cidrs)
            .map(|(a, b)| format!("{vpc_id} ({a}) and {peer_id} ({b}) have overlapping CIDR blocks")),
    };
    let id = PcxId(new_id("pcx", e.peerings.len(), |s| {
        e.peerings.contains_key(&PcxId::from(s))
    }));
    let status = if failure.is_some() {
        PeeringStatus::Failed
    } else {
        PeeringStatus::PendingAcceptance
    };
    let description = match &failure {
        Some(why) => format!("Requested peering {id} from {vpc_id} to {peer_id}: failed ({why})"),
        None => format!(
            "Requested peering {id} from {vpc_id} to {peer_id} (pending acceptance by {})",
            accepter.owner
        ),
    };
    e.peerings.insert(
        id.clone(),
        Peering {
            id: id.clone(),
            requester,
            accepter,
            status,
            name: name.clone(),
        },
    );
    Ok(Applied {
        created: vec![id.to_string()],
        description,
        warning: failure.map(|why| err("failed", format!("{FAILED} {why}"))),
    })
}

/// `AcceptVpcPeeringConnection`: only the accepter's account (`OperationNotPermitted`), only a
/// `pending-acceptance` peering (`InvalidStateTransition`), at most
/// [`quotas::ACTIVE_PEERINGS_PER_VPC`] active peerings per VPC. CIDRs that overlap now (a block
/// added since the request) make it `failed`. Routes to it become `active`.
pub(super) fn accept(e: &mut Estate, actor: Actor, id: &PcxId) -> Result<Applied> {
    let p = visible(e, id, actor)?;
    if !may_act(actor, &p.accepter.owner) {
        return Err(err(
            "OperationNotPermitted",
            format!(
                "User ({}) cannot accept peering {id}: only the accepter account {} can",
                actor.map(AccountId::as_str).unwrap_or_default(),
                p.accepter.owner
            ),
        ));
    }
    if p.status != PeeringStatus::PendingAcceptance {
        return Err(wrong_state(id, &p.status, "active"));
    }
    let requester_cidrs = e
        .vpcs
        .get(&p.requester.vpc)
        .map(vpc_cidrs)
        .unwrap_or(p.requester.cidrs.clone());
    let accepter_cidrs = e
        .vpcs
        .get(&p.accepter.vpc)
        .map(vpc_cidrs)
        .unwrap_or(p.accepter.cidrs.clone());
    for side in [&p.requester.vpc, &p.accepter.vpc] {
        let active = e
            .peerings
            .values()
            .filter(|q| {
                q.status == PeeringStatus::Active && (&q.requester.vpc == side || &q.accepter.vpc == side)
            })
            .count();
        if active >= quotas::ACTIVE_PEERINGS_PER_VPC {
            return Err(err(
                "ActiveVpcPeeringConnectionPerVpcLimitExceeded",
                format!(
                    "{side} already has {active} active VPC peering connections (the default quota is {})",
                    quotas::ACTIVE_PEERINGS_PER_VPC
                ),
            ));
        }
    }
    let overlap = first_overlap(&requester_cidrs, &accepter_cidrs);
    let (req_vpc, acc_vpc) = (p.requester.vpc.clone(), p.accepter.vpc.clone());
    if let Some(p) = e.peerings.get_mut(id) {
        p.requester.cidrs = requester_cidrs;
        p.accepter.cidrs = accepter_cidrs;
        p.status = if overlap.is_some() {
            PeeringStatus::Failed
        } else {
            PeeringStatus::Active
        };
    }
    if let Some((a, b)) = overlap {
        let why = format!("{req_vpc} ({a}) and {acc_vpc} ({b}) have overlapping CIDR blocks");
        return Ok(Applied {
            created: vec![],
            description: format!("Accepting {id} failed: {why}"),
            warning: Some(err("failed", format!("{FAILED} {why}"))),
        });
    }
    let routes = routes_count(refresh_routes(
        e,
        |t| matches!(t, Target::VpcPeering(p) if p == id),
    ));
    Ok(Applied {
        created: vec![],
        description: format!("Accepted peering {id} between {req_vpc} and {acc_vpc} ({routes} now active)"),
        warning: None,
    })
}

/// `RejectVpcPeeringConnection`: only the accepter's account, only a pending request.
pub(super) fn reject(e: &mut Estate, actor: Actor, id: &PcxId) -> Result<Applied> {
    let p = visible(e, id, actor)?;
    if !may_act(actor, &p.accepter.owner) {
        return Err(err(
            "OperationNotPermitted",
            format!(
                "User ({}) cannot reject peering {id}: only the accepter account {} can",
                actor.map(AccountId::as_str).unwrap_or_default(),
                p.accepter.owner
            ),
        ));
    }
    if p.status != PeeringStatus::PendingAcceptance {
        return Err(wrong_state(id, &p.status, "rejected"));
    }
    if let Some(p) = e.peerings.get_mut(id) {
        p.status = PeeringStatus::Rejected;
    }
    Ok(Applied {
        created: vec![],
        description: format!("Rejected peering {id}"),
        warning: None,
    })
}

/// `DeleteVpcPeeringConnection`: either owner deletes an active peering; a pending request is
/// deleted by its requester (the accepter rejects it). The peering becomes `deleted` and every
/// route to it `blackhole`.
pub(super) fn delete(e: &mut Estate, actor: Actor, id: &PcxId) -> Result<Applied> {
    let p = visible(e, id, actor)?;
    match p.status {
        PeeringStatus::Active => {}
        PeeringStatus::PendingAcceptance => {
            if !may_act(actor, &p.requester.owner) {
                return Err(err(
                    "OperationNotPermitted",
                    format!("The accepter cannot delete pending peering {id}: reject it instead"),
                ));
            }
        }
        ref other => return Err(wrong_state(id, other, "deleted")),
    }
    if let Some(p) = e.peerings.get_mut(id) {
        p.status = PeeringStatus::Deleted;
    }
    let routes = routes_count(refresh_routes(
        e,
        |t| matches!(t, Target::VpcPeering(p) if p == id),
    ));
    Ok(Applied {
        created: vec![],
        description: format!("Deleted peering {id} ({routes} now blackhole)"),
        warning: None,
    })
}
