//! Builds the page's wasm into `www/pkg/`: cargo (release, wasm32) → wasm-bindgen (`--target
//! web`, an ES module the page imports without a bundler) → wasm-opt -Oz (binaryen from npm).
//! The sandbox's engine worker imports a second build of the same crate made for speed,
//! `www/pkg/fast/` (profile `release-fast`: opt-level 3; wasm-opt only strips it, its -O3 takes
//! two minutes and gains nothing measurable), and falls back to the page's module without it.
//! The exercises are not in the wasm: `www/pkg/exercises/` gets the list the page draws
//! (`list.json`, the CLI's `vpclab exercises --json`) and each exercise file, minified, which the
//! page fetches when it opens that exercise.

use std::path::{Path, PathBuf};

use crate::cmd;
use crate::setup::{self, Tools, TARGET};

const CRATE: &str = "vpclab-wasm";
const ARTIFACT: &str = "vpclab_wasm";

/// Exactly what rustc enables by default for wasm32-unknown-unknown. wasm-opt must be told, or
/// it refuses `memory.fill` and cannot keep the externref table wasm-bindgen relies on.
const WASM_FEATURES: &[&str] = &[
    "--enable-mutable-globals",
    "--enable-sign-ext",
    "--enable-nontrapping-float-to-int",
    "--enable-bulk-memory",
    "--enable-bulk-memory-opt",
    "--enable-reference-types",
    "--enable-multivalue",
    "--enable-call-indirect-overlong",
];

pub fn pkg_dir(root: &Path) -> PathBuf {
    root.join("www/pkg")
}

/// Everything the site loads: the page's module ([`build_page`]) and the sandbox worker's
/// ([`build_fast`]).
pub fn build(root: &Path, tools: &Tools) -> Result<(), String> {
    build_page(root, tools)?;
    build_fast(root, tools)
}

/// The sandbox worker's engine, built for speed: profile `release-fast` (the release profile at
/// opt-level 3), ending in `www/pkg/fast/vpclab_wasm.js` and `www/pkg/fast/vpclab_wasm_bg.wasm`.
/// The page never loads it; the worker does when the sandbox is used (BENCHMARKS.md, "Scale in
/// the page": the reach query is about 1.5x faster than the size build's). wasm-opt only strips
/// names, producers and target features (2.97 -> 2.76 MB); its optimisation passes gain nothing.
pub fn build_fast(root: &Path, tools: &Tools) -> Result<(), String> {
    let out = fast_dir(root);
    build_module(root, tools, "release-fast", &out, &[])?;
    println!("built {}", out.display());
    Ok(())
}

/// `www/pkg/fast/`: the sandbox worker's speed build.
pub fn fast_dir(root: &Path) -> PathBuf {
    pkg_dir(root).join("fast")
}

/// The release build of the wasm crate, ending in `www/pkg/vpclab_wasm.js` and
/// `www/pkg/vpclab_wasm_bg.wasm`: what the page loads, optimised for size (wasm-opt -Oz).
pub fn build_page(root: &Path, tools: &Tools) -> Result<(), String> {
    let out = pkg_dir(root);
    build_module(root, tools, "release", &out, &["-Oz"])?;
    write_exercises(&out)?;
    println!("built {}", out.display());
    Ok(())
}

/// The wasm crate built with cargo `profile`, wasm-bindgen into `out`, then wasm-opt with
/// `passes` over the module in place (always stripping names, producers and target features).
/// The profiles strip only debug info (`strip = "debuginfo"`): stripping symbols would also drop
/// the `target_features` section, and wasm-bindgen would then emit larger glue.
fn build_module(
    root: &Path,
    tools: &Tools,
    profile: &str,
    out: &Path,
    passes: &[&str],
) -> Result<(), String> {
    cmd::run(cmd::new(setup::cargo(), root).args([
        "build",
        "-p",
        CRATE,
        "--target",
        TARGET,
        "--profile",
        profile,
    ]))?;
    let wasm = target_dir(root)
        .join(TARGET)
        .join(profile)
        .join(format!("{ARTIFACT}.wasm"));
    cmd::run(
        cmd::new(&tools.wasm_bindgen, root)
            .args(["--target", "web", "--no-typescript", "--out-dir"])
            .arg(out)
            .arg(&wasm),
    )?;
    let bg = out.join(format!("{ARTIFACT}_bg.wasm"));
    let tmp = out.join(format!("{ARTIFACT}_bg.opt.wasm"));
    cmd::run(
        cmd::new("node", root)
            .arg(root.join("tests/node_modules/binaryen/bin/wasm-opt"))
            .args(passes)
            .args(WASM_FEATURES)
            .args(["--strip-debug", "--strip-producers", "--strip-target-features"])
            .arg(&bg)
            .arg("-o")
            .arg(&tmp),
    )?;
    std::fs::rename(&tmp, &bg).map_err(|e| format!("cannot replace {}: {e}", bg.display()))
}

/// `out/exercises/`: `list.json` (the exercise list, in order of play), `index.json` and every
/// `ID.json`, minified, after core has read and verified them all as the CLI does.
pub fn write_exercises(out: &Path) -> Result<(), String> {
    use vpclab_core::exercise::{catalog, EMBEDDED_FILES, EMBEDDED_INDEX};
    let dir = out.join("exercises");
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(|e| format!("cannot clear {}: {e}", dir.display()))?;
    }
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let list = catalog()
        .map_err(|e| format!("the exercises do not load: {e}"))?
        .list();
    let list = serde_json::to_string(&list).map_err(|e| e.to_string())?;
    let mut files = vec![("list.json".to_string(), list)];
    for (name, text) in std::iter::once(&("index.json", EMBEDDED_INDEX)).chain(EMBEDDED_FILES) {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| format!("{name}: {e}"))?;
        files.push((name.to_string(), value.to_string()));
    }
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}

/// Raw and gzip -9 sizes of what the page downloads for the wasm: the module and its glue.
pub fn print_sizes(root: &Path) -> Result<(), String> {
    let out = pkg_dir(root);
    let files = [format!("{ARTIFACT}_bg.wasm"), format!("{ARTIFACT}.js")];
    let (mut raw_total, mut gz_total) = (0, 0);
    println!("{:<24} {:>10} {:>14}", "file", "raw bytes", "gzip -9 bytes");
    for name in &files {
        let path = out.join(name);
        let raw = std::fs::metadata(&path)
            .map_err(|e| format!("{}: {e}", path.display()))?
            .len();
        let gz = gzip_len(&path)?;
        println!("{name:<24} {raw:>10} {gz:>14}");
        raw_total += raw;
        gz_total += gz;
    }
    println!("{:<24} {raw_total:>10} {gz_total:>14}", "total");
    Ok(())
}

fn gzip_len(path: &Path) -> Result<u64, String> {
    let out = cmd::new("gzip", Path::new("."))
        .args(["-9", "-c"])
        .arg(path)
        .output()
        .map_err(|e| format!("cannot run gzip: {e}"))?;
    if !out.status.success() {
        return Err(format!("gzip -9 -c {} failed", path.display()));
    }
    Ok(out.stdout.len() as u64)
}

/// `CARGO_TARGET_DIR` if set, else `target/` in the workspace.
pub fn target_dir(root: &Path) -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => root.join(dir),
        None => root.join("target"),
    }
}
