//! What to call the places and resources of a bill: `app (i-0a1…)` rather than a bare id, an ECS
//! task's interface by its task rather than by its attachment's ARN, and the ends a flow may
//! have, for the cost panel's pickers.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::Estate;

use super::report::CostReport;
use super::traffic::Traffic;

/// An address outside every VPC that stands for "somewhere on the internet" in the pickers
/// (TEST-NET-3, RFC 5737: documentation only, never routed).
pub const INTERNET_ADDRESS: &str = "203.0.113.10";

/// The same over IPv6 (the documentation prefix, RFC 3849), offered when a VPC has an IPv6 block.
pub const INTERNET6_ADDRESS: &str = "2001:db8::20";

/// An on-premises address for the pickers: inside the first IPv4 block a route table of the
/// estate sends to a virtual private gateway (a VPN's static route, a propagated or a static
/// route), other than a default route: its tenth address. `None` when nothing leads on premises.
pub fn onprem_address(e: &Estate) -> Option<String> {
    e.route_tables.values().find_map(|t| {
        crate::route::with_propagations(e, t)
            .routes
            .iter()
            .find_map(|r| match (&r.target, &r.destination) {
                (
                    crate::model::Target::VirtualPrivateGateway(_),
                    crate::model::Destination::Cidr(ipnet::IpNet::V4(net)),
                ) if net.prefix_len() > 0 => net.hosts().nth(9).map(|h| h.to_string()),
                _ => None,
            })
    })
}

/// AWS services a flow can go to besides those of the estate's endpoints: the two with gateway
/// endpoints, then those vpclab knows a public endpoint for.
const SERVICES: [&str; 6] = ["s3", "dynamodb", "sns", "sqs", "kms", "logs"];

/// One end a flow may have, as the pickers offer it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FlowEnd {
    /// What the traffic file says (`i-…`, `eni-…`, `sns`, an address).
    pub id: String,
    /// `Name (id)`, or the id alone when it has no name.
    pub label: String,
    /// `instance`, `network_interface`, `service`, `internet` or `on_premises`.
    pub kind: &'static str,
    /// A flow may start here (services and the internet only receive, in the pickers).
    pub source: bool,
}

/// A service's name as AWS writes it (`s3` → `Amazon S3`), from its short or full endpoint name
/// (`com.amazonaws.us-east-1.sns`); `None` for a name that is not a known service.
fn service_title(name: &str) -> Option<String> {
    let short = name.rsplit('.').next().unwrap_or(name);
    let short = if name.starts_with("com.amazonaws.") {
        name.splitn(4, '.').nth(3).unwrap_or(short)
    } else {
        name
    };
    let title = match short {
        "s3" => "Amazon S3",
        "dynamodb" => "Amazon DynamoDB",
        "sns" => "Amazon SNS",
        "sqs" => "Amazon SQS",
        "kms" => "AWS KMS",
        "logs" => "Amazon CloudWatch Logs",
        "ec2" => "Amazon EC2 API",
        "ecr.api" | "ecr.dkr" => "Amazon ECR",
        "sts" => "AWS STS",
        "ssm" => "AWS Systems Manager",
        "secretsmanager" => "AWS Secrets Manager",
        "lambda" => "AWS Lambda",
        _ => return None,
    };
    Some(title.to_string())
}

/// The words a network interface's description says it belongs to: what it is (`Eni::what`: an
/// ECS task, a Lambda function) in its subnet, a NAT gateway's or an endpoint's by that resource,
/// another by its description (shortened).
fn interface_name(e: &Estate, eni: &crate::model::Eni) -> Option<String> {
    let d = eni.description.trim();
    let subnet = || {
        e.subnets
            .get(&eni.subnet)
            .and_then(|s| s.name.clone())
            .unwrap_or_else(|| eni.subnet.to_string())
    };
    if let Some(what) = eni.what() {
        return Some(format!("{what} in {}", subnet()));
    }
    if let Some(nat) = e.nat_gateways.values().find(|n| n.eni.as_ref() == Some(&eni.id)) {
        return Some(format!(
            "NAT gateway {}",
            nat.name.as_deref().unwrap_or(nat.id.as_str())
        ));
    }
    if let Some(vpce) = e.endpoints.values().find(|v| v.enis.contains(&eni.id)) {
        return Some(format!("endpoint {} in {}", name_or_service(vpce), subnet()));
    }
    if d.is_empty() {
        return None;
    }
    Some(if d.chars().count() > 40 {
        format!("{}…", d.chars().take(39).collect::<String>())
    } else {
        d.to_string()
    })
}

fn name_or_service(v: &crate::model::VpcEndpoint) -> String {
    v.name
        .clone()
        .or_else(|| service_title(&v.service_name))
        .unwrap_or_else(|| v.service_name.clone())
}

/// The name of the resource or place `id` in `estate` (its `Name` tag, or what it is), or `None`
/// when there is nothing better than the id.
///
/// # Examples
/// ```
/// use vpclab_core::cost::name_of;
/// let e = vpclab_core::model::Estate::default();
/// assert_eq!(name_of(&e, "s3").as_deref(), Some("Amazon S3"));
/// assert_eq!(name_of(&e, "internet").as_deref(), Some("the internet"));
/// assert_eq!(name_of(&e, "i-nope"), None);
/// ```
pub fn name_of(e: &Estate, id: &str) -> Option<String> {
    let tag = |n: &Option<String>| n.clone();
    if id == "internet" || id == INTERNET_ADDRESS || id == INTERNET6_ADDRESS {
        return Some("the internet".to_string());
    }
    if onprem_address(e).as_deref() == Some(id) {
        return Some("on premises".to_string());
    }
    if let Some(i) = e.instances.get(&id.into()) {
        return tag(&i.name);
    }
    if let Some(eni) = e.enis.get(&id.into()) {
        return match eni.instance.as_ref().and_then(|i| e.instances.get(i)) {
            Some(i) => i.name.clone(),
            None => interface_name(e, eni),
        };
    }
    if let Some(n) = e.nat_gateways.get(&id.into()) {
        return tag(&n.name);
    }
    if let Some(v) = e.endpoints.get(&id.into()) {
        return Some(name_or_service(v));
    }
    if let Some(a) = e.tgw_attachments.get(&id.into()) {
        return a.name.clone().or_else(|| {
            e.vpcs
                .get(&a.resource_id.as_str().into())
                .map(|v| format!("attachment of {}", v.name.as_deref().unwrap_or(v.id.as_str())))
        });
    }
    if let Some(p) = e.peerings.get(&id.into()) {
        return tag(&p.name);
    }
    if let Some(v) = e.vpcs.get(&id.into()) {
        return tag(&v.name);
    }
    if let Some(s) = e.subnets.get(&id.into()) {
        return tag(&s.name);
    }
    if let Some(t) = e.transit_gateways.get(&id.into()) {
        return tag(&t.name);
    }
    service_title(id)
}

/// `Name (id)`, or `id` alone.
pub fn labelled(e: &Estate, id: &str) -> String {
    match name_of(e, id) {
        Some(n) if n != id => format!("{n} ({id})"),
        _ => id.to_string(),
    }
}

/// The names of every id a report and its traffic mention (resources charged, flows' ends,
/// where unreachable flows stop), for a page to write `Name (id)`.
pub fn names_in(e: &Estate, report: &CostReport, traffic: &Traffic) -> BTreeMap<String, String> {
    let ids = report
        .items
        .iter()
        .map(|i| i.resource.as_str())
        .chain(report.unreachable.iter().filter_map(|u| u.at.as_deref()))
        .chain(
            traffic
                .flows
                .iter()
                .flat_map(|f| [f.from.as_str(), f.to.as_str()]),
        );
    ids.filter_map(|id| Some((id.to_string(), name_of(e, id)?)))
        .filter(|(id, name)| id != name)
        .collect()
}

/// The ends the cost panel offers: instances, network interfaces not owned by a NAT gateway or
/// an endpoint, the AWS services of the estate's endpoints and a few common ones, and the
/// internet.
///
/// # Examples
/// ```
/// use vpclab_core::cost::flow_ends;
/// let ends = flow_ends(&vpclab_core::model::Estate::default());
/// assert!(ends.iter().any(|e| e.id == "s3" && e.label == "Amazon S3 (s3)" && !e.source));
/// assert_eq!(ends.last().unwrap().kind, "internet");
/// ```
pub fn flow_ends(e: &Estate) -> Vec<FlowEnd> {
    let mut out: Vec<FlowEnd> = e
        .instances
        .keys()
        .map(|id| FlowEnd {
            id: id.to_string(),
            label: labelled(e, id.as_str()),
            kind: "instance",
            source: true,
        })
        .collect();
    let owned = |id: &crate::model::EniId| {
        e.nat_gateways.values().any(|n| n.eni.as_ref() == Some(id))
            || e.endpoints.values().any(|v| v.enis.contains(id))
    };
    out.extend(
        e.enis
            .values()
            .filter(|x| x.instance.is_none() && !owned(&x.id))
            .map(|x| FlowEnd {
                id: x.id.to_string(),
                label: labelled(e, x.id.as_str()),
                kind: "network_interface",
                source: true,
            }),
    );
    let mut services: Vec<String> = e
        .endpoints
        .values()
        .filter_map(|v| v.service_name.splitn(4, '.').nth(3).map(str::to_string))
        .collect();
    services.extend(SERVICES.iter().map(|s| s.to_string()));
    let mut seen = std::collections::BTreeSet::new();
    services.retain(|s| seen.insert(s.clone()));
    out.extend(services.into_iter().map(|s| FlowEnd {
        label: labelled(e, &s),
        id: s,
        kind: "service",
        source: false,
    }));
    out.push(FlowEnd {
        id: INTERNET_ADDRESS.to_string(),
        label: format!("the internet ({INTERNET_ADDRESS})"),
        kind: "internet",
        source: false,
    });
    if e.vpcs.values().any(|v| !v.ipv6_cidrs.is_empty()) {
        out.push(FlowEnd {
            id: INTERNET6_ADDRESS.to_string(),
            label: format!("the internet over IPv6 ({INTERNET6_ADDRESS})"),
            kind: "internet",
            source: false,
        });
    }
    if let Some(address) = onprem_address(e) {
        out.push(FlowEnd {
            label: format!("on premises ({address})"),
            id: address,
            kind: "on_premises",
            source: false,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn services_read_as_aws_names_them() {
        for (id, want) in [
            ("s3", Some("Amazon S3")),
            ("com.amazonaws.us-east-1.sns", Some("Amazon SNS")),
            ("com.amazonaws.us-east-1.ecr.api", Some("Amazon ECR")),
            ("nope", None),
        ] {
            assert_eq!(service_title(id).as_deref(), want, "{id}");
        }
    }
}
