//! Saved work: a versioned, serialisable state for localStorage and share links. It holds the
//! exercise id (or, in the sandbox, the start as AWS CLI JSON documents) and the action log;
//! restoring replays the log, which gives the same estate because new ids are deterministic.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::Workspace;
use crate::aws::export;
use crate::edit::Action;

/// The `format` every saved state carries.
pub const SAVE_FORMAT: &str = "vpclab-workspace";
/// The version of the saved-state format this build writes and reads.
pub const SAVE_VERSION: u32 = 1;

/// A saved workspace.
///
/// ```json
/// {"format": "vpclab-workspace", "version": 1, "exercise": "peer-default-vpc",
///  "actions": [{"action": "request_peering", "vpc": "vpc-0de9…", "peer_vpc": "vpc-06ea…"}]}
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
    /// The state to save: the exercise id (or the sandbox's start documents) and the action log.
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
        for (i, action) in saved.actions.iter().enumerate() {
            w.apply(action.clone()).map_err(|e| {
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
