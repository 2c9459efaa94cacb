//! From a traced path (the reach engine's hops) to the [`Step`]s the per-GB pricing walks: where
//! the bytes stop (with account, region and AZ) and what they cross.

use crate::model::{EndpointKind, EniId, Estate, InstanceId, NatId, TgwAttachmentId, VpceId};
use crate::reach::{Decision, Hop, HopKind, Trace};

use super::transfer::{Place, Role, Step};

/// The steps of one direction of a trace. `forward` picks the trace's forward hops, else its
/// return hops. `aws_service` names the AWS service behind an internet address (the flow's
/// `aws_service`), which makes the internet hop a same-region service.
pub fn steps_of(estate: &Estate, trace: &Trace, forward: bool, aws_service: Option<&str>) -> Vec<Step> {
    let hops = if forward {
        &trace.forward.hops
    } else {
        &trace.return_path.hops
    };
    let mut steps: Vec<Step> = Vec::new();
    for hop in hops {
        let mut found: Vec<Step> = step_of(estate, trace, hop, &steps, aws_service)
            .into_iter()
            .collect();
        // A gateway endpoint delivers straight to its service: the service is the path's end.
        if let (HopKind::GatewayEndpoint, Decision::Deliver, Some(service)) =
            (hop.kind, hop.decision, &hop.target)
        {
            let region = service_region(estate, service).unwrap_or_default();
            found.push(Step::AwsService {
                name: service.clone(),
                region,
            });
        }
        for step in found {
            push_step(&mut steps, step);
        }
    }
    steps
}

/// Appends a step, merging it with the previous one when both are the same place.
fn push_step(steps: &mut Vec<Step>, step: Step) {
    if let Some(prev) = steps.last() {
        if same_stop(prev, &step) {
            // The same place seen twice in a row (an instance, then its interface): keep the
            // more specific role.
            if matches!(step, Step::At { role, .. } if role != Role::Host) {
                steps.pop();
            } else {
                return;
            }
        }
    }
    steps.push(step);
}

fn same_stop(a: &Step, b: &Step) -> bool {
    match (a, b) {
        (Step::At { place: p, .. }, Step::At { place: q, .. }) => p.id == q.id,
        (Step::TransitGateway { id: p, .. }, Step::TransitGateway { id: q, .. }) => p == q,
        (Step::Peering { id: p }, Step::Peering { id: q }) => p == q,
        (Step::GatewayEndpoint { id: p, .. }, Step::GatewayEndpoint { id: q, .. }) => p == q,
        (Step::InternetGateway { id: p }, Step::InternetGateway { id: q }) => p == q,
        (Step::Internet, Step::Internet) => true,
        (Step::AwsService { name: p, .. }, Step::AwsService { name: q, .. }) => p == q,
        _ => false,
    }
}

fn step_of(
    estate: &Estate,
    trace: &Trace,
    hop: &Hop,
    so_far: &[Step],
    aws_service: Option<&str>,
) -> Option<Step> {
    let last_place = so_far.iter().rev().find_map(|s| match s {
        Step::At { place, .. } => Some(place),
        _ => None,
    });
    match hop.kind {
        HopKind::Instance | HopKind::NetworkInterface | HopKind::Host | HopKind::InterfaceEndpoint => {
            place_of(estate, trace, &hop.at).map(|(place, role)| Step::At { place, role })
        }
        HopKind::NatGateway => place_of(estate, trace, &hop.at).map(|(place, role)| Step::At { place, role }),
        HopKind::PeeringConnection => Some(Step::Peering { id: hop.at.clone() }),
        HopKind::TransitGateway => {
            // Processing is charged where bytes enter from a VPC: the hop at the VPC's
            // attachment whose target is the transit gateway. Exits and TGW peering crossings
            // add no processing charge.
            let att = estate
                .tgw_attachments
                .get(&TgwAttachmentId::from(hop.at.as_str()))?;
            let tgw = hop.target.as_deref()?;
            if att.resource_type != "vpc" || att.tgw.as_str() != tgw {
                return None;
            }
            Some(Step::TransitGateway {
                id: tgw.to_string(),
                attachment: att.id.to_string(),
                payer: att.resource_owner.to_string(),
                region: att.region.to_string(),
            })
        }
        HopKind::GatewayEndpoint => {
            let ep = estate.endpoints.values().find(|e| e.id.as_str() == hop.at)?;
            Some(Step::GatewayEndpoint {
                id: ep.id.to_string(),
                owner: ep.owner.to_string(),
            })
        }
        HopKind::InternetGateway => Some(Step::InternetGateway { id: hop.at.clone() }),
        HopKind::Internet => match (aws_service, last_place) {
            (Some(name), Some(place)) => {
                let (name, region) = service_named(name, &place.region);
                Some(Step::AwsService { name, region })
            }
            _ => Some(Step::Internet),
        },
        HopKind::Service => {
            let region = service_region(estate, &hop.at)
                .or_else(|| last_place.map(|p| p.region.clone()))
                .unwrap_or_default();
            Some(Step::AwsService {
                name: hop.at.clone(),
                region,
            })
        }
        // Out over a Site-to-Site VPN connection (the hop's target is the `vpn-…` it crosses):
        // data out is billed as data transfer out, at the internet rates and allowance
        // (aws.amazon.com/vpn/pricing: "Data Transfer Out"; AWS-FACTS.md, hybrid networking).
        // Direct Connect's own per-GB rates are not modelled: its data is not priced.
        HopKind::VpnGateway
            if hop.decision == crate::reach::Decision::Forward
                && hop.target.as_deref().is_some_and(|t| t.starts_with("vpn-")) =>
        {
            Some(Step::Internet)
        }
        HopKind::VpnGateway | HopKind::OnPremises => None,
        HopKind::SecurityGroup
        | HopKind::NetworkAcl
        | HopKind::RouteTable
        | HopKind::TransitGatewayRouteTable => None,
    }
}

/// A flow's `aws_service` as the trace names a service: `sns` is the sender's region's
/// (`com.amazonaws.us-east-1.sns`, the name a trace gives the public endpoint `sns` resolves to);
/// a full name keeps its own region.
fn service_named(name: &str, sender_region: &str) -> (String, String) {
    match name
        .strip_prefix("com.amazonaws.")
        .and_then(|r| r.split_once('.'))
    {
        Some((region, _)) => (name.to_string(), region.to_string()),
        None => (
            format!("com.amazonaws.{sender_region}.{name}"),
            sender_region.to_string(),
        ),
    }
}

/// The region of an AWS service named by a prefix list id, a prefix-list name
/// (`com.amazonaws.us-east-1.s3`) or a text holding one.
fn service_region(estate: &Estate, name: &str) -> Option<String> {
    if let Some(pl) = estate
        .prefix_lists
        .values()
        .find(|p| name.contains(p.id.as_str()))
    {
        return Some(pl.region.to_string());
    }
    let rest = name.split("com.amazonaws.").nth(1)?;
    rest.split('.').next().map(str::to_string)
}

/// The place and role of a hop's resource: an instance, an interface (a NAT gateway's or an
/// interface endpoint's counts as that), a NAT gateway, an interface endpoint, or an address in
/// a subnet (owned by the subnet's owner).
fn place_of(estate: &Estate, trace: &Trace, at: &str) -> Option<(Place, Role)> {
    let subnet_place = |id: &str, account: &str, subnet: &str| {
        let s = estate.subnets.values().find(|s| s.id.as_str() == subnet)?;
        Some(Place {
            id: id.to_string(),
            account: account.to_string(),
            region: s.region.to_string(),
            az: Some(s.availability_zone.clone()),
        })
    };
    if let Some(i) = estate.instances.get(&InstanceId::from(at)) {
        return subnet_place(at, i.owner.as_str(), i.subnet.as_str()).map(|p| (p, Role::Host));
    }
    if let Some(n) = estate.nat_gateways.get(&NatId::from(at)) {
        return subnet_place(at, n.owner.as_str(), n.subnet.as_str()).map(|p| (p, Role::NatGateway));
    }
    if let Some(e) = estate.enis.get(&EniId::from(at)) {
        if let Some(i) = e.instance.as_ref().and_then(|i| estate.instances.get(i)) {
            // An instance's interface is the instance.
            return subnet_place(i.id.as_str(), i.owner.as_str(), i.subnet.as_str()).map(|p| (p, Role::Host));
        }
        if let Some(nat) = estate
            .nat_gateways
            .values()
            .find(|n| n.eni.as_ref() == Some(&e.id))
        {
            return subnet_place(nat.id.as_str(), nat.owner.as_str(), nat.subnet.as_str())
                .map(|p| (p, Role::NatGateway));
        }
        if let Some(ep) = estate.endpoints.values().find(|ep| ep.enis.contains(&e.id)) {
            return subnet_place(ep.id.as_str(), ep.owner.as_str(), e.subnet.as_str())
                .map(|p| (p, Role::InterfaceEndpoint));
        }
        return subnet_place(at, e.owner.as_str(), e.subnet.as_str()).map(|p| (p, Role::Host));
    }
    if let Some(ep) = estate
        .endpoints
        .get(&VpceId::from(at))
        .filter(|ep| ep.kind == EndpointKind::Interface)
    {
        // The endpoint's interface in the AZ the query named (its address), else its first.
        let subnet = [&trace.to, &trace.from]
            .into_iter()
            .filter_map(|end| end.subnet.clone())
            .find(|s| ep.subnets.iter().any(|e| e.as_str() == s))
            .or_else(|| ep.subnets.first().map(|s| s.to_string()))?;
        return subnet_place(at, ep.owner.as_str(), &subnet).map(|p| (p, Role::InterfaceEndpoint));
    }
    // An address in a subnet: one of the trace's ends.
    for end in [&trace.from, &trace.to] {
        if end.id == at || end.address == at {
            let subnet = end.subnet.clone()?;
            let owner = estate
                .subnets
                .values()
                .find(|s| s.id.as_str() == subnet)?
                .owner
                .clone();
            return subnet_place(at, owner.as_str(), &subnet).map(|p| (p, Role::Host));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::service_named;

    #[test]
    fn a_flows_service_is_named_as_traces_name_it() {
        let table = [
            ("sns", "us-east-1", "com.amazonaws.us-east-1.sns", "us-east-1"),
            (
                "com.amazonaws.us-east-1.sns",
                "eu-west-1",
                "com.amazonaws.us-east-1.sns",
                "us-east-1",
            ),
            (
                "ecr.api",
                "eu-west-1",
                "com.amazonaws.eu-west-1.ecr.api",
                "eu-west-1",
            ),
        ];
        for (flow, sender, name, region) in table {
            assert_eq!(
                service_named(flow, sender),
                (name.to_string(), region.to_string()),
                "{flow}"
            );
        }
    }
}
