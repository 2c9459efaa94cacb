//! The estate predicates of the checker: counts, peerings and routes (the address questions are
//! in `addresses.rs`, references by id or `Name` tag in `names.rs`). Each returns an [`Outcome`]
//! with a one-sentence message.

use ipnet::IpNet;

use super::names::{find_route_table, find_vpc, vpc_label};
use super::outcome::Outcome;
use super::schema::{Resource, RouteMatch};
use crate::model::*;

pub(super) fn resource_count(
    e: &Estate,
    resource: Resource,
    (vpc, account): (Option<&str>, Option<&str>),
    (min, max): (Option<usize>, Option<usize>),
) -> Outcome {
    let v = match vpc.map(|r| find_vpc(e, r)).transpose() {
        Ok(v) => v.map(|v| &v.id),
        Err(m) => return Outcome::fail(m),
    };
    let of = |id: &VpcId| v.is_none_or(|want| want == id);
    let by = |owner: &AccountId| account.is_none_or(|want| want == owner.as_str());
    let tgw_owner = |id: &TgwId| e.transit_gateways.get(id).map(|t| &t.owner);
    let (n, what) = match resource {
        Resource::Vpcs => (
            e.vpcs.values().filter(|x| of(&x.id) && by(&x.owner)).count(),
            "VPC",
        ),
        Resource::Subnets => (
            e.subnets.values().filter(|x| of(&x.vpc) && by(&x.owner)).count(),
            "subnet",
        ),
        Resource::RouteTables => (
            e.route_tables
                .values()
                .filter(|x| of(&x.vpc) && by(&x.owner))
                .count(),
            "route table",
        ),
        Resource::ActivePeerings => (
            e.peerings
                .values()
                .filter(|p| {
                    p.status == PeeringStatus::Active
                        && (of(&p.requester.vpc) || of(&p.accepter.vpc))
                        && (by(&p.requester.owner) || by(&p.accepter.owner))
                })
                .count(),
            "active peering connection",
        ),
        Resource::InternetGateways => (
            e.internet_gateways
                .values()
                .filter(|g| g.attached_vpc.as_ref().is_some_and(of) && by(&g.owner))
                .count(),
            "attached internet gateway",
        ),
        Resource::NatGateways => (
            e.nat_gateways
                .values()
                .filter(|n| {
                    of(&n.vpc)
                        && by(&n.owner)
                        && !matches!(n.state.as_str(), "deleted" | "deleting" | "failed")
                })
                .count(),
            "NAT gateway",
        ),
        Resource::GatewayEndpoints => (
            e.endpoints
                .values()
                .filter(|x| of(&x.vpc) && by(&x.owner) && x.kind == EndpointKind::Gateway)
                .count(),
            "gateway endpoint",
        ),
        Resource::InterfaceEndpoints => (
            e.endpoints
                .values()
                .filter(|x| of(&x.vpc) && by(&x.owner) && x.kind == EndpointKind::Interface)
                .count(),
            "interface endpoint",
        ),
        Resource::TransitGateways => (
            e.transit_gateways.values().filter(|t| by(&t.owner)).count(),
            "transit gateway",
        ),
        Resource::TransitGatewayAttachments => (
            e.tgw_attachments
                .values()
                .filter(|a| {
                    a.resource_type == "vpc" && of(&VpcId(a.resource_id.clone())) && by(&a.resource_owner)
                })
                .count(),
            "transit gateway VPC attachment",
        ),
        Resource::TransitGatewayRouteTables => (
            e.tgw_route_tables
                .values()
                .filter(|r| account.is_none() || tgw_owner(&r.tgw).is_some_and(by))
                .count(),
            "transit gateway route table",
        ),
        Resource::Instances => (
            e.instances
                .values()
                .filter(|x| of(&x.vpc) && by(&x.owner))
                .count(),
            "instance",
        ),
        Resource::SecurityGroups => (
            e.security_groups
                .values()
                .filter(|x| of(&x.vpc) && by(&x.owner))
                .count(),
            "security group",
        ),
    };
    let place = match vpc.and_then(|r| find_vpc(e, r).ok()) {
        Some(v) => format!(" in {}", vpc_label(v)),
        None => String::new(),
    };
    let whose = account.map(|a| format!(" of account {a}")).unwrap_or_default();
    let have = format!("{n} {what}{}{whose}{place}", if n == 1 { "" } else { "s" });
    if let Some(m) = min.filter(|m| n < *m) {
        return Outcome::fail(format!("{have}; at least {m} needed"));
    }
    if let Some(m) = max.filter(|m| n > *m) {
        return Outcome::fail(format!("{have}; at most {m} allowed"));
    }
    Outcome::pass(have)
}

pub(super) fn peering(e: &Estate, between: &[String; 2], status: &PeeringStatus) -> Outcome {
    let (a, b) = match (find_vpc(e, &between[0]), find_vpc(e, &between[1])) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(m), _) | (_, Err(m)) => return Outcome::fail(m),
    };
    let joins = |p: &&Peering| {
        (p.requester.vpc == a.id && p.accepter.vpc == b.id)
            || (p.requester.vpc == b.id && p.accepter.vpc == a.id)
    };
    let pair = format!("{} and {}", vpc_label(a), vpc_label(b));
    let want = status.name();
    if let Some(p) = e.peerings.values().filter(joins).find(|p| &p.status == status) {
        return Outcome::pass(format!("peering {} between {pair} is {want}", p.id));
    }
    match e.peerings.values().find(joins) {
        Some(p) => Outcome::fail(format!(
            "peering {} between {pair} is {}, not {want}",
            p.id,
            p.status.name()
        )),
        None => Outcome::fail(format!("there is no peering connection between {pair}")),
    }
}

/// The route tables a [`RouteMatch`] looks at, or why they cannot be found.
fn tables<'e>(e: &'e Estate, m: &RouteMatch) -> Result<(Vec<&'e RouteTable>, String), String> {
    let one = m
        .route_table
        .as_deref()
        .map(|r| find_route_table(e, r))
        .transpose()?;
    let vpc = m.vpc.as_deref().map(|r| find_vpc(e, r)).transpose()?;
    let list = e
        .route_tables
        .values()
        .filter(|t| one.is_none_or(|o| o.id == t.id))
        .filter(|t| vpc.is_none_or(|v| v.id == t.vpc))
        .filter(|t| !m.main_only || t.main)
        .collect();
    let scope = match (one, vpc) {
        (Some(t), _) => format!("route table {}", t.id),
        (None, Some(v)) if m.main_only => format!("the main route table of {}", vpc_label(v)),
        (None, Some(v)) => format!("the route tables of {}", vpc_label(v)),
        (None, None) if m.main_only => "the main route tables".to_string(),
        (None, None) => "the route tables".to_string(),
    };
    Ok((list, scope))
}

fn route_matches(m: &RouteMatch, r: &Route) -> bool {
    let cidr = match &r.destination {
        Destination::Cidr(IpNet::V4(n)) => Some(n),
        _ => None,
    };
    m.destination
        .as_ref()
        .is_none_or(|d| *d == r.destination.to_string())
        && m.covers.is_none_or(|c| cidr.is_some_and(|n| n.contains(&c)))
        && m.not_covering
            .is_none_or(|c| cidr.is_some_and(|n| !n.contains(&c)))
        && m.target.as_ref().is_none_or(|t| {
            let id = r.target.id();
            if t.ends_with('-') {
                id.starts_with(t.as_str())
            } else {
                id == *t
            }
        })
        && m.state.is_none_or(|s| s == r.state)
}

/// The routes a [`RouteMatch`] asks for, after "no": `route with destination 10.2.0.0/16, a pcx-… target`.
fn describe_match(m: &RouteMatch) -> String {
    let mut parts = Vec::new();
    if let Some(d) = &m.destination {
        parts.push(format!("destination {d}"));
    }
    if let Some(c) = &m.covers {
        parts.push(format!("a destination holding {c}"));
    }
    if let Some(c) = &m.not_covering {
        parts.push(format!("a destination missing part of {c}"));
    }
    if let Some(t) = &m.target {
        parts.push(if t.ends_with('-') {
            format!("a {t}… target")
        } else {
            format!("target {t}")
        });
    }
    if let Some(s) = &m.state {
        parts.push(format!(
            "state {}",
            if *s == RouteState::Active {
                "active"
            } else {
                "blackhole"
            }
        ));
    }
    if parts.is_empty() {
        "route".to_string()
    } else {
        format!("route with {}", parts.join(", "))
    }
}

/// `route` (`present`) and `no_route` (`!present`) checks.
pub(super) fn route(e: &Estate, m: &RouteMatch, present: bool) -> Outcome {
    let (list, scope) = match tables(e, m) {
        Ok(x) => x,
        Err(msg) => return Outcome::fail(msg),
    };
    let found = list
        .iter()
        .flat_map(|t| t.routes.iter().map(move |r| (t, r)))
        .find(|(_, r)| route_matches(m, r));
    let mut out = match (found, present) {
        (Some((t, r)), true) => Outcome::pass(format!(
            "{} has the route {} → {}",
            t.id,
            r.destination,
            r.target.id()
        )),
        (Some((t, r)), false) => Outcome::fail(format!(
            "{} still has the route {} → {} ({})",
            t.id,
            r.destination,
            r.target.id(),
            if r.state == RouteState::Active {
                "active"
            } else {
                "blackhole"
            }
        )),
        (None, true) => Outcome::fail(format!("{scope}: no {} yet", describe_match(m))),
        (None, false) => Outcome::pass(format!("{scope}: no {}", describe_match(m))),
    };
    if let Some((t, _)) = found {
        out.at = Some(t.id.to_string());
    }
    out
}

pub(super) fn max_routes(e: &Estate, route_table: Option<&str>, vpc: Option<&str>, n: usize) -> Outcome {
    let m = RouteMatch {
        route_table: route_table.map(String::from),
        vpc: vpc.map(String::from),
        main_only: false,
        destination: None,
        covers: None,
        not_covering: None,
        target: None,
        state: None,
    };
    let (list, scope) = match tables(e, &m) {
        Ok(x) => x,
        Err(msg) => return Outcome::fail(msg),
    };
    let count = |t: &RouteTable| t.routes.iter().filter(|r| r.target != Target::Local).count();
    match list.iter().max_by_key(|t| count(t)) {
        None => Outcome::pass(format!("{scope}: none yet, so none has more than {n} routes")),
        Some(t) if count(t) > n => {
            let mut out = Outcome::fail(format!(
                "{} has {} besides local; at most {n} allowed",
                t.id,
                routes_word(count(t))
            ));
            out.at = Some(t.id.to_string());
            out
        }
        Some(t) => Outcome::pass(format!(
            "{scope}: the fullest, {}, has {} besides local (at most {n})",
            t.id,
            routes_word(count(t))
        )),
    }
}

/// `1 route`, `2 routes`.
fn routes_word(n: usize) -> String {
    format!("{n} route{}", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{apply, Action};

    fn act(e: &mut Estate, action: serde_json::Value) -> String {
        let a: Action = serde_json::from_value(action).unwrap();
        apply(e, &a).unwrap().created.first().cloned().unwrap_or_default()
    }

    /// VPC sharing: the owner's subnet shared with a participant, who launches into it with a
    /// security group of its own; the owner launches there too.
    #[test]
    fn counts_by_owning_account() {
        let (owner, guest) = ("111111111111", "222222222222");
        let mut e = Estate::default();
        let vpc = act(
            &mut e,
            serde_json::json!({"action": "create_vpc", "cidr": "10.0.0.0/16", "account": owner}),
        );
        let subnet = act(
            &mut e,
            serde_json::json!({"action": "create_subnet", "vpc": vpc, "cidr": "10.0.1.0/24",
                "availability_zone": "us-east-1a", "account": owner}),
        );
        act(
            &mut e,
            serde_json::json!({"action": "share_subnet", "subnet": subnet, "with_account": guest, "account": owner}),
        );
        let sg = act(
            &mut e,
            serde_json::json!({"action": "create_security_group", "vpc": vpc, "name": "app", "account": guest}),
        );
        act(
            &mut e,
            serde_json::json!({"action": "launch_instance", "subnet": subnet, "security_groups": [sg], "account": guest}),
        );
        act(
            &mut e,
            serde_json::json!({"action": "launch_instance", "subnet": subnet, "account": owner}),
        );
        let count = |resource, account| {
            let o = resource_count(&e, resource, (None, account), (Some(99), None));
            o.message
        };
        let table = [
            (Resource::Instances, None, "2 instances;"),
            (
                Resource::Instances,
                Some(guest),
                "1 instance of account 222222222222;",
            ),
            (
                Resource::Instances,
                Some(owner),
                "1 instance of account 111111111111;",
            ),
            (
                Resource::Subnets,
                Some(guest),
                "0 subnets of account 222222222222;",
            ),
            (
                Resource::SecurityGroups,
                Some(guest),
                "1 security group of account 222222222222;",
            ),
            (
                Resource::Vpcs,
                Some("333333333333"),
                "0 VPCs of account 333333333333;",
            ),
        ];
        for (resource, account, want) in table {
            let got = count(resource, account);
            assert!(got.starts_with(want), "{resource:?} {account:?}: {got}");
        }
        let o = resource_count(
            &e,
            Resource::Instances,
            (Some("nope"), Some(guest)),
            (Some(1), None),
        );
        assert!(!o.passed && o.message.contains("nope"), "{}", o.message);
        assert!(resource_count(&e, Resource::Instances, (None, Some(guest)), (Some(1), Some(1))).passed);
    }
}
