//! `vpclab`: the engine on the command line. Each subcommand lives in its own module; this file
//! only dispatches. Exit codes: 0 success, 1 a negative verdict (validate found errors, check not
//! passed), 2 bad input.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod check;
mod cidr;
mod cost;
mod exercise;
mod exercises;
mod export;
mod grade;
mod load;
mod reach;
mod validate;

#[derive(Parser)]
#[command(
    name = "vpclab",
    version,
    about = "Learn AWS VPC networking by doing: CIDR math, reachability, validation, cost"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Grade a state against an exercise's goals (exit 1 when a goal fails).
    Check(check::Args),
    /// CIDR math: info, split, aggregate, overlap, exclude.
    Cidr(cidr::Args),
    /// What a design costs each month under a traffic file, line by line; or two designs compared.
    Cost(cost::Args),
    /// One exercise: its story, goals and hints, its start and its solution as AWS CLI JSON.
    Exercise(exercise::Args),
    /// The built-in exercises, in order of play.
    Exercises(exercises::Args),
    /// The actions taken against the start, as AWS CLI commands or as Terraform.
    Export(export::Args),
    /// Grade a class: every student's state in a folder against an exercise, one row each.
    Grade(grade::Args),
    /// Can A connect to B? Forward and return paths hop by hop, and why not (exit 0 either way).
    Reach(reach::Args),
    /// What AWS would refuse in an estate (exit 1 when there are errors).
    Validate(validate::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Cidr(args) => cidr::run(args),
        Command::Cost(args) => cost::run(args),
        Command::Exercise(args) => exercise::run(args),
        Command::Exercises(args) => exercises::run(args),
        Command::Export(args) => export::run(args),
        Command::Grade(args) => grade::run(args),
        Command::Reach(args) => reach::run(args),
        Command::Validate(args) => validate::run(args),
    }
}
