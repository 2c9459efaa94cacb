//! Reading one exercise: parsing with JSON paths in errors, and the static checks an exercise
//! must pass before anyone plays it (the dynamic ones, start fails and solution passes, are in
//! `tests/exercises.rs`).

use std::collections::BTreeSet;
use std::fmt;

use super::schema::*;
use crate::aws::import_documents;
use crate::edit::{apply_all, Action};
use crate::model::Estate;
use crate::reach::Proto;

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
    pub(super) fn new(file: &str, json_path: impl Into<String>, problem: impl Into<String>) -> ExerciseError {
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
    let def: ExerciseDef =
        crate::locate::from_str(text).map_err(|(path, e)| ExerciseError::new(file, path, e.to_string()))?;
    verify(file, &def)?;
    Ok(def)
}

pub(super) fn is_slug(s: &str) -> bool {
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
        if m.recovery.is_empty() {
            return fail(
                format!("$.mistakes[{i}].recovery"),
                "a known mistake needs a recovery: the actions that, after its example, reach a state passing every goal without Reset (for example, delete or modify what the mistake made, then do the right thing)".into(),
            );
        }
        if let Some((j, a)) = m.recovery.iter().enumerate().find(|(_, a)| !def.allows(a)) {
            return fail(
                format!("$.mistakes[{i}].recovery[{j}]"),
                format!(
                    "'{}' is not in allowed_actions: a recovery uses only what the learner may do",
                    a.name()
                ),
            );
        }
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
    let prefix_ok = |p: &Option<u8>| p.is_none_or(crate::cidr::aws_ipv4_prefix_ok);
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
                return Err(format!(
                    "prefix lengths of VPCs and subnets are {}",
                    crate::cidr::aws_ipv4_prefixes_text()
                ));
            }
            if let (Some(a), Some(b)) = (min_prefix, max_prefix) {
                if a > b {
                    return Err(format!("min_prefix /{a} is longer than max_prefix /{b}"));
                }
            }
            Ok(())
        }
        Check::SmallestSubnet { hosts, .. } if super::addresses::smallest_prefix(*hosts).is_none() => Err(
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exercise::EMBEDDED_FILES;
    use serde_json::{json, Value};

    fn base() -> Value {
        let (_, text) = EMBEDDED_FILES
            .iter()
            .find(|(name, _)| *name == "peer-default-vpc.json")
            .unwrap();
        serde_json::from_str(text).unwrap()
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
                "mistake without a recovery",
                |v| {
                    v["mistakes"][1].as_object_mut().unwrap().remove("recovery");
                },
                "$.mistakes[1].recovery",
                "a known mistake needs a recovery",
            ),
            (
                "empty recovery",
                |v| v["mistakes"][0]["recovery"] = json!([]),
                "$.mistakes[0].recovery",
                "without Reset",
            ),
            (
                "recovery with an action not allowed",
                |v| v["mistakes"][0]["recovery"] = json!([{"action": "create_vpc", "cidr": "10.9.0.0/16"}]),
                "$.mistakes[0].recovery[0]",
                "not in allowed_actions",
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
}
