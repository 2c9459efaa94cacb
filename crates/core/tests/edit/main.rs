//! Tests of `vpclab_core::edit`: every action's success and refusals, AWS's side effects,
//! deterministic ids, and random action JSON that must never panic nor half-apply.
//!
//! The estates are built with the actions themselves from an empty `Estate` (see `world.rs`),
//! which also shows that the actions compose.

mod effects;
mod props;
mod refusals;
mod teardown;
mod world;
