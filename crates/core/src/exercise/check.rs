//! The checker: one interpreter for every goal and mistake condition, run in the page after every
//! action, by `vpclab check`, and by the authoring tests.

use serde::Serialize;

use super::addresses::{self, SubnetFilter};
use super::connect::Want;
use super::ctx::CheckCtx;
use super::outcome::{lowercase_first, Outcome};
use super::predicates;
use super::schema::{Check, Condition, ExerciseDef};
use crate::cost::{estimate_with, money_text, PriceBook, Traffic};
use crate::model::Estate;
use crate::reach::{Topology, Trace};
use crate::validate::validate;

/// The answer of [`check`]: every goal with its result, and the feedback of each known mistake
/// the estate shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    /// The exercise's id.
    pub exercise: String,
    /// Every goal passed.
    pub passed: bool,
    /// One result per goal, in the exercise's order.
    pub goals: Vec<GoalResult>,
    /// The known mistakes whose condition holds, in the exercise's order.
    pub feedback: Vec<Feedback>,
}

/// One goal's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoalResult {
    /// The goal's id.
    pub id: String,
    /// The goal in plain words, as the exercise states it.
    pub text: String,
    /// What the goal asks for: its check's `kind` as the exercise file spells it (see
    /// [`super::Check::kind`]). `reachable` wants the connection to work, `unreachable` wants it
    /// blocked; the trace alone cannot say which, as both kinds carry one.
    pub kind: String,
    pub passed: bool,
    /// One sentence: why it passes or fails; for a blocked connection, the hop where it dies.
    pub message: String,
    /// Why it fails, as a stable code: a reach code (`NO_RETURN_ROUTE` …) for a blocked
    /// connection (also when an `unreachable` goal passes: why it is blocked), `NOT_VIA` for one that works but takes another path than asked, `REACHABLE`
    /// for one that should not work, the first validation error's code, `OVER_BUDGET`, or
    /// `BAD_QUERY` for a connection that cannot be asked about. Absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The resource to look at (where the packet dies, the route table at fault …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    /// For `reachable` / `unreachable` goals: the trace, forward and return.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trace: Option<Trace>,
}

/// A known mistake's feedback.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Feedback {
    /// The mistake's id.
    pub mistake: String,
    /// What went wrong, as the exercise words it.
    pub feedback: String,
}

/// Checks `estate` against every goal of `def`, then every known mistake's condition.
///
/// # Examples
/// ```
/// use vpclab_core::exercise::{catalog, check};
/// let def = catalog().unwrap().get("peer-default-vpc").unwrap();
/// let start = def.start_estate().unwrap();
/// let verdict = check(def, &start);
/// assert!(!verdict.passed);
/// assert!(verdict.goals.iter().any(|g| g.code.as_deref() == Some("NO_ROUTE")));
/// ```
pub fn check(def: &ExerciseDef, estate: &Estate) -> Verdict {
    let ctx = CheckCtx::new(estate);
    let goals: Vec<GoalResult> = def
        .goals
        .iter()
        .map(|g| {
            let o = ctx.evaluate(&g.check);
            GoalResult {
                id: g.id.clone(),
                text: g.text.clone(),
                kind: g.check.kind().to_string(),
                passed: o.passed,
                // Names first, whatever the check: `Public (rtb-0…)`, `App (vpc-0…)`.
                message: crate::reach::with_names(estate, &o.message),
                code: o.code,
                at: o.at,
                trace: o.trace,
            }
        })
        .collect();
    let feedback = def
        .mistakes
        .iter()
        .filter(|m| ctx.holds(&m.when, &goals))
        .map(|m| Feedback {
            mistake: m.id.clone(),
            feedback: m.feedback.clone(),
        })
        .collect();
    Verdict {
        exercise: def.id.clone(),
        passed: goals.iter().all(|g| g.passed),
        goals,
        feedback,
    }
}

impl CheckCtx<'_> {
    fn holds(&self, c: &Condition, goals: &[GoalResult]) -> bool {
        match c {
            Condition::GoalFails { goal, code, at } => goals.iter().any(|g| {
                &g.id == goal
                    && !g.passed
                    && code.as_ref().is_none_or(|c| g.code.as_ref() == Some(c))
                    && at.as_ref().is_none_or(|a| g.at.as_ref() == Some(a))
            }),
            Condition::GoalPasses(goal) => goals.iter().any(|g| &g.id == goal && g.passed),
            Condition::Holds(check) => self.evaluate(check).passed,
            Condition::All(list) => list.iter().all(|c| self.holds(c, goals)),
            Condition::Any(list) => list.iter().any(|c| self.holds(c, goals)),
            Condition::Not(inner) => !self.holds(inner, goals),
        }
    }

    fn evaluate(&self, check: &Check) -> Outcome {
        let e = self.estate;
        match check {
            Check::Reachable {
                from,
                to,
                protocol,
                port,
                ipv6,
                via,
            } => self.reach(from, to, protocol, *port, *ipv6, Want::Reach { via }),
            Check::Unreachable {
                from,
                to,
                protocol,
                port,
                ipv6,
                code,
            } => self.reach(
                from,
                to,
                protocol,
                *port,
                *ipv6,
                Want::Blocked {
                    code: code.as_deref(),
                },
            ),
            Check::ValidateClean { include_warnings } => validate_clean(e, *include_warnings),
            Check::MonthlyCostBelow { usd, traffic } => {
                cost_below(e, self.topology(), *usd, &super::traffic::resolved(self, traffic))
            }
            Check::MaxRoutes { route_table, vpc, n } => {
                predicates::max_routes(e, route_table.as_deref(), vpc.as_deref(), *n)
            }
            Check::VpcCidr {
                vpc,
                min_prefix,
                max_prefix,
                within,
                disjoint_from,
            } => addresses::vpc_cidr(
                e,
                vpc.as_deref(),
                (*min_prefix, *max_prefix),
                within,
                disjoint_from,
            ),
            Check::Subnets {
                vpc,
                public,
                name_prefix,
                min_prefix,
                max_prefix,
                min_hosts,
                count,
                azs,
            } => addresses::subnets(
                e,
                vpc.as_deref(),
                &SubnetFilter {
                    public: *public,
                    name_prefix: name_prefix.as_deref(),
                    min_prefix: *min_prefix,
                    max_prefix: *max_prefix,
                    min_hosts: *min_hosts,
                },
                *count,
                *azs,
            ),
            Check::SmallestSubnet { vpc, name, hosts } => {
                addresses::smallest_subnet(e, vpc.as_deref(), name.as_deref(), *hosts)
            }
            Check::ResourceCount {
                resource,
                vpc,
                account,
                min,
                max,
            } => predicates::resource_count(e, *resource, (vpc.as_deref(), account.as_deref()), (*min, *max)),
            Check::Peering { between, status } => predicates::peering(e, between, status),
            Check::VpcMesh { vpcs } => self.mesh(vpcs),
            Check::Route(m) => predicates::route(e, m, true),
            Check::NoRoute(m) => predicates::route(e, m, false),
        }
    }
}

fn validate_clean(e: &Estate, include_warnings: bool) -> Outcome {
    let d = validate(e);
    let first = d.errors.first().map(|x| (x, "error")).or_else(|| {
        d.warnings
            .first()
            .filter(|_| include_warnings)
            .map(|x| (x, "warning"))
    });
    match first {
        None if d.warnings.is_empty() || !include_warnings => Outcome::pass(if d.warnings.is_empty() {
            "AWS would accept this estate: no validation errors".to_string()
        } else {
            format!(
                "AWS would accept this estate: no validation errors ({} warning{})",
                d.warnings.len(),
                if d.warnings.len() == 1 { "" } else { "s" }
            )
        }),
        None => Outcome::pass("AWS would accept this estate"),
        Some((x, kind)) => {
            let n = if kind == "error" {
                d.errors.len()
            } else {
                d.warnings.len()
            };
            Outcome::fail(format!(
                "{n} validation {kind}{}, the first at {}: {} ({})",
                if n == 1 { "" } else { "s" },
                x.resource,
                lowercase_first(x.message.trim_end_matches('.')),
                x.code
            ))
            .coded(x.code, Some(x.resource.clone()))
        }
    }
}

fn cost_below(e: &Estate, topology: &Topology, usd: f64, traffic: &Traffic) -> Outcome {
    let report = match PriceBook::for_estate(e, None)
        .map_err(|x| x.to_string())
        .and_then(|book| estimate_with(e, topology, traffic, &book).map_err(|x| x.to_string()))
    {
        Ok(r) => r,
        Err(m) => return Outcome::fail(format!("the estate cannot be priced: {m}")),
    };
    if let Some(u) = report.unreachable.first() {
        return Outcome::fail(format!(
            "the flow {} → {} cannot be set up ({} at {}), so this design does not carry its traffic",
            u.from,
            u.to,
            u.code,
            u.at.as_deref().unwrap_or("its source")
        ))
        .coded(&u.code, u.at.clone());
    }
    let total = money_text(report.monthly_usd);
    if report.monthly_usd < usd {
        return Outcome::pass(format!(
            "{total} a month under this traffic, below the {} budget",
            money_text(usd)
        ));
    }
    let largest = report
        .items
        .iter()
        .max_by(|a, b| a.usd.total_cmp(&b.usd))
        .map(|i| {
            format!(
                "; the largest item is {} at {} ({})",
                i.resource,
                money_text(i.usd),
                i.kind.as_str().replace('_', " ")
            )
        })
        .unwrap_or_default();
    Outcome::fail(format!(
        "{total} a month under this traffic, over the {} budget{largest}",
        money_text(usd)
    ))
    .coded(
        "OVER_BUDGET",
        report
            .items
            .iter()
            .max_by(|a, b| a.usd.total_cmp(&b.usd))
            .map(|i| i.resource.clone()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_goal_result_says_its_kind_as_the_exercise_file_spells_it() {
        let mut kinds = std::collections::BTreeSet::new();
        for def in crate::exercise::catalog().unwrap().exercises() {
            let start = def.start_estate().unwrap();
            let verdict = check(def, &start);
            for (goal, result) in def.goals.iter().zip(&verdict.goals) {
                let tag = serde_json::to_value(&goal.check).unwrap()["kind"].clone();
                assert_eq!(result.kind, tag.as_str().unwrap(), "{} {}", def.id, goal.id);
                // Only connection goals carry a trace (not always: an end that does not exist yet
                // gives none), and the kind says which way they want it.
                let connection = result.kind == "reachable" || result.kind == "unreachable";
                assert!(connection || result.trace.is_none(), "{} {}", def.id, goal.id);
                let json = serde_json::to_value(result).unwrap();
                assert_eq!(json["kind"], tag, "{} {}", def.id, goal.id);
                kinds.insert(result.kind.clone());
            }
        }
        // The catalog asks both ways, so a page cannot tell them apart by the trace alone.
        assert!(
            kinds.contains("reachable") && kinds.contains("unreachable"),
            "{kinds:?}"
        );
    }
}
