//! Security groups and their rules; the protocol and port parsing network ACL entries share.
//!
//! See "Security group rules" (userguide/security-group-rules.html).

use ipnet::{IpNet, Ipv4Net};

use super::common::*;
use super::{quotas, Applied, Direction, SgRuleSpec};
use crate::model::*;

/// `tcp`, `udp`, `icmp`, `-1`/`all`, or an IP protocol number 0–255.
pub(super) fn parse_protocol(input: &str) -> Result<Protocol> {
    let p = input.trim().to_ascii_lowercase();
    Ok(match p.as_str() {
        "-1" | "all" => Protocol::All,
        "tcp" | "6" => Protocol::Tcp,
        "udp" | "17" => Protocol::Udp,
        "icmp" | "1" => Protocol::Icmp,
        n => match n.parse::<u8>() {
            Ok(n) => Protocol::from_number(n),
            Err(_) => {
                return Err(err(
                    "InvalidParameterValue",
                    format!("Invalid value '{input}' for IP protocol. Unknown protocol: use tcp, udp, icmp, -1 (all) or a number 0-255."),
                ))
            }
        },
    })
}

pub(super) fn protocol_label(p: Protocol) -> String {
    match p {
        Protocol::All => "ALL".into(),
        Protocol::Tcp => "TCP".into(),
        Protocol::Udp => "UDP".into(),
        Protocol::Icmp => "ICMP".into(),
        Protocol::Number(n) => n.to_string(),
    }
}

pub(super) fn port_in_range(n: i64, lo: i64, what: &str) -> Result<i32> {
    if (lo..=65535).contains(&n) {
        Ok(n as i32)
    } else {
        Err(err(
            "InvalidParameterValue",
            format!("Invalid value '{n}' for {what}: it must be {lo} to 65535"),
        ))
    }
}

/// The ports of a rule as AWS stores them ([`Protocol::port_use`]): a range for TCP/UDP (both ends
/// needed, from ≤ to), type and code for ICMP ([`ICMP_ANY`] for any), nothing for other protocols.
pub(super) fn rule_ports(
    protocol: Protocol,
    from: Option<i64>,
    to: Option<i64>,
) -> Result<(Option<i32>, Option<i32>)> {
    match protocol.port_use() {
        PortUse::Range => {
            let (Some(f), Some(t)) = (from, to) else {
                return Err(err(
                    "InvalidParameterValue",
                    "Invalid value for portRange. Must specify both from and to ports with TCP/UDP.",
                ));
            };
            let (f, t) = (port_in_range(f, 0, "fromPort")?, port_in_range(t, 0, "toPort")?);
            if f > t {
                return Err(err(
                    "InvalidParameterValue",
                    format!("Invalid TCP/UDP port range {f}-{t}: the from port must not exceed the to port"),
                ));
            }
            Ok((Some(f), Some(t)))
        }
        PortUse::IcmpTypeCode => {
            let check = |v: Option<i64>, what: &str| -> Result<i32> {
                let v = v.unwrap_or(ICMP_ANY.into());
                if (i64::from(ICMP_ANY)..=255).contains(&v) {
                    Ok(v as i32)
                } else {
                    Err(err(
                        "InvalidParameterValue",
                        format!("Invalid ICMP {what} {v}: it must be -1 (any) to 255"),
                    ))
                }
            };
            Ok((Some(check(from, "type")?), Some(check(to, "code")?)))
        }
        PortUse::None => Ok((None, None)),
    }
}

/// Builds the rule of a spec for `group`. The peer is exactly one of a CIDR, a security group
/// (of the same VPC, or of a VPC peered with it in the same region: see "Update your security
/// groups to reference peer security groups", Amazon VPC Peering Guide) or a prefix list. When
/// `revoking`, a peer group that no longer exists still names the rule.
fn build_rule(e: &Estate, group: &SecurityGroup, spec: &SgRuleSpec, revoking: bool) -> Result<SgRule> {
    let protocol = parse_protocol(&spec.protocol)?;
    let (from_port, to_port) = rule_ports(protocol, spec.from_port, spec.to_port)?;
    let peer = match (
        spec.cidr.as_deref(),
        spec.peer_group.as_ref(),
        spec.prefix_list.as_ref(),
    ) {
        (Some(c), None, None) => SgPeer::Cidr(parse_cidr(c, "CIDR block", "cidrIp")?),
        (None, Some(g), None) => match e.security_groups.get(g) {
            None if revoking => SgPeer::Group {
                id: g.clone(),
                owner: None,
            },
            None => {
                return Err(err(
                    "InvalidGroup.NotFound",
                    format!("The security group '{g}' does not exist"),
                ))
            }
            Some(peer) => {
                if peer.vpc != group.vpc && !same_region_peers(e, &peer.vpc, &group.vpc) {
                    return Err(err(
                        "InvalidGroup.NotFound",
                        format!(
                            "You have specified two resources that belong to different networks: {g} is in {}, which is neither {} nor peered with it in the same region",
                            peer.vpc, group.vpc
                        ),
                    ));
                }
                SgPeer::Group {
                    id: g.clone(),
                    owner: Some(peer.owner.clone()),
                }
            }
        },
        (None, None, Some(p)) => {
            if !revoking && !e.prefix_lists.contains_key(p) {
                return Err(err(
                    "InvalidPrefixListID.NotFound",
                    format!("The prefix list ID '{p}' does not exist"),
                ));
            }
            SgPeer::PrefixList(p.clone())
        }
        (None, None, None) => {
            return Err(err(
                "MissingParameter",
                "A security group rule needs a peer: one of cidr, peer_group or prefix_list",
            ))
        }
        _ => {
            return Err(err(
                "InvalidParameterCombination",
                "A security group rule has one peer: give only one of cidr, peer_group, prefix_list",
            ))
        }
    };
    Ok(SgRule {
        protocol,
        from_port,
        to_port,
        peer,
        description: None,
    })
}

fn same_region_peers(e: &Estate, a: &VpcId, b: &VpcId) -> bool {
    e.peerings.values().any(|p| {
        p.status == PeeringStatus::Active
            && p.requester.region == p.accepter.region
            && ((&p.requester.vpc == a && &p.accepter.vpc == b)
                || (&p.requester.vpc == b && &p.accepter.vpc == a))
    })
}

fn same_rule(a: &SgRule, b: &SgRule) -> bool {
    let peer_eq = match (&a.peer, &b.peer) {
        (SgPeer::Group { id: x, .. }, SgPeer::Group { id: y, .. }) => x == y,
        (x, y) => x == y,
    };
    a.protocol == b.protocol && a.from_port == b.from_port && a.to_port == b.to_port && peer_eq
}

fn describe_rule(r: &SgRule) -> String {
    let peer = match &r.peer {
        SgPeer::Cidr(c) => c.to_string(),
        SgPeer::PrefixList(p) => p.to_string(),
        SgPeer::Group { id, .. } => id.to_string(),
    };
    match (r.from_port, r.to_port) {
        (Some(f), Some(t)) => format!(
            "peer: {peer}, {}, from port: {f}, to port: {t}, ALLOW",
            protocol_label(r.protocol)
        ),
        _ => format!("peer: {peer}, {}, ALLOW", protocol_label(r.protocol)),
    }
}

/// `CreateSecurityGroup`: a name unique in the VPC (`InvalidGroup.Duplicate`), not `default`
/// (`InvalidGroup.Reserved`); no inbound rules and all outbound allowed.
pub(super) fn create_security_group(
    e: &mut Estate,
    actor: Actor,
    vpc_id: &VpcId,
    name: &str,
    description: &str,
) -> Result<Applied> {
    // A participant of a shared VPC creates groups in it too.
    let vpc = e
        .vpcs
        .get(vpc_id)
        .filter(|v| {
            may_act(actor, &v.owner)
                || actor.is_some_and(|a| {
                    e.subnets
                        .values()
                        .any(|s| &s.vpc == vpc_id && s.shared_with.contains(a))
                })
        })
        .ok_or_else(|| {
            let why = match e.vpcs.get(vpc_id) {
                Some(v) if actor.is_some_and(|a| a != &v.owner) => format!(
                    "{}; no subnet of it is shared with this account yet: its owner shares one first (share_subnet)",
                    owned_by_other(actor, Some(&v.owner))
                ),
                _ => String::new(),
            };
            err(
                "InvalidVpcID.NotFound",
                format!("The vpc ID '{vpc_id}' does not exist{why}"),
            )
        })?;
    let name = name.trim();
    if name.is_empty() {
        return Err(err(
            "MissingParameter",
            "The request must contain the parameter groupName",
        ));
    }
    if name.eq_ignore_ascii_case("default") {
        return Err(err(
            "InvalidGroup.Reserved",
            "The security group name 'default' is reserved (every VPC has its default security group)",
        ));
    }
    if e.security_groups
        .values()
        .any(|g| &g.vpc == vpc_id && g.name == name)
    {
        return Err(err(
            "InvalidGroup.Duplicate",
            format!("The security group '{name}' already exists for VPC '{vpc_id}'"),
        ));
    }
    let owner = actor.cloned().unwrap_or_else(|| vpc.owner.clone());
    let region = vpc.region.clone();
    let id = SgId(new_id("sg", e.security_groups.len(), |s| {
        e.security_groups.contains_key(&SgId::from(s))
    }));
    e.security_groups.insert(
        id.clone(),
        SecurityGroup {
            id: id.clone(),
            owner: owner.clone(),
            region: region.clone(),
            vpc: vpc_id.clone(),
            name: name.to_string(),
            description: if description.is_empty() {
                name.to_string()
            } else {
                description.to_string()
            },
            ingress: vec![],
            egress: vec![SgRule {
                protocol: Protocol::All,
                from_port: None,
                to_port: None,
                peer: SgPeer::Cidr(IpNet::V4(Ipv4Net::default())),
                description: None,
            }],
        },
    );
    record_document(e, &owner, &region);
    Ok(Applied {
        created: vec![id.to_string()],
        description: format!("Created security group {id} ({name}) in {vpc_id}"),
        warning: None,
    })
}

/// `AuthorizeSecurityGroupIngress` / `…Egress`: refused if the rule exists
/// (`InvalidPermission.Duplicate`) or the group has [`quotas::RULES_PER_SECURITY_GROUP`] rules in
/// that direction.
pub(super) fn add_sg_rule(
    e: &mut Estate,
    actor: Actor,
    group_id: &SgId,
    spec: &SgRuleSpec,
    description: &Option<String>,
) -> Result<Applied> {
    let direction = spec.direction;
    let group = security_group(e, group_id, actor)?;
    let mut rule = build_rule(e, group, spec, false)?;
    rule.description = description.clone();
    let rules = match direction {
        Direction::Ingress => &group.ingress,
        Direction::Egress => &group.egress,
    };
    if rules.iter().any(|r| same_rule(r, &rule)) {
        return Err(err(
            "InvalidPermission.Duplicate",
            format!("the specified rule \"{}\" already exists", describe_rule(&rule)),
        ));
    }
    if rules.len() >= quotas::RULES_PER_SECURITY_GROUP {
        return Err(err(
            "RulesPerSecurityGroupLimitExceeded",
            format!(
                "The maximum number of rules per security group has been reached ({})",
                quotas::RULES_PER_SECURITY_GROUP
            ),
        ));
    }
    let text = describe_rule(&rule);
    if let Some(g) = e.security_groups.get_mut(group_id) {
        match direction {
            Direction::Ingress => g.ingress.push(rule),
            Direction::Egress => g.egress.push(rule),
        }
    }
    Ok(Applied {
        created: vec![],
        description: format!("Added {} rule to {group_id}: {text}", direction_name(direction)),
        warning: None,
    })
}

fn direction_name(d: Direction) -> &'static str {
    match d {
        Direction::Ingress => "inbound",
        Direction::Egress => "outbound",
    }
}

/// `RevokeSecurityGroupIngress` / `…Egress`: the rule must exist (`InvalidPermission.NotFound`).
pub(super) fn remove_sg_rule(
    e: &mut Estate,
    actor: Actor,
    group_id: &SgId,
    spec: &SgRuleSpec,
) -> Result<Applied> {
    let direction = spec.direction;
    let group = security_group(e, group_id, actor)?;
    let rule = build_rule(e, group, spec, true)?;
    let rules = match direction {
        Direction::Ingress => &group.ingress,
        Direction::Egress => &group.egress,
    };
    let Some(pos) = rules.iter().position(|r| same_rule(r, &rule)) else {
        return Err(err(
            "InvalidPermission.NotFound",
            format!(
                "The specified rule does not exist in this security group: no {} rule \"{}\" in {group_id}",
                direction_name(direction),
                describe_rule(&rule)
            ),
        ));
    };
    if let Some(g) = e.security_groups.get_mut(group_id) {
        match direction {
            Direction::Ingress => g.ingress.remove(pos),
            Direction::Egress => g.egress.remove(pos),
        };
    }
    Ok(Applied {
        created: vec![],
        description: format!(
            "Removed {} rule from {group_id}: {}",
            direction_name(direction),
            describe_rule(&rule)
        ),
        warning: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn protocols() {
        let table = [
            ("tcp", Some(Protocol::Tcp)),
            ("TCP", Some(Protocol::Tcp)),
            ("6", Some(Protocol::Tcp)),
            ("udp", Some(Protocol::Udp)),
            ("icmp", Some(Protocol::Icmp)),
            ("-1", Some(Protocol::All)),
            ("all", Some(Protocol::All)),
            ("47", Some(Protocol::Number(47))),
            // Found by the share_state fuzz target: "01" was Number(1), not Icmp, so it did not
            // survive an export and re-import.
            ("01", Some(Protocol::Icmp)),
            ("006", Some(Protocol::Tcp)),
            ("+17", Some(Protocol::Udp)),
            ("256", None),
            ("gre", None),
            ("", None),
        ];
        for (input, want) in table {
            assert_eq!(parse_protocol(input).ok(), want, "{input}");
        }
    }

    #[test]
    fn ports() {
        assert_eq!(
            rule_ports(Protocol::Tcp, Some(22), Some(22)).unwrap(),
            (Some(22), Some(22))
        );
        assert_eq!(rule_ports(Protocol::All, Some(22), None).unwrap(), (None, None));
        assert_eq!(
            rule_ports(Protocol::Icmp, None, None).unwrap(),
            (Some(-1), Some(-1))
        );
        for (f, t) in [
            (Some(22), None),
            (None, Some(22)),
            (Some(443), Some(80)),
            (Some(-1), Some(5)),
            (Some(1), Some(65536)),
        ] {
            assert_eq!(
                rule_ports(Protocol::Tcp, f, t).unwrap_err().code,
                "InvalidParameterValue",
                "{f:?}-{t:?}"
            );
        }
        assert!(rule_ports(Protocol::Icmp, Some(256), None).is_err());
    }
}
