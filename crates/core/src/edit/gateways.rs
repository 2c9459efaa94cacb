//! Internet gateways and NAT gateways.
//!
//! See "Connect to the internet using an internet gateway" (userguide/VPC_Internet_Gateway.html)
//! and "NAT gateways" (userguide/vpc-nat-gateway.html).

use super::common::*;
use super::{quotas, Applied};
use crate::model::*;

/// `CreateInternetGateway`: detached; at most [`quotas::INTERNET_GATEWAYS_PER_REGION`] per account
/// and region.
pub(super) fn create_igw(
    e: &mut Estate,
    actor: Actor,
    region: Option<&Region>,
    name: &Option<String>,
) -> Result<Applied> {
    let owner = creating_account(e, actor)?;
    let region = creating_region(e, &owner, region)?;
    let count = e
        .internet_gateways
        .values()
        .filter(|g| g.owner == owner && g.region == region)
        .count();
    if count >= quotas::INTERNET_GATEWAYS_PER_REGION {
        return Err(err(
            "InternetGatewayLimitExceeded",
            format!(
                "The maximum number of internet gateways has been reached: account {owner} has {count} in {region} (the default quota is {})",
                quotas::INTERNET_GATEWAYS_PER_REGION
            ),
        ));
    }
    let id = IgwId(new_id("igw", e.internet_gateways.len(), |s| {
        e.internet_gateways.contains_key(&IgwId::from(s))
    }));
    e.internet_gateways.insert(
        id.clone(),
        InternetGateway {
            id: id.clone(),
            owner: owner.clone(),
            region: region.clone(),
            attached_vpc: None,
            name: name.clone(),
        },
    );
    record_document(e, &owner, &region);
    Ok(Applied {
        created: vec![id.to_string()],
        description: format!("Created internet gateway {id} in {region}"),
        warning: None,
    })
}

/// `AttachInternetGateway`: one VPC per gateway (`Resource.AlreadyAssociated`), one gateway per
/// VPC, same account and region. Routes in the VPC's tables that target it become `active`.
pub(super) fn attach_igw(e: &mut Estate, actor: Actor, igw_id: &IgwId, vpc_id: &VpcId) -> Result<Applied> {
    let igw = internet_gateway(e, igw_id, actor)?;
    let vpc = vpc(e, vpc_id, actor)?;
    if vpc.owner != igw.owner || vpc.region != igw.region {
        return Err(err(
            "InvalidVpcID.NotFound",
            format!("The vpc ID '{vpc_id}' does not exist"),
        ));
    }
    if let Some(current) = &igw.attached_vpc {
        return Err(err(
            "Resource.AlreadyAssociated",
            format!("resource {igw_id} is already attached to network {current}"),
        ));
    }
    if let Some(other) = e.internet_gateway_of(vpc_id) {
        return Err(err(
            "InvalidParameterValue",
            format!(
                "Network {vpc_id} already has an internet gateway attached ({})",
                other.id
            ),
        ));
    }
    if let Some(g) = e.internet_gateways.get_mut(igw_id) {
        g.attached_vpc = Some(vpc_id.clone());
    }
    let routes = routes_count(refresh_routes(
        e,
        |t| matches!(t, Target::InternetGateway(g) if g == igw_id),
    ));
    Ok(Applied {
        created: vec![],
        description: format!("Attached {igw_id} to {vpc_id} ({routes} turned active)"),
        warning: None,
    })
}

/// `DetachInternetGateway`: it must be attached to that VPC (`Gateway.NotAttached`), and the VPC
/// must have no mapped public addresses (`DependencyViolation`: instances with a public IP, public
/// NAT gateways). Routes to it become `blackhole`.
pub(super) fn detach_igw(e: &mut Estate, actor: Actor, igw_id: &IgwId, vpc_id: &VpcId) -> Result<Applied> {
    let igw = internet_gateway(e, igw_id, actor)?;
    vpc(e, vpc_id, actor)?;
    if igw.attached_vpc.as_ref() != Some(vpc_id) {
        return Err(err(
            "Gateway.NotAttached",
            format!("resource {igw_id} is not attached to network {vpc_id}"),
        ));
    }
    let mapped: Vec<String> = e
        .instances
        .values()
        .filter(|i| &i.vpc == vpc_id && i.public_ip.is_some() && i.state != "terminated")
        .map(|i| i.id.to_string())
        .chain(
            e.nat_gateways
                .values()
                .filter(|n| &n.vpc == vpc_id && n.public_ip.is_some() && n.state != "deleted")
                .map(|n| n.id.to_string()),
        )
        .collect();
    if !mapped.is_empty() {
        return Err(err(
            "DependencyViolation",
            format!(
                "Network {vpc_id} has some mapped public address(es). Please unmap those public address(es) before detaching the gateway. ({})",
                mapped.join(", ")
            ),
        ));
    }
    if let Some(g) = e.internet_gateways.get_mut(igw_id) {
        g.attached_vpc = None;
    }
    let routes = routes_count(refresh_routes(
        e,
        |t| matches!(t, Target::InternetGateway(g) if g == igw_id),
    ));
    Ok(Applied {
        created: vec![],
        description: format!("Detached {igw_id} from {vpc_id} ({routes} turned blackhole)"),
        warning: None,
    })
}

/// `CreateNatGateway`: a public one takes a new Elastic IP and needs an internet gateway on the
/// VPC (`Gateway.NotAttached`); a private one has no public address. It gets a network interface
/// with the subnet's first free address. At most [`quotas::NAT_GATEWAYS_PER_AZ`] per zone.
pub(super) fn create_nat(
    e: &mut Estate,
    actor: Actor,
    subnet_id: &SubnetId,
    private: bool,
    name: &Option<String>,
) -> Result<Applied> {
    let subnet = e
        .subnets
        .get(subnet_id)
        .filter(|s| actor.is_none_or(|a| a == &s.owner || s.shared_with.contains(a)))
        .ok_or_else(|| subnet_not_found(subnet_id))?;
    let owner = actor.cloned().unwrap_or_else(|| subnet.owner.clone());
    if !private && e.internet_gateway_of(&subnet.vpc).is_none() {
        return Err(err(
            "Gateway.NotAttached",
            format!(
                "Network {} has no Internet gateway attached: a public NAT gateway needs one",
                subnet.vpc
            ),
        ));
    }
    let in_az = e
        .nat_gateways
        .values()
        .filter(|n| n.state != "deleted")
        .filter(|n| {
            e.subnets
                .get(&n.subnet)
                .is_some_and(|s| s.availability_zone == subnet.availability_zone && s.owner == subnet.owner)
        })
        .count();
    if in_az >= quotas::NAT_GATEWAYS_PER_AZ {
        return Err(err(
            "NatGatewayLimitExceeded",
            format!(
                "The maximum number of NAT gateways has been reached in {} (the default quota is {} per availability zone)",
                subnet.availability_zone,
                quotas::NAT_GATEWAYS_PER_AZ
            ),
        ));
    }
    let private_ip = free_private_ip(e, subnet)?;
    let public_ip = if private { None } else { Some(free_public_ip(e)?) };
    let id = NatId(new_id("nat", e.nat_gateways.len(), |s| {
        e.nat_gateways.contains_key(&NatId::from(s))
    }));
    let eni = new_eni_id(e);
    let subnet = subnet.clone();
    e.enis.insert(
        eni.clone(),
        Eni {
            id: eni.clone(),
            owner: owner.clone(),
            region: subnet.region.clone(),
            vpc: subnet.vpc.clone(),
            subnet: subnet.id.clone(),
            availability_zone: subnet.availability_zone.clone(),
            private_ips: vec![private_ip],
            public_ip,
            security_groups: vec![],
            interface_type: "nat_gateway".into(),
            instance: None,
            description: format!("Interface for NAT Gateway {id}"),
            ipv6_addresses: Vec::new(),
        },
    );
    e.nat_gateways.insert(
        id.clone(),
        NatGateway {
            id: id.clone(),
            owner,
            region: subnet.region.clone(),
            vpc: subnet.vpc.clone(),
            subnet: subnet.id.clone(),
            state: "available".into(),
            public: !private,
            public_ip,
            private_ip: Some(private_ip),
            eni: Some(eni.clone()),
            name: name.clone(),
        },
    );
    Ok(Applied {
        created: vec![id.to_string(), eni.to_string()],
        description: match public_ip {
            Some(ip) => format!(
                "Created public NAT gateway {id} in {} ({private_ip}, Elastic IP {ip})",
                subnet.id
            ),
            None => format!("Created private NAT gateway {id} in {} ({private_ip})", subnet.id),
        },
        warning: None,
    })
}

/// `DeleteNatGateway`: it becomes `deleted`, its interface and Elastic IP go, and every route to
/// it becomes `blackhole`.
pub(super) fn delete_nat(e: &mut Estate, actor: Actor, id: &NatId) -> Result<Applied> {
    let nat = nat_gateway(e, id, actor)?;
    let eni = nat.eni.clone();
    if let Some(eni) = &eni {
        e.enis.remove(eni);
    }
    if let Some(n) = e.nat_gateways.get_mut(id) {
        n.state = "deleted".into();
        n.public_ip = None;
        n.eni = None;
    }
    let routes = routes_count(refresh_routes(
        e,
        |t| matches!(t, Target::NatGateway(n) if n == id),
    ));
    Ok(Applied {
        created: vec![],
        description: format!("Deleted NAT gateway {id} ({routes} turned blackhole)"),
        warning: None,
    })
}
