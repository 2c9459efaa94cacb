//! Reading exercises: the files embedded in the build, parsing with JSON paths in errors, and the
//! static checks an exercise must pass before anyone plays it (the dynamic ones, start fails and
//! solution passes, are in `tests/exercises.rs`).

use std::collections::BTreeSet;
use std::fmt;
use std::sync::OnceLock;

use serde::Serialize;

use super::schema::*;
use crate::aws::import_documents;
use crate::edit::{apply_all, Action};
use crate::model::Estate;
use crate::reach::Proto;

/// `exercises/index.json`, embedded.
pub const EMBEDDED_INDEX: &str = include_str!("../../exercises/index.json");

/// Every exercise file, embedded (so the page's wasm carries them): (file name, text).
/// `tests/exercises.rs` checks this list against the folder and the index.
pub const EMBEDDED_FILES: &[(&str, &str)] = &[
    (
        "peer-default-vpc.json",
        include_str!("../../exercises/peer-default-vpc.json"),
    ),
    (
        "not-transitive.json",
        include_str!("../../exercises/not-transitive.json"),
    ),
    (
        "s3-gateway-endpoint.json",
        include_str!("../../exercises/s3-gateway-endpoint.json"),
    ),
];

/// Why an exercise (or the index) cannot be used: the file, where in it, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExerciseError {
    /// The file (`peer-default-vpc.json`, `index.json`), or the exercise id asked for.
    pub file: String,
    /// Where in the file, as a JSON path (`$.goals[2].check.port`); `$` for the whole file.
    pub json_path: String,
    /// What is wrong and what would be valid.
    pub problem: String,
}

impl ExerciseError {
    fn new(file: &str, json_path: impl Into<String>, problem: impl Into<String>) -> ExerciseError {
        ExerciseError {
            file: file.to_string(),
            json_path: json_path.into(),
            problem: problem.into(),
        }
    }
}

impl fmt::Display for ExerciseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.file, self.json_path, self.problem)
    }
}

impl std::error::Error for ExerciseError {}

/// Parses one exercise file and runs [`verify`] on it.
///
/// # Examples
/// ```
/// use vpclab_core::exercise::parse;
/// let err = parse("x.json", r#"{"format_version": 1, "id": "x", "titel": "typo"}"#).unwrap_err();
/// assert_eq!(err.json_path, "$.titel");
/// assert!(err.problem.contains("unknown field `titel`"));
/// ```
pub fn parse(file: &str, text: &str) -> Result<ExerciseDef, ExerciseError> {
    let de = &mut serde_json::Deserializer::from_str(text);
    let def: ExerciseDef = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = json_path(e.path());
        ExerciseError::new(file, path, e.into_inner().to_string())
    })?;
    verify(file, &def)?;
    Ok(def)
}

/// A serde path as a JSON path: `$` for the whole document (serde prints `.`, or `?` when the
/// text ends early), else `$.` and the path.
pub(crate) fn json_path(path: &serde_path_to_error::Path) -> String {
    match path.to_string().as_str() {
        "." | "?" => "$".to_string(),
        p => format!("$.{p}"),
    }
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The static checks: the format version, the id, non-empty texts, known action names, unique
/// goal and mistake ids, conditions that name existing goals, checks that can be asked (a
/// protocol and port that go together, sizes AWS allows), and a start estate that imports.
pub fn verify(file: &str, def: &ExerciseDef) -> Result<(), ExerciseError> {
    let fail = |path: String, problem: String| Err(ExerciseError::new(file, path, problem));
    if def.format_version != FORMAT_VERSION {
        return fail(
            "$.format_version".into(),
            format!(
                "this file is exercise format {}, and this vpclab reads format {FORMAT_VERSION}",
                def.format_version
            ),
        );
    }
    if !is_slug(&def.id) {
        return fail(
            "$.id".into(),
            format!(
                "'{}' is not a valid id: use lowercase letters, digits and hyphens",
                def.id
            ),
        );
    }
    for (path, text) in [
        ("$.title", &def.title),
        ("$.topic", &def.topic),
        ("$.story", &def.story),
    ] {
        if text.trim().is_empty() {
            return fail(path.into(), "must not be empty".into());
        }
    }
    if let Some(i) = def.hints.iter().position(|h| h.trim().is_empty()) {
        return fail(format!("$.hints[{i}]"), "a hint must not be empty".into());
    }
    let mut seen = BTreeSet::new();
    for (i, name) in def.allowed_actions.iter().enumerate() {
        if !Action::NAMES.contains(&name.as_str()) {
            return fail(
                format!("$.allowed_actions[{i}]"),
                format!("unknown action '{name}': one of {}", Action::NAMES.join(", ")),
            );
        }
        if !seen.insert(name) {
            return fail(
                format!("$.allowed_actions[{i}]"),
                format!("'{name}' is listed twice"),
            );
        }
    }
    if def.goals.is_empty() {
        return fail("$.goals".into(), "an exercise needs at least one goal".into());
    }
    let mut goal_ids = BTreeSet::new();
    for (i, goal) in def.goals.iter().enumerate() {
        if !is_slug(&goal.id) || !goal_ids.insert(goal.id.as_str()) {
            return fail(
                format!("$.goals[{i}].id"),
                format!(
                    "'{}' is not a new valid id: use lowercase letters, digits and hyphens, once each",
                    goal.id
                ),
            );
        }
        if goal.text.trim().is_empty() {
            return fail(format!("$.goals[{i}].text"), "must not be empty".into());
        }
        verify_check(&goal.check).or_else(|p| fail(format!("$.goals[{i}].check"), p))?;
    }
    let mut mistake_ids = BTreeSet::new();
    for (i, m) in def.mistakes.iter().enumerate() {
        if !is_slug(&m.id) || !mistake_ids.insert(m.id.as_str()) {
            return fail(
                format!("$.mistakes[{i}].id"),
                format!("'{}' is not a new valid id", m.id),
            );
        }
        if m.feedback.trim().is_empty() {
            return fail(format!("$.mistakes[{i}].feedback"), "must not be empty".into());
        }
        verify_condition(&m.when, &goal_ids).or_else(|p| fail(format!("$.mistakes[{i}].when"), p))?;
    }
    def.import_start(file).map(|_| ())
}

fn verify_condition(c: &Condition, goals: &BTreeSet<&str>) -> Result<(), String> {
    match c {
        Condition::GoalFails { goal, .. } | Condition::GoalPasses(goal) => {
            if goals.contains(goal.as_str()) {
                Ok(())
            } else {
                Err(format!("no goal has the id '{goal}'"))
            }
        }
        Condition::Holds(check) => verify_check(check),
        Condition::All(list) | Condition::Any(list) => {
            list.iter().try_for_each(|c| verify_condition(c, goals))
        }
        Condition::Not(inner) => verify_condition(inner, goals),
    }
}

fn verify_check(check: &Check) -> Result<(), String> {
    let prefix_ok = |p: &Option<u8>| p.is_none_or(|p| (16..=28).contains(&p));
    match check {
        Check::Reachable { protocol, port, .. } | Check::Unreachable { protocol, port, .. } => {
            let proto: Proto = protocol
                .parse()
                .map_err(|e: crate::reach::ReachError| e.to_string())?;
            if proto.has_ports() && port.is_none() {
                return Err(format!("{proto} needs a port"));
            }
            Ok(())
        }
        Check::MonthlyCostBelow { usd, traffic } => {
            if !usd.is_finite() || *usd <= 0.0 {
                return Err(format!("usd must be a positive amount, not {usd}"));
            }
            traffic.check().map_err(|e| e.to_string())
        }
        Check::VpcCidr {
            min_prefix,
            max_prefix,
            ..
        }
        | Check::Subnets {
            min_prefix,
            max_prefix,
            ..
        } => {
            if !prefix_ok(min_prefix) || !prefix_ok(max_prefix) {
                return Err("prefix lengths of VPCs and subnets are /16 to /28".into());
            }
            if let (Some(a), Some(b)) = (min_prefix, max_prefix) {
                if a > b {
                    return Err(format!("min_prefix /{a} is longer than max_prefix /{b}"));
                }
            }
            Ok(())
        }
        Check::SmallestSubnet { hosts, .. } if super::predicates::smallest_prefix(*hosts).is_none() => Err(
            format!("{hosts} hosts do not fit any subnet: a /16 has 65,531 usable addresses"),
        ),
        Check::ResourceCount {
            min: Some(a),
            max: Some(b),
            ..
        } if a > b => Err(format!("min {a} is more than max {b}")),
        Check::MaxRoutes {
            route_table: Some(_),
            vpc: Some(_),
            ..
        } => Err("give route_table or vpc, not both".into()),
        _ => Ok(()),
    }
}

impl ExerciseDef {
    /// The start estate, imported from `start`.
    pub fn start_estate(&self) -> Result<Estate, ExerciseError> {
        self.import_start(&format!("{}.json", self.id))
    }

    fn import_start(&self, file: &str) -> Result<Estate, ExerciseError> {
        import_documents(&[(file.to_string(), self.start.clone())]).map_err(|e| {
            let rest = e.json_path.strip_prefix('$').unwrap_or(&e.json_path);
            ExerciseError::new(file, format!("$.start{rest}"), e.problem)
        })
    }

    /// The start with the reference solution applied.
    pub fn solution_estate(&self) -> Result<Estate, ExerciseError> {
        let mut estate = self.start_estate()?;
        apply_all(&mut estate, &self.solution).map_err(|(i, e)| {
            ExerciseError::new(
                &format!("{}.json", self.id),
                format!("$.solution[{i}]"),
                e.to_string(),
            )
        })?;
        Ok(estate)
    }

    /// Whether the learner may take `action` here.
    pub fn allows(&self, action: &Action) -> bool {
        self.allowed_actions.iter().any(|a| a == action.name())
    }
}

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
        let de = &mut serde_json::Deserializer::from_str(index);
        let index: Index = serde_path_to_error::deserialize(de)
            .map_err(|e| ExerciseError::new("index.json", json_path(e.path()), e.into_inner().to_string()))?;
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

/// The exercises built into vpclab, read once.
///
/// # Examples
/// ```
/// let list = vpclab_core::exercise::catalog().unwrap().list();
/// assert_eq!(list[0].id, "peer-default-vpc");
/// assert_eq!(list[0].number, 1);
/// ```
pub fn catalog() -> Result<&'static Catalog, ExerciseError> {
    static CATALOG: OnceLock<Result<Catalog, ExerciseError>> = OnceLock::new();
    CATALOG
        .get_or_init(|| Catalog::from_files(EMBEDDED_INDEX, EMBEDDED_FILES))
        .as_ref()
        .map_err(Clone::clone)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn base() -> Value {
        serde_json::from_str(EMBEDDED_FILES[0].1).unwrap()
    }

    /// What is changed, how, the JSON path expected, and words of the message.
    type Case = (&'static str, fn(&mut Value), &'static str, &'static str);

    /// Each case changes one thing of a valid exercise and expects the error's JSON path and a
    /// part of its message.
    #[test]
    fn verify_refuses_with_a_path() {
        let cases: Vec<Case> = vec![
            (
                "version",
                |v| v["format_version"] = json!(2),
                "$.format_version",
                "reads format 1",
            ),
            ("id", |v| v["id"] = json!("Peer VPCs"), "$.id", "lowercase"),
            (
                "empty story",
                |v| v["story"] = json!("  "),
                "$.story",
                "must not be empty",
            ),
            (
                "empty hint",
                |v| v["hints"][1] = json!(""),
                "$.hints[1]",
                "must not be empty",
            ),
            (
                "action name",
                |v| v["allowed_actions"][0] = json!("teleport"),
                "$.allowed_actions[0]",
                "unknown action 'teleport'",
            ),
            (
                "twice",
                |v| v["allowed_actions"][1] = v["allowed_actions"][0].clone(),
                "$.allowed_actions[1]",
                "listed twice",
            ),
            (
                "no goals",
                |v| v["goals"] = json!([]),
                "$.goals",
                "at least one goal",
            ),
            (
                "goal id twice",
                |v| v["goals"][1]["id"] = v["goals"][0]["id"].clone(),
                "$.goals[1].id",
                "once each",
            ),
            (
                "tcp without port",
                |v| {
                    v["goals"][0]["check"].as_object_mut().unwrap().remove("port");
                },
                "$.goals[0].check",
                "tcp needs a port",
            ),
            (
                "protocol",
                |v| v["goals"][0]["check"]["protocol"] = json!("gre"),
                "$.goals[0].check",
                "unknown protocol 'gre'",
            ),
            (
                "unknown check",
                |v| v["goals"][0]["check"]["kind"] = json!("pingable"),
                "$.goals[0].check",
                "unknown variant `pingable`",
            ),
            (
                "typo in a check",
                |v| v["goals"][0]["check"]["prot"] = json!("tcp"),
                "$.goals[0].check",
                "unknown field `prot`",
            ),
            (
                "mistake names no goal",
                |v| v["mistakes"][1]["when"] = json!({"goal_fails": {"goal": "nope"}}),
                "$.mistakes[1].when",
                "no goal has the id 'nope'",
            ),
            (
                "bad cidr in a condition",
                |v| v["mistakes"][2]["when"] = json!({"holds": {"kind": "route", "covers": "10.1.0.0/33"}}),
                "$.mistakes[2].when",
                "",
            ),
            (
                "prefix out of range",
                |v| v["goals"][2]["check"] = json!({"kind": "vpc_cidr", "min_prefix": 8}),
                "$.goals[2].check",
                "/16 to /28",
            ),
            (
                "sizes crossed",
                |v| {
                    v["goals"][2]["check"] =
                        json!({"kind": "subnets", "count": 1, "min_prefix": 24, "max_prefix": 20})
                },
                "$.goals[2].check",
                "longer than",
            ),
            (
                "too many hosts",
                |v| v["goals"][2]["check"] = json!({"kind": "smallest_subnet", "hosts": 70000}),
                "$.goals[2].check",
                "65,531",
            ),
            (
                "budget",
                |v| {
                    v["goals"][2]["check"] =
                        json!({"kind": "monthly_cost_below", "usd": -1, "traffic": {"flows": []}})
                },
                "$.goals[2].check",
                "positive",
            ),
            (
                "start host bits",
                |v| v["start"][0]["Vpcs"][0]["CidrBlock"] = json!("172.31.0.1/16"),
                "$.start[0].Vpcs[0].CidrBlock",
                "host bits",
            ),
        ];
        for (what, change, path, words) in cases {
            let mut v = base();
            change(&mut v);
            let err = parse("x.json", &v.to_string()).expect_err(what);
            assert!(err.json_path.starts_with(path), "{what}: {err}");
            assert!(err.problem.contains(words), "{what}: {err}");
            assert!(err.to_string().starts_with("x.json: $"), "{what}: {err}");
        }
        let err = parse("x.json", "{").unwrap_err();
        assert_eq!(
            (err.json_path.as_str(), err.problem.contains("EOF")),
            ("$", true),
            "{err}"
        );
        assert!(parse("x.json", &base().to_string()).is_ok());
    }

    #[test]
    fn the_catalog_refuses_a_bad_index() {
        let one = [EMBEDDED_FILES[0]];
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
            (
                ok,
                &[("renamed.json", EMBEDDED_FILES[0].1)][..],
                "must match the file name",
            ),
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
