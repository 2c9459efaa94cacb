//! The actions as a bash script of AWS CLI v2 commands.
//!
//! Flags are those of the AWS CLI Command Reference (`aws ec2 create-vpc-peering-connection`,
//! `accept-vpc-peering-connection`, `create-route`, `create-subnet`, `create-internet-gateway`,
//! `attach-internet-gateway`, `allocate-address`, `create-nat-gateway`, `create-vpc-endpoint`,
//! `modify-vpc-endpoint`, `create-transit-gateway`, `create-transit-gateway-vpc-attachment`,
//! `associate-transit-gateway-route-table`, `enable-transit-gateway-route-table-propagation`,
//! `create-transit-gateway-route`, `authorize-security-group-ingress`,
//! `create-network-acl-entry`, `run-instances`; `aws ram create-resource-share`). Every command
//! carries `--region` (and `--profile account-ID` when the actions span several accounts), so the
//! script does not depend on the caller's defaults.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Value};

use super::shell::{Command, Part, Word, WAIT_FOR};
use super::*;
use crate::edit::{AclEntrySpec, Direction, SgRuleSpec};

mod hybrid;
mod parts;
mod steps;

/// The actions as a bash script: one or a few commands per action, in order, each preceded by a
/// comment naming the action and what it did. Ids created by the script are captured in shell
/// variables (`VPC_1`, `PCX_1` …) and used by later commands; ids of the start estate are literal.
/// Where AWS needs a step vpclab does not model (waiting for a transit gateway to become
/// available, accepting a shared transit gateway's attachment), the script does it.
///
/// # Examples
/// ```
/// use vpclab_core::edit::{apply, Action};
/// use vpclab_core::export::aws_cli;
/// use vpclab_core::model::Estate;
///
/// let actions: Vec<Action> = serde_json::from_str(r#"[
///     {"action": "create_vpc", "cidr": "10.1.0.0/16", "name": "app"},
///     {"action": "create_internet_gateway"}
/// ]"#).unwrap();
/// let script = aws_cli(&Estate::default(), &actions).unwrap();
/// assert!(script.starts_with("#!/usr/bin/env bash\n"));
/// assert!(script.contains("VPC_1=$(aws ec2 create-vpc --cidr-block 10.1.0.0/16"));
/// assert!(script.contains("IGW_1=$(aws ec2 create-internet-gateway"));
/// ```
pub fn aws_cli(start: &Estate, actions: &[Action]) -> Result<String, ExportError> {
    let replay = Replay::run(start, actions)?;
    let scopes = replay.scopes();
    let accounts = accounts_of(&scopes);
    let mut w = Script {
        replay: &replay,
        profiles: accounts.len() > 1,
        vars: BTreeMap::new(),
        counter: Counter::default(),
        body: Vec::new(),
        uses_wait: false,
        shared_tgws: BTreeSet::new(),
    };
    for step in replay.steps() {
        w.step(&step);
    }
    let mut out = String::from("#!/usr/bin/env bash\n");
    out.push_str(&format!(
        "# vpclab export: {} action{} as AWS CLI v2 commands, in the order they were taken.\n",
        actions.len(),
        if actions.len() == 1 { "" } else { "s" }
    ));
    out.push_str("# Ids created here are kept in shell variables; ids of the starting estate are literal.\n");
    out.push_str("# Ids in the comments are the ones vpclab gave; AWS gives its own.\n");
    if w.profiles {
        out.push_str(
            "# The actions span several accounts: each command names the AWS CLI profile of its account.\n",
        );
        for a in &accounts {
            out.push_str(&format!("#   account {a}: profile account-{a}\n"));
        }
    }
    out.push_str("set -euo pipefail\n");
    if w.uses_wait {
        out.push_str("# wait_for STATE COMMAND…: runs the describe COMMAND every 15 s until it prints STATE (20 min at most).\n");
        out.push_str(WAIT_FOR);
        out.push('\n');
    }
    for line in &w.body {
        out.push_str(line);
        out.push('\n');
    }
    Ok(out)
}

/// The script being written.
struct Script<'r> {
    replay: &'r Replay<'r>,
    /// Name the profile of each command's account (several accounts).
    profiles: bool,
    /// Created id → shell variable.
    vars: BTreeMap<String, String>,
    counter: Counter,
    body: Vec<String>,
    uses_wait: bool,
    /// Transit gateways already shared with an account through AWS RAM by this script.
    shared_tgws: BTreeSet<(String, AccountId)>,
}

impl Script<'_> {
    /// The word for an id: its variable when the script created it, else the literal id.
    fn id(&self, id: &str) -> Word {
        let id = id.trim();
        match self.vars.get(id) {
            Some(var) => Word::var(var.as_str()),
            None => Word::lit(id),
        }
    }

    fn ids<T: std::fmt::Display>(&self, ids: &[T]) -> Vec<Word> {
        ids.iter().map(|i| self.id(&i.to_string())).collect()
    }

    /// A new variable for `id` (named after its kind).
    fn bind(&mut self, id: &str) -> String {
        let var = self.counter.next(kind_of(id)).to_ascii_uppercase();
        self.vars.insert(id.to_string(), var.clone());
        var
    }

    /// A new variable named `stem` for `id` (Direct Connect ids have no prefix to name them by).
    fn bind_as(&mut self, id: &str, stem: &str) -> String {
        let var = self.counter.next(stem).to_ascii_uppercase();
        self.vars.insert(id.to_string(), var.clone());
        var
    }

    /// A new variable for a value that is not a resource id (an association, an allocation).
    fn scratch(&mut self, stem: &str) -> String {
        self.counter.next(stem).to_ascii_uppercase()
    }

    /// Adds `--region` (and `--profile`) for `scope` and writes the command.
    fn emit(&mut self, scope: &Scope, cmd: Command) {
        let mut cmd = cmd.arg("--region", Word::lit(scope.region.as_str()));
        if self.profiles {
            cmd = cmd.arg("--profile", Word::lit(format!("account-{}", scope.account)));
        }
        if cmd.wait_for.is_some() {
            self.uses_wait = true;
        }
        self.body.push(cmd.render());
    }

    fn comment(&mut self, text: &str) {
        for line in text.lines() {
            self.body.push(format!("# {line}"));
        }
    }

    /// A JSON argument, with the ids the script created replaced by their variables.
    fn json(&self, value: &Value) -> Word {
        let text = value.to_string();
        let mut found: Vec<(&str, &str)> = Vec::new();
        let mut strings = Vec::new();
        collect_strings(value, &mut strings);
        for s in &strings {
            if let Some((id, var)) = self.vars.get_key_value(s.as_str()) {
                found.push((id.as_str(), var.as_str()));
            }
        }
        let mut parts = vec![Part::Lit(text)];
        for (id, var) in found {
            let quoted = format!("\"{id}\"");
            let mut next = Vec::new();
            for p in parts {
                match p {
                    Part::Lit(s) if s.contains(&quoted) => {
                        let pieces: Vec<&str> = s.split(&quoted).collect();
                        for (i, piece) in pieces.iter().enumerate() {
                            if i > 0 {
                                next.push(Part::Lit("\"".into()));
                                next.push(Part::Var(var.to_string()));
                                next.push(Part::Lit("\"".into()));
                            }
                            next.push(Part::Lit(piece.to_string()));
                        }
                    }
                    other => next.push(other),
                }
            }
            parts = next;
        }
        Word(parts)
    }

    /// `--tag-specifications` with the Name tag, when there is a name.
    fn tags(resource_type: &str, name: &Option<String>) -> Option<Word> {
        name.as_ref().map(|n| {
            Word::lit(
                json!([{"ResourceType": resource_type, "Tags": [{"Key": "Name", "Value": n}]}]).to_string(),
            )
        })
    }
}

/// The full service name an endpoint resolved to (`com.amazonaws.us-east-1.s3`).
fn service_name(step: &LoggedStep, id: &str) -> String {
    step.after
        .endpoints
        .get(&VpceId::from(id))
        .map(|v| v.service_name.clone())
        .unwrap_or_default()
}

/// The fields of a security-group rule, as `--ip-permissions` JSON.
/// A security-group rule and the description it is added with.
struct SgRuleArgs<'a> {
    rule: &'a SgRuleSpec,
    description: Option<&'a str>,
}

impl SgRuleArgs<'_> {
    /// One `IpPermission`: the protocol, ports (type and code for ICMP) and one peer. A peer group
    /// of another account (a peered VPC) carries its `UserId`. See "AuthorizeSecurityGroupIngress"
    /// (Amazon EC2 API Reference) for the structure.
    fn ip_permissions(&self, step: &LoggedStep, group: &SgId) -> Value {
        let rule = self.rule;
        let protocol = protocol_name(&rule.protocol);
        let mut perm = serde_json::Map::new();
        perm.insert("IpProtocol".into(), json!(protocol));
        match protocol.as_str() {
            "tcp" | "udp" => {
                perm.insert("FromPort".into(), json!(rule.from_port));
                perm.insert("ToPort".into(), json!(rule.to_port));
            }
            "icmp" => {
                perm.insert("FromPort".into(), json!(rule.from_port.unwrap_or(-1)));
                perm.insert("ToPort".into(), json!(rule.to_port.unwrap_or(-1)));
            }
            _ => {}
        }
        let with_description = |mut m: serde_json::Map<String, Value>| {
            if let Some(d) = self.description {
                m.insert("Description".into(), json!(d));
            }
            Value::Object(m)
        };
        if let Some(c) = &rule.cidr {
            let c = c.trim();
            let (list, key) = match dest_kind(c) {
                DestKind::Ipv6 => ("Ipv6Ranges", "CidrIpv6"),
                _ => ("IpRanges", "CidrIp"),
            };
            let mut m = serde_json::Map::new();
            m.insert(key.into(), json!(c));
            perm.insert(list.into(), json!([with_description(m)]));
        } else if let Some(g) = &rule.peer_group {
            let mut m = serde_json::Map::new();
            m.insert("GroupId".into(), json!(g.as_str()));
            let owner = |e: &Estate, id: &SgId| e.security_groups.get(id).map(|x| x.owner.clone());
            let peer_owner = owner(step.before, g);
            if peer_owner.is_some() && peer_owner != owner(step.before, group) {
                m.insert("UserId".into(), json!(peer_owner));
            }
            perm.insert("UserIdGroupPairs".into(), json!([with_description(m)]));
        } else if let Some(p) = &rule.prefix_list {
            let mut m = serde_json::Map::new();
            m.insert("PrefixListId".into(), json!(p.as_str()));
            perm.insert("PrefixListIds".into(), json!([with_description(m)]));
        }
        json!([Value::Object(perm)])
    }
}

#[cfg(test)]
mod tests;
