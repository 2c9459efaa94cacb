//! Explanations speak names first (issue 11, item 8): for every known mistake of every exercise,
//! each failing goal's text and each blocked trace's headline say what went wrong in words (never
//! a bare code), and name the resource at fault as `Name (id)` when it has a Name tag.

use vpclab_core::edit::apply_all;
use vpclab_core::exercise::*;
use vpclab_core::model::PeeringStatus;
use vpclab_core::reach::{label, name_of, named};

/// The id shapes of an estate's resources: `vpc-…`, `rtb-…`, `pcx-…` (not addresses or words).
fn is_resource_id(s: &str) -> bool {
    s.contains('-') && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') && !s.starts_with("com")
}

#[test]
fn every_mistake_is_explained_with_names_and_ids() {
    let mut seen = 0;
    let mut named_seen = 0;
    let mut blackholes = std::collections::BTreeSet::new();
    for d in catalog().unwrap().exercises() {
        for m in &d.mistakes {
            let mut e = d.start_estate().unwrap();
            apply_all(&mut e, &m.example).unwrap();
            let v = check(d, &e);
            let whose = format!("{}/{}", d.id, m.id);
            for g in v.goals.iter().filter(|g| !g.passed) {
                let code = g.code.clone().unwrap_or_default();
                assert!(
                    g.message.len() > code.len() + 20 && !g.message.starts_with(&format!("{code} ")),
                    "{whose} {}: the text is a bare code: {}",
                    g.id,
                    g.message
                );
                if let Some(at) = g.at.as_deref().filter(|a| is_resource_id(a)) {
                    let want = named(at, name_of(&e, at));
                    assert!(
                        g.message.contains(&want),
                        "{whose} {}: the goal text does not name {want}: {}",
                        g.id,
                        g.message
                    );
                }
                let Some(b) = g.trace.as_ref().and_then(|t| t.blocked.as_ref()) else {
                    continue;
                };
                seen += 1;
                let h = &b.headline;
                println!("{whose} {} [{}]\n  {h}", g.id, b.code);
                assert!(
                    h.starts_with(b.code.title()) && !h.contains(b.code.as_str()),
                    "{whose} {}: headline {h}",
                    g.id
                );
                assert!(g.message.contains(h.as_str()), "{whose} {}: {}", g.id, g.message);
                if is_resource_id(&b.at) {
                    let want = named(&b.at, name_of(&e, &b.at));
                    if want != b.at {
                        named_seen += 1;
                    }
                    assert!(
                        h.contains(&want),
                        "{whose} {}: the headline does not name {want}: {h}",
                        g.id
                    );
                    assert_eq!(b.at_name.as_deref(), name_of(&e, &b.at), "{whose}");
                }
                if let Some(route) = &b.route {
                    let (dest, target) = route.split_once(" → ").unwrap();
                    assert!(
                        h.contains(dest) && h.contains(target),
                        "{whose} {}: the headline does not say the route {route}: {h}",
                        g.id
                    );
                }
                // A blackhole route to a peering says what became of that peering.
                if let (vpclab_core::reach::Code::BlackholeRoute, Some(route)) = (b.code, &b.route) {
                    if let Some(pcx) = route.split(" → ").nth(1).filter(|t| t.starts_with("pcx-")) {
                        let words = match e.peerings.get(&pcx.into()).map(|p| &p.status) {
                            Some(PeeringStatus::PendingAcceptance) => {
                                "is pending acceptance: accept it in the accepter's account"
                            }
                            Some(PeeringStatus::Deleted) => "is deleted",
                            Some(_) => "",
                            None => "no longer exists (it was deleted)",
                        };
                        assert!(h.contains(words), "{whose} {}: {h}", g.id);
                        assert!(!h.contains("or not yet accepted"), "{whose}: generic text: {h}");
                        blackholes.insert(words);
                    }
                }
                if let Some(rule) = &b.rule {
                    assert!(
                        h.contains(rule.as_str()),
                        "{whose} {}: the headline does not say the rule {rule}: {h}",
                        g.id
                    );
                }
            }
        }
    }
    assert!(seen >= 20, "only {seen} blocked traces among the mistakes");
    assert!(named_seen >= 5, "only {named_seen} of them at a named resource");
    assert!(
        blackholes.len() >= 3,
        "pending, deleted and gone peerings: {blackholes:?}"
    );
}

#[test]
fn one_sided_peering_names_the_table_and_route_that_send_the_reply_away() {
    let d = catalog().unwrap().get("peer-default-vpc").unwrap();
    let mistake = d.mistakes.iter().find(|m| m.id == "one-side-only").unwrap();
    let mut e = d.start_estate().unwrap();
    apply_all(&mut e, &mistake.example).unwrap();
    let v = check(d, &e);
    let g = v.goals.iter().find(|g| g.id == "app-to-db").unwrap();
    let b = g.trace.as_ref().unwrap().blocked.as_ref().unwrap();
    assert_eq!(b.code.as_str(), "NO_RETURN_ROUTE");
    assert!(
        b.at.starts_with("rtb-"),
        "the route table is at fault, not 'internet': {b:?}"
    );
    let table = e.route_tables.get(&b.at.as_str().into()).unwrap();
    let route = b.route.as_deref().unwrap();
    assert!(route.starts_with("0.0.0.0/0 → igw-"), "{route}");
    assert!(
        b.headline.starts_with("No return route: the reply from "),
        "{}",
        b.headline
    );
    assert!(
        b.headline.contains(&format!(
            "route table {}",
            named(table.id.as_str(), table.name.as_deref())
        )),
        "{}",
        b.headline
    );
    let vpc = label(&e, table.vpc.as_str());
    assert!(vpc.starts_with("default VPC (vpc-"), "{vpc}");
    assert!(
        b.headline.contains(&format!("of {vpc}: its route 0.0.0.0/0 → ")),
        "{}",
        b.headline
    );
    assert!(
        b.headline.contains("the reply from db (i-"),
        "who replies, by name: {}",
        b.headline
    );
    assert!(g.message.contains("the reply dies"), "{}", g.message);
}

/// A blackhole route says which target is gone and how: a NAT gateway deleted, a peering
/// pending acceptance (not "deleted"), a peering that no longer exists.
#[test]
fn blackhole_routes_say_which_target_is_gone() {
    use vpclab_core::aws::import_documents;
    use vpclab_core::reach::{trace, Query};
    let doc = |target: serde_json::Value, extra: serde_json::Value| {
        let mut d = serde_json::json!({"AccountId": "111122223333", "Region": "us-east-1",
            "Vpcs": [{"VpcId": "vpc-0aaaaaaaaaaaaaaaa", "CidrBlock": "10.0.0.0/16"},
                     {"VpcId": "vpc-0bbbbbbbbbbbbbbbb", "CidrBlock": "10.1.0.0/16", "OwnerId": "444455556666"}],
            "Subnets": [{"SubnetId": "subnet-0aaaaaaaaaaaaaaaa", "VpcId": "vpc-0aaaaaaaaaaaaaaaa",
                         "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "us-east-1a"}],
            "RouteTables": [{"RouteTableId": "rtb-0aaaaaaaaaaaaaaaa", "VpcId": "vpc-0aaaaaaaaaaaaaaaa",
                "Associations": [{"Main": true}], "Tags": [{"Key": "Name", "Value": "Private"}],
                "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local"}, target]}]});
        for (k, v) in extra.as_object().unwrap() {
            d[k] = v.clone();
        }
        import_documents(&[("lab.json".into(), d)]).unwrap()
    };
    let cases = [
        (
            serde_json::json!({"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": "nat-0aaaaaaaaaaaaaaaa", "State": "blackhole"}),
            serde_json::json!({}),
            "198.51.100.7",
            "NAT gateway nat-0aaaaaaaaaaaaaaaa no longer exists (it was deleted)",
        ),
        (
            serde_json::json!({"DestinationCidrBlock": "10.1.0.0/16", "VpcPeeringConnectionId": "pcx-0aaaaaaaaaaaaaaaa", "State": "blackhole"}),
            serde_json::json!({"VpcPeeringConnections": [{"VpcPeeringConnectionId": "pcx-0aaaaaaaaaaaaaaaa",
                "Status": {"Code": "pending-acceptance"}, "Tags": [{"Key": "Name", "Value": "to-partner"}],
                "RequesterVpcInfo": {"VpcId": "vpc-0aaaaaaaaaaaaaaaa", "OwnerId": "111122223333", "CidrBlock": "10.0.0.0/16"},
                "AccepterVpcInfo": {"VpcId": "vpc-0bbbbbbbbbbbbbbbb", "OwnerId": "444455556666", "CidrBlock": "10.1.0.0/16"}}]}),
            "10.1.0.9",
            "peering to-partner (pcx-0aaaaaaaaaaaaaaaa) is pending acceptance: accept it in the accepter's account (444455556666",
        ),
        (
            serde_json::json!({"DestinationCidrBlock": "10.1.0.0/16", "VpcPeeringConnectionId": "pcx-0cccccccccccccccc", "State": "blackhole"}),
            serde_json::json!({}),
            "10.1.0.9",
            "peering pcx-0cccccccccccccccc no longer exists (it was deleted)",
        ),
    ];
    for (route, extra, to, words) in cases {
        let e = doc(route, extra);
        let t = trace(&e, &Query::tcp("10.0.1.10", to, 443)).unwrap();
        let b = t.blocked.unwrap();
        assert_eq!(b.code.as_str(), "BLACKHOLE_ROUTE");
        assert!(
            b.headline
                .starts_with("Blackhole route: route table Private (rtb-0aaaaaaaaaaaaaaaa)"),
            "{}",
            b.headline
        );
        assert!(b.headline.contains(words), "{words}: {}", b.headline);
        assert!(!b.headline.contains("not yet accepted"), "{}", b.headline);
        assert_eq!(b.at_name.as_deref(), Some("Private"));
    }
}
