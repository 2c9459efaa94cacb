//! VPN rules: a route table reaches a virtual private gateway only when the gateway is attached
//! to the table's own VPC, for a route (`CreateRoute`) and for route propagation
//! (`EnableVgwRoutePropagation`); AWS refuses either with `Gateway.NotAttached` ("Route table
//! concepts", userguide/VPC_Route_Tables.html; "Error codes for the Amazon EC2 API",
//! AWSEC2/latest/APIReference/errors-overview.html).

use super::Diagnostics;
use crate::model::{gone, Estate, RouteState, Target};

pub(super) fn check(e: &Estate, d: &mut Diagnostics) {
    for t in e.route_tables.values() {
        let where_ = |id: &crate::model::VgwId| {
            let g = e.vpn_gateways.get(id)?;
            let wrong = match &g.attached_vpc {
                _ if gone(&g.state) => format!("is {}", g.state),
                None => "is not attached to any VPC".to_string(),
                Some(v) if v != &t.vpc => format!("is attached to VPC {v}"),
                Some(_) => return None,
            };
            Some(wrong)
        };
        for r in &t.routes {
            let Target::VirtualPrivateGateway(id) = &r.target else {
                continue;
            };
            let Some(wrong) = where_(id) else { continue };
            let message = format!(
                "Route table {} (VPC {}) sends {} to virtual private gateway {id}, which {wrong}. A route \
                 can use only the virtual private gateway attached to the table's own VPC (AWS: \
                 Gateway.NotAttached); attach it, or route to the VPC's own gateway.",
                t.id, t.vpc, r.destination
            );
            if r.state == RouteState::Blackhole {
                d.warning("VGW_NOT_ATTACHED", &t.id, message);
            } else {
                d.error("VGW_NOT_ATTACHED", &t.id, message);
            }
        }
        for id in &t.propagating_vgws {
            if let Some(wrong) = where_(id) {
                d.error(
                    "VGW_NOT_ATTACHED",
                    &t.id,
                    format!(
                        "Route table {} (VPC {}) takes propagated routes from virtual private gateway {id}, \
                         which {wrong}. Route propagation needs the gateway attached to the table's own VPC \
                         (AWS: Gateway.NotAttached).",
                        t.id, t.vpc
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::aws::import_documents;
    use crate::validate::validate;

    /// (vgw attachment, route state, propagating, expected (errors, warnings) of the code)
    #[test]
    fn a_vgw_must_be_attached_to_the_tables_vpc() {
        let cases = [
            (Some("vpc-1"), "active", true, (0, 0)),
            (Some("vpc-2"), "active", false, (1, 0)),
            (Some("vpc-2"), "blackhole", false, (0, 1)),
            (None, "active", false, (1, 0)),
            (Some("vpc-2"), "active", true, (2, 0)),
        ];
        for (attached, state, propagating, want) in cases {
            let attachments: Vec<_> = attached
                .iter()
                .map(|v| serde_json::json!({"VpcId": v, "State": "attached"}))
                .collect();
            let mut doc = serde_json::json!({"AccountId": "111122223333", "Region": "us-east-1",
                "Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}, {"VpcId": "vpc-2", "CidrBlock": "10.1.0.0/16"}],
                "RouteTables": [{"RouteTableId": "rtb-1", "VpcId": "vpc-1", "Routes": [
                    {"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local"},
                    {"DestinationCidrBlock": "192.168.0.0/16", "GatewayId": "vgw-1", "State": state}]}],
                "VpnGateways": [{"VpnGatewayId": "vgw-1", "State": "available", "VpcAttachments": attachments}]});
            if propagating {
                doc["RouteTables"][0]["PropagatingVgws"] = serde_json::json!([{"GatewayId": "vgw-1"}]);
            }
            let e = import_documents(&[("lab.json".into(), doc)]).unwrap();
            let d = validate(&e);
            let count =
                |v: &[super::super::Diagnostic]| v.iter().filter(|x| x.code == "VGW_NOT_ATTACHED").count();
            assert_eq!(
                (count(&d.errors), count(&d.warnings)),
                want,
                "{attached:?} {state} {propagating}"
            );
            if want.0 > 0 {
                let m = &d
                    .errors
                    .iter()
                    .find(|x| x.code == "VGW_NOT_ATTACHED")
                    .unwrap()
                    .message;
                assert!(m.contains("vgw-1") && m.contains("Gateway.NotAttached"), "{m}");
            }
        }
    }
}
