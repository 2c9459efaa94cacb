//! [`Estate`] → AWS CLI documents, the inverse of `import`.
//!
//! Each object goes into the document of its (owner, region); one whose account has no document
//! goes into another document of its region (its `OwnerId` still says whose it is). A peering goes
//! into both sides' documents, a shared subnet into the owner's and every participant's, a TGW
//! peering attachment's two ends into their transit gateways' documents. Documents an object
//! needs but `estate.documents` lacks are added, so `import(export(e)) == e` holds for every
//! estate import produces (and every estate built to the same rules: each fact in its canonical
//! form, e.g. IPv4 peering CIDRs before IPv6 ones).

use std::collections::BTreeMap;

use ipnet::IpNet;
use serde_json::Value;

use super::json::*;
use crate::model::*;

type Key = (AccountId, Region);

struct Out<'a> {
    estate: &'a Estate,
    docs: BTreeMap<Key, Document>,
}

impl Out<'_> {
    /// The document of (owner, region), else the first of the region, else a new one.
    fn place(&mut self, owner: &AccountId, region: &Region) -> &mut Document {
        let exact = (owner.clone(), region.clone());
        let key = if self.docs.contains_key(&exact) {
            exact
        } else {
            self.docs
                .keys()
                .find(|(_, r)| r == region)
                .cloned()
                .unwrap_or(exact)
        };
        self.docs.entry(key).or_default()
    }

    /// The document of exactly (account, region), added if missing.
    fn exact(&mut self, account: &AccountId, region: &Region) -> &mut Document {
        self.docs.entry((account.clone(), region.clone())).or_default()
    }

    fn any_account(&self, region: &Region) -> AccountId {
        self.docs
            .keys()
            .find(|(_, r)| r == region)
            .or_else(|| self.docs.keys().next())
            .map(|(a, _)| a.clone())
            .unwrap_or_else(|| AccountId::from("000000000000"))
    }
}

/// Writes an estate as AWS CLI documents: one per (account, region), in `estate.documents`
/// order, with the AWS CLI's key names and shapes plus `AccountId` and `Region`.
/// Propagated TGW routes are written out from the propagations and the attached VPCs' CIDRs.
///
/// # Examples
/// ```
/// use vpclab_core::aws::{export, import_documents};
/// let doc = serde_json::json!({"Region": "us-east-1", "AccountId": "111122223333",
///     "Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}]});
/// let estate = import_documents(&[("lab.json".into(), doc)]).unwrap();
/// let out = export(&estate);
/// assert_eq!(out[0]["Vpcs"][0]["CidrBlock"], "10.0.0.0/16");
/// let named: Vec<_> = out.into_iter().map(|d| ("export".to_string(), d)).collect();
/// assert_eq!(import_documents(&named).unwrap(), estate);
/// ```
pub fn export(estate: &Estate) -> Vec<Value> {
    let mut out = Out {
        estate,
        docs: estate
            .documents
            .iter()
            .map(|k| (k.clone(), Document::default()))
            .collect(),
    };
    vpcs(&mut out);
    subnets(&mut out);
    route_tables(&mut out);
    peerings(&mut out);
    gateways(&mut out);
    endpoints_and_lists(&mut out);
    instances_and_enis(&mut out);
    security(&mut out);
    transit(&mut out);
    ipv6_resources(&mut out);
    super::hybrid::export(estate, &mut out);
    out.docs
        .into_iter()
        .map(|((account, region), mut d)| {
            d.account_id = Some(account.0);
            d.region = Some(region.0);
            serde_json::to_value(d).unwrap_or(Value::Null)
        })
        .collect()
}

fn s<T: ToString>(x: &T) -> String {
    x.to_string()
}

fn vpcs(out: &mut Out) {
    for v in out.estate.vpcs.values() {
        let associated = || {
            Some(StateJson {
                state: Some("associated".into()),
            })
        };
        let j = VpcJson {
            vpc_id: s(&v.id),
            owner_id: Some(s(&v.owner)),
            cidr_block: v.cidrs.first().map(s),
            cidr_block_association_set: v
                .cidrs
                .iter()
                .map(|c| CidrAssociationJson {
                    cidr_block: Some(s(c)),
                    cidr_block_state: associated(),
                })
                .collect(),
            ipv6_cidr_block_association_set: v
                .ipv6_cidrs
                .iter()
                .map(|c| Ipv6CidrAssociationJson {
                    ipv6_cidr_block: Some(s(c)),
                    ipv6_cidr_block_state: associated(),
                })
                .collect(),
            is_default: Some(v.is_default),
            enable_dns_support: (!v.dns_support).then_some(Flag(false)),
            enable_dns_hostnames: (v.dns_hostnames != v.is_default).then_some(Flag(v.dns_hostnames)),
            tags: name_tags(&v.name),
        };
        out.place(&v.owner, &v.region).vpcs.push(j);
    }
}

fn subnets(out: &mut Out) {
    for x in out.estate.subnets.values() {
        let j = SubnetJson {
            subnet_id: s(&x.id),
            vpc_id: s(&x.vpc),
            owner_id: Some(s(&x.owner)),
            availability_zone: Some(x.availability_zone.clone()).filter(|z| !z.is_empty()),
            cidr_block: x.cidr.as_ref().map(s),
            ipv6_cidr_block_association_set: x
                .ipv6_cidrs
                .iter()
                .map(|c| Ipv6CidrAssociationJson {
                    ipv6_cidr_block: Some(s(c)),
                    ipv6_cidr_block_state: Some(StateJson {
                        state: Some("associated".into()),
                    }),
                })
                .collect(),
            map_public_ip_on_launch: Some(x.map_public_ip_on_launch),
            default_for_az: Some(x.default_for_az),
            tags: name_tags(&x.name),
            ipv6_native: x.ipv6_native.then_some(true),
            assign_ipv6_address_on_creation: x.assign_ipv6_address_on_creation.then_some(true),
            enable_dns64: x.enable_dns64.then_some(true),
        };
        // The owner lists it (if the owner has a document, or nobody else lists it); each
        // participant lists it too: that is how import learns it is shared.
        let owner_key = (x.owner.clone(), x.region.clone());
        if out.docs.contains_key(&owner_key) || x.shared_with.is_empty() {
            out.exact(&x.owner, &x.region).subnets.push(j.clone());
        }
        for p in &x.shared_with {
            if p != &x.owner {
                out.exact(p, &x.region).subnets.push(j.clone());
            }
        }
    }
}

fn route_json(r: &Route) -> RouteJson {
    let mut j = RouteJson::default();
    match &r.destination {
        Destination::Cidr(IpNet::V4(n)) => j.destination_cidr_block = Some(s(n)),
        Destination::Cidr(IpNet::V6(n)) => j.destination_ipv6_cidr_block = Some(s(n)),
        Destination::PrefixList(p) => j.destination_prefix_list_id = Some(s(p)),
    }
    match &r.target {
        Target::Local => j.gateway_id = Some("local".into()),
        Target::InternetGateway(i) => j.gateway_id = Some(s(i)),
        Target::VirtualPrivateGateway(i) => j.gateway_id = Some(s(i)),
        Target::GatewayEndpoint(i) => j.gateway_id = Some(s(i)),
        Target::EgressOnlyInternetGateway(i) => j.egress_only_internet_gateway_id = Some(s(i)),
        Target::NatGateway(i) => j.nat_gateway_id = Some(s(i)),
        Target::VpcPeering(i) => j.vpc_peering_connection_id = Some(s(i)),
        Target::TransitGateway(i) => j.transit_gateway_id = Some(s(i)),
        Target::Eni(i) => j.network_interface_id = Some(s(i)),
        Target::Instance(i) => j.instance_id = Some(s(i)),
        Target::Other { key, id } => match key.as_str() {
            "" => {}
            "CarrierGatewayId" => j.carrier_gateway_id = Some(id.clone()),
            "LocalGatewayId" => j.local_gateway_id = Some(id.clone()),
            "CoreNetworkArn" => j.core_network_arn = Some(id.clone()),
            _ => j.gateway_id = Some(id.clone()),
        },
    }
    j.origin = Some(
        match r.origin {
            RouteOrigin::CreateRouteTable => "CreateRouteTable",
            RouteOrigin::CreateRoute => "CreateRoute",
            RouteOrigin::EnableVgwRoutePropagation => "EnableVgwRoutePropagation",
        }
        .into(),
    );
    j.state = Some(route_state(r.state));
    j
}

fn route_state(state: RouteState) -> String {
    match state {
        RouteState::Active => "active".into(),
        RouteState::Blackhole => "blackhole".into(),
    }
}

fn route_tables(out: &mut Out) {
    for t in out.estate.route_tables.values() {
        let mut associations = Vec::new();
        if t.main {
            associations.push(RouteTableAssociationJson {
                main: Some(true),
                association_state: Some(StateJson {
                    state: Some("associated".into()),
                }),
                ..Default::default()
            });
        }
        associations.extend(t.subnets.iter().map(|sub| RouteTableAssociationJson {
            main: Some(false),
            subnet_id: Some(s(sub)),
            association_state: Some(StateJson {
                state: Some("associated".into()),
            }),
            ..Default::default()
        }));
        let j = RouteTableJson {
            route_table_id: s(&t.id),
            vpc_id: s(&t.vpc),
            owner_id: Some(s(&t.owner)),
            associations,
            routes: t.routes.iter().map(route_json).collect(),
            tags: name_tags(&t.name),
            propagating_vgws: super::hybrid::propagating_vgws_json(t),
        };
        out.place(&t.owner, &t.region).route_tables.push(j);
    }
}

fn side_json(side: &PeeringSide) -> VpcInfoJson {
    let v4: Vec<String> = side
        .cidrs
        .iter()
        .filter(|c| matches!(c, IpNet::V4(_)))
        .map(s)
        .collect();
    VpcInfoJson {
        vpc_id: Some(s(&side.vpc)),
        owner_id: Some(s(&side.owner)),
        region: Some(s(&side.region)),
        cidr_block: v4.first().cloned(),
        cidr_block_set: v4
            .into_iter()
            .map(|cidr_block| CidrBlockJson { cidr_block })
            .collect(),
        ipv6_cidr_block_set: side
            .cidrs
            .iter()
            .filter(|c| matches!(c, IpNet::V6(_)))
            .map(|c| Ipv6CidrBlockJson {
                ipv6_cidr_block: s(c),
            })
            .collect(),
    }
}

fn peerings(out: &mut Out) {
    for p in out.estate.peerings.values() {
        let code = p.status.name().to_string();
        let j = PeeringJson {
            vpc_peering_connection_id: s(&p.id),
            requester_vpc_info: Some(side_json(&p.requester)),
            accepter_vpc_info: Some(side_json(&p.accepter)),
            status: Some(PeeringStatusJson { code, message: None }),
            tags: name_tags(&p.name),
        };
        let sides: Vec<Key> = [&p.requester, &p.accepter]
            .into_iter()
            .map(|x| (x.owner.clone(), x.region.clone()))
            .filter(|k| out.docs.contains_key(k))
            .collect();
        if sides.is_empty() {
            out.place(&p.requester.owner, &p.requester.region)
                .vpc_peering_connections
                .push(j);
        } else {
            let mut seen: Vec<&Key> = Vec::new();
            for k in &sides {
                if !seen.contains(&k) {
                    seen.push(k);
                    out.exact(&k.0, &k.1).vpc_peering_connections.push(j.clone());
                }
            }
        }
    }
}

fn gateways(out: &mut Out) {
    for g in out.estate.internet_gateways.values() {
        let j = InternetGatewayJson {
            internet_gateway_id: s(&g.id),
            owner_id: Some(s(&g.owner)),
            attachments: g
                .attached_vpc
                .iter()
                .map(|v| IgwAttachmentJson {
                    state: Some("available".into()),
                    vpc_id: Some(s(v)),
                })
                .collect(),
            tags: name_tags(&g.name),
        };
        out.place(&g.owner, &g.region).internet_gateways.push(j);
    }
    for n in out.estate.nat_gateways.values() {
        let address = NatAddressJson {
            network_interface_id: n.eni.as_ref().map(s),
            private_ip: n.private_ip.as_ref().map(s),
            public_ip: n.public_ip.as_ref().map(s),
        };
        let has_address = address.network_interface_id.is_some()
            || address.private_ip.is_some()
            || address.public_ip.is_some();
        let j = NatGatewayJson {
            nat_gateway_id: s(&n.id),
            vpc_id: s(&n.vpc),
            subnet_id: s(&n.subnet),
            state: Some(n.state.clone()),
            connectivity_type: Some(if n.public { "public" } else { "private" }.into()),
            nat_gateway_addresses: if has_address { vec![address] } else { Vec::new() },
            tags: name_tags(&n.name),
        };
        // describe-nat-gateways has no OwnerId: the document's account is the owner.
        out.exact(&n.owner, &n.region).nat_gateways.push(j);
    }
}

fn endpoints_and_lists(out: &mut Out) {
    for x in out.estate.endpoints.values() {
        let j = VpcEndpointJson {
            vpc_endpoint_id: s(&x.id),
            vpc_endpoint_type: Some(
                match x.kind {
                    EndpointKind::Gateway => "Gateway",
                    EndpointKind::Interface => "Interface",
                    EndpointKind::GatewayLoadBalancer => "GatewayLoadBalancer",
                }
                .into(),
            ),
            vpc_id: s(&x.vpc),
            service_name: x.service_name.clone(),
            state: Some(x.state.clone()),
            route_table_ids: x.route_tables.iter().map(s).collect(),
            subnet_ids: x.subnets.iter().map(s).collect(),
            network_interface_ids: x.enis.iter().map(s).collect(),
            groups: x.security_groups.iter().map(group).collect(),
            private_dns_enabled: Some(x.private_dns_enabled),
            owner_id: Some(s(&x.owner)),
            tags: name_tags(&x.name),
        };
        out.place(&x.owner, &x.region).vpc_endpoints.push(j);
    }
    for p in out.estate.prefix_lists.values() {
        let j = PrefixListJson {
            prefix_list_id: s(&p.id),
            prefix_list_name: p.name.clone(),
            cidrs: p.cidrs.iter().map(s).collect(),
        };
        let account = out.any_account(&p.region);
        out.place(&account, &p.region).prefix_lists.push(j);
    }
}

fn group(id: &SgId) -> GroupJson {
    GroupJson {
        group_id: s(id),
        group_name: None,
    }
}

fn instances_and_enis(out: &mut Out) {
    for i in out.estate.instances.values() {
        let j = InstanceJson {
            instance_id: s(&i.id),
            subnet_id: Some(s(&i.subnet)),
            vpc_id: Some(s(&i.vpc)),
            private_ip_address: i.private_ip.as_ref().map(s),
            public_ip_address: i.public_ip.as_ref().map(s),
            network_interfaces: i
                .enis
                .iter()
                .enumerate()
                .map(|(k, e)| InstanceEniJson {
                    network_interface_id: s(e),
                    attachment: Some(DeviceAttachmentJson {
                        device_index: Some(k as i64),
                    }),
                    // The instance's IPv6 addresses are its primary interface's.
                    ipv6_addresses: if k == 0 {
                        ipv6_json(&i.ipv6_addresses)
                    } else {
                        Vec::new()
                    },
                })
                .collect(),
            security_groups: i.security_groups.iter().map(group).collect(),
            state: Some(InstanceStateJson {
                name: Some(i.state.clone()),
            }),
            tags: name_tags(&i.name),
            // Without a network interface to list them under, the primary IPv6 address only.
            ipv6_address: i.ipv6_addresses.first().filter(|_| i.enis.is_empty()).map(s),
        };
        let r = ReservationJson {
            owner_id: Some(s(&i.owner)),
            reservation_id: None,
            instances: vec![j],
        };
        out.place(&i.owner, &i.region).reservations.push(r);
    }
    for e in out.estate.enis.values() {
        let public = || {
            e.public_ip.as_ref().map(|ip| PublicIpJson {
                public_ip: Some(s(ip)),
            })
        };
        let j = EniJson {
            network_interface_id: s(&e.id),
            owner_id: Some(s(&e.owner)),
            vpc_id: s(&e.vpc),
            subnet_id: s(&e.subnet),
            availability_zone: Some(e.availability_zone.clone()).filter(|z| !z.is_empty()),
            private_ip_address: e.private_ips.first().map(s),
            private_ip_addresses: e
                .private_ips
                .iter()
                .enumerate()
                .map(|(k, ip)| PrivateIpJson {
                    primary: Some(k == 0),
                    private_ip_address: s(ip),
                    association: if k == 0 { public() } else { None },
                })
                .collect(),
            association: public(),
            groups: e.security_groups.iter().map(group).collect(),
            interface_type: Some(e.interface_type.clone()),
            attachment: e.instance.as_ref().map(|i| EniAttachmentJson {
                instance_id: Some(s(i)),
                device_index: None,
            }),
            description: Some(e.description.clone()),
            ipv6_addresses: ipv6_json(&e.ipv6_addresses),
        };
        out.place(&e.owner, &e.region).network_interfaces.push(j);
    }
}

fn sg_protocol(p: Protocol) -> String {
    match p {
        Protocol::All => "-1".into(),
        Protocol::Tcp => "tcp".into(),
        Protocol::Udp => "udp".into(),
        Protocol::Icmp => "icmp".into(),
        Protocol::Number(n) => n.to_string(),
    }
}

/// The order import reads a permission's peers in.
fn peer_rank(p: &SgPeer) -> u8 {
    match p {
        SgPeer::Cidr(IpNet::V4(_)) => 0,
        SgPeer::Cidr(IpNet::V6(_)) => 1,
        SgPeer::PrefixList(_) => 2,
        SgPeer::Group { .. } => 3,
    }
}

/// Rules back into `IpPermissions`, consecutive rules with one protocol and port range sharing
/// a permission as AWS prints them, in an order import reads back identically.
fn permissions(rules: &[SgRule]) -> Vec<IpPermissionJson> {
    let mut perms: Vec<(IpPermissionJson, u8)> = Vec::new();
    for r in rules {
        let rank = peer_rank(&r.peer);
        let fits = perms.last().is_some_and(|(p, last)| {
            p.ip_protocol.0 == sg_protocol(r.protocol)
                && p.from_port == r.from_port
                && p.to_port == r.to_port
                && rank >= *last
        });
        if !fits {
            perms.push((
                IpPermissionJson {
                    ip_protocol: Text(sg_protocol(r.protocol)),
                    from_port: r.from_port,
                    to_port: r.to_port,
                    ..Default::default()
                },
                rank,
            ));
        }
        let Some((p, last)) = perms.last_mut() else {
            continue;
        };
        *last = rank;
        let description = r.description.clone();
        match &r.peer {
            SgPeer::Cidr(IpNet::V4(n)) => p.ip_ranges.push(IpRangeJson {
                cidr_ip: s(n),
                description,
            }),
            SgPeer::Cidr(IpNet::V6(n)) => p.ipv6_ranges.push(Ipv6RangeJson {
                cidr_ipv6: s(n),
                description,
            }),
            SgPeer::PrefixList(id) => p.prefix_list_ids.push(PrefixListIdJson {
                prefix_list_id: s(id),
                description,
            }),
            SgPeer::Group { id, owner } => p.user_id_group_pairs.push(GroupPairJson {
                group_id: s(id),
                user_id: owner.as_ref().map(s),
                description,
            }),
        }
    }
    perms.into_iter().map(|(p, _)| p).collect()
}

fn security(out: &mut Out) {
    for g in out.estate.security_groups.values() {
        let j = SecurityGroupJson {
            group_id: s(&g.id),
            group_name: g.name.clone(),
            description: g.description.clone(),
            owner_id: Some(s(&g.owner)),
            vpc_id: s(&g.vpc),
            ip_permissions: permissions(&g.ingress),
            ip_permissions_egress: permissions(&g.egress),
        };
        out.place(&g.owner, &g.region).security_groups.push(j);
    }
    for a in out.estate.network_acls.values() {
        let entries = a
            .entries
            .iter()
            .map(|e| {
                let (cidr_block, ipv6_cidr_block) = match e.cidr {
                    IpNet::V4(n) => (Some(s(&n)), None),
                    IpNet::V6(n) => (None, Some(s(&n))),
                };
                AclEntryJson {
                    rule_number: e.rule_number,
                    egress: e.egress,
                    rule_action: if e.allow { "allow" } else { "deny" }.into(),
                    protocol: Text(e.protocol.number()),
                    cidr_block,
                    ipv6_cidr_block,
                    port_range: e.ports.map(|(from, to)| PortRangeJson { from, to }),
                    icmp_type_code: e.icmp.map(|(kind, code)| IcmpJson { kind, code }),
                }
            })
            .collect();
        let j = NetworkAclJson {
            network_acl_id: s(&a.id),
            vpc_id: s(&a.vpc),
            owner_id: Some(s(&a.owner)),
            is_default: Some(a.is_default),
            associations: a
                .subnets
                .iter()
                .map(|x| AclAssociationJson { subnet_id: s(x) })
                .collect(),
            entries,
            tags: name_tags(&a.name),
        };
        out.place(&a.owner, &a.region).network_acls.push(j);
    }
}

fn attachment_json(a: &TgwAttachment) -> TgwAttachmentJson {
    TgwAttachmentJson {
        transit_gateway_attachment_id: s(&a.id),
        transit_gateway_id: s(&a.tgw),
        transit_gateway_owner_id: Some(s(&a.tgw_owner)),
        resource_type: Some(a.resource_type.clone()),
        resource_id: Some(a.resource_id.clone()),
        resource_owner_id: Some(s(&a.resource_owner)),
        state: Some(a.state.clone()),
        association: a.association.as_ref().map(|r| TgwAssociationJson {
            transit_gateway_route_table_id: Some(s(r)),
            state: Some("associated".into()),
        }),
        tags: name_tags(&a.name),
    }
}

fn transit(out: &mut Out) {
    let e = out.estate;
    for t in e.transit_gateways.values() {
        let flag = |on: bool| Some(if on { "enable" } else { "disable" }.to_string());
        let j = TransitGatewayJson {
            transit_gateway_id: s(&t.id),
            owner_id: Some(s(&t.owner)),
            state: Some(t.state.clone()),
            transit_gateway_arn: Some(format!(
                "arn:aws:ec2:{}:{}:transit-gateway/{}",
                t.region, t.owner, t.id
            )),
            options: Some(TgwOptionsJson {
                association_default_route_table_id: t.default_association.as_ref().map(s),
                propagation_default_route_table_id: t.default_propagation.as_ref().map(s),
                default_route_table_association: flag(t.default_association.is_some()),
                default_route_table_propagation: flag(t.default_propagation.is_some()),
            }),
            tags: name_tags(&t.name),
        };
        out.place(&t.owner, &t.region).transit_gateways.push(j);
    }
    for a in e.tgw_attachments.values().chain(e.tgw_peering_ends.values()) {
        let doc = out.place(&a.tgw_owner, &a.region);
        doc.transit_gateway_attachments.push(attachment_json(a));
        if a.resource_type == "vpc" {
            doc.transit_gateway_vpc_attachments.push(TgwVpcAttachmentJson {
                transit_gateway_attachment_id: s(&a.id),
                transit_gateway_id: s(&a.tgw),
                vpc_id: a.resource_id.clone(),
                vpc_owner_id: Some(s(&a.resource_owner)),
                state: Some(a.state.clone()),
                subnet_ids: a.subnets.iter().map(s).collect(),
                options: a.ipv6_support.then(|| TgwVpcAttachmentOptionsJson {
                    ipv6_support: Some("enable".into()),
                }),
                tags: name_tags(&a.name),
            });
        }
    }
    for t in e.tgw_route_tables.values() {
        let owner = match e.transit_gateways.get(&t.tgw) {
            Some(g) => g.owner.clone(),
            None => out.any_account(&t.region),
        };
        let j = TgwRouteTableJson {
            transit_gateway_route_table_id: s(&t.id),
            transit_gateway_id: s(&t.tgw),
            default_association_route_table: Some(t.default_association),
            default_propagation_route_table: Some(t.default_propagation),
            state: Some("available".into()),
            tags: name_tags(&t.name),
        };
        let propagations = TgwPropagationsJson {
            transit_gateway_route_table_id: s(&t.id),
            transit_gateway_route_table_propagations: t
                .propagations
                .iter()
                .map(|p| {
                    let a = e
                        .tgw_attachment_at(p, &t.tgw)
                        .or_else(|| e.tgw_attachments.get(p));
                    TgwPropagationJson {
                        transit_gateway_attachment_id: s(p),
                        resource_id: a.map(|a| a.resource_id.clone()),
                        resource_type: a.map(|a| a.resource_type.clone()),
                        state: Some("enabled".into()),
                    }
                })
                .collect(),
        };
        let routes = tgw_routes(e, t);
        let doc = out.place(&owner, &t.region);
        doc.transit_gateway_route_tables.push(j);
        if !propagations.transit_gateway_route_table_propagations.is_empty() {
            doc.transit_gateway_propagations.push(propagations);
        }
        doc.transit_gateway_route_table_routes.insert(s(&t.id), routes);
    }
}

/// What `search-transit-gateway-routes` would print: the stored routes, then one propagated
/// route per CIDR of each propagating VPC attachment's VPC.
fn tgw_routes(e: &Estate, t: &TgwRouteTable) -> Vec<TgwRouteJson> {
    let attachment = |id: &TgwAttachmentId| {
        let a = e
            .tgw_attachment_at(id, &t.tgw)
            .or_else(|| e.tgw_attachments.get(id));
        TgwRouteAttachmentJson {
            resource_id: a.map(|a| a.resource_id.clone()),
            resource_type: a.map(|a| a.resource_type.clone()),
            transit_gateway_attachment_id: Some(s(id)),
        }
    };
    let mut routes: Vec<TgwRouteJson> = t
        .routes
        .iter()
        .map(|r| {
            let (destination_cidr_block, prefix_list_id) = match &r.destination {
                Destination::Cidr(c) => (Some(s(c)), None),
                Destination::PrefixList(p) => (None, Some(s(p))),
            };
            TgwRouteJson {
                destination_cidr_block,
                prefix_list_id,
                transit_gateway_attachments: r.attachment.iter().map(attachment).collect(),
                kind: Some(if r.propagated { "propagated" } else { "static" }.into()),
                state: Some(route_state(r.state)),
            }
        })
        .collect();
    for p in &t.propagations {
        let a = e
            .tgw_attachment_at(p, &t.tgw)
            .or_else(|| e.tgw_attachments.get(p));
        let Some(a) = a.filter(|a| a.resource_type == "vpc") else {
            continue;
        };
        let Some(vpc) = e.vpcs.get(&VpcId(a.resource_id.clone())) else {
            continue;
        };
        let cidrs = vpc.cidrs.iter().map(s).chain(vpc.ipv6_cidrs.iter().map(s));
        for cidr in cidrs {
            routes.push(TgwRouteJson {
                destination_cidr_block: Some(cidr),
                prefix_list_id: None,
                transit_gateway_attachments: vec![attachment(p)],
                kind: Some("propagated".into()),
                state: Some("active".into()),
            });
        }
    }
    routes
}

// ---- IPv6 (issue 13) ----

fn ipv6_json(addresses: &[std::net::Ipv6Addr]) -> Vec<Ipv6AddressJson> {
    addresses
        .iter()
        .map(|a| Ipv6AddressJson {
            ipv6_address: s(a),
            is_primary_ipv6: None,
        })
        .collect()
}

fn ipv6_resources(out: &mut Out) {
    for g in out.estate.egress_only_internet_gateways.values() {
        let j = EgressOnlyInternetGatewayJson {
            egress_only_internet_gateway_id: s(&g.id),
            attachments: g
                .attached_vpc
                .iter()
                .map(|v| IgwAttachmentJson {
                    state: Some("attached".into()),
                    vpc_id: Some(s(v)),
                })
                .collect(),
            tags: name_tags(&g.name),
        };
        // No OwnerId in describe-egress-only-internet-gateways: the document's account owns it.
        out.exact(&g.owner, &g.region)
            .egress_only_internet_gateways
            .push(j);
    }
}

impl super::hybrid::Place for Out<'_> {
    fn place(&mut self, owner: &AccountId, region: &Region) -> &mut Document {
        Out::place(self, owner, region)
    }

    fn exact(&mut self, account: &AccountId, region: &Region) -> &mut Document {
        Out::exact(self, account, region)
    }
}
