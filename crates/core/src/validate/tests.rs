//! One table, one row per rule: an estate that breaks it, and a near miss that does not.

use std::net::Ipv4Addr;

use ipnet::{IpNet, Ipv4Net};
use serde_json::json;

use super::*;
use crate::aws::import_documents;
use crate::model::*;

/// Two peered VPCs and a third: public and private subnets, an internet gateway, a NAT gateway,
/// an S3 gateway endpoint, one instance. Valid, with no warning.
fn base() -> Estate {
    let owner = "111122223333";
    let doc = json!({
        "AccountId": owner, "Region": "us-east-1",
        "Vpcs": [
            {"VpcId": "vpc-a", "OwnerId": owner, "CidrBlock": "10.0.0.0/16"},
            {"VpcId": "vpc-b", "OwnerId": owner, "CidrBlock": "10.1.0.0/16"},
            {"VpcId": "vpc-c", "OwnerId": owner, "CidrBlock": "10.2.0.0/16"}
        ],
        "Subnets": [
            {"SubnetId": "subnet-a1", "VpcId": "vpc-a", "OwnerId": owner, "AvailabilityZone": "us-east-1a", "CidrBlock": "10.0.1.0/24"},
            {"SubnetId": "subnet-a2", "VpcId": "vpc-a", "OwnerId": owner, "AvailabilityZone": "us-east-1a", "CidrBlock": "10.0.2.0/24"},
            {"SubnetId": "subnet-b1", "VpcId": "vpc-b", "OwnerId": owner, "AvailabilityZone": "us-east-1b", "CidrBlock": "10.1.1.0/24"}
        ],
        "InternetGateways": [{"InternetGatewayId": "igw-a", "OwnerId": owner, "Attachments": [{"State": "available", "VpcId": "vpc-a"}]}],
        "NatGateways": [{"NatGatewayId": "nat-a", "VpcId": "vpc-a", "SubnetId": "subnet-a1", "State": "available",
                         "NatGatewayAddresses": [{"PublicIp": "198.51.100.7", "PrivateIp": "10.0.1.50"}]}],
        "VpcEndpoints": [{"VpcEndpointId": "vpce-s3", "VpcEndpointType": "Gateway", "VpcId": "vpc-a",
                          "ServiceName": "com.amazonaws.us-east-1.s3", "RouteTableIds": ["rtb-a-private"]}],
        "RouteTables": [
            {"RouteTableId": "rtb-a-main", "VpcId": "vpc-a", "OwnerId": owner, "Associations": [{"Main": true}],
             "Routes": [
                {"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local"},
                {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-a"},
                {"DestinationCidrBlock": "10.1.0.0/16", "VpcPeeringConnectionId": "pcx-ab"}]},
            {"RouteTableId": "rtb-a-private", "VpcId": "vpc-a", "OwnerId": owner,
             "Associations": [{"Main": false, "SubnetId": "subnet-a2"}],
             "Routes": [
                {"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local"},
                {"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": "nat-a"},
                {"DestinationPrefixListId": "pl-63a5400a", "GatewayId": "vpce-s3"}]},
            {"RouteTableId": "rtb-b-main", "VpcId": "vpc-b", "OwnerId": owner, "Associations": [{"Main": true}],
             "Routes": [
                {"DestinationCidrBlock": "10.1.0.0/16", "GatewayId": "local"},
                {"DestinationCidrBlock": "10.0.0.0/16", "VpcPeeringConnectionId": "pcx-ab"}]}
        ],
        "VpcPeeringConnections": [{"VpcPeeringConnectionId": "pcx-ab", "Status": {"Code": "active"},
            "RequesterVpcInfo": {"VpcId": "vpc-a", "OwnerId": owner, "Region": "us-east-1", "CidrBlock": "10.0.0.0/16"},
            "AccepterVpcInfo": {"VpcId": "vpc-b", "OwnerId": owner, "Region": "us-east-1", "CidrBlock": "10.1.0.0/16"}}],
        "Reservations": [{"OwnerId": owner, "Instances": [{"InstanceId": "i-a1", "SubnetId": "subnet-a1", "VpcId": "vpc-a",
            "PrivateIpAddress": "10.0.1.10", "NetworkInterfaces": [{"NetworkInterfaceId": "eni-a1"}]}]}],
        "NetworkInterfaces": [
            {"NetworkInterfaceId": "eni-a1", "OwnerId": owner, "VpcId": "vpc-a", "SubnetId": "subnet-a1",
             "PrivateIpAddress": "10.0.1.10", "Attachment": {"InstanceId": "i-a1"}}]
    });
    import_documents(&[("base.json".into(), doc)]).expect("base imports")
}

fn net(s: &str) -> IpNet {
    s.parse().unwrap()
}

fn v4(s: &str) -> Ipv4Net {
    s.parse().unwrap()
}

fn rt<'a>(e: &'a mut Estate, id: &str) -> &'a mut RouteTable {
    e.route_tables.get_mut(&RouteTableId::from(id)).unwrap()
}

fn route(dest: &str, target: Target) -> Route {
    Route {
        destination: Destination::Cidr(net(dest)),
        target,
        state: RouteState::Active,
        origin: RouteOrigin::CreateRoute,
    }
}

fn nat(id: &str) -> Target {
    Target::NatGateway(NatId::from(id))
}

fn igw(id: &str) -> Target {
    Target::InternetGateway(IgwId::from(id))
}

fn side(vpc: &str, cidr: &str) -> PeeringSide {
    PeeringSide {
        vpc: VpcId::from(vpc),
        owner: AccountId::from("111122223333"),
        region: Region::from("us-east-1"),
        cidrs: vec![net(cidr)],
    }
}

fn add_peering(e: &mut Estate, id: &str, a: (&str, &str), b: (&str, &str), status: PeeringStatus) {
    let p = Peering {
        id: PcxId::from(id),
        requester: side(a.0, a.1),
        accepter: side(b.0, b.1),
        status,
        name: None,
    };
    e.peerings.insert(p.id.clone(), p);
}

fn add_igw(e: &mut Estate, id: &str, vpc: &str) {
    let mut g = e.internet_gateways[&IgwId::from("igw-a")].clone();
    g.id = IgwId::from(id);
    g.attached_vpc = Some(VpcId::from(vpc));
    e.internet_gateways.insert(g.id.clone(), g);
}

fn add_routes(e: &mut Estate, table: &str, v4_count: u32, v6_count: u32) {
    let t = rt(e, table);
    for i in 0..v4_count {
        let dest = Ipv4Addr::from(0xac10_0000u32 + (i << 8));
        t.routes.push(route(&format!("{dest}/24"), igw("igw-a")));
    }
    for i in 0..v6_count {
        t.routes
            .push(route(&format!("2001:db8:{i:x}::/48"), igw("igw-a")));
    }
}

/// `n` active peerings from vpc-a to VPCs outside the estate.
fn add_many_peerings(e: &mut Estate, n: u32) {
    for i in 0..n {
        let cidr = format!("{}/24", Ipv4Addr::from(0xac10_0000u32 + (i << 8)));
        add_peering(
            e,
            &format!("pcx-n{i}"),
            ("vpc-a", "10.0.0.0/16"),
            (&format!("vpc-n{i}"), &cidr),
            PeeringStatus::Active,
        );
    }
}

/// Two transit gateways with a route table each; vpc-a attached to tgw-1, associated with rtb-1.
fn add_tgws(e: &mut Estate) {
    for (tgw, rtb) in [("tgw-1", "tgw-rtb-1"), ("tgw-2", "tgw-rtb-2")] {
        let t = TransitGateway {
            id: TgwId::from(tgw),
            owner: AccountId::from("111122223333"),
            region: Region::from("us-east-1"),
            default_association: None,
            default_propagation: None,
            state: "available".into(),
            name: None,
        };
        e.transit_gateways.insert(t.id.clone(), t);
        let r = TgwRouteTable {
            id: TgwRouteTableId::from(rtb),
            tgw: TgwId::from(tgw),
            region: Region::from("us-east-1"),
            default_association: false,
            default_propagation: false,
            propagations: vec![],
            routes: vec![],
            name: None,
        };
        e.tgw_route_tables.insert(r.id.clone(), r);
    }
    let a = TgwAttachment {
        id: TgwAttachmentId::from("tgw-attach-a"),
        tgw: TgwId::from("tgw-1"),
        tgw_owner: AccountId::from("111122223333"),
        region: Region::from("us-east-1"),
        resource_type: "vpc".into(),
        resource_id: "vpc-a".into(),
        resource_owner: AccountId::from("111122223333"),
        subnets: vec![SubnetId::from("subnet-a2")],
        state: "available".into(),
        association: Some(TgwRouteTableId::from("tgw-rtb-1")),
        name: None,
        ipv6_support: false,
    };
    e.tgw_attachments.insert(a.id.clone(), a);
}

fn tgw_table<'a>(e: &'a mut Estate, id: &str) -> &'a mut TgwRouteTable {
    e.tgw_route_tables.get_mut(&TgwRouteTableId::from(id)).unwrap()
}

fn tgw_route(attachment: &str) -> TgwRoute {
    TgwRoute {
        destination: Destination::Cidr(net("10.0.0.0/16")),
        attachment: Some(TgwAttachmentId::from(attachment)),
        state: RouteState::Active,
        propagated: false,
    }
}

fn instance(e: &mut Estate) -> &mut Instance {
    e.instances.get_mut(&InstanceId::from("i-a1")).unwrap()
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Severity {
    Error,
    Warning,
}
use Severity::*;

type Edit = fn(&mut Estate);

/// (code, severity, breaks the rule, near miss that keeps it)
const CASES: &[(&str, Severity, Edit, Edit)] = &[
    (
        "NONCANONICAL_CIDR",
        Error,
        |e| {
            e.vpcs.get_mut(&VpcId::from("vpc-c")).unwrap().cidrs =
                vec![Ipv4Net::new([10, 2, 0, 1].into(), 16).unwrap()]
        },
        |e| e.vpcs.get_mut(&VpcId::from("vpc-c")).unwrap().cidrs = vec![v4("10.3.0.0/16")],
    ),
    (
        "NONCANONICAL_CIDR",
        Error,
        |e| {
            rt(e, "rtb-b-main").routes.push(Route {
                destination: Destination::Cidr(IpNet::V4(Ipv4Net::new([10, 9, 9, 9].into(), 16).unwrap())),
                ..route("10.9.0.0/16", Target::VpcPeering(PcxId::from("pcx-ab")))
            })
        },
        |e| {
            rt(e, "rtb-b-main")
                .routes
                .push(route("10.9.0.0/16", Target::VpcPeering(PcxId::from("pcx-ab"))))
        },
    ),
    (
        "INVALID_VPC_CIDR_SIZE",
        Error,
        |e| e.vpcs.get_mut(&VpcId::from("vpc-c")).unwrap().cidrs = vec![v4("10.2.0.0/15")],
        |e| e.vpcs.get_mut(&VpcId::from("vpc-c")).unwrap().cidrs = vec![v4("10.2.0.0/28")],
    ),
    (
        "INVALID_VPC_CIDR_SIZE",
        Error,
        |e| e.subnets.get_mut(&SubnetId::from("subnet-b1")).unwrap().cidr = Some(v4("10.1.1.0/29")),
        |e| e.subnets.get_mut(&SubnetId::from("subnet-b1")).unwrap().cidr = Some(v4("10.1.1.0/28")),
    ),
    (
        "SUBNET_OUTSIDE_VPC",
        Error,
        |e| e.subnets.get_mut(&SubnetId::from("subnet-b1")).unwrap().cidr = Some(v4("10.2.1.0/24")),
        |e| e.subnets.get_mut(&SubnetId::from("subnet-b1")).unwrap().cidr = Some(v4("10.1.255.0/24")),
    ),
    (
        "OVERLAPPING_SUBNETS",
        Error,
        |e| e.subnets.get_mut(&SubnetId::from("subnet-a2")).unwrap().cidr = Some(v4("10.0.1.128/25")),
        |e| e.subnets.get_mut(&SubnetId::from("subnet-a2")).unwrap().cidr = Some(v4("10.0.0.0/24")),
    ),
    (
        "ADDRESS_OUTSIDE_SUBNET",
        Error,
        |e| instance(e).private_ip = Some([10, 0, 2, 10].into()),
        |e| instance(e).private_ip = Some([10, 0, 1, 254].into()),
    ),
    (
        "RESERVED_ADDRESS",
        Error,
        |e| instance(e).private_ip = Some([10, 0, 1, 255].into()),
        |e| instance(e).private_ip = Some([10, 0, 1, 4].into()),
    ),
    (
        "RESERVED_ADDRESS",
        Error,
        |e| instance(e).private_ip = Some([10, 0, 1, 3].into()),
        |e| instance(e).private_ip = Some([10, 0, 1, 254].into()),
    ),
    (
        "MULTIPLE_MAIN_ROUTE_TABLES",
        Error,
        |e| rt(e, "rtb-a-private").main = true,
        |e| {
            let mut t = rt(e, "rtb-b-main").clone();
            t.id = RouteTableId::from("rtb-c-main");
            t.vpc = VpcId::from("vpc-c");
            t.routes = vec![route("10.2.0.0/16", Target::Local)];
            e.route_tables.insert(t.id.clone(), t);
        },
    ),
    (
        "SUBNET_IN_TWO_ROUTE_TABLES",
        Error,
        |e| rt(e, "rtb-a-main").subnets.push(SubnetId::from("subnet-a2")),
        |e| rt(e, "rtb-a-main").subnets.push(SubnetId::from("subnet-a1")),
    ),
    (
        "ASSOCIATION_OTHER_VPC",
        Error,
        |e| rt(e, "rtb-b-main").subnets.push(SubnetId::from("subnet-a1")),
        |e| rt(e, "rtb-b-main").subnets.push(SubnetId::from("subnet-b1")),
    ),
    (
        "DUPLICATE_ROUTE",
        Error,
        |e| rt(e, "rtb-a-main").routes.push(route("0.0.0.0/0", nat("nat-a"))),
        |e| rt(e, "rtb-a-main").routes.push(route("0.0.0.0/1", igw("igw-a"))),
    ),
    (
        "ROUTE_QUOTA",
        Warning,
        |e| add_routes(e, "rtb-a-main", 48, 0),
        |e| add_routes(e, "rtb-a-main", 47, 50),
    ),
    (
        "ROUTE_QUOTA",
        Error,
        |e| add_routes(e, "rtb-a-main", 998, 0),
        |e| add_routes(e, "rtb-a-main", 997, 1000),
    ),
    (
        "UNKNOWN_ROUTE_TARGET",
        Error,
        |e| {
            rt(e, "rtb-b-main")
                .routes
                .push(route("0.0.0.0/0", nat("nat-typo")))
        },
        |e| {
            let mut r = route("0.0.0.0/0", nat("nat-typo"));
            r.state = RouteState::Blackhole;
            rt(e, "rtb-b-main").routes.push(r);
        },
    ),
    (
        "UNKNOWN_ROUTE_TARGET",
        Warning,
        |e| {
            let mut r = route("0.0.0.0/0", nat("nat-gone"));
            r.state = RouteState::Blackhole;
            rt(e, "rtb-b-main").routes.push(r);
        },
        |e| {
            rt(e, "rtb-a-main")
                .routes
                .push(route("198.51.100.0/24", nat("nat-a")))
        },
    ),
    (
        "PEERING_NOT_FOR_THIS_VPC",
        Error,
        |e| {
            add_peering(
                e,
                "pcx-bc",
                ("vpc-b", "10.1.0.0/16"),
                ("vpc-c", "10.2.0.0/16"),
                PeeringStatus::Active,
            );
            rt(e, "rtb-a-main")
                .routes
                .push(route("10.2.0.0/16", Target::VpcPeering(PcxId::from("pcx-bc"))));
        },
        |e| {
            add_peering(
                e,
                "pcx-bc",
                ("vpc-b", "10.1.0.0/16"),
                ("vpc-c", "10.2.0.0/16"),
                PeeringStatus::Active,
            );
            rt(e, "rtb-b-main")
                .routes
                .push(route("10.2.0.0/16", Target::VpcPeering(PcxId::from("pcx-bc"))));
        },
    ),
    (
        "ROUTE_TARGET_OTHER_VPC",
        Error,
        |e| rt(e, "rtb-b-main").routes.push(route("0.0.0.0/0", igw("igw-a"))),
        |e| {
            add_igw(e, "igw-b", "vpc-b");
            rt(e, "rtb-b-main").routes.push(route("0.0.0.0/0", igw("igw-b")));
        },
    ),
    (
        "ROUTE_TARGET_OTHER_VPC",
        Error,
        |e| rt(e, "rtb-b-main").routes.push(route("0.0.0.0/0", nat("nat-a"))),
        |e| {
            rt(e, "rtb-a-main")
                .routes
                .push(route("203.0.113.0/24", nat("nat-a")))
        },
    ),
    (
        "ROUTE_TARGET_OTHER_VPC",
        Warning,
        |e| {
            let mut r = route("0.0.0.0/0", igw("igw-a"));
            r.state = RouteState::Blackhole;
            rt(e, "rtb-b-main").routes.push(r);
        },
        |e| e.internet_gateways.get_mut(&IgwId::from("igw-a")).unwrap().name = Some("moved".into()),
    ),
    (
        "ROUTE_MORE_SPECIFIC_THAN_LOCAL",
        Error,
        |e| {
            rt(e, "rtb-a-main")
                .routes
                .push(route("10.0.2.0/25", nat("nat-a")))
        },
        |e| {
            rt(e, "rtb-a-main")
                .routes
                .push(route("10.0.2.0/24", nat("nat-a")))
        },
    ),
    (
        "ROUTE_MORE_SPECIFIC_THAN_LOCAL",
        Error,
        |e| {
            rt(e, "rtb-a-main")
                .routes
                .push(route("10.0.2.0/24", igw("igw-a")))
        },
        |e| {
            rt(e, "rtb-a-main")
                .routes
                .push(route("10.0.2.0/24", Target::Instance(InstanceId::from("i-a1"))))
        },
    ),
    (
        "OVERLAPPING_PEER_CIDR",
        Error,
        |e| {
            e.vpcs
                .get_mut(&VpcId::from("vpc-b"))
                .unwrap()
                .cidrs
                .push(v4("10.0.128.0/17"))
        },
        |e| {
            e.vpcs
                .get_mut(&VpcId::from("vpc-b"))
                .unwrap()
                .cidrs
                .push(v4("10.3.0.0/16"))
        },
    ),
    (
        "OVERLAPPING_PEER_CIDR",
        Error,
        |e| {
            add_peering(
                e,
                "pcx-ac",
                ("vpc-a", "10.0.0.0/16"),
                ("vpc-x", "10.0.0.0/8"),
                PeeringStatus::PendingAcceptance,
            )
        },
        |e| {
            add_peering(
                e,
                "pcx-ac",
                ("vpc-a", "10.0.0.0/16"),
                ("vpc-x", "10.0.0.0/8"),
                PeeringStatus::Deleted,
            )
        },
    ),
    (
        "DUPLICATE_PEERING",
        Error,
        |e| {
            add_peering(
                e,
                "pcx-ba",
                ("vpc-b", "10.1.0.0/16"),
                ("vpc-a", "10.0.0.0/16"),
                PeeringStatus::PendingAcceptance,
            )
        },
        |e| {
            add_peering(
                e,
                "pcx-ba",
                ("vpc-b", "10.1.0.0/16"),
                ("vpc-a", "10.0.0.0/16"),
                PeeringStatus::Rejected,
            )
        },
    ),
    (
        "PEERING_QUOTA",
        Warning,
        |e| add_many_peerings(e, 50),
        |e| add_many_peerings(e, 49),
    ),
    (
        "PEERING_QUOTA",
        Error,
        |e| add_many_peerings(e, 125),
        |e| add_many_peerings(e, 124),
    ),
    (
        "MULTIPLE_INTERNET_GATEWAYS",
        Error,
        |e| add_igw(e, "igw-a2", "vpc-a"),
        |e| add_igw(e, "igw-b", "vpc-b"),
    ),
    (
        "TGW_ATTACHMENT_OTHER_TGW",
        Error,
        |e| {
            add_tgws(e);
            e.tgw_attachments
                .get_mut(&TgwAttachmentId::from("tgw-attach-a"))
                .unwrap()
                .association = Some(TgwRouteTableId::from("tgw-rtb-2"));
        },
        add_tgws,
    ),
    (
        "TGW_ATTACHMENT_OTHER_TGW",
        Error,
        |e| {
            add_tgws(e);
            tgw_table(e, "tgw-rtb-2")
                .propagations
                .push(TgwAttachmentId::from("tgw-attach-a"));
        },
        |e| {
            add_tgws(e);
            tgw_table(e, "tgw-rtb-1")
                .propagations
                .push(TgwAttachmentId::from("tgw-attach-a"));
        },
    ),
    (
        "TGW_ATTACHMENT_OTHER_TGW",
        Error,
        |e| {
            add_tgws(e);
            tgw_table(e, "tgw-rtb-2").routes.push(tgw_route("tgw-attach-a"));
        },
        |e| {
            add_tgws(e);
            tgw_table(e, "tgw-rtb-1").routes.push(tgw_route("tgw-attach-a"));
        },
    ),
    (
        "NAT_GATEWAY_NOT_PUBLIC",
        Warning,
        |e| e.nat_gateways.get_mut(&NatId::from("nat-a")).unwrap().subnet = SubnetId::from("subnet-a2"),
        |e| {
            let n = e.nat_gateways.get_mut(&NatId::from("nat-a")).unwrap();
            n.subnet = SubnetId::from("subnet-a2");
            n.public = false;
        },
    ),
    (
        "UNKNOWN_REFERENCE",
        Warning,
        |e| instance(e).subnet = SubnetId::from("subnet-zzz"),
        |e| {
            instance(e).subnet = SubnetId::from("subnet-a2");
            instance(e).private_ip = Some([10, 0, 2, 10].into());
        },
    ),
];

fn has(d: &Diagnostics, code: &str, severity: Severity) -> bool {
    let list = match severity {
        Error => &d.errors,
        Warning => &d.warnings,
    };
    list.iter().any(|x| x.code == code)
}

#[test]
fn base_is_clean() {
    let d = readable_ids(validate(&base()));
    assert_eq!(d, Diagnostics::default(), "{d:#?}");
    assert!(d.is_valid());
}

#[test]
fn each_rule_breaks_and_its_near_miss_does_not() {
    for (code, severity, breaks, near_miss) in CASES {
        let mut broken = base();
        breaks(&mut broken);
        let d = validate(&broken);
        assert!(
            has(&d, code, *severity),
            "{code} ({severity:?}) not reported: {d:#?}"
        );
        let found = match severity {
            Error => &d.errors,
            Warning => &d.warnings,
        };
        for x in found.iter().filter(|x| x.code == *code) {
            assert!(!x.resource.is_empty() && x.message.contains(&x.resource), "{x:?}");
        }

        let mut fine = base();
        near_miss(&mut fine);
        let d = validate(&fine);
        assert!(
            !has(&d, code, *severity),
            "{code} ({severity:?}) reported for the near miss: {d:#?}"
        );
    }
}

#[test]
fn every_code_is_documented() {
    let doc = include_str!("../../../../docs/codes.md");
    let section = doc
        .split("## validate")
        .nth(1)
        .expect("docs/codes.md has a ## validate section");
    let section = section.split("\n## ").next().unwrap_or(section);
    let mut codes: Vec<&str> = CASES.iter().map(|c| c.0).collect();
    codes.extend(["UNKNOWN_REFERENCE", "NONCANONICAL_CIDR"]);
    for code in codes {
        assert!(
            section.contains(&format!("`{code}`")),
            "{code} missing from docs/codes.md ## validate"
        );
    }
}

#[test]
fn cross_account_estates_with_shared_subnets_validate_clean() {
    // The owner's document and a participant's: the participant's instance in the shared subnet.
    let owner = json!({"AccountId": "111122223333", "Region": "eu-west-1",
        "Vpcs": [{"VpcId": "vpc-o", "OwnerId": "111122223333", "CidrBlock": "10.8.0.0/16"}],
        "Subnets": [{"SubnetId": "subnet-o", "VpcId": "vpc-o", "OwnerId": "111122223333",
                     "AvailabilityZone": "eu-west-1a", "CidrBlock": "10.8.0.0/24"}],
        "RouteTables": [{"RouteTableId": "rtb-o", "VpcId": "vpc-o", "OwnerId": "111122223333",
            "Associations": [{"Main": true}], "Routes": [{"DestinationCidrBlock": "10.8.0.0/16", "GatewayId": "local"}]}]});
    let participant = json!({"AccountId": "444455556666", "Region": "eu-west-1",
        "Subnets": [{"SubnetId": "subnet-o", "VpcId": "vpc-o", "OwnerId": "111122223333",
                     "AvailabilityZone": "eu-west-1a", "CidrBlock": "10.8.0.0/24"}],
        "Reservations": [{"OwnerId": "444455556666", "Instances": [{"InstanceId": "i-p", "SubnetId": "subnet-o",
            "VpcId": "vpc-o", "PrivateIpAddress": "10.8.0.20"}]}]});
    let e = import_documents(&[("o.json".into(), owner), ("p.json".into(), participant)]).unwrap();
    assert_eq!(
        e.subnets[&SubnetId::from("subnet-o")]
            .shared_with
            .iter()
            .map(|a| a.as_str())
            .collect::<Vec<_>>(),
        ["444455556666"]
    );
    assert_eq!(readable_ids(validate(&e)), Diagnostics::default());
}

/// The findings without `UNUSUAL_ID`: these tables use short ids (`vpc-a`) a reader can follow,
/// which AWS never gives (`ids.rs` tests that warning).
fn readable_ids(mut d: Diagnostics) -> Diagnostics {
    d.warnings.retain(|w| w.code != "UNUSUAL_ID");
    d
}
