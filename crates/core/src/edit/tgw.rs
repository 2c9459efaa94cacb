//! Transit gateways: the gateway, its route tables, VPC attachments, associations, propagations
//! and static routes.
//!
//! See "How transit gateways work" (tgw/how-transit-gateways-work.html), "Transit gateway route
//! tables" (tgw/tgw-route-tables.html), "Transit gateway attachments to a VPC"
//! (tgw/tgw-vpc-attachments.html) and "Quotas for your transit gateways"
//! (tgw/transit-gateway-quotas.html).

use std::collections::BTreeSet;

use super::common::*;
use super::{quotas, Applied, EditError};
use crate::model::*;

pub(super) fn tgw_rt<'a>(e: &'a Estate, id: &TgwRouteTableId, actor: Actor) -> Result<&'a TgwRouteTable> {
    e.tgw_route_tables
        .get(id)
        .filter(|rt| {
            e.transit_gateways
                .get(&rt.tgw)
                .is_some_and(|t| may_act(actor, &t.owner))
        })
        .ok_or_else(|| {
            err(
                "InvalidRouteTableID.NotFound",
                format!("Transit Gateway Route Table {id} was deleted or does not exist."),
            )
        })
}

pub(super) fn attachment<'a>(e: &'a Estate, id: &TgwAttachmentId, actor: Actor) -> Result<&'a TgwAttachment> {
    e.tgw_attachments
        .get(id)
        .filter(|a| {
            a.state != "deleted" && (may_act(actor, &a.tgw_owner) || may_act(actor, &a.resource_owner))
        })
        .ok_or_else(|| {
            err(
                "InvalidTransitGatewayAttachmentID.NotFound",
                format!("Transit Gateway Attachment {id} was deleted or does not exist."),
            )
        })
}

/// A route table and an attachment of the same transit gateway, acted on by the gateway's owner.
fn pair<'a>(
    e: &'a Estate,
    actor: Actor,
    rt_id: &TgwRouteTableId,
    att_id: &TgwAttachmentId,
) -> Result<(&'a TgwRouteTable, &'a TgwAttachment)> {
    let rt = tgw_rt(e, rt_id, actor)?;
    let att = attachment(e, att_id, actor)?;
    if att.tgw != rt.tgw {
        return Err(err(
            "InvalidParameterValue",
            format!(
                "{att_id} is attached to {}, but {rt_id} belongs to {}",
                att.tgw, rt.tgw
            ),
        ));
    }
    Ok((rt, att))
}

fn new_tgw_rt_id(e: &Estate) -> TgwRouteTableId {
    TgwRouteTableId(new_id("tgw-rtb", e.tgw_route_tables.len(), |s| {
        e.tgw_route_tables.contains_key(&TgwRouteTableId::from(s))
    }))
}

/// `CreateTransitGateway`: with default association and/or propagation on, AWS creates one
/// default route table that new attachments associate with and propagate to. At most
/// [`quotas::TRANSIT_GATEWAYS_PER_REGION`] per account and region.
pub(super) fn create(
    e: &mut Estate,
    actor: Actor,
    region: Option<&Region>,
    default_association: bool,
    default_propagation: bool,
    name: &Option<String>,
) -> Result<Applied> {
    let owner = creating_account(e, actor)?;
    let region = creating_region(e, &owner, region)?;
    let count = e
        .transit_gateways
        .values()
        .filter(|t| t.owner == owner && t.region == region)
        .count();
    if count >= quotas::TRANSIT_GATEWAYS_PER_REGION {
        return Err(err(
            "TransitGatewayLimitExceeded",
            format!(
                "The maximum number of transit gateways has been reached: account {owner} has {count} in {region} (the default quota is {})",
                quotas::TRANSIT_GATEWAYS_PER_REGION
            ),
        ));
    }
    let id = TgwId(new_id("tgw", e.transit_gateways.len(), |s| {
        e.transit_gateways.contains_key(&TgwId::from(s))
    }));
    let mut created = vec![id.to_string()];
    let default_rt = (default_association || default_propagation).then(|| new_tgw_rt_id(e));
    if let Some(rt) = &default_rt {
        e.tgw_route_tables.insert(
            rt.clone(),
            TgwRouteTable {
                id: rt.clone(),
                tgw: id.clone(),
                region: region.clone(),
                default_association,
                default_propagation,
                propagations: vec![],
                routes: vec![],
                name: None,
            },
        );
        created.push(rt.to_string());
    }
    e.transit_gateways.insert(
        id.clone(),
        TransitGateway {
            id: id.clone(),
            owner: owner.clone(),
            region: region.clone(),
            default_association: default_rt.clone().filter(|_| default_association),
            default_propagation: default_rt.clone().filter(|_| default_propagation),
            state: "available".into(),
            name: name.clone(),
        },
    );
    record_document(e, &owner, &region);
    Ok(Applied {
        created,
        description: match default_rt {
            Some(rt) => format!("Created transit gateway {id} in {region} with default route table {rt}"),
            None => format!("Created transit gateway {id} in {region} (no default route table)"),
        },
        warning: None,
    })
}

/// `CreateTransitGatewayRouteTable`: at most [`quotas::ROUTE_TABLES_PER_TRANSIT_GATEWAY`].
pub(super) fn create_route_table(
    e: &mut Estate,
    actor: Actor,
    tgw_id: &TgwId,
    name: &Option<String>,
) -> Result<Applied> {
    let tgw = transit_gateway(e, tgw_id, actor)?;
    let count = e.tgw_route_tables.values().filter(|rt| &rt.tgw == tgw_id).count();
    if count >= quotas::ROUTE_TABLES_PER_TRANSIT_GATEWAY {
        return Err(err(
            "TransitGatewayRouteTableLimitExceeded",
            format!(
                "The maximum number of route tables has been reached for {tgw_id} (quota {})",
                quotas::ROUTE_TABLES_PER_TRANSIT_GATEWAY
            ),
        ));
    }
    let region = tgw.region.clone();
    let id = new_tgw_rt_id(e);
    e.tgw_route_tables.insert(
        id.clone(),
        TgwRouteTable {
            id: id.clone(),
            tgw: tgw_id.clone(),
            region,
            default_association: false,
            default_propagation: false,
            propagations: vec![],
            routes: vec![],
            name: name.clone(),
        },
    );
    Ok(Applied {
        created: vec![id.to_string()],
        description: format!("Created transit gateway route table {id} on {tgw_id}"),
        warning: None,
    })
}

/// `CreateTransitGatewayVpcAttachment`: the VPC's owner attaches it with one subnet per zone
/// (`DuplicateSubnetsInSameZone`); one attachment per VPC and gateway
/// (`DuplicateTransitGatewayAttachment`); same region. Each subnet gets an ENI. The attachment is
/// associated with and propagates to the default route table when those defaults are on.
/// vpclab treats a gateway of another account as shared with the VPC's account and auto-accepting.
pub(super) fn attach_vpc(
    e: &mut Estate,
    actor: Actor,
    tgw_id: &TgwId,
    vpc_id: &VpcId,
    subnet_ids: &[SubnetId],
    name: &Option<String>,
    ipv6_support: bool,
) -> Result<Applied> {
    let vpc = vpc(e, vpc_id, actor)?;
    let tgw = e
        .transit_gateways
        .get(tgw_id)
        .filter(|t| t.region == vpc.region)
        .ok_or_else(|| tgw_not_found(tgw_id))?;
    if subnet_ids.is_empty() {
        return Err(err(
            "MissingParameter",
            "A VPC attachment needs at least one subnet (one per availability zone)",
        ));
    }
    let mut zones = BTreeSet::new();
    let mut subnets = Vec::new();
    for id in subnet_ids {
        let s = subnet(e, id, actor)?;
        if &s.vpc != vpc_id {
            return Err(err(
                "InvalidParameterValue",
                format!("Subnet {id} belongs to {}, not to {vpc_id}", s.vpc),
            ));
        }
        if !zones.insert(s.availability_zone.as_str()) {
            return Err(err(
                "DuplicateSubnetsInSameZone",
                format!(
                    "Duplicate Subnets for same AZ: {id} is a second subnet in {}",
                    s.availability_zone
                ),
            ));
        }
        subnets.push(s.clone());
    }
    if let Some(existing) = e
        .tgw_attachments
        .values()
        .find(|a| &a.tgw == tgw_id && a.resource_id == vpc_id.as_str() && a.state != "deleted")
    {
        return Err(err(
            "DuplicateTransitGatewayAttachment",
            format!(
                "{tgw_id} has non-deleted Transit Gateway Attachments with same VPC ID ({})",
                existing.id
            ),
        ));
    }
    let mut addresses = Vec::new();
    for s in &subnets {
        addresses.push(free_private_ip(e, s)?);
    }
    let (tgw_owner, assoc, prop) = (
        tgw.owner.clone(),
        tgw.default_association.clone(),
        tgw.default_propagation.clone(),
    );
    let (vpc_owner, region) = (vpc.owner.clone(), vpc.region.clone());
    let id = TgwAttachmentId(new_id("tgw-attach", e.tgw_attachments.len(), |s| {
        e.tgw_attachments.contains_key(&TgwAttachmentId::from(s))
    }));
    let mut created = vec![id.to_string()];
    for (s, ip) in subnets.iter().zip(addresses) {
        let eni = new_eni_id(e);
        e.enis.insert(
            eni.clone(),
            Eni {
                id: eni.clone(),
                owner: vpc_owner.clone(),
                region: region.clone(),
                vpc: vpc_id.clone(),
                subnet: s.id.clone(),
                availability_zone: s.availability_zone.clone(),
                private_ips: vec![ip],
                public_ip: None,
                security_groups: vec![],
                interface_type: "transit_gateway".into(),
                instance: None,
                description: format!("Network Interface for Transit Gateway Attachment {id}"),
                ipv6_addresses: Vec::new(),
            },
        );
        created.push(eni.to_string());
    }
    e.tgw_attachments.insert(
        id.clone(),
        TgwAttachment {
            id: id.clone(),
            tgw: tgw_id.clone(),
            tgw_owner,
            region,
            resource_type: "vpc".into(),
            resource_id: vpc_id.to_string(),
            resource_owner: vpc_owner,
            subnets: subnet_ids.to_vec(),
            state: "available".into(),
            association: assoc.clone(),
            name: name.clone(),
            ipv6_support,
        },
    );
    if let Some(rt) = prop.as_ref().and_then(|p| e.tgw_route_tables.get_mut(p)) {
        rt.propagations.push(id.clone());
    }
    refresh_routes(e, |t| matches!(t, Target::TransitGateway(g) if g == tgw_id));
    let mut description = format!("Attached {vpc_id} to {tgw_id} as {id}");
    if let Some(a) = &assoc {
        description.push_str(&format!(", associated with {a}"));
    }
    if let Some(p) = &prop {
        description.push_str(&format!(", propagating to {p}"));
    }
    Ok(Applied {
        created,
        description,
        warning: None,
    })
}

/// `AssociateTransitGatewayRouteTable`: an attachment is associated with exactly one table; a
/// second association is `Resource.AlreadyAssociated` (disassociate first).
pub(super) fn associate(
    e: &mut Estate,
    actor: Actor,
    rt_id: &TgwRouteTableId,
    att_id: &TgwAttachmentId,
) -> Result<Applied> {
    let (_, att) = pair(e, actor, rt_id, att_id)?;
    if let Some(current) = &att.association {
        return Err(err(
            "Resource.AlreadyAssociated",
            format!(
                "Transit Gateway Attachment {att_id} is already associated to a route table ({current})."
            ),
        ));
    }
    if let Some(a) = e.tgw_attachments.get_mut(att_id) {
        a.association = Some(rt_id.clone());
    }
    Ok(Applied {
        created: vec![],
        description: format!("Associated {att_id} with {rt_id}"),
        warning: None,
    })
}

/// `DisassociateTransitGatewayRouteTable`: the attachment must be associated with that table.
pub(super) fn disassociate(
    e: &mut Estate,
    actor: Actor,
    rt_id: &TgwRouteTableId,
    att_id: &TgwAttachmentId,
) -> Result<Applied> {
    let (_, att) = pair(e, actor, rt_id, att_id)?;
    if att.association.as_ref() != Some(rt_id) {
        return Err(err(
            "InvalidAssociation.NotFound",
            format!("Transit Gateway Attachment {att_id} is not associated with {rt_id}"),
        ));
    }
    if let Some(a) = e.tgw_attachments.get_mut(att_id) {
        a.association = None;
    }
    Ok(Applied {
        created: vec![],
        description: format!("Disassociated {att_id} from {rt_id}"),
        warning: None,
    })
}

/// `EnableTransitGatewayRouteTablePropagation` / `Disable…`: an attachment propagates its VPC's
/// CIDRs into any number of tables, each at most once. A transit gateway peering attachment
/// does not propagate (its routes are static: "Add a route to a transit gateway route table
/// using AWS Transit Gateway", Amazon VPC Transit Gateways).
pub(super) fn set_propagation(
    e: &mut Estate,
    actor: Actor,
    rt_id: &TgwRouteTableId,
    att_id: &TgwAttachmentId,
    enable: bool,
) -> Result<Applied> {
    let (rt, att) = pair(e, actor, rt_id, att_id)?;
    if enable && att.resource_type == "peering" {
        return Err(err(
            "InvalidParameterValue",
            format!(
                "{att_id} is a transit gateway peering attachment, which does not propagate routes; \
                 add a static route to it instead"
            ),
        ));
    }
    let on = rt.propagations.contains(att_id);
    if enable && on {
        return Err(err(
            "TransitGatewayRouteTablePropagation.Duplicate",
            format!("Propagation of {att_id} to {rt_id} is already enabled"),
        ));
    }
    if !enable && !on {
        return Err(err(
            "TransitGatewayRouteTablePropagation.NotFound",
            format!("{att_id} does not propagate to {rt_id}"),
        ));
    }
    if let Some(rt) = e.tgw_route_tables.get_mut(rt_id) {
        if enable {
            rt.propagations.push(att_id.clone());
        } else {
            rt.propagations.retain(|a| a != att_id);
        }
    }
    Ok(Applied {
        created: vec![],
        description: format!(
            "{} propagation of {att_id} to {rt_id}",
            if enable { "Enabled" } else { "Disabled" }
        ),
        warning: None,
    })
}

fn parse_tgw_destination(input: &str) -> Result<Destination> {
    if input.trim().starts_with("pl-") {
        return Err(err(
            "InvalidParameterValue",
            "vpclab models transit gateway routes to CIDR blocks only (prefix-list references are not modelled)",
        ));
    }
    parse_cidr(input, "destination CIDR block", "destinationCidrBlock").map(Destination::Cidr)
}

/// `CreateTransitGatewayRoute`: a static route to an attachment of the same gateway, or a
/// blackhole (exactly one of the two); one static route per destination (`RouteAlreadyExists`).
pub(super) fn create_route(
    e: &mut Estate,
    actor: Actor,
    rt_id: &TgwRouteTableId,
    destination: &str,
    att_id: Option<&TgwAttachmentId>,
    blackhole: bool,
) -> Result<Applied> {
    let rt = tgw_rt(e, rt_id, actor)?;
    let dest = parse_tgw_destination(destination)?;
    match (att_id, blackhole) {
        (Some(_), true) => {
            return Err(err(
                "InvalidParameterCombination",
                "A transit gateway route goes to an attachment or is a blackhole, not both",
            ))
        }
        (None, false) => {
            return Err(err(
                "MissingParameter",
                "The request must contain transit_gateway_attachment or blackhole: true",
            ))
        }
        _ => {}
    }
    if let Some(a) = att_id {
        pair(e, actor, rt_id, a)?;
    }
    if rt.routes.iter().any(|r| r.destination == dest && !r.propagated) {
        return Err(err(
            "RouteAlreadyExists",
            format!("Route {dest} already exists in Transit Gateway Route Table {rt_id}."),
        ));
    }
    if let Some(rt) = e.tgw_route_tables.get_mut(rt_id) {
        rt.routes.push(TgwRoute {
            destination: dest.clone(),
            attachment: att_id.cloned(),
            state: if blackhole {
                RouteState::Blackhole
            } else {
                RouteState::Active
            },
            propagated: false,
        });
    }
    Ok(Applied {
        created: vec![],
        description: match att_id {
            Some(a) => format!("Added static route {dest} → {a} to {rt_id}"),
            None => format!("Added blackhole route {dest} to {rt_id}"),
        },
        warning: None,
    })
}

/// `DeleteTransitGatewayRoute`: a static route of the table.
pub(super) fn delete_route(
    e: &mut Estate,
    actor: Actor,
    rt_id: &TgwRouteTableId,
    destination: &str,
) -> Result<Applied> {
    let rt = tgw_rt(e, rt_id, actor)?;
    let dest = parse_tgw_destination(destination)?;
    let Some(pos) = rt
        .routes
        .iter()
        .position(|r| r.destination == dest && !r.propagated)
    else {
        return Err(not_found_route(&dest, rt_id));
    };
    if let Some(rt) = e.tgw_route_tables.get_mut(rt_id) {
        rt.routes.remove(pos);
    }
    Ok(Applied {
        created: vec![],
        description: format!("Deleted static route {dest} from {rt_id}"),
        warning: None,
    })
}

fn not_found_route(dest: &Destination, rt_id: &TgwRouteTableId) -> EditError {
    err(
        "InvalidRoute.NotFound",
        format!("No static route with destination-cidr-block {dest} in Transit Gateway Route Table {rt_id}"),
    )
}

#[cfg(test)]
mod tests {
    use crate::edit::{apply, Action};
    use crate::model::*;

    /// A peering attachment does not propagate; a VPC attachment does (the same refusal as
    /// import's, so that an edited estate still exports and re-imports).
    #[test]
    fn only_a_non_peering_attachment_propagates() {
        let attachment = |id: &str, tgw: &str, kind: &str| {
            serde_json::json!({"TransitGatewayAttachmentId": id, "TransitGatewayId": tgw,
                "ResourceType": kind, "ResourceId": "vpc-1", "ResourceOwnerId": "111122223333",
                "State": "available"})
        };
        let doc = serde_json::json!({"AccountId": "111122223333", "Region": "us-east-1",
            "Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16", "OwnerId": "111122223333"}],
            "TransitGateways": [
                {"TransitGatewayId": "tgw-1", "OwnerId": "111122223333", "State": "available"},
                {"TransitGatewayId": "tgw-2", "OwnerId": "111122223333", "State": "available"}],
            "TransitGatewayRouteTables": [
                {"TransitGatewayRouteTableId": "tgw-rtb-1", "TransitGatewayId": "tgw-1", "State": "available"}],
            "TransitGatewayAttachments": [attachment("tgw-attach-p", "tgw-1", "peering"),
                attachment("tgw-attach-p", "tgw-2", "peering"), attachment("tgw-attach-v", "tgw-1", "vpc")]});
        let start = crate::aws::import_documents(&[("lab.json".into(), doc)]).unwrap();
        for (att, refused) in [("tgw-attach-p", true), ("tgw-attach-v", false)] {
            let mut e = start.clone();
            let action: Action = serde_json::from_value(serde_json::json!({
                "action": "enable_transit_gateway_propagation",
                "transit_gateway_route_table": "tgw-rtb-1", "transit_gateway_attachment": att}))
            .unwrap();
            let result = apply(&mut e, &action);
            let t = &e.tgw_route_tables[&TgwRouteTableId("tgw-rtb-1".into())];
            if refused {
                let err = result.unwrap_err();
                assert_eq!(err.code, "InvalidParameterValue");
                assert!(
                    err.message.contains(att) && err.message.contains("static"),
                    "{}",
                    err.message
                );
                assert_eq!(e, start);
            } else {
                result.unwrap();
                assert_eq!(t.propagations, vec![TgwAttachmentId(att.into())]);
            }
        }
    }
}
