//! The export calls of `Session` in headless Chromium: `exportAwsCli` and `exportTerraform` hand
//! JavaScript the text of the work so far. What the text holds is tested natively in vpclab-core.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Reflect, JSON};
use vpclab_wasm::Session;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn exports_follow_the_actions_taken() {
    let mut s = Session::new();
    let info = s.load_exercise("peer-default-vpc").unwrap();
    let steps: Array = Reflect::get(&info, &JsValue::from_str("solution"))
        .unwrap()
        .dyn_into()
        .unwrap();
    let before = s.export_aws_cli().unwrap();
    assert!(before.starts_with("#!/usr/bin/env bash\n"));
    assert!(!before.contains("aws ec2 "));
    for step in steps.iter() {
        let text: String = JSON::stringify(&step).unwrap().into();
        s.apply_action(&text).unwrap();
    }
    let script = s.export_aws_cli().unwrap();
    assert!(
        script.contains("PCX_1=$(aws ec2 create-vpc-peering-connection "),
        "{script}"
    );
    assert_eq!(script.matches("aws ec2 create-route ").count(), 2);
    let hcl = s.export_terraform().unwrap();
    assert!(
        hcl.contains("resource \"aws_vpc_peering_connection_accepter\"")
            || hcl.contains("auto_accept = true")
    );
    assert_eq!(hcl.matches("resource \"aws_route\"").count(), 2);
    assert!(s.undo());
    assert_eq!(
        s.export_terraform()
            .unwrap()
            .matches("resource \"aws_route\"")
            .count(),
        1
    );
}
