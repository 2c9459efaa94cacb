//! Writes the synthetic estate of the scale benchmark (`vpclab_core::synth`, default parameters:
//! 1,000 VPCs, 10,000 subnets, about 100,000 routes) as one AWS CLI JSON document.
//!
//! `cargo run --profile bench -p vpclab-core --example synth -- OUT.json [VPCS] [--dual-stack]`
//! (used by `cargo xtask bench-scale`; the e2e test of the sandbox's worker asks for a smaller
//! one). `--dual-stack`: every VPC with an IPv6 block and IPv6 routes (`Params::dual_stack`).

use std::process::ExitCode;

use vpclab_core::synth::{document, Params};

fn main() -> ExitCode {
    const USAGE: &str = "usage: synth OUT.json [VPCS] [--dual-stack]";
    let (flags, args): (Vec<String>, Vec<String>) =
        std::env::args().skip(1).partition(|a| a.starts_with("--"));
    let mut params = Params::default();
    for flag in flags {
        match flag.as_str() {
            "--dual-stack" => params.dual_stack = true,
            _ => {
                eprintln!("unknown option '{flag}': {USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let (out, vpcs) = match args.as_slice() {
        [out] => (out, None),
        [out, n] => (out, Some(n)),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    if let Some(n) = vpcs {
        match n.parse() {
            Ok(n) => params.vpcs = n,
            Err(_) => {
                eprintln!("VPCS wants a whole number, not '{n}'");
                return ExitCode::from(2);
            }
        }
    }
    let text = document(&params).to_string();
    let path = std::path::Path::new(out);
    if let Some(dir) = path.parent() {
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!("cannot create {}: {e}", dir.display());
            return ExitCode::FAILURE;
        }
    }
    if let Err(e) = std::fs::write(path, &text) {
        eprintln!("cannot write {out}: {e}");
        return ExitCode::FAILURE;
    }
    let stack = if params.dual_stack { "dual-stack" } else { "IPv4" };
    eprintln!("wrote {out}: {} {stack} VPCs, {} bytes", params.vpcs, text.len());
    ExitCode::SUCCESS
}
