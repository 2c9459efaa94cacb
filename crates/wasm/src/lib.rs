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

/// Every console action's fields, as JSON: `[{"action": "create_route", "fields": [{"name":
/// "route_table", "kind": "string", "required": true}, …]}, …]` (core's `edit::action_fields`);
/// a rule's port field also says what it means under each protocol (`"uses": [{"protocol":
/// "icmp", "means": "icmp_type", "required": false, "any": -1}, …]`), a CIDR field the sizes
/// AWS accepts (`"sizes": "/44, /48, /52, /56, /60 or /64"`). The page reads them in
/// `www/ui/action-fields.js`.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = actionFields)]
pub fn action_fields() -> String {
    serde_json::to_string(&vpclab_core::edit::action_fields()).unwrap_or_default()
}

/// How this module was compiled: `"opt-level=z"` for the page's size build, `"opt-level=3"` for
/// the sandbox worker's speed build (`www/pkg/fast/`, see `build.rs`).
#[wasm_bindgen::prelude::wasm_bindgen(js_name = engineBuild)]
pub fn engine_build() -> String {
    concat!("opt-level=", env!("VPCLAB_OPT_LEVEL")).to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn action_fields_is_json_naming_every_action() {
        let v: serde_json::Value = serde_json::from_str(&super::action_fields()).unwrap();
        let all = v.as_array().unwrap();
        assert_eq!(all.len(), vpclab_core::edit::Action::NAMES.len());
        let replace = all
            .iter()
            .find(|a| a["action"] == "replace_network_acl_entry")
            .unwrap();
        assert_eq!(
            replace["fields"][1],
            serde_json::json!({"name": "rule_number", "kind": "integer", "required": true})
        );
        let icmp_type = replace["fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == "icmp_type")
            .unwrap();
        assert_eq!(
            icmp_type["uses"],
            serde_json::json!([{"protocol": "icmp", "means": "icmp_type", "required": false, "any": -1}])
        );
    }
}
