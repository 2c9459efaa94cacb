//! Resolving the two ends of a query: an instance, an ENI, an address (a host in a subnet, the
//! internet, an AWS service's range) or an AWS service name.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use ipnet::IpNet;

use super::query::ReachError;
use super::topology::{nat_private_ip, HostRef, Topology};
use super::trace::{EndpointInfo, HopKind};
use crate::model::{EndpointKind, SgId, Subnet, Vpc, VpcEndpoint};

/// Where an end of a query sits.
#[derive(Debug, Clone)]
pub(crate) enum EndPlace<'e> {
    Subnet {
        vpc: &'e Vpc,
        subnet: &'e Subnet,
    },
    /// Inside a VPC's CIDRs but inside none of its subnets: nothing can hold it.
    NoSubnet {
        vpc: &'e Vpc,
    },
    Internet,
    Service,
}

/// A resolved end of a query.
#[derive(Debug, Clone)]
pub(crate) struct End<'e> {
    /// The id shown in hops: `i-…`, `eni-…`, an address, a service name.
    pub id: String,
    pub kind: HopKind,
    /// The private address (in a subnet), else the public address; an IPv6 address when the
    /// query is over IPv6.
    pub address: IpAddr,
    /// The address the internet reaches it by: its public IPv4 address, or (over IPv6) its
    /// IPv6 address, which is globally unique.
    pub public_ip: Option<IpAddr>,
    pub place: EndPlace<'e>,
    /// `None`: no security group filters this end (a bare address, the internet, a service).
    pub groups: Option<&'e [SgId]>,
    /// An instance's `State.Name`.
    pub state: Option<&'e str>,
    /// The interface endpoint whose ENI this is.
    pub endpoint: Option<&'e VpcEndpoint>,
    /// `to` named the host by its public address: packets go there over the internet.
    pub via_public: bool,
    /// A word on how the end was found (private DNS, bare address).
    pub note: Option<String>,
}

impl<'e> End<'e> {
    pub(crate) fn vpc(&self) -> Option<&'e Vpc> {
        match self.place {
            EndPlace::Subnet { vpc, .. } | EndPlace::NoSubnet { vpc } => Some(vpc),
            _ => None,
        }
    }

    pub(crate) fn subnet(&self) -> Option<&'e Subnet> {
        match self.place {
            EndPlace::Subnet { subnet, .. } => Some(subnet),
            _ => None,
        }
    }

    /// The summary placed in the trace.
    pub(crate) fn info(&self) -> EndpointInfo {
        EndpointInfo {
            id: self.id.clone(),
            kind: self.kind,
            address: if self.via_public {
                self.public_ip.unwrap_or(self.address).to_string()
            } else {
                self.address.to_string()
            },
            vpc: self.vpc().map(|v| v.id.to_string()),
            subnet: self.subnet().map(|s| s.id.to_string()),
            label: self.id.clone(),
        }
    }
}

/// The address of a host for a query over IPv6 (`v6`: its primary IPv6 address) or IPv4 (`v4`),
/// with the reason when it has none.
fn family_address(id: &str, v4: Option<Ipv4Addr>, v6: &[Ipv6Addr], ipv6: bool) -> Result<IpAddr, ReachError> {
    if ipv6 {
        v6.first().map(|a| IpAddr::V6(*a)).ok_or_else(|| {
            ReachError::new(format!(
                "{id} has no IPv6 address: give its subnet an IPv6 block (associate_subnet_ipv6_cidr) and the interface an address, or ask over IPv4"
            ))
        })
    } else {
        v4.map(IpAddr::V4)
            .ok_or_else(|| ReachError::new(format!("{id} has no private IPv4 address")))
    }
}

impl<'e> Topology<'e> {
    fn host_end(&self, host: HostRef<'e>, ipv6: bool) -> Result<End<'e>, ReachError> {
        let (id, kind, address, public_ip, subnet_id, groups, state, endpoint) = match host {
            HostRef::Instance(i) => {
                let address = family_address(i.id.as_str(), i.private_ip, &i.ipv6_addresses, ipv6)?;
                (
                    i.id.to_string(),
                    HopKind::Instance,
                    address,
                    if ipv6 {
                        Some(address)
                    } else {
                        i.public_ip.map(IpAddr::V4)
                    },
                    &i.subnet,
                    Some(&i.security_groups[..]),
                    Some(i.state.as_str()),
                    None,
                )
            }
            HostRef::Eni(e) => {
                let endpoint = self.endpoint_of_eni(e.id.as_str());
                let address = family_address(
                    e.id.as_str(),
                    e.private_ips.first().copied(),
                    &e.ipv6_addresses,
                    ipv6,
                )?;
                let kind = if endpoint.is_some() {
                    HopKind::InterfaceEndpoint
                } else {
                    HopKind::NetworkInterface
                };
                (
                    e.id.to_string(),
                    kind,
                    address,
                    if ipv6 {
                        Some(address)
                    } else {
                        e.public_ip.map(IpAddr::V4)
                    },
                    &e.subnet,
                    Some(&e.security_groups[..]),
                    None,
                    endpoint,
                )
            }
            HostRef::Nat(n) => {
                let address = family_address(n.id.as_str(), nat_private_ip(self.estate, n), &[], ipv6)?;
                (
                    n.id.to_string(),
                    HopKind::NetworkInterface,
                    address,
                    n.public_ip.map(IpAddr::V4),
                    &n.subnet,
                    None,
                    None,
                    None,
                )
            }
        };
        let subnet = self.estate.subnets.get(subnet_id).ok_or_else(|| {
            ReachError::new(format!(
                "{id} is in subnet {subnet_id}, which is not in the documents loaded"
            ))
        })?;
        let vpc = self.vpc(subnet.vpc.as_str()).ok_or_else(|| {
            ReachError::new(format!(
                "{id} is in {}, which is not in the documents loaded",
                subnet.vpc
            ))
        })?;
        Ok(End {
            id,
            kind,
            address,
            public_ip,
            place: EndPlace::Subnet { vpc, subnet },
            groups,
            state,
            endpoint,
            via_public: false,
            note: None,
        })
    }

    /// Resolves an end given as an id or an address. `source` is the other end, needed to
    /// resolve a service name (region, private DNS); `None` while resolving the source itself.
    /// Over IPv6 (`ipv6`) an instance or ENI is its IPv6 address.
    pub(crate) fn resolve(
        &self,
        text: &str,
        source: Option<&End<'e>>,
        ipv6: bool,
    ) -> Result<End<'e>, ReachError> {
        let text = text.trim();
        if text.starts_with("i-") {
            let instance = self.estate.instances.get(&text.into()).ok_or_else(|| {
                ReachError::new(format!(
                    "unknown instance '{text}': no such instance in the documents loaded ({})",
                    some_of("the instances are", self.estate.instances.keys())
                ))
            })?;
            return self.host_end(HostRef::Instance(instance), ipv6);
        }
        if text.starts_with("eni-") {
            let eni = self.estate.enis.get(&text.into()).ok_or_else(|| {
                ReachError::new(format!(
                    "unknown network interface '{text}': no such ENI in the documents loaded ({})",
                    some_of("the network interfaces are", self.estate.enis.keys())
                ))
            })?;
            return self.host_end(HostRef::Eni(eni), ipv6);
        }
        if let Ok(ip) = text.parse::<IpAddr>() {
            return self.resolve_address(ip);
        }
        if text.contains('.') && text.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
            return Err(ReachError::new(format!(
                "'{text}' is not an IPv4 address: expected four numbers 0-255 such as 10.0.1.5"
            )));
        }
        match source {
            Some(src) => self.resolve_service(text, src, ipv6),
            None => Err(ReachError::new(format!(
                "'{text}' is not an instance id (i-…), a network interface id (eni-…), an IPv4 address or an IPv6 address"
            ))),
        }
    }

    fn resolve_address(&self, ip: IpAddr) -> Result<End<'e>, ReachError> {
        let holding = self.subnets_holding(ip);
        if holding.len() > 1 {
            let list: Vec<String> = holding
                .iter()
                .map(|s| format!("{} ({}, {})", s.id, s.blocks_text(), s.vpc))
                .collect();
            return Err(ReachError::new(format!(
                "{ip} is inside several subnets: {}; name an instance or ENI instead",
                list.join(", ")
            )));
        }
        if let Some(subnet) = holding.first() {
            if let Some(host) = self.host_at(subnet.vpc.as_str(), ip) {
                return self.host_end(host, ip.is_ipv6());
            }
            let vpc = self.vpc(subnet.vpc.as_str()).ok_or_else(|| {
                ReachError::new(format!(
                    "{ip} is in {}, whose VPC {} is not in the documents loaded",
                    subnet.id, subnet.vpc
                ))
            })?;
            return Ok(End {
                id: ip.to_string(),
                kind: HopKind::Host,
                address: ip,
                public_ip: None,
                place: EndPlace::Subnet { vpc, subnet },
                groups: None,
                state: None,
                endpoint: None,
                via_public: false,
                note: Some(format!(
                    "no interface in the documents holds {ip}: treated as a host in {} with no security group",
                    subnet.id
                )),
            });
        }
        if let Some(host) = self.public_owner(ip) {
            let mut end = self.host_end(host, false)?;
            end.via_public = true;
            return Ok(end);
        }
        let vpcs: Vec<&'e Vpc> = self.vpc_order.iter().copied().filter(|v| v.holds(ip)).collect();
        if vpcs.len() > 1 {
            let list: Vec<String> = vpcs.iter().map(|v| v.id.to_string()).collect();
            return Err(ReachError::new(format!(
                "{ip} is inside several VPCs ({}) and inside none of their subnets; name an instance or ENI instead",
                list.join(", ")
            )));
        }
        if let Some(vpc) = vpcs.first() {
            return Ok(End {
                id: ip.to_string(),
                kind: HopKind::Host,
                address: ip,
                public_ip: None,
                place: EndPlace::NoSubnet { vpc },
                groups: None,
                state: None,
                endpoint: None,
                via_public: false,
                note: Some(format!(
                    "{ip} is inside {} but inside none of its subnets",
                    vpc.id
                )),
            });
        }
        if let Some(name) = self.service_of(ip) {
            return Ok(End {
                id: name.clone(),
                kind: HopKind::Service,
                address: ip,
                public_ip: Some(ip),
                place: EndPlace::Service,
                groups: None,
                state: None,
                endpoint: None,
                via_public: false,
                note: None,
            });
        }
        Ok(End {
            id: ip.to_string(),
            kind: HopKind::Internet,
            address: ip,
            public_ip: Some(ip),
            place: EndPlace::Internet,
            groups: None,
            state: None,
            endpoint: None,
            via_public: false,
            note: Some(format!("{ip} is outside every VPC: a host on the internet, or on premises when the routes send it there")),
        })
    }

    /// The AWS service at `ip`: the one whose prefix list (`com.amazonaws.…`, in the estate or
    /// among the AWS-managed lists vpclab embeds) holds it, else the one whose public regional
    /// endpoint vpclab puts there ([`crate::aws::service_at`]).
    pub(crate) fn service_of(&self, ip: IpAddr) -> Option<String> {
        self.estate
            .prefix_lists
            .values()
            .chain(crate::aws::managed_prefix_lists())
            .filter(|pl| pl.name.starts_with("com.amazonaws."))
            .find(|pl| pl.cidrs.iter().any(|c| c.contains(&ip)))
            .map(|pl| pl.name.clone())
            .or_else(|| match ip {
                IpAddr::V4(v4) => crate::aws::service_at(v4),
                IpAddr::V6(_) => None,
            })
    }

    /// A service name (`s3`, `com.amazonaws.us-east-1.s3`) as seen from `source`: with an
    /// interface endpoint whose private DNS is on (and the VPC's DNS support and hostnames), the
    /// endpoint's ENI in the source's AZ (else any); else the service's public range from its
    /// prefix list; else its public regional endpoint ([`crate::aws::public_endpoint`]), which
    /// the source reaches like any public address (internet or NAT gateway). See "Access an AWS
    /// service using an interface VPC endpoint", AWS PrivateLink guide
    /// (create-interface-endpoint.html), "Private DNS", and "AWS IP address ranges".
    fn resolve_service(&self, text: &str, source: &End<'e>, ipv6: bool) -> Result<End<'e>, ReachError> {
        let Some(vpc) = source.vpc() else {
            return Err(ReachError::new(format!(
                "'{text}' is not an id or an address, and a service name needs a source inside a VPC"
            )));
        };
        let name = if text.starts_with("com.amazonaws.") {
            text.to_string()
        } else if !text.is_empty()
            && text
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
        {
            format!("com.amazonaws.{}.{}", vpc.region, text)
        } else {
            return Err(ReachError::new(format!(
                "'{text}' is not an instance id (i-…), an ENI id (eni-…), an IPv4 address or a service name (s3, com.amazonaws.REGION.s3)"
            )));
        };
        let dns_on = vpc.dns_support && vpc.dns_hostnames;
        let interface = self.estate.endpoints.values().find(|e| {
            e.vpc == vpc.id
                && e.kind == EndpointKind::Interface
                && e.service_name == name
                && e.private_dns_enabled
        });
        if let (Some(ep), true) = (interface, dns_on) {
            let az = source.subnet().map(|s| s.availability_zone.as_str());
            let enis: Vec<_> = ep.enis.iter().filter_map(|id| self.estate.enis.get(id)).collect();
            let chosen = enis
                .iter()
                .find(|e| Some(e.availability_zone.as_str()) == az)
                .or_else(|| enis.first());
            if let Some(eni) = chosen {
                let mut end = self.host_end(HostRef::Eni(eni), ipv6)?;
                end.note = Some(format!(
                    "private DNS of {} resolves {name} to its network interface {} ({}) in {}",
                    ep.id, eni.id, end.address, eni.availability_zone
                ));
                return Ok(end);
            }
        }
        let why_public = match (interface, dns_on) {
            (Some(ep), false) => format!(
                "{} has private DNS on, but {} lacks DNS support or DNS hostnames, so {name} resolves to its public addresses",
                ep.id, vpc.id
            ),
            _ => format!("{name} resolves to its public addresses"),
        };
        let pl = self
            .estate
            .prefix_lists
            .values()
            .chain(crate::aws::managed_prefix_lists())
            .find(|pl| pl.name == name);
        let ip = pl.and_then(|pl| {
            pl.cidrs.iter().find_map(|c| match c {
                IpNet::V4(v4) if !ipv6 => v4.hosts().next().map(IpAddr::V4),
                IpNet::V6(v6) if ipv6 => v6.hosts().next().map(IpAddr::V6),
                _ => None,
            })
        });
        if ip.is_none() && ipv6 {
            return Err(ReachError::new(format!(
                "{why_public}, but the documents hold no IPv6 range for {name}: add its prefix list with IPv6 entries, or ask over IPv4"
            )));
        }
        let found = match ip {
            Some(ip) => Ok((ip, format!("{why_public} (prefix list, e.g. {ip})"))),
            None => crate::aws::public_endpoint(&name)
                .map(|ip| (IpAddr::V4(ip), format!("{why_public}; vpclab puts its public regional endpoint at {ip}")))
                .map_err(|e| match e {
                    // A bare word that is no service vpclab knows is more likely a name mistyped
                    // or an instance not launched yet.
                    crate::aws::EndpointError::UnknownService { .. } if !text.contains('.') && interface.is_none() => {
                        ReachError::new(format!(
                            "'{text}' is not an instance id (i-…), an ENI id (eni-…), an IPv4 address or an AWS service vpclab can place ({e})"
                        ))
                    }
                    _ => ReachError::new(format!(
                        "{why_public}, but the documents hold no prefix list naming them and {e}: add its PrefixLists entry, or ask with an IPv4 address"
                    )),
                }),
        };
        let (ip, note) = found?;
        Ok(End {
            id: name.clone(),
            kind: HopKind::Service,
            address: ip,
            public_ip: Some(ip),
            place: EndPlace::Service,
            groups: None,
            state: None,
            endpoint: None,
            via_public: false,
            note: Some(note),
        })
    }
}

/// "`lead` a, b, c" for at most ten ids (then "and N more"), or "there are none", for messages
/// that refuse an unknown id and show what would be valid.
fn some_of<K: std::fmt::Display>(lead: &str, ids: impl ExactSizeIterator<Item = K>) -> String {
    let total = ids.len();
    if total == 0 {
        return "there are none".to_string();
    }
    let shown: Vec<String> = ids.take(10).map(|id| id.to_string()).collect();
    let more = if total > 10 {
        format!(" and {} more", total - 10)
    } else {
        String::new()
    };
    format!("{lead} {}{more}", shown.join(", "))
}
