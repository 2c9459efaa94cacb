//! [`Check`] read by hand (see [`crate::fields`]): serde's derive for an internally tagged enum
//! buffers the object and reads each variant again from the buffer, a second reader per field
//! type. Same JSON, same messages.
//!
//! The kinds are declared once, in `schema.rs`, as a table that `check_kinds!` turns into the
//! enum, [`Check::kind`], [`Check::KINDS`] and [`Check::read`]; each field's JSON kind and reader
//! come from its type ([`CheckField`]).

use ipnet::Ipv4Net;
use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::schema::{Check, Resource, RouteMatch};
use crate::cost::Traffic;
use crate::fields::{check, check_de, def, deserialize_tagged, invalid_type, opt, Field, Kind, Reader};
use crate::model::{PeeringStatus, RouteState};

impl<'de> Deserialize<'de> for Check {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Check, D::Error> {
        deserialize_tagged(
            d,
            "kind",
            Check::KINDS,
            "internally tagged enum Check",
            Check::read,
        )
    }
}

/// The one table of [`Check`] kinds (in `schema.rs`) → the enum (serialized by serde's derive,
/// each variant under its `kind`), `Check::kind()`, `Check::KINDS` (declaration order: serde
/// lists them so in "unknown variant") and `Check::read` (each field checked against its
/// [`CheckField::KIND`], then read; messages as serde's).
///
/// Struct variants first (`Name = "kind" { field: Type = req | opt | def[(default)], … }`), then
/// after `;` the variants holding one value read by a function (`Name = "kind" (Type) read by
/// function`).
macro_rules! check_kinds {
    (
        $(#[$meta:meta])*
        pub enum Check {
            $(
                $(#[$vmeta:meta])*
                $variant:ident = $kind:literal {
                    $(
                        $(#[$fmeta:meta])*
                        $field:ident: $ty:ty = $presence:ident $(($default:expr))?
                    ),* $(,)?
                }
            ),* $(,)?
            ;
            $(
                $(#[$tmeta:meta])*
                $tvariant:ident = $tkind:literal ($inner:ty) read by $reader:path
            ),* $(,)?
        }

        $(#[$kind_meta:meta])*
        pub fn kind;
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Serialize)]
        #[serde(tag = "kind", deny_unknown_fields)]
        pub enum Check {
            $(
                $(#[$vmeta])*
                #[serde(rename = $kind)]
                $variant {
                    $(
                        $(#[$fmeta])*
                        $field: $ty,
                    )*
                },
            )*
            $(
                $(#[$tmeta])*
                #[serde(rename = $tkind)]
                $tvariant($inner),
            )*
        }

        impl Check {
            /// Every `kind`, in declaration order.
            pub(crate) const KINDS: &'static [&'static str] = &[$($kind,)* $($tkind,)*];

            $(#[$kind_meta])*
            pub fn kind(&self) -> &'static str {
                match self {
                    $(Check::$variant { .. } => $kind,)*
                    $(Check::$tvariant(_) => $tkind,)*
                }
            }

            /// Reads one check from a JSON value with serde's messages.
            pub(crate) fn read(value: &serde_json::Value) -> Result<Check, String> {
                use $crate::exercise::read::CheckField;
                use $crate::fields::{check, invalid_type, missing, unknown_variant, Field};
                let serde_json::Value::Object(obj) = value else {
                    return Err(invalid_type(value, "internally tagged enum Check"));
                };
                let kind = match obj.get("kind") {
                    None => return Err(missing("kind")),
                    Some(serde_json::Value::String(kind)) => kind.as_str(),
                    Some(other) => return Err(invalid_type(other, "variant identifier")),
                };
                Ok(match kind {
                    $(
                        $kind => {
                            const FIELDS: &[Field] = &[
                                $($crate::fields::$presence(stringify!($field), <$ty as CheckField>::KIND),)*
                            ];
                            let r = check(obj, "kind", FIELDS)?;
                            Check::$variant {
                                $(
                                    $field: $crate::exercise::read::check_kinds!(
                                        @read r, $field, $ty, $presence $(($default))?
                                    ),
                                )*
                            }
                        }
                    )*
                    $($tkind => Check::$tvariant($reader(obj)?),)*
                    _ => return Err(unknown_variant(kind, Check::KINDS)),
                })
            }
        }
    };
    // One field's value, once `check` has accepted the object (a required field is there, so
    // its `absent` value is never used).
    (@read $r:ident, $field:ident, $ty:ty, $presence:ident) => {
        <$ty as CheckField>::read(&$r, stringify!($field)).unwrap_or_else(<$ty as CheckField>::absent)
    };
    (@read $r:ident, $field:ident, $ty:ty, def($default:expr)) => {
        <$ty as CheckField>::read(&$r, stringify!($field)).unwrap_or_else(|| $default)
    };
}
pub(super) use check_kinds;

/// A field type of a [`Check`] kind: what [`check`] holds its JSON value to, and how it is read
/// once checked (`None` when absent or `null`).
pub(super) trait CheckField: Sized {
    const KIND: Kind;
    fn read(r: &Reader, key: &str) -> Option<Self>;
    /// The value of an absent field (`def` without a value of its own).
    fn absent() -> Self;
}

/// An `Option` field: checked as its inner type (`null` allowed, as for every `opt` field), and
/// always read (`Some(None)` when absent).
impl<T: CheckField> CheckField for Option<T> {
    const KIND: Kind = T::KIND;
    fn read(r: &Reader, key: &str) -> Option<Self> {
        Some(T::read(r, key))
    }
    fn absent() -> Self {
        None
    }
}

impl CheckField for String {
    const KIND: Kind = Kind::Str;
    fn read(r: &Reader, key: &str) -> Option<Self> {
        r.os(key)
    }
    fn absent() -> Self {
        String::new()
    }
}

impl CheckField for bool {
    const KIND: Kind = Kind::Bool;
    fn read(r: &Reader, key: &str) -> Option<Self> {
        r.ob(key)
    }
    fn absent() -> Self {
        false
    }
}

impl CheckField for u64 {
    const KIND: Kind = Kind::U64;
    fn read(r: &Reader, key: &str) -> Option<Self> {
        r.get(key).map(|_| r.u(key))
    }
    fn absent() -> Self {
        0
    }
}

/// Unsigned fields narrower than `u64` (their range already checked by their [`Kind`]).
macro_rules! narrow_field {
    ($($ty:ty => $kind:ident),*) => {
        $(impl CheckField for $ty {
            const KIND: Kind = Kind::$kind;
            fn read(r: &Reader, key: &str) -> Option<Self> {
                r.ou(key).map(|n| <$ty>::try_from(n).unwrap_or_default())
            }
            fn absent() -> Self {
                0
            }
        })*
    };
}
narrow_field!(u8 => U8, u16 => U16, usize => Usize);

impl CheckField for f64 {
    const KIND: Kind = Kind::F64;
    fn read(r: &Reader, key: &str) -> Option<Self> {
        r.get(key).map(|_| r.f(key))
    }
    fn absent() -> Self {
        0.0
    }
}

impl CheckField for Vec<String> {
    const KIND: Kind = Kind::Strs;
    fn read(r: &Reader, key: &str) -> Option<Self> {
        r.get(key).map(|_| r.strs(key, |s| s))
    }
    fn absent() -> Self {
        Vec::new()
    }
}

impl CheckField for Vec<Ipv4Net> {
    const KIND: Kind = Kind::Other(nets);
    fn read(r: &Reader, key: &str) -> Option<Self> {
        match r.get(key)? {
            Value::Array(items) => Some(
                items
                    .iter()
                    .filter_map(|v| Ipv4Net::deserialize(v).ok())
                    .collect(),
            ),
            _ => None,
        }
    }
    fn absent() -> Self {
        Vec::new()
    }
}

/// Fields read with their own `Deserialize`, and their value when absent.
macro_rules! serde_field {
    ($($ty:ty => $absent:expr),*) => {
        $(impl CheckField for $ty {
            const KIND: Kind = Kind::Other(check_de::<$ty>);
            fn read(r: &Reader, key: &str) -> Option<Self> {
                r.de(key)
            }
            fn absent() -> Self {
                $absent
            }
        })*
    };
}
serde_field!(
    Traffic => Traffic { flows: Vec::new() },
    Resource => Resource::Vpcs,
    [String; 2] => Default::default(),
    PeeringStatus => PeeringStatus::Active
);

fn net(v: &Value) -> Result<(), String> {
    check_de::<Ipv4Net>(v)
}

fn nets(v: &Value) -> Result<(), String> {
    match v {
        Value::Array(items) => items.iter().try_for_each(net),
        _ => Err(invalid_type(v, "a sequence")),
    }
}

const ROUTE_MATCH: &[Field] = &[
    opt("route_table", Kind::Str),
    opt("vpc", Kind::Str),
    def("main_only", Kind::Bool),
    opt("destination", Kind::Str),
    opt("covers", Kind::Other(net)),
    opt("not_covering", Kind::Other(net)),
    opt("target", Kind::Str),
    opt("state", Kind::Other(check_de::<RouteState>)),
];

/// A `route` / `no_route` check's fields.
pub(super) fn route_match(obj: &serde_json::Map<String, Value>) -> Result<RouteMatch, String> {
    let r = check(obj, "kind", ROUTE_MATCH)?;
    Ok(RouteMatch {
        route_table: r.os("route_table"),
        vpc: r.os("vpc"),
        main_only: r.b("main_only", false),
        destination: r.os("destination"),
        covers: r.de("covers"),
        not_covering: r.de("not_covering"),
        target: r.os("target"),
        state: r.de("state"),
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn every_kind_reads_and_writes_back_the_same() {
        let checks = [
            json!({"kind": "reachable", "from": "a", "to": "b", "protocol": "tcp", "port": 22, "via": ["nat_gateway"]}),
            json!({"kind": "unreachable", "from": "a", "to": "b", "protocol": "udp", "port": 53, "code": "X"}),
            json!({"kind": "validate_clean", "include_warnings": true}),
            json!({"kind": "monthly_cost_below", "usd": 10.5, "traffic": {"flows": [{"from": "a", "to": "b", "gb_per_month": 1.0}]}}),
            json!({"kind": "max_routes", "route_table": "r", "n": 3}),
            json!({"kind": "vpc_cidr", "min_prefix": 16, "max_prefix": 20, "within": ["10.0.0.0/8"], "disjoint_from": ["10.1.0.0/16"]}),
            json!({"kind": "subnets", "vpc": "v", "public": false, "name_prefix": "p", "min_prefix": 20, "max_prefix": 24, "min_hosts": 10, "count": 2, "azs": 2}),
            json!({"kind": "smallest_subnet", "name": "n", "hosts": 11}),
            json!({"kind": "resource_count", "resource": "nat_gateways", "vpc": "v", "account": "a", "min": 1, "max": 3}),
            json!({"kind": "peering", "between": ["a", "b"], "status": "pending-acceptance"}),
            json!({"kind": "vpc_mesh", "vpcs": ["a", "b"]}),
            json!({"kind": "route", "route_table": "rtb-1", "main_only": true, "covers": "10.0.0.0/8", "not_covering": "10.0.0.0/9", "target": "pcx-", "state": "blackhole"}),
            json!({"kind": "no_route", "vpc": "v", "destination": "pl-1"}),
        ];
        assert_eq!(checks.len(), Check::KINDS.len());
        for (value, kind) in checks.iter().zip(Check::KINDS) {
            let check = Check::read(value).unwrap_or_else(|e| panic!("{value}: {e}"));
            assert_eq!(check.kind(), *kind);
            assert_eq!(&serde_json::to_value(&check).unwrap(), value);
        }
        // Defaults: protocol tcp, status active, empty lists.
        let c = Check::read(&json!({"kind": "unreachable", "from": "a", "to": "b"})).unwrap();
        assert!(matches!(c, Check::Unreachable { ref protocol, port: None, .. } if protocol == "tcp"));
        let c = Check::read(&json!({"kind": "peering", "between": ["a", "b"]})).unwrap();
        assert!(matches!(
            c,
            Check::Peering {
                status: PeeringStatus::Active,
                ..
            }
        ));
    }

    #[test]
    fn mistakes_get_serdes_messages() {
        for (value, want) in [
            (
                json!({"kind": "pingable"}),
                "unknown variant `pingable`, expected one of `reachable`, `unreachable`, ",
            ),
            (json!({"from": "a"}), "missing field `kind`"),
            (
                json!({"kind": 7}),
                "invalid type: integer `7`, expected variant identifier",
            ),
            (
                json!("reachable"),
                "invalid type: string \"reachable\", expected internally tagged enum Check",
            ),
            (json!({"kind": "reachable", "from": "a"}), "missing field `to`"),
            (
                json!({"kind": "reachable", "from": "a", "to": "b", "port": 70000}),
                "invalid value: integer `70000`, expected u16",
            ),
            (
                json!({"kind": "route", "covers": "10.1.0.0/33"}),
                "invalid IP address syntax",
            ),
            (
                json!({"kind": "route", "tagret": "x"}),
                "unknown field `tagret`, expected one of `route_table`, `vpc`",
            ),
            (
                json!({"kind": "peering", "between": ["a"]}),
                "invalid length 1, expected an array of length 2",
            ),
            (
                json!({"kind": "resource_count", "resource": "cats"}),
                "unknown variant `cats`",
            ),
        ] {
            let err = Check::read(&value).unwrap_err();
            assert!(err.starts_with(want), "{value}: {err}");
        }
    }
}
