//! The walker at the edges of a VPC: peering connections, transit gateways, internet gateways,
//! the internet itself, NAT gateways and gateway endpoints.

use std::net::Ipv4Addr;

use ipnet::IpNet;

use super::topology::{nat_private_ip, HostRef};
use super::trace::{Blocked, Code, Decision, Hop, HopKind};
use super::walk::{Arrival, Dir, NatRecord, Pkt, Reached, Step, Walker};
use crate::model::{Destination, EndpointKind, PeeringStatus, Subnet, TgwAttachment, Vpc};

fn cidr_list(vpc: &Vpc) -> String {
    vpc.cidrs
        .iter()
        .map(|c| c.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

impl<'t, 'e> Walker<'t, 'e> {
    /// The VPC the packet's destination address belongs to, as far as this query knows: the
    /// destination's (request), a NAT gateway's or the client's (reply).
    fn expected_vpc(&self, dst: Ipv4Addr) -> Option<&'e str> {
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
    fn check_right_vpc(&mut self, into: &'e Vpc, pkt: Pkt, via: &str) -> Result<(), Blocked> {
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

    /// Crossing a VPC peering connection from `vpc`. Only an active peering carries traffic, and
    /// only from addresses of the sending VPC to addresses inside the receiving VPC: peering is
    /// not transitive and has no edge-to-edge routing. See "VPC peering basics" and "Unsupported
    /// VPC peering configurations", VPC Peering guide.
    pub(crate) fn peering(&mut self, vpc: &'e Vpc, id: &str, pkt: Pkt) -> Step<'e> {
        let Some(p) = self.t.estate.peerings.get(&id.into()) else {
            let hop = Hop::new(
                id,
                HopKind::PeeringConnection,
                Decision::Drop,
                format!("the route's target {id} is not a peering connection in the documents"),
            );
            return Err(self.fail(hop, Code::UnknownRouteTarget, id));
        };
        let (mine, other) = if p.requester.vpc == vpc.id {
            (&p.requester, &p.accepter)
        } else if p.accepter.vpc == vpc.id {
            (&p.accepter, &p.requester)
        } else {
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
        };
        if p.status != PeeringStatus::Active {
            let status = serde_json::to_value(&p.status)
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_default();
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
                    "peering connection {id} is {status}, and only an active peering carries traffic{hint}"
                ),
            );
            return Err(self.fail(hop, Code::PeeringNotActive, id));
        }
        if !vpc.cidrs.iter().any(|c| c.contains(&pkt.src)) {
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
                    cidr_list(vpc)
                ),
            );
            return Err(self.fail(hop, Code::NotTransitive, id));
        }
        let peer = self.t.vpc(other.vpc.as_str());
        let holds = match peer {
            Some(w) => w.cidrs.iter().any(|c| c.contains(&pkt.dst)),
            None => other
                .cidrs
                .iter()
                .any(|c| matches!(c, IpNet::V4(v4) if v4.contains(&pkt.dst))),
        };
        if !holds {
            let ranges = match peer {
                Some(w) => cidr_list(w),
                None => other
                    .cidrs
                    .iter()
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

    /// Into a transit gateway from `subnet` of `vpc`: the VPC's attachment must be available and
    /// have a subnet in the source subnet's Availability Zone. Network ACLs: the source subnet's
    /// outbound rules and the attachment subnet's inbound rules ("Network ACLs for transit
    /// gateways", tgw-nacls.html; "Amazon VPC attachments", tgw-vpc-attachments.html).
    pub(crate) fn tgw_enter(&mut self, vpc: &'e Vpc, subnet: &'e Subnet, tgw: &str, pkt: Pkt) -> Step<'e> {
        let Some(att) = self
            .t
            .vpc_attachment(tgw, vpc.id.as_str())
            .filter(|a| a.state == "available")
        else {
            let state = self
                .t
                .vpc_attachment(tgw, vpc.id.as_str())
                .map_or(String::new(), |a| {
                    format!(" (its attachment {} is {})", a.id, a.state)
                });
            let hop = Hop::new(
                tgw,
                HopKind::TransitGateway,
                Decision::Drop,
                format!(
                    "{} has no available attachment to transit gateway {tgw}{state}",
                    vpc.id
                ),
            );
            return Err(self.fail(hop, Code::TgwNotAttached, tgw));
        };
        let az = subnet.availability_zone.as_str();
        let att_subnets: Vec<&'e Subnet> = att
            .subnets
            .iter()
            .filter_map(|s| self.t.estate.subnets.get(s))
            .collect();
        let entry = att_subnets.iter().copied().find(|s| s.availability_zone == az);
        if entry.is_none() && !att.subnets.is_empty() {
            let azs: Vec<&str> = att_subnets.iter().map(|s| s.availability_zone.as_str()).collect();
            let hop = Hop::new(
                att.id.as_str(),
                HopKind::TransitGateway,
                Decision::Drop,
                format!(
                    "{} is in {az}, but attachment {} has subnets only in {}: resources in an Availability Zone with no attachment subnet cannot reach the transit gateway",
                    subnet.id,
                    att.id,
                    if azs.is_empty() { "unknown zones".to_string() } else { azs.join(", ") }
                ),
            );
            return Err(self.fail(hop, Code::TgwNoAttachmentInAz, att.id.as_str()));
        }
        self.nacl(subnet, true, pkt.dst)?;
        if let Some(x) = entry {
            self.nacl(x, false, pkt.src)?;
        }
        let mut hop = Hop::new(
            att.id.as_str(),
            HopKind::TransitGateway,
            Decision::Forward,
            format!(
                "{} enters transit gateway {tgw} through attachment {}{}",
                self.what(),
                att.id,
                entry.map_or(String::new(), |x| format!(" (subnet {} in {az})", x.id))
            ),
        );
        hop.target = Some(tgw.to_string());
        self.hops.push(hop);
        self.refs_ok = false;
        if self.az.is_none() {
            self.az = Some(az);
        }
        self.tgw_route(tgw, att, pkt)
    }

    /// A lookup in the TGW route table the incoming attachment is associated with, then out
    /// through the chosen attachment. See "How transit gateways work" (route tables,
    /// association, propagation, blackhole routes).
    fn tgw_route(&mut self, tgw: &str, incoming: &'e TgwAttachment, pkt: Pkt) -> Step<'e> {
        let Some(table_id) = incoming.association.as_ref() else {
            let hop = Hop::new(
                incoming.id.as_str(),
                HopKind::TransitGateway,
                Decision::Drop,
                format!(
                    "attachment {} is associated with no transit gateway route table, so the transit gateway has nowhere to look up {}",
                    incoming.id, pkt.dst
                ),
            );
            return Err(self.fail(hop, Code::TgwNoRoute, incoming.id.as_str()));
        };
        let chosen = self
            .t
            .tgw_routes(table_id.as_str())
            .and_then(|r| r.lookup(pkt.dst))
            .cloned();
        let mut hop = Hop::new(
            table_id.as_str(),
            HopKind::TransitGatewayRouteTable,
            Decision::Forward,
            "",
        );
        hop.route_table = Some(table_id.to_string());
        let Some(route) = chosen else {
            hop.message = format!(
                "transit gateway route table {table_id} (associated with {}) has no route for {}{}",
                incoming.id,
                pkt.dst,
                if self.dir == Dir::Return {
                    ": the reply cannot get back"
                } else {
                    ""
                }
            );
            return Err(self.fail(hop, Code::TgwNoRoute, table_id.as_str()));
        };
        hop.matched = Some(match &route.shown {
            Destination::PrefixList(p) => format!("{p} ({})", route.destination),
            Destination::Cidr(c) => c.to_string(),
        });
        hop.target = Some(
            route
                .attachment
                .as_ref()
                .map_or("blackhole".to_string(), |a| a.to_string()),
        );
        let (false, Some(out_id)) = (route.blackhole, route.attachment.clone()) else {
            hop.message = format!(
                "transit gateway route table {table_id} has a blackhole route for {} ({}): the transit gateway drops it",
                route.destination, pkt.dst
            );
            return Err(self.fail(hop, Code::BlackholeRoute, table_id.as_str()));
        };
        let out = self.t.estate.tgw_attachment_at(&out_id, &tgw.into());
        let Some(out) = out.filter(|a| a.state == "available") else {
            let state = out.map_or("not in the documents".to_string(), |a| {
                format!("in state {}", a.state)
            });
            hop.message = format!(
                "transit gateway route table {table_id} sends {} to attachment {out_id}, which is {state}: AWS shows such a route as a blackhole",
                pkt.dst
            );
            return Err(self.fail(hop, Code::BlackholeRoute, table_id.as_str()));
        };
        hop.message = format!(
            "transit gateway route table {table_id} sends {} to attachment {out_id} (longest prefix match: {}, {})",
            pkt.dst,
            route.destination,
            match route.kind {
                crate::route::TgwRouteKind::Propagated => "propagated",
                crate::route::TgwRouteKind::PrefixList => "prefix-list",
                crate::route::TgwRouteKind::Static => "static",
            }
        );
        self.hops.push(hop);
        self.count_tgw_step(out_id.as_str())?;
        match out.resource_type.as_str() {
            "vpc" => self.tgw_exit(out, pkt),
            "peering" => {
                let peer_tgw = out.resource_id.as_str();
                let Some(other) = self.t.estate.tgw_attachment_at(&out_id, &peer_tgw.into()) else {
                    let hop = Hop::new(
                        out_id.as_str(),
                        HopKind::TransitGateway,
                        Decision::Drop,
                        format!("peering attachment {out_id} leads to transit gateway {peer_tgw}, whose side is not in the documents loaded"),
                    );
                    return Err(self.fail(hop, Code::OutsideEstate, out_id.as_str()));
                };
                let mut hop = Hop::new(
                    out_id.as_str(),
                    HopKind::TransitGateway,
                    Decision::Forward,
                    format!(
                        "{} crosses transit gateway peering {out_id} from {tgw} to {peer_tgw}",
                        self.what()
                    ),
                );
                hop.target = Some(peer_tgw.to_string());
                self.hops.push(hop);
                self.tgw_route(peer_tgw, other, pkt)
            }
            kind => {
                let hop = Hop::new(
                    out_id.as_str(),
                    HopKind::TransitGateway,
                    Decision::Drop,
                    format!("attachment {out_id} is a {kind} attachment: what lies behind it (VPN, Direct Connect, Connect) is outside the estate"),
                );
                Err(self.fail(hop, Code::NotModelled, out_id.as_str()))
            }
        }
    }

    fn count_tgw_step(&mut self, at: &str) -> Result<(), Blocked> {
        self.steps += 1;
        if self.steps > 32 {
            let hop = Hop::new(
                at,
                HopKind::TransitGateway,
                Decision::Drop,
                "the transit gateway routes send the packet round in a loop",
            );
            return Err(self.fail(hop, Code::RoutingLoop, at));
        }
        Ok(())
    }

    /// Out of the transit gateway into a VPC, through its attachment subnet in the packet's
    /// Availability Zone (else any). An address inside the VPC is delivered locally; any other
    /// is routed by the attachment subnet's route table (centralized egress: a NAT gateway in an
    /// egress VPC). Network ACLs: the attachment subnet's outbound and the destination subnet's
    /// inbound rules, none when they are the same subnet (tgw-nacls.html).
    fn tgw_exit(&mut self, out: &'e TgwAttachment, pkt: Pkt) -> Step<'e> {
        let Some(vpc) = self.t.vpc(out.resource_id.as_str()) else {
            let hop = Hop::new(
                out.id.as_str(),
                HopKind::TransitGateway,
                Decision::Drop,
                format!(
                    "attachment {} leads to {}, which is not in the documents loaded",
                    out.id, out.resource_id
                ),
            );
            return Err(self.fail(hop, Code::OutsideEstate, out.id.as_str()));
        };
        let subnets: Vec<&'e Subnet> = out
            .subnets
            .iter()
            .filter_map(|s| self.t.estate.subnets.get(s))
            .collect();
        let exit = subnets
            .iter()
            .copied()
            .find(|s| Some(s.availability_zone.as_str()) == self.az)
            .or_else(|| subnets.first().copied());
        let inside = vpc.cidrs.iter().any(|c| c.contains(&pkt.dst));
        if inside {
            self.check_right_vpc(vpc, pkt, out.id.as_str())?;
        }
        let mut hop = Hop::new(
            out.id.as_str(),
            HopKind::TransitGateway,
            Decision::Forward,
            format!(
                "{} leaves the transit gateway into {} through attachment {}{}",
                self.what(),
                vpc.id,
                out.id,
                exit.map_or(String::new(), |s| format!(" (subnet {})", s.id))
            ),
        );
        hop.target = Some(vpc.id.to_string());
        self.hops.push(hop);
        if inside {
            return self.local(vpc, exit, pkt, Arrival::Tgw);
        }
        let Some(exit) = exit else {
            let hop = Hop::new(
                out.id.as_str(),
                HopKind::TransitGateway,
                Decision::Drop,
                format!("{} is not inside {} and attachment {} lists no subnet whose route table could carry it on", pkt.dst, vpc.id, out.id),
            );
            let code = self.no_route();
            return Err(self.fail(hop, code, out.id.as_str()));
        };
        self.route_from(vpc, exit, pkt, Arrival::Tgw, None)
    }

    /// Out through an internet gateway: it must be attached to this VPC, and it translates only
    /// addresses of this VPC's interfaces that have a public IPv4 address (or a NAT gateway's
    /// Elastic IP). See "Enable internet access for a VPC using an internet gateway"
    /// (VPC_Internet_Gateway.html).
    pub(crate) fn igw_out(&mut self, vpc: &'e Vpc, id: &str, mut pkt: Pkt, arrival: Arrival<'e>) -> Step<'e> {
        let Some(igw) = self.t.estate.internet_gateways.get(&id.into()) else {
            let hop = Hop::new(
                id,
                HopKind::InternetGateway,
                Decision::Drop,
                format!("the route sends {} to {id}, which is not in the documents loaded (add the InternetGateways of this account)", pkt.dst),
            );
            return Err(self.fail(hop, Code::UnknownRouteTarget, id));
        };
        if igw.attached_vpc.as_ref() != Some(&vpc.id) {
            let hop = Hop::new(
                id,
                HopKind::InternetGateway,
                Decision::Drop,
                format!(
                    "the route sends {} to {id}, which is not an internet gateway attached to {}",
                    pkt.dst, vpc.id
                ),
            );
            return Err(self.fail(hop, Code::NoInternetAccess, id));
        }
        if let Arrival::Peering(p) = arrival {
            let hop = Hop::new(
                id,
                HopKind::InternetGateway,
                Decision::Drop,
                format!("{} arrived over peering {} and cannot leave through {id}: no edge-to-edge routing through a peering", self.what(), p.id),
            );
            return Err(self.fail(hop, Code::NotTransitive, id));
        }
        let public = match self.t.host_at(vpc.id.as_str(), pkt.src) {
            Some(HostRef::Instance(i)) => Ok(i.public_ip),
            Some(HostRef::Eni(e)) => Ok(e.public_ip),
            Some(HostRef::Nat(n)) if !n.public => Err(format!(
                "{} is a private NAT gateway: it cannot send to the internet",
                n.id
            )),
            Some(HostRef::Nat(n)) => Ok(n.public_ip),
            None => Ok(None),
        };
        let public = match public {
            Ok(Some(ip)) => ip,
            Ok(None) => {
                let why = if vpc.cidrs.iter().any(|c| c.contains(&pkt.src)) {
                    format!(
                        "{} has no public IPv4 address: an internet gateway carries only traffic of interfaces with a public IP or Elastic IP (a private subnet reaches the internet through a NAT gateway)",
                        pkt.src
                    )
                } else {
                    format!(
                        "{} came {} and is not an address of {}: an internet gateway translates only the addresses of its own VPC's interfaces (send it through a NAT gateway instead)",
                        pkt.src,
                        arrival.words(),
                        vpc.id
                    )
                };
                let hop = Hop::new(id, HopKind::InternetGateway, Decision::Drop, why);
                return Err(self.fail(hop, Code::NoInternetAccess, id));
            }
            Err(why) => {
                let hop = Hop::new(id, HopKind::InternetGateway, Decision::Drop, why);
                return Err(self.fail(hop, Code::NoInternetAccess, id));
            }
        };
        let mut hop = Hop::new(
            id,
            HopKind::InternetGateway,
            Decision::Translate,
            format!("internet gateway {id} sends it to the internet, translating the source {} to its public address {public}", pkt.src),
        );
        hop.target = Some("internet".into());
        self.hops.push(hop);
        self.refs_ok = false;
        pkt.src = public;
        self.internet(pkt)
    }

    /// On the internet: a public address of the estate comes in through its VPC's internet
    /// gateway; an AWS service range or any other public address is reached.
    pub(crate) fn internet(&mut self, mut pkt: Pkt) -> Step<'e> {
        if let Some(owner) = self.t.public_owner(pkt.dst) {
            let (owner_id, subnet_id, private) = match owner {
                HostRef::Instance(i) => (i.id.to_string(), &i.subnet, Some(i.private_ip)),
                HostRef::Eni(e) => (e.id.to_string(), &e.subnet, e.private_ips.first().copied()),
                HostRef::Nat(n) => (n.id.to_string(), &n.subnet, nat_private_ip(self.t.estate, n)),
            };
            let vpc = self
                .t
                .estate
                .subnets
                .get(subnet_id)
                .and_then(|s| self.t.vpc(s.vpc.as_str()));
            let igw = vpc.and_then(|v| self.t.igw(v.id.as_str()));
            let (Some(vpc), Some(igw), Some(private)) = (vpc, igw, private) else {
                let hop = Hop::new(
                    owner_id.as_str(),
                    HopKind::Internet,
                    Decision::Drop,
                    format!("{} is the public address of {owner_id}, whose VPC has no internet gateway attached: nothing brings it in", pkt.dst),
                );
                return Err(self.fail(hop, Code::NoInternetAccess, owner_id.as_str()));
            };
            let mut hop = Hop::new(
                igw.id.as_str(),
                HopKind::InternetGateway,
                Decision::Translate,
                format!(
                    "{} crosses the internet to {}; internet gateway {} of {} translates the destination to {owner_id}'s private address {private}",
                    self.what(),
                    pkt.dst,
                    igw.id,
                    vpc.id
                ),
            );
            hop.target = Some(owner_id);
            self.hops.push(hop);
            self.refs_ok = false;
            pkt.dst = private;
            return self.local(vpc, None, pkt, Arrival::Internet);
        }
        if let Some(vpc) = self
            .t
            .vpc_order
            .iter()
            .find(|v| v.cidrs.iter().any(|c| c.contains(&pkt.dst)))
        {
            let hop = Hop::new(
                "internet",
                HopKind::Internet,
                Decision::Drop,
                format!(
                    "{} is a private address of {}: the internet does not route to it",
                    pkt.dst, vpc.id
                ),
            );
            let code = self.no_route();
            return Err(self.fail(hop, code, "internet"));
        }
        if let Some(name) = self.t.service_of(pkt.dst) {
            let hop = Hop::new(
                name.as_str(),
                HopKind::Service,
                Decision::Deliver,
                format!("{} reaches {name} at {} over the internet", self.what(), pkt.dst),
            );
            self.hops.push(hop);
            return Ok(Reached::Service { via: None, pkt });
        }
        let hop = Hop::new(
            pkt.dst.to_string(),
            HopKind::Internet,
            Decision::Deliver,
            format!("{} reaches {} on the internet", self.what(), pkt.dst),
        );
        self.hops.push(hop);
        Ok(Reached::Internet { pkt })
    }

    /// Through a NAT gateway of this VPC: available, it rewrites the source to its own private
    /// address and routes on from its own subnet's table, which for a public NAT gateway must
    /// send internet destinations to an internet gateway. See "NAT gateways" (vpc-nat-gateway.html).
    pub(crate) fn nat(
        &mut self,
        vpc: &'e Vpc,
        subnet: &'e Subnet,
        id: &str,
        mut pkt: Pkt,
        arrival: Arrival<'e>,
    ) -> Step<'e> {
        let nat = self
            .t
            .estate
            .nat_gateways
            .get(&id.into())
            .filter(|n| n.vpc == vpc.id);
        let nat_subnet = nat.and_then(|n| self.t.estate.subnets.get(&n.subnet));
        let nat_ip = nat.and_then(|n| nat_private_ip(self.t.estate, n));
        let (Some(nat), Some(nat_subnet), Some(nat_ip)) = (nat, nat_subnet, nat_ip) else {
            let hop = Hop::new(
                id,
                HopKind::NatGateway,
                Decision::Drop,
                format!("the route's target {id} is not a NAT gateway of {} with a known subnet and address in the documents", vpc.id),
            );
            return Err(self.fail(hop, Code::UnknownRouteTarget, id));
        };
        if let Arrival::Peering(p) = arrival {
            let hop = Hop::new(
                id,
                HopKind::NatGateway,
                Decision::Drop,
                format!("{} arrived over peering {} and cannot use {id}: no edge-to-edge routing through a peering", self.what(), p.id),
            );
            return Err(self.fail(hop, Code::NotTransitive, id));
        }
        if nat.state != "available" {
            let hop = Hop::new(
                id,
                HopKind::NatGateway,
                Decision::Drop,
                format!(
                    "NAT gateway {id} is {}: only an available NAT gateway forwards",
                    nat.state
                ),
            );
            return Err(self.fail(hop, Code::NoInternetAccess, id));
        }
        if nat_subnet.id != subnet.id {
            self.nacl(subnet, true, pkt.dst)?;
            self.nacl(nat_subnet, false, pkt.src)?;
        }
        let public = if nat.public {
            nat.public_ip.map_or(" (public NAT gateway)".to_string(), |ip| {
                format!(" (public NAT gateway, Elastic IP {ip})")
            })
        } else {
            " (private NAT gateway)".to_string()
        };
        let mut hop = Hop::new(
            id,
            HopKind::NatGateway,
            Decision::Translate,
            format!(
                "NAT gateway {id} in {}{public} translates the source {} to its own address {nat_ip}",
                nat_subnet.id, pkt.src
            ),
        );
        hop.target = Some(nat_subnet.id.to_string());
        self.hops.push(hop);
        self.nats.push(NatRecord {
            nat,
            nat_ip,
            original_src: pkt.src,
        });
        self.refs_ok = false;
        pkt.src = nat_ip;
        self.route_from(vpc, nat_subnet, pkt, arrival, Some(nat))
    }

    /// Through a gateway endpoint (S3, DynamoDB): only for traffic from the endpoint's own VPC;
    /// nothing that arrived over a peering, a transit gateway, VPN or Direct Connect may use it.
    /// See "Gateway endpoints", AWS PrivateLink guide (gateway-endpoints.html).
    pub(crate) fn gateway_endpoint(
        &mut self,
        vpc: &'e Vpc,
        id: &str,
        pkt: Pkt,
        arrival: Arrival<'e>,
    ) -> Step<'e> {
        let Some(ep) = self
            .t
            .estate
            .endpoints
            .get(&id.into())
            .filter(|e| e.vpc == vpc.id && e.kind == EndpointKind::Gateway)
        else {
            let hop = Hop::new(
                id,
                HopKind::GatewayEndpoint,
                Decision::Drop,
                format!("the route's target {id} is not a gateway endpoint of {}", vpc.id),
            );
            return Err(self.fail(hop, Code::UnknownRouteTarget, id));
        };
        if !matches!(arrival, Arrival::Origin) {
            let hop = Hop::new(
                id,
                HopKind::GatewayEndpoint,
                Decision::Drop,
                format!(
                    "{} came into {} {}: gateway endpoint {id} serves only traffic from its own VPC, never over a peering, a transit gateway, VPN or Direct Connect",
                    self.what(),
                    vpc.id,
                    arrival.words()
                ),
            );
            return Err(self.fail(hop, Code::NotTransitive, id));
        }
        if !ep.state.eq_ignore_ascii_case("available") {
            let hop = Hop::new(
                id,
                HopKind::GatewayEndpoint,
                Decision::Drop,
                format!(
                    "gateway endpoint {id} is {}: only an available endpoint carries traffic",
                    ep.state
                ),
            );
            return Err(self.fail(hop, Code::EndpointNotAvailable, id));
        }
        let mut hop = Hop::new(
            id,
            HopKind::GatewayEndpoint,
            Decision::Deliver,
            format!(
                "gateway endpoint {id} carries {} to {} at {}",
                self.what(),
                ep.service_name,
                pkt.dst
            ),
        );
        hop.target = Some(ep.service_name.clone());
        self.hops.push(hop);
        Ok(Reached::Service { via: Some(ep), pkt })
    }
}
