//! The playground calls of `Session` in headless Chromium (`wasm-bindgen-test-runner`): what
//! JavaScript receives from exercises, loadExercise, applyAction, undo/redo/reset, check, view,
//! save/restore and hints, and the Error (with `code`) it gets for a refused action. The engine
//! itself is tested natively in vpclab-core.
#![cfg(target_arch = "wasm32")]

use js_sys::Reflect;
use js_sys::{Array, Error, JSON};
use vpclab_wasm::Session;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).expect("object")
}

fn path(obj: &JsValue, keys: &[&str]) -> JsValue {
    keys.iter().fold(obj.clone(), |v, k| {
        if let Ok(i) = k.parse::<u32>() {
            Reflect::get_u32(&v, i).expect("array")
        } else {
            get(&v, k)
        }
    })
}

fn text(v: &JsValue) -> String {
    v.as_string().unwrap_or_default()
}

fn json(v: &JsValue) -> String {
    JSON::stringify(v).map(String::from).unwrap_or_default()
}

fn passed(s: &Session) -> bool {
    get(&s.check().unwrap(), "passed").as_bool().unwrap()
}

#[wasm_bindgen_test]
fn the_exercise_list() {
    let s = Session::new();
    let list: Array = s.exercises().unwrap().dyn_into().unwrap();
    assert!(list.length() >= 3);
    let first = &vpclab_core::exercise::catalog().unwrap().list()[0];
    assert_eq!(text(&path(&list, &["0", "id"])), first.id);
    assert_eq!(path(&list, &["0", "number"]).as_f64(), Some(1.0));
    assert_eq!(text(&path(&list, &["0", "section_title"])), first.section_title);
    let ids: Vec<String> = (0..list.length())
        .map(|i| text(&path(&list, &[&i.to_string(), "id"])))
        .collect();
    assert!(ids.iter().any(|id| id == "peer-default-vpc"), "{ids:?}");
}

#[wasm_bindgen_test]
fn solve_exercise_one_step_by_step() {
    let mut s = Session::new();
    let info = s.load_exercise("peer-default-vpc").unwrap();
    assert!(text(&get(&info, "story")).contains("VPC-1"));
    assert_eq!(text(&path(&info, &["goals", "0", "id"])), "app-to-db");
    let hints: Array = s.hints().unwrap().dyn_into().unwrap();
    assert!(hints.length() >= 2);
    let verdict = s.check().unwrap();
    assert_eq!(get(&verdict, "passed").as_bool(), Some(false));
    assert_eq!(text(&path(&verdict, &["goals", "0", "code"])), "NO_ROUTE");
    assert!(path(&verdict, &["goals", "0", "trace", "forward", "hops"]).is_object());

    let steps: Array = get(&info, "solution").dyn_into().unwrap();
    assert_eq!(steps.length(), 4);
    for (i, step) in steps.iter().enumerate() {
        assert!(!passed(&s), "passed before step {i}");
        let done = s.apply_action(&json(&step)).unwrap();
        assert!(text(&get(&done, "description")).len() > 3);
    }
    let verdict = s.check().unwrap();
    assert_eq!(
        get(&verdict, "passed").as_bool(),
        Some(true),
        "{}",
        json(&verdict)
    );
    assert_eq!(Array::from(&get(&verdict, "feedback")).length(), 0);

    let view = s.view().unwrap();
    assert_eq!(text(&path(&view, &["peerings", "0", "status"])), "active");
    assert_eq!(
        text(&path(&view, &["accounts", "0", "regions", "0", "region"])),
        "us-east-2"
    );
    assert_eq!(Array::from(&get(&view, "history")).length(), 4);
    assert_eq!(get(&view, "can_undo").as_bool(), Some(true));

    assert!(s.undo());
    assert!(!passed(&s));
    assert!(s.redo().unwrap());
    assert!(passed(&s));
    assert!(!s.redo().unwrap(), "nothing left to redo");

    let saved = s.save();
    let mut again = Session::new();
    let restored = again.restore(&saved).unwrap();
    assert_eq!(text(&get(&restored, "exercise")), "peer-default-vpc");
    assert!(passed(&again));

    s.reset();
    assert!(!passed(&s));
    // A reset can be undone: the work comes back; redo resets again.
    assert!(s.undo(), "undo takes back the reset");
    assert!(passed(&s));
    assert!(s.redo().unwrap(), "redo resets again");
    assert!(!passed(&s));
}

#[wasm_bindgen_test]
fn a_refused_action_throws_with_its_code() {
    let mut s = Session::new();
    s.load_exercise("peer-default-vpc").unwrap();
    let before = s.save();
    let cases = [
        (
            r#"{"action": "accept_peering", "peering": "pcx-0nope"}"#,
            "InvalidVpcPeeringConnectionID.NotFound",
        ),
        (
            r#"{"action": "create_vpc", "cidr": "10.9.0.0/16"}"#,
            "UnauthorizedOperation",
        ),
        (r#"{"action": "teleport"}"#, "InvalidAction"),
    ];
    for (action, code) in cases {
        let err = s.apply_action(action).unwrap_err();
        assert_eq!(text(&get(&err, "code")), code, "{action}");
        let err: Error = err.dyn_into().expect("a JS Error");
        let message: String = err.message().into();
        assert!(message.starts_with(&format!("{code}: ")), "{message}");
    }
    assert_eq!(s.save(), before, "a refused action changes nothing");
}

#[wasm_bindgen_test]
fn sandbox_and_bad_input() {
    let mut s = Session::new();
    assert!(s.check().unwrap().is_null(), "no verdict in the sandbox");
    assert_eq!(Array::from(&s.hints().unwrap()).length(), 0);
    s.apply_action(r#"{"action": "create_vpc", "cidr": "10.7.0.0/16", "name": "Lab"}"#)
        .unwrap();
    let view = s.view().unwrap();
    assert_eq!(
        text(&path(
            &view,
            &["accounts", "0", "regions", "0", "vpcs", "0", "name"]
        )),
        "Lab"
    );
    let err = s.load_exercise("nope").unwrap_err();
    let err: Error = JsValue::from(err).dyn_into().unwrap();
    assert!(String::from(err.message()).contains("no such exercise"));
    let err = s
        .restore("{\"format\": \"vpclab-workspace\", \"version\": 9, \"actions\": []}")
        .unwrap_err();
    let err: Error = JsValue::from(err).dyn_into().unwrap();
    assert!(String::from(err.message()).contains("newer vpclab"));
    assert_eq!(
        text(&path(
            &s.view().unwrap(),
            &["accounts", "0", "regions", "0", "vpcs", "0", "name"]
        )),
        "Lab",
        "a failed restore keeps the work"
    );
}

/// The page's way in: an exercise file fetched as text, registered, then played and restored by
/// id; a broken file is refused with its JSON path and nothing is registered.
#[wasm_bindgen_test]
fn an_exercise_registered_from_its_text() {
    let mut s = Session::new();
    let file = include_str!("../../core/exercises/tgw-hub.json")
        .replace("\"id\": \"tgw-hub\"", "\"id\": \"tgw-hub-fetched\"");
    let added = s.add_exercise(&file).unwrap();
    assert_eq!(text(&get(&added, "id")), "tgw-hub-fetched");
    let info = s.load_exercise("tgw-hub-fetched").unwrap();
    assert_eq!(text(&get(&info, "title")), text(&get(&added, "title")));
    assert!(
        get(&info, "number").is_undefined(),
        "a registered exercise has no place in the built-in list"
    );
    assert_eq!(get(&s.check().unwrap(), "passed").as_bool(), Some(false));
    let saved = s.save();
    let mut again = Session::new();
    let r = again.restore(&saved).unwrap();
    assert_eq!(text(&get(&r, "exercise")), "tgw-hub-fetched");
    let err = s
        .add_exercise(r#"{"format_version": 1, "id": "x", "titel": "typo"}"#)
        .unwrap_err();
    let err: Error = JsValue::from(err).dyn_into().unwrap();
    let message = String::from(err.message());
    assert!(
        message.contains("$.titel") && message.contains("unknown field"),
        "{message}"
    );
    assert!(s.load_exercise("x").is_err());
}
