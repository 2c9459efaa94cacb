//! [`Check`] read by hand (see [`crate::fields`]): serde's derive for an internally tagged enum
//! buffers the object and reads each variant again from the buffer, a second reader per field
//! type. Same JSON, same messages.

use ipnet::Ipv4Net;
use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::schema::{Check, Resource, RouteMatch};
use crate::cost::Traffic;
use crate::fields::{
    check, check_de, def, deserialize_tagged, invalid_type, missing, opt, req, unknown_variant, Field, Kind,
    Reader,
};
use crate::model::{PeeringStatus, RouteState};

impl<'de> Deserialize<'de> for Check {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Check, D::Error> {
        deserialize_tagged(d, "kind", KINDS, "internally tagged enum Check", Check::read)
    }
}

/// Every `kind`, in declaration order (serde lists them so in "unknown variant").
const KINDS: &[&str] = &[
    "reachable",
    "unreachable",
    "validate_clean",
    "monthly_cost_below",
    "max_routes",
    "vpc_cidr",
    "subnets",
    "smallest_subnet",
    "resource_count",
    "peering",
    "vpc_mesh",
    "route",
    "no_route",
];

fn net(v: &Value) -> Result<(), String> {
    check_de::<Ipv4Net>(v)
}

fn nets(v: &Value) -> Result<(), String> {
    match v {
        Value::Array(items) => items.iter().try_for_each(net),
        _ => Err(invalid_type(v, "a sequence")),
    }
}

/// The blocks of a [`nets`] field (empty when absent).
fn nets_of(r: &Reader, key: &str) -> Vec<Ipv4Net> {
    match r.get(key) {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| Ipv4Net::deserialize(v).ok())
            .collect(),
        _ => Vec::new(),
    }
}

const REACHABLE: &[Field] = &[
    req("from", Kind::Str),
    req("to", Kind::Str),
    def("protocol", Kind::Str),
    opt("port", Kind::U16),
    def("via", Kind::Strs),
];
const UNREACHABLE: &[Field] = &[
    req("from", Kind::Str),
    req("to", Kind::Str),
    def("protocol", Kind::Str),
    opt("port", Kind::U16),
    opt("code", Kind::Str),
];
const VALIDATE_CLEAN: &[Field] = &[def("include_warnings", Kind::Bool)];
const MONTHLY_COST_BELOW: &[Field] = &[
    req("usd", Kind::F64),
    req("traffic", Kind::Other(check_de::<Traffic>)),
];
const MAX_ROUTES: &[Field] = &[
    opt("route_table", Kind::Str),
    opt("vpc", Kind::Str),
    req("n", Kind::Usize),
];
const VPC_CIDR: &[Field] = &[
    opt("vpc", Kind::Str),
    opt("min_prefix", Kind::U8),
    opt("max_prefix", Kind::U8),
    def("within", Kind::Other(nets)),
    def("disjoint_from", Kind::Other(nets)),
];
const SUBNETS: &[Field] = &[
    opt("vpc", Kind::Str),
    opt("public", Kind::Bool),
    opt("name_prefix", Kind::Str),
    opt("min_prefix", Kind::U8),
    opt("max_prefix", Kind::U8),
    opt("min_hosts", Kind::U64),
    req("count", Kind::Usize),
    def("azs", Kind::Usize),
];
const SMALLEST_SUBNET: &[Field] = &[
    opt("vpc", Kind::Str),
    opt("name", Kind::Str),
    req("hosts", Kind::U64),
];
const RESOURCE_COUNT: &[Field] = &[
    req("resource", Kind::Other(check_de::<Resource>)),
    opt("vpc", Kind::Str),
    opt("account", Kind::Str),
    opt("min", Kind::Usize),
    opt("max", Kind::Usize),
];
const PEERING: &[Field] = &[
    req("between", Kind::Other(check_de::<[String; 2]>)),
    def("status", Kind::Other(check_de::<PeeringStatus>)),
];
const VPC_MESH: &[Field] = &[def("vpcs", Kind::Strs)];
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

fn route_match(obj: &serde_json::Map<String, Value>) -> Result<RouteMatch, String> {
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

/// A `u64` field as a smaller type (its range checked by its [`Kind`]).
fn small<T: TryFrom<u64> + Default>(n: Option<u64>) -> Option<T> {
    n.map(|n| T::try_from(n).unwrap_or_default())
}

impl Check {
    /// Reads one check from a JSON value with serde's messages.
    pub(crate) fn read(value: &Value) -> Result<Check, String> {
        let Value::Object(obj) = value else {
            return Err(invalid_type(value, "internally tagged enum Check"));
        };
        let kind = match obj.get("kind") {
            None => return Err(missing("kind")),
            Some(Value::String(kind)) => kind.as_str(),
            Some(other) => return Err(invalid_type(other, "variant identifier")),
        };
        let protocol = |r: &Reader| r.os("protocol").unwrap_or_else(|| "tcp".to_string());
        Ok(match kind {
            "reachable" => {
                let r = check(obj, "kind", REACHABLE)?;
                Check::Reachable {
                    from: r.s("from"),
                    to: r.s("to"),
                    protocol: protocol(&r),
                    port: small(r.ou("port")),
                    via: r.strs("via", |s| s),
                }
            }
            "unreachable" => {
                let r = check(obj, "kind", UNREACHABLE)?;
                Check::Unreachable {
                    from: r.s("from"),
                    to: r.s("to"),
                    protocol: protocol(&r),
                    port: small(r.ou("port")),
                    code: r.os("code"),
                }
            }
            "validate_clean" => {
                let r = check(obj, "kind", VALIDATE_CLEAN)?;
                Check::ValidateClean {
                    include_warnings: r.b("include_warnings", false),
                }
            }
            "monthly_cost_below" => {
                let r = check(obj, "kind", MONTHLY_COST_BELOW)?;
                Check::MonthlyCostBelow {
                    usd: r.f("usd"),
                    traffic: r.de("traffic").unwrap_or(Traffic { flows: Vec::new() }),
                }
            }
            "max_routes" => {
                let r = check(obj, "kind", MAX_ROUTES)?;
                Check::MaxRoutes {
                    route_table: r.os("route_table"),
                    vpc: r.os("vpc"),
                    n: small(Some(r.u("n"))).unwrap_or_default(),
                }
            }
            "vpc_cidr" => {
                let r = check(obj, "kind", VPC_CIDR)?;
                Check::VpcCidr {
                    vpc: r.os("vpc"),
                    min_prefix: small(r.ou("min_prefix")),
                    max_prefix: small(r.ou("max_prefix")),
                    within: nets_of(&r, "within"),
                    disjoint_from: nets_of(&r, "disjoint_from"),
                }
            }
            "subnets" => {
                let r = check(obj, "kind", SUBNETS)?;
                Check::Subnets {
                    vpc: r.os("vpc"),
                    public: r.ob("public"),
                    name_prefix: r.os("name_prefix"),
                    min_prefix: small(r.ou("min_prefix")),
                    max_prefix: small(r.ou("max_prefix")),
                    min_hosts: r.ou("min_hosts"),
                    count: small(Some(r.u("count"))).unwrap_or_default(),
                    azs: small(Some(r.u("azs"))).unwrap_or_default(),
                }
            }
            "smallest_subnet" => {
                let r = check(obj, "kind", SMALLEST_SUBNET)?;
                Check::SmallestSubnet {
                    vpc: r.os("vpc"),
                    name: r.os("name"),
                    hosts: r.u("hosts"),
                }
            }
            "resource_count" => {
                let r = check(obj, "kind", RESOURCE_COUNT)?;
                Check::ResourceCount {
                    resource: r.de("resource").unwrap_or(Resource::Vpcs),
                    vpc: r.os("vpc"),
                    account: r.os("account"),
                    min: small(r.ou("min")),
                    max: small(r.ou("max")),
                }
            }
            "peering" => {
                let r = check(obj, "kind", PEERING)?;
                Check::Peering {
                    between: r.de("between").unwrap_or_default(),
                    status: r.de("status").unwrap_or(PeeringStatus::Active),
                }
            }
            "vpc_mesh" => {
                let r = check(obj, "kind", VPC_MESH)?;
                Check::VpcMesh {
                    vpcs: r.strs("vpcs", |s| s),
                }
            }
            "route" => Check::Route(route_match(obj)?),
            "no_route" => Check::NoRoute(route_match(obj)?),
            _ => return Err(unknown_variant(kind, KINDS)),
        })
    }
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
        assert_eq!(checks.len(), KINDS.len());
        for (value, kind) in checks.iter().zip(KINDS) {
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
