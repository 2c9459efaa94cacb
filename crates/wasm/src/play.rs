//! The playground's calls on [`Session`]: the exercise list, loading an exercise, console actions
//! with undo/redo/reset, the verdict after each change, the view the page draws, hints, and
//! saving/restoring work. Thin wrappers over `vpclab_core::workspace::Workspace`.
//!
//! ```js
//! const s = new Session();
//! s.addExercise(await (await fetch("pkg/exercises/peer-default-vpc.json")).text());  // {id, title}
//! s.exercises();                           // [{id, title, topic, section, section_title, number, goals, hints}]
//! const info = s.loadExercise("peer-default-vpc");  // {id, title, story, goals, hints, solution, …}
//! s.applyAction('{"action":"request_peering","vpc":"vpc-…","peer_vpc":"vpc-…"}');  // {created, description}
//! s.check();                               // {exercise, passed, goals: [{id, kind, passed, message, code?, at?, trace?}], feedback}
//! s.view();                                // {accounts: [{id, regions: [{region, vpcs: […]}]}], peerings, history, …}
//! s.undo(); s.redo(); s.reset();
//! localStorage.work = s.save();            // text; s.restore(text) brings it back
//! try { s.applyAction(bad) } catch (e) { e.code; e.message }  // "RouteAlreadyExists", "RouteAlreadyExists: …"
//! ```

use serde::Serialize;
use vpclab_core::edit::{Action, Applied, EditError};
use vpclab_core::exercise::{catalog, parse, register, ExerciseSummary, Verdict};
use vpclab_core::workspace::{HowReached, Source, View, Workspace};
use wasm_bindgen::prelude::*;

use crate::js::to_js;
use crate::session::Session;

/// What the page needs to show an exercise it has just loaded.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExerciseInfo {
    pub id: String,
    pub title: String,
    pub topic: String,
    /// Its place in the built-in list (`section`, `section_title`, `number`); absent for an
    /// exercise the page registered (the page's list, `exercises/list.json`, has it).
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub place: Option<Place>,
    pub story: String,
    /// `[{id, text}]`, in the exercise's order (the verdict says which pass).
    pub goals: Vec<GoalInfo>,
    pub hints: Vec<String>,
    pub allowed_actions: Vec<String>,
    /// The reference solution, as actions (for "reveal the solution").
    pub solution: Vec<Action>,
}

/// Where an exercise sits in the built-in list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Place {
    pub section: String,
    pub section_title: String,
    /// The position in the order of play, from 1.
    pub number: usize,
}

/// What `addExercise` registered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Added {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GoalInfo {
    pub id: String,
    pub text: String,
}

/// What `restore` brought back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Restored {
    /// The exercise id, or `None` for a sandbox.
    pub exercise: Option<String>,
    /// How many actions were replayed.
    pub actions: usize,
}

/// An action's JSON as AWS would answer a malformed request: `InvalidAction` for an unknown
/// action, `MissingParameter` / `UnknownParameter` for a missing or unexpected field,
/// `InvalidParameterValue` otherwise.
pub fn parse_action(text: &str) -> Result<Action, EditError> {
    let not_an_action = |code: &str, problem: String| {
        EditError::new(
            code,
            format!(
                "the action is not valid JSON of a console action ({problem}); expected {{\"action\": \"create_route\", …}}"
            ),
        )
    };
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| not_an_action("InvalidParameterValue", e.to_string()))?;
    Action::from_json(&value).map_err(|e| not_an_action(&e.code, e.message))
}

/// Rust-side helpers (also used by native tests).
impl Session {
    /// The built-in exercises, in order of play (an error in a build without them).
    pub fn exercise_list(&self) -> Result<Vec<ExerciseSummary>, String> {
        catalog().map(|c| c.list()).map_err(|e| e.to_string())
    }

    /// Parses and checks an exercise file's text and makes it playable by id (for every
    /// Session of this module).
    pub fn add_exercise_text(&self, text: &str) -> Result<Added, String> {
        let def = parse("exercise file", text).map_err(|e| e.to_string())?;
        let added = Added {
            id: def.id.clone(),
            title: def.title.clone(),
        };
        register(def);
        Ok(added)
    }

    /// Starts exercise `id` from its start, replacing whatever was loaded.
    pub fn load_exercise_id(&mut self, id: &str) -> Result<ExerciseInfo, String> {
        let workspace = Workspace::load_exercise(id).map_err(|e| e.to_string())?;
        let def = workspace.exercise().ok_or("no exercise loaded")?;
        let place = catalog()
            .ok()
            .and_then(|c| c.list().into_iter().find(|s| s.id == def.id))
            .map(|s| Place {
                section: s.section,
                section_title: s.section_title,
                number: s.number,
            });
        let info = ExerciseInfo {
            id: def.id.clone(),
            title: def.title.clone(),
            topic: def.topic.clone(),
            place,
            story: def.story.clone(),
            goals: def
                .goals
                .iter()
                .map(|g| GoalInfo {
                    id: g.id.clone(),
                    text: g.text.clone(),
                })
                .collect(),
            hints: def.hints.clone(),
            allowed_actions: def.allowed_actions.clone(),
            solution: def.solution.clone(),
        };
        self.workspace = workspace;
        Ok(info)
    }

    /// Applies an action given as JSON text.
    pub fn apply_action_text(&mut self, text: &str) -> Result<Applied, EditError> {
        self.workspace.apply(parse_action(text)?)
    }

    /// Applies an action given as JSON text, played from the reference solution when `source` is
    /// `"solution"` (anything else, or none, is the learner's own).
    pub fn apply_action_from(&mut self, text: &str, source: Option<&str>) -> Result<Applied, EditError> {
        let source = match source {
            Some("solution") => Source::Solution,
            _ => Source::Learner,
        };
        self.workspace.apply_from(parse_action(text)?, source)
    }

    /// The exercise's verdict; `None` in the sandbox.
    pub fn verdict(&self) -> Option<Verdict> {
        self.workspace.check()
    }

    /// The saved state as JSON text.
    pub fn save_text(&self) -> String {
        self.workspace.save_json()
    }

    /// Replaces the workspace with a saved one; on error nothing changes.
    pub fn restore_text(&mut self, text: &str) -> Result<Restored, String> {
        let w = Workspace::restore_json(text).map_err(|e| e.to_string())?;
        let restored = Restored {
            exercise: w.exercise().map(|d| d.id.clone()),
            actions: w.actions().len(),
        };
        self.workspace = w;
        Ok(restored)
    }

    /// The view of the current estate.
    pub fn view_data(&self) -> View {
        self.workspace.view()
    }
}

/// A JS `Error` whose message is AWS's `Code: message` and whose `code` property is the code.
fn aws_error(e: &EditError) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    // Setting a property on a fresh Error object cannot fail; if it did, the message still
    // carries the code.
    let _ = js_sys::Reflect::set(&err, &JsValue::from_str("code"), &JsValue::from_str(&e.code));
    err.into()
}

/// What JavaScript may call for the playground.
#[wasm_bindgen]
impl Session {
    /// `[{id, title, topic, section, section_title, number, goals, hints}]`, in order of play.
    /// The page's build carries no exercises and throws: it reads `pkg/exercises/list.json`.
    pub fn exercises(&self) -> Result<JsValue, JsError> {
        to_js(&self.exercise_list().map_err(|e| JsError::new(&e))?)
    }

    /// Registers an exercise file's text (as in `crates/core/exercises/`), checked as the CLI
    /// checks it, so `loadExercise(id)` and `restore` can play it. Returns `{id, title}`; throws
    /// an `Error` naming the JSON path and the problem.
    #[wasm_bindgen(js_name = addExercise)]
    pub fn add_exercise(&self, text: &str) -> Result<JsValue, JsError> {
        to_js(&self.add_exercise_text(text).map_err(|e| JsError::new(&e))?)
    }

    /// Starts an exercise (registered, or built in) from its start. Returns `{id, title, topic,
    /// section?, section_title?, number?, story, goals: [{id, text}], hints, allowed_actions, solution}`; throws for an
    /// unknown id (the message lists the ids there are).
    #[wasm_bindgen(js_name = loadExercise)]
    pub fn load_exercise(&mut self, id: &str) -> Result<JsValue, JsError> {
        let info = self.load_exercise_id(id).map_err(|e| JsError::new(&e))?;
        to_js(&info)
    }

    /// Applies a console action given as JSON text (`{"action": "create_route", …}`). Returns
    /// `{created: [ids], description, warning?}`. Throws an `Error` whose message is
    /// `Code: message` as AWS would answer, with the code also in its `code` property; nothing
    /// changes then.
    #[wasm_bindgen(js_name = applyAction)]
    pub fn apply_action(&mut self, json: &str) -> Result<JsValue, JsValue> {
        let applied = self.apply_action_text(json).map_err(|e| aws_error(&e))?;
        to_js(&applied).map_err(JsValue::from)
    }

    /// `applyAction` for a step of the reference solution played by the page ("Play the next
    /// step"): the same checks and answer, and the saved work records it as played (`how`).
    #[wasm_bindgen(js_name = applySolutionStep)]
    pub fn apply_solution_step(&mut self, json: &str) -> Result<JsValue, JsValue> {
        let applied = self
            .apply_action_from(json, Some("solution"))
            .map_err(|e| aws_error(&e))?;
        to_js(&applied).map_err(JsValue::from)
    }

    /// Takes back the last action, or a reset (the work before it comes back); `false` when there
    /// was nothing to undo.
    pub fn undo(&mut self) -> bool {
        let could = self.workspace.can_undo();
        self.workspace.undo();
        could
    }

    /// Applies the last undone action (or reset) again; `false` when there was nothing to redo.
    /// Throws like `applyAction` if it is refused.
    pub fn redo(&mut self) -> Result<bool, JsValue> {
        let could = self.workspace.can_redo();
        match self.workspace.redo() {
            Ok(_) => Ok(could),
            Err(e) => Err(aws_error(&e)),
        }
    }

    /// Back to the start of the exercise (or of the sandbox). Undo brings the work back.
    pub fn reset(&mut self) {
        self.workspace.reset();
    }

    /// How the work was reached: `{hints_opened, solution_revealed, solution_played?: [i],
    /// from_share_link?}` (what `save` records in `how`).
    #[wasm_bindgen(js_name = howReached)]
    pub fn how_reached(&self) -> Result<JsValue, JsError> {
        let how: HowReached = self.workspace.how_reached();
        to_js(&how)
    }

    /// Records that `n` hints are open (never lowers the count).
    #[wasm_bindgen(js_name = noteHintsOpened)]
    pub fn note_hints_opened(&mut self, n: u32) {
        self.workspace.note_hints_opened(n);
    }

    /// Records that the reference solution was shown.
    #[wasm_bindgen(js_name = noteSolutionRevealed)]
    pub fn note_solution_revealed(&mut self) {
        self.workspace.note_solution_revealed();
    }

    /// Records that the work came in through a share link.
    #[wasm_bindgen(js_name = noteFromShareLink)]
    pub fn note_from_share_link(&mut self) {
        self.workspace.note_from_share_link();
    }

    /// The verdict on the current estate: `{exercise, passed, goals: [{id, text, kind, passed,
    /// message, code?, at?, trace?}], feedback: [{mistake, feedback}]}`; `null` in the sandbox.
    pub fn check(&self) -> Result<JsValue, JsError> {
        match self.verdict() {
            Some(v) => to_js(&v),
            None => Ok(JsValue::NULL),
        }
    }

    /// What the page draws: `{exercise, accounts: [{id, regions: [{region, vpcs,
    /// transit_gateways, detached_internet_gateways}]}], peerings, history, can_undo, can_redo}`.
    pub fn view(&self) -> Result<JsValue, JsError> {
        to_js(&self.view_data())
    }

    /// The work so far as JSON text (`{"format": "vpclab-workspace", "version": 2, "exercise" |
    /// "documents", "actions", "how"}`), for localStorage, share links and hand-ins.
    pub fn save(&self) -> String {
        self.save_text()
    }

    /// Brings back work saved by `save`, replaying its actions. Returns `{exercise, actions}`;
    /// throws (and keeps the current work) if it cannot.
    pub fn restore(&mut self, json: &str) -> Result<JsValue, JsError> {
        let restored = self.restore_text(json).map_err(|e| JsError::new(&e))?;
        to_js(&restored)
    }

    /// The exercise's hints, in order (`[]` in the sandbox).
    pub fn hints(&self) -> Result<JsValue, JsError> {
        to_js(&self.workspace.hints())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solve_exercise_one_natively() {
        let mut s = Session::new();
        let list = s.exercise_list().unwrap();
        assert_eq!(list[0].number, 1);
        let listed = list.iter().find(|e| e.id == "peer-default-vpc").unwrap();
        let info = s.load_exercise_id("peer-default-vpc").unwrap();
        assert_eq!(info.place.as_ref().unwrap().number, listed.number);
        assert!(info.hints.len() >= 2);
        assert!(!s.verdict().unwrap().passed);
        for a in &info.solution {
            s.apply_action_text(&serde_json::to_string(a).unwrap()).unwrap();
        }
        assert!(s.verdict().unwrap().passed);
        let saved = s.save_text();
        let mut again = Session::new();
        let r = again.restore_text(&saved).unwrap();
        assert_eq!((r.exercise.as_deref(), r.actions), (Some("peer-default-vpc"), 4));
        assert_eq!(again.estate(), s.estate());
        assert!(s
            .load_exercise_id("nope")
            .unwrap_err()
            .contains("no such exercise"));
        assert_eq!(
            s.verdict().unwrap().exercise,
            "peer-default-vpc",
            "a failed load keeps the work"
        );
    }

    #[test]
    fn a_registered_exercise_is_playable_and_restorable() {
        let mut s = Session::new();
        let mut def: serde_json::Value =
            serde_json::from_str(include_str!("../../core/exercises/not-transitive.json")).unwrap();
        def["id"] = "registered-copy".into();
        let added = s.add_exercise_text(&def.to_string()).unwrap();
        assert_eq!(added.id, "registered-copy");
        let info = s.load_exercise_id("registered-copy").unwrap();
        assert_eq!((info.title.as_str(), info.place), (added.title.as_str(), None));
        s.apply_action_text(&serde_json::to_string(&info.solution[0]).unwrap())
            .unwrap();
        let mut again = Session::new();
        let r = again.restore_text(&s.save_text()).unwrap();
        assert_eq!((r.exercise.as_deref(), r.actions), (Some("registered-copy"), 1));
        for (text, words) in [
            ("{", "exercise file: $: EOF"),
            (r#"{"format_version": 1, "id": "x", "titel": "typo"}"#, "$.titel"),
        ] {
            let err = s.add_exercise_text(text).unwrap_err();
            assert!(err.contains(words), "{err}");
        }
        assert!(s.load_exercise_id("x").unwrap_err().contains("registered-copy"));
    }

    #[test]
    fn malformed_actions_get_aws_codes() {
        for (text, code) in [
            (r#"{"action": "teleport"}"#, "InvalidAction"),
            (r#"{"action": "accept_peering"}"#, "MissingParameter"),
            (
                r#"{"action": "accept_peering", "peering": "pcx-1", "pcx": 1}"#,
                "UnknownParameter",
            ),
            (
                r#"{"action": "accept_peering", "peering": 7}"#,
                "InvalidParameterValue",
            ),
            ("not json", "InvalidParameterValue"),
        ] {
            let err = parse_action(text).unwrap_err();
            assert_eq!(err.code, code, "{text}: {err}");
            assert!(err
                .to_string()
                .starts_with(&format!("{code}: the action is not valid JSON")));
        }
    }

    #[test]
    fn loading_documents_starts_a_sandbox() {
        let mut s = Session::new();
        s.load_exercise_id("not-transitive").unwrap();
        s.load_documents_text(r#"{"AccountId": "111122223333", "Region": "us-east-1", "Vpcs": [{"VpcId": "vpc-0a", "CidrBlock": "10.0.0.0/16"}]}"#)
            .unwrap();
        assert!(s.verdict().is_none());
        s.apply_action_text(r#"{"action": "create_vpc", "cidr": "10.7.0.0/16"}"#)
            .unwrap();
        assert_eq!(s.view_data().accounts[0].regions[0].vpcs.len(), 2);
        assert!(s.workspace.undo().is_some());
        assert_eq!(s.estate().vpcs.len(), 1);
    }
}
