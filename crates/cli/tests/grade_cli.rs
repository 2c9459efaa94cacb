//! `vpclab grade` run as a real process on a class folder: a student who solved the exercise (a
//! workspace saved by the page), one who made a known mistake (AWS CLI JSON), one still at the
//! start (a snapshot folder), a malformed file, a workspace of another exercise and a stray text
//! file. Every entry gets its row, bad ones say why, and the run exits 0.

mod common;

use common::{vpclab, Scratch};

use std::path::Path;

use serde_json::Value;
use vpclab_core::aws::export;
use vpclab_core::edit::apply_all;
use vpclab_core::exercise::catalog;
use vpclab_core::workspace::{Source, Workspace};

const EXERCISE: &str = "nat-gateway";

fn solved_workspace(exercise: &str) -> String {
    let mut w = Workspace::load_exercise(exercise).unwrap();
    for a in w.exercise().unwrap().solution.clone() {
        w.apply(a).unwrap();
    }
    w.save_json()
}

/// The class: alice solved it (saved workspace), bob made the private NAT gateway mistake (AWS
/// JSON), carol's file is cut short, dave handed in another exercise, erin's snapshot folder holds
/// the untouched start, and a notes file and a hidden file lie about.
fn class() -> Scratch {
    let def = catalog().unwrap().get(EXERCISE).unwrap();
    let mistake = def
        .mistakes
        .iter()
        .find(|m| m.id == "private-nat-gateway")
        .unwrap();
    let mut bob = def.start_estate().unwrap();
    apply_all(&mut bob, &mistake.example).unwrap();
    let start = export(&def.start_estate().unwrap())[0].to_string();
    let folder = Scratch::new("grade");
    for (name, text) in [
        ("alice.json", solved_workspace(EXERCISE)),
        ("bob.json", Value::Array(export(&bob)).to_string()),
        (
            "carol.json",
            "[{\"AccountId\": \"111122223333\", \"Vpcs\": [".to_string(),
        ),
        ("dave.json", solved_workspace("public-subnet")),
        ("erin/aws_configs/us-east-2/state.json", start),
        ("notes.txt", "grade by Friday".to_string()),
        (".DS_Store", String::new()),
    ] {
        folder.write(name, &text);
    }
    folder
}

fn rows(report: &Value) -> Vec<&Value> {
    report["students"].as_array().unwrap().iter().collect()
}

#[test]
fn json_gives_one_row_per_student_and_says_why_a_file_was_not_graded() {
    let folder = class();
    let run = vpclab(&["grade", "--exercise", EXERCISE, folder.path(), "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    let def = catalog().unwrap().get(EXERCISE).unwrap();
    assert_eq!(report["exercise"], EXERCISE);
    let goal_ids: Vec<&str> = report["goals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        goal_ids,
        def.goals.iter().map(|g| g.id.as_str()).collect::<Vec<_>>()
    );
    let rows = rows(&report);
    let names: Vec<&str> = rows.iter().map(|r| r["student"].as_str().unwrap()).collect();
    assert_eq!(names, ["alice", "bob", "carol", "dave", "erin", "notes.txt"]);
    let row = |name: &str| *rows.iter().find(|r| r["student"] == name).unwrap();

    let alice = row("alice");
    assert_eq!(alice["status"], "passed");
    assert_eq!(alice["goals_passed"], def.goals.len());
    assert!(alice["goals"]
        .as_array()
        .unwrap()
        .iter()
        .all(|g| g["passed"] == true));
    assert!(alice.get("error").is_none());

    let bob = row("bob");
    assert_eq!(bob["status"], "failed");
    assert_eq!(bob["mistakes"], serde_json::json!(["private-nat-gateway"]));
    let out = &bob["goals"][0];
    assert_eq!(
        (out["id"].as_str(), out["passed"].as_bool()),
        (Some("app-out"), Some(false))
    );
    assert_eq!(out["code"], "NO_INTERNET_ACCESS");
    assert_eq!(bob["goals_passed"], def.goals.len() - 1);

    let erin = row("erin");
    assert_eq!(erin["status"], "failed", "{erin}");
    assert_eq!(erin["goals"][0]["code"], "NO_ROUTE");
    assert_eq!(erin["mistakes"], serde_json::json!([]));

    for (name, words) in [
        ("carol", "not valid JSON"),
        ("dave", "is exercise public-subnet, not exercise nat-gateway"),
        ("notes.txt", "neither a .json file nor a snapshot folder"),
    ] {
        let r = row(name);
        assert_eq!(r["status"], "error", "{r}");
        assert!(r["error"].as_str().unwrap().contains(words), "{r}");
        assert_eq!(r["goals"], serde_json::json!([]));
    }
    assert_eq!(
        report["summary"],
        serde_json::json!({"students": 6, "passed": 1, "failed": 2, "errors": 3})
    );
}

/// Splits CSV text (RFC 4180 quoting) into rows of fields.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut field, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut field)),
            ('\n', false) => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (c, _) => field.push(c),
        }
    }
    rows
}

#[test]
fn csv_has_a_column_per_goal() {
    let folder = class();
    let run = vpclab(&["grade", "--exercise", EXERCISE, folder.path(), "--csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let table = parse_csv(&run.stdout);
    let def = catalog().unwrap().get(EXERCISE).unwrap();
    let mut head = vec!["student", "file", "status", "goals_passed", "goals_total"];
    head.extend(def.goals.iter().map(|g| g.id.as_str()));
    head.extend(["mistakes", "how", "error"]);
    assert_eq!(table[0], head);
    assert_eq!(table.len(), 7, "a header and six students: {}", run.stdout);
    assert!(table.iter().all(|r| r.len() == head.len()), "{}", run.stdout);
    let row = |name: &str| table.iter().find(|r| r[0] == name).unwrap();
    let total = def.goals.len().to_string();
    assert_eq!(row("alice")[2..5], ["passed", total.as_str(), total.as_str()]);
    assert!(row("alice")[5..5 + def.goals.len()].iter().all(|c| c == "pass"));
    let bob = row("bob");
    assert_eq!(bob[2], "failed");
    assert_eq!(bob[5], "fail", "app-out");
    assert_eq!(bob[head.len() - 3], "private-nat-gateway");
    assert_eq!(
        bob[head.len() - 2],
        "not recorded (AWS CLI JSON, not work saved by the page)"
    );
    assert!(bob[1].ends_with("bob.json"), "{bob:?}");
    let carol = row("carol");
    assert_eq!((carol[2].as_str(), carol[3].as_str()), ("error", ""));
    assert!(carol[5..5 + def.goals.len()].iter().all(|c| c.is_empty()));
    assert!(carol[head.len() - 1].contains("not valid JSON"), "{carol:?}");
}

#[test]
fn text_sums_up_the_class() {
    let folder = class();
    let run = vpclab(&["grade", "--exercise", EXERCISE, folder.path()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("nat-gateway: 6 students, 1 passed, 2 failed, 3 not graded\n"),
        "{}",
        run.stdout
    );
    for words in [
        "✓ alice ",
        "✗ bob ",
        "failing: app-out  mistakes: private-nat-gateway",
        "! carol ",
        "not graded: ",
    ] {
        assert!(run.stdout.contains(words), "{words}: {}", run.stdout);
    }
}

#[test]
fn an_empty_class_is_graded_and_bad_arguments_exit_2() {
    let empty = Scratch::new("grade");
    let run = vpclab(&["grade", "--exercise", EXERCISE, empty.path(), "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["students"], serde_json::json!([]));
    assert_eq!(report["summary"]["students"], 0);

    let missing = Path::new(empty.path()).join("no-such-folder");
    for (args, words) in [
        (
            vec!["grade", "--exercise", "nope", empty.path()],
            "no such exercise",
        ),
        (
            vec!["grade", "--exercise", EXERCISE, missing.to_str().unwrap()],
            "cannot read the folder",
        ),
        (
            vec!["grade", "--exercise", EXERCISE, empty.path(), "--json", "--csv"],
            "cannot be used with",
        ),
    ] {
        let run = vpclab(&args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stdout);
        assert!(run.stderr.contains(words), "{args:?}: {}", run.stderr);
    }
}

/// A hand-in saved by the page, reached as `how` says: `own` actions, `hints` opened, the
/// solution `revealed`, `played` (every step from the solution).
fn handed_in(hints: u32, revealed: bool, played: bool) -> String {
    let mut w = Workspace::load_exercise(EXERCISE).unwrap();
    w.note_hints_opened(hints);
    if revealed {
        w.note_solution_revealed();
    }
    let source = if played { Source::Solution } else { Source::Learner };
    for a in w.exercise().unwrap().solution.clone() {
        w.apply_from(a, source).unwrap();
    }
    w.save_json()
}

#[test]
fn how_the_work_was_reached_has_its_own_column() {
    let folder = Scratch::new("grade-how");
    let steps = catalog().unwrap().get(EXERCISE).unwrap().solution.len();
    let mut old: Value = serde_json::from_str(&handed_in(0, false, false)).unwrap();
    old["version"] = 1.into();
    old.as_object_mut().unwrap().remove("how");
    let start = Value::Array(export(
        &catalog().unwrap().get(EXERCISE).unwrap().start_estate().unwrap(),
    ));
    for (name, text) in [
        ("own.json", handed_in(0, false, false)),
        ("hinted.json", handed_in(2, false, false)),
        ("typed.json", handed_in(1, true, false)),
        ("played.json", handed_in(0, true, true)),
        ("old.json", old.to_string()),
        ("aws.json", start.to_string()),
    ] {
        folder.write(name, &text);
    }
    let run = vpclab(&["grade", "--exercise", EXERCISE, folder.path(), "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    let row = |name: &str| {
        rows(&report)
            .into_iter()
            .find(|r| r["student"] == name)
            .unwrap()
            .clone()
    };
    // All four solved it: the grade alone cannot tell them apart, `how` can.
    for name in ["own", "hinted", "typed", "played", "old"] {
        assert_eq!(row(name)["status"], "passed", "{name}");
    }
    let played = format!("solution revealed; {steps} of {steps} actions played from the solution");
    for (name, how) in [
        ("own", "own actions only"),
        ("hinted", "2 hints opened"),
        ("typed", "1 hint opened; solution revealed"),
        ("played", played.as_str()),
        (
            "old",
            "not recorded (saved by an earlier vpclab, format version 1)",
        ),
        ("aws", "not recorded (AWS CLI JSON, not work saved by the page)"),
    ] {
        assert_eq!(row(name)["how"], how, "{name}");
    }
    assert_eq!(
        row("played")["how_reached"]["solution_played"]
            .as_array()
            .unwrap()
            .len(),
        steps
    );
    assert_eq!(row("old")["how_reached"], Value::Null);

    let run = vpclab(&["grade", "--exercise", EXERCISE, folder.path(), "--csv"]);
    let table = parse_csv(&run.stdout);
    let col = table[0].iter().position(|h| h == "how").unwrap();
    let csv_row = |name: &str| table.iter().find(|r| r[0] == name).unwrap().clone();
    assert_eq!(csv_row("played")[col], played);
    assert_eq!(csv_row("own")[col], "own actions only");
    let run = vpclab(&["grade", "--exercise", EXERCISE, folder.path()]);
    assert!(run.stdout.contains(&format!("how: {played}")), "{}", run.stdout);
}
