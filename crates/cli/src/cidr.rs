//! `vpclab cidr …`: the CIDR toolkit of `vpclab_core::cidr` on the command line.
//!
//! Every operation goes one way: a [`Request`] (built from the command line, or read as one JSON
//! line by the hidden `batch` command) is answered by [`answer`], whose [`Answer`] is printed either
//! as JSON (`--json`, `batch`) or as a table. The CIDR math itself lives in core.

use std::io::{self, BufRead, BufWriter, Write};
use std::process::ExitCode;

use clap::Subcommand;
use ipnet::IpNet;
use serde::Deserialize;
use serde_json::{json, Value};
use vpclab_core::cidr::{self, CidrInfo, Total};

mod render;

/// CIDR math: info, split, aggregate, overlap, exclude (IPv4 and IPv6).
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    op: Op,
}

#[derive(Subcommand)]
enum Op {
    /// Network, last address, netmask, size and the addresses AWS reserves in a block.
    Info {
        /// The block, e.g. 10.0.0.0/16 or 2001:db8::/56 (host bits must be zero).
        cidr: String,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Every subnet of a new, longer prefix, in address order (at most 65,536).
    #[command(override_usage = "vpclab cidr split <CIDR> --prefix <N> [--json]")]
    Split {
        /// The block to split, e.g. 10.0.0.0/16.
        cidr: String,
        /// Required: the new prefix length, from the block's own up to 32 (IPv4) or 128 (IPv6).
        #[arg(long, value_name = "N", allow_hyphen_values = true)]
        prefix: Option<String>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// The fewest blocks covering exactly the given blocks, in address order.
    Aggregate {
        /// One or more blocks; IPv4 and IPv6 may be mixed.
        #[arg(required = true)]
        cidrs: Vec<String>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Which of the given blocks overlap one another (pairs of 0-based indexes).
    Overlap {
        /// One or more blocks; IPv4 and IPv6 may be mixed.
        #[arg(required = true)]
        cidrs: Vec<String>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// What is left of a block once the given blocks are removed from it.
    Exclude {
        /// The block to carve, e.g. 10.0.0.0/16.
        cidr: String,
        /// One or more blocks to remove (they may be larger than, inside, or apart from CIDR).
        #[arg(required = true)]
        excluded: Vec<String>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Answers JSON Lines requests on stdin, one JSON answer per line (for the differential test).
    #[command(hide = true)]
    Batch,
}

/// One CIDR question, as the command line or a `batch` line asks it.
#[derive(Debug, Deserialize)]
#[serde(tag = "op", rename_all = "lowercase", deny_unknown_fields)]
enum Request {
    Info { cidr: String },
    Split { cidr: String, prefix: u64 },
    Aggregate { cidrs: Vec<String> },
    Overlap { cidrs: Vec<String> },
    Exclude { cidr: String, exclude: Vec<String> },
}

/// The answer to a [`Request`], with the inputs a table needs to explain it.
enum Answer {
    Info(CidrInfo),
    Split {
        parent: IpNet,
        subnets: Vec<IpNet>,
    },
    Aggregate {
        inputs: Vec<IpNet>,
        aggregated: Vec<IpNet>,
    },
    Overlap {
        inputs: Vec<IpNet>,
        pairs: Vec<(usize, usize)>,
    },
    Exclude {
        parent: IpNet,
        excluded: Vec<IpNet>,
        remaining: Vec<IpNet>,
    },
}

impl Answer {
    /// The `--json` shape (also one `batch` answer line).
    fn to_json(&self) -> Value {
        let strings = |nets: &[IpNet]| nets.iter().map(|n| n.to_string()).collect::<Vec<_>>();
        match self {
            Answer::Info(info) => {
                serde_json::to_value(info).unwrap_or_else(|e| json!({"error": e.to_string()}))
            }
            Answer::Split { subnets, .. } => json!({ "subnets": strings(subnets) }),
            Answer::Aggregate { aggregated, .. } => json!({ "aggregated": strings(aggregated) }),
            Answer::Overlap { pairs, .. } => json!({ "overlaps": pairs }),
            Answer::Exclude { remaining, .. } => json!({ "remaining": strings(remaining) }),
        }
    }
}

fn parse_all(cidrs: &[String]) -> Result<Vec<IpNet>, String> {
    cidrs
        .iter()
        .map(|c| cidr::parse(c).map_err(|e| e.to_string()))
        .collect()
}

fn info_op(cidr: &str) -> Result<Answer, String> {
    let net = cidr::parse(cidr).map_err(|e| e.to_string())?;
    Ok(Answer::Info(cidr::info(net)))
}

fn split_op(cidr: &str, prefix: u64) -> Result<Answer, String> {
    let parent = cidr::parse(cidr).map_err(|e| e.to_string())?;
    // Core takes a u8; a larger number is out of range all the same, so say it the same way.
    let Ok(prefix) = u8::try_from(prefix) else {
        return Err(format!(
            "cannot split {parent} into /{prefix} subnets: the new prefix must be /{} to /{}",
            parent.prefix_len(),
            parent.max_prefix_len()
        ));
    };
    let subnets = cidr::split(parent, prefix).map_err(|e| e.to_string())?;
    Ok(Answer::Split { parent, subnets })
}

fn aggregate_op(cidrs: &[String]) -> Result<Answer, String> {
    let inputs = parse_all(cidrs)?;
    let aggregated = cidr::aggregate(&inputs);
    Ok(Answer::Aggregate { inputs, aggregated })
}

fn overlap_op(cidrs: &[String]) -> Result<Answer, String> {
    let inputs = parse_all(cidrs)?;
    let pairs = cidr::overlap_pairs(&inputs);
    Ok(Answer::Overlap { inputs, pairs })
}

fn exclude_op(cidr: &str, exclude: &[String]) -> Result<Answer, String> {
    let parent = cidr::parse(cidr).map_err(|e| e.to_string())?;
    let excluded = parse_all(exclude)?;
    let remaining = cidr::exclude(parent, &excluded);
    Ok(Answer::Exclude {
        parent,
        excluded,
        remaining,
    })
}

/// Answers one request: the single code path of the commands and of `batch`.
fn answer(request: &Request) -> Result<Answer, String> {
    match request {
        Request::Info { cidr } => info_op(cidr),
        Request::Split { cidr, prefix } => split_op(cidr, *prefix),
        Request::Aggregate { cidrs } => aggregate_op(cidrs),
        Request::Overlap { cidrs } => overlap_op(cidrs),
        Request::Exclude { cidr, exclude } => exclude_op(cidr, exclude),
    }
}

/// Reads the `--prefix` text (`24` or `/24`), explaining what is valid for `cidr` when it is
/// missing or not a number. Range checks are core's.
fn prefix_arg(cidr: &str, prefix: Option<&str>) -> Result<u64, String> {
    let net = cidr::parse(cidr).map_err(|e| e.to_string())?;
    let valid = format!(
        "a prefix length from {} to {} for {net}, e.g. --prefix {}",
        net.prefix_len(),
        net.max_prefix_len(),
        (net.prefix_len() + 2).min(net.max_prefix_len())
    );
    let Some(text) = prefix else {
        return Err(format!("split needs --prefix N: {valid}"));
    };
    let digits = text.trim().strip_prefix('/').unwrap_or(text.trim());
    match digits.parse::<u64>() {
        Ok(n) if digits.bytes().all(|b| b.is_ascii_digit()) => Ok(n),
        _ => Err(format!(
            "--prefix '{text}' is not a prefix length: expected {valid}"
        )),
    }
}

/// Runs `vpclab cidr …`: 0 on success, 2 on bad input (message on stderr).
pub fn run(args: Args) -> ExitCode {
    let (request, json) = match args.op {
        Op::Batch => return batch(),
        Op::Info { cidr, json } => (Ok(Request::Info { cidr }), json),
        Op::Split { cidr, prefix, json } => {
            let request = prefix_arg(&cidr, prefix.as_deref()).map(|prefix| Request::Split { cidr, prefix });
            (request, json)
        }
        Op::Aggregate { cidrs, json } => (Ok(Request::Aggregate { cidrs }), json),
        Op::Overlap { cidrs, json } => (Ok(Request::Overlap { cidrs }), json),
        Op::Exclude { cidr, excluded, json } => (
            Ok(Request::Exclude {
                cidr,
                exclude: excluded,
            }),
            json,
        ),
    };
    match request.and_then(|r| answer(&r)) {
        Ok(answer) => {
            let text = if json {
                serde_json::to_string_pretty(&answer.to_json()).unwrap_or_default() + "\n"
            } else {
                render::table(&answer)
            };
            let mut out = io::stdout().lock();
            match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: cannot write the answer: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// One `batch` line in, one JSON line out: the `--json` answer or `{"error": message}`.
fn batch_line(number: usize, line: &str) -> Value {
    let request: Result<Request, String> = serde_json::from_str(line).map_err(|e| {
        format!(
            "bad request on input line {number}: {e}; expected one JSON object per line such as \
             {{\"op\":\"split\",\"cidr\":\"10.0.0.0/16\",\"prefix\":18}}"
        )
    });
    match request.and_then(|r| answer(&r)) {
        Ok(answer) => answer.to_json(),
        Err(message) => json!({ "error": message }),
    }
}

fn batch() -> ExitCode {
    let stdin = io::stdin().lock();
    let mut out = BufWriter::new(io::stdout().lock());
    for (index, line) in stdin.lines().enumerate() {
        let written = match line {
            Ok(line) => writeln!(out, "{}", batch_line(index + 1, &line)),
            Err(e) => {
                eprintln!("error: cannot read stdin: {e}");
                return ExitCode::from(2);
            }
        };
        if written.is_err() {
            return ExitCode::FAILURE;
        }
    }
    match out.flush() {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::FAILURE,
    }
}

/// The number of addresses in `net`, for tables.
fn size(net: IpNet) -> String {
    match cidr::info(net).total {
        Total::V4(n) => n.to_string(),
        Total::V6(s) => s,
    }
}
