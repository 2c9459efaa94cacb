//! The Rust side of `cargo xtask bench-cidr` (`tests/bench/cidr_vs_python.py` runs it): parse,
//! aggregate and find the overlapping pairs of the prefixes in a file with `vpclab_core::cidr`.
//!
//! `cidr_bench INPUT OUT_DIR REPEAT`: INPUT has one prefix per line. Reading the file and
//! splitting it into lines is not timed; each step is run REPEAT times on the same input and
//! the fastest run is kept. Prints one JSON line: the times in ms, the number of aggregated
//! blocks, and the number and a checksum of the overlapping pairs (Σ i·1,000,003 + j, mod 2⁶⁴,
//! over the pairs (i, j), i < j, of 0-based line numbers). Writes the aggregated blocks, one a
//! line, to OUT_DIR/vpclab-aggregate.txt (not timed) for the script to compare.

use std::hint::black_box;
use std::process::ExitCode;
use std::time::Instant;

use vpclab_core::cidr;

fn fastest<T>(repeat: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::INFINITY;
    let mut last = None;
    for _ in 0..repeat.max(1) {
        let t = Instant::now();
        let out = black_box(f());
        best = best.min(t.elapsed().as_secs_f64() * 1e3);
        last = Some(out);
    }
    (best, last.expect("at least one run"))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, out_dir, repeat] = &args[..] else {
        eprintln!("usage: cidr_bench INPUT OUT_DIR REPEAT");
        return ExitCode::from(2);
    };
    let Ok(repeat) = repeat.parse::<usize>() else {
        eprintln!("REPEAT wants a whole number, not '{repeat}'");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(input) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot read {input}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let lines: Vec<&str> = text.lines().collect();
    let (parse_ms, parsed) = fastest(repeat, || {
        lines
            .iter()
            .map(|l| cidr::parse(l))
            .collect::<Result<Vec<_>, _>>()
    });
    let nets = match parsed {
        Ok(n) => n,
        Err(e) => {
            eprintln!("{input}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let (aggregate_ms, aggregated) = fastest(repeat, || cidr::aggregate(&nets));
    let (overlap_ms, pairs) = fastest(repeat, || cidr::overlap_pairs(&nets));
    let checksum = pairs.iter().fold(0u64, |acc, &(i, j)| {
        acc.wrapping_add((i as u64).wrapping_mul(1_000_003).wrapping_add(j as u64))
    });
    let listing: String = aggregated.iter().map(|n| format!("{n}\n")).collect();
    let out = std::path::Path::new(out_dir).join("vpclab-aggregate.txt");
    if let Err(e) = std::fs::write(&out, listing) {
        eprintln!("cannot write {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    println!(
        "{}",
        serde_json::json!({
            "prefixes": nets.len(),
            "parse_ms": parse_ms,
            "aggregate_ms": aggregate_ms,
            "overlap_ms": overlap_ms,
            "aggregated": aggregated.len(),
            "pairs": pairs.len(),
            "pairs_checksum": checksum.to_string(),
        })
    );
    ExitCode::SUCCESS
}
