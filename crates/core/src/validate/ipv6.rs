//! IPv6 (issue 13): subnet IPv6 block sizes, IPv6 subnets apart from one another, IPv6 host
//! addresses inside their subnet and off the five AWS reserves, IPv6-only subnets with an IPv6
//! block, and routes to egress-only internet gateways. (Subnet IPv6 blocks inside their VPC's:
//! `addresses.rs`, `SUBNET_OUTSIDE_VPC`.)

use std::net::Ipv6Addr;

use ipnet::{IpNet, Ipv6Net};

use super::Diagnostics;
use crate::cidr;
use crate::model::*;

pub(super) fn check(e: &Estate, d: &mut Diagnostics) {
    subnet_sizes(e, d);
    overlapping_subnets(e, d);
    host_addresses(e, d);
    egress_only_routes(e, d);
}

/// `INVALID_IPV6_SUBNET_SIZE`: an IPv6 subnet block is /44 to /64 in steps of /4, and
/// `IPV6_ONLY_SUBNET_WITHOUT_BLOCK`: an IPv6-only subnet (`Ipv6Native`) has an IPv6 block.
/// See "Subnet CIDR blocks", section "Subnet sizing for IPv6", Amazon VPC User Guide
/// (subnet-sizing.html); "Create a subnet" (create-subnets.html): an IPv6-only subnet needs an
/// IPv6 CIDR block.
fn subnet_sizes(e: &Estate, d: &mut Diagnostics) {
    for s in e.subnets.values() {
        for n in s
            .ipv6_cidrs
            .iter()
            .filter(|n| !cidr::aws_ipv6_subnet_prefix_ok(n.prefix_len()))
        {
            d.error(
                "INVALID_IPV6_SUBNET_SIZE",
                &s.id,
                format!(
                    "Subnet {} has IPv6 block {n}: an IPv6 subnet block must be {} (a /64 is usual), so /{} \
                     is not allowed.",
                    s.id,
                    cidr::aws_ipv6_prefixes_text(),
                    n.prefix_len()
                ),
            );
        }
        if s.ipv6_native && s.ipv6_cidrs.is_empty() {
            d.error(
                "IPV6_ONLY_SUBNET_WITHOUT_BLOCK",
                &s.id,
                format!(
                    "Subnet {} is IPv6-only (Ipv6Native) but has no IPv6 CIDR block: give it a block from its \
                     VPC's IPv6 range (a /64), or make it dual-stack.",
                    s.id
                ),
            );
        }
    }
}

/// `OVERLAPPING_SUBNETS` for IPv6 blocks: the subnets of one VPC do not share IPv6 addresses.
/// See "Subnet CIDR blocks", Amazon VPC User Guide (subnet-sizing.html).
fn overlapping_subnets(e: &Estate, d: &mut Diagnostics) {
    let mut by_vpc: std::collections::BTreeMap<&VpcId, Vec<(&Subnet, Ipv6Net)>> = Default::default();
    for s in e.subnets.values() {
        for n in &s.ipv6_cidrs {
            by_vpc.entry(&s.vpc).or_default().push((s, *n));
        }
    }
    for (vpc, blocks) in by_vpc {
        let nets: Vec<IpNet> = blocks.iter().map(|(_, n)| IpNet::V6(*n)).collect();
        for (i, j) in cidr::overlap_pairs(&nets) {
            let ((a, na), (b, nb)) = (blocks[i], blocks[j]);
            if a.id == b.id {
                continue;
            }
            d.error(
                "OVERLAPPING_SUBNETS",
                &b.id,
                format!(
                    "Subnet {} (IPv6 {nb}) overlaps subnet {} (IPv6 {na}) in VPC {vpc}. Subnets of one VPC \
                     must not share addresses: pick a /64 of the VPC's IPv6 block that no other subnet uses.",
                    b.id, a.id
                ),
            );
        }
    }
}

/// `ADDRESS_OUTSIDE_SUBNET` and `RESERVED_ADDRESS` for IPv6 addresses: an instance's or network
/// interface's IPv6 address lies in one of its subnet's IPv6 blocks and is not one of the five
/// AWS reserves there (the first four and the last). See "Subnet CIDR blocks", Amazon VPC User
/// Guide (subnet-sizing.html).
fn host_addresses(e: &Estate, d: &mut Diagnostics) {
    let mut hosts: Vec<(String, &SubnetId, Ipv6Addr)> = Vec::new();
    for i in e.instances.values() {
        hosts.extend(i.ipv6_addresses.iter().map(|a| (i.id.to_string(), &i.subnet, *a)));
    }
    for n in e.enis.values() {
        // An instance's primary ENI repeats the instance's addresses: report them once.
        let mine = n.instance.as_ref().and_then(|i| e.instances.get(i));
        for a in &n.ipv6_addresses {
            if !mine.is_some_and(|i| i.ipv6_addresses.contains(a)) {
                hosts.push((n.id.to_string(), &n.subnet, *a));
            }
        }
    }
    for (id, subnet, ip) in hosts {
        let Some(s) = e.subnets.get(subnet) else { continue };
        let Some(block) = s.ipv6_cidrs.iter().find(|b| b.contains(&ip)) else {
            let blocks: Vec<String> = s.ipv6_cidrs.iter().map(|b| b.to_string()).collect();
            d.error(
                "ADDRESS_OUTSIDE_SUBNET",
                &id,
                format!(
                    "{id} has IPv6 address {ip}, which is not in an IPv6 block of its subnet {} ({}). An IPv6 \
                     address must come from one of the subnet's own IPv6 blocks.",
                    s.id,
                    if blocks.is_empty() { "it has none".into() } else { blocks.join(", ") }
                ),
            );
            continue;
        };
        if let Some(r) = cidr::aws_reserved_ipv6(*block) {
            if r.contains(&ip) {
                d.error(
                    "RESERVED_ADDRESS",
                    &id,
                    format!(
                        "{id} has IPv6 address {ip}, one of the five addresses AWS reserves in subnet {} ({block}): \
                         the first four ({} to {}) and the last ({}). Use another address of the block.",
                        s.id, r[0], r[3], r[4]
                    ),
                );
            }
        }
    }
}

/// Routes to an egress-only internet gateway: `EIGW_ROUTE_NOT_IPV6` when the destination is not
/// an IPv6 block (the gateway carries IPv6 only; `EgressOnlyInternetGatewayId` is "[IPv6 traffic
/// only]" in "CreateRoute", Amazon EC2 API Reference), `ROUTE_TARGET_OTHER_VPC` when it is not
/// attached to the table's VPC, `UNKNOWN_ROUTE_TARGET` when it does not exist. See "Enable
/// outbound IPv6 traffic using an egress-only internet gateway", Amazon VPC User Guide
/// (egress-only-internet-gateway.html).
fn egress_only_routes(e: &Estate, d: &mut Diagnostics) {
    for t in e.route_tables.values() {
        for r in &t.routes {
            let Target::EgressOnlyInternetGateway(g) = &r.target else {
                continue;
            };
            if !matches!(r.destination, Destination::Cidr(IpNet::V6(_))) {
                d.error(
                    "EIGW_ROUTE_NOT_IPV6",
                    &t.id,
                    format!(
                        "Route table {} sends {} to egress-only internet gateway {g}, which carries IPv6 traffic \
                         only: use an IPv6 destination such as ::/0 (IPv4 traffic goes to an internet gateway \
                         or a NAT gateway).",
                        t.id, r.destination
                    ),
                );
            }
            let blackhole = r.state == RouteState::Blackhole;
            let (code, wrong) = match e.egress_only_internet_gateways.get(g) {
                None => (
                    "UNKNOWN_ROUTE_TARGET",
                    "is not in the estate (check the id, or add the gateway)".to_string(),
                ),
                Some(x) => match &x.attached_vpc {
                    Some(v) if v == &t.vpc => continue,
                    Some(v) => ("ROUTE_TARGET_OTHER_VPC", format!("is attached to VPC {v}")),
                    None => ("ROUTE_TARGET_OTHER_VPC", "is not attached to any VPC".to_string()),
                },
            };
            // The documents may not include describe-egress-only-internet-gateways at all.
            let listed = e
                .egress_only_internet_gateways
                .values()
                .any(|x| x.region == t.region);
            let message = format!(
                "Route table {} (VPC {}) sends {} to egress-only internet gateway {g}, which {wrong}. A route \
                 can only point at an egress-only internet gateway attached to the table's own VPC.",
                t.id, t.vpc, r.destination
            );
            if blackhole || (code == "UNKNOWN_ROUTE_TARGET" && !listed) {
                d.warning(code, &t.id, message);
            } else {
                d.error(code, &t.id, message);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::aws::import_documents;
    use crate::validate::{validate, Diagnostics};

    /// A dual-stack VPC (an Amazon-provided /56), in the AWS CLI's shapes, with `extra` merged in.
    fn estate(extra: Value) -> Diagnostics {
        let mut doc = json!({"AccountId": "111122223333", "Region": "us-east-1",
            "Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16", "Ipv6CidrBlockAssociationSet": [
                {"Ipv6CidrBlock": "2600:1f18:4a3:6900::/56", "Ipv6CidrBlockState": {"State": "associated"}}]}],
            "EgressOnlyInternetGateways": [
                {"EgressOnlyInternetGatewayId": "eigw-1", "Attachments": [{"State": "attached", "VpcId": "vpc-1"}]},
                {"EgressOnlyInternetGatewayId": "eigw-2", "Attachments": [{"State": "attached", "VpcId": "vpc-9"}]}]});
        for (k, v) in extra.as_object().unwrap() {
            doc[k] = v.clone();
        }
        validate(&import_documents(&[("lab.json".into(), doc)]).unwrap())
    }

    fn subnet(id: &str, cidr: &str, v6: &[&str]) -> Value {
        let set: Vec<Value> = v6.iter().map(|b| json!({"Ipv6CidrBlock": b})).collect();
        json!({"SubnetId": id, "VpcId": "vpc-1", "CidrBlock": cidr, "AvailabilityZone": "us-east-1a",
               "Ipv6CidrBlockAssociationSet": set})
    }

    fn codes(d: &Diagnostics) -> Vec<(&'static str, String)> {
        d.errors.iter().map(|x| (x.code, x.resource.clone())).collect()
    }

    #[test]
    fn ipv6_subnet_blocks_are_44_to_64_in_steps_of_4_and_apart() {
        let d = estate(json!({"Subnets": [
            subnet("subnet-a", "10.0.1.0/24", &["2600:1f18:4a3:6900::/64"]),
            subnet("subnet-b", "10.0.2.0/24", &["2600:1f18:4a3:6900::/64"]),
            subnet("subnet-c", "10.0.3.0/24", &["2600:1f18:4a3:6901::/72"]),
            subnet("subnet-d", "10.0.4.0/24", &["2600:1f18:4a3:69f0::/60"])]}));
        assert_eq!(
            codes(&d),
            [
                ("INVALID_IPV6_SUBNET_SIZE", "subnet-c".to_string()),
                ("OVERLAPPING_SUBNETS", "subnet-b".to_string())
            ]
        );
        assert!(
            d.errors[0].message.contains("/44, /48, /52, /56, /60 or /64"),
            "{}",
            d.errors[0].message
        );
        // Outside the VPC's IPv6 block: addresses.rs says so.
        let d = estate(json!({"Subnets": [subnet("subnet-a", "10.0.1.0/24", &["2001:db8::/64"])]}));
        assert_eq!(codes(&d), [("SUBNET_OUTSIDE_VPC", "subnet-a".to_string())]);
    }

    #[test]
    fn an_ipv6_only_subnet_needs_an_ipv6_block() {
        let mut s = subnet("subnet-a", "10.0.1.0/24", &[]);
        s["Ipv6Native"] = true.into();
        let d = estate(json!({"Subnets": [s]}));
        assert_eq!(
            codes(&d),
            [("IPV6_ONLY_SUBNET_WITHOUT_BLOCK", "subnet-a".to_string())]
        );
    }

    #[test]
    fn ipv6_host_addresses_lie_in_the_subnet_and_off_the_reserved_five() {
        let eni = |id: &str, ip: &str| {
            json!({"NetworkInterfaceId": id, "VpcId": "vpc-1", "SubnetId": "subnet-a",
                   "PrivateIpAddress": "10.0.1.10", "Ipv6Addresses": [{"Ipv6Address": ip}]})
        };
        let d = estate(json!({
            "Subnets": [subnet("subnet-a", "10.0.1.0/24", &["2600:1f18:4a3:6900::/64"])],
            "NetworkInterfaces": [eni("eni-ok", "2600:1f18:4a3:6900::10"), eni("eni-out", "2600:1f18:4a3:6901::10"),
                                  eni("eni-router", "2600:1f18:4a3:6900::1"),
                                  eni("eni-last", "2600:1f18:4a3:6900:ffff:ffff:ffff:ffff")]}));
        assert_eq!(
            codes(&d),
            [
                ("RESERVED_ADDRESS", "eni-last".to_string()),
                ("ADDRESS_OUTSIDE_SUBNET", "eni-out".to_string()),
                ("RESERVED_ADDRESS", "eni-router".to_string())
            ]
        );
    }

    #[test]
    fn a_route_to_an_egress_only_gateway_is_ipv6_and_stays_in_its_vpc() {
        let route = |dest: (&str, &str), eigw: &str| json!({dest.0: dest.1, "EgressOnlyInternetGatewayId": eigw, "State": "active"});
        let table =
            |id: &str, routes: Vec<Value>| json!({"RouteTableId": id, "VpcId": "vpc-1", "Routes": routes});
        let d = estate(json!({"RouteTables": [
            table("rtb-ok", vec![route(("DestinationIpv6CidrBlock", "::/0"), "eigw-1")]),
            table("rtb-v4", vec![route(("DestinationCidrBlock", "0.0.0.0/0"), "eigw-1")]),
            table("rtb-other", vec![route(("DestinationIpv6CidrBlock", "::/0"), "eigw-2")]),
            table("rtb-gone", vec![route(("DestinationIpv6CidrBlock", "::/0"), "eigw-3")])]}));
        assert_eq!(
            codes(&d),
            [
                ("UNKNOWN_ROUTE_TARGET", "rtb-gone".to_string()),
                ("ROUTE_TARGET_OTHER_VPC", "rtb-other".to_string()),
                ("EIGW_ROUTE_NOT_IPV6", "rtb-v4".to_string())
            ]
        );
        assert!(
            d.errors[1].message.contains("attached to VPC vpc-9"),
            "{}",
            d.errors[1].message
        );
    }

    #[test]
    fn every_ipv6_code_is_documented() {
        let doc = include_str!("../../../../docs/codes.md");
        let section = doc
            .split("## validate")
            .nth(1)
            .unwrap()
            .split("\n## ")
            .next()
            .unwrap();
        for code in [
            "INVALID_IPV6_SUBNET_SIZE",
            "IPV6_ONLY_SUBNET_WITHOUT_BLOCK",
            "EIGW_ROUTE_NOT_IPV6",
        ] {
            assert!(section.contains(&format!("`{code}`")), "{code}");
        }
    }
}
