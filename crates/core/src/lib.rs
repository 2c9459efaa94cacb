//! vpclab-core: the AWS VPC networking engine behind the vpclab page and CLI.
//!
//! A tour, in layer order (each layer uses only those above it):
//! - [`cidr`]: CIDR math on ipnet — info, split, aggregate, overlap, exclude, AWS reserved addresses.
//! - [`model`]: the [`model::Estate`] and its AWS nouns (VPCs, subnets, route tables, peerings,
//!   gateways, endpoints, transit gateways, security groups, ACLs) with newtype ids.
//! - [`aws`]: import and export of AWS CLI `describe-*` JSON (documents, Batfish snapshot folders)
//!   to and from the estate, with file + JSON path on every refusal.
//! - [`validate`]: what AWS would refuse at creation (overlapping peer CIDRs, subnets outside their
//!   VPC, routes to another VPC's gateway, quotas), as errors and warnings with stable codes.
//! - [`route`]: route choice — longest prefix match in a VPC route table (static > prefix list >
//!   propagated) and in a transit gateway route table (propagations derived), returning the route.
//! - [`reach`]: reachability — a topology built once, then traces (forward and return, hop by hop,
//!   with a stable code for the first failing hop) and the all-pairs VPC matrix.
//! - [`cost`]: price tables per region (with sources and dates) and the monthly estimate of a
//!   design, line by line, following the paths `reach` traces for each flow.
//! - [`edit`]: the console's actions (create route, request/accept peering, create endpoint …)
//!   applied to an estate with AWS's side effects, or refused with AWS's error code and message.
//! - [`export`]: the learner's actions against the start as an AWS CLI script or as Terraform (ids
//!   created along the way in shell variables / Terraform addresses), replayed through `edit`.
//! - [`exercise`]: exercises as data (embedded JSON files and their index) and the checker that
//!   grades an estate against one: goals over reach/validate/cost/CIDR questions → `Verdict`.
//! - [`workspace`]: what a page session owns — an exercise (or sandbox), the current estate, the
//!   action log with undo/redo, save/restore, and the `view()` the page draws.
pub mod aws;
pub mod cidr;
pub mod cost;
pub mod edit;
pub mod exercise;
pub mod export;
mod fields;
#[cfg(any(test, feature = "testkit"))]
#[doc(hidden)]
pub mod fuzzing;
mod locate;
pub mod model;
pub mod reach;
pub mod route;
mod small;
#[cfg(any(test, feature = "testkit"))]
#[doc(hidden)]
pub mod synth;
pub mod validate;
pub mod workspace;
