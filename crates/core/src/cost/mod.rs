//! What a design costs each month, line by line.
//!
//! - [`PriceTable`]: the prices of one region (embedded data files with their sources and dates,
//!   or a user's file); [`PriceBook`]: which table prices which region.
//! - [`Traffic`]: the GB per month of each flow.
//! - [`hourly_items`]: NAT gateways, transit gateway attachments, interface endpoints, public
//!   IPv4 addresses (and the free gateway endpoints and peerings, at $0).
//! - [`price_path`]: the per-GB charges along one traced path; [`EgressLedger`]: internet egress
//!   priced over all flows with its free allowance and tiers.
//! - [`estimate`]: all of it for an estate and a traffic file, each flow traced by
//!   [`crate::reach`]; unreachable flows listed with their code, not priced.
//! - [`name_of`] / [`flow_ends`]: what to call the resources of a bill and the ends a flow may
//!   have; [`suggested_traffic`]: flows to start from when no exercise gives any.
//! - [`CostReport`]: the answer, every item with its arithmetic and its payer; [`compare`]: two
//!   designs side by side.

mod book;
mod compare;
mod estimate;
mod hourly;
mod names;
mod path;
mod prices;
mod report;
mod suggest;
mod traffic;
mod transfer;

pub use book::PriceBook;
pub use compare::*;
pub use estimate::{estimate, estimate_each, estimate_with, query_of, CostError, DEFAULT_PORT};
pub use hourly::hourly_items;
pub use names::{flow_ends, labelled, name_of, names_in, FlowEnd, INTERNET_ADDRESS};
pub use prices::*;
pub use report::*;
pub use suggest::{flow_on_open_port, suggested_traffic, COMMON_PORTS, SUGGESTED_GB};
pub use traffic::*;
pub use transfer::{price_path, EgressLedger, Place, Role, Step};
