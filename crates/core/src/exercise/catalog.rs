//! The exercises built into vpclab: the files embedded in the build (with the default
//! `embedded-exercises` feature; the CLI grades with them), read in the order `index.json` sets.
//! The page's wasm is built without them: it fetches the files and [`register`]s each one.

use std::collections::BTreeSet;
use std::sync::Mutex;
#[cfg(feature = "embedded-exercises")]
use std::sync::OnceLock;

use serde::Serialize;

use super::load::{is_slug, parse, ExerciseError};
use super::schema::*;

/// `exercises/index.json`, embedded.
#[cfg(feature = "embedded-exercises")]
pub const EMBEDDED_INDEX: &str = include_str!("../../exercises/index.json");

/// Every exercise file, embedded (so the CLI carries them): (file name, text), in the order of
/// `index.json`, whose ids `build.rs` turns into this list. `tests/exercises.rs` checks it
/// against the folder.
#[cfg(feature = "embedded-exercises")]
pub const EMBEDDED_FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/exercise_files.rs"));

/// The exercises in order of play, with their index.
#[derive(Debug, Clone, PartialEq)]
pub struct Catalog {
    /// The index as read.
    pub index: Index,
    exercises: Vec<ExerciseDef>,
}

/// One line of the exercise list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExerciseSummary {
    pub id: String,
    pub title: String,
    pub topic: String,
    /// The section's id and title.
    pub section: String,
    pub section_title: String,
    /// The position in the order of play, from 1.
    pub number: usize,
    /// How many goals and hints it has.
    pub goals: usize,
    pub hints: usize,
}

impl Catalog {
    /// Reads an index and exercise files (name, text): every file must be `ID.json` for its own
    /// id, every file listed in the index once, and every id in the index have its file.
    pub fn from_files(index: &str, files: &[(&str, &str)]) -> Result<Catalog, ExerciseError> {
        let index: Index = crate::locate::from_str(index)
            .map_err(|(path, e)| ExerciseError::new("index.json", path, e.to_string()))?;
        if index.format_version != FORMAT_VERSION {
            return Err(ExerciseError::new(
                "index.json",
                "$.format_version",
                format!(
                    "the index is format {}, and this vpclab reads format {FORMAT_VERSION}",
                    index.format_version
                ),
            ));
        }
        let mut defs = Vec::new();
        for (name, text) in files {
            let def = parse(name, text)?;
            if format!("{}.json", def.id) != *name {
                return Err(ExerciseError::new(
                    name,
                    "$.id",
                    format!("the id '{}' must match the file name ({}.json)", def.id, def.id),
                ));
            }
            defs.push(def);
        }
        let mut ordered = Vec::new();
        let mut sections = BTreeSet::new();
        for (s, section) in index.sections.iter().enumerate() {
            if !is_slug(&section.id) || !sections.insert(section.id.as_str()) {
                return Err(ExerciseError::new(
                    "index.json",
                    format!("$.sections[{s}].id"),
                    format!("'{}' is not a new valid section id", section.id),
                ));
            }
            for (i, id) in section.exercises.iter().enumerate() {
                let path = format!("$.sections[{s}].exercises[{i}]");
                if ordered.iter().any(|d: &ExerciseDef| &d.id == id) {
                    return Err(ExerciseError::new(
                        "index.json",
                        path,
                        format!("'{id}' is listed twice"),
                    ));
                }
                match defs.iter().position(|d| &d.id == id) {
                    Some(at) => ordered.push(defs.swap_remove(at)),
                    None => {
                        return Err(ExerciseError::new(
                            "index.json",
                            path,
                            format!("no exercise file {id}.json"),
                        ))
                    }
                }
            }
        }
        if let Some(orphan) = defs.first() {
            return Err(ExerciseError::new(
                &format!("{}.json", orphan.id),
                "$",
                "the exercise is in no section of index.json, so nobody can reach it",
            ));
        }
        Ok(Catalog {
            index,
            exercises: ordered,
        })
    }

    /// The exercise with this id.
    pub fn get(&self, id: &str) -> Option<&ExerciseDef> {
        self.exercises.iter().find(|d| d.id == id)
    }

    /// The exercise with this id, or an error listing the ids there are.
    pub fn find(&self, id: &str) -> Result<&ExerciseDef, ExerciseError> {
        self.get(id).ok_or_else(|| {
            let ids: Vec<&str> = self.exercises.iter().map(|d| d.id.as_str()).collect();
            ExerciseError::new(
                id,
                "$",
                format!("no such exercise; there are: {}", ids.join(", ")),
            )
        })
    }

    /// Every exercise, in order of play.
    pub fn exercises(&self) -> &[ExerciseDef] {
        &self.exercises
    }

    /// The exercise list, in order of play.
    pub fn list(&self) -> Vec<ExerciseSummary> {
        let mut out = Vec::new();
        for section in &self.index.sections {
            for id in &section.exercises {
                if let Some(d) = self.get(id) {
                    out.push(ExerciseSummary {
                        id: d.id.clone(),
                        title: d.title.clone(),
                        topic: d.topic.clone(),
                        section: section.id.clone(),
                        section_title: section.title.clone(),
                        number: out.len() + 1,
                        goals: d.goals.len(),
                        hints: d.hints.len(),
                    });
                }
            }
        }
        out
    }
}

/// The exercises built into vpclab, read once. Without the `embedded-exercises` feature there
/// are none, and this is an error saying so.
///
/// # Examples
/// ```
/// let list = vpclab_core::exercise::catalog().unwrap().list();
/// assert_eq!(list[0].number, 1);
/// let peering = list.iter().find(|e| e.section == "peering").unwrap();
/// assert_eq!(peering.id, "peer-default-vpc");
/// ```
pub fn catalog() -> Result<&'static Catalog, ExerciseError> {
    #[cfg(feature = "embedded-exercises")]
    {
        static CATALOG: OnceLock<Result<Catalog, ExerciseError>> = OnceLock::new();
        CATALOG
            .get_or_init(|| Catalog::from_files(EMBEDDED_INDEX, EMBEDDED_FILES))
            .as_ref()
            .map_err(Clone::clone)
    }
    #[cfg(not(feature = "embedded-exercises"))]
    {
        Err(ExerciseError::new(
            "index.json",
            "$",
            "this build carries no exercises: register each exercise file first",
        ))
    }
}

/// Exercises added while running, newest version of each id only.
static REGISTERED: Mutex<Vec<ExerciseDef>> = Mutex::new(Vec::new());

/// Makes `def` playable by id ([`lookup`], `Workspace::load_exercise`, restoring saved work),
/// replacing an exercise registered earlier under the same id. The page registers the files it
/// fetches, since its wasm carries none.
pub fn register(def: ExerciseDef) {
    let mut all = REGISTERED.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    all.retain(|d| d.id != def.id);
    all.push(def);
}

/// The exercise with this id: one [`register`]ed, else a built-in one; the error lists the ids
/// there are.
///
/// # Examples
/// ```
/// let def = vpclab_core::exercise::lookup("peer-default-vpc").unwrap();
/// assert_eq!(def.id, "peer-default-vpc");
/// let err = vpclab_core::exercise::lookup("nope").unwrap_err();
/// assert!(err.problem.starts_with("no such exercise; there are: "));
/// ```
pub fn lookup(id: &str) -> Result<ExerciseDef, ExerciseError> {
    let all = REGISTERED.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(d) = all.iter().find(|d| d.id == id) {
        return Ok(d.clone());
    }
    let built_in = catalog().ok();
    if let Some(d) = built_in.and_then(|c| c.get(id)) {
        return Ok(d.clone());
    }
    let mut ids: Vec<&str> = built_in
        .map(|c| c.exercises().iter().map(|d| d.id.as_str()).collect())
        .unwrap_or_default();
    for d in all.iter() {
        if !ids.contains(&d.id.as_str()) {
            ids.push(&d.id);
        }
    }
    Err(ExerciseError::new(
        id,
        "$",
        format!("no such exercise; there are: {}", ids.join(", ")),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalog_refuses_a_bad_index() {
        let peer = EMBEDDED_FILES
            .iter()
            .find(|(name, _)| *name == "peer-default-vpc.json")
            .unwrap();
        let one = [*peer];
        let ok = r#"{"format_version": 1, "sections": [{"id": "a", "title": "A", "exercises": ["peer-default-vpc"]}]}"#;
        assert_eq!(Catalog::from_files(ok, &one).unwrap().exercises().len(), 1);
        for (index, files, words) in [
            (
                r#"{"format_version": 1, "sections": [{"id": "a", "title": "A", "exercises": ["missing"]}]}"#,
                &one[..],
                "no exercise file missing.json",
            ),
            (
                r#"{"format_version": 1, "sections": []}"#,
                &one[..],
                "in no section",
            ),
            (
                r#"{"format_version": 1, "sections": [{"id": "a", "title": "A", "exercises": ["peer-default-vpc", "peer-default-vpc"]}]}"#,
                &one[..],
                "listed twice",
            ),
            (r#"{"format_version": 3, "sections": []}"#, &one[..], "format 3"),
            (
                r#"{"format_version": 1, "sektions": []}"#,
                &one[..],
                "unknown field",
            ),
            ("{", &one[..], "index.json: $: EOF"),
            (ok, &[("renamed.json", peer.1)][..], "must match the file name"),
        ] {
            let err = Catalog::from_files(index, files).unwrap_err();
            assert!(err.to_string().contains(words), "{err}");
        }
    }

    #[test]
    fn find_names_the_ids_there_are() {
        let err = catalog().unwrap().find("nope").unwrap_err();
        assert!(err.problem.contains("peer-default-vpc"), "{err}");
        assert_eq!(
            catalog().unwrap().find("not-transitive").unwrap().id,
            "not-transitive"
        );
    }
}
