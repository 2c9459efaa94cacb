//! VPCs, their CIDR blocks and attributes, and subnets.

use ipnet::{IpNet, Ipv4Net};

use super::common::*;
use super::{quotas, Applied};
use crate::cidr::{self, overlaps};
use crate::model::*;

/// `CreateVpc`. The block is /16 to /28; the VPC comes with a main route table holding only the
/// local route, a default network ACL allowing all traffic both ways, and a default security
/// group allowing inbound from itself and all outbound. See "VPC CIDR blocks"
/// (userguide/vpc-cidr-blocks.html), "Default network ACL" (userguide/default-network-acl.html),
/// "Default security groups for your VPCs" (userguide/default-security-group.html) and
/// "Amazon VPC quotas" (`VpcLimitExceeded` at five VPCs per region).
pub(super) fn create_vpc(
    e: &mut Estate,
    actor: Actor,
    cidr: &str,
    region: Option<&Region>,
    name: &Option<String>,
) -> Result<Applied> {
    let block = parse_ipv4_cidr(cidr, "CIDR block", "cidrBlock")?;
    check_vpc_size(&block)?;
    let owner = creating_account(e, actor)?;
    let region = creating_region(e, &owner, region)?;
    let count = e
        .vpcs
        .values()
        .filter(|v| v.owner == owner && v.region == region)
        .count();
    if count >= quotas::VPCS_PER_REGION {
        return Err(err(
            "VpcLimitExceeded",
            format!(
                "The maximum number of VPCs has been reached: account {owner} has {count} in {region} (the default quota is {})",
                quotas::VPCS_PER_REGION
            ),
        ));
    }

    let vpc_id = VpcId(new_id("vpc", e.vpcs.len(), |s| {
        e.vpcs.contains_key(&VpcId::from(s))
    }));
    let rtb_id = RouteTableId(new_id("rtb", e.route_tables.len(), |s| {
        e.route_tables.contains_key(&RouteTableId::from(s))
    }));
    let acl_id = AclId(new_id("acl", e.network_acls.len(), |s| {
        e.network_acls.contains_key(&AclId::from(s))
    }));
    let sg_id = SgId(new_id("sg", e.security_groups.len(), |s| {
        e.security_groups.contains_key(&SgId::from(s))
    }));
    let vpc = Vpc {
        id: vpc_id.clone(),
        owner: owner.clone(),
        region: region.clone(),
        cidrs: vec![block],
        ipv6_cidrs: vec![],
        is_default: false,
        dns_support: true,
        dns_hostnames: false,
        name: name.clone(),
    };
    e.route_tables.insert(
        rtb_id.clone(),
        RouteTable {
            id: rtb_id.clone(),
            vpc: vpc_id.clone(),
            owner: owner.clone(),
            region: region.clone(),
            main: true,
            subnets: vec![],
            routes: local_routes(&vpc),
            name: None,
            propagating_vgws: vec![],
        },
    );
    let everywhere = IpNet::V4(Ipv4Net::default());
    let entry = |rule_number, egress, allow| AclEntry {
        rule_number,
        egress,
        allow,
        protocol: Protocol::All,
        cidr: everywhere,
        ports: None,
        icmp: None,
    };
    e.network_acls.insert(
        acl_id.clone(),
        NetworkAcl {
            id: acl_id.clone(),
            owner: owner.clone(),
            region: region.clone(),
            vpc: vpc_id.clone(),
            is_default: true,
            subnets: vec![],
            name: None,
            entries: vec![
                entry(100, false, true),
                entry(32767, false, false),
                entry(100, true, true),
                entry(32767, true, false),
            ],
        },
    );
    e.security_groups.insert(
        sg_id.clone(),
        SecurityGroup {
            id: sg_id.clone(),
            owner: owner.clone(),
            region: region.clone(),
            vpc: vpc_id.clone(),
            name: "default".into(),
            description: "default VPC security group".into(),
            ingress: vec![SgRule {
                protocol: Protocol::All,
                from_port: None,
                to_port: None,
                peer: SgPeer::Group {
                    id: sg_id.clone(),
                    owner: Some(owner.clone()),
                },
                description: None,
            }],
            egress: vec![SgRule {
                protocol: Protocol::All,
                from_port: None,
                to_port: None,
                peer: SgPeer::Cidr(everywhere),
                description: None,
            }],
        },
    );
    e.vpcs.insert(vpc_id.clone(), vpc);
    record_document(e, &owner, &region);
    Ok(Applied {
        created: vec![
            vpc_id.to_string(),
            rtb_id.to_string(),
            acl_id.to_string(),
            sg_id.to_string(),
        ],
        description: format!("Created {vpc_id} ({block}) in {region} with main route table {rtb_id}"),
        warning: None,
    })
}

/// One `local` route per VPC CIDR, as a new route table holds.
pub(super) fn local_routes(vpc: &Vpc) -> Vec<Route> {
    vpc_cidrs(vpc)
        .into_iter()
        .map(|c| Route {
            destination: Destination::Cidr(c),
            target: Target::Local,
            state: RouteState::Active,
            origin: RouteOrigin::CreateRouteTable,
        })
        .collect()
}

/// VPC blocks are /16 to /28 ([`cidr::AWS_IPV4_PREFIXES`]). See "VPC CIDR blocks".
fn check_vpc_size(block: &Ipv4Net) -> Result<()> {
    if cidr::aws_ipv4_prefix_ok(block.prefix_len()) {
        Ok(())
    } else {
        Err(err(
            "InvalidVpc.Range",
            format!(
                "The CIDR '{block}' is invalid: a VPC CIDR block must be between {}",
                between()
            ),
        ))
    }
}

/// `/16 and /28`, as AWS's messages say it.
fn between() -> String {
    format!(
        "/{} and /{}",
        cidr::AWS_IPV4_PREFIXES.start(),
        cidr::AWS_IPV4_PREFIXES.end()
    )
}

const RFC1918: [&str; 3] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"];

fn rfc1918_range(block: &Ipv4Net) -> Option<Ipv4Net> {
    RFC1918
        .iter()
        .filter_map(|r| r.parse::<Ipv4Net>().ok())
        .find(|r| r.contains(block))
}

/// Why AWS would refuse `block` as a secondary CIDR next to `primary`, per the "IPv4 CIDR block
/// association restrictions" table of "VPC CIDR blocks": no mixing of RFC 1918 ranges, no RFC 1918
/// next to a public or 100.64.0.0/10 primary, and nothing from 198.19.0.0/16 next to another range.
fn association_restriction(primary: &Ipv4Net, block: &Ipv4Net) -> Option<String> {
    let p = rfc1918_range(primary);
    let b = rfc1918_range(block);
    let benchmark: Ipv4Net = "198.19.0.0/16".parse().ok()?;
    let p_bench = benchmark.contains(primary);
    let b_bench = benchmark.contains(block);
    match (p, b) {
        (Some(p), Some(b)) if p != b => Some(format!(
            "a VPC whose primary CIDR {primary} is in {p} cannot add a block from another RFC 1918 range ({b})"
        )),
        (None, Some(b)) => Some(format!(
            "a VPC whose primary CIDR {primary} is not private (RFC 1918) cannot add a block from {b}"
        )),
        _ if b_bench && !p_bench => Some(format!(
            "a block from 198.19.0.0/16 can only be added to a VPC whose primary CIDR is in that range (primary: {primary})"
        )),
        _ => None,
    }
}

/// `AssociateVpcCidrBlock`. Refused: a block outside /16–/28 or overlapping one of the VPC's, a
/// mix of ranges the "IPv4 CIDR block association restrictions" forbid, a block the same size or
/// larger than a route destination in one of the VPC's route tables, more than five blocks
/// (`CidrLimitExceeded`). Every route table of the VPC gets a local route for it. See "VPC CIDR
/// blocks" (userguide/vpc-cidr-blocks.html).
pub(super) fn add_cidr(e: &mut Estate, actor: Actor, vpc_id: &VpcId, cidr: &str) -> Result<Applied> {
    let vpc = vpc(e, vpc_id, actor)?;
    let block = parse_ipv4_cidr(cidr, "CIDR block", "cidrBlock")?;
    check_vpc_size(&block)?;
    if vpc.cidrs.len() >= quotas::IPV4_CIDRS_PER_VPC {
        return Err(err(
            "CidrLimitExceeded",
            format!(
                "This network '{vpc_id}' has met its maximum number of allowed CIDRs: {}",
                quotas::IPV4_CIDRS_PER_VPC
            ),
        ));
    }
    if let Some(existing) = vpc
        .cidrs
        .iter()
        .find(|c| overlaps(&IpNet::V4(**c), &IpNet::V4(block)))
    {
        return Err(err(
            "InvalidVpc.Range",
            format!(
                "The CIDR '{block}' is invalid: it overlaps {existing}, already a CIDR block of {vpc_id}"
            ),
        ));
    }
    if let Some(why) = vpc.cidrs.first().and_then(|p| association_restriction(p, &block)) {
        return Err(err(
            "InvalidVpc.Range",
            format!("The CIDR '{block}' is invalid: {why}"),
        ));
    }
    let wide = IpNet::V4(block);
    let conflicting = e
        .route_tables
        .values()
        .filter(|rt| &rt.vpc == vpc_id)
        .flat_map(|rt| rt.routes.iter().map(move |r| (rt, r)))
        .find(|(_, r)| {
            r.target != Target::Local && matches!(r.destination, Destination::Cidr(d) if wide.contains(&d))
        });
    if let Some((rt, r)) = conflicting {
        return Err(err(
            "InvalidVpc.Range",
            format!(
                "The CIDR '{block}' is invalid: route table {} has a route to {} ({}), and a VPC CIDR block cannot be the same size as or larger than a route's destination",
                rt.id,
                r.destination,
                r.target.id()
            ),
        ));
    }

    if let Some(v) = e.vpcs.get_mut(vpc_id) {
        v.cidrs.push(block);
    }
    let tables = add_local_routes(e, vpc_id, wide);
    refresh_peering_cidrs(e, vpc_id);
    Ok(Applied {
        created: vec![],
        description: format!("Added {block} to {vpc_id} (local route added to {tables} route tables)"),
        warning: None,
    })
}

/// `DisassociateVpcCidrBlock`: not the primary block (`OperationNotPermitted`), not a block a
/// subnet lives in (`InvalidCidrBlock.InUse`); its local routes go.
pub(super) fn remove_cidr(e: &mut Estate, actor: Actor, vpc_id: &VpcId, cidr: &str) -> Result<Applied> {
    let vpc = vpc(e, vpc_id, actor)?;
    let block = parse_ipv4_cidr(cidr, "CIDR block", "cidrBlock")?;
    let Some(pos) = vpc.cidrs.iter().position(|c| *c == block) else {
        return Err(err(
            "InvalidVpcCidrBlockAssociationID.NotFound",
            format!(
                "The CIDR '{block}' is not associated with {vpc_id} (its blocks: {})",
                join(&vpc.cidrs)
            ),
        ));
    };
    if pos == 0 {
        return Err(err(
            "OperationNotPermitted",
            format!("The vpc CIDR block {block} may not be disassociated. It is the primary IPv4 CIDR block of the VPC"),
        ));
    }
    if let Some(s) = e
        .subnets
        .values()
        .find(|s| &s.vpc == vpc_id && s.cidr.is_some_and(|c| block.contains(&c)))
    {
        return Err(err(
            "InvalidCidrBlock.InUse",
            format!(
                "The vpc {vpc_id} currently has a subnet within CIDR block {block} ({} {})",
                s.id,
                s.blocks_text()
            ),
        ));
    }
    if let Some(v) = e.vpcs.get_mut(vpc_id) {
        v.cidrs.remove(pos);
    }
    let wide = Destination::Cidr(IpNet::V4(block));
    for rt in e.route_tables.values_mut().filter(|rt| &rt.vpc == vpc_id) {
        rt.routes
            .retain(|r| !(r.target == Target::Local && r.destination == wide));
    }
    refresh_peering_cidrs(e, vpc_id);
    Ok(Applied {
        created: vec![],
        description: format!("Removed {block} from {vpc_id}"),
        warning: None,
    })
}

/// A live peering reports its VPCs' current CIDRs (`CidrBlockSet`).
/// A new block of a VPC: every route table of the VPC gets its `local` route (AWS adds it; see
/// "Route table concepts", userguide/VPC_Route_Tables.html). Returns how many tables.
pub(super) fn add_local_routes(e: &mut Estate, vpc_id: &VpcId, block: IpNet) -> usize {
    let mut tables = 0;
    for rt in e.route_tables.values_mut().filter(|rt| &rt.vpc == vpc_id) {
        rt.routes.push(Route {
            destination: Destination::Cidr(block),
            target: Target::Local,
            state: RouteState::Active,
            origin: RouteOrigin::CreateRouteTable,
        });
        tables += 1;
    }
    tables
}

pub(super) fn refresh_peering_cidrs(e: &mut Estate, vpc_id: &VpcId) {
    let Some(cidrs) = e.vpcs.get(vpc_id).map(vpc_cidrs) else {
        return;
    };
    let live = [
        PeeringStatus::InitiatingRequest,
        PeeringStatus::PendingAcceptance,
        PeeringStatus::Provisioning,
        PeeringStatus::Active,
    ];
    for p in e.peerings.values_mut().filter(|p| live.contains(&p.status)) {
        for side in [&mut p.requester, &mut p.accepter] {
            if &side.vpc == vpc_id {
                side.cidrs = cidrs.clone();
            }
        }
    }
}

/// `ModifyVpcAttribute` (`enableDnsSupport`, `enableDnsHostnames`); DNS hostnames need DNS
/// support. See "DNS attributes for your VPC" (userguide/vpc-dns.html).
pub(super) fn modify_attribute(
    e: &mut Estate,
    actor: Actor,
    vpc_id: &VpcId,
    dns_support: Option<bool>,
    dns_hostnames: Option<bool>,
) -> Result<Applied> {
    let vpc = vpc(e, vpc_id, actor)?;
    if dns_support.is_none() && dns_hostnames.is_none() {
        return Err(err(
            "MissingParameter",
            "The request must contain enable_dns_support or enable_dns_hostnames",
        ));
    }
    let support = dns_support.unwrap_or(vpc.dns_support);
    let hostnames = dns_hostnames.unwrap_or(vpc.dns_hostnames);
    if hostnames && !support {
        return Err(err(
            "InvalidParameterValue",
            format!("DNS hostnames need DNS support: enable enableDnsSupport on {vpc_id} first"),
        ));
    }
    if let Some(v) = e.vpcs.get_mut(vpc_id) {
        v.dns_support = support;
        v.dns_hostnames = hostnames;
    }
    Ok(Applied {
        created: vec![],
        description: format!("Set {vpc_id} DNS support {support}, DNS hostnames {hostnames}"),
        warning: None,
    })
}

/// What `CreateSubnet` is asked for: an IPv4 block (`--cidr-block`), an IPv6 block
/// (`--ipv6-cidr-block`), or both; `--ipv6-native` for an IPv6-only subnet.
pub(super) struct SubnetSpec<'a> {
    pub cidr: Option<&'a str>,
    pub ipv6_cidr: Option<&'a str>,
    pub ipv6_native: bool,
    pub az: &'a str,
    pub name: &'a Option<String>,
}

/// `CreateSubnet`. The IPv4 block is /16 to /28 inside one of the VPC's CIDRs
/// (`InvalidSubnet.Range`) and overlaps no other subnet of the VPC (`InvalidSubnet.Conflict`); an
/// IPv6 block as for `AssociateSubnetCidrBlock`; an IPv6-only subnet (`Ipv6Native`) has an IPv6
/// block and no IPv4 one. The zone is one of the VPC's region. The subnet uses the main route table
/// and the default network ACL. See "Subnet CIDR blocks" (userguide/subnet-sizing.html) and "Create
/// a subnet" (userguide/create-subnets.html: IPv4 only, dual stack, IPv6 only).
pub(super) fn create_subnet(
    e: &mut Estate,
    actor: Actor,
    vpc_id: &VpcId,
    spec: SubnetSpec,
) -> Result<Applied> {
    let SubnetSpec {
        cidr,
        ipv6_cidr,
        ipv6_native,
        az,
        name,
    } = spec;
    let vpc = vpc(e, vpc_id, actor)?;
    let ipv6 = match ipv6_cidr {
        Some(text) => Some(super::ipv6::checked_subnet_ipv6(e, vpc_id, None, text)?),
        None => None,
    };
    let block = match (cidr.map(str::trim).filter(|c| !c.is_empty()), ipv6_native) {
        (Some(_), true) => {
            return Err(err(
                "InvalidParameterCombination",
                "An IPv6-only subnet (ipv6_native) has no IPv4 CIDR block: leave the IPv4 CIDR empty, or untick IPv6-only for a dual-stack subnet",
            ))
        }
        (None, true) if ipv6.is_none() => {
            return Err(err(
                "MissingParameter",
                "An IPv6-only subnet (ipv6_native) needs an IPv6 CIDR block, a /64 of the VPC's IPv6 block for example",
            ))
        }
        (None, true) => None,
        (None, false) => {
            return Err(err(
                "MissingParameter",
                "The request must contain the parameter cidrBlock (an IPv4 block such as 10.0.1.0/24), unless the subnet is IPv6-only (ipv6_native with an IPv6 CIDR block)",
            ))
        }
        (Some(text), false) => Some(checked_subnet_ipv4(e, vpc, text)?),
    };
    let region = vpc.region.as_str();
    let valid_az = az
        .strip_prefix(region)
        .is_some_and(|s| s.len() == 1 && s.bytes().all(|b| b.is_ascii_lowercase()));
    if !valid_az {
        let zones: Vec<String> = ('a'..='f').map(|c| format!("{region}{c}")).collect();
        return Err(err(
            "InvalidParameterValue",
            format!(
                "Value ({az}) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: {}.",
                zones.join(", ")
            ),
        ));
    }
    let in_vpc = e.subnets.values().filter(|s| &s.vpc == vpc_id).count();
    if in_vpc >= quotas::SUBNETS_PER_VPC {
        return Err(err(
            "SubnetLimitExceeded",
            format!(
                "The maximum number of subnets has been reached: {vpc_id} has {in_vpc} (the default quota is {})",
                quotas::SUBNETS_PER_VPC
            ),
        ));
    }
    let (owner, region) = (vpc.owner.clone(), vpc.region.clone());
    let id = SubnetId(new_id("subnet", e.subnets.len(), |s| {
        e.subnets.contains_key(&SubnetId::from(s))
    }));
    e.subnets.insert(
        id.clone(),
        Subnet {
            id: id.clone(),
            vpc: vpc_id.clone(),
            owner,
            region,
            availability_zone: az.to_string(),
            cidr: block,
            ipv6_cidrs: ipv6.into_iter().collect(),
            map_public_ip_on_launch: false,
            default_for_az: false,
            shared_with: Default::default(),
            name: name.clone(),
            ipv6_native,
            assign_ipv6_address_on_creation: false,
            enable_dns64: false,
        },
    );
    if let Some(acl) = e
        .network_acls
        .values_mut()
        .find(|a| a.is_default && &a.vpc == vpc_id)
    {
        acl.subnets.push(id.clone());
    }
    Ok(Applied {
        created: vec![id.to_string()],
        description: format!(
            "Created {id} ({}) in {az} of {vpc_id}",
            block
                .map(|b| b.to_string())
                .into_iter()
                .chain(ipv6.map(|b| b.to_string()))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        warning: None,
    })
}

/// An IPv4 block for a new subnet of `vpc`: /16 to /28, inside one of its CIDRs, overlapping no
/// other subnet.
fn checked_subnet_ipv4(e: &Estate, vpc: &Vpc, cidr: &str) -> Result<Ipv4Net> {
    let vpc_id = &vpc.id;
    let block = parse_ipv4_cidr(cidr, "CIDR block", "cidrBlock")?;
    if !cidr::aws_ipv4_prefix_ok(block.prefix_len()) {
        return Err(err(
            "InvalidSubnet.Range",
            format!(
                "The CIDR '{block}' is invalid: a subnet CIDR block must be between {}",
                between()
            ),
        ));
    }
    if !vpc.cidrs.iter().any(|c| c.contains(&block)) {
        return Err(err(
            "InvalidSubnet.Range",
            format!(
                "The CIDR '{block}' is invalid: it is not inside a CIDR block of {vpc_id} ({})",
                join(&vpc.cidrs)
            ),
        ));
    }
    if let Some(other) = e
        .subnets
        .values()
        .find(|s| &s.vpc == vpc_id && s.cidr.is_some_and(|c| overlaps(&IpNet::V4(c), &IpNet::V4(block))))
    {
        return Err(err(
            "InvalidSubnet.Conflict",
            format!(
                "The CIDR '{block}' conflicts with another subnet ({} {})",
                other.id,
                other.blocks_text()
            ),
        ));
    }
    Ok(block)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net(s: &str) -> Ipv4Net {
        s.parse().unwrap()
    }

    #[test]
    fn association_restrictions_follow_the_aws_table() {
        let allowed = [
            ("10.0.0.0/16", "10.1.0.0/16"),
            ("10.0.0.0/16", "100.64.0.0/16"),
            ("172.31.0.0/16", "172.20.0.0/16"),
            ("100.64.0.0/16", "100.65.0.0/16"),
            ("198.19.0.0/16", "100.64.0.0/16"),
        ];
        for (p, b) in allowed {
            assert_eq!(association_restriction(&net(p), &net(b)), None, "{p} + {b}");
        }
        let refused = [
            ("10.0.0.0/16", "172.16.0.0/16"),
            ("10.0.0.0/16", "192.168.0.0/16"),
            ("192.168.0.0/16", "10.0.0.0/16"),
            ("100.64.0.0/16", "10.0.0.0/16"),
            ("10.0.0.0/16", "198.19.0.0/16"),
        ];
        for (p, b) in refused {
            assert!(association_restriction(&net(p), &net(b)).is_some(), "{p} + {b}");
        }
    }
}
