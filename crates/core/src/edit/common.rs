//! What every action family needs: who acts, finding a resource as AWS would (an id the actor
//! cannot see is "not found"), parsing parameters AWS-style, and refreshing route states after a
//! target changes. New ids and addresses are in `alloc`.

use std::collections::BTreeSet;

use ipnet::{IpNet, Ipv4Net};

use super::EditError;
use crate::cidr::{self, CidrError};
use crate::model::*;

pub(super) type Result<T> = std::result::Result<T, EditError>;

pub(super) use super::alloc::*;

/// The account that creates things when neither the action nor the estate names one (the
/// example account of the AWS documentation).
pub const DEFAULT_ACCOUNT: &str = "111122223333";
/// The region used when neither the action nor the estate names one.
pub const DEFAULT_REGION: &str = "us-east-1";

/// Shorthand for an [`EditError`].
pub(super) fn err(code: &str, message: impl Into<String>) -> EditError {
    EditError::new(code, message)
}

/// The acting account, if named. `None` acts as the owner of whatever the action touches.
pub(super) type Actor<'a> = Option<&'a AccountId>;

/// True when `actor` may act on a resource owned by `owner`.
pub(super) fn may_act(actor: Actor, owner: &AccountId) -> bool {
    actor.is_none_or(|a| a == owner)
}

/// An account id is 12 digits.
pub(super) fn check_account_id(account: &AccountId, param: &str) -> Result<()> {
    let s = account.as_str();
    if s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(err(
            "InvalidParameterValue",
            format!("Value ({s}) for parameter {param} is invalid: an AWS account ID is 12 digits, such as 111122223333"),
        ))
    }
}

/// A region code: lowercase words and a number joined by hyphens (`us-east-1`, `eu-central-2`).
pub(super) fn check_region(region: &Region) -> Result<()> {
    let s = region.as_str();
    let parts: Vec<&str> = s.split('-').collect();
    let ok = parts.len() >= 3
        && parts[..parts.len() - 1]
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase()))
        && parts
            .last()
            .is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    if ok {
        Ok(())
    } else {
        Err(err(
            "InvalidRegion",
            format!("The region '{s}' is not valid: a region code looks like us-east-1 or eu-west-2"),
        ))
    }
}

/// The owner of something created without a parent resource (a VPC, an internet gateway, a
/// transit gateway): the actor, else the estate's only account, else [`DEFAULT_ACCOUNT`].
pub(super) fn creating_account(e: &Estate, actor: Actor) -> Result<AccountId> {
    if let Some(a) = actor {
        return Ok(a.clone());
    }
    let accounts: BTreeSet<&AccountId> = crate::small::set_of(
        e.documents
            .iter()
            .map(|(a, _)| a)
            .chain(e.vpcs.values().map(|v| &v.owner)),
    );
    match accounts.len() {
        0 => Ok(AccountId::from(DEFAULT_ACCOUNT)),
        1 => Ok(accounts
            .into_iter()
            .next()
            .cloned()
            .unwrap_or_else(|| DEFAULT_ACCOUNT.into())),
        _ => Err(err(
            "MissingParameter",
            format!(
                "This estate has several accounts ({}): say which one acts with \"account\"",
                join(accounts)
            ),
        )),
    }
}

/// The region of something created without a parent: the one asked for, else the account's only
/// region in the estate, else [`DEFAULT_REGION`].
pub(super) fn creating_region(e: &Estate, account: &AccountId, asked: Option<&Region>) -> Result<Region> {
    if let Some(r) = asked {
        check_region(r)?;
        return Ok(r.clone());
    }
    let regions: BTreeSet<&Region> = crate::small::set_of(
        e.documents
            .iter()
            .filter(|(a, _)| a == account)
            .map(|(_, r)| r)
            .chain(e.vpcs.values().filter(|v| &v.owner == account).map(|v| &v.region)),
    );
    match regions.len() {
        0 => Ok(Region::from(DEFAULT_REGION)),
        1 => Ok(regions
            .into_iter()
            .next()
            .cloned()
            .unwrap_or_else(|| DEFAULT_REGION.into())),
        _ => Err(err(
            "MissingParameter",
            format!(
                "Account {account} has resources in several regions ({}): say which with \"region\"",
                join(regions)
            ),
        )),
    }
}

/// Notes that (account, region) holds resources, so that an export writes its document.
pub(super) fn record_document(e: &mut Estate, account: &AccountId, region: &Region) {
    e.documents.insert((account.clone(), region.clone()));
}

pub(super) fn join<T: std::fmt::Display>(items: impl IntoIterator<Item = T>) -> String {
    items
        .into_iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

// ---------------------------------------------------------------------------------------------
// Finding resources. A resource owned by another account is invisible to the actor, so AWS
// answers "does not exist".

pub(super) fn vpc<'a>(e: &'a Estate, id: &VpcId, actor: Actor) -> Result<&'a Vpc> {
    e.vpcs
        .get(id)
        .filter(|v| may_act(actor, &v.owner))
        .ok_or_else(|| {
            err(
                "InvalidVpcID.NotFound",
                format!(
                    "The vpc ID '{id}' does not exist{}{}",
                    owned_by_other(actor, e.vpcs.get(id).map(|v| &v.owner)),
                    listing(
                        "VPCs",
                        e.vpcs
                            .values()
                            .filter(|v| may_act(actor, &v.owner))
                            .map(|v| v.id.to_string())
                    )
                ),
            )
        })
}

pub(super) fn subnet<'a>(e: &'a Estate, id: &SubnetId, actor: Actor) -> Result<&'a Subnet> {
    e.subnets
        .get(id)
        .filter(|s| may_act(actor, &s.owner))
        .ok_or_else(|| {
            let mut e2 = subnet_not_found(id);
            e2.message
                .push_str(&owned_by_other(actor, e.subnets.get(id).map(|s| &s.owner)));
            e2.message.push_str(&listing(
                "subnets",
                e.subnets
                    .values()
                    .filter(|s| may_act(actor, &s.owner))
                    .map(|s| s.id.to_string()),
            ));
            e2
        })
}

/// " for account A: it is account B's" when the resource exists but the acting account does not
/// own it: AWS answers "does not exist", and the learner, who sees it on the page, learns why.
pub(super) fn owned_by_other(actor: Actor, owner: Option<&AccountId>) -> String {
    match (actor, owner) {
        (Some(a), Some(o)) if a != o => format!(" for account {a}: it is account {o}'s"),
        _ => String::new(),
    }
}

/// " (route tables here: a, b, c)" naming at most ten ids the actor may use (then "and N
/// more"), or " (there are no route tables here)": what an unknown id could have been.
pub(super) fn listing(plural: &str, ids: impl Iterator<Item = String>) -> String {
    let ids: Vec<String> = ids.collect();
    match ids.len() {
        0 => format!(" (there are no {plural} here)"),
        n if n > 10 => format!(" ({plural} here: {} and {} more)", ids[..10].join(", "), n - 10),
        _ => format!(" ({plural} here: {})", ids.join(", ")),
    }
}

pub(super) fn subnet_not_found(id: &SubnetId) -> EditError {
    err(
        "InvalidSubnetID.NotFound",
        format!("The subnet ID '{id}' does not exist"),
    )
}

pub(super) fn route_table<'a>(e: &'a Estate, id: &RouteTableId, actor: Actor) -> Result<&'a RouteTable> {
    e.route_tables
        .get(id)
        .filter(|rt| may_act(actor, &rt.owner))
        .ok_or_else(|| {
            err(
                "InvalidRouteTableID.NotFound",
                format!(
                    "The routeTable ID '{id}' does not exist{}{}",
                    owned_by_other(actor, e.route_tables.get(id).map(|t| &t.owner)),
                    listing(
                        "route tables",
                        e.route_tables
                            .values()
                            .filter(|t| may_act(actor, &t.owner))
                            .map(|t| t.id.to_string())
                    )
                ),
            )
        })
}

pub(super) fn internet_gateway<'a>(e: &'a Estate, id: &IgwId, actor: Actor) -> Result<&'a InternetGateway> {
    e.internet_gateways
        .get(id)
        .filter(|g| may_act(actor, &g.owner))
        .ok_or_else(|| {
            err(
                "InvalidInternetGatewayID.NotFound",
                format!(
                    "The internetGateway ID '{id}' does not exist{}",
                    listing(
                        "internet gateways",
                        e.internet_gateways
                            .values()
                            .filter(|g| may_act(actor, &g.owner))
                            .map(|g| g.id.to_string())
                    )
                ),
            )
        })
}

pub(super) fn nat_gateway<'a>(e: &'a Estate, id: &NatId, actor: Actor) -> Result<&'a NatGateway> {
    e.nat_gateways
        .get(id)
        .filter(|n| may_act(actor, &n.owner) && n.state != "deleted")
        .ok_or_else(|| {
            err(
                "InvalidNatGatewayID.NotFound",
                format!(
                    "The natGateway ID '{id}' does not exist{}",
                    listing(
                        "NAT gateways",
                        e.nat_gateways
                            .values()
                            .filter(|n| may_act(actor, &n.owner) && n.state != "deleted")
                            .map(|n| n.id.to_string())
                    )
                ),
            )
        })
}

pub(super) fn endpoint<'a>(e: &'a Estate, id: &VpceId, actor: Actor) -> Result<&'a VpcEndpoint> {
    e.endpoints
        .get(id)
        .filter(|v| may_act(actor, &v.owner))
        .ok_or_else(|| {
            err(
                "InvalidVpcEndpointId.NotFound",
                format!("The VpcEndpoint ID '{id}' does not exist"),
            )
        })
}

pub(super) fn security_group<'a>(e: &'a Estate, id: &SgId, actor: Actor) -> Result<&'a SecurityGroup> {
    e.security_groups
        .get(id)
        .filter(|g| may_act(actor, &g.owner))
        .ok_or_else(|| {
            err(
                "InvalidGroup.NotFound",
                format!(
                    "The security group '{id}' does not exist{}{}",
                    owned_by_other(actor, e.security_groups.get(id).map(|g| &g.owner)),
                    listing(
                        "security groups",
                        e.security_groups
                            .values()
                            .filter(|g| may_act(actor, &g.owner))
                            .map(|g| g.id.to_string())
                    )
                ),
            )
        })
}

pub(super) fn network_acl<'a>(e: &'a Estate, id: &AclId, actor: Actor) -> Result<&'a NetworkAcl> {
    e.network_acls
        .get(id)
        .filter(|a| may_act(actor, &a.owner))
        .ok_or_else(|| {
            err(
                "InvalidNetworkAclID.NotFound",
                format!(
                    "The network ACL ID '{id}' does not exist{}{}",
                    owned_by_other(actor, e.network_acls.get(id).map(|a| &a.owner)),
                    listing(
                        "network ACLs",
                        e.network_acls
                            .values()
                            .filter(|a| may_act(actor, &a.owner))
                            .map(|a| a.id.to_string())
                    )
                ),
            )
        })
}

pub(super) fn transit_gateway<'a>(e: &'a Estate, id: &TgwId, actor: Actor) -> Result<&'a TransitGateway> {
    e.transit_gateways
        .get(id)
        .filter(|t| may_act(actor, &t.owner))
        .ok_or_else(|| tgw_not_found(id))
}

pub(super) fn tgw_not_found(id: &TgwId) -> EditError {
    err(
        "InvalidTransitGatewayID.NotFound",
        format!("The transitGateway ID '{id}' does not exist"),
    )
}

// ---------------------------------------------------------------------------------------------
// Parameters.

/// Parses a CIDR parameter. Host bits set is refused with the canonical form (vpclab teaches the
/// bit math; the AWS API would truncate silently, see AWS-FACTS "Addresses").
pub(super) fn parse_cidr(input: &str, label: &str, api_param: &str) -> Result<IpNet> {
    cidr::parse(input).map_err(|e| match e {
        CidrError::HostBitsSet { canonical, .. } => err(
            "InvalidParameterValue",
            format!(
                "The {label} {} is not valid: did you mean {canonical}?",
                input.trim()
            ),
        ),
        _ => err(
            "InvalidParameterValue",
            format!("Value ({input}) for parameter {api_param} is invalid. This is not a valid CIDR block."),
        ),
    })
}

/// Parses an IPv4 CIDR parameter (VPC and subnet blocks).
pub(super) fn parse_ipv4_cidr(input: &str, label: &str, api_param: &str) -> Result<Ipv4Net> {
    match parse_cidr(input, label, api_param)? {
        IpNet::V4(n) => Ok(n),
        IpNet::V6(_) => Err(err(
            "InvalidParameterValue",
            format!(
                "Value ({input}) for parameter {api_param} is invalid. An IPv4 CIDR block is needed here."
            ),
        )),
    }
}

/// A peering status as AWS prints it (`pending-acceptance` …): [`PeeringStatus::name`].
pub(super) fn status_name(s: &PeeringStatus) -> String {
    s.name().to_string()
}

/// Every CIDR of a VPC, IPv4 then IPv6.
pub(super) fn vpc_cidrs(v: &Vpc) -> Vec<IpNet> {
    v.cidrs
        .iter()
        .map(|c| IpNet::V4(*c))
        .chain(v.ipv6_cidrs.iter().map(|c| IpNet::V6(*c)))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Route states.

/// Whether a route in a table of `vpc` to `target` carries traffic now: `blackhole` when the
/// target is gone or unusable (a peering not active, a NAT gateway not available, an internet
/// gateway not attached to the VPC). See "Route table concepts" (userguide/VPC_Route_Tables.html)
/// and AWS-FACTS "Route states".
pub(super) fn target_state(e: &Estate, vpc: &VpcId, target: &Target) -> RouteState {
    let usable = match target {
        Target::Local => true,
        Target::InternetGateway(id) => e
            .internet_gateways
            .get(id)
            .is_some_and(|g| g.attached_vpc.as_ref() == Some(vpc)),
        Target::NatGateway(id) => e.nat_gateways.get(id).is_some_and(|n| n.state == "available"),
        Target::VpcPeering(id) => e
            .peerings
            .get(id)
            .is_some_and(|p| p.status == PeeringStatus::Active),
        Target::TransitGateway(id) => e
            .tgw_attachments
            .values()
            .any(|a| &a.tgw == id && a.resource_id == vpc.as_str() && a.state == "available"),
        Target::GatewayEndpoint(id) => e.endpoints.contains_key(id),
        Target::Eni(id) => e.enis.contains_key(id),
        Target::Instance(id) => e.instances.get(id).is_some_and(|i| i.state == "running"),
        Target::EgressOnlyInternetGateway(id) => e
            .egress_only_internet_gateways
            .get(id)
            .is_some_and(|g| g.attached_vpc.as_ref() == Some(vpc)),
        Target::VirtualPrivateGateway(id) => e
            .vpn_gateways
            .get(id)
            .is_some_and(|g| g.attached_vpc.as_ref() == Some(vpc) && !gone(&g.state)),
        Target::Other { .. } => true,
    };
    if usable {
        RouteState::Active
    } else {
        RouteState::Blackhole
    }
}

/// Recomputes the state of every route whose target matches `which`, after that target changed.
/// Returns how many routes changed state.
pub(super) fn refresh_routes(e: &mut Estate, which: impl Fn(&Target) -> bool) -> usize {
    let mut updates = Vec::new();
    for (id, rt) in &e.route_tables {
        for (i, r) in rt.routes.iter().enumerate() {
            if which(&r.target) {
                let state = target_state(e, &rt.vpc, &r.target);
                if state != r.state {
                    updates.push((id.clone(), i, state));
                }
            }
        }
    }
    let changed = updates.len();
    for (id, i, state) in updates {
        if let Some(r) = e.route_tables.get_mut(&id).and_then(|rt| rt.routes.get_mut(i)) {
            r.state = state;
        }
    }
    changed
}

/// "1 route", "2 routes": the count [`refresh_routes`] returns, in a description.
pub(super) fn routes_count(n: usize) -> String {
    if n == 1 {
        "1 route".into()
    } else {
        format!("{n} routes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_count_is_singular_for_one() {
        let said: Vec<String> = [0, 1, 2].into_iter().map(routes_count).collect();
        assert_eq!(said, ["0 routes", "1 route", "2 routes"]);
    }

    #[test]
    fn account_and_region_checks() {
        assert!(check_account_id(&"111122223333".into(), "account").is_ok());
        for bad in ["11112222333", "1111222233334", "11112222333a", ""] {
            let e = check_account_id(&bad.into(), "account").unwrap_err();
            assert_eq!(e.code, "InvalidParameterValue", "{bad}");
        }
        for good in ["us-east-1", "eu-central-2", "ap-southeast-4", "us-gov-west-1"] {
            assert!(check_region(&good.into()).is_ok(), "{good}");
        }
        for bad in ["us-east", "US-EAST-1", "useast1", "us--1", "-east-1", ""] {
            assert_eq!(
                check_region(&bad.into()).unwrap_err().code,
                "InvalidRegion",
                "{bad}"
            );
        }
    }

    #[test]
    fn cidr_parameters_get_aws_style_messages() {
        let e = parse_cidr("10.0.0.1/16", "destination CIDR block", "destinationCidrBlock").unwrap_err();
        assert_eq!(
            e.message,
            "The destination CIDR block 10.0.0.1/16 is not valid: did you mean 10.0.0.0/16?"
        );
        let e = parse_cidr("banana", "destination CIDR block", "destinationCidrBlock").unwrap_err();
        assert_eq!(
            e.message,
            "Value (banana) for parameter destinationCidrBlock is invalid. This is not a valid CIDR block."
        );
        assert!(parse_ipv4_cidr("2001:db8::/56", "CIDR block", "cidrBlock").is_err());
    }
}
