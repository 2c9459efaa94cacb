//! The malformed-input catalogue (`tests/malformed/cases.json`) through the command line: every
//! case whose doors include `cli` runs the real binary, which must exit with code 2 and print on
//! stderr a message holding the case's fragments (what is wrong, where, what would be valid),
//! and never panic.
//!
//! How each input reaches the binary: CIDRs as `vpclab cidr …` arguments; AWS JSON documents and
//! snapshot folders as the state `vpclab check` grades (a teacher's grading run); reach questions
//! as `vpclab reach`; actions as `vpclab export --start … --actions …` (or a saved workspace of
//! an exercise); prices and traffic as `vpclab cost`; saved progress and share links as the
//! `--state` of `vpclab export`.

mod common;

use common::Scratch;

#[path = "../../../tests/malformed/table.rs"]
mod table;

use std::path::Path;
use std::process::Command;

use serde_json::Value;
use table::{Case, Table};

/// A number as the command line writes it (`8`, not `8.0`).
fn number(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        other => panic!("not a number: {other}"),
    }
}

/// The arguments that put `case` through the binary.
fn arguments(table: &Table, case: &Case, dir: &Scratch) -> Vec<String> {
    let i = &case.input;
    let s = |v: &str| v.to_string();
    let mut args: Vec<String> = match case.str("op") {
        "cidr_info" => vec![s("cidr"), s("info"), s(case.str("cidr"))],
        "cidr_split" => vec![
            s("cidr"),
            s("split"),
            s(case.str("cidr")),
            s("--prefix"),
            number(&i["prefix"]),
        ],
        "cidr_aggregate" => [vec![s("cidr"), s("aggregate")], case.strs("cidrs")].concat(),
        "cidr_overlap" => [vec![s("cidr"), s("overlap")], case.strs("cidrs")].concat(),
        "cidr_exclude" => [
            vec![s("cidr"), s("exclude"), s(case.str("cidr"))],
            case.strs("excluded"),
        ]
        .concat(),
        "documents" => {
            let state = dir.write("documents.json", &table.text_of(case, "documents"));
            vec![
                s("check"),
                s("--exercise"),
                s("peer-default-vpc"),
                s("--state"),
                state,
            ]
        }
        "files" => {
            for f in i["files"].as_array().expect("files") {
                let path = f["path"].as_str().expect("path");
                dir.write(&format!("snapshot/{path}"), &table.text(case, f));
            }
            let state = dir.join("snapshot");
            vec![
                s("check"),
                s("--exercise"),
                s("peer-default-vpc"),
                s("--state"),
                state,
            ]
        }
        "reach" => {
            let docs = dir.write("documents.json", &table.text_of(case, "documents"));
            let mut a = vec![
                s("reach"),
                s("--aws"),
                docs,
                s("--from"),
                s(case.str("from")),
                s("--to"),
                s(case.str("to")),
            ];
            if let Some(p) = i.get("protocol").and_then(Value::as_str) {
                a.extend([s("--protocol"), s(p)]);
            }
            if let Some(port) = i.get("port") {
                a.extend([s("--port"), number(port)]);
            }
            a
        }
        "actions" => {
            let actions = table.actions(case).join(", ");
            match i.get("exercise").and_then(Value::as_str) {
                Some(exercise) => {
                    let saved = format!(
                        r#"{{"format": "vpclab-workspace", "version": 1, "exercise": "{exercise}", "actions": [{actions}]}}"#
                    );
                    let state = dir.write("saved.json", &saved);
                    vec![s("export"), s("--format"), s("aws-cli"), s("--state"), state]
                }
                None => {
                    let start = dir.write("start.json", &table.text_of(case, "start"));
                    let list = dir.write("actions.json", &format!("[{actions}]"));
                    vec![
                        s("export"),
                        s("--format"),
                        s("aws-cli"),
                        s("--start"),
                        start,
                        s("--actions"),
                        list,
                    ]
                }
            }
        }
        "cost" => {
            let docs = dir.write("documents.json", &table.text_of(case, "documents"));
            let traffic = dir.write("traffic.json", &table.text_of(case, "traffic"));
            let mut a = vec![s("cost"), s("--aws"), docs, s("--traffic"), traffic];
            if !i["prices"].is_null() {
                a.extend([
                    s("--prices"),
                    dir.write("prices.json", &table.text_of(case, "prices")),
                ]);
            }
            a
        }
        "restore" => {
            let state = dir.write("saved.json", &table.text_of(case, "saved"));
            vec![s("export"), s("--format"), s("aws-cli"), s("--state"), state]
        }
        op => panic!("{}: the CLI has no door for {op}", case.id),
    };
    args.shrink_to_fit();
    args
}

/// Runs one case; `Err` says what went wrong.
fn run(table: &Table, case: &Case) -> Result<(), String> {
    let dir = Scratch::new(&format!("malformed-{}", case.id));
    let args = arguments(table, case, &dir);
    let out = Command::new(env!("CARGO_BIN_EXE_vpclab"))
        .args(&args)
        .output()
        .map_err(|e| format!("{}: cannot run vpclab: {e}", case.id))?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    if out.status.code() != Some(2) {
        return Err(format!(
            "{}: exit {:?}, not 2 (bad input)\n    stderr: {stderr}\n    stdout: {}",
            case.id,
            out.status.code(),
            String::from_utf8_lossy(&out.stdout)
        ));
    }
    if stderr.contains("panicked") {
        return Err(format!("{}: panicked: {stderr}", case.id));
    }
    case.check("cli", stderr.trim())
}

#[test]
fn every_malformed_input_is_refused_by_the_cli_with_a_message_naming_it() {
    let table = Table::load();
    let cases = table.through("cli");
    assert!(cases.len() >= 40, "only {} CLI cases", cases.len());
    let failures: Vec<String> = cases.iter().filter_map(|c| run(&table, c).err()).collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn scratch_paths_are_where_the_driver_says() {
    let dir = Scratch::new("self-test");
    let written = dir.write("a/b.json", "{}");
    assert!(Path::new(&written).is_file());
    assert_eq!(written, dir.join("a/b.json"));
    assert_eq!(number(&serde_json::json!(8)), "8");
    assert_eq!(number(&serde_json::json!("abc")), "abc");
}
