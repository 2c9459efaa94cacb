//! The walker: one packet moved hop by hop through subnets, route tables, filters and gateways,
//! writing a [`Hop`] at every step. The same walker carries the request (`Dir::Forward`) and
//! then the reply (`Dir::Return`): routes and network ACLs are looked up again for the reply
//! (ACLs are stateless), security groups are not (they are stateful). Gateways live in
//! `peering.rs`, `tgw.rs`, `edge.rs`; arrivals in `arrive.rs`.

use std::net::IpAddr;

use super::endpoint::End;
use super::filters::{acl_evaluate, describe_acl_entry, AclVerdict, Traffic};
use super::query::Proto;
use super::topology::Topology;
use super::trace::{Blocked, Code, Decision, Hop, HopKind};
use crate::model::{
    Destination, EgressOnlyInternetGateway, NatGateway, Peering, PeeringStatus, RouteState, Subnet, Target,
    Vpc, VpcEndpoint,
};

/// The ephemeral ports a Linux client picks (`/proc/sys/net/ipv4/ip_local_port_range`): the
/// reply to an instance or host goes to one of them.
pub const CLIENT_EPHEMERAL: (u16, u16) = (32768, 60999);
/// The ports a NAT gateway (and, as AWS recommends assuming, an unknown internet client) uses:
/// AWS recommends network ACLs allow 1024-65535 for replies ("Ephemeral ports", Network ACLs).
pub const WIDE_EPHEMERAL: (u16, u16) = (1024, 65535);
/// More steps than any sane path: a routing loop.
const MAX_STEPS: usize = 32;

/// Which way the packet goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dir {
    Forward,
    Return,
}

/// How the packet entered the VPC it is in.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Arrival<'e> {
    /// It started here (or was translated by a NAT gateway of this VPC).
    Origin,
    Peering(&'e Peering),
    Tgw,
    Internet,
    Endpoint,
    /// From on premises, over a VPN or Direct Connect.
    OnPremises,
}

impl Arrival<'_> {
    pub(crate) fn words(&self) -> String {
        match self {
            Arrival::Origin => "from inside the VPC".into(),
            Arrival::Peering(p) => format!("over the peering {}", p.id),
            Arrival::Tgw => "over a transit gateway".into(),
            Arrival::Internet => "from the internet".into(),
            Arrival::Endpoint => "through a gateway endpoint".into(),
            Arrival::OnPremises => "from on premises (VPN or Direct Connect)".into(),
        }
    }
}

/// Source and destination addresses, as they are at this point (NAT rewrites them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Pkt {
    pub src: IpAddr,
    pub dst: IpAddr,
}

/// Where a walk ended.
#[derive(Debug, Clone)]
pub(crate) enum Reached<'e> {
    Host {
        vpc: &'e Vpc,
        subnet: &'e Subnet,
        pkt: Pkt,
    },
    Internet {
        pkt: Pkt,
    },
    Service {
        via: Option<&'e VpcEndpoint>,
        pkt: Pkt,
    },
    /// Out of AWS to an on-premises network.
    OnPremises {
        via: super::onprem::OnPremVia<'e>,
        pkt: Pkt,
    },
}

/// What a step of the walk leads to: where the walk ends ([`Reached`]), or what blocked it.
pub(crate) type WalkStep<'e> = Result<Reached<'e>, Box<Blocked>>;

/// A translation made by a NAT gateway on the way out, undone on the way back.
pub(crate) struct NatRecord<'e> {
    pub nat: &'e NatGateway,
    pub nat_ip: IpAddr,
    pub original_src: IpAddr,
    /// NAT64: the `64:ff9b::/96` address the request was sent to (the reply comes back from it).
    pub original_dst: Option<IpAddr>,
}

pub(crate) struct Walker<'t, 'e> {
    pub t: &'t Topology<'e>,
    pub dir: Dir,
    pub traffic: Traffic,
    pub hops: Vec<Hop>,
    pub steps: usize,
    pub nats: Vec<NatRecord<'e>>,
    /// Security-group references still apply to the source (no NAT, IGW, TGW or inter-region
    /// peering crossed).
    pub refs_ok: bool,
    pub src: &'t End<'e>,
    pub dst: &'t End<'e>,
    /// The Availability Zone the packet entered a transit gateway in (AZ affinity).
    pub az: Option<&'e str>,
    /// The client's ephemeral range (replies to it).
    pub client_ports: (u16, u16),
    /// The egress-only internet gateways the request left by: they let the reply back in.
    pub eigws: Vec<&'e EgressOnlyInternetGateway>,
}

impl<'t, 'e> Walker<'t, 'e> {
    /// Pushes `hop` and turns it into the `blocked` reason.
    pub(crate) fn fail(&mut self, mut hop: Hop, code: Code, at: &str) -> Box<Blocked> {
        if hop.decision != Decision::Deny {
            hop.decision = Decision::Drop;
        }
        let blocked = Blocked {
            code,
            at: at.to_string(),
            message: hop.message.clone(),
            at_name: None,
            route: None,
            rule: None,
            title: code.title(),
            headline: String::new(),
        };
        self.hops.push(hop);
        Box::new(blocked)
    }

    /// When the packet has gone out to the internet although `pkt.dst` is a private address:
    /// the route that sent it there is at fault. Fills `hop` with that route and a sentence that
    /// names its table and VPC, and returns the table's id (the resource to look at); `None`
    /// when no route lookup was made.
    pub(crate) fn sent_out(&self, hop: &mut Hop, pkt: Pkt, private_of: &str) -> Option<String> {
        let last = self
            .hops
            .iter()
            .rev()
            .find(|h| h.route_table.is_some() && h.matched.is_some())?;
        let rtb = last.route_table.clone()?;
        let vpc = self
            .t
            .estate
            .route_tables
            .get(&rtb.as_str().into())
            .map(|t| format!(" of {}", t.vpc))
            .unwrap_or_default();
        let route = format!(
            "{} → {}",
            last.matched.clone().unwrap_or_default(),
            last.target.clone().unwrap_or_default()
        );
        // Who sent it, before any address translation on the way out.
        let (what, from, way) = match self.dir {
            Dir::Forward => ("the packet", &self.src.id, "to it"),
            Dir::Return => ("the reply", &self.dst.id, "back"),
        };
        hop.message = format!(
            "{what} from {from} to {} finds no route {way} in route table {rtb}{vpc}: its route {route} sends it out to the internet, where {} (a private address of {private_of}) is not routed. Each side of a connection needs a route to the other",
            pkt.dst, pkt.dst
        );
        hop.route_table = last.route_table.clone();
        hop.matched = last.matched.clone();
        hop.target = last.target.clone();
        Some(rtb)
    }

    /// `NO_ROUTE`, or `NO_RETURN_ROUTE` for the reply.
    pub(crate) fn no_route(&self) -> Code {
        match self.dir {
            Dir::Forward => Code::NoRoute,
            Dir::Return => Code::NoReturnRoute,
        }
    }

    pub(crate) fn what(&self) -> &'static str {
        match self.dir {
            Dir::Forward => "the packet",
            Dir::Return => "the reply",
        }
    }

    /// The traffic in words: `tcp port 22`, `the reply (tcp to ports 32768-60999)`.
    pub(crate) fn traffic_words(&self) -> String {
        let t = &self.traffic;
        let what = match (t.proto, self.dir) {
            (Proto::Tcp | Proto::Udp, _) if t.ports.0 == t.ports.1 => {
                format!("{} port {}", t.proto, t.ports.0)
            }
            (Proto::Tcp | Proto::Udp, _) => format!("{} to ports {}-{}", t.proto, t.ports.0, t.ports.1),
            (Proto::Icmp, Dir::Forward) => "icmp echo request".into(),
            (Proto::Icmp, Dir::Return) => "icmp echo reply".into(),
            (Proto::All, _) => "all traffic".into(),
        };
        match self.dir {
            Dir::Forward => what,
            Dir::Return => format!("the reply ({what})"),
        }
    }

    fn count_step(&mut self, at: &str) -> Result<(), Box<Blocked>> {
        self.steps += 1;
        if self.steps > MAX_STEPS {
            let hop = Hop::new(
                at,
                HopKind::RouteTable,
                Decision::Drop,
                format!(
                    "{} has gone through {MAX_STEPS} route lookups: the routes send it round in a loop",
                    self.what()
                ),
            );
            return Err(self.fail(hop, Code::RoutingLoop, at));
        }
        Ok(())
    }

    /// Evaluates the network ACL of `subnet` for the packet leaving (`egress`) or entering it.
    /// `remote` is the destination for outbound rules, the source for inbound ones.
    pub(crate) fn nacl(
        &mut self,
        subnet: &'e Subnet,
        egress: bool,
        remote: IpAddr,
    ) -> Result<(), Box<Blocked>> {
        let Some((acl, rules)) = self.t.acl(subnet) else {
            return Ok(());
        };
        let verdict = acl_evaluate(rules, egress, remote, &self.traffic);
        let (way, word) = if egress {
            ("outbound", "to")
        } else {
            ("inbound", "from")
        };
        let traffic = self.traffic_words();
        let mut hop = Hop::new(acl.id.as_str(), HopKind::NetworkAcl, Decision::Allow, "");
        hop.target = Some(subnet.id.to_string());
        let ports_note = if self.dir == Dir::Return && self.traffic.proto.has_ports() {
            format!(
                " The reply goes to the client's ephemeral ports {}-{}: network ACLs are stateless, so replies need their own rule (AWS recommends allowing 1024-65535).",
                self.traffic.ports.0, self.traffic.ports.1
            )
        } else {
            String::new()
        };
        match verdict {
            AclVerdict::Allow(entry) => {
                hop.rule = Some(describe_acl_entry(entry));
                hop.message = format!(
                    "network ACL {} of {} allows {way} {traffic} {word} {remote} ({})",
                    acl.id,
                    subnet.id,
                    describe_acl_entry(entry)
                );
                self.hops.push(hop);
                Ok(())
            }
            AclVerdict::Deny(entry, (a, b)) => {
                hop.rule = Some(describe_acl_entry(entry));
                hop.decision = Decision::Deny;
                let ports = if self.traffic.proto.has_ports() && (a, b) != self.traffic.ports {
                    format!(" (ports {a}-{b})")
                } else {
                    String::new()
                };
                hop.message = format!(
                    "network ACL {} of {} denies {way} {traffic}{ports} {word} {remote}: {} is the first rule that matches.{ports_note}",
                    acl.id,
                    subnet.id,
                    describe_acl_entry(entry)
                );
                Err(self.fail(hop, Code::NaclDeny, acl.id.as_str()))
            }
            AclVerdict::ImplicitDeny((a, b)) => {
                hop.rule = Some("rule * deny all".into());
                hop.decision = Decision::Deny;
                let ports = if self.traffic.proto.has_ports() && (a, b) != self.traffic.ports {
                    format!(" (ports {a}-{b})")
                } else {
                    String::new()
                };
                hop.message = format!(
                    "network ACL {} of {} denies {way} {traffic}{ports} {word} {remote}: no numbered rule matches, so the final * rule denies it.{ports_note}",
                    acl.id, subnet.id
                );
                Err(self.fail(hop, Code::NaclDeny, acl.id.as_str()))
            }
        }
    }

    /// Looks up `pkt.dst` in the route table of `subnet` and follows the winning route.
    /// `after_nat` is the NAT gateway that just translated the packet (the lookup is in its
    /// subnet's table).
    pub(crate) fn route_from(
        &mut self,
        vpc: &'e Vpc,
        subnet: &'e Subnet,
        pkt: Pkt,
        arrival: Arrival<'e>,
        after_nat: Option<&'e NatGateway>,
    ) -> WalkStep<'e> {
        self.count_step(subnet.id.as_str())?;
        let Some(rt) = self.t.route_table(subnet) else {
            let hop = Hop::new(
                subnet.id.as_str(),
                HopKind::RouteTable,
                Decision::Drop,
                format!(
                    "{} has no route table: it has no explicit association and {} has no main route table in the documents",
                    subnet.id, vpc.id
                ),
            );
            let code = self.no_route();
            return Err(self.fail(hop, code, subnet.id.as_str()));
        };
        let chosen = self
            .t
            .index(rt)
            .and_then(|ix| ix.lookup(pkt.dst))
            .map(|(i, m)| (&rt.routes[i], m));
        let mut hop = Hop::new(subnet.id.as_str(), HopKind::RouteTable, Decision::Forward, "");
        hop.route_table = Some(rt.id.to_string());
        let Some((route, matched)) = chosen else {
            let outside = !self.t.vpc_order.iter().any(|v| v.holds(pkt.dst));
            if let (Some(nat), true) = (after_nat, outside) {
                hop.message = format!(
                    "{} lives in {}, whose route table {} has no route for {}: a NAT gateway must sit in a public subnet, one whose route table sends 0.0.0.0/0 to an internet gateway",
                    nat.id, subnet.id, rt.id, pkt.dst
                );
                return Err(self.fail(hop, Code::NoInternetAccess, rt.id.as_str()));
            }
            hop.message = format!(
                "route table {} of {} has no route for {}: no route's destination holds that address{}",
                rt.id,
                subnet.id,
                pkt.dst,
                if self.dir == Dir::Return {
                    ", so the reply cannot get back (each side of a connection needs a route to the other)"
                } else {
                    ""
                }
            );
            let code = self.no_route();
            return Err(self.fail(hop, code, rt.id.as_str()));
        };
        let shown = match &route.destination {
            Destination::Cidr(c) => c.to_string(),
            Destination::PrefixList(p) => format!("{p} ({matched})"),
        };
        hop.matched = Some(shown.clone());
        hop.target = Some(route.target.id());
        if route.state == RouteState::Blackhole {
            hop.message = format!(
                "route table {} of {} sends {} by its route {shown} → {}, and that route is a blackhole: {}. A blackhole route still wins the longest prefix match, and drops the packet",
                rt.id,
                subnet.id,
                pkt.dst,
                route.target.id(),
                self.gone(&route.target)
            );
            return Err(self.fail(hop, Code::BlackholeRoute, rt.id.as_str()));
        }
        hop.message = format!(
            "route table {} of {} sends {} to {} (longest prefix match: {shown})",
            rt.id,
            subnet.id,
            pkt.dst,
            route.target.id()
        );
        self.hops.push(hop);
        match &route.target {
            Target::Local => self.local(vpc, Some(subnet), pkt, arrival),
            Target::VpcPeering(id) => {
                self.nacl(subnet, true, pkt.dst)?;
                self.peering(vpc, id.as_str(), pkt)
            }
            Target::TransitGateway(id) => self.tgw_enter(vpc, subnet, id.as_str(), pkt),
            Target::InternetGateway(id) => {
                self.nacl(subnet, true, pkt.dst)?;
                self.igw_out(vpc, id.as_str(), pkt, arrival)
            }
            Target::NatGateway(id) => {
                if let Some(nat) = after_nat {
                    let hop = Hop::new(
                        nat.id.as_str(),
                        HopKind::NatGateway,
                        Decision::Drop,
                        format!(
                            "{} lives in {}, whose route table {} sends {} to a NAT gateway again, not to an internet gateway: a NAT gateway must sit in a public subnet",
                            nat.id, subnet.id, rt.id, pkt.dst
                        ),
                    );
                    return Err(self.fail(hop, Code::NoInternetAccess, rt.id.as_str()));
                }
                self.nat(vpc, subnet, id.as_str(), pkt, arrival)
            }
            Target::GatewayEndpoint(id) => {
                self.nacl(subnet, true, pkt.dst)?;
                self.gateway_endpoint(vpc, id.as_str(), pkt, arrival)
            }
            Target::EgressOnlyInternetGateway(id) => {
                self.nacl(subnet, true, pkt.dst)?;
                self.eigw_out(vpc, id.as_str(), pkt, arrival)
            }
            Target::VirtualPrivateGateway(id) => {
                self.nacl(subnet, true, pkt.dst)?;
                self.vgw_out(vpc, id.as_str(), pkt, arrival)
            }
            other => {
                let why = match other {
                    Target::Eni(_) | Target::Instance(_) => "a route to a network interface or instance hands the packet to an appliance whose forwarding vpclab does not model",
                    _ => "vpclab does not follow this kind of target",
                };
                let hop = Hop::new(
                    other.id(),
                    HopKind::RouteTable,
                    Decision::Drop,
                    format!("{} goes to {}: {why}", self.what(), other.id()),
                );
                Err(self.fail(hop, Code::NotModelled, rt.id.as_str()))
            }
        }
    }

    /// Why a blackhole route's target cannot carry traffic, as the estate shows it: a peering
    /// pending acceptance (AWS shows its routes as blackholes until the accepter accepts), a
    /// peering deleted, rejected or expired, a NAT gateway deleted or failed, a target gone.
    /// See "Route table concepts" (route status), Amazon VPC User Guide, and "VPC peering
    /// connection lifecycle", VPC Peering guide.
    fn gone(&self, target: &Target) -> String {
        let e = self.t.estate;
        let id = target.id();
        match target {
            Target::VpcPeering(p) => match e.peerings.get(p) {
                Some(p) if p.status == PeeringStatus::PendingAcceptance => format!(
                    "peering {id} is pending acceptance: accept it in the accepter's account ({}, which owns {}); until then AWS shows its routes as blackholes",
                    p.accepter.owner, p.accepter.vpc
                ),
                Some(p) if p.status == PeeringStatus::Active => format!(
                    "peering {id} is active, but the route was left marked as a blackhole: delete the route and add it again"
                ),
                Some(p) => format!(
                    "peering {id} is {}: it will never carry traffic again. Delete the route, or point it at an active peering",
                    p.status.name()
                ),
                None => format!("peering {id} no longer exists (it was deleted)"),
            },
            Target::NatGateway(n) => match e.nat_gateways.get(n) {
                Some(n) if n.state != "available" && n.state != "pending" => format!(
                    "NAT gateway {id} is {}: replace it, and point the route at the new one",
                    n.state
                ),
                Some(_) => format!("NAT gateway {id} is not usable"),
                None => format!("NAT gateway {id} no longer exists (it was deleted): point the route at a live NAT gateway"),
            },
            Target::InternetGateway(g) => match e.internet_gateways.get(g) {
                Some(g) if g.attached_vpc.is_none() => {
                    format!("internet gateway {id} is detached from every VPC")
                }
                Some(_) => format!("internet gateway {id} is not usable"),
                None => format!("internet gateway {id} no longer exists (it was deleted)"),
            },
            Target::TransitGateway(t) if !e.transit_gateways.contains_key(t) => {
                format!("transit gateway {id} no longer exists")
            }
            Target::TransitGateway(_) => {
                format!("the VPC has no available attachment to transit gateway {id}")
            }
            Target::Instance(i) if !e.instances.contains_key(i) => {
                format!("instance {id} no longer exists")
            }
            Target::Eni(i) if !e.enis.contains_key(i) => {
                format!("network interface {id} no longer exists")
            }
            _ => format!("its target {id} is gone or unusable"),
        }
    }

    /// Delivery inside `vpc` by its local route: to the subnet holding `pkt.dst`, through the
    /// network ACLs of the subnet left (`from`) and the subnet entered.
    pub(crate) fn local(
        &mut self,
        vpc: &'e Vpc,
        from: Option<&'e Subnet>,
        pkt: Pkt,
        arrival: Arrival<'e>,
    ) -> WalkStep<'e> {
        let Some(to) = self.t.subnet_at(vpc.id.as_str(), pkt.dst) else {
            let hop = Hop::new(
                vpc.id.as_str(),
                HopKind::RouteTable,
                Decision::Drop,
                format!(
                    "{} is inside {} ({}) but inside none of its subnets: nothing can hold that address",
                    pkt.dst,
                    vpc.id,
                    vpc.blocks_text(pkt.dst)
                ),
            );
            return Err(self.fail(hop, Code::AddressNotInSubnet, vpc.id.as_str()));
        };
        if from.map(|s| &s.id) != Some(&to.id) {
            if let Some(from) = from {
                self.nacl(from, true, pkt.dst)?;
            }
            self.nacl(to, false, pkt.src)?;
        }
        self.arrive(vpc, to, pkt, arrival)
    }
}
