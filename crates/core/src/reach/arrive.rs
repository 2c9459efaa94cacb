//! The end of a walk: the request at its destination (instance state, interface endpoint,
//! inbound security-group rules), or the reply at a NAT gateway (which undoes its translation)
//! or at the client.

use super::endpoint::EndPlace;
use super::filters::{describe_sg_rule, sg_allows, Remote, ICMPV6_ECHO_REPLY};
use super::query::Proto;
use super::trace::{Code, Decision, Hop, HopKind};
use super::walk::{Arrival, Dir, Pkt, Reached, WalkStep, Walker, WIDE_EPHEMERAL};
use crate::model::{Subnet, Vpc};

impl<'t, 'e> Walker<'t, 'e> {
    /// The packet is at `pkt.dst` in `subnet`: the forward destination (security groups, state),
    /// a NAT gateway undoing its translation (reply), or the client (reply).
    pub(crate) fn arrive(
        &mut self,
        vpc: &'e Vpc,
        subnet: &'e Subnet,
        pkt: Pkt,
        arrival: Arrival<'e>,
    ) -> WalkStep<'e> {
        match self.dir {
            Dir::Return => self.arrive_reply(vpc, subnet, pkt, arrival),
            Dir::Forward => self.arrive_request(vpc, subnet, pkt),
        }
    }

    fn arrive_reply(
        &mut self,
        vpc: &'e Vpc,
        subnet: &'e Subnet,
        pkt: Pkt,
        arrival: Arrival<'e>,
    ) -> WalkStep<'e> {
        let undo = self
            .nats
            .last()
            .is_some_and(|r| r.nat_ip == pkt.dst && r.nat.vpc == vpc.id);
        if undo {
            if let Some(rec) = self.nats.pop() {
                let back = Pkt {
                    src: rec.original_dst.unwrap_or(pkt.src),
                    dst: rec.original_src,
                };
                if rec.original_dst.is_some() && self.traffic.proto == Proto::Icmp {
                    self.traffic.icmp_type = ICMPV6_ECHO_REPLY;
                }
                let mut hop = Hop::new(
                    rec.nat.id.as_str(),
                    HopKind::NatGateway,
                    Decision::Translate,
                    match rec.original_dst {
                        Some(from) => format!(
                            "{} matches the reply to its connection and translates it back to IPv6 (NAT64): source {} → {from}, destination {} → {}",
                            rec.nat.id, pkt.src, rec.nat_ip, rec.original_src
                        ),
                        None => format!(
                            "{} matches the reply to its connection and sends it back to {} (destination {} → {})",
                            rec.nat.id, rec.original_src, rec.nat_ip, rec.original_src
                        ),
                    },
                );
                hop.target = Some(rec.original_src.to_string());
                self.hops.push(hop);
                self.traffic.ports = if self.nats.is_empty() {
                    self.client_ports
                } else {
                    WIDE_EPHEMERAL
                };
                return self.route_from(vpc, subnet, back, arrival, None);
            }
        }
        let client = self.src;
        if client.vpc().map(|v| &v.id) != Some(&vpc.id) || pkt.dst != client.address {
            let hop = Hop::new(
                vpc.id.as_str(),
                HopKind::Host,
                Decision::Drop,
                format!(
                    "the reply to {} arrives in {}, but the client {} is elsewhere: longest prefix match chose a route to another VPC holding the same addresses",
                    pkt.dst, vpc.id, client.id
                ),
            );
            return Err(self.fail(hop, Code::ReturnToWrongPeer, vpc.id.as_str()));
        }
        let hop = Hop::new(
            client.id.as_str(),
            client.kind,
            Decision::Deliver,
            format!("the reply arrives at {} ({})", client.id, pkt.dst),
        );
        self.hops.push(hop);
        Ok(Reached::Host { vpc, subnet, pkt })
    }

    fn arrive_request(&mut self, vpc: &'e Vpc, subnet: &'e Subnet, pkt: Pkt) -> WalkStep<'e> {
        let dest = self.dst;
        let here = matches!(dest.place, EndPlace::Subnet { vpc: v, .. } if v.id == vpc.id)
            && pkt.dst == dest.address;
        if !here {
            let hop = Hop::new(
                vpc.id.as_str(),
                HopKind::Host,
                Decision::Drop,
                format!(
                    "the packet for {} arrives in {}, but the destination {} is in {}: the route chose another VPC holding the same addresses",
                    pkt.dst,
                    vpc.id,
                    dest.id,
                    dest.vpc().map_or("another place".to_string(), |v| v.id.to_string())
                ),
            );
            return Err(self.fail(hop, Code::DeliveredToWrongVpc, vpc.id.as_str()));
        }
        if let Some(state) = dest.state.filter(|s| !s.is_empty() && *s != "running") {
            let hop = Hop::new(
                dest.id.as_str(),
                dest.kind,
                Decision::Drop,
                format!("{} is {state}: only a running instance receives traffic", dest.id),
            );
            return Err(self.fail(hop, Code::InstanceNotRunning, dest.id.as_str()));
        }
        if let Some(ep) = dest.endpoint {
            if !ep.state.eq_ignore_ascii_case("available") {
                let hop = Hop::new(
                    ep.id.as_str(),
                    HopKind::InterfaceEndpoint,
                    Decision::Drop,
                    format!(
                        "interface endpoint {} is {}: only an available endpoint serves requests",
                        ep.id, ep.state
                    ),
                );
                return Err(self.fail(hop, Code::EndpointNotAvailable, ep.id.as_str()));
            }
            let https = self.traffic.proto == Proto::Tcp && self.traffic.ports == (443, 443);
            if ep.service_name.starts_with("com.amazonaws.") && !https {
                let hop = Hop::new(
                    ep.id.as_str(),
                    HopKind::InterfaceEndpoint,
                    Decision::Drop,
                    format!(
                        "interface endpoint {} serves {} over HTTPS only (tcp port 443), not {}",
                        ep.id,
                        ep.service_name,
                        self.traffic_words()
                    ),
                );
                return Err(self.fail(hop, Code::EndpointServicePort, ep.id.as_str()));
            }
        }
        if let Some(ids) = dest.groups {
            let groups = self.t.groups(ids);
            let src_vpc = self.src.vpc().map(|v| v.id.as_str()).unwrap_or("");
            let refs = match self.src.groups {
                Some(g)
                    if self.refs_ok
                        && pkt.src == self.src.address
                        && self.t.group_refs_apply(src_vpc, vpc.id.as_str()) =>
                {
                    g
                }
                _ => &[],
            };
            let remote = Remote {
                ip: pkt.src,
                groups: refs,
            };
            match sg_allows(&groups, true, &self.traffic, &remote, &self.t.estate.prefix_lists) {
                Some((sg, rule)) => {
                    let mut hop = Hop::new(
                        sg.id.as_str(),
                        HopKind::SecurityGroup,
                        Decision::Allow,
                        format!(
                            "security group {} of {} allows inbound {} from {} ({})",
                            sg.id,
                            dest.id,
                            self.traffic_words(),
                            pkt.src,
                            describe_sg_rule(rule, true)
                        ),
                    );
                    hop.rule = Some(describe_sg_rule(rule, true));
                    self.hops.push(hop);
                }
                None => {
                    let at = ids.first().map_or(dest.id.clone(), |g| g.to_string());
                    let names: Vec<String> = ids.iter().map(|g| g.to_string()).collect();
                    let mut why = String::new();
                    if pkt.src != self.src.address {
                        why = format!(
                            " (the source arrives as {}, translated on the way, so rules naming the client's own address or security group do not match)",
                            pkt.src
                        );
                    }
                    let hop = Hop::new(
                        at.as_str(),
                        HopKind::SecurityGroup,
                        Decision::Deny,
                        format!(
                            "no inbound rule of {} on {} allows {} from {}{why}: security groups allow only what a rule names",
                            if names.is_empty() { "its security groups".to_string() } else { names.join(", ") },
                            dest.id,
                            self.traffic_words(),
                            pkt.src
                        ),
                    );
                    return Err(self.fail(hop, Code::SgIngressDeny, at.as_str()));
                }
            }
        }
        let hop = Hop::new(
            dest.id.as_str(),
            dest.kind,
            Decision::Deliver,
            format!("arrives at {} ({}) in {}", dest.id, pkt.dst, subnet.id),
        );
        self.hops.push(hop);
        Ok(Reached::Host { vpc, subnet, pkt })
    }
}
