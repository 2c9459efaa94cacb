//! IPv6 for a VPC and its subnets, and egress-only internet gateways.
//!
//! See "Add IPv6 support for your VPC" (userguide/vpc-migrate-ipv6.html), "Subnet sizing for IPv6"
//! (userguide/subnet-sizing.html), "Enable outbound IPv6 traffic using an egress-only internet
//! gateway" (userguide/egress-only-internet-gateway.html), "Default network ACL"
//! (userguide/default-network-acl.html) and "Default security groups"
//! (userguide/default-security-group.html).

use ipnet::{IpNet, Ipv6Net};

use super::common::*;
use super::vpc_subnet::{add_local_routes, refresh_peering_cidrs};
use super::Applied;
use crate::model::*;

/// The pool vpclab takes Amazon-provided /56 blocks from: 2600:1f18::/32, a range AWS publishes
/// for EC2 in us-east-1 (<https://ip-ranges.amazonaws.com/ip-ranges.json>). vpclab uses it in
/// every Region (AWS's pool depends on the Region and the block is AWS's choice: a learner only
/// needs one that is globally unique in the estate).
const AMAZON_POOL: u128 = 0x2600_1f18u128 << 96;

/// `AssociateVpcCidrBlock` with `AmazonProvidedIpv6CidrBlock`: a /56 chosen by AWS (the next one
/// of [`AMAZON_POOL`] no VPC of the estate has). Like an IPv4 block, every route table of the
/// VPC gets a local route for it. AWS also opens the defaults to IPv6: the default network ACL
/// gets rule 101 allowing all IPv6 traffic in each direction whose rules are still the defaults,
/// and `*` (32767) entries denying the rest of IPv6; the default security group gets an outbound
/// rule allowing all IPv6 traffic (userguide/default-network-acl.html,
/// userguide/default-security-group.html). A VPC has at most one Amazon-provided block here
/// (`CidrLimitExceeded`): vpclab models no IPAM pools or BYOIP.
pub(super) fn associate_vpc_ipv6(e: &mut Estate, actor: Actor, vpc_id: &VpcId) -> Result<Applied> {
    let vpc = vpc(e, vpc_id, actor)?;
    if let Some(existing) = vpc.ipv6_cidrs.first() {
        return Err(err(
            "CidrLimitExceeded",
            format!("{vpc_id} already has the IPv6 CIDR block {existing}: vpclab gives a VPC one Amazon-provided /56"),
        ));
    }
    let taken: Vec<Ipv6Net> = e
        .vpcs
        .values()
        .flat_map(|v| v.ipv6_cidrs.iter().copied())
        .collect();
    let block = (0u128..1 << 24)
        .map(|k| Ipv6Net::new((AMAZON_POOL | (k << 72)).into(), 56).expect("a /56 is a valid prefix"))
        .find(|b| !taken.iter().any(|t| t.contains(b) || b.contains(t)))
        .ok_or_else(|| {
            err(
                "InsufficientCidrBlocks",
                "No Amazon-provided IPv6 block is left in vpclab's pool".to_string(),
            )
        })?;
    if let Some(v) = e.vpcs.get_mut(vpc_id) {
        v.ipv6_cidrs.push(block);
    }
    let tables = add_local_routes(e, vpc_id, IpNet::V6(block));
    open_defaults_to_ipv6(e, vpc_id);
    refresh_peering_cidrs(e, vpc_id);
    Ok(Applied {
        created: vec![],
        description: format!(
            "Added the Amazon-provided IPv6 block {block} to {vpc_id} (local route added to {tables} route tables; IPv6 allowed in its default network ACL and out of its default security group)"
        ),
        warning: None,
    })
}

/// The default ACL's rule 101 (only in a direction whose rules are still AWS's defaults) and its
/// IPv6 `*` entries; the default group's outbound IPv6 rule.
fn open_defaults_to_ipv6(e: &mut Estate, vpc_id: &VpcId) {
    let all6: IpNet = "::/0".parse().expect("::/0 parses");
    let entry = |rule_number, egress, allow| AclEntry {
        rule_number,
        egress,
        allow,
        protocol: Protocol::All,
        cidr: all6,
        ports: None,
        icmp: None,
    };
    if let Some(acl) = e
        .network_acls
        .values_mut()
        .find(|a| &a.vpc == vpc_id && a.is_default)
    {
        for egress in [false, true] {
            let mine: Vec<&AclEntry> = acl.entries.iter().filter(|x| x.egress == egress).collect();
            let untouched = mine.len() == 2
                && mine
                    .iter()
                    .any(|x| x.rule_number == 100 && x.allow && x.protocol == Protocol::All)
                && mine.iter().any(|x| x.rule_number == 32767 && !x.allow);
            if untouched {
                acl.entries.push(entry(101, egress, true));
            }
            if !acl
                .entries
                .iter()
                .any(|x| x.egress == egress && x.rule_number == 32767 && x.cidr == all6)
            {
                acl.entries.push(entry(32767, egress, false));
            }
        }
        acl.entries.sort_by_key(|x| (x.egress, x.rule_number));
    }
    if let Some(sg) = e
        .security_groups
        .values_mut()
        .find(|g| &g.vpc == vpc_id && g.name == "default")
    {
        let rule = SgRule {
            protocol: Protocol::All,
            from_port: None,
            to_port: None,
            peer: SgPeer::Cidr(all6),
            description: None,
        };
        if !sg.egress.contains(&rule) {
            sg.egress.push(rule);
        }
    }
}

/// `AssociateSubnetCidrBlock` with `Ipv6CidrBlock`: one IPv6 block per subnet
/// (`InvalidSubnet.Conflict` when it has one), of a size AWS accepts
/// ([`crate::cidr::aws_ipv6_subnet_prefix_ok`], `InvalidSubnet.Range`), inside one of its VPC's
/// IPv6 blocks (`InvalidSubnet.Range`), not overlapping another subnet's
/// (`InvalidSubnet.Conflict`). See userguide/subnet-sizing.html and the
/// AssociateSubnetCidrBlock API reference.
pub(super) fn associate_subnet_ipv6(
    e: &mut Estate,
    actor: Actor,
    subnet_id: &SubnetId,
    cidr: &str,
) -> Result<Applied> {
    let subnet = subnet(e, subnet_id, actor)?;
    if let Some(existing) = subnet.ipv6_cidrs.first() {
        return Err(err(
            "InvalidSubnet.Conflict",
            format!("{subnet_id} already has the IPv6 CIDR block {existing}: a subnet has one"),
        ));
    }
    let block = checked_subnet_ipv6(e, &subnet.vpc.clone(), Some(subnet_id), cidr)?;
    if let Some(s) = e.subnets.get_mut(subnet_id) {
        s.ipv6_cidrs.push(block);
    }
    Ok(Applied {
        created: vec![],
        description: format!("Added the IPv6 block {block} to {subnet_id}"),
        warning: None,
    })
}

/// An IPv6 block for a subnet of `vpc_id` (`except` that subnet itself when it exists): a
/// canonical block of an allowed size inside one of the VPC's IPv6 blocks, overlapping no other
/// subnet's (`InvalidSubnet.Range`, `InvalidSubnet.Conflict`). See "Subnet sizing for IPv6"
/// (userguide/subnet-sizing.html).
pub(super) fn checked_subnet_ipv6(
    e: &Estate,
    vpc_id: &VpcId,
    except: Option<&SubnetId>,
    cidr: &str,
) -> Result<Ipv6Net> {
    let block: Ipv6Net = cidr.trim().parse().map_err(|_| {
        err(
            "InvalidParameterValue",
            format!("Value ({}) for parameter ipv6CidrBlock is invalid: an IPv6 CIDR block such as 2600:1f18:0:100::/64", cidr.trim()),
        )
    })?;
    if block.trunc() != block {
        return Err(err(
            "InvalidParameterValue",
            format!("Value ({block}) for parameter ipv6CidrBlock is invalid: it has host bits set; the block is {}", block.trunc()),
        ));
    }
    if !crate::cidr::aws_ipv6_subnet_prefix_ok(block.prefix_len()) {
        return Err(err(
            "InvalidSubnet.Range",
            format!(
                "The IPv6 CIDR '{block}' is invalid for a subnet: AWS accepts {}",
                crate::cidr::aws_ipv6_prefixes_text()
            ),
        ));
    }
    let vpc_blocks = e
        .vpcs
        .get(vpc_id)
        .map(|v| v.ipv6_cidrs.clone())
        .unwrap_or_default();
    if !vpc_blocks.iter().any(|b| b.contains(&block)) {
        let has = if vpc_blocks.is_empty() {
            "it has none: associate_vpc_ipv6_cidr gives it one".to_string()
        } else {
            format!(
                "its IPv6 blocks are {}",
                vpc_blocks
                    .iter()
                    .map(|b| b.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        return Err(err(
            "InvalidSubnet.Range",
            format!("The IPv6 CIDR '{block}' is not within an IPv6 CIDR block of {vpc_id} ({has})"),
        ));
    }
    if let Some(other) = e
        .subnets
        .values()
        .filter(|s| &s.vpc == vpc_id && Some(&s.id) != except)
        .find(|s| {
            s.ipv6_cidrs
                .iter()
                .any(|c| c.contains(&block) || block.contains(c))
        })
    {
        return Err(err(
            "InvalidSubnet.Conflict",
            format!(
                "The IPv6 CIDR '{block}' conflicts with {} ({})",
                other.id,
                other
                    .ipv6_cidrs
                    .iter()
                    .map(|b| b.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    Ok(block)
}

/// `CreateEgressOnlyInternetGateway`: attached to the VPC at once (IPv6 traffic out and its
/// replies back; nothing started from the internet). See
/// userguide/egress-only-internet-gateway.html.
pub(super) fn create_eigw(
    e: &mut Estate,
    actor: Actor,
    vpc_id: &VpcId,
    name: &Option<String>,
) -> Result<Applied> {
    let vpc = vpc(e, vpc_id, actor)?;
    let (owner, region) = (vpc.owner.clone(), vpc.region.clone());
    let id = EigwId(new_id("eigw", e.egress_only_internet_gateways.len(), |s| {
        e.egress_only_internet_gateways.contains_key(&EigwId::from(s))
    }));
    e.egress_only_internet_gateways.insert(
        id.clone(),
        EgressOnlyInternetGateway {
            id: id.clone(),
            owner,
            region,
            attached_vpc: Some(vpc_id.clone()),
            name: name.clone(),
        },
    );
    Ok(Applied {
        created: vec![id.to_string()],
        description: format!("Created egress-only internet gateway {id}, attached to {vpc_id}"),
        warning: None,
    })
}

/// `DeleteEgressOnlyInternetGateway`: routes to it turn `blackhole`, as they do for a deleted
/// NAT gateway.
pub(super) fn delete_eigw(e: &mut Estate, actor: Actor, id: &EigwId) -> Result<Applied> {
    let Some(g) = e.egress_only_internet_gateways.get(id) else {
        return Err(err(
            "InvalidGatewayID.NotFound",
            format!("The eigw ID '{id}' does not exist"),
        ));
    };
    if let Some(v) = &g.attached_vpc {
        // Whoever may act on the VPC may delete its gateway.
        vpc(e, v, actor)?;
    }
    e.egress_only_internet_gateways.remove(id);
    let routes = refresh_routes(
        e,
        |t| matches!(t, Target::EgressOnlyInternetGateway(t) if t == id),
    );
    Ok(Applied {
        created: vec![],
        description: format!(
            "Deleted egress-only internet gateway {id} ({} turned blackhole)",
            routes_count(routes)
        ),
        warning: None,
    })
}

#[cfg(test)]
mod tests {
    use ipnet::IpNet;
    use serde_json::json;

    use crate::edit::{apply, Action};
    use crate::model::*;

    const VPC: &str = "vpc-0a1b2c3d4e5f60718";
    const SUBNET: &str = "subnet-0a1b2c3d4e5f60718";
    const SUBNET2: &str = "subnet-0a1b2c3d4e5f60719";

    /// A VPC as AWS creates it: main table, default ACL and group, two subnets, no IPv6.
    fn estate() -> Estate {
        let doc = json!({
            "AccountId": "111122223333", "Region": "us-east-1",
            "Vpcs": [{"VpcId": VPC, "CidrBlock": "10.0.0.0/16", "OwnerId": "111122223333"}],
            "Subnets": [
                {"SubnetId": SUBNET, "VpcId": VPC, "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "us-east-1a"},
                {"SubnetId": SUBNET2, "VpcId": VPC, "CidrBlock": "10.0.2.0/24", "AvailabilityZone": "us-east-1b"}
            ],
            "RouteTables": [{"RouteTableId": "rtb-0a1b2c3d4e5f60718", "VpcId": VPC,
                "Associations": [{"Main": true}],
                "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "Origin": "CreateRouteTable", "State": "active"}]}],
            "NetworkAcls": [{"NetworkAclId": "acl-0a1b2c3d4e5f60718", "VpcId": VPC, "IsDefault": true, "Entries": [
                {"RuleNumber": 100, "Egress": false, "Protocol": "-1", "RuleAction": "allow", "CidrBlock": "0.0.0.0/0"},
                {"RuleNumber": 32767, "Egress": false, "Protocol": "-1", "RuleAction": "deny", "CidrBlock": "0.0.0.0/0"},
                {"RuleNumber": 100, "Egress": true, "Protocol": "-1", "RuleAction": "allow", "CidrBlock": "0.0.0.0/0"},
                {"RuleNumber": 90, "Egress": true, "Protocol": "6", "RuleAction": "deny", "CidrBlock": "192.0.2.0/24", "PortRange": {"From": 25, "To": 25}},
                {"RuleNumber": 32767, "Egress": true, "Protocol": "-1", "RuleAction": "deny", "CidrBlock": "0.0.0.0/0"}
            ]}],
            "SecurityGroups": [{"GroupId": "sg-0a1b2c3d4e5f60718", "GroupName": "default", "Description": "default VPC security group", "VpcId": VPC,
                "IpPermissions": [], "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]}]
        });
        crate::aws::import_documents(&[("vpc.json".into(), doc)]).unwrap()
    }

    fn act(e: &mut Estate, v: serde_json::Value) -> Result<crate::edit::Applied, crate::edit::EditError> {
        let a = Action::from_json(&v).unwrap_or_else(|e| panic!("{v}: {e:?}"));
        apply(e, &a)
    }

    #[test]
    fn a_vpc_gets_a_56_its_tables_a_local_route_and_its_defaults_open_to_ipv6() {
        let mut e = estate();
        act(&mut e, json!({"action": "associate_vpc_ipv6_cidr", "vpc": VPC})).unwrap();
        let block = e.vpcs[&VpcId::from(VPC)].ipv6_cidrs[0];
        assert_eq!(block.prefix_len(), 56);
        assert_eq!(block.to_string(), "2600:1f18::/56");
        let rt = e.route_tables.values().next().unwrap();
        assert!(rt
            .routes
            .iter()
            .any(|r| r.destination == Destination::Cidr(IpNet::V6(block)) && r.target == Target::Local));
        let acl = e.network_acls.values().next().unwrap();
        let v6: Vec<(bool, u16, bool)> = acl
            .entries
            .iter()
            .filter(|x| x.cidr.to_string() == "::/0")
            .map(|x| (x.egress, x.rule_number, x.allow))
            .collect();
        // Inbound untouched: 101 allow and the * deny; outbound has a rule of the learner's (90):
        // only the * deny.
        assert_eq!(
            v6,
            [(false, 101, true), (false, 32767, false), (true, 32767, false)]
        );
        let sg = e.security_groups.values().next().unwrap();
        assert!(sg
            .egress
            .iter()
            .any(|r| matches!(r.peer, SgPeer::Cidr(c) if c.to_string() == "::/0")));
        // A second one is refused, and the estate is unchanged.
        let before = e.clone();
        let refused = act(&mut e, json!({"action": "associate_vpc_ipv6_cidr", "vpc": VPC})).unwrap_err();
        assert_eq!(refused.code, "CidrLimitExceeded");
        assert_eq!(e, before);
    }

    #[test]
    fn a_subnet_block_must_fit_the_vpc_be_of_a_size_aws_takes_and_not_overlap() {
        let mut e = estate();
        let before = e.clone();
        let none = act(
            &mut e,
            json!({"action": "associate_subnet_ipv6_cidr", "subnet": SUBNET, "cidr": "2600:1f18::/64"}),
        )
        .unwrap_err();
        assert_eq!(none.code, "InvalidSubnet.Range");
        assert!(
            none.message.contains("associate_vpc_ipv6_cidr"),
            "{}",
            none.message
        );
        assert_eq!(e, before);
        act(&mut e, json!({"action": "associate_vpc_ipv6_cidr", "vpc": VPC})).unwrap();
        for (cidr, code) in [
            ("2600:1f18:0:1::/65", "InvalidSubnet.Range"),
            ("2600:1f18:0:4::/62", "InvalidSubnet.Range"),
            ("2600:1f19::/64", "InvalidSubnet.Range"),
            ("2600:1f18:0:1::1/64", "InvalidParameterValue"),
            ("not-a-block", "InvalidParameterValue"),
        ] {
            let before = e.clone();
            let refused = act(
                &mut e,
                json!({"action": "associate_subnet_ipv6_cidr", "subnet": SUBNET, "cidr": cidr}),
            )
            .unwrap_err();
            assert_eq!(refused.code, code, "{cidr}: {}", refused.message);
            assert_eq!(e, before, "{cidr}");
        }
        act(
            &mut e,
            json!({"action": "associate_subnet_ipv6_cidr", "subnet": SUBNET, "cidr": "2600:1f18:0:1::/64"}),
        )
        .unwrap();
        assert_eq!(
            e.subnets[&SubnetId::from(SUBNET)].ipv6_cidrs[0].to_string(),
            "2600:1f18:0:1::/64"
        );
        let again = act(
            &mut e,
            json!({"action": "associate_subnet_ipv6_cidr", "subnet": SUBNET, "cidr": "2600:1f18:0:2::/64"}),
        )
        .unwrap_err();
        assert_eq!(again.code, "InvalidSubnet.Conflict");
        let overlap = act(
            &mut e,
            json!({"action": "associate_subnet_ipv6_cidr", "subnet": SUBNET2, "cidr": "2600:1f18:0:1::/64"}),
        )
        .unwrap_err();
        assert_eq!(overlap.code, "InvalidSubnet.Conflict");
        assert!(overlap.message.contains(SUBNET), "{}", overlap.message);
        act(
            &mut e,
            json!({"action": "associate_subnet_ipv6_cidr", "subnet": SUBNET2, "cidr": "2600:1f18:0:2::/64"}),
        )
        .unwrap();
    }

    #[test]
    fn an_egress_only_gateway_is_created_attached_and_its_routes_blackhole_when_deleted() {
        let mut e = estate();
        act(&mut e, json!({"action": "associate_vpc_ipv6_cidr", "vpc": VPC})).unwrap();
        let made = act(
            &mut e,
            json!({"action": "create_egress_only_internet_gateway", "vpc": VPC, "name": "out6"}),
        )
        .unwrap();
        let id = EigwId::from(made.created[0].as_str());
        assert!(id.as_str().starts_with("eigw-"));
        let g = &e.egress_only_internet_gateways[&id];
        assert_eq!(g.attached_vpc.as_ref().map(|v| v.as_str()), Some(VPC));
        assert_eq!(g.name.as_deref(), Some("out6"));
        act(&mut e, json!({"action": "create_route", "route_table": "rtb-0a1b2c3d4e5f60718", "destination": "::/0", "target": id.as_str()})).unwrap();
        let deleted = act(&mut e, json!({"action": "delete_egress_only_internet_gateway", "egress_only_internet_gateway": id.as_str()})).unwrap();
        assert!(
            deleted.description.contains("(1 route turned blackhole)"),
            "{}",
            deleted.description
        );
        assert!(!e.egress_only_internet_gateways.contains_key(&id));
        let rt = e.route_tables.values().next().unwrap();
        let r = rt
            .routes
            .iter()
            .find(|r| r.target == Target::EgressOnlyInternetGateway(id.clone()))
            .unwrap();
        assert_eq!(r.state, RouteState::Blackhole);
        let missing = act(&mut e, json!({"action": "delete_egress_only_internet_gateway", "egress_only_internet_gateway": id.as_str()})).unwrap_err();
        assert_eq!(missing.code, "InvalidGatewayID.NotFound");
    }

    /// `RunInstances` with `--ipv6-address-count 1`: the lowest free address of the subnet's
    /// block past the four AWS reserves; refused in a subnet without an IPv6 block; automatic in
    /// a subnet with `AssignIpv6AddressOnCreation`. The instance is then reachable over IPv6.
    #[test]
    fn launching_with_an_ipv6_address() {
        let mut e = estate();
        let refused = act(
            &mut e,
            json!({"action": "launch_instance", "subnet": SUBNET, "ipv6_address": true}),
        )
        .unwrap_err();
        assert_eq!(refused.code, "InvalidParameterValue");
        assert!(
            refused.message.contains("associate_subnet_ipv6_cidr"),
            "{}",
            refused.message
        );
        assert!(e.instances.is_empty(), "a refused launch leaves nothing behind");
        act(&mut e, json!({"action": "associate_vpc_ipv6_cidr", "vpc": VPC})).unwrap();
        act(
            &mut e,
            json!({"action": "associate_subnet_ipv6_cidr", "subnet": SUBNET, "cidr": "2600:1f18::/64"}),
        )
        .unwrap();
        let a = act(
            &mut e,
            json!({"action": "launch_instance", "subnet": SUBNET, "ipv6_address": true}),
        )
        .unwrap();
        let b = act(
            &mut e,
            json!({"action": "launch_instance", "subnet": SUBNET, "ipv6_address": true}),
        )
        .unwrap();
        let plain = act(&mut e, json!({"action": "launch_instance", "subnet": SUBNET})).unwrap();
        let six = |e: &Estate, id: &str| e.instances[&InstanceId::from(id)].ipv6_addresses.clone();
        assert_eq!(
            six(&e, &a.created[0]),
            ["2600:1f18::4".parse::<std::net::Ipv6Addr>().unwrap()]
        );
        assert_eq!(
            six(&e, &b.created[0]),
            ["2600:1f18::5".parse::<std::net::Ipv6Addr>().unwrap()]
        );
        assert!(six(&e, &plain.created[0]).is_empty());
        assert!(a.description.contains("2600:1f18::4"), "{}", a.description);
        e.subnets
            .get_mut(&SubnetId::from(SUBNET))
            .unwrap()
            .assign_ipv6_address_on_creation = true;
        let auto = act(&mut e, json!({"action": "launch_instance", "subnet": SUBNET})).unwrap();
        assert_eq!(six(&e, &auto.created[0]).len(), 1);
        // Over IPv6 the walk uses those addresses: the local route of the /56 delivers, and this
        // default group (no inbound rule) stops it at the door.
        let t = crate::reach::trace(
            &e,
            &crate::reach::Query::tcp(&a.created[0], &b.created[0], 22).over_ipv6(),
        )
        .unwrap();
        assert_eq!(t.to.address, "2600:1f18::5");
        assert_eq!(t.blocked.map(|b| b.code.as_str()), Some("SG_INGRESS_DENY"));
    }

    /// `CreateSubnet` with `--ipv6-native --ipv6-cidr-block`: an IPv6-only subnet; with both
    /// blocks, a dual-stack one; the combinations AWS refuses say what would do.
    #[test]
    fn creating_ipv6_only_and_dual_stack_subnets() {
        let mut e = estate();
        let create = |e: &mut Estate, v: serde_json::Value| {
            let mut a = json!({"action": "create_subnet", "vpc": VPC, "availability_zone": "us-east-1c"});
            a.as_object_mut().unwrap().extend(v.as_object().unwrap().clone());
            act(e, a)
        };
        // No IPv6 block in the VPC yet.
        let no_block = create(
            &mut e,
            json!({"ipv6_native": true, "ipv6_cidr": "2600:1f18::/64"}),
        )
        .unwrap_err();
        assert_eq!(no_block.code, "InvalidSubnet.Range");
        assert!(
            no_block.message.contains("associate_vpc_ipv6_cidr"),
            "{}",
            no_block.message
        );
        act(&mut e, json!({"action": "associate_vpc_ipv6_cidr", "vpc": VPC})).unwrap();
        let before = e.clone();
        for (v, code) in [
            (json!({"ipv6_native": true}), "MissingParameter"),
            (
                json!({"ipv6_native": true, "cidr": "10.0.9.0/24", "ipv6_cidr": "2600:1f18::/64"}),
                "InvalidParameterCombination",
            ),
            (json!({}), "MissingParameter"),
            (
                json!({"ipv6_native": true, "ipv6_cidr": "2600:1f18::/65"}),
                "InvalidSubnet.Range",
            ),
        ] {
            let refused = create(&mut e, v.clone()).unwrap_err();
            assert_eq!(refused.code, code, "{v}: {}", refused.message);
            assert_eq!(e, before, "{v}: a refusal changes nothing");
        }
        let six = create(
            &mut e,
            json!({"ipv6_native": true, "ipv6_cidr": "2600:1f18::/64", "name": "v6"}),
        )
        .unwrap();
        let s = &e.subnets[&SubnetId::from(six.created[0].as_str())];
        assert_eq!((s.cidr, s.ipv6_native), (None, true));
        assert_eq!(s.ipv6_cidrs[0].to_string(), "2600:1f18::/64");
        // The same IPv6 block again conflicts; a dual-stack subnet takes the next /64.
        let again = create(
            &mut e,
            json!({"cidr": "10.0.9.0/24", "ipv6_cidr": "2600:1f18::/64"}),
        )
        .unwrap_err();
        assert_eq!(again.code, "InvalidSubnet.Conflict");
        let dual = create(
            &mut e,
            json!({"cidr": "10.0.9.0/24", "ipv6_cidr": "2600:1f18:0:1::/64"}),
        )
        .unwrap();
        let d = &e.subnets[&SubnetId::from(dual.created[0].as_str())];
        assert_eq!(d.cidr.map(|c| c.to_string()).as_deref(), Some("10.0.9.0/24"));
        assert!(!d.ipv6_native && d.ipv6_cidrs.len() == 1);
        // It survives export and import.
        let docs: Vec<(String, serde_json::Value)> = crate::aws::export(&e)
            .into_iter()
            .enumerate()
            .map(|(i, d)| (format!("export-{i}"), d))
            .collect();
        assert_eq!(crate::aws::import_documents(&docs).unwrap(), e);
        // An instance launched there is IPv6-only: no IPv4 address, an IPv6 one of the block.
        let refused = act(
            &mut e,
            json!({"action": "launch_instance", "subnet": six.created[0], "public_ip": true}),
        )
        .unwrap_err();
        assert!(refused.message.contains("IPv6-only"), "{}", refused.message);
        let only6 = act(
            &mut e,
            json!({"action": "launch_instance", "subnet": six.created[0]}),
        )
        .unwrap();
        let i = &e.instances[&InstanceId::from(only6.created[0].as_str())];
        assert_eq!(i.private_ip, None);
        assert_eq!(i.ipv6_addresses[0].to_string(), "2600:1f18::4");
        assert!(only6.description.contains("(IPv6-only)"), "{}", only6.description);
        // Import ∘ export keeps it (describe-instances prints no PrivateIpAddress for it).
        let docs: Vec<(String, serde_json::Value)> = crate::aws::export(&e)
            .into_iter()
            .enumerate()
            .map(|(i, d)| (format!("export-{i}"), d))
            .collect();
        assert_eq!(crate::aws::import_documents(&docs).unwrap(), e);
        // Over IPv4 it cannot be asked about; over IPv6 the walk finds it.
        let peer = act(
            &mut e,
            json!({"action": "launch_instance", "subnet": dual.created[0], "ipv6_address": true}),
        )
        .unwrap();
        let q = crate::reach::Query::tcp(&peer.created[0], &only6.created[0], 22);
        let err = crate::reach::trace(&e, &q).unwrap_err();
        assert!(err.message().contains("no private IPv4 address"), "{err}");
        let t = crate::reach::trace(&e, &q.over_ipv6()).unwrap();
        assert_eq!(t.to.address, "2600:1f18::4");
    }
}
