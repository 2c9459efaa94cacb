//! The four questions of issue 4, each answered by the cost model on AWS CLI JSON estates built
//! here, imported and traced by the real engine. Every expected figure is worked out by hand in
//! the comments, at the us-east-1 prices of AWS-FACTS.md (a month is 730 hours):
//! NAT gateway $0.045/h + $0.045/GB, interface endpoint $0.01 per AZ-hour + $0.01/GB, transit
//! gateway $0.05 per attachment-hour + $0.02/GB, cross-AZ $0.01/GB out and $0.01/GB in, public
//! IPv4 $0.005/h, gateway endpoints and peering connections free.

mod cost_support;

use cost_support::{assert_usd, cost, estate, lines, want, Doc};
use vpclab_core::cost::{compare, ItemKind};

const ACCOUNT: &str = "111122223333";
const REGION: &str = "us-east-1";

/// A VPC with a public subnet (in us-east-1a, internet gateway) and two private subnets (1a, 1b)
/// with one instance each. `private_routes` go into the private subnets' route table.
fn s3_vpc(doc: &mut Doc, private_routes: &[(&str, &str)]) {
    doc.vpc("vpc-app", "10.0.0.0/16")
        .subnet("subnet-pub", "vpc-app", "us-east-1a", "10.0.0.0/24")
        .subnet("subnet-a", "vpc-app", "us-east-1a", "10.0.1.0/24")
        .subnet("subnet-b", "vpc-app", "us-east-1b", "10.0.2.0/24")
        .igw("igw-app", "vpc-app")
        .route_table(
            "rtb-pub",
            "vpc-app",
            true,
            &["subnet-pub"],
            &["10.0.0.0/16"],
            &[("0.0.0.0/0", "igw-app")],
        )
        .route_table(
            "rtb-priv",
            "vpc-app",
            false,
            &["subnet-a", "subnet-b"],
            &["10.0.0.0/16"],
            private_routes,
        )
        .open_sg("sg-app", "vpc-app")
        .instance("i-a", "vpc-app", "subnet-a", "10.0.1.10", "sg-app")
        .instance("i-b", "vpc-app", "subnet-b", "10.0.2.10", "sg-app");
}

/// Each instance uploads 500 GB a month to S3 (`s3` resolves to the S3 prefix list's range).
const S3_TRAFFIC: &str = r#"{"flows":[
    {"from":"i-a","to":"s3","gb_per_month":500},
    {"from":"i-b","to":"s3","gb_per_month":500}]}"#;

/// Q1. S3 traffic from private subnets: NAT gateway vs gateway endpoint.
#[test]
fn s3_from_private_subnets_nat_gateway_vs_gateway_endpoint() {
    // Design A: one NAT gateway in the public subnet (us-east-1a).
    let mut a = Doc::new(ACCOUNT, REGION);
    s3_vpc(&mut a, &[("0.0.0.0/0", "nat-1")]);
    a.nat(
        "nat-1",
        "vpc-app",
        "subnet-pub",
        "us-east-1a",
        "10.0.0.5",
        "198.51.100.5",
    );
    let nat = cost(&estate(&[&a]), S3_TRAFFIC);
    assert!(nat.unreachable.is_empty(), "{:?}", nat.unreachable);
    // NAT gateway:        730 h × $0.045            = $32.85
    // its Elastic IP:     730 h × $0.005            =  $3.65
    // flow 0, i-a (1a) → nat-1 (1a): same AZ, free; 500 GB × $0.045 processing = $22.50;
    //   S3 in the same region: no transfer charge.
    // flow 1, i-b (1b) → nat-1 (1a): 500 GB × $0.01 out (i-b) = $5.00 and 500 GB × $0.01 in
    //   (nat-1) = $5.00; 500 GB × $0.045 processing = $22.50; S3: free.
    // Total: 32.85 + 3.65 + 22.50 + 5 + 5 + 22.50 = $91.50.
    assert_eq!(
        lines(&nat),
        want(&[
            ("nat_gateway_hours", "nat-1", ACCOUNT, 32.85),
            ("public_ipv4", "nat-1", ACCOUNT, 3.65),
            ("same_az", "i-a", ACCOUNT, 0.0),
            ("nat_gateway_processing", "nat-1", ACCOUNT, 22.5),
            ("aws_service_same_region", "nat-1", ACCOUNT, 0.0),
            ("cross_az_out", "i-b", ACCOUNT, 5.0),
            ("cross_az_in", "nat-1", ACCOUNT, 5.0),
            ("nat_gateway_processing", "nat-1", ACCOUNT, 22.5),
            ("aws_service_same_region", "nat-1", ACCOUNT, 0.0),
        ])
    );
    assert_usd(nat.monthly_usd, 91.50, "NAT design");

    // Design B: a gateway endpoint for S3 on the private route table, no NAT gateway.
    let mut b = Doc::new(ACCOUNT, REGION);
    s3_vpc(&mut b, &[("pl-63a5400a", "vpce-s3")]);
    b.gateway_endpoint("vpce-s3", "vpc-app", "com.amazonaws.us-east-1.s3", &["rtb-priv"]);
    let endpoint = cost(&estate(&[&b]), S3_TRAFFIC);
    assert!(endpoint.unreachable.is_empty(), "{:?}", endpoint.unreachable);
    // Gateway endpoint: 730 h × $0 = $0; each flow: 500 GB through it, $0, to S3 in the same
    // region, $0. Total $0.00.
    assert_eq!(
        lines(&endpoint),
        want(&[
            ("gateway_endpoint", "vpce-s3", ACCOUNT, 0.0),
            ("gateway_endpoint_data", "vpce-s3", ACCOUNT, 0.0),
            ("aws_service_same_region", "i-a", ACCOUNT, 0.0),
            ("gateway_endpoint_data", "vpce-s3", ACCOUNT, 0.0),
            ("aws_service_same_region", "i-b", ACCOUNT, 0.0),
        ])
    );
    assert_usd(endpoint.monthly_usd, 0.0, "gateway endpoint design");

    // The endpoint saves the whole $91.50: $36.50 of hours and $55.00 of data.
    let c = compare(&nat, &endpoint);
    assert_usd(c.difference_usd, -91.50, "difference");
    let kind = |k: ItemKind| c.by_kind.iter().find(|d| d.kind == k).map(|d| d.difference_usd);
    assert_eq!(kind(ItemKind::NatGatewayProcessing), Some(-45.0));
    assert_eq!(kind(ItemKind::CrossAzOut), Some(-5.0));
    assert_eq!(kind(ItemKind::GatewayEndpoint), Some(0.0));
}

/// A VPC for an ECS service: a public subnet with an internet gateway (us-east-1a), private
/// subnets in us-east-1a and us-east-1b, and the task's `awsvpc` interface in us-east-1a.
fn ecs_vpc(doc: &mut Doc, private_routes: &[(&str, &str)]) {
    doc.vpc("vpc-ecs", "10.1.0.0/16")
        .subnet("subnet-pub", "vpc-ecs", "us-east-1a", "10.1.0.0/24")
        .subnet("subnet-a", "vpc-ecs", "us-east-1a", "10.1.1.0/24")
        .subnet("subnet-b", "vpc-ecs", "us-east-1b", "10.1.2.0/24")
        .igw("igw-ecs", "vpc-ecs")
        .route_table(
            "rtb-pub",
            "vpc-ecs",
            true,
            &["subnet-pub"],
            &["10.1.0.0/16"],
            &[("0.0.0.0/0", "igw-ecs")],
        )
        .route_table(
            "rtb-priv",
            "vpc-ecs",
            false,
            &["subnet-a", "subnet-b"],
            &["10.1.0.0/16"],
            private_routes,
        )
        .open_sg("sg-ecs", "vpc-ecs")
        .eni(
            "eni-task",
            "vpc-ecs",
            "subnet-a",
            "us-east-1a",
            "10.1.1.20",
            "sg-ecs",
        );
}

/// Q2. The seed's ECS task → SNS: NAT gateway + internet gateway vs an interface endpoint in two
/// AZs. The task publishes 200 GB a month.
#[test]
fn ecs_task_to_sns_nat_vs_interface_endpoint_in_two_azs() {
    // One traffic file for both designs: the task publishes to `sns`, which resolves to the
    // interface endpoint where there is one (private DNS), else to SNS's public regional
    // endpoint (52.95.208.17 in vpclab's table), reached through the NAT and internet gateways.
    const SNS: &str = r#"{"flows":[{"from":"eni-task","to":"sns","gb_per_month":200}]}"#;
    // Design A: NAT gateway in the public subnet. SNS is an AWS service in the task's region, so
    // no internet egress is charged.
    let mut a = Doc::new(ACCOUNT, REGION);
    ecs_vpc(&mut a, &[("0.0.0.0/0", "nat-ecs")]);
    a.nat(
        "nat-ecs",
        "vpc-ecs",
        "subnet-pub",
        "us-east-1a",
        "10.1.0.5",
        "198.51.100.7",
    );
    let nat = cost(&estate(&[&a]), SNS);
    assert!(nat.unreachable.is_empty(), "{:?}", nat.unreachable);
    // NAT gateway 730 h × $0.045 = $32.85; its Elastic IP 730 h × $0.005 = $3.65;
    // task (1a) → NAT (1a): same AZ, free; 200 GB × $0.045 processing = $9.00;
    // SNS in the same region: no transfer charge. Total $45.50.
    assert_eq!(
        lines(&nat),
        want(&[
            ("nat_gateway_hours", "nat-ecs", ACCOUNT, 32.85),
            ("public_ipv4", "nat-ecs", ACCOUNT, 3.65),
            ("same_az", "eni-task", ACCOUNT, 0.0),
            ("nat_gateway_processing", "nat-ecs", ACCOUNT, 9.0),
            ("aws_service_same_region", "nat-ecs", ACCOUNT, 0.0),
        ])
    );
    assert_usd(nat.monthly_usd, 45.50, "NAT design");
    let to_sns = nat
        .items
        .iter()
        .find(|i| i.kind == ItemKind::AwsServiceSameRegion)
        .unwrap();
    assert!(
        to_sns.note.contains("com.amazonaws.us-east-1.sns in us-east-1"),
        "{}",
        to_sns.note
    );

    // The same flow written by address, with `aws_service` saying what the address is (a stand-in
    // 203.0.113.80 for sns.us-east-1.amazonaws.com), is priced the same, line for line.
    let marked = cost(
        &estate(&[&a]),
        r#"{"flows":[{"from":"eni-task","to":"203.0.113.80","gb_per_month":200,"aws_service":"sns"}]}"#,
    );
    assert_eq!(lines(&marked), lines(&nat));
    let marked_note = &marked
        .items
        .iter()
        .find(|i| i.kind == ItemKind::AwsServiceSameRegion)
        .unwrap()
        .note;
    assert_eq!(marked_note, &to_sns.note);

    // Without `aws_service` the same bytes are internet egress: 200 GB, the first 100 GB free,
    // then 100 GB × $0.09 = $9.00, so $54.50 — what a model that forgets SNS is in-region says.
    let as_internet = cost(
        &estate(&[&a]),
        r#"{"flows":[{"from":"eni-task","to":"203.0.113.80","gb_per_month":200}]}"#,
    );
    assert_usd(as_internet.total_of(ItemKind::InternetEgress), 9.0, "egress");
    assert_usd(
        as_internet.monthly_usd,
        54.50,
        "NAT design, SNS taken for the internet",
    );

    // Design B: an interface endpoint for SNS with private DNS, one interface in each private
    // subnet (1a and 1b); no NAT gateway. `sns` resolves to the interface in the task's AZ.
    let mut b = Doc::new(ACCOUNT, REGION);
    ecs_vpc(&mut b, &[]);
    b.interface_endpoint(
        "vpce-sns",
        "vpc-ecs",
        "com.amazonaws.us-east-1.sns",
        &[
            ("eni-sns-a", "subnet-a", "us-east-1a", "10.1.1.50"),
            ("eni-sns-b", "subnet-b", "us-east-1b", "10.1.2.50"),
        ],
        "sg-ecs",
    );
    let endpoint = cost(&estate(&[&b]), SNS);
    assert!(endpoint.unreachable.is_empty(), "{:?}", endpoint.unreachable);
    // Endpoint: 2 AZs × 730 h = 1,460 AZ-hours × $0.01 = $14.60;
    // task → its interface in 1a: 200 GB × $0.01 processing = $2.00. Total $16.60.
    assert_eq!(
        lines(&endpoint),
        want(&[
            ("interface_endpoint_hours", "vpce-sns", ACCOUNT, 14.6),
            ("interface_endpoint_processing", "vpce-sns", ACCOUNT, 2.0),
        ])
    );
    assert_usd(endpoint.monthly_usd, 16.60, "interface endpoint design");

    // The endpoint saves $28.90 a month. Per GB it costs $0.01 against the NAT's $0.045, and its
    // fixed $14.60 is below the NAT's $36.50, so it is cheaper at any volume (break-even would
    // need 36.50 + 0.045 x = 14.60 + 0.01 x, i.e. x = -625.7 GB).
    let c = compare(&nat, &endpoint);
    assert_usd(c.difference_usd, -28.90, "difference");

    // Asking the endpoint interface in the other AZ by address still costs no inter-AZ transfer
    // (PrivateLink legs are free across AZs since April 2022): again $2.00 of processing.
    let other_az = cost(
        &estate(&[&b]),
        r#"{"flows":[{"from":"eni-task","to":"10.1.2.50","gb_per_month":200}]}"#,
    );
    assert_usd(other_az.monthly_usd, 16.60, "endpoint interface in the other AZ");
}

/// VPC `i` of a mesh or hub: 10.i.0.0/16, one subnet 10.i.1.0/24 in us-east-1a (even i) or
/// us-east-1b (odd i), one instance 10.i.1.10; `routes` go into its main route table.
fn spoke(doc: &mut Doc, i: usize, routes: &[(&str, &str)]) {
    let (vpc, subnet, cidr) = (
        format!("vpc-{i:03}"),
        format!("subnet-{i:03}"),
        format!("10.{i}.0.0/16"),
    );
    let az = if i.is_multiple_of(2) {
        "us-east-1a"
    } else {
        "us-east-1b"
    };
    doc.vpc(&vpc, &cidr)
        .subnet(&subnet, &vpc, az, &format!("10.{i}.1.0/24"))
        .route_table(&format!("rtb-{i:03}"), &vpc, true, &[], &[&cidr], routes)
        .open_sg(&format!("sg-{i:03}"), &vpc)
        .instance(
            &format!("i-{i:03}"),
            &vpc,
            &subnet,
            &format!("10.{i}.1.10"),
            &format!("sg-{i:03}"),
        );
}

fn pcx(i: usize, j: usize) -> String {
    format!("pcx-{:03}{:03}", i.min(j), i.max(j))
}

/// n VPCs, every pair peered, each route table with a route to every other VPC.
fn mesh(n: usize) -> Doc {
    let mut doc = Doc::new(ACCOUNT, REGION);
    for i in 0..n {
        let routes: Vec<(String, String)> = (0..n)
            .filter(|&j| j != i)
            .map(|j| (format!("10.{j}.0.0/16"), pcx(i, j)))
            .collect();
        let routes: Vec<(&str, &str)> = routes.iter().map(|(d, t)| (d.as_str(), t.as_str())).collect();
        spoke(&mut doc, i, &routes);
    }
    for i in 0..n {
        for j in i + 1..n {
            let side = |k: usize| (format!("vpc-{k:03}"), format!("10.{k}.0.0/16"));
            let ((vi, ci), (vj, cj)) = (side(i), side(j));
            doc.peering(
                &pcx(i, j),
                (&vi, ACCOUNT, REGION, &ci),
                (&vj, ACCOUNT, REGION, &cj),
            );
        }
    }
    doc
}

/// n VPCs attached to one transit gateway (one route table, every attachment associated and
/// propagating); each VPC routes 10.0.0.0/8 to it.
fn hub(n: usize) -> Doc {
    let mut doc = Doc::new(ACCOUNT, REGION);
    doc.tgw("tgw-hub", "tgw-rtb-hub");
    let mut props = Vec::new();
    for i in 0..n {
        spoke(&mut doc, i, &[("10.0.0.0/8", "tgw-hub")]);
        let (att, vpc) = (format!("tgw-attach-{i:03}"), format!("vpc-{i:03}"));
        doc.tgw_attachment(&att, "tgw-hub", "tgw-rtb-hub", &vpc, &[&format!("subnet-{i:03}")]);
        props.push((att, vpc));
    }
    let props: Vec<(&str, &str)> = props.iter().map(|(a, v)| (a.as_str(), v.as_str())).collect();
    doc.tgw_propagations("tgw-rtb-hub", &props);
    doc
}

/// Every VPC's instance sends `gb` GB a month to every other VPC's instance.
fn all_pairs(n: usize, gb: f64) -> String {
    let flows: Vec<String> = (0..n)
        .flat_map(|i| (0..n).filter(move |&j| j != i).map(move |j| (i, j)))
        .map(|(i, j)| format!(r#"{{"from":"i-{i:03}","to":"10.{j}.1.10","gb_per_month":{gb}}}"#))
        .collect();
    format!(r#"{{"flows":[{}]}}"#, flows.join(","))
}

/// Q3. n VPCs fully meshed with peering vs one transit gateway, for n = 3, 10, 20, every VPC
/// sending 10 GB a month to every other (n(n-1) flows), VPCs alternating between two AZs.
///
/// With a = ⌈n/2⌉ VPCs in us-east-1a and b = ⌊n/2⌋ in us-east-1b, 2ab of the n(n-1) ordered
/// pairs cross AZs.
/// - Peering mesh: n(n-1)/2 connections at $0/h; a cross-AZ pair pays 10 GB × ($0.01 out +
///   $0.01 in) = $0.20, a same-AZ pair $0. Total 2ab × $0.20.
/// - Transit gateway: n attachments × 730 h × $0.05 = n × $36.50; every pair 10 GB × $0.02 =
///   $0.20 of processing (no inter-AZ charge through a transit gateway). Total
///   36.50 n + 0.20 n(n-1).
///
/// | n  | a, b   | cross pairs | peering | TGW                          |
/// | 3  | 2, 1   | 4           | $0.80   | 109.50 + 6 × 0.20 = $110.70  |
/// | 10 | 5, 5   | 50          | $10.00  | 365.00 + 90 × 0.20 = $383.00 |
/// | 20 | 10, 10 | 200         | $40.00  | 730.00 + 380 × 0.20 = $806.00|
///
/// Break-even: none. The transit gateway's $0.02/GB equals the most a same-region peering pays
/// per GB (cross-AZ, $0.01 + $0.01), and same-AZ peering is free, so TGW − mesh =
/// 36.50 n + 0.02 × (GB between same-AZ pairs) > 0 at every n and every traffic. A transit
/// gateway is bought for what it saves in connections (n attachments instead of n(n-1)/2) and
/// routes (one per table instead of n-1), not in dollars.
#[test]
fn peering_mesh_vs_transit_gateway_for_3_10_20_vpcs() {
    for (n, cross_pairs, peering_usd, tgw_usd) in [
        (3usize, 4usize, 0.80, 110.70),
        (10, 50, 10.00, 383.00),
        (20, 200, 40.00, 806.00),
    ] {
        let traffic = all_pairs(n, 10.0);
        let m = cost(&estate(&[&mesh(n)]), &traffic);
        let h = cost(&estate(&[&hub(n)]), &traffic);
        assert!(m.unreachable.is_empty(), "mesh {n}: {:?}", m.unreachable.first());
        assert!(h.unreachable.is_empty(), "hub {n}: {:?}", h.unreachable.first());

        assert_eq!(
            m.items_of(ItemKind::PeeringConnection).count(),
            n * (n - 1) / 2,
            "n = {n}"
        );
        assert_eq!(m.items_of(ItemKind::CrossAzOut).count(), cross_pairs, "n = {n}");
        assert_eq!(m.items_of(ItemKind::CrossAzIn).count(), cross_pairs, "n = {n}");
        assert_eq!(
            m.items_of(ItemKind::SameAzPeering).count(),
            n * (n - 1) - cross_pairs,
            "n = {n}"
        );
        assert_usd(m.total_of(ItemKind::PeeringConnection), 0.0, "peering hours");
        assert_usd(m.monthly_usd, peering_usd, &format!("mesh of {n}"));

        assert_eq!(h.items_of(ItemKind::TgwAttachmentHours).count(), n, "n = {n}");
        assert_usd(
            h.total_of(ItemKind::TgwAttachmentHours),
            36.50 * n as f64,
            "attachments",
        );
        assert_eq!(
            h.items_of(ItemKind::TgwProcessing).count(),
            n * (n - 1),
            "n = {n}"
        );
        assert_usd(
            h.total_of(ItemKind::TgwProcessing),
            0.20 * (n * (n - 1)) as f64,
            "processing",
        );
        assert_eq!(
            h.items_of(ItemKind::CrossAzOut).count(),
            0,
            "no inter-AZ charge through a TGW"
        );
        assert_usd(h.monthly_usd, tgw_usd, &format!("hub of {n}"));

        let c = compare(&m, &h);
        assert!(
            c.difference_usd > 0.0,
            "the transit gateway costs more at n = {n}"
        );
    }
}

/// Q3, quotas: which quota does a full mesh of 20 VPCs break? None. Each VPC has 19 active
/// peerings (default quota 50 per VPC, 125 at most) and each route table 1 local + 19 peer
/// routes = 20 (default quota 50 per table). The mesh breaks quotas later: at n = 51 each table
/// holds 51 routes (over 50: ROUTE_QUOTA warning, a quota increase is needed) while each VPC has
/// 50 peerings (not over 50); at n = 52, 51 peerings per VPC (PEERING_QUOTA warning); at
/// n = 127, 126 peerings per VPC (PEERING_QUOTA error: over 125, AWS refuses even on request).
/// One AWS quota a 190-connection mesh does meet at n = 20: 25 outstanding (pending) requests
/// per account, so the 190 requests must be accepted in batches — a process limit, not a limit
/// of the finished mesh, which validation (looking at the estate) cannot see.
#[test]
fn which_quota_a_peering_mesh_breaks() {
    let codes = |n: usize| {
        let found = vpclab_core::validate::validate(&estate(&[&mesh(n)]));
        let count = |list: &[vpclab_core::validate::Diagnostic], code: &str| {
            list.iter().filter(|d| d.code == code).count()
        };
        (
            count(&found.warnings, "ROUTE_QUOTA"),
            count(&found.warnings, "PEERING_QUOTA"),
            count(&found.errors, "PEERING_QUOTA"),
            found.errors.len(),
        )
    };
    // (n, route-quota warnings, peering-quota warnings, peering-quota errors, all errors)
    for (n, want) in [
        (20, (0, 0, 0, 0)),
        (51, (51, 0, 0, 0)),
        (52, (52, 52, 0, 0)),
        (127, (127, 0, 127, 127)),
    ] {
        assert_eq!(codes(n), want, "mesh of {n}: {} connections", n * (n - 1) / 2);
    }
}

const APP: &str = "111111111111";
const DB: &str = "222222222222";
const NETWORK: &str = "333333333333";

/// Design A of Q4: the app team's VPC (account APP, instance in `app_az`) peered with the data
/// team's VPC (account DB, instance in `db_az`).
fn peered(app_az: &str, db_az: &str) -> Vec<Doc> {
    let mut app = Doc::new(APP, REGION);
    app.vpc("vpc-app", "10.10.0.0/16")
        .subnet("subnet-app", "vpc-app", app_az, "10.10.1.0/24")
        .route_table(
            "rtb-app",
            "vpc-app",
            true,
            &[],
            &["10.10.0.0/16"],
            &[("10.20.0.0/16", "pcx-appdb")],
        )
        .open_sg("sg-app", "vpc-app")
        .instance("i-app", "vpc-app", "subnet-app", "10.10.1.10", "sg-app");
    let mut db = Doc::new(DB, REGION);
    db.vpc("vpc-db", "10.20.0.0/16")
        .subnet("subnet-db", "vpc-db", db_az, "10.20.1.0/24")
        .route_table(
            "rtb-db",
            "vpc-db",
            true,
            &[],
            &["10.20.0.0/16"],
            &[("10.10.0.0/16", "pcx-appdb")],
        )
        .open_sg("sg-db", "vpc-db")
        .instance("i-db", "vpc-db", "subnet-db", "10.20.1.10", "sg-db");
    for doc in [&mut app, &mut db] {
        doc.peering(
            "pcx-appdb",
            ("vpc-app", APP, REGION, "10.10.0.0/16"),
            ("vpc-db", DB, REGION, "10.20.0.0/16"),
        );
    }
    vec![app, db]
}

/// Design B of Q4: the network account owns one VPC and shares a subnet with each team
/// (AWS RAM); each team launches its instance into its shared subnet.
fn shared(app_az: &str, db_az: &str) -> Vec<Doc> {
    let mut network = Doc::new(NETWORK, REGION);
    network
        .vpc("vpc-shared", "10.30.0.0/16")
        .subnet("subnet-app", "vpc-shared", app_az, "10.30.1.0/24")
        .subnet("subnet-db", "vpc-shared", db_az, "10.30.2.0/24")
        .route_table("rtb-shared", "vpc-shared", true, &[], &["10.30.0.0/16"], &[]);
    let mut app = Doc::new(APP, REGION);
    app.subnet_of("subnet-app", "vpc-shared", app_az, "10.30.1.0/24", NETWORK)
        .open_sg("sg-app", "vpc-shared")
        .instance("i-app", "vpc-shared", "subnet-app", "10.30.1.10", "sg-app");
    let mut db = Doc::new(DB, REGION);
    db.subnet_of("subnet-db", "vpc-shared", db_az, "10.30.2.0/24", NETWORK)
        .open_sg("sg-db", "vpc-shared")
        .instance("i-db", "vpc-shared", "subnet-db", "10.30.2.10", "sg-db");
    vec![network, app, db]
}

fn paid_by(report: &vpclab_core::cost::CostReport, account: &str) -> f64 {
    report
        .items
        .iter()
        .filter(|i| i.payer == account)
        .map(|i| i.usd)
        .sum()
}

/// Q4. Cross-AZ chatter between two peered VPCs vs the same workloads in one shared VPC: the app
/// sends 1,000 GB a month to the database and reads 3,000 GB back (the reply direction).
///
/// Cross-AZ (app in us-east-1a, database in us-east-1b), in both designs:
/// - request: 1,000 GB × $0.01 out (APP) + 1,000 GB × $0.01 in (DB) = $10 + $10;
/// - replies: 3,000 GB × $0.01 out (DB) + 3,000 GB × $0.01 in (APP) = $30 + $30;
/// - total $80.00, APP pays $40.00 and DB pays $40.00; the network account pays nothing
///   (participants pay their cross-AZ transfer; "Share your VPC with other accounts", billing).
///
/// Same AZ (both in us-east-1a): $0 in both designs — in one VPC it is free, and over peering
/// it has been free since May 2021.
///
/// So VPC sharing saves no transfer charges against same-region peering: the per-GB rules are
/// the same. What it saves is elsewhere (one set of NAT gateways and endpoints paid by the
/// owner, no peering routes to keep).
#[test]
fn cross_az_chatter_peered_vpcs_vs_one_shared_vpc() {
    let traffic_peered =
        r#"{"flows":[{"from":"i-app","to":"10.20.1.10","gb_per_month":1000,"reply_gb_per_month":3000}]}"#;
    let traffic_shared =
        r#"{"flows":[{"from":"i-app","to":"10.30.2.10","gb_per_month":1000,"reply_gb_per_month":3000}]}"#;
    let docs = peered("us-east-1a", "us-east-1b");
    let p = cost(&estate(&docs.iter().collect::<Vec<_>>()), traffic_peered);
    assert!(p.unreachable.is_empty(), "{:?}", p.unreachable);
    assert_eq!(
        lines(&p),
        want(&[
            ("peering_connection", "pcx-appdb", APP, 0.0),
            ("cross_az_out", "i-app", APP, 10.0),
            ("cross_az_in", "i-db", DB, 10.0),
            ("cross_az_out", "i-db", DB, 30.0),
            ("cross_az_in", "i-app", APP, 30.0),
        ])
    );
    assert!(p
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::CrossAzOut)
        .all(|i| i.note.contains("pcx-appdb")));

    let docs = shared("us-east-1a", "us-east-1b");
    let s = cost(&estate(&docs.iter().collect::<Vec<_>>()), traffic_shared);
    assert!(s.unreachable.is_empty(), "{:?}", s.unreachable);
    assert_eq!(
        lines(&s),
        want(&[
            ("cross_az_out", "i-app", APP, 10.0),
            ("cross_az_in", "i-db", DB, 10.0),
            ("cross_az_out", "i-db", DB, 30.0),
            ("cross_az_in", "i-app", APP, 30.0),
        ])
    );
    for (report, name) in [(&p, "peered"), (&s, "shared")] {
        assert_usd(report.monthly_usd, 80.0, name);
        assert_usd(paid_by(report, APP), 40.0, name);
        assert_usd(paid_by(report, DB), 40.0, name);
        assert_usd(paid_by(report, NETWORK), 0.0, name);
    }
    assert_usd(
        compare(&p, &s).difference_usd,
        0.0,
        "sharing saves nothing across AZs",
    );

    // Same AZ: $0 either way.
    let docs = peered("us-east-1a", "us-east-1a");
    let p = cost(&estate(&docs.iter().collect::<Vec<_>>()), traffic_peered);
    let docs = shared("us-east-1a", "us-east-1a");
    let s = cost(&estate(&docs.iter().collect::<Vec<_>>()), traffic_shared);
    assert_eq!(
        p.items_of(ItemKind::SameAzPeering).count(),
        2,
        "request and replies over the peering"
    );
    assert_eq!(s.items_of(ItemKind::SameAz).count(), 2);
    assert_usd(p.monthly_usd, 0.0, "peered, same AZ");
    assert_usd(s.monthly_usd, 0.0, "shared, same AZ");
}
