//! The walker at a VPC's edge to the internet and to AWS services: internet gateways, the
//! internet itself, NAT gateways and gateway endpoints.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use ipnet::Ipv6Net;

use super::filters::ICMP_ECHO_REQUEST;
use super::query::Proto;
use super::topology::{nat_private_ip, HostRef};
use super::trace::{Code, Decision, Hop, HopKind};
use super::walk::{Arrival, NatRecord, Pkt, Reached, WalkStep, Walker};
use crate::model::{EndpointKind, Subnet, Vpc};

/// The well-known NAT64 prefix `64:ff9b::/96` (RFC 6052): DNS64 synthesises addresses in it for
/// IPv4-only names, and a NAT gateway translates traffic to them into IPv4 ("DNS64 and NAT64",
/// Amazon VPC User Guide, nat-gateway-nat64-dns64.html).
pub(crate) const NAT64_PREFIX: Ipv6Net = match Ipv6Net::new(Ipv6Addr::new(0x64, 0xff9b, 0, 0, 0, 0, 0, 0), 96)
{
    Ok(net) => net,
    Err(_) => panic!("64:ff9b::/96 is a valid prefix"),
};

/// The IPv4 address embedded in a NAT64 address (its last 32 bits), when `ip` is one.
pub(crate) fn nat64_embedded(ip: IpAddr) -> Option<Ipv4Addr> {
    match ip {
        IpAddr::V6(v6) if NAT64_PREFIX.contains(&v6) => {
            Some(Ipv4Addr::from((u128::from(v6) & 0xffff_ffff) as u32))
        }
        _ => None,
    }
}

impl<'t, 'e> Walker<'t, 'e> {
    /// Out through an internet gateway: it must be attached to this VPC, and it translates only
    /// addresses of this VPC's interfaces that have a public IPv4 address (or a NAT gateway's
    /// Elastic IP). See "Enable internet access for a VPC using an internet gateway"
    /// (VPC_Internet_Gateway.html).
    pub(crate) fn igw_out(
        &mut self,
        vpc: &'e Vpc,
        id: &str,
        mut pkt: Pkt,
        arrival: Arrival<'e>,
    ) -> WalkStep<'e> {
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
        if pkt.src.is_ipv6() {
            return self.igw_out_v6(vpc, id, pkt, arrival);
        }
        let public = match self.t.host_at(vpc.id.as_str(), pkt.src) {
            Some(HostRef::Instance(i)) => Ok(i.public_ip),
            Some(HostRef::Eni(e)) => Ok(e.public_ip),
            Some(HostRef::Nat(n)) if !n.public => Err(format!(
                "{} is a private NAT gateway: it cannot send to the internet through internet gateway {id}",
                n.id
            )),
            Some(HostRef::Nat(n)) => Ok(n.public_ip),
            None => Ok(None),
        };
        let public = match public {
            Ok(Some(ip)) => ip,
            Ok(None) => {
                let why = if vpc.holds(pkt.src) {
                    format!(
                        "{}{} has no public IPv4 address: internet gateway {id} carries only traffic of interfaces with a public IP or Elastic IP (a private subnet reaches the internet through a NAT gateway)",
                        match self.t.host_at(vpc.id.as_str(), pkt.src) {
                            Some(HostRef::Instance(i)) => format!("{} at ", i.id),
                            Some(HostRef::Eni(e)) => format!("{} at ", e.id),
                            _ => String::new(),
                        },
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
        pkt.src = public.into();
        self.internet(pkt)
    }

    /// IPv6 out through an internet gateway: nothing is translated (an IPv6 address is public),
    /// but the gateway carries only its own VPC's addresses ("Enable internet access for a VPC
    /// using an internet gateway", VPC_Internet_Gateway.html: IPv6 traffic).
    fn igw_out_v6(&mut self, vpc: &'e Vpc, id: &str, pkt: Pkt, arrival: Arrival<'e>) -> WalkStep<'e> {
        if let Some(v4) = nat64_embedded(pkt.dst) {
            let hop = Hop::new(
                id,
                HopKind::InternetGateway,
                Decision::Drop,
                format!(
                    "{} is a NAT64 address (64:ff9b::/96, standing for {v4}): the internet does not route it. Route 64:ff9b::/96 to a NAT gateway, which translates it to IPv4",
                    pkt.dst
                ),
            );
            return Err(self.fail(hop, Code::NoInternetAccess, id));
        }
        if !vpc.holds(pkt.src) {
            let hop = Hop::new(
                id,
                HopKind::InternetGateway,
                Decision::Drop,
                format!(
                    "{} came {} and is not an IPv6 address of {} ({}): an internet gateway carries only its own VPC's addresses",
                    pkt.src,
                    arrival.words(),
                    vpc.id,
                    vpc.blocks_text(pkt.src)
                ),
            );
            return Err(self.fail(hop, Code::NoInternetAccess, id));
        }
        let mut hop = Hop::new(
            id,
            HopKind::InternetGateway,
            Decision::Forward,
            format!(
                "internet gateway {id} sends it to the internet from {} unchanged: an IPv6 address is public, so nothing is translated",
                pkt.src
            ),
        );
        hop.target = Some("internet".into());
        self.hops.push(hop);
        self.refs_ok = false;
        self.internet(pkt)
    }

    /// Out through an egress-only internet gateway: IPv6 only, from its own VPC's addresses,
    /// outbound only and stateful (the reply is let back in by the same gateway; a connection
    /// from the internet never is). See "Enable outbound IPv6 traffic using an egress-only
    /// internet gateway" (egress-only-internet-gateway.html).
    pub(crate) fn eigw_out(
        &mut self,
        vpc: &'e Vpc,
        id: &str,
        pkt: Pkt,
        arrival: Arrival<'e>,
    ) -> WalkStep<'e> {
        let Some(eigw) = self.t.estate.egress_only_internet_gateways.get(&id.into()) else {
            let hop = Hop::new(
                id,
                HopKind::InternetGateway,
                Decision::Drop,
                format!("the route sends {} to {id}, which is not in the documents loaded (add the EgressOnlyInternetGateways of this account)", pkt.dst),
            );
            return Err(self.fail(hop, Code::UnknownRouteTarget, id));
        };
        let problem = if eigw.attached_vpc.as_ref() != Some(&vpc.id) {
            Some((
                Code::NoInternetAccess,
                format!(
                    "the route sends {} to {id}, which is not an egress-only internet gateway attached to {}",
                    pkt.dst, vpc.id
                ),
            ))
        } else if let Arrival::Peering(p) = arrival {
            Some((
                Code::NotTransitive,
                format!("{} arrived over peering {} and cannot leave through {id}: no edge-to-edge routing through a peering", self.what(), p.id),
            ))
        } else if pkt.dst.is_ipv4() {
            Some((
                Code::NoInternetAccess,
                format!("{id} is an egress-only internet gateway: it carries IPv6 only, and {} is an IPv4 address", pkt.dst),
            ))
        } else if let Some(v4) = nat64_embedded(pkt.dst) {
            Some((
                Code::NoInternetAccess,
                format!(
                    "{} is a NAT64 address (64:ff9b::/96, standing for {v4}): the internet does not route it. Route 64:ff9b::/96 to a NAT gateway, which translates it to IPv4",
                    pkt.dst
                ),
            ))
        } else if !vpc.holds(pkt.src) {
            Some((
                Code::NoInternetAccess,
                format!(
                    "{} came {} and is not an IPv6 address of {}: egress-only internet gateway {id} carries only its own VPC's addresses",
                    pkt.src,
                    arrival.words(),
                    vpc.id
                ),
            ))
        } else {
            None
        };
        if let Some((code, why)) = problem {
            let hop = Hop::new(id, HopKind::InternetGateway, Decision::Drop, why);
            return Err(self.fail(hop, code, id));
        }
        let mut hop = Hop::new(
            id,
            HopKind::InternetGateway,
            Decision::Forward,
            format!(
                "egress-only internet gateway {id} sends it to the internet from {} unchanged (outbound only: it lets back the replies to connections it carried out, nothing else)",
                pkt.src
            ),
        );
        hop.target = Some("internet".into());
        self.hops.push(hop);
        self.eigws.push(eigw);
        self.refs_ok = false;
        self.internet(pkt)
    }

    /// An IPv6 destination on the internet: an address of a VPC comes in through that VPC's
    /// internet gateway, or (a reply) through the egress-only gateway the request left by; a
    /// connection from the internet never comes in through an egress-only gateway.
    fn internet_v6(&mut self, pkt: Pkt) -> Option<WalkStep<'e>> {
        let vpc = self.t.vpc_holding_v6(pkt.dst)?;
        let back_through = self
            .eigws
            .iter()
            .copied()
            .find(|g| g.attached_vpc.as_ref() == Some(&vpc.id))
            .filter(|_| self.dir == super::walk::Dir::Return);
        if let Some(eigw) = back_through {
            let mut hop = Hop::new(
                eigw.id.as_str(),
                HopKind::InternetGateway,
                Decision::Forward,
                format!(
                    "egress-only internet gateway {} of {} lets the reply to {} in: it belongs to a connection the gateway carried out",
                    eigw.id, vpc.id, pkt.dst
                ),
            );
            hop.target = Some(vpc.id.to_string());
            self.hops.push(hop);
            return Some(self.local(vpc, None, pkt, Arrival::Internet));
        }
        if let Some(igw) = self.t.igw(vpc.id.as_str()) {
            let mut hop = Hop::new(
                igw.id.as_str(),
                HopKind::InternetGateway,
                Decision::Forward,
                format!(
                    "{} crosses the internet to {}; internet gateway {} of {} brings it in unchanged (an IPv6 address is public: nothing is translated)",
                    self.what(),
                    pkt.dst,
                    igw.id,
                    vpc.id
                ),
            );
            hop.target = Some(vpc.id.to_string());
            self.hops.push(hop);
            self.refs_ok = false;
            return Some(self.local(vpc, None, pkt, Arrival::Internet));
        }
        if let Some(eigw) = self.t.eigw(vpc.id.as_str()) {
            let hop = Hop::new(
                eigw.id.as_str(),
                HopKind::InternetGateway,
                Decision::Drop,
                format!(
                    "{} is an IPv6 address of {}, whose only gateway to the internet is egress-only internet gateway {}: it lets in replies to connections made from inside, never a connection from the internet. Attach an internet gateway (and route ::/0 to it) to accept inbound IPv6",
                    pkt.dst, vpc.id, eigw.id
                ),
            );
            return Some(Err(self.fail(hop, Code::EgressOnlyInbound, eigw.id.as_str())));
        }
        let hop = Hop::new(
            vpc.id.as_str(),
            HopKind::Internet,
            Decision::Drop,
            format!(
                "{} is an IPv6 address of {}, which has no internet gateway attached: nothing brings it in from the internet",
                pkt.dst, vpc.id
            ),
        );
        Some(Err(self.fail(hop, Code::NoInternetAccess, vpc.id.as_str())))
    }

    /// On the internet: a public address of the estate comes in through its VPC's internet
    /// gateway; an AWS service range or any other public address is reached.
    pub(crate) fn internet(&mut self, mut pkt: Pkt) -> WalkStep<'e> {
        if let Some(step) = self.internet_v6(pkt) {
            return step;
        }
        if let Some(owner) = self.t.public_owner(pkt.dst) {
            let (owner_id, subnet_id, private) = match owner {
                HostRef::Instance(i) => (i.id.to_string(), &i.subnet, i.private_ip),
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
            pkt.dst = private.into();
            return self.local(vpc, None, pkt, Arrival::Internet);
        }
        if let Some(vpc) = self
            .t
            .vpc_order
            .iter()
            .find(|v| pkt.dst.is_ipv4() && v.holds(pkt.dst))
        {
            let mut hop = Hop::new(
                "internet",
                HopKind::Internet,
                Decision::Drop,
                format!(
                    "{} is a private address of {}: the internet does not route to it",
                    pkt.dst, vpc.id
                ),
            );
            let at = self
                .sent_out(&mut hop, pkt, vpc.id.as_str())
                .unwrap_or_else(|| "internet".to_string());
            let code = self.no_route();
            return Err(self.fail(hop, code, &at));
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
    ) -> WalkStep<'e> {
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
        let nat64 = nat64_embedded(pkt.dst);
        if pkt.dst.is_ipv6() && nat64.is_none() {
            let hop = Hop::new(
                id,
                HopKind::NatGateway,
                Decision::Drop,
                format!(
                    "NAT gateway {id} translates IPv6 only to NAT64 addresses (64:ff9b::/96), and {} is not one: send IPv6 to the internet through an internet gateway or an egress-only internet gateway",
                    pkt.dst
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
        let words = match nat64 {
            Some(v4) => format!(
                "NAT gateway {id} in {}{public} translates IPv6 to IPv4 (NAT64): the source {} becomes its own address {nat_ip}, the destination {} the IPv4 address it embeds, {v4}",
                nat_subnet.id, pkt.src, pkt.dst
            ),
            None => format!(
                "NAT gateway {id} in {}{public} translates the source {} to its own address {nat_ip}",
                nat_subnet.id, pkt.src
            ),
        };
        let mut hop = Hop::new(id, HopKind::NatGateway, Decision::Translate, words);
        hop.target = Some(nat_subnet.id.to_string());
        self.hops.push(hop);
        self.nats.push(NatRecord {
            nat,
            nat_ip: nat_ip.into(),
            original_src: pkt.src,
            original_dst: nat64.map(|_| pkt.dst),
        });
        self.refs_ok = false;
        pkt.src = nat_ip.into();
        if let Some(v4) = nat64 {
            pkt.dst = v4.into();
            if self.traffic.proto == Proto::Icmp {
                self.traffic.icmp_type = ICMP_ECHO_REQUEST;
            }
        }
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
    ) -> WalkStep<'e> {
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
