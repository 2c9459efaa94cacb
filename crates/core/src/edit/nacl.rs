//! Network ACL entries.
//!
//! See "Control subnet traffic with network access control lists" and "Network ACL rules"
//! (userguide/nacl-rules.html): numbered rules evaluated lowest first, per direction, ending in the
//! `*` rule (32767) that denies.

use super::common::*;
use super::rules::{parse_protocol, port_in_range, protocol_label, rule_ports};
use super::{quotas, AclEntrySpec, Applied};
use crate::model::*;

fn check_rule_number(n: i64) -> Result<u16> {
    if (1..=32766).contains(&n) {
        Ok(n as u16)
    } else {
        Err(err(
            "InvalidParameterValue",
            format!("Invalid value '{n}' for ruleNumber: a network ACL rule number is 1 to 32766 (32767 is the final * rule)"),
        ))
    }
}

fn direction(egress: bool) -> &'static str {
    if egress {
        "outbound"
    } else {
        "inbound"
    }
}

/// The entry a spec describes: a rule number 1–32766, `allow` or `deny`, a port range for
/// TCP/UDP, type and code for ICMP.
fn entry_of(spec: &AclEntrySpec) -> Result<AclEntry> {
    let rule_number = check_rule_number(spec.rule_number)?;
    let protocol = parse_protocol(&spec.protocol)?;
    let allow = match spec.rule_action.trim().to_ascii_lowercase().as_str() {
        "allow" => true,
        "deny" => false,
        _ => {
            return Err(err(
                "InvalidParameterValue",
                format!(
                    "Invalid value '{}' for ruleAction: use allow or deny",
                    spec.rule_action
                ),
            ))
        }
    };
    let cidr = parse_cidr(&spec.cidr, "CIDR block", "cidrBlock")?;
    let (ports, icmp) = match protocol.port_use() {
        PortUse::Range => {
            let (Some(f), Some(t)) = (spec.from_port, spec.to_port) else {
                return Err(err(
                    "MissingParameter",
                    "The request must contain the parameter portRange (from_port and to_port) for TCP/UDP",
                ));
            };
            let (f, t) = (
                port_in_range(f, 0, "portRange.from")?,
                port_in_range(t, 0, "portRange.to")?,
            );
            if f > t {
                return Err(err(
                    "InvalidParameterValue",
                    format!("Invalid port range {f}-{t}: the from port must not exceed the to port"),
                ));
            }
            (Some((f as u16, t as u16)), None)
        }
        PortUse::IcmpTypeCode => {
            let (t, c) = rule_ports(protocol, spec.icmp_type, spec.icmp_code)?;
            (None, Some((t.unwrap_or(ICMP_ANY), c.unwrap_or(ICMP_ANY))))
        }
        PortUse::None => (None, None),
    };
    Ok(AclEntry {
        rule_number,
        egress: spec.egress,
        allow,
        protocol,
        cidr,
        ports,
        icmp,
    })
}

/// Where the entry with that number in that direction is.
fn position(acl: &NetworkAcl, egress: bool, number: u16) -> Option<usize> {
    acl.entries
        .iter()
        .position(|x| x.egress == egress && x.rule_number == number)
}

/// An entry as the history names it: "allow TCP 0.0.0.0/0".
fn describe(entry: &AclEntry) -> String {
    format!(
        "{} {} {}",
        if entry.allow { "allow" } else { "deny" },
        protocol_label(entry.protocol),
        entry.cidr
    )
}

/// `CreateNetworkAclEntry`: a rule number free in that direction (`NetworkAclEntryAlreadyExists`,
/// naming `replace_network_acl_entry`), at most [`quotas::RULES_PER_NETWORK_ACL`] rules per
/// direction. Rules are kept in number order.
pub(super) fn add_acl_entry(
    e: &mut Estate,
    actor: Actor,
    acl_id: &AclId,
    spec: &AclEntrySpec,
) -> Result<Applied> {
    // `Name (acl-…)` when the ACL has a Name tag.
    let shown = crate::reach::label(e, acl_id.as_str());
    let acl = network_acl(e, acl_id, actor)?;
    let entry = entry_of(spec)?;
    let number = entry.rule_number;
    if position(acl, entry.egress, number).is_some() {
        return Err(err(
            "NetworkAclEntryAlreadyExists",
            format!(
                "The network acl entry identified by {number} already exists. ({} rules of {shown}: \
                 replace_network_acl_entry changes it, or choose a free rule number)",
                direction(entry.egress)
            ),
        ));
    }
    let count = acl
        .entries
        .iter()
        .filter(|x| x.egress == entry.egress && x.rule_number != 32767)
        .count();
    if count >= quotas::RULES_PER_NETWORK_ACL {
        return Err(err(
            "NetworkAclEntryLimitExceeded",
            format!(
                "The maximum number of network ACL rules has been reached ({} per direction)",
                quotas::RULES_PER_NETWORK_ACL
            ),
        ));
    }
    let description = format!(
        "Added {} rule {number} to {acl_id}: {}",
        direction(entry.egress),
        describe(&entry)
    );
    if let Some(acl) = e.network_acls.get_mut(acl_id) {
        acl.entries.push(entry);
        crate::small::sort_by_key(&mut acl.entries, |x| (x.egress, x.rule_number));
    }
    Ok(Applied {
        created: vec![],
        description,
        warning: None,
    })
}

/// `ReplaceNetworkAclEntry`: the entry with that rule number in that direction gets the spec's
/// fields; AWS refuses when there is none (`InvalidNetworkAclEntry.NotFound`). See
/// "ReplaceNetworkAclEntry" (Amazon EC2 API Reference,
/// <https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ReplaceNetworkAclEntry.html>).
pub(super) fn replace_acl_entry(
    e: &mut Estate,
    actor: Actor,
    acl_id: &AclId,
    spec: &AclEntrySpec,
) -> Result<Applied> {
    let acl = network_acl(e, acl_id, actor)?;
    let entry = entry_of(spec)?;
    let number = entry.rule_number;
    let Some(pos) = position(acl, entry.egress, number) else {
        return Err(err(
            "InvalidNetworkAclEntry.NotFound",
            format!(
                "The network acl entry identified by {number} does not exist ({} rules of {acl_id}): \
                 add_network_acl_entry creates it",
                direction(entry.egress)
            ),
        ));
    };
    let description = format!(
        "Replaced {} rule {number} of {acl_id}: {}",
        direction(entry.egress),
        describe(&entry)
    );
    if let Some(acl) = e.network_acls.get_mut(acl_id) {
        acl.entries[pos] = entry;
    }
    Ok(Applied {
        created: vec![],
        description,
        warning: None,
    })
}

/// `DeleteNetworkAclEntry`: the numbered rule must exist in that direction
/// (`InvalidNetworkAclEntry.NotFound`); the final `*` rule cannot be removed.
pub(super) fn remove_acl_entry(
    e: &mut Estate,
    actor: Actor,
    acl_id: &AclId,
    rule_number: i64,
    egress: bool,
) -> Result<Applied> {
    let acl = network_acl(e, acl_id, actor)?;
    let number = check_rule_number(rule_number)?;
    let Some(pos) = position(acl, egress, number) else {
        return Err(err(
            "InvalidNetworkAclEntry.NotFound",
            format!(
                "The network acl entry identified by {number} does not exist ({} rules of {acl_id})",
                direction(egress)
            ),
        ));
    };
    if let Some(acl) = e.network_acls.get_mut(acl_id) {
        acl.entries.remove(pos);
    }
    Ok(Applied {
        created: vec![],
        description: format!("Removed {} rule {number} from {acl_id}", direction(egress)),
        warning: None,
    })
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::edit::{apply, Action, EditError};
    use crate::model::*;

    /// A VPC and its default network ACL (inbound and outbound rule 100 allow all, then `*`).
    fn vpc_acl() -> (Estate, AclId) {
        let mut e = Estate::default();
        let create: Action =
            serde_json::from_value(json!({"action": "create_vpc", "cidr": "10.1.0.0/16"})).unwrap();
        apply(&mut e, &create).unwrap();
        let acl = e.network_acls.keys().next().cloned().unwrap();
        (e, acl)
    }

    fn act(e: &mut Estate, v: Value) -> Result<String, EditError> {
        let action = Action::from_json(&v)?;
        apply(e, &action).map(|done| done.description)
    }

    #[test]
    fn replace_changes_the_entry_of_that_number_and_direction() {
        let (mut e, acl) = vpc_acl();
        let done = act(
            &mut e,
            json!({"action": "replace_network_acl_entry", "network_acl": acl, "rule_number": 100,
                   "protocol": "tcp", "rule_action": "deny", "cidr": "192.0.2.0/24", "from_port": 22, "to_port": 22}),
        )
        .unwrap();
        assert_eq!(
            done,
            format!("Replaced inbound rule 100 of {acl}: deny TCP 192.0.2.0/24")
        );
        let entries = &e.network_acls[&acl].entries;
        let inbound: Vec<_> = entries.iter().filter(|x| !x.egress).collect();
        assert_eq!(inbound.len(), 2, "replaced, not added: {entries:?}");
        let replaced = inbound[0];
        assert_eq!(
            (
                replaced.rule_number,
                replaced.allow,
                replaced.protocol,
                replaced.ports
            ),
            (100, false, Protocol::Tcp, Some((22, 22)))
        );
        assert_eq!(replaced.cidr.to_string(), "192.0.2.0/24");
        let outbound = entries.iter().find(|x| x.egress && x.rule_number == 100).unwrap();
        assert!(outbound.allow, "the outbound rule 100 is another entry");
    }

    #[test]
    fn replace_refuses_a_missing_entry_and_add_a_taken_number() {
        let (mut e, acl) = vpc_acl();
        let before = e.clone();
        let entry = json!({"network_acl": acl, "rule_number": 90, "egress": true, "protocol": "-1",
                           "rule_action": "allow", "cidr": "0.0.0.0/0"});
        let with = |action: &str, number: i64| {
            let mut v = entry.clone();
            v["action"] = json!(action);
            v["rule_number"] = json!(number);
            v
        };
        let err = act(&mut e, with("replace_network_acl_entry", 90)).unwrap_err();
        assert_eq!(err.code, "InvalidNetworkAclEntry.NotFound");
        assert!(
            err.message.contains(&format!(
                "identified by 90 does not exist (outbound rules of {acl})"
            )),
            "{err}"
        );
        assert!(err.message.contains("add_network_acl_entry"), "{err}");
        // A refused replace checks its arguments as add does.
        let err = act(&mut e, with("replace_network_acl_entry", 0)).unwrap_err();
        assert_eq!(err.code, "InvalidParameterValue");
        assert_eq!(e, before);

        let err = act(&mut e, with("add_network_acl_entry", 100)).unwrap_err();
        assert_eq!(err.code, "NetworkAclEntryAlreadyExists");
        assert!(
            err.message
                .starts_with("The network acl entry identified by 100 already exists."),
            "{err}"
        );
        assert!(
            err.message.contains(&format!("outbound rules of {acl}"))
                && err.message.contains("replace_network_acl_entry"),
            "{err}"
        );
        assert_eq!(e, before);
    }
}
