//! Values across the boundary as JSON text: Rust → `serde_json::to_string` → `JSON.parse`, and
//! `JSON.stringify` → `serde_json::from_str` → Rust. One serializer and one deserializer per type
//! (serde_json's, which core's files and saves use anyway), instead of a second pair for JS
//! values: the module is smaller, and a large answer crosses in one call, not one per field.
//! JavaScript sees plain objects and arrays, `null` for `None`, numbers for integers and floats.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// `value` as a plain JS object (or array, string, number, null).
pub(crate) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    let text = serde_json::to_string(value).map_err(|e| JsError::new(&e.to_string()))?;
    js_sys::JSON::parse(&text).map_err(|_| JsError::new("the answer could not be handed to JavaScript"))
}

/// A JS value read as a `T`; `None` when it is not one (the caller says what was expected).
pub(crate) fn from_js<T: DeserializeOwned>(value: &JsValue) -> Option<T> {
    // `JSON.stringify(undefined)` is undefined, not a string: that is no `T` either.
    let text = js_sys::JSON::stringify(value).ok()?.as_string()?;
    serde_json::from_str(&text).ok()
}
