//! The VPN and Direct Connect part of the [`View`](super::view::View): virtual private
//! gateways, customer gateways and VPN connections by account and region, Direct Connect
//! gateways with their associations. Resources AWS reports as deleted are left out.

use super::view::*;
use crate::model::*;

pub(super) fn vgws(e: &Estate, account: &AccountId, region: &Region) -> Vec<VgwView> {
    e.vpn_gateways
        .values()
        .filter(|g| &g.owner == account && &g.region == region && !gone(&g.state))
        .map(|g| VgwView {
            id: g.id.to_string(),
            name: g.name.clone(),
            attached_vpc: g.attached_vpc.as_ref().map(|v| v.to_string()),
            amazon_side_asn: g.amazon_side_asn,
            route_target: g.attached_vpc.is_some(),
        })
        .collect()
}

pub(super) fn cgws(e: &Estate, account: &AccountId, region: &Region) -> Vec<CgwView> {
    e.customer_gateways
        .values()
        .filter(|g| &g.owner == account && &g.region == region && !gone(&g.state))
        .map(|g| CgwView {
            id: g.id.to_string(),
            name: g.name.clone(),
            ip_address: g.ip_address.map(|a| a.to_string()),
            bgp_asn: g.bgp_asn,
        })
        .collect()
}

pub(super) fn vpns(e: &Estate, account: &AccountId, region: &Region) -> Vec<VpnView> {
    e.vpn_connections
        .values()
        .filter(|v| &v.owner == account && &v.region == region && !gone(&v.state))
        .map(|v| VpnView {
            id: v.id.to_string(),
            name: v.name.clone(),
            customer_gateway: v.customer_gateway.to_string(),
            gateway: match &v.gateway {
                VpnEnd::VirtualPrivateGateway(g) => Some(g.to_string()),
                VpnEnd::TransitGateway(t) => Some(t.to_string()),
                VpnEnd::None => None,
            },
            static_routes_only: v.static_routes_only,
            routes: v.routes.iter().map(|r| r.destination.to_string()).collect(),
            state: v.state.clone(),
            tunnels_up: v
                .tunnels
                .iter()
                .filter(|t| t.status.eq_ignore_ascii_case("up"))
                .count(),
        })
        .collect()
}

pub(super) fn dx_gateways(e: &Estate) -> Vec<DxGatewayView> {
    e.dx_gateways
        .values()
        .filter(|g| !gone(&g.state))
        .map(|g| DxGatewayView {
            id: g.id.to_string(),
            name: g.name.clone(),
            owner: g.owner.to_string(),
            amazon_side_asn: g.amazon_side_asn,
            associations: e
                .dx_associations
                .values()
                .filter(|a| a.dx_gateway == g.id)
                .map(|a| DxAssociationView {
                    id: a.id.clone(),
                    gateway: match &a.gateway {
                        DxAssociated::VirtualPrivateGateway(v) => v.to_string(),
                        DxAssociated::TransitGateway(t) => t.to_string(),
                    },
                    allowed_prefixes: a.allowed_prefixes.iter().map(|p| p.to_string()).collect(),
                    state: a.state.clone(),
                })
                .collect(),
        })
        .collect()
}
