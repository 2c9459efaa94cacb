//! `vpclab check --exercise ID --state FILE [--json]`: grade a state against an exercise's goals.
//!
//! The state is AWS CLI JSON (a file of documents, as `vpclab exercise show ID --start` or the
//! page's export writes them, or a snapshot folder), or a workspace the page saved
//! (`{"format": "vpclab-workspace", …}`), which is replayed. Exit codes: 0 every goal passes,
//! 1 some goal fails, 2 the input cannot be read or the exercise does not exist.

use std::path::PathBuf;
use std::process::ExitCode;

use vpclab_core::exercise::{catalog, check, ExerciseDef, Verdict};
use vpclab_core::workspace::{Workspace, SAVE_FORMAT};

use crate::load::load_estate;

/// Grade a state against an exercise: each goal passed or failed, with the reason, and the
/// feedback of known mistakes. Exit 1 when a goal fails.
#[derive(clap::Args)]
pub struct Args {
    /// The exercise id (see `vpclab exercises`).
    #[arg(long, value_name = "ID")]
    exercise: String,
    /// The state to grade: AWS CLI JSON documents (a file or a snapshot folder), or a workspace
    /// saved by the page.
    #[arg(long, value_name = "FILE")]
    state: PathBuf,
    /// Print `{"exercise", "passed", "goals": [{"id", "text", "passed", "message", "code"?,
    /// "at"?}], "feedback": [{"mistake", "feedback"}]}` instead of text.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> ExitCode {
    let verdict = match grade(&args) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("vpclab check: {e}");
            return ExitCode::from(2);
        }
    };
    if args.json {
        match serde_json::to_string_pretty(&verdict) {
            Ok(text) => println!("{text}"),
            Err(e) => {
                eprintln!("vpclab check: {e}");
                return ExitCode::from(2);
            }
        }
    } else {
        print!("{}", render(&verdict));
    }
    if verdict.passed {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// The verdict, without traces (the CLI prints the reason of each goal; `vpclab reach` prints a
/// whole trace).
fn grade(args: &Args) -> Result<Verdict, String> {
    let def = catalog()
        .map_err(|e| e.to_string())?
        .find(&args.exercise)
        .map_err(|e| format!("--exercise {}: {}", args.exercise, e.problem))?;
    verdict_of_state(def, &args.state)
}

/// The verdict of one state file or snapshot folder (AWS CLI JSON, or a workspace the page saved,
/// which must be of this exercise), without traces. `vpclab grade` calls it for each student.
pub fn verdict_of_state(def: &ExerciseDef, state: &PathBuf) -> Result<Verdict, String> {
    let estate = match saved_workspace(state)? {
        Some(w) => {
            match w.exercise().map(|d| d.id.as_str()) {
                Some(id) if id == def.id => {}
                other => {
                    return Err(format!(
                        "{}: this saved workspace is {}, not exercise {}",
                        state.display(),
                        other.map_or("a sandbox".to_string(), |id| format!("exercise {id}")),
                        def.id
                    ))
                }
            }
            w.estate().clone()
        }
        None => load_estate(std::slice::from_ref(state))?,
    };
    let mut verdict = check(def, &estate);
    for g in &mut verdict.goals {
        g.trace = None;
    }
    Ok(verdict)
}

/// The workspace in `path` if it is a file holding one (`"format": "vpclab-workspace"`).
fn saved_workspace(path: &PathBuf) -> Result<Option<Workspace>, String> {
    if path.is_dir() {
        return Ok(None);
    }
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let is_saved = serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .is_some_and(|v| v.get("format").and_then(|f| f.as_str()) == Some(SAVE_FORMAT));
    if !is_saved {
        return Ok(None);
    }
    Workspace::restore_json(&text)
        .map(Some)
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// One line per goal (✓ / ✗, id, what it asks), its reason indented, then the feedback.
fn render(v: &Verdict) -> String {
    let passed = v.goals.iter().filter(|g| g.passed).count();
    let mut out = format!(
        "{}: {passed} of {} goals pass{}\n",
        v.exercise,
        v.goals.len(),
        if v.passed { ": solved" } else { "" }
    );
    for g in &v.goals {
        out.push_str(&format!(
            "  {} {}: {}\n      {}\n",
            if g.passed { "✓" } else { "✗" },
            g.id,
            g.text,
            g.message
        ));
    }
    for f in &v.feedback {
        out.push_str(&format!("\nKnown mistake ({}): {}\n", f.mistake, f.feedback));
    }
    out
}
