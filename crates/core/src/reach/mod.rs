//! Reachability: can A set up a connection to B, and if not, which hop drops it and why?
//!
//! [`Topology::build`] indexes an [`Estate`](crate::model::Estate) once; [`Topology::trace`]
//! answers a [`Query`] with a [`Trace`]: the forward path and the return path hop by hop (route
//! table and matched route, security-group and network-ACL rules, gateways), and, when blocked,
//! a stable [`Code`] for the first failing hop. Reachable means both paths work: security groups
//! are stateful (the reply of an allowed request passes them), network ACLs and routes are not
//! (the reply needs its own rules and routes). [`Topology::vpc_matrix`] answers "which VPC
//! reaches which" by routes alone, for whole estates.
//!
//! The AWS behaviour modelled, with the pages it comes from, is listed in each step's doc
//! comment (`walk.rs`, `arrive.rs`, `peering.rs`, `tgw.rs`, `edge.rs`, `filters.rs`); `../shared/AWS-FACTS.md` gathers it.
//! IPv4 and IPv6 are walked alike, each by its own routes and rules (a query is one family end
//! to end; NAT64 is a NAT gateway's translation between them). VPN and Direct Connect are
//! followed to the edge of AWS (`onprem.rs`): an on-premises address is a destination, like the
//! internet, reached through a virtual private gateway or a transit gateway attachment.
//! Not modelled: what lies on premises (the customer's routers, BGP advertisements), appliances
//! behind ENI routes, Gateway Load Balancer endpoints, ingress routing (edge associations), DNS
//! beyond an interface endpoint's private DNS.

mod arrive;
mod choices;
mod edge;
mod endpoint;
mod explain;
mod filters;
mod matrix;
mod names;
mod onprem;
mod peering;
mod query;
mod tgw;
mod topology;
mod trace;
mod walk;

pub use choices::{choices, Choice};
pub use filters::{acl_evaluate, sg_allows, sg_rule_allows, AclVerdict, Remote, Traffic};
pub use matrix::VpcMatrix;
pub use names::{label, name_of, named, with_names};
pub use query::{Proto, Query, ReachError};
pub use topology::Topology;
pub use trace::{Blocked, Code, Decision, EndpointInfo, Hop, HopKind, Path, ReturnPath, Trace};
pub use walk::{CLIENT_EPHEMERAL, WIDE_EPHEMERAL};

use endpoint::EndPlace;
use filters::{describe_sg_rule, ICMPV6_ECHO_REPLY, ICMPV6_ECHO_REQUEST, ICMP_ECHO_REPLY, ICMP_ECHO_REQUEST};
use walk::{Arrival, Dir, Pkt, Reached, WalkStep, Walker};

use crate::model::Estate;

/// Builds the topology of `estate` and traces one query (for one-off questions).
pub fn trace(estate: &Estate, query: &Query) -> Result<Trace, ReachError> {
    Topology::build(estate).trace(query)
}

impl<'e> Topology<'e> {
    /// Traces `query`: the request from `from` to `to`, then (if it arrives) the reply.
    ///
    /// Errors (not traces) for questions that cannot be asked: an unknown instance or ENI id, an
    /// address inside a VPC but no subnet, an ambiguous address (identical CIDRs: name the
    /// instance instead), a service as the source, TCP/UDP without a port.
    ///
    /// An instance or ENI destination is addressed by its private IP (over local routes,
    /// peering, transit gateways); name its public IP to go over the internet instead.
    ///
    /// # Examples
    /// ```
    /// use vpclab_core::aws::import_documents;
    /// use vpclab_core::reach::{Query, Topology};
    /// let doc = serde_json::json!({"AccountId": "111122223333", "Region": "us-east-1",
    ///     "Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}],
    ///     "Subnets": [{"SubnetId": "subnet-1", "VpcId": "vpc-1", "CidrBlock": "10.0.1.0/24",
    ///                  "AvailabilityZone": "us-east-1a"}],
    ///     "RouteTables": [{"RouteTableId": "rtb-1", "VpcId": "vpc-1", "Associations": [{"Main": true}],
    ///                      "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local"}]}],
    ///     "Reservations": [{"Instances": [{"InstanceId": "i-1", "VpcId": "vpc-1",
    ///         "SubnetId": "subnet-1", "PrivateIpAddress": "10.0.1.10", "State": {"Name": "running"},
    ///         "SecurityGroups": [{"GroupId": "sg-1"}]}]}],
    ///     "SecurityGroups": [{"GroupId": "sg-1", "VpcId": "vpc-1",
    ///         "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]}]});
    /// let estate = import_documents(&[("lab.json".into(), doc)]).unwrap();
    /// let topology = Topology::build(&estate);
    /// // Another host in the subnet (no security group of its own): reachable, both ways.
    /// let t = topology.trace(&Query::tcp("i-1", "10.0.1.20", 5432)).unwrap();
    /// assert!(t.reachable);
    /// // The internet: no route.
    /// let t = topology.trace(&Query::tcp("i-1", "198.51.100.7", 443)).unwrap();
    /// assert_eq!(t.blocked.unwrap().code.as_str(), "NO_ROUTE");
    /// // Bad questions are errors.
    /// assert!(topology.trace(&Query::tcp("i-2", "i-1", 22)).is_err());
    /// ```
    pub fn trace(&self, query: &Query) -> Result<Trace, ReachError> {
        let port = match (query.protocol.has_ports(), query.port) {
            (true, Some(p)) => p,
            (true, None) => {
                return Err(ReachError::new(format!(
                    "{} needs a destination port (for example --port 443)",
                    query.protocol
                )))
            }
            (false, _) => 0,
        };
        let is = |text: &str, v6: bool| {
            text.trim()
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_ipv6() == v6)
        };
        let ipv6 = query.ipv6 || is(&query.from, true) || is(&query.to, true);
        if ipv6 && (is(&query.from, false) || is(&query.to, false)) {
            return Err(ReachError::new(format!(
                "{} and {} are of different address families: a packet is IPv4 or IPv6 from end to end (to reach an IPv4 host from an IPv6-only subnet, ask for its NAT64 address 64:ff9b::a.b.c.d)",
                query.from, query.to
            )));
        }
        let src = self.resolve(&query.from, None, ipv6)?;
        if matches!(src.place, EndPlace::Service) {
            return Err(ReachError::new(format!(
                "{} is an AWS service range: a service can be a destination, not a source",
                query.from
            )));
        }
        if matches!(src.place, EndPlace::NoSubnet { .. }) {
            return Err(ReachError::new(format!(
                "{} is inside a VPC but inside none of its subnets: nothing there can send",
                query.from
            )));
        }
        let dst = self.resolve(&query.to, Some(&src), ipv6)?;
        if src.vpc().is_none() && dst.vpc().is_none() {
            return Err(ReachError::new(format!(
                "both {} and {} are outside every VPC: nothing in the estate lies between them",
                query.from, query.to
            )));
        }
        if src.id == dst.id && src.address == dst.address {
            return Err(ReachError::new(format!("from and to are the same ({})", src.id)));
        }
        let traffic = Traffic {
            proto: query.protocol,
            ports: if query.protocol.has_ports() {
                (port, port)
            } else {
                (0, u16::MAX)
            },
            icmp_type: if ipv6 {
                ICMPV6_ECHO_REQUEST
            } else {
                ICMP_ECHO_REQUEST
            },
        };
        let client_ports = if src.subnet().is_some() {
            CLIENT_EPHEMERAL
        } else {
            WIDE_EPHEMERAL
        };
        let mut w = Walker {
            t: self,
            dir: Dir::Forward,
            traffic,
            hops: Vec::new(),
            steps: 0,
            nats: Vec::new(),
            refs_ok: true,
            src: &src,
            dst: &dst,
            az: None,
            client_ports,
            eigws: Vec::new(),
        };
        let forward = w.forward();
        let forward_hops = std::mem::take(&mut w.hops);
        let reached = match forward {
            Ok(r) => r,
            Err(blocked) => {
                return Ok(self.explained(Trace {
                    reachable: false,
                    forward: Path {
                        reached: false,
                        hops: forward_hops,
                    },
                    return_path: ReturnPath {
                        reached: None,
                        hops: Vec::new(),
                    },
                    blocked: Some(*blocked),
                    from: src.info(),
                    to: dst.info(),
                    protocol: query.protocol.to_string(),
                    port: query.port.filter(|_| query.protocol.has_ports()),
                }))
            }
        };
        w.dir = Dir::Return;
        w.steps = 0;
        w.traffic = Traffic {
            proto: query.protocol,
            ports: if !query.protocol.has_ports() {
                (0, u16::MAX)
            } else if w.nats.is_empty() {
                client_ports
            } else {
                WIDE_EPHEMERAL
            },
            // After NAT64 the reply starts as IPv4 (the NAT gateway turns it back into IPv6).
            icmp_type: if ipv6 && !w.nats.iter().any(|r| r.original_dst.is_some()) {
                ICMPV6_ECHO_REPLY
            } else {
                ICMP_ECHO_REPLY
            },
        };
        let back = w.reply(reached);
        let blocked = back.as_ref().err().map(|b| (**b).clone());
        Ok(self.explained(Trace {
            reachable: blocked.is_none(),
            forward: Path {
                reached: true,
                hops: forward_hops,
            },
            return_path: ReturnPath {
                reached: Some(blocked.is_none()),
                hops: w.hops,
            },
            blocked,
            from: src.info(),
            to: dst.info(),
            protocol: query.protocol.to_string(),
            port: query.port.filter(|_| query.protocol.has_ports()),
        }))
    }
}

impl<'t, 'e> Walker<'t, 'e> {
    /// The request: from the source's interface (state, outbound security-group rules), or in
    /// from the internet.
    fn forward(&mut self) -> WalkStep<'e> {
        let src = self.src;
        let dst = self.dst;
        // From on premises a host is reached by its private address, as from inside AWS.
        let onprem = src.subnet().is_none() && !dst.via_public && self.sent_from_onprem(src.address);
        let dst_addr = match (&dst.place, dst.via_public || (src.subnet().is_none() && !onprem)) {
            (EndPlace::Subnet { .. }, true) => match dst.public_ip {
                Some(ip) => ip,
                None => {
                    let hop = Hop::new(
                        dst.id.as_str(),
                        dst.kind,
                        Decision::Drop,
                        format!(
                            "{} has no public IPv4 address: nothing on the internet can reach it over IPv4",
                            dst.id
                        ),
                    );
                    return Err(self.fail(hop, Code::NoInternetAccess, dst.id.as_str()));
                }
            },
            _ => dst.address,
        };
        let note = [&src.note, &dst.note]
            .iter()
            .filter_map(|n| n.as_deref())
            .map(|n| format!(" ({n})"))
            .collect::<String>();
        let mut hop = Hop::new(
            src.id.as_str(),
            src.kind,
            Decision::Send,
            format!(
                "{} ({}) sends {} to {} ({dst_addr}){note}",
                src.id,
                src.address,
                self.traffic_words(),
                dst.id
            ),
        );
        hop.target = Some(dst.id.clone());
        self.hops.push(hop);
        let pkt = Pkt {
            src: src.address,
            dst: dst_addr,
        };
        let (vpc, subnet) = match &src.place {
            EndPlace::Subnet { vpc, subnet } => (*vpc, *subnet),
            _ => {
                if let Some(step) = self.onprem_in(pkt) {
                    return step;
                }
                return self.internet(pkt);
            }
        };
        if let Some(state) = src.state.filter(|s| !s.is_empty() && *s != "running") {
            let hop = Hop::new(
                src.id.as_str(),
                src.kind,
                Decision::Drop,
                format!("{} is {state}: only a running instance sends traffic", src.id),
            );
            return Err(self.fail(hop, Code::InstanceNotRunning, src.id.as_str()));
        }
        if let Some(ids) = src.groups {
            let groups = self.t.groups(ids);
            let refs = match (dst.groups, dst.vpc()) {
                (Some(g), Some(dv))
                    if !dst.via_public && self.t.group_refs_apply(vpc.id.as_str(), dv.id.as_str()) =>
                {
                    g
                }
                _ => &[],
            };
            let remote = Remote {
                ip: dst_addr,
                groups: refs,
            };
            match sg_allows(
                &groups,
                false,
                &self.traffic,
                &remote,
                &self.t.estate.prefix_lists,
            ) {
                Some((sg, rule)) => {
                    let mut hop = Hop::new(
                        sg.id.as_str(),
                        HopKind::SecurityGroup,
                        Decision::Allow,
                        format!(
                            "security group {} of {} allows outbound {} to {dst_addr} ({})",
                            sg.id,
                            src.id,
                            self.traffic_words(),
                            describe_sg_rule(rule, false)
                        ),
                    );
                    hop.rule = Some(describe_sg_rule(rule, false));
                    self.hops.push(hop);
                }
                None => {
                    let at = ids.first().map_or(src.id.clone(), |g| g.to_string());
                    let names: Vec<String> = ids.iter().map(|g| g.to_string()).collect();
                    let hop = Hop::new(
                        at.as_str(),
                        HopKind::SecurityGroup,
                        Decision::Deny,
                        format!(
                            "no outbound rule of {} on {} allows {} to {dst_addr}: security groups allow only what a rule names",
                            if names.is_empty() { "its security groups".to_string() } else { names.join(", ") },
                            src.id,
                            self.traffic_words()
                        ),
                    );
                    return Err(self.fail(hop, Code::SgEgressDeny, at.as_str()));
                }
            }
        }
        self.route_from(vpc, subnet, pkt, Arrival::Origin, None)
    }

    /// The reply, from where the request arrived back to the address it came from.
    fn reply(&mut self, reached: Reached<'e>) -> WalkStep<'e> {
        let (at, kind, pkt) = match &reached {
            Reached::Host { pkt, .. } => (self.dst.id.clone(), self.dst.kind, *pkt),
            Reached::Internet { pkt } => (pkt.dst.to_string(), HopKind::Internet, *pkt),
            Reached::Service { pkt, .. } => (self.dst.id.clone(), HopKind::Service, *pkt),
            Reached::OnPremises { pkt, .. } => (pkt.dst.to_string(), HopKind::OnPremises, *pkt),
        };
        let back = Pkt {
            src: pkt.dst,
            dst: pkt.src,
        };
        let mut hop = Hop::new(
            at.as_str(),
            kind,
            Decision::Send,
            format!(
                "{at} replies from {} to {} (security groups are stateful: the reply to an allowed request is allowed; routes and network ACLs are checked again)",
                back.src, back.dst
            ),
        );
        hop.target = Some(back.dst.to_string());
        self.hops.push(hop);
        let result = match reached {
            Reached::Host { vpc, subnet, .. } => self.route_from(vpc, subnet, back, Arrival::Origin, None),
            Reached::Service { via: Some(ep), .. } => {
                let Some(vpc) = self.t.vpc(ep.vpc.as_str()) else {
                    return self.internet(back);
                };
                let mut hop = Hop::new(
                    ep.id.as_str(),
                    HopKind::GatewayEndpoint,
                    Decision::Forward,
                    format!(
                        "the reply comes back into {} through gateway endpoint {}",
                        vpc.id, ep.id
                    ),
                );
                hop.target = Some(vpc.id.to_string());
                self.hops.push(hop);
                self.local(vpc, None, back, Arrival::Endpoint)
            }
            Reached::Service { via: None, .. } | Reached::Internet { .. } => self.internet(back),
            Reached::OnPremises { via, .. } => self.back_from_onprem(via, back),
        }?;
        match (&reached_kind(&result), self.src.subnet().is_some()) {
            (ReachedKind::Host, _) | (ReachedKind::Outside, false) => Ok(result),
            (ReachedKind::Outside, true) => {
                // The route that sent the reply out is the one at fault: name its table.
                let mut hop = Hop::new(
                    back.dst.to_string(),
                    HopKind::Internet,
                    Decision::Drop,
                    format!(
                        "the reply went out to {} instead of coming back to {}",
                        back.dst, self.src.id
                    ),
                );
                let vpc = self.src.vpc().map(|v| v.id.to_string()).unwrap_or_default();
                let at = self
                    .sent_out(&mut hop, back, &vpc)
                    .unwrap_or_else(|| "internet".to_string());
                let code = self.no_route();
                Err(self.fail(hop, code, &at))
            }
        }
    }
}

enum ReachedKind {
    Host,
    Outside,
}

fn reached_kind(r: &Reached) -> ReachedKind {
    match r {
        Reached::Host { .. } => ReachedKind::Host,
        _ => ReachedKind::Outside,
    }
}
