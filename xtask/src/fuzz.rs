//! The cargo-fuzz targets of `fuzz/` (see FUZZING.md): `cargo xtask fuzz` runs each at length,
//! growing and then minimising its committed corpus (set-cover merge, inputs over
//! [`MAX_KEPT_BYTES`] left out); `cargo xtask test` runs each briefly into a
//! scratch folder, so the committed corpus is read but not changed.
//!
//! Builds use the nightly toolchain through `rustup run nightly` (the outer cargo is stable), with
//! debug assertions (`-a`, so overflows panic) and no sanitizer (`-s none`: vpclab-core's one
//! `unsafe` block only re-borrows an estate it owns, so AddressSanitizer would mostly slow it down); the same flags everywhere, so the
//! brief and long runs share one build.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::cmd;

/// Seconds per target for `cargo xtask fuzz` without `--seconds`.
pub const DEFAULT_SECONDS: u64 = 300;
/// Seconds per target in `cargo xtask test`.
pub const BRIEF_SECONDS: u64 = 10;

const FLAGS: [&str; 3] = ["-a", "-s", "none"];

/// The targets: the `fuzz/fuzz_targets/*.rs` files, by name.
pub fn targets(root: &Path) -> Result<Vec<String>, String> {
    let dir = root.join("fuzz/fuzz_targets");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".rs").map(str::to_owned)
        })
        .collect();
    names.sort();
    if names.is_empty() {
        return Err(format!("no fuzz targets in {}", dir.display()));
    }
    Ok(names)
}

/// `cargo fuzz …` with the nightly toolchain, in `fuzz/`, free of the outer cargo's settings.
fn cargo_fuzz(root: &Path) -> Command {
    let mut c = cmd::new("rustup", &root.join("fuzz"));
    c.args(["run", "nightly", "cargo", "fuzz"]);
    for var in [
        "RUSTUP_TOOLCHAIN",
        "CARGO",
        "RUSTC",
        "RUSTDOC",
        "CARGO_TARGET_DIR",
    ] {
        c.env_remove(var);
    }
    c
}

/// What one run reported.
struct Run {
    target: String,
    seconds: f64,
    executions: Option<u64>,
    per_second: Option<u64>,
    coverage: Option<String>,
    result: Result<(), String>,
}

/// `cargo xtask fuzz [--seconds N] [TARGET...]`, or `cargo xtask fuzz --brief`: the step of
/// `cargo xtask test` alone.
pub fn command(root: &Path, args: &[String]) -> Result<(), String> {
    if args.len() == 1 && args[0] == "--brief" {
        crate::setup::for_fuzz(root)?;
        return brief(root);
    }
    let mut seconds = DEFAULT_SECONDS;
    let mut chosen = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--seconds" || a.starts_with("--seconds=") {
            let value = match a.strip_prefix("--seconds=") {
                Some(v) => v.to_string(),
                None => it.next().cloned().unwrap_or_default(),
            };
            seconds =
                value.parse().ok().filter(|s| *s > 0).ok_or_else(|| {
                    format!("--seconds wants a whole number of seconds above 0, not '{value}'")
                })?;
        } else if a.starts_with('-') {
            return Err(format!(
                "fuzz takes --seconds N and target names (or --brief alone), not '{a}'"
            ));
        } else {
            chosen.push(a.clone());
        }
    }
    let all = targets(root)?;
    if let Some(bad) = chosen.iter().find(|t| !all.contains(t)) {
        return Err(format!(
            "no fuzz target '{bad}': the targets are {}",
            all.join(", ")
        ));
    }
    if chosen.is_empty() {
        chosen = all;
    }
    crate::setup::for_fuzz(root)?;
    run_all(root, &chosen, seconds, false)
}

/// The `cargo xtask test` step: every target for [`BRIEF_SECONDS`], into scratch folders.
pub fn brief(root: &Path) -> Result<(), String> {
    run_all(root, &targets(root)?, BRIEF_SECONDS, true)
}

fn run_all(root: &Path, targets: &[String], seconds: u64, brief: bool) -> Result<(), String> {
    cmd::run(cargo_fuzz(root).arg("build").args(FLAGS))?;
    let scratch = std::env::temp_dir().join(format!("vpclab-fuzz-{}", std::process::id()));
    let mut runs = Vec::new();
    for target in targets {
        let corpus = root.join("fuzz/corpus").join(target);
        let mut dirs: Vec<PathBuf> = Vec::new();
        if brief {
            // New inputs go to the first folder: a scratch one, so the corpus stays as committed.
            let dir = scratch.join(target);
            std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            dirs.push(dir);
        } else {
            std::fs::create_dir_all(&corpus).map_err(|e| format!("{}: {e}", corpus.display()))?;
        }
        dirs.push(corpus.clone());
        dirs.extend(seed_dirs(root, target));
        runs.push(run_one(root, target, &dirs, seconds));
        if !brief && runs.last().is_some_and(|r| r.result.is_ok()) {
            // Keep the committed corpus small: only inputs that add coverage.
            let cmin = cmd::run(
                cargo_fuzz(root)
                    .arg("cmin")
                    .args(FLAGS)
                    .arg(target)
                    .arg(&corpus)
                    .args(["--", "-set_cover_merge=1"]),
            )
            .and_then(|()| drop_big_inputs(&corpus));
            if let (Err(e), Some(r)) = (cmin, runs.last_mut()) {
                r.result = Err(e);
            }
        }
    }
    let _ = std::fs::remove_dir_all(&scratch);

    println!(
        "\n{:<16} {:>8} {:>12} {:>8} {:>10}  result",
        "target", "seconds", "executions", "exec/s", "coverage"
    );
    let show = |n: Option<u64>| n.map_or("?".to_string(), |n| n.to_string());
    for r in &runs {
        println!(
            "{:<16} {:>8.0} {:>12} {:>8} {:>10}  {}",
            r.target,
            r.seconds,
            show(r.executions),
            show(r.per_second),
            r.coverage.as_deref().unwrap_or("?"),
            if r.result.is_ok() { "ok" } else { "FAILED" }
        );
    }
    let failed: Vec<String> = runs
        .iter()
        .filter_map(|r| r.result.as_ref().err().map(|e| format!("{}: {e}", r.target)))
        .collect();
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "fuzz targets failed (the crashing input is in fuzz/artifacts/<target>/; replay it with \
             `cargo xtask fuzz` after a fix, and keep it in fuzz/corpus/<target>/):\n{}",
            failed.join("\n")
        ))
    }
}

/// Inputs larger than this leave the committed corpus after minimising (the big ones are mostly
/// whole fixture folders and exercise files, which the seed folders and the replay test's seeds
/// cover), so that the repository stays small. `seed-*` and `crash-*` files stay whatever their
/// size.
pub const MAX_KEPT_BYTES: u64 = 4096;

fn drop_big_inputs(corpus: &Path) -> Result<(), String> {
    let entries = std::fs::read_dir(corpus).map_err(|e| format!("{}: {e}", corpus.display()))?;
    let mut dropped = 0;
    for entry in entries.filter_map(|e| e.ok()) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let big = entry.metadata().is_ok_and(|m| m.len() > MAX_KEPT_BYTES);
        if big && !name.starts_with("seed-") && !name.starts_with("crash-") {
            std::fs::remove_file(entry.path()).map_err(|e| format!("{}: {e}", entry.path().display()))?;
            dropped += 1;
        }
    }
    println!(
        "{}: {dropped} inputs over {MAX_KEPT_BYTES} bytes left out",
        corpus.display()
    );
    Ok(())
}

/// Read-only seed folders besides the corpus: the fixtures for the importer, the exercise files
/// for the exercise checker.
fn seed_dirs(root: &Path, target: &str) -> Vec<PathBuf> {
    let dir = match target {
        "aws_documents" => "tests/fixtures/batfish",
        "exercise_check" => "crates/core/exercises",
        _ => return Vec::new(),
    };
    vec![root.join(dir)]
}

/// Runs one target; libFuzzer's progress lines are thinned (the `NEW`/`REDUCE` lines dropped),
/// everything else (a crash's message and stack) shown.
fn run_one(root: &Path, target: &str, dirs: &[PathBuf], seconds: u64) -> Run {
    let started = Instant::now();
    let dict = root.join("fuzz/vpclab.dict");
    let mut c = cargo_fuzz(root);
    c.arg("run")
        .args(FLAGS)
        .arg(target)
        .args(dirs)
        .arg("--")
        .arg(format!("-dict={}", dict.display()))
        .arg(format!("-max_total_time={seconds}"))
        .args(["-timeout=10", "-print_final_stats=1"])
        .stderr(Stdio::piped());
    println!("$ {}", cmd::show(&c));
    let mut run = Run {
        target: target.to_string(),
        seconds: 0.0,
        executions: None,
        per_second: None,
        coverage: None,
        result: Ok(()),
    };
    let mut child = match c.spawn() {
        Ok(child) => child,
        Err(e) => {
            run.result = Err(format!("could not start cargo fuzz: {e}"));
            return run;
        }
    };
    if let Some(err) = child.stderr.take() {
        for line in BufReader::new(err).lines().map_while(Result::ok) {
            if let Some(n) = stat(&line, "stat::number_of_executed_units:") {
                run.executions = Some(n);
            }
            if let Some(n) = stat(&line, "stat::average_exec_per_sec:") {
                run.per_second = Some(n);
            }
            if let Some(cov) = line.split(" cov: ").nth(1) {
                run.coverage = cov.split_whitespace().next().map(str::to_owned);
            }
            let progress = line.starts_with('#') && (line.contains(" NEW ") || line.contains(" REDUCE "));
            if !progress {
                eprintln!("{line}");
            }
        }
    }
    run.result = match child.wait() {
        Ok(status) if status.success() => Ok(()),
        Ok(status) => Err(format!("cargo fuzz run {target} failed ({status})")),
        Err(e) => Err(format!("cargo fuzz run {target}: {e}")),
    };
    run.seconds = started.elapsed().as_secs_f64();
    run
}

fn stat(line: &str, key: &str) -> Option<u64> {
    line.strip_prefix(key)?.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_libfuzzer_final_stats() {
        assert_eq!(
            stat(
                "stat::number_of_executed_units: 17860",
                "stat::number_of_executed_units:"
            ),
            Some(17860)
        );
        assert_eq!(
            stat(
                "stat::average_exec_per_sec:     1116",
                "stat::average_exec_per_sec:"
            ),
            Some(1116)
        );
        assert_eq!(stat("stat::peak_rss_mb: 3", "stat::average_exec_per_sec:"), None);
    }

    #[test]
    fn lists_the_fuzz_targets() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let names = targets(&root).unwrap();
        assert!(names.iter().any(|n| n == "cidr_ops"), "{names:?}");
        for n in &names {
            assert!(
                root.join("fuzz/corpus").join(n).is_dir(),
                "{n} has no corpus folder"
            );
        }
    }
}
