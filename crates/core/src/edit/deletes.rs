//! Deleting what a learner created: a VPC, a subnet, an internet gateway, a security group, an
//! instance. AWS refuses while something still depends on the resource (`DependencyViolation`,
//! naming what to remove first) and takes the resource's own parts with it.
//!
//! See "Delete your VPC" (userguide/delete-vpc.html: delete or detach subnets, gateways,
//! endpoints, attachments and non-default security groups, route tables and network ACLs
//! first; deleting a VPC deletes its peering connections), "Delete a subnet"
//! (userguide/subnet-managing.html: terminate the instances and delete the network interfaces
//! first), "Delete an internet gateway" (userguide/working-with-igw.html: detach it first),
//! "Delete a security group" (userguide/deleting-security-groups.html: not the default group,
//! not while an interface uses it or another group's rule refers to it) and `TerminateInstances`.

use super::common::*;
use super::Applied;
use crate::model::*;

fn dependency(what: String, first: Vec<String>) -> super::EditError {
    err(
        "DependencyViolation",
        format!(
            "{what} has dependencies and cannot be deleted: {} first",
            first.join("; ")
        ),
    )
}

fn non_empty(label: &str, ids: Vec<String>) -> Option<String> {
    (!ids.is_empty()).then(|| format!("{label} {}", ids.join(", ")))
}

/// `DeleteSubnet`: not while network interfaces live in it (instances, NAT gateways, endpoint
/// and transit gateway attachment interfaces); its route table and network ACL associations go
/// with it (the route tables stay).
pub(super) fn delete_subnet(e: &mut Estate, actor: Actor, id: &SubnetId) -> Result<Applied> {
    subnet(e, id, actor)?;
    let mut first = Vec::new();
    first.extend(non_empty(
        "terminate instances",
        e.instances
            .values()
            .filter(|i| &i.subnet == id)
            .map(|i| i.id.to_string())
            .collect(),
    ));
    first.extend(non_empty(
        "delete NAT gateways",
        e.nat_gateways
            .values()
            .filter(|n| &n.subnet == id && n.state != "deleted")
            .map(|n| n.id.to_string())
            .collect(),
    ));
    first.extend(non_empty(
        "delete endpoints (or remove the subnet from them)",
        e.endpoints
            .values()
            .filter(|v| v.subnets.contains(id))
            .map(|v| v.id.to_string())
            .collect(),
    ));
    first.extend(non_empty(
        "delete or modify transit gateway attachments",
        e.tgw_attachments
            .values()
            .filter(|a| a.subnets.contains(id))
            .map(|a| a.id.to_string())
            .collect(),
    ));
    if first.is_empty() {
        first.extend(non_empty(
            "delete network interfaces",
            e.enis
                .values()
                .filter(|n| &n.subnet == id)
                .map(|n| n.id.to_string())
                .collect(),
        ));
    }
    if !first.is_empty() {
        return Err(dependency(format!("The subnet '{id}'"), first));
    }
    for rt in e.route_tables.values_mut() {
        rt.subnets.retain(|s| s != id);
    }
    for acl in e.network_acls.values_mut() {
        acl.subnets.retain(|s| s != id);
    }
    e.subnets.remove(id);
    Ok(Applied {
        created: vec![],
        description: format!("Deleted subnet {id}"),
        warning: None,
    })
}

/// `DeleteVpc`: only an empty VPC (no subnets, attached internet gateway, endpoints, NAT or
/// transit gateway attachments, non-default security groups, route tables or network ACLs). Its
/// main route table, default network ACL and default security group go with it, and its peering
/// connections are deleted (the peers' routes to them turn `blackhole`).
pub(super) fn delete_vpc(e: &mut Estate, actor: Actor, id: &VpcId) -> Result<Applied> {
    vpc(e, id, actor)?;
    let mut first = Vec::new();
    first.extend(non_empty(
        "delete subnets",
        e.subnets
            .values()
            .filter(|s| &s.vpc == id)
            .map(|s| s.id.to_string())
            .collect(),
    ));
    first.extend(non_empty(
        "detach internet gateways",
        e.internet_gateways
            .values()
            .filter(|g| g.attached_vpc.as_ref() == Some(id))
            .map(|g| g.id.to_string())
            .collect(),
    ));
    first.extend(non_empty(
        "delete endpoints",
        e.endpoints
            .values()
            .filter(|v| &v.vpc == id)
            .map(|v| v.id.to_string())
            .collect(),
    ));
    first.extend(non_empty(
        "delete transit gateway attachments",
        e.tgw_attachments
            .values()
            .filter(|a| a.resource_type == "vpc" && a.resource_id == id.as_str())
            .map(|a| a.id.to_string())
            .collect(),
    ));
    first.extend(non_empty(
        "delete security groups",
        e.security_groups
            .values()
            .filter(|g| &g.vpc == id && g.name != "default")
            .map(|g| g.id.to_string())
            .collect(),
    ));
    first.extend(non_empty(
        "delete route tables",
        e.route_tables
            .values()
            .filter(|rt| &rt.vpc == id && !rt.main)
            .map(|rt| rt.id.to_string())
            .collect(),
    ));
    first.extend(non_empty(
        "delete network ACLs",
        e.network_acls
            .values()
            .filter(|a| &a.vpc == id && !a.is_default)
            .map(|a| a.id.to_string())
            .collect(),
    ));
    if !first.is_empty() {
        return Err(dependency(format!("The vpc '{id}'"), first));
    }
    e.route_tables.retain(|_, rt| &rt.vpc != id);
    e.network_acls.retain(|_, a| &a.vpc != id);
    e.security_groups.retain(|_, g| &g.vpc != id);
    e.nat_gateways.retain(|_, n| &n.vpc != id);
    let mut peerings = Vec::new();
    for p in e.peerings.values_mut() {
        let live = !matches!(
            p.status,
            PeeringStatus::Deleted | PeeringStatus::Rejected | PeeringStatus::Failed | PeeringStatus::Expired
        );
        if live && (&p.requester.vpc == id || &p.accepter.vpc == id) {
            p.status = PeeringStatus::Deleted;
            peerings.push(p.id.clone());
        }
    }
    e.vpcs.remove(id);
    refresh_routes(e, |t| matches!(t, Target::VpcPeering(p) if peerings.contains(p)));
    let mut description = format!("Deleted VPC {id}");
    if !peerings.is_empty() {
        description.push_str(&format!(" and its peerings {}", join(&peerings)));
    }
    Ok(Applied {
        created: vec![],
        description,
        warning: None,
    })
}

/// `DeleteInternetGateway`: only a detached one (`DependencyViolation`: detach it first).
pub(super) fn delete_internet_gateway(e: &mut Estate, actor: Actor, id: &IgwId) -> Result<Applied> {
    let igw = internet_gateway(e, id, actor)?;
    if let Some(v) = &igw.attached_vpc {
        return Err(dependency(
            format!("The internetGateway '{id}'"),
            vec![format!("detach it from {v}")],
        ));
    }
    e.internet_gateways.remove(id);
    Ok(Applied {
        created: vec![],
        description: format!("Deleted internet gateway {id}"),
        warning: None,
    })
}

/// `DeleteSecurityGroup`: not a VPC's default group (`CannotDelete`), not while a network
/// interface uses it or a rule of another group refers to it (`DependencyViolation`).
pub(super) fn delete_security_group(e: &mut Estate, actor: Actor, id: &SgId) -> Result<Applied> {
    let sg = security_group(e, id, actor)?;
    if sg.name == "default" {
        return Err(err(
            "CannotDelete",
            format!("the specified group: \"{id}\" name: \"default\" cannot be deleted by a user: it is the default security group of {}", sg.vpc),
        ));
    }
    let mut first = Vec::new();
    first.extend(non_empty(
        "remove it from the network interfaces",
        e.enis
            .values()
            .filter(|n| n.security_groups.contains(id))
            .map(|n| match &n.instance {
                Some(i) => format!("{} (of {i})", n.id),
                None => n.id.to_string(),
            })
            .collect(),
    ));
    first.extend(non_empty(
        "remove the rules that refer to it from",
        e.security_groups
            .values()
            .filter(|g| &g.id != id)
            .filter(|g| {
                g.ingress
                    .iter()
                    .chain(&g.egress)
                    .any(|r| matches!(&r.peer, SgPeer::Group { id: peer, .. } if peer == id))
            })
            .map(|g| g.id.to_string())
            .collect(),
    ));
    if !first.is_empty() {
        return Err(dependency(format!("resource {id}"), first));
    }
    e.security_groups.remove(id);
    for v in e.endpoints.values_mut() {
        v.security_groups.retain(|g| g != id);
    }
    Ok(Applied {
        created: vec![],
        description: format!("Deleted security group {id}"),
        warning: None,
    })
}

/// `TerminateInstances` (one instance): its network interface goes with it, its addresses are
/// freed, and routes to it turn `blackhole`. A participant terminates what it launched; the
/// subnet's owner cannot terminate a participant's instance (`InvalidInstanceID.NotFound`).
pub(super) fn terminate_instance(e: &mut Estate, actor: Actor, id: &InstanceId) -> Result<Applied> {
    let inst = e
        .instances
        .get(id)
        .filter(|i| may_act(actor, &i.owner))
        .ok_or_else(|| {
            err(
                "InvalidInstanceID.NotFound",
                format!(
                    "The instance ID '{id}' does not exist{}",
                    listing(
                        "instances",
                        e.instances
                            .values()
                            .filter(|i| may_act(actor, &i.owner))
                            .map(|i| i.id.to_string())
                    )
                ),
            )
        })?;
    let enis = inst.enis.clone();
    for n in &enis {
        e.enis.remove(n);
    }
    e.instances.remove(id);
    let routes = refresh_routes(e, |t| match t {
        Target::Instance(i) => i == id,
        Target::Eni(n) => enis.contains(n),
        _ => false,
    });
    Ok(Applied {
        created: vec![],
        description: format!("Terminated {id} ({routes} routes turned blackhole)"),
        warning: None,
    })
}
