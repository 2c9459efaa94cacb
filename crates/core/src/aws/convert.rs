//! One JSON object → one model value, with a JSON path on every refusal. Merging objects seen in
//! several documents is `import`'s job; this file only converts.

use std::collections::BTreeSet;
use std::net::{Ipv4Addr, Ipv6Addr};

use ipnet::{IpNet, Ipv4Net, Ipv6Net};

use super::json::*;
use super::ImportError;
use crate::cidr::{self, CidrError};
use crate::model::*;

/// Where a document came from and whose it is: the context of every conversion.
pub(super) struct DocOrigin<'a> {
    pub file: &'a str,
    /// `$` for a document that is the whole file, `$[3]` for one in an array.
    pub prefix: &'a str,
    pub account: AccountId,
    pub region: Region,
}

impl DocOrigin<'_> {
    pub fn err(
        &self,
        path: &str,
        code: &'static str,
        problem: String,
        resource: Option<&str>,
    ) -> ImportError {
        ImportError {
            file: self.file.to_string(),
            json_path: format!("{}.{}", self.prefix, path),
            problem,
            code,
            resource: resource.map(str::to_string),
        }
    }

    fn invalid(&self, path: &str, problem: String, resource: &str) -> ImportError {
        self.err(path, "INVALID_VALUE", problem, Some(resource))
    }

    fn owner(&self, owner: &Option<String>) -> AccountId {
        AccountId(owner.clone().unwrap_or_else(|| self.account.0.clone()))
    }

    /// A CIDR block of either family, host bits refused.
    pub fn net(&self, path: &str, text: &str, resource: &str) -> Result<IpNet, ImportError> {
        cidr::parse(text).map_err(|e| {
            let code = match e {
                CidrError::HostBitsSet { .. } => "NONCANONICAL_CIDR",
                _ => "INVALID_VALUE",
            };
            self.err(path, code, e.to_string(), Some(resource))
        })
    }

    pub fn net4(&self, path: &str, text: &str, resource: &str) -> Result<Ipv4Net, ImportError> {
        match self.net(path, text, resource)? {
            IpNet::V4(n) => Ok(n),
            IpNet::V6(_) => Err(self.invalid(
                path,
                format!("'{text}' is an IPv6 block where an IPv4 block such as 10.0.0.0/16 is expected"),
                resource,
            )),
        }
    }

    pub fn net6(&self, path: &str, text: &str, resource: &str) -> Result<Ipv6Net, ImportError> {
        match self.net(path, text, resource)? {
            IpNet::V6(n) => Ok(n),
            IpNet::V4(_) => Err(self.invalid(
                path,
                format!("'{text}' is an IPv4 block where an IPv6 block such as 2001:db8::/56 is expected"),
                resource,
            )),
        }
    }

    pub fn ip4(&self, path: &str, text: &str, resource: &str) -> Result<Ipv4Addr, ImportError> {
        text.trim().parse().map_err(|_| {
            self.invalid(
                path,
                format!("'{text}' is not an IPv4 address: expected four numbers 0-255 such as 10.0.1.5"),
                resource,
            )
        })
    }

    fn opt_ip4(
        &self,
        path: &str,
        text: &Option<String>,
        resource: &str,
    ) -> Result<Option<Ipv4Addr>, ImportError> {
        text.as_deref().map(|t| self.ip4(path, t, resource)).transpose()
    }
}

/// Whether an association-like `State` counts as in force (absent counts: hand-written files).
fn associated(state: &Option<StateJson>) -> bool {
    match state.as_ref().and_then(|s| s.state.as_deref()) {
        None => true,
        Some(s) => s == "associated" || s == "associating",
    }
}

pub(super) fn vpc(c: &DocOrigin, i: usize, v: &VpcJson) -> Result<Vpc, ImportError> {
    let at = format!("Vpcs[{i}]");
    let id = v.vpc_id.as_str();
    let mut cidrs: Vec<Ipv4Net> = Vec::new();
    if let Some(text) = &v.cidr_block {
        cidrs.push(c.net4(&format!("{at}.CidrBlock"), text, id)?);
    }
    for (j, a) in v.cidr_block_association_set.iter().enumerate() {
        if !associated(&a.cidr_block_state) {
            continue;
        }
        if let Some(text) = &a.cidr_block {
            let net = c.net4(&format!("{at}.CidrBlockAssociationSet[{j}].CidrBlock"), text, id)?;
            if !cidrs.contains(&net) {
                cidrs.push(net);
            }
        }
    }
    let mut ipv6_cidrs = Vec::new();
    for (j, a) in v.ipv6_cidr_block_association_set.iter().enumerate() {
        if !associated(&a.ipv6_cidr_block_state) {
            continue;
        }
        if let Some(text) = &a.ipv6_cidr_block {
            let net = c.net6(
                &format!("{at}.Ipv6CidrBlockAssociationSet[{j}].Ipv6CidrBlock"),
                text,
                id,
            )?;
            if !ipv6_cidrs.contains(&net) {
                ipv6_cidrs.push(net);
            }
        }
    }
    let is_default = v.is_default.unwrap_or(false);
    Ok(Vpc {
        id: VpcId(id.to_string()),
        owner: c.owner(&v.owner_id),
        region: c.region.clone(),
        cidrs,
        ipv6_cidrs,
        is_default,
        dns_support: v.enable_dns_support.is_none_or(|f| f.0),
        dns_hostnames: v.enable_dns_hostnames.map_or(is_default, |f| f.0),
        name: name_of(&v.tags),
    })
}

pub(super) fn subnet(c: &DocOrigin, i: usize, s: &SubnetJson) -> Result<Subnet, ImportError> {
    let at = format!("Subnets[{i}]");
    let id = s.subnet_id.as_str();
    let cidr = match (&s.cidr_block, s.ipv6_native.unwrap_or(false)) {
        (Some(text), _) => Some(c.net4(&format!("{at}.CidrBlock"), text, id)?),
        (None, true) => None,
        (None, false) => {
            return Err(c.err(
                &format!("{at}.CidrBlock"),
                "MALFORMED_JSON",
                "missing field `CidrBlock`: a subnet has an IPv4 block unless it is IPv6-only (\"Ipv6Native\": true)"
                    .into(),
                Some(id),
            ))
        }
    };
    let mut ipv6_cidrs = Vec::new();
    for (j, a) in s.ipv6_cidr_block_association_set.iter().enumerate() {
        if let (true, Some(text)) = (associated(&a.ipv6_cidr_block_state), &a.ipv6_cidr_block) {
            ipv6_cidrs.push(c.net6(
                &format!("{at}.Ipv6CidrBlockAssociationSet[{j}].Ipv6CidrBlock"),
                text,
                id,
            )?);
        }
    }
    let owner = c.owner(&s.owner_id);
    let mut shared_with = BTreeSet::new();
    if owner != c.account {
        shared_with.insert(c.account.clone());
    }
    Ok(Subnet {
        id: SubnetId(id.to_string()),
        vpc: VpcId(s.vpc_id.clone()),
        owner,
        region: c.region.clone(),
        availability_zone: s.availability_zone.clone().unwrap_or_default(),
        cidr,
        ipv6_cidrs,
        map_public_ip_on_launch: s.map_public_ip_on_launch.unwrap_or(false),
        default_for_az: s.default_for_az.unwrap_or(false),
        shared_with,
        name: name_of(&s.tags),
        ipv6_native: s.ipv6_native.unwrap_or(false),
        assign_ipv6_address_on_creation: s.assign_ipv6_address_on_creation.unwrap_or(false),
        enable_dns64: s.enable_dns64.unwrap_or(false),
    })
}

pub(super) fn route_table(c: &DocOrigin, i: usize, t: &RouteTableJson) -> Result<RouteTable, ImportError> {
    let at = format!("RouteTables[{i}]");
    let id = t.route_table_id.as_str();
    let mut main = false;
    let mut subnets = Vec::new();
    for a in &t.associations {
        if !associated(&a.association_state) {
            continue;
        }
        main |= a.main.unwrap_or(false);
        if let Some(s) = &a.subnet_id {
            let s = SubnetId(s.clone());
            if !subnets.contains(&s) {
                subnets.push(s);
            }
        }
    }
    let routes = t
        .routes
        .iter()
        .enumerate()
        .map(|(j, r)| route(c, &format!("{at}.Routes[{j}]"), r, id))
        .collect::<Result<_, _>>()?;
    Ok(RouteTable {
        id: RouteTableId(id.to_string()),
        vpc: VpcId(t.vpc_id.clone()),
        owner: c.owner(&t.owner_id),
        region: c.region.clone(),
        main,
        subnets,
        routes,
        name: name_of(&t.tags),
        propagating_vgws: super::hybrid::propagating_vgws(t),
    })
}

/// The target of a route, by the key AWS uses for it. See "Route table concepts".
fn target(r: &RouteJson) -> Target {
    if let Some(g) = &r.gateway_id {
        return match g.as_str() {
            "local" => Target::Local,
            g if g.starts_with("igw-") => Target::InternetGateway(IgwId(g.into())),
            g if g.starts_with("vgw-") => Target::VirtualPrivateGateway(VgwId(g.into())),
            g if g.starts_with("vpce-") => Target::GatewayEndpoint(VpceId(g.into())),
            g => Target::Other {
                key: "GatewayId".into(),
                id: g.into(),
            },
        };
    }
    let other = |key: &str, id: &String| Target::Other {
        key: key.into(),
        id: id.clone(),
    };
    match r {
        RouteJson {
            nat_gateway_id: Some(n),
            ..
        } => Target::NatGateway(NatId(n.clone())),
        RouteJson {
            vpc_peering_connection_id: Some(p),
            ..
        } => Target::VpcPeering(PcxId(p.clone())),
        RouteJson {
            transit_gateway_id: Some(t),
            ..
        } => Target::TransitGateway(TgwId(t.clone())),
        RouteJson {
            instance_id: Some(i), ..
        } => Target::Instance(InstanceId(i.clone())),
        RouteJson {
            network_interface_id: Some(e),
            ..
        } => Target::Eni(EniId(e.clone())),
        RouteJson {
            egress_only_internet_gateway_id: Some(e),
            ..
        } => Target::EgressOnlyInternetGateway(EigwId(e.clone())),
        RouteJson {
            carrier_gateway_id: Some(g),
            ..
        } => other("CarrierGatewayId", g),
        RouteJson {
            local_gateway_id: Some(g),
            ..
        } => other("LocalGatewayId", g),
        RouteJson {
            core_network_arn: Some(g),
            ..
        } => other("CoreNetworkArn", g),
        _ => Target::Other {
            key: String::new(),
            id: String::new(),
        },
    }
}

fn route(c: &DocOrigin, at: &str, r: &RouteJson, rtb: &str) -> Result<Route, ImportError> {
    let destination = if let Some(text) = &r.destination_cidr_block {
        Destination::Cidr(IpNet::V4(c.net4(
            &format!("{at}.DestinationCidrBlock"),
            text,
            rtb,
        )?))
    } else if let Some(text) = &r.destination_ipv6_cidr_block {
        Destination::Cidr(IpNet::V6(c.net6(
            &format!("{at}.DestinationIpv6CidrBlock"),
            text,
            rtb,
        )?))
    } else if let Some(pl) = &r.destination_prefix_list_id {
        Destination::PrefixList(PrefixListId(pl.clone()))
    } else {
        return Err(c.invalid(
            at,
            "a route needs a destination: DestinationCidrBlock, DestinationIpv6CidrBlock or DestinationPrefixListId".into(),
            rtb,
        ));
    };
    let target = target(r);
    let state = match r.state.as_deref() {
        None | Some("active") => RouteState::Active,
        Some("blackhole") => RouteState::Blackhole,
        Some(s) => {
            return Err(c.invalid(
                &format!("{at}.State"),
                format!("'{s}' is not a route state: expected \"active\" or \"blackhole\""),
                rtb,
            ))
        }
    };
    let origin = match r.origin.as_deref() {
        None if target == Target::Local => RouteOrigin::CreateRouteTable,
        None | Some("CreateRoute") => RouteOrigin::CreateRoute,
        Some("CreateRouteTable") => RouteOrigin::CreateRouteTable,
        Some("EnableVgwRoutePropagation") => RouteOrigin::EnableVgwRoutePropagation,
        Some(o) => {
            return Err(c.invalid(
                &format!("{at}.Origin"),
                format!(
                    "'{o}' is not a route origin: expected \"CreateRouteTable\", \"CreateRoute\" or \"EnableVgwRoutePropagation\""
                ),
                rtb,
            ))
        }
    };
    Ok(Route {
        destination,
        target,
        state,
        origin,
    })
}

/// One side of a peering, with whether its region and owner were given (else guessed later).
pub(super) struct SideSeen {
    pub side: PeeringSide,
    pub region_given: bool,
    pub owner_given: bool,
}

pub(super) fn peering(
    c: &DocOrigin,
    i: usize,
    p: &PeeringJson,
) -> Result<(Peering, [SideSeen; 2]), ImportError> {
    let at = format!("VpcPeeringConnections[{i}]");
    let id = p.vpc_peering_connection_id.as_str();
    let side = |key: &str, info: &Option<VpcInfoJson>| -> Result<SideSeen, ImportError> {
        let path = format!("{at}.{key}");
        let info = info.as_ref().ok_or_else(|| {
            c.err(
                &path,
                "MALFORMED_JSON",
                format!("missing field `{key}`"),
                Some(id),
            )
        })?;
        let vpc = info
            .vpc_id
            .as_ref()
            .ok_or_else(|| c.err(&path, "MALFORMED_JSON", "missing field `VpcId`".into(), Some(id)))?;
        let mut cidrs = Vec::new();
        if info.cidr_block_set.is_empty() {
            if let Some(text) = &info.cidr_block {
                cidrs.push(IpNet::V4(c.net4(&format!("{path}.CidrBlock"), text, id)?));
            }
        }
        for (j, b) in info.cidr_block_set.iter().enumerate() {
            cidrs.push(IpNet::V4(c.net4(
                &format!("{path}.CidrBlockSet[{j}].CidrBlock"),
                &b.cidr_block,
                id,
            )?));
        }
        for (j, b) in info.ipv6_cidr_block_set.iter().enumerate() {
            let p = format!("{path}.Ipv6CidrBlockSet[{j}].Ipv6CidrBlock");
            cidrs.push(IpNet::V6(c.net6(&p, &b.ipv6_cidr_block, id)?));
        }
        Ok(SideSeen {
            side: PeeringSide {
                vpc: VpcId(vpc.clone()),
                owner: c.owner(&info.owner_id),
                region: Region(info.region.clone().unwrap_or_else(|| c.region.0.clone())),
                cidrs,
            },
            region_given: info.region.is_some(),
            owner_given: info.owner_id.is_some(),
        })
    };
    let requester = side("RequesterVpcInfo", &p.requester_vpc_info)?;
    let accepter = side("AccepterVpcInfo", &p.accepter_vpc_info)?;
    let code = p.status.as_ref().map_or("active", |s| s.code.as_str());
    let status: PeeringStatus =
        serde_json::from_value(serde_json::Value::String(code.into())).map_err(|_| {
            c.invalid(
                &format!("{at}.Status.Code"),
                format!(
                "'{code}' is not a peering status: expected one of initiating-request, pending-acceptance, \
                 provisioning, active, deleting, deleted, rejected, failed, expired"
            ),
                id,
            )
        })?;
    let peering = Peering {
        id: PcxId(id.to_string()),
        requester: requester.side.clone(),
        accepter: accepter.side.clone(),
        status,
        name: name_of(&p.tags),
    };
    Ok((peering, [requester, accepter]))
}

pub(super) fn internet_gateway(c: &DocOrigin, g: &InternetGatewayJson) -> InternetGateway {
    let attached_vpc = g
        .attachments
        .iter()
        .find(|a| {
            matches!(
                a.state.as_deref(),
                None | Some("available" | "attached" | "attaching")
            )
        })
        .and_then(|a| a.vpc_id.clone())
        .map(VpcId);
    InternetGateway {
        id: IgwId(g.internet_gateway_id.clone()),
        owner: c.owner(&g.owner_id),
        region: c.region.clone(),
        attached_vpc,
        name: name_of(&g.tags),
    }
}

pub(super) fn nat_gateway(c: &DocOrigin, i: usize, n: &NatGatewayJson) -> Result<NatGateway, ImportError> {
    let at = format!("NatGateways[{i}].NatGatewayAddresses[0]");
    let id = n.nat_gateway_id.as_str();
    let first = n.nat_gateway_addresses.first();
    let public = match n.connectivity_type.as_deref() {
        None | Some("public") => true,
        Some("private") => false,
        Some(o) => {
            return Err(c.invalid(
                &format!("NatGateways[{i}].ConnectivityType"),
                format!("'{o}' is not a NAT gateway connectivity type: expected \"public\" or \"private\""),
                id,
            ))
        }
    };
    Ok(NatGateway {
        id: NatId(id.to_string()),
        owner: c.account.clone(),
        region: c.region.clone(),
        vpc: VpcId(n.vpc_id.clone()),
        subnet: SubnetId(n.subnet_id.clone()),
        state: n.state.clone().unwrap_or_else(|| "available".into()),
        public,
        public_ip: c.opt_ip4(
            &format!("{at}.PublicIp"),
            &first.and_then(|a| a.public_ip.clone()),
            id,
        )?,
        private_ip: c.opt_ip4(
            &format!("{at}.PrivateIp"),
            &first.and_then(|a| a.private_ip.clone()),
            id,
        )?,
        eni: first.and_then(|a| a.network_interface_id.clone()).map(EniId),
        name: name_of(&n.tags),
    })
}

pub(super) fn endpoint(c: &DocOrigin, i: usize, e: &VpcEndpointJson) -> Result<VpcEndpoint, ImportError> {
    let id = e.vpc_endpoint_id.as_str();
    let kind = match e.vpc_endpoint_type.as_deref().map(str::to_ascii_lowercase).as_deref() {
        None if e.route_table_ids.is_empty() && !e.subnet_ids.is_empty() => EndpointKind::Interface,
        None | Some("gateway") => EndpointKind::Gateway,
        Some("interface") => EndpointKind::Interface,
        Some("gatewayloadbalancer") => EndpointKind::GatewayLoadBalancer,
        Some(_) => {
            return Err(c.invalid(
                &format!("VpcEndpoints[{i}].VpcEndpointType"),
                format!(
                    "'{}' is not an endpoint type: expected \"Gateway\", \"Interface\" or \"GatewayLoadBalancer\"",
                    e.vpc_endpoint_type.as_deref().unwrap_or_default()
                ),
                id,
            ))
        }
    };
    Ok(VpcEndpoint {
        id: VpceId(id.to_string()),
        owner: c.owner(&e.owner_id),
        region: c.region.clone(),
        vpc: VpcId(e.vpc_id.clone()),
        service_name: e.service_name.clone(),
        kind,
        state: e.state.clone().unwrap_or_else(|| "available".into()),
        route_tables: e.route_table_ids.iter().cloned().map(RouteTableId).collect(),
        subnets: e.subnet_ids.iter().cloned().map(SubnetId).collect(),
        enis: e.network_interface_ids.iter().cloned().map(EniId).collect(),
        security_groups: e.groups.iter().map(|g| SgId(g.group_id.clone())).collect(),
        private_dns_enabled: e.private_dns_enabled.unwrap_or(false),
        name: name_of(&e.tags),
    })
}

pub(super) fn prefix_list(c: &DocOrigin, i: usize, p: &PrefixListJson) -> Result<PrefixList, ImportError> {
    let id = p.prefix_list_id.as_str();
    let cidrs = p
        .cidrs
        .iter()
        .enumerate()
        .map(|(j, t)| c.net(&format!("PrefixLists[{i}].Cidrs[{j}]"), t, id))
        .collect::<Result<_, _>>()?;
    Ok(PrefixList {
        id: PrefixListId(id.to_string()),
        name: p.prefix_list_name.clone(),
        region: c.region.clone(),
        cidrs,
    })
}

/// An instance, or `None` for one without a subnet (terminated).
pub(super) fn instance(
    c: &DocOrigin,
    i: usize,
    k: usize,
    owner: &Option<String>,
    n: &InstanceJson,
) -> Result<Option<Instance>, ImportError> {
    let at = format!("Reservations[{i}].Instances[{k}]");
    let id = n.instance_id.as_str();
    let Some(subnet) = n.subnet_id.as_ref().filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    let missing = |key: &str| {
        c.err(
            &at,
            "MALFORMED_JSON",
            format!("missing field `{key}` (the instance has a SubnetId)"),
            Some(id),
        )
    };
    let vpc = n.vpc_id.clone().ok_or_else(|| missing("VpcId"))?;
    let private = n.private_ip_address.as_deref();
    let mut enis: Vec<(i64, usize, EniId)> = n
        .network_interfaces
        .iter()
        .enumerate()
        .map(|(pos, e)| {
            let index = e
                .attachment
                .as_ref()
                .and_then(|a| a.device_index)
                .unwrap_or(i64::MAX);
            (index, pos, EniId(e.network_interface_id.clone()))
        })
        .collect();
    enis.sort();
    // IPv6: the instance's `Ipv6Address`, then its primary interface's `Ipv6Addresses`.
    let mut ipv6_addresses = Vec::new();
    if let Some(text) = &n.ipv6_address {
        ipv6_addresses.push(c.ip6(&format!("{at}.Ipv6Address"), text, id)?);
    }
    if let Some(&(_, pos, _)) = enis.first() {
        let path = format!("{at}.NetworkInterfaces[{pos}]");
        for ip in c.ip6_list(&path, &n.network_interfaces[pos].ipv6_addresses, id)? {
            if !ipv6_addresses.contains(&ip) {
                ipv6_addresses.push(ip);
            }
        }
    }
    Ok(Some(Instance {
        id: InstanceId(id.to_string()),
        owner: c.owner(owner),
        region: c.region.clone(),
        vpc: VpcId(vpc),
        subnet: SubnetId(subnet.clone()),
        private_ip: match private {
            Some(text) => Some(c.ip4(&format!("{at}.PrivateIpAddress"), text, id)?),
            // An IPv6-only instance has no private IPv4 address.
            None if !ipv6_addresses.is_empty() => None,
            None => return Err(missing("PrivateIpAddress")),
        },
        public_ip: c.opt_ip4(&format!("{at}.PublicIpAddress"), &n.public_ip_address, id)?,
        enis: enis.into_iter().map(|(_, _, e)| e).collect(),
        security_groups: n
            .security_groups
            .iter()
            .map(|g| SgId(g.group_id.clone()))
            .collect(),
        state: n
            .state
            .as_ref()
            .and_then(|s| s.name.clone())
            .unwrap_or_else(|| "running".into()),
        name: name_of(&n.tags),
        ipv6_addresses,
    }))
}

pub(super) fn eni(c: &DocOrigin, i: usize, e: &EniJson) -> Result<Eni, ImportError> {
    let at = format!("NetworkInterfaces[{i}]");
    let id = e.network_interface_id.as_str();
    let mut ips: Vec<(bool, Ipv4Addr)> = Vec::new();
    for (j, p) in e.private_ip_addresses.iter().enumerate() {
        let ip = c.ip4(
            &format!("{at}.PrivateIpAddresses[{j}].PrivateIpAddress"),
            &p.private_ip_address,
            id,
        )?;
        ips.push((!p.primary.unwrap_or(false), ip));
    }
    // Primary first, the others in the order given.
    ips.sort_by_key(|(secondary, _)| *secondary);
    let mut private_ips: Vec<Ipv4Addr> = ips.into_iter().map(|(_, ip)| ip).collect();
    if let Some(text) = &e.private_ip_address {
        let ip = c.ip4(&format!("{at}.PrivateIpAddress"), text, id)?;
        if !private_ips.contains(&ip) {
            private_ips.insert(0, ip);
        }
    }
    let public = e.association.as_ref().and_then(|a| a.public_ip.clone());
    Ok(Eni {
        id: EniId(id.to_string()),
        owner: c.owner(&e.owner_id),
        region: c.region.clone(),
        vpc: VpcId(e.vpc_id.clone()),
        subnet: SubnetId(e.subnet_id.clone()),
        availability_zone: e.availability_zone.clone().unwrap_or_default(),
        private_ips,
        public_ip: c.opt_ip4(&format!("{at}.Association.PublicIp"), &public, id)?,
        security_groups: e.groups.iter().map(|g| SgId(g.group_id.clone())).collect(),
        interface_type: e.interface_type.clone().unwrap_or_else(|| "interface".into()),
        instance: e
            .attachment
            .as_ref()
            .and_then(|a| a.instance_id.clone())
            .map(InstanceId),
        description: e.description.clone().unwrap_or_default(),
        ipv6_addresses: c.ip6_list(&at, &e.ipv6_addresses, id)?,
    })
}

/// `IpProtocol` / ACL `Protocol`: a name or an IP protocol number (`-1` for all).
pub(super) fn protocol(
    c: &DocOrigin,
    path: &str,
    text: &str,
    resource: &str,
) -> Result<Protocol, ImportError> {
    Ok(match text.trim().to_ascii_lowercase().as_str() {
        "-1" | "all" => Protocol::All,
        "tcp" | "6" => Protocol::Tcp,
        "udp" | "17" => Protocol::Udp,
        "icmp" | "1" => Protocol::Icmp,
        "icmpv6" => Protocol::Number(58),
        n => match n.parse::<u8>() {
            Ok(n) => Protocol::from_number(n),
            Err(_) => {
                return Err(c.invalid(
                    path,
                    format!(
                        "'{text}' is not a protocol: expected tcp, udp, icmp, -1 (all) or a number 0-255"
                    ),
                    resource,
                ))
            }
        },
    })
}

pub(super) fn security_group(
    c: &DocOrigin,
    i: usize,
    g: &SecurityGroupJson,
) -> Result<SecurityGroup, ImportError> {
    let id = g.group_id.as_str();
    let rules = |key: &str, perms: &[IpPermissionJson]| -> Result<Vec<SgRule>, ImportError> {
        let mut out = Vec::new();
        for (j, p) in perms.iter().enumerate() {
            let at = format!("SecurityGroups[{i}].{key}[{j}]");
            let protocol = protocol(c, &format!("{at}.IpProtocol"), &p.ip_protocol.0, id)?;
            let rule = |peer, description: &Option<String>| SgRule {
                protocol,
                from_port: p.from_port,
                to_port: p.to_port,
                peer,
                description: description.clone(),
            };
            for (k, r) in p.ip_ranges.iter().enumerate() {
                let net = c.net4(&format!("{at}.IpRanges[{k}].CidrIp"), &r.cidr_ip, id)?;
                out.push(rule(SgPeer::Cidr(IpNet::V4(net)), &r.description));
            }
            for (k, r) in p.ipv6_ranges.iter().enumerate() {
                let net = c.net6(&format!("{at}.Ipv6Ranges[{k}].CidrIpv6"), &r.cidr_ipv6, id)?;
                out.push(rule(SgPeer::Cidr(IpNet::V6(net)), &r.description));
            }
            for r in &p.prefix_list_ids {
                out.push(rule(
                    SgPeer::PrefixList(PrefixListId(r.prefix_list_id.clone())),
                    &r.description,
                ));
            }
            for r in &p.user_id_group_pairs {
                let peer = SgPeer::Group {
                    id: SgId(r.group_id.clone()),
                    owner: r.user_id.clone().map(AccountId),
                };
                out.push(rule(peer, &r.description));
            }
        }
        Ok(out)
    };
    Ok(SecurityGroup {
        id: SgId(id.to_string()),
        owner: c.owner(&g.owner_id),
        region: c.region.clone(),
        vpc: VpcId(g.vpc_id.clone()),
        name: g.group_name.clone(),
        description: g.description.clone(),
        ingress: rules("IpPermissions", &g.ip_permissions)?,
        egress: rules("IpPermissionsEgress", &g.ip_permissions_egress)?,
    })
}

pub(super) fn network_acl(c: &DocOrigin, i: usize, a: &NetworkAclJson) -> Result<NetworkAcl, ImportError> {
    let id = a.network_acl_id.as_str();
    let mut entries = Vec::new();
    for (j, e) in a.entries.iter().enumerate() {
        let at = format!("NetworkAcls[{i}].Entries[{j}]");
        let allow = match e.rule_action.as_str() {
            "allow" => true,
            "deny" => false,
            o => {
                return Err(c.invalid(
                    &format!("{at}.RuleAction"),
                    format!("'{o}' is not a rule action: expected \"allow\" or \"deny\""),
                    id,
                ))
            }
        };
        let cidr = match (&e.cidr_block, &e.ipv6_cidr_block) {
            (Some(t), _) => IpNet::V4(c.net4(&format!("{at}.CidrBlock"), t, id)?),
            (None, Some(t)) => IpNet::V6(c.net6(&format!("{at}.Ipv6CidrBlock"), t, id)?),
            (None, None) => {
                return Err(c.err(
                    &at,
                    "MALFORMED_JSON",
                    "missing field `CidrBlock` (or `Ipv6CidrBlock`)".into(),
                    Some(id),
                ))
            }
        };
        entries.push(AclEntry {
            rule_number: e.rule_number,
            egress: e.egress,
            allow,
            protocol: protocol(c, &format!("{at}.Protocol"), &e.protocol.0, id)?,
            cidr,
            ports: e.port_range.as_ref().map(|p| (p.from, p.to)),
            icmp: e.icmp_type_code.as_ref().map(|t| (t.kind, t.code)),
        });
    }
    // Evaluation order: lowest rule number first, each direction on its own.
    entries.sort_by_key(|e| (e.egress, e.rule_number));
    Ok(NetworkAcl {
        id: AclId(id.to_string()),
        owner: c.owner(&a.owner_id),
        region: c.region.clone(),
        vpc: VpcId(a.vpc_id.clone()),
        is_default: a.is_default.unwrap_or(false),
        subnets: a
            .associations
            .iter()
            .map(|s| SubnetId(s.subnet_id.clone()))
            .collect(),
        entries,
        name: name_of(&a.tags),
    })
}

pub(super) fn transit_gateway(c: &DocOrigin, t: &TransitGatewayJson) -> TransitGateway {
    let o = t.options.clone().unwrap_or_default();
    let enabled = |flag: &Option<String>| flag.as_deref() != Some("disable");
    TransitGateway {
        id: TgwId(t.transit_gateway_id.clone()),
        owner: c.owner(&t.owner_id),
        region: c.region.clone(),
        default_association: o
            .association_default_route_table_id
            .filter(|_| enabled(&o.default_route_table_association))
            .map(TgwRouteTableId),
        default_propagation: o
            .propagation_default_route_table_id
            .filter(|_| enabled(&o.default_route_table_propagation))
            .map(TgwRouteTableId),
        state: t.state.clone().unwrap_or_else(|| "available".into()),
        name: name_of(&t.tags),
    }
}

pub(super) fn tgw_attachment(c: &DocOrigin, a: &TgwAttachmentJson) -> TgwAttachment {
    let association = a
        .association
        .as_ref()
        .filter(|s| matches!(s.state.as_deref(), None | Some("associated" | "associating")))
        .and_then(|s| s.transit_gateway_route_table_id.clone())
        .map(TgwRouteTableId);
    TgwAttachment {
        id: TgwAttachmentId(a.transit_gateway_attachment_id.clone()),
        tgw: TgwId(a.transit_gateway_id.clone()),
        tgw_owner: c.owner(&a.transit_gateway_owner_id),
        region: c.region.clone(),
        resource_type: a.resource_type.clone().unwrap_or_else(|| "vpc".into()),
        resource_id: a.resource_id.clone().unwrap_or_default(),
        resource_owner: c.owner(&a.resource_owner_id),
        subnets: Vec::new(),
        state: a.state.clone().unwrap_or_else(|| "available".into()),
        association,
        name: name_of(&a.tags),
        ipv6_support: false,
    }
}

pub(super) fn tgw_route_table(c: &DocOrigin, t: &TgwRouteTableJson) -> TgwRouteTable {
    TgwRouteTable {
        id: TgwRouteTableId(t.transit_gateway_route_table_id.clone()),
        tgw: TgwId(t.transit_gateway_id.clone()),
        region: c.region.clone(),
        default_association: t.default_association_route_table.unwrap_or(false),
        default_propagation: t.default_propagation_route_table.unwrap_or(false),
        propagations: Vec::new(),
        routes: Vec::new(),
        name: name_of(&t.tags),
    }
}

/// A TGW route, `None` for one being deleted. The second value is the VPC attachment whose
/// propagation the route shows (a propagated route of a VPC attachment), if it is one; the
/// attachment's type is `resource_type_of` it, the route's own `ResourceType` only for an
/// attachment the estate does not have. A propagated route of a VPN, Direct Connect gateway or
/// Connect attachment (learned over BGP) is kept as a stored route of `Type` `propagated`; one
/// to a peering attachment is refused, since a peering attachment does not propagate ("Add a
/// route to a transit gateway route table using AWS Transit Gateway", Amazon VPC Transit
/// Gateways).
pub(super) fn tgw_route(
    c: &DocOrigin,
    at: &str,
    r: &TgwRouteJson,
    rtb: &str,
    resource_type_of: impl Fn(&TgwAttachmentId) -> Option<String>,
) -> Result<Option<(TgwRoute, Option<TgwAttachmentId>)>, ImportError> {
    let destination = if let Some(text) = &r.destination_cidr_block {
        Destination::Cidr(c.net(&format!("{at}.DestinationCidrBlock"), text, rtb)?)
    } else if let Some(pl) = &r.prefix_list_id {
        Destination::PrefixList(PrefixListId(pl.clone()))
    } else {
        return Err(c.invalid(
            at,
            "a route needs a destination: DestinationCidrBlock or PrefixListId".into(),
            rtb,
        ));
    };
    let first = r.transit_gateway_attachments.first();
    let attachment = first
        .and_then(|a| a.transit_gateway_attachment_id.clone())
        .map(TgwAttachmentId);
    let state = match r.state.as_deref() {
        Some("deleting" | "deleted") => return Ok(None),
        Some("active" | "pending") => RouteState::Active,
        Some("blackhole") => RouteState::Blackhole,
        None if attachment.is_none() => RouteState::Blackhole,
        None => RouteState::Active,
        Some(s) => {
            return Err(c.invalid(
                &format!("{at}.State"),
                format!("'{s}' is not a transit gateway route state: expected \"active\" or \"blackhole\""),
                rtb,
            ))
        }
    };
    let propagated = match r.kind.as_deref() {
        None | Some("static") => false,
        Some("propagated") => true,
        Some(k) => {
            return Err(c.invalid(
                &format!("{at}.Type"),
                format!("'{k}' is not a transit gateway route type: expected \"static\" or \"propagated\""),
                rtb,
            ))
        }
    };
    let vpc_propagation = match (&attachment, propagated) {
        (Some(a), true) => {
            // The attachment's own type, when the estate has it, wins over the type the route
            // repeats: a route that says otherwise must not become a second, stored copy of
            // the propagated route (lost again by export, which derives them).
            let kind = resource_type_of(a).or_else(|| first.and_then(|f| f.resource_type.clone()));
            if kind.as_deref() == Some("peering") {
                return Err(c.invalid(
                    &format!("{at}.Type"),
                    format!(
                        "a propagated route to {a}, a transit gateway peering attachment: a peering \
                         attachment does not propagate routes, its routes are \"static\""
                    ),
                    rtb,
                ));
            }
            (kind.as_deref() == Some("vpc")).then(|| a.clone())
        }
        _ => None,
    };
    let route = TgwRoute {
        destination,
        attachment,
        state,
        propagated,
    };
    Ok(Some((route, vpc_propagation)))
}

// ---- IPv6 (issue 13) ----

impl DocOrigin<'_> {
    pub fn ip6(&self, path: &str, text: &str, resource: &str) -> Result<Ipv6Addr, ImportError> {
        text.trim().parse().map_err(|_| {
            self.invalid(
                path,
                format!("'{text}' is not an IPv6 address: expected eight groups of hex digits such as 2001:db8::1234"),
                resource,
            )
        })
    }

    /// `Ipv6Addresses` under `at`: the primary one (`IsPrimaryIpv6`) first, the others in order.
    fn ip6_list(
        &self,
        at: &str,
        list: &[Ipv6AddressJson],
        resource: &str,
    ) -> Result<Vec<Ipv6Addr>, ImportError> {
        let mut out: Vec<(bool, Ipv6Addr)> = Vec::new();
        for (j, a) in list.iter().enumerate() {
            let ip = self.ip6(
                &format!("{at}.Ipv6Addresses[{j}].Ipv6Address"),
                &a.ipv6_address,
                resource,
            )?;
            if !out.iter().any(|(_, o)| *o == ip) {
                out.push((!a.is_primary_ipv6.unwrap_or(false), ip));
            }
        }
        out.sort_by_key(|(secondary, _)| *secondary);
        Ok(out.into_iter().map(|(_, ip)| ip).collect())
    }
}

pub(super) fn egress_only_internet_gateway(
    c: &DocOrigin,
    g: &EgressOnlyInternetGatewayJson,
) -> EgressOnlyInternetGateway {
    let attached_vpc = g
        .attachments
        .iter()
        .find(|a| matches!(a.state.as_deref(), None | Some("attached" | "attaching")))
        .and_then(|a| a.vpc_id.clone())
        .map(VpcId);
    EgressOnlyInternetGateway {
        id: EigwId(g.egress_only_internet_gateway_id.clone()),
        owner: c.account.clone(),
        region: c.region.clone(),
        attached_vpc,
        name: name_of(&g.tags),
    }
}
