//! The engine benchmarks (not part of `test`): `bench-check`, `bench-scale` and `bench-cidr`.
//! Each builds what it measures, then runs a script that prints Markdown tables for
//! BENCHMARKS.md.

use std::path::Path;

use crate::cmd;
use crate::setup;
use crate::www;

/// Builds `www/pkg` as `serve` does, then runs a wasm benchmark script in Chromium; `args` go to
/// the script, which checks them.
pub fn engine(root: &Path, script: &str, args: &[String]) -> Result<(), String> {
    let tools = setup::for_build(root)?;
    www::build(root, &tools)?;
    cmd::run(cmd::new("node", root).arg(root.join(script)).args(args))
}

/// `bench-check`: applyAction + check of every exercise in the wasm (`tests/bench/check.mjs`).
pub fn check(root: &Path, args: &[String]) -> Result<(), String> {
    engine(root, "tests/bench/check.mjs", args)
}

/// `bench-scale`: the synthetic estate (`vpclab_core::synth`, default parameters) written as AWS
/// JSON to `target/bench/synth-1000.json` by the core crate's `synth` example, then loaded into
/// the sandbox's worker in Chromium (`tests/bench/scale.mjs`; the worker's engine is the speed
/// build, `www/pkg/fast/`), then the same reach queries natively (criterion, `reach_query` of
/// `cargo bench -p vpclab-core --features testkit --bench scale`), so that both sides of the budget's ratio are
/// measured in one run, under the same load. `--dual-stack`: the estate with IPv6 in every VPC
/// (`Params::dual_stack`, `target/bench/synth-1000-ds.json`), and criterion's dual-stack group.
pub fn scale(root: &Path, args: &[String]) -> Result<(), String> {
    let dual_stack = args.iter().any(|a| a == "--dual-stack");
    let args: Vec<String> = args.iter().filter(|a| *a != "--dual-stack").cloned().collect();
    let name = if dual_stack {
        "synth-1000-ds.json"
    } else {
        "synth-1000.json"
    };
    let out = www::target_dir(root).join("bench").join(name);
    cmd::run(
        cmd::new(setup::cargo(), root)
            .args([
                "run",
                "-q",
                "--profile",
                "bench",
                "-p",
                "vpclab-core",
                "--features",
                "testkit",
                "--example",
                "synth",
                "--",
            ])
            .arg(&out)
            .args(dual_stack.then_some("--dual-stack")),
    )?;
    let mut all = vec!["--estate".to_string(), out.to_string_lossy().into_owned()];
    all.extend(args.iter().cloned());
    engine(root, "tests/bench/scale.mjs", &all)?;
    println!("\nNative, the same queries (criterion; compare the medians above with each estimate):");
    // Criterion's filter is a regular expression over `group/benchmark`.
    let filter = if dual_stack {
        "scale_1000_vpcs_dual_stack/reach_query"
    } else {
        "scale_1000_vpcs/reach_query"
    };
    cmd::run(cmd::new(setup::cargo(), root).args([
        "bench",
        "-p",
        "vpclab-core",
        "--features",
        "testkit",
        "--bench",
        "scale",
        "--",
        filter,
    ]))
}

/// `bench-cidr`: a venv with netaddr under `target/bench-venv` (made once, pip from PyPI), the
/// Rust side (`crates/core/examples/cidr_bench.rs`) built in the bench profile, then
/// `tests/bench/cidr_vs_python.py`, which makes the workload, runs all three and compares.
pub fn cidr(root: &Path, args: &[String]) -> Result<(), String> {
    let venv = www::target_dir(root).join("bench-venv");
    let python = venv.join("bin/python");
    if !python.is_file() {
        cmd::run(cmd::new("python3", root).args(["-m", "venv"]).arg(&venv))?;
    }
    let has_netaddr = cmd::new(&python, root)
        .args(["-c", "import netaddr"])
        .status()
        .is_ok_and(|s| s.success());
    if !has_netaddr {
        cmd::run(cmd::new(&python, root).args(["-m", "pip", "install", "--quiet", "netaddr"]))?;
    }
    cmd::run(cmd::new(setup::cargo(), root).args([
        "build",
        "--profile",
        "bench",
        "-p",
        "vpclab-core",
        "--example",
        "cidr_bench",
    ]))?;
    // The bench profile builds into target/release.
    let bin = www::target_dir(root).join("release/examples/cidr_bench");
    cmd::run(
        cmd::new(&python, root)
            .arg(root.join("tests/bench/cidr_vs_python.py"))
            .arg("--bin")
            .arg(&bin)
            .args(args),
    )
}
