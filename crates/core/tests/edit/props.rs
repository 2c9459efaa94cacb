//! Serde round trips, deterministic ids, and random action JSON: never a panic, never a
//! half-applied refusal, the estate's invariants hold after every action, and what the actions
//! build survives export to AWS JSON and import back (the form share links and exercises store).

use std::collections::BTreeSet;

use proptest::prelude::*;
use serde_json::{json, Map, Value};
use vpclab_core::edit::{apply, Action};
use vpclab_core::model::*;

use crate::world::*;

#[test]
fn every_action_has_a_sample_that_round_trips() {
    let w = world();
    let samples = samples(&w);
    let mut names = BTreeSet::new();
    for sample in &samples {
        let action: Action =
            serde_json::from_value(sample.clone()).unwrap_or_else(|e| panic!("{sample}: {e}"));
        assert_eq!(Some(action.name()), sample["action"].as_str());
        let back: Action = serde_json::from_value(serde_json::to_value(&action).unwrap()).unwrap();
        assert_eq!(back, action);
        assert_eq!(
            action.account(),
            sample
                .get("account")
                .and_then(Value::as_str)
                .map(AccountId::from)
                .as_ref()
        );
        names.insert(action.name());
    }
    assert_eq!(names.len(), samples.len(), "one sample per action");
    assert_eq!(
        names,
        Action::NAMES.into_iter().collect(),
        "every action has a sample"
    );
}

#[test]
fn every_sample_applies_or_is_refused_cleanly() {
    let w = world();
    for sample in samples(&w) {
        let mut e = w.e.clone();
        match act(&mut e, sample.clone()) {
            Ok(done) => {
                assert!(!done.description.is_empty(), "{sample}");
                invariants(&e);
            }
            Err(err) => assert_eq!(e, w.e, "{sample}: refused ({err}) but changed"),
        }
    }
}

#[test]
fn json_shape_is_checked() {
    let typo = json!({"action": "create_vpc", "cidr": "10.0.0.0/16", "cdir": "10.0.0.0/16"});
    assert!(
        serde_json::from_value::<Action>(typo).is_err(),
        "unknown fields are refused"
    );
    assert!(serde_json::from_value::<Action>(json!({"action": "launch_rocket"})).is_err());
    assert!(serde_json::from_value::<Action>(json!({"cidr": "10.0.0.0/16"})).is_err());
    let minimal: Action = serde_json::from_value(
        json!({"action": "create_interface_endpoint", "vpc": "vpc-1", "service": "ssm", "subnets": []}),
    )
    .unwrap();
    assert!(
        matches!(
            minimal,
            Action::CreateInterfaceEndpoint {
                private_dns: true,
                ..
            }
        ),
        "private DNS is on by default"
    );
    let text = serde_json::to_string(&Action::DeletePeering {
        peering: "pcx-1".into(),
        account: None,
    })
    .unwrap();
    assert_eq!(
        text, r#"{"action":"delete_peering","peering":"pcx-1"}"#,
        "absent options stay out of share links"
    );
}

#[test]
fn ids_are_deterministic_and_never_collide() {
    let (a, b) = (world(), world());
    assert_eq!(a.e, b.e, "the same actions give the same estate");
    assert_eq!((a.vpc1, a.pcx12, a.web), (b.vpc1, b.pcx12, b.web));

    let ids = all_ids(&a.e);
    let unique: BTreeSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "every id is unique");
    for id in &ids {
        let hex = id.rsplit('-').next().unwrap();
        assert!(
            hex.len() == 17 && hex.starts_with('0') && hex.bytes().all(|c| c.is_ascii_hexdigit()),
            "{id}"
        );
    }

    // An estate already holding the id the counter would give next: the counter moves on.
    let mut two = Estate::default();
    ok(&mut two, json!({"action": "create_vpc", "cidr": "10.1.0.0/16"}));
    let second = ok(&mut two, json!({"action": "create_vpc", "cidr": "10.2.0.0/16"})).created[0].clone();
    let mut one = Estate::default();
    let first = ok(&mut one, json!({"action": "create_vpc", "cidr": "10.1.0.0/16"})).created[0].clone();
    let mut v = one.vpcs.remove(&VpcId::from(first.as_str())).unwrap();
    v.id = VpcId::from(second.as_str());
    for rt in one.route_tables.values_mut() {
        rt.vpc = v.id.clone();
    }
    one.vpcs.insert(v.id.clone(), v);
    let third = ok(&mut one, json!({"action": "create_vpc", "cidr": "10.3.0.0/16"})).created[0].clone();
    assert_ne!(third, second);
    assert_ne!(third, first);
}

/// Export to AWS CLI JSON documents and import them back.
fn round_trip(e: &Estate) -> Result<Estate, String> {
    let docs: Vec<(String, Value)> = vpclab_core::aws::export(e)
        .into_iter()
        .enumerate()
        .map(|(i, v)| (format!("doc{i}.json"), v))
        .collect();
    vpclab_core::aws::import_documents(&docs).map_err(|er| format!("{er:?}"))
}

#[test]
fn estates_built_by_actions_survive_export_and_import() {
    let w = world();
    let mut e = w.e.clone();
    ok(
        &mut e,
        json!({"action": "share_subnet", "subnet": w.s1b, "with_account": C}),
    );
    ok(&mut e, json!({"action": "create_nat_gateway", "subnet": w.s1a}));
    ok(
        &mut e,
        json!({"action": "modify_vpc_attribute", "vpc": w.vpc1, "enable_dns_hostnames": true}),
    );
    ok(
        &mut e,
        json!({"action": "create_interface_endpoint", "vpc": w.vpc1, "service": "ssm", "subnets": [w.s1a]}),
    );
    ok(
        &mut e,
        json!({"action": "add_network_acl_entry", "network_acl": w.acl1, "rule_number": 90, "protocol": "tcp", "rule_action": "deny", "cidr": "192.0.2.0/24", "from_port": 22, "to_port": 22}),
    );
    ok(
        &mut e,
        json!({"action": "create_route", "route_table": w.rt1, "destination": "10.3.0.0/16", "target": w.pcx13}),
    );
    assert_eq!(round_trip(&e).unwrap(), e);
}

fn all_ids(e: &Estate) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    ids.extend(e.vpcs.keys().map(|k| k.to_string()));
    ids.extend(e.subnets.keys().map(|k| k.to_string()));
    ids.extend(e.route_tables.keys().map(|k| k.to_string()));
    ids.extend(e.peerings.keys().map(|k| k.to_string()));
    ids.extend(e.internet_gateways.keys().map(|k| k.to_string()));
    ids.extend(e.nat_gateways.keys().map(|k| k.to_string()));
    ids.extend(e.endpoints.keys().map(|k| k.to_string()));
    ids.extend(e.instances.keys().map(|k| k.to_string()));
    ids.extend(e.enis.keys().map(|k| k.to_string()));
    ids.extend(e.security_groups.keys().map(|k| k.to_string()));
    ids.extend(e.network_acls.keys().map(|k| k.to_string()));
    ids.extend(e.transit_gateways.keys().map(|k| k.to_string()));
    ids.extend(e.tgw_attachments.keys().map(|k| k.to_string()));
    ids.extend(e.tgw_route_tables.keys().map(|k| k.to_string()));
    ids.extend(e.egress_only_internet_gateways.keys().map(|k| k.to_string()));
    ids.extend(e.vpn_gateways.keys().map(|k| k.to_string()));
    ids.extend(e.customer_gateways.keys().map(|k| k.to_string()));
    ids.extend(e.vpn_connections.keys().map(|k| k.to_string()));
    ids.extend(e.dx_gateways.keys().map(|k| k.to_string()));
    ids.extend(e.dx_associations.keys().cloned());
    ids
}

/// What must hold of any estate the actions build.
fn invariants(e: &Estate) {
    for rt in e.route_tables.values() {
        assert!(e.vpcs.contains_key(&rt.vpc), "{} has no VPC", rt.id);
        let vpc = &e.vpcs[&rt.vpc];
        for c in &vpc.cidrs {
            let local = rt
                .routes
                .iter()
                .any(|r| r.target == Target::Local && r.destination.to_string() == c.to_string());
            assert!(local, "{} lacks the local route for {c}", rt.id);
        }
        let dests: BTreeSet<String> = rt.routes.iter().map(|r| r.destination.to_string()).collect();
        assert_eq!(
            dests.len(),
            rt.routes.len(),
            "{} has two routes to one destination",
            rt.id
        );
    }
    for v in e.vpcs.values() {
        assert_eq!(
            e.route_tables
                .values()
                .filter(|t| t.vpc == v.id && t.main)
                .count(),
            1,
            "{} main tables",
            v.id
        );
    }
    for s in e.subnets.values() {
        let vpc = &e.vpcs[&s.vpc];
        assert!(
            s.cidr.is_none_or(|n| vpc.cidrs.iter().any(|c| c.contains(&n))),
            "{} outside its VPC",
            s.id
        );
        assert!(
            e.route_tables
                .values()
                .filter(|t| t.subnets.contains(&s.id))
                .count()
                <= 1
        );
        for o in e.subnets.values().filter(|o| o.vpc == s.vpc && o.id != s.id) {
            let (Some(a), Some(b)) = (s.cidr, o.cidr) else {
                continue;
            };
            assert!(
                !a.contains(&b.network()) && !b.contains(&a.network()),
                "{} overlaps {}",
                s.id,
                o.id
            );
        }
    }
    for i in e.instances.values() {
        assert!(e.subnets[&i.subnet]
            .cidr
            .is_some_and(|c| i.private_ip.is_some_and(|ip| c.contains(&ip))));
    }
    let mut seen = BTreeSet::new();
    for n in e.enis.values() {
        for ip in &n.private_ips {
            assert!(
                seen.insert((n.subnet.clone(), *ip)),
                "{ip} used twice in {}",
                n.subnet
            );
        }
    }
    for a in e.tgw_attachments.values() {
        if let Some(rt) = &a.association {
            assert_eq!(e.tgw_route_tables[rt].tgw, a.tgw);
        }
    }
}

/// Values a field may take: ids of the world, near misses, and nonsense.
fn pool(w: &World) -> Vec<Value> {
    let mut v: Vec<Value> = all_ids(&w.e).into_iter().map(Value::String).collect();
    for s in [
        "",
        "local",
        "0.0.0.0/0",
        "10.1.0.0/16",
        "10.1.1.0/24",
        "10.1.3.0/24",
        "10.2.0.0/16",
        "10.9.0.0/16",
        "10.0.0.1/16",
        "10.1.0.0/33",
        "::/0",
        "2001:db8::/56",
        "300.1.1.1/8",
        "pl-63a5400a",
        "pl-nope",
        "igw-nope",
        "pcx-",
        "tgw-attach-x",
        "us-east-1a",
        "us-west-2b",
        "us-east-1",
        "eu-west-9",
        "s3",
        "dynamodb",
        "ssm",
        "tcp",
        "udp",
        "icmp",
        "-1",
        "allow",
        "deny",
        "10.1.1.4",
        "10.1.1.0",
        "banana",
        A,
        B,
        C,
        "12345",
        "ingress",
        "egress",
    ] {
        v.push(Value::String(s.into()));
    }
    for n in [-1i64, 0, 1, 22, 100, 443, 32766, 32767, 65535, 65536, i64::MAX] {
        v.push(json!(n));
    }
    v.extend([
        json!(true),
        json!(false),
        Value::Null,
        json!([]),
        json!([w.s1a, w.s1b]),
        json!([w.s1a, w.s1a]),
        json!([w.rt1, w.rt2]),
        json!([w.sg1]),
    ]);
    v
}

/// A sample with some fields replaced by pool values (field names kept, so most still parse).
fn mutate(sample: &Value, picks: &[(usize, usize)], pool: &[Value]) -> Value {
    let Some(obj) = sample.as_object() else {
        return sample.clone();
    };
    let keys: Vec<&String> = obj.keys().filter(|k| *k != "action").collect();
    let mut out: Map<String, Value> = obj.clone();
    for (k, p) in picks {
        if keys.is_empty() {
            break;
        }
        let key = keys[k % keys.len()];
        out.insert(key.clone(), pool[p % pool.len()].clone());
    }
    Value::Object(out)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_actions_never_panic_nor_half_apply(
        steps in prop::collection::vec((any::<usize>(), prop::collection::vec((any::<usize>(), any::<usize>()), 0..4)), 1..12)
    ) {
        let w = world();
        let samples = samples(&w);
        let pool = pool(&w);
        let mut e = w.e.clone();
        for (s, picks) in steps {
            let json = mutate(&samples[s % samples.len()], &picks, &pool);
            let Ok(action) = serde_json::from_value::<Action>(json.clone()) else { continue };
            let before = e.clone();
            match apply(&mut e, &action) {
                Ok(done) => {
                    invariants(&e);
                    let back = round_trip(&e).map_err(|er| TestCaseError::fail(format!("{json}: {er}")))?;
                    prop_assert!(back == e, "{}: export then import changed the estate", json);
                    let ids = all_ids(&e);
                    for id in &done.created {
                        prop_assert!(ids.contains(id), "{json}: created {id} is not in the estate");
                    }
                }
                Err(err) => {
                    prop_assert!(!err.code.is_empty() && !err.message.is_empty());
                    prop_assert_eq!(&e, &before, "{}: refused ({}) but changed", json, err);
                }
            }
        }
    }
}
