//! Every version of the saved-work format the page and the CLI ever wrote still restores: one
//! sample file per version and kind in `tests/fixtures/saved/` (`workspace-v<N>-<kind>.json`),
//! restored with [`Workspace::restore_json`] to the state it describes. A new format version adds
//! its samples there; the old ones stay, so an upgrade never loses a learner's work.

use std::path::PathBuf;

use serde_json::Value;
use vpclab_core::workspace::{Workspace, SAVE_VERSION};

fn folder() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/saved")
}

fn sample(name: &str) -> String {
    let path = folder().join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// (file, exercise id or None for the sandbox, actions in the log, subnets in the estate).
const SAMPLES: &[(&str, Option<&str>, usize, usize)] = &[
    ("workspace-v1-exercise.json", Some("peer-default-vpc"), 2, 5),
    ("workspace-v1-sandbox.json", None, 1, 2),
    ("workspace-v2-exercise.json", Some("peer-default-vpc"), 2, 5),
    ("workspace-v2-sandbox.json", None, 1, 2),
];

#[test]
fn every_saved_version_restores_to_its_state() {
    for &(file, exercise, actions, subnets) in SAMPLES {
        let text = sample(file);
        let ws = Workspace::restore_json(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(ws.exercise().map(|d| d.id.as_str()), exercise, "{file}");
        assert_eq!(ws.actions().len(), actions, "{file}: actions replayed");
        assert_eq!(ws.history().len(), actions, "{file}: history");
        assert_eq!(
            ws.estate().subnets.len(),
            subnets,
            "{file}: subnets after the actions"
        );
        if exercise.is_some() {
            // Half the reference solution: graded, and not yet passed.
            let verdict = ws
                .check()
                .unwrap_or_else(|| panic!("{file}: an exercise has a verdict"));
            assert!(!verdict.passed, "{file}");
        }
    }
}

#[test]
fn every_version_up_to_the_current_one_has_samples() {
    let mut names: Vec<String> = std::fs::read_dir(folder())
        .expect("tests/fixtures/saved exists")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| n.starts_with("workspace-v"))
        .collect();
    names.sort();
    for version in 1..=SAVE_VERSION {
        let prefix = format!("workspace-v{version}-");
        assert!(
            names.iter().any(|n| n.starts_with(&prefix)),
            "no sample of version {version}: {names:?}"
        );
    }
    // Every sample on disk is checked above.
    for name in &names {
        assert!(
            SAMPLES.iter().any(|(f, ..)| f == name),
            "{name} is not in SAMPLES"
        );
    }
}

#[test]
fn a_sample_saved_again_keeps_its_actions_and_start() {
    for &(file, ..) in SAMPLES {
        let text = sample(file);
        let before: Value = serde_json::from_str(&text).expect("sample is JSON");
        let ws = Workspace::restore_json(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
        let after: Value = serde_json::from_str(&ws.save_json()).expect("save is JSON");
        assert_eq!(after["format"], "vpclab-workspace", "{file}");
        assert_eq!(after["version"], SAVE_VERSION, "{file}");
        assert_eq!(after["exercise"], before["exercise"], "{file}");
        assert_eq!(after["actions"], before["actions"], "{file}");
        // How the work was reached is kept (a version-1 sample had none: nothing recorded).
        let how = if before["how"].is_null() {
            serde_json::json!({"hints_opened": 0, "solution_revealed": false})
        } else {
            before["how"].clone()
        };
        assert_eq!(after["how"], how, "{file}");
        assert_eq!(
            after["documents"].is_null(),
            before["documents"].is_null(),
            "{file}"
        );
    }
}
