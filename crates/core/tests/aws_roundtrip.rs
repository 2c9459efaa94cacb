//! Export then import gives back the same estate, for estates built by hand (not by import):
//! shared subnets, cross-account and cross-region peering, a transit gateway with propagations,
//! static and blackhole routes, a TGW peering across regions, every route target kind.

use std::collections::BTreeSet;

use ipnet::IpNet;
use vpclab_core::aws::{export, import_documents};
use vpclab_core::model::*;

const OWNER: &str = "111122223333";
const PARTICIPANT: &str = "444455556666";
const PEER: &str = "777788889999";

fn net(s: &str) -> IpNet {
    s.parse().unwrap()
}

fn acct(s: &str) -> AccountId {
    AccountId::from(s)
}

fn reg(s: &str) -> Region {
    Region::from(s)
}

fn round_trip(e: &Estate) -> Estate {
    let docs: Vec<(String, serde_json::Value)> = export(e)
        .into_iter()
        .enumerate()
        .map(|(i, d)| (format!("export[{i}]"), d))
        .collect();
    import_documents(&docs).unwrap_or_else(|err| panic!("{err}"))
}

fn vpc(id: &str, owner: &str, region: &str, cidrs: &[&str]) -> Vpc {
    Vpc {
        id: VpcId::from(id),
        owner: acct(owner),
        region: reg(region),
        cidrs: cidrs.iter().map(|c| c.parse().unwrap()).collect(),
        ipv6_cidrs: vec![],
        is_default: false,
        dns_support: true,
        dns_hostnames: false,
        name: None,
    }
}

fn subnet(id: &str, vpc: &str, owner: &str, region: &str, cidr: &str) -> Subnet {
    Subnet {
        id: SubnetId::from(id),
        vpc: VpcId::from(vpc),
        owner: acct(owner),
        region: reg(region),
        availability_zone: format!("{region}a"),
        cidr: Some(cidr.parse().unwrap()),
        ipv6_cidrs: vec![],
        map_public_ip_on_launch: false,
        default_for_az: false,
        shared_with: BTreeSet::new(),
        name: None,
        ipv6_native: false,
        assign_ipv6_address_on_creation: false,
        enable_dns64: false,
    }
}

fn route(dest: &str, target: Target) -> Route {
    Route {
        destination: Destination::Cidr(net(dest)),
        target,
        state: RouteState::Active,
        origin: RouteOrigin::CreateRoute,
    }
}

fn insert_documents(e: &mut Estate, docs: &[(&str, &str)]) {
    for (a, r) in docs {
        e.documents.insert((acct(a), reg(r)));
    }
}

/// A shared VPC (owner + participant), a cross-account, cross-region peering, every route target.
fn sharing_and_peering() -> Estate {
    let mut e = Estate::default();
    insert_documents(
        &mut e,
        &[
            (OWNER, "us-east-1"),
            (PARTICIPANT, "us-east-1"),
            (PEER, "eu-west-1"),
        ],
    );
    let mut v = vpc(
        "vpc-shared",
        OWNER,
        "us-east-1",
        &["10.0.0.0/16", "100.64.0.0/20"],
    );
    v.ipv6_cidrs = vec!["2001:db8:1200::/56".parse().unwrap()];
    v.name = Some("shared".into());
    v.dns_hostnames = true;
    e.vpcs.insert(v.id.clone(), v);
    let mut dflt = vpc("vpc-default", PARTICIPANT, "us-east-1", &["172.31.0.0/16"]);
    dflt.is_default = true;
    dflt.dns_hostnames = true;
    e.vpcs.insert(dflt.id.clone(), dflt);
    let mut peer = vpc("vpc-peer", PEER, "eu-west-1", &["10.50.0.0/16"]);
    peer.dns_support = false;
    e.vpcs.insert(peer.id.clone(), peer);

    let mut s = subnet("subnet-shared", "vpc-shared", OWNER, "us-east-1", "10.0.1.0/24");
    s.shared_with.insert(acct(PARTICIPANT));
    s.map_public_ip_on_launch = true;
    s.ipv6_cidrs = vec!["2001:db8:1200:1::/64".parse().unwrap()];
    e.subnets.insert(s.id.clone(), s);
    let s = subnet("subnet-own", "vpc-shared", OWNER, "us-east-1", "10.0.2.0/24");
    e.subnets.insert(s.id.clone(), s);
    let s = subnet("subnet-peer", "vpc-peer", PEER, "eu-west-1", "10.50.1.0/24");
    e.subnets.insert(s.id.clone(), s);

    let rt = RouteTable {
        id: RouteTableId::from("rtb-shared"),
        vpc: VpcId::from("vpc-shared"),
        owner: acct(OWNER),
        region: reg("us-east-1"),
        main: true,
        subnets: vec![SubnetId::from("subnet-own")],
        routes: vec![
            Route {
                origin: RouteOrigin::CreateRouteTable,
                ..route("10.0.0.0/16", Target::Local)
            },
            route("0.0.0.0/0", Target::InternetGateway(IgwId::from("igw-1"))),
            route("10.50.0.0/16", Target::VpcPeering(PcxId::from("pcx-x"))),
            route("10.60.0.0/16", Target::TransitGateway(TgwId::from("tgw-1"))),
            route("10.0.2.0/24", Target::NatGateway(NatId::from("nat-1"))),
            route("192.0.2.0/24", Target::Eni(EniId::from("eni-1"))),
            route("198.51.100.0/24", Target::Instance(InstanceId::from("i-1"))),
            route("::/0", Target::EgressOnlyInternetGateway("eigw-1".into())),
            route("203.0.113.0/24", Target::VirtualPrivateGateway("vgw-1".into())),
            Route {
                state: RouteState::Blackhole,
                origin: RouteOrigin::EnableVgwRoutePropagation,
                ..route(
                    "203.0.113.128/25",
                    Target::Other {
                        key: "CarrierGatewayId".into(),
                        id: "cagw-1".into(),
                    },
                )
            },
            Route {
                destination: Destination::PrefixList(PrefixListId::from("pl-63a5400a")),
                ..route("0.0.0.0/0", Target::GatewayEndpoint(VpceId::from("vpce-1")))
            },
        ],
        name: Some("main".into()),
        propagating_vgws: vec![],
    };
    e.route_tables.insert(rt.id.clone(), rt);

    let p = Peering {
        id: PcxId::from("pcx-x"),
        requester: PeeringSide {
            vpc: VpcId::from("vpc-shared"),
            owner: acct(OWNER),
            region: reg("us-east-1"),
            cidrs: vec![
                net("10.0.0.0/16"),
                net("100.64.0.0/20"),
                net("2001:db8:1200::/56"),
            ],
        },
        accepter: PeeringSide {
            vpc: VpcId::from("vpc-peer"),
            owner: acct(PEER),
            region: reg("eu-west-1"),
            cidrs: vec![net("10.50.0.0/16")],
        },
        status: PeeringStatus::Active,
        name: Some("east-to-west".into()),
    };
    e.peerings.insert(p.id.clone(), p);
    let pending = Peering {
        id: PcxId::from("pcx-pending"),
        requester: PeeringSide {
            vpc: VpcId::from("vpc-default"),
            owner: acct(PARTICIPANT),
            region: reg("us-east-1"),
            cidrs: vec![net("172.31.0.0/16")],
        },
        accepter: PeeringSide {
            vpc: VpcId::from("vpc-elsewhere"),
            owner: acct("123412341234"),
            region: reg("ap-southeast-2"),
            cidrs: vec![],
        },
        status: PeeringStatus::PendingAcceptance,
        name: None,
    };
    e.peerings.insert(pending.id.clone(), pending);

    let g = InternetGateway {
        id: IgwId::from("igw-1"),
        owner: acct(OWNER),
        region: reg("us-east-1"),
        attached_vpc: Some(VpcId::from("vpc-shared")),
        name: None,
    };
    e.internet_gateways.insert(g.id.clone(), g);
    let detached = InternetGateway {
        id: IgwId::from("igw-detached"),
        owner: acct(PEER),
        region: reg("eu-west-1"),
        attached_vpc: None,
        name: Some("spare".into()),
    };
    e.internet_gateways.insert(detached.id.clone(), detached);
    let n = NatGateway {
        id: NatId::from("nat-1"),
        owner: acct(OWNER),
        region: reg("us-east-1"),
        vpc: VpcId::from("vpc-shared"),
        subnet: SubnetId::from("subnet-shared"),
        state: "available".into(),
        public: true,
        public_ip: Some("198.51.100.9".parse().unwrap()),
        private_ip: Some("10.0.1.9".parse().unwrap()),
        eni: Some(EniId::from("eni-nat")),
        name: None,
    };
    e.nat_gateways.insert(n.id.clone(), n);
    let private_nat = NatGateway {
        id: NatId::from("nat-private"),
        public: false,
        public_ip: None,
        private_ip: None,
        eni: None,
        state: "pending".into(),
        ..e.nat_gateways[&NatId::from("nat-1")].clone()
    };
    e.nat_gateways.insert(private_nat.id.clone(), private_nat);
    let x = VpcEndpoint {
        id: VpceId::from("vpce-1"),
        owner: acct(OWNER),
        region: reg("us-east-1"),
        vpc: VpcId::from("vpc-shared"),
        service_name: "com.amazonaws.us-east-1.s3".into(),
        kind: EndpointKind::Gateway,
        state: "available".into(),
        route_tables: vec![RouteTableId::from("rtb-shared")],
        subnets: vec![],
        enis: vec![],
        security_groups: vec![],
        private_dns_enabled: false,
        name: None,
    };
    e.endpoints.insert(x.id.clone(), x);
    let iface = VpcEndpoint {
        id: VpceId::from("vpce-2"),
        service_name: "com.amazonaws.us-east-1.sts".into(),
        kind: EndpointKind::Interface,
        route_tables: vec![],
        subnets: vec![SubnetId::from("subnet-own")],
        enis: vec![EniId::from("eni-vpce")],
        security_groups: vec![SgId::from("sg-1")],
        private_dns_enabled: true,
        name: Some("sts".into()),
        ..e.endpoints[&VpceId::from("vpce-1")].clone()
    };
    e.endpoints.insert(iface.id.clone(), iface);
    let pl = PrefixList {
        id: PrefixListId::from("pl-63a5400a"),
        name: "com.amazonaws.us-east-1.s3".into(),
        region: reg("us-east-1"),
        cidrs: vec![net("54.231.0.0/17"), net("52.216.0.0/15")],
    };
    e.prefix_lists.insert(pl.id.clone(), pl);

    // The participant's instance in the owner's shared subnet.
    let i = Instance {
        id: InstanceId::from("i-1"),
        owner: acct(PARTICIPANT),
        region: reg("us-east-1"),
        vpc: VpcId::from("vpc-shared"),
        subnet: SubnetId::from("subnet-shared"),
        private_ip: Some("10.0.1.20".parse().unwrap()),
        public_ip: Some("203.0.113.20".parse().unwrap()),
        enis: vec![EniId::from("eni-1"), EniId::from("eni-2")],
        security_groups: vec![SgId::from("sg-1")],
        state: "running".into(),
        name: Some("web".into()),
        ipv6_addresses: vec![
            "2001:db8:1200:1::20".parse().unwrap(),
            "2001:db8:1200:1::21".parse().unwrap(),
        ],
    };
    e.instances.insert(i.id.clone(), i);
    let eni = Eni {
        id: EniId::from("eni-1"),
        owner: acct(PARTICIPANT),
        region: reg("us-east-1"),
        vpc: VpcId::from("vpc-shared"),
        subnet: SubnetId::from("subnet-shared"),
        availability_zone: "us-east-1a".into(),
        private_ips: vec!["10.0.1.20".parse().unwrap(), "10.0.1.21".parse().unwrap()],
        public_ip: Some("203.0.113.20".parse().unwrap()),
        security_groups: vec![SgId::from("sg-1")],
        interface_type: "interface".into(),
        instance: Some(InstanceId::from("i-1")),
        description: "primary".into(),
        ipv6_addresses: vec!["2001:db8:1200:1::20".parse().unwrap()],
    };
    e.enis.insert(eni.id.clone(), eni);

    let sg = SecurityGroup {
        id: SgId::from("sg-1"),
        owner: acct(PARTICIPANT),
        region: reg("us-east-1"),
        vpc: VpcId::from("vpc-shared"),
        name: "web".into(),
        description: "web tier".into(),
        ingress: vec![
            SgRule {
                protocol: Protocol::Tcp,
                from_port: Some(443),
                to_port: Some(443),
                peer: SgPeer::Cidr(net("0.0.0.0/0")),
                description: Some("https".into()),
            },
            SgRule {
                protocol: Protocol::Tcp,
                from_port: Some(443),
                to_port: Some(443),
                peer: SgPeer::Cidr(net("::/0")),
                description: None,
            },
            // Back to an IPv4 range after an IPv6 one: a new permission keeps the order.
            SgRule {
                protocol: Protocol::Tcp,
                from_port: Some(443),
                to_port: Some(443),
                peer: SgPeer::Cidr(net("192.0.2.0/24")),
                description: None,
            },
            SgRule {
                protocol: Protocol::Icmp,
                from_port: Some(8),
                to_port: Some(0),
                peer: SgPeer::Group {
                    id: SgId::from("sg-peer"),
                    owner: Some(acct(PEER)),
                },
                description: None,
            },
            SgRule {
                protocol: Protocol::Number(50),
                from_port: None,
                to_port: None,
                peer: SgPeer::PrefixList(PrefixListId::from("pl-63a5400a")),
                description: None,
            },
        ],
        egress: vec![SgRule {
            protocol: Protocol::All,
            from_port: None,
            to_port: None,
            peer: SgPeer::Cidr(net("0.0.0.0/0")),
            description: None,
        }],
    };
    e.security_groups.insert(sg.id.clone(), sg);
    let acl = NetworkAcl {
        id: AclId::from("acl-1"),
        owner: acct(OWNER),
        region: reg("us-east-1"),
        vpc: VpcId::from("vpc-shared"),
        is_default: true,
        name: Some("shared-default".into()),
        subnets: vec![SubnetId::from("subnet-shared"), SubnetId::from("subnet-own")],
        entries: vec![
            AclEntry {
                rule_number: 100,
                egress: false,
                allow: true,
                protocol: Protocol::Tcp,
                cidr: net("0.0.0.0/0"),
                ports: Some((1024, 65535)),
                icmp: None,
            },
            AclEntry {
                rule_number: 110,
                egress: false,
                allow: false,
                protocol: Protocol::Icmp,
                cidr: net("192.0.2.0/24"),
                ports: None,
                icmp: Some((-1, -1)),
            },
            AclEntry {
                rule_number: 32767,
                egress: false,
                allow: false,
                protocol: Protocol::All,
                cidr: net("::/0"),
                ports: None,
                icmp: None,
            },
            AclEntry {
                rule_number: 100,
                egress: true,
                allow: true,
                protocol: Protocol::Udp,
                cidr: net("10.0.0.0/8"),
                ports: Some((53, 53)),
                icmp: None,
            },
        ],
    };
    e.network_acls.insert(acl.id.clone(), acl);
    e
}

/// Two VPCs on a transit gateway (one in another account), two TGW route tables with
/// propagations, static and blackhole routes, and a TGW peering to another region.
fn transit() -> Estate {
    let mut e = Estate::default();
    insert_documents(
        &mut e,
        &[
            (OWNER, "us-east-1"),
            (PARTICIPANT, "us-east-1"),
            (PEER, "us-west-2"),
        ],
    );
    for (id, owner, region, cidr) in [
        ("vpc-a", OWNER, "us-east-1", "10.1.0.0/16"),
        ("vpc-b", PARTICIPANT, "us-east-1", "10.2.0.0/16"),
        ("vpc-w", PEER, "us-west-2", "10.9.0.0/16"),
    ] {
        let v = vpc(id, owner, region, &[cidr]);
        e.vpcs.insert(v.id.clone(), v);
    }
    e.vpcs.get_mut(&VpcId::from("vpc-b")).unwrap().ipv6_cidrs = vec!["2001:db8:2200::/56".parse().unwrap()];
    let tgw = |id: &str, owner: &str, region: &str, rtb: &str| TransitGateway {
        id: TgwId::from(id),
        owner: acct(owner),
        region: reg(region),
        default_association: Some(TgwRouteTableId::from(rtb)),
        default_propagation: None,
        state: "available".into(),
        name: Some(id.into()),
    };
    for t in [
        tgw("tgw-east", OWNER, "us-east-1", "tgw-rtb-1"),
        tgw("tgw-west", PEER, "us-west-2", "tgw-rtb-w"),
    ] {
        e.transit_gateways.insert(t.id.clone(), t);
    }
    let attach = |id: &str,
                  tgw: &str,
                  tgw_owner: &str,
                  region: &str,
                  kind: &str,
                  res: &str,
                  res_owner: &str,
                  rtb: Option<&str>| {
        TgwAttachment {
            id: TgwAttachmentId::from(id),
            tgw: TgwId::from(tgw),
            tgw_owner: acct(tgw_owner),
            region: reg(region),
            resource_type: kind.into(),
            resource_id: res.into(),
            resource_owner: acct(res_owner),
            subnets: if kind == "vpc" {
                vec![SubnetId::from(format!("subnet-{res}").as_str())]
            } else {
                vec![]
            },
            state: "available".into(),
            association: rtb.map(TgwRouteTableId::from),
            name: None,
            ipv6_support: kind == "vpc",
        }
    };
    for a in [
        attach(
            "tgw-attach-a",
            "tgw-east",
            OWNER,
            "us-east-1",
            "vpc",
            "vpc-a",
            OWNER,
            Some("tgw-rtb-1"),
        ),
        attach(
            "tgw-attach-b",
            "tgw-east",
            OWNER,
            "us-east-1",
            "vpc",
            "vpc-b",
            PARTICIPANT,
            Some("tgw-rtb-2"),
        ),
        attach(
            "tgw-attach-vpn",
            "tgw-east",
            OWNER,
            "us-east-1",
            "vpn",
            "vpn-1",
            OWNER,
            None,
        ),
        attach(
            "tgw-attach-peer",
            "tgw-east",
            OWNER,
            "us-east-1",
            "peering",
            "tgw-west",
            PEER,
            Some("tgw-rtb-1"),
        ),
    ] {
        e.tgw_attachments.insert(a.id.clone(), a);
    }
    // The other end of the peering attachment, as the west transit gateway sees it.
    let west_end = attach(
        "tgw-attach-peer",
        "tgw-west",
        PEER,
        "us-west-2",
        "peering",
        "tgw-east",
        OWNER,
        Some("tgw-rtb-w"),
    );
    e.tgw_peering_ends.insert(west_end.id.clone(), west_end);
    e.tgw_attachments
        .get_mut(&TgwAttachmentId::from("tgw-attach-vpn"))
        .unwrap()
        .state = "deleted".into();

    let table = |id: &str, tgw: &str, region: &str, props: &[&str], routes: Vec<TgwRoute>| TgwRouteTable {
        id: TgwRouteTableId::from(id),
        tgw: TgwId::from(tgw),
        region: reg(region),
        default_association: id == "tgw-rtb-1",
        default_propagation: false,
        propagations: props.iter().map(|p| TgwAttachmentId::from(*p)).collect(),
        routes,
        name: None,
    };
    let static_route = |dest: &str, attachment: Option<&str>, state: RouteState, propagated: bool| TgwRoute {
        destination: Destination::Cidr(net(dest)),
        attachment: attachment.map(TgwAttachmentId::from),
        state,
        propagated,
    };
    for t in [
        table(
            "tgw-rtb-1",
            "tgw-east",
            "us-east-1",
            &["tgw-attach-b"],
            vec![
                static_route("10.9.0.0/16", Some("tgw-attach-peer"), RouteState::Active, false),
                static_route("10.66.0.0/16", None, RouteState::Blackhole, false),
                static_route("172.16.0.0/12", Some("tgw-attach-vpn"), RouteState::Active, true),
            ],
        ),
        table(
            "tgw-rtb-2",
            "tgw-east",
            "us-east-1",
            &["tgw-attach-a", "tgw-attach-vpn"],
            vec![],
        ),
        table(
            "tgw-rtb-w",
            "tgw-west",
            "us-west-2",
            &[],
            vec![TgwRoute {
                destination: Destination::PrefixList(PrefixListId::from("pl-00a54069")),
                ..static_route("10.0.0.0/8", Some("tgw-attach-peer"), RouteState::Active, false)
            }],
        ),
    ] {
        e.tgw_route_tables.insert(t.id.clone(), t);
    }
    e
}

#[test]
fn shared_subnets_and_cross_region_peering_round_trip() {
    let e = sharing_and_peering();
    assert_eq!(round_trip(&e), e);
}

#[test]
fn transit_gateways_round_trip() {
    let e = transit();
    assert_eq!(round_trip(&e), e);
}

#[test]
fn propagated_tgw_routes_are_written_from_propagations() {
    let e = transit();
    let docs = export(&e);
    let owner_doc = docs.iter().find(|d| d["AccountId"] == OWNER).unwrap();
    let routes = &owner_doc["TransitGatewayRouteTableRoutes"]["tgw-rtb-1"];
    let propagated: Vec<&str> = routes
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["Type"] == "propagated")
        .map(|r| r["DestinationCidrBlock"].as_str().unwrap())
        .collect();
    // vpc-b's blocks (from its propagation), then the stored VPN route.
    assert_eq!(propagated, ["172.16.0.0/12", "10.2.0.0/16", "2001:db8:2200::/56"]);

    // A document with only search-transit-gateway-routes output: propagated VPC routes become
    // propagations again, not stored routes.
    let mut doc = owner_doc.clone();
    doc.as_object_mut().unwrap().remove("TransitGatewayPropagations");
    let others: Vec<_> = docs.iter().filter(|d| d["AccountId"] != OWNER).cloned().collect();
    let mut named = vec![("owner".to_string(), doc)];
    named.extend(others.into_iter().map(|d| ("other".to_string(), d)));
    let back = import_documents(&named).unwrap();
    let t = &back.tgw_route_tables[&TgwRouteTableId::from("tgw-rtb-1")];
    assert_eq!(t.propagations, vec![TgwAttachmentId::from("tgw-attach-b")]);
    assert_eq!(
        t.routes,
        e.tgw_route_tables[&TgwRouteTableId::from("tgw-rtb-1")].routes
    );
}

#[test]
fn a_shared_subnet_is_listed_by_owner_and_participant() {
    let docs = export(&sharing_and_peering());
    let lists = |account: &str| -> Vec<String> {
        let d = docs.iter().find(|d| d["AccountId"] == account).unwrap();
        d["Subnets"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|s| s["SubnetId"].as_str().unwrap().to_string())
                    .collect()
            })
            .unwrap_or_default()
    };
    assert_eq!(lists(OWNER), ["subnet-own", "subnet-shared"]);
    assert_eq!(lists(PARTICIPANT), ["subnet-shared"]);
    // The peering is in both sides' documents, with each side's region.
    for account in [OWNER, PEER] {
        let d = docs.iter().find(|d| d["AccountId"] == account).unwrap();
        let p = d["VpcPeeringConnections"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["VpcPeeringConnectionId"] == "pcx-x")
            .unwrap();
        assert_eq!(p["AccepterVpcInfo"]["Region"], "eu-west-1");
    }
}

#[test]
fn a_hand_written_gateway_endpoint_gets_its_prefix_list() {
    let doc = serde_json::json!({"AccountId": OWNER, "Region": "eu-west-1",
        "Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}],
        "VpcEndpoints": [{"VpcEndpointId": "vpce-1", "VpcEndpointType": "Gateway", "VpcId": "vpc-1",
                          "ServiceName": "com.amazonaws.eu-west-1.dynamodb"}],
        "RouteTables": [{"RouteTableId": "rtb-1", "VpcId": "vpc-1", "Associations": [{"Main": true}],
            "Routes": [{"DestinationPrefixListId": "pl-6da54004", "GatewayId": "vpce-1"}]}]});
    let e = import_documents(&[("lab.json".into(), doc)]).unwrap();
    let names: Vec<&str> = e.prefix_lists.values().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        ["com.amazonaws.eu-west-1.s3", "com.amazonaws.eu-west-1.dynamodb"]
    );
    assert!(e
        .prefix_lists
        .values()
        .all(|p| p.region.as_str() == "eu-west-1" && !p.cidrs.is_empty()));
    assert_eq!(round_trip(&e), e);
}

// ---- IPv6 (issue 13) ----

/// A dual-stack VPC with an IPv6-only-flagged subnet, an egress-only internet gateway attached
/// and one detached in another account, instances with IPv6 addresses (one with network
/// interfaces, one without), an ENI with two IPv6 addresses, IPv6 routes, rules and entries.
fn dual_stack() -> Estate {
    let mut e = Estate::default();
    insert_documents(&mut e, &[(OWNER, "us-east-1"), (PEER, "us-east-1")]);
    let mut v = vpc("vpc-6", OWNER, "us-east-1", &["10.6.0.0/16"]);
    v.ipv6_cidrs = vec![
        "2600:1f18:4a3:6900::/56".parse().unwrap(),
        "2600:1f18:4a3:7000::/56".parse().unwrap(),
    ];
    e.vpcs.insert(v.id.clone(), v);
    let mut s = subnet("subnet-dual", "vpc-6", OWNER, "us-east-1", "10.6.1.0/24");
    s.ipv6_cidrs = vec!["2600:1f18:4a3:6900::/64".parse().unwrap()];
    s.assign_ipv6_address_on_creation = true;
    e.subnets.insert(s.id.clone(), s);
    let mut s = subnet("subnet-v6", "vpc-6", OWNER, "us-east-1", "10.6.2.0/24");
    s.ipv6_cidrs = vec!["2600:1f18:4a3:6901::/64".parse().unwrap()];
    s.ipv6_native = true;
    s.enable_dns64 = true;
    e.subnets.insert(s.id.clone(), s);
    for (id, owner, vpc, name) in [
        ("eigw-1", OWNER, Some("vpc-6"), Some("out6")),
        ("eigw-spare", PEER, None, None),
    ] {
        let g = EgressOnlyInternetGateway {
            id: EigwId::from(id),
            owner: acct(owner),
            region: reg("us-east-1"),
            attached_vpc: vpc.map(VpcId::from),
            name: name.map(String::from),
        };
        e.egress_only_internet_gateways.insert(g.id.clone(), g);
    }
    let rt = RouteTable {
        id: RouteTableId::from("rtb-6"),
        vpc: VpcId::from("vpc-6"),
        owner: acct(OWNER),
        region: reg("us-east-1"),
        main: true,
        subnets: vec![],
        routes: vec![
            Route {
                origin: RouteOrigin::CreateRouteTable,
                ..route("2600:1f18:4a3:6900::/56", Target::Local)
            },
            route("::/0", Target::EgressOnlyInternetGateway(EigwId::from("eigw-1"))),
            route("64:ff9b::/96", Target::NatGateway(NatId::from("nat-6"))),
        ],
        name: None,
        propagating_vgws: vec![],
    };
    e.route_tables.insert(rt.id.clone(), rt);
    let with_enis = Instance {
        id: InstanceId::from("i-6"),
        owner: acct(OWNER),
        region: reg("us-east-1"),
        vpc: VpcId::from("vpc-6"),
        subnet: SubnetId::from("subnet-dual"),
        private_ip: Some("10.6.1.10".parse().unwrap()),
        public_ip: None,
        enis: vec![EniId::from("eni-6")],
        security_groups: vec![],
        state: "running".into(),
        name: None,
        ipv6_addresses: vec![
            "2600:1f18:4a3:6900::10".parse().unwrap(),
            "2600:1f18:4a3:6900::11".parse().unwrap(),
        ],
    };
    let bare = Instance {
        id: InstanceId::from("i-bare"),
        enis: vec![],
        ipv6_addresses: vec!["2600:1f18:4a3:6900::12".parse().unwrap()],
        ..with_enis.clone()
    };
    for i in [with_enis, bare] {
        e.instances.insert(i.id.clone(), i);
    }
    let eni = Eni {
        id: EniId::from("eni-6"),
        owner: acct(OWNER),
        region: reg("us-east-1"),
        vpc: VpcId::from("vpc-6"),
        subnet: SubnetId::from("subnet-dual"),
        availability_zone: "us-east-1a".into(),
        private_ips: vec!["10.6.1.10".parse().unwrap()],
        public_ip: None,
        security_groups: vec![],
        interface_type: "interface".into(),
        instance: Some(InstanceId::from("i-6")),
        description: String::new(),
        ipv6_addresses: vec![
            "2600:1f18:4a3:6900::10".parse().unwrap(),
            "2600:1f18:4a3:6900::11".parse().unwrap(),
        ],
    };
    e.enis.insert(eni.id.clone(), eni);
    e
}

#[test]
fn dual_stack_resources_round_trip() {
    let e = dual_stack();
    assert_eq!(round_trip(&e), e);
}

#[test]
fn ipv6_fields_are_written_in_the_aws_cli_shapes() {
    let docs = export(&dual_stack());
    let owner = docs.iter().find(|d| d["AccountId"] == OWNER).unwrap();
    let peer = docs.iter().find(|d| d["AccountId"] == PEER).unwrap();
    let gw = &owner["EgressOnlyInternetGateways"][0];
    assert_eq!(gw["EgressOnlyInternetGatewayId"], "eigw-1");
    assert_eq!(gw["Attachments"][0]["VpcId"], "vpc-6");
    assert_eq!(gw["Attachments"][0]["State"], "attached");
    assert_eq!(gw["Tags"][0]["Value"], "out6");
    assert_eq!(
        peer["EgressOnlyInternetGateways"][0]["EgressOnlyInternetGatewayId"],
        "eigw-spare"
    );
    let v6 = owner["Subnets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["SubnetId"] == "subnet-v6")
        .unwrap();
    assert_eq!(
        (v6["Ipv6Native"].clone(), v6["EnableDns64"].clone()),
        (true.into(), true.into())
    );
    let routes = &owner["RouteTables"][0]["Routes"];
    assert_eq!(routes[1]["DestinationIpv6CidrBlock"], "::/0");
    assert_eq!(routes[1]["EgressOnlyInternetGatewayId"], "eigw-1");
    let instances: Vec<&serde_json::Value> = owner["Reservations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["Instances"][0])
        .collect();
    let i6 = instances.iter().find(|i| i["InstanceId"] == "i-6").unwrap();
    assert_eq!(
        i6["NetworkInterfaces"][0]["Ipv6Addresses"][1]["Ipv6Address"],
        "2600:1f18:4a3:6900::11"
    );
    let bare = instances.iter().find(|i| i["InstanceId"] == "i-bare").unwrap();
    assert_eq!(bare["Ipv6Address"], "2600:1f18:4a3:6900::12");
    assert_eq!(
        owner["NetworkInterfaces"][0]["Ipv6Addresses"][0]["Ipv6Address"],
        "2600:1f18:4a3:6900::10"
    );
}

/// AWS lists the primary IPv6 address (`IsPrimaryIpv6`) wherever it falls; the model keeps it
/// first, and the instance's own `Ipv6Address` joins its primary interface's list.
#[test]
fn the_primary_ipv6_address_comes_first() {
    let doc = serde_json::json!({"AccountId": OWNER, "Region": "us-east-1",
        "Reservations": [{"OwnerId": OWNER, "Instances": [{"InstanceId": "i-1", "SubnetId": "subnet-1",
            "VpcId": "vpc-1", "PrivateIpAddress": "10.0.0.10", "Ipv6Address": "2001:db8::3",
            "NetworkInterfaces": [{"NetworkInterfaceId": "eni-1", "Attachment": {"DeviceIndex": 0},
                "Ipv6Addresses": [{"Ipv6Address": "2001:db8::1"}, {"Ipv6Address": "2001:db8::3", "IsPrimaryIpv6": true}]}]}]}],
        "NetworkInterfaces": [{"NetworkInterfaceId": "eni-1", "VpcId": "vpc-1", "SubnetId": "subnet-1",
            "Ipv6Addresses": [{"Ipv6Address": "2001:db8::1", "IsPrimaryIpv6": false},
                              {"Ipv6Address": "2001:db8::3", "IsPrimaryIpv6": true}]}]});
    let e = import_documents(&[("lab.json".into(), doc)]).unwrap();
    let want: Vec<std::net::Ipv6Addr> = vec!["2001:db8::3".parse().unwrap(), "2001:db8::1".parse().unwrap()];
    assert_eq!(e.instances[&InstanceId::from("i-1")].ipv6_addresses, want);
    assert_eq!(e.enis[&EniId::from("eni-1")].ipv6_addresses, want);
    assert_eq!(round_trip(&e), e);
}

/// A malformed IPv6 value is refused with its JSON path and what would be valid.
#[test]
fn malformed_ipv6_values_name_their_path() {
    let base = || serde_json::json!({"AccountId": OWNER, "Region": "us-east-1"});
    let cases: Vec<(serde_json::Value, &str, &str)> = vec![
        (
            serde_json::json!({"NetworkInterfaces": [{"NetworkInterfaceId": "eni-1", "VpcId": "vpc-1",
                "SubnetId": "subnet-1", "Ipv6Addresses": [{"Ipv6Address": "2001:db8::g"}]}]}),
            "$.NetworkInterfaces[0].Ipv6Addresses[0].Ipv6Address",
            "not an IPv6 address",
        ),
        (
            serde_json::json!({"Reservations": [{"Instances": [{"InstanceId": "i-1", "SubnetId": "subnet-1",
                "VpcId": "vpc-1", "PrivateIpAddress": "10.0.0.1", "Ipv6Address": "10.0.0.1"}]}]}),
            "$.Reservations[0].Instances[0].Ipv6Address",
            "2001:db8::1234",
        ),
        (
            serde_json::json!({"EgressOnlyInternetGateways": [{"Attachments": []}]}),
            "$.EgressOnlyInternetGateways[0]",
            "EgressOnlyInternetGatewayId",
        ),
        (
            serde_json::json!({"Subnets": [{"SubnetId": "subnet-1", "VpcId": "vpc-1", "CidrBlock": "10.0.0.0/24",
                "Ipv6Native": "yes"}]}),
            "$.Subnets[0].Ipv6Native",
            "boolean",
        ),
        (
            serde_json::json!({"RouteTables": [{"RouteTableId": "rtb-1", "VpcId": "vpc-1",
                "Routes": [{"DestinationIpv6CidrBlock": "10.0.0.0/8", "EgressOnlyInternetGatewayId": "eigw-1"}]}]}),
            "$.RouteTables[0].Routes[0].DestinationIpv6CidrBlock",
            "2001:db8::/56",
        ),
    ];
    for (extra, path, fragment) in cases {
        let mut doc = base();
        for (k, v) in extra.as_object().unwrap() {
            doc[k] = v.clone();
        }
        let err = import_documents(&[("lab.json".into(), doc)]).unwrap_err();
        assert_eq!(err.json_path, path, "{err}");
        assert!(err.to_string().contains(fragment), "{err}");
    }
}

/// VPN and Direct Connect, built by hand: a vgw attached to a VPC whose table propagates from
/// it, a static VPN with two routes and a BGP VPN on a transit gateway, customer gateways, a
/// Direct Connect gateway listed in two regions, associations with a vgw and a transit gateway,
/// and a private and a transit virtual interface.
fn hybrid() -> Estate {
    let mut e = Estate::default();
    insert_documents(&mut e, &[(OWNER, "us-east-1"), (OWNER, "us-west-2")]);
    let v = vpc("vpc-h", OWNER, "us-east-1", &["10.0.0.0/16"]);
    e.vpcs.insert(v.id.clone(), v);
    let rt = RouteTable {
        id: RouteTableId::from("rtb-h"),
        vpc: VpcId::from("vpc-h"),
        owner: acct(OWNER),
        region: reg("us-east-1"),
        main: true,
        subnets: vec![],
        routes: vec![
            Route {
                origin: RouteOrigin::CreateRouteTable,
                ..route("10.0.0.0/16", Target::Local)
            },
            Route {
                origin: RouteOrigin::EnableVgwRoutePropagation,
                ..route(
                    "172.16.0.0/12",
                    Target::VirtualPrivateGateway(VgwId::from("vgw-h")),
                )
            },
        ],
        name: None,
        propagating_vgws: vec![VgwId::from("vgw-h")],
    };
    e.route_tables.insert(rt.id.clone(), rt);
    let g = VpnGateway {
        id: VgwId::from("vgw-h"),
        owner: acct(OWNER),
        region: reg("us-east-1"),
        attached_vpc: Some(VpcId::from("vpc-h")),
        state: "available".into(),
        amazon_side_asn: Some(64512),
        name: Some("hq".into()),
    };
    e.vpn_gateways.insert(g.id.clone(), g);
    for (id, ip, asn) in [
        ("cgw-a", "198.51.100.1", Some(65000)),
        ("cgw-b", "203.0.113.9", None),
    ] {
        let c = CustomerGateway {
            id: CgwId::from(id),
            owner: acct(OWNER),
            region: reg("us-east-1"),
            ip_address: Some(ip.parse().unwrap()),
            bgp_asn: asn,
            state: "available".into(),
            name: None,
        };
        e.customer_gateways.insert(c.id.clone(), c);
    }
    let tunnel = |ip: &str, up: bool| VpnTunnel {
        outside_ip: Some(ip.parse().unwrap()),
        status: if up { "UP" } else { "DOWN" }.into(),
        status_message: (!up).then(|| "IPSEC IS DOWN".into()),
        accepted_routes: 0,
    };
    let static_vpn = VpnConnection {
        id: VpnId::from("vpn-static"),
        owner: acct(OWNER),
        region: reg("us-east-1"),
        customer_gateway: CgwId::from("cgw-a"),
        gateway: VpnEnd::VirtualPrivateGateway(VgwId::from("vgw-h")),
        static_routes_only: true,
        routes: vec![
            VpnStaticRoute {
                destination: net("192.168.0.0/16"),
                state: "available".into(),
            },
            VpnStaticRoute {
                destination: net("192.0.2.0/24"),
                state: "deleted".into(),
            },
        ],
        tunnels: vec![tunnel("3.3.3.3", true), tunnel("3.3.3.4", false)],
        state: "available".into(),
        name: Some("to-hq".into()),
    };
    let bgp_vpn = VpnConnection {
        id: VpnId::from("vpn-bgp"),
        customer_gateway: CgwId::from("cgw-b"),
        gateway: VpnEnd::TransitGateway(TgwId::from("tgw-h")),
        static_routes_only: false,
        routes: vec![],
        tunnels: vec![],
        name: None,
        ..static_vpn.clone()
    };
    for v in [static_vpn, bgp_vpn] {
        e.vpn_connections.insert(v.id.clone(), v);
    }
    let dx = DxGateway {
        id: DxGatewayId::from("5f1c0000-0000-4000-8000-000000000001"),
        owner: acct(OWNER),
        name: "dx".into(),
        amazon_side_asn: Some(64513),
        state: "available".into(),
        listed_in: [(acct(OWNER), reg("us-east-1")), (acct(OWNER), reg("us-west-2"))].into(),
    };
    for (id, gateway, region) in [
        (
            "dxgw-assoc-1",
            DxAssociated::VirtualPrivateGateway(VgwId::from("vgw-h")),
            "us-east-1",
        ),
        (
            "dxgw-assoc-2",
            DxAssociated::TransitGateway(TgwId::from("tgw-w")),
            "us-west-2",
        ),
    ] {
        let a = DxAssociation {
            id: id.into(),
            dx_gateway: dx.id.clone(),
            gateway,
            gateway_owner: acct(OWNER),
            gateway_region: reg(region),
            state: "associated".into(),
            allowed_prefixes: vec![net("10.0.0.0/16")],
            listed_in: (acct(OWNER), reg("us-east-1")),
        };
        e.dx_associations.insert(a.id.clone(), a);
    }
    for (id, kind, vgw) in [
        ("dxvif-p", "private", Some("vgw-h")),
        ("dxvif-t", "transit", None),
    ] {
        let v = VirtualInterface {
            id: DxVifId::from(id),
            owner: acct(OWNER),
            region: reg("us-east-1"),
            name: id.into(),
            kind: kind.into(),
            connection: Some("dxcon-1".into()),
            dx_gateway: vgw.is_none().then(|| dx.id.clone()),
            vgw: vgw.map(VgwId::from),
            state: "available".into(),
            bgp_statuses: vec!["up".into(), "down".into()],
        };
        e.virtual_interfaces.insert(v.id.clone(), v);
    }
    e.dx_gateways.insert(dx.id.clone(), dx);
    e
}

#[test]
fn vpn_and_direct_connect_round_trip() {
    let e = hybrid();
    assert_eq!(round_trip(&e), e);
    // The Direct Connect gateway is written into both documents that listed it.
    let out = export(&e);
    let listed = out
        .iter()
        .filter(|d| d.get("DirectConnectGateways").is_some())
        .count();
    assert_eq!(listed, 2);
}
