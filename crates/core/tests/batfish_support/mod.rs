//! The Batfish fixtures (tests/fixtures/batfish: real AWS CLI output, one folder per snapshot),
//! read here for every test that loads them (`mod batfish_support;`; the reach tests include it
//! by `#[path]`).

// Each test crate uses part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use vpclab_core::aws::import_files;
use vpclab_core::model::Estate;

/// tests/fixtures/batfish.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/batfish")
}

/// The snapshot folders (those with an `aws_configs` folder), sorted.
pub fn snapshot_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root())
        .unwrap_or_else(|e| panic!("{}: {e}", root().display()))
        .map(|e| e.expect("a directory entry"))
        .filter(|e| e.path().join("aws_configs").is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The JSON files of snapshot folder `name`, as (path relative to the folder, text), sorted by
/// path. Its other files (Terraform, router configurations) are left out, as `import_files`
/// leaves them.
pub fn files(name: &str) -> Vec<(String, String)> {
    let dir = root().join(name);
    let mut out = Vec::new();
    walk(&dir, &dir, &mut out);
    out
}

/// Snapshot folder `name`, imported (a failure names the folder).
pub fn load(name: &str) -> Estate {
    import_files(&files(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn walk(dir: &Path, base: &Path, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, base, out);
        } else if p.extension().is_some_and(|x| x == "json") {
            let rel = p
                .strip_prefix(base)
                .expect("below the folder")
                .to_string_lossy()
                .into_owned();
            let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            out.push((rel, text));
        }
    }
}
