//! Authoring tests: the test suite proves the content. For every exercise file: it is embedded and
//! indexed, it parses with the current format, its start fails, its reference solution passes,
//! each known mistake's example gets exactly its feedback, and its texts are there. Other valid
//! solutions (written differently from the reference) pass too, because goals test behaviour.

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde_json::{json, Value};
use vpclab_core::edit::{apply, apply_all, Action};
use vpclab_core::exercise::*;
use vpclab_core::model::Estate;

fn folder() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("exercises")
}

fn defs() -> &'static [ExerciseDef] {
    catalog()
        .unwrap_or_else(|e| panic!("the embedded exercises do not load: {e}"))
        .exercises()
}

fn feedback_ids(v: &Verdict) -> Vec<&str> {
    v.feedback.iter().map(|f| f.mistake.as_str()).collect()
}

fn failing(v: &Verdict) -> Vec<String> {
    v.goals
        .iter()
        .filter(|g| !g.passed)
        .map(|g| format!("{}: {}", g.id, g.message))
        .collect()
}

#[test]
fn folder_embedded_list_and_index_agree() {
    let on_disk: BTreeSet<String> = std::fs::read_dir(folder())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json") && n != "index.json")
        .collect();
    let embedded: BTreeSet<String> = EMBEDDED_FILES.iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(
        on_disk, embedded,
        "every file in exercises/ is embedded (load.rs) and nothing else"
    );
    for (name, text) in EMBEDDED_FILES {
        let disk = std::fs::read_to_string(folder().join(name)).unwrap();
        assert_eq!(&disk, text, "{name}");
    }
    let index: Index =
        serde_json::from_str(&std::fs::read_to_string(folder().join("index.json")).unwrap()).unwrap();
    let indexed: Vec<String> = index
        .sections
        .iter()
        .flat_map(|s| s.exercises.iter().map(|id| format!("{id}.json")))
        .collect();
    assert_eq!(
        indexed.len(),
        on_disk.len(),
        "each exercise listed once: {indexed:?}"
    );
    assert_eq!(indexed.into_iter().collect::<BTreeSet<_>>(), on_disk);
    assert_eq!(defs().len(), on_disk.len());
}

#[test]
fn ids_are_unique_and_match_file_names() {
    let ids: BTreeSet<&str> = defs().iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids.len(), defs().len());
    for (name, text) in EMBEDDED_FILES {
        let def = parse(name, text).unwrap();
        assert_eq!(format!("{}.json", def.id), *name);
        assert_eq!(def.format_version, FORMAT_VERSION, "{name}");
    }
}

#[test]
fn the_list_follows_the_index() {
    let list = catalog().unwrap().list();
    let index = &catalog().unwrap().index;
    let in_order: Vec<(&str, &str, &str)> = index
        .sections
        .iter()
        .flat_map(|s| {
            s.exercises
                .iter()
                .map(move |id| (id.as_str(), s.id.as_str(), s.title.as_str()))
        })
        .collect();
    assert_eq!(
        list.iter()
            .map(|s| (s.id.as_str(), s.section.as_str(), s.section_title.as_str()))
            .collect::<Vec<_>>(),
        in_order
    );
    let peering = list.iter().find(|s| s.section == "peering").unwrap();
    assert_eq!(
        (peering.id.as_str(), peering.section_title.as_str()),
        ("peer-default-vpc", "VPC peering"),
        "exercise 5 of issue 6 stays first of its section"
    );
    let curriculum = [
        "addresses",
        "internet",
        "peering",
        "transit-gateway",
        "endpoints",
        "design",
    ];
    let sections: Vec<&str> = index.sections.iter().map(|s| s.id.as_str()).collect();
    let mut known: Vec<&str> = sections.clone();
    known.retain(|s| curriculum.contains(s));
    assert_eq!(known, sections, "sections are those of issue 6");
    assert!(
        known
            .windows(2)
            .all(|w| curriculum.iter().position(|c| *c == w[0]) < curriculum.iter().position(|c| *c == w[1])),
        "sections in the order of issue 6: {known:?}"
    );
    assert!(list.iter().any(|s| s.section_title == "VPC endpoints"));
    assert_eq!(
        list.iter().map(|s| s.number).collect::<Vec<_>>(),
        (1..=list.len()).collect::<Vec<_>>()
    );
}

#[test]
fn texts_are_there() {
    for d in defs() {
        assert!(d.hints.len() >= 2, "{}: at least two hints", d.id);
        assert!(d.mistakes.len() >= 2, "{}: at least two known mistakes", d.id);
        assert!(!d.story.trim().is_empty(), "{}", d.id);
        for p in d.story.split("\n\n") {
            assert!(!p.trim().is_empty(), "{}: an empty paragraph in the story", d.id);
            assert!(
                !p.contains('\n'),
                "{}: paragraphs are separated by one blank line",
                d.id
            );
        }
        for text in d
            .hints
            .iter()
            .chain(d.goals.iter().map(|g| &g.text))
            .chain(d.mistakes.iter().map(|m| &m.feedback))
        {
            assert!(!text.trim().is_empty(), "{}", d.id);
            assert!(!text.contains('<'), "{}: plain text, no markup: {text}", d.id);
        }
    }
}

#[test]
fn allowed_actions_cover_the_solution_and_every_example() {
    for d in defs() {
        for a in d
            .solution
            .iter()
            .chain(d.mistakes.iter().flat_map(|m| m.example.iter()))
        {
            assert!(d.allows(a), "{}: {} is used but not allowed", d.id, a.name());
        }
    }
}

#[test]
fn every_start_fails_without_feedback() {
    for d in defs() {
        let v = check(d, &d.start_estate().unwrap());
        assert!(!v.passed, "{} ships already solved", d.id);
        assert!(
            v.feedback.is_empty(),
            "{}: the start shows mistakes {:?}",
            d.id,
            feedback_ids(&v)
        );
        for g in v.goals.iter().filter(|g| !g.passed) {
            assert!(g.message.ends_with('.'), "{}: {}", d.id, g.message);
            // A connection that works but takes the wrong path (NOT_VIA) or should not work at
            // all (REACHABLE) has a trace with no blocked hop to name.
            if let Some(t) = g.trace.as_ref().filter(|t| t.blocked.is_some()) {
                let at = g.at.as_deref().expect("a blocked trace names its hop");
                assert!(
                    g.message.contains(at),
                    "{}: the message names the hop: {}",
                    d.id,
                    g.message
                );
                assert_eq!(t.blocked.as_ref().map(|b| b.at.as_str()), Some(at));
            }
        }
    }
}

#[test]
fn every_solution_passes_every_goal_without_feedback() {
    for d in defs() {
        let e = d.solution_estate().unwrap_or_else(|err| panic!("{err}"));
        let v = check(d, &e);
        assert!(v.passed, "{}: {:?}", d.id, failing(&v));
        assert!(v.feedback.is_empty(), "{}: {:?}", d.id, feedback_ids(&v));
        assert!(v.goals.iter().all(|g| g.message.ends_with('.')));
    }
}

#[test]
fn every_mistake_example_gets_exactly_its_feedback() {
    for d in defs() {
        for m in &d.mistakes {
            let mut e = d.start_estate().unwrap();
            apply_all(&mut e, &m.example)
                .unwrap_or_else(|(i, err)| panic!("{}/{}: example action {i} refused: {err}", d.id, m.id));
            let v = check(d, &e);
            assert!(!v.passed, "{}/{}: the mistake passes every goal", d.id, m.id);
            assert_eq!(feedback_ids(&v), [m.id.as_str()], "{}/{}", d.id, m.id);
            assert_eq!(v.feedback[0].feedback, m.feedback);
        }
    }
}

/// No dead ends: after each known mistake, its recovery (what a learner would do in the console,
/// with the exercise's allowed actions only) reaches a state that passes every goal, with no
/// feedback left, without Reset.
#[test]
fn every_mistake_has_a_recovery_that_passes_every_goal() {
    let mut recovered = 0;
    for d in defs() {
        for m in &d.mistakes {
            assert!(!m.recovery.is_empty(), "{}/{}: no recovery", d.id, m.id);
            let mut e = d.start_estate().unwrap();
            apply_all(&mut e, &m.example).unwrap();
            for (i, a) in m.recovery.iter().enumerate() {
                assert!(
                    d.allows(a),
                    "{}/{}: recovery[{i}] {} is not allowed",
                    d.id,
                    m.id,
                    a.name()
                );
                apply(&mut e, a)
                    .unwrap_or_else(|err| panic!("{}/{}: recovery action {i} refused: {err}", d.id, m.id));
            }
            let v = check(d, &e);
            assert!(
                v.passed,
                "{}/{}: after the recovery {:?}",
                d.id,
                m.id,
                failing(&v)
            );
            assert!(v.feedback.is_empty(), "{}/{}: {:?}", d.id, m.id, feedback_ids(&v));
            recovered += 1;
        }
    }
    assert!(recovered >= 60, "only {recovered} mistakes");
}

/// The tgw-hub one-subnet mistake is recovered by modifying the attachments (adding the second
/// subnet), not by deleting and rebuilding them.
#[test]
fn the_one_zone_attachment_mistake_recovers_by_modifying_the_attachments() {
    let d = catalog().unwrap().get("tgw-hub").unwrap();
    let m = d
        .mistakes
        .iter()
        .find(|m| m.id == "one-zone-attachments")
        .unwrap();
    assert!(!m.recovery.is_empty());
    assert!(m
        .recovery
        .iter()
        .all(|a| a.name() == "modify_transit_gateway_attachment"));
}

/// Applies JSON actions one by one; `$0`, `$1` … in a string stand for the first id created by
/// the 1st, 2nd … action.
fn play(id: &str, steps: &[Value]) -> Estate {
    let d = catalog().unwrap().get(id).unwrap();
    let mut e = d.start_estate().unwrap();
    let mut created: Vec<String> = Vec::new();
    for step in steps {
        let mut text = step.to_string();
        for (i, c) in created.iter().enumerate().rev() {
            text = text.replace(&format!("${i}"), c);
        }
        let action: Action = serde_json::from_str(&text).unwrap_or_else(|err| panic!("{text}: {err}"));
        assert!(d.allows(&action), "{id}: {} not allowed", action.name());
        let done = apply(&mut e, &action).unwrap_or_else(|err| panic!("{text}: {err}"));
        created.push(done.created.first().cloned().unwrap_or_default());
    }
    e
}

fn start_id(exercise: &str, name: &str) -> String {
    let d = catalog().unwrap().get(exercise).unwrap();
    let e = d.start_estate().unwrap();
    e.vpcs
        .values()
        .find(|v| v.name.as_deref() == Some(name) || (name == "default" && v.is_default))
        .map(|v| v.id.to_string())
        .or_else(|| {
            e.route_tables
                .values()
                .find(|t| t.name.as_deref() == Some(name))
                .map(|t| t.id.to_string())
        })
        .unwrap_or_else(|| panic!("{exercise}: nothing named {name}"))
}

fn main_table(exercise: &str, vpc: &str) -> String {
    let d = catalog().unwrap().get(exercise).unwrap();
    let e = d.start_estate().unwrap();
    e.main_route_table(&vpc.into()).unwrap().id.to_string()
}

#[test]
fn other_valid_solutions_pass() {
    let ex1 = "peer-default-vpc";
    let (v1, dv) = (start_id(ex1, "VPC-1"), start_id(ex1, "default"));
    let (rt1, rtd) = (main_table(ex1, &v1), main_table(ex1, &dv));
    let ex2 = "not-transitive";
    let (a, c) = (start_id(ex2, "VPC-1"), start_id(ex2, "VPC-3"));
    let (rta, rtc) = (main_table(ex2, &a), main_table(ex2, &c));
    let ex3 = "s3-gateway-endpoint";
    let v = start_id(ex3, "VPC-1");
    let (app, main) = (start_id(ex3, "App"), main_table(ex3, &v));
    let cases: Vec<(&str, &str, Vec<Value>)> = vec![
        (
            ex1,
            "requested from the default VPC, routes before the accept, wider destinations",
            vec![
                json!({"action": "request_peering", "vpc": dv, "peer_vpc": v1}),
                json!({"action": "create_route", "route_table": rt1, "destination": "172.16.0.0/12", "target": "$0"}),
                json!({"action": "create_route", "route_table": rtd, "destination": "10.0.0.0/8", "target": "$0"}),
                json!({"action": "accept_peering", "peering": "$0"}),
            ],
        ),
        (
            ex1,
            "two specific routes instead of one",
            vec![
                json!({"action": "request_peering", "vpc": v1, "peer_vpc": dv}),
                json!({"action": "accept_peering", "peering": "$0"}),
                json!({"action": "create_route", "route_table": rt1, "destination": "172.31.0.0/20", "target": "$0"}),
                json!({"action": "create_route", "route_table": rt1, "destination": "172.31.16.0/20", "target": "$0"}),
                json!({"action": "create_route", "route_table": rtd, "destination": "10.1.0.0/16", "target": "$0"}),
            ],
        ),
        (
            ex2,
            "requested from VPC-3; old routes deleted and created anew",
            vec![
                json!({"action": "request_peering", "vpc": c, "peer_vpc": a}),
                json!({"action": "accept_peering", "peering": "$0"}),
                json!({"action": "delete_route", "route_table": rta, "destination": "10.3.0.0/16"}),
                json!({"action": "delete_route", "route_table": rtc, "destination": "10.1.0.0/16"}),
                json!({"action": "create_route", "route_table": rta, "destination": "10.3.0.0/16", "target": "$0"}),
                json!({"action": "create_route", "route_table": rtc, "destination": "10.1.0.0/16", "target": "$0"}),
            ],
        ),
        (
            ex2,
            "more specific routes over the direct peering, the old ones left",
            vec![
                json!({"action": "request_peering", "vpc": a, "peer_vpc": c}),
                json!({"action": "accept_peering", "peering": "$0"}),
                json!({"action": "create_route", "route_table": rta, "destination": "10.3.1.0/24", "target": "$0"}),
                json!({"action": "create_route", "route_table": rtc, "destination": "10.1.1.0/24", "target": "$0"}),
            ],
        ),
        (
            ex3,
            "endpoint on both tables, then the main table removed",
            vec![
                json!({"action": "create_gateway_endpoint", "vpc": v, "service": "com.amazonaws.us-east-2.s3", "route_tables": [app, main]}),
                json!({"action": "modify_gateway_endpoint", "endpoint": "$0", "remove_route_tables": [main]}),
            ],
        ),
    ];
    for (id, what, steps) in cases {
        let d = catalog().unwrap().get(id).unwrap();
        let v = check(d, &play(id, &steps));
        assert!(v.passed, "{id} ({what}): {:?}", failing(&v));
        assert!(v.feedback.is_empty(), "{id} ({what}): {:?}", feedback_ids(&v));
    }
}

#[test]
fn a_blocked_goal_says_where_the_packet_dies() {
    let d = catalog().unwrap().get("peer-default-vpc").unwrap();
    let mistake = d.mistakes.iter().find(|m| m.id == "one-side-only").unwrap();
    let mut e = d.start_estate().unwrap();
    apply_all(&mut e, &mistake.example).unwrap();
    let v = check(d, &e);
    let g = v.goals.iter().find(|g| g.id == "app-to-db").unwrap();
    assert_eq!(g.code.as_deref(), Some("NO_RETURN_ROUTE"));
    let t = g.trace.as_ref().unwrap();
    assert!(t.forward.reached, "the request gets there");
    assert_eq!(t.return_path.reached, Some(false));
    assert!(
        g.message.contains("the reply dies. No return route: "),
        "{}",
        g.message
    );
    let json = serde_json::to_value(&v).unwrap();
    assert_eq!(json["goals"][0]["code"], "NO_RETURN_ROUTE");
    assert_eq!(json["goals"][0]["trace"]["return"]["reached"], false);
    assert!(
        json["goals"][2].get("trace").is_none(),
        "no trace for validate_clean"
    );
}
