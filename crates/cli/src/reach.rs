//! `vpclab reach --aws PATH... --from A --to B [--protocol P] [--port N] [--json]`: can A set up
//! a connection to B, and if not, which hop drops it and why.
//!
//! Exit codes: 0 whatever the verdict (the answer is the output), 2 for input that cannot be read
//! or a question that cannot be asked (unknown id, missing port).

use std::path::PathBuf;
use std::process::ExitCode;

use vpclab_core::reach::{Decision, Hop, Proto, Query, Topology, Trace};
use vpclab_core::validate::printable;

use crate::load::load_estate;

/// Trace a connection from A to B, forward and back, hop by hop (route tables, security groups,
/// network ACLs, gateways), with a stable code for the first hop that drops it.
#[derive(clap::Args)]
pub struct Args {
    /// AWS CLI JSON: a file holding one document or an array of them, or a Batfish-style snapshot
    /// folder. Repeat for several.
    #[arg(long = "aws", value_name = "PATH", required = true)]
    aws: Vec<PathBuf>,
    /// The client: an instance id (i-…), a network interface id (eni-…) or an IPv4 or IPv6
    /// address (outside every VPC: a host on the internet).
    #[arg(long, value_name = "A")]
    from: String,
    /// The server: an instance id, an ENI id, an IPv4 or IPv6 address, or an AWS service name (s3,
    /// com.amazonaws.us-east-1.s3).
    #[arg(long, value_name = "B")]
    to: String,
    /// tcp, udp, icmp, or all (does all traffic pass: only allow-all rules match).
    #[arg(long, default_value = "tcp", value_name = "PROTOCOL")]
    protocol: String,
    /// The destination port (required for tcp and udp).
    #[arg(long, value_name = "N")]
    port: Option<u16>,
    /// Ask over IPv6: instances and ENIs by their IPv6 addresses (implied when A or B is an IPv6
    /// address; a NAT64 address 64:ff9b::a.b.c.d reaches an IPv4 host through a NAT gateway).
    #[arg(long)]
    ipv6: bool,
    /// Print the trace as JSON (the shape documented in docs/codes.md and issue 3).
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> ExitCode {
    let protocol: Proto = match args.protocol.parse() {
        Ok(p) => p,
        Err(e) => return fail(&e.to_string()),
    };
    let estate = match load_estate(&args.aws) {
        Ok(e) => e,
        Err(e) => return fail(&e),
    };
    let query = Query {
        ipv6: args.ipv6,
        ..Query::new(&args.from, &args.to, protocol, args.port)
    };
    let trace = match Topology::build(&estate).trace(&query) {
        Ok(t) => t,
        Err(e) => return fail(e.message()),
    };
    if args.json {
        match serde_json::to_string_pretty(&trace) {
            Ok(text) => println!("{text}"),
            Err(e) => return fail(&e.to_string()),
        }
    } else {
        print!("{}", render(&trace));
    }
    ExitCode::SUCCESS
}

fn fail(message: &str) -> ExitCode {
    eprintln!("vpclab reach: {message}");
    ExitCode::from(2)
}

fn decision(d: Decision) -> &'static str {
    match d {
        Decision::Send => "send",
        Decision::Allow => "allow",
        Decision::Deny => "DENY",
        Decision::Forward => "forward",
        Decision::Translate => "translate",
        Decision::Deliver => "deliver",
        Decision::Drop => "DROP",
    }
}

fn hops(out: &mut String, hops: &[Hop]) {
    for (i, h) in hops.iter().enumerate() {
        // Ids and names come from the input: control characters are printed escaped.
        out.push_str(&format!(
            "  {:>2}. {:<9} {}",
            i + 1,
            decision(h.decision),
            printable(&h.at)
        ));
        if let (Some(rt), Some(m), Some(t)) = (&h.route_table, &h.matched, &h.target) {
            out.push_str(&printable(&format!("  [{rt}: {m} → {t}]")));
        } else if let Some(rule) = &h.rule {
            out.push_str(&printable(&format!("  [{rule}]")));
        }
        out.push_str(&format!("\n      {}\n", printable(&h.message)));
    }
}

/// The trace as text: the verdict, then the forward and return hops.
fn render(t: &Trace) -> String {
    let what = match t.port {
        Some(p) => format!("{}/{p}", t.protocol),
        None => t.protocol.clone(),
    };
    let mut out = format!(
        "{} ({}) → {} ({}), {what}: ",
        t.from.id, t.from.address, t.to.id, t.to.address
    );
    match &t.blocked {
        None => out.push_str("REACHABLE\n"),
        Some(b) => out.push_str(&format!(
            "NOT REACHABLE: {} at {}\n  {}\n",
            b.code,
            printable(&b.at),
            printable(&b.headline)
        )),
    }
    let state = |r: Option<bool>| match r {
        Some(true) => "arrives",
        Some(false) => "dropped",
        None => "not traced: the request never arrived",
    };
    out.push_str(&format!("\nforward ({}):\n", state(Some(t.forward.reached))));
    hops(&mut out, &t.forward.hops);
    out.push_str(&format!("\nreturn ({}):\n", state(t.return_path.reached)));
    hops(&mut out, &t.return_path.hops);
    out
}
