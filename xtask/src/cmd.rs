//! Running child processes: each command is echoed before it runs, reads no standard input (so
//! CI without a terminal behaves like a developer's shell) and writes to our stdout/stderr.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

/// A `Command` with its working directory set and standard input closed.
pub fn new(program: impl AsRef<std::ffi::OsStr>, dir: &Path) -> Command {
    let mut c = Command::new(program);
    c.current_dir(dir).stdin(Stdio::null());
    c
}

/// Runs to completion; `Err` names the command and how it ended.
pub fn run(c: &mut Command) -> Result<(), String> {
    echo(c);
    let status = c
        .status()
        .map_err(|e| format!("could not start {}: {e}", show(c)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{} failed ({status})", show(c)))
    }
}

/// Runs to completion, copying its stdout through line by line and also returning it.
pub fn run_tee(c: &mut Command) -> Result<String, String> {
    echo(c);
    let mut child = c
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start {}: {e}", show(c)))?;
    let mut seen = String::new();
    if let Some(out) = child.stdout.take() {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            println!("{line}");
            seen.push_str(&line);
            seen.push('\n');
        }
    }
    let status = child.wait().map_err(|e| format!("{}: {e}", show(c)))?;
    if status.success() {
        Ok(seen)
    } else {
        Err(format!("{} failed ({status})", show(c)))
    }
}

/// The first line a command prints, or `None` if it cannot be started or fails.
pub fn first_line(c: &mut Command) -> Option<String> {
    let out = c.stderr(Stdio::null()).output().ok()?;
    if !out.status.success() {
        return None;
    }
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .next()
        .map(str::to_owned)
}

fn echo(c: &Command) {
    println!("$ {}", show(c));
}

/// The command as a shell would show it (program and arguments, no environment).
pub fn show(c: &Command) -> String {
    std::iter::once(c.get_program())
        .chain(c.get_args())
        .map(|a| a.to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}
