//! Tests of the Terraform export: parsed back with hcl-rs, so the output is valid HCL, and
//! checked block by block and attribute by attribute; every reference names a block or provider
//! that the configuration declares.

use std::collections::BTreeSet;

use ::hcl::{Body, Expression};
use serde_json::json;

use super::*;
use crate::export::test_world::*;

/// An expression as text without whitespace (hcl-rs prints lists over several lines).
fn flat(e: &Expression) -> String {
    e.to_string().split_whitespace().collect()
}

fn label(b: &::hcl::Block, i: usize) -> &str {
    b.labels().get(i).map(|l| l.as_str()).unwrap_or("")
}

/// The blocks after the `terraform` and `provider` blocks: (kind or resource type, block).
fn content(body: &Body) -> Vec<(String, &::hcl::Block)> {
    body.blocks()
        .filter(|b| !matches!(b.identifier(), "terraform" | "provider"))
        .map(|b| {
            let kind = match b.identifier() {
                "resource" => label(b, 0).to_string(),
                other => other.to_string(),
            };
            (kind, b)
        })
        .collect()
}

fn attr<'a>(b: &'a ::hcl::Block, name: &str) -> Option<&'a Expression> {
    b.body().attributes().find(|a| a.key() == name).map(|a| a.expr())
}

/// Every traversal names a declared block (`aws_vpc.vpc_1.id`, `data.aws_x.y.z`) and every
/// `provider = aws.ALIAS` a declared alias. Returns how many references there were.
fn check_references(text: &str, body: &Body) -> usize {
    let mut declared: BTreeSet<String> = BTreeSet::new();
    let mut aliases: BTreeSet<String> = BTreeSet::new();
    for b in body.blocks() {
        match b.identifier() {
            "resource" => {
                declared.insert(format!("{}.{}", label(b, 0), label(b, 1)));
            }
            "data" => {
                declared.insert(format!("data.{}.{}", label(b, 0), label(b, 1)));
            }
            "provider" => {
                if let Some(Expression::String(a)) = attr(b, "alias") {
                    aliases.insert(a.clone());
                }
            }
            _ => {}
        }
    }
    // References are found in the text: identifiers joined by dots outside strings, and inside
    // ${…} interpolations.
    let mut refs = Vec::new();
    for line in text.lines().filter(|l| !l.trim_start().starts_with('#')) {
        let mut rest = line;
        while let Some(pos) = rest.find(|c: char| c.is_ascii_lowercase()) {
            let tail = &rest[pos..];
            let end = tail
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-'))
                .unwrap_or(tail.len());
            let word = &tail[..end];
            let before = &rest[..pos];
            let in_string = before.matches('"').count() % 2 == 1 && !before.ends_with("${");
            if !in_string && word.contains('.') && (word.starts_with("aws") || word.starts_with("data.")) {
                refs.push(word.to_string());
            }
            rest = &tail[end.max(1)..];
        }
    }
    let count = refs.len();
    for r in refs {
        let parts: Vec<&str> = r.split('.').collect();
        if parts[0] == "aws" {
            assert!(
                aliases.contains(parts[1]),
                "provider aws.{} is not declared:\n{text}",
                parts[1]
            );
        } else if parts[0] == "data" {
            assert!(
                declared.contains(&parts[..3].join(".")),
                "{r} names no block:\n{text}"
            );
        } else {
            assert!(
                declared.contains(&parts[..2].join(".")),
                "{r} names no block:\n{text}"
            );
        }
    }
    count
}

#[test]
fn every_action_kind_becomes_the_matching_blocks() {
    let w = world();
    let mut seen = BTreeSet::new();
    for case in cases(&w) {
        let text = terraform(&w.e, &case.actions).unwrap_or_else(|e| panic!("{}: {e}", case.name));
        let body = ::hcl::parse(&text).unwrap_or_else(|e| panic!("{}: not HCL: {e}\n{text}", case.name));
        let blocks = content(&body);
        let want_kinds: Vec<&str> = case
            .tf
            .iter()
            .filter_map(|t| match t {
                Tf::Block(kind, _) => Some(*kind),
                Tf::Comment(_) => None,
            })
            .collect();
        let got_kinds: Vec<&str> = blocks.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(got_kinds, want_kinds, "{}:\n{text}", case.name);
        let mut next_block = blocks.iter();
        let mut comment_from = 0;
        for t in &case.tf {
            match t {
                Tf::Block(kind, attrs) => {
                    let (_, b) = next_block.next().expect("as many blocks");
                    for (name, want) in attrs {
                        let got = attr(b, name)
                            .unwrap_or_else(|| panic!("{}: {kind} without {name}:\n{text}", case.name));
                        let want: String = want.split_whitespace().collect();
                        assert_eq!(flat(got), want, "{}: {kind}.{name}", case.name);
                    }
                }
                Tf::Comment(needle) => {
                    let at = text[comment_from..].find(needle).unwrap_or_else(|| {
                        panic!("{}: no comment {needle:?} (in order) in:\n{text}", case.name)
                    });
                    comment_from += at + needle.len();
                }
            }
        }
        check_references(&text, &body);
        seen.extend(case.actions.iter().map(|a| a.name()));
    }
    let missing: Vec<&str> = Action::NAMES
        .iter()
        .copied()
        .filter(|n| !seen.contains(n))
        .collect();
    assert!(missing.is_empty(), "action kinds without a case: {missing:?}");
}

#[test]
fn the_full_scenario_parses_with_the_expected_blocks() {
    let w = world();
    let text = terraform(&w.e, &scenario(&w)).unwrap();
    let body = ::hcl::parse(&text).unwrap_or_else(|e| panic!("not HCL: {e}\n{text}"));
    assert!(check_references(&text, &body) >= 12);

    // The terraform block requires the AWS provider; two providers, one per account.
    let tf_block = body
        .blocks()
        .find(|b| b.identifier() == "terraform")
        .expect("terraform block");
    let required = tf_block
        .body()
        .blocks()
        .find(|b| b.identifier() == "required_providers")
        .unwrap();
    assert_eq!(
        flat(attr(required, "aws").unwrap()),
        r#"{source="hashicorp/aws"version=">=5.0"}"#
    );
    let providers: Vec<&::hcl::Block> = body.blocks().filter(|b| b.identifier() == "provider").collect();
    assert_eq!(providers.len(), 2);
    assert!(attr(providers[0], "alias").is_none());
    assert_eq!(
        flat(attr(providers[0], "allowed_account_ids").unwrap()),
        format!("[\"{A}\"]")
    );
    let alias = format!("account_{B}_us_east_1");
    assert_eq!(
        attr(providers[1], "alias"),
        Some(&Expression::String(alias.clone()))
    );
    assert_eq!(
        attr(providers[1], "profile"),
        Some(&Expression::String(format!("account-{B}")))
    );

    let blocks = content(&body);
    let kinds: Vec<&str> = blocks.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "aws_vpc_peering_connection",
            "aws_vpc_peering_connection_accepter",
            "aws_route",
            "aws_route",
            "aws_vpc_endpoint",
            "aws_ec2_transit_gateway",
            "aws_ec2_transit_gateway_route_table",
            "aws_ec2_transit_gateway_vpc_attachment",
            "aws_ec2_transit_gateway_route_table_association",
            "aws_ec2_transit_gateway_route_table_propagation",
            "aws_route",
        ]
    );
    let get = |i: usize, a: &str| {
        flat(attr(blocks[i].1, a).unwrap_or_else(|| panic!("{} without {a}", blocks[i].0)))
    };
    assert_eq!(get(0, "vpc_id"), format!("\"{}\"", w.vpc1));
    assert_eq!(get(0, "peer_vpc_id"), format!("\"{}\"", w.vpc2));
    assert_eq!(get(0, "peer_owner_id"), format!("\"{B}\""));
    assert!(
        attr(blocks[0].1, "auto_accept").is_none(),
        "another account accepts"
    );
    assert_eq!(get(1, "provider"), format!("aws.{alias}"));
    assert_eq!(
        get(1, "vpc_peering_connection_id"),
        "aws_vpc_peering_connection.pcx_1.id"
    );
    assert_eq!(get(1, "auto_accept"), "true");
    // Routes on both sides go through the accepted peering, each by its account's provider.
    assert_eq!(get(2, "route_table_id"), format!("\"{}\"", w.rt1));
    assert_eq!(
        get(2, "vpc_peering_connection_id"),
        "aws_vpc_peering_connection_accepter.pcx_1.id"
    );
    assert!(attr(blocks[2].1, "provider").is_none());
    assert_eq!(get(3, "route_table_id"), format!("\"{}\"", w.rt2));
    assert_eq!(get(3, "destination_cidr_block"), "\"10.1.0.0/16\"");
    assert_eq!(get(3, "provider"), format!("aws.{alias}"));
    assert_eq!(get(4, "service_name"), "\"com.amazonaws.us-east-1.s3\"");
    assert_eq!(get(4, "route_table_ids"), format!("[\"{}\"]", w.rt1));
    assert_eq!(get(5, "default_route_table_association"), "\"disable\"");
    assert_eq!(get(5, "tags"), "{Name=\"hub\"}");
    assert_eq!(get(6, "transit_gateway_id"), "aws_ec2_transit_gateway.tgw_1.id");
    assert_eq!(get(7, "transit_gateway_id"), "aws_ec2_transit_gateway.tgw_1.id");
    assert_eq!(get(7, "subnet_ids"), format!("[\"{}\"]", w.s1b));
    for i in [8, 9] {
        assert_eq!(
            get(i, "transit_gateway_attachment_id"),
            "aws_ec2_transit_gateway_vpc_attachment.tgw_attach_1.id"
        );
        assert_eq!(
            get(i, "transit_gateway_route_table_id"),
            "aws_ec2_transit_gateway_route_table.tgw_rtb_1.id"
        );
    }
    assert_eq!(get(10, "transit_gateway_id"), "aws_ec2_transit_gateway.tgw_1.id");
    assert_eq!(get(10, "destination_cidr_block"), "\"10.9.0.0/16\"");
}

#[test]
fn a_peering_in_one_account_and_region_accepts_itself() {
    let w = world();
    let mut e = w.e.clone();
    let v = ok(
        &mut e,
        json!({"action": "create_vpc", "cidr": "10.6.0.0/16", "account": A, "region": "us-east-1"}),
    );
    let pcx = next_id(
        &mut e,
        json!({"action": "request_peering", "vpc": w.vpc1, "peer_vpc": v.created[0]}),
    );
    let log = actions(json!([
        {"action": "create_vpc", "cidr": "10.6.0.0/16", "account": A, "region": "us-east-1"},
        {"action": "request_peering", "vpc": w.vpc1, "peer_vpc": v.created[0]},
        {"action": "accept_peering", "peering": pcx},
        {"action": "create_route", "route_table": w.rt1, "destination": "10.6.0.0/16", "target": pcx},
        {"action": "delete_peering", "peering": pcx}
    ]));
    let text = terraform(&w.e, &log[..4]).unwrap();
    let body = ::hcl::parse(&text).unwrap();
    let blocks = content(&body);
    let kinds: Vec<&str> = blocks.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(kinds, ["aws_vpc", "aws_vpc_peering_connection", "aws_route"]);
    assert_eq!(flat(attr(blocks[1].1, "auto_accept").unwrap()), "true");
    assert_eq!(
        flat(attr(blocks[2].1, "vpc_peering_connection_id").unwrap()),
        "aws_vpc_peering_connection.pcx_1.id"
    );
    // Deleting it leaves out the peering and the route through it.
    let text = terraform(&w.e, &log).unwrap();
    let body = ::hcl::parse(&text).unwrap();
    let kinds: Vec<String> = content(&body).into_iter().map(|(k, _)| k).collect();
    assert_eq!(kinds, ["aws_vpc"]);
    assert!(
        text.contains("left out: aws_vpc_peering_connection.pcx_1, aws_route.route_1"),
        "{text}"
    );
}

#[test]
fn a_default_association_the_log_turns_off_is_an_argument_of_the_attachment() {
    let w = world();
    let mut e = w.e.clone();
    let att = next_id(
        &mut e,
        json!({"action": "create_transit_gateway_attachment", "transit_gateway": w.tgw, "vpc": w.vpc2, "subnets": [w.s2a], "account": B}),
    );
    let log = actions(json!([
        {"action": "create_transit_gateway_attachment", "transit_gateway": w.tgw, "vpc": w.vpc2, "subnets": [w.s2a], "account": B},
        {"action": "disassociate_transit_gateway_route_table", "transit_gateway_route_table": w.tgw_rt, "transit_gateway_attachment": att},
        {"action": "disable_transit_gateway_propagation", "transit_gateway_route_table": w.tgw_rt, "transit_gateway_attachment": att}
    ]));
    let text = terraform(&w.e, &log).unwrap();
    let body = ::hcl::parse(&text).unwrap();
    check_references(&text, &body);
    let blocks = content(&body);
    let accepter = blocks
        .iter()
        .find(|(k, _)| k == "aws_ec2_transit_gateway_vpc_attachment_accepter")
        .expect("the owner accepts")
        .1;
    assert_eq!(
        flat(attr(accepter, "provider").unwrap()),
        "aws.account_111111111111_us_east_1".replace("111111111111", A)
    );
    assert_eq!(
        flat(attr(accepter, "transit_gateway_default_route_table_association").unwrap()),
        "false"
    );
    assert_eq!(
        flat(attr(accepter, "transit_gateway_default_route_table_propagation").unwrap()),
        "false"
    );
}

#[test]
fn strings_from_the_learner_are_escaped() {
    let w = world();
    let name = "say \"hi\" ${var.secret} %{if} \\ done";
    let text = terraform(&w.e, &actions(json!([{"action": "create_subnet", "vpc": w.vpc1, "cidr": "10.1.9.0/24", "availability_zone": "us-east-1a", "name": name}]))).unwrap();
    let body = ::hcl::parse(&text).unwrap();
    let subnet = content(&body)[0].1;
    let Some(Expression::Object(tags)) = attr(subnet, "tags") else {
        panic!("tags: {text}")
    };
    let value = tags.values().next().unwrap();
    // A literal template sequence stays literal: the string evaluates to the name itself.
    use ::hcl::eval::{Context, Evaluate};
    let value = value
        .evaluate(&Context::new())
        .unwrap_or_else(|e| panic!("{e}: {text}"));
    assert_eq!(value, ::hcl::Value::String(name.to_string()));
}

#[test]
fn an_empty_log_is_a_provider_only_configuration() {
    let w = world();
    let text = terraform(&w.e, &[]).unwrap();
    let body = ::hcl::parse(&text).unwrap();
    assert!(content(&body).is_empty());
    assert_eq!(body.blocks().filter(|b| b.identifier() == "provider").count(), 1);
}

#[test]
fn every_prefix_of_every_log_is_valid_hcl_with_resolved_references() {
    let w = world();
    let mut logs: Vec<Vec<Action>> = cases(&w).into_iter().map(|c| c.actions).collect();
    logs.push(scenario(&w));
    for log in logs {
        for n in 0..=log.len() {
            let text = terraform(&w.e, &log[..n]).unwrap_or_else(|e| panic!("{e}"));
            let body = ::hcl::parse(&text).unwrap_or_else(|e| panic!("not HCL: {e}\n{text}"));
            check_references(&text, &body);
        }
    }
}
