//! The cargo-fuzz corpora (`fuzz/corpus/<target>/`), replayed on stable through the same target
//! bodies (`vpclab_core::fuzzing`) that the fuzzers run, plus the seeds the corpora grew from.
//! A file that panics fails the test, naming the file; a target with no corpus files fails too.
//!
//! `cargo test -p vpclab-core --test fuzz_corpus -- --ignored write_seeds` (re)writes the seeds
//! into the corpora (see FUZZING.md).

mod batfish_support;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use vpclab_core::exercise::EMBEDDED_FILES;
use vpclab_core::fuzzing::{join_files, shrink_start, Target, TARGETS};
use vpclab_core::workspace::Workspace;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs every input through `target`; the names of those that panicked.
fn panics(target: Target, inputs: &[(String, Vec<u8>)]) -> Vec<String> {
    inputs
        .iter()
        .filter(|(_, data)| catch_unwind(AssertUnwindSafe(|| target(data))).is_err())
        .map(|(name, _)| name.clone())
        .collect()
}

#[test]
fn committed_corpora_replay_without_panics() {
    let mut failures = Vec::new();
    for (name, target) in TARGETS {
        let dir = repo().join("fuzz/corpus").join(name);
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        let mut inputs = Vec::new();
        for entry in entries {
            let path = entry.expect("a directory entry").path();
            let data = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            inputs.push((path.display().to_string(), data));
        }
        assert!(
            inputs.len() >= 5,
            "{}: only {} corpus files",
            dir.display(),
            inputs.len()
        );
        println!("{name}: {} corpus files", inputs.len());
        failures.extend(panics(*target, &inputs));
    }
    assert!(failures.is_empty(), "corpus files that panic: {failures:#?}");
}

#[test]
fn seeds_run_without_panics() {
    let mut failures = Vec::new();
    for (name, target) in TARGETS {
        let inputs = seeds(name);
        assert!(!inputs.is_empty(), "no seeds for {name}");
        failures.extend(
            panics(*target, &inputs)
                .into_iter()
                .map(|f| format!("{name}/{f}")),
        );
    }
    assert!(failures.is_empty(), "seeds that panic: {failures:#?}");
}

/// Writes [`seeds`] into `fuzz/corpus/<target>/seed-<name>`.
#[test]
#[ignore = "writes files; run by hand to refresh the seeds"]
fn write_seeds() {
    for (name, _) in TARGETS {
        let dir = repo().join("fuzz/corpus").join(name);
        std::fs::create_dir_all(&dir).expect("corpus dir");
        for (seed, data) in seeds(name) {
            // The whole exercise files and fixture folders are big, and the fuzzers read them
            // from crates/core/exercises and tests/fixtures/batfish (seed folders of `cargo xtask
            // fuzz`), and `seeds_run_without_panics` replays them.
            let in_place = (*name == "exercise_check" && seed.ends_with(".json"))
                || (*name == "aws_documents" && seed.starts_with("batfish-"));
            if !in_place {
                std::fs::write(dir.join(format!("seed-{seed}")), data).expect("write seed");
            }
        }
    }
}

fn exercises() -> Vec<Value> {
    EMBEDDED_FILES
        .iter()
        .map(|(_, text)| serde_json::from_str(text).expect("exercise JSON"))
        .collect()
}

/// The snapshot folders of tests/fixtures/batfish, as (folder, files relative to it) with the
/// JSON re-printed compactly.
fn fixture_folders() -> Vec<(String, Vec<(String, String)>)> {
    batfish_support::snapshot_names()
        .into_iter()
        .map(|name| {
            let mut files: Vec<(String, String)> = batfish_support::files(&name)
                .into_iter()
                .map(|(rel, text)| {
                    let compact = serde_json::from_str::<Value>(&text)
                        .map(|v| v.to_string())
                        .unwrap_or(text);
                    (rel, compact)
                })
                .collect();
            // In the order of the paths as text (the seeds join them so).
            files.sort();
            (name, files)
        })
        .collect()
}

/// The seed inputs of each target, named.
fn seeds(target: &str) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = Vec::new();
    match target {
        "aws_documents" => {
            for ex in exercises() {
                out.push((
                    format!("{}-start", ex["id"].as_str().unwrap_or("x")),
                    ex["start"].to_string().into_bytes(),
                ));
            }
            let all: Vec<Value> = exercises().iter().map(|e| e["start"].clone()).collect();
            out.push(("all-starts".into(), Value::Array(all).to_string().into_bytes()));
            for (folder, files) in fixture_folders() {
                // Each folder's files merged into one document, as `jq -s add` gives.
                let mut doc = serde_json::Map::new();
                for (_, text) in &files {
                    if let Ok(Value::Object(o)) = serde_json::from_str::<Value>(text) {
                        doc.extend(o);
                    }
                }
                out.push((
                    format!("batfish-{folder}"),
                    Value::Object(doc).to_string().into_bytes(),
                ));
            }
        }
        "aws_snapshot" => {
            for (folder, files) in fixture_folders() {
                out.push((format!("batfish-{folder}"), join_files(&files)));
            }
        }
        "cidr_ops" => {
            let lists: [&[&str]; 8] = [
                &["10.0.0.0/16", "10.0.0.0/25", "10.0.0.128/25", "10.0.1.0/24"],
                &["10.0.0.0/24", "10.0.0.0/26", "192.0.2.0/24", "10.0.0.0/8"],
                &[
                    "2001:db8::/56",
                    "2001:db8::/64",
                    "2001:db8:0:ff::/64",
                    "10.0.0.0/16",
                ],
                &["0.0.0.0/0", "255.255.255.255/32", "::/0", "::1/128"],
                &[
                    "10.0.0.1/16",
                    "banana",
                    "10.0.0.0/33",
                    " 172.16.0.0/12 ",
                    "10.0.0.0/016",
                ],
                &[
                    "198.51.100.0/24",
                    "198.51.100.0/25",
                    "198.51.100.128/26",
                    "198.51.100.192/27",
                ],
                &[
                    "203.0.113.0/28",
                    "203.0.113.16/28",
                    "203.0.113.32/27",
                    "203.0.113.64/26",
                ],
                &[
                    "2001:DB8::/32",
                    "2001:db8:8000::/33",
                    "fe80::/10",
                    "::ffff:0:0/96",
                ],
            ];
            for (i, list) in lists.iter().enumerate() {
                let mut data = vec![(i * 3) as u8];
                data.extend(list.join("\n").bytes());
                out.push((format!("list-{i}"), data));
            }
        }
        "edit_actions" => {
            // Pseudo-random programs over each start estate.
            let mut x: u32 = 0x2545_f491;
            for start in 0..48u8 {
                let mut data = vec![start];
                for _ in 0..400 {
                    x ^= x << 13;
                    x ^= x >> 17;
                    x ^= x << 5;
                    data.push((x >> 24) as u8);
                }
                out.push((format!("program-{start}"), data));
            }
        }
        "exercise_check" => {
            for (file, text) in EMBEDDED_FILES {
                out.push(((*file).to_string(), text.as_bytes().to_vec()));
                if let Some(small) = shrink_start(text) {
                    out.push((format!("{file}-start-by-id"), small.into_bytes()));
                }
            }
        }
        "share_state" => {
            for ex in exercises() {
                let id = ex["id"].as_str().unwrap_or_default().to_string();
                let Ok(mut w) = Workspace::load_exercise(&id) else {
                    continue;
                };
                for action in ex["solution"].as_array().into_iter().flatten() {
                    if let Ok(a) = serde_json::from_value(action.clone()) {
                        let _ = w.apply(a);
                    }
                }
                let state = w.save_json();
                let link = json!({"v": 1, "kind": "exercise", "id": id, "state": state});
                out.push((format!("{id}-solved"), state.into_bytes()));
                out.push((format!("{id}-link"), link.to_string().into_bytes()));
                if let Ok(mut s) = Workspace::from_documents(&[("start".into(), ex["start"].clone())]) {
                    for action in ex["solution"].as_array().into_iter().flatten().take(2) {
                        if let Ok(a) = serde_json::from_value(action.clone()) {
                            let _ = s.apply(a);
                        }
                    }
                    let link = json!({"v": 1, "kind": "sandbox", "state": s.save_json()});
                    out.push((format!("{id}-sandbox-link"), link.to_string().into_bytes()));
                }
            }
        }
        other => panic!("no seeds for target {other}"),
    }
    out
}
