//! What AWS would refuse at creation, as [`Diagnostics`] with stable codes (the table is in
//! `docs/codes.md`, section `validate`).
//!
//! An *error* is something AWS would not let you create (overlapping peer CIDRs, a subnet outside
//! its VPC, a route to another VPC's NAT gateway); a *warning* is allowed but almost certainly not
//! what you meant (a NAT gateway in a subnet without a route to an internet gateway, a route left
//! pointing at a deleted target, a reference to something the documents do not contain).
//! Validation reads the estate only; it never changes it.

mod addresses;
mod gateways;
mod hybrid;
mod ids;
mod ipv6;
mod peering;
mod routes;
mod transit;

use serde::Serialize;

pub use ids::{is_aws_id, printable};

use crate::aws::ImportError;
use crate::model::Estate;

/// One finding: a stable code, the resource it is about, and plain words for a learner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub code: &'static str,
    /// The id of the resource at fault (`subnet-…`, `rtb-…`, `pcx-…`), or the file and JSON path
    /// for a refusal found while importing.
    pub resource: String,
    pub message: String,
}

/// Everything [`validate`] found: errors (AWS would refuse) and warnings (allowed, but suspect).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Diagnostics {
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
}

impl Diagnostics {
    /// No errors (warnings allowed).
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }

    pub(crate) fn error(&mut self, code: &'static str, resource: impl ToString, message: String) {
        self.errors.push(Diagnostic {
            code,
            resource: resource.to_string(),
            message,
        });
    }

    pub(crate) fn warning(&mut self, code: &'static str, resource: impl ToString, message: String) {
        self.warnings.push(Diagnostic {
            code,
            resource: resource.to_string(),
            message,
        });
    }
}

/// Checks an estate against the rules AWS enforces when resources are created, and a few
/// configurations AWS accepts but that cannot work.
///
/// # Examples
/// ```
/// use vpclab_core::{aws::import_documents, validate::validate};
/// let doc = serde_json::json!({"AccountId": "111122223333", "Region": "us-east-1",
///     "Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}],
///     "Subnets": [{"SubnetId": "subnet-1", "VpcId": "vpc-1", "CidrBlock": "10.1.0.0/24"}]});
/// let estate = import_documents(&[("lab.json".into(), doc)]).unwrap();
/// let found = validate(&estate);
/// assert_eq!(found.errors[0].code, "SUBNET_OUTSIDE_VPC");
/// assert_eq!(found.errors[0].resource, "subnet-1");
/// assert!(!found.is_valid());
/// ```
pub fn validate(estate: &Estate) -> Diagnostics {
    let mut d = Diagnostics::default();
    addresses::check(estate, &mut d);
    routes::check(estate, &mut d);
    peering::check(estate, &mut d);
    gateways::check(estate, &mut d);
    transit::check(estate, &mut d);
    hybrid::check(estate, &mut d);
    ids::check(estate, &mut d);
    ipv6::check(estate, &mut d);
    d
}

/// The `UNUSUAL_ID` warnings alone: ids no AWS API gives. A sandbox import shows them as soon as
/// the documents are read (the estate still loads).
///
/// ```
/// use vpclab_core::{aws::import_documents, validate::id_warnings};
/// let doc = serde_json::json!({"AccountId": "111122223333", "Region": "us-east-1",
///     "Vpcs": [{"VpcId": "vpc-lab", "CidrBlock": "10.0.0.0/16"}]});
/// let estate = import_documents(&[("lab.json".into(), doc)]).unwrap();
/// let w = id_warnings(&estate);
/// assert_eq!((w[0].code, w[0].resource.as_str()), ("UNUSUAL_ID", "vpc-lab"));
/// ```
pub fn id_warnings(estate: &Estate) -> Vec<Diagnostic> {
    let mut d = Diagnostics::default();
    ids::check(estate, &mut d);
    d.warnings
}

/// The diagnostic for an import refusal that validation would report itself: a CIDR with host
/// bits set (`NONCANONICAL_CIDR`) stops the import, and is shown as a validation error rather
/// than as unreadable input. Other import errors are bad input, not AWS refusals: `None`.
///
/// ```
/// use vpclab_core::{aws::import_documents, validate::from_import_error};
/// let doc = serde_json::json!({"AccountId": "111122223333", "Region": "us-east-1",
///     "Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.1/16"}]});
/// let err = import_documents(&[("lab.json".into(), doc)]).unwrap_err();
/// let d = from_import_error(&err).unwrap();
/// assert_eq!((d.code, d.resource.as_str()), ("NONCANONICAL_CIDR", "vpc-1"));
/// assert!(d.message.contains("10.0.0.0/16"));
/// ```
pub fn from_import_error(e: &ImportError) -> Option<Diagnostic> {
    (e.code == "NONCANONICAL_CIDR").then(|| Diagnostic {
        code: "NONCANONICAL_CIDR",
        resource: e.resource.clone().unwrap_or_else(|| e.json_path.clone()),
        message: format!(
            "{} (in {} at {}). AWS would quietly store the network address instead; vpclab asks you \
             to write it, because working it out is the point.",
            e.problem, e.file, e.json_path
        ),
    })
}

#[cfg(test)]
mod tests;
