//! Property tests over whole estates, generated two ways: the scale generator
//! (`vpclab_core::synth`) with random sizes, and every exercise's start or reference solution
//! followed by a random sequence of console actions built from the estate's own ids.
//!
//! - `import(export(e)) == e`, and exporting again gives the same documents;
//! - a trace (reachable or not, the code and resource of the first failing hop, every hop of both
//!   paths) does not change when unrelated resources are added: VPCs of a new account with
//!   CIDRs that overlap nothing, their subnets, instances, security groups, route tables, internet
//!   gateways and peerings among themselves, plus unattached groups and route tables in existing
//!   VPCs.
//!
//! (`tests/edit/props.rs` checks the round trip on random actions over a hand-built world; this
//! file covers the exercises' and the generator's estates.)

use std::collections::BTreeMap;

use ipnet::Ipv4Net;
use proptest::prelude::*;
use serde_json::{json, Value};
use vpclab_core::aws::{export, import_documents};
use vpclab_core::edit::{apply, Action};
use vpclab_core::exercise::catalog;
use vpclab_core::model::Estate;
use vpclab_core::reach::{Proto, Query, Topology, Trace};
use vpclab_core::synth::{self, Params};

/// How a test estate starts.
#[derive(Debug, Clone)]
enum Origin {
    /// `synth::document` with these sizes.
    Synth {
        vpcs: usize,
        subnets: usize,
        peerings: usize,
        attach_every: usize,
    },
    /// Exercise number `index` (modulo the catalogue), from its start or its reference solution.
    Exercise { index: usize, solved: bool },
}

fn origin() -> impl Strategy<Value = Origin> {
    prop_oneof![
        1 => (2usize..=10, 3usize..=6, 0usize..=2, 0usize..=3).prop_map(|(vpcs, subnets, peerings, attach_every)| {
            Origin::Synth { vpcs, subnets, peerings, attach_every }
        }),
        3 => (any::<usize>(), any::<bool>()).prop_map(|(index, solved)| Origin::Exercise { index, solved }),
    ]
}

/// One random console step: which action, and three numbers that pick its ids and values.
type Step = (u8, usize, usize, usize);

fn steps(most: usize) -> impl Strategy<Value = Vec<Step>> {
    prop::collection::vec(
        (any::<u8>(), any::<usize>(), any::<usize>(), any::<usize>()),
        0..=most,
    )
}

fn start(origin: &Origin) -> Estate {
    match origin {
        Origin::Synth {
            vpcs,
            subnets,
            peerings,
            attach_every,
        } => {
            let p = Params {
                vpcs: *vpcs,
                subnets_per_vpc: *subnets,
                peerings_per_vpc: *peerings,
                attach_every: *attach_every,
                dual_stack: false,
            };
            import_documents(&[("synth".into(), synth::document(&p))]).expect("the generator's JSON imports")
        }
        Origin::Exercise { index, solved } => {
            let all = catalog().expect("the catalogue loads").exercises();
            let def = &all[index % all.len()];
            if *solved {
                def.solution_estate().expect("the solution applies")
            } else {
                def.start_estate().expect("the start imports")
            }
        }
    }
}

/// The `i`-th key of a map (modulo its size), as a string.
fn nth<K: ToString, V>(m: &BTreeMap<K, V>, i: usize) -> Option<String> {
    if m.is_empty() {
        return None;
    }
    m.keys().nth(i % m.len()).map(ToString::to_string)
}

/// A route target of the estate: an internet gateway, peering, NAT gateway or transit gateway.
fn target(e: &Estate, i: usize) -> Option<String> {
    let mut all: Vec<String> = Vec::new();
    all.extend(e.internet_gateways.keys().map(ToString::to_string));
    all.extend(e.peerings.keys().map(ToString::to_string));
    all.extend(e.nat_gateways.keys().map(ToString::to_string));
    all.extend(e.transit_gateways.keys().map(ToString::to_string));
    (!all.is_empty()).then(|| all[i % all.len()].clone())
}

/// A block inside `net`, `extra` bits longer (at most /28), picked by `i`.
fn inside(net: Ipv4Net, extra: u8, i: usize) -> String {
    let len = (net.prefix_len() + 1 + extra % 8).min(28).max(net.prefix_len());
    let count = 1usize << (len - net.prefix_len()).min(16);
    net.subnets(len)
        .ok()
        .and_then(|mut s| s.nth(i % count))
        .map_or(net.to_string(), |n| n.to_string())
}

/// A console action over the estate's ids (`None` when the estate has nothing to act on). Many
/// are refused (a taken CIDR, a duplicate route): the property only uses those that apply.
fn action(e: &Estate, (kind, a, b, c): Step) -> Option<Value> {
    let dest = format!("172.{}.{}.0/24", 16 + b % 16, c % 256);
    Some(match kind % 16 {
        0 => json!({"action": "create_route", "route_table": nth(&e.route_tables, a)?,
                    "destination": dest, "target": target(e, c)?}),
        1 => {
            let rt = e.route_tables.values().nth(a % e.route_tables.len().max(1))?;
            let r = rt.routes.get(b % rt.routes.len().max(1))?;
            json!({"action": "delete_route", "route_table": rt.id.to_string(),
                   "destination": r.destination.to_string()})
        }
        2 => {
            let vpc = e.vpcs.values().nth(a % e.vpcs.len().max(1))?;
            let az = format!("{}{}", vpc.region, ["a", "b", "c"][c % 3]);
            json!({"action": "create_subnet", "vpc": vpc.id.to_string(),
                   "cidr": inside(*vpc.cidrs.first()?, b as u8, c), "availability_zone": az})
        }
        3 => json!({"action": "launch_instance", "subnet": nth(&e.subnets, a)?, "public_ip": b % 2 == 0}),
        4 => {
            json!({"action": "create_security_group", "vpc": nth(&e.vpcs, a)?, "name": format!("g{}", b % 1000)})
        }
        5 => json!({"action": "add_security_group_rule", "security_group": nth(&e.security_groups, a)?,
                    "direction": if b % 2 == 0 { "ingress" } else { "egress" }, "protocol": "tcp",
                    "from_port": ([22, 443, 0][c % 3]), "to_port": ([22, 443, 65535][c % 3]),
                    "cidr": (["10.0.0.0/8", "0.0.0.0/0", "192.0.2.0/24"][b % 3])}),
        6 => json!({"action": "add_network_acl_entry", "network_acl": nth(&e.network_acls, a)?,
                    "rule_number": 1 + b % 200, "egress": c % 2 == 0, "protocol": "tcp",
                    "rule_action": if c % 3 == 0 { "allow" } else { "deny" },
                    "cidr": (["10.0.0.0/8", "0.0.0.0/0", "198.51.100.0/24"][b % 3]), "from_port": 22, "to_port": 22}),
        7 => {
            let v = e.vpcs.values().nth(a % e.vpcs.len().max(1))?;
            let p = e.vpcs.values().nth(b % e.vpcs.len().max(1))?;
            json!({"action": "request_peering", "vpc": v.id.to_string(), "peer_vpc": p.id.to_string(),
                   "peer_owner": p.owner.to_string(), "peer_region": p.region.to_string(),
                   "account": v.owner.to_string()})
        }
        8 => {
            let p = e.peerings.values().nth(a % e.peerings.len().max(1))?;
            json!({"action": "accept_peering", "peering": p.id.to_string(), "account": p.accepter.owner.to_string()})
        }
        9 => {
            let v = e.vpcs.values().nth(a % e.vpcs.len().max(1))?;
            json!({"action": "create_internet_gateway", "region": v.region.to_string(), "account": v.owner.to_string()})
        }
        10 => json!({"action": "attach_internet_gateway", "internet_gateway": nth(&e.internet_gateways, a)?,
                     "vpc": nth(&e.vpcs, b)?}),
        11 => json!({"action": "create_nat_gateway", "subnet": nth(&e.subnets, a)?, "private": b % 4 == 0}),
        12 => {
            let rt = e.route_tables.values().nth(a % e.route_tables.len().max(1))?;
            json!({"action": "create_gateway_endpoint", "vpc": rt.vpc.to_string(),
                   "service": if b % 2 == 0 { "s3" } else { "dynamodb" }, "route_tables": [rt.id.to_string()]})
        }
        13 => json!({"action": "delete_peering", "peering": nth(&e.peerings, a)?}),
        14 => {
            let v = e.vpcs.values().nth(a % e.vpcs.len().max(1))?;
            json!({"action": "create_vpc", "cidr": format!("10.{}.0.0/16", 100 + b % 100),
                   "region": v.region.to_string(), "account": v.owner.to_string()})
        }
        _ => json!({"action": "associate_route_table", "route_table": nth(&e.route_tables, a)?,
                    "subnet": nth(&e.subnets, b)?}),
    })
}

/// Applies the steps that make an action the estate accepts; the others are skipped.
fn play(e: &mut Estate, steps: &[Step]) {
    for step in steps {
        let Some(json) = action(e, *step) else { continue };
        let Ok(action) = serde_json::from_value::<Action>(json) else {
            continue;
        };
        let _ = apply(e, &action);
    }
}

fn round_trip(e: &Estate) -> Result<Estate, String> {
    let docs: Vec<(String, Value)> = export(e)
        .into_iter()
        .enumerate()
        .map(|(i, d)| (format!("doc{i}.json"), d))
        .collect();
    import_documents(&docs).map_err(|err| err.to_string())
}

/// The account the unrelated VPCs belong to: in no exercise and not in the generator.
const STRANGER: &str = "999900001111";

/// Candidate /16 blocks for unrelated VPCs, far from the 10.0.0.0/8 most estates use; only those
/// overlapping no block of the estate (VPC CIDRs, route destinations) are used.
fn free_blocks(e: &Estate) -> Vec<Ipv4Net> {
    let taken: Vec<Ipv4Net> = e
        .vpcs
        .values()
        .flat_map(|v| v.cidrs.iter().copied())
        .chain(e.route_tables.values().flat_map(|t| {
            t.routes
                .iter()
                .filter_map(|r| r.destination.to_string().parse::<Ipv4Net>().ok())
                .filter(|n| n.prefix_len() > 0)
        }))
        .collect();
    (0u8..16)
        .map(|i| Ipv4Net::new(std::net::Ipv4Addr::new(100, 64 + i * 4, 0, 0), 16).expect("/16"))
        .filter(|n| {
            !taken
                .iter()
                .any(|t| t.contains(&n.network()) || n.contains(&t.network()))
        })
        .collect()
}

/// Adds resources that no existing path can use: VPCs of a new account (region `region` of the
/// estate) with subnets, instances, groups, tables, gateways and peerings among themselves, and
/// unattached groups and unassociated route tables in existing VPCs. Returns how many actions
/// applied.
fn add_unrelated(e: &mut Estate, vpcs: usize, extra: &[(u8, usize)]) -> usize {
    let region = e
        .vpcs
        .values()
        .next()
        .map_or("us-east-1".to_string(), |v| v.region.to_string());
    let existing: Vec<String> = e.vpcs.keys().map(ToString::to_string).collect();
    let mut applied = 0;
    let mut run = |e: &mut Estate, json: Value| -> Vec<String> {
        let action: Action = serde_json::from_value(json.clone()).unwrap_or_else(|er| panic!("{json}: {er}"));
        match apply(e, &action) {
            Ok(done) => {
                applied += 1;
                done.created
            }
            Err(_) => Vec::new(),
        }
    };
    let mut new_vpcs = Vec::new();
    for block in free_blocks(e).into_iter().take(vpcs) {
        let created = run(
            e,
            json!({"action": "create_vpc", "cidr": block.to_string(), "region": region, "account": STRANGER}),
        );
        let Some(vpc) = created.iter().find(|id| id.starts_with("vpc-")).cloned() else {
            continue;
        };
        let subnet = run(
            e,
            json!({"action": "create_subnet", "vpc": vpc, "cidr": inside(block, 7, 1),
                   "availability_zone": format!("{region}a")}),
        );
        let sg = run(
            e,
            json!({"action": "create_security_group", "vpc": vpc, "name": "open"}),
        );
        if let Some(sg) = sg.first() {
            run(
                e,
                json!({"action": "add_security_group_rule", "security_group": sg, "direction": "ingress",
                       "protocol": "-1", "cidr": "0.0.0.0/0"}),
            );
            if let Some(subnet) = subnet.first() {
                run(
                    e,
                    json!({"action": "launch_instance", "subnet": subnet, "public_ip": true, "security_groups": [sg]}),
                );
            }
        }
        let igw = run(
            e,
            json!({"action": "create_internet_gateway", "region": region, "account": STRANGER}),
        );
        if let Some(igw) = igw.first() {
            run(
                e,
                json!({"action": "attach_internet_gateway", "internet_gateway": igw, "vpc": vpc}),
            );
        }
        new_vpcs.push((vpc, block));
    }
    // Peerings among the new VPCs only, accepted and routed both ways.
    for pair in new_vpcs.windows(2) {
        let ((a, a_net), (b, b_net)) = (&pair[0], &pair[1]);
        let created = run(
            e,
            json!({"action": "request_peering", "vpc": a, "peer_vpc": b, "account": STRANGER}),
        );
        let Some(pcx) = created.first() else { continue };
        run(
            e,
            json!({"action": "accept_peering", "peering": pcx, "account": STRANGER}),
        );
        for (vpc, dest) in [(a, b_net), (b, a_net)] {
            let table = e
                .route_tables
                .values()
                .find(|t| t.vpc.to_string() == *vpc && t.main)
                .map(|t| t.id.to_string());
            if let Some(table) = table {
                run(
                    e,
                    json!({"action": "create_route", "route_table": table, "destination": dest.to_string(), "target": pcx}),
                );
            }
        }
    }
    // In existing VPCs: a group with rules that no instance uses, a table no subnet uses.
    for (kind, i) in extra {
        let Some(vpc) = existing.get(i % existing.len().max(1)) else {
            break;
        };
        if kind % 2 == 0 {
            if let Some(sg) = run(
                e,
                json!({"action": "create_security_group", "vpc": vpc, "name": format!("unused-{}", i % 1000)}),
            )
            .first()
            {
                run(
                    e,
                    json!({"action": "add_security_group_rule", "security_group": sg, "direction": "egress",
                           "protocol": "tcp", "from_port": 443, "to_port": 443, "cidr": "0.0.0.0/0"}),
                );
            }
        } else if let Some(rt) = run(e, json!({"action": "create_route_table", "vpc": vpc})).first() {
            let target = e
                .internet_gateways
                .values()
                .find(|g| g.attached_vpc.as_ref().is_some_and(|v| v.to_string() == *vpc))
                .map(|g| g.id.to_string());
            if let Some(igw) = target {
                run(
                    e,
                    json!({"action": "create_route", "route_table": rt, "destination": "0.0.0.0/0", "target": igw}),
                );
            }
        }
    }
    applied
}

/// The questions asked: between every pair of instances (capped), each over TCP 22, TCP 443 and
/// ICMP, and from each instance to S3 over HTTPS.
fn questions(e: &Estate, pick: usize) -> Vec<Query> {
    let ids: Vec<String> = e.instances.keys().map(ToString::to_string).collect();
    let mut out = Vec::new();
    for (i, from) in ids.iter().enumerate() {
        for (j, to) in ids.iter().enumerate() {
            if i == j || (!(i * 31 + j + pick).is_multiple_of(3) && ids.len() > 6) {
                continue;
            }
            out.push(match (i + j + pick) % 3 {
                0 => Query::tcp(from, to, 22),
                1 => Query::tcp(from, to, 443),
                _ => Query::new(from, to, Proto::Icmp, None),
            });
        }
        out.push(Query::tcp(from, "s3", 443));
    }
    out.truncate(60);
    out
}

fn answers(e: &Estate, qs: &[Query]) -> Vec<Result<Trace, String>> {
    let topo = Topology::build(e);
    qs.iter()
        .map(|q| topo.trace(q).map_err(|er| er.to_string()))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn import_of_export_is_the_identity(origin in origin(), steps in steps(14)) {
        let mut e = start(&origin);
        play(&mut e, &steps);
        let back = round_trip(&e).map_err(|er| TestCaseError::fail(format!("{origin:?}: {er}")))?;
        prop_assert!(back == e, "{:?}: export then import changed the estate", origin);
        prop_assert_eq!(export(&back), export(&e), "exporting again gives other documents");
    }

    #[test]
    fn unrelated_resources_change_no_trace(
        origin in origin(),
        steps in steps(8),
        vpcs in 1usize..=3,
        extra in prop::collection::vec((any::<u8>(), any::<usize>()), 0..=3),
        pick in any::<usize>(),
    ) {
        let mut e = start(&origin);
        play(&mut e, &steps);
        let qs = questions(&e, pick);
        let before = answers(&e, &qs);
        let instances = e.instances.len();
        let added = add_unrelated(&mut e, vpcs, &extra);
        prop_assert!(added > 0, "{:?}: nothing unrelated could be added", origin);
        prop_assert!(e.instances.len() > instances, "no unrelated instance was launched");
        let after = answers(&e, &qs);
        for ((q, b), a) in qs.iter().zip(&before).zip(&after) {
            prop_assert_eq!(b, a, "{:?}: {:?} changed", origin, q);
        }
    }
}

#[test]
fn the_generated_estates_are_varied() {
    // Every exercise start and solution, and a synth estate, pass through the generators: the
    // property above sees single- and multi-account estates, peerings, gateways and instances.
    let all = catalog().unwrap().exercises();
    let mut multi_account = 0;
    for (index, def) in all.iter().enumerate() {
        for solved in [false, true] {
            let e = start(&Origin::Exercise { index, solved });
            assert!(!e.vpcs.is_empty(), "{}", def.id);
            let owners: std::collections::BTreeSet<_> = e.vpcs.values().map(|v| &v.owner).collect();
            multi_account += usize::from(owners.len() > 1);
            assert!(
                !free_blocks(&e).is_empty(),
                "{}: no free block for unrelated VPCs",
                def.id
            );
        }
    }
    assert!(multi_account > 0, "some exercise has several accounts");
    let e = start(&Origin::Synth {
        vpcs: 8,
        subnets: 4,
        peerings: 2,
        attach_every: 2,
    });
    assert_eq!((e.vpcs.len(), e.instances.len()), (8, 8));
    // A step sequence applies at least some actions on an exercise start.
    let mut e = start(&Origin::Exercise {
        index: 0,
        solved: false,
    });
    let before = e.clone();
    let steps: Vec<Step> = (0..40u8)
        .map(|k| (k, k as usize * 7, k as usize * 3, k as usize))
        .collect();
    play(&mut e, &steps);
    assert_ne!(e, before, "random steps change the estate");
}
