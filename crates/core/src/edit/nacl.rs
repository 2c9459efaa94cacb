//! Network ACL entries.
//!
//! See "Control subnet traffic with network access control lists" and "Network ACL rules"
//! (userguide/nacl-rules.html): numbered rules evaluated lowest first, per direction, ending in the
//! `*` rule (32767) that denies.

use super::common::*;
use super::rules::{parse_protocol, port_in_range, protocol_label, rule_ports};
use super::{quotas, Applied};
use crate::model::*;

/// The fields of a network ACL entry.
pub(super) struct AclEntrySpec<'a> {
    pub rule_number: i64,
    pub egress: bool,
    pub protocol: &'a str,
    pub rule_action: &'a str,
    pub cidr: &'a str,
    pub ports: (Option<i64>, Option<i64>),
    pub icmp: (Option<i64>, Option<i64>),
}

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

/// `CreateNetworkAclEntry`: a rule number 1–32766 free in that direction
/// (`NetworkAclEntryAlreadyExists`), a port range for TCP/UDP, at most
/// [`quotas::RULES_PER_NETWORK_ACL`] rules per direction. Rules are kept in number order.
pub(super) fn add_acl_entry(
    e: &mut Estate,
    actor: Actor,
    acl_id: &AclId,
    spec: AclEntrySpec,
) -> Result<Applied> {
    let acl = network_acl(e, acl_id, actor)?;
    let number = check_rule_number(spec.rule_number)?;
    let protocol = parse_protocol(spec.protocol)?;
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
    let cidr = parse_cidr(spec.cidr, "CIDR block", "cidrBlock")?;
    let (ports, icmp) = match protocol {
        Protocol::Tcp | Protocol::Udp => {
            let (Some(f), Some(t)) = spec.ports else {
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
        Protocol::Icmp => {
            let (t, c) = rule_ports(Protocol::Icmp, spec.icmp.0, spec.icmp.1)?;
            (None, Some((t.unwrap_or(-1), c.unwrap_or(-1))))
        }
        _ => (None, None),
    };
    if acl
        .entries
        .iter()
        .any(|x| x.egress == spec.egress && x.rule_number == number)
    {
        return Err(err(
            "NetworkAclEntryAlreadyExists",
            format!("The network acl entry identified by {number} already exists."),
        ));
    }
    let count = acl
        .entries
        .iter()
        .filter(|x| x.egress == spec.egress && x.rule_number != 32767)
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
    if let Some(acl) = e.network_acls.get_mut(acl_id) {
        acl.entries.push(AclEntry {
            rule_number: number,
            egress: spec.egress,
            allow,
            protocol,
            cidr,
            ports,
            icmp,
        });
        crate::small::sort_by_key(&mut acl.entries, |x| (x.egress, x.rule_number));
    }
    Ok(Applied {
        created: vec![],
        description: format!(
            "Added {} rule {number} to {acl_id}: {} {} {cidr}",
            if spec.egress { "outbound" } else { "inbound" },
            if allow { "allow" } else { "deny" },
            protocol_label(protocol)
        ),
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
    let Some(pos) = acl
        .entries
        .iter()
        .position(|x| x.egress == egress && x.rule_number == number)
    else {
        return Err(err(
            "InvalidNetworkAclEntry.NotFound",
            format!(
                "The network acl entry identified by {number} does not exist ({} rules of {acl_id})",
                if egress { "outbound" } else { "inbound" }
            ),
        ));
    };
    if let Some(acl) = e.network_acls.get_mut(acl_id) {
        acl.entries.remove(pos);
    }
    Ok(Applied {
        created: vec![],
        description: format!(
            "Removed {} rule {number} from {acl_id}",
            if egress { "outbound" } else { "inbound" }
        ),
        warning: None,
    })
}
