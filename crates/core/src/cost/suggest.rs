//! The traffic a cost panel starts from when no exercise says what the design carries (the
//! sandbox): a flow between the first two instances, and one to a service the estate has an
//! endpoint for, each on a port the design lets through, for the learner to edit.

use crate::model::Estate;
use crate::reach::Topology;

use super::estimate::query_of;
use super::names::INTERNET_ADDRESS;
use super::traffic::{Flow, Traffic};

/// GB a month of each suggested flow: a round figure to start from.
pub const SUGGESTED_GB: f64 = 100.0;

/// TCP ports tried, in order, for a suggested flow: the first the design lets through is kept
/// (HTTPS when none is), so that a design that allows only SSH is priced on port 22.
pub const COMMON_PORTS: [u16; 8] = [443, 80, 22, 3389, 5432, 3306, 8080, 53];

/// A TCP flow from `from` to `to` on the first of [`COMMON_PORTS`] that gets through (443 when
/// none does).
pub fn flow_on_open_port(topology: &Topology, from: &str, to: &str, gb: f64) -> Flow {
    let port = COMMON_PORTS
        .iter()
        .copied()
        .find(|&port| {
            let flow = Flow {
                protocol: Some("tcp".into()),
                port: Some(port),
                ..Flow::new(from, to, gb)
            };
            topology.trace(&query_of(&flow)).is_ok_and(|t| t.reachable)
        })
        .unwrap_or(COMMON_PORTS[0]);
    Flow {
        protocol: Some("tcp".into()),
        port: Some(port),
        ..Flow::new(from, to, gb)
    }
}

/// The sandbox's first traffic: the first instance to the second, and the last instance to the
/// service of the estate's first interface or gateway endpoint; a lone instance to the internet;
/// none for an estate with no instance.
///
/// # Examples
/// ```
/// use vpclab_core::cost::suggested_traffic;
/// use vpclab_core::reach::Topology;
/// let e = vpclab_core::model::Estate::default();
/// assert!(suggested_traffic(&e, &Topology::build(&e)).flows.is_empty());
/// ```
pub fn suggested_traffic(estate: &Estate, topology: &Topology) -> Traffic {
    let instances: Vec<&str> = estate.instances.keys().map(|i| i.as_str()).collect();
    let mut flows = Vec::new();
    if let [first, second, ..] = instances[..] {
        flows.push(flow_on_open_port(topology, first, second, SUGGESTED_GB));
    }
    let service = estate
        .endpoints
        .values()
        .find_map(|v| v.service_name.splitn(4, '.').nth(3));
    if let (Some(last), Some(service)) = (instances.last(), service) {
        flows.push(flow_on_open_port(topology, last, service, SUGGESTED_GB));
    }
    if let ([only], true) = (&instances[..], flows.is_empty()) {
        flows.push(flow_on_open_port(topology, only, INTERNET_ADDRESS, SUGGESTED_GB));
    }
    Traffic { flows }
}
