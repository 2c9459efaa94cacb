//! The walker across a VPC peering connection, and the identical-CIDR check shared with
//! transit gateways.

use std::net::IpAddr;

use ipnet::IpNet;

use super::trace::{Blocked, Code, Decision, Hop, HopKind};
use super::walk::{Arrival, Dir, Pkt, WalkStep, Walker};
use crate::model::{Peering, PeeringSide, PeeringStatus, Vpc, VpcId};

/// Why a peering connection does not carry a packet out of a VPC (see [`crossing`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NotCarried {
    /// The VPC is neither end of the peering.
    NeitherEnd,
    /// The peering is not `active`.
    Inactive,
    /// The packet's source is not one of the sending VPC's own addresses.
    ForeignSource,
}

/// The ends of `p` seen from `vpc` (this VPC's, then the peer's) when `p` carries a packet that
/// leaves `vpc`, whose source is one of `vpc`'s own addresses when `local_source`. Only an active
/// peering carries traffic, and only from addresses of the sending VPC: peering is not
/// transitive. See "VPC peering basics" and "Unsupported VPC peering configurations", VPC
/// Peering guide. (Whether the destination is inside the peer is the caller's question: the
/// walker also answers it for a peer outside the documents.) Used by the walker and the matrix.
pub(crate) fn crossing<'p>(
    p: &'p Peering,
    vpc: &VpcId,
    local_source: bool,
) -> Result<(&'p PeeringSide, &'p PeeringSide), NotCarried> {
    let ends = if p.requester.vpc == *vpc {
        (&p.requester, &p.accepter)
    } else if p.accepter.vpc == *vpc {
        (&p.accepter, &p.requester)
    } else {
        return Err(NotCarried::NeitherEnd);
    };
    if p.status != PeeringStatus::Active {
        return Err(NotCarried::Inactive);
    }
    if !local_source {
        return Err(NotCarried::ForeignSource);
    }
    Ok(ends)
}

impl<'t, 'e> Walker<'t, 'e> {
    /// The VPC the packet's destination address belongs to, as far as this query knows: the
    /// destination's (request), a NAT gateway's or the client's (reply).
    fn expected_vpc(&self, dst: IpAddr) -> Option<&'e str> {
        match self.dir {
            Dir::Forward => (dst == self.dst.address)
                .then(|| self.dst.vpc().map(|v| v.id.as_str()))
                .flatten(),
            Dir::Return => match self.nats.last() {
                Some(rec) if rec.nat_ip == dst => Some(rec.nat.vpc.as_str()),
                _ => (dst == self.src.address)
                    .then(|| self.src.vpc().map(|v| v.id.as_str()))
                    .flatten(),
            },
        }
    }

    /// Refuses entry into `into` when the destination address belongs to another VPC with the
    /// same addresses (identical CIDRs behind one hub: the response-traffic trap of "VPC peering
    /// configurations with specific routes", peering-configurations-partial-access.html).
    pub(crate) fn check_right_vpc(&mut self, into: &'e Vpc, pkt: Pkt, via: &str) -> Result<(), Box<Blocked>> {
        let Some(expected) = self.expected_vpc(pkt.dst) else {
            return Ok(());
        };
        if expected == into.id.as_str() {
            return Ok(());
        }
        let (code, message) = match self.dir {
            Dir::Forward => (
                Code::DeliveredToWrongVpc,
                format!(
                    "{via} takes the packet for {} into {}, but the destination {} is in {expected}: both VPCs hold that address, and the longest prefix match chose the other one",
                    pkt.dst, into.id, self.dst.id
                ),
            ),
            Dir::Return => (
                Code::ReturnToWrongPeer,
                format!(
                    "{via} takes the reply for {} into {}, but the request came from {expected}: both VPCs hold that address, and the reply follows the longest-prefix route of its own table, which points at the other VPC (the response-traffic trap of identical peer CIDRs)",
                    pkt.dst, into.id
                ),
            ),
        };
        let hop = Hop::new(into.id.as_str(), HopKind::Host, Decision::Drop, message);
        Err(self.fail(hop, code, via))
    }

    /// Crossing a VPC peering connection from `vpc`: [`crossing`] decides whether the peering
    /// carries the packet at all, and it is delivered only to addresses inside the receiving
    /// VPC (no edge-to-edge routing). See "Unsupported VPC peering configurations", VPC Peering
    /// guide.
    pub(crate) fn peering(&mut self, vpc: &'e Vpc, id: &str, pkt: Pkt) -> WalkStep<'e> {
        let Some(p) = self.t.estate.peerings.get(&id.into()) else {
            let hop = Hop::new(
                id,
                HopKind::PeeringConnection,
                Decision::Drop,
                format!("the route's target {id} is not a peering connection in the documents"),
            );
            return Err(self.fail(hop, Code::UnknownRouteTarget, id));
        };
        let local_source = vpc.holds(pkt.src);
        let (mine, other) = match crossing(p, &vpc.id, local_source) {
            Ok(ends) => ends,
            Err(NotCarried::NeitherEnd) => {
                let hop = Hop::new(
                    id,
                    HopKind::PeeringConnection,
                    Decision::Drop,
                    format!(
                        "{id} connects {} and {}, not {}",
                        p.requester.vpc, p.accepter.vpc, vpc.id
                    ),
                );
                return Err(self.fail(hop, Code::UnknownRouteTarget, id));
            }
            Err(NotCarried::Inactive) => {
                let hint = if p.status == PeeringStatus::PendingAcceptance {
                    format!(": the owner of {} must accept it", p.accepter.vpc)
                } else {
                    String::new()
                };
                let hop = Hop::new(
                    id,
                    HopKind::PeeringConnection,
                    Decision::Drop,
                    format!(
                        "peering connection {id} is {}, and only an active peering carries traffic{hint}",
                        p.status.name()
                    ),
                );
                return Err(self.fail(hop, Code::PeeringNotActive, id));
            }
            Err(NotCarried::ForeignSource) => {
                let hop = Hop::new(
                    id,
                    HopKind::PeeringConnection,
                    Decision::Drop,
                    format!(
                        "{} from {} came into {} from elsewhere, and {id} carries only traffic of {}'s own addresses ({}): VPC peering is not transitive",
                        self.what(),
                        pkt.src,
                        vpc.id,
                        vpc.id,
                        vpc.blocks_text(pkt.src)
                    ),
                );
                return Err(self.fail(hop, Code::NotTransitive, id));
            }
        };
        let peer = self.t.vpc(other.vpc.as_str());
        let holds = match peer {
            Some(w) => w.holds(pkt.dst),
            None => other.cidrs.iter().any(|c| c.contains(&pkt.dst)),
        };
        if !holds {
            let ranges = match peer {
                Some(w) => w.blocks_text(pkt.dst),
                None => other
                    .cidrs
                    .iter()
                    .filter(|c| matches!(c, IpNet::V4(_)) == pkt.dst.is_ipv4())
                    .map(|c| c.to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
            };
            let hop = Hop::new(
                id,
                HopKind::PeeringConnection,
                Decision::Drop,
                format!(
                    "{id} delivers only to addresses inside {} ({ranges}), and {} is not one: a peering is not transitive, and the peer's own peerings, internet gateway, NAT gateways and gateway endpoints cannot be used through it (no edge-to-edge routing)",
                    other.vpc, pkt.dst
                ),
            );
            return Err(self.fail(hop, Code::NotTransitive, id));
        }
        let Some(peer) = peer else {
            let hop = Hop::new(
                id,
                HopKind::PeeringConnection,
                Decision::Drop,
                format!(
                    "{id} leads to {} (account {}, {}), which is not in the documents loaded: add that account's document to follow it",
                    other.vpc, other.owner, other.region
                ),
            );
            return Err(self.fail(hop, Code::OutsideEstate, id));
        };
        self.check_right_vpc(peer, pkt, id)?;
        let mut notes = Vec::new();
        if mine.owner != other.owner {
            notes.push(format!("cross-account: {} → {}", mine.owner, other.owner));
        }
        if mine.region != other.region {
            notes.push(format!(
                "inter-region: {} → {}, where security-group rules cannot reference the peer's groups",
                mine.region, other.region
            ));
            self.refs_ok = false;
        }
        let notes = if notes.is_empty() {
            String::new()
        } else {
            format!(" ({})", notes.join("; "))
        };
        let mut hop = Hop::new(
            id,
            HopKind::PeeringConnection,
            Decision::Forward,
            format!(
                "{} crosses peering connection {id} from {} to {}{notes}",
                self.what(),
                vpc.id,
                peer.id
            ),
        );
        hop.target = Some(peer.id.to_string());
        self.hops.push(hop);
        self.local(peer, None, pkt, Arrival::Peering(p))
    }
}
