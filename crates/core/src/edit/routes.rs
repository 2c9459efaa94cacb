//! Route tables: routes, tables, subnet associations, the main table.
//!
//! See "Configure route tables" and "Route table concepts" (userguide/VPC_Route_Tables.html) and
//! "Route priority" (userguide/route-tables-priority.html).

use ipnet::IpNet;

use super::common::*;
use super::{quotas, Applied, EditError};
use crate::model::*;

/// A route destination: a prefix list id (`pl-…`: one of the estate's, or an AWS-managed list of
/// the table's region) or a CIDR.
fn parse_destination(e: &Estate, region: &Region, input: &str) -> Result<(Destination, Option<PrefixList>)> {
    let text = input.trim();
    if !text.starts_with("pl-") {
        return parse_cidr(text, "destination CIDR block", "destinationCidrBlock")
            .map(|c| (Destination::Cidr(c), None));
    }
    let id = PrefixListId::from(text);
    if e.prefix_lists.contains_key(&id) {
        return Ok((Destination::PrefixList(id), None));
    }
    crate::aws::managed_prefix_lists()
        .iter()
        .find(|p| p.id == id && &p.region == region)
        .map(|p| (Destination::PrefixList(id.clone()), Some(p.clone())))
        .ok_or_else(|| {
            err(
                "InvalidPrefixListID.NotFound",
                format!("The prefix list ID '{text}' does not exist"),
            )
        })
}

/// A route target by id prefix: `local`, `igw-`, `eigw-`, `nat-`, `pcx-`, `vpce-`, `tgw-`, `vgw-`,
/// `eni-`, `i-`.
fn parse_target(input: &str) -> Result<Target> {
    let t = input.trim();
    let target = if t == "local" {
        Target::Local
    } else if t.starts_with("tgw-attach-") || t.starts_with("tgw-rtb-") {
        return Err(err(
            "InvalidParameterValue",
            format!("Value ({t}) for parameter target is invalid: a route targets the transit gateway itself (tgw-…), not an attachment or a transit gateway route table"),
        ));
    } else if t.starts_with("igw-") {
        Target::InternetGateway(t.into())
    } else if t.starts_with("nat-") {
        Target::NatGateway(t.into())
    } else if t.starts_with("pcx-") {
        Target::VpcPeering(t.into())
    } else if t.starts_with("vpce-") {
        Target::GatewayEndpoint(t.into())
    } else if t.starts_with("tgw-") {
        Target::TransitGateway(t.into())
    } else if t.starts_with("eni-") {
        Target::Eni(t.into())
    } else if t.starts_with("eigw-") {
        Target::EgressOnlyInternetGateway(t.into())
    } else if t.starts_with("vgw-") {
        Target::VirtualPrivateGateway(t.into())
    } else if t.starts_with("i-") {
        Target::Instance(t.into())
    } else {
        return Err(err(
            "InvalidParameterValue",
            format!("Value ({t}) for parameter target is invalid: a route target is local or an id starting igw-, eigw-, nat-, pcx-, vpce-, tgw-, vgw-, eni- or i-"),
        ));
    };
    Ok(target)
}

/// The destination of an existing route: a prefix list is named by id alone.
fn route_destination(e: &Estate, rt: &RouteTable, input: &str) -> Result<Destination> {
    let text = input.trim();
    if text.starts_with("pl-") {
        Ok(Destination::PrefixList(text.into()))
    } else {
        parse_destination(e, &rt.region, text).map(|(d, _)| d)
    }
}

fn different_networks(rt: &RouteTable, what: &str, id: &str) -> EditError {
    err(
        "InvalidParameterValue",
        format!(
            "route table {} and {what} {id} belong to different networks",
            rt.id
        ),
    )
}

/// Checks that `target` exists, is visible and belongs to the table's VPC, and returns the
/// state a route to it starts in. A route to a peering still pending acceptance is accepted and
/// starts as `blackhole` (AWS-FACTS "Route states").
fn check_target(e: &Estate, rt: &RouteTable, target: &Target) -> Result<RouteState> {
    match target {
        Target::Local => {
            return Err(err(
                "InvalidParameterValue",
                format!(
                "The local target is only for the VPC's own CIDR blocks, whose local routes {} already has",
                rt.id
            ),
            ))
        }
        Target::InternetGateway(id) => {
            let g = e
                .internet_gateways
                .get(id)
                .filter(|g| g.owner == rt.owner)
                .ok_or_else(|| {
                    let attached = e
                        .internet_gateways
                        .values()
                        .filter(|g| g.attached_vpc.as_ref() == Some(&rt.vpc))
                        .map(|g| g.id.to_string());
                    err(
                        "InvalidGatewayID.NotFound",
                        format!(
                            "The gateway ID '{id}' does not exist{}",
                            listing(&format!("internet gateways attached to {}", rt.vpc), attached)
                        ),
                    )
                })?;
            if g.attached_vpc.as_ref() != Some(&rt.vpc) {
                return Err(different_networks(rt, "network gateway", id.as_str()));
            }
        }
        Target::NatGateway(id) => {
            let n = e
                .nat_gateways
                .get(id)
                .filter(|n| n.takes_routes())
                .ok_or_else(|| {
                    err(
                        "InvalidNatGatewayID.NotFound",
                        format!("The natGateway ID '{id}' does not exist"),
                    )
                })?;
            if n.vpc != rt.vpc {
                return Err(different_networks(rt, "NAT gateway", id.as_str()));
            }
        }
        Target::VpcPeering(id) => {
            let not_found = || {
                let of_vpc = e
                    .peerings
                    .values()
                    .filter(|p| p.requester.vpc == rt.vpc || p.accepter.vpc == rt.vpc)
                    .map(|p| p.id.to_string());
                err(
                    "InvalidVpcPeeringConnectionID.NotFound",
                    format!(
                        "The vpcPeeringConnection ID '{id}' does not exist{}",
                        listing(&format!("peering connections of {}", rt.vpc), of_vpc)
                    ),
                )
            };
            let p = e.peerings.get(id).ok_or_else(not_found)?;
            if p.requester.vpc != rt.vpc && p.accepter.vpc != rt.vpc {
                return Err(different_networks(rt, "VPC peering connection", id.as_str()));
            }
            match p.status {
                ref s if s.takes_routes() => {}
                PeeringStatus::Deleted | PeeringStatus::Deleting => return Err(not_found()),
                ref other => {
                    return Err(err(
                        "InvalidVpcPeeringConnectionID.NotFound",
                        format!(
                            "The vpcPeeringConnection ID '{id}' is {}: a route can use only an active or pending-acceptance peering",
                            status_name(other)
                        ),
                    ))
                }
            }
        }
        Target::GatewayEndpoint(id) => {
            let v = e.endpoints.get(id).ok_or_else(|| {
                err(
                    "InvalidVpcEndpointId.NotFound",
                    format!("The VpcEndpoint ID '{id}' does not exist"),
                )
            })?;
            if v.vpc != rt.vpc {
                return Err(different_networks(rt, "VPC endpoint", id.as_str()));
            }
            match v.kind {
                ref k if k.takes_routes() => {}
                EndpointKind::Gateway => {
                    return Err(err(
                        "InvalidParameterValue",
                        format!("The routes of gateway endpoint {id} are managed by the endpoint: add route table {} to it with modify_gateway_endpoint", rt.id),
                    ))
                }
                EndpointKind::Interface | EndpointKind::GatewayLoadBalancer => {
                    return Err(err(
                        "RouteNotSupported",
                        format!("Route table contains unsupported route target: {id}. VPC Endpoints of this type cannot be used as route targets."),
                    ))
                }
            }
        }
        Target::TransitGateway(id) => {
            if !e.transit_gateways.contains_key(id) {
                return Err(tgw_not_found(id));
            }
            let attached = e
                .tgw_attachments
                .values()
                .any(|a| &a.tgw == id && a.resource_id == rt.vpc.as_str() && a.state != "deleted");
            if !attached {
                return Err(err(
                    "InvalidTransitGatewayID.NotFound",
                    format!(
                        "The transitGateway ID '{id}' does not exist for {}: attach the VPC to the transit gateway first",
                        rt.vpc
                    ),
                ));
            }
        }
        Target::Eni(id) => {
            let n = e.enis.get(id).ok_or_else(|| {
                err(
                    "InvalidNetworkInterfaceID.NotFound",
                    format!("The networkInterface ID '{id}' does not exist"),
                )
            })?;
            if n.vpc != rt.vpc {
                return Err(different_networks(rt, "interface", id.as_str()));
            }
        }
        Target::Instance(id) => {
            let i = e.instances.get(id).ok_or_else(|| {
                err(
                    "InvalidInstanceID.NotFound",
                    format!("The instance ID '{id}' does not exist"),
                )
            })?;
            if i.vpc != rt.vpc {
                return Err(different_networks(rt, "instance", id.as_str()));
            }
        }
        Target::EgressOnlyInternetGateway(id) => check_eigw(e, rt, id)?,
        Target::VirtualPrivateGateway(id) => {
            // Like an internet gateway: it must be attached to the table's VPC.
            let g = e
                .vpn_gateways
                .get(id)
                .filter(|g| g.owner == rt.owner && !gone(&g.state))
                .ok_or_else(|| {
                    err(
                        "InvalidGatewayID.NotFound",
                        format!("The gateway ID '{id}' does not exist"),
                    )
                })?;
            if g.attached_vpc.as_ref() != Some(&rt.vpc) {
                return Err(different_networks(rt, "network gateway", id.as_str()));
            }
        }
        Target::Other { .. } => {}
    }
    Ok(target_state(e, &rt.vpc, target))
}

/// Routes more specific than `local` are allowed only for a destination equal to a whole subnet
/// CIDR of the VPC, with a NAT gateway, network interface, instance or Gateway Load Balancer
/// endpoint target; a destination equal to a VPC CIDR is the local route itself. See "Route table
/// concepts" ("Routes more specific than the local route", userguide/VPC_Route_Tables.html).
fn check_against_local(e: &Estate, rt: &RouteTable, dest: &Destination, target: &Target) -> Result<()> {
    let Destination::Cidr(d) = dest else {
        return Ok(());
    };
    let Some(vpc) = e.vpcs.get(&rt.vpc) else {
        return Ok(());
    };
    for block in vpc_cidrs(vpc) {
        if block == *d {
            return Err(route_exists(dest));
        }
        if block.contains(d) {
            let middlebox = match target {
                Target::NatGateway(_) | Target::Eni(_) | Target::Instance(_) => true,
                Target::GatewayEndpoint(id) => e.endpoints.get(id).is_some_and(|v| v.kind.takes_routes()),
                _ => false,
            };
            let whole_subnet = e.subnets.values().any(|s| {
                s.vpc == rt.vpc
                    && (s.cidr.map(IpNet::V4) == Some(*d) || s.ipv6_cidrs.iter().any(|n| IpNet::V6(*n) == *d))
            });
            if !(middlebox && whole_subnet) {
                return Err(err(
                    "InvalidParameterValue",
                    format!(
                        "The destination CIDR block {d} is more specific than {block}, a CIDR block of {} (its local route): such a route must equal a whole subnet CIDR of the VPC and target a NAT gateway, network interface or Gateway Load Balancer endpoint",
                        rt.vpc
                    ),
                ));
            }
        }
    }
    Ok(())
}

fn route_exists(dest: &Destination) -> EditError {
    err(
        "RouteAlreadyExists",
        format!("The route identified by {dest} already exists."),
    )
}

fn same_family(a: &Destination, b: &Destination) -> bool {
    let v6 = |d: &Destination| matches!(d, Destination::Cidr(IpNet::V6(_)));
    v6(a) == v6(b)
}

/// `CreateRoute`. See the module documentation for the rules; `RouteLimitExceeded` at
/// [`quotas::ROUTES_PER_TABLE`] non-local routes of the destination's address family.
pub(super) fn create_route(
    e: &mut Estate,
    actor: Actor,
    rt_id: &RouteTableId,
    destination: &str,
    target: &str,
) -> Result<Applied> {
    let rt = route_table(e, rt_id, actor)?;
    let (dest, new_list) = parse_destination(e, &rt.region, destination)?;
    let target = parse_target(target)?;
    if rt.routes.iter().any(|r| r.destination == dest) {
        return Err(route_exists(&dest));
    }
    check_against_local(e, rt, &dest, &target)?;
    eigw_takes_ipv6(&dest, &target)?;
    let state = check_target(e, rt, &target)?;
    let count = rt
        .routes
        .iter()
        .filter(|r| r.target != Target::Local && same_family(&r.destination, &dest))
        .count();
    if count >= quotas::ROUTES_PER_TABLE {
        return Err(err(
            "RouteLimitExceeded",
            format!(
                "The maximum number of routes has been reached: {rt_id} has {count} (the default quota is {})",
                quotas::ROUTES_PER_TABLE
            ),
        ));
    }
    let description = format!(
        "Added route {dest} → {} to {rt_id}{}",
        target.id(),
        if state == RouteState::Blackhole {
            " (blackhole)"
        } else {
            ""
        }
    );
    if let Some(pl) = new_list {
        e.prefix_lists.entry(pl.id.clone()).or_insert(pl);
    }
    if let Some(rt) = e.route_tables.get_mut(rt_id) {
        rt.routes.push(Route {
            destination: dest,
            target,
            state,
            origin: RouteOrigin::CreateRoute,
        });
    }
    Ok(Applied {
        created: vec![],
        description,
        warning: None,
    })
}

/// `ReplaceRoute`: the route must exist and not be a local route; the new target is checked as
/// for `CreateRoute`.
pub(super) fn replace_route(
    e: &mut Estate,
    actor: Actor,
    rt_id: &RouteTableId,
    destination: &str,
    target: &str,
) -> Result<Applied> {
    let rt = route_table(e, rt_id, actor)?;
    let dest = route_destination(e, rt, destination)?;
    let target = parse_target(target)?;
    let Some(pos) = rt.routes.iter().position(|r| r.destination == dest) else {
        return Err(err(
            "InvalidParameterValue",
            format!("There is no route defined for '{dest}' in the route table. Use CreateRoute instead."),
        ));
    };
    if rt.routes[pos].target == Target::Local {
        return Err(err(
            "InvalidParameterValue",
            format!("cannot replace local route {dest} in route table {rt_id}"),
        ));
    }
    if matches!(rt.routes[pos].target, Target::GatewayEndpoint(ref id) if e.endpoints.get(id).is_some_and(|v| v.kind == EndpointKind::Gateway))
    {
        return Err(endpoint_route(rt_id, &rt.routes[pos]));
    }
    check_against_local(e, rt, &dest, &target)?;
    eigw_takes_ipv6(&dest, &target)?;
    let state = check_target(e, rt, &target)?;
    let old = rt.routes[pos].target.id();
    if let Some(r) = e
        .route_tables
        .get_mut(rt_id)
        .and_then(|rt| rt.routes.get_mut(pos))
    {
        r.target = target.clone();
        r.state = state;
        r.origin = RouteOrigin::CreateRoute;
    }
    Ok(Applied {
        created: vec![],
        description: format!("Replaced route {dest} in {rt_id}: {old} → {}", target.id()),
        warning: None,
    })
}

fn endpoint_route(rt_id: &RouteTableId, r: &Route) -> EditError {
    err(
        "InvalidParameterValue",
        format!(
            "The route {} in {rt_id} belongs to gateway endpoint {}: remove the route table from the endpoint (modify_gateway_endpoint) instead",
            r.destination,
            r.target.id()
        ),
    )
}

/// `DeleteRoute`: not a local route (`cannot remove local route`), not a gateway endpoint's route
/// (managed through the endpoint).
pub(super) fn delete_route(
    e: &mut Estate,
    actor: Actor,
    rt_id: &RouteTableId,
    destination: &str,
) -> Result<Applied> {
    let rt = route_table(e, rt_id, actor)?;
    let dest = route_destination(e, rt, destination)?;
    let Some(pos) = rt.routes.iter().position(|r| r.destination == dest) else {
        return Err(err(
            "InvalidRoute.NotFound",
            format!("no route with destination-cidr-block {dest} in route table {rt_id}"),
        ));
    };
    let route = &rt.routes[pos];
    if route.target == Target::Local {
        return Err(err(
            "InvalidParameterValue",
            format!("cannot remove local route {dest} in route table {rt_id}"),
        ));
    }
    if matches!(route.target, Target::GatewayEndpoint(ref id) if e.endpoints.get(id).is_some_and(|v| v.kind == EndpointKind::Gateway))
    {
        return Err(endpoint_route(rt_id, route));
    }
    let target = route.target.id();
    if let Some(rt) = e.route_tables.get_mut(rt_id) {
        rt.routes.remove(pos);
    }
    Ok(Applied {
        created: vec![],
        description: format!("Deleted route {dest} → {target} from {rt_id}"),
        warning: None,
    })
}

// ---- IPv6 (issue 13) ----

/// An egress-only internet gateway target exists (in the table's account) and is attached to the
/// table's VPC. See "Enable outbound IPv6 traffic using an egress-only internet gateway", Amazon
/// VPC User Guide (egress-only-internet-gateway.html).
fn check_eigw(e: &Estate, rt: &RouteTable, id: &EigwId) -> Result<()> {
    let g = e
        .egress_only_internet_gateways
        .get(id)
        .filter(|g| g.owner == rt.owner)
        .ok_or_else(|| {
            let attached = e
                .egress_only_internet_gateways_of(&rt.vpc)
                .map(|g| g.id.to_string());
            err(
                "InvalidGatewayID.NotFound",
                format!(
                    "The gateway ID '{id}' does not exist{}",
                    listing(
                        &format!("egress-only internet gateways attached to {}", rt.vpc),
                        attached
                    )
                ),
            )
        })?;
    if g.attached_vpc.as_ref() != Some(&rt.vpc) {
        return Err(different_networks(
            rt,
            "egress-only internet gateway",
            id.as_str(),
        ));
    }
    Ok(())
}

/// A route to an egress-only internet gateway has an IPv6 destination: the API's
/// `EgressOnlyInternetGatewayId` is "[IPv6 traffic only]" ("CreateRoute", Amazon EC2 API
/// Reference).
fn eigw_takes_ipv6(dest: &Destination, target: &Target) -> Result<()> {
    match (dest, target) {
        (Destination::Cidr(IpNet::V6(_)), _) => Ok(()),
        (_, Target::EgressOnlyInternetGateway(id)) => Err(err(
            "InvalidParameterValue",
            format!(
                "{id} is an egress-only internet gateway, which carries IPv6 traffic only: the destination {dest} \
                 must be an IPv6 CIDR block such as ::/0 (send IPv4 traffic to an internet gateway or a NAT gateway)"
            ),
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_are_known_by_prefix() {
        let table = [
            ("local", Some(Target::Local)),
            ("igw-1", Some(Target::InternetGateway("igw-1".into()))),
            ("nat-1", Some(Target::NatGateway("nat-1".into()))),
            ("pcx-1", Some(Target::VpcPeering("pcx-1".into()))),
            ("vpce-1", Some(Target::GatewayEndpoint("vpce-1".into()))),
            ("tgw-1", Some(Target::TransitGateway("tgw-1".into()))),
            ("eni-1", Some(Target::Eni("eni-1".into()))),
            ("i-1", Some(Target::Instance("i-1".into()))),
            ("eigw-1", Some(Target::EgressOnlyInternetGateway("eigw-1".into()))),
            ("tgw-attach-1", None),
            ("tgw-rtb-1", None),
            ("vgw-1", Some(Target::VirtualPrivateGateway("vgw-1".into()))),
            ("", None),
            ("igw", None),
        ];
        for (input, want) in table {
            assert_eq!(parse_target(input).ok(), want, "{input}");
        }
    }

    /// A route to an egress-only internet gateway: IPv6 destinations only, the gateway attached
    /// to the table's VPC; a refusal leaves the estate unchanged.
    #[test]
    fn a_route_to_an_egress_only_gateway() {
        let doc = serde_json::json!({"AccountId": "111122223333", "Region": "us-east-1",
            "Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16",
                      "Ipv6CidrBlockAssociationSet": [{"Ipv6CidrBlock": "2600:1f18:4a3:6900::/56"}]},
                     {"VpcId": "vpc-2", "CidrBlock": "10.1.0.0/16"}],
            "RouteTables": [{"RouteTableId": "rtb-1", "VpcId": "vpc-1", "Associations": [{"Main": true}],
                "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local"},
                           {"DestinationIpv6CidrBlock": "2600:1f18:4a3:6900::/56", "GatewayId": "local"}]}],
            "EgressOnlyInternetGateways": [
                {"EgressOnlyInternetGatewayId": "eigw-1", "Attachments": [{"State": "attached", "VpcId": "vpc-1"}]},
                {"EgressOnlyInternetGatewayId": "eigw-2", "Attachments": [{"State": "attached", "VpcId": "vpc-2"}]}]});
        let start = crate::aws::import_documents(&[("lab.json".into(), doc)]).unwrap();
        let rt = RouteTableId::from("rtb-1");
        for (dest, target, code) in [
            ("0.0.0.0/0", "eigw-1", "InvalidParameterValue"),
            ("::/0", "eigw-2", "InvalidParameterValue"),
            ("::/0", "eigw-9", "InvalidGatewayID.NotFound"),
        ] {
            let mut e = start.clone();
            let refused = create_route(&mut e, None, &rt, dest, target).unwrap_err();
            assert_eq!(refused.code, code, "{dest} {target}: {}", refused.message);
            assert_eq!(e, start, "{dest} {target}: unchanged");
        }
        let mut e = start.clone();
        create_route(&mut e, None, &rt, "::/0", "eigw-1").unwrap();
        let r = e.route_tables[&rt].routes.last().unwrap().clone();
        assert_eq!(
            (r.destination.to_string(), r.target, r.state),
            (
                "::/0".to_string(),
                Target::EgressOnlyInternetGateway("eigw-1".into()),
                RouteState::Active
            )
        );
    }
}
