//! The walker at the edge to on-premises networks: out through a virtual private gateway (a
//! Site-to-Site VPN connection or a Direct Connect virtual interface) or through a transit
//! gateway's VPN or Direct Connect gateway attachment, and in again the same way.
//!
//! What lies on premises is not modelled: like the internet, an on-premises address is a
//! destination. The walk checks what AWS decides: that the gateway is attached, that a link is
//! up, that a static VPN knows the destination, that a peer's VPN is not used edge to edge. See
//! "How AWS Site-to-Site VPN works" (vpn/latest/s2svpn/how_it_works.html), "Route tables and AWS
//! Site-to-Site VPN route priority" (vpn/latest/s2svpn/vpn-route-priority.html), "Direct
//! Connect gateways" (directconnect/latest/UserGuide/direct-connect-gateways-intro.html) and
//! "Unsupported VPC peering configurations" (peering/invalid-peering-configurations.html: "Edge to
//! edge routing through a VPN connection or an AWS Direct Connect connection").

use super::trace::{Code, Decision, Hop, HopKind};
use super::walk::{Arrival, Pkt, Reached, WalkStep, Walker};
use crate::model::{gone, DxAssociated, Target, TgwAttachment, Vpc, VpnConnection, VpnEnd, VpnGateway};

/// Where a packet crossed between AWS and on premises.
#[derive(Debug, Clone, Copy)]
pub(crate) enum OnPremVia<'e> {
    /// A virtual private gateway attached to `vpc`.
    Vgw { vgw: &'e VpnGateway, vpc: &'e Vpc },
    /// A transit gateway's VPN or Direct Connect gateway attachment.
    Tgw { att: &'e TgwAttachment },
}

/// The link that carries a packet on premises: the VPN connection (`vpn-…`) or Direct Connect
/// interface or gateway it crosses, and that in words (with what vpclab assumes of it).
pub(crate) struct Link {
    pub id: String,
    pub words: String,
}

impl std::fmt::Display for Link {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.words)
    }
}

/// Why no link carries a packet on premises.
struct NoLink {
    code: Code,
    why: String,
}

/// Whether a VPN connection's tunnels can carry traffic: AWS's telemetry shows a tunnel `UP`, or
/// shows none at all (a connection made in vpclab, whose customer gateway device is not
/// modelled: vpclab assumes it brings the tunnels up). With every tunnel `DOWN` nothing crosses
/// ("Tunnel options", Site-to-Site VPN User Guide, VPNTunnels.html).
fn tunnels_up(vpn: &VpnConnection) -> bool {
    vpn.tunnels.is_empty() || vpn.any_tunnel_up()
}

/// The tunnels' state in words, for a refusal: `both tunnels are DOWN (IPSEC IS DOWN)`.
fn tunnels_down_words(vpn: &VpnConnection) -> String {
    let reason = vpn
        .tunnels
        .iter()
        .find_map(|t| t.status_message.clone())
        .map(|m| format!(" ({m})"))
        .unwrap_or_default();
    format!(
        "{} of VPN connection {} {} DOWN{reason}",
        if vpn.tunnels.len() == 2 {
            "both tunnels".to_string()
        } else {
            format!("all {} tunnels", vpn.tunnels.len())
        },
        vpn.id,
        if vpn.tunnels.len() == 1 { "is" } else { "are" }
    )
}

impl<'t, 'e> Walker<'t, 'e> {
    /// The link of virtual private gateway `vgw` that carries `pkt` on premises, in words (`VPN
    /// connection vpn-…`, `Direct Connect private virtual interface dxvif-…`).
    ///
    /// A VPN connection must be `available` with a tunnel up; a static one carries only its
    /// static routes' destinations ("Only IP prefixes that are known to the virtual private
    /// gateway, whether through BGP advertisements or static route entries, can receive traffic
    /// from your VPC", vpn-route-priority.html). What a BGP peer (dynamic VPN, Direct Connect)
    /// advertises is not in the documents: vpclab assumes it advertises the destination, and says
    /// so. Direct Connect: a private virtual interface on the gateway, or a Direct Connect gateway
    /// associated with it, `available`.
    fn vgw_link(&self, vgw: &'e VpnGateway, pkt: Pkt) -> Result<Link, NoLink> {
        let e = self.t.estate;
        let mine = |v: &&'e VpnConnection| {
            v.gateway == VpnEnd::VirtualPrivateGateway(vgw.id.clone()) && v.state == "available"
        };
        let vpns: Vec<&'e VpnConnection> = e.vpn_connections.values().filter(mine).collect();
        let knows = |v: &VpnConnection| {
            v.routes
                .iter()
                .any(|r| r.state == "available" && r.destination.contains(&pkt.dst))
        };
        let mut down = None;
        let mut unknown = Vec::new();
        for v in vpns.iter().filter(|v| v.static_routes_only) {
            if !knows(v) {
                unknown.push(v.id.to_string());
            } else if tunnels_up(v) {
                return Ok(Link {
                    id: v.id.to_string(),
                    words: format!("VPN connection {} (static route)", v.id),
                });
            } else {
                down.get_or_insert(*v);
            }
        }
        for v in vpns.iter().filter(|v| !v.static_routes_only) {
            if tunnels_up(v) {
                return Ok(Link {
                    id: v.id.to_string(),
                    words: format!(
                        "VPN connection {} (BGP: vpclab assumes the customer gateway advertises {})",
                        v.id, pkt.dst
                    ),
                });
            }
            down.get_or_insert(*v);
        }
        let vifs: Vec<String> = e
            .virtual_interfaces
            .values()
            .filter(|x| x.vgw.as_ref() == Some(&vgw.id) && x.state == "available")
            .map(|x| x.id.to_string())
            .collect();
        if let Some((first, rest)) = vifs.split_first() {
            let others = if rest.is_empty() {
                String::new()
            } else {
                format!(
                    " or {} (BGP picks one by what on premises advertises; its communities are not modelled)",
                    rest.join(", ")
                )
            };
            return Ok(Link {
                id: first.clone(),
                words: format!(
                    "Direct Connect private virtual interface {first}{others} (vpclab assumes on premises advertises {})",
                    pkt.dst
                ),
            });
        }
        let dx = e.dx_associations.values().find(|a| {
            a.gateway == DxAssociated::VirtualPrivateGateway(vgw.id.clone()) && a.state == "associated"
        });
        if let Some(a) = dx {
            return Ok(Link {
                id: a.dx_gateway.to_string(),
                words: format!(
                    "Direct Connect gateway {} (BGP: vpclab assumes on premises advertises {})",
                    a.dx_gateway, pkt.dst
                ),
            });
        }
        if let Some(v) = down {
            return Err(NoLink {
                code: Code::VpnTunnelsDown,
                why: format!(
                    "{}: no tunnel carries traffic until the customer gateway device brings one up",
                    tunnels_down_words(v)
                ),
            });
        }
        let static_note = if unknown.is_empty() {
            String::new()
        } else {
            format!(
                " ({} {} static routes, and none holds {}: add one with create_vpn_connection_route)",
                unknown.join(", "),
                if unknown.len() == 1 { "has" } else { "have" },
                pkt.dst
            )
        };
        Err(NoLink {
            code: Code::OnPremisesNotConnected,
            why: format!(
                "virtual private gateway {} has no available VPN connection or Direct Connect virtual interface that carries {}{static_note}: a virtual private gateway routes only what its connections know",
                vgw.id, pkt.dst
            ),
        })
    }

    /// Out of `vpc` through virtual private gateway `id`: attached to this VPC, IPv4 only, never
    /// for a packet that came over a peering (no edge-to-edge routing), and with a link that
    /// carries it ([`Walker::vgw_link`]).
    pub(crate) fn vgw_out(&mut self, vpc: &'e Vpc, id: &str, pkt: Pkt, arrival: Arrival<'e>) -> WalkStep<'e> {
        let e = self.t.estate;
        let Some(vgw) = e.vpn_gateways.get(&id.into()) else {
            let hop = Hop::new(
                id,
                HopKind::VpnGateway,
                Decision::Drop,
                format!("the route sends {} to {id}, which is not in the documents loaded (add the VpnGateways of this account)", pkt.dst),
            );
            return Err(self.fail(hop, Code::UnknownRouteTarget, id));
        };
        let problem = if vgw.attached_vpc.as_ref() != Some(&vpc.id) || gone(&vgw.state) {
            Some((
                Code::VgwNotAttached,
                format!(
                    "the route sends {} to virtual private gateway {id}, which is {}: attach it to {} (attach_vpn_gateway)",
                    pkt.dst,
                    match &vgw.attached_vpc {
                        Some(other) if !gone(&vgw.state) => format!("attached to {other}, not to this VPC"),
                        _ if gone(&vgw.state) => vgw.state.clone(),
                        _ => "attached to no VPC".to_string(),
                    },
                    vpc.id
                ),
            ))
        } else if let Arrival::Peering(p) = arrival {
            Some((
                Code::NotTransitive,
                format!(
                    "{} arrived over peering {} and cannot leave through {id}: no edge-to-edge routing through a peer's VPN or Direct Connect connection",
                    self.what(),
                    p.id
                ),
            ))
        } else if pkt.dst.is_ipv6() {
            Some((
                Code::Ipv6NotEnabled,
                format!("virtual private gateway {id} carries IPv4 only: a virtual private gateway does not support IPv6 traffic (use a transit gateway VPN attachment for IPv6)"),
            ))
        } else {
            None
        };
        if let Some((code, why)) = problem {
            let hop = Hop::new(id, HopKind::VpnGateway, Decision::Drop, why);
            return Err(self.fail(hop, code, id));
        }
        let link = match self.vgw_link(vgw, pkt) {
            Ok(link) => link,
            Err(no) => {
                let hop = Hop::new(id, HopKind::VpnGateway, Decision::Drop, no.why);
                return Err(self.fail(hop, no.code, id));
            }
        };
        self.leave(id, &link, pkt, OnPremVia::Vgw { vgw, vpc })
    }

    /// Out of a transit gateway through its VPN or Direct Connect gateway attachment `att`.
    pub(crate) fn tgw_onprem_out(&mut self, att: &'e TgwAttachment, pkt: Pkt) -> WalkStep<'e> {
        let id = att.id.as_str();
        let link = match self.tgw_link(att) {
            Ok(link) => link,
            Err(no) => {
                let hop = Hop::new(id, HopKind::VpnGateway, Decision::Drop, no.why);
                return Err(self.fail(hop, no.code, id));
            }
        };
        self.leave(id, &link, pkt, OnPremVia::Tgw { att })
    }

    /// The link behind a transit gateway's VPN or Direct Connect gateway attachment: the VPN
    /// connection `available` with a tunnel up; the Direct Connect gateway associated with the
    /// transit gateway (when the documents list its associations).
    fn tgw_link(&self, att: &'e TgwAttachment) -> Result<Link, NoLink> {
        let e = self.t.estate;
        let id = att.id.as_str();
        match att.resource_type.as_str() {
            "vpn" => match e.vpn_connections.get(&att.resource_id.as_str().into()) {
                Some(v) if v.state != "available" => Err(NoLink {
                    code: Code::OnPremisesNotConnected,
                    why: format!("VPN connection {} of attachment {id} is {}: only an available connection carries traffic", v.id, v.state),
                }),
                Some(v) if !tunnels_up(v) => Err(NoLink {
                    code: Code::VpnTunnelsDown,
                    why: format!("{}: no tunnel carries traffic until the customer gateway device brings one up", tunnels_down_words(v)),
                }),
                Some(v) => Ok(Link {
                    id: v.id.to_string(),
                    words: format!("VPN connection {}", v.id),
                }),
                // The connection may be listed in another account's documents.
                None => Ok(Link {
                    id: att.resource_id.clone(),
                    words: format!("VPN connection {}", att.resource_id),
                }),
            },
            _ => {
                let associated = e.dx_associations.values().any(|a| {
                    a.dx_gateway.as_str() == att.resource_id
                        && a.gateway == DxAssociated::TransitGateway(att.tgw.clone())
                        && a.state == "associated"
                });
                let listed = e.dx_associations.values().any(|a| a.dx_gateway.as_str() == att.resource_id);
                if listed && !associated {
                    Err(NoLink {
                        code: Code::OnPremisesNotConnected,
                        why: format!(
                            "Direct Connect gateway {} has no association in state associated with transit gateway {}",
                            att.resource_id, att.tgw
                        ),
                    })
                } else {
                    Ok(Link {
                        id: att.resource_id.clone(),
                        words: format!("Direct Connect gateway {}", att.resource_id),
                    })
                }
            }
        }
    }

    /// The packet leaves AWS: the hop out names the link (its id as the hop's target: a cost
    /// estimate prices data out over a VPN), the last hop where it goes.
    fn leave(&mut self, at: &str, link: &Link, pkt: Pkt, via: OnPremVia<'e>) -> WalkStep<'e> {
        let mut hop = Hop::new(
            at,
            HopKind::VpnGateway,
            Decision::Forward,
            format!("{at} sends {} out of AWS over {link}", self.what()),
        );
        hop.target = Some(link.id.clone());
        self.hops.push(hop);
        self.refs_ok = false;
        // The link by name only: its details are in the hop before.
        let short = link.words.split(" (").next().unwrap_or(&link.words);
        let hop = Hop::new(
            pkt.dst.to_string(),
            HopKind::OnPremises,
            Decision::Deliver,
            format!(
                "{} reaches {} on premises (what lies beyond the {short} is outside the estate)",
                self.what(),
                pkt.dst
            ),
        );
        self.hops.push(hop);
        Ok(Reached::OnPremises { via, pkt })
    }

    /// The target of the route the destination's VPC has for `src` (an address outside every
    /// VPC), when it leads on premises: a virtual private gateway, or a transit gateway (whose
    /// table then names a VPN or Direct Connect gateway attachment, checked by
    /// [`Walker::onprem_in`]).
    fn onprem_route(&self, src: std::net::IpAddr) -> Option<Target> {
        let vpc = self.dst.vpc()?;
        // An address in no subnet: the VPC's main table stands for where its reply would go.
        let rt = match self.dst.subnet() {
            Some(subnet) => self.t.route_table(subnet)?,
            None => self.t.main_route_table(vpc.id.as_str())?,
        };
        let (i, _) = self.t.index(rt)?.lookup(src)?;
        let target = rt.routes[i].target.clone();
        match &target {
            Target::VirtualPrivateGateway(_) => Some(target),
            Target::TransitGateway(tgw) => {
                let mine = self.t.vpc_attachment(tgw.as_str(), vpc.id.as_str())?;
                let route = self
                    .t
                    .tgw_routes(mine.association.as_ref()?.as_str())?
                    .lookup(src)?;
                let att = self.t.estate.tgw_attachment_at(route.attachment.as_ref()?, tgw)?;
                matches!(att.resource_type.as_str(), "vpn" | "direct-connect-gateway").then_some(target)
            }
            _ => None,
        }
    }

    /// Whether a request from `src` (outside every VPC) to the query's destination comes from
    /// on premises: the destination's VPC routes `src` there.
    pub(crate) fn sent_from_onprem(&self, src: std::net::IpAddr) -> bool {
        self.onprem_route(src).is_some()
    }

    /// Back into AWS from on premises the way the request left (`via`).
    pub(crate) fn back_from_onprem(&mut self, via: OnPremVia<'e>, pkt: Pkt) -> WalkStep<'e> {
        match via {
            OnPremVia::Vgw { vgw, vpc } => {
                let mut hop = Hop::new(
                    vgw.id.as_str(),
                    HopKind::VpnGateway,
                    Decision::Forward,
                    format!(
                        "{} comes back from on premises through virtual private gateway {} into {}",
                        self.what(),
                        vgw.id,
                        vpc.id
                    ),
                );
                hop.target = Some(vpc.id.to_string());
                self.hops.push(hop);
                self.local(vpc, None, pkt, Arrival::OnPremises)
            }
            OnPremVia::Tgw { att } => {
                let mut hop = Hop::new(
                    att.id.as_str(),
                    HopKind::TransitGateway,
                    Decision::Forward,
                    format!(
                        "{} comes back from on premises into transit gateway {} through attachment {}",
                        self.what(),
                        att.tgw,
                        att.id
                    ),
                );
                hop.target = Some(att.tgw.to_string());
                self.hops.push(hop);
                self.tgw_route(att.tgw.as_str(), att, pkt)
            }
        }
    }

    /// A request from an address outside every VPC that the destination's VPC routes to on
    /// premises: the reply would go there, so the request comes from there. Through the VPC's
    /// virtual private gateway when its route for the source names one, through the transit
    /// gateway's VPN or Direct Connect attachment that the route table of the VPC's attachment
    /// sends the source to when it names a transit gateway. `None`: the source is on the
    /// internet.
    pub(crate) fn onprem_in(&mut self, pkt: Pkt) -> Option<WalkStep<'e>> {
        let vpc = self.dst.vpc()?;
        match self.onprem_route(pkt.src)? {
            Target::VirtualPrivateGateway(id) => {
                let vgw = self.t.estate.vpn_gateways.get(&id)?;
                let link = self.vgw_link(
                    vgw,
                    Pkt {
                        src: pkt.dst,
                        dst: pkt.src,
                    },
                );
                let (words, ok) = match &link {
                    Ok(link) => (format!("over {link}"), true),
                    Err(no) => (no.why.clone(), false),
                };
                if !ok || vgw.attached_vpc.as_ref() != Some(&vpc.id) {
                    let hop = Hop::new(
                        id.as_str(),
                        HopKind::VpnGateway,
                        Decision::Drop,
                        format!("{} is on premises as {}'s routes see it (they send it to {id}), but nothing brings it in: {words}", pkt.src, vpc.id),
                    );
                    let code = link.err().map_or(Code::VgwNotAttached, |n| n.code);
                    return Some(Err(self.fail(hop, code, id.as_str())));
                }
                let mut hop = Hop::new(
                    id.as_str(),
                    HopKind::VpnGateway,
                    Decision::Forward,
                    format!(
                        "{} comes from on premises {words} into virtual private gateway {id} of {}",
                        pkt.src, vpc.id
                    ),
                );
                hop.target = Some(vpc.id.to_string());
                self.hops.push(hop);
                Some(self.local(vpc, None, pkt, Arrival::OnPremises))
            }
            Target::TransitGateway(tgw) => {
                let mine = self.t.vpc_attachment(tgw.as_str(), vpc.id.as_str())?;
                let table = mine.association.as_ref()?;
                let route = self.t.tgw_routes(table.as_str())?.lookup(pkt.src)?;
                let att = self
                    .t
                    .estate
                    .tgw_attachment_at(route.attachment.as_ref()?, &tgw)
                    .filter(|a| matches!(a.resource_type.as_str(), "vpn" | "direct-connect-gateway"))?;
                if let Err(no) = self.tgw_link(att) {
                    let hop = Hop::new(
                        att.id.as_str(),
                        HopKind::VpnGateway,
                        Decision::Drop,
                        format!("{} is on premises as {}'s transit gateway routes see it (they send it to {}), but nothing brings it in: {}", pkt.src, vpc.id, att.id, no.why),
                    );
                    return Some(Err(self.fail(hop, no.code, att.id.as_str())));
                }
                let mut hop = Hop::new(
                    att.id.as_str(),
                    HopKind::TransitGateway,
                    Decision::Forward,
                    format!(
                        "{} comes from on premises into transit gateway {tgw} through {} attachment {} ({}'s transit gateway routes send {} there)",
                        pkt.src,
                        if att.resource_type == "vpn" { "VPN" } else { "Direct Connect gateway" },
                        att.id,
                        vpc.id,
                        pkt.src
                    ),
                );
                hop.target = Some(tgw.to_string());
                self.hops.push(hop);
                Some(self.tgw_route(att.tgw.as_str(), att, pkt))
            }
            _ => None,
        }
    }
}
