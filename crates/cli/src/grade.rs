//! `vpclab grade --exercise ID DIR [--json | --csv]`: grade a class, one state per student.
//!
//! DIR holds one entry per student: a `.json` file (AWS CLI JSON documents, as the page exports
//! them, or a workspace the page saved) or a snapshot folder, whatever `vpclab check --state`
//! reads; each is graded by the same code as `vpclab check`. The student is the entry's name
//! without `.json`. Hidden entries (`.name`) are passed over; any other file gets a row saying it
//! was not graded. A file that cannot be read or graded is reported in its row and the run goes
//! on. A workspace the page saved records how the work was reached (the learner's own actions,
//! hints opened, solution revealed or played, opened from a share link): each row says it in
//! `how`, "not recorded" for AWS CLI JSON, a snapshot folder or a version-1 workspace. Exit codes: 0 the run completed (whatever the students' results), 2 the exercise does not
//! exist or DIR cannot be read.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Serialize;
use vpclab_core::exercise::{catalog, ExerciseDef};
use vpclab_core::workspace::{HowReached, SavedState, SAVE_FORMAT};

use crate::check::verdict_of_state;

/// Grade every student's state in a folder against an exercise: one row each, pass or fail per
/// goal, the known mistakes seen, or why the file could not be graded.
#[derive(clap::Args)]
pub struct Args {
    /// The exercise id (see `vpclab exercises`).
    #[arg(long, value_name = "ID")]
    exercise: String,
    /// The class folder: one `.json` file (or snapshot folder) per student.
    #[arg(value_name = "DIR")]
    dir: PathBuf,
    /// Print `{"exercise", "title", "goals": [{"id", "text"}], "students": [{"student", "file",
    /// "status", "goals_passed", "goals": [{"id", "passed", "code"?}], "mistakes", "how",
    /// "how_reached", "error"?}],
    /// "summary": {"students", "passed", "failed", "errors"}}`.
    #[arg(long, conflicts_with = "csv")]
    json: bool,
    /// Print CSV: student, file, status, goals_passed, goals_total, one column per goal id (pass
    /// or fail, empty when not graded), mistakes (ids, `;`-separated), how (how the work was
    /// reached), error.
    #[arg(long)]
    csv: bool,
}

/// The grades of a class.
#[derive(Debug, Serialize)]
struct Report {
    exercise: String,
    title: String,
    goals: Vec<GoalHead>,
    students: Vec<Row>,
    summary: Summary,
}

#[derive(Debug, Serialize)]
struct GoalHead {
    id: String,
    text: String,
}

/// One student's grade.
#[derive(Debug, Serialize)]
struct Row {
    student: String,
    /// The entry graded, as given on the command line joined with its name.
    file: String,
    /// `passed` (every goal), `failed` (some goal), or `error` (not graded).
    status: &'static str,
    goals_passed: usize,
    /// One per goal of the exercise, in its order; empty when not graded.
    goals: Vec<Mark>,
    /// The known mistakes the state shows, by id.
    mistakes: Vec<String>,
    /// How the work was reached, in words (empty when not graded).
    how: String,
    /// The record behind `how`; `None` when the file has none.
    how_reached: Option<HowReached>,
    /// Why the entry could not be graded.
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

#[derive(Debug, Serialize)]
struct Mark {
    id: String,
    passed: bool,
    /// Why it fails, as `vpclab check` gives it (`NO_ROUTE` …).
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<String>,
}

#[derive(Debug, Serialize)]
struct Summary {
    students: usize,
    passed: usize,
    failed: usize,
    errors: usize,
}

pub fn run(args: Args) -> ExitCode {
    let report = match grade_class(&args.exercise, &args.dir) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("vpclab grade: {e}");
            return ExitCode::from(2);
        }
    };
    let out = if args.json {
        match serde_json::to_string_pretty(&report) {
            Ok(text) => text + "\n",
            Err(e) => {
                eprintln!("vpclab grade: {e}");
                return ExitCode::from(2);
            }
        }
    } else if args.csv {
        csv(&report)
    } else {
        text(&report)
    };
    print!("{out}");
    ExitCode::SUCCESS
}

fn grade_class(exercise: &str, dir: &Path) -> Result<Report, String> {
    let def = catalog()
        .map_err(|e| e.to_string())?
        .find(exercise)
        .map_err(|e| format!("--exercise {exercise}: {}", e.problem))?;
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("{}: cannot read the folder: {e}", dir.display()))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| !n.to_string_lossy().starts_with('.'))
        })
        .collect();
    paths.sort();
    let students: Vec<Row> = paths.iter().map(|p| grade_one(def, p)).collect();
    let count = |status: &str| students.iter().filter(|r| r.status == status).count();
    let summary = Summary {
        students: students.len(),
        passed: count("passed"),
        failed: count("failed"),
        errors: count("error"),
    };
    Ok(Report {
        exercise: def.id.clone(),
        title: def.title.clone(),
        goals: def
            .goals
            .iter()
            .map(|g| GoalHead {
                id: g.id.clone(),
                text: g.text.clone(),
            })
            .collect(),
        students,
        summary,
    })
}

fn grade_one(def: &ExerciseDef, path: &PathBuf) -> Row {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let is_json = path.extension().is_some_and(|x| x.eq_ignore_ascii_case("json"));
    let student = if is_json && path.is_file() {
        path.file_stem()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or(name)
    } else {
        name
    };
    let mut row = Row {
        student,
        file: path.display().to_string(),
        status: "error",
        goals_passed: 0,
        goals: Vec::new(),
        mistakes: Vec::new(),
        how: String::new(),
        how_reached: None,
        error: None,
    };
    if !path.is_dir() && !is_json {
        row.error = Some("neither a .json file nor a snapshot folder".into());
        return row;
    }
    match verdict_of_state(def, path) {
        Err(e) => row.error = Some(e),
        Ok(v) => {
            row.status = if v.passed { "passed" } else { "failed" };
            row.goals_passed = v.goals.iter().filter(|g| g.passed).count();
            row.goals = v
                .goals
                .into_iter()
                .map(|g| Mark {
                    id: g.id,
                    passed: g.passed,
                    code: g.code.filter(|_| !g.passed),
                })
                .collect();
            row.mistakes = v.feedback.into_iter().map(|f| f.mistake).collect();
            (row.how, row.how_reached) = how_reached(path);
        }
    }
    row
}

/// How the work in `path` (already graded) was reached: the words and the record, or why there
/// is none.
fn how_reached(path: &Path) -> (String, Option<HowReached>) {
    const NOT_SAVED: &str = "not recorded (AWS CLI JSON, not work saved by the page)";
    if path.is_dir() {
        return ("not recorded (a snapshot folder)".into(), None);
    }
    let Ok(text) = std::fs::read_to_string(path) else {
        return (NOT_SAVED.into(), None);
    };
    match serde_json::from_str::<SavedState>(&text) {
        Ok(saved) if saved.format == SAVE_FORMAT => match saved.how {
            Some(how) => (how.describe(saved.actions.len()), Some(how)),
            None => (
                format!(
                    "not recorded (saved by an earlier vpclab, format version {})",
                    saved.version
                ),
                None,
            ),
        },
        _ => (NOT_SAVED.into(), None),
    }
}

/// A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break.
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn csv(r: &Report) -> String {
    let mut head = vec!["student", "file", "status", "goals_passed", "goals_total"];
    head.extend(r.goals.iter().map(|g| g.id.as_str()));
    head.extend(["mistakes", "how", "error"]);
    let mut out = head.iter().map(|h| field(h)).collect::<Vec<_>>().join(",") + "\n";
    for s in &r.students {
        let mut cells = vec![
            field(&s.student),
            field(&s.file),
            s.status.to_string(),
            if s.error.is_some() {
                String::new()
            } else {
                s.goals_passed.to_string()
            },
            r.goals.len().to_string(),
        ];
        for g in &r.goals {
            let mark = s.goals.iter().find(|m| m.id == g.id);
            cells.push(match mark {
                Some(m) if m.passed => "pass".into(),
                Some(_) => "fail".into(),
                None => String::new(),
            });
        }
        cells.push(field(&s.mistakes.join(";")));
        cells.push(field(&s.how));
        cells.push(field(s.error.as_deref().unwrap_or_default()));
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}

fn text(r: &Report) -> String {
    let s = &r.summary;
    let mut out = format!(
        "{}: {} student{}, {} passed, {} failed, {} not graded\n",
        r.exercise,
        s.students,
        if s.students == 1 { "" } else { "s" },
        s.passed,
        s.failed,
        s.errors
    );
    let width = r
        .students
        .iter()
        .map(|s| s.student.chars().count())
        .max()
        .unwrap_or(0);
    for row in &r.students {
        let line = match (&row.error, row.status) {
            (Some(e), _) => format!("! {:width$}  not graded: {e}", row.student),
            (None, status) => {
                let failing: Vec<&str> = row
                    .goals
                    .iter()
                    .filter(|g| !g.passed)
                    .map(|g| g.id.as_str())
                    .collect();
                let mut l = format!(
                    "{} {:width$}  {}/{}",
                    if status == "passed" { "✓" } else { "✗" },
                    row.student,
                    row.goals_passed,
                    r.goals.len()
                );
                if !failing.is_empty() {
                    l.push_str(&format!("  failing: {}", failing.join(", ")));
                }
                if !row.mistakes.is_empty() {
                    l.push_str(&format!("  mistakes: {}", row.mistakes.join(", ")));
                }
                l.push_str(&format!("  how: {}", row.how));
                l
            }
        };
        out.push_str("  ");
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_when_they_must_be() {
        for (input, want) in [
            ("alice", "alice"),
            ("smith, j", "\"smith, j\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("two\nlines", "\"two\nlines\""),
            ("", ""),
        ] {
            assert_eq!(field(input), want);
        }
    }
}
