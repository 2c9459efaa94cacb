//! VPN and Direct Connect in and out: `describe-vpn-gateways`, `describe-customer-gateways`,
//! `describe-vpn-connections`, and Direct Connect's `describe-direct-connect-gateways`,
//! `describe-direct-connect-gateway-associations` and `describe-virtual-interfaces`; a route
//! table's `PropagatingVgws`. Conversion with a JSON path on every refusal, the merge of what
//! several documents say about one id, and the export back.

use std::collections::BTreeSet;

use ipnet::IpNet;

use super::convert::DocOrigin;
use super::json::*;
use super::ImportError;
use crate::model::*;

/// A route table's `PropagatingVgws`, in the order given, each once.
pub(super) fn propagating_vgws(t: &RouteTableJson) -> Vec<VgwId> {
    let mut out: Vec<VgwId> = Vec::new();
    for p in &t.propagating_vgws {
        let id = VgwId(p.gateway_id.clone());
        if !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

pub(super) fn propagating_vgws_json(t: &RouteTable) -> Vec<PropagatingVgwJson> {
    t.propagating_vgws
        .iter()
        .map(|v| PropagatingVgwJson {
            gateway_id: v.to_string(),
        })
        .collect()
}

fn state(s: &Option<String>, absent: &str) -> String {
    s.clone().unwrap_or_else(|| absent.to_string())
}

fn owner(c: &DocOrigin, given: &Option<String>) -> AccountId {
    AccountId(given.clone().unwrap_or_else(|| c.account.0.clone()))
}

/// An ASN as AWS prints a customer gateway's `BgpAsn` (a string of digits, 1 to 4294967294).
fn asn(c: &DocOrigin, path: &str, text: &str, resource: &str) -> Result<u32, ImportError> {
    text.trim().parse::<u32>().ok().filter(|n| *n > 0).ok_or_else(|| {
        c.err(
            path,
            "INVALID_VALUE",
            format!("'{text}' is not a BGP ASN: expected a number from 1 to 4294967294 such as \"65000\""),
            Some(resource),
        )
    })
}

fn asn_number(c: &DocOrigin, path: &str, n: Option<u64>, resource: &str) -> Result<Option<u32>, ImportError> {
    n.map(|n| asn(c, path, &n.to_string(), resource)).transpose()
}

fn vpn_gateway(c: &DocOrigin, i: usize, g: &VpnGatewayJson) -> Result<VpnGateway, ImportError> {
    let at = format!("VpnGateways[{i}]");
    let id = g.vpn_gateway_id.as_str();
    let attached_vpc = g
        .vpc_attachments
        .iter()
        .find(|a| matches!(a.state.as_deref(), None | Some("attached" | "attaching")))
        .and_then(|a| a.vpc_id.clone())
        .map(VpcId);
    Ok(VpnGateway {
        id: VgwId(id.to_string()),
        owner: owner(c, &g.owner_id),
        region: c.region.clone(),
        attached_vpc,
        state: state(&g.state, "available"),
        amazon_side_asn: asn_number(c, &format!("{at}.AmazonSideAsn"), g.amazon_side_asn, id)?,
        name: name_of(&g.tags),
    })
}

fn customer_gateway(
    c: &DocOrigin,
    i: usize,
    g: &CustomerGatewayJson,
) -> Result<CustomerGateway, ImportError> {
    let at = format!("CustomerGateways[{i}]");
    let id = g.customer_gateway_id.as_str();
    let ip_address = g
        .ip_address
        .as_deref()
        .map(|t| c.ip4(&format!("{at}.IpAddress"), t, id))
        .transpose()?;
    let bgp_asn = g
        .bgp_asn
        .as_ref()
        .map(|t| asn(c, &format!("{at}.BgpAsn"), &t.0, id))
        .transpose()?;
    Ok(CustomerGateway {
        id: CgwId(id.to_string()),
        owner: owner(c, &g.owner_id),
        region: c.region.clone(),
        ip_address,
        bgp_asn,
        state: state(&g.state, "available"),
        name: name_of(&g.tags),
    })
}

fn vpn_connection(c: &DocOrigin, i: usize, v: &VpnConnectionJson) -> Result<VpnConnection, ImportError> {
    let at = format!("VpnConnections[{i}]");
    let id = v.vpn_connection_id.as_str();
    let gateway = match (&v.vpn_gateway_id, &v.transit_gateway_id) {
        (Some(g), None) => VpnEnd::VirtualPrivateGateway(VgwId(g.clone())),
        (None, Some(t)) => VpnEnd::TransitGateway(TgwId(t.clone())),
        (None, None) => VpnEnd::None,
        (Some(g), Some(t)) => {
            return Err(c.err(
                &format!("{at}.TransitGatewayId"),
                "INVALID_VALUE",
                format!(
                    "VPN connection {id} names both virtual private gateway {g} and transit gateway {t}; \
                     a VPN connection ends on one of them (VpnGatewayId or TransitGatewayId)"
                ),
                Some(id),
            ))
        }
    };
    let mut routes = Vec::new();
    for (j, r) in v.routes.iter().enumerate() {
        let destination = c.net(
            &format!("{at}.Routes[{j}].DestinationCidrBlock"),
            &r.destination_cidr_block,
            id,
        )?;
        routes.push(VpnStaticRoute {
            destination,
            state: state(&r.state, "available"),
        });
    }
    let mut tunnels = Vec::new();
    for (j, t) in v.vgw_telemetry.iter().enumerate() {
        let outside_ip = t
            .outside_ip_address
            .as_deref()
            .map(|a| c.ip4(&format!("{at}.VgwTelemetry[{j}].OutsideIpAddress"), a, id))
            .transpose()?;
        tunnels.push(VpnTunnel {
            outside_ip,
            status: state(&t.status, "DOWN"),
            status_message: t.status_message.clone().filter(|m| !m.is_empty()),
            accepted_routes: t.accepted_route_count.unwrap_or(0),
        });
    }
    Ok(VpnConnection {
        id: VpnId(id.to_string()),
        owner: owner(c, &v.owner_id),
        region: c.region.clone(),
        customer_gateway: CgwId(v.customer_gateway_id.clone()),
        gateway,
        static_routes_only: v
            .options
            .as_ref()
            .and_then(|o| o.static_routes_only)
            .unwrap_or(false),
        routes,
        tunnels,
        state: state(&v.state, "available"),
        name: name_of(&v.tags),
    })
}

fn dx_gateway(c: &DocOrigin, i: usize, g: &DxGatewayJson) -> Result<DxGateway, ImportError> {
    let at = format!("DirectConnectGateways[{i}]");
    let id = g.direct_connect_gateway_id.as_str();
    Ok(DxGateway {
        id: DxGatewayId(id.to_string()),
        owner: owner(c, &g.owner_account),
        name: g.direct_connect_gateway_name.clone(),
        amazon_side_asn: asn_number(c, &format!("{at}.AmazonSideAsn"), g.amazon_side_asn, id)?,
        state: state(&g.direct_connect_gateway_state, "available"),
        listed_in: BTreeSet::from([(c.account.clone(), c.region.clone())]),
    })
}

fn dx_association(c: &DocOrigin, i: usize, a: &DxAssociationJson) -> Result<DxAssociation, ImportError> {
    let at = format!("DirectConnectGatewayAssociations[{i}]");
    let id = a.association_id.as_str();
    let g = &a.associated_gateway;
    let gateway = match g.kind.as_str() {
        "virtualPrivateGateway" => DxAssociated::VirtualPrivateGateway(VgwId(g.id.clone())),
        "transitGateway" => DxAssociated::TransitGateway(TgwId(g.id.clone())),
        other => {
            return Err(c.err(
                &format!("{at}.AssociatedGateway.Type"),
                "INVALID_VALUE",
                format!(
                    "'{other}' is not a gateway a Direct Connect gateway associates with: expected \
                     \"virtualPrivateGateway\" or \"transitGateway\""
                ),
                Some(id),
            ))
        }
    };
    let mut allowed_prefixes = Vec::new();
    for (j, p) in a.allowed_prefixes_to_direct_connect_gateway.iter().enumerate() {
        allowed_prefixes.push(c.net(
            &format!("{at}.AllowedPrefixesToDirectConnectGateway[{j}].Cidr"),
            &p.cidr,
            id,
        )?);
    }
    Ok(DxAssociation {
        id: id.to_string(),
        dx_gateway: DxGatewayId(a.direct_connect_gateway_id.clone()),
        gateway,
        gateway_owner: owner(c, &g.owner_account),
        gateway_region: g.region.clone().map(Region).unwrap_or_else(|| c.region.clone()),
        state: state(&a.association_state, "associated"),
        allowed_prefixes,
        listed_in: (c.account.clone(), c.region.clone()),
    })
}

fn virtual_interface(c: &DocOrigin, v: &VirtualInterfaceJson) -> VirtualInterface {
    VirtualInterface {
        id: DxVifId(v.virtual_interface_id.clone()),
        owner: owner(c, &v.owner_account),
        region: c.region.clone(),
        name: v.virtual_interface_name.clone(),
        kind: v.virtual_interface_type.clone(),
        connection: v.connection_id.clone(),
        dx_gateway: v.direct_connect_gateway_id.clone().map(DxGatewayId),
        vgw: v.virtual_gateway_id.clone().map(VgwId),
        state: state(&v.virtual_interface_state, "available"),
        bgp_statuses: v
            .bgp_peers
            .iter()
            .map(|p| state(&p.bgp_status, "unknown"))
            .collect(),
    }
}

/// Converts and merges one document's VPN and Direct Connect objects into `e`. An object listed
/// again (by another document) keeps what was read first; a Direct Connect gateway, which is
/// global, also records every document that listed it.
pub(super) fn import(e: &mut Estate, c: &DocOrigin, d: &Document) -> Result<(), ImportError> {
    for (i, g) in d.vpn_gateways.iter().enumerate() {
        let g = vpn_gateway(c, i, g)?;
        e.vpn_gateways.entry(g.id.clone()).or_insert(g);
    }
    for (i, g) in d.customer_gateways.iter().enumerate() {
        let g = customer_gateway(c, i, g)?;
        e.customer_gateways.entry(g.id.clone()).or_insert(g);
    }
    for (i, v) in d.vpn_connections.iter().enumerate() {
        let v = vpn_connection(c, i, v)?;
        e.vpn_connections.entry(v.id.clone()).or_insert(v);
    }
    for (i, g) in d.direct_connect_gateways.iter().enumerate() {
        let g = dx_gateway(c, i, g)?;
        match e.dx_gateways.get_mut(&g.id) {
            Some(old) => old.listed_in.extend(g.listed_in),
            None => {
                e.dx_gateways.insert(g.id.clone(), g);
            }
        }
    }
    for (i, a) in d.direct_connect_gateway_associations.iter().enumerate() {
        let a = dx_association(c, i, a)?;
        e.dx_associations.entry(a.id.clone()).or_insert(a);
    }
    for v in &d.virtual_interfaces {
        let v = virtual_interface(c, v);
        e.virtual_interfaces.entry(v.id.clone()).or_insert(v);
    }
    Ok(())
}

/// Where export puts each object: the document of (account, region).
pub(super) trait Place {
    fn place(&mut self, owner: &AccountId, region: &Region) -> &mut Document;
    fn exact(&mut self, account: &AccountId, region: &Region) -> &mut Document;
}

/// Writes the estate's VPN and Direct Connect objects into their documents.
pub(super) fn export(e: &Estate, out: &mut impl Place) {
    let tags = |n: &Option<String>| name_tags(n);
    for g in e.vpn_gateways.values() {
        let j = VpnGatewayJson {
            vpn_gateway_id: g.id.to_string(),
            state: Some(g.state.clone()),
            kind: Some("ipsec.1".into()),
            amazon_side_asn: g.amazon_side_asn.map(u64::from),
            vpc_attachments: g
                .attached_vpc
                .iter()
                .map(|v| VgwAttachmentJson {
                    state: Some("attached".into()),
                    vpc_id: Some(v.to_string()),
                })
                .collect(),
            tags: tags(&g.name),
            owner_id: Some(g.owner.to_string()),
        };
        out.place(&g.owner, &g.region).vpn_gateways.push(j);
    }
    for g in e.customer_gateways.values() {
        let j = CustomerGatewayJson {
            customer_gateway_id: g.id.to_string(),
            bgp_asn: g.bgp_asn.map(|n| Text(n.to_string())),
            ip_address: g.ip_address.map(|a| a.to_string()),
            state: Some(g.state.clone()),
            kind: Some("ipsec.1".into()),
            tags: tags(&g.name),
            owner_id: Some(g.owner.to_string()),
        };
        out.place(&g.owner, &g.region).customer_gateways.push(j);
    }
    for v in e.vpn_connections.values() {
        let (vpn_gateway_id, transit_gateway_id) = match &v.gateway {
            VpnEnd::VirtualPrivateGateway(g) => (Some(g.to_string()), None),
            VpnEnd::TransitGateway(t) => (None, Some(t.to_string())),
            VpnEnd::None => (None, None),
        };
        let j = VpnConnectionJson {
            vpn_connection_id: v.id.to_string(),
            customer_gateway_id: v.customer_gateway.to_string(),
            vpn_gateway_id,
            transit_gateway_id,
            category: Some("VPN".into()),
            options: Some(VpnOptionsJson {
                static_routes_only: Some(v.static_routes_only),
            }),
            routes: v
                .routes
                .iter()
                .map(|r| VpnRouteJson {
                    destination_cidr_block: r.destination.to_string(),
                    source: Some("Static".into()),
                    state: Some(r.state.clone()),
                })
                .collect(),
            state: Some(v.state.clone()),
            kind: Some("ipsec.1".into()),
            vgw_telemetry: v
                .tunnels
                .iter()
                .map(|t| VgwTelemetryJson {
                    accepted_route_count: Some(t.accepted_routes),
                    outside_ip_address: t.outside_ip.map(|a| a.to_string()),
                    status: Some(t.status.clone()),
                    status_message: t.status_message.clone(),
                })
                .collect(),
            tags: tags(&v.name),
            owner_id: Some(v.owner.to_string()),
        };
        out.place(&v.owner, &v.region).vpn_connections.push(j);
    }
    for g in e.dx_gateways.values() {
        let j = DxGatewayJson {
            direct_connect_gateway_id: g.id.to_string(),
            direct_connect_gateway_name: g.name.clone(),
            amazon_side_asn: g.amazon_side_asn.map(u64::from),
            owner_account: Some(g.owner.to_string()),
            direct_connect_gateway_state: Some(g.state.clone()),
        };
        for (account, region) in &g.listed_in {
            out.exact(account, region).direct_connect_gateways.push(j.clone());
        }
    }
    for a in e.dx_associations.values() {
        let (id, kind) = match &a.gateway {
            DxAssociated::VirtualPrivateGateway(g) => (g.to_string(), "virtualPrivateGateway"),
            DxAssociated::TransitGateway(t) => (t.to_string(), "transitGateway"),
        };
        let j = DxAssociationJson {
            association_id: a.id.clone(),
            direct_connect_gateway_id: a.dx_gateway.to_string(),
            associated_gateway: DxAssociatedGatewayJson {
                id,
                kind: kind.into(),
                owner_account: Some(a.gateway_owner.to_string()),
                region: Some(a.gateway_region.to_string()),
            },
            association_state: Some(a.state.clone()),
            allowed_prefixes_to_direct_connect_gateway: a
                .allowed_prefixes
                .iter()
                .map(|p: &IpNet| DxPrefixJson { cidr: p.to_string() })
                .collect(),
        };
        let (account, region) = &a.listed_in;
        out.exact(account, region)
            .direct_connect_gateway_associations
            .push(j);
    }
    for v in e.virtual_interfaces.values() {
        let j = VirtualInterfaceJson {
            virtual_interface_id: v.id.to_string(),
            virtual_interface_name: v.name.clone(),
            virtual_interface_type: v.kind.clone(),
            owner_account: Some(v.owner.to_string()),
            connection_id: v.connection.clone(),
            direct_connect_gateway_id: v.dx_gateway.as_ref().map(|g| g.to_string()),
            virtual_gateway_id: v.vgw.as_ref().map(|g| g.to_string()),
            virtual_interface_state: Some(v.state.clone()),
            bgp_peers: v
                .bgp_statuses
                .iter()
                .map(|s| DxBgpPeerJson {
                    bgp_status: Some(s.clone()),
                })
                .collect(),
        };
        out.place(&v.owner, &v.region).virtual_interfaces.push(j);
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::aws::import_documents;

    fn doc(key: &str, items: serde_json::Value) -> serde_json::Value {
        let mut d = json!({"AccountId": "111122223333", "Region": "us-east-1"});
        d[key] = items;
        d
    }

    /// Each malformed value is refused with its JSON path, its code and the valid form.
    #[test]
    fn malformed_values_name_their_path() {
        let vpn = |extra: serde_json::Value| {
            let mut v = json!({"VpnConnectionId": "vpn-1", "CustomerGatewayId": "cgw-1"});
            for (k, x) in extra.as_object().unwrap() {
                v[k] = x.clone();
            }
            doc("VpnConnections", json!([v]))
        };
        let cases = [
            (
                doc(
                    "CustomerGateways",
                    json!([{"CustomerGatewayId": "cgw-1", "IpAddress": "1.1.1"}]),
                ),
                "$.CustomerGateways[0].IpAddress",
                "INVALID_VALUE",
                "10.0.1.5",
            ),
            (
                doc(
                    "CustomerGateways",
                    json!([{"CustomerGatewayId": "cgw-1", "BgpAsn": "sixty"}]),
                ),
                "$.CustomerGateways[0].BgpAsn",
                "INVALID_VALUE",
                "65000",
            ),
            (
                doc("CustomerGateways", json!([{"BgpAsn": "65000"}])),
                "$.CustomerGateways[0]",
                "MALFORMED_JSON",
                "CustomerGatewayId",
            ),
            (
                doc(
                    "VpnGateways",
                    json!([{"VpnGatewayId": "vgw-1", "AmazonSideAsn": "64512"}]),
                ),
                "$.VpnGateways[0].AmazonSideAsn",
                "MALFORMED_JSON",
                "",
            ),
            (
                vpn(json!({"Routes": [{"DestinationCidrBlock": "192.168.1.1/16"}]})),
                "$.VpnConnections[0].Routes[0].DestinationCidrBlock",
                "NONCANONICAL_CIDR",
                "192.168.0.0/16",
            ),
            (
                vpn(json!({"VpnGatewayId": "vgw-1", "TransitGatewayId": "tgw-1"})),
                "$.VpnConnections[0].TransitGatewayId",
                "INVALID_VALUE",
                "VpnGatewayId or TransitGatewayId",
            ),
            (
                vpn(json!({"VgwTelemetry": [{"OutsideIpAddress": "3.3.3", "Status": "UP"}]})),
                "$.VpnConnections[0].VgwTelemetry[0].OutsideIpAddress",
                "INVALID_VALUE",
                "IPv4",
            ),
            (
                doc(
                    "DirectConnectGatewayAssociations",
                    json!([{"AssociationId": "a-1", "DirectConnectGatewayId": "dx-1",
                        "AssociatedGateway": {"Id": "tgw-1", "Type": "vpc"}}]),
                ),
                "$.DirectConnectGatewayAssociations[0].AssociatedGateway.Type",
                "INVALID_VALUE",
                "transitGateway",
            ),
            (
                doc(
                    "DirectConnectGatewayAssociations",
                    json!([{"AssociationId": "a-1", "DirectConnectGatewayId": "dx-1",
                        "AssociatedGateway": {"Id": "tgw-1", "Type": "transitGateway"},
                        "AllowedPrefixesToDirectConnectGateway": [{"Cidr": "10.0.0.0/33"}]}]),
                ),
                "$.DirectConnectGatewayAssociations[0].AllowedPrefixesToDirectConnectGateway[0].Cidr",
                "INVALID_VALUE",
                "10.0.0.0/33",
            ),
        ];
        for (input, path, code, word) in cases {
            let err = import_documents(&[("lab.json".into(), input)]).unwrap_err();
            assert_eq!((err.json_path.as_str(), err.code), (path, code), "{err}");
            assert!(err.problem.contains(word), "{word} not in {}", err.problem);
            assert!(err.to_string().starts_with("lab.json: "), "{err}");
        }
    }

    #[test]
    fn propagating_vgws_are_read_once_each_and_written_back() {
        let d = json!({"AccountId": "111122223333", "Region": "us-east-1",
            "Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}],
            "RouteTables": [{"RouteTableId": "rtb-1", "VpcId": "vpc-1",
                "PropagatingVgws": [{"GatewayId": "vgw-1"}, {"GatewayId": "vgw-1"}, {"GatewayId": "vgw-2"}]}]});
        let e = import_documents(&[("lab.json".into(), d)]).unwrap();
        let t = e.route_tables.values().next().unwrap();
        let ids: Vec<&str> = t.propagating_vgws.iter().map(|v| v.as_str()).collect();
        assert_eq!(ids, ["vgw-1", "vgw-2"]);
        let out = crate::aws::export(&e);
        assert_eq!(
            out[0]["RouteTables"][0]["PropagatingVgws"][1]["GatewayId"],
            "vgw-2"
        );
    }
}
