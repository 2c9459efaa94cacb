//! The malformed-input catalogue (`tests/malformed/cases.json`, compiled in) through the wasm
//! `Session` and the CIDR functions, in headless Chromium: every case whose doors include `wasm`
//! must come back as a thrown JS `Error` (never a trap, never a value) whose message holds the
//! case's fragments (what is wrong, where, what would be valid). The CLI runs the same table
//! (`crates/cli/tests/malformed.rs`).
#![cfg(target_arch = "wasm32")]

#[path = "../../../tests/malformed/table.rs"]
mod table;

use js_sys::{Array, Error, Object, Reflect};
use serde_json::Value;
use table::{Case, Table};
use vpclab_wasm::cidr::{cidr_aggregate, cidr_exclude, cidr_info, cidr_overlap, cidr_split};
use vpclab_wasm::Session;
use wasm_bindgen::{JsCast, JsError, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn strings(list: &[String]) -> JsValue {
    let arr = Array::new();
    for s in list {
        arr.push(&JsValue::from_str(s));
    }
    arr.into()
}

/// A call's outcome as JavaScript sees it: `Ok` for a value, `Err` for what was thrown.
fn thrown<T>(r: Result<T, JsError>) -> Result<T, JsValue> {
    r.map_err(JsValue::from)
}

/// Loads a case's documents into a fresh Session; a refusal here is the table's mistake.
fn session_with(table: &Table, case: &Case, key: &str) -> Result<Session, String> {
    let mut s = Session::new();
    s.load_documents(&table.text_of(case, key))
        .map_err(|e| format!("{}: the {key} do not load: {:?}", case.id, JsValue::from(e)))?;
    Ok(s)
}

/// Puts the case through the Session; the result is what the last call returned or threw.
fn call(table: &Table, case: &Case) -> Result<Result<JsValue, JsValue>, String> {
    let i = &case.input;
    Ok(match case.str("op") {
        "cidr_info" => thrown(cidr_info(case.str("cidr"))),
        "cidr_split" => {
            let prefix = i["prefix"]
                .as_f64()
                .ok_or(format!("{}: prefix is a number", case.id))?;
            thrown(cidr_split(case.str("cidr"), prefix))
        }
        "cidr_aggregate" => thrown(cidr_aggregate(strings(&case.strs("cidrs")))),
        "cidr_overlap" => thrown(cidr_overlap(strings(&case.strs("cidrs")))),
        "cidr_exclude" => thrown(cidr_exclude(case.str("cidr"), strings(&case.strs("excluded")))),
        "documents" => thrown(Session::new().load_documents(&table.text_of(case, "documents"))),
        "files" => {
            let files = Array::new();
            for f in i["files"].as_array().ok_or("files")? {
                let o = Object::new();
                let path = f["path"].as_str().ok_or("path")?;
                let _ = Reflect::set(&o, &"path".into(), &JsValue::from_str(path));
                let _ = Reflect::set(&o, &"text".into(), &JsValue::from_str(&table.text(case, f)));
                files.push(&o);
            }
            thrown(Session::new().load_files(files.into()))
        }
        "reach" => {
            let s = session_with(table, case, "documents")?;
            let protocol = i.get("protocol").and_then(Value::as_str).map(String::from);
            let port = i.get("port").and_then(Value::as_f64);
            thrown(s.reach(case.str("from"), case.str("to"), protocol, port, None))
        }
        "actions" => {
            let mut s = match i.get("exercise").and_then(Value::as_str) {
                Some(id) => {
                    let mut s = Session::new();
                    s.load_exercise(id)
                        .map_err(|e| format!("{}: exercise {id}: {:?}", case.id, JsValue::from(e)))?;
                    s
                }
                None => session_with(table, case, "start")?,
            };
            let actions = table.actions(case);
            let (last, before) = actions.split_last().ok_or(format!("{}: no actions", case.id))?;
            for a in before {
                s.apply_action(a)
                    .map_err(|e| format!("{}: an action before the last is refused: {a}: {e:?}", case.id))?;
            }
            s.apply_action(last)
        }
        "cost" => {
            let s = session_with(table, case, "documents")?;
            let prices = (!i["prices"].is_null()).then(|| table.text_of(case, "prices"));
            thrown(s.cost(&table.text_of(case, "traffic"), prices))
        }
        "restore" => thrown(Session::new().restore(&table.text_of(case, "saved"))),
        "exercise_file" => thrown(Session::new().add_exercise(&table.text_of(case, "exercise"))),
        op => return Err(format!("{}: the Session has no door for {op}", case.id)),
    })
}

/// Runs one case; `Err` says what went wrong.
fn run(table: &Table, case: &Case) -> Result<(), String> {
    match call(table, case)? {
        Ok(v) => Err(format!("{}: accepted, returned {v:?}", case.id)),
        Err(thrown) => {
            let err: Error = thrown
                .dyn_into()
                .map_err(|v| format!("{}: threw something that is not an Error: {v:?}", case.id))?;
            case.check("wasm", &String::from(err.message()))
        }
    }
}

#[wasm_bindgen_test]
fn every_malformed_input_is_refused_by_the_session_with_an_error_naming_it() {
    let table = Table::load();
    let cases = table.through("wasm");
    assert!(cases.len() >= 40, "only {} wasm cases", cases.len());
    let failures: Vec<String> = cases.iter().filter_map(|c| run(&table, c).err()).collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[wasm_bindgen_test]
fn a_refused_load_or_restore_keeps_the_work() {
    // After a malformed input the Session still holds what it had (the page keeps working).
    let table = Table::load();
    let case = table
        .cases
        .iter()
        .find(|c| c.id == "docs-cidr-host-bits")
        .expect("the case");
    let mut s = Session::new();
    s.load_exercise("peer-default-vpc").expect("exercise 1");
    let before = s.save();
    assert!(s.load_documents(&table.text_of(case, "documents")).is_err());
    assert!(s
        .restore("{\"format\": \"vpclab-workspace\", \"version\": 9, \"actions\": []}")
        .is_err());
    assert!(s.apply_action("{\"action\": \"teleport\"}").is_err());
    assert_eq!(s.save(), before);
}
