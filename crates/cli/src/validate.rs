//! `vpclab validate --aws PATH... [--json]`: what AWS would refuse in an estate.
//!
//! Exit codes: 0 no errors (warnings allowed), 1 errors, 2 input that cannot be read. A CIDR with
//! host bits set stops the import, and is reported as the `NONCANONICAL_CIDR` error it is.

use std::path::PathBuf;
use std::process::ExitCode;

use vpclab_core::validate::{from_import_error, printable, validate, Diagnostic, Diagnostics};

use crate::load::{load, LoadError};

/// Check an estate the way AWS would when creating it: overlapping peer CIDRs, subnets outside
/// their VPC, routes to unknown or foreign targets, quotas. Exit 1 when there are errors.
#[derive(clap::Args)]
pub struct Args {
    /// AWS CLI JSON: a file holding one document or an array of them, or a Batfish-style snapshot
    /// folder. Repeat for several.
    #[arg(long = "aws", value_name = "PATH", required = true)]
    aws: Vec<PathBuf>,
    /// Print `{"errors": [...], "warnings": [...]}` instead of text.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> ExitCode {
    let found = match load(&args.aws) {
        Ok(estate) => validate(&estate),
        Err(LoadError::Import(e)) if from_import_error(&e).is_some() => Diagnostics {
            errors: from_import_error(&e).into_iter().collect(),
            warnings: Vec::new(),
        },
        Err(e) => {
            eprintln!("vpclab validate: {e}");
            return ExitCode::from(2);
        }
    };
    if args.json {
        match serde_json::to_string_pretty(&found) {
            Ok(text) => println!("{text}"),
            Err(e) => {
                eprintln!("vpclab validate: {e}");
                return ExitCode::from(2);
            }
        }
    } else {
        print!("{}", render(&found));
    }
    if found.is_valid() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// The findings as text: one block per finding, errors first, then a one-line summary. Ids come
/// from the input: control characters in them are printed escaped (`\n`), never sent to the
/// terminal.
fn render(d: &Diagnostics) -> String {
    let mut out = String::new();
    let block = |out: &mut String, label: &str, x: &Diagnostic| {
        out.push_str(&format!(
            "{label} {} [{}]\n  {}\n",
            x.code,
            printable(&x.resource),
            printable(&x.message)
        ));
    };
    for x in &d.errors {
        block(&mut out, "error  ", x);
    }
    for x in &d.warnings {
        block(&mut out, "warning", x);
    }
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    out.push_str(&format!(
        "{}, {}{}\n",
        plural(d.errors.len(), "error"),
        plural(d.warnings.len(), "warning"),
        if d.errors.is_empty() {
            ": AWS would accept this estate"
        } else {
            ""
        }
    ));
    out
}
