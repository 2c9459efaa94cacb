//! `vpclab exercises [--json]`: the built-in exercises in order of play, by section.

use std::process::ExitCode;

use vpclab_core::exercise::{catalog, ExerciseSummary};

/// List the exercises: id, title, topic, grouped by section in order of play.
#[derive(clap::Args)]
pub struct Args {
    /// Print `[{id, title, topic, section, section_title, number, goals, hints}]` instead of text.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> ExitCode {
    let list = match catalog() {
        Ok(c) => c.list(),
        Err(e) => {
            eprintln!("vpclab exercises: {e}");
            return ExitCode::from(2);
        }
    };
    if args.json {
        match serde_json::to_string_pretty(&list) {
            Ok(text) => println!("{text}"),
            Err(e) => {
                eprintln!("vpclab exercises: {e}");
                return ExitCode::from(2);
            }
        }
    } else {
        print!("{}", render(&list));
    }
    ExitCode::SUCCESS
}

/// One heading per section, then one line per exercise: number, id, title, topic.
fn render(list: &[ExerciseSummary]) -> String {
    let width = list.iter().map(|s| s.id.len()).max().unwrap_or(0);
    let mut out = String::new();
    let mut section = "";
    for s in list {
        if s.section != section {
            section = &s.section;
            out.push_str(&format!("{}\n", s.section_title));
        }
        out.push_str(&format!(
            "  {:>2}. {:<width$}  {} [{}]\n",
            s.number, s.id, s.title, s.topic
        ));
    }
    out.push_str("\nvpclab exercise show ID tells the story; vpclab check --exercise ID --state FILE grades a state.\n");
    out
}
