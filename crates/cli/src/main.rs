//! `vpclab`: the engine on the command line. Each subcommand lives in its own module; this file
//! only dispatches. Exit codes: 0 success, 1 a negative verdict (validate found errors, check not
//! passed), 2 bad input.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cidr;
mod cost;
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
    /// CIDR math: info, split, aggregate, overlap, exclude.
    Cidr(cidr::Args),
    /// What a design costs each month under a traffic file, line by line; or two designs compared.
    Cost(cost::Args),
    /// Can A connect to B? Forward and return paths hop by hop, and why not (exit 0 either way).
    Reach(reach::Args),
    /// What AWS would refuse in an estate (exit 1 when there are errors).
    Validate(validate::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Cidr(args) => cidr::run(args),
        Command::Cost(args) => cost::run(args),
        Command::Reach(args) => reach::run(args),
        Command::Validate(args) => validate::run(args),
    }
}
