//! The ends a trace panel can offer: instances, free-standing network interfaces, endpoint
//! services.

use std::collections::BTreeSet;

use serde::Serialize;

use super::trace::HopKind;
use crate::model::Estate;

/// Something a trace can start or end at, as a picker offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Choice {
    /// What to pass as `from` / `to`: an instance or ENI id, or a service name.
    pub id: String,
    /// `instance`, `network_interface`, `interface_endpoint` or `service`.
    pub kind: HopKind,
    /// The `Name` tag, an ENI's description, or the service name.
    pub name: Option<String>,
    /// The private IPv4 address (none for a service).
    pub address: Option<String>,
    pub public_address: Option<String>,
    /// The primary IPv6 address, if it has one (what a trace over IPv6 uses).
    pub ipv6_address: Option<String>,
    pub vpc: Option<String>,
    pub subnet: Option<String>,
}

/// Every instance, every network interface not attached to an instance (interface endpoints,
/// load balancers, NAT gateways' interfaces …), and every service an endpoint serves, in id
/// order: what a trace panel can offer as ends.
pub fn choices(estate: &Estate) -> Vec<Choice> {
    let mut out: Vec<Choice> = estate
        .instances
        .values()
        .map(|i| Choice {
            id: i.id.to_string(),
            kind: HopKind::Instance,
            name: i.name.clone(),
            address: i.private_ip.map(|p| p.to_string()),
            public_address: i.public_ip.map(|p| p.to_string()),
            ipv6_address: i.ipv6_addresses.first().map(|p| p.to_string()),
            vpc: Some(i.vpc.to_string()),
            subnet: Some(i.subnet.to_string()),
        })
        .collect();
    let endpoint_enis: BTreeSet<&str> = crate::small::set_of(
        estate
            .endpoints
            .values()
            .flat_map(|e| e.enis.iter().map(|x| x.as_str())),
    );
    out.extend(estate.enis.values().filter(|e| e.instance.is_none()).map(|e| {
        Choice {
            id: e.id.to_string(),
            kind: if endpoint_enis.contains(e.id.as_str()) {
                HopKind::InterfaceEndpoint
            } else {
                HopKind::NetworkInterface
            },
            // What it is (an ECS task, not its attachment's ARN), else AWS's description.
            name: e
                .what()
                .map(String::from)
                .or_else(|| (!e.description.is_empty()).then(|| e.description.clone())),
            address: e.private_ips.first().map(|p| p.to_string()),
            public_address: e.public_ip.map(|p| p.to_string()),
            ipv6_address: e.ipv6_addresses.first().map(|p| p.to_string()),
            vpc: Some(e.vpc.to_string()),
            subnet: Some(e.subnet.to_string()),
        }
    }));
    let services: BTreeSet<&str> = crate::small::set_of(
        estate
            .endpoints
            .values()
            .map(|e| e.service_name.as_str())
            .filter(|s| !s.is_empty()),
    );
    out.extend(services.into_iter().map(|s| Choice {
        id: s.to_string(),
        kind: HopKind::Service,
        name: Some(s.to_string()),
        address: None,
        public_address: None,
        ipv6_address: None,
        vpc: None,
        subnet: None,
    }));
    out
}
