//! `cargo xtask test`: set-up, then every check in order. Each step runs even if an earlier one
//! failed, so one run shows everything that is wrong; a summary table ends the run.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use crate::cmd;
use crate::setup::{self, Tools, CHROMEDRIVER, TARGET};
use crate::www;

type Step = fn(&Path, &Tools) -> Result<(), String>;

const STEPS: &[(&str, Step)] = &[
    ("cargo fmt --check", fmt),
    ("cargo clippy -D warnings", clippy),
    ("cargo test --workspace", cargo_test),
    ("wasm tests in headless Chromium", wasm_browser_tests),
    ("end-to-end browser tests", e2e),
    ("differential CIDR test", differential),
    ("fuzz targets, briefly", fuzz_briefly),
];

pub fn run(root: &Path) -> ExitCode {
    let total = STEPS.len() + 1;
    let mut results = Vec::new();

    header(1, total, "set-up (install what is missing)");
    let started = Instant::now();
    let (tools, setup_result) = setup::for_test(root);
    results.push(finish("set-up", setup_result, started));

    for (i, (name, step)) in STEPS.iter().enumerate() {
        header(i + 2, total, name);
        let started = Instant::now();
        results.push(finish(name, step(root, &tools), started));
    }

    println!("\n{:<34} {:<7} {:>8}", "step", "result", "seconds");
    for (name, ok, secs) in &results {
        println!("{name:<34} {:<7} {secs:>8.1}", if *ok { "ok" } else { "FAILED" });
    }
    let passed = results.iter().filter(|(_, ok, _)| *ok).count();
    let failed = results.len() - passed;
    println!("{passed} passed, {failed} failed");
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn header(n: usize, total: usize, name: &str) {
    println!("\n==== [{n}/{total}] {name} ====");
}

fn finish(name: &'static str, result: Result<(), String>, started: Instant) -> (&'static str, bool, f64) {
    let secs = started.elapsed().as_secs_f64();
    match &result {
        Ok(()) => println!("==== {name}: ok ({secs:.1} s)"),
        Err(e) => println!("==== {name}: FAILED ({secs:.1} s)\n{e}"),
    }
    (name, result.is_ok(), secs)
}

fn cargo(root: &Path) -> std::process::Command {
    cmd::new(setup::cargo(), root)
}

fn fmt(root: &Path, _: &Tools) -> Result<(), String> {
    cmd::run(cargo(root).args(["fmt", "--all", "--check"]))
}

/// The workspace natively, then the wasm crate for wasm32 too: its browser tests only exist
/// there.
fn clippy(root: &Path, _: &Tools) -> Result<(), String> {
    let native =
        cmd::run(cargo(root).args(["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]));
    let wasm = cmd::run(cargo(root).args([
        "clippy",
        "-p",
        "vpclab-wasm",
        "--target",
        TARGET,
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]));
    native.and(wasm)
}

fn cargo_test(root: &Path, _: &Tools) -> Result<(), String> {
    cmd::run(cargo(root).args(["test", "--workspace"]))
}

/// `wasm-bindgen-test-runner` drives Chromium through chromedriver (the tests say
/// `run_in_browser`). Its output must show that they ran in Chrome and that some passed: a
/// runner that silently fell back to Node, or found nothing, is a failure.
///
/// chromedriver gives each browser a fresh profile (`org.chromium.Chromium.scoped_dir.*`, about
/// 60 MB) in `TMPDIR` and the runner does not always let it delete it: the step runs with a
/// `TMPDIR` of its own, removed afterwards, so repeated runs cannot fill the disk.
fn wasm_browser_tests(root: &Path, tools: &Tools) -> Result<(), String> {
    let tmp = root
        .join("target")
        .join(format!("wasm-test-tmp-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).map_err(|e| format!("cannot create {}: {e}", tmp.display()))?;
    let out = cmd::run_tee(
        cargo(root)
            .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", &tools.test_runner)
            .env("CHROMEDRIVER", CHROMEDRIVER)
            .env("TMPDIR", &tmp)
            .args(["test", "-p", "vpclab-wasm", "--target", TARGET]),
    );
    if let Err(e) = std::fs::remove_dir_all(&tmp) {
        eprintln!("warning: could not remove {}: {e}", tmp.display());
    }
    let out = out?;
    if !out.contains("Running headless tests in Chrome") {
        return Err("the wasm tests did not run in headless Chrome".into());
    }
    let ran: usize = out
        .lines()
        .filter_map(|l| l.strip_prefix("test result: ok. "))
        .filter_map(|l| l.split_whitespace().next()?.parse::<usize>().ok())
        .sum();
    if ran == 0 {
        return Err("no wasm test ran".into());
    }
    println!("{ran} wasm tests passed in Chromium");
    Ok(())
}

/// Builds `www/pkg` exactly as `serve` does, then runs every `tests/e2e/*.test.mjs` with
/// node's test runner, two files at a time (each file starts its own server on a free port and
/// its own Chromium with a fresh profile, so they do not share state; on this 2-core machine the
/// suite took 231 s so, against 446-530 s one file at a time).
fn e2e(root: &Path, tools: &Tools) -> Result<(), String> {
    www::build(root, tools)?;
    let dir = root.join("tests/e2e");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".test.mjs"))
        .collect();
    if files.is_empty() {
        return Err(format!("no *.test.mjs in {}", dir.display()));
    }
    files.sort();
    cmd::run(
        cmd::new("node", root)
            .arg("--test")
            .arg("--test-concurrency=2")
            .args(&files),
    )
}

/// The CLI against Python's `ipaddress`; a missing script is a failure, not a skip.
fn differential(root: &Path, _: &Tools) -> Result<(), String> {
    let script = root.join("tests/differential/cidr_diff.py");
    if !script.is_file() {
        return Err(format!("{} is missing", script.display()));
    }
    cmd::run(cargo(root).args(["build", "-p", "vpclab"]))?;
    let bin = www::target_dir(root).join("debug/vpclab");
    cmd::run(cmd::new("python3", root).arg(&script).arg("--bin").arg(&bin))
}

/// Every cargo-fuzz target for a few seconds (`cargo xtask fuzz` runs them at length); the
/// committed corpora are also replayed on stable by `cargo test` (core's `fuzz_corpus` test).
fn fuzz_briefly(root: &Path, _: &Tools) -> Result<(), String> {
    crate::fuzz::brief(root)
}
