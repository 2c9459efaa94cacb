//! Panics never pass silently: a hook, set once when the module starts, logs the panic's message
//! with `console.error` before the release build aborts (a wasm trap the page catches, showing a
//! recoverable message and restarting the engine). `__vpclabTestPanic` panics on purpose, for the
//! browser test of that recovery only; the page never calls it.

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen]
extern "C" {
    /// `console.error` with one string (bound here: no web-sys feature needed).
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(message: &str);
}

#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(|info| {
        console_error(&format!("vpclab engine: {info}"));
    }));
}

/// Stops the engine with a panic on purpose (tests/e2e/recovery.test.mjs). Not for the page.
#[wasm_bindgen(js_name = "__vpclabTestPanic")]
pub fn test_panic() {
    panic!("deliberate panic from __vpclabTestPanic (a test of the page's recovery)");
}
