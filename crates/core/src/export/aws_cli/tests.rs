//! Tests of the AWS CLI script. A small shell-word parser reads the script back the way bash
//! would split it; every command must be `aws ec2|ram VERB` with a verb of the AWS CLI Command
//! Reference, its required flags and `--region`, and may only use variables captured earlier.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Value};

use super::*;
use crate::export::test_world::*;

/// One command read back from the script.
#[derive(Debug, Clone)]
struct Cmd {
    capture: Option<String>,
    wait_for: Option<String>,
    service: String,
    verb: String,
    /// Words after the verb that are not flags or flag values (`nat-gateway-available`).
    positional: Vec<String>,
    /// Flag → its values (none for a switch).
    flags: BTreeMap<String, Vec<String>>,
    /// Variables the command expands.
    uses: BTreeSet<String>,
}

/// Splits one line into words as bash does for the quoting the script uses: bare words, single
/// quotes, double quotes with `\` escapes, `$VAR` and `${VAR}` (kept as `$VAR`).
fn shell_words(line: &str, uses: &mut BTreeSet<String>) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut chars = line.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| *c == ' ') {
            chars.next();
        }
        if chars.peek().is_none() {
            return Ok(words);
        }
        let mut word = String::new();
        while let Some(&c) = chars.peek() {
            match c {
                ' ' => break,
                '\'' => {
                    chars.next();
                    loop {
                        match chars.next() {
                            Some('\'') => break,
                            Some(x) => word.push(x),
                            None => return Err(format!("unclosed ' in {line}")),
                        }
                    }
                }
                '"' => {
                    chars.next();
                    loop {
                        match chars.next() {
                            Some('"') => break,
                            Some('\\') => match chars.next() {
                                Some(x @ ('\\' | '"' | '$' | '`')) => word.push(x),
                                Some(x) => {
                                    word.push('\\');
                                    word.push(x);
                                }
                                None => return Err(format!("dangling \\ in {line}")),
                            },
                            Some('$') => word.push_str(&variable(&mut chars, uses)?),
                            Some('`') => return Err(format!("backquote in {line}")),
                            Some(x) => word.push(x),
                            None => return Err(format!("unclosed \" in {line}")),
                        }
                    }
                }
                '$' => {
                    chars.next();
                    word.push_str(&variable(&mut chars, uses)?);
                }
                '\\' => {
                    chars.next();
                    word.push(chars.next().ok_or_else(|| format!("dangling \\ in {line}"))?);
                }
                '`' | ';' | '&' | '|' | '<' | '>' | '(' | ')' | '*' | '?' | '[' | '{' | '#' | '!' => {
                    return Err(format!("unquoted {c:?} in {line}"))
                }
                c => {
                    chars.next();
                    word.push(c);
                }
            }
        }
        words.push(word);
    }
}

/// `NAME` or `{NAME}` after a `$`, as `$NAME`.
fn variable(
    chars: &mut std::iter::Peekable<std::str::Chars>,
    uses: &mut BTreeSet<String>,
) -> Result<String, String> {
    let braced = chars.peek() == Some(&'{');
    if braced {
        chars.next();
    }
    let mut name = String::new();
    while let Some(&c) = chars.peek() {
        if c.is_ascii_alphanumeric() || c == '_' {
            name.push(c);
            chars.next();
        } else {
            break;
        }
    }
    if braced && chars.next() != Some('}') {
        return Err(format!("unclosed ${{{name}"));
    }
    if name.is_empty() {
        return Err("a lone $".into());
    }
    uses.insert(name.clone());
    Ok(format!("${name}"))
}

/// The AWS CLI verbs the script may use, with the flags the Command Reference marks required
/// (and those vpclab always passes to make the command mean what the action did).
const VERBS: &[(&str, &str, &[&str])] = &[
    (
        "ec2",
        "create-vpc-peering-connection",
        &["--vpc-id", "--peer-vpc-id"],
    ),
    (
        "ec2",
        "accept-vpc-peering-connection",
        &["--vpc-peering-connection-id"],
    ),
    (
        "ec2",
        "reject-vpc-peering-connection",
        &["--vpc-peering-connection-id"],
    ),
    (
        "ec2",
        "delete-vpc-peering-connection",
        &["--vpc-peering-connection-id"],
    ),
    (
        "ec2",
        "describe-vpc-peering-connections",
        &["--vpc-peering-connection-ids"],
    ),
    ("ec2", "create-route", &["--route-table-id"]),
    ("ec2", "replace-route", &["--route-table-id"]),
    ("ec2", "delete-route", &["--route-table-id"]),
    ("ec2", "create-route-table", &["--vpc-id"]),
    ("ec2", "delete-route-table", &["--route-table-id"]),
    (
        "ec2",
        "associate-route-table",
        &["--route-table-id", "--subnet-id"],
    ),
    ("ec2", "disassociate-route-table", &["--association-id"]),
    (
        "ec2",
        "replace-route-table-association",
        &["--association-id", "--route-table-id"],
    ),
    ("ec2", "describe-route-tables", &["--filters"]),
    ("ec2", "describe-network-acls", &["--filters"]),
    ("ec2", "describe-security-groups", &["--filters"]),
    ("ec2", "describe-network-interfaces", &["--filters"]),
    ("ec2", "create-vpc", &["--cidr-block"]),
    ("ec2", "describe-vpcs", &["--vpc-ids"]),
    // --cidr-block for an IPv4 block, --amazon-provided-ipv6-cidr-block for IPv6 (the cases say which).
    ("ec2", "associate-vpc-cidr-block", &["--vpc-id"]),
    (
        "ec2",
        "associate-subnet-cidr-block",
        &["--subnet-id", "--ipv6-cidr-block"],
    ),
    ("ec2", "create-egress-only-internet-gateway", &["--vpc-id"]),
    (
        "ec2",
        "delete-egress-only-internet-gateway",
        &["--egress-only-internet-gateway-id"],
    ),
    ("ec2", "disassociate-vpc-cidr-block", &["--association-id"]),
    ("ec2", "modify-vpc-attribute", &["--vpc-id"]),
    (
        "ec2",
        "create-subnet",
        &["--vpc-id", "--cidr-block", "--availability-zone"],
    ),
    ("ec2", "create-internet-gateway", &[]),
    (
        "ec2",
        "attach-internet-gateway",
        &["--internet-gateway-id", "--vpc-id"],
    ),
    (
        "ec2",
        "detach-internet-gateway",
        &["--internet-gateway-id", "--vpc-id"],
    ),
    ("ec2", "allocate-address", &["--domain"]),
    ("ec2", "create-nat-gateway", &["--subnet-id"]),
    ("ec2", "describe-nat-gateways", &["--nat-gateway-ids"]),
    ("ec2", "delete-nat-gateway", &["--nat-gateway-id"]),
    (
        "ec2",
        "modify-transit-gateway-vpc-attachment",
        &["--transit-gateway-attachment-id"],
    ),
    (
        "ec2",
        "delete-transit-gateway-vpc-attachment",
        &["--transit-gateway-attachment-id"],
    ),
    (
        "ec2",
        "delete-transit-gateway-route-table",
        &["--transit-gateway-route-table-id"],
    ),
    ("ec2", "delete-transit-gateway", &["--transit-gateway-id"]),
    ("ec2", "delete-subnet", &["--subnet-id"]),
    ("ec2", "delete-vpc", &["--vpc-id"]),
    ("ec2", "delete-internet-gateway", &["--internet-gateway-id"]),
    ("ec2", "delete-security-group", &["--group-id"]),
    ("ec2", "terminate-instances", &["--instance-ids"]),
    ("ec2", "wait", &[]),
    (
        "ec2",
        "create-vpc-endpoint",
        &["--vpc-id", "--vpc-endpoint-type", "--service-name"],
    ),
    ("ec2", "modify-vpc-endpoint", &["--vpc-endpoint-id"]),
    ("ec2", "delete-vpc-endpoints", &["--vpc-endpoint-ids"]),
    ("ec2", "create-transit-gateway", &["--options"]),
    ("ec2", "describe-transit-gateways", &["--transit-gateway-ids"]),
    (
        "ec2",
        "create-transit-gateway-route-table",
        &["--transit-gateway-id"],
    ),
    (
        "ec2",
        "describe-transit-gateway-route-tables",
        &["--transit-gateway-route-table-ids"],
    ),
    (
        "ec2",
        "create-transit-gateway-vpc-attachment",
        &["--transit-gateway-id", "--vpc-id", "--subnet-ids"],
    ),
    (
        "ec2",
        "describe-transit-gateway-vpc-attachments",
        &["--transit-gateway-attachment-ids"],
    ),
    // By id, or (the attachment AWS made for a VPN connection or a Direct Connect gateway) by
    // --filters on its resource; the cases say which.
    ("ec2", "describe-transit-gateway-attachments", &[]),
    (
        "ec2",
        "accept-transit-gateway-vpc-attachment",
        &["--transit-gateway-attachment-id"],
    ),
    (
        "ec2",
        "associate-transit-gateway-route-table",
        &[
            "--transit-gateway-route-table-id",
            "--transit-gateway-attachment-id",
        ],
    ),
    (
        "ec2",
        "disassociate-transit-gateway-route-table",
        &[
            "--transit-gateway-route-table-id",
            "--transit-gateway-attachment-id",
        ],
    ),
    (
        "ec2",
        "enable-transit-gateway-route-table-propagation",
        &[
            "--transit-gateway-route-table-id",
            "--transit-gateway-attachment-id",
        ],
    ),
    (
        "ec2",
        "disable-transit-gateway-route-table-propagation",
        &[
            "--transit-gateway-route-table-id",
            "--transit-gateway-attachment-id",
        ],
    ),
    (
        "ec2",
        "create-transit-gateway-route",
        &["--transit-gateway-route-table-id", "--destination-cidr-block"],
    ),
    (
        "ec2",
        "delete-transit-gateway-route",
        &["--transit-gateway-route-table-id", "--destination-cidr-block"],
    ),
    (
        "ram",
        "create-resource-share",
        &["--name", "--resource-arns", "--principals"],
    ),
    (
        "ec2",
        "create-security-group",
        &["--group-name", "--description", "--vpc-id"],
    ),
    (
        "ec2",
        "authorize-security-group-ingress",
        &["--group-id", "--ip-permissions"],
    ),
    (
        "ec2",
        "authorize-security-group-egress",
        &["--group-id", "--ip-permissions"],
    ),
    (
        "ec2",
        "revoke-security-group-ingress",
        &["--group-id", "--ip-permissions"],
    ),
    (
        "ec2",
        "revoke-security-group-egress",
        &["--group-id", "--ip-permissions"],
    ),
    (
        "ec2",
        "create-network-acl-entry",
        &["--network-acl-id", "--rule-number", "--protocol", "--rule-action"],
    ),
    (
        "ec2",
        "replace-network-acl-entry",
        &["--network-acl-id", "--rule-number", "--protocol", "--rule-action"],
    ),
    (
        "ec2",
        "delete-network-acl-entry",
        &["--network-acl-id", "--rule-number"],
    ),
    (
        "ec2",
        "run-instances",
        &["--image-id", "--instance-type", "--subnet-id"],
    ),
    ("ec2", "describe-instances", &["--instance-ids"]),
    ("ec2", "create-vpn-gateway", &["--type"]),
    ("ec2", "attach-vpn-gateway", &["--vpn-gateway-id", "--vpc-id"]),
    ("ec2", "detach-vpn-gateway", &["--vpn-gateway-id", "--vpc-id"]),
    ("ec2", "delete-vpn-gateway", &["--vpn-gateway-id"]),
    (
        "ec2",
        "create-customer-gateway",
        &["--type", "--ip-address", "--bgp-asn"],
    ),
    ("ec2", "delete-customer-gateway", &["--customer-gateway-id"]),
    (
        "ec2",
        "create-vpn-connection",
        &["--type", "--customer-gateway-id"],
    ),
    ("ec2", "describe-vpn-connections", &["--vpn-connection-ids"]),
    ("ec2", "delete-vpn-connection", &["--vpn-connection-id"]),
    (
        "ec2",
        "create-vpn-connection-route",
        &["--vpn-connection-id", "--destination-cidr-block"],
    ),
    (
        "ec2",
        "delete-vpn-connection-route",
        &["--vpn-connection-id", "--destination-cidr-block"],
    ),
    (
        "ec2",
        "enable-vgw-route-propagation",
        &["--route-table-id", "--gateway-id"],
    ),
    (
        "ec2",
        "disable-vgw-route-propagation",
        &["--route-table-id", "--gateway-id"],
    ),
    (
        "directconnect",
        "create-direct-connect-gateway",
        &["--direct-connect-gateway-name"],
    ),
    (
        "directconnect",
        "delete-direct-connect-gateway",
        &["--direct-connect-gateway-id"],
    ),
    (
        "directconnect",
        "create-direct-connect-gateway-association",
        &["--direct-connect-gateway-id", "--gateway-id"],
    ),
    (
        "directconnect",
        "delete-direct-connect-gateway-association",
        &["--association-id"],
    ),
];

/// Reads the script back: every line is blank, a comment, the preamble, or a command that passes
/// [`VERBS`], names its region, and uses only variables captured on earlier lines.
fn read_script(script: &str) -> Vec<Cmd> {
    let mut lines = script.lines();
    assert_eq!(lines.next(), Some("#!/usr/bin/env bash"));
    let mut captured: BTreeSet<String> = BTreeSet::new();
    let mut cmds = Vec::new();
    for line in lines {
        if line.is_empty() || line.starts_with("# ") || line == "set -euo pipefail" || line == shell::WAIT_FOR
        {
            continue;
        }
        let mut uses = BTreeSet::new();
        let (capture, body) = match line.split_once("=$(") {
            Some((var, rest))
                if var
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_') =>
            {
                let body = rest
                    .strip_suffix(')')
                    .unwrap_or_else(|| panic!("unclosed $( in {line}"));
                (Some(var.to_string()), body)
            }
            _ => (None, line),
        };
        let mut words = shell_words(body, &mut uses).unwrap_or_else(|e| panic!("{e}"));
        let wait_for = if words.first().map(String::as_str) == Some("wait_for") {
            assert!(script.contains(shell::WAIT_FOR), "wait_for used but not defined");
            words.remove(0);
            Some(words.remove(0))
        } else {
            None
        };
        assert_eq!(
            words.first().map(String::as_str),
            Some("aws"),
            "not an aws command: {line}"
        );
        let (service, verb) = (words[1].clone(), words[2].clone());
        let required = VERBS
            .iter()
            .find(|(s, v, _)| *s == service && *v == verb)
            .unwrap_or_else(|| panic!("unknown command aws {service} {verb}"))
            .2;
        let mut positional = Vec::new();
        let mut flags: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut current: Option<String> = None;
        for w in &words[3..] {
            if w.starts_with("--") {
                assert!(!flags.contains_key(w), "{w} twice in {line}");
                flags.insert(w.clone(), Vec::new());
                current = Some(w.clone());
            } else if let Some(f) = &current {
                if let Some(v) = flags.get_mut(f) {
                    v.push(w.clone());
                }
            } else {
                positional.push(w.clone());
            }
        }
        for f in required.iter().chain(&["--region"]) {
            assert!(
                flags.get(*f).is_some_and(|v| !v.is_empty()),
                "aws {service} {verb} without {f}: {line}"
            );
        }
        if capture.is_some() || wait_for.is_some() {
            assert!(
                flags.contains_key("--query") && flags["--output"] == ["text"],
                "{line}"
            );
        }
        for var in &uses {
            assert!(
                captured.contains(var),
                "${var} used before it is captured: {line}"
            );
        }
        if let Some(var) = &capture {
            assert!(captured.insert(var.clone()), "{var} captured twice");
        }
        cmds.push(Cmd {
            capture,
            wait_for,
            service,
            verb,
            positional,
            flags,
            uses,
        });
    }
    cmds
}

/// Checks an expected command against one read back.
fn check(case: &str, got: &Cmd, want: &Cli) {
    assert_eq!(got.verb, want.verb, "{case}: {got:?}");
    for (flag, value) in &want.flags {
        let present: Vec<String> = if got.positional.contains(&flag.to_string()) {
            Vec::new()
        } else {
            got.flags
                .get(*flag)
                .unwrap_or_else(|| panic!("{case}: {} without {flag}: {got:?}", want.verb))
                .clone()
        };
        if *flag == "--ip-permissions" || value.starts_with('{') || value.starts_with("[{") {
            let got_json: Value = serde_json::from_str(&present.join(" ")).expect("JSON flag value");
            let want_json: Value = serde_json::from_str(value).expect("expected JSON");
            assert_eq!(got_json, want_json, "{case}: {flag}");
        } else {
            assert_eq!(present.join(" "), *value, "{case}: {flag} of {}", want.verb);
        }
    }
}

#[test]
fn every_action_kind_becomes_the_matching_commands() {
    let w = world();
    let cases = cases(&w);
    let mut seen = BTreeSet::new();
    for case in &cases {
        let script = aws_cli(&w.e, &case.actions).unwrap_or_else(|e| panic!("{}: {e}", case.name));
        let cmds = read_script(&script);
        let verbs: Vec<&str> = cmds.iter().map(|c| c.verb.as_str()).collect();
        let want: Vec<&str> = case.cli.iter().map(|c| c.verb).collect();
        assert_eq!(verbs, want, "{}:\n{script}", case.name);
        for (got, want) in cmds.iter().zip(&case.cli) {
            check(case.name, got, want);
        }
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
fn regions_and_profiles_follow_the_acting_account() {
    let w = world();
    // One account: no profiles. Two accounts: every command names its account's profile.
    let single = aws_cli(&w.e, &actions(json!([{"action": "create_route", "route_table": w.rt1, "destination": "0.0.0.0/0", "target": w.igw1}]))).unwrap();
    assert!(!single.contains("--profile"), "{single}");
    assert!(
        !single.contains("wait_for"),
        "helper defined only when used: {single}"
    );
    let case = cases(&w)
        .into_iter()
        .find(|c| c.name == "accept_peering by the other account")
        .unwrap();
    let script = aws_cli(&w.e, &case.actions).unwrap();
    for cmd in read_script(&script) {
        assert!(cmd.flags.contains_key("--profile"), "{cmd:?}");
    }
    assert!(script.contains(&format!(
        "#   account {A}: profile account-{A}\n#   account {B}: profile account-{B}\n"
    )));
    // The route in VPC-3 is made in eu-west-1.
    let eu = aws_cli(
        &w.e,
        &actions(json!([{"action": "delete_route", "route_table": w.rt3, "destination": "10.1.0.0/16"}])),
    )
    .unwrap();
    assert_eq!(read_script(&eu)[0].flags["--region"], ["eu-west-1"]);
}

#[test]
fn the_full_scenario_is_a_runnable_script() {
    let w = world();
    let script = aws_cli(&w.e, &scenario(&w)).unwrap();
    let cmds = read_script(&script);
    let find = |verb: &str| cmds.iter().filter(|c| c.verb == verb).collect::<Vec<_>>();
    let pcx = find("create-vpc-peering-connection");
    assert_eq!(pcx.len(), 1);
    assert_eq!(pcx[0].capture.as_deref(), Some("PCX_1"));
    assert_eq!(pcx[0].flags["--peer-owner-id"], [B]);
    let accept = find("accept-vpc-peering-connection");
    assert_eq!(accept[0].flags["--profile"], [format!("account-{B}")]);
    assert!(accept[0].uses.contains("PCX_1"));
    let routes = find("create-route");
    assert_eq!(routes.len(), 3);
    assert_eq!(routes[0].flags["--vpc-peering-connection-id"], ["$PCX_1"]);
    assert_eq!(routes[1].flags["--route-table-id"], std::slice::from_ref(&w.rt2));
    assert_eq!(routes[1].flags["--profile"], [format!("account-{B}")]);
    assert_eq!(routes[2].flags["--transit-gateway-id"], ["$TGW_1"]);
    let attach = find("create-transit-gateway-vpc-attachment");
    assert_eq!(attach[0].flags["--transit-gateway-id"], ["$TGW_1"]);
    assert_eq!(attach[0].capture.as_deref(), Some("TGW_ATTACH_1"));
    assert_eq!(
        find("associate-transit-gateway-route-table")[0].flags["--transit-gateway-route-table-id"],
        ["$TGW_RTB_1"]
    );
    let waits: Vec<&str> = cmds.iter().filter_map(|c| c.wait_for.as_deref()).collect();
    assert_eq!(
        waits,
        ["pending-acceptance", "available", "available", "available"]
    );
    assert_eq!(
        find("create-vpc-endpoint")[0].flags["--service-name"],
        ["com.amazonaws.us-east-1.s3"]
    );
    assert!(cmds.iter().all(|c| c.service == "ec2"));
}

#[test]
fn an_empty_log_is_an_empty_script_and_a_refused_action_names_its_index() {
    let w = world();
    let script = aws_cli(&w.e, &[]).unwrap();
    assert!(read_script(&script).is_empty());
    assert!(script.contains("0 actions"));
    let bad = actions(json!([
        {"action": "create_route", "route_table": w.rt1, "destination": "0.0.0.0/0", "target": w.igw1},
        {"action": "create_route", "route_table": w.rt1, "destination": "0.0.0.0/0", "target": w.igw1}
    ]));
    let err = aws_cli(&w.e, &bad).unwrap_err();
    assert_eq!(
        (err.index, err.action.as_str(), err.code.as_str()),
        (1, "create_route", "RouteAlreadyExists")
    );
    assert!(err
        .to_string()
        .starts_with("action 1 (create_route) is refused on replay: RouteAlreadyExists"));
}

#[test]
fn names_with_quotes_and_spaces_survive_the_shell() {
    let w = world();
    let name = r#"it's "my" $HOME `x`"#;
    let script = aws_cli(&w.e, &actions(json!([{"action": "create_subnet", "vpc": w.vpc1, "cidr": "10.1.9.0/24", "availability_zone": "us-east-1a", "name": name}]))).unwrap();
    let cmd = &read_script(&script)[0];
    let tags: Value = serde_json::from_str(&cmd.flags["--tag-specifications"][0]).unwrap();
    assert_eq!(tags[0]["Tags"][0]["Value"], json!(name));
    assert!(cmd.uses.is_empty());
}

#[test]
fn the_shell_word_parser_splits_as_bash_does() {
    let mut uses = BTreeSet::new();
    let words = shell_words(r#"aws 'a b' "c \"d\" ${X}e" $Y f'g'"#, &mut uses).unwrap();
    assert_eq!(words, ["aws", "a b", "c \"d\" $Xe", "$Y", "fg"]);
    assert_eq!(uses, BTreeSet::from(["X".to_string(), "Y".to_string()]));
    assert_eq!(shell_words(r"'it'\''s'", &mut uses).unwrap(), ["it's"]);
    for bad in ["a 'b", "a \"b", "a;b", "a $", "a | b", "a\\"] {
        assert!(shell_words(bad, &mut uses).is_err(), "{bad}");
    }
}

#[test]
fn every_prefix_of_every_log_reads_back_as_a_script() {
    let w = world();
    let mut logs: Vec<Vec<Action>> = cases(&w).into_iter().map(|c| c.actions).collect();
    logs.push(scenario(&w));
    for log in logs {
        for n in 0..=log.len() {
            let script = aws_cli(&w.e, &log[..n]).unwrap_or_else(|e| panic!("{e}"));
            let cmds = read_script(&script);
            assert!(cmds.len() >= n, "at least one command per action:\n{script}");
        }
    }
}
