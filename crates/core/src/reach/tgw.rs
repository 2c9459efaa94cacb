//! The walker through transit gateways: into one from a VPC subnet, a lookup in the route table
//! associated with the incoming attachment (across TGW peerings too), and out into a VPC.

use super::trace::{Blocked, Code, Decision, Hop, HopKind};
use super::walk::{Arrival, Dir, Pkt, WalkStep, Walker};
use crate::model::{Destination, Subnet, TgwAttachment, Vpc};

impl<'t, 'e> Walker<'t, 'e> {
    /// Into a transit gateway from `subnet` of `vpc`: the VPC's attachment must be available and
    /// have a subnet in the source subnet's Availability Zone. Network ACLs: the source subnet's
    /// outbound rules and the attachment subnet's inbound rules ("Network ACLs for transit
    /// gateways", tgw-nacls.html; "Amazon VPC attachments", tgw-vpc-attachments.html).
    pub(crate) fn tgw_enter(
        &mut self,
        vpc: &'e Vpc,
        subnet: &'e Subnet,
        tgw: &str,
        pkt: Pkt,
    ) -> WalkStep<'e> {
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
        if pkt.dst.is_ipv6() && !att.ipv6_support {
            return Err(self.no_ipv6(att));
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
    pub(crate) fn tgw_route(&mut self, tgw: &str, incoming: &'e TgwAttachment, pkt: Pkt) -> WalkStep<'e> {
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
            "vpn" | "direct-connect-gateway" => self.tgw_onprem_out(out, pkt),
            kind => {
                let hop = Hop::new(
                    out_id.as_str(),
                    HopKind::TransitGateway,
                    Decision::Drop,
                    format!("attachment {out_id} is a {kind} attachment: what lies behind it (Connect, Cloud WAN) is outside the estate"),
                );
                Err(self.fail(hop, Code::NotModelled, out_id.as_str()))
            }
        }
    }

    /// IPv6 through a VPC attachment whose IPv6 support is off: the transit gateway does not
    /// carry it ("Amazon VPC attachments in AWS Transit Gateway", tgw-vpc-attachments.html:
    /// "IPv6 support").
    fn no_ipv6(&mut self, att: &'e TgwAttachment) -> Box<Blocked> {
        let hop = Hop::new(
            att.id.as_str(),
            HopKind::TransitGateway,
            Decision::Drop,
            format!(
                "attachment {} (of {}) has IPv6 support off, so it carries no IPv6 traffic: modify the attachment to enable IPv6 support (Ipv6Support=enable)",
                att.id, att.resource_id
            ),
        );
        self.fail(hop, Code::Ipv6NotEnabled, att.id.as_str())
    }

    fn count_tgw_step(&mut self, at: &str) -> Result<(), Box<Blocked>> {
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
    fn tgw_exit(&mut self, out: &'e TgwAttachment, pkt: Pkt) -> WalkStep<'e> {
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
        if pkt.dst.is_ipv6() && !out.ipv6_support {
            return Err(self.no_ipv6(out));
        }
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
        let inside = vpc.holds(pkt.dst);
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
}
