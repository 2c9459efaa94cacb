//! Documents → [`Estate`]: convert every object of each document (its account and region told by
//! `identify.rs`), and keep each fact once, merging what several documents say about one id.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::convert::{self, DocOrigin};
use super::identify::{document_groups, identify, Group, Part};
use super::json::*;
use super::{managed, ImportError};
use crate::model::*;

/// Imports documents of the AWS CLI's `describe-*` JSON. Each value is one document (one account
/// and region: the merged top-level keys of the outputs) or an array of documents; the string
/// names its source for error messages.
///
/// The region of a document is its top-level `Region` key, else its subnets' availability
/// zones; the account is its `AccountId` key, else the `OwnerId`s it lists. Objects listed in
/// several documents (a peering seen by both accounts, a shared subnet) are kept once.
/// Subnets listed by an account other than their owner are shared with it ("Share your VPC with
/// other accounts", Amazon VPC User Guide). CIDR blocks with host bits set are refused.
///
/// # Examples
/// ```
/// use vpclab_core::aws::import_documents;
/// let doc = serde_json::json!({
///     "Vpcs": [{"VpcId": "vpc-1", "OwnerId": "111122223333", "CidrBlock": "10.0.0.0/16"}],
///     "Subnets": [{"SubnetId": "subnet-1", "VpcId": "vpc-1", "OwnerId": "111122223333",
///                  "AvailabilityZone": "us-east-1a", "CidrBlock": "10.0.1.0/24"}]});
/// let estate = import_documents(&[("lab.json".into(), doc)]).unwrap();
/// assert_eq!(estate.subnets.values().next().unwrap().region.as_str(), "us-east-1");
///
/// let bad = serde_json::json!({"Vpcs": [{"VpcId": 7}]});
/// let err = import_documents(&[("lab.json".into(), bad)]).unwrap_err();
/// assert_eq!(err.json_path, "$.Vpcs[0].VpcId");
/// ```
pub fn import_documents(docs: &[(String, Value)]) -> Result<Estate, ImportError> {
    let mut groups = Vec::new();
    for (file, value) in docs {
        groups.extend(document_groups(file, value)?);
    }
    build(groups)
}

/// Everything import learns, kept until all documents are read.
#[derive(Default)]
struct Builder {
    e: Estate,
    /// Peering sides whose region or owner was not given: (pcx, is requester, region?, owner?).
    guessed_sides: Vec<(PcxId, bool, bool, bool)>,
    /// Attachments made from `TransitGatewayVpcAttachments` alone: their TGW owner is a guess.
    guessed_tgw_owner: BTreeSet<TgwAttachmentId>,
    /// The attachment ends (id, transit gateway) whose type a listing stated (see
    /// [`Builder::add_attachment`]).
    typed_attachments: BTreeSet<(TgwAttachmentId, TgwId)>,
    /// Peering sides' given region and owner, with where they were given: checked against the
    /// side's VPC once every document is read.
    given_sides: Vec<GivenSide>,
}

/// A peering side's `Region` and `OwnerId` as one document gives them.
struct GivenSide {
    vpc: VpcId,
    region: Option<Region>,
    owner: Option<AccountId>,
    file: String,
    /// `$.VpcPeeringConnections[0].RequesterVpcInfo`
    path: String,
    pcx: PcxId,
}

pub(super) fn build(groups: Vec<Group>) -> Result<Estate, ImportError> {
    let mut b = Builder::default();
    let mut identities = Vec::new();
    for g in &groups {
        let (account, region) = identify(g)?;
        b.e.documents.insert((account.clone(), region.clone()));
        identities.push((account, region));
        for part in &g.parts {
            let c = ctx(part, &identities[identities.len() - 1]);
            b.resources(&c, &part.doc)?;
        }
        for part in &g.parts {
            let c = ctx(part, &identities[identities.len() - 1]);
            b.tgw_attachments(&c, &part.doc)?;
        }
    }
    for (g, id) in groups.iter().zip(&identities) {
        for part in &g.parts {
            b.tgw_routes(&ctx(part, id), &part.doc)?;
        }
    }
    b.check_sides()?;
    b.settle();
    Ok(b.e)
}

fn ctx<'a>(part: &'a Part, id: &(AccountId, Region)) -> DocOrigin<'a> {
    DocOrigin {
        file: &part.file,
        prefix: &part.prefix,
        account: id.0.clone(),
        region: id.1.clone(),
    }
}

/// Inserts `new`, or merges it into what another document said about the same id.
fn upsert<K: Ord, V>(map: &mut BTreeMap<K, V>, key: K, new: V, merge: impl FnOnce(&mut V, V)) {
    match map.get_mut(&key) {
        Some(old) => merge(old, new),
        None => {
            map.insert(key, new);
        }
    }
}

fn fill<T>(old: &mut Option<T>, new: Option<T>) {
    if old.is_none() {
        *old = new;
    }
}

fn fill_vec<T>(old: &mut Vec<T>, new: Vec<T>) {
    if old.is_empty() {
        *old = new;
    }
}

fn union<T: PartialEq>(old: &mut Vec<T>, new: Vec<T>) {
    for x in new {
        if !old.contains(&x) {
            old.push(x);
        }
    }
}

impl Builder {
    fn resources(&mut self, c: &DocOrigin, d: &Document) -> Result<(), ImportError> {
        let e = &mut self.e;
        for (i, v) in d.vpcs.iter().enumerate() {
            let v = convert::vpc(c, i, v)?;
            upsert(&mut e.vpcs, v.id.clone(), v, |o, n| {
                fill(&mut o.name, n.name);
                fill_vec(&mut o.cidrs, n.cidrs);
                fill_vec(&mut o.ipv6_cidrs, n.ipv6_cidrs);
            });
        }
        for (i, s) in d.subnets.iter().enumerate() {
            let s = convert::subnet(c, i, s)?;
            upsert(&mut e.subnets, s.id.clone(), s, |o, n| {
                fill(&mut o.name, n.name);
                o.shared_with.extend(n.shared_with);
                // Listed again under another OwnerId: never shared with its own owner.
                o.shared_with.remove(&o.owner);
            });
        }
        for (i, t) in d.route_tables.iter().enumerate() {
            let t = convert::route_table(c, i, t)?;
            upsert(&mut e.route_tables, t.id.clone(), t, |o, n| {
                fill(&mut o.name, n.name);
                o.main |= n.main;
                union(&mut o.subnets, n.subnets);
                fill_vec(&mut o.routes, n.routes);
            });
        }
        for (i, p) in d.vpc_peering_connections.iter().enumerate() {
            let (p, sides) = convert::peering(c, i, p)?;
            // `describe-vpc-peering-connections` lists, in an account and region, the peerings
            // with a side there ("VPC peering connection lifecycle", Amazon VPC Peering Guide):
            // one with no side of the document's account in its region is refused (export would
            // write it into a document of its own, which this one is not).
            let (req, acc) = (&p.requester, &p.accepter);
            let here = |x: &PeeringSide| x.owner == c.account && x.region == c.region;
            let elsewhere = (!here(req) && !here(acc)).then(|| {
                format!(
                    "its requester is account {} in {} and its accepter account {} in {}, but this \
                     document is for account {} in {}",
                    req.owner, req.region, acc.owner, acc.region, c.account, c.region
                )
            });
            if let Some(why) = elsewhere {
                return Err(c.err(
                    &format!("VpcPeeringConnections[{i}]"),
                    "INVALID_VALUE",
                    format!(
                        "peering {} cannot be listed here: {why}; an account and region list only \
                         the peerings with a side (RequesterVpcInfo or AccepterVpcInfo) of that \
                         account in that region",
                        p.id
                    ),
                    Some(&p.id.0),
                ));
            }
            for (requester, s) in [true, false].into_iter().zip(&sides) {
                if !s.region_given || !s.owner_given {
                    self.guessed_sides
                        .push((p.id.clone(), requester, !s.region_given, !s.owner_given));
                }
                let key = if requester {
                    "RequesterVpcInfo"
                } else {
                    "AccepterVpcInfo"
                };
                self.given_sides.push(GivenSide {
                    vpc: s.side.vpc.clone(),
                    region: s.region_given.then(|| s.side.region.clone()),
                    owner: s.owner_given.then(|| s.side.owner.clone()),
                    file: c.file.to_string(),
                    path: format!("{}.VpcPeeringConnections[{i}].{key}", c.prefix),
                    pcx: p.id.clone(),
                });
            }
            let [req, acc] = sides;
            upsert(&mut e.peerings, p.id.clone(), p, |o, n| {
                fill(&mut o.name, n.name);
                for (old, new, seen) in [
                    (&mut o.requester, n.requester, req),
                    (&mut o.accepter, n.accepter, acc),
                ] {
                    fill_vec(&mut old.cidrs, new.cidrs);
                    if seen.region_given {
                        old.region = new.region;
                    }
                    if seen.owner_given {
                        old.owner = new.owner;
                    }
                }
            });
        }
        for g in &d.internet_gateways {
            let g = convert::internet_gateway(c, g);
            upsert(&mut e.internet_gateways, g.id.clone(), g, |o, n| {
                fill(&mut o.name, n.name);
                fill(&mut o.attached_vpc, n.attached_vpc);
            });
        }
        for (i, n) in d.nat_gateways.iter().enumerate() {
            let n = convert::nat_gateway(c, i, n)?;
            upsert(&mut e.nat_gateways, n.id.clone(), n, |o, n| {
                fill(&mut o.name, n.name);
                fill(&mut o.public_ip, n.public_ip);
                fill(&mut o.private_ip, n.private_ip);
                fill(&mut o.eni, n.eni);
            });
        }
        for (i, x) in d.vpc_endpoints.iter().enumerate() {
            let x = convert::endpoint(c, i, x)?;
            upsert(&mut e.endpoints, x.id.clone(), x, |o, n| {
                fill(&mut o.name, n.name);
                fill_vec(&mut o.route_tables, n.route_tables);
                fill_vec(&mut o.subnets, n.subnets);
                fill_vec(&mut o.enis, n.enis);
            });
        }
        for (i, p) in d.prefix_lists.iter().enumerate() {
            let p = convert::prefix_list(c, i, p)?;
            upsert(&mut e.prefix_lists, p.id.clone(), p, |o, n| {
                fill_vec(&mut o.cidrs, n.cidrs)
            });
        }
        for (i, r) in d.reservations.iter().enumerate() {
            for (k, n) in r.instances.iter().enumerate() {
                if let Some(n) = convert::instance(c, i, k, &r.owner_id, n)? {
                    upsert(&mut e.instances, n.id.clone(), n, |o, n| {
                        fill(&mut o.name, n.name);
                        fill(&mut o.public_ip, n.public_ip);
                        fill_vec(&mut o.enis, n.enis);
                    });
                }
            }
        }
        for (i, x) in d.network_interfaces.iter().enumerate() {
            let x = convert::eni(c, i, x)?;
            upsert(&mut e.enis, x.id.clone(), x, |o, n| {
                fill(&mut o.public_ip, n.public_ip);
                fill(&mut o.instance, n.instance);
            });
        }
        for (i, g) in d.security_groups.iter().enumerate() {
            let g = convert::security_group(c, i, g)?;
            upsert(&mut e.security_groups, g.id.clone(), g, |_, _| {});
        }
        for (i, a) in d.network_acls.iter().enumerate() {
            let a = convert::network_acl(c, i, a)?;
            upsert(&mut e.network_acls, a.id.clone(), a, |o, n| {
                union(&mut o.subnets, n.subnets)
            });
        }
        for t in &d.transit_gateways {
            let t = convert::transit_gateway(c, t);
            upsert(&mut e.transit_gateways, t.id.clone(), t, |o, n| {
                fill(&mut o.name, n.name);
                fill(&mut o.default_association, n.default_association);
                fill(&mut o.default_propagation, n.default_propagation);
            });
        }
        for t in &d.transit_gateway_route_tables {
            let t = convert::tgw_route_table(c, t);
            upsert(&mut e.tgw_route_tables, t.id.clone(), t, |o, n| {
                fill(&mut o.name, n.name)
            });
        }
        super::hybrid::import(e, c, d)?;
        self.ipv6_resources(c, d);
        Ok(())
    }

    /// IPv6 (issue 13): egress-only internet gateways.
    fn ipv6_resources(&mut self, c: &DocOrigin, d: &Document) {
        for g in &d.egress_only_internet_gateways {
            let g = convert::egress_only_internet_gateway(c, g);
            upsert(
                &mut self.e.egress_only_internet_gateways,
                g.id.clone(),
                g,
                |o, n| {
                    fill(&mut o.name, n.name);
                    fill(&mut o.attached_vpc, n.attached_vpc);
                },
            );
        }
    }

    /// Adds one end of an attachment, listed at `at` (`TransitGatewayAttachments[2]`);
    /// `type_given` says whether the listing states its type (a `ResourceType`, or a
    /// `TransitGatewayVpcAttachments` entry, which is a VPC attachment by definition).
    ///
    /// A TGW peering attachment has one id and two ends (one per transit gateway); the end on
    /// the transit gateway with the smaller id is kept in `tgw_attachments`, the other in
    /// `tgw_peering_ends`. Any other attachment belongs to one transit gateway, so an id on two
    /// transit gateways whose listings are not both `ResourceType` `peering` is refused, as is
    /// an id on a third transit gateway ("Transit gateway peering attachments", Amazon VPC
    /// Transit Gateways). Two listings of one attachment that state different types are refused
    /// too: a `TransitGatewayVpcAttachments` entry is for a `vpc` attachment only ("Transit
    /// gateway attachments to a VPC", Amazon VPC Transit Gateways).
    fn add_attachment(
        &mut self,
        c: &DocOrigin,
        at: &str,
        a: TgwAttachment,
        owner_given: bool,
        type_given: bool,
    ) -> Result<(), ImportError> {
        let e = &mut self.e;
        let key = (a.id.clone(), a.tgw.clone());
        let same_end = match e.tgw_attachments.get_mut(&a.id).filter(|o| o.tgw == a.tgw) {
            Some(old) => Some(old),
            None => e.tgw_peering_ends.get_mut(&a.id).filter(|o| o.tgw == a.tgw),
        };
        if let Some(old) = same_end {
            let old_typed = self.typed_attachments.contains(&key);
            if type_given && old_typed && old.resource_type != a.resource_type {
                let (vpc_entry, other) = if at.starts_with("TransitGatewayVpcAttachments") {
                    (true, &old.resource_type)
                } else {
                    (old.resource_type == "vpc", &a.resource_type)
                };
                let problem = if vpc_entry {
                    format!(
                        "attachment {} of transit gateway {} is listed in TransitGatewayVpcAttachments, \
                         which holds VPC attachments only, but TransitGatewayAttachments gives it the \
                         ResourceType '{other}'; a TransitGatewayVpcAttachments entry needs an attachment \
                         of ResourceType \"vpc\"",
                        a.id, a.tgw
                    )
                } else {
                    format!(
                        "attachment {} of transit gateway {} is listed twice with different types, \
                         '{}' and '{}'; one attachment has one ResourceType",
                        a.id, a.tgw, old.resource_type, a.resource_type
                    )
                };
                return Err(c.err(at, "INVALID_VALUE", problem, Some(&a.id.0)));
            }
            if type_given && !old_typed {
                old.resource_type = a.resource_type.clone();
                self.typed_attachments.insert(key);
            }
            if owner_given && self.guessed_tgw_owner.remove(&a.id) {
                old.tgw_owner = a.tgw_owner.clone();
            }
            fill(&mut old.name, a.name);
            fill(&mut old.association, a.association);
            fill_vec(&mut old.subnets, a.subnets);
            old.ipv6_support |= a.ipv6_support;
            return Ok(());
        }
        if type_given {
            self.typed_attachments.insert(key);
        }
        let Some(main) = e.tgw_attachments.get(&a.id) else {
            if !owner_given {
                self.guessed_tgw_owner.insert(a.id.clone());
            }
            e.tgw_attachments.insert(a.id.clone(), a);
            return Ok(());
        };
        if let Some(end) = e.tgw_peering_ends.get(&a.id) {
            return Err(c.err(
                at,
                "INVALID_VALUE",
                format!(
                    "attachment {} is listed on three transit gateways, {}, {} and {}; a transit gateway \
                     peering attachment has two ends (one per transit gateway) and any other attachment \
                     belongs to one transit gateway",
                    a.id, main.tgw, end.tgw, a.tgw
                ),
                Some(&a.id.0),
            ));
        }
        if main.resource_type != "peering" || a.resource_type != "peering" {
            return Err(c.err(
                at,
                "INVALID_VALUE",
                format!(
                    "attachment {} is listed on two transit gateways, {} (ResourceType '{}') and {} \
                     (ResourceType '{}'); only a transit gateway peering attachment (ResourceType \
                     \"peering\" on both) has an end on each of two transit gateways, any other \
                     attachment belongs to one",
                    a.id, main.tgw, main.resource_type, a.tgw, a.resource_type
                ),
                Some(&a.id.0),
            ));
        }
        if a.tgw < main.tgw {
            if let Some(main) = e.tgw_attachments.insert(a.id.clone(), a) {
                e.tgw_peering_ends.insert(main.id.clone(), main);
            }
        } else {
            e.tgw_peering_ends.insert(a.id.clone(), a);
        }
        Ok(())
    }

    fn tgw_attachments(&mut self, c: &DocOrigin, d: &Document) -> Result<(), ImportError> {
        for (i, a) in d.transit_gateway_attachments.iter().enumerate() {
            let owner_given = a.transit_gateway_owner_id.is_some();
            let type_given = a.resource_type.is_some();
            let at = format!("TransitGatewayAttachments[{i}]");
            self.add_attachment(c, &at, convert::tgw_attachment(c, a), owner_given, type_given)?;
        }
        for (i, v) in d.transit_gateway_vpc_attachments.iter().enumerate() {
            let a = TgwAttachment {
                id: TgwAttachmentId(v.transit_gateway_attachment_id.clone()),
                tgw: TgwId(v.transit_gateway_id.clone()),
                tgw_owner: c.account.clone(),
                region: c.region.clone(),
                resource_type: "vpc".into(),
                resource_id: v.vpc_id.clone(),
                resource_owner: AccountId(v.vpc_owner_id.clone().unwrap_or_else(|| c.account.0.clone())),
                subnets: v.subnet_ids.iter().cloned().map(SubnetId).collect(),
                state: v.state.clone().unwrap_or_else(|| "available".into()),
                association: None,
                name: name_of(&v.tags),
                ipv6_support: v
                    .options
                    .as_ref()
                    .and_then(|o| o.ipv6_support.as_deref())
                    .is_some_and(|x| x.eq_ignore_ascii_case("enable")),
            };
            self.add_attachment(c, &format!("TransitGatewayVpcAttachments[{i}]"), a, false, true)?;
        }
        Ok(())
    }

    /// TGW propagations and routes, once every document's route tables and attachments are known.
    ///
    /// VPC, VPN, Direct Connect gateway and Connect attachments propagate routes into a table
    /// ("Transit gateway route tables", Amazon VPC Transit Gateways); a VPC attachment's
    /// propagated routes follow from its VPC's CIDRs, the others' (learned over BGP) are kept as
    /// stored routes of `Type` `propagated`. A transit gateway peering attachment does not
    /// propagate: its routes are static ("Add a route to a transit gateway route table using AWS
    /// Transit Gateway", Amazon VPC Transit Gateways), so a propagation from one, or a propagated
    /// route to one, is refused.
    fn tgw_routes(&mut self, c: &DocOrigin, d: &Document) -> Result<(), ImportError> {
        for (i, w) in d.transit_gateway_propagations.iter().enumerate() {
            let at = format!("TransitGatewayPropagations[{i}].TransitGatewayRouteTableId");
            let tgw = self.table(c, &at, &w.transit_gateway_route_table_id)?.tgw.clone();
            for (j, p) in w.transit_gateway_route_table_propagations.iter().enumerate() {
                let id = TgwAttachmentId(p.transit_gateway_attachment_id.clone());
                let kind = self
                    .e
                    .tgw_attachment_at(&id, &tgw)
                    .or_else(|| self.e.tgw_attachments.get(&id))
                    .map(|a| a.resource_type.as_str())
                    .or(p.resource_type.as_deref());
                let enabled = matches!(p.state.as_deref(), None | Some("enabled" | "enabling"));
                if enabled && kind == Some("peering") {
                    return Err(c.err(
                        &format!("TransitGatewayPropagations[{i}].TransitGatewayRouteTablePropagations[{j}]"),
                        "INVALID_VALUE",
                        format!(
                            "{id} is a transit gateway peering attachment, which does not propagate routes; \
                             route to it with static routes (TransitGatewayStaticRoutes) and propagate only \
                             vpc, vpn, direct-connect-gateway or connect attachments"
                        ),
                        Some(&w.transit_gateway_route_table_id),
                    ));
                }
                let table = self.table(c, &at, &w.transit_gateway_route_table_id)?;
                if enabled {
                    union(
                        &mut table.propagations,
                        vec![TgwAttachmentId(p.transit_gateway_attachment_id.clone())],
                    );
                }
            }
        }
        let wrapped = d.transit_gateway_static_routes.iter().enumerate().map(|(i, w)| {
            (
                format!("TransitGatewayStaticRoutes[{i}]"),
                &w.transit_gateway_route_table_id,
                &w.routes,
            )
        });
        let keyed = d
            .transit_gateway_route_table_routes
            .iter()
            .map(|(id, routes)| (format!("TransitGatewayRouteTableRoutes.{id}"), id, routes));
        let lists: Vec<_> = wrapped.chain(keyed).collect();
        for (at, id, routes) in lists {
            let id_path = if at.starts_with("TransitGatewayStaticRoutes") {
                format!("{at}.TransitGatewayRouteTableId")
            } else {
                at.clone()
            };
            self.table(c, &id_path, id)?;
            let mut converted = Vec::new();
            for (j, r) in routes.iter().enumerate() {
                let kind_of =
                    |a: &TgwAttachmentId| self.e.tgw_attachments.get(a).map(|a| a.resource_type.clone());
                let route_path = if at.starts_with("TransitGatewayStaticRoutes") {
                    format!("{at}.Routes[{j}]")
                } else {
                    format!("{at}[{j}]")
                };
                converted.extend(convert::tgw_route(c, &route_path, r, id, kind_of)?);
            }
            let table = self.table(c, &id_path, id)?;
            for (route, propagation) in converted {
                match propagation {
                    Some(a) => union(&mut table.propagations, vec![a]),
                    None => union(&mut table.routes, vec![route]),
                }
            }
        }
        Ok(())
    }

    fn table(&mut self, c: &DocOrigin, at: &str, id: &str) -> Result<&mut TgwRouteTable, ImportError> {
        self.e
            .tgw_route_tables
            .get_mut(&TgwRouteTableId(id.to_string()))
            .ok_or_else(|| {
                c.err(
                    at,
                    "UNKNOWN_RESOURCE",
                    format!(
                        "transit gateway route table {id} is not in any document's TransitGatewayRouteTables"
                    ),
                    Some(id),
                )
            })
    }

    /// A peering side names its VPC's region and owner: when the estate has that VPC, they
    /// must agree with the VPC's own (one fact, kept once; its export would say otherwise).
    /// Except in a `failed` peering: AWS keeps what the request said, and a wrong peer owner or
    /// region is why it failed ("VPC peering connection lifecycle", Amazon VPC Peering Guide).
    fn check_sides(&self) -> Result<(), ImportError> {
        for g in &self.given_sides {
            let failed = self
                .e
                .peerings
                .get(&g.pcx)
                .is_some_and(|p| p.status == PeeringStatus::Failed);
            let Some(v) = self.e.vpcs.get(&g.vpc).filter(|_| !failed) else {
                continue;
            };
            let wrong = [
                (
                    "Region",
                    g.region.as_ref().map(|r| &r.0),
                    &v.region.0,
                    "is in region",
                ),
                (
                    "OwnerId",
                    g.owner.as_ref().map(|o| &o.0),
                    &v.owner.0,
                    "is owned by",
                ),
            ]
            .into_iter()
            .find(|(_, given, actual, _)| given.is_some_and(|g| g != *actual));
            if let Some((key, Some(given), actual, relation)) = wrong {
                return Err(ImportError {
                    file: g.file.clone(),
                    json_path: format!("{}.{key}", g.path),
                    problem: format!("'{given}' disagrees with the VPC: {} {relation} {actual}", g.vpc),
                    code: "INVALID_VALUE",
                    resource: Some(g.pcx.0.clone()),
                });
            }
        }
        Ok(())
    }

    /// What only all documents together tell: guessed peering sides and TGW owners, and the
    /// AWS-managed prefix lists that routes, endpoints and rules refer to.
    fn settle(&mut self) {
        let e = &mut self.e;
        for (pcx, requester, region, owner) in std::mem::take(&mut self.guessed_sides) {
            let Some(p) = e.peerings.get_mut(&pcx) else {
                continue;
            };
            let side = if requester {
                &mut p.requester
            } else {
                &mut p.accepter
            };
            if let Some(v) = e.vpcs.get(&side.vpc) {
                if region {
                    side.region = v.region.clone();
                }
                if owner {
                    side.owner = v.owner.clone();
                }
            }
        }
        for id in std::mem::take(&mut self.guessed_tgw_owner) {
            if let Some(a) = e.tgw_attachments.get_mut(&id) {
                if let Some(t) = e.transit_gateways.get(&a.tgw) {
                    a.tgw_owner = t.owner.clone();
                }
            }
        }
        let mut wanted: Vec<(Region, PrefixListId)> = Vec::new();
        for t in e.route_tables.values() {
            for r in &t.routes {
                if let Destination::PrefixList(p) = &r.destination {
                    wanted.push((t.region.clone(), p.clone()));
                }
            }
        }
        for g in e.security_groups.values() {
            for r in g.ingress.iter().chain(&g.egress) {
                if let SgPeer::PrefixList(p) = &r.peer {
                    wanted.push((g.region.clone(), p.clone()));
                }
            }
        }
        let mut wanted: Vec<PrefixList> = wanted
            .into_iter()
            .filter(|(_, id)| !e.prefix_lists.contains_key(id))
            .filter_map(|(region, id)| managed::by_id(&region, &id))
            .collect();
        wanted.extend(
            e.endpoints
                .values()
                .filter(|x| x.kind == EndpointKind::Gateway)
                .filter_map(|x| managed::by_name(&x.service_name))
                .filter(|p| !e.prefix_lists.contains_key(&p.id)),
        );
        for p in wanted {
            e.prefix_lists.entry(p.id.clone()).or_insert(p);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by the `share_state` fuzz target: an ACL protocol written `01` was kept as protocol
    /// number 1 and exported as ICMP, so a saved sandbox restored to another estate.
    #[test]
    fn a_protocol_number_is_its_named_protocol() {
        let doc = serde_json::json!({"AccountId": "111122223333", "Region": "us-east-1",
            "Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}],
            "NetworkAcls": [{"NetworkAclId": "acl-1", "VpcId": "vpc-1", "IsDefault": true, "Entries": [
                {"CidrBlock": "0.0.0.0/0", "Egress": false, "Protocol": "01", "RuleAction": "deny", "RuleNumber": 90},
                {"CidrBlock": "0.0.0.0/0", "Egress": false, "Protocol": "006", "RuleAction": "allow", "RuleNumber": 100}]}]});
        let e = crate::aws::import_documents(&[("lab.json".into(), doc)]).unwrap();
        let protocols: Vec<Protocol> = e
            .network_acls
            .values()
            .flat_map(|a| a.entries.iter().map(|x| x.protocol))
            .collect();
        assert_eq!(protocols, [Protocol::Icmp, Protocol::Tcp]);
        let docs: Vec<(String, Value)> = crate::aws::export(&e)
            .into_iter()
            .map(|d| ("x".into(), d))
            .collect();
        assert_eq!(crate::aws::import_documents(&docs).unwrap(), e);
    }

    /// Found by the `aws_documents` fuzz target: a peering side whose `Region` disagreed with its
    /// VPC's was imported, and its export then wrote a document for that region.
    #[test]
    fn a_peering_side_agrees_with_its_vpc() {
        let doc = |side_region: &str, side_owner: &str| {
            serde_json::json!({"AccountId": "111122223333", "Region": "us-east-2",
                "Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"},
                         {"VpcId": "vpc-2", "CidrBlock": "10.1.0.0/16"}],
                "VpcPeeringConnections": [{"VpcPeeringConnectionId": "pcx-1", "Status": {"Code": "active"},
                    "RequesterVpcInfo": {"VpcId": "vpc-1", "Region": "us-east-2", "OwnerId": "111122223333",
                                         "CidrBlock": "10.0.0.0/16"},
                    "AccepterVpcInfo": {"VpcId": "vpc-2", "Region": side_region, "OwnerId": side_owner,
                                        "CidrBlock": "10.1.0.0/16"}}]})
        };
        let failed = |region: &str, owner: &str| {
            let mut d = doc(region, owner);
            d["VpcPeeringConnections"][0]["Status"]["Code"] = "failed".into();
            d
        };
        let wrong_owner = failed("us-east-2", "444455556666");
        assert!(crate::aws::import_documents(&[("lab.json".into(), wrong_owner)]).is_ok());
        let cases = [
            ("us-east-2", "111122223333", None),
            ("us-east-1", "111122223333", Some(("Region", "us-east-2"))),
            ("us-east-2", "444455556666", Some(("OwnerId", "111122223333"))),
        ];
        for (region, owner, refused) in cases {
            let result = crate::aws::import_documents(&[("lab.json".into(), doc(region, owner))]);
            match refused {
                None => assert_eq!(result.unwrap().peerings.len(), 1),
                Some((key, actual)) => {
                    let err = result.unwrap_err();
                    let path = format!("$.VpcPeeringConnections[0].AccepterVpcInfo.{key}");
                    assert_eq!(
                        (err.json_path.as_str(), err.code),
                        (path.as_str(), "INVALID_VALUE")
                    );
                    assert!(
                        err.problem.contains("vpc-2") && err.problem.contains(actual),
                        "{}",
                        err.problem
                    );
                }
            }
        }
    }

    /// Found by the `aws_documents` fuzz target: a subnet listed twice, the second time under
    /// another `OwnerId`, was shared with its own owner, which export does not write.
    #[test]
    fn a_subnet_is_never_shared_with_its_owner() {
        let subnet = |owner: &str| {
            serde_json::json!({"SubnetId": "subnet-1", "VpcId": "vpc-1", "CidrBlock": "10.0.1.0/24",
                               "AvailabilityZone": "us-east-2a", "OwnerId": owner})
        };
        let doc = serde_json::json!({"AccountId": "111122223333", "Region": "us-east-2",
            "Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16", "OwnerId": "111122223333"}],
            "Subnets": [subnet("111122223333"), subnet("444455556666")]});
        let e = crate::aws::import_documents(&[("lab.json".into(), doc)]).unwrap();
        let s = e.subnets.values().next().unwrap();
        assert_eq!(s.owner.as_str(), "111122223333");
        assert!(s.shared_with.is_empty(), "{:?}", s.shared_with);
        let docs: Vec<(String, Value)> = crate::aws::export(&e)
            .into_iter()
            .map(|d| ("x".into(), d))
            .collect();
        assert_eq!(crate::aws::import_documents(&docs).unwrap(), e);
    }

    /// Found by the `share_state` fuzz target: a propagated route whose `ResourceType` said
    /// something else than its (VPC) attachment's type was kept as a stored route beside the
    /// propagation; export writes the estate's type, so the next import made it a propagation
    /// and the stored copy was lost. The attachment's own type decides.
    #[test]
    fn a_propagated_route_takes_its_attachments_type() {
        let doc = serde_json::json!({"AccountId": "111122223333", "Region": "us-east-1",
            "Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16", "OwnerId": "111122223333"}],
            "TransitGateways": [{"TransitGatewayId": "tgw-1", "OwnerId": "111122223333", "State": "available"}],
            "TransitGatewayAttachments": [{"TransitGatewayAttachmentId": "tgw-attach-1",
                "TransitGatewayId": "tgw-1", "ResourceId": "vpc-1", "ResourceType": "vpc",
                "ResourceOwnerId": "111122223333", "State": "available"}],
            "TransitGatewayRouteTables": [{"TransitGatewayRouteTableId": "tgw-rtb-1",
                "TransitGatewayId": "tgw-1", "State": "available"}],
            "TransitGatewayRouteTableRoutes": {"tgw-rtb-1": [{"DestinationCidrBlock": "10.0.0.0/16",
                "State": "active", "Type": "propagated", "TransitGatewayAttachments": [
                    {"ResourceId": "vpc-1", "ResourceType": "voc", "TransitGatewayAttachmentId": "tgw-attach-1"}]}]}});
        let e = crate::aws::import_documents(&[("lab.json".into(), doc)]).unwrap();
        let t = e.tgw_route_tables.values().next().unwrap();
        assert!(t.routes.is_empty(), "kept as a stored route: {:?}", t.routes);
        assert_eq!(t.propagations.len(), 1, "{:?}", t.propagations);
        let docs: Vec<(String, Value)> = crate::aws::export(&e)
            .into_iter()
            .map(|d| ("x".into(), d))
            .collect();
        assert_eq!(crate::aws::import_documents(&docs).unwrap(), e);
    }

    /// Two transit gateways with a route table each, for the attachment tests.
    fn two_tgws() -> Value {
        serde_json::json!({"AccountId": "111122223333", "Region": "us-east-1",
            "Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16", "OwnerId": "111122223333"}],
            "Subnets": [{"SubnetId": "subnet-1", "VpcId": "vpc-1", "CidrBlock": "10.0.1.0/24",
                "AvailabilityZone": "us-east-1a", "OwnerId": "111122223333"}],
            "TransitGateways": [
                {"TransitGatewayId": "tgw-1", "OwnerId": "111122223333", "State": "available"},
                {"TransitGatewayId": "tgw-2", "OwnerId": "111122223333", "State": "available"}],
            "TransitGatewayRouteTables": [
                {"TransitGatewayRouteTableId": "tgw-rtb-1", "TransitGatewayId": "tgw-1", "State": "available"},
                {"TransitGatewayRouteTableId": "tgw-rtb-2", "TransitGatewayId": "tgw-2", "State": "available"}]})
    }

    fn attachment(id: &str, tgw: &str, kind: Option<&str>) -> Value {
        let mut a = serde_json::json!({"TransitGatewayAttachmentId": id, "TransitGatewayId": tgw,
            "ResourceId": "vpc-1", "ResourceOwnerId": "111122223333", "State": "available"});
        if let Some(k) = kind {
            a["ResourceType"] = k.into();
        }
        a
    }

    fn round_trips(e: &Estate) {
        let docs: Vec<(String, Value)> = crate::aws::export(e)
            .into_iter()
            .map(|d| ("x".into(), d))
            .collect();
        assert_eq!(&crate::aws::import_documents(&docs).unwrap(), e);
    }

    /// Fuzz finding 9 (`aws_snapshot`, corpus `crash-peering-with-no-side-here`): a peering
    /// listed in a us-east-2 document with both sides in us-east-3 (their VPCs absent) was kept,
    /// and export wrote a us-east-3 document for it, so the re-import had one document more.
    #[test]
    fn a_peering_has_a_side_in_its_documents_account_and_region() {
        let side = |vpc: &str, owner: &str, region: &str| serde_json::json!({"VpcId": vpc, "OwnerId": owner, "Region": region, "CidrBlock": "10.0.0.0/16"});
        // (requester, accepter, refused, the word the message names)
        let cases = [
            (
                ("111122223333", "us-east-3"),
                ("111122223333", "us-east-3"),
                Some("us-east-3"),
            ),
            (
                ("444455556666", "us-east-2"),
                ("444455556666", "us-east-1"),
                Some("444455556666"),
            ),
            (
                ("111122223333", "us-east-3"),
                ("444455556666", "us-east-2"),
                Some("us-east-3"),
            ),
            (
                ("444455556666", "us-east-2"),
                ("111122223333", "us-east-1"),
                Some("444455556666"),
            ),
            (("111122223333", "us-east-2"), ("444455556666", "us-east-1"), None),
            (("444455556666", "us-east-1"), ("111122223333", "us-east-2"), None),
        ];
        for ((ro, rr), (ao, ar), refused) in cases {
            let doc = serde_json::json!({"AccountId": "111122223333", "Region": "us-east-2",
                "VpcPeeringConnections": [{"VpcPeeringConnectionId": "pcx-1",
                    "RequesterVpcInfo": side("vpc-1", ro, rr), "AccepterVpcInfo": side("vpc-2", ao, ar),
                    "Status": {"Code": "active"}}]});
            let result = crate::aws::import_documents(&[("lab.json".into(), doc)]);
            match refused {
                Some(word) => {
                    let err = result.unwrap_err();
                    assert_eq!(err.json_path, "$.VpcPeeringConnections[0]");
                    assert!(
                        err.problem.contains(word) && err.problem.contains("pcx-1"),
                        "{}",
                        err.problem
                    );
                }
                None => round_trips(&result.unwrap()),
            }
        }
    }

    /// Fuzz finding 5 (`aws_documents`, corpus `crash-tgw-attachment-not-vpc`): an attachment of
    /// `ResourceType` `rpc` kept the subnets of a `TransitGatewayVpcAttachments` entry with its
    /// id, which export writes for `vpc` attachments only. A VPC-attachment entry for an
    /// attachment of another type is refused, in whichever order the two are read.
    #[test]
    fn a_vpc_attachment_entry_needs_a_vpc_attachment() {
        let vpc_entry = serde_json::json!({"TransitGatewayAttachmentId": "tgw-attach-1",
            "TransitGatewayId": "tgw-1", "VpcId": "vpc-1", "SubnetIds": ["subnet-1"]});
        // (ResourceType, VPC entry in a second document, the refused path)
        let cases = [
            (Some("rpc"), false, Some("$.TransitGatewayVpcAttachments[0]")),
            (Some("vpn"), false, Some("$.TransitGatewayVpcAttachments[0]")),
            (
                Some("connect"),
                true,
                Some("$[1].TransitGatewayVpcAttachments[0]"),
            ),
            (Some("vpc"), false, None),
            (None, false, None),
            (None, true, None),
        ];
        for (kind, split, refused) in cases {
            let mut doc = two_tgws();
            doc["TransitGatewayAttachments"] = serde_json::json!([attachment("tgw-attach-1", "tgw-1", kind)]);
            let docs = if split {
                let second = serde_json::json!({"AccountId": "111122223333", "Region": "us-east-1",
                    "TransitGatewayVpcAttachments": [vpc_entry.clone()]});
                serde_json::json!([doc, second])
            } else {
                doc["TransitGatewayVpcAttachments"] = serde_json::json!([vpc_entry.clone()]);
                doc
            };
            let result = crate::aws::import_documents(&[("lab.json".into(), docs)]);
            match refused {
                Some(path) => {
                    let err = result.unwrap_err();
                    assert_eq!(
                        (err.json_path.as_str(), err.code),
                        (path, "INVALID_VALUE"),
                        "{kind:?}"
                    );
                    for word in [
                        "tgw-attach-1",
                        "TransitGatewayVpcAttachments",
                        "\"vpc\"",
                        kind.unwrap_or(""),
                    ] {
                        assert!(err.problem.contains(word), "{word} not in {}", err.problem);
                    }
                }
                None => {
                    let e = result.unwrap();
                    let a = &e.tgw_attachments[&TgwAttachmentId("tgw-attach-1".into())];
                    assert_eq!((a.resource_type.as_str(), a.subnets.len()), ("vpc", 1));
                    round_trips(&e);
                }
            }
        }
        let input = include_str!("../../../../fuzz/corpus/aws_documents/crash-tgw-attachment-not-vpc");
        let err =
            crate::aws::import_documents(&[("crash.json".into(), serde_json::from_str(input).unwrap())])
                .unwrap_err();
        assert_eq!(err.json_path, "$[0].TransitGatewayVpcAttachments[2]");
        assert!(err.problem.contains("'rpc'"), "{}", err.problem);
    }

    /// Fuzz finding 5, the routes: a VPN, Direct Connect gateway or Connect attachment
    /// propagates routes learned over BGP, kept as stored propagated routes and written back by
    /// export; a peering attachment does not propagate, so a propagation from it, or a
    /// propagated route to it, is refused.
    #[test]
    fn which_attachments_propagate() {
        for kind in ["vpn", "direct-connect-gateway", "connect", "peering"] {
            let mut doc = two_tgws();
            doc["TransitGatewayAttachments"] =
                serde_json::json!([attachment("tgw-attach-9", "tgw-1", Some(kind))]);
            let propagation = serde_json::json!([{"TransitGatewayRouteTableId": "tgw-rtb-1",
                "TransitGatewayRouteTablePropagations": [{"TransitGatewayAttachmentId": "tgw-attach-9",
                    "ResourceType": kind, "State": "enabled"}]}]);
            let route = serde_json::json!({"tgw-rtb-1": [{"DestinationCidrBlock": "192.0.2.0/24",
                "State": "active", "Type": "propagated", "TransitGatewayAttachments": [
                    {"ResourceType": kind, "TransitGatewayAttachmentId": "tgw-attach-9"}]}]});
            let mut both = doc.clone();
            both["TransitGatewayPropagations"] = propagation.clone();
            both["TransitGatewayRouteTableRoutes"] = route.clone();
            if kind == "peering" {
                let mut only_propagation = doc.clone();
                only_propagation["TransitGatewayPropagations"] = propagation;
                let mut only_route = doc;
                only_route["TransitGatewayRouteTableRoutes"] = route;
                for (d, path) in [
                    (
                        only_propagation,
                        "$.TransitGatewayPropagations[0].TransitGatewayRouteTablePropagations[0]",
                    ),
                    (only_route, "$.TransitGatewayRouteTableRoutes.tgw-rtb-1[0].Type"),
                ] {
                    let err = crate::aws::import_documents(&[("lab.json".into(), d)]).unwrap_err();
                    assert_eq!((err.json_path.as_str(), err.code), (path, "INVALID_VALUE"));
                    assert!(
                        err.problem.contains("tgw-attach-9") && err.problem.contains("static"),
                        "{}",
                        err.problem
                    );
                }
                continue;
            }
            let e = crate::aws::import_documents(&[("lab.json".into(), both)]).unwrap();
            let t = &e.tgw_route_tables[&TgwRouteTableId("tgw-rtb-1".into())];
            assert_eq!(
                t.propagations,
                vec![TgwAttachmentId("tgw-attach-9".into())],
                "{kind}"
            );
            assert_eq!(t.routes.len(), 1, "{kind}: {:?}", t.routes);
            assert!(t.routes[0].propagated, "{kind}");
            round_trips(&e);
        }
    }

    /// Fuzz finding 8 (`aws_documents`, corpus `crash-attachment-id-on-two-tgws-not-peering`):
    /// one attachment id on two transit gateways was taken for the two ends of a peering
    /// attachment whatever its type. Only `peering` listings may have two ends, and no
    /// attachment three.
    #[test]
    fn only_a_peering_attachment_has_two_ends() {
        let cases = [
            (Some("peering"), Some("peering"), None),
            (Some("peering"), Some("vpc"), Some("'vpc'")),
            (Some("rpc"), Some("vpc"), Some("'rpc'")),
            (Some("vpn"), Some("peering"), Some("'vpn'")),
            (None, Some("peering"), Some("'vpc'")),
        ];
        for (first, second, refused) in cases {
            let mut doc = two_tgws();
            doc["TransitGatewayAttachments"] = serde_json::json!([
                attachment("tgw-attach-7", "tgw-2", first),
                attachment("tgw-attach-7", "tgw-1", second)
            ]);
            let result = crate::aws::import_documents(&[("lab.json".into(), doc)]);
            match refused {
                Some(word) => {
                    let err = result.unwrap_err();
                    assert_eq!(
                        err.json_path, "$.TransitGatewayAttachments[1]",
                        "{first:?} {second:?}"
                    );
                    for w in ["tgw-attach-7", "tgw-1", "tgw-2", word, "\"peering\""] {
                        assert!(err.problem.contains(w), "{w} not in {}", err.problem);
                    }
                }
                None => {
                    let e = result.unwrap();
                    let id = TgwAttachmentId("tgw-attach-7".into());
                    assert_eq!(e.tgw_attachments[&id].tgw.0, "tgw-1");
                    assert_eq!(e.tgw_peering_ends[&id].tgw.0, "tgw-2");
                    round_trips(&e);
                }
            }
        }
        let mut three = two_tgws();
        three["TransitGateways"].as_array_mut().unwrap().push(
            serde_json::json!({"TransitGatewayId": "tgw-3", "OwnerId": "111122223333", "State": "available"}),
        );
        three["TransitGatewayAttachments"] = serde_json::json!([
            attachment("tgw-attach-7", "tgw-1", Some("peering")),
            attachment("tgw-attach-7", "tgw-2", Some("peering")),
            attachment("tgw-attach-7", "tgw-3", Some("peering"))
        ]);
        let err = crate::aws::import_documents(&[("lab.json".into(), three)]).unwrap_err();
        assert_eq!(err.json_path, "$.TransitGatewayAttachments[2]");
        assert!(
            err.problem.contains("three transit gateways") && err.problem.contains("tgw-3"),
            "{}",
            err.problem
        );

        let input =
            include_str!("../../../../fuzz/corpus/aws_documents/crash-attachment-id-on-two-tgws-not-peering");
        let err =
            crate::aws::import_documents(&[("crash.json".into(), serde_json::from_str(input).unwrap())])
                .unwrap_err();
        assert!(err.problem.contains("two transit gateways"), "{}", err.problem);
    }
}
