//! Direct Connect gateways and their associations with virtual private gateways and transit
//! gateways.
//!
//! Direct Connect answers every refusal with `DirectConnectClientException` and says what is
//! wrong in its message ("Common errors" and each call's "Errors", Direct Connect API
//! Reference). Virtual interfaces need a physical connection (a port at a Direct Connect
//! location) and are not created here: they come with an imported estate. See "Direct Connect
//! gateways" (directconnect/latest/UserGuide/direct-connect-gateways-intro.html) and "Allowed
//! prefixes interactions" (directconnect/latest/UserGuide/allowed-to-prefixes.html).

use std::collections::BTreeSet;

use ipnet::IpNet;

use super::common::*;
use super::vpn::{amazon_side_asn, attach_to_tgw, detach_from_tgw, vpn_gateway};
use super::Applied;
use crate::model::*;

const CODE: &str = "DirectConnectClientException";

/// A UUID-shaped id (Direct Connect gateways and associations have no prefix), deterministic
/// like every vpclab id.
fn new_uuid(kind: &str, n: usize, taken: impl Fn(&str) -> bool) -> String {
    let mut k = n as u64 + 1;
    loop {
        let a = fnv1a(format!("{kind}:{k}").as_bytes());
        let b = fnv1a(format!("{kind}:{k}:b").as_bytes());
        let id = format!(
            "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0xfff,
            0x8000 | ((b >> 48) & 0x3fff),
            b & 0xffff_ffff_ffff
        );
        if !taken(&id) {
            return id;
        }
        k += 1;
    }
}

fn dx_gateway<'a>(e: &'a Estate, id: &DxGatewayId, actor: Actor) -> Result<&'a DxGateway> {
    e.dx_gateways
        .get(id)
        .filter(|g| may_act(actor, &g.owner) && !gone(&g.state))
        .ok_or_else(|| {
            err(
                CODE,
                format!(
                    "Direct Connect gateway {id} does not exist{}",
                    listing(
                        "Direct Connect gateways",
                        e.dx_gateways
                            .values()
                            .filter(|g| may_act(actor, &g.owner) && !gone(&g.state))
                            .map(|g| format!("{} ({})", g.id, g.name))
                    )
                ),
            )
        })
}

/// `CreateDirectConnectGateway`: a name and a private Amazon-side ASN (64512 by default). The
/// gateway is global; vpclab writes it into the document of the acting account and `region`.
/// See <https://docs.aws.amazon.com/directconnect/latest/APIReference/API_CreateDirectConnectGateway.html>.
pub(super) fn create_gateway(
    e: &mut Estate,
    actor: Actor,
    name: &str,
    asn: Option<i64>,
    region: Option<&Region>,
) -> Result<Applied> {
    let name = name.trim();
    if name.is_empty() {
        return Err(err(
            CODE,
            "A Direct Connect gateway needs a name (directConnectGatewayName)",
        ));
    }
    let asn = amazon_side_asn(asn, CODE)?;
    let owner = creating_account(e, actor)?;
    let region = creating_region(e, &owner, region)?;
    let id = DxGatewayId(new_uuid("dxgw", e.dx_gateways.len(), |s| {
        e.dx_gateways.contains_key(&DxGatewayId::from(s))
    }));
    e.dx_gateways.insert(
        id.clone(),
        DxGateway {
            id: id.clone(),
            owner: owner.clone(),
            name: name.to_string(),
            amazon_side_asn: Some(asn),
            state: "available".into(),
            listed_in: BTreeSet::from([(owner.clone(), region.clone())]),
        },
    );
    record_document(e, &owner, &region);
    Ok(Applied {
        created: vec![id.to_string()],
        description: format!("Created Direct Connect gateway {name} ({id}, Amazon side ASN {asn})"),
        warning: None,
    })
}

/// `DeleteDirectConnectGateway`: only without associations and virtual interfaces ("you must
/// first disassociate ... and detach any virtual interfaces", direct-connect-gateways-intro.html).
/// See <https://docs.aws.amazon.com/directconnect/latest/APIReference/API_DeleteDirectConnectGateway.html>.
pub(super) fn delete_gateway(e: &mut Estate, actor: Actor, id: &DxGatewayId) -> Result<Applied> {
    dx_gateway(e, id, actor)?;
    let users: Vec<String> = e
        .dx_associations
        .values()
        .filter(|a| &a.dx_gateway == id)
        .map(|a| format!("association {}", a.id))
        .chain(
            e.virtual_interfaces
                .values()
                .filter(|v| v.dx_gateway.as_ref() == Some(id) && !gone(&v.state))
                .map(|v| format!("virtual interface {}", v.id)),
        )
        .collect();
    if !users.is_empty() {
        return Err(err(
            CODE,
            format!(
                "Direct Connect gateway {id} still has {}: delete them first",
                users.join(", ")
            ),
        ));
    }
    e.dx_gateways.remove(id);
    Ok(Applied {
        created: vec![],
        description: format!("Deleted Direct Connect gateway {id}"),
        warning: None,
    })
}

/// `CreateDirectConnectGatewayAssociation`: with a virtual private gateway ("must be attached
/// to a VPC and must not be associated with another Direct Connect gateway"; allowed prefixes
/// default to its VPC's CIDRs) or a transit gateway (allowed prefixes required; AWS creates a
/// transit gateway attachment of type `direct-connect-gateway`). A gateway is associated with a
/// Direct Connect gateway once. See
/// <https://docs.aws.amazon.com/directconnect/latest/APIReference/API_CreateDirectConnectGatewayAssociation.html>
/// and allowed-to-prefixes.html.
pub(super) fn associate(
    e: &mut Estate,
    actor: Actor,
    dx_id: &DxGatewayId,
    vgw: Option<&VgwId>,
    tgw: Option<&TgwId>,
    prefixes: &[String],
) -> Result<Applied> {
    dx_gateway(e, dx_id, actor)?;
    let mut allowed = Vec::new();
    for p in prefixes {
        let net: IpNet = p.trim().parse().map_err(|_| {
            err(
                CODE,
                format!(
                    "Allowed prefix '{}' is not a CIDR block such as 10.0.0.0/16",
                    p.trim()
                ),
            )
        })?;
        if net.trunc() != net {
            return Err(err(
                CODE,
                format!(
                    "Allowed prefix {net} has host bits set: did you mean {}?",
                    net.trunc()
                ),
            ));
        }
        if !allowed.contains(&net) {
            allowed.push(net);
        }
    }
    let (gateway, owner, region) = match (vgw, tgw) {
        (Some(g), None) => {
            let v = vpn_gateway(e, g, actor).map_err(|x| err(CODE, x.message))?;
            let Some(vpc_id) = &v.attached_vpc else {
                return Err(err(
                    CODE,
                    format!("Virtual private gateway {g} is not attached to a VPC: attach it (attach_vpn_gateway) before associating it"),
                ));
            };
            if let Some(other) = e
                .dx_associations
                .values()
                .find(|a| a.gateway == DxAssociated::VirtualPrivateGateway(g.clone()))
            {
                return Err(err(
                    CODE,
                    format!("Virtual private gateway {g} is already associated with Direct Connect gateway {} ({}): a virtual private gateway associates with one", other.dx_gateway, other.id),
                ));
            }
            if allowed.is_empty() {
                allowed = e.vpcs.get(vpc_id).map(vpc_cidrs).unwrap_or_default();
            }
            (
                DxAssociated::VirtualPrivateGateway(g.clone()),
                v.owner.clone(),
                v.region.clone(),
            )
        }
        (None, Some(t)) => {
            let found = transit_gateway(e, t, actor).map_err(|x| err(CODE, x.message))?;
            if allowed.is_empty() {
                return Err(err(
                    CODE,
                    format!("An association with transit gateway {t} needs allowed_prefixes: the prefixes to advertise on premises, such as 10.0.0.0/8"),
                ));
            }
            if let Some(other) = e
                .dx_associations
                .values()
                .find(|a| &a.dx_gateway == dx_id && a.gateway == DxAssociated::TransitGateway(t.clone()))
            {
                return Err(err(
                    CODE,
                    format!(
                        "Transit gateway {t} is already associated with Direct Connect gateway {dx_id} ({})",
                        other.id
                    ),
                ));
            }
            (
                DxAssociated::TransitGateway(t.clone()),
                found.owner.clone(),
                found.region.clone(),
            )
        }
        (None, None) => {
            return Err(err(
                CODE,
                "Give the gateway to associate: vpn_gateway (a virtual private gateway) or transit_gateway",
            ))
        }
        (Some(g), Some(t)) => {
            return Err(err(
                CODE,
                format!(
                "Give vpn_gateway ({g}) or transit_gateway ({t}), not both: an association joins one gateway"
            ),
            ))
        }
    };
    let id = new_uuid("dxgw-assoc", e.dx_associations.len(), |s| {
        e.dx_associations.contains_key(s)
    });
    let mut created = vec![id.clone()];
    let mut description = format!(
        "Associated Direct Connect gateway {dx_id} with {} ({id}), allowed prefixes {}",
        match &gateway {
            DxAssociated::VirtualPrivateGateway(g) => g.to_string(),
            DxAssociated::TransitGateway(t) => t.to_string(),
        },
        join(&allowed)
    );
    if let DxAssociated::TransitGateway(t) = &gateway {
        let att = attach_to_tgw(e, t, "direct-connect-gateway", dx_id.as_str(), &owner);
        description.push_str(&format!(", transit gateway attachment {att}"));
        created.push(att.to_string());
    }
    e.dx_associations.insert(
        id.clone(),
        DxAssociation {
            id: id.clone(),
            dx_gateway: dx_id.clone(),
            gateway,
            gateway_owner: owner.clone(),
            gateway_region: region.clone(),
            state: "associated".into(),
            allowed_prefixes: allowed,
            listed_in: (owner.clone(), region.clone()),
        },
    );
    record_document(e, &owner, &region);
    Ok(Applied {
        created,
        description,
        warning: None,
    })
}

/// `DeleteDirectConnectGatewayAssociation`: by association id; with a transit gateway, the
/// `direct-connect-gateway` attachment goes too. See
/// <https://docs.aws.amazon.com/directconnect/latest/APIReference/API_DeleteDirectConnectGatewayAssociation.html>.
pub(super) fn disassociate(e: &mut Estate, actor: Actor, association: &str) -> Result<Applied> {
    let id = association.trim();
    let Some(a) = e
        .dx_associations
        .get(id)
        .filter(|a| may_act(actor, &a.gateway_owner))
    else {
        return Err(err(
            CODE,
            format!(
                "Direct Connect gateway association {id} does not exist{}",
                listing(
                    "associations",
                    e.dx_associations
                        .values()
                        .filter(|a| may_act(actor, &a.gateway_owner))
                        .map(|a| a.id.clone())
                )
            ),
        ));
    };
    let a = a.clone();
    e.dx_associations.remove(id);
    if let DxAssociated::TransitGateway(t) = &a.gateway {
        let dx = a.dx_gateway.as_str();
        detach_from_tgw(e, |x| {
            &x.tgw == t && x.resource_type == "direct-connect-gateway" && x.resource_id == dx
        });
    }
    Ok(Applied {
        created: vec![],
        description: format!(
            "Deleted the association {id} of Direct Connect gateway {}",
            a.dx_gateway
        ),
        warning: None,
    })
}
