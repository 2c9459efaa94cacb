//! Security groups (stateful, allow-only, CIDR / prefix list / group rules) and network ACLs
//! (stateless, ordered, replies on ephemeral ports) on whole paths.

use crate::common::*;
use serde_json::{json, Value};
use vpclab_core::reach::{Decision, HopKind, Proto};

/// One VPC, a web subnet and a db subnet, with security groups and an ACL on the db subnet.
fn two_tier(web_sg: Doc, db_ingress: Vec<Value>, db_acl: Option<Vec<Value>>) -> Doc {
    let mut d = web_sg
        .vpc("vpc-1", "10.0.0.0/16")
        .subnet("subnet-web", "vpc-1", "10.0.1.0/24", "us-east-1a")
        .subnet("subnet-db", "vpc-1", "10.0.2.0/24", "us-east-1a")
        .rt("rtb-main", "vpc-1", true, &[], &[("10.0.0.0/16", "local")])
        .sg("sg-db", "vpc-1", db_ingress, vec![])
        .instance("i-web", "vpc-1", "subnet-web", "10.0.1.10", &["sg-web"])
        .instance("i-db", "vpc-1", "subnet-db", "10.0.2.10", &["sg-db"])
        .instance("i-other", "vpc-1", "subnet-web", "10.0.1.20", &["sg-other"])
        .open_sg("sg-other", "vpc-1");
    if let Some(entries) = db_acl {
        d = d.push(
            "NetworkAcls",
            json!({"NetworkAclId": "acl-db", "VpcId": "vpc-1", "IsDefault": false,
                "Associations": [{"SubnetId": "subnet-db"}], "Entries": entries}),
        );
    }
    d
}

/// (name, the web security group, the db group's ingress rules, client, expected code)
type SgCase<'a> = (&'a str, Doc, Vec<Value>, &'a str, Option<&'a str>);

fn web_sg(egress: Vec<Value>) -> Doc {
    doc().sg("sg-web", "vpc-1", vec![], egress)
}

/// Security groups: allow-only, rules by CIDR, by group reference; stateful (no egress rule of
/// the db group is needed for the reply).
#[test]
fn security_group_rules() {
    let all_out = || vec![rule("-1", None, "0.0.0.0/0")];
    let cases: Vec<SgCase> = vec![
        (
            "CIDR rule",
            web_sg(all_out()),
            vec![rule("tcp", Some(5432), "10.0.1.0/24")],
            "i-web",
            None,
        ),
        (
            "group reference held by the client",
            web_sg(all_out()),
            vec![rule("tcp", Some(5432), "sg-web")],
            "i-web",
            None,
        ),
        (
            "group reference not held",
            web_sg(all_out()),
            vec![rule("tcp", Some(5432), "sg-web")],
            "i-other",
            Some("SG_INGRESS_DENY"),
        ),
        (
            "wrong port",
            web_sg(all_out()),
            vec![rule("tcp", Some(3306), "10.0.0.0/16")],
            "i-web",
            Some("SG_INGRESS_DENY"),
        ),
        (
            "no rule at all",
            web_sg(all_out()),
            vec![],
            "i-web",
            Some("SG_INGRESS_DENY"),
        ),
        (
            "egress closed",
            web_sg(vec![]),
            vec![rule("tcp", Some(5432), "10.0.0.0/16")],
            "i-web",
            Some("SG_EGRESS_DENY"),
        ),
        (
            "egress by group reference",
            web_sg(vec![rule("tcp", Some(5432), "sg-db")]),
            vec![rule("tcp", Some(5432), "sg-web")],
            "i-web",
            None,
        ),
    ];
    for (name, web, db_in, from, want) in cases {
        let e = estate(vec![two_tier(web, db_in, None).value()]);
        let t = tcp(&e, from, "i-db", 5432);
        assert_eq!(
            code(&t),
            want,
            "{name}: {}",
            serde_json::to_string_pretty(&t).unwrap()
        );
        if want.is_none() {
            let sg = t.forward.hops.iter().find(|h| h.at == "sg-db").unwrap();
            assert_eq!(sg.decision, Decision::Allow);
            assert!(sg.rule.is_some(), "{name}");
            assert!(
                t.return_path
                    .hops
                    .iter()
                    .all(|h| h.kind != HopKind::SecurityGroup),
                "stateful: {name}"
            );
        }
    }
}

/// `all` passes only allow-all rules; ICMP needs an ICMP (or all) rule.
#[test]
fn protocols() {
    let e = estate(vec![two_tier(
        web_sg(vec![rule("-1", None, "0.0.0.0/0")]),
        vec![
            rule("tcp", None, "10.0.0.0/16"),
            rule("icmp", Some(-1), "10.0.0.0/16"),
        ],
        None,
    )
    .value()]);
    expect(&with(&e, "i-web", "i-db", Proto::Tcp, Some(1)), None);
    expect(&with(&e, "i-web", "i-db", Proto::Icmp, None), None);
    expect(
        &with(&e, "i-web", "i-db", Proto::Udp, Some(53)),
        Some("SG_INGRESS_DENY"),
    );
    expect(
        &with(&e, "i-web", "i-db", Proto::All, None),
        Some("SG_INGRESS_DENY"),
    );
    let open = estate(vec![two_tier(
        web_sg(vec![rule("-1", None, "0.0.0.0/0")]),
        vec![rule("-1", None, "10.0.0.0/16")],
        None,
    )
    .value()]);
    expect(&with(&open, "i-web", "i-db", Proto::All, None), None);
}

/// Network ACLs are stateless: the reply needs an outbound rule for the client's ephemeral
/// ports ("Ephemeral ports", vpc-network-acls.html).
#[test]
fn acl_replies_need_ephemeral_ports() {
    let inbound = acl_entry(100, false, true, "6", "10.0.1.0/24", Some((5432, 5432)));
    let star_in = acl_entry(32767, false, false, "-1", "0.0.0.0/0", None);
    let star_out = acl_entry(32767, true, false, "-1", "0.0.0.0/0", None);
    let db_in = || vec![rule("tcp", Some(5432), "10.0.0.0/16")];
    let sg = || web_sg(vec![rule("-1", None, "0.0.0.0/0")]);
    let cases: Vec<(&str, Vec<Value>, Option<&str>, bool)> = vec![
        (
            "inbound only: the reply is denied",
            vec![inbound.clone(), star_in.clone(), star_out.clone()],
            Some("NACL_DENY"),
            true,
        ),
        (
            "reply on 1024-65535 allowed",
            vec![
                inbound.clone(),
                acl_entry(100, true, true, "6", "10.0.1.0/24", Some((1024, 65535))),
                star_in.clone(),
                star_out.clone(),
            ],
            None,
            true,
        ),
        (
            "reply allowed only on 49152-65535 (Windows range): Linux clients pick lower ports",
            vec![
                inbound.clone(),
                acl_entry(100, true, true, "6", "10.0.1.0/24", Some((49152, 65535))),
                star_in.clone(),
                star_out.clone(),
            ],
            Some("NACL_DENY"),
            true,
        ),
        (
            "request denied first by a lower rule",
            vec![
                acl_entry(50, false, false, "6", "10.0.1.10/32", Some((5432, 5432))),
                inbound.clone(),
                star_in.clone(),
            ],
            Some("NACL_DENY"),
            false,
        ),
        (
            "no inbound rule",
            vec![star_in.clone(), star_out.clone()],
            Some("NACL_DENY"),
            false,
        ),
    ];
    for (name, entries, want, reached) in cases {
        let e = estate(vec![two_tier(sg(), db_in(), Some(entries)).value()]);
        let t = tcp(&e, "i-web", "i-db", 5432);
        assert_eq!(
            code(&t),
            want,
            "{name}: {}",
            serde_json::to_string_pretty(&t).unwrap()
        );
        assert_eq!(t.forward.reached, reached, "{name}");
        if let Some(b) = &t.blocked {
            assert_eq!(b.at, "acl-db", "{name}");
            if reached {
                assert!(b.message.contains("32768-60999"), "{name}: {}", b.message);
                assert!(t.return_path.hops.iter().any(|h| h.decision == Decision::Deny));
            }
        }
    }
}

/// Traffic within one subnet does not cross its network ACL.
#[test]
fn acl_not_crossed_within_a_subnet() {
    let deny_all = vec![
        acl_entry(32767, false, false, "-1", "0.0.0.0/0", None),
        acl_entry(32767, true, false, "-1", "0.0.0.0/0", None),
    ];
    let d = two_tier(
        web_sg(vec![rule("-1", None, "0.0.0.0/0")]),
        vec![rule("tcp", Some(5432), "10.0.0.0/16")],
        Some(deny_all),
    )
    .instance("i-db2", "vpc-1", "subnet-db", "10.0.2.20", &["sg-other"]);
    let e = estate(vec![d.value()]);
    expect(&tcp(&e, "i-db2", "i-db", 5432), None);
    expect(&tcp(&e, "i-web", "i-db", 5432), Some("NACL_DENY"));
}

/// Prefix-list peers in security-group rules.
#[test]
fn prefix_list_rule() {
    let d = two_tier(
        web_sg(vec![rule("-1", None, "0.0.0.0/0")]),
        vec![rule("tcp", Some(5432), "pl-corp")],
        None,
    )
    .push(
        "PrefixLists",
        json!({"PrefixListId": "pl-corp", "PrefixListName": "corp", "Cidrs": ["10.0.1.0/25"]}),
    );
    let e = estate(vec![d.value()]);
    expect(&tcp(&e, "i-web", "i-db", 5432), None);
    expect(&tcp(&e, "i-other", "i-db", 5432), None);
    let d = two_tier(
        web_sg(vec![rule("-1", None, "0.0.0.0/0")]),
        vec![rule("tcp", Some(5432), "pl-corp")],
        None,
    )
    .push(
        "PrefixLists",
        json!({"PrefixListId": "pl-corp", "PrefixListName": "corp", "Cidrs": ["10.0.1.16/28"]}),
    );
    let e = estate(vec![d.value()]);
    expect(&tcp(&e, "i-web", "i-db", 5432), Some("SG_INGRESS_DENY"));
    expect(&tcp(&e, "i-other", "i-db", 5432), None);
}
