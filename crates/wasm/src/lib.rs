//! vpclab-wasm: the `#[wasm_bindgen]` facade over `vpclab-core` for the page. It adapts and holds
//! no logic: every answer is computed by core and handed to JavaScript as a plain object; every
//! refusal is thrown as a JS `Error` carrying core's message. Nothing here may panic (release
//! builds abort, which would kill the page).
//!
//! One module per area of the API:
//! - [`cidr`]: the CIDR toolkit (`cidrInfo`, `cidrSplit`, `cidrAggregate`, `cidrOverlap`,
//!   `cidrExclude`).

pub mod cidr;
mod cost;
mod export;
mod guard;
mod js;
mod play;
mod session;
pub use session::Session;

/// How this module was compiled: `"opt-level=z"` for the page's size build, `"opt-level=3"` for
/// the sandbox worker's speed build (`www/pkg/fast/`, see `build.rs`).
#[wasm_bindgen::prelude::wasm_bindgen(js_name = engineBuild)]
pub fn engine_build() -> String {
    concat!("opt-level=", env!("VPCLAB_OPT_LEVEL")).to_string()
}
