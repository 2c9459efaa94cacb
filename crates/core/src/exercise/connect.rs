//! Reach goals: one trace per goal on the topology the check shares, and the sentence that says
//! whether the connection works, which way it goes, or the hop where it dies.

use super::ctx::CheckCtx;
use super::outcome::Outcome;
use crate::reach::{HopKind, Proto, Query, Trace};

impl CheckCtx<'_> {
    pub(super) fn reach(
        &self,
        from: &str,
        to: &str,
        protocol: &str,
        port: Option<u16>,
        ipv6: bool,
        want: Want,
    ) -> Outcome {
        let protocol: Proto = match protocol.parse() {
            Ok(p) => p,
            Err(e) => {
                return Outcome::fail(format!("the question cannot be asked: {e}")).coded("BAD_QUERY", None)
            }
        };
        let query = Query {
            ipv6,
            ..Query::new(&self.end(from), &self.end(to), protocol, port)
        };
        let trace = match self.topology().trace(&query) {
            Ok(t) => t,
            Err(e) => {
                let why = [from, to]
                    .iter()
                    .find_map(|end| self.unnamed(end))
                    .unwrap_or_else(|| format!("the question cannot be asked: {e}"));
                return Outcome::fail(why).coded("BAD_QUERY", None);
            }
        };
        let (a, b) = (self.label(&trace.from.id), self.label(&trace.to.id));
        let traffic = traffic_words(&trace);
        let mut out = match (&want, trace.reachable, &trace.blocked) {
            (Want::Reach { via }, true, _) => {
                let missing: Vec<&String> = via.iter().filter(|v| !passes(&trace, v)).collect();
                if missing.is_empty() {
                    Outcome::pass(format!(
                        "{a} reaches {b} on {traffic} and the reply comes back{}",
                        path_words(self.estate, &trace)
                    ))
                } else {
                    let list: Vec<String> = missing
                        .iter()
                        .map(|v| with_article(&v.replace('_', " ")))
                        .collect();
                    Outcome::fail(format!(
                        "{a} reaches {b} on {traffic}, but not through {}: the path goes{}",
                        list.join(" or "),
                        path_words(self.estate, &trace)
                    ))
                    .coded("NOT_VIA", None)
                }
            }
            (Want::Blocked { .. }, true, _) => Outcome::fail(format!(
                "{a} reaches {b} on {traffic}{}, and it must not",
                path_words(self.estate, &trace)
            ))
            .coded("REACHABLE", None),
            (_, false, None) => Outcome::fail(format!("{a} cannot reach {b} on {traffic}")),
            (want, false, Some(blocked)) => {
                // The headline names the resource and the route or rule at fault; the code stays
                // data (`Outcome::code`).
                let why = if trace.forward.reached {
                    format!(
                        "{a} cannot reach {b} on {traffic}: the request gets there, but the reply dies. {}",
                        blocked.headline
                    )
                } else {
                    format!("{a} cannot reach {b} on {traffic}. {}", blocked.headline)
                };
                let o = match want {
                    Want::Blocked { code: Some(c) } if *c != blocked.code.as_str() => {
                        Outcome::fail(format!("{why} It must be blocked for another reason: {c}"))
                    }
                    Want::Blocked { .. } => Outcome::pass(why),
                    Want::Reach { .. } => Outcome::fail(why),
                };
                o.coded(blocked.code.as_str(), Some(blocked.at.clone()))
            }
        };
        out.trace = Some(trace);
        out
    }

    /// `vpc_mesh`: every ordered pair of `vpcs` (all VPCs when empty) reaches by routes.
    pub(super) fn mesh(&self, vpcs: &[String]) -> Outcome {
        let mut ids = Vec::new();
        for r in vpcs {
            match super::names::find_vpc(self.estate, r) {
                Ok(v) => ids.push(v.id.to_string()),
                Err(m) => return Outcome::fail(m),
            }
        }
        if vpcs.is_empty() {
            ids = self.estate.vpcs.keys().map(|v| v.to_string()).collect();
        }
        if ids.len() < 2 {
            return Outcome::pass(format!("{} VPC listed: nothing to connect", ids.len()));
        }
        let matrix = self.topology().vpc_matrix();
        // Each id's row in the matrix, looked up once (not once per pair).
        let rows: Vec<Option<usize>> = ids
            .iter()
            .map(|id| matrix.vpcs.iter().position(|v| v == id))
            .collect();
        let reaches = |a: usize, b: usize| match (rows[a], rows[b]) {
            (Some(x), Some(y)) => matrix.reaches(x, y),
            _ => false,
        };
        let missing: Vec<(&String, &String)> = (0..ids.len())
            .flat_map(|a| (0..ids.len()).map(move |b| (a, b)))
            .filter(|&(a, b)| ids[a] != ids[b] && !reaches(a, b))
            .map(|(a, b)| (&ids[a], &ids[b]))
            .collect();
        let name = |id: &str| {
            self.estate
                .vpcs
                .get(&id.into())
                .map_or(id.to_string(), super::names::vpc_label)
        };
        let pairs = ids.len() * ids.len().saturating_sub(1);
        match missing.first() {
            None => Outcome::pass(format!(
                "all {} VPCs route to one another ({pairs} ordered pairs)",
                ids.len()
            )),
            Some((a, b)) => {
                let mut o = Outcome::fail(format!(
                    "{} has no route that carries packets into {}{}",
                    name(a),
                    name(b),
                    match missing.len() - 1 {
                        0 => String::new(),
                        n => format!(", and {n} more of the {pairs} ordered pairs are cut off"),
                    }
                ));
                o.at = Some(a.to_string());
                o
            }
        }
    }
}

pub(super) enum Want<'a> {
    Reach { via: &'a [String] },
    Blocked { code: Option<&'a str> },
}

fn hop_kind(kind: HopKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

/// Whether the forward path passes `via`: a hop kind (`gateway_endpoint`) or a resource id.
fn passes(trace: &Trace, via: &str) -> bool {
    trace
        .forward
        .hops
        .iter()
        .any(|h| h.at == via || hop_kind(h.kind) == via)
}

/// ` through pcx-…, tgw-…` (the gateways and connections the request crosses), or ` inside
/// the VPC`.
fn path_words(estate: &crate::model::Estate, trace: &Trace) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for h in &trace.forward.hops {
        let gateway = matches!(
            h.kind,
            HopKind::PeeringConnection
                | HopKind::TransitGateway
                | HopKind::InternetGateway
                | HopKind::NatGateway
                | HopKind::GatewayEndpoint
                | HopKind::InterfaceEndpoint
                | HopKind::VpnGateway
        );
        if gateway && !seen.contains(&h.at.as_str()) {
            seen.push(&h.at);
        }
    }
    if seen.is_empty() {
        " inside the VPC".to_string()
    } else {
        let named: Vec<String> = seen.iter().map(|id| crate::reach::label(estate, id)).collect();
        format!(" through {}", named.join(", "))
    }
}

fn traffic_words(trace: &Trace) -> String {
    match (trace.protocol.as_str(), trace.port) {
        ("all", _) => "all traffic".to_string(),
        ("icmp", _) => "ICMP (ping)".to_string(),
        (p, Some(port)) => format!("{} {port}", p.to_uppercase()),
        (p, None) => p.to_uppercase(),
    }
}

/// "an interface endpoint", "a NAT gateway"; ids (`nat-0…`) stand alone.
fn with_article(what: &str) -> String {
    if what.contains('-') && !what.contains(' ') {
        return what.to_string();
    }
    let vowel = what.starts_with(|c: char| "aeiouAEIOU".contains(c));
    format!("{} {what}", if vowel { "an" } else { "a" })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{apply_all, Action};
    use crate::model::Estate;

    fn estate(actions: &str) -> Estate {
        let actions: Vec<Action> = serde_json::from_str(actions).unwrap();
        let mut e = Estate::default();
        apply_all(&mut e, &actions).unwrap();
        e
    }

    #[test]
    fn an_instance_named_by_a_goal_must_exist_once() {
        let mut e = estate(r#"[{"action": "create_vpc", "cidr": "10.0.0.0/16"}]"#);
        let vpc = e.vpcs.keys().next().unwrap().to_string();
        let subnet: Action = serde_json::from_value(serde_json::json!(
            {"action": "create_subnet", "vpc": vpc, "cidr": "10.0.0.0/24", "availability_zone": "us-east-1a"}
        ))
        .unwrap();
        let subnet = crate::edit::apply(&mut e, &subnet).unwrap().created[0].clone();
        let web: Action = serde_json::from_value(
            serde_json::json!({"action": "launch_instance", "subnet": subnet, "name": "web"}),
        )
        .unwrap();
        let ask = |e: &Estate, from: &str, to: &str| {
            CheckCtx::new(e).reach(from, to, "tcp", Some(443), false, Want::Reach { via: &[] })
        };
        for (from, to, words) in [
            ("web", "192.0.2.80", "no instance named web yet"),
            ("192.0.2.44", "web", "no instance named web yet"),
            ("i-0nothere", "192.0.2.80", "question cannot be asked"),
        ] {
            let o = ask(&e, from, to);
            assert!(!o.passed);
            assert_eq!(o.code.as_deref(), Some("BAD_QUERY"));
            assert!(o.message.contains(words), "{from} → {to}: {}", o.message);
        }
        crate::edit::apply(&mut e, &web).unwrap();
        assert_eq!(
            ask(&e, "web", "10.0.0.9").code.as_deref(),
            None,
            "one web: asked and answered"
        );
        crate::edit::apply(&mut e, &web).unwrap();
        let o = ask(&e, "web", "192.0.2.80");
        assert!(o.message.contains("instances are named web (i-"), "{}", o.message);
    }

    #[test]
    fn via_words_take_their_article() {
        assert_eq!(with_article("interface endpoint"), "an interface endpoint");
        assert_eq!(with_article("nat gateway"), "a nat gateway");
        assert_eq!(with_article("nat-0123456789abcdef0"), "nat-0123456789abcdef0");
    }
}
