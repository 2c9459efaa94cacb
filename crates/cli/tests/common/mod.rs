//! What every CLI integration test needs: run the real `vpclab` binary and read what it said,
//! and scratch folders that are removed when dropped. Each test file uses part of it.
#![allow(dead_code)]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

/// What one run of `vpclab` ended with.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The run's standard output read as JSON; a test fails with the output if it is not JSON.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("{e}: {}", self.stdout))
    }
}

fn finish(out: Output) -> Run {
    Run {
        code: out.status.code().expect("vpclab was killed by a signal"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// Runs the `vpclab` binary built for this test with `args`.
pub fn vpclab(args: &[&str]) -> Run {
    finish(
        Command::new(env!("CARGO_BIN_EXE_vpclab"))
            .args(args)
            .output()
            .expect("run vpclab"),
    )
}

/// Runs `vpclab` with `args`, writing `stdin` to its standard input.
pub fn vpclab_stdin(args: &[&str], stdin: &str) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vpclab"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn vpclab");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    finish(child.wait_with_output().expect("wait for vpclab"))
}

/// A fresh folder in the system's temporary directory, named after `label`, the process and a
/// counter, and removed with everything in it when dropped.
pub struct Scratch(PathBuf);

impl Scratch {
    pub fn new(label: &str) -> Scratch {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "vpclab-{label}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch folder");
        Scratch(dir)
    }

    /// Writes `text` to `name` (which may hold sub-folders) and returns the file's path.
    pub fn write(&self, name: &str, text: &str) -> String {
        let path = self.0.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("scratch sub-folder");
        }
        std::fs::write(&path, text).expect("scratch file");
        path.display().to_string()
    }

    /// The path `name` would have in the folder, written or not.
    pub fn join(&self, name: &str) -> String {
        self.0.join(name).display().to_string()
    }

    /// The folder's own path.
    pub fn path(&self) -> &str {
        self.0.to_str().expect("a UTF-8 temporary directory")
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// One file alone in a scratch folder, removed when dropped.
pub struct ScratchFile {
    _folder: Scratch,
    path: String,
}

impl ScratchFile {
    pub fn new(label: &str, name: &str, text: &str) -> ScratchFile {
        let folder = Scratch::new(label);
        let path = folder.write(name, text);
        ScratchFile {
            _folder: folder,
            path,
        }
    }

    pub fn path(&self) -> &str {
        &self.path
    }
}

/// `run`'s standard output read as JSON.
pub fn json_of(run: &Run) -> Value {
    run.json()
}
