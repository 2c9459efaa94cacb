//! Changing and removing what a transit gateway holds: a VPC attachment's subnets, an
//! attachment, a route table, the gateway itself.
//!
//! See "Transit gateway attachments to a VPC" (tgw/tgw-vpc-attachments.html: modify or delete a
//! VPC attachment), `ModifyTransitGatewayVpcAttachment` (AWSEC2/latest/APIReference/
//! API_ModifyTransitGatewayVpcAttachment.html: "You can specify at most one subnet per
//! Availability Zone"), `DeleteTransitGatewayVpcAttachment`, `DeleteTransitGatewayRouteTable`
//! and "Delete a transit gateway" (tgw/delete-tgw.html: "You can't delete a transit gateway with
//! existing attachments").

use std::collections::BTreeSet;

use super::common::*;
use super::tgw::{attachment, tgw_rt};
use super::Applied;
use crate::model::*;

fn eni_description(att: &TgwAttachmentId) -> String {
    format!("Network Interface for Transit Gateway Attachment {att}")
}

/// A VPC attachment, refused for the other kinds (peering, VPN …), which vpclab does not edit.
fn vpc_attachment<'a>(e: &'a Estate, id: &TgwAttachmentId, actor: Actor) -> Result<&'a TgwAttachment> {
    let att = attachment(e, id, actor)?;
    if att.resource_type != "vpc" {
        return Err(err(
            "InvalidParameterValue",
            format!(
                "{id} is a {} attachment; this action works on VPC attachments only",
                att.resource_type
            ),
        ));
    }
    Ok(att)
}

/// `ModifyTransitGatewayVpcAttachment`: adds and removes subnets (the attachment's ENIs). Added
/// subnets are of the attachment's VPC, at most one per availability zone counting the subnets
/// kept (`DuplicateSubnetsInSameZone`); a removed subnet must be one of the attachment's
/// (`InvalidParameterValue`); at least one subnet stays (`InvalidParameterValue`: delete the
/// attachment instead). Only the VPC's owner (or the gateway's) modifies it.
pub(super) fn modify_attachment(
    e: &mut Estate,
    actor: Actor,
    att_id: &TgwAttachmentId,
    add: &[SubnetId],
    remove: &[SubnetId],
) -> Result<Applied> {
    let att = vpc_attachment(e, att_id, actor)?.clone();
    if add.is_empty() && remove.is_empty() {
        return Err(err(
            "MissingParameter",
            "Name at least one subnet to add (add_subnets) or to remove (remove_subnets)",
        ));
    }
    let vpc_id = VpcId(att.resource_id.clone());
    for id in remove {
        if !att.subnets.contains(id) {
            return Err(err(
                "InvalidParameterValue",
                format!(
                    "Subnet {id} is not part of {att_id} (its subnets: {})",
                    join(&att.subnets)
                ),
            ));
        }
    }
    let kept: Vec<SubnetId> = att
        .subnets
        .iter()
        .filter(|s| !remove.contains(s))
        .cloned()
        .collect();
    let mut zones: BTreeSet<String> = kept
        .iter()
        .filter_map(|s| e.subnets.get(s))
        .map(|s| s.availability_zone.clone())
        .collect();
    let mut added = Vec::new();
    for id in add {
        let s = e
            .subnets
            .get(id)
            .filter(|s| {
                may_act(Some(&att.resource_owner), &s.owner) || s.shared_with.contains(&att.resource_owner)
            })
            .ok_or_else(|| subnet_not_found(id))?;
        if s.vpc != vpc_id {
            return Err(err(
                "InvalidParameterValue",
                format!(
                    "Subnet {id} belongs to {}, not to {vpc_id}, the VPC of {att_id}",
                    s.vpc
                ),
            ));
        }
        if kept.contains(id) || !zones.insert(s.availability_zone.clone()) {
            return Err(err(
                "DuplicateSubnetsInSameZone",
                format!(
                    "Duplicate Subnets for same AZ: {att_id} already has a subnet in {}; remove it in the same call to move the attachment to {id}",
                    s.availability_zone
                ),
            ));
        }
        added.push(s.clone());
    }
    if kept.is_empty() && added.is_empty() {
        return Err(err(
            "InvalidParameterValue",
            format!("A VPC attachment keeps at least one subnet: to remove every subnet of {att_id}, delete the attachment"),
        ));
    }
    let mut addresses = Vec::new();
    for s in &added {
        addresses.push(free_private_ip(e, s)?);
    }
    let description = eni_description(att_id);
    e.enis
        .retain(|_, n| !(n.description == description && remove.contains(&n.subnet)));
    let mut created = Vec::new();
    for (s, ip) in added.iter().zip(addresses) {
        let eni = new_eni_id(e);
        e.enis.insert(
            eni.clone(),
            Eni {
                id: eni.clone(),
                owner: att.resource_owner.clone(),
                region: att.region.clone(),
                vpc: vpc_id.clone(),
                subnet: s.id.clone(),
                availability_zone: s.availability_zone.clone(),
                private_ips: vec![ip],
                public_ip: None,
                security_groups: vec![],
                interface_type: "transit_gateway".into(),
                instance: None,
                description: description.clone(),
                ipv6_addresses: Vec::new(),
            },
        );
        created.push(eni.to_string());
    }
    if let Some(a) = e.tgw_attachments.get_mut(att_id) {
        a.subnets = kept;
        a.subnets.extend(added.iter().map(|s| s.id.clone()));
    }
    let mut what = Vec::new();
    if !add.is_empty() {
        what.push(format!("added {}", join(add)));
    }
    if !remove.is_empty() {
        what.push(format!("removed {}", join(remove)));
    }
    Ok(Applied {
        created,
        description: format!("Modified {att_id}: {}", what.join(", ")),
        warning: None,
    })
}

/// `DeleteTransitGatewayVpcAttachment`: the attachment goes with its ENIs, its association and
/// its propagations (the propagated routes disappear). Static routes to it are removed too.
/// The AWS pages consulted (the API reference of `DeleteTransitGatewayVpcAttachment`, "Transit
/// gateway attachments to a VPC") do not say what becomes of them; vpclab removes them rather
/// than keep a route naming an attachment that no longer exists (a vpclab blackhole route is one
/// created with `blackhole: true`). Confirm against a real account before relying on it. VPC
/// routes to the transit gateway stay and turn `blackhole` when the VPC has no other attachment
/// to it.
pub(super) fn delete_attachment(e: &mut Estate, actor: Actor, att_id: &TgwAttachmentId) -> Result<Applied> {
    let att = vpc_attachment(e, att_id, actor)?.clone();
    let description = eni_description(att_id);
    e.enis.retain(|_, n| n.description != description);
    let mut removed_routes = 0;
    for rt in e.tgw_route_tables.values_mut() {
        rt.propagations.retain(|a| a != att_id);
        let before = rt.routes.len();
        rt.routes.retain(|r| r.attachment.as_ref() != Some(att_id));
        removed_routes += before - rt.routes.len();
    }
    e.tgw_attachments.remove(att_id);
    let tgw = att.tgw.clone();
    let blackholed = refresh_routes(e, |t| matches!(t, Target::TransitGateway(g) if g == &tgw));
    let mut text = format!("Deleted attachment {att_id} of {} to {tgw}", att.resource_id);
    if removed_routes > 0 {
        text.push_str(&format!(", {removed_routes} static routes to it removed"));
    }
    if blackholed > 0 {
        text.push_str(&format!(", {blackholed} VPC routes to {tgw} turned blackhole"));
    }
    Ok(Applied {
        created: vec![],
        description: text,
        warning: None,
    })
}

/// `DeleteTransitGatewayRouteTable`: not while an attachment is associated with it
/// (`IncorrectState` in AWS's words: disassociate first). A default association or propagation
/// route table may be deleted; the gateway then has none.
pub(super) fn delete_route_table(e: &mut Estate, actor: Actor, rt_id: &TgwRouteTableId) -> Result<Applied> {
    tgw_rt(e, rt_id, actor)?;
    let associated: Vec<&TgwAttachmentId> = e
        .tgw_attachments
        .values()
        .chain(e.tgw_peering_ends.values())
        .filter(|a| a.association.as_ref() == Some(rt_id))
        .map(|a| &a.id)
        .collect();
    if !associated.is_empty() {
        return Err(err(
            "IncorrectState",
            format!(
                "Transit Gateway Route Table {rt_id} has associations ({}); disassociate them first",
                join(associated)
            ),
        ));
    }
    e.tgw_route_tables.remove(rt_id);
    for t in e.transit_gateways.values_mut() {
        if t.default_association.as_ref() == Some(rt_id) {
            t.default_association = None;
        }
        if t.default_propagation.as_ref() == Some(rt_id) {
            t.default_propagation = None;
        }
    }
    Ok(Applied {
        created: vec![],
        description: format!("Deleted transit gateway route table {rt_id}"),
        warning: None,
    })
}

/// `DeleteTransitGateway`: only without attachments (`IncorrectState`, "has non-deleted Transit
/// Gateway Attachments"); its route tables go
/// with it.
pub(super) fn delete_gateway(e: &mut Estate, actor: Actor, tgw_id: &TgwId) -> Result<Applied> {
    transit_gateway(e, tgw_id, actor)?;
    let attached: Vec<&TgwAttachmentId> = e
        .tgw_attachments
        .values()
        .chain(e.tgw_peering_ends.values())
        .filter(|a| &a.tgw == tgw_id && a.state != "deleted")
        .map(|a| &a.id)
        .collect();
    if !attached.is_empty() {
        return Err(err(
            "IncorrectState",
            format!(
                "{tgw_id} has non-deleted Transit Gateway Attachments ({}); delete them first",
                join(attached)
            ),
        ));
    }
    e.tgw_route_tables.retain(|_, rt| &rt.tgw != tgw_id);
    e.transit_gateways.remove(tgw_id);
    let routes = refresh_routes(e, |t| matches!(t, Target::TransitGateway(g) if g == tgw_id));
    Ok(Applied {
        created: vec![],
        description: format!("Deleted transit gateway {tgw_id} ({routes} routes turned blackhole)"),
        warning: None,
    })
}
