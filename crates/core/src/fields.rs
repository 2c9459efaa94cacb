//! A small hand-written reader of JSON objects, for the internally tagged enums ([`Action`],
//! [`Check`]). serde's derive reads such an enum by buffering the whole object in its own
//! `Content` tree and reading each variant from that again: a second deserializer compiled for
//! every field type of every variant, which weighed about a tenth of the page's wasm. Here the
//! object is read once into a [`serde_json::Value`] (whose reader is linked anyway) and each
//! variant is a table of its fields, checked by one loop.
//!
//! The messages are serde's, word for word (`missing field `x``, `unknown field `x`, expected one
//! of …`, `invalid type: integer `7`, expected a string`), and in serde's order: the fields in the
//! object's order (unknown field, or a value of the wrong type), then the missing ones in
//! declaration order.
//!
//! [`Action`]: crate::edit::Action
//! [`Check`]: crate::exercise::Check

use serde::de::{DeserializeOwned, Error as _, Unexpected};
use serde_json::{Error, Map, Value};

/// A JSON object.
pub(crate) type Obj = Map<String, Value>;

/// What a field holds; the name serde gives the type in its messages is in [`Kind::expected`].
#[derive(Clone, Copy)]
pub(crate) enum Kind {
    Str,
    Bool,
    I64,
    U8,
    U16,
    U64,
    Usize,
    F64,
    /// An array of strings.
    Strs,
    /// Any other type, checked by reading it with its own `Deserialize` from the value.
    Other(fn(&Value) -> Result<(), String>),
}

/// Whether a field must be there.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Presence {
    Required,
    /// `#[serde(default)]`: may be absent; `null` is a value of the wrong type.
    Default,
    /// An `Option`: absent or `null` is `None`.
    Optional,
}

/// One field of a variant: its JSON name, what it holds, whether it must be there.
pub(crate) struct Field(pub &'static str, pub Kind, pub Presence);

/// A required field.
pub(crate) const fn req(name: &'static str, kind: Kind) -> Field {
    Field(name, kind, Presence::Required)
}

/// A field with a default.
pub(crate) const fn def(name: &'static str, kind: Kind) -> Field {
    Field(name, kind, Presence::Default)
}

/// An optional field (`null` is none).
pub(crate) const fn opt(name: &'static str, kind: Kind) -> Field {
    Field(name, kind, Presence::Optional)
}

/// serde's "invalid type: …, expected …" for `v`.
pub(crate) fn invalid_type(v: &Value, expected: &str) -> String {
    Error::invalid_type(unexpected(v), &expected).to_string()
}

/// serde's "missing field `name`".
pub(crate) fn missing(name: &str) -> String {
    format!("missing field `{name}`")
}

/// How serde names a JSON value in its messages.
fn unexpected(v: &Value) -> Unexpected<'_> {
    match v {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => Unexpected::Unsigned(u),
            (None, Some(i)) => Unexpected::Signed(i),
            _ => Unexpected::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}

/// serde's "`a`", "`a` or `b`", "one of `a`, `b`, `c`".
fn one_of(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [a] => format!("`{a}`"),
        [a, b] => format!("`{a}` or `{b}`"),
        _ => {
            let list: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
            format!("one of {}", list.join(", "))
        }
    }
}

/// serde's message for a key the variant does not have.
fn unknown_field(key: &str, fields: &[Field]) -> String {
    if fields.is_empty() {
        return format!("unknown field `{key}`, there are no fields");
    }
    let names: Vec<&str> = fields.iter().map(|f| f.0).collect();
    format!("unknown field `{key}`, expected {}", one_of(&names))
}

/// serde's message for a tag naming no variant.
pub(crate) fn unknown_variant(tag: &str, names: &[&str]) -> String {
    format!("unknown variant `{tag}`, expected {}", one_of(names))
}

/// An integer of a type whose range is `min..=max`, as serde's number visitors check it.
fn integer(v: &Value, min: i128, max: i128, name: &str) -> Result<(), String> {
    let Value::Number(n) = v else {
        return Err(invalid_type(v, name));
    };
    let value = match (n.as_u64(), n.as_i64()) {
        (Some(u), _) => i128::from(u),
        (None, Some(i)) => i128::from(i),
        _ => return Err(invalid_type(v, name)),
    };
    if (min..=max).contains(&value) {
        Ok(())
    } else {
        Err(Error::invalid_value(unexpected(v), &name).to_string())
    }
}

impl Kind {
    /// Whether `v` is a value of this kind; serde's message if not.
    fn check(self, v: &Value) -> Result<(), String> {
        match self {
            Kind::Str if v.is_string() => Ok(()),
            Kind::Str => Err(invalid_type(v, "a string")),
            Kind::Bool if v.is_boolean() => Ok(()),
            Kind::Bool => Err(invalid_type(v, "a boolean")),
            Kind::I64 => integer(v, i64::MIN.into(), i64::MAX.into(), "i64"),
            Kind::U8 => integer(v, 0, u8::MAX.into(), "u8"),
            Kind::U16 => integer(v, 0, u16::MAX.into(), "u16"),
            Kind::U64 => integer(v, 0, u64::MAX.into(), "u64"),
            Kind::Usize => integer(v, 0, usize::MAX as i128, "usize"),
            Kind::F64 if v.is_number() => Ok(()),
            Kind::F64 => Err(invalid_type(v, "f64")),
            Kind::Strs => match v {
                Value::Array(items) => items.iter().try_for_each(|item| Kind::Str.check(item)),
                _ => Err(invalid_type(v, "a sequence")),
            },
            Kind::Other(check) => check(v),
        }
    }
}

/// Reads a `T` with its own `Deserialize` from a value, for [`Kind::Other`] fields.
pub(crate) fn check_de<T: DeserializeOwned>(v: &Value) -> Result<(), String> {
    T::deserialize(v).map(drop).map_err(|e| e.to_string())
}

/// The fields of an object that [`check`] accepted; the getters cannot fail, and give the
/// type's default for an absent field.
pub(crate) struct Reader<'a> {
    obj: &'a Obj,
}

/// Checks `obj` (its `tag` key aside) against a variant's `fields`, with serde's messages in
/// serde's order.
pub(crate) fn check<'a>(obj: &'a Obj, tag: &str, fields: &[Field]) -> Result<Reader<'a>, String> {
    for (key, value) in obj {
        if key == tag {
            continue;
        }
        let Some(Field(_, kind, presence)) = fields.iter().find(|f| f.0 == key) else {
            return Err(unknown_field(key, fields));
        };
        if !(*presence == Presence::Optional && value.is_null()) {
            kind.check(value)?;
        }
    }
    match fields
        .iter()
        .find(|f| f.2 == Presence::Required && !obj.contains_key(f.0))
    {
        Some(f) => Err(missing(f.0)),
        None => Ok(Reader { obj }),
    }
}

impl Reader<'_> {
    /// The value of `key`, `None` when absent or `null`.
    pub(crate) fn get(&self, key: &str) -> Option<&Value> {
        self.obj.get(key).filter(|v| !v.is_null())
    }

    /// An optional string field.
    pub(crate) fn os(&self, key: &str) -> Option<String> {
        self.get(key).and_then(Value::as_str).map(str::to_string)
    }

    /// A boolean field, `default` when absent.
    pub(crate) fn b(&self, key: &str, default: bool) -> bool {
        self.ob(key).unwrap_or(default)
    }

    /// An optional boolean field.
    pub(crate) fn ob(&self, key: &str) -> Option<bool> {
        self.get(key).and_then(Value::as_bool)
    }

    /// An integer field (0 when absent).
    pub(crate) fn i(&self, key: &str) -> i64 {
        self.oi(key).unwrap_or_default()
    }

    /// An optional integer field.
    pub(crate) fn oi(&self, key: &str) -> Option<i64> {
        self.get(key).and_then(Value::as_i64)
    }

    /// An optional unsigned field (its range already checked by its [`Kind`]).
    pub(crate) fn ou(&self, key: &str) -> Option<u64> {
        self.get(key).and_then(Value::as_u64)
    }

    /// An unsigned field (0 when absent).
    pub(crate) fn u(&self, key: &str) -> u64 {
        self.ou(key).unwrap_or_default()
    }

    /// A number field (0 when absent).
    pub(crate) fn f(&self, key: &str) -> f64 {
        self.get(key).and_then(Value::as_f64).unwrap_or_default()
    }

    /// An array of strings, each made a `T` (empty when absent).
    pub(crate) fn strs<T>(&self, key: &str, make: fn(String) -> T) -> Vec<T> {
        match self.get(key) {
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(Value::as_str)
                .map(|s| make(s.to_string()))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// A [`Kind::Other`] field, read with its own `Deserialize` (`None` when absent or `null`).
    pub(crate) fn de<T: DeserializeOwned>(&self, key: &str) -> Option<T> {
        self.get(key).and_then(|v| T::deserialize(v).ok())
    }
}

/// What a tagged object's first reading yields: its entries, and the first key given twice.
type Entries = (Obj, Option<String>);

/// Reads an internally tagged object inside a `Deserialize` impl, where serde's derive would:
/// the entries one by one, the tag checked as soon as it is read (an unknown one is refused at
/// that place in the text, naming the valid ones), a missing tag at the end of the object; then
/// `read` on the whole object, whose message is the deserializer's error.
pub(crate) fn deserialize_tagged<'de, D, T>(
    d: D,
    tag: &'static str,
    names: &'static [&'static str],
    expecting: &'static str,
    read: fn(&Value) -> Result<T, String>,
) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
{
    let (obj, twice) = d.deserialize_any(Tagged {
        tag,
        names,
        expecting,
    })?;
    if let Some(key) = twice {
        return Err(D::Error::custom(format!("duplicate field `{key}`")));
    }
    read(&Value::Object(obj)).map_err(D::Error::custom)
}

struct Tagged {
    tag: &'static str,
    names: &'static [&'static str],
    expecting: &'static str,
}

impl<'de> serde::de::Visitor<'de> for Tagged {
    type Value = Entries;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Entries, A::Error> {
        let (mut obj, mut twice) = (Obj::new(), None);
        while let Some(key) = map.next_key::<String>()? {
            let value: Value = map.next_value()?;
            if key == self.tag {
                match &value {
                    _ if obj.contains_key(self.tag) => return Err(A::Error::duplicate_field(self.tag)),
                    Value::String(name) if self.names.contains(&name.as_str()) => {}
                    Value::String(name) => return Err(A::Error::custom(unknown_variant(name, self.names))),
                    other => return Err(A::Error::custom(invalid_type(other, "variant identifier"))),
                }
            }
            if twice.is_none() && obj.contains_key(&key) {
                twice = Some(key.clone());
            }
            obj.insert(key, value);
        }
        if !obj.contains_key(self.tag) {
            return Err(A::Error::missing_field(self.tag));
        }
        Ok((obj, twice))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    const FIELDS: &[Field] = &[
        req("name", Kind::Str),
        opt("port", Kind::U16),
        def("on", Kind::Bool),
        req("n", Kind::I64),
    ];

    #[test]
    fn messages_are_serdes_in_serdes_order() {
        let cases = [
            (json!({"t": "x", "name": "a", "n": 1}), ""),
            (json!({"name": "a", "n": 1, "port": null}), ""),
            (
                json!({"name": 7, "n": 1}),
                "invalid type: integer `7`, expected a string",
            ),
            (
                json!({"name": "a", "n": 1.5}),
                "invalid type: floating point `1.5`, expected i64",
            ),
            (
                json!({"name": "a", "n": 1, "port": 70000}),
                "invalid value: integer `70000`, expected u16",
            ),
            (
                json!({"name": "a", "n": 1, "port": -1}),
                "invalid value: integer `-1`, expected u16",
            ),
            (
                json!({"name": "a", "n": 1, "on": null}),
                "invalid type: null, expected a boolean",
            ),
            (
                json!({"name": "a", "n": 1, "nme": 1}),
                "unknown field `nme`, expected one of `name`, `port`, `on`, `n`",
            ),
            (json!({"name": "a"}), "missing field `n`"),
            // A value of the wrong type comes before a missing field, as with serde.
            (json!({"port": "x"}), "invalid type: string \"x\", expected u16"),
            (json!({}), "missing field `name`"),
        ];
        for (value, want) in cases {
            let got = check(value.as_object().unwrap(), "t", FIELDS)
                .err()
                .unwrap_or_default();
            assert_eq!(got, want, "{value}");
        }
        assert_eq!(one_of(&["a", "b"]), "`a` or `b`");
        assert_eq!(unknown_field("x", &[]), "unknown field `x`, there are no fields");
    }

    #[test]
    fn getters_read_what_check_accepted() {
        let v = json!({"name": "a", "n": -4, "port": 22, "list": ["x", "y"]});
        let r = Reader {
            obj: v.as_object().unwrap(),
        };
        assert_eq!(
            (r.os("name").unwrap_or_default(), r.i("n"), r.ou("port")),
            ("a".to_string(), -4, Some(22))
        );
        assert_eq!((r.b("on", true), r.os("gone"), r.f("n")), (true, None, -4.0));
        assert_eq!(r.strs("list", |s| s + "!"), ["x!", "y!"]);
    }
}
