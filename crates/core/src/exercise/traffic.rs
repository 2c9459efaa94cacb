//! The traffic an exercise is priced under: the one definition its cost goal checks and the cost
//! panel shows first, so that the panel's total and the goal's never disagree.

use serde::Serialize;

use super::ctx::CheckCtx;
use super::schema::{Check, ExerciseDef};
use crate::cost::{Flow, Traffic};
use crate::model::Estate;

/// GB a month given to each connection a goal asks for, when the exercise has no cost goal: a
/// round figure for the learner to change.
pub const GOAL_FLOW_GB: f64 = 100.0;

/// The traffic an exercise's cost panel starts from, and where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExerciseTraffic {
    /// The flows, their ends resolved as the checker resolves them (an instance's `Name` tag
    /// becomes its id).
    pub traffic: Traffic,
    /// `cost_goal`: the traffic of the goal `goal` (its monthly budget is checked against exactly
    /// this); `goals`: the connections the `reachable` goals ask for, at [`GOAL_FLOW_GB`] each.
    pub from: &'static str,
    /// The cost goal's id, for `cost_goal`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goal: Option<String>,
    /// The cost goal's text, for `cost_goal`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goal_text: Option<String>,
}

/// `traffic` with each end resolved against `estate`: an end naming exactly one instance by its
/// `Name` tag becomes that instance's id; ids, addresses and service names stay as they are.
pub(super) fn resolved(ctx: &CheckCtx<'_>, traffic: &Traffic) -> Traffic {
    let mut named = traffic.clone();
    for f in &mut named.flows {
        f.from = ctx.end(&f.from);
        f.to = ctx.end(&f.to);
    }
    named
}

/// The traffic the cost panel of `def` starts from on `estate`: the first `monthly_cost_below`
/// goal's traffic (what that goal prices), else one flow per `reachable` goal.
///
/// # Examples
/// ```
/// use vpclab_core::exercise::{catalog, exercise_traffic};
/// let def = catalog().unwrap().get("sns-interface-endpoint").unwrap();
/// let t = exercise_traffic(def, &def.start_estate().unwrap());
/// assert_eq!((t.from, t.goal.as_deref()), ("cost_goal", Some("budget")));
/// assert_eq!(t.traffic.flows.iter().map(|f| f.gb_per_month).sum::<f64>(), 300.0);
/// // An exercise without a cost goal prices the connections its goals ask for.
/// let def = catalog().unwrap().get("peer-default-vpc").unwrap();
/// let t = exercise_traffic(def, &def.start_estate().unwrap());
/// assert_eq!(t.from, "goals");
/// assert!(t.traffic.flows.iter().all(|f| f.port.is_some()));
/// ```
pub fn exercise_traffic(def: &ExerciseDef, estate: &Estate) -> ExerciseTraffic {
    let ctx = CheckCtx::new(estate);
    let cost_goal = def.goals.iter().find_map(|g| match &g.check {
        Check::MonthlyCostBelow { traffic, .. } => Some((g, traffic)),
        _ => None,
    });
    if let Some((goal, traffic)) = cost_goal {
        return ExerciseTraffic {
            traffic: resolved(&ctx, traffic),
            from: "cost_goal",
            goal: Some(goal.id.clone()),
            goal_text: Some(goal.text.clone()),
        };
    }
    let flows = def
        .goals
        .iter()
        .filter_map(|g| match &g.check {
            Check::Reachable {
                from,
                to,
                protocol,
                port,
                ..
            } => Some(Flow {
                protocol: Some(protocol.clone()),
                port: *port,
                ..Flow::new(&ctx.end(from), &ctx.end(to), GOAL_FLOW_GB)
            }),
            _ => None,
        })
        .collect();
    ExerciseTraffic {
        traffic: Traffic { flows },
        from: "goals",
        goal: None,
        goal_text: None,
    }
}
