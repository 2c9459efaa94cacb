//! Every Batfish fixture (tests/fixtures/batfish, real AWS CLI output) imports, validates with no
//! error, and survives export → import unchanged.

mod batfish_support;

use batfish_support::{load, root, snapshot_names as fixture_names};
use vpclab_core::aws::{export, import_documents};
use vpclab_core::model::*;

/// (folder, documents, VPCs, subnets, route tables, peerings, instances, TGW attachments)
type Counts = (&'static str, usize, usize, usize, usize, usize, usize, usize);

#[test]
fn every_fixture_imports_with_sensible_counts() {
    let names = fixture_names();
    assert_eq!(names.len(), 20);
    let expected: [Counts; 20] = [
        ("test", 1, 2, 3, 0, 0, 2, 0),
        ("test-direct-connect-gateway", 1, 2, 2, 2, 0, 1, 4),
        ("test-direct-connect-gateway-multi-region", 2, 0, 0, 0, 0, 0, 2),
        ("test-direct-connect-private-vif", 1, 1, 1, 1, 0, 1, 0),
        ("test-load-balancer", 1, 1, 3, 2, 0, 3, 0),
        ("test-multi-account", 2, 2, 0, 0, 0, 0, 0),
        ("test-nat-gateway", 1, 1, 3, 3, 0, 3, 0),
        ("test-public-private-subnet", 1, 1, 2, 2, 0, 2, 0),
        ("test-public-subnet", 1, 1, 1, 2, 0, 1, 0),
        ("test-subnet", 1, 1, 1, 1, 0, 2, 0),
        ("test-transit-gateway", 1, 2, 3, 2, 0, 3, 3),
        ("test-transit-gateway-asymmetric-paths", 1, 2, 2, 4, 0, 2, 4),
        ("test-transit-gateway-multi-account", 2, 2, 4, 4, 0, 2, 2),
        ("test-transit-gateway-multi-table", 1, 2, 3, 2, 0, 3, 2),
        ("test-transit-gateway-peering", 2, 3, 3, 6, 0, 3, 4),
        ("test-vpc-endpoint-gateway", 1, 1, 2, 3, 0, 2, 0),
        ("test-vpc-endpoint-interface", 1, 1, 2, 2, 0, 2, 0),
        ("test-vpc-peering", 1, 3, 3, 3, 2, 3, 0),
        ("test-vpc-peering-multi-account", 2, 2, 2, 4, 3, 2, 0),
        ("test-vpn-gateway", 1, 1, 1, 1, 0, 1, 0),
    ];
    for (name, (folder, docs, vpcs, subnets, tables, peerings, instances, attachments)) in
        names.iter().zip(expected)
    {
        assert_eq!(name, folder);
        let e = load(name);
        let got = (
            e.documents.len(),
            e.vpcs.len(),
            e.subnets.len(),
            e.route_tables.len(),
            e.peerings.len(),
            e.instances.len(),
            e.tgw_attachments.len(),
        );
        assert_eq!(
            got,
            (docs, vpcs, subnets, tables, peerings, instances, attachments),
            "{name}"
        );
    }
}

fn ids<T: std::fmt::Display>(items: &[T]) -> Vec<String> {
    items.iter().map(|i| i.to_string()).collect()
}

#[test]
fn transit_gateway_propagations_and_associations() {
    let e = load("test-transit-gateway");
    let rt = &e.tgw_route_tables[&TgwRouteTableId::from("tgw-rtb-0fa40c8df355dce6e")];
    assert_eq!(
        ids(&rt.propagations),
        ["tgw-attach-07f5ec59e9f540021", "tgw-attach-0ae2696617bb06fb4"]
    );
    assert!(rt.routes.is_empty(), "propagated routes are derived, not stored");
    assert!(rt.default_association && rt.default_propagation);
    let vpn = &e.tgw_attachments[&TgwAttachmentId::from("tgw-attach-0d724909ecd7a5961")];
    assert_eq!(
        (vpn.resource_type.as_str(), vpn.state.as_str()),
        ("vpn", "deleted")
    );
    let a = &e.tgw_attachments[&TgwAttachmentId::from("tgw-attach-07f5ec59e9f540021")];
    assert_eq!(ids(&a.subnets), ["subnet-006a19c846f047bd7"]);
    assert_eq!(
        a.association.as_ref().map(|r| r.as_str()),
        Some("tgw-rtb-0fa40c8df355dce6e")
    );

    // Each VPC's attachment is associated with one table and propagates into the other.
    let e = load("test-transit-gateway-multi-table");
    let table = |id: &str| &e.tgw_route_tables[&TgwRouteTableId::from(id)];
    assert_eq!(
        ids(&table("tgw-rtb-096a7119299ab1c42").propagations),
        ["tgw-attach-07f5ec59e9f540021"]
    );
    assert_eq!(
        ids(&table("tgw-rtb-0fa40c8df355dce6e").propagations),
        ["tgw-attach-0ae2696617bb06fb4"]
    );
}

#[test]
fn transit_gateway_peering_keeps_both_ends() {
    let e = load("test-transit-gateway-peering");
    let id = TgwAttachmentId::from("tgw-attach-012e5d602f859dd80");
    let east = TgwId::from("tgw-0e20010ebf43d07a2");
    let west = TgwId::from("tgw-03201f1960ddb0c25");
    let at_east = e.tgw_attachment_at(&id, &east).unwrap();
    let at_west = e.tgw_attachment_at(&id, &west).unwrap();
    assert_eq!(
        (at_east.region.as_str(), at_east.resource_id.as_str()),
        ("us-east-1", west.as_str())
    );
    assert_eq!(
        (at_west.region.as_str(), at_west.resource_id.as_str()),
        ("us-west-1", east.as_str())
    );
    assert_eq!(
        at_east.association.as_ref().unwrap().as_str(),
        "tgw-rtb-05d2952671d1f460a"
    );
    assert_eq!(
        at_west.association.as_ref().unwrap().as_str(),
        "tgw-rtb-00be87593fb2cd0ae"
    );
    // The static route to the peer region points at the peering attachment.
    let rt = &e.tgw_route_tables[&TgwRouteTableId::from("tgw-rtb-018a5e572ec3088d1")];
    assert_eq!(rt.routes.len(), 1);
    assert_eq!(rt.routes[0].destination.to_string(), "192.168.0.0/16");
    assert_eq!(rt.routes[0].attachment.as_ref(), Some(&id));
    assert!(!rt.routes[0].propagated);
}

#[test]
fn peerings_merge_across_accounts_and_skip_disassociated_blocks() {
    let e = load("test-vpc-peering-multi-account");
    let p = &e.peerings[&PcxId::from("pcx-0040f7640e10191f4")];
    assert_eq!(p.status, PeeringStatus::Active);
    assert_eq!(
        (p.requester.owner.as_str(), p.accepter.owner.as_str()),
        ("028403472736", "951601349076")
    );
    assert_eq!(ids(&p.requester.cidrs), ["10.1.0.0/16"]);
    assert_eq!(ids(&p.accepter.cidrs), ["10.2.0.0/16"]);
    let deleted: Vec<_> = e
        .peerings
        .values()
        .filter(|p| p.status == PeeringStatus::Deleted)
        .collect();
    assert_eq!(deleted.len(), 2);
    let accounts: Vec<&str> = e.documents.iter().map(|(a, _)| a.as_str()).collect();
    assert_eq!(
        accounts,
        ["028403472736", "951601349076"],
        "owner ids win over folder names"
    );

    let e = load("test-vpc-peering");
    for (vpc, cidr) in [
        ("vpc-00a31ce9d0c06675c", "192.168.0.0/16"),
        ("vpc-09095dbf2886404ee", "192.168.0.0/16"),
        ("vpc-0404e08ceddf7f650", "10.10.0.0/16"),
    ] {
        assert_eq!(
            ids(&e.vpcs[&VpcId::from(vpc)].cidrs),
            [cidr],
            "{vpc}: disassociated blocks dropped"
        );
    }
    let blackhole = e
        .route_tables
        .values()
        .flat_map(|t| &t.routes)
        .filter(|r| r.state == RouteState::Blackhole)
        .count();
    assert_eq!(blackhole, 1);
}

#[test]
fn gateway_endpoint_fixture_has_its_prefix_list_routes() {
    let e = load("test-vpc-endpoint-gateway");
    let pl = &e.prefix_lists[&PrefixListId::from("pl-63a5400a")];
    assert_eq!(pl.name, "com.amazonaws.us-east-1.s3");
    assert_eq!(pl.cidrs.len(), 4);
    let vpce = VpceId::from("vpce-0b7357542bb7b83ec");
    assert_eq!(e.endpoints[&vpce].kind, EndpointKind::Gateway);
    let routes: Vec<_> = e
        .route_tables
        .values()
        .flat_map(|t| &t.routes)
        .filter(|r| r.target == Target::GatewayEndpoint(vpce.clone()))
        .collect();
    assert_eq!(routes.len(), 2);
    assert!(routes
        .iter()
        .all(|r| r.destination == Destination::PrefixList(pl.id.clone())));
}

#[test]
fn every_fixture_round_trips() {
    for name in fixture_names() {
        let e = load(&name);
        let docs: Vec<(String, serde_json::Value)> = export(&e)
            .into_iter()
            .enumerate()
            .map(|(i, d)| (format!("export-{i}"), d))
            .collect();
        let back = import_documents(&docs).unwrap_or_else(|err| panic!("{name}: {err}"));
        assert_eq!(back, e, "{name}");
    }
}

#[test]
fn every_fixture_validates_without_error() {
    for name in fixture_names() {
        let d = vpclab_core::validate::validate(&load(&name));
        for w in &d.warnings {
            println!("{name}: warning {} {}: {}", w.code, w.resource, w.message);
        }
        assert!(d.errors.is_empty(), "{name}: {:#?}", d.errors);
    }
}

// ---- IPv6 (issue 13) ----

/// A Batfish single-call sample (`single-files/`), as one document. The samples were cut from
/// one `describe-*` call each and name no account or region, so the test gives them both.
fn single_file(name: &str) -> Estate {
    let text = std::fs::read_to_string(root().join("single-files").join(name)).unwrap();
    let mut doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    doc["AccountId"] = "111122223333".into();
    doc["Region"] = "us-east-2".into();
    let e = import_documents(&[(name.to_string(), doc)]).unwrap_or_else(|e| panic!("{name}: {e}"));
    let docs: Vec<(String, serde_json::Value)> = export(&e)
        .into_iter()
        .map(|d| ("export".to_string(), d))
        .collect();
    assert_eq!(import_documents(&docs).unwrap(), e, "{name} round-trips");
    e
}

#[test]
fn the_ipv6_route_table_sample_has_its_local_ipv6_route() {
    let e = single_file("RouteV6TableTest.json");
    let rt = &e.route_tables[&RouteTableId::from("rtb-296bf350")];
    assert_eq!(rt.vpc.as_str(), "vpc-815775e7");
    assert!(rt.main);
    assert_eq!(rt.name.as_deref(), Some("GNS3-BGP-Test"));
    assert_eq!(
        rt.routes,
        [Route {
            destination: Destination::Cidr("2600:1f16:751:7800::/56".parse().unwrap()),
            target: Target::Local,
            state: RouteState::Active,
            origin: RouteOrigin::CreateRouteTable,
        }]
    );
}

#[test]
fn the_ipv6_network_acl_sample_has_its_ipv6_entry() {
    let e = single_file("NetworkAclV6Test.json");
    let acl = &e.network_acls[&AclId::from("acl-4db39c28")];
    assert!(acl.is_default);
    assert_eq!(acl.vpc.as_str(), "vpc-f8fad69d");
    assert_eq!(ids(&acl.subnets), ["subnet-1f315846"]);
    assert_eq!(
        acl.entries,
        [AclEntry {
            rule_number: 100,
            egress: true,
            allow: true,
            protocol: Protocol::All,
            cidr: "::/0".parse().unwrap(),
            ports: None,
            icmp: None,
        }]
    );
}
