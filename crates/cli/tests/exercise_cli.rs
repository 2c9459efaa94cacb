//! `vpclab exercises`, `vpclab exercise show` and `vpclab check` run as real processes: the JSON
//! shapes, exit codes 0/1/2, grading the start, the solution, a known mistake and a workspace the
//! page saved.

mod common;

use common::{json_of, vpclab, ScratchFile};

use serde_json::{json, Value};
use vpclab_core::aws::export;
use vpclab_core::edit::apply_all;
use vpclab_core::exercise::catalog;
use vpclab_core::workspace::Workspace;

#[test]
fn exercises_lists_them_in_order() {
    let run = vpclab(&["exercises", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let list = json_of(&run);
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    let listed = catalog().unwrap().list();
    let expected: Vec<&str> = listed.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, expected, "the order of index.json");
    let peering = listed.iter().find(|e| e.section == "peering").unwrap();
    assert_eq!(peering.id, "peer-default-vpc", "first of its section");
    for e in list.as_array().unwrap() {
        for key in [
            "id",
            "title",
            "topic",
            "section",
            "section_title",
            "number",
            "goals",
            "hints",
        ] {
            assert!(e.get(key).is_some(), "{key} missing in {e}");
        }
    }
    let text = vpclab(&["exercises"]);
    assert_eq!(text.code, 0);
    assert!(
        text.stdout.starts_with(&format!("{}\n", listed[0].section_title)),
        "{}",
        text.stdout
    );
    let s3 = listed.iter().find(|e| e.id == "s3-gateway-endpoint").unwrap();
    assert!(
        text.stdout
            .contains(&format!("{}. s3-gateway-endpoint", s3.number)),
        "{}",
        text.stdout
    );
}

#[test]
fn show_gives_start_and_solution_as_aws_json() {
    let run = vpclab(&["exercise", "show", "peer-default-vpc", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let shown = json_of(&run);
    assert_eq!(shown["id"], "peer-default-vpc");
    let number = catalog()
        .unwrap()
        .list()
        .into_iter()
        .find(|e| e.id == "peer-default-vpc")
        .unwrap()
        .number;
    assert_eq!(shown["number"], number);
    assert!(shown["story"].as_str().unwrap().contains("VPC-1"));
    assert_eq!(shown["goals"][0]["id"], "app-to-db");
    assert_eq!(shown["goals"][0]["check"]["kind"], "reachable");
    assert!(shown["hints"].as_array().unwrap().len() >= 2);
    assert_eq!(shown["solution_actions"][0]["action"], "request_peering");
    assert_eq!(shown["mistakes"][0]["id"], "one-side-only");
    let start = &shown["start"];
    let solution = &shown["solution"];
    assert_eq!(start[0]["Region"], "us-east-2");
    assert!(start[0]
        .get("VpcPeeringConnections")
        .is_none_or(|p| p.as_array().unwrap().is_empty()));
    assert_eq!(
        solution[0]["VpcPeeringConnections"][0]["Status"]["Code"],
        "active"
    );
    // --start and --solution print the same documents alone.
    let alone: Value =
        serde_json::from_str(&vpclab(&["exercise", "show", "peer-default-vpc", "--start"]).stdout).unwrap();
    assert_eq!(&alone, start);
    let alone: Value =
        serde_json::from_str(&vpclab(&["exercise", "show", "peer-default-vpc", "--solution"]).stdout)
            .unwrap();
    assert_eq!(&alone, solution);
    let text = vpclab(&["exercise", "show", "s3-gateway-endpoint"]);
    assert_eq!(text.code, 0);
    assert!(
        text.stdout.contains("Goals:\n  - export-job in App-A reaches S3"),
        "{}",
        text.stdout
    );
    let missing = vpclab(&["exercise", "show", "nope"]);
    assert_eq!(missing.code, 2);
    assert!(
        missing.stderr.contains(&format!(
            "no such exercise; there are: {},",
            catalog().unwrap().list()[0].id
        )),
        "{}",
        missing.stderr
    );
}

#[test]
fn check_grades_start_solution_and_mistakes() {
    for def in catalog().unwrap().exercises() {
        let start = ScratchFile::new(
            "exercise",
            "state.json",
            &vpclab(&["exercise", "show", &def.id, "--start"]).stdout,
        );
        let run = vpclab(&["check", "--exercise", &def.id, "--state", start.path(), "--json"]);
        assert_eq!(run.code, 1, "{}: {}", def.id, run.stderr);
        let v = json_of(&run);
        assert_eq!(v["passed"], false);
        assert_eq!(v["exercise"], def.id.as_str());
        let goals = v["goals"].as_array().unwrap();
        assert_eq!(goals.len(), def.goals.len());
        for g in goals {
            assert!(
                g["id"].is_string() && g["passed"].is_boolean() && g["message"].is_string(),
                "{g}"
            );
            assert!(g.get("trace").is_none(), "the CLI leaves traces out: {g}");
        }

        let solution = ScratchFile::new(
            "exercise",
            "state.json",
            &vpclab(&["exercise", "show", &def.id, "--solution"]).stdout,
        );
        let run = vpclab(&[
            "check",
            "--exercise",
            &def.id,
            "--state",
            solution.path(),
            "--json",
        ]);
        assert_eq!(run.code, 0, "{}: {}", def.id, run.stdout);
        assert_eq!(json_of(&run)["passed"], true);

        for m in &def.mistakes {
            let mut e = def.start_estate().unwrap();
            apply_all(&mut e, &m.example).unwrap();
            let file = ScratchFile::new("exercise", "state.json", &Value::Array(export(&e)).to_string());
            let run = vpclab(&["check", "--exercise", &def.id, "--state", file.path(), "--json"]);
            assert_eq!(run.code, 1, "{}/{}", def.id, m.id);
            assert_eq!(
                json_of(&run)["feedback"],
                json!([{"mistake": m.id, "feedback": m.feedback}])
            );
        }
    }
}

#[test]
fn check_text_names_the_failing_hop_and_the_mistake() {
    let def = catalog().unwrap().get("peer-default-vpc").unwrap();
    let m = def.mistakes.iter().find(|m| m.id == "one-side-only").unwrap();
    let mut e = def.start_estate().unwrap();
    apply_all(&mut e, &m.example).unwrap();
    let file = ScratchFile::new("exercise", "state.json", &Value::Array(export(&e)).to_string());
    let run = vpclab(&["check", "--exercise", &def.id, "--state", file.path()]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.starts_with("peer-default-vpc: 1 of 3 goals pass\n"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("✗ app-to-db: "), "{}", run.stdout);
    assert!(run.stdout.contains("(NO_RETURN_ROUTE)"), "{}", run.stdout);
    assert!(run.stdout.contains("✓ valid: "), "{}", run.stdout);
    assert!(
        run.stdout.contains("Known mistake (one-side-only): Only one VPC"),
        "{}",
        run.stdout
    );
}

#[test]
fn check_reads_a_workspace_saved_by_the_page() {
    let mut w = Workspace::load_exercise("not-transitive").unwrap();
    for a in w.exercise().unwrap().solution.clone() {
        w.apply(a).unwrap();
    }
    let saved = ScratchFile::new("exercise", "state.json", &w.save_json());
    let run = vpclab(&[
        "check",
        "--exercise",
        "not-transitive",
        "--state",
        saved.path(),
        "--json",
    ]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let other = vpclab(&["check", "--exercise", "peer-default-vpc", "--state", saved.path()]);
    assert_eq!(other.code, 2);
    assert!(
        other
            .stderr
            .contains("is exercise not-transitive, not exercise peer-default-vpc"),
        "{}",
        other.stderr
    );
}

#[test]
fn bad_input_exits_2_with_a_message() {
    let broken = ScratchFile::new("exercise", "state.json", "[{\"Vpcs\": [");
    let host_bits = ScratchFile::new("exercise", "state.json", 
        &json!({"AccountId": "111122223333", "Region": "us-east-2", "Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.1.0.1/16"}]})
            .to_string(),
    );
    let bad_save = ScratchFile::new(
        "exercise",
        "state.json",
        r#"{"format": "vpclab-workspace", "version": 7, "actions": []}"#,
    );
    for (args, words) in [
        (
            vec!["--exercise", "nope", "--state", broken.path()],
            "no such exercise",
        ),
        (
            vec![
                "--exercise",
                "peer-default-vpc",
                "--state",
                "/nonexistent/state.json",
            ],
            "cannot read",
        ),
        (
            vec!["--exercise", "peer-default-vpc", "--state", broken.path()],
            "not valid JSON",
        ),
        (
            vec!["--exercise", "peer-default-vpc", "--state", host_bits.path()],
            "$.Vpcs[0].CidrBlock: '10.1.0.1/16' has host bits set",
        ),
        (
            vec!["--exercise", "peer-default-vpc", "--state", bad_save.path()],
            "newer vpclab (version 7)",
        ),
    ] {
        let mut all = vec!["check"];
        all.extend(args);
        let run = vpclab(&all);
        assert_eq!(run.code, 2, "{all:?}: {}", run.stdout);
        assert!(run.stderr.starts_with("vpclab check: "), "{}", run.stderr);
        assert!(run.stderr.contains(words), "{all:?}: {}", run.stderr);
        assert!(run.stdout.is_empty());
    }
}
