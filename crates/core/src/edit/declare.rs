//! The machinery behind the one declaration of every console action (`action.rs`): from one
//! `actions!` table come the [`Action`](super::Action) enum, `NAMES`, `name()`, `account()`,
//! `principal()`, the JSON writer, the field tables and the reader (with serde's messages, see
//! [`crate::fields`]), and so the fuzzing field list and the field list the page's forms are
//! held to ([`super::action_fields`]).
//!
//! A field is `KIND name: Type`, where KIND says how it is read and written:
//!
//! | KIND | reading | writing |
//! |---|---|---|
//! | `req` | must be there | always |
//! | `opt` | an `Option`: may be absent or `null` | only when set |
//! | `def` | may be absent: the type's empty value | always |
//! | `def_true` | may be absent: `true` | always |
//! | `flag` | may be absent: `false` | only when `true` |
//! | `flat` | the fields of a struct declared with `flattened!`, inline in the action's JSON | inline |
//!
//! Every action also gets `account: Option<AccountId>` as its last field (see the module
//! documentation of [`super`]).

use serde::ser::SerializeStruct;

use super::Direction;
use crate::fields::{Field, Kind, Presence, Reader};
use crate::model::*;

/// A type an action field may have: what its JSON is ([`Kind`]) and how it is read once
/// [`crate::fields::check`] has accepted the object.
pub(crate) trait FieldValue: Sized {
    const KIND: Kind;
    /// The value of `key`, `None` when absent or `null`.
    fn get(r: &Reader, key: &str) -> Option<Self>;
    /// What an absent field reads as.
    fn empty() -> Self;
    /// The value of `key`, [`FieldValue::empty`] when absent.
    fn read(r: &Reader, key: &str) -> Self {
        Self::get(r, key).unwrap_or_else(Self::empty)
    }
}

impl FieldValue for String {
    const KIND: Kind = Kind::Str;
    fn get(r: &Reader, key: &str) -> Option<Self> {
        r.os(key)
    }
    fn empty() -> Self {
        String::new()
    }
}

impl FieldValue for bool {
    const KIND: Kind = Kind::Bool;
    fn get(r: &Reader, key: &str) -> Option<Self> {
        r.ob(key)
    }
    fn empty() -> Self {
        false
    }
}

impl FieldValue for i64 {
    const KIND: Kind = Kind::I64;
    fn get(r: &Reader, key: &str) -> Option<Self> {
        r.oi(key)
    }
    fn empty() -> Self {
        0
    }
    fn read(r: &Reader, key: &str) -> Self {
        r.i(key)
    }
}

fn direction(v: &serde_json::Value) -> Result<(), String> {
    crate::fields::check_de::<Direction>(v)
}

impl FieldValue for Direction {
    const KIND: Kind = Kind::Other(direction);
    fn get(r: &Reader, key: &str) -> Option<Self> {
        r.de(key)
    }
    fn empty() -> Self {
        Direction::Ingress
    }
}

impl<T: FieldValue> FieldValue for Option<T> {
    const KIND: Kind = T::KIND;
    fn get(r: &Reader, key: &str) -> Option<Self> {
        Some(T::get(r, key))
    }
    fn empty() -> Self {
        None
    }
}

impl<T: Id> FieldValue for Vec<T> {
    const KIND: Kind = Kind::Strs;
    fn get(r: &Reader, key: &str) -> Option<Self> {
        Some(r.strs(key, T::of))
    }
    fn empty() -> Self {
        Vec::new()
    }
}

/// A list of plain strings (CIDRs …).
impl FieldValue for Vec<String> {
    const KIND: Kind = Kind::Strs;
    fn get(r: &Reader, key: &str) -> Option<Self> {
        Some(r.strs(key, |s| s))
    }
    fn empty() -> Self {
        Vec::new()
    }
}

/// Every id type of `model::ids` (one list, there): a string in JSON.
impl<T: Id> FieldValue for T {
    const KIND: Kind = Kind::Str;
    fn get(r: &Reader, key: &str) -> Option<Self> {
        r.os(key).map(T::of)
    }
    fn empty() -> Self {
        T::of(String::new())
    }
}

/// The fields of `parts`, one after the other: a variant's table with its flattened structs
/// inline.
pub(crate) const fn concat<const N: usize>(parts: &[&[Field]]) -> [Field; N] {
    let mut out = [const { Field("", Kind::Str, Presence::Required) }; N];
    let (mut i, mut n) = (0, 0);
    while i < parts.len() {
        let mut j = 0;
        while j < parts[i].len() {
            let f = &parts[i][j];
            out[n] = Field(f.0, f.1, f.2);
            n += 1;
            j += 1;
        }
        i += 1;
    }
    out
}

/// Writes one field of a KIND (see the module documentation) into an object being serialized.
pub(crate) fn put<M: SerializeStruct, T: serde::Serialize>(
    m: &mut M,
    key: &'static str,
    value: &T,
    written: bool,
) -> Result<(), M::Error> {
    if written {
        m.serialize_field(key, value)
    } else {
        m.skip_field(key)
    }
}

/// How a field of a KIND is present in JSON.
macro_rules! presence {
    (req) => {
        $crate::fields::Presence::Required
    };
    (opt) => {
        $crate::fields::Presence::Optional
    };
    (def) => {
        $crate::fields::Presence::Default
    };
    (def_true) => {
        $crate::fields::Presence::Default
    };
    (flag) => {
        $crate::fields::Presence::Default
    };
}

/// A field's entries in its variant's table.
macro_rules! table_part {
    (flat $f:ident $ty:ty) => {
        <$ty>::FIELDS
    };
    ($kw:ident $f:ident $ty:ty) => {
        &[$crate::fields::Field(
            stringify!($f),
            <$ty as $crate::edit::declare::FieldValue>::KIND,
            presence!($kw),
        )]
    };
}

/// How many entries a field has in its variant's table.
macro_rules! table_len {
    (flat $ty:ty) => {
        <$ty>::FIELDS.len()
    };
    ($kw:ident $ty:ty) => {
        1
    };
}

/// A field's value read from an accepted object.
macro_rules! read_field {
    (flat $r:ident $f:ident $ty:ty) => {
        <$ty>::read_from($r)
    };
    (def_true $r:ident $f:ident $ty:ty) => {
        <$ty as $crate::edit::declare::FieldValue>::get($r, stringify!($f)).unwrap_or(true)
    };
    ($kw:ident $r:ident $f:ident $ty:ty) => {
        <$ty as $crate::edit::declare::FieldValue>::read($r, stringify!($f))
    };
}

/// Writes a field.
macro_rules! put_field {
    (flat $m:ident $f:ident) => {
        $f.put_into($m)?
    };
    (opt $m:ident $f:ident) => {
        $crate::edit::declare::put($m, stringify!($f), $f, $f.is_some())?
    };
    (flag $m:ident $f:ident) => {
        $crate::edit::declare::put($m, stringify!($f), $f, *$f)?
    };
    ($kw:ident $m:ident $f:ident) => {
        $crate::edit::declare::put($m, stringify!($f), $f, true)?
    };
}

/// 1, for counting fields.
macro_rules! one {
    ($f:ident) => {
        1
    };
}

/// The id an action works on, when its declaration names one.
macro_rules! principal_of {
    () => {
        None
    };
    ($p:ident) => {
        Some($p.as_str())
    };
}

/// A struct of fields shared by several actions, flattened into their JSON (`flat` fields).
macro_rules! flattened {
    ($(#[$doc:meta])* pub struct $S:ident {
        $( $(#[$fdoc:meta])* $kw:ident $f:ident : $ty:ty ),* $(,)?
    }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct $S {
            $( $(#[$fdoc])* pub $f: $ty, )*
        }

        impl $S {
            /// Its fields, as they appear in the action's table.
            pub(crate) const FIELDS: &'static [$crate::fields::Field] = &[$(
                $crate::fields::Field(
                    stringify!($f),
                    <$ty as $crate::edit::declare::FieldValue>::KIND,
                    presence!($kw),
                )
            ),*];

            fn read_from(r: &$crate::fields::Reader) -> Self {
                $S { $( $f: read_field!($kw r $f $ty) ),* }
            }

            fn put_into<M: serde::ser::SerializeStruct>(&self, m: &mut M) -> Result<(), M::Error> {
                let $S { $($f),* } = self;
                $( put_field!($kw m $f); )*
                Ok(())
            }
        }
    };
}

/// The one declaration of the console actions (see the module documentation).
macro_rules! actions {
    ($(
        $(#[$doc:meta])*
        $V:ident = $tag:literal $(, principal $p:ident)? {
            $( $(#[$fdoc:meta])* $kw:ident $f:ident : $ty:ty ),* $(,)?
        }
    )*) => {
        /// One console action. JSON: `{"action": "<snake_case name>", <fields>}`; unknown fields
        /// are refused so that a typo in an exercise file is caught. Ids name existing
        /// resources; CIDRs and addresses are strings so that a wrong one gets an AWS-style
        /// message rather than a parse error. Every action may carry `account`, the account
        /// acting (see the module documentation).
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum Action {
            $(
                $(#[$doc])*
                $V {
                    $( $(#[$fdoc])* $f: $ty, )*
                    account: Option<AccountId>,
                },
            )*
        }

        /// Each variant's place in [`Action::NAMES`].
        #[allow(clippy::enum_variant_names)]
        enum Index {
            $($V,)*
        }

        /// How many actions there are.
        const COUNT: usize = [$($tag),*].len();

        /// Each action's fields (`account` last), in [`Action::NAMES`] order: what the reader
        /// checks, the fuzzer fills and the page's forms are held to.
        const TABLES: [&[$crate::fields::Field]; COUNT] = [$(
            &$crate::edit::declare::concat::<{ 1 $( + table_len!($kw $ty) )* }>(&[
                $( table_part!($kw $f $ty), )*
                &[$crate::fields::Field("account", $crate::fields::Kind::Str, $crate::fields::Presence::Optional)],
            ]),
        )*];

        impl Action {
            /// Every action's JSON tag, in declaration order: what an exercise may list as
            /// allowed.
            pub const NAMES: [&'static str; COUNT] = [$($tag),*];

            /// The JSON tag of the action (`"create_route"` …), as exercises list the actions
            /// allowed.
            ///
            /// # Examples
            /// ```
            /// use vpclab_core::edit::Action;
            /// let a: Action = serde_json::from_str(r#"{"action":"accept_peering","peering":"pcx-1"}"#).unwrap();
            /// assert_eq!(a.name(), "accept_peering");
            /// assert!(serde_json::from_str::<Action>(r#"{"action":"accept_peering","pcx":"pcx-1"}"#).is_err());
            /// ```
            pub fn name(&self) -> &'static str {
                match self {
                    $( Action::$V { .. } => $tag, )*
                }
            }

            /// The account acting, if the action names one.
            pub fn account(&self) -> Option<&AccountId> {
                match self {
                    $( Action::$V { account, .. } )|* => account.as_ref(),
                }
            }

            /// The id of the resource the action works on (`None` for the actions that create
            /// a VPC, an internet gateway or a transit gateway from nothing).
            pub(crate) fn principal(&self) -> Option<&str> {
                match self {
                    $( Action::$V { $($p,)? .. } => principal_of!($($p)?), )*
                }
            }

            /// The fields of the action named `NAMES[index]` (`account` last).
            pub(crate) fn fields(index: usize) -> &'static [$crate::fields::Field] {
                TABLES.get(index).copied().unwrap_or(&[])
            }

            /// Reads the action tagged `tag` from `obj`, with serde's messages.
            pub(crate) fn read_variant(tag: &str, obj: &$crate::fields::Obj) -> Result<Action, String> {
                Ok(match tag {
                    $(
                        $tag => {
                            let r = &$crate::fields::check(obj, "action", TABLES[Index::$V as usize])?;
                            Action::$V {
                                $( $f: read_field!($kw r $f $ty), )*
                                account: read_field!(opt r account Option<AccountId>),
                            }
                        }
                    )*
                    _ => return Err($crate::fields::unknown_variant(tag, &Action::NAMES)),
                })
            }
        }

        /// Written as serde's derive would write it (`#[serde(tag = "action")]`, options and
        /// `false` flags left out).
        impl serde::Serialize for Action {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeStruct;
                match self {
                    $(
                        Action::$V { $($f,)* account } => {
                            let mut out = s.serialize_struct("Action", 2 $( + one!($f) )*)?;
                            let m = &mut out;
                            m.serialize_field("action", $tag)?;
                            $( put_field!($kw m $f); )*
                            put_field!(opt m account);
                            out.end()
                        }
                    )*
                }
            }
        }
    };
}

pub(crate) use {
    actions, flattened, one, presence, principal_of, put_field, read_field, table_len, table_part,
};
