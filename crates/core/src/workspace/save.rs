//! Saved work: a versioned, serialisable state for localStorage and share links. It holds the
//! exercise id (or, in the sandbox, the start as AWS CLI JSON documents) and the action log;
//! restoring replays the log, which gives the same estate because new ids are deterministic.
//! Since version 2 it also records how the work was reached ([`HowReached`]): which actions were
//! played from the reference solution, hints opened, solution revealed, opened from a share link.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{Source, Workspace};
use crate::aws::export;
use crate::edit::Action;

/// The `format` every saved state carries.
pub const SAVE_FORMAT: &str = "vpclab-workspace";
/// The version of the saved-state format this build writes; it reads this one and every earlier
/// one. Version 2 added `how`; a version-1 state has none ("not recorded").
pub const SAVE_VERSION: u32 = 2;

/// A saved workspace.
///
/// ```json
/// {"format": "vpclab-workspace", "version": 2, "exercise": "peer-default-vpc",
///  "actions": [{"action": "request_peering", "vpc": "vpc-0de9…", "peer_vpc": "vpc-06ea…"}],
///  "how": {"hints_opened": 1, "solution_revealed": true, "solution_played": [0]}}
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedState {
    /// Always [`SAVE_FORMAT`], so that a stray JSON file is recognised as not one of ours.
    pub format: String,
    /// [`SAVE_VERSION`] when written; a newer version is refused with a clear message.
    pub version: u32,
    /// The exercise played; absent in the sandbox.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exercise: Option<String>,
    /// The sandbox's start, as AWS CLI JSON documents (an array); absent for an exercise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documents: Option<Value>,
    /// The actions applied since the start, in order.
    pub actions: Vec<Action>,
    /// How the work was reached (version 2 on); absent in a version-1 state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub how: Option<HowReached>,
}

/// How saved work was reached, as the page saw it: for a teacher reading a hand-in. It is what
/// the page recorded, not a proof: the file is plain JSON a learner can edit (docs/teaching.md).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HowReached {
    /// How many of the exercise's hints were opened (the most shown at once; never goes down).
    #[serde(default)]
    pub hints_opened: u32,
    /// Whether the reference solution was shown (never goes back to false, even after a reset).
    #[serde(default)]
    pub solution_revealed: bool,
    /// The positions in `actions` (from 0) that the page played from the reference solution
    /// ("Play the next step", "Play all steps"); the others were the learner's own forms.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub solution_played: Vec<usize>,
    /// Whether the work came in through a share link (someone's work, opened in this browser).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub from_share_link: bool,
}

impl HowReached {
    /// In words, for a teacher, given how many actions the work has: `own actions only`, or the
    /// parts that apply, `;`-separated.
    ///
    /// # Examples
    /// ```
    /// use vpclab_core::workspace::HowReached;
    /// assert_eq!(HowReached::default().describe(3), "own actions only");
    /// let how = HowReached { hints_opened: 2, solution_revealed: true, solution_played: vec![0, 1], from_share_link: false };
    /// assert_eq!(how.describe(3), "2 hints opened; solution revealed; 2 of 3 actions played from the solution");
    /// ```
    pub fn describe(&self, actions: usize) -> String {
        let mut parts = Vec::new();
        if self.from_share_link {
            parts.push("opened from a share link".to_string());
        }
        match self.hints_opened {
            0 => {}
            1 => parts.push("1 hint opened".to_string()),
            n => parts.push(format!("{n} hints opened")),
        }
        if self.solution_revealed {
            parts.push("solution revealed".to_string());
        }
        if !self.solution_played.is_empty() {
            parts.push(format!(
                "{} of {actions} action{} played from the solution",
                self.solution_played.len(),
                if actions == 1 { "" } else { "s" }
            ));
        }
        if parts.is_empty() {
            "own actions only".to_string()
        } else {
            parts.join("; ")
        }
    }
}

/// What the page noted besides the actions (the actions played from the solution are marked in
/// the log itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Noted {
    hints_opened: u32,
    solution_revealed: bool,
    from_share_link: bool,
}

/// Why a saved state cannot be restored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreError {
    /// What is wrong, and what would be valid.
    pub message: String,
}

impl RestoreError {
    fn new(message: impl Into<String>) -> RestoreError {
        RestoreError {
            message: message.into(),
        }
    }
}

impl fmt::Display for RestoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "saved state: {}", self.message)
    }
}

impl std::error::Error for RestoreError {}

/// When the error at `path` is inside `$.actions[i]`: that action's problem as
/// [`Action::from_json`] words it (naming the action and the field), at `$.actions[i]`.
fn action_problem(text: &str, path: &str) -> Option<String> {
    let rest = path.strip_prefix("$.actions[")?;
    let i: usize = rest.split(']').next()?.parse().ok()?;
    let value: Value = serde_json::from_str(text).ok()?;
    let action = value.get("actions")?.get(i)?;
    let err = Action::from_json(action).err()?;
    Some(format!("$.actions[{i}]: {err}"))
}

impl Workspace {
    /// How the current work was reached (what [`Workspace::save`] records in `how`).
    pub fn how_reached(&self) -> HowReached {
        HowReached {
            hints_opened: self.noted.hints_opened,
            solution_revealed: self.noted.solution_revealed,
            solution_played: (self.done.iter().enumerate())
                .filter(|(_, d)| d.source == Source::Solution)
                .map(|(i, _)| i)
                .collect(),
            from_share_link: self.noted.from_share_link,
        }
    }

    /// Records that `n` hints are open (a smaller number than recorded changes nothing).
    pub fn note_hints_opened(&mut self, n: u32) {
        self.noted.hints_opened = self.noted.hints_opened.max(n);
    }

    /// Records that the reference solution was shown.
    pub fn note_solution_revealed(&mut self) {
        self.noted.solution_revealed = true;
    }

    /// Records that this work came in through a share link.
    pub fn note_from_share_link(&mut self) {
        self.noted.from_share_link = true;
    }

    /// The state to save: the exercise id (or the sandbox's start documents), the action log and
    /// how it was reached.
    pub fn save(&self) -> SavedState {
        SavedState {
            format: SAVE_FORMAT.to_string(),
            version: SAVE_VERSION,
            exercise: self.exercise.as_ref().map(|d| d.id.clone()),
            documents: match self.exercise {
                Some(_) => None,
                None => Some(Value::Array(export(&self.start))),
            },
            actions: self.done.iter().map(|d| d.action.clone()).collect(),
            how: Some(self.how_reached()),
        }
    }

    /// [`Workspace::save`] as JSON text.
    pub fn save_json(&self) -> String {
        serde_json::to_string(&self.save()).unwrap_or_default()
    }

    /// Rebuilds a workspace from a saved state: loads the exercise (or imports the documents),
    /// then replays every action. Refused, naming the action, if one is refused now (the exercise
    /// may have changed since it was saved).
    ///
    /// # Examples
    /// ```
    /// use vpclab_core::workspace::Workspace;
    /// let w = Workspace::load_exercise("not-transitive").unwrap();
    /// let again = Workspace::restore_json(&w.save_json()).unwrap();
    /// assert_eq!(again.estate(), w.estate());
    /// let err = Workspace::restore_json(r#"{"format": "vpclab-workspace", "version": 9, "actions": []}"#).unwrap_err();
    /// assert!(err.message.contains("version 9"));
    /// ```
    pub fn restore(saved: &SavedState) -> Result<Workspace, RestoreError> {
        if saved.format != SAVE_FORMAT {
            return Err(RestoreError::new(format!(
                "format '{}' is not a vpclab workspace ('{SAVE_FORMAT}')",
                saved.format
            )));
        }
        if saved.version > SAVE_VERSION {
            return Err(RestoreError::new(format!(
                "it was saved by a newer vpclab (version {}); this one reads version {SAVE_VERSION}",
                saved.version
            )));
        }
        let mut w = match (&saved.exercise, &saved.documents) {
            (Some(_), Some(_)) => {
                return Err(RestoreError::new(
                    "it names both an exercise and sandbox documents ($.exercise and $.documents); keep one",
                ))
            }
            (Some(id), None) => Workspace::load_exercise(id)
                .map_err(|e| RestoreError::new(format!("$.exercise: '{id}': {}", e.problem)))?,
            // The documents' own paths, seen from the saved state: `$.documents[0].Vpcs[2]…`.
            (None, Some(docs)) => Workspace::from_documents(&[("saved documents".to_string(), docs.clone())])
                .map_err(|e| {
                    let inner = e.json_path.strip_prefix('$').unwrap_or(&e.json_path);
                    RestoreError::new(format!("$.documents{inner}: {}", e.problem))
                })?,
            (None, None) => Workspace::default(),
        };
        let how = saved.how.clone().unwrap_or_default();
        if let Some((k, i)) =
            (how.solution_played.iter().enumerate()).find(|(_, &i)| i >= saved.actions.len())
        {
            return Err(RestoreError::new(format!(
                "$.how.solution_played[{k}]: {i} is not the position of an action (there are {}, from 0)",
                saved.actions.len()
            )));
        }
        w.noted = Noted {
            hints_opened: how.hints_opened,
            solution_revealed: how.solution_revealed,
            from_share_link: how.from_share_link,
        };
        for (i, action) in saved.actions.iter().enumerate() {
            let source = if how.solution_played.contains(&i) {
                Source::Solution
            } else {
                Source::Learner
            };
            w.apply_from(action.clone(), source).map_err(|e| {
                RestoreError::new(format!(
                    "$.actions[{i}]: action {} of {} ({}) is refused now: {e}",
                    i + 1,
                    saved.actions.len(),
                    action.name()
                ))
            })?;
        }
        Ok(w)
    }

    /// [`Workspace::restore`] from JSON text.
    pub fn restore_json(text: &str) -> Result<Workspace, RestoreError> {
        let saved: SavedState = crate::locate::from_str(text).map_err(|(path, e)| {
            if let Some(reason) = action_problem(text, &path) {
                return RestoreError::new(reason);
            }
            RestoreError::new(format!(
                "{path}: {e} (expected {{\"format\": \"{SAVE_FORMAT}\", \"version\": {SAVE_VERSION}, \"exercise\" or \"documents\", \"actions\": [...]}})"
            ))
        })?;
        Workspace::restore(&saved)
    }
}
