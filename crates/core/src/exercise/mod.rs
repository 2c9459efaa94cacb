//! Exercises as data, and the one checker that grades them.
//!
//! An exercise is a JSON file under `crates/core/exercises/` (embedded in the build, so the page
//! carries them), in the format of [`schema`]: a story, a start estate in AWS CLI JSON, the
//! actions allowed, declarative goals, ordered hints, a reference solution and known mistakes.
//! `exercises/index.json` sets the order of play, in sections.
//!
//! - [`catalog`]: the embedded exercises, parsed and [`verify`]-ed once, in index order.
//! - [`check`]: an estate against an exercise → [`Verdict`]: each goal passed or failed with a
//!   one-sentence message (for a connection, the hop where it dies and the trace), and the
//!   feedback of each known mistake whose condition holds.
//!
//! Inside, each module uses only those listed before it: `outcome` (a check's answer and its
//! sentence), `names` (resources by id or `Name` tag), `ctx` (the estate under check, its
//! topology built once); the checks `predicates`, `addresses`, `connect` (reach goals) and
//! `traffic`; then `check`, which runs them.
//!
//! Goals are about behaviour, so that every valid solution passes: what reaches what (traced by
//! [`crate::reach`]), what AWS would accept ([`crate::validate`]), what it costs
//! ([`crate::cost`]), and questions about addresses asked of the estate (a VPC CIDR of a given
//! size, subnets spread over AZs, the smallest subnet that holds N instances).
//!
//! ```json
//! {"id": "app-to-db", "text": "The app reaches the database on TCP 5432",
//!  "check": {"kind": "reachable", "from": "i-0a1b2c3d4e5f60718", "to": "i-0d4e…", "port": 5432}}
//! ```
//!
//! A mistake: `{"id": "one-side", "when": {"goal_fails": {"goal": "app-to-db", "code":
//! "NO_RETURN_ROUTE"}}, "feedback": "…", "example": [actions]}`.

mod addresses;
mod catalog;
mod check;
mod connect;
mod ctx;
mod load;
mod names;
mod outcome;
mod predicates;
mod read;
pub mod schema;
mod traffic;

pub use addresses::smallest_prefix;
pub use catalog::{catalog, lookup, register, Catalog, ExerciseSummary};
#[cfg(feature = "embedded-exercises")]
pub use catalog::{EMBEDDED_FILES, EMBEDDED_INDEX};
pub use check::{check, Feedback, GoalResult, Verdict};
pub use load::{parse, verify, ExerciseError};
pub use schema::*;
pub use traffic::{exercise_traffic, ExerciseTraffic, GOAL_FLOW_GB};
