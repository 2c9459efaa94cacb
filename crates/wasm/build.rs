//! Tells the facade which optimisation level its build used, for `engineBuild()`: the page's
//! module is built for size (profile `release`, opt-level "z"), the sandbox worker's for speed
//! (profile `release-fast`, opt-level 3), and the worker's test checks it runs the latter.

fn main() {
    let level = std::env::var("OPT_LEVEL").unwrap_or_else(|_| "unknown".into());
    println!("cargo:rustc-env=VPCLAB_OPT_LEVEL={level}");
    println!("cargo:rerun-if-changed=build.rs");
}
