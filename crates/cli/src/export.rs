//! `vpclab export --format aws-cli|terraform (--state FILE | [--start PATH...] --actions FILE)`:
//! the learner's changes against the start, as an AWS CLI script or as Terraform, on stdout.
//!
//! The input is a workspace the page saved (`"format": "vpclab-workspace"`: an exercise id or the
//! sandbox's start documents, and the action log), or a start given as AWS CLI JSON (`--start`,
//! default: an empty estate) with a JSON array of actions (`--actions`). Exit codes: 0 the export
//! is printed, 2 input that cannot be read or an action the start refuses (named by its index).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use vpclab_core::edit::Action;
use vpclab_core::export::{export, Format};
use vpclab_core::model::Estate;
use vpclab_core::workspace::Workspace;

use crate::load::load_estate;

/// Export the actions taken against the start as AWS CLI commands or as Terraform.
#[derive(clap::Args)]
#[command(group = clap::ArgGroup::new("input").required(true).args(["state", "actions"]))]
pub struct Args {
    /// `aws-cli` (a bash script of aws ec2 / aws ram commands) or `terraform` (HCL for the AWS
    /// provider).
    #[arg(long, value_name = "FORMAT")]
    format: Format,
    /// A saved workspace (the page's save, JSON with "format": "vpclab-workspace").
    #[arg(long, value_name = "FILE", conflicts_with_all = ["start", "actions"])]
    state: Option<PathBuf>,
    /// The start as AWS CLI JSON: a file of documents or a snapshot folder; repeat for several.
    /// Without it the actions start from an empty estate.
    #[arg(long, value_name = "PATH", requires = "actions")]
    start: Vec<PathBuf>,
    /// A JSON array of actions, such as [{"action": "create_route", "route_table": "rtb-…",
    /// "destination": "10.2.0.0/16", "target": "pcx-…"}].
    #[arg(long, value_name = "FILE")]
    actions: Option<PathBuf>,
}

pub fn run(args: Args) -> ExitCode {
    match render(&args) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("vpclab export: {e}");
            ExitCode::from(2)
        }
    }
}

fn render(args: &Args) -> Result<String, String> {
    let (start, actions, origin) = match (&args.state, &args.actions) {
        (Some(path), _) => {
            let w = saved_workspace(path)?;
            let actions: Vec<Action> = w.actions().into_iter().cloned().collect();
            (w.start().clone(), actions, path.display().to_string())
        }
        (None, Some(path)) => {
            let start = if args.start.is_empty() {
                Estate::default()
            } else {
                load_estate(&args.start)?
            };
            (start, read_actions(path)?, path.display().to_string())
        }
        (None, None) => return Err("give --state FILE, or --actions FILE (with --start PATH)".into()),
    };
    export(&start, &actions, args.format).map_err(|e| format!("{origin}: {e}"))
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))
}

/// A saved workspace; its actions replay on its start when it is restored.
fn saved_workspace(path: &Path) -> Result<Workspace, String> {
    Workspace::restore_json(&read(path)?).map_err(|e| format!("{}: {e}", path.display()))
}

/// A JSON array of actions.
fn read_actions(path: &Path) -> Result<Vec<Action>, String> {
    let text = read(path)?;
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| {
            format!(
                "{}: not valid JSON: {e} (expected a JSON array of actions, such as [{{\"action\": \"create_vpc\", \"cidr\": \"10.1.0.0/16\"}}])",
                path.display()
            )
        })?;
    let Some(items) = value.as_array() else {
        return Err(format!(
            "{}: expected a JSON array of actions, such as [{{\"action\": \"create_vpc\", \"cidr\": \"10.1.0.0/16\"}}]",
            path.display()
        ));
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            Action::from_json(item).map_err(|e| format!("{}: $[{i}]: not an action: {e}", path.display()))
        })
        .collect()
}
