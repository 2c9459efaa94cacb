//! A generator of large estates as AWS CLI JSON, for the scale benchmark (`benches/scale.rs`)
//! and tests. Not part of the teaching API.
//!
//! The estate, for `vpcs = N` (defaults): one account and region; VPC `i` is a /20 inside
//! 10.0.0.0/8 with `subnets_per_vpc` /24 subnets over three AZs, an internet gateway, a main
//! (private) route table and a public one; peerings join VPC `i` to `i + 1` and `i + 7` (2N
//! peerings, each VPC with four peers), every table routing to each peer's /20 and to each of
//! its subnets' /24s, plus four blackhole routes left by a deleted peering (about 100 routes per
//! VPC); one transit gateway with one route table (default association and propagation) and
//! every other VPC attached (N/2 attachments, one subnet in each of the three AZs), whose tables
//! send 10.0.0.0/8 to it; one instance per VPC behind an open security group.
//!
//! With `dual_stack`, every VPC also has an Amazon-provided IPv6 /56 (VPC `i` takes the `i`-th
//! /56 of 2600:1f18::/32, as `associate_vpc_ipv6_cidr` hands them out) and an egress-only
//! internet gateway; every subnet a /64 of it (subnet `s`: the `s`-th); every table a local
//! route for the /56, the peers' /56 and /64s over the peerings, 2600:1f18::/32 to the transit
//! gateway when attached, four IPv6 blackhole routes; the public table `::/0` to the internet
//! gateway, the main (private) one `::/0` to the egress-only gateway; the transit gateway's table
//! the attached VPCs' /56s as propagated routes; the instance an IPv6 address; the security
//! group and the default ACL IPv6 entries as `associate_vpc_ipv6_cidr` leaves them (rule 101
//! and the IPv6 `*` entries; the group also lets in 2600:1f18::/32). About 200 routes per VPC.
//! See "IPv6 support for your VPC" (userguide/vpc-migrate-ipv6.html) and "Enable outbound IPv6
//! traffic using an egress-only internet gateway" (userguide/egress-only-internet-gateway.html).

use std::net::{Ipv4Addr, Ipv6Addr};

use ipnet::Ipv6Net;

use serde_json::{json, Value};

/// The size of the generated estate.
#[derive(Debug, Clone, Copy)]
pub struct Params {
    pub vpcs: usize,
    /// 3 to 16 (a /20 holds sixteen /24s; the TGW attachment takes the last three).
    pub subnets_per_vpc: usize,
    /// Peerings per VPC (each joins two VPCs): 2 gives 2N peerings.
    pub peerings_per_vpc: usize,
    /// Attach every `attach_every`-th VPC to the transit gateway (2: N/2 attachments).
    pub attach_every: usize,
    /// Every VPC with an IPv6 block, an egress-only internet gateway and IPv6 routes (the
    /// module's comment).
    pub dual_stack: bool,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            vpcs: 1000,
            subnets_per_vpc: 10,
            peerings_per_vpc: 2,
            attach_every: 2,
            dual_stack: false,
        }
    }
}

const ACCOUNT: &str = "111122223333";
const REGION: &str = "us-east-1";
const AZS: [&str; 3] = ["us-east-1a", "us-east-1b", "us-east-1c"];
/// Peer offsets: VPC i peers with i + 1, i + 7, i + 31, … (mod N).
const OFFSETS: [usize; 4] = [1, 7, 31, 127];

fn vpc_net(i: usize) -> (u8, u8) {
    ((i / 16) as u8, ((i % 16) * 16) as u8)
}

/// VPC `i`'s block: 10.(i/16).(i%16*16).0/20 (at most 4,096 VPCs).
pub fn vpc_cidr(i: usize) -> String {
    let (b, c) = vpc_net(i);
    format!("10.{b}.{c}.0/20")
}

/// Subnet `s` of VPC `i`: the `s`-th /24 of its /20.
pub fn subnet_cidr(i: usize, s: usize) -> String {
    let (b, c) = vpc_net(i);
    format!("10.{b}.{}.0/24", c as usize + s)
}

/// The instance of VPC `i` (in subnet 1, a private subnet).
pub fn instance_id(i: usize) -> String {
    format!("i-{i:06}")
}

/// The instance's address.
pub fn instance_ip(i: usize) -> Ipv4Addr {
    let (b, c) = vpc_net(i);
    Ipv4Addr::new(10, b, c + 1, 10)
}

/// 2600:1f18::/32, the pool of the VPCs' IPv6 blocks (as in `edit`'s `associate_vpc_ipv6_cidr`).
const IPV6_POOL: &str = "2600:1f18::/32";

fn ipv6_base(i: usize) -> u128 {
    (0x2600_1f18u128 << 96) | ((i as u128) << 72)
}

/// VPC `i`'s IPv6 block (dual stack): the `i`-th /56 of 2600:1f18::/32.
pub fn vpc_ipv6_cidr(i: usize) -> Ipv6Net {
    Ipv6Net::new(Ipv6Addr::from(ipv6_base(i)), 56).expect("a /56 is a valid prefix")
}

/// Subnet `s` of VPC `i` (dual stack): the `s`-th /64 of its /56.
pub fn subnet_ipv6_cidr(i: usize, s: usize) -> Ipv6Net {
    Ipv6Net::new(Ipv6Addr::from(ipv6_base(i) | ((s as u128) << 64)), 64).expect("a /64 is a valid prefix")
}

/// The instance's IPv6 address (dual stack): `::10` of subnet 1's /64.
pub fn instance_ipv6(i: usize) -> Ipv6Addr {
    Ipv6Addr::from(ipv6_base(i) | (1 << 64) | 0x10)
}

/// The peers of VPC `i` (both the ones it requested and the ones that requested it).
pub fn peers(p: &Params, i: usize) -> Vec<usize> {
    let n = p.vpcs;
    let mut out = Vec::new();
    for off in OFFSETS.iter().take(p.peerings_per_vpc) {
        if n > 2 * off {
            out.push((i + off) % n);
            out.push((i + n - off) % n);
        }
    }
    out
}

fn route(dest: &str, key: &str, target: &str) -> Value {
    json!({"DestinationCidrBlock": dest, key: target, "Origin": "CreateRoute", "State": "active"})
}

fn route6(dest: &str, key: &str, target: &str) -> Value {
    json!({"DestinationIpv6CidrBlock": dest, key: target, "Origin": "CreateRoute", "State": "active"})
}

/// An associated IPv6 block, as `describe-vpcs` and `describe-subnets` print it.
fn ipv6_association(net: Ipv6Net) -> Value {
    json!([{"Ipv6CidrBlock": net.to_string(), "Ipv6CidrBlockState": {"State": "associated"}}])
}

/// The estate as one AWS CLI document.
pub fn document(p: &Params) -> Value {
    let n = p.vpcs.min(4096);
    let subnets_per_vpc = p.subnets_per_vpc.clamp(3, 16);
    let mut vpcs = Vec::new();
    let mut subnets = Vec::new();
    let mut tables = Vec::new();
    let mut igws = Vec::new();
    let mut groups = Vec::new();
    let mut acls = Vec::new();
    let mut instances = Vec::new();
    let mut peerings = Vec::new();
    let mut attachments = Vec::new();
    let mut vpc_attachments = Vec::new();
    let mut eigws = Vec::new();
    let ds = p.dual_stack;
    let attached = |i: usize| p.attach_every > 0 && i.is_multiple_of(p.attach_every);
    for i in 0..n {
        let vpc = format!("vpc-{i:06}");
        let mut v = json!({"VpcId": vpc, "OwnerId": ACCOUNT, "CidrBlock": vpc_cidr(i), "IsDefault": false});
        if ds {
            v["Ipv6CidrBlockAssociationSet"] = ipv6_association(vpc_ipv6_cidr(i));
        }
        vpcs.push(v);
        let subnet_ids: Vec<String> = (0..subnets_per_vpc)
            .map(|s| format!("subnet-{i:06}-{s:02}"))
            .collect();
        for (s, id) in subnet_ids.iter().enumerate() {
            let mut subnet = json!({"SubnetId": id, "VpcId": vpc, "OwnerId": ACCOUNT, "CidrBlock": subnet_cidr(i, s),
                "AvailabilityZone": AZS[s % AZS.len()]});
            if ds {
                subnet["Ipv6CidrBlockAssociationSet"] = ipv6_association(subnet_ipv6_cidr(i, s));
            }
            subnets.push(subnet);
        }
        let igw = format!("igw-{i:06}");
        igws.push(json!({"InternetGatewayId": igw, "OwnerId": ACCOUNT, "Attachments": [{"State": "available", "VpcId": vpc}]}));
        let mut common = vec![
            json!({"DestinationCidrBlock": vpc_cidr(i), "GatewayId": "local", "Origin": "CreateRouteTable", "State": "active"}),
        ];
        if ds {
            common.push(
                json!({"DestinationIpv6CidrBlock": vpc_ipv6_cidr(i).to_string(), "GatewayId": "local",
                "Origin": "CreateRouteTable", "State": "active"}),
            );
        }
        for j in peers(p, i) {
            let (lo, hi) = (i.min(j), i.max(j));
            let pcx = format!("pcx-{lo:06}-{hi:06}");
            common.push(route(&vpc_cidr(j), "VpcPeeringConnectionId", &pcx));
            for s in 0..subnets_per_vpc {
                common.push(route(&subnet_cidr(j, s), "VpcPeeringConnectionId", &pcx));
            }
            if ds {
                common.push(route6(
                    &vpc_ipv6_cidr(j).to_string(),
                    "VpcPeeringConnectionId",
                    &pcx,
                ));
                for s in 0..subnets_per_vpc {
                    common.push(route6(
                        &subnet_ipv6_cidr(j, s).to_string(),
                        "VpcPeeringConnectionId",
                        &pcx,
                    ));
                }
            }
        }
        if attached(i) {
            common.push(route("10.0.0.0/8", "TransitGatewayId", "tgw-000001"));
            if ds {
                common.push(route6(IPV6_POOL, "TransitGatewayId", "tgw-000001"));
            }
        }
        for k in 0..4 {
            let mut left = route(
                &format!("192.168.{}.0/24", (i * 4 + k) % 256),
                "VpcPeeringConnectionId",
                "pcx-deleted",
            );
            left["State"] = json!("blackhole");
            common.push(left);
            if ds {
                let mut left = route6(
                    &format!("2001:db8:{:x}::/48", (i * 4 + k) % 65536),
                    "VpcPeeringConnectionId",
                    "pcx-deleted",
                );
                left["State"] = json!("blackhole");
                common.push(left);
            }
        }
        let mut public = common.clone();
        public.push(route("0.0.0.0/0", "GatewayId", &igw));
        if ds {
            let eigw = format!("eigw-{i:06}");
            eigws.push(json!({"EgressOnlyInternetGatewayId": eigw,
                "Attachments": [{"State": "attached", "VpcId": vpc}]}));
            public.push(route6("::/0", "GatewayId", &igw));
            common.push(route6("::/0", "EgressOnlyInternetGatewayId", &eigw));
        }
        tables.push(
            json!({"RouteTableId": format!("rtb-{i:06}-main"), "VpcId": vpc, "OwnerId": ACCOUNT,
            "Associations": [{"Main": true}], "Routes": common}),
        );
        tables.push(
            json!({"RouteTableId": format!("rtb-{i:06}-public"), "VpcId": vpc, "OwnerId": ACCOUNT,
            "Associations": [{"Main": false, "SubnetId": subnet_ids[0]}], "Routes": public}),
        );
        let sg = format!("sg-{i:06}");
        let mut group = json!({"GroupId": sg, "GroupName": "open", "VpcId": vpc, "OwnerId": ACCOUNT,
            "IpPermissions": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "10.0.0.0/8"}]}],
            "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]});
        let mut entries = vec![
            json!({"RuleNumber": 100, "Egress": false, "RuleAction": "allow", "Protocol": "-1", "CidrBlock": "0.0.0.0/0"}),
            json!({"RuleNumber": 32767, "Egress": false, "RuleAction": "deny", "Protocol": "-1", "CidrBlock": "0.0.0.0/0"}),
            json!({"RuleNumber": 100, "Egress": true, "RuleAction": "allow", "Protocol": "-1", "CidrBlock": "0.0.0.0/0"}),
            json!({"RuleNumber": 32767, "Egress": true, "RuleAction": "deny", "Protocol": "-1", "CidrBlock": "0.0.0.0/0"}),
        ];
        let mut instance = json!({"InstanceId": instance_id(i), "VpcId": vpc, "SubnetId": subnet_ids[1],
            "PrivateIpAddress": instance_ip(i).to_string(), "SecurityGroups": [{"GroupId": sg}], "State": {"Name": "running"}});
        if ds {
            group["IpPermissions"][0]["Ipv6Ranges"] = json!([{"CidrIpv6": IPV6_POOL}]);
            group["IpPermissionsEgress"][0]["Ipv6Ranges"] = json!([{"CidrIpv6": "::/0"}]);
            for egress in [false, true] {
                entries.push(json!({"RuleNumber": 101, "Egress": egress, "RuleAction": "allow", "Protocol": "-1", "Ipv6CidrBlock": "::/0"}));
                entries.push(json!({"RuleNumber": 32767, "Egress": egress, "RuleAction": "deny", "Protocol": "-1", "Ipv6CidrBlock": "::/0"}));
            }
            instance["Ipv6Address"] = json!(instance_ipv6(i).to_string());
        }
        groups.push(group);
        acls.push(
            json!({"NetworkAclId": format!("acl-{i:06}"), "VpcId": vpc, "OwnerId": ACCOUNT, "IsDefault": true,
            "Entries": entries}),
        );
        instances.push(instance);
        for off in OFFSETS.iter().take(p.peerings_per_vpc) {
            let j = (i + off) % n;
            if n <= 2 * off {
                continue;
            }
            let (lo, hi) = (i.min(j), i.max(j));
            let side = |k: usize| {
                let mut info = json!({"VpcId": format!("vpc-{k:06}"), "OwnerId": ACCOUNT, "Region": REGION, "CidrBlock": vpc_cidr(k)});
                if ds {
                    info["Ipv6CidrBlockSet"] = json!([{"Ipv6CidrBlock": vpc_ipv6_cidr(k).to_string()}]);
                }
                info
            };
            peerings.push(
                json!({"VpcPeeringConnectionId": format!("pcx-{lo:06}-{hi:06}"), "Status": {"Code": "active"},
                "RequesterVpcInfo": side(i), "AccepterVpcInfo": side(j)}),
            );
        }
        if attached(i) {
            let att = format!("tgw-attach-{i:06}");
            attachments.push(json!({"TransitGatewayAttachmentId": att, "TransitGatewayId": "tgw-000001",
                "TransitGatewayOwnerId": ACCOUNT, "ResourceOwnerId": ACCOUNT, "ResourceType": "vpc", "ResourceId": vpc,
                "State": "available", "Association": {"TransitGatewayRouteTableId": "tgw-rtb-000001", "State": "associated"}}));
            let mut vpc_attachment = json!({"TransitGatewayAttachmentId": att, "TransitGatewayId": "tgw-000001", "VpcId": vpc,
                "VpcOwnerId": ACCOUNT, "State": "available",
                "SubnetIds": subnet_ids[subnets_per_vpc - 3..].to_vec()});
            if ds {
                vpc_attachment["Options"] = json!({"Ipv6Support": "enable"});
            }
            vpc_attachments.push(vpc_attachment);
        }
    }
    let propagated: Vec<Value> = (0..n)
        .filter(|i| attached(*i))
        .flat_map(|i| {
            let mut blocks = vec![vpc_cidr(i)];
            if ds {
                blocks.push(vpc_ipv6_cidr(i).to_string());
            }
            blocks.into_iter().map(move |block| {
                json!({"DestinationCidrBlock": block, "Type": "propagated", "State": "active",
                    "TransitGatewayAttachments": [{"TransitGatewayAttachmentId": format!("tgw-attach-{i:06}"),
                        "ResourceId": format!("vpc-{i:06}"), "ResourceType": "vpc"}]})
            })
        })
        .collect();
    let mut doc = json!({
        "AccountId": ACCOUNT,
        "Region": REGION,
        "Vpcs": vpcs,
        "Subnets": subnets,
        "RouteTables": tables,
        "InternetGateways": igws,
        "SecurityGroups": groups,
        "NetworkAcls": acls,
        "Reservations": [{"OwnerId": ACCOUNT, "Instances": instances}],
        "VpcPeeringConnections": peerings,
        "TransitGateways": [{"TransitGatewayId": "tgw-000001", "OwnerId": ACCOUNT, "State": "available",
            "Options": {"AssociationDefaultRouteTableId": "tgw-rtb-000001", "PropagationDefaultRouteTableId": "tgw-rtb-000001",
                "DefaultRouteTableAssociation": "enable", "DefaultRouteTablePropagation": "enable"}}],
        "TransitGatewayRouteTables": [{"TransitGatewayRouteTableId": "tgw-rtb-000001", "TransitGatewayId": "tgw-000001",
            "DefaultAssociationRouteTable": true, "DefaultPropagationRouteTable": true, "State": "available"}],
        "TransitGatewayAttachments": attachments,
        "TransitGatewayVpcAttachments": vpc_attachments,
        "TransitGatewayRouteTableRoutes": {"tgw-rtb-000001": propagated},
    });
    if ds {
        doc["EgressOnlyInternetGateways"] = json!(eigws);
    }
    doc
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use ipnet::IpNet;

    use super::*;
    use crate::aws::import_documents;
    use crate::model::*;
    use crate::reach::{Query, Topology};
    use crate::validate::validate;

    #[test]
    fn small_estate_imports_validates_and_reaches() {
        let p = Params {
            vpcs: 40,
            ..Params::default()
        };
        let e = import_documents(&[("synth".into(), document(&p))]).unwrap();
        assert_eq!(e.vpcs.len(), 40);
        assert_eq!(e.subnets.len(), 400);
        assert_eq!(e.peerings.len(), 80, "2N peerings");
        assert_eq!(e.tgw_attachments.len(), 20, "N/2 attachments");
        let routes: usize = e.route_tables.values().map(|t| t.routes.len()).sum();
        assert!(
            (90 * 40..=110 * 40).contains(&routes),
            "about 100 routes per VPC: {routes}"
        );
        let d = validate(&e);
        assert!(d.errors.is_empty(), "{:?}", d.errors);
        let topo = Topology::build(&e);
        // A peer, over the peering.
        let t = topo
            .trace(&Query::tcp(&instance_id(3), &instance_id(4), 22))
            .unwrap();
        assert!(t.reachable, "{t:#?}");
        // Two attached VPCs that are not peers, over the transit gateway.
        let t = topo
            .trace(&Query::tcp(&instance_id(0), &instance_id(20), 22))
            .unwrap();
        assert!(t.reachable, "{t:#?}");
        assert!(t.forward.hops.iter().any(|h| h.at == "tgw-rtb-000001"));
        // Not attached, not peers: no route.
        let t = topo
            .trace(&Query::tcp(&instance_id(3), &instance_id(20), 22))
            .unwrap();
        assert_eq!(t.blocked.unwrap().code.as_str(), "NO_ROUTE");
        let m = topo.vpc_matrix();
        // Each VPC reaches its 4 peers (odd offsets: an even VPC's peers are odd), and each
        // attached (even) VPC the 19 other attached ones.
        assert_eq!(m.reachable.len(), 40 * 4 + 20 * 19);
        assert!(m.reaches_id("vpc-000003", "vpc-000004"));
        assert!(!m.reaches_id("vpc-000003", "vpc-000020"));
    }

    #[test]
    fn dual_stack_estate_has_a_56_per_vpc_a_64_per_subnet_and_ipv6_routes() {
        let p = Params {
            vpcs: 40,
            dual_stack: true,
            ..Params::default()
        };
        let e = import_documents(&[("synth".into(), document(&p))]).unwrap();
        let d = validate(&e);
        assert!(d.errors.is_empty(), "{:?}", d.errors);
        assert_eq!(e.egress_only_internet_gateways.len(), 40);
        let vpc = &e.vpcs[&VpcId("vpc-000003".into())];
        assert_eq!(vpc.ipv6_cidrs, [vpc_ipv6_cidr(3)]);
        assert_eq!(vpc_ipv6_cidr(3).to_string(), "2600:1f18:0:300::/56");
        let blocks: BTreeSet<Ipv6Net> = e.vpcs.values().flat_map(|v| v.ipv6_cidrs.clone()).collect();
        assert_eq!(blocks.len(), 40, "each VPC its own /56");
        let subnet = &e.subnets[&SubnetId("subnet-000003-01".into())];
        assert_eq!(subnet.ipv6_cidrs, [subnet_ipv6_cidr(3, 1)]);
        assert_eq!(subnet_ipv6_cidr(3, 1).to_string(), "2600:1f18:0:301::/64");
        assert!(vpc_ipv6_cidr(3).contains(&subnet_ipv6_cidr(3, 1)));
        let instance = &e.instances[&InstanceId(instance_id(3))];
        assert_eq!(instance.ipv6_addresses, [instance_ipv6(3)]);
        assert!(subnet_ipv6_cidr(3, 1).contains(&instance_ipv6(3)));
        // Both IPv4 and IPv6 routes: about 200 per VPC.
        let routes: usize = e.route_tables.values().map(|t| t.routes.len()).sum();
        assert!(
            (190 * 40..=220 * 40).contains(&routes),
            "about 200 routes per VPC: {routes}"
        );
        let default6: IpNet = "::/0".parse().unwrap();
        let target_of = |table: &str, dst: IpNet| {
            let t = &e.route_tables[&RouteTableId(table.into())];
            t.routes
                .iter()
                .find(|r| r.destination == Destination::Cidr(dst))
                .map(|r| r.target.clone())
        };
        assert_eq!(
            target_of("rtb-000003-public", default6),
            Some(Target::InternetGateway(IgwId("igw-000003".into())))
        );
        assert_eq!(
            target_of("rtb-000003-main", default6),
            Some(Target::EgressOnlyInternetGateway(EigwId("eigw-000003".into())))
        );
        assert_eq!(
            target_of("rtb-000003-main", IpNet::V6(vpc_ipv6_cidr(3))),
            Some(Target::Local)
        );
        assert_eq!(
            target_of("rtb-000003-main", IpNet::V6(vpc_ipv6_cidr(4))),
            Some(Target::VpcPeering(PcxId("pcx-000003-000004".into())))
        );
        assert_eq!(
            target_of("rtb-000004-main", "2600:1f18::/32".parse().unwrap()),
            Some(Target::TransitGateway(TgwId("tgw-000001".into())))
        );
        // The IPv4 paths of the single-stack estate are unchanged.
        let topo = Topology::build(&e);
        let t = topo
            .trace(&Query::tcp(&instance_id(3), &instance_id(4), 22))
            .unwrap();
        assert!(t.reachable, "{t:#?}");
        let t = topo
            .trace(&Query::tcp(&instance_id(0), &instance_id(20), 22))
            .unwrap();
        assert!(t.reachable, "{t:#?}");
    }

    #[test]
    fn single_stack_estate_has_no_ipv6() {
        let text = document(&Params {
            vpcs: 40,
            ..Params::default()
        })
        .to_string();
        assert!(
            !text.contains("Ipv6"),
            "no IPv6 field in the single-stack document"
        );
        assert!(!text.contains("EgressOnly"));
    }
}
