//! Writes the synthetic estate of the scale benchmark (`vpclab_core::synth`, default parameters:
//! 1,000 VPCs, 10,000 subnets, about 100,000 routes) as one AWS CLI JSON document.
//!
//! `cargo run --profile bench -p vpclab-core --example synth -- OUT.json [VPCS]` (used by
//! `cargo xtask bench-scale`; the e2e test of the sandbox's worker asks for a smaller one).

use std::process::ExitCode;

use vpclab_core::synth::{document, Params};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(out) = args.next() else {
        eprintln!("usage: synth OUT.json [VPCS]");
        return ExitCode::from(2);
    };
    let mut params = Params::default();
    if let Some(n) = args.next() {
        match n.parse() {
            Ok(n) => params.vpcs = n,
            Err(_) => {
                eprintln!("VPCS wants a whole number, not '{n}'");
                return ExitCode::from(2);
            }
        }
    }
    let text = document(&params).to_string();
    let path = std::path::Path::new(&out);
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
    eprintln!("wrote {out}: {} VPCs, {} bytes", params.vpcs, text.len());
    ExitCode::SUCCESS
}
