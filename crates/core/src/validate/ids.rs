//! `UNUSUAL_ID`: an id that no AWS API hands out. Since 2018 every EC2 and VPC resource id is a
//! type prefix, a hyphen and 17 lowercase hexadecimal digits (`vpc-0a1b2c3d4e5f60718`); resources
//! created before 2016 may still carry the 8-digit form (`vpc-1a2b3c4d`). See "Resource IDs",
//! Amazon EC2 User Guide (docs.aws.amazon.com/AWSEC2/latest/UserGuide/resource-ids.html), and
//! `ModifyIdFormat`, Amazon EC2 API Reference. An id outside that pattern (`vpc-app`, a pasted
//! `vpc-"><script>`, an id with a newline in it) is kept, so that hand-written and real estates
//! still load, and flagged as a warning naming the id and the pattern.

use std::collections::BTreeSet;

use super::Diagnostics;
use crate::model::*;

/// The id prefix of each kind vpclab models, with the noun for a message. Longer prefixes first
/// (`tgw-attach-` before `tgw-`).
const KINDS: &[(&str, &str)] = &[
    ("tgw-attach-", "transit gateway attachment"),
    ("tgw-rtb-", "transit gateway route table"),
    ("tgw-", "transit gateway"),
    ("vpce-", "VPC endpoint"),
    ("vpc-", "VPC"),
    ("subnet-", "subnet"),
    ("rtb-", "route table"),
    ("pcx-", "peering connection"),
    ("igw-", "internet gateway"),
    ("eigw-", "egress-only internet gateway"),
    ("nat-", "NAT gateway"),
    ("vgw-", "virtual private gateway"),
    ("cgw-", "customer gateway"),
    ("vpn-", "VPN connection"),
    ("dxvif-", "Direct Connect virtual interface"),
    ("pl-", "prefix list"),
    ("i-", "instance"),
    ("eni-", "network interface"),
    ("sg-", "security group"),
    ("acl-", "network ACL"),
];

/// Whether `id` has the shape AWS gives ids: `prefix-` and 8 or 17 lowercase hex digits.
///
/// # Examples
/// ```
/// use vpclab_core::validate::is_aws_id;
/// assert!(is_aws_id("vpc-", "vpc-0a1b2c3d4e5f60718"));
/// assert!(is_aws_id("i-", "i-1a2b3c4d"));
/// assert!(!is_aws_id("vpc-", "vpc-app"));
/// assert!(!is_aws_id("vpc-", "vpc-0A1B2C3D"));
/// assert!(!is_aws_id("subnet-", "vpc-0a1b2c3d4e5f60718"));
/// ```
pub fn is_aws_id(prefix: &str, id: &str) -> bool {
    id.strip_prefix(prefix).is_some_and(|digits| {
        matches!(digits.len(), 8 | 17)
            && digits
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

/// `text` fit to print on a terminal: control characters escaped (`\n`, `\t`, `\u{1b}`).
/// Quotes and angle brackets stay as they are: the page shows text, never HTML.
///
/// ```
/// use vpclab_core::validate::printable;
/// assert_eq!(printable("vpc-a\nb\u{1b}"), "vpc-a\\nb\\u{1b}");
/// assert_eq!(printable("vpc-\"><b>"), "vpc-\"><b>");
/// ```
pub fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// An id as a finding shows it: [`printable`], and cut after 80 characters.
fn shown(id: &str) -> String {
    match id.char_indices().nth(80) {
        Some((at, _)) => format!("{}…", printable(&id[..at])),
        None => printable(id),
    }
}

pub(super) fn check(e: &Estate, d: &mut Diagnostics) {
    let mut seen = BTreeSet::new();
    let mut look = |prefix: &'static str, id: &str| {
        if !is_aws_id(prefix, id) && seen.insert(id.to_string()) {
            let noun = KINDS
                .iter()
                .find(|(p, _)| *p == prefix)
                .map_or("resource", |(_, n)| n);
            d.warning(
                "UNUSUAL_ID",
                shown(id),
                format!(
                    "the {noun} id '{}' is not one AWS would give: AWS {noun} ids are '{prefix}' followed by 17 (or, for resources made before 2016, 8) lowercase hexadecimal digits, such as {prefix}0a1b2c3d4e5f60718. vpclab keeps it, but check that it was copied whole.",
                    shown(id)
                ),
            );
        }
    };
    e.vpcs.keys().for_each(|id| look("vpc-", id.as_str()));
    e.subnets.keys().for_each(|id| look("subnet-", id.as_str()));
    for t in e.route_tables.values() {
        look("rtb-", t.id.as_str());
        for r in &t.routes {
            if let Destination::PrefixList(p) = &r.destination {
                look("pl-", p.as_str());
            }
            if let Some(prefix) = target_prefix(&r.target) {
                look(prefix, &r.target.id());
            }
        }
    }
    e.peerings.keys().for_each(|id| look("pcx-", id.as_str()));
    e.internet_gateways
        .keys()
        .for_each(|id| look("igw-", id.as_str()));
    e.nat_gateways.keys().for_each(|id| look("nat-", id.as_str()));
    e.endpoints.keys().for_each(|id| look("vpce-", id.as_str()));
    e.prefix_lists.keys().for_each(|id| look("pl-", id.as_str()));
    e.instances.keys().for_each(|id| look("i-", id.as_str()));
    e.enis.keys().for_each(|id| look("eni-", id.as_str()));
    e.security_groups.keys().for_each(|id| look("sg-", id.as_str()));
    e.network_acls.keys().for_each(|id| look("acl-", id.as_str()));
    e.transit_gateways.keys().for_each(|id| look("tgw-", id.as_str()));
    e.tgw_attachments
        .keys()
        .for_each(|id| look("tgw-attach-", id.as_str()));
    e.tgw_route_tables
        .keys()
        .for_each(|id| look("tgw-rtb-", id.as_str()));
    e.egress_only_internet_gateways
        .keys()
        .for_each(|id| look("eigw-", id.as_str()));
    e.vpn_gateways.keys().for_each(|id| look("vgw-", id.as_str()));
    e.customer_gateways
        .keys()
        .for_each(|id| look("cgw-", id.as_str()));
    e.vpn_connections.keys().for_each(|id| look("vpn-", id.as_str()));
    // A Direct Connect gateway's id is a UUID, not a prefixed id: not checked here.
    e.virtual_interfaces
        .keys()
        .for_each(|id| look("dxvif-", id.as_str()));
}

/// The prefix a route target's id must have; `None` for `local` and targets vpclab keeps as
/// they come (carrier, local and core-network gateways).
fn target_prefix(t: &Target) -> Option<&'static str> {
    Some(match t {
        Target::Local | Target::Other { .. } => return None,
        Target::InternetGateway(_) => "igw-",
        Target::EgressOnlyInternetGateway(_) => "eigw-",
        Target::NatGateway(_) => "nat-",
        Target::VpcPeering(_) => "pcx-",
        Target::TransitGateway(_) => "tgw-",
        Target::GatewayEndpoint(_) => "vpce-",
        Target::Eni(_) => "eni-",
        Target::Instance(_) => "i-",
        Target::VirtualPrivateGateway(_) => "vgw-",
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::import_documents;
    use serde_json::json;

    fn found(doc: serde_json::Value) -> Vec<crate::validate::Diagnostic> {
        let e = import_documents(&[("lab.json".into(), doc)]).unwrap();
        let mut d = Diagnostics::default();
        check(&e, &mut d);
        assert!(d.errors.is_empty());
        d.warnings
    }

    #[test]
    fn ids_of_the_aws_shape_pass_and_others_are_flagged_once() {
        let ok = found(json!({"AccountId": "111122223333", "Region": "us-east-1",
            "Vpcs": [{"VpcId": "vpc-0a1b2c3d4e5f60718", "CidrBlock": "10.0.0.0/16"},
                     {"VpcId": "vpc-1a2b3c4d", "CidrBlock": "10.1.0.0/16"}]}));
        assert_eq!(ok, vec![]);
        for (bad, shown) in [
            (
                "vpc-\"><script>alert(1)</script>",
                "vpc-\"><script>alert(1)</script>",
            ),
            ("vpc-0a1b2c3d\n4e5f6071", "vpc-0a1b2c3d\\n4e5f6071"),
            ("vpc-0A1B2C3D", "vpc-0A1B2C3D"),
            ("vpc-app", "vpc-app"),
            ("subnet-0a1b2c3d4e5f60718", "subnet-0a1b2c3d4e5f60718"),
        ] {
            let w = found(json!({"AccountId": "111122223333", "Region": "us-east-1",
                "Vpcs": [{"VpcId": bad, "CidrBlock": "10.0.0.0/16"}],
                "RouteTables": [{"RouteTableId": "rtb-0a1b2c3d4e5f60718", "VpcId": bad,
                    "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local"}]}]}));
            assert_eq!(w.len(), 1, "{bad:?}: {w:?}");
            assert_eq!(w[0].code, "UNUSUAL_ID");
            assert_eq!(w[0].resource, shown);
            assert!(w[0].message.contains(&format!("'{shown}'")), "{}", w[0].message);
            assert!(w[0].message.contains("'vpc-' followed by 17"), "{}", w[0].message);
            assert!(!w[0].message.contains('\n'));
        }
    }

    #[test]
    fn route_targets_are_checked_with_their_own_prefix() {
        let w = found(json!({"AccountId": "111122223333", "Region": "us-east-1",
            "Vpcs": [{"VpcId": "vpc-0a1b2c3d4e5f60718", "CidrBlock": "10.0.0.0/16"}],
            "RouteTables": [{"RouteTableId": "rtb-0a1b2c3d4e5f60718", "VpcId": "vpc-0a1b2c3d4e5f60718",
                "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local"},
                           {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-<b>"}]}]}));
        let codes: Vec<(&str, &str)> = w.iter().map(|d| (d.code, d.resource.as_str())).collect();
        assert_eq!(codes, vec![("UNUSUAL_ID", "igw-<b>")]);
        assert!(w[0].message.contains("'igw-' followed by"));
    }

    #[test]
    fn printable_escapes_control_characters_and_findings_cut_long_ids() {
        assert_eq!(printable("a\tb\r"), "a\\tb\\r");
        let long = "vpc-".to_string() + &"0".repeat(200);
        assert_eq!(printable(&long), long);
        assert_eq!(shown(&long).chars().count(), 81);
    }
}
