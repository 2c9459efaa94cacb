//! Installs what the build and the tests need, only when it is missing, printing what it does:
//! the wasm32 target, the wasm-bindgen CLI of exactly the version in Cargo.lock, the npm packages
//! of `tests/` (wasm-opt from binaryen, playwright-core, axe-core) and, for `test`, Debian's
//! Chromium and its WebDriver, and cargo-fuzz (for `test` and `fuzz`).

use std::path::{Path, PathBuf};

use crate::cmd;

pub const TARGET: &str = "wasm32-unknown-unknown";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Where the wasm-bindgen tools are.
pub struct Tools {
    pub wasm_bindgen: PathBuf,
    pub test_runner: PathBuf,
}

impl Tools {
    /// The bare names, found on `PATH`, for when set-up failed and later steps should still try.
    pub fn on_path() -> Tools {
        Tools {
            wasm_bindgen: "wasm-bindgen".into(),
            test_runner: "wasm-bindgen-test-runner".into(),
        }
    }
}

/// What `serve` and `size` need.
pub fn for_build(root: &Path) -> Result<Tools, String> {
    wasm_target(root)?;
    let tools = wasm_bindgen_cli(root)?;
    npm_packages(root)?;
    Ok(tools)
}

/// What `test` needs; tries every item even if one fails, and reports all failures.
pub fn for_test(root: &Path) -> (Tools, Result<(), String>) {
    let mut errors = Vec::new();
    if let Err(e) = wasm_target(root) {
        errors.push(e);
    }
    let tools = wasm_bindgen_cli(root).unwrap_or_else(|e| {
        errors.push(e);
        Tools::on_path()
    });
    for step in [npm_packages, chromium, for_fuzz] {
        if let Err(e) = step(root) {
            errors.push(e);
        }
    }
    let result = if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("\n"))
    };
    (tools, result)
}

fn wasm_target(root: &Path) -> Result<(), String> {
    let installed = cmd::new("rustup", root)
        .args(["target", "list", "--installed"])
        .output()
        .map_err(|e| format!("rustup is needed to add the {TARGET} target: {e}"))?;
    if String::from_utf8_lossy(&installed.stdout)
        .lines()
        .any(|l| l.trim() == TARGET)
    {
        println!("ok: rust target {TARGET}");
        return Ok(());
    }
    println!("installing the rust target {TARGET}");
    cmd::run(cmd::new("rustup", root).args(["target", "add", TARGET]))
}

/// The wasm-bindgen CLI must be exactly the version of the `wasm-bindgen` crate in Cargo.lock,
/// or its output does not match the crate's expectations.
fn wasm_bindgen_cli(root: &Path) -> Result<Tools, String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let version = locked_version(&lock, "wasm-bindgen")
        .ok_or("Cargo.lock has no wasm-bindgen package: is vpclab-wasm in the workspace?")?;
    if let Some(tools) = find_wasm_bindgen(&version) {
        println!("ok: wasm-bindgen {version} ({})", tools.wasm_bindgen.display());
        return Ok(tools);
    }
    println!("installing wasm-bindgen-cli {version} with cargo install (a few minutes)");
    // No --locked: the CLI's own lock file pins crates that no longer build here.
    cmd::run(cmd::new(cargo(), root).args([
        "install",
        "wasm-bindgen-cli",
        "--version",
        &format!("={version}"),
    ]))?;
    find_wasm_bindgen(&version).ok_or_else(|| {
        format!("cargo install finished but wasm-bindgen {version} is still not found in ~/.cargo/bin")
    })
}

/// The first `wasm-bindgen` (in `$CARGO_HOME/bin`, then on `PATH`) of this version that has a
/// `wasm-bindgen-test-runner` of the same version beside it.
fn find_wasm_bindgen(version: &str) -> Option<Tools> {
    let mut dirs = vec![cargo_home().join("bin")];
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    let is = |tool: &Path| {
        let line = cmd::first_line(std::process::Command::new(tool).arg("--version"));
        line.and_then(|l| l.split_whitespace().nth(1).map(str::to_owned))
            .as_deref()
            == Some(version)
    };
    dirs.into_iter().find_map(|dir| {
        let tools = Tools {
            wasm_bindgen: dir.join("wasm-bindgen"),
            test_runner: dir.join("wasm-bindgen-test-runner"),
        };
        (is(&tools.wasm_bindgen) && is(&tools.test_runner)).then_some(tools)
    })
}

/// `version` of the `[[package]]` called `name` in a Cargo.lock.
fn locked_version(lock: &str, name: &str) -> Option<String> {
    lock.split("[[package]]").find_map(|block| {
        let field = |key: &str| {
            block.lines().find_map(|l| {
                let value = l.strip_prefix(key)?.trim().strip_prefix('=')?.trim();
                Some(value.trim_matches('"').to_owned())
            })
        };
        (field("name").as_deref() == Some(name))
            .then(|| field("version"))
            .flatten()
    })
}

/// `npm ci` in `tests/` when `node_modules` is missing or older than `package-lock.json`.
fn npm_packages(root: &Path) -> Result<(), String> {
    let tests = root.join("tests");
    let lock = tests.join("package-lock.json");
    let installed = tests.join("node_modules/.package-lock.json");
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let fresh = match (modified(&lock), modified(&installed)) {
        (Some(lock), Some(installed)) => installed >= lock,
        _ => false,
    };
    if fresh {
        println!("ok: npm packages of tests/");
        return Ok(());
    }
    println!("installing the npm packages of tests/ (npm ci)");
    cmd::run(cmd::new("npm", &tests).args(["ci", "--no-audit", "--no-fund"]))
}

/// Debian's Chromium and chromedriver, for the browser tests.
fn chromium(root: &Path) -> Result<(), String> {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        println!("ok: {CHROMIUM} and {CHROMEDRIVER}");
        return Ok(());
    }
    println!("installing Debian's chromium and chromium-driver (apt-get)");
    cmd::run(cmd::new("apt-get", root).arg("update"))?;
    cmd::run(
        cmd::new("apt-get", root)
            .env("DEBIAN_FRONTEND", "noninteractive")
            .args(["install", "-y", "chromium", "chromium-driver"]),
    )
}

/// What the fuzz targets need: the nightly toolchain (cargo-fuzz builds with nightly-only
/// flags; a clear error if it is missing, since installing a toolchain is the developer's call)
/// and cargo-fuzz itself, installed from crates.io when missing.
pub fn for_fuzz(root: &Path) -> Result<(), String> {
    let toolchains = cmd::new("rustup", root)
        .args(["toolchain", "list"])
        .output()
        .map_err(|e| format!("rustup is needed to find the nightly toolchain for cargo fuzz: {e}"))?;
    if !String::from_utf8_lossy(&toolchains.stdout)
        .lines()
        .any(|l| l.starts_with("nightly"))
    {
        return Err(
            "cargo fuzz needs the nightly toolchain, and it is not installed: run \
             `rustup toolchain install nightly --profile minimal`, then try again"
                .into(),
        );
    }
    let has_fuzz =
        |c: &mut std::process::Command| cmd::first_line(c).is_some_and(|l| l.starts_with("cargo-fuzz"));
    if has_fuzz(cmd::new(cargo(), root).args(["fuzz", "--version"])) {
        println!("ok: cargo-fuzz and the nightly toolchain");
        return Ok(());
    }
    println!("installing cargo-fuzz with cargo install (about a minute)");
    cmd::run(cmd::new(cargo(), root).args(["install", "cargo-fuzz"]))?;
    if has_fuzz(cmd::new(cargo(), root).args(["fuzz", "--version"])) {
        Ok(())
    } else {
        Err("cargo install cargo-fuzz finished but `cargo fuzz --version` still fails".into())
    }
}

/// The cargo that runs us (so nested builds use the same toolchain).
pub fn cargo() -> std::ffi::OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into())
}

fn cargo_home() -> PathBuf {
    if let Some(home) = std::env::var_os("CARGO_HOME") {
        return home.into();
    }
    let home = std::env::var_os("HOME").unwrap_or_else(|| "/root".into());
    Path::new(&home).join(".cargo")
}

#[cfg(test)]
mod tests {
    use super::locked_version;

    #[test]
    fn reads_the_locked_version_of_one_package() {
        let lock = r#"
[[package]]
name = "wasm-bindgen-macro"
version = "0.2.99"

[[package]]
name = "wasm-bindgen"
version = "0.2.130"
source = "registry+https://github.com/rust-lang/crates.io-index"
dependencies = [
 "cfg-if",
]
"#;
        assert_eq!(locked_version(lock, "wasm-bindgen").as_deref(), Some("0.2.130"));
        assert_eq!(
            locked_version(lock, "wasm-bindgen-macro").as_deref(),
            Some("0.2.99")
        );
        assert_eq!(locked_version(lock, "wasm"), None);
    }
}
