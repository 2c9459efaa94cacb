//! Reading an [`Action`] from JSON with a message that says which action and which field is at
//! fault. serde's own message for an internally tagged enum names neither ("invalid type:
//! integer `7`, expected a string"), which leaves a learner or a teacher guessing in a long
//! action log.

use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::{Action, EditError};
use crate::fields::{deserialize_tagged, invalid_type, missing};

/// Read by hand (see [`crate::fields`]; each action's reader comes from its declaration in
/// `action.rs`): serde's derive for an internally tagged enum buffers the
/// object and reads it again, a second reader per field type. Same JSON, same messages.
impl<'de> Deserialize<'de> for Action {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Action, D::Error> {
        deserialize_tagged(
            d,
            "action",
            &Action::NAMES,
            "internally tagged enum Action",
            Action::read,
        )
    }
}

impl Action {
    /// Reads one action from a JSON value with serde's messages (`unknown variant`, `missing
    /// field`, `unknown field`, `invalid type`), as the derived reader words them.
    pub(crate) fn read(value: &Value) -> Result<Action, String> {
        let Value::Object(obj) = value else {
            return Err(invalid_type(value, "internally tagged enum Action"));
        };
        let tag = match obj.get("action") {
            None => return Err(missing("action")),
            Some(Value::String(tag)) => tag.as_str(),
            Some(other) => return Err(invalid_type(other, "variant identifier")),
        };
        Action::read_variant(tag, obj)
    }

    /// Reads one action, refused as AWS answers a malformed request: `InvalidAction` for an
    /// unknown action, `MissingParameter` / `UnknownParameter` for a missing or unexpected field,
    /// `InvalidParameterValue` otherwise. The message names the action and the field, and says
    /// what is expected.
    ///
    /// # Examples
    /// ```
    /// use vpclab_core::edit::Action;
    /// let ok = Action::from_json(&serde_json::json!({"action": "accept_peering", "peering": "pcx-1"}));
    /// assert_eq!(ok.unwrap().name(), "accept_peering");
    /// let err = Action::from_json(&serde_json::json!({"action": "accept_peering", "peering": 7})).unwrap_err();
    /// assert_eq!(err.code, "InvalidParameterValue");
    /// assert!(err.message.starts_with("accept_peering: field `peering`: invalid type: integer `7`"));
    /// let err = Action::from_json(&serde_json::json!({"action": "accept_peering"})).unwrap_err();
    /// assert_eq!(err.message, "accept_peering: missing field `peering` (its fields: `peering`, `account`)");
    /// ```
    pub fn from_json(value: &Value) -> Result<Action, EditError> {
        let serde_err = match Action::read(value) {
            Ok(action) => return Ok(action),
            Err(e) => e.to_string(),
        };
        let tag = value.get("action").and_then(Value::as_str);
        let code = if tag.is_some_and(|t| !Action::NAMES.contains(&t)) {
            "InvalidAction"
        } else if serde_err.contains("missing field") {
            "MissingParameter"
        } else if serde_err.contains("unknown field") {
            "UnknownParameter"
        } else {
            "InvalidParameterValue"
        };
        let Some(obj) = value.as_object() else {
            return Err(EditError::new(
                code,
                format!("{serde_err}: an action is an object such as {{\"action\": \"create_vpc\", \"cidr\": \"10.1.0.0/16\"}}"),
            ));
        };
        let name = match tag {
            Some(n) if Action::NAMES.contains(&n) => n,
            _ => return Err(EditError::new(code, serde_err)),
        };
        let message = match code {
            "MissingParameter" => format!("{name}: {serde_err} (its fields: {})", fields_of(obj)),
            "UnknownParameter" => format!("{name}: {serde_err}"),
            _ => match culprit(obj) {
                Some(field) => format!("{name}: field `{field}`: {serde_err}"),
                None => format!("{name}: {serde_err}"),
            },
        };
        Err(EditError::new(code, message))
    }
}

/// The field whose value is wrong: the one whose removal makes the action parse, or turns the
/// error into that field missing.
fn culprit(obj: &serde_json::Map<String, Value>) -> Option<&str> {
    obj.keys()
        .filter(|k| *k != "action")
        .map(String::as_str)
        .find(|key| {
            let mut without = obj.clone();
            without.remove(*key);
            match Action::read(&Value::Object(without)) {
                Ok(_) => true,
                Err(e) => e.contains(&format!("missing field `{key}`")),
            }
        })
}

/// The fields the action takes, as serde lists them when it meets a field it does not know.
fn fields_of(obj: &serde_json::Map<String, Value>) -> String {
    let mut probe = obj.clone();
    probe.insert("\u{1}".to_string(), Value::Null);
    let message = match Action::read(&Value::Object(probe)) {
        Ok(_) => return String::new(),
        Err(e) => e,
    };
    message
        .split_once("expected ")
        .map(|(_, rest)| rest.trim_start_matches("one of ").replace("` or `", "`, `"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn each_kind_of_mistake_names_the_action_and_field() {
        let cases = [
            (
                json!({"action": "teleport"}),
                "InvalidAction",
                vec!["`teleport`", "`create_route`"],
            ),
            (
                json!({"action": "create_route", "route_table": "rtb-1", "destination": "10.9.0.0/16"}),
                "MissingParameter",
                vec![
                    "create_route: missing field `target`",
                    "`route_table`, `destination`, `target`",
                ],
            ),
            (
                json!({"action": "create_route", "route_table": "rtb-1", "destination": "10.9.0.0/16", "target": "pcx-1", "tagret": 1}),
                "UnknownParameter",
                vec!["create_route: unknown field `tagret`", "`target`"],
            ),
            (
                json!({"action": "launch_instance", "subnet": "subnet-1", "security_groups": [7]}),
                "InvalidParameterValue",
                vec!["launch_instance: field `security_groups`", "integer `7`"],
            ),
            (
                json!({"action": "add_security_group_rule", "security_group": "sg-1", "direction": "sideways", "protocol": "tcp"}),
                "InvalidParameterValue",
                vec!["field `direction`", "`ingress` or `egress`"],
            ),
            (
                json!([1]),
                "InvalidParameterValue",
                vec!["an action is an object"],
            ),
            (
                json!({"cidr": "10.0.0.0/16"}),
                "MissingParameter",
                vec!["missing field `action`"],
            ),
        ];
        for (value, code, fragments) in cases {
            let err = Action::from_json(&value).unwrap_err();
            assert_eq!(err.code, code, "{value}: {err}");
            for f in fragments {
                assert!(err.message.contains(f), "{value}: {err} lacks {f}");
            }
        }
    }

    #[test]
    fn the_hand_written_reader_knows_every_action_and_places_its_errors() {
        for name in Action::NAMES {
            let err = Action::read(&json!({"action": name, "zz": 1})).unwrap_err();
            assert!(err.starts_with("unknown field `zz`, expected "), "{name}: {err}");
        }
        // From text: an unknown action is refused where its name is, other mistakes after the
        // object (the JSON path of the action), a key given twice is refused.
        for (text, want) in [
            (
                r#"[{"action": "teleport", "x": 1}]"#,
                "expected one of `create_route`, `replace_route`, ",
            ),
            (r#"[{"action": "teleport", "x": 1}]"#, "line 1 column 22"),
            (
                r#"[{"action": "accept_peering"}]"#,
                "missing field `peering` at line 1 column 30",
            ),
            (
                r#"[{"peering": "pcx-1"}]"#,
                "missing field `action` at line 1 column 21",
            ),
            (
                r#"[{"action": "accept_peering", "peering": "pcx-1", "peering": "pcx-2"}]"#,
                "duplicate field `peering`",
            ),
            (
                r#"[{"action": 7}]"#,
                "invalid type: integer `7`, expected variant identifier",
            ),
            (r#"["accept_peering"]"#, "expected internally tagged enum Action"),
        ] {
            let err = serde_json::from_str::<Vec<Action>>(text).unwrap_err().to_string();
            assert!(err.contains(want), "{text}: {err}");
        }
        let ok: Vec<Action> = serde_json::from_str(
            r#"[{"action": "create_interface_endpoint", "vpc": "vpc-1", "service": "sns", "subnets": ["subnet-1"]}]"#,
        )
        .unwrap();
        assert!(
            matches!(&ok[0], Action::CreateInterfaceEndpoint { private_dns: true, security_groups, .. } if security_groups.is_empty())
        );
    }
}
