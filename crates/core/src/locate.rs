//! Where in a JSON text a `serde_json` error is, as a JSON path (`$.goals[2].check.port`): the
//! error's line and column, read back against the text. Every reader of JSON in vpclab (exercise
//! files, the exercise index, saved work, AWS CLI documents) names the place of a problem this
//! way, without a path-tracking wrapper around the deserializer (which would be compiled again
//! for every type, and weighed a quarter of the page's wasm).

use serde::de::DeserializeOwned;
use serde_json::Value;

/// Parses `text` as a `T`; on failure, the JSON path of the problem and serde_json's error.
pub(crate) fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, (String, serde_json::Error)> {
    serde_json::from_str(text).map_err(|e| (path_of(text, &e), e))
}

/// Reads a `T` out of an already parsed value; on failure, the JSON path of the problem and
/// serde_json's message. The value is written out and read back as text: a value has no line and
/// column to find the path by, and reading each type from text only keeps one copy of its reader
/// in the wasm (a second, for values, weighed 180 KB).
pub(crate) fn from_value<T: DeserializeOwned>(value: &Value) -> Result<T, (String, String)> {
    let text = value.to_string();
    serde_json::from_str(&text).map_err(|e| (path_of(&text, &e), message(&e)))
}

/// serde_json's message without its " at line L column C" (the path says where).
pub(crate) fn message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(at) if e.line() != 0 => text[..at].to_string(),
        _ => text,
    }
}

/// The JSON path of the place serde_json's error `e` points at in `text`; `$` when it has none.
pub(crate) fn path_of(text: &str, e: &serde_json::Error) -> String {
    if e.line() == 0 {
        return "$".to_string();
    }
    path_at(text, e.line(), e.column())
}

/// One open object or array on the way to the error.
enum Frame {
    /// An object, with the key whose value is being read (none before the first key, or just
    /// after a comma).
    Object(Option<String>),
    /// An array, with the index of the element being read (none before the first element).
    Array(Option<usize>),
}

/// The JSON path of the value being read when `text` has been read up to `line` and `column`
/// (serde_json's 1-based line, and its column: the bytes of that line read so far).
pub(crate) fn path_at(text: &str, line: usize, column: usize) -> String {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    let end = (line_start + column).min(text.len());
    let bytes = &text.as_bytes()[..end];
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    // Marks the start of a value in an array: the element index moves on.
    fn value_starts(stack: &mut [Frame]) {
        if let Some(Frame::Array(index)) = stack.last_mut() {
            *index = Some(index.map_or(0, |n| n + 1));
        }
    }
    while i < bytes.len() {
        match bytes[i] {
            b'{' => {
                value_starts(&mut stack);
                stack.push(Frame::Object(None));
            }
            b'[' => {
                value_starts(&mut stack);
                stack.push(Frame::Array(None));
            }
            b'}' | b']' => {
                stack.pop();
            }
            b',' => {
                if let Some(Frame::Object(key)) = stack.last_mut() {
                    *key = None;
                }
            }
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                // Bytes, not `text[..]`: the cut (or an escape) may end inside a character.
                let raw = String::from_utf8_lossy(&bytes[start..i.min(bytes.len())]);
                match stack.last_mut() {
                    Some(Frame::Object(key @ None)) => *key = Some(unescape(&raw)),
                    _ => value_starts(&mut stack),
                }
            }
            b' ' | b'\t' | b'\n' | b'\r' | b':' => {}
            _ => {
                // A number or a literal: read to its end.
                value_starts(&mut stack);
                while i + 1 < bytes.len() && !b",]} \t\n\r".contains(&bytes[i + 1]) {
                    i += 1;
                }
            }
        }
        i += 1;
    }
    let mut path = String::from("$");
    for frame in &stack {
        match frame {
            Frame::Object(Some(key)) => {
                path.push('.');
                path.push_str(key);
            }
            Frame::Array(Some(index)) => {
                path.push('[');
                path.push_str(&index.to_string());
                path.push(']');
            }
            Frame::Object(None) | Frame::Array(None) => break,
        }
    }
    path
}

/// A key as written between quotes, with its escapes read (a malformed escape is kept as is).
fn unescape(raw: &str) -> String {
    if !raw.contains('\\') {
        return raw.to_string();
    }
    serde_json::from_str::<String>(&format!("\"{raw}\"")).unwrap_or_else(|_| raw.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Check {
        kind: String,
        port: Option<u16>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Goal {
        id: String,
        check: Check,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct File {
        title: String,
        goals: Vec<Goal>,
        #[serde(default)]
        tags: Vec<Vec<u8>>,
    }

    #[test]
    fn the_path_of_each_kind_of_error() {
        let good = r#"{"title": "t", "goals": [{"id": "a", "check": {"kind": "k", "port": 22}}]}"#;
        assert!(from_str::<File>(good).is_ok());
        for (text, path, words) in [
            (
                r#"{"title": 7, "goals": []}"#,
                "$.title",
                "invalid type: integer `7`",
            ),
            (
                r#"{"titel": "t", "goals": []}"#,
                "$.titel",
                "unknown field `titel`",
            ),
            (r#"{"title": "t"}"#, "$", "missing field `goals`"),
            (
                r#"{"title": "t", "goals": [{"id": "a", "check": {"kind": "k", "port": 22}}, {"id": "b", "check": {"kind": "k", "port": 70000}}]}"#,
                "$.goals[1].check.port",
                "70000",
            ),
            (
                "{\n  \"title\": \"t\",\n  \"goals\": [\n    {\"id\": \"a\"}\n  ]\n}",
                "$.goals[0]",
                "missing field `check`",
            ),
            (
                r#"{"title": "t", "goals": [], "tags": [[1, 2], [3, 300]]}"#,
                "$.tags[1][1]",
                "300",
            ),
            (
                r#"{"title": "t", "goals": [{"id": "a", "check": {"kind": "k", "prot": 1}}]}"#,
                "$.goals[0].check.prot",
                "unknown field `prot`",
            ),
            (r#"{"ti\"tle": "t"}"#, "$.ti\"tle", "unknown field"),
            ("{", "$", "EOF"),
            ("", "$", "EOF"),
            (
                r#"{"title": "t", "goals": [1]}"#,
                "$.goals[0]",
                "expected struct Goal",
            ),
            (
                r#"{"title": "t", "goals": [], "tags": [[1], ]}"#,
                "$.tags",
                "trailing comma",
            ),
        ] {
            let (got, e) = from_str::<File>(text).unwrap_err();
            assert_eq!(got, path, "{text}: {e}");
            assert!(e.to_string().contains(words), "{text}: {e}");
            let value: Result<Value, _> = serde_json::from_str(text);
            if let Ok(value) = value {
                let (got, message) = from_value::<File>(&value).unwrap_err();
                assert_eq!(got, path, "from a value: {text}");
                assert!(message.contains(words), "{text}: {message}");
                assert!(!message.contains(" at line "), "{message}");
            }
        }
    }

    /// Found by the `share_state` fuzz target: a key cut inside a multi-byte character (by the
    /// error's column, or by an escape before it) was sliced off the text mid-character.
    #[test]
    fn a_cut_inside_a_character_does_not_panic() {
        for text in ["{\"aհb\": 1}", "{\"a\\հb\": [1, \"é\"]}", "[{\"é\\", "{\"\\"] {
            for line in 0..3 {
                for column in 0..=text.len() + 1 {
                    assert!(
                        path_at(text, line, column).starts_with('$'),
                        "{text} {line}:{column}"
                    );
                }
            }
        }
        assert_eq!(path_at("{\"aհb\": [1, 2]}", 1, 14), "$.aհb[1]");
    }
}
