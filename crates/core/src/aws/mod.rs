//! Import and export of the AWS CLI's own JSON: the scenario format everywhere.
//!
//! A *document* is one account in one region: the top-level keys of several `describe-*` outputs
//! merged into one object (`Vpcs`, `Subnets`, `RouteTables`, …, what `jq -s add` over them gives),
//! plus `TransitGatewayRouteTableRoutes` (TGW route table id → the `Routes` of
//! `search-transit-gateway-routes`) and two optional vpclab keys, `AccountId` and `Region`.
//! - [`import_documents`]: documents (or arrays of them) → [`Estate`]; one fact kept once (a
//!   peering listed in both accounts' documents is one [`crate::model::Peering`]).
//! - [`import_files`]: a Batfish-style snapshot folder's files → [`Estate`] (see [`snapshot`]).
//! - [`export`]: [`Estate`] → one document per (account, region); `import(export(e)) == e`.
//!
//! Input is checked, never trusted: every refusal is an [`ImportError`] naming the file, the JSON
//! path and the problem. Nothing here panics on any input.

mod convert;
mod export;
mod hybrid;
mod identify;
pub mod json;
mod managed;
mod merge;
mod service_endpoints;
pub mod snapshot;

use std::fmt;

pub use export::export;
pub use managed::managed_prefix_lists;
pub use merge::import_documents;
pub use service_endpoints::{public_endpoint, service_at, EndpointError};
pub use snapshot::{import_files, import_sources, Source};

#[allow(unused_imports)]
use crate::model::Estate;

/// Why some input could not be imported.
///
/// ```
/// use vpclab_core::aws::import_documents;
/// let doc = serde_json::json!({"Region": "us-east-1", "AccountId": "111122223333",
///     "Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.1/16"}]});
/// let err = import_documents(&[("lab.json".into(), doc)]).unwrap_err();
/// assert_eq!(err.json_path, "$.Vpcs[0].CidrBlock");
/// assert_eq!(err.code, "NONCANONICAL_CIDR");
/// assert!(err.to_string().starts_with("lab.json: $.Vpcs[0].CidrBlock: '10.0.0.1/16' has host bits set"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// The file (or source name) the problem is in.
    pub file: String,
    /// Where in that file, as a JSON path: `$.Vpcs[2].CidrBlock`.
    pub json_path: String,
    /// What is wrong and what would be valid, in plain words.
    pub problem: String,
    /// A stable code: `MALFORMED_JSON` (not JSON, or a value of the wrong type or a missing
    /// key), `INVALID_VALUE` (a value AWS would not print there), `NONCANONICAL_CIDR` (a CIDR
    /// with host bits set), `UNKNOWN_DOCUMENT` (cannot tell the account or region),
    /// `UNKNOWN_RESOURCE` (routes for a TGW route table no document lists).
    pub code: &'static str,
    /// The resource the value belongs to, when known (`vpc-…`).
    pub resource: Option<String>,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.file, self.json_path, self.problem)
    }
}

impl std::error::Error for ImportError {}
