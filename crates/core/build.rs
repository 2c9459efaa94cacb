//! Writes the list of embedded exercise files (`exercise::EMBEDDED_FILES`) from
//! `exercises/index.json`, in the index's order, so that adding an exercise means its file and
//! one line of the index. A listed id without its file stops the build here, by name.

use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=exercises/index.json");
    let dir = Path::new(&std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"))
        .join("exercises");
    let index = dir.join("index.json");
    let text = std::fs::read_to_string(&index).unwrap_or_else(|e| panic!("{}: {e}", index.display()));
    let value: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", index.display()));
    let mut list = String::from("&[\n");
    let sections = value["sections"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    for (s, section) in sections.iter().enumerate() {
        let ids = section["exercises"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default();
        for (i, id) in ids.iter().enumerate() {
            let at = format!("{}: $.sections[{s}].exercises[{i}]", index.display());
            let id = id.as_str().unwrap_or_else(|| panic!("{at}: not a string"));
            // The catalog checks ids in full; here only that the id names a file in the folder.
            if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                panic!("{at}: '{id}' is not an exercise id");
            }
            let file = dir.join(format!("{id}.json"));
            if !file.is_file() {
                panic!("{at}: '{id}' is listed, and there is no {}", file.display());
            }
            let path = file
                .to_str()
                .unwrap_or_else(|| panic!("{}: not UTF-8", file.display()));
            list.push_str(&format!(
                "    ({:?}, include_str!({path:?})),\n",
                format!("{id}.json")
            ));
        }
    }
    list.push_str("]\n");
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("exercise_files.rs");
    std::fs::write(&out, list).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}
