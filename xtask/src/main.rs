//! `cargo xtask`: the project's two commands, with no tools to install by hand.
//!
//! - `cargo xtask serve [--port N]`: set up what is missing, build the page's wasm in release into
//!   `www/pkg/` (and the sandbox worker's speed build into `www/pkg/fast/`), and serve the repository root on http://127.0.0.1:N/ (default 8000).
//! - `cargo xtask test`: the same set-up plus Chromium, then every check in order (see
//!   [`suite`]); non-zero exit if any failed.
//! - `cargo xtask size`: build as `serve` does and print the raw and gzip -9 sizes of the wasm and
//!   its JS glue (the numbers in BENCHMARKS.md).
//! - `cargo xtask bench-page [--runs N] [--no-gzip] [--profile P] [--root DIR] [--raw]`: build as `serve` does, then time the page's
//!   load in headless Chromium (`tests/bench/page-load.mjs`), unthrottled and throttled, and print
//!   Markdown tables (the page-load numbers in BENCHMARKS.md). Not part of `test`.
//! - `cargo xtask bench-check | bench-scale | bench-cidr`: the engine's budgets (see [`bench`]).
//! - `cargo xtask fuzz [--seconds N] [TARGET...]`: each cargo-fuzz target of `fuzz/` at length,
//!   growing then minimising its corpus (see [`fuzz`] and FUZZING.md); `test` runs them briefly.
//!
//! Std only: every tool is run as a child process whose output goes straight to the terminal.

use std::path::PathBuf;
use std::process::ExitCode;

mod bench;
mod cmd;
mod fuzz;
mod serve;
mod setup;
mod suite;
mod www;

const USAGE: &str = "usage: cargo xtask <command>

commands:
  serve [--port N]   install what is missing, build www/pkg (the page's size-optimised wasm and
                     the sandbox worker's speed build in www/pkg/fast/), serve the repository
                     root on http://127.0.0.1:N/ (default 8000)
  test               install what is missing (plus Chromium), then run fmt, clippy, cargo test,
                     the wasm tests in headless Chromium, the end-to-end browser tests, the
                     differential CIDR test and each fuzz target briefly; exit non-zero if any
                     failed
  exercises          write www/pkg/exercises/ (the exercise list and files the page fetches)
  size               build the page's wasm into www/pkg and print the raw and gzip -9 sizes of the
                     wasm and its glue JS (the worker's www/pkg/fast/ is not built)
  bench-page [--runs N] [--no-gzip] [--profile NAME] [--root DIR] [--raw]
                     build www/pkg, then time the page's load, first exercise and one action in
                     headless Chromium (tests/bench/page-load.mjs; default 10 runs per profile;
                     --profile unthrottled|throttled, --root serves another copy, --raw prints
                     every run)
  bench-check [--iterations N] [--survey N]
                     build www/pkg, then time applyAction + check of every exercise in the wasm
                     in headless Chromium (tests/bench/check.mjs)
  bench-scale [--queries N] [--dual-stack]
                     build www/pkg, then load the 100,000-route synthetic estate into the
                     sandbox's Web Worker and time reach queries (tests/bench/scale.mjs);
                     --dual-stack: every VPC with IPv6 too (about 200,000 routes)
  bench-cidr [--n N] [--seed S]
                     aggregate and overlap of 1,000,000 random prefixes: vpclab against Python's
                     ipaddress and netaddr (pip, in a venv under target/), results cross-checked
  fuzz [--seconds N] [TARGET...]
                     install cargo-fuzz if missing, run each fuzz target (default: all) for N
                     seconds (default 300), then minimise its corpus in fuzz/corpus/ (FUZZING.md);
                     fuzz --brief runs only the 10-second step of test";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = repo_root();
    let result = match args.first().map(String::as_str) {
        Some("serve") => port(&args[1..]).and_then(|port| serve_command(&root, port)),
        Some("test") if args.len() == 1 => return suite::run(&root),
        Some("size") if args.len() == 1 => size_command(&root),
        Some("exercises") if args.len() == 1 => www::write_exercises(&www::pkg_dir(&root)),
        Some("bench-page") => bench_page_command(&root, &args[1..]),
        Some("bench-check") => bench::check(&root, &args[1..]),
        Some("bench-scale") => bench::scale(&root, &args[1..]),
        Some("bench-cidr") => bench::cidr(&root, &args[1..]),
        Some("fuzz") => fuzz::command(&root, &args[1..]),
        Some("help" | "-h" | "--help") => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => Err(format!(
            "unknown or missing command: {}\n\n{USAGE}",
            args.join(" ")
        )),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

fn serve_command(root: &std::path::Path, port: u16) -> Result<(), String> {
    let tools = setup::for_build(root)?;
    www::build(root, &tools)?;
    serve::run(root, port)
}

fn size_command(root: &std::path::Path) -> Result<(), String> {
    let tools = setup::for_build(root)?;
    // What the page loads: not the sandbox worker's speed build (www/pkg/fast/).
    www::build_page(root, &tools)?;
    www::print_sizes(root)
}

/// Builds as `size` does, then runs the page-load benchmark; `args` go to the script, which
/// checks them.
fn bench_page_command(root: &std::path::Path, args: &[String]) -> Result<(), String> {
    let tools = setup::for_build(root)?;
    www::build(root, &tools)?;
    cmd::run(
        cmd::new("node", root)
            .arg(root.join("tests/bench/page-load.mjs"))
            .args(args),
    )
}

/// `--port N` or `--port=N`; 8000 when absent.
fn port(args: &[String]) -> Result<u16, String> {
    let value = match args {
        [] => return Ok(8000),
        [flag, n] if flag == "--port" => n.as_str(),
        [flag] if flag.starts_with("--port=") => &flag["--port=".len()..],
        _ => {
            return Err(format!(
                "serve takes only --port N, not '{}'\n\n{USAGE}",
                args.join(" ")
            ))
        }
    };
    value
        .parse()
        .map_err(|_| format!("--port wants a number from 0 to 65535, not '{value}'"))
}

/// The workspace root: the parent of this crate's directory (`cargo run` sets
/// `CARGO_MANIFEST_DIR` at run time; the compile-time value is the fallback).
fn repo_root() -> PathBuf {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}

#[cfg(test)]
mod tests {
    use super::port;

    #[test]
    fn port_flag_forms() {
        let s = |v: &[&str]| v.iter().map(|a| a.to_string()).collect::<Vec<_>>();
        assert_eq!(port(&s(&[])), Ok(8000));
        assert_eq!(port(&s(&["--port", "8123"])), Ok(8123));
        assert_eq!(port(&s(&["--port=0"])), Ok(0));
        assert!(port(&s(&["--port", "99999"])).unwrap_err().contains("99999"));
        assert!(port(&s(&["--port"])).is_err());
        assert!(port(&s(&["--verbose"])).is_err());
    }
}
