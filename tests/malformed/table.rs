//! Reading the malformed-input catalogue (`cases.json`), shared by the drivers that push every
//! case through a front door: the CLI binary (`crates/cli/tests/malformed.rs`), the wasm
//! `Session` in Chromium (`crates/wasm/tests/malformed.rs`) and core for exercise files
//! (`crates/core/tests/malformed.rs`). Each includes this file with `#[path]`; it needs only
//! `serde_json`. Problems in the table itself panic with the case's id.

#![allow(dead_code)] // each driver uses the part its doors need

use serde_json::{Map, Value};

/// The table, compiled in (the wasm test has no file system).
pub const CASES: &str = include_str!("cases.json");
/// The `prices` fixture: the shipped us-east-1 price table.
const PRICES: &str = include_str!("../../crates/core/data/prices/us-east-1.json");
/// The `exercise` fixture: a shipped exercise file.
const EXERCISE: &str = include_str!("../../crates/core/exercises/not-transitive.json");

/// One malformed input.
pub struct Case {
    pub id: String,
    /// What kind of input is malformed: cidr, json, id, route, action, prices, saved, share,
    /// exercise.
    pub what: String,
    /// The front doors it goes through: `cli`, `wasm`, `core`.
    pub doors: Vec<String>,
    /// `{"op": …, …}`: what to call and with what.
    pub input: Value,
    expect: Vec<String>,
    per_door: Map<String, Value>,
}

impl Case {
    /// The string field `key` of the input.
    pub fn str(&self, key: &str) -> &str {
        self.input
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("{}: input.{key} is not a string", self.id))
    }

    /// The string list `key` of the input.
    pub fn strs(&self, key: &str) -> Vec<String> {
        self.input
            .get(key)
            .and_then(Value::as_array)
            .unwrap_or_else(|| panic!("{}: input.{key} is not an array", self.id))
            .iter()
            .map(|v| {
                v.as_str()
                    .unwrap_or_else(|| panic!("{}: input.{key} holds a non-string", self.id))
                    .to_string()
            })
            .collect()
    }

    /// What the message through `door` must contain: `expect`, and the door's own list.
    pub fn fragments(&self, door: &str) -> Vec<String> {
        let mut out = self.expect.clone();
        if let Some(Value::Array(more)) = self.per_door.get(door) {
            out.extend(more.iter().filter_map(Value::as_str).map(String::from));
        }
        out
    }

    /// `Err` listing the fragments `message` lacks.
    pub fn check(&self, door: &str, message: &str) -> Result<(), String> {
        let missing: Vec<String> = self
            .fragments(door)
            .into_iter()
            .filter(|f| !message.contains(f.as_str()))
            .collect();
        if missing.is_empty() {
            Ok(())
        } else {
            Err(format!(
                "{} ({door}): the message lacks {missing:?}\n    message: {message}",
                self.id
            ))
        }
    }
}

/// The whole table.
pub struct Table {
    fixtures: Map<String, Value>,
    pub cases: Vec<Case>,
}

impl Table {
    pub fn load() -> Table {
        let root: Value = serde_json::from_str(CASES).expect("cases.json is JSON");
        let fixtures = root["fixtures"].as_object().cloned().expect("fixtures");
        let cases = root["cases"]
            .as_array()
            .expect("cases")
            .iter()
            .map(|c| {
                let id = c["id"].as_str().expect("every case has an id").to_string();
                let text = |k: &str| {
                    c[k].as_str()
                        .unwrap_or_else(|| panic!("{id}: {k} is not a string"))
                        .to_string()
                };
                let list = |k: &str| -> Vec<String> {
                    c[k].as_array()
                        .unwrap_or_else(|| panic!("{id}: {k} is not an array"))
                        .iter()
                        .map(|v| v.as_str().expect("strings").to_string())
                        .collect()
                };
                let mut per_door = Map::new();
                for door in ["cli", "wasm", "core"] {
                    if let Some(v) = c.get(door) {
                        per_door.insert(door.to_string(), v.clone());
                    }
                }
                Case {
                    what: text("what"),
                    doors: list("doors"),
                    input: c["input"].clone(),
                    expect: list("expect"),
                    per_door,
                    id,
                }
            })
            .collect();
        Table { fixtures, cases }
    }

    /// The cases that go through `door`.
    pub fn through(&self, door: &str) -> Vec<&Case> {
        self.cases
            .iter()
            .filter(|c| c.doors.iter().any(|d| d == door))
            .collect()
    }

    /// The text a source stands for: `{"text": T}`, `{"json": V}`, or `{"fixture": NAME, "set":
    /// {pointer: V}, "remove": [pointer]}` (a pointer's last token `-` appends to an array).
    pub fn text(&self, case: &Case, source: &Value) -> String {
        if let Some(t) = source.get("text").and_then(Value::as_str) {
            return t.to_string();
        }
        if let Some(v) = source.get("json") {
            return v.to_string();
        }
        let name = source
            .get("fixture")
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("{}: a source is text, json or fixture: {source}", case.id));
        let mut value: Value = match name {
            "prices" => serde_json::from_str(PRICES).expect("the shipped price table"),
            "exercise" => serde_json::from_str(EXERCISE).expect("the shipped exercise"),
            other => self
                .fixtures
                .get(other)
                .cloned()
                .unwrap_or_else(|| panic!("{}: no fixture {other}", case.id)),
        };
        if let Some(Value::Object(set)) = source.get("set") {
            for (pointer, v) in set {
                edit(&mut value, pointer, Some(v.clone()))
                    .unwrap_or_else(|e| panic!("{}: set {pointer}: {e}", case.id));
            }
        }
        if let Some(Value::Array(remove)) = source.get("remove") {
            for pointer in remove.iter().filter_map(Value::as_str) {
                edit(&mut value, pointer, None)
                    .unwrap_or_else(|e| panic!("{}: remove {pointer}: {e}", case.id));
            }
        }
        value.to_string()
    }

    /// The input's source `key` as text (see [`Table::text`]).
    pub fn text_of(&self, case: &Case, key: &str) -> String {
        let source = case
            .input
            .get(key)
            .unwrap_or_else(|| panic!("{}: input.{key} is missing", case.id));
        self.text(case, source)
    }

    /// The actions of an `actions` case, each as the text sent (`{"text": T}` is sent as is).
    pub fn actions(&self, case: &Case) -> Vec<String> {
        case.input["actions"]
            .as_array()
            .unwrap_or_else(|| panic!("{}: input.actions", case.id))
            .iter()
            .map(|a| match a.get("text").and_then(Value::as_str) {
                Some(t) => t.to_string(),
                None => a.to_string(),
            })
            .collect()
    }
}

/// Sets (`Some`) or removes (`None`) the value at a JSON pointer.
fn edit(root: &mut Value, pointer: &str, value: Option<Value>) -> Result<(), String> {
    let (parent, last) = pointer.rsplit_once('/').ok_or("a pointer starts with /")?;
    let target = root.pointer_mut(parent).ok_or("no such parent")?;
    match (target, value) {
        (Value::Object(m), Some(v)) => {
            m.insert(last.to_string(), v);
        }
        (Value::Object(m), None) => {
            m.remove(last).ok_or("nothing to remove")?;
        }
        (Value::Array(a), Some(v)) if last == "-" => a.push(v),
        (Value::Array(a), Some(v)) => {
            let i: usize = last.parse().map_err(|_| "not an index")?;
            *a.get_mut(i).ok_or("index out of range")? = v;
        }
        (Value::Array(a), None) => {
            let i: usize = last.parse().map_err(|_| "not an index")?;
            if i >= a.len() {
                return Err("index out of range".into());
            }
            a.remove(i);
        }
        _ => return Err("the parent is not an object or array".into()),
    }
    Ok(())
}
