//! Route tables as wholes: creating and deleting them, subnet associations, the main table.
//!
//! See "Subnet route tables" and "Main route table" in "Configure route tables"
//! (userguide/VPC_Route_Tables.html) and "Work with route tables" (userguide/WorkWithRouteTables.html).

use super::common::*;
use super::vpc_subnet::local_routes;
use super::{quotas, Applied};
use crate::model::*;

/// `CreateRouteTable`: a table with the VPC's local routes, associated with no subnet.
pub(super) fn create_route_table(
    e: &mut Estate,
    actor: Actor,
    vpc_id: &VpcId,
    name: &Option<String>,
) -> Result<Applied> {
    let vpc = vpc(e, vpc_id, actor)?;
    let count = e.route_tables.values().filter(|rt| &rt.vpc == vpc_id).count();
    if count >= quotas::ROUTE_TABLES_PER_VPC {
        return Err(err(
            "RouteTableLimitExceeded",
            format!(
                "The maximum number of route tables has been reached: {vpc_id} has {count} (the default quota is {})",
                quotas::ROUTE_TABLES_PER_VPC
            ),
        ));
    }
    let id = RouteTableId(new_id("rtb", e.route_tables.len(), |s| {
        e.route_tables.contains_key(&RouteTableId::from(s))
    }));
    let table = RouteTable {
        id: id.clone(),
        vpc: vpc_id.clone(),
        owner: vpc.owner.clone(),
        region: vpc.region.clone(),
        main: false,
        subnets: vec![],
        routes: local_routes(vpc),
        name: name.clone(),
        propagating_vgws: vec![],
    };
    e.route_tables.insert(id.clone(), table);
    Ok(Applied {
        created: vec![id.to_string()],
        description: format!("Created route table {id} in {vpc_id}"),
        warning: None,
    })
}

/// `DeleteRouteTable`: not the main table, not a table with subnet associations
/// (`DependencyViolation`).
pub(super) fn delete_route_table(e: &mut Estate, actor: Actor, rt_id: &RouteTableId) -> Result<Applied> {
    let rt = route_table(e, rt_id, actor)?;
    if rt.main || !rt.subnets.is_empty() {
        let why = if rt.main {
            "it is the main route table of its VPC".to_string()
        } else {
            format!("it is associated with {}", join(&rt.subnets))
        };
        return Err(err(
            "DependencyViolation",
            format!("The routeTable '{rt_id}' has dependencies and cannot be deleted: {why}"),
        ));
    }
    for v in e.endpoints.values_mut() {
        v.route_tables.retain(|r| r != rt_id);
    }
    e.route_tables.remove(rt_id);
    Ok(Applied {
        created: vec![],
        description: format!("Deleted route table {rt_id}"),
        warning: None,
    })
}

/// `AssociateRouteTable`: same VPC, and a subnet has at most one explicit association
/// (`Resource.AlreadyAssociated`).
pub(super) fn associate(
    e: &mut Estate,
    actor: Actor,
    rt_id: &RouteTableId,
    subnet_id: &SubnetId,
) -> Result<Applied> {
    let rt = route_table(e, rt_id, actor)?;
    let subnet = e
        .subnets
        .get(subnet_id)
        .ok_or_else(|| subnet_not_found(subnet_id))?;
    if subnet.vpc != rt.vpc {
        return Err(err(
            "InvalidParameterValue",
            format!("Route table {rt_id} and subnet {subnet_id} belong to different networks"),
        ));
    }
    if let Some(current) = e.route_tables.values().find(|t| t.subnets.contains(subnet_id)) {
        return Err(err(
            "Resource.AlreadyAssociated",
            format!(
                "the specified association for route table {rt_id} conflicts with an existing association: {subnet_id} is associated with {}",
                current.id
            ),
        ));
    }
    if let Some(rt) = e.route_tables.get_mut(rt_id) {
        rt.subnets.push(subnet_id.clone());
    }
    Ok(Applied {
        created: vec![],
        description: format!("Associated {subnet_id} with {rt_id}"),
        warning: None,
    })
}

/// `DisassociateRouteTable`: the subnet must have an explicit association; it then uses the main
/// table.
pub(super) fn disassociate(e: &mut Estate, actor: Actor, subnet_id: &SubnetId) -> Result<Applied> {
    let subnet = e
        .subnets
        .get(subnet_id)
        .ok_or_else(|| subnet_not_found(subnet_id))?;
    let Some(rt) = e
        .route_tables
        .values()
        .find(|t| t.subnets.contains(subnet_id) && may_act(actor, &t.owner))
    else {
        return Err(err(
            "InvalidAssociationID.NotFound",
            format!(
                "The subnet {subnet_id} has no explicit route table association: it already uses the main route table of {}",
                subnet.vpc
            ),
        ));
    };
    let rt_id = rt.id.clone();
    if let Some(rt) = e.route_tables.get_mut(&rt_id) {
        rt.subnets.retain(|s| s != subnet_id);
    }
    Ok(Applied {
        created: vec![],
        description: format!("Disassociated {subnet_id} from {rt_id} (it now uses the main route table)"),
        warning: None,
    })
}

/// `ReplaceRouteTableAssociation` of the main association: `rt_id` becomes the main table of its
/// VPC. See "Replace the main route table" (userguide/WorkWithRouteTables.html).
pub(super) fn replace_main(e: &mut Estate, actor: Actor, rt_id: &RouteTableId) -> Result<Applied> {
    let rt = route_table(e, rt_id, actor)?;
    let vpc_id = rt.vpc.clone();
    if rt.main {
        return Ok(Applied {
            created: vec![],
            description: format!("{rt_id} is already the main route table of {vpc_id}"),
            warning: None,
        });
    }
    let old = e.main_route_table(&vpc_id).map(|t| t.id.clone());
    for t in e.route_tables.values_mut().filter(|t| t.vpc == vpc_id) {
        t.main = &t.id == rt_id;
    }
    Ok(Applied {
        created: vec![],
        description: match old {
            Some(old) => format!("{rt_id} replaced {old} as the main route table of {vpc_id}"),
            None => format!("{rt_id} is now the main route table of {vpc_id}"),
        },
        warning: None,
    })
}
