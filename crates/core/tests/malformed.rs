//! The malformed-input catalogue (`tests/malformed/cases.json`): the table itself (enough cases,
//! every kind of input the issue names, each with a message to check), and the cases whose
//! door is `core`: exercise files, read by `exercise::parse` (the page's `Session.addExercise`
//! reads them the same way, and the wasm driver runs them too). The CLI and the wasm Session
//! drive the other doors (`crates/cli/tests/malformed.rs`, `crates/wasm/tests/malformed.rs`).

#[path = "../../../tests/malformed/table.rs"]
mod table;

use std::collections::BTreeSet;

use table::Table;
use vpclab_core::exercise::parse;

#[test]
fn the_catalogue_covers_every_kind_of_input_with_checkable_messages() {
    let table = Table::load();
    assert!(table.cases.len() >= 40, "{} cases", table.cases.len());
    let ids: BTreeSet<&str> = table.cases.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids.len(), table.cases.len(), "case ids are unique");
    let kinds: BTreeSet<&str> = table.cases.iter().map(|c| c.what.as_str()).collect();
    for kind in [
        "cidr", "json", "id", "route", "action", "prices", "share", "saved", "exercise",
    ] {
        assert!(kinds.contains(kind), "no case of kind {kind}");
    }
    for c in &table.cases {
        assert!(!c.doors.is_empty(), "{}: no door", c.id);
        for d in &c.doors {
            assert!(
                ["cli", "wasm", "core"].contains(&d.as_str()),
                "{}: door {d}",
                c.id
            );
            // What is wrong and where or what is valid: at least two things to find.
            assert!(c.fragments(d).len() >= 2, "{}: fewer than two fragments", c.id);
        }
        // Every source in the input resolves (fixtures exist, pointers land).
        for key in ["documents", "start", "traffic", "prices", "saved", "exercise"] {
            if c.input.get(key).is_some_and(|v| v.is_object()) {
                let _ = table.text_of(c, key);
            }
        }
    }
    assert!(table.through("cli").len() >= 40);
    assert!(table.through("wasm").len() >= 40);
}

#[test]
fn malformed_exercise_files_are_refused_with_the_path_and_the_fix() {
    let table = Table::load();
    let cases = table.through("core");
    assert!(cases.len() >= 5, "{} exercise cases", cases.len());
    let mut failures = Vec::new();
    for c in cases {
        assert_eq!(c.str("op"), "exercise_file", "{}", c.id);
        let text = table.text_of(c, "exercise");
        match parse("exercise file", &text) {
            Ok(def) => failures.push(format!("{}: accepted as exercise {}", c.id, def.id)),
            Err(e) => {
                if let Err(f) = c.check("core", &e.to_string()) {
                    failures.push(f);
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_unaltered_exercise_fixture_parses() {
    // The exercise cases alter a shipped file; unaltered, it must be accepted, so each refusal
    // above comes from the alteration.
    let table = Table::load();
    let probe = table
        .through("core")
        .into_iter()
        .next()
        .expect("an exercise case");
    let text = table.text(probe, &serde_json::json!({"fixture": "exercise"}));
    assert!(parse("exercise file", &text).is_ok());
}
