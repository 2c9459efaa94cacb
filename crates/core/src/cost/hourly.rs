//! Charges that run by the hour whatever the traffic: NAT gateways, transit gateway attachments,
//! interface endpoints (per AZ), public IPv4 addresses; and the free pieces (gateway endpoints,
//! peering connections) listed at $0 so that a learner sees they cost nothing.
//!
//! Who pays follows "Billing and metering for owners and participants" in "Share your VPC with
//! other accounts" (VPC sharing: the owner pays NAT gateways, transit gateway and endpoint
//! charges) and "AWS Transit Gateway pricing" (the VPC's owner pays its attachment's hours).

use std::collections::BTreeSet;
use std::net::Ipv4Addr;

use crate::model::{EndpointKind, Estate, PeeringStatus, SubnetId};

use super::book::PriceBook;
use super::report::{quantity_text, CostItem, ItemKind};

/// True for NAT gateway and transit gateway attachment states AWS bills (the resource exists and
/// has been accepted).
fn billed(state: &str) -> bool {
    let s = state.to_ascii_lowercase();
    !matches!(
        s.as_str(),
        "deleted" | "deleting" | "failed" | "rejected" | "rejecting" | "pendingacceptance" | "expired"
    )
}

/// Interface endpoints are billed "irrespective of the state of its association with the
/// service" ("AWS PrivateLink pricing"), so pending acceptance is billed too.
fn endpoint_billed(state: &str) -> bool {
    let s = state.to_ascii_lowercase();
    !matches!(
        s.as_str(),
        "deleted" | "deleting" | "failed" | "rejected" | "expired"
    )
}

fn az_of(estate: &Estate, subnet: &SubnetId) -> String {
    estate
        .subnets
        .get(subnet)
        .map(|s| s.availability_zone.clone())
        .unwrap_or_else(|| "unknown AZ".to_string())
}

/// Every hourly item of the estate, in a stable order: NAT gateways, transit gateway
/// attachments, interface endpoints, gateway endpoints, peerings, public IPv4 addresses.
pub fn hourly_items(estate: &Estate, book: &PriceBook) -> Vec<CostItem> {
    let mut items = Vec::new();
    let mut public_ips: BTreeSet<Ipv4Addr> = BTreeSet::new();
    let mut ip_items = Vec::new();

    for nat in estate.nat_gateways.values().filter(|n| billed(&n.state)) {
        let t = book.table(&nat.region.0);
        let note = format!("NAT gateway in {} ({})", nat.subnet, az_of(estate, &nat.subnet));
        items.push(CostItem::priced(
            nat.id.as_str(),
            ItemKind::NatGatewayHours,
            t.hours_per_month,
            &t.nat_gateway_hour,
            nat.owner.as_str(),
            None,
            note,
        ));
        if let Some(ip) = nat.public_ip {
            if public_ips.insert(ip) {
                ip_items.push(CostItem::priced(
                    nat.id.as_str(),
                    ItemKind::PublicIpv4,
                    t.hours_per_month,
                    &t.public_ipv4_hour,
                    nat.owner.as_str(),
                    None,
                    format!("Elastic IP {ip} of the NAT gateway"),
                ));
            }
        }
    }

    // A VPC attachment is billed to the VPC's owner; the others (peering ends, VPN, Direct
    // Connect, Connect) to the transit gateway's owner, whose account holds them.
    let attachments = estate
        .tgw_attachments
        .values()
        .chain(estate.tgw_peering_ends.values())
        .map(|a| {
            let payer = if a.resource_type == "vpc" {
                a.resource_owner.as_str()
            } else {
                a.tgw_owner.as_str()
            };
            (a, payer)
        });
    for (att, payer) in attachments.filter(|(a, _)| billed(&a.state)) {
        let t = book.table(&att.region.0);
        items.push(CostItem::priced(
            att.id.as_str(),
            ItemKind::TgwAttachmentHours,
            t.hours_per_month,
            &t.tgw_attachment_hour,
            payer,
            None,
            format!(
                "{} attachment of {} to {}",
                att.resource_type, att.resource_id, att.tgw
            ),
        ));
    }

    for ep in estate.endpoints.values().filter(|e| endpoint_billed(&e.state)) {
        let t = book.table(&ep.region.0);
        match ep.kind {
            EndpointKind::Interface => {
                let azs: BTreeSet<String> = crate::small::set_of(ep.subnets.iter().map(|s| az_of(estate, s)));
                let az_count = azs.len() as f64;
                let mut item = CostItem::priced(
                    ep.id.as_str(),
                    ItemKind::InterfaceEndpointHours,
                    az_count * t.hours_per_month,
                    &t.interface_endpoint_az_hour,
                    ep.owner.as_str(),
                    None,
                    format!(
                        "interface endpoint for {} in {}",
                        ep.service_name,
                        azs.into_iter().collect::<Vec<_>>().join(", ")
                    ),
                );
                item.arithmetic = format!(
                    "{} AZ{} × {} hours = {}",
                    quantity_text(az_count),
                    if az_count == 1.0 { "" } else { "s" },
                    quantity_text(t.hours_per_month),
                    item.arithmetic
                );
                items.push(item);
            }
            EndpointKind::Gateway => items.push(CostItem::priced(
                ep.id.as_str(),
                ItemKind::GatewayEndpoint,
                t.hours_per_month,
                &t.gateway_endpoint_hour,
                ep.owner.as_str(),
                None,
                format!("gateway endpoint for {}: free", ep.service_name),
            )),
            // Gateway Load Balancer endpoints are billed with the load balancer: not modelled.
            EndpointKind::GatewayLoadBalancer => {}
        }
    }

    for pcx in estate
        .peerings
        .values()
        .filter(|p| p.status == PeeringStatus::Active)
    {
        let t = book.table(&pcx.requester.region.0);
        items.push(CostItem::priced(
            pcx.id.as_str(),
            ItemKind::PeeringConnection,
            t.hours_per_month,
            &t.peering_hour,
            pcx.requester.owner.as_str(),
            None,
            format!(
                "peering {} ↔ {}: no hourly charge, only data transfer",
                pcx.requester.vpc, pcx.accepter.vpc
            ),
        ));
    }

    for inst in estate.instances.values() {
        if let Some(ip) = inst.public_ip {
            if public_ips.insert(ip) {
                let t = book.table(&inst.region.0);
                ip_items.push(CostItem::priced(
                    inst.id.as_str(),
                    ItemKind::PublicIpv4,
                    t.hours_per_month,
                    &t.public_ipv4_hour,
                    inst.owner.as_str(),
                    None,
                    format!("public IPv4 {ip} of the instance"),
                ));
            }
        }
    }
    for eni in estate.enis.values() {
        if let Some(ip) = eni.public_ip {
            if public_ips.insert(ip) {
                let t = book.table(&eni.region.0);
                ip_items.push(CostItem::priced(
                    eni.id.as_str(),
                    ItemKind::PublicIpv4,
                    t.hours_per_month,
                    &t.public_ipv4_hour,
                    eni.owner.as_str(),
                    None,
                    format!("public IPv4 {ip} of the network interface"),
                ));
            }
        }
    }
    items.extend(ip_items);
    items.extend(vpn_items(estate, book));
    items
}

/// Site-to-Site VPN connections: each `available` connection is billed per connection-hour to
/// its owner, whatever its tunnels' state ("AWS VPN pricing", aws.amazon.com/vpn/pricing/; AWS
/// VPN FAQs: billed for any time the connection is in the available state). Regions whose price
/// table lacks `vpn_connection_hour` leave them out.
fn vpn_items(estate: &Estate, book: &PriceBook) -> Vec<CostItem> {
    let mut items = Vec::new();
    for vpn in estate.vpn_connections.values().filter(|v| v.state == "available") {
        let t = book.table(&vpn.region.0);
        let Some(price) = &t.vpn_connection_hour else {
            continue;
        };
        let end = match &vpn.gateway {
            crate::model::VpnEnd::VirtualPrivateGateway(g) => format!(" on {g}"),
            crate::model::VpnEnd::TransitGateway(g) => format!(" on {g}"),
            crate::model::VpnEnd::None => String::new(),
        };
        items.push(CostItem::priced(
            vpn.id.as_str(),
            ItemKind::VpnConnectionHours,
            t.hours_per_month,
            price,
            vpn.owner.as_str(),
            None,
            format!("Site-to-Site VPN connection{end} to {}", vpn.customer_gateway),
        ));
    }
    items
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::aws::import_documents;
    use crate::cost::prices::PriceTable;

    /// One account (A) owns the VPC; account B owns a VPC attached to A's transit gateway.
    fn estate() -> Estate {
        let a = json!({
            "AccountId": "111111111111", "Region": "us-east-1",
            "Vpcs": [{"VpcId": "vpc-a", "OwnerId": "111111111111", "CidrBlock": "10.0.0.0/16"}],
            "Subnets": [
                {"SubnetId": "subnet-pub", "VpcId": "vpc-a", "OwnerId": "111111111111",
                 "AvailabilityZone": "us-east-1a", "CidrBlock": "10.0.0.0/24"},
                {"SubnetId": "subnet-a", "VpcId": "vpc-a", "OwnerId": "111111111111",
                 "AvailabilityZone": "us-east-1a", "CidrBlock": "10.0.1.0/24"},
                {"SubnetId": "subnet-b", "VpcId": "vpc-a", "OwnerId": "111111111111",
                 "AvailabilityZone": "us-east-1b", "CidrBlock": "10.0.2.0/24"}],
            "NatGateways": [
                {"NatGatewayId": "nat-live", "VpcId": "vpc-a", "SubnetId": "subnet-pub", "State": "available",
                 "NatGatewayAddresses": [{"NetworkInterfaceId": "eni-nat", "PrivateIp": "10.0.0.10",
                                          "PublicIp": "198.51.100.10"}]},
                {"NatGatewayId": "nat-gone", "VpcId": "vpc-a", "SubnetId": "subnet-pub", "State": "deleted"}],
            "NetworkInterfaces": [
                {"NetworkInterfaceId": "eni-nat", "OwnerId": "111111111111", "VpcId": "vpc-a",
                 "SubnetId": "subnet-pub", "AvailabilityZone": "us-east-1a", "PrivateIpAddress": "10.0.0.10",
                 "Association": {"PublicIp": "198.51.100.10"}, "InterfaceType": "nat_gateway"},
                {"NetworkInterfaceId": "eni-spare", "OwnerId": "111111111111", "VpcId": "vpc-a",
                 "SubnetId": "subnet-a", "AvailabilityZone": "us-east-1a", "PrivateIpAddress": "10.0.1.99",
                 "Association": {"PublicIp": "198.51.100.99"}, "InterfaceType": "interface"}],
            "Reservations": [{"OwnerId": "111111111111", "Instances": [
                {"InstanceId": "i-web", "SubnetId": "subnet-pub", "VpcId": "vpc-a",
                 "PrivateIpAddress": "10.0.0.20", "PublicIpAddress": "198.51.100.20",
                 "State": {"Name": "running"}}]}],
            "VpcEndpoints": [
                {"VpcEndpointId": "vpce-sns", "VpcEndpointType": "Interface", "VpcId": "vpc-a",
                 "ServiceName": "com.amazonaws.us-east-1.sns", "State": "available",
                 "SubnetIds": ["subnet-a", "subnet-b"], "OwnerId": "111111111111"},
                {"VpcEndpointId": "vpce-s3", "VpcEndpointType": "Gateway", "VpcId": "vpc-a",
                 "ServiceName": "com.amazonaws.us-east-1.s3", "State": "available", "OwnerId": "111111111111"}],
            "TransitGateways": [{"TransitGatewayId": "tgw-1", "OwnerId": "111111111111", "State": "available"}],
            "TransitGatewayAttachments": [
                {"TransitGatewayAttachmentId": "tgw-attach-b", "TransitGatewayId": "tgw-1",
                 "TransitGatewayOwnerId": "111111111111", "ResourceType": "vpc", "ResourceId": "vpc-b",
                 "ResourceOwnerId": "222222222222", "State": "available"},
                {"TransitGatewayAttachmentId": "tgw-attach-peer", "TransitGatewayId": "tgw-1",
                 "TransitGatewayOwnerId": "111111111111", "ResourceType": "peering", "ResourceId": "tgw-9",
                 "ResourceOwnerId": "999999999999", "State": "available"},
                {"TransitGatewayAttachmentId": "tgw-attach-wait", "TransitGatewayId": "tgw-1",
                 "TransitGatewayOwnerId": "111111111111", "ResourceType": "vpc", "ResourceId": "vpc-c",
                 "ResourceOwnerId": "333333333333", "State": "pendingAcceptance"}],
            "VpcPeeringConnections": [
                {"VpcPeeringConnectionId": "pcx-on", "Status": {"Code": "active"},
                 "RequesterVpcInfo": {"VpcId": "vpc-a", "OwnerId": "111111111111", "Region": "us-east-1",
                                      "CidrBlock": "10.0.0.0/16"},
                 "AccepterVpcInfo": {"VpcId": "vpc-b", "OwnerId": "222222222222", "Region": "us-east-1",
                                     "CidrBlock": "10.1.0.0/16"}},
                {"VpcPeeringConnectionId": "pcx-asked", "Status": {"Code": "pending-acceptance"},
                 "RequesterVpcInfo": {"VpcId": "vpc-a", "OwnerId": "111111111111", "Region": "us-east-1",
                                      "CidrBlock": "10.0.0.0/16"},
                 "AccepterVpcInfo": {"VpcId": "vpc-c", "OwnerId": "333333333333", "Region": "us-east-1",
                                     "CidrBlock": "10.2.0.0/16"}}]
        });
        let b = json!({
            "AccountId": "222222222222", "Region": "us-east-1",
            "Vpcs": [{"VpcId": "vpc-b", "OwnerId": "222222222222", "CidrBlock": "10.1.0.0/16"}]
        });
        import_documents(&[("a.json".into(), a), ("b.json".into(), b)]).expect("the test estate imports")
    }

    #[test]
    fn hourly_items_by_hand() {
        let book = PriceBook::single(PriceTable::for_region("us-east-1").unwrap());
        let items = hourly_items(&estate(), &book);
        let got: Vec<(ItemKind, &str, &str, f64, f64)> = items
            .iter()
            .map(|i| (i.kind, i.resource.as_str(), i.payer.as_str(), i.quantity, i.usd))
            .collect();
        use ItemKind::*;
        let want = vec![
            // 730 h × $0.045 = $32.85; the deleted NAT gateway is not billed.
            (NatGatewayHours, "nat-live", "111111111111", 730.0, 32.85),
            // B's VPC attachment: 730 h × $0.05 = $36.50, billed to B (the VPC's owner); the
            // attachment pending acceptance is not billed yet.
            (TgwAttachmentHours, "tgw-attach-b", "222222222222", 730.0, 36.5),
            // A peering attachment is billed to this transit gateway's owner, not the peer's.
            (TgwAttachmentHours, "tgw-attach-peer", "111111111111", 730.0, 36.5),
            (GatewayEndpoint, "vpce-s3", "111111111111", 730.0, 0.0),
            // Two AZs × 730 h = 1,460 AZ-hours × $0.01 = $14.60.
            (InterfaceEndpointHours, "vpce-sns", "111111111111", 1460.0, 14.6),
            // Only the active peering; no hourly charge.
            (PeeringConnection, "pcx-on", "111111111111", 730.0, 0.0),
            // Three public addresses × 730 h × $0.005 = $3.65 each: the NAT's EIP (also on
            // eni-nat, counted once), the instance's, the spare interface's.
            (PublicIpv4, "nat-live", "111111111111", 730.0, 3.65),
            (PublicIpv4, "i-web", "111111111111", 730.0, 3.65),
            (PublicIpv4, "eni-spare", "111111111111", 730.0, 3.65),
        ];
        assert_eq!(got, want);
        let endpoint = &items[4];
        assert_eq!(
            endpoint.arithmetic,
            "2 AZs × 730 hours = 1,460 endpoint AZ-hours × $0.01 = $14.60"
        );
        assert_eq!(items[0].arithmetic, "730 NAT gateway-hours × $0.045 = $32.85");
        assert!(items.iter().all(|i| i.flow.is_none()));
    }

    #[test]
    fn eu_west_1_prices_the_same_estate_differently() {
        let book = PriceBook::single(PriceTable::for_region("eu-west-1").unwrap());
        let items = hourly_items(&estate(), &book);
        // 730 × $0.048 = $35.04; 1,460 × $0.011 = $16.06.
        assert_eq!(items[0].usd, 35.04);
        assert_eq!(items[4].usd, 16.06);
    }

    /// A VPN connection costs $0.05 per connection-hour in us-east-1: 730 × $0.05 = $36.50 a
    /// month to its owner; a deleted one costs nothing, and a table without the price leaves it
    /// out.
    #[test]
    fn a_vpn_connection_is_billed_per_hour_to_its_owner() {
        let doc = json!({"AccountId": "111111111111", "Region": "us-east-1",
            "VpnConnections": [
                {"VpnConnectionId": "vpn-live", "CustomerGatewayId": "cgw-1", "VpnGatewayId": "vgw-1",
                 "State": "available", "VgwTelemetry": [{"Status": "DOWN"}, {"Status": "DOWN"}]},
                {"VpnConnectionId": "vpn-gone", "CustomerGatewayId": "cgw-1", "State": "deleted"}]});
        let e = import_documents(&[("t.json".into(), doc)]).unwrap();
        let book = PriceBook::single(PriceTable::for_region("us-east-1").unwrap());
        let items: Vec<_> = hourly_items(&e, &book)
            .into_iter()
            .filter(|i| i.kind == ItemKind::VpnConnectionHours)
            .collect();
        assert_eq!(items.len(), 1);
        let i = &items[0];
        assert_eq!(
            (i.resource.as_str(), i.payer.as_str()),
            ("vpn-live", "111111111111")
        );
        assert!((i.usd - 36.5).abs() < 1e-9, "{}", i.usd);
        assert!(
            i.arithmetic.contains("730") && i.arithmetic.contains("0.05"),
            "{}",
            i.arithmetic
        );
        assert!(i.note.contains("vgw-1") && i.note.contains("cgw-1"), "{}", i.note);

        let mut t = PriceTable::for_region("us-east-1").unwrap();
        t.vpn_connection_hour = None;
        let book = PriceBook::single(t);
        assert!(hourly_items(&e, &book)
            .iter()
            .all(|i| i.kind != ItemKind::VpnConnectionHours));
    }
}
