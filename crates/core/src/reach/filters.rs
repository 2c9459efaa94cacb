//! Security groups and network ACLs as pure functions of a packet.
//!
//! Security groups are stateful and allow-only: a packet passes if any rule of any group of the
//! interface allows it, and the reply of an allowed flow is always allowed. Network ACLs are
//! stateless: numbered rules, lowest first, the first rule that matches decides, and a final
//! `*` rule denies. See "Control traffic to your AWS resources using security groups"
//! (vpc-security-groups.html) and "Control subnet traffic with network access control lists"
//! (vpc-network-acls.html), Amazon VPC User Guide.

use std::collections::BTreeMap;
use std::net::IpAddr;

use ipnet::IpNet;

use super::query::Proto;
use crate::model::{AclEntry, PrefixList, PrefixListId, Protocol, SecurityGroup, SgId, SgPeer, SgRule};

/// ICMP echo request: the type a forward ICMP probe uses.
pub const ICMP_ECHO_REQUEST: i32 = 8;
/// ICMP echo reply: the type of the reply.
pub const ICMP_ECHO_REPLY: i32 = 0;
/// ICMPv6 echo request and reply (RFC 4443): the types of an IPv6 probe and its reply.
pub const ICMPV6_ECHO_REQUEST: i32 = 128;
pub const ICMPV6_ECHO_REPLY: i32 = 129;

/// What a filter is asked about: protocol, destination ports (a range: the reply goes to one of
/// the client's ephemeral ports, and every one of them must pass), ICMP type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Traffic {
    pub proto: Proto,
    /// Destination ports, inclusive (TCP, UDP).
    pub ports: (u16, u16),
    /// ICMP type (ICMP).
    pub icmp_type: i32,
}

/// The other end of a packet, as a filter sees it.
#[derive(Debug, Clone, Copy)]
pub struct Remote<'a> {
    pub ip: IpAddr,
    /// The remote interface's security groups, when group references apply to it (same VPC, or
    /// a peered VPC in the same region, with the address untranslated).
    pub groups: &'a [SgId],
}

fn protocol_number(p: Protocol) -> Option<u8> {
    match p {
        Protocol::All => None,
        Protocol::Tcp => Some(6),
        Protocol::Udp => Some(17),
        Protocol::Icmp => Some(1),
        Protocol::Number(n) => Some(n),
    }
}

/// Whether a rule's protocol covers the traffic's. `all` traffic is covered only by an
/// all-protocols rule. ICMP over IPv6 is ICMPv6 (protocol 58): a rule for ICMP (1) does not
/// cover it, nor the other way round ("Security group rules", vpc-security-group-rules.html:
/// `icmpv6`; "Network ACL rules", nacl-rules.html).
fn protocol_covers(rule: Protocol, traffic: Proto, ipv6: bool) -> bool {
    let Some(n) = protocol_number(rule) else {
        return true;
    };
    match traffic {
        Proto::All => false,
        Proto::Tcp => n == 6,
        Proto::Udp => n == 17,
        Proto::Icmp if ipv6 => n == 58,
        Proto::Icmp => n == 1,
    }
}

fn peer_matches(peer: &SgPeer, remote: &Remote, prefix_lists: &BTreeMap<PrefixListId, PrefixList>) -> bool {
    let holds = |net: &IpNet| net.contains(&remote.ip);
    match peer {
        SgPeer::Cidr(net) => holds(net),
        SgPeer::PrefixList(id) => prefix_lists.get(id).is_some_and(|pl| pl.cidrs.iter().any(holds)),
        SgPeer::Group { id, .. } => remote.groups.contains(id),
    }
}

/// Whether one security-group rule allows the traffic from/to `remote`. Ports: `None` or -1 is
/// every port; for ICMP `from_port` is the type and `to_port` the code (-1 any).
pub fn sg_rule_allows(
    rule: &SgRule,
    traffic: &Traffic,
    remote: &Remote,
    prefix_lists: &BTreeMap<PrefixListId, PrefixList>,
) -> bool {
    if !protocol_covers(rule.protocol, traffic.proto, remote.ip.is_ipv6())
        || !peer_matches(&rule.peer, remote, prefix_lists)
    {
        return false;
    }
    if protocol_number(rule.protocol).is_none() {
        return true;
    }
    match traffic.proto {
        Proto::Tcp | Proto::Udp => match (rule.from_port, rule.to_port) {
            (None, _) | (Some(-1), _) => true,
            (Some(from), to) => {
                let to = to.unwrap_or(from);
                from <= i32::from(traffic.ports.0) && i32::from(traffic.ports.1) <= to
            }
        },
        Proto::Icmp => match rule.from_port {
            None | Some(-1) => true,
            Some(t) => t == traffic.icmp_type,
        },
        Proto::All => true,
    }
}

/// The first rule (group, rule) of `groups` that allows the traffic, in the direction given.
pub fn sg_allows<'g>(
    groups: &[&'g SecurityGroup],
    ingress: bool,
    traffic: &Traffic,
    remote: &Remote,
    prefix_lists: &BTreeMap<PrefixListId, PrefixList>,
) -> Option<(&'g SecurityGroup, &'g SgRule)> {
    groups.iter().find_map(|sg| {
        let rules = if ingress { &sg.ingress } else { &sg.egress };
        rules
            .iter()
            .find(|r| sg_rule_allows(r, traffic, remote, prefix_lists))
            .map(|r| (*sg, r))
    })
}

/// A security-group rule in words: `ingress tcp 22 from 10.0.0.0/16`.
pub fn describe_sg_rule(rule: &SgRule, ingress: bool) -> String {
    let proto = match rule.protocol {
        Protocol::All => "all traffic".to_string(),
        Protocol::Tcp => "tcp".into(),
        Protocol::Udp => "udp".into(),
        Protocol::Icmp => "icmp".into(),
        Protocol::Number(n) => format!("protocol {n}"),
    };
    let ports = match (rule.protocol, rule.from_port, rule.to_port) {
        (Protocol::All, _, _) | (_, None, _) | (_, Some(-1), _) => String::new(),
        (Protocol::Icmp, Some(t), _) => format!(" type {t}"),
        (_, Some(f), Some(t)) if f != t => format!(" {f}-{t}"),
        (_, Some(f), _) => format!(" {f}"),
    };
    let peer = match &rule.peer {
        SgPeer::Cidr(c) => c.to_string(),
        SgPeer::PrefixList(p) => p.to_string(),
        SgPeer::Group { id, .. } => format!("members of {id}"),
    };
    let dir = if ingress { "ingress" } else { "egress" };
    let word = if ingress { "from" } else { "to" };
    format!("{dir} {proto}{ports} {word} {peer}")
}

/// How a network ACL decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AclVerdict<'a> {
    /// Every asked port passed; the rule that allowed (the last one needed).
    Allow(&'a AclEntry),
    /// A rule denies (some of) the ports: the rule and the first denied port range.
    Deny(&'a AclEntry, (u16, u16)),
    /// No rule matched (some of) the ports: the ACL's final implicit deny.
    ImplicitDeny((u16, u16)),
}

fn entry_covers_type(entry: &AclEntry, traffic: &Traffic) -> bool {
    match entry.icmp {
        None => true,
        Some((t, _)) => t == -1 || t == traffic.icmp_type,
    }
}

/// Evaluates a network ACL's rules for one direction (`egress`), remote address `remote` (the
/// destination for outbound rules, the source for inbound ones) and the traffic.
///
/// Rules go lowest number first; the first that matches decides. For a port range (a reply to
/// any of the client's ephemeral ports), each port is decided by its own first matching rule and
/// all of them must be allowed. For `all` traffic, a deny rule of any protocol denies, and only
/// an allow-all rule allows.
pub fn acl_evaluate<'a>(
    entries: &[&'a AclEntry],
    egress: bool,
    remote: IpAddr,
    traffic: &Traffic,
) -> AclVerdict<'a> {
    let mut open: Vec<(u16, u16)> = vec![traffic.ports];
    let mut last_allow = None;
    for entry in entries.iter().filter(|e| e.egress == egress) {
        // An entry's block is of one family: IPv4 traffic is decided by IPv4 entries (and the
        // IPv4 `*` rule), IPv6 traffic by IPv6 ones ("Network ACL rules", nacl-rules.html).
        if !entry.cidr.contains(&remote) {
            continue;
        }
        if traffic.proto == Proto::All {
            if !entry.allow {
                return AclVerdict::Deny(entry, traffic.ports);
            }
            if protocol_number(entry.protocol).is_none() {
                return AclVerdict::Allow(entry);
            }
            continue;
        }
        if !protocol_covers(entry.protocol, traffic.proto, remote.is_ipv6()) {
            continue;
        }
        let rule_ports = match (traffic.proto, entry.ports) {
            (Proto::Tcp | Proto::Udp, Some(range)) if protocol_number(entry.protocol).is_some() => range,
            _ => (0, u16::MAX),
        };
        if traffic.proto == Proto::Icmp
            && protocol_number(entry.protocol).is_some()
            && !entry_covers_type(entry, traffic)
        {
            continue;
        }
        let mut rest = Vec::new();
        for &(lo, hi) in &open {
            let (a, b) = (lo.max(rule_ports.0), hi.min(rule_ports.1));
            if a > b {
                rest.push((lo, hi));
                continue;
            }
            if !entry.allow {
                return AclVerdict::Deny(entry, (a, b));
            }
            if lo < a {
                rest.push((lo, a - 1));
            }
            if b < hi {
                rest.push((b + 1, hi));
            }
        }
        if entry.allow && rest != open {
            last_allow = Some(*entry);
        }
        open = rest;
        if open.is_empty() {
            if let Some(e) = last_allow {
                return AclVerdict::Allow(e);
            }
        }
    }
    match open.first() {
        Some(first) => AclVerdict::ImplicitDeny(*first),
        None => match last_allow {
            Some(e) => AclVerdict::Allow(e),
            None => AclVerdict::ImplicitDeny(traffic.ports),
        },
    }
}

/// A network ACL rule in words: `rule 100 allow tcp 22 from 10.0.0.0/16`.
pub fn describe_acl_entry(entry: &AclEntry) -> String {
    let number = if entry.rule_number == 32767 {
        "rule *".to_string()
    } else {
        format!("rule {}", entry.rule_number)
    };
    let action = if entry.allow { "allow" } else { "deny" };
    let proto = match entry.protocol {
        Protocol::All => "all traffic".to_string(),
        Protocol::Tcp => "tcp".into(),
        Protocol::Udp => "udp".into(),
        Protocol::Icmp => "icmp".into(),
        Protocol::Number(n) => format!("protocol {n}"),
    };
    let ports = match entry.ports {
        Some((a, b)) if entry.protocol != Protocol::All && a == b => format!(" {a}"),
        Some((a, b)) if entry.protocol != Protocol::All => format!(" {a}-{b}"),
        _ => String::new(),
    };
    let dir = if entry.egress { "to" } else { "from" };
    format!("{number} {action} {proto}{ports} {dir} {}", entry.cidr)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(
        n: u16,
        egress: bool,
        allow: bool,
        protocol: Protocol,
        cidr: &str,
        ports: Option<(u16, u16)>,
    ) -> AclEntry {
        AclEntry {
            rule_number: n,
            egress,
            allow,
            protocol,
            cidr: cidr.parse().unwrap(),
            ports,
            icmp: None,
        }
    }

    fn tcp(ports: (u16, u16)) -> Traffic {
        Traffic {
            proto: Proto::Tcp,
            ports,
            icmp_type: 0,
        }
    }

    /// "Network ACL rules": lowest number first, first match decides, implicit deny, ports.
    #[test]
    fn acl_rule_order_table() {
        let remote: IpAddr = "198.51.100.7".parse().unwrap();
        let star = entry(32767, false, false, Protocol::All, "0.0.0.0/0", None);
        let cases: Vec<(&str, Vec<AclEntry>, Traffic, &str)> = vec![
            (
                "first match decides: allow 100 before deny 200",
                vec![
                    entry(200, false, false, Protocol::Tcp, "0.0.0.0/0", Some((22, 22))),
                    entry(100, false, true, Protocol::Tcp, "198.51.100.0/24", Some((22, 22))),
                    star.clone(),
                ],
                tcp((22, 22)),
                "allow 100",
            ),
            (
                "a lower deny wins over a later allow",
                vec![
                    entry(90, false, false, Protocol::All, "198.51.100.7/32", None),
                    entry(100, false, true, Protocol::All, "0.0.0.0/0", None),
                    star.clone(),
                ],
                tcp((443, 443)),
                "deny 90",
            ),
            (
                "only the * rule: implicit deny",
                vec![star.clone()],
                tcp((22, 22)),
                "deny 32767",
            ),
            (
                "no rules at all: implicit deny",
                vec![],
                tcp((22, 22)),
                "implicit",
            ),
            (
                "egress rules do not decide inbound traffic",
                vec![entry(100, true, true, Protocol::All, "0.0.0.0/0", None)],
                tcp((22, 22)),
                "implicit",
            ),
            (
                "ephemeral range fully allowed",
                vec![
                    entry(100, false, true, Protocol::Tcp, "0.0.0.0/0", Some((1024, 65535))),
                    star.clone(),
                ],
                tcp((32768, 60999)),
                "allow 100",
            ),
            (
                "ephemeral range partly allowed: the rest meets the * rule",
                vec![
                    entry(100, false, true, Protocol::Tcp, "0.0.0.0/0", Some((49152, 65535))),
                    star.clone(),
                ],
                tcp((32768, 60999)),
                "deny 32767 32768-49151",
            ),
            (
                "two rules together cover the range",
                vec![
                    entry(100, false, true, Protocol::Tcp, "0.0.0.0/0", Some((1024, 40000))),
                    entry(110, false, true, Protocol::Tcp, "0.0.0.0/0", Some((40001, 65535))),
                    star.clone(),
                ],
                tcp((32768, 60999)),
                "allow 110",
            ),
            (
                "a deny inside the range",
                vec![
                    entry(50, false, false, Protocol::Tcp, "0.0.0.0/0", Some((50000, 50010))),
                    entry(100, false, true, Protocol::Tcp, "0.0.0.0/0", Some((1024, 65535))),
                ],
                tcp((32768, 60999)),
                "deny 50 50000-50010",
            ),
            (
                "udp rule does not match tcp",
                vec![
                    entry(100, false, true, Protocol::Udp, "0.0.0.0/0", Some((53, 53))),
                    star.clone(),
                ],
                tcp((53, 53)),
                "deny 32767",
            ),
            (
                "all: an allow-tcp rule is not enough",
                vec![
                    entry(100, false, true, Protocol::Tcp, "0.0.0.0/0", Some((0, 65535))),
                    star.clone(),
                ],
                Traffic {
                    proto: Proto::All,
                    ports: (0, 65535),
                    icmp_type: 0,
                },
                "deny 32767",
            ),
            (
                "all: allow-all passes",
                vec![
                    entry(100, false, true, Protocol::All, "0.0.0.0/0", None),
                    star.clone(),
                ],
                Traffic {
                    proto: Proto::All,
                    ports: (0, 65535),
                    icmp_type: 0,
                },
                "allow 100",
            ),
            (
                "protocol number 6 is tcp",
                vec![
                    entry(100, false, true, Protocol::Number(6), "0.0.0.0/0", Some((80, 80))),
                    star.clone(),
                ],
                tcp((80, 80)),
                "allow 100",
            ),
        ];
        for (name, entries, traffic, want) in cases {
            let mut sorted: Vec<&AclEntry> = entries.iter().collect();
            sorted.sort_by_key(|e| e.rule_number);
            let got = match acl_evaluate(&sorted, false, remote, &traffic) {
                AclVerdict::Allow(e) => format!("allow {}", e.rule_number),
                AclVerdict::Deny(e, (a, b)) if (a, b) == traffic.ports => format!("deny {}", e.rule_number),
                AclVerdict::Deny(e, (a, b)) => format!("deny {} {a}-{b}", e.rule_number),
                AclVerdict::ImplicitDeny(_) => "implicit".into(),
            };
            assert_eq!(got, want, "{name}");
        }
    }

    fn rule(protocol: Protocol, from: Option<i32>, to: Option<i32>, peer: SgPeer) -> SgRule {
        SgRule {
            protocol,
            from_port: from,
            to_port: to,
            peer,
            description: None,
        }
    }

    /// Security-group rules: protocol, ports, CIDR, prefix list and group peers.
    #[test]
    fn sg_rule_table() {
        let cidr = |s: &str| SgPeer::Cidr(s.parse().unwrap());
        let pl = PrefixList {
            id: "pl-1".into(),
            name: "corp".into(),
            region: "us-east-1".into(),
            cidrs: vec!["203.0.113.0/24".parse().unwrap()],
        };
        let pls = BTreeMap::from([(pl.id.clone(), pl)]);
        let groups = ["sg-client".into()];
        let from = |ip: &str| Remote {
            ip: ip.parse().unwrap(),
            groups: &groups,
        };
        let icmp = Traffic {
            proto: Proto::Icmp,
            ports: (0, 0),
            icmp_type: ICMP_ECHO_REQUEST,
        };
        let all = Traffic {
            proto: Proto::All,
            ports: (0, 65535),
            icmp_type: 0,
        };
        let cases: Vec<(&str, SgRule, Traffic, Remote, bool)> = vec![
            (
                "tcp 22 from the /16",
                rule(Protocol::Tcp, Some(22), Some(22), cidr("10.0.0.0/16")),
                tcp((22, 22)),
                from("10.0.3.4"),
                true,
            ),
            (
                "wrong port",
                rule(Protocol::Tcp, Some(22), Some(22), cidr("10.0.0.0/16")),
                tcp((80, 80)),
                from("10.0.3.4"),
                false,
            ),
            (
                "outside the CIDR",
                rule(Protocol::Tcp, Some(22), Some(22), cidr("10.0.0.0/16")),
                tcp((22, 22)),
                from("10.1.3.4"),
                false,
            ),
            (
                "port range",
                rule(Protocol::Tcp, Some(1000), Some(2000), cidr("0.0.0.0/0")),
                tcp((1500, 1500)),
                from("10.1.3.4"),
                true,
            ),
            (
                "all traffic rule allows tcp",
                rule(Protocol::All, None, None, cidr("0.0.0.0/0")),
                tcp((5, 5)),
                from("10.1.3.4"),
                true,
            ),
            (
                "all asks for an all rule",
                rule(Protocol::Tcp, Some(0), Some(65535), cidr("0.0.0.0/0")),
                all,
                from("10.1.3.4"),
                false,
            ),
            (
                "all traffic rule allows all",
                rule(Protocol::All, None, None, cidr("0.0.0.0/0")),
                all,
                from("10.1.3.4"),
                true,
            ),
            (
                "udp rule and tcp traffic",
                rule(Protocol::Udp, Some(53), Some(53), cidr("0.0.0.0/0")),
                tcp((53, 53)),
                from("10.1.3.4"),
                false,
            ),
            (
                "prefix list peer",
                rule(
                    Protocol::Tcp,
                    Some(443),
                    Some(443),
                    SgPeer::PrefixList("pl-1".into()),
                ),
                tcp((443, 443)),
                from("203.0.113.9"),
                true,
            ),
            (
                "prefix list miss",
                rule(
                    Protocol::Tcp,
                    Some(443),
                    Some(443),
                    SgPeer::PrefixList("pl-1".into()),
                ),
                tcp((443, 443)),
                from("198.51.100.9"),
                false,
            ),
            (
                "group reference held by the remote",
                rule(
                    Protocol::Tcp,
                    Some(22),
                    Some(22),
                    SgPeer::Group {
                        id: "sg-client".into(),
                        owner: None,
                    },
                ),
                tcp((22, 22)),
                from("10.9.9.9"),
                true,
            ),
            (
                "group reference not held",
                rule(
                    Protocol::Tcp,
                    Some(22),
                    Some(22),
                    SgPeer::Group {
                        id: "sg-other".into(),
                        owner: None,
                    },
                ),
                tcp((22, 22)),
                from("10.9.9.9"),
                false,
            ),
            (
                "group reference, remote groups not applicable",
                rule(
                    Protocol::Tcp,
                    Some(22),
                    Some(22),
                    SgPeer::Group {
                        id: "sg-client".into(),
                        owner: None,
                    },
                ),
                tcp((22, 22)),
                Remote {
                    ip: "10.9.9.9".parse().unwrap(),
                    groups: &[],
                },
                false,
            ),
            (
                "icmp echo",
                rule(Protocol::Icmp, Some(8), Some(0), cidr("0.0.0.0/0")),
                icmp,
                from("10.1.3.4"),
                true,
            ),
            (
                "icmp any",
                rule(Protocol::Icmp, Some(-1), Some(-1), cidr("0.0.0.0/0")),
                icmp,
                from("10.1.3.4"),
                true,
            ),
            (
                "icmp other type",
                rule(Protocol::Icmp, Some(3), Some(4), cidr("0.0.0.0/0")),
                icmp,
                from("10.1.3.4"),
                false,
            ),
            (
                "ipv6 CIDR never holds IPv4",
                rule(Protocol::All, None, None, cidr("::/0")),
                tcp((22, 22)),
                from("10.1.3.4"),
                false,
            ),
        ];
        for (name, r, traffic, remote, want) in cases {
            assert_eq!(sg_rule_allows(&r, &traffic, &remote, &pls), want, "{name}");
        }
    }

    #[test]
    fn rules_in_words() {
        let r = rule(
            Protocol::Tcp,
            Some(22),
            Some(22),
            SgPeer::Cidr("10.0.0.0/16".parse().unwrap()),
        );
        assert_eq!(describe_sg_rule(&r, true), "ingress tcp 22 from 10.0.0.0/16");
        let e = entry(100, true, false, Protocol::Tcp, "0.0.0.0/0", Some((1024, 65535)));
        assert_eq!(
            describe_acl_entry(&e),
            "rule 100 deny tcp 1024-65535 to 0.0.0.0/0"
        );
    }
}
