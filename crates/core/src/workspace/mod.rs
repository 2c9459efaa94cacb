//! What a page session owns, in plain Rust (the wasm `Session` only adapts it): an exercise or a
//! sandbox, the start and current estates, the log of actions with undo and redo, and the
//! questions asked of the current estate (check, trace, validate, cost, export, [`view`]).
//!
//! Every change goes through [`Workspace::apply`], which refuses an action the exercise does not
//! offer (`UnauthorizedOperation`) or that AWS would refuse (the [`crate::edit`] error), and
//! leaves everything unchanged when it refuses. Because new ids are deterministic, the log alone
//! reproduces the estate: that is what [`Workspace::save`] keeps and [`Workspace::restore`]
//! replays.

mod draw;
mod draw_hybrid;
mod indexed;
mod save;
pub mod view;

use serde_json::Value;

use crate::aws::{export, import_documents, ImportError};
use crate::cost::{estimate_with, CostError, CostReport, PriceBook, PriceTable, Traffic};
use crate::edit::{apply, Action, Applied, EditError};
use crate::exercise::{check, lookup, ExerciseDef, ExerciseError, Verdict};
use crate::model::Estate;
use crate::reach::{Query, ReachError, Topology, Trace};
use crate::validate::{validate, Diagnostics};
use indexed::Indexed;

pub use save::{HowReached, RestoreError, SavedState, SAVE_FORMAT, SAVE_VERSION};
pub use view::View;

/// Who applied an action: the learner through a form, or the page playing the exercise's
/// reference solution ("Play the next step"). A hand-in records it (see [`HowReached`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Source {
    #[default]
    Learner,
    Solution,
}

/// One action of the log, with the line it left in the history.
#[derive(Debug, Clone, PartialEq)]
struct Done {
    action: Action,
    description: String,
    /// The estate before the action, for undo.
    before: Estate,
    source: Source,
}

/// What redo applies again: an undone action, or a reset that was undone.
#[derive(Debug, Clone, PartialEq)]
enum Redo {
    Action(Box<Action>, Source),
    Reset,
}

/// The log a reset set aside, so that undo can bring it back.
#[derive(Debug, Clone, PartialEq)]
struct ResetPoint {
    done: Vec<Done>,
    estate: Estate,
}

/// An exercise being played, or a sandbox.
#[derive(Debug, Clone, PartialEq)]
pub struct Workspace {
    exercise: Option<ExerciseDef>,
    start: Estate,
    /// The current estate, with its reach topology kept until the estate changes.
    current: Indexed,
    done: Vec<Done>,
    /// What redo applies again, the most recently undone last.
    undone: Vec<Redo>,
    /// The logs set aside by resets, the latest last: undo with an empty log brings the latest
    /// back.
    resets: Vec<ResetPoint>,
    /// Hints opened, solution revealed, opened from a share link (the actions played from the
    /// solution are marked in `done`).
    noted: save::Noted,
}

impl Default for Workspace {
    fn default() -> Self {
        Workspace::sandbox(Estate::default())
    }
}

impl Workspace {
    /// A sandbox (no exercise, every action allowed) starting from `start`.
    pub fn sandbox(start: Estate) -> Workspace {
        Workspace {
            exercise: None,
            current: Indexed::new(start.clone()),
            start,
            done: Vec::new(),
            undone: Vec::new(),
            resets: Vec::new(),
            noted: save::Noted::default(),
        }
    }

    /// A sandbox starting from AWS CLI JSON documents, as [`import_documents`] reads them.
    pub fn from_documents(docs: &[(String, Value)]) -> Result<Workspace, ImportError> {
        Ok(Workspace::sandbox(import_documents(docs)?))
    }

    /// Plays `def` from its start.
    pub fn for_exercise(def: ExerciseDef) -> Result<Workspace, ExerciseError> {
        let start = def.start_estate()?;
        let mut w = Workspace::sandbox(start);
        w.exercise = Some(def);
        Ok(w)
    }

    /// Plays exercise `id` from its start: one registered (`exercise::register`), else a built-in
    /// one.
    ///
    /// # Examples
    /// ```
    /// use vpclab_core::workspace::Workspace;
    /// let w = Workspace::load_exercise("peer-default-vpc").unwrap();
    /// assert!(!w.check().unwrap().passed);
    /// assert!(Workspace::load_exercise("nope").unwrap_err().problem.contains("no such exercise"));
    /// ```
    pub fn load_exercise(id: &str) -> Result<Workspace, ExerciseError> {
        Workspace::for_exercise(lookup(id)?)
    }

    /// The exercise being played; `None` in the sandbox.
    pub fn exercise(&self) -> Option<&ExerciseDef> {
        self.exercise.as_ref()
    }

    /// The estate as it is now.
    pub fn estate(&self) -> &Estate {
        &self.current
    }

    /// The estate at the start.
    pub fn start(&self) -> &Estate {
        &self.start
    }

    /// The actions applied since the start, in order.
    pub fn actions(&self) -> Vec<&Action> {
        self.done.iter().map(|d| &d.action).collect()
    }

    /// One line per action applied, in order (what [`Applied::description`] said).
    pub fn history(&self) -> Vec<&str> {
        self.done.iter().map(|d| d.description.as_str()).collect()
    }

    /// Whether undo can act: an action to take back, or a reset to take back.
    pub fn can_undo(&self) -> bool {
        !self.done.is_empty() || !self.resets.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.undone.is_empty()
    }

    /// Applies `action` to the current estate. Refused, with nothing changed, when the exercise
    /// does not offer the action (`UnauthorizedOperation`) or when AWS would refuse it. A new
    /// action clears what could be redone.
    ///
    /// # Examples
    /// ```
    /// use vpclab_core::workspace::Workspace;
    /// let mut w = Workspace::load_exercise("peer-default-vpc").unwrap();
    /// let vpc = serde_json::from_str(r#"{"action": "create_vpc", "cidr": "10.2.0.0/16"}"#).unwrap();
    /// let err = w.apply(vpc).unwrap_err();
    /// assert_eq!(err.code, "UnauthorizedOperation");
    /// assert!(w.actions().is_empty());
    /// ```
    pub fn apply(&mut self, action: Action) -> Result<Applied, EditError> {
        self.apply_from(action, Source::Learner)
    }

    /// [`Workspace::apply`], saying who applied the action (a hand-in records the actions played
    /// from the reference solution).
    pub fn apply_from(&mut self, action: Action, source: Source) -> Result<Applied, EditError> {
        if let Some(def) = &self.exercise {
            if !def.allows(&action) {
                return Err(EditError::new(
                    "UnauthorizedOperation",
                    format!(
                        "this exercise does not offer {}: the actions here are {}",
                        action.name(),
                        def.allowed_actions.join(", ")
                    ),
                ));
            }
        }
        let before = Estate::clone(&self.current);
        let applied = apply(&mut self.current, &action)?;
        self.done.push(Done {
            action,
            description: applied.description.clone(),
            before,
            source,
        });
        self.undone.clear();
        Ok(applied)
    }

    /// Takes back the last action, or, when the log is empty after a reset, the reset (the log
    /// before it comes back). Returns the action taken back (`None` for a reset or when there is
    /// nothing to undo).
    pub fn undo(&mut self) -> Option<Action> {
        let Some(last) = self.done.pop() else {
            let point = self.resets.pop()?;
            self.current.replace(point.estate);
            self.done = point.done;
            self.undone.push(Redo::Reset);
            return None;
        };
        self.current.replace(last.before);
        self.undone
            .push(Redo::Action(Box::new(last.action.clone()), last.source));
        Some(last.action)
    }

    /// Applies the last undone action again (or resets again, if a reset was undone); `Ok(None)`
    /// when there is nothing to redo or a reset was redone.
    pub fn redo(&mut self) -> Result<Option<Applied>, EditError> {
        let Some(next) = self.undone.pop() else {
            return Ok(None);
        };
        let keep = std::mem::take(&mut self.undone);
        let (action, source) = match next {
            Redo::Reset => {
                self.set_aside_and_restart();
                self.undone = keep;
                return Ok(None);
            }
            Redo::Action(action, source) => (*action, source),
        };
        let result = self.apply_from(action.clone(), source);
        self.undone = keep;
        match result {
            Ok(applied) => Ok(Some(applied)),
            Err(e) => {
                self.undone.push(Redo::Action(Box::new(action), source));
                Err(e)
            }
        }
    }

    /// Back to the start. The log is set aside, not lost: undo brings it back (a new action
    /// after the reset is undone first). Nothing to redo afterwards; hints opened and a solution
    /// revealed stay recorded.
    ///
    /// # Examples
    /// ```
    /// use vpclab_core::workspace::Workspace;
    /// let mut w = Workspace::load_exercise("peer-default-vpc").unwrap();
    /// let step = w.exercise().unwrap().solution[0].clone();
    /// w.apply(step).unwrap();
    /// w.reset();
    /// assert!(w.actions().is_empty() && w.can_undo());
    /// w.undo();
    /// assert_eq!(w.actions().len(), 1);
    /// ```
    pub fn reset(&mut self) {
        self.set_aside_and_restart();
        self.undone.clear();
    }

    fn set_aside_and_restart(&mut self) {
        if self.done.is_empty() {
            return;
        }
        let estate = Estate::clone(&self.current);
        self.current.replace(self.start.clone());
        self.resets.push(ResetPoint {
            done: std::mem::take(&mut self.done),
            estate,
        });
    }

    /// The exercise's verdict on the current estate; `None` in the sandbox.
    pub fn check(&self) -> Option<Verdict> {
        self.exercise.as_ref().map(|def| check(def, &self.current))
    }

    /// The hints of the exercise, in order (none in the sandbox).
    pub fn hints(&self) -> &[String] {
        self.exercise.as_ref().map_or(&[], |d| &d.hints)
    }

    /// The reach topology of the current estate: built on the first question after a change
    /// (an action, undo, redo, reset) and kept for the questions after it, so a trace costs the
    /// trace alone, not a rebuild of the index.
    pub fn topology(&self) -> &Topology<'_> {
        self.current.topology()
    }

    /// Traces a connection in the current estate (on the kept [`Workspace::topology`]).
    pub fn trace(&self, query: &Query) -> Result<Trace, ReachError> {
        self.current.topology().trace(query)
    }

    /// What AWS would refuse in the current estate.
    pub fn validate(&self) -> Diagnostics {
        validate(&self.current)
    }

    /// The monthly estimate of the current estate under `traffic`, at the shipped prices of its
    /// regions or at `prices` for all of them (on the kept [`Workspace::topology`]).
    pub fn cost(&self, traffic: &Traffic, prices: Option<PriceTable>) -> Result<CostReport, CostError> {
        let book = PriceBook::for_estate(&self.current, prices)?;
        estimate_with(&self.current, self.current.topology(), traffic, &book)
    }

    /// The current estate as AWS CLI JSON documents, one per account and region.
    pub fn export(&self) -> Vec<Value> {
        export(&self.current)
    }

    /// What the page draws: the current estate, nested by account, region, VPC and AZ.
    pub fn view(&self) -> View {
        draw::build(self)
    }
}

#[cfg(test)]
mod tests;
