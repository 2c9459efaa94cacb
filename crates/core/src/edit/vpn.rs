//! Site-to-Site VPN: virtual private gateways (attached to one VPC), customer gateways, VPN
//! connections with their static routes, and a route table's vgw route propagation.
//!
//! See "How AWS Site-to-Site VPN works" (vpn/latest/s2svpn/how_it_works.html), "Site-to-Site VPN
//! routing options" (vpn/latest/s2svpn/VPNRoutingTypes.html), the EC2 API reference pages of
//! each call (cited on each function) and "Error codes for the Amazon EC2 API"
//! (AWSEC2/latest/APIReference/errors-overview.html) for `InvalidVpnGatewayID.NotFound`,
//! `InvalidCustomerGatewayID.NotFound`, `InvalidVpnConnectionID.NotFound`,
//! `InvalidVpnGatewayAttachment.NotFound`, `VpnGatewayAttachmentLimitExceeded`,
//! `VpnGatewayLimitExceeded` and `IncorrectState`.

use std::net::Ipv4Addr;

use super::common::*;
use super::Applied;
use crate::model::*;

/// Virtual private gateways per account and Region ("Site-to-Site VPN quotas",
/// vpn/latest/s2svpn/vpn-limits.html).
pub(super) const VPN_GATEWAYS_PER_REGION: usize = 5;

pub(super) fn vpn_gateway<'a>(e: &'a Estate, id: &VgwId, actor: Actor) -> Result<&'a VpnGateway> {
    e.vpn_gateways
        .get(id)
        .filter(|g| may_act(actor, &g.owner) && !gone(&g.state))
        .ok_or_else(|| {
            err(
                "InvalidVpnGatewayID.NotFound",
                format!(
                    "The vpnGateway ID '{id}' does not exist{}{}",
                    owned_by_other(actor, e.vpn_gateways.get(id).map(|g| &g.owner)),
                    listing(
                        "virtual private gateways",
                        e.vpn_gateways
                            .values()
                            .filter(|g| may_act(actor, &g.owner) && !gone(&g.state))
                            .map(|g| g.id.to_string())
                    )
                ),
            )
        })
}

fn customer_gateway<'a>(e: &'a Estate, id: &CgwId, actor: Actor) -> Result<&'a CustomerGateway> {
    e.customer_gateways
        .get(id)
        .filter(|g| may_act(actor, &g.owner) && !gone(&g.state))
        .ok_or_else(|| {
            err(
                "InvalidCustomerGatewayID.NotFound",
                format!(
                    "The customerGateway ID '{id}' does not exist{}{}",
                    owned_by_other(actor, e.customer_gateways.get(id).map(|g| &g.owner)),
                    listing(
                        "customer gateways",
                        e.customer_gateways
                            .values()
                            .filter(|g| may_act(actor, &g.owner) && !gone(&g.state))
                            .map(|g| g.id.to_string())
                    )
                ),
            )
        })
}

fn vpn_connection<'a>(e: &'a Estate, id: &VpnId, actor: Actor) -> Result<&'a VpnConnection> {
    e.vpn_connections
        .get(id)
        .filter(|v| may_act(actor, &v.owner) && !gone(&v.state))
        .ok_or_else(|| {
            err(
                "InvalidVpnConnectionID.NotFound",
                format!(
                    "The vpnConnection ID '{id}' does not exist{}",
                    listing(
                        "VPN connections",
                        e.vpn_connections
                            .values()
                            .filter(|v| may_act(actor, &v.owner) && !gone(&v.state))
                            .map(|v| v.id.to_string())
                    )
                ),
            )
        })
}

/// An Amazon-side ASN: a private ASN, 64512-65534 (16-bit) or 4200000000-4294967294 (32-bit).
/// See `AmazonSideAsn` in "CreateVpnGateway" and "CreateDirectConnectGateway".
pub(super) fn amazon_side_asn(asked: Option<i64>, code: &str) -> Result<u32> {
    let n = asked.unwrap_or(64512);
    if (64512..=65534).contains(&n) || (4_200_000_000..=4_294_967_294).contains(&n) {
        Ok(n as u32)
    } else {
        Err(err(
            code,
            format!("The Amazon side ASN {n} is invalid: a private ASN from 64512 to 65534 or from 4200000000 to 4294967294 (the default is 64512)"),
        ))
    }
}

/// `CreateVpnGateway` (`ipsec.1`): detached, in the acting account's Region. See
/// <https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpnGateway.html>.
pub(super) fn create_vgw(
    e: &mut Estate,
    actor: Actor,
    region: Option<&Region>,
    asn: Option<i64>,
    name: &Option<String>,
) -> Result<Applied> {
    let owner = creating_account(e, actor)?;
    let region = creating_region(e, &owner, region)?;
    let asn = amazon_side_asn(asn, "InvalidParameterValue")?;
    let count = e
        .vpn_gateways
        .values()
        .filter(|g| g.owner == owner && g.region == region && !gone(&g.state))
        .count();
    if count >= VPN_GATEWAYS_PER_REGION {
        return Err(err(
            "VpnGatewayLimitExceeded",
            format!("The maximum number of virtual private gateways has been reached: account {owner} has {count} in {region} (the default quota is {VPN_GATEWAYS_PER_REGION})"),
        ));
    }
    let id = VgwId(new_id("vgw", e.vpn_gateways.len(), |s| {
        e.vpn_gateways.contains_key(&VgwId::from(s))
    }));
    e.vpn_gateways.insert(
        id.clone(),
        VpnGateway {
            id: id.clone(),
            owner: owner.clone(),
            region: region.clone(),
            attached_vpc: None,
            state: "available".into(),
            amazon_side_asn: Some(asn),
            name: name.clone(),
        },
    );
    record_document(e, &owner, &region);
    Ok(Applied {
        created: vec![id.to_string()],
        description: format!("Created virtual private gateway {id} (Amazon side ASN {asn}) in {region}"),
        warning: None,
    })
}

/// `AttachVpnGateway`: same account and Region as the VPC; a gateway attached elsewhere is
/// `VpnGatewayAttachmentLimitExceeded` ("You can attach one virtual private gateway to one VPC
/// at a time"); a VPC with another gateway attached is `InvalidVpcState` (the code OpenStack's
/// AWS-compatible ec2-api gives; AWS's page names none). Routes to it turn `active`. See
/// <https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AttachVpnGateway.html>.
pub(super) fn attach_vgw(e: &mut Estate, actor: Actor, vgw_id: &VgwId, vpc_id: &VpcId) -> Result<Applied> {
    let vgw = vpn_gateway(e, vgw_id, actor)?;
    let vpc = vpc(e, vpc_id, actor)?;
    if vpc.owner != vgw.owner || vpc.region != vgw.region {
        return Err(err(
            "InvalidVpcID.NotFound",
            format!(
                "The vpc ID '{vpc_id}' does not exist in {} for account {}: {vgw_id} attaches only to a VPC of its own account and Region",
                vgw.region, vgw.owner
            ),
        ));
    }
    if let Some(current) = &vgw.attached_vpc {
        return Err(err(
            "VpnGatewayAttachmentLimitExceeded",
            format!("{vgw_id} is already attached to {current}: a virtual private gateway attaches to one VPC at a time (detach it first)"),
        ));
    }
    if let Some(other) = e
        .vpn_gateways
        .values()
        .find(|g| g.attached_vpc.as_ref() == Some(vpc_id) && !gone(&g.state))
    {
        return Err(err(
            "InvalidVpcState",
            format!(
                "{vpc_id} already has virtual private gateway {} attached: a VPC has one (detach it first)",
                other.id
            ),
        ));
    }
    if let Some(g) = e.vpn_gateways.get_mut(vgw_id) {
        g.attached_vpc = Some(vpc_id.clone());
    }
    let routes = routes_count(refresh_routes(
        e,
        |t| matches!(t, Target::VirtualPrivateGateway(g) if g == vgw_id),
    ));
    Ok(Applied {
        created: vec![],
        description: format!("Attached {vgw_id} to {vpc_id} ({routes} turned active)"),
        warning: None,
    })
}

/// `DetachVpnGateway`: it must be attached to that VPC (`InvalidVpnGatewayAttachment.NotFound`).
/// Routes to it turn `blackhole`; the VPC's route tables stop propagating it (propagation needs
/// the gateway attached: `Gateway.NotAttached`, and validate's `VGW_NOT_ATTACHED`). See
/// <https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DetachVpnGateway.html>.
pub(super) fn detach_vgw(e: &mut Estate, actor: Actor, vgw_id: &VgwId, vpc_id: &VpcId) -> Result<Applied> {
    let vgw = vpn_gateway(e, vgw_id, actor)?;
    if vgw.attached_vpc.as_ref() != Some(vpc_id) {
        let now = match &vgw.attached_vpc {
            Some(v) => format!("it is attached to {v}"),
            None => "it is detached".to_string(),
        };
        return Err(err(
            "InvalidVpnGatewayAttachment.NotFound",
            format!(
                "The attachment with vpn gateway ID '{vgw_id}' and vpc ID '{vpc_id}' does not exist: {now}"
            ),
        ));
    }
    if let Some(g) = e.vpn_gateways.get_mut(vgw_id) {
        g.attached_vpc = None;
    }
    let mut propagating = 0;
    for t in e.route_tables.values_mut().filter(|t| &t.vpc == vpc_id) {
        let before = t.propagating_vgws.len();
        t.propagating_vgws.retain(|g| g != vgw_id);
        propagating += before - t.propagating_vgws.len();
    }
    let routes = routes_count(refresh_routes(
        e,
        |t| matches!(t, Target::VirtualPrivateGateway(g) if g == vgw_id),
    ));
    let mut description = format!("Detached {vgw_id} from {vpc_id} ({routes} turned blackhole");
    if propagating > 0 {
        description.push_str(&format!("; {propagating} route table(s) no longer propagate it"));
    }
    description.push(')');
    Ok(Applied {
        created: vec![],
        description,
        warning: None,
    })
}

/// `DeleteVpnGateway`: "You must first detach the virtual private gateway from the VPC"
/// (`IncorrectState`); vpclab also refuses while a VPN connection or a Direct Connect gateway
/// association uses it, which would be left pointing at nothing. Route tables stop propagating
/// it. See <https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteVpnGateway.html>.
pub(super) fn delete_vgw(e: &mut Estate, actor: Actor, vgw_id: &VgwId) -> Result<Applied> {
    let vgw = vpn_gateway(e, vgw_id, actor)?;
    if let Some(v) = &vgw.attached_vpc {
        return Err(err(
            "IncorrectState",
            format!("{vgw_id} is attached to {v}: detach it (detach_vpn_gateway) before deleting it"),
        ));
    }
    let end = VpnEnd::VirtualPrivateGateway(vgw_id.clone());
    let users: Vec<String> = e
        .vpn_connections
        .values()
        .filter(|v| v.gateway == end && !gone(&v.state))
        .map(|v| v.id.to_string())
        .chain(
            e.dx_associations
                .values()
                .filter(|a| a.gateway == DxAssociated::VirtualPrivateGateway(vgw_id.clone()))
                .map(|a| format!("Direct Connect gateway association {}", a.id)),
        )
        .collect();
    if !users.is_empty() {
        return Err(err(
            "IncorrectState",
            format!("{vgw_id} is in use by {}: delete them first", users.join(", ")),
        ));
    }
    e.vpn_gateways.remove(vgw_id);
    for t in e.route_tables.values_mut() {
        t.propagating_vgws.retain(|g| g != vgw_id);
    }
    Ok(Applied {
        created: vec![],
        description: format!("Deleted virtual private gateway {vgw_id}"),
        warning: None,
    })
}

/// A customer gateway's `IpAddress`: an IPv4 address the internet can reach. Private
/// (RFC 1918), shared (100.64.0.0/10), loopback, link-local, multicast and unspecified
/// addresses are refused; documentation ranges are accepted for teaching.
fn public_ipv4(input: &str) -> Result<Ipv4Addr> {
    let text = input.trim();
    let ip: Ipv4Addr = text.parse().map_err(|_| {
        err(
            "InvalidParameterValue",
            format!("Value ({text}) for parameter ipAddress is invalid: the device's public IPv4 address, such as 203.0.113.12"),
        )
    })?;
    let shared = ip.octets()[0] == 100 && (64..128).contains(&ip.octets()[1]);
    if ip.is_private()
        || shared
        || ip.is_loopback()
        || ip.is_link_local()
        || ip.is_multicast()
        || ip.is_unspecified()
        || ip.is_broadcast()
    {
        return Err(err(
            "InvalidParameterValue",
            format!("Value ({ip}) for parameter ipAddress is invalid: a customer gateway needs the device's public IPv4 address (not private, shared, loopback, link-local or multicast), such as 203.0.113.12"),
        ));
    }
    Ok(ip)
}

/// `CreateCustomerGateway` (`ipsec.1`): a public IPv4 address and a BGP ASN from 1 to
/// 2,147,483,647 (65000 by default). "An identical request returns information about the
/// existing customer gateway; it doesn't create a new customer gateway": the same address and
/// ASN in the same account and Region gives the existing one back. See
/// <https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateCustomerGateway.html>.
pub(super) fn create_cgw(
    e: &mut Estate,
    actor: Actor,
    ip_address: &str,
    bgp_asn: Option<i64>,
    region: Option<&Region>,
    name: &Option<String>,
) -> Result<Applied> {
    let ip = public_ipv4(ip_address)?;
    let asn = bgp_asn.unwrap_or(65000);
    if !(1..=2_147_483_647).contains(&asn) {
        return Err(err(
            "InvalidParameterValue",
            format!("Value ({asn}) for parameter bgpAsn is invalid: a BGP ASN from 1 to 2147483647 (65000 by default)"),
        ));
    }
    let owner = creating_account(e, actor)?;
    let region = creating_region(e, &owner, region)?;
    if let Some(same) = e.customer_gateways.values().find(|g| {
        g.owner == owner
            && g.region == region
            && g.ip_address == Some(ip)
            && g.bgp_asn == Some(asn as u32)
            && !gone(&g.state)
    }) {
        return Ok(Applied {
            created: vec![same.id.to_string()],
            description: format!("Customer gateway {} already has {ip} and ASN {asn}: AWS returns it rather than create another", same.id),
            warning: None,
        });
    }
    let id = CgwId(new_id("cgw", e.customer_gateways.len(), |s| {
        e.customer_gateways.contains_key(&CgwId::from(s))
    }));
    e.customer_gateways.insert(
        id.clone(),
        CustomerGateway {
            id: id.clone(),
            owner: owner.clone(),
            region: region.clone(),
            ip_address: Some(ip),
            bgp_asn: Some(asn as u32),
            state: "available".into(),
            name: name.clone(),
        },
    );
    record_document(e, &owner, &region);
    Ok(Applied {
        created: vec![id.to_string()],
        description: format!("Created customer gateway {id} ({ip}, ASN {asn}) in {region}"),
        warning: None,
    })
}

/// `DeleteCustomerGateway`: "You must delete the VPN connection before you can delete the
/// customer gateway" (`IncorrectState`). See
/// <https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteCustomerGateway.html>.
pub(super) fn delete_cgw(e: &mut Estate, actor: Actor, cgw_id: &CgwId) -> Result<Applied> {
    customer_gateway(e, cgw_id, actor)?;
    let users: Vec<String> = e
        .vpn_connections
        .values()
        .filter(|v| &v.customer_gateway == cgw_id && !gone(&v.state))
        .map(|v| v.id.to_string())
        .collect();
    if !users.is_empty() {
        return Err(err(
            "IncorrectState",
            format!(
                "The customer gateway '{cgw_id}' is in use by {}: delete the VPN connection first",
                users.join(", ")
            ),
        ));
    }
    e.customer_gateways.remove(cgw_id);
    Ok(Applied {
        created: vec![],
        description: format!("Deleted customer gateway {cgw_id}"),
        warning: None,
    })
}

/// `CreateVpnConnection` (`ipsec.1`): the customer gateway and exactly one AWS end, a virtual
/// private gateway or a transit gateway (`MissingParameter` / `InvalidParameterCombination`),
/// all in one Region. On a transit gateway AWS creates an attachment of resource type `vpn`,
/// associated with and propagating to the gateway's default tables. AWS brings the two tunnels
/// up once the customer device is configured; vpclab, which does not model the device,
/// reports both `UP`. See
/// <https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpnConnection.html> and
/// "Transit gateway VPN attachments" (tgw/tgw-vpn-attachments.html).
pub(super) fn create_vpn(
    e: &mut Estate,
    actor: Actor,
    cgw_id: &CgwId,
    vgw: Option<&VgwId>,
    tgw: Option<&TgwId>,
    static_routes_only: bool,
    name: &Option<String>,
) -> Result<Applied> {
    let cgw = customer_gateway(e, cgw_id, actor)?;
    let (owner, region) = (cgw.owner.clone(), cgw.region.clone());
    let gateway = match (vgw, tgw) {
        (Some(g), None) => {
            let v = vpn_gateway(e, g, Some(&owner))?;
            if v.region != region {
                return Err(err(
                    "InvalidVpnGatewayID.NotFound",
                    format!("The vpnGateway ID '{g}' does not exist in {region}, the Region of {cgw_id} ({g} is in {})", v.region),
                ));
            }
            VpnEnd::VirtualPrivateGateway(g.clone())
        }
        (None, Some(t)) => {
            let found = transit_gateway(e, t, Some(&owner))?;
            if found.region != region {
                return Err(tgw_not_found(t));
            }
            VpnEnd::TransitGateway(t.clone())
        }
        (None, None) => {
            return Err(err(
                "MissingParameter",
                "A VPN connection ends on a virtual private gateway (vpn_gateway) or a transit gateway (transit_gateway): give one",
            ))
        }
        (Some(g), Some(t)) => {
            return Err(err(
                "InvalidParameterCombination",
                format!("Give vpn_gateway ({g}) or transit_gateway ({t}), not both: a VPN connection has one AWS end"),
            ))
        }
    };
    let id = VpnId(new_id("vpn", e.vpn_connections.len(), |s| {
        e.vpn_connections.contains_key(&VpnId::from(s))
    }));
    let tunnel = || VpnTunnel {
        outside_ip: None,
        status: "UP".into(),
        status_message: None,
        accepted_routes: 0,
    };
    e.vpn_connections.insert(
        id.clone(),
        VpnConnection {
            id: id.clone(),
            owner: owner.clone(),
            region: region.clone(),
            customer_gateway: cgw_id.clone(),
            gateway: gateway.clone(),
            static_routes_only,
            routes: vec![],
            tunnels: vec![tunnel(), tunnel()],
            state: "available".into(),
            name: name.clone(),
        },
    );
    let mut created = vec![id.to_string()];
    let mut description = format!(
        "Created VPN connection {id} from {cgw_id} to {} ({} routing)",
        match &gateway {
            VpnEnd::VirtualPrivateGateway(g) => g.to_string(),
            VpnEnd::TransitGateway(t) => t.to_string(),
            VpnEnd::None => String::new(),
        },
        if static_routes_only { "static" } else { "BGP" }
    );
    if let VpnEnd::TransitGateway(t) = &gateway {
        let att = attach_to_tgw(e, t, "vpn", id.as_str(), &owner);
        description.push_str(&format!(", transit gateway attachment {att}"));
        created.push(att.to_string());
    }
    Ok(Applied {
        created,
        description,
        warning: None,
    })
}

/// A transit gateway attachment of a VPN connection (`vpn`) or a Direct Connect gateway
/// (`direct-connect-gateway`), associated with and propagating to the gateway's default tables.
pub(super) fn attach_to_tgw(
    e: &mut Estate,
    tgw_id: &TgwId,
    resource_type: &str,
    resource_id: &str,
    resource_owner: &AccountId,
) -> TgwAttachmentId {
    let Some(tgw) = e.transit_gateways.get(tgw_id) else {
        return TgwAttachmentId::from("");
    };
    let (tgw_owner, region, assoc, prop) = (
        tgw.owner.clone(),
        tgw.region.clone(),
        tgw.default_association.clone(),
        tgw.default_propagation.clone(),
    );
    let id = TgwAttachmentId(new_id("tgw-attach", e.tgw_attachments.len(), |s| {
        e.tgw_attachments.contains_key(&TgwAttachmentId::from(s))
    }));
    e.tgw_attachments.insert(
        id.clone(),
        TgwAttachment {
            id: id.clone(),
            tgw: tgw_id.clone(),
            tgw_owner,
            region,
            resource_type: resource_type.into(),
            resource_id: resource_id.into(),
            resource_owner: resource_owner.clone(),
            subnets: vec![],
            state: "available".into(),
            association: assoc,
            name: None,
            // `Ipv6Support` is an option of VPC attachments only.
            ipv6_support: false,
        },
    );
    if let Some(rt) = prop.as_ref().and_then(|p| e.tgw_route_tables.get_mut(p)) {
        rt.propagations.push(id.clone());
    }
    id
}

/// Removes the transit gateway attachments `which` picks (their propagations and static routes
/// with them); the number of static routes removed.
pub(super) fn detach_from_tgw(e: &mut Estate, which: impl Fn(&TgwAttachment) -> bool) -> usize {
    let gone_ids: Vec<TgwAttachmentId> = e
        .tgw_attachments
        .values()
        .filter(|a| which(a))
        .map(|a| a.id.clone())
        .collect();
    let mut removed = 0;
    for id in &gone_ids {
        for rt in e.tgw_route_tables.values_mut() {
            rt.propagations.retain(|a| a != id);
            let before = rt.routes.len();
            rt.routes.retain(|r| r.attachment.as_ref() != Some(id));
            removed += before - rt.routes.len();
        }
        e.tgw_attachments.remove(id);
    }
    removed
}

/// `DeleteVpnConnection`: its static routes go with it, and on a transit gateway its
/// attachment (with the attachment's static routes). See
/// <https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteVpnConnection.html>.
pub(super) fn delete_vpn(e: &mut Estate, actor: Actor, vpn_id: &VpnId) -> Result<Applied> {
    vpn_connection(e, vpn_id, actor)?;
    e.vpn_connections.remove(vpn_id);
    let removed = detach_from_tgw(e, |a| {
        a.resource_type == "vpn" && a.resource_id == vpn_id.as_str()
    });
    let mut description = format!("Deleted VPN connection {vpn_id}");
    if removed > 0 {
        description.push_str(&format!(
            " ({removed} transit gateway static routes to it removed)"
        ));
    }
    Ok(Applied {
        created: vec![],
        description,
        warning: None,
    })
}

/// The static VPN connection to a virtual private gateway that static routes need: a BGP one
/// learns its routes, and one on a transit gateway takes transit gateway routes instead.
fn static_vgw_vpn<'a>(e: &'a Estate, vpn_id: &VpnId, actor: Actor) -> Result<&'a VpnConnection> {
    let vpn = vpn_connection(e, vpn_id, actor)?;
    if let VpnEnd::TransitGateway(t) = &vpn.gateway {
        return Err(err(
            "InvalidParameterValue",
            format!("{vpn_id} ends on transit gateway {t}: route to it with create_transit_gateway_route in a table of {t}, not with a VPN connection route"),
        ));
    }
    if !vpn.static_routes_only {
        return Err(err(
            "InvalidParameterValue",
            format!("{vpn_id} uses BGP (dynamic routing): its routes are learned from the customer gateway; static routes need a VPN connection created with static_routes_only"),
        ));
    }
    Ok(vpn)
}

/// `CreateVpnConnectionRoute`: an IPv4 CIDR of the on-premises network, once per connection
/// (`RouteAlreadyExists`). It propagates into the route tables that propagate the gateway. See
/// <https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpnConnectionRoute.html>.
pub(super) fn create_vpn_route(
    e: &mut Estate,
    actor: Actor,
    vpn_id: &VpnId,
    destination: &str,
) -> Result<Applied> {
    let vpn = static_vgw_vpn(e, vpn_id, actor)?;
    let cidr = ipnet::IpNet::V4(parse_ipv4_cidr(
        destination,
        "destination CIDR block",
        "destinationCidrBlock",
    )?);
    if vpn.routes.iter().any(|r| r.destination == cidr) {
        return Err(err(
            "RouteAlreadyExists",
            format!("{vpn_id} already has a static route to {cidr}"),
        ));
    }
    if let Some(v) = e.vpn_connections.get_mut(vpn_id) {
        v.routes.push(VpnStaticRoute {
            destination: cidr,
            state: "available".into(),
        });
    }
    Ok(Applied {
        created: vec![],
        description: format!("Added static route {cidr} to VPN connection {vpn_id}"),
        warning: None,
    })
}

/// `DeleteVpnConnectionRoute`: a route the connection has (`InvalidRoute.NotFound`). See
/// <https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteVpnConnectionRoute.html>.
pub(super) fn delete_vpn_route(
    e: &mut Estate,
    actor: Actor,
    vpn_id: &VpnId,
    destination: &str,
) -> Result<Applied> {
    let vpn = static_vgw_vpn(e, vpn_id, actor)?;
    let cidr = ipnet::IpNet::V4(parse_ipv4_cidr(
        destination,
        "destination CIDR block",
        "destinationCidrBlock",
    )?);
    if !vpn.routes.iter().any(|r| r.destination == cidr) {
        let has: Vec<String> = vpn.routes.iter().map(|r| r.destination.to_string()).collect();
        return Err(err(
            "InvalidRoute.NotFound",
            format!(
                "{vpn_id} has no static route to {cidr} ({})",
                if has.is_empty() {
                    "it has none".to_string()
                } else {
                    format!("it has {}", has.join(", "))
                }
            ),
        ));
    }
    if let Some(v) = e.vpn_connections.get_mut(vpn_id) {
        v.routes.retain(|r| r.destination != cidr);
    }
    Ok(Applied {
        created: vec![],
        description: format!("Removed static route {cidr} from VPN connection {vpn_id}"),
        warning: None,
    })
}

/// `EnableVgwRoutePropagation` / `DisableVgwRoutePropagation`: the gateway must be attached to
/// the table's VPC to enable (`Gateway.NotAttached`); enabling twice or disabling what is not
/// propagating changes nothing, as in AWS. See "Route propagation"
/// (userguide/WorkWithRouteTables.html#EnableDisableRouteProp) and
/// <https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_EnableVgwRoutePropagation.html>.
pub(super) fn set_propagation(
    e: &mut Estate,
    actor: Actor,
    rt_id: &RouteTableId,
    vgw_id: &VgwId,
    enable: bool,
) -> Result<Applied> {
    let rt = route_table(e, rt_id, actor)?;
    let vpc_id = rt.vpc.clone();
    let vgw = vpn_gateway(e, vgw_id, Some(&rt.owner))?;
    if enable && vgw.attached_vpc.as_ref() != Some(&vpc_id) {
        return Err(err(
            "Gateway.NotAttached",
            format!(
                "resource {vgw_id} is not attached to network {vpc_id} ({}): attach it (attach_vpn_gateway) to the table's VPC first",
                match &vgw.attached_vpc {
                    Some(v) => format!("it is attached to {v}"),
                    None => "it is detached".to_string(),
                }
            ),
        ));
    }
    let Some(t) = e.route_tables.get_mut(rt_id) else {
        return Err(err(
            "InvalidRouteTableID.NotFound",
            format!("The routeTable ID '{rt_id}' does not exist"),
        ));
    };
    let had = t.propagating_vgws.contains(vgw_id);
    let description = match (enable, had) {
        (true, false) => {
            t.propagating_vgws.push(vgw_id.clone());
            format!("{rt_id} now propagates the routes of {vgw_id}")
        }
        (true, true) => format!("{rt_id} already propagates the routes of {vgw_id}"),
        (false, true) => {
            t.propagating_vgws.retain(|g| g != vgw_id);
            format!("{rt_id} no longer propagates the routes of {vgw_id}")
        }
        (false, false) => format!("{rt_id} was not propagating the routes of {vgw_id}"),
    };
    Ok(Applied {
        created: vec![],
        description,
        warning: None,
    })
}
