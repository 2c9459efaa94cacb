//! Reachability scenarios, written as AWS CLI JSON documents (the format exercises use), one
//! test per rule of AWS-FACTS.md that concerns reachability and per configuration of the AWS
//! peering and transit gateway guides, plus traces over the Batfish fixtures.

mod batfish;
#[path = "../batfish_support/mod.rs"]
mod batfish_support;
mod common;
mod filters;
mod gateways;
mod ipv6;
mod matrix;
mod onprem;
mod peering;
mod routes;
mod sharing;
mod tgw;
