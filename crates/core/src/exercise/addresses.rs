//! The address questions of the checker, asked of the estate: a VPC CIDR of a given size and
//! place, subnets spread over Availability Zones, the smallest subnet that holds N instances.

use std::collections::BTreeSet;

use ipnet::{IpNet, Ipv4Net};

use super::names::{find_vpc, vpc_label};
use super::outcome::Outcome;
use crate::cidr;
use crate::model::*;

fn subnet_label(s: &Subnet) -> String {
    match &s.name {
        Some(n) => format!("{n} ({}, {})", s.id, s.blocks_text()),
        None => format!("{} ({})", s.id, s.blocks_text()),
    }
}

/// Usable addresses of an IPv4 subnet: its size less the five AWS reserves. See "Subnet CIDR
/// blocks", Amazon VPC User Guide (subnet-sizing.html).
pub(super) fn usable(net: &Ipv4Net) -> u64 {
    cidr::info(IpNet::V4(*net))
        .aws_usable
        .unwrap_or_else(|| (1u64 << (32 - net.prefix_len())).saturating_sub(5))
}

/// The longest prefix (the smallest subnet AWS allows, /16 to /28) that holds `hosts` besides
/// the five reserved addresses; `None` when even a /16 is too small.
///
/// ```text
/// 11 → /28 (16 − 5), 12 → /27, 250 → /24, 251 → /24, 252 → /23
/// ```
pub fn smallest_prefix(hosts: u64) -> Option<u8> {
    crate::cidr::AWS_IPV4_PREFIXES
        .rev()
        .find(|p| (1u64 << (32 - p)) - 5 >= hosts)
}

pub(super) fn vpc_cidr(
    e: &Estate,
    vpc: Option<&str>,
    (min, max): (Option<u8>, Option<u8>),
    within: &[Ipv4Net],
    disjoint_from: &[Ipv4Net],
) -> Outcome {
    let problem = |v: &Vpc| -> Option<String> {
        let Some(primary) = v.cidrs.first() else {
            return Some(format!("{} has no IPv4 CIDR", vpc_label(v)));
        };
        let p = primary.prefix_len();
        if let Some(m) = min.filter(|m| p < *m) {
            return Some(format!(
                "{}'s CIDR {primary} is a /{p}, larger than a /{m}, the largest allowed",
                vpc_label(v)
            ));
        }
        if let Some(m) = max.filter(|m| p > *m) {
            return Some(format!(
                "{}'s CIDR {primary} is a /{p}, smaller than a /{m}, the smallest allowed",
                vpc_label(v)
            ));
        }
        if !within.is_empty() && !within.iter().any(|w| w.contains(primary)) {
            return Some(format!(
                "{}'s CIDR {primary} is not inside {}",
                vpc_label(v),
                join_or(within)
            ));
        }
        for c in &v.cidrs {
            if let Some(other) = disjoint_from.iter().find(|d| d.contains(c) || c.contains(*d)) {
                return Some(format!("{}'s CIDR {c} overlaps {other}", vpc_label(v)));
            }
        }
        None
    };
    let describe = |v: &Vpc| {
        let list: Vec<String> = v.cidrs.iter().map(|c| c.to_string()).collect();
        format!("{} has the CIDR {}, as asked", vpc_label(v), list.join(" and "))
    };
    match vpc {
        Some(r) => match find_vpc(e, r) {
            Err(m) => Outcome::fail(m),
            Ok(v) => match problem(v) {
                None => Outcome::pass(describe(v)),
                Some(m) => Outcome::fail(m),
            },
        },
        None => {
            let candidates: Vec<&Vpc> = e.vpcs.values().filter(|v| !v.is_default).collect();
            if let Some(v) = candidates.iter().find(|v| problem(v).is_none()) {
                return Outcome::pass(describe(v));
            }
            match candidates.first() {
                None => Outcome::fail("there is no VPC yet other than the default VPC"),
                Some(v) => Outcome::fail(problem(v).unwrap_or_default()),
            }
        }
    }
}

fn join_or(nets: &[Ipv4Net]) -> String {
    let list: Vec<String> = nets.iter().map(|n| n.to_string()).collect();
    list.join(" or ")
}

/// The filters of a `subnets` check.
pub(super) struct SubnetFilter<'a> {
    pub public: Option<bool>,
    pub name_prefix: Option<&'a str>,
    pub min_prefix: Option<u8>,
    pub max_prefix: Option<u8>,
    pub min_hosts: Option<u64>,
}

impl SubnetFilter<'_> {
    fn matches(&self, e: &Estate, s: &Subnet) -> bool {
        // The sizes asked about are IPv4 ones: an IPv6-only subnet has none.
        let sized = |c: Option<Ipv4Net>| match c {
            Some(c) => {
                let p = c.prefix_len();
                self.min_prefix.is_none_or(|m| p >= m)
                    && self.max_prefix.is_none_or(|m| p <= m)
                    && self.min_hosts.is_none_or(|h| usable(&c) >= h)
            }
            None => self.min_prefix.is_none() && self.max_prefix.is_none() && self.min_hosts.is_none(),
        };
        self.public.is_none_or(|want| e.is_public(&s.id) == want)
            && self
                .name_prefix
                .is_none_or(|n| s.name.as_deref().is_some_and(|x| x.starts_with(n)))
            && sized(s.cidr)
    }

    /// `private subnets named App… of size /24`, for `n` of them.
    fn words(&self, n: usize) -> String {
        let noun = if n == 1 { "subnet" } else { "subnets" };
        let mut w = match self.public {
            Some(true) => format!("public {noun}"),
            Some(false) => format!("private {noun}"),
            None => noun.to_string(),
        };
        if let Some(n) = self.name_prefix {
            w.push_str(&format!(" named {n}…"));
        }
        match (self.min_prefix, self.max_prefix) {
            (Some(a), Some(b)) if a == b => w.push_str(&format!(" of size /{a}")),
            (Some(a), Some(b)) => w.push_str(&format!(" of size /{b} to /{a}")),
            (Some(a), None) => w.push_str(&format!(" of /{a} or smaller")),
            (None, Some(b)) => w.push_str(&format!(" of /{b} or larger")),
            (None, None) => {}
        }
        if let Some(h) = self.min_hosts {
            w.push_str(&format!(" with at least {h} usable addresses"));
        }
        w
    }
}

pub(super) fn subnets(
    e: &Estate,
    vpc: Option<&str>,
    filter: &SubnetFilter,
    count: usize,
    azs: usize,
) -> Outcome {
    // (passes, message, how many subnets match the filters): a failure is reported for the VPC
    // closest to passing, so the learner reads about the VPC they are building.
    let judge = |v: &Vpc| -> (bool, String, usize) {
        let found: Vec<&Subnet> = e
            .subnets
            .values()
            .filter(|s| s.vpc == v.id && filter.matches(e, s))
            .collect();
        let zones: BTreeSet<&str> = crate::small::set_of(found.iter().map(|s| s.availability_zone.as_str()));
        let found: Vec<&Subnet> = found.into_iter().filter(|s| s.cidr.is_some()).collect();
        let nets: Vec<IpNet> = found.iter().filter_map(|s| s.cidr.map(IpNet::V4)).collect();
        if let Some((i, j)) = cidr::overlap_pairs(&nets).first() {
            return (
                false,
                format!(
                    "{} and {} overlap",
                    subnet_label(found[*i]),
                    subnet_label(found[*j])
                ),
                found.len(),
            );
        }
        let zone_list: Vec<&str> = zones.iter().copied().collect();
        let have = format!(
            "{} has {} {} over {} Availability Zone{}{}",
            vpc_label(v),
            found.len(),
            filter.words(found.len()),
            zones.len(),
            if zones.len() == 1 { "" } else { "s" },
            if zones.is_empty() {
                String::new()
            } else {
                format!(" ({})", zone_list.join(", "))
            }
        );
        if found.len() >= count && zones.len() >= azs {
            (true, have, found.len())
        } else {
            (
                false,
                format!(
                    "{have}; at least {count} over {azs} Availability Zone{} are needed",
                    if azs == 1 { "" } else { "s" }
                ),
                found.len(),
            )
        }
    };
    let verdicts: Vec<(bool, String, usize, bool)> = match vpc {
        Some(r) => match find_vpc(e, r) {
            Ok(v) => {
                let (ok, m, n) = judge(v);
                vec![(ok, m, n, v.is_default)]
            }
            Err(m) => return Outcome::fail(m),
        },
        None => e
            .vpcs
            .values()
            .map(|v| {
                let (ok, m, n) = judge(v);
                (ok, m, n, v.is_default)
            })
            .collect(),
    };
    if let Some((_, m, _, _)) = verdicts.iter().find(|(ok, ..)| *ok) {
        return Outcome::pass(m.clone());
    }
    // The first of the VPCs with the most matching subnets, a non-default one before the default.
    let closest = verdicts
        .into_iter()
        .rev()
        .max_by_key(|(_, _, n, default)| (*n, !*default));
    match closest {
        Some((_, m, _, _)) => Outcome::fail(m),
        None => Outcome::fail("there is no VPC yet"),
    }
}

pub(super) fn smallest_subnet(e: &Estate, vpc: Option<&str>, name: Option<&str>, hosts: u64) -> Outcome {
    let Some(want) = smallest_prefix(hosts) else {
        return Outcome::fail(format!(
            "no subnet AWS allows holds {hosts} instances: a /16, the largest, has 65,531 usable addresses"
        ));
    };
    let vpc = match vpc.map(|r| find_vpc(e, r)).transpose() {
        Ok(v) => v,
        Err(m) => return Outcome::fail(m),
    };
    let candidates: Vec<(&Subnet, Ipv4Net)> = e
        .subnets
        .values()
        .filter(|s| vpc.is_none_or(|v| v.id == s.vpc))
        .filter(|s| name.is_none_or(|n| s.name.as_deref() == Some(n)))
        .filter_map(|s| s.cidr.map(|c| (s, c)))
        .collect();
    if let Some((s, c)) = candidates.iter().find(|(_, c)| c.prefix_len() == want) {
        return Outcome::pass(format!(
            "{} is a /{want}: {} usable addresses hold {hosts}, and a /{} ({}) would not",
            subnet_label(s),
            usable(c),
            want + 1,
            (1u64 << (31 - want)).saturating_sub(5)
        ));
    }
    let Some((s, c)) = candidates.first() else {
        return Outcome::fail(match name {
            Some(n) => format!("there is no subnet named {n}"),
            None => "there is no subnet yet".to_string(),
        });
    };
    let have = usable(c);
    Outcome::fail(if have < hosts {
        format!(
            "{} has {have} usable addresses (its size less the 5 AWS reserves): too few for {hosts}",
            subnet_label(s)
        )
    } else {
        format!(
            "{} holds {hosts} ({have} usable), but a /{want} ({} usable) is the smallest that does",
            subnet_label(s),
            (1u64 << (32 - want)) - 5
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smallest_prefix_counts_the_five_reserved_addresses() {
        for (hosts, want) in [
            (0, Some(28)),
            (11, Some(28)),
            (12, Some(27)),
            (27, Some(27)),
            (28, Some(26)),
            (250, Some(24)),
            (251, Some(24)),
            (252, Some(23)),
            (65_531, Some(16)),
            (65_532, None),
        ] {
            assert_eq!(smallest_prefix(hosts), want, "{hosts} hosts");
        }
    }

    #[test]
    fn a_failing_subnets_check_reports_the_vpc_being_built() {
        let actions: Vec<crate::edit::Action> = serde_json::from_value(serde_json::json!([
            {"action": "create_vpc", "cidr": "172.31.0.0/16", "region": "us-east-2"},
            {"action": "create_vpc", "cidr": "10.20.0.0/20", "region": "us-east-2", "name": "VPC-1"},
        ]))
        .unwrap();
        let mut e = Estate::default();
        crate::edit::apply_all(&mut e, &actions).unwrap();
        let ids: Vec<VpcId> = e.vpcs.keys().cloned().collect();
        for v in e.vpcs.values_mut() {
            v.is_default = v.cidrs[0].to_string() == "172.31.0.0/16";
        }
        let vpc1 = ids.iter().find(|id| !e.vpcs[id].is_default).unwrap().clone();
        for (i, az) in ["us-east-2a", "us-east-2b"].iter().enumerate() {
            let subnet = serde_json::from_value(serde_json::json!({"action": "create_subnet", "vpc": vpc1,
                "cidr": format!("10.20.{i}.0/24"), "availability_zone": az, "name": format!("Private-{i}")}))
            .unwrap();
            crate::edit::apply(&mut e, &subnet).unwrap();
        }
        let filter = |min_hosts| SubnetFilter {
            public: None,
            name_prefix: Some("Private-"),
            min_prefix: None,
            max_prefix: None,
            min_hosts,
        };
        for (min_hosts, count, want) in [
            (None, 3, "VPC-1 (vpc-"),
            (None, 3, "has 2 subnets named Private-… over 2 Availability Zones"),
            (Some(1000), 3, "VPC-1 (vpc-"),
            (
                Some(1000),
                1,
                "has 0 subnets named Private-… with at least 1000 usable addresses",
            ),
        ] {
            let o = subnets(&e, None, &filter(min_hosts), count, 2);
            assert!(!o.passed);
            assert!(o.message.contains(want), "{}", o.message);
        }
        let o = subnets(&e, None, &filter(None), 1, 1);
        assert!(o.passed, "{}", o.message);
        let o = subnets(&e, Some("VPC-1"), &filter(Some(200)), 1, 1);
        assert!(
            o.message.contains("has 2 subnets named Private-…"),
            "{}",
            o.message
        );
    }

    #[test]
    fn usable_is_size_less_five() {
        for (cidr, want) in [("10.0.0.0/28", 11), ("10.0.0.0/24", 251), ("10.0.0.0/16", 65_531)] {
            let net: Ipv4Net = cidr.parse().unwrap();
            assert_eq!(usable(&net), want, "{cidr}");
        }
    }
}
