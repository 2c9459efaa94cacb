//! The last step of every trace: sentences spoken with names first (`Default (rtb-…)`), and the
//! blocked reason given its headline and, as data, the route or rule at fault.

use super::names::{label, name_of, with_names};
use super::topology::Topology;
use super::trace::{Hop, Trace};

impl Topology<'_> {
    /// `trace` with every hop's sentence naming named resources `Name (id)`, and its blocked
    /// reason (if any) completed: `at_name`, the `route` or `rule` of the failing hop, and the
    /// `headline`.
    pub(super) fn explained(&self, mut trace: Trace) -> Trace {
        let e = self.estate;
        trace.from.label = label(e, &trace.from.id);
        trace.to.label = label(e, &trace.to.id);
        for hop in trace
            .forward
            .hops
            .iter_mut()
            .chain(trace.return_path.hops.iter_mut())
        {
            hop.message = with_names(e, &hop.message);
        }
        let failing: Option<Hop> = if trace.forward.reached {
            trace.return_path.hops.last().cloned()
        } else {
            trace.forward.hops.last().cloned()
        };
        if let Some(b) = trace.blocked.as_mut() {
            b.message = with_names(e, &b.message);
            b.at_name = name_of(e, &b.at).map(String::from);
            if let Some(hop) = failing {
                if let (Some(m), Some(t)) = (&hop.matched, &hop.target) {
                    b.route = Some(format!("{m} → {t}"));
                }
                b.rule = hop.rule;
            }
            b.headline = format!("{}: {}.", b.code.title(), b.message.trim_end_matches('.'));
        }
        trace
    }
}
