//! VPC endpoints: gateway endpoints (S3, DynamoDB) and interface endpoints (AWS PrivateLink).
//!
//! See "Gateway endpoints" (privatelink/gateway-endpoints.html) and "Access an AWS service using
//! an interface VPC endpoint" (privatelink/create-interface-endpoint.html).

use std::collections::BTreeSet;

use super::common::*;
use super::{quotas, Applied};
use crate::model::*;

/// The AWS-managed prefix list named `com.amazonaws.REGION.SERVICE`: the estate's own copy if it
/// has one (imported from `describe-prefix-lists`), else the embedded one
/// ([`crate::aws::managed_prefix_lists`], ids and sample ranges with sources), else for a region
/// not embedded a stable stand-in id without ranges.
pub(super) fn managed_prefix_list(e: &Estate, region: &Region, service: &str) -> PrefixList {
    let name = format!("com.amazonaws.{region}.{service}");
    if let Some(pl) = e.prefix_lists.values().find(|p| p.name == name) {
        return pl.clone();
    }
    if let Some(pl) = crate::aws::managed_prefix_lists().iter().find(|p| p.name == name) {
        return pl.clone();
    }
    PrefixList {
        id: PrefixListId(format!("pl-{:08x}", fnv1a(name.as_bytes()) as u32)),
        name,
        region: region.clone(),
        cidrs: vec![],
    }
}

/// `s3`, `dynamodb` or `com.amazonaws.REGION.s3` → the short service name, for the VPC's region.
fn service_short<'a>(service: &'a str, region: &Region) -> Option<&'a str> {
    let s = service.trim();
    match s.strip_prefix("com.amazonaws.") {
        Some(rest) => rest
            .strip_prefix(region.as_str())
            .and_then(|r| r.strip_prefix('.'))
            .filter(|r| !r.is_empty()),
        None => Some(s).filter(|s| !s.is_empty()),
    }
}

fn unknown_service(service: &str, hint: &str) -> super::EditError {
    err(
        "InvalidServiceName",
        format!("The Vpc Endpoint Service '{service}' does not exist{hint}"),
    )
}

fn check_endpoint_quota(e: &Estate, vpc_id: &VpcId) -> Result<()> {
    let count = e.endpoints.values().filter(|v| &v.vpc == vpc_id).count();
    if count >= quotas::ENDPOINTS_PER_VPC {
        return Err(err(
            "VpcEndpointLimitExceeded",
            format!(
                "The maximum number of VPC endpoints has been reached: {vpc_id} has {count} (quota {})",
                quotas::ENDPOINTS_PER_VPC
            ),
        ));
    }
    Ok(())
}

/// The route tables a gateway endpoint may take: of its VPC, without a route to the prefix list
/// already (`RouteAlreadyExists`: one endpoint of a service per table), below the route quota.
fn check_tables(
    e: &Estate,
    actor: Actor,
    vpc_id: &VpcId,
    pl: &PrefixListId,
    tables: &[RouteTableId],
) -> Result<()> {
    let mut seen = BTreeSet::new();
    for id in tables {
        let rt = route_table(e, id, actor)?;
        if &rt.vpc != vpc_id {
            return Err(err(
                "InvalidParameterValue",
                format!("Route table {id} belongs to {}, not to {vpc_id}", rt.vpc),
            ));
        }
        let dest = Destination::PrefixList(pl.clone());
        if !seen.insert(id) || rt.routes.iter().any(|r| r.destination == dest) {
            return Err(err(
                "RouteAlreadyExists",
                format!("The route identified by {pl} already exists in {id}."),
            ));
        }
        let count = rt.routes.iter().filter(|r| r.target != Target::Local).count();
        if count >= quotas::ROUTES_PER_TABLE {
            return Err(err(
                "RouteLimitExceeded",
                format!("The maximum number of routes has been reached in {id}"),
            ));
        }
    }
    Ok(())
}

fn add_routes(e: &mut Estate, pl: &PrefixListId, vpce: &VpceId, tables: &[RouteTableId]) {
    for id in tables {
        if let Some(rt) = e.route_tables.get_mut(id) {
            rt.routes.push(Route {
                destination: Destination::PrefixList(pl.clone()),
                target: Target::GatewayEndpoint(vpce.clone()),
                state: RouteState::Active,
                origin: RouteOrigin::CreateRoute,
            });
        }
    }
}

fn remove_routes(e: &mut Estate, vpce: &VpceId, tables: &[RouteTableId]) {
    for id in tables {
        if let Some(rt) = e.route_tables.get_mut(id) {
            rt.routes
                .retain(|r| !matches!(&r.target, Target::GatewayEndpoint(v) if v == vpce));
        }
    }
}

/// `CreateVpcEndpoint` (Gateway): S3 or DynamoDB in the VPC's region; each chosen route table
/// gets a route from the service's prefix list (`pl-…`, `com.amazonaws.REGION.SERVICE`) to the
/// endpoint.
pub(super) fn create_gateway(
    e: &mut Estate,
    actor: Actor,
    vpc_id: &VpcId,
    service: &str,
    tables: &[RouteTableId],
    name: &Option<String>,
) -> Result<Applied> {
    let vpc = vpc(e, vpc_id, actor)?;
    let short = service_short(service, &vpc.region)
        .filter(|s| matches!(*s, "s3" | "dynamodb"))
        .ok_or_else(|| {
            unknown_service(
                service,
                ": gateway endpoints exist only for s3 and dynamodb in the VPC's region",
            )
        })?;
    check_endpoint_quota(e, vpc_id)?;
    let pl = managed_prefix_list(e, &vpc.region, short);
    check_tables(e, actor, vpc_id, &pl.id, tables)?;
    let (owner, region) = (vpc.owner.clone(), vpc.region.clone());
    let id = VpceId(new_id("vpce", e.endpoints.len(), |s| {
        e.endpoints.contains_key(&VpceId::from(s))
    }));
    let pl_id = pl.id.clone();
    let service_name = pl.name.clone();
    e.prefix_lists.entry(pl.id.clone()).or_insert(pl);
    e.endpoints.insert(
        id.clone(),
        VpcEndpoint {
            id: id.clone(),
            owner,
            region,
            vpc: vpc_id.clone(),
            service_name: service_name.clone(),
            kind: EndpointKind::Gateway,
            state: "available".into(),
            route_tables: tables.to_vec(),
            subnets: vec![],
            enis: vec![],
            security_groups: vec![],
            private_dns_enabled: false,
            name: name.clone(),
        },
    );
    add_routes(e, &pl_id, &id, tables);
    Ok(Applied {
        created: vec![id.to_string()],
        description: format!(
            "Created gateway endpoint {id} for {service_name} in {vpc_id} (route {pl_id} → {id} in {} route tables)",
            tables.len()
        ),
        warning: None,
    })
}

/// `ModifyVpcEndpoint` for a gateway endpoint: adds or removes route tables and their
/// prefix-list routes.
pub(super) fn modify_gateway(
    e: &mut Estate,
    actor: Actor,
    id: &VpceId,
    add: &[RouteTableId],
    remove: &[RouteTableId],
) -> Result<Applied> {
    let v = endpoint(e, id, actor)?;
    if v.kind != EndpointKind::Gateway {
        return Err(err(
            "InvalidParameter",
            format!("{id} is not a gateway endpoint: only gateway endpoints have route tables"),
        ));
    }
    if let Some(missing) = remove.iter().find(|r| !v.route_tables.contains(r)) {
        return Err(err(
            "InvalidParameter",
            format!("Route table {missing} is not associated with {id}"),
        ));
    }
    let region = v.region.clone();
    let short = v.service_name.rsplit('.').next().unwrap_or_default().to_string();
    let pl = managed_prefix_list(e, &region, &short);
    check_tables(e, actor, &v.vpc, &pl.id, add)?;
    remove_routes(e, id, remove);
    add_routes(e, &pl.id, id, add);
    if let Some(v) = e.endpoints.get_mut(id) {
        v.route_tables.retain(|r| !remove.contains(r));
        v.route_tables.extend(add.iter().cloned());
    }
    Ok(Applied {
        created: vec![],
        description: format!(
            "Modified {id}: added {} route tables, removed {}",
            add.len(),
            remove.len()
        ),
        warning: None,
    })
}

/// `DeleteVpcEndpoints`: a gateway endpoint's routes and an interface endpoint's ENIs go with it.
pub(super) fn delete(e: &mut Estate, actor: Actor, id: &VpceId) -> Result<Applied> {
    let v = endpoint(e, id, actor)?.clone();
    remove_routes(e, id, &v.route_tables);
    for eni in &v.enis {
        e.enis.remove(eni);
    }
    e.endpoints.remove(id);
    Ok(Applied {
        created: vec![],
        description: format!("Deleted endpoint {id} ({})", v.service_name),
        warning: None,
    })
}

/// The fields of an interface endpoint request.
pub(super) struct InterfaceSpec<'a> {
    pub vpc: &'a VpcId,
    pub service: &'a str,
    pub subnets: &'a [SubnetId],
    pub security_groups: &'a [SgId],
    pub private_dns: bool,
    pub name: &'a Option<String>,
}

/// `CreateVpcEndpoint` (Interface): one ENI per subnet, at most one subnet per zone
/// (`DuplicateSubnetsInSameZone`); security groups of the VPC (default: its default group);
/// private DNS needs the VPC's DNS support and DNS hostnames.
pub(super) fn create_interface(e: &mut Estate, actor: Actor, spec: InterfaceSpec) -> Result<Applied> {
    let vpc = vpc(e, spec.vpc, actor)?;
    let short = service_short(spec.service, &vpc.region)
        .filter(|s| {
            s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-')
        })
        .ok_or_else(|| unknown_service(spec.service, ""))?;
    let service_name = format!("com.amazonaws.{}.{short}", vpc.region);
    if spec.subnets.is_empty() {
        return Err(err(
            "MissingParameter",
            "An interface endpoint needs at least one subnet (one per availability zone)",
        ));
    }
    let mut zones = BTreeSet::new();
    let mut subnets = Vec::new();
    for id in spec.subnets {
        let s = subnet(e, id, actor)?;
        if &s.vpc != spec.vpc {
            return Err(err(
                "InvalidParameter",
                format!("Subnet {id} belongs to {}, not to {}", s.vpc, spec.vpc),
            ));
        }
        if !zones.insert(s.availability_zone.as_str()) {
            return Err(err(
                "DuplicateSubnetsInSameZone",
                format!("Found another VPC endpoint subnet in the availability zone of {id}"),
            ));
        }
        subnets.push(s.clone());
    }
    let groups = if spec.security_groups.is_empty() {
        e.security_groups
            .values()
            .find(|g| &g.vpc == spec.vpc && g.name == "default")
            .map(|g| vec![g.id.clone()])
            .unwrap_or_default()
    } else {
        for g in spec.security_groups {
            let sg = security_group(e, g, actor)?;
            if &sg.vpc != spec.vpc {
                return Err(err(
                    "InvalidParameter",
                    format!(
                        "Security group {g} and VPC {} belong to different networks",
                        spec.vpc
                    ),
                ));
            }
        }
        spec.security_groups.to_vec()
    };
    if spec.private_dns && !(vpc.dns_support && vpc.dns_hostnames) {
        return Err(err(
            "InvalidParameter",
            format!(
                "Enabling private DNS requires both enableDnsSupport and enableDnsHostnames VPC attributes set to true for {}",
                spec.vpc
            ),
        ));
    }
    check_endpoint_quota(e, spec.vpc)?;
    let mut addresses = Vec::new();
    for s in &subnets {
        addresses.push(free_private_ip(e, s)?);
    }
    let (owner, region) = (vpc.owner.clone(), vpc.region.clone());
    let id = VpceId(new_id("vpce", e.endpoints.len(), |s| {
        e.endpoints.contains_key(&VpceId::from(s))
    }));
    let mut enis = Vec::new();
    for (s, ip) in subnets.iter().zip(addresses) {
        let eni = new_eni_id(e);
        e.enis.insert(
            eni.clone(),
            Eni {
                id: eni.clone(),
                owner: owner.clone(),
                region: region.clone(),
                vpc: spec.vpc.clone(),
                subnet: s.id.clone(),
                availability_zone: s.availability_zone.clone(),
                private_ips: vec![ip],
                public_ip: None,
                security_groups: groups.clone(),
                interface_type: "vpc_endpoint".into(),
                instance: None,
                description: format!("VPC Endpoint Interface {id}"),
                ipv6_addresses: Vec::new(),
            },
        );
        enis.push(eni);
    }
    e.endpoints.insert(
        id.clone(),
        VpcEndpoint {
            id: id.clone(),
            owner,
            region,
            vpc: spec.vpc.clone(),
            service_name: service_name.clone(),
            kind: EndpointKind::Interface,
            state: "available".into(),
            route_tables: vec![],
            subnets: spec.subnets.to_vec(),
            enis: enis.clone(),
            security_groups: groups,
            private_dns_enabled: spec.private_dns,
            name: spec.name.clone(),
        },
    );
    let mut created = vec![id.to_string()];
    created.extend(enis.iter().map(|n| n.to_string()));
    Ok(Applied {
        created,
        description: format!(
            "Created interface endpoint {id} for {service_name} in {} ({} network interfaces)",
            spec.vpc,
            enis.len()
        ),
        warning: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_names() {
        let r = Region::from("us-east-1");
        let table = [
            ("s3", Some("s3")),
            ("com.amazonaws.us-east-1.s3", Some("s3")),
            ("com.amazonaws.eu-west-1.s3", None),
            ("com.amazonaws.us-east-1.", None),
            ("", None),
        ];
        for (input, want) in table {
            assert_eq!(service_short(input, &r), want, "{input}");
        }
    }

    #[test]
    fn prefix_lists_prefer_the_estate_then_known_ids() {
        let mut e = Estate::default();
        let r = Region::from("us-east-1");
        assert_eq!(managed_prefix_list(&e, &r, "s3").id.as_str(), "pl-63a5400a");
        let far = managed_prefix_list(&e, &"ap-south-2".into(), "s3");
        assert!(far.id.as_str().starts_with("pl-") && far.id.as_str().len() == 11);
        assert_eq!(far.name, "com.amazonaws.ap-south-2.s3");
        e.prefix_lists.insert(
            "pl-11112222".into(),
            PrefixList {
                id: "pl-11112222".into(),
                name: "com.amazonaws.us-east-1.s3".into(),
                region: r.clone(),
                cidrs: vec!["192.0.2.0/24".parse().unwrap()],
            },
        );
        let pl = managed_prefix_list(&e, &r, "s3");
        assert_eq!((pl.id.as_str(), pl.cidrs.len()), ("pl-11112222", 1));
        let embedded = managed_prefix_list(&e, &r, "dynamodb");
        assert_eq!(embedded.id.as_str(), "pl-02cd2c6b");
        assert!(
            !embedded.cidrs.is_empty(),
            "the embedded lists carry sample ranges"
        );
    }
}
