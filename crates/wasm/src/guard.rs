//! Panics never pass silently: a hook, set once when the module starts, logs the panic's message
//! with `console.error` before the release build aborts (a wasm trap the page catches, showing a
//! recoverable message and restarting the engine). `__vpclabTestPanic` panics on purpose, for the
//! browser test of that recovery only; the page never calls it.

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("vpclab engine: {info}").into());
    }));
}

/// Stops the engine with a panic on purpose (tests/e2e/recovery.test.mjs). Not for the page.
#[wasm_bindgen(js_name = "__vpclabTestPanic")]
pub fn test_panic() {
    panic!("deliberate panic from __vpclabTestPanic (a test of the page's recovery)");
}
