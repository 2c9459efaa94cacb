//! Launching an instance, so that exercises can place hosts.
//!
//! See "Launch an instance" and "Private IPv4 addresses" (AWSEC2/latest/UserGuide), "Subnet CIDR
//! blocks" for the reserved addresses, and "Share your VPC with other accounts" for participants
//! launching into a shared subnet with their own security groups.

use std::collections::BTreeSet;
use std::net::{Ipv4Addr, Ipv6Addr};

use super::common::*;
use super::Applied;
use crate::model::*;

/// The fields of a launch.
pub(super) struct LaunchSpec<'a> {
    pub subnet: &'a SubnetId,
    pub private_ip: Option<&'a str>,
    pub public_ip: bool,
    /// `--ipv6-address-count 1`: an IPv6 address from the subnet's block.
    pub ipv6_address: bool,
    pub security_groups: &'a [SgId],
    pub name: &'a Option<String>,
}

/// `RunInstances` for one instance with one network interface. The subnet's owner or a
/// participant it is shared with may launch. A given private IP must lie in the subnet, not be one
/// of the five reserved addresses and be free (`InvalidIPAddress.InUse`); otherwise the first free
/// one is used. Security groups are of the subnet's VPC and the launcher's own (default: the VPC's
/// default group, for its owner).
pub(super) fn launch(e: &mut Estate, actor: Actor, spec: LaunchSpec) -> Result<Applied> {
    let subnet = e
        .subnets
        .get(spec.subnet)
        .filter(|s| actor.is_none_or(|a| a == &s.owner || s.shared_with.contains(a)))
        .ok_or_else(|| subnet_not_found(spec.subnet))?;
    let owner = actor.cloned().unwrap_or_else(|| subnet.owner.clone());
    let private_ip = match (subnet.cidr, spec.private_ip) {
        // An IPv6-only subnet: an IPv6-only instance (below, its IPv6 address).
        (None, None) if !spec.public_ip => None,
        (None, _) => {
            return Err(err(
                "InvalidParameterValue",
                format!(
                    "Subnet {} is IPv6-only ({}): an instance there gets no IPv4 address, private or public; leave both empty",
                    subnet.id,
                    subnet.blocks_text()
                ),
            ))
        }
        (Some(cidr), Some(text)) => {
            let ip: Ipv4Addr = text.trim().parse().map_err(|_| {
                err(
                    "InvalidParameterValue",
                    format!("Value ({text}) for parameter privateIpAddress is invalid: an IPv4 address such as 10.0.1.10 is needed"),
                )
            })?;
            if !cidr.contains(&ip) {
                return Err(err(
                    "InvalidParameterValue",
                    format!(
                        "Address {ip} does not fall within the subnet's address range ({})",
                        cidr
                    ),
                ));
            }
            if is_reserved(&cidr, ip) {
                return Err(err(
                    "InvalidParameterValue",
                    format!(
                        "Address {ip} is in subnet's reserved address range: AWS reserves the first four addresses and the last one of {}",
                        cidr
                    ),
                ));
            }
            if used_private_ips(e, &subnet.id).contains(&ip) {
                return Err(err("InvalidIPAddress.InUse", format!("Address {ip} is in use.")));
            }
            Some(ip)
        }
        (Some(_), None) => Some(free_private_ip(e, subnet)?),
    };
    let groups = if spec.security_groups.is_empty() {
        let default = e
            .security_groups
            .values()
            .find(|g| g.vpc == subnet.vpc && g.name == "default" && g.owner == owner)
            .ok_or_else(|| {
                err(
                    "MissingParameter",
                    format!(
                        "Name a security group: the default security group of {} belongs to its owner, not to {owner}",
                        subnet.vpc
                    ),
                )
            })?;
        vec![default.id.clone()]
    } else {
        for g in spec.security_groups {
            let sg = security_group(e, g, Some(&owner))?;
            if sg.vpc != subnet.vpc {
                return Err(err(
                    "InvalidParameter",
                    format!(
                        "Security group {g} and subnet {} belong to different networks.",
                        subnet.id
                    ),
                ));
            }
        }
        spec.security_groups.to_vec()
    };
    let public_ip = if spec.public_ip {
        Some(free_public_ip(e)?)
    } else {
        None
    };
    let ipv6 = if spec.ipv6_address || subnet.assign_ipv6_address_on_creation || private_ip.is_none() {
        Some(free_ipv6(e, subnet)?)
    } else {
        None
    };
    let subnet = subnet.clone();
    let id = InstanceId(new_id("i", e.instances.len(), |s| {
        e.instances.contains_key(&InstanceId::from(s))
    }));
    let eni = new_eni_id(e);
    e.enis.insert(
        eni.clone(),
        Eni {
            id: eni.clone(),
            owner: owner.clone(),
            region: subnet.region.clone(),
            vpc: subnet.vpc.clone(),
            subnet: subnet.id.clone(),
            availability_zone: subnet.availability_zone.clone(),
            private_ips: private_ip.into_iter().collect(),
            public_ip,
            security_groups: groups.clone(),
            interface_type: "interface".into(),
            instance: Some(id.clone()),
            description: String::new(),
            ipv6_addresses: ipv6.into_iter().collect(),
        },
    );
    e.instances.insert(
        id.clone(),
        Instance {
            id: id.clone(),
            owner: owner.clone(),
            region: subnet.region.clone(),
            vpc: subnet.vpc.clone(),
            subnet: subnet.id.clone(),
            private_ip,
            public_ip,
            enis: vec![eni.clone()],
            security_groups: groups,
            state: "running".into(),
            name: spec.name.clone(),
            ipv6_addresses: ipv6.into_iter().collect(),
        },
    );
    record_document(e, &owner, &subnet.region);
    Ok(Applied {
        created: vec![id.to_string(), eni.to_string()],
        description: match (private_ip, ipv6) {
            (Some(ip), _) => format!(
                "Launched {id} in {} at {ip}{}{}",
                subnet.id,
                public_ip.map(|p| format!(" (public {p})")).unwrap_or_default(),
                ipv6.map(|a| format!(" and {a}")).unwrap_or_default()
            ),
            (None, Some(a)) => format!("Launched {id} in {} at {a} (IPv6-only)", subnet.id),
            (None, None) => format!("Launched {id} in {}", subnet.id),
        },
        warning: None,
    })
}

/// The lowest free IPv6 address of the subnet's first IPv6 block past the four AWS reserves
/// (`InvalidParameterValue` when the subnet has no IPv6 block). See "Subnet CIDR blocks"
/// (subnet-sizing.html: the first four and the last IPv6 address of a subnet are reserved) and
/// "IPv6 addresses" (AWSEC2/latest/UserGuide/using-instance-addressing.html#ipv6-addressing).
fn free_ipv6(e: &Estate, subnet: &Subnet) -> Result<Ipv6Addr> {
    let Some(block) = subnet.ipv6_cidrs.first() else {
        return Err(err(
            "InvalidParameterValue",
            format!(
                "Subnet {} has no IPv6 CIDR block, so no IPv6 address can be assigned: give it one first (associate_subnet_ipv6_cidr)",
                subnet.id
            ),
        ));
    };
    let used: BTreeSet<Ipv6Addr> = e
        .enis
        .values()
        .filter(|n| n.subnet == subnet.id)
        .flat_map(|n| n.ipv6_addresses.iter().copied())
        .chain(
            e.instances
                .values()
                .filter(|i| i.subnet == subnet.id)
                .flat_map(|i| i.ipv6_addresses.iter().copied()),
        )
        .collect();
    let base = u128::from(block.network());
    (4u128..4 + 65_536)
        .map(|k| Ipv6Addr::from(base + k))
        .find(|a| block.contains(a) && !used.contains(a))
        .ok_or_else(|| {
            err(
                "InsufficientFreeAddressesInSubnet",
                format!("No free IPv6 address is left in {block}"),
            )
        })
}
