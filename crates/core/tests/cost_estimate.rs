//! The estimator on small AWS JSON estates through the real import and reach engine: return
//! paths, unreachable flows, internet egress, inter-region peering, transit gateway payers,
//! refusals. Expected figures are worked out in the comments at us-east-1 prices (eu-west-1
//! where said).

mod cost_support;

use cost_support::{assert_usd, cost, estate, lines, want, Doc};
use vpclab_core::cost::{estimate, CostError, ItemKind, PriceBook, PriceTable, Traffic};

const A: &str = "111122223333";
const B: &str = "444455556666";

/// A VPC with a public subnet (1a: NAT gateway, a web instance with a public IP) and a private
/// subnet (1b) whose instance reaches out through the NAT gateway.
fn nat_vpc() -> Doc {
    let mut d = Doc::new(A, "us-east-1");
    d.vpc("vpc-1", "10.0.0.0/16")
        .subnet("subnet-pub", "vpc-1", "us-east-1a", "10.0.0.0/24")
        .subnet("subnet-priv", "vpc-1", "us-east-1b", "10.0.1.0/24")
        .igw("igw-1", "vpc-1")
        .route_table(
            "rtb-pub",
            "vpc-1",
            true,
            &["subnet-pub"],
            &["10.0.0.0/16"],
            &[("0.0.0.0/0", "igw-1")],
        )
        .route_table(
            "rtb-priv",
            "vpc-1",
            false,
            &["subnet-priv"],
            &["10.0.0.0/16"],
            &[("0.0.0.0/0", "nat-1")],
        )
        .open_sg("sg-1", "vpc-1")
        .nat(
            "nat-1",
            "vpc-1",
            "subnet-pub",
            "us-east-1a",
            "10.0.0.5",
            "198.51.100.5",
        )
        .instance("i-priv", "vpc-1", "subnet-priv", "10.0.1.10", "sg-1");
    d
}

#[test]
fn a_download_is_priced_along_the_return_path() {
    // i-priv (1b) asks S3 for 1 GB of requests and downloads 1,000 GB.
    // Hourly: NAT 730 × $0.045 = $32.85, its EIP 730 × $0.005 = $3.65.
    // Request, 1 GB: 1b → 1a $0.01 out + $0.01 in; NAT processing $0.045; S3: free.
    // Reply, 1,000 GB: S3 → NAT: free (into AWS); NAT processing 1,000 × $0.045 = $45.00;
    //   nat-1 (1a) → i-priv (1b): $10.00 out (NAT owner) + $10.00 in (i-priv's owner).
    let r = cost(
        &estate(&[&nat_vpc()]),
        r#"{"flows":[{"from":"i-priv","to":"s3","gb_per_month":1,"reply_gb_per_month":1000}]}"#,
    );
    assert_eq!(
        lines(&r),
        want(&[
            ("nat_gateway_hours", "nat-1", A, 32.85),
            ("public_ipv4", "nat-1", A, 3.65),
            ("cross_az_out", "i-priv", A, 0.01),
            ("cross_az_in", "nat-1", A, 0.01),
            ("nat_gateway_processing", "nat-1", A, 0.045),
            ("aws_service_same_region", "nat-1", A, 0.0),
            ("nat_gateway_processing", "nat-1", A, 45.0),
            ("cross_az_out", "nat-1", A, 10.0),
            ("cross_az_in", "i-priv", A, 10.0),
        ])
    );
    assert_usd(r.monthly_usd, 32.85 + 3.65 + 0.02 + 0.045 + 45.0 + 20.0, "total");
    assert!(r.items.iter().skip(2).all(|i| i.flow == Some(0)));
    assert_eq!(r.items[6].arithmetic, "1,000 GB × $0.045 = $45.00");
}

#[test]
fn internet_egress_takes_the_free_allowance_then_the_tier() {
    // Two flows to the internet through the NAT gateway, 250 + 350 = 600 GB: 100 GB free, then
    // 500 GB × $0.09 = $45.00, billed to the NAT gateway's owner. A third flow is blocked.
    let mut d = nat_vpc();
    d.subnet("subnet-dark", "vpc-1", "us-east-1a", "10.0.2.0/24")
        .route_table(
            "rtb-dark",
            "vpc-1",
            false,
            &["subnet-dark"],
            &["10.0.0.0/16"],
            &[],
        )
        .instance("i-dark", "vpc-1", "subnet-dark", "10.0.2.10", "sg-1");
    let r = cost(
        &estate(&[&d]),
        r#"{"flows":[
            {"from":"i-priv","to":"203.0.113.9","gb_per_month":250},
            {"from":"i-dark","to":"203.0.113.9","gb_per_month":5000},
            {"from":"i-priv","to":"203.0.113.10","gb_per_month":350}]}"#,
    );
    let egress: Vec<(f64, f64, Option<usize>)> = r
        .items_of(ItemKind::InternetEgress)
        .map(|i| (i.quantity, i.usd, i.flow))
        .collect();
    assert_eq!(egress, vec![(100.0, 0.0, None), (500.0, 45.0, None)]);
    assert!(r
        .items_of(ItemKind::InternetEgress)
        .all(|i| i.payer == A && i.note.contains("flows 0, 2")));
    // The blocked flow: listed with the engine's code, not priced.
    assert_eq!(r.unreachable.len(), 1);
    assert_eq!(
        (r.unreachable[0].flow, r.unreachable[0].code.as_str()),
        (1, "NO_ROUTE")
    );
    assert!(r.items.iter().all(|i| i.flow != Some(1)));
    // NAT 32.85 + EIP 3.65 + 600 GB × (0.01 + 0.01 + 0.045) = 39.00 + egress 45.00.
    assert_usd(r.monthly_usd, 32.85 + 3.65 + 39.0 + 45.0, "total");
}

/// Two VPCs in two regions, peered; `eu` is account B's VPC in eu-west-1.
fn two_regions() -> Vec<Doc> {
    let mut us = Doc::new(A, "us-east-1");
    us.vpc("vpc-us", "10.0.0.0/16")
        .subnet("subnet-us", "vpc-us", "us-east-1a", "10.0.1.0/24")
        .route_table(
            "rtb-us",
            "vpc-us",
            true,
            &[],
            &["10.0.0.0/16"],
            &[("10.9.0.0/16", "pcx-x")],
        )
        .open_sg("sg-us", "vpc-us")
        .instance("i-us", "vpc-us", "subnet-us", "10.0.1.10", "sg-us");
    let mut eu = Doc::new(B, "eu-west-1");
    eu.vpc("vpc-eu", "10.9.0.0/16")
        .subnet("subnet-eu", "vpc-eu", "eu-west-1a", "10.9.1.0/24")
        .route_table(
            "rtb-eu",
            "vpc-eu",
            true,
            &[],
            &["10.9.0.0/16"],
            &[("10.0.0.0/16", "pcx-x")],
        )
        .open_sg("sg-eu", "vpc-eu")
        .instance("i-eu", "vpc-eu", "subnet-eu", "10.9.1.10", "sg-eu");
    for d in [&mut us, &mut eu] {
        d.peering(
            "pcx-x",
            ("vpc-us", A, "us-east-1", "10.0.0.0/16"),
            ("vpc-eu", B, "eu-west-1", "10.9.0.0/16"),
        );
    }
    vec![us, eu]
}

#[test]
fn inter_region_peering_bills_each_sender_at_its_region_rate() {
    // 100 GB us-east-1 → eu-west-1: $0.02 × 100 = $2.00 to A; 50 GB of replies eu-west-1 →
    // us-east-1 at eu-west-1's $0.02 = $1.00 to B. No cross-AZ charge on an inter-region leg.
    let docs = two_regions();
    let r = cost(
        &estate(&docs.iter().collect::<Vec<_>>()),
        r#"{"flows":[{"from":"i-us","to":"10.9.1.10","gb_per_month":100,"reply_gb_per_month":50}]}"#,
    );
    assert_eq!(
        lines(&r),
        want(&[
            ("peering_connection", "pcx-x", A, 0.0),
            ("inter_region_out", "i-us", A, 2.0),
            ("inter_region_out", "i-eu", B, 1.0),
        ])
    );
    // Both regions' tables were used; the first is the tie-break by name.
    assert_eq!(r.prices.region, "eu-west-1");
    assert_eq!(
        r.other_prices
            .iter()
            .map(|p| p.region.as_str())
            .collect::<Vec<_>>(),
        ["us-east-1"]
    );
}

#[test]
fn transit_gateway_processing_is_billed_to_the_sending_attachment_owner() {
    // A owns the TGW and vpc-a; B owns vpc-b and its attachment. 100 GB a → b: $2.00 to A
    // (a's attachment); 40 GB of replies b → a: $0.80 to B. Attachment hours: $36.50 each, to
    // each VPC's owner.
    let mut a = Doc::new(A, "us-east-1");
    a.tgw("tgw-1", "tgw-rtb-1")
        .vpc("vpc-a", "10.1.0.0/16")
        .subnet("subnet-a", "vpc-a", "us-east-1a", "10.1.1.0/24")
        .route_table(
            "rtb-a",
            "vpc-a",
            true,
            &[],
            &["10.1.0.0/16"],
            &[("10.2.0.0/16", "tgw-1")],
        )
        .open_sg("sg-a", "vpc-a")
        .instance("i-a", "vpc-a", "subnet-a", "10.1.1.10", "sg-a")
        .tgw_attachment("tgw-attach-a", "tgw-1", "tgw-rtb-1", "vpc-a", &["subnet-a"]);
    let mut b = Doc::new(B, "us-east-1");
    b.vpc("vpc-b", "10.2.0.0/16")
        .subnet("subnet-b", "vpc-b", "us-east-1b", "10.2.1.0/24")
        .route_table(
            "rtb-b",
            "vpc-b",
            true,
            &[],
            &["10.2.0.0/16"],
            &[("10.1.0.0/16", "tgw-1")],
        )
        .open_sg("sg-b", "vpc-b")
        .instance("i-b", "vpc-b", "subnet-b", "10.2.1.10", "sg-b");
    // B's attachment as the TGW owner's describe-transit-gateway-attachments prints it.
    let mut a_json = a.json();
    let b_att = serde_json::json!({"TransitGatewayAttachmentId": "tgw-attach-b", "TransitGatewayId": "tgw-1",
        "TransitGatewayOwnerId": A, "ResourceType": "vpc", "ResourceId": "vpc-b", "ResourceOwnerId": B,
        "State": "available", "Association": {"TransitGatewayRouteTableId": "tgw-rtb-1", "State": "associated"}});
    let b_vpc_att = serde_json::json!({"TransitGatewayAttachmentId": "tgw-attach-b", "TransitGatewayId": "tgw-1",
        "VpcId": "vpc-b", "VpcOwnerId": B, "State": "available", "SubnetIds": ["subnet-b"]});
    a_json["TransitGatewayAttachments"]
        .as_array_mut()
        .unwrap()
        .push(b_att);
    a_json["TransitGatewayVpcAttachments"]
        .as_array_mut()
        .unwrap()
        .push(b_vpc_att);
    a_json["TransitGatewayPropagations"] = serde_json::json!([{"TransitGatewayRouteTableId": "tgw-rtb-1",
        "TransitGatewayRouteTablePropagations": [
            {"TransitGatewayAttachmentId": "tgw-attach-a", "ResourceId": "vpc-a", "ResourceType": "vpc", "State": "enabled"},
            {"TransitGatewayAttachmentId": "tgw-attach-b", "ResourceId": "vpc-b", "ResourceType": "vpc", "State": "enabled"}]}]);
    let est = vpclab_core::aws::import_documents(&[("a.json".into(), a_json), ("b.json".into(), b.json())])
        .expect("imports");
    let r = cost(
        &est,
        r#"{"flows":[{"from":"i-a","to":"10.2.1.10","gb_per_month":100,"reply_gb_per_month":40}]}"#,
    );
    assert!(r.unreachable.is_empty(), "{:?}", r.unreachable);
    assert_eq!(
        lines(&r),
        want(&[
            ("tgw_attachment_hours", "tgw-attach-a", A, 36.5),
            ("tgw_attachment_hours", "tgw-attach-b", B, 36.5),
            ("tgw_processing", "tgw-attach-a", A, 2.0),
            ("tgw_processing", "tgw-attach-b", B, 0.8),
        ])
    );
}

#[test]
fn flows_the_engine_cannot_ask_are_refused_naming_the_flow() {
    let est = estate(&[&nat_vpc()]);
    let book = PriceBook::for_estate(&est, None).unwrap();
    let cases: &[(&str, &str)] = &[
        (
            r#"{"flows":[{"from":"i-nope","to":"s3","gb_per_month":1}]}"#,
            "traffic flow 0 (0-based, i-nope → s3)",
        ),
        (
            r#"{"flows":[{"from":"i-priv","to":"s3","gb_per_month":1},{"from":"i-priv","to":"eni-missing","gb_per_month":1}]}"#,
            "traffic flow 1 (0-based, i-priv → eni-missing)",
        ),
    ];
    for (text, want) in cases {
        let traffic = Traffic::from_json(text).unwrap();
        let err = estimate(&est, &traffic, &book).unwrap_err();
        assert!(matches!(err, CostError::Flow { .. }), "{err}");
        assert!(err.to_string().starts_with(want), "{err}");
    }
}

#[test]
fn a_supplied_table_prices_the_whole_estate() {
    // eu-west-1 prices on the us-east-1 NAT design: NAT 730 × $0.048 = $35.04, EIP $3.65,
    // 10 GB to S3: 1b → 1a $0.10 + $0.10, NAT 10 × $0.048 = $0.48.
    let est = estate(&[&nat_vpc()]);
    let book = PriceBook::for_estate(&est, Some(PriceTable::for_region("eu-west-1").unwrap())).unwrap();
    let traffic = Traffic::from_json(r#"{"flows":[{"from":"i-priv","to":"s3","gb_per_month":10}]}"#).unwrap();
    let r = estimate(&est, &traffic, &book).unwrap();
    assert_usd(r.monthly_usd, 35.04 + 3.65 + 0.2 + 0.48, "eu-west-1 prices");
    assert_eq!(r.prices.region, "eu-west-1");
    assert_eq!(r.prices.as_of, "2026-11-23");
}

#[test]
fn public_addresses_in_one_region_are_not_internet_egress() {
    // Two VPCs, each with a public instance; i-one sends 100 GB to i-two's public address.
    // Public IPv4: 2 × 730 h × $0.005 = 2 × $3.65; the transfer is billed like crossing AZs:
    // 100 GB × $0.01 out (A) + 100 GB × $0.01 in (B) = $2.00, and no internet egress.
    let public_vpc = |d: &mut Doc, n: u8, ip: &str| {
        let (vpc, subnet, igw) = (format!("vpc-{n}"), format!("subnet-{n}"), format!("igw-{n}"));
        let cidr = format!("10.{n}.0.0/16");
        d.vpc(&vpc, &cidr)
            .subnet(&subnet, &vpc, "us-east-1a", &format!("10.{n}.1.0/24"))
            .igw(&igw, &vpc)
            .route_table(
                &format!("rtb-{n}"),
                &vpc,
                true,
                &[],
                &[&cidr],
                &[("0.0.0.0/0", &igw)],
            )
            .open_sg(&format!("sg-{n}"), &vpc);
        let mut doc = d.json();
        let inst = serde_json::json!({"OwnerId": d.account, "Instances": [{
            "InstanceId": format!("i-{n}"), "SubnetId": subnet, "VpcId": vpc,
            "PrivateIpAddress": format!("10.{n}.1.10"), "PublicIpAddress": ip,
            "SecurityGroups": [{"GroupId": format!("sg-{n}")}], "State": {"Name": "running"}}]});
        doc["Reservations"] = serde_json::json!([inst]);
        doc
    };
    let one = public_vpc(&mut Doc::new(A, "us-east-1"), 1, "198.51.100.1");
    let two = public_vpc(&mut Doc::new(B, "us-east-1"), 2, "198.51.100.2");
    let est = vpclab_core::aws::import_documents(&[("one.json".into(), one), ("two.json".into(), two)])
        .expect("imports");
    let r = cost(
        &est,
        r#"{"flows":[{"from":"i-1","to":"198.51.100.2","gb_per_month":100}]}"#,
    );
    assert!(r.unreachable.is_empty(), "{:?}", r.unreachable);
    assert_eq!(
        lines(&r),
        want(&[
            ("public_ipv4", "i-1", A, 3.65),
            ("public_ipv4", "i-2", B, 3.65),
            ("public_ip_out", "i-1", A, 1.0),
            ("public_ip_in", "i-2", B, 1.0),
        ])
    );
}

/// Data out over a Site-to-Site VPN is billed as data transfer out (the internet allowance and
/// rate), and the connection by the hour: 300 GB → 200 GB × $0.09 = $18.00, plus 730 h × $0.05.
#[test]
fn data_out_over_a_vpn_is_billed_as_transfer_out() {
    let mut d = Doc::new(A, "us-east-1");
    d.vpc("vpc-1", "10.0.0.0/16")
        .subnet("subnet-1", "vpc-1", "us-east-1a", "10.0.1.0/24")
        .route_table("rtb-1", "vpc-1", true, &["subnet-1"], &["10.0.0.0/16"], &[("192.168.0.0/16", "vgw-1")])
        .open_sg("sg-1", "vpc-1")
        .instance("i-1", "vpc-1", "subnet-1", "10.0.1.10", "sg-1")
        .raw(
            "VpnGateways",
            serde_json::json!({"VpnGatewayId": "vgw-1", "State": "available",
                "VpcAttachments": [{"VpcId": "vpc-1", "State": "attached"}]}),
        )
        .raw(
            "VpnConnections",
            serde_json::json!({"VpnConnectionId": "vpn-1", "CustomerGatewayId": "cgw-1", "VpnGatewayId": "vgw-1",
                "State": "available", "Options": {"StaticRoutesOnly": true},
                "Routes": [{"DestinationCidrBlock": "192.168.0.0/16", "State": "available"}]}),
        );
    let r = cost(
        &estate(&[&d]),
        r#"{"flows":[{"from":"i-1","to":"192.168.1.10","gb_per_month":300}]}"#,
    );
    assert!(r.unreachable.is_empty(), "{:?}", r.unreachable);
    let egress: Vec<(f64, f64)> = r
        .items_of(ItemKind::InternetEgress)
        .map(|i| (i.quantity, i.usd))
        .collect();
    assert_eq!(egress, vec![(100.0, 0.0), (200.0, 18.0)]);
    assert_usd(r.monthly_usd, 18.0 + 730.0 * 0.05, "total");
}
