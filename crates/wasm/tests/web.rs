//! The CIDR facade, run in headless Chromium by `wasm-bindgen-test-runner`
//! (`cargo xtask test`). The math itself is tested natively in vpclab-core; these tests check
//! what JavaScript receives: the object shapes, numbers vs strings, null, and thrown Errors.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Error, Reflect};
use vpclab_wasm::cidr::{cidr_aggregate, cidr_exclude, cidr_info, cidr_overlap, cidr_split};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).expect("object")
}

fn strings(value: &JsValue) -> Vec<String> {
    assert!(Array::is_array(value), "{value:?} is not an array");
    Array::from(value)
        .iter()
        .map(|v| v.as_string().expect("string"))
        .collect()
}

fn list(items: &[&str]) -> JsValue {
    items
        .iter()
        .map(|s| JsValue::from_str(s))
        .collect::<Array>()
        .into()
}

/// The message of the JS `Error` a call threw.
fn thrown(result: Result<JsValue, wasm_bindgen::JsError>) -> String {
    let value = JsValue::from(result.expect_err("should throw"));
    let error: Error = value.dyn_into().expect("a JS Error");
    error.message().into()
}

#[wasm_bindgen_test]
fn info_of_an_ipv4_subnet_is_a_plain_object_with_numbers() {
    let i = cidr_info("10.1.0.0/16").unwrap();
    let text = |k| get(&i, k).as_string().unwrap();
    assert_eq!(text("cidr"), "10.1.0.0/16");
    assert_eq!(text("network"), "10.1.0.0");
    assert_eq!(text("last"), "10.1.255.255");
    assert_eq!(text("netmask"), "255.255.0.0");
    assert_eq!(get(&i, "prefix_len").as_f64(), Some(16.0));
    assert_eq!(get(&i, "total").as_f64(), Some(65_536.0));
    assert_eq!(get(&i, "aws_usable").as_f64(), Some(65_531.0));
    assert_eq!(
        strings(&get(&i, "aws_reserved")),
        ["10.1.0.0", "10.1.0.1", "10.1.0.2", "10.1.0.3", "10.1.255.255"]
    );
    let bits = text("bits");
    assert_eq!(bits.len(), 32);
    assert!(bits.starts_with("0000101000000001"));
}

#[wasm_bindgen_test]
fn info_outside_aws_sizes_and_ipv6() {
    let slash8 = cidr_info("10.0.0.0/8").unwrap();
    assert_eq!(get(&slash8, "total").as_f64(), Some(16_777_216.0));
    assert!(get(&slash8, "aws_usable").is_null());
    assert!(get(&slash8, "aws_reserved").is_null());

    let v6 = cidr_info("2001:db8::/64").unwrap();
    assert_eq!(
        get(&v6, "total").as_string().as_deref(),
        Some("18446744073709551616")
    );
    assert_eq!(get(&v6, "bits").as_string().map(|b| b.len()), Some(128));
    assert_eq!(
        get(&cidr_info("0.0.0.0/0").unwrap(), "total").as_f64(),
        Some(4_294_967_296.0)
    );
}

#[wasm_bindgen_test]
fn bad_input_throws_an_error_naming_it() {
    let cases = [
        ("10.0.0.1/16", "10.0.0.0/16"),
        ("2001:db8::1/64", "2001:db8::/64"),
        ("10.0.0.0/33", "0 to 32"),
        ("banana", "ADDRESS/PREFIX"),
        ("", "ADDRESS/PREFIX"),
    ];
    for (input, hint) in cases {
        let msg = thrown(cidr_info(input));
        assert!(msg.contains(hint), "{input}: {msg}");
        assert!(msg.contains(input), "{input}: {msg}");
    }
}

#[wasm_bindgen_test]
fn split_counts_and_refusals() {
    let s = cidr_split("10.0.0.0/16", 18.0).unwrap();
    assert_eq!(
        strings(&get(&s, "subnets")),
        ["10.0.0.0/18", "10.0.64.0/18", "10.0.128.0/18", "10.0.192.0/18"]
    );
    let s = cidr_split("10.0.0.0/16", 24.0).unwrap();
    assert_eq!(Array::from(&get(&s, "subnets")).length(), 256);
    assert!(thrown(cidr_split("10.0.0.0/16", 8.0)).contains("/16 to /32"));
    assert!(thrown(cidr_split("10.0.0.0/8", 32.0)).contains("/24 or shorter"));
    for bad in [24.5, -1.0, 300.0, f64::NAN] {
        assert!(
            thrown(cidr_split("10.0.0.0/16", bad)).contains("whole number"),
            "{bad}"
        );
    }
    assert!(thrown(cidr_split("10.0.0.1/16", 24.0)).contains("10.0.0.0/16"));
}

#[wasm_bindgen_test]
fn aggregate_merges_aligned_blocks() {
    let a = cidr_aggregate(list(&["10.0.1.0/24", "10.0.0.0/25", "10.0.0.128/25"])).unwrap();
    assert_eq!(strings(&get(&a, "aggregated")), ["10.0.0.0/23"]);
}

#[wasm_bindgen_test]
fn overlap_gives_index_pairs() {
    let o = cidr_overlap(list(&[
        "10.0.0.0/16",
        "10.1.0.0/16",
        "10.0.128.0/17",
        "10.0.0.0/8",
    ]))
    .unwrap();
    let pairs: Vec<(f64, f64)> = Array::from(&get(&o, "overlaps"))
        .iter()
        .map(|p| {
            let p = Array::from(&p);
            (p.get(0).as_f64().unwrap(), p.get(1).as_f64().unwrap())
        })
        .collect();
    assert_eq!(pairs, [(0.0, 2.0), (0.0, 3.0), (1.0, 3.0), (2.0, 3.0)]);
    let none = cidr_overlap(list(&["192.0.2.0/24", "198.51.100.0/24"])).unwrap();
    assert_eq!(Array::from(&get(&none, "overlaps")).length(), 0);
}

#[wasm_bindgen_test]
fn exclude_leaves_the_rest() {
    let r = cidr_exclude("10.0.0.0/24", list(&["10.0.0.0/26"])).unwrap();
    assert_eq!(strings(&get(&r, "remaining")), ["10.0.0.64/26", "10.0.0.128/25"]);
    let r = cidr_exclude("10.0.0.0/24", list(&["10.0.0.0/8"])).unwrap();
    assert_eq!(Array::from(&get(&r, "remaining")).length(), 0);
}

#[wasm_bindgen_test]
fn lists_must_be_arrays_of_valid_cidrs() {
    assert!(thrown(cidr_aggregate(JsValue::from_str("10.0.0.0/8"))).contains("array of CIDR strings"));
    assert!(thrown(cidr_overlap(list(&["10.0.0.0/16", "10.0.0.1/24"]))).contains("10.0.0.0/24"));
    let mixed: JsValue = [JsValue::from_str("10.0.0.0/16"), JsValue::from_f64(3.0)]
        .into_iter()
        .collect::<Array>()
        .into();
    assert!(thrown(cidr_exclude("10.0.0.0/8", mixed)).contains("array of CIDR strings"));
}
