//! The CIDR toolkit for JavaScript: thin wrappers over [`vpclab_core::cidr`], returning the same
//! JSON shapes as `vpclab cidr … --json`.

use ipnet::IpNet;
use serde::Serialize;
use vpclab_core::cidr;

// Plain objects, `null` for `None`, and `u64` as a JS number (IPv4 totals are at most 2^32).
use crate::js::{from_js, to_js};
use wasm_bindgen::prelude::*;

/// `cidrInfo("10.0.0.0/16")`: core's `CidrInfo` as a plain object (`total` is a number for IPv4,
/// a decimal string for IPv6; `aws_usable`/`aws_reserved` are `null` outside IPv4 /16–/28).
#[wasm_bindgen(js_name = cidrInfo)]
pub fn cidr_info(text: &str) -> Result<JsValue, JsError> {
    let net = parse(text)?;
    to_js(&cidr::info(net))
}

#[derive(Serialize)]
struct Split {
    subnets: Vec<String>,
}

/// `cidrSplit("10.0.0.0/16", 18)` → `{subnets: ["10.0.0.0/18", …]}` in address order.
#[wasm_bindgen(js_name = cidrSplit)]
pub fn cidr_split(text: &str, prefix: f64) -> Result<JsValue, JsError> {
    let net = parse(text)?;
    let prefix = prefix_len(prefix)?;
    let subnets = cidr::split(net, prefix).map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&Split {
        subnets: strings(&subnets),
    })
}

#[derive(Serialize)]
struct Aggregated {
    aggregated: Vec<String>,
}

/// `cidrAggregate(["10.0.0.0/25", "10.0.0.128/25"])` → `{aggregated: ["10.0.0.0/24"]}`.
#[wasm_bindgen(js_name = cidrAggregate)]
pub fn cidr_aggregate(list: JsValue) -> Result<JsValue, JsError> {
    let nets = parse_list(list, "cidrAggregate")?;
    to_js(&Aggregated {
        aggregated: strings(&cidr::aggregate(&nets)),
    })
}

#[derive(Serialize)]
struct Overlaps {
    overlaps: Vec<(usize, usize)>,
}

/// `cidrOverlap(["10.0.0.0/16", "10.1.0.0/16", "10.0.128.0/17"])` → `{overlaps: [[0, 2]]}`:
/// index pairs `i < j` of the inputs that share an address.
#[wasm_bindgen(js_name = cidrOverlap)]
pub fn cidr_overlap(list: JsValue) -> Result<JsValue, JsError> {
    let nets = parse_list(list, "cidrOverlap")?;
    to_js(&Overlaps {
        overlaps: cidr::overlap_pairs(&nets),
    })
}

#[derive(Serialize)]
struct Remaining {
    remaining: Vec<String>,
}

/// `cidrExclude("10.0.0.0/24", ["10.0.0.0/26"])` → `{remaining: ["10.0.0.64/26", "10.0.0.128/25"]}`.
#[wasm_bindgen(js_name = cidrExclude)]
pub fn cidr_exclude(text: &str, excluded: JsValue) -> Result<JsValue, JsError> {
    let net = parse(text)?;
    let excluded = parse_list(excluded, "cidrExclude")?;
    to_js(&Remaining {
        remaining: strings(&cidr::exclude(net, &excluded)),
    })
}

fn parse(text: &str) -> Result<IpNet, JsError> {
    cidr::parse(text).map_err(|e| JsError::new(&e.to_string()))
}

fn parse_list(list: JsValue, function: &str) -> Result<Vec<IpNet>, JsError> {
    let texts: Vec<String> = from_js(&list).ok_or_else(|| {
        JsError::new(&format!(
            "{function} expects an array of CIDR strings such as [\"10.0.0.0/16\", \"10.1.0.0/16\"]"
        ))
    })?;
    texts.iter().map(|t| parse(t)).collect()
}

/// A JS number that must be a whole prefix length; core checks the range for the family.
fn prefix_len(prefix: f64) -> Result<u8, JsError> {
    if prefix.fract() == 0.0 && (0.0..=255.0).contains(&prefix) {
        Ok(prefix as u8)
    } else {
        Err(JsError::new(&format!(
            "'{prefix}' is not a prefix length: expected a whole number such as 24"
        )))
    }
}

fn strings(nets: &[IpNet]) -> Vec<String> {
    nets.iter().map(ToString::to_string).collect()
}
