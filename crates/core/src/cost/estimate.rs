//! The estimator: hourly items from the estate, per-GB items along each flow's traced path.

use std::fmt;

use crate::model::Estate;
use crate::reach::{Proto, Query, Topology};

use super::book::PriceBook;
use super::hourly::hourly_items;
use super::names::names_in;
use super::path::steps_of;
use super::prices::PriceError;
use super::report::{round_usd, CostReport, PricesUsed, UnpricedFlow, UnreachableFlow};
use super::traffic::{Flow, Traffic, TrafficError};
use super::transfer::{price_path, EgressLedger};

/// The port asked about when a flow names none: HTTPS, which every AWS service endpoint serves.
pub const DEFAULT_PORT: u16 = 443;

/// Why no estimate could be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CostError {
    Prices(PriceError),
    Traffic(TrafficError),
    /// A flow the reach engine cannot ask about (an unknown id, an address in no subnet …).
    Flow {
        flow: usize,
        label: String,
        message: String,
    },
}

impl fmt::Display for CostError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CostError::Prices(e) => e.fmt(f),
            CostError::Traffic(e) => e.fmt(f),
            CostError::Flow { flow, label, message } => {
                write!(f, "traffic flow {flow} (0-based, {label}): {message}")
            }
        }
    }
}

impl std::error::Error for CostError {}

impl From<PriceError> for CostError {
    fn from(e: PriceError) -> Self {
        CostError::Prices(e)
    }
}

impl From<TrafficError> for CostError {
    fn from(e: TrafficError) -> Self {
        CostError::Traffic(e)
    }
}

/// The reach question a flow asks: its protocol (TCP by default) and port (443 by default).
pub fn query_of(flow: &Flow) -> Query {
    let protocol = match flow.protocol.as_deref() {
        Some("udp") => Proto::Udp,
        Some("icmp") => Proto::Icmp,
        Some("all") => Proto::All,
        _ => Proto::Tcp,
    };
    let port = protocol.has_ports().then(|| flow.port.unwrap_or(DEFAULT_PORT));
    Query::new(&flow.from, &flow.to, protocol, port)
}

/// What `estate` costs in a month under `traffic`, at the prices of `book`.
///
/// Hourly items come from the estate alone. Each flow is traced by the reach engine
/// ([`Topology::trace`]); a flow that cannot set up its connection is listed in `unreachable`
/// with the engine's code, and not priced. A reachable flow's `gb_per_month` is priced along the
/// forward path and its `reply_gb_per_month` along the return path. Internet egress is priced
/// last, over all flows of each payer.
///
/// # Examples
/// ```
/// use vpclab_core::cost::{estimate, PriceBook, Traffic};
/// let estate = vpclab_core::model::Estate::default();
/// let book = PriceBook::for_estate(&estate, None).unwrap();
/// let report = estimate(&estate, &Traffic { flows: vec![] }, &book).unwrap();
/// assert_eq!(report.monthly_usd, 0.0);
/// let asks = Traffic::from_json(r#"{"flows":[{"from":"i-nope","to":"10.0.0.1","gb_per_month":1}]}"#).unwrap();
/// let err = estimate(&estate, &asks, &book).unwrap_err();
/// assert!(err.to_string().starts_with("traffic flow 0 (0-based, i-nope → 10.0.0.1)"));
/// ```
pub fn estimate(estate: &Estate, traffic: &Traffic, book: &PriceBook) -> Result<CostReport, CostError> {
    estimate_with(estate, &Topology::build(estate), traffic, book)
}

/// [`estimate`] on a topology already built for `estate` (the exercise checker builds one per
/// check and shares it between its goals, rather than one per goal).
///
/// # Examples
/// ```
/// use vpclab_core::cost::{estimate_with, PriceBook, Traffic};
/// use vpclab_core::reach::Topology;
/// let estate = vpclab_core::model::Estate::default();
/// let book = PriceBook::for_estate(&estate, None).unwrap();
/// let topology = Topology::build(&estate);
/// let report = estimate_with(&estate, &topology, &Traffic { flows: vec![] }, &book).unwrap();
/// assert_eq!(report.monthly_usd, 0.0);
/// ```
pub fn estimate_with(
    estate: &Estate,
    topology: &Topology,
    traffic: &Traffic,
    book: &PriceBook,
) -> Result<CostReport, CostError> {
    priced(estate, topology, traffic, book, false)
}

/// [`estimate_with`], except that a flow the reach engine cannot ask about (an end that does not
/// exist yet) is listed in the report's `unpriced` with the engine's message, and the other flows
/// are priced: the cost panel shows a learner's half-made flow next to the rest of the bill.
///
/// # Examples
/// ```
/// use vpclab_core::cost::{estimate_each, PriceBook, Traffic};
/// use vpclab_core::reach::Topology;
/// let estate = vpclab_core::model::Estate::default();
/// let book = PriceBook::for_estate(&estate, None).unwrap();
/// let asks = Traffic::from_json(r#"{"flows":[{"from":"web","to":"10.0.0.1","gb_per_month":1}]}"#).unwrap();
/// let r = estimate_each(&estate, &Topology::build(&estate), &asks, &book).unwrap();
/// assert_eq!((r.monthly_usd, r.unpriced[0].flow), (0.0, 0));
/// assert!(r.unpriced[0].message.contains("'web'"));
/// ```
pub fn estimate_each(
    estate: &Estate,
    topology: &Topology,
    traffic: &Traffic,
    book: &PriceBook,
) -> Result<CostReport, CostError> {
    priced(estate, topology, traffic, book, true)
}

fn priced(
    estate: &Estate,
    topology: &Topology,
    traffic: &Traffic,
    book: &PriceBook,
    list_unasked: bool,
) -> Result<CostReport, CostError> {
    traffic.check()?;
    let mut items = hourly_items(estate, book);
    let mut unreachable = Vec::new();
    let mut unpriced = Vec::new();
    let mut egress = EgressLedger::default();
    for (i, flow) in traffic.flows.iter().enumerate() {
        let trace = match topology.trace(&query_of(flow)) {
            Ok(trace) => trace,
            Err(e) if list_unasked => {
                unpriced.push(UnpricedFlow {
                    flow: i,
                    message: e.to_string(),
                });
                continue;
            }
            Err(e) => {
                return Err(CostError::Flow {
                    flow: i,
                    label: flow.label(),
                    message: e.to_string(),
                })
            }
        };
        if !trace.reachable {
            let blocked = trace.blocked.as_ref();
            unreachable.push(UnreachableFlow {
                flow: i,
                from: flow.from.clone(),
                to: flow.to.clone(),
                code: blocked.map_or("UNREACHABLE".to_string(), |b| b.code.as_str().to_string()),
                at: blocked.map(|b| b.at.clone()),
                message: blocked.map_or_else(
                    || "the connection cannot be set up".to_string(),
                    |b| b.message.clone(),
                ),
            });
            continue;
        }
        let service = flow.aws_service.as_deref();
        let forward = steps_of(estate, &trace, true, service);
        items.extend(price_path(&forward, flow.gb_per_month, i, book, &mut egress));
        if let Some(reply) = flow.reply_gb_per_month {
            let back = steps_of(estate, &trace, false, service);
            items.extend(price_path(&back, reply, i, book, &mut egress));
        }
    }
    items.extend(egress.items(book));
    let monthly_usd = round_usd(items.iter().map(|i| i.usd).sum());
    let mut report = CostReport {
        monthly_usd,
        items,
        unreachable,
        unpriced,
        prices: PricesUsed::of(book.primary()),
        other_prices: book.others_used(),
        names: Default::default(),
    };
    report.names = names_in(estate, &report, traffic);
    Ok(report)
}
