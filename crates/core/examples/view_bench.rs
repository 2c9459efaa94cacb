//! Times building the page's view ([`Workspace::view`], `workspace/draw.rs`) of the synthetic
//! estate of the scale benchmark (`vpclab_core::synth`, default parameters: 1,000 VPCs, 10,000
//! subnets, about 100,000 routes), and its `serde_json` text (what the wasm facade hands over).
//!
//! `cargo run --profile bench -p vpclab-core --example view_bench -- [RUNS] [VPCS]`
//! (BENCHMARKS.md, "Scale in the page").

use std::hint::black_box;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use vpclab_core::aws::import_documents;
use vpclab_core::synth::{document, Params};
use vpclab_core::workspace::Workspace;

fn number(arg: Option<String>, default: usize, what: &str) -> Result<usize, String> {
    match arg {
        None => Ok(default),
        Some(n) => n
            .parse()
            .map_err(|_| format!("{what} wants a whole number, not '{n}'")),
    }
}

fn median(mut xs: Vec<Duration>) -> Duration {
    xs.sort();
    xs[xs.len() / 2]
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let parsed = number(args.next(), 5, "RUNS")
        .and_then(|runs| number(args.next(), Params::default().vpcs, "VPCS").map(|vpcs| (runs.max(1), vpcs)));
    let (runs, vpcs) = match parsed {
        Ok(x) => x,
        Err(e) => {
            eprintln!("usage: view_bench [RUNS] [VPCS]: {e}");
            return ExitCode::from(2);
        }
    };
    let params = Params {
        vpcs,
        ..Params::default()
    };
    let estate = match import_documents(&[("synth.json".into(), document(&params))]) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("the synthetic estate does not import: {e:?}");
            return ExitCode::FAILURE;
        }
    };
    let routes: usize = estate.route_tables.values().map(|t| t.routes.len()).sum();
    let w = Workspace::sandbox(estate);
    let (mut build, mut json) = (Vec::new(), Vec::new());
    let mut bytes = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let view = black_box(w.view());
        build.push(t.elapsed());
        let t = Instant::now();
        match serde_json::to_string(&view) {
            Ok(text) => bytes = black_box(text).len(),
            Err(e) => {
                eprintln!("the view does not serialise: {e}");
                return ExitCode::FAILURE;
            }
        }
        json.push(t.elapsed());
    }
    println!(
        "{} VPCs, {} subnets, {routes} routes: view build median {:.1} ms (min {:.1}), \
         to JSON {:.1} ms ({bytes} bytes), {runs} runs",
        w.estate().vpcs.len(),
        w.estate().subnets.len(),
        median(build.clone()).as_secs_f64() * 1e3,
        build.iter().min().map_or(0.0, |d| d.as_secs_f64() * 1e3),
        median(json).as_secs_f64() * 1e3,
    );
    ExitCode::SUCCESS
}
