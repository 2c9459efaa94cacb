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
//! - [`CostReport`]: the answer, every item with its arithmetic and its payer; [`compare`]: two
//!   designs side by side.

mod book;
mod compare;
mod estimate;
mod hourly;
mod path;
mod prices;
mod report;
mod traffic;
mod transfer;

pub use book::PriceBook;
pub use compare::*;
pub use estimate::{estimate, estimate_with, query_of, CostError, DEFAULT_PORT};
pub use hourly::hourly_items;
pub use prices::*;
pub use report::*;
pub use traffic::*;
pub use transfer::{price_path, EgressLedger, Place, Role, Step};
