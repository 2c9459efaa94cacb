//! `vpclab exercise show ID [--json | --start | --solution]`: one exercise — its story, goals,
//! hints, and its start and reference solution as AWS CLI JSON documents.

use std::process::ExitCode;

use serde::Serialize;
use serde_json::Value;
use vpclab_core::aws::export;
use vpclab_core::edit::Action;
use vpclab_core::exercise::{catalog, ExerciseDef, ExerciseSummary, Goal};

/// Show one exercise.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Sub,
}

#[derive(clap::Subcommand)]
enum Sub {
    /// The story, goals, hints and allowed actions of exercise ID.
    Show(ShowArgs),
}

#[derive(clap::Args)]
struct ShowArgs {
    /// The exercise id (see `vpclab exercises`).
    id: String,
    /// Print everything as JSON: `{id, title, topic, story, goals, hints, allowed_actions, start,
    /// solution, solution_actions, mistakes, ...}`; `start` and `solution` are AWS CLI JSON
    /// documents (the solution is the start with the reference actions applied).
    #[arg(long, conflicts_with_all = ["start", "solution"])]
    json: bool,
    /// Print only the start, as AWS CLI JSON documents (a file to edit and then check).
    #[arg(long, conflicts_with = "solution")]
    start: bool,
    /// Print only the reference solution's estate, as AWS CLI JSON documents.
    #[arg(long)]
    solution: bool,
}

/// `exercise show --json`.
#[derive(Serialize)]
struct Shown<'a> {
    #[serde(flatten)]
    summary: &'a ExerciseSummary,
    story: &'a str,
    allowed_actions: &'a [String],
    goals: &'a [Goal],
    hints: &'a [String],
    start: Vec<Value>,
    solution: Vec<Value>,
    solution_actions: &'a [Action],
    mistakes: Vec<MistakeShown<'a>>,
}

#[derive(Serialize)]
struct MistakeShown<'a> {
    id: &'a str,
    feedback: &'a str,
}

pub fn run(args: Args) -> ExitCode {
    let Sub::Show(args) = args.command;
    match show(&args) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("vpclab exercise show: {e}");
            ExitCode::from(2)
        }
    }
}

fn show(args: &ShowArgs) -> Result<String, String> {
    let catalog = catalog().map_err(|e| e.to_string())?;
    let def = catalog.find(&args.id).map_err(|e| e.problem.clone())?;
    let summary = catalog
        .list()
        .into_iter()
        .find(|s| s.id == def.id)
        .ok_or_else(|| format!("{} is in no section", def.id))?;
    let start = def.start_estate().map_err(|e| e.to_string())?;
    let solution = def.solution_estate().map_err(|e| e.to_string())?;
    if args.start {
        return pretty(&export(&start));
    }
    if args.solution {
        return pretty(&export(&solution));
    }
    if args.json {
        return pretty(&Shown {
            summary: &summary,
            story: &def.story,
            allowed_actions: &def.allowed_actions,
            goals: &def.goals,
            hints: &def.hints,
            start: export(&start),
            solution: export(&solution),
            solution_actions: &def.solution,
            mistakes: def
                .mistakes
                .iter()
                .map(|m| MistakeShown {
                    id: &m.id,
                    feedback: &m.feedback,
                })
                .collect(),
        });
    }
    Ok(render(def, &summary))
}

/// Pretty JSON with a final newline.
fn pretty<T: Serialize>(value: &T) -> Result<String, String> {
    serde_json::to_string_pretty(value)
        .map(|t| t + "\n")
        .map_err(|e| e.to_string())
}

fn render(def: &ExerciseDef, s: &ExerciseSummary) -> String {
    let mut out = format!(
        "{}. {} ({}, {})\n\n",
        s.number, def.title, s.section_title, def.topic
    );
    for p in def.story.split("\n\n") {
        out.push_str(&wrap(p, 96));
        out.push('\n');
    }
    out.push_str("Goals:\n");
    for g in &def.goals {
        out.push_str(&format!("  - {} [{}]\n", g.text, g.id));
    }
    out.push_str(&format!(
        "\nAllowed actions: {}\n",
        def.allowed_actions.join(", ")
    ));
    out.push_str("\nHints:\n");
    for (i, h) in def.hints.iter().enumerate() {
        out.push_str(&format!("  {}. {h}\n", i + 1));
    }
    out.push_str(&format!(
        "\nStart:    vpclab exercise show {} --start > start.json\nSolution: vpclab exercise show {} --solution\nCheck:    vpclab check --exercise {} --state start.json\n",
        def.id, def.id, def.id
    ));
    out
}

/// Words of `text` in lines of at most `width` characters (a longer word gets its own line).
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            out.push_str(&line);
            out.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wrap_keeps_lines_short_and_words_whole() {
        for (text, width, want) in [
            ("a bb ccc", 4, "a bb\nccc\n"),
            ("averyverylongword x", 4, "averyverylongword\nx\n"),
            ("", 10, ""),
        ] {
            assert_eq!(wrap(text, width), want);
        }
    }
}
