//! `--aws PATH` (repeatable), shared by every subcommand that reads an estate.
//!
//! A PATH is a JSON file (one document or an array of documents) or a folder laid out as a
//! Batfish AWS snapshot (`aws_configs/…`, or the folder itself). The files are read here; turning
//! them into an [`Estate`] is `vpclab_core::aws`'s job.

use std::path::{Path, PathBuf};

use vpclab_core::aws::{import_sources, ImportError, Source};
use vpclab_core::model::Estate;

/// Why `--aws` input could not be loaded.
#[derive(Debug)]
pub enum LoadError {
    /// A path could not be read (missing, unreadable).
    Io(String),
    /// The JSON was read but is not valid input: names the file, the JSON path and the problem.
    Import(ImportError),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Io(m) => f.write_str(m),
            LoadError::Import(e) => write!(f, "{e}"),
        }
    }
}

/// Loads every `--aws` path into one estate. The error is a message naming the file, the JSON path
/// and the problem, ready to print before exiting with code 2.
#[allow(dead_code)] // used by `reach`; `validate` uses [`load`] to see the error's code
pub fn load_estate(paths: &[PathBuf]) -> Result<Estate, String> {
    load(paths).map_err(|e| e.to_string())
}

/// Like [`load_estate`], with the error kept structured.
pub fn load(paths: &[PathBuf]) -> Result<Estate, LoadError> {
    if paths.is_empty() {
        return Err(LoadError::Io(
            "no input: give --aws PATH (a JSON file of AWS CLI output, or a snapshot folder)".into(),
        ));
    }
    let mut sources = Vec::new();
    for path in paths {
        let shown = path.display().to_string();
        if path.is_dir() {
            let mut files = Vec::new();
            walk(path, &mut files)?;
            files.sort();
            sources.push(Source::Snapshot(files));
        } else {
            let text = std::fs::read_to_string(path)
                .map_err(|e| LoadError::Io(format!("{shown}: cannot read: {e}")))?;
            let value = serde_json::from_str(&text).map_err(|e| {
                LoadError::Import(ImportError {
                    file: shown.clone(),
                    json_path: "$".into(),
                    problem: format!(
                        "not valid JSON: {e} (expected one AWS CLI document, an object such as {{\"Vpcs\": [...]}}, or an array of them)"
                    ),
                    code: "MALFORMED_JSON",
                    resource: None,
                })
            })?;
            sources.push(Source::Documents(shown, value));
        }
    }
    import_sources(sources).map_err(LoadError::Import)
}

/// Every `.json` file under `dir`, as (path as shown to the user, text).
fn walk(dir: &Path, out: &mut Vec<(String, String)>) -> Result<(), LoadError> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| LoadError::Io(format!("{}: cannot read folder: {e}", dir.display())))?;
    for entry in entries {
        let path = entry
            .map_err(|e| LoadError::Io(format!("{}: cannot read folder: {e}", dir.display())))?
            .path();
        if path.is_dir() {
            walk(&path, out)?;
        } else if path.extension().is_some_and(|x| x.eq_ignore_ascii_case("json")) {
            let text = std::fs::read_to_string(&path)
                .map_err(|e| LoadError::Io(format!("{}: cannot read: {e}", path.display())))?;
            out.push((path.display().to_string(), text));
        }
    }
    Ok(())
}
