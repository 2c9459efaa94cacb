//! The actions as Terraform for the AWS provider (v5).
//!
//! Resource types and arguments are those of the Terraform Registry's AWS provider pages
//! (`aws_vpc_peering_connection`, `aws_vpc_peering_connection_accepter`, `aws_route`,
//! `aws_route_table`, `aws_route_table_association`, `aws_main_route_table_association`,
//! `aws_vpc`, `aws_vpc_ipv4_cidr_block_association`, `aws_subnet`, `aws_internet_gateway`,
//! `aws_internet_gateway_attachment`, `aws_eip`, `aws_nat_gateway`, `aws_vpc_endpoint`,
//! `aws_vpc_endpoint_route_table_association`, `aws_ec2_transit_gateway`,
//! `aws_ec2_transit_gateway_route_table`, `aws_ec2_transit_gateway_vpc_attachment`,
//! `aws_ec2_transit_gateway_vpc_attachment_accepter`,
//! `aws_ec2_transit_gateway_route_table_association`,
//! `aws_ec2_transit_gateway_route_table_propagation`, `aws_ec2_transit_gateway_route`,
//! `aws_ram_resource_share`, `aws_ram_resource_association`, `aws_ram_principal_association`,
//! `aws_security_group`, `aws_vpc_security_group_ingress_rule`,
//! `aws_vpc_security_group_egress_rule`, `aws_network_acl_rule`, `aws_instance`, the
//! `aws_ssm_parameter` and `aws_network_interface` data sources, and the `import` block of
//! Terraform 1.5).
//!
//! Terraform describes an end state, not a sequence: an action that undoes an earlier one of the
//! same log (delete a route the log created, disassociate an association it made) removes that
//! block, and with it the blocks that referred to it; changing what the log created (replace a
//! route's target, add a route table to an endpoint) changes the block. What cannot be said in
//! Terraform (deleting a resource of the start estate, which this configuration does not manage)
//! is a comment naming the action and the AWS CLI command that does it.

use std::collections::BTreeMap;

use super::hcl::{Block, Expr};
use super::*;
use crate::edit::Direction;

/// The actions as a Terraform configuration: a `terraform` block requiring the AWS provider, one
/// `provider "aws"` per account and region the actions are carried out in (the first one
/// unaliased; with several accounts, each names its CLI profile and allowed account), then the
/// resources, each preceded by a comment naming the action that made it. What the log creates is
/// referred to by address (`aws_vpc_peering_connection.pcx_1.id`), what was already there by its
/// literal id.
///
/// # Examples
/// ```
/// use vpclab_core::edit::{apply, Action};
/// use vpclab_core::export::terraform;
/// use vpclab_core::model::Estate;
///
/// let mut start = Estate::default();
/// let mut vpc = |cidr: &str| {
///     let a: Action = serde_json::from_value(serde_json::json!({"action": "create_vpc", "cidr": cidr})).unwrap();
///     apply(&mut start, &a).unwrap().created[0].clone()
/// };
/// let (a, b) = (vpc("10.1.0.0/16"), vpc("10.2.0.0/16"));
/// let request: Action = serde_json::from_value(serde_json::json!({
///     "action": "request_peering", "vpc": a, "peer_vpc": b
/// })).unwrap();
/// let hcl = terraform(&start, &[request]).unwrap();
/// assert!(hcl.contains("resource \"aws_vpc_peering_connection\" \"pcx_1\""));
/// assert!(hcl.contains(&format!("vpc_id = \"{a}\"")));
/// assert!(hcl.contains(&format!("peer_vpc_id = \"{b}\"")));
/// ```
pub fn terraform(start: &Estate, actions: &[Action]) -> Result<String, ExportError> {
    let replay = Replay::run(start, actions)?;
    let scopes = replay.scopes();
    let multi_account = accounts_of(&scopes).len() > 1;
    let mut tf = Config {
        replay: &replay,
        providers: BTreeMap::new(),
        provider_order: Vec::new(),
        multi_account,
        refs: BTreeMap::new(),
        counter: Counter::default(),
        items: Vec::new(),
        amis: BTreeMap::new(),
    };
    let default_scope = scopes.first().cloned().unwrap_or_else(|| Scope {
        account: AccountId::from(DEFAULT_ACCOUNT),
        region: start
            .documents
            .iter()
            .next()
            .map(|(_, r)| r.clone())
            .unwrap_or_else(|| Region::from(DEFAULT_REGION)),
    });
    tf.provider(&default_scope);
    for s in &scopes {
        tf.provider(s);
    }
    for step in replay.steps() {
        tf.step(&step);
    }
    Ok(tf.render(actions.len()))
}

/// One entry of the configuration: a block (with the key that later actions find it by) or
/// comment lines.
enum Item {
    Block { key: Option<String>, block: Block },
    Comment(Vec<String>),
}

/// The configuration being written.
struct Config<'r> {
    replay: &'r Replay<'r>,
    /// Scope → provider alias (`None` for the default provider).
    providers: BTreeMap<Scope, Option<String>>,
    provider_order: Vec<Scope>,
    multi_account: bool,
    /// Created id → the expression naming it.
    refs: BTreeMap<String, Expr>,
    counter: Counter,
    items: Vec<Item>,
    /// Provider alias → name of its AMI data source.
    amis: BTreeMap<Option<String>, String>,
}

impl Config<'_> {
    /// The alias of the provider for `scope`, adding a provider the first time.
    fn provider(&mut self, scope: &Scope) -> Option<String> {
        if let Some(alias) = self.providers.get(scope) {
            return alias.clone();
        }
        let alias = if self.providers.is_empty() {
            None
        } else if self.multi_account {
            Some(format!(
                "account_{}_{}",
                scope.account,
                scope.region.as_str().replace('-', "_")
            ))
        } else {
            Some(scope.region.as_str().replace('-', "_"))
        };
        self.providers.insert(scope.clone(), alias.clone());
        self.provider_order.push(scope.clone());
        alias
    }

    /// A resource block in `scope`'s provider.
    fn resource(&mut self, scope: &Scope, ty: &str, name: &str) -> Block {
        let b = Block::resource(ty, name);
        match self.provider(scope) {
            Some(alias) => b.with("provider", Expr::reference(format!("aws.{alias}"))),
            None => b,
        }
    }

    /// The expression for an id: its address when the log created it, else the literal id.
    fn id(&self, id: &str) -> Expr {
        let id = id.trim();
        self.refs.get(id).cloned().unwrap_or_else(|| Expr::str(id))
    }

    fn ids<T: std::fmt::Display>(&self, ids: &[T]) -> Expr {
        Expr::List(ids.iter().map(|i| self.id(&i.to_string())).collect())
    }

    fn push(&mut self, key: Option<String>, block: Block) {
        self.items.push(Item::Block { key, block });
    }

    fn note(&mut self, lines: Vec<String>) {
        self.items.push(Item::Comment(lines));
    }

    fn find(&self, key: &str) -> Option<&Block> {
        self.items.iter().find_map(|i| match i {
            Item::Block { key: Some(k), block } if k == key => Some(block),
            _ => None,
        })
    }

    fn find_mut(&mut self, key: &str) -> Option<&mut Block> {
        self.items.iter_mut().find_map(|i| match i {
            Item::Block { key: Some(k), block } if k == key => Some(block),
            _ => None,
        })
    }

    /// Removes the block found by `key` and every block that refers to a removed one; returns the
    /// removed addresses (empty when there is no such block).
    fn remove(&mut self, key: &str) -> Vec<String> {
        let Some(pos) = self
            .items
            .iter()
            .position(|i| matches!(i, Item::Block { key: Some(k), .. } if k == key))
        else {
            return Vec::new();
        };
        let mut removed = Vec::new();
        let mut queue = vec![pos];
        while let Some(p) = queue.pop() {
            let Item::Block { block, .. } = &self.items[p] else {
                continue;
            };
            let address = block.address();
            self.items[p] = Item::Comment(Vec::new());
            removed.push(address.clone());
            for (i, item) in self.items.iter().enumerate() {
                if let Item::Block { block, .. } = item {
                    if block.mentions(&address) && !queue.contains(&i) {
                        queue.push(i);
                    }
                }
            }
        }
        removed
    }

    /// Removes by key, noting what went; false when nothing matched.
    fn undo(&mut self, key: &str, step: &Step) -> bool {
        let removed = self.remove(key);
        if removed.is_empty() {
            return false;
        }
        self.note(vec![format!(
            "[{}] {}: {} — undoes what this configuration created, so these blocks are left out: {}",
            step.index,
            step.action.name(),
            step.applied.description,
            removed.join(", ")
        )]);
        true
    }

    /// The comment for an action without a Terraform equivalent.
    fn no_equivalent(&mut self, step: &Step, why: &str) {
        self.note(vec![
            format!(
                "[{}] {}: {}",
                step.index,
                step.action.name(),
                step.applied.description
            ),
            format!("no Terraform equivalent: {why}"),
        ]);
    }

    /// The first comment line of a block: the action it comes from.
    fn origin(step: &Step) -> String {
        format!(
            "[{}] {}: {}",
            step.index,
            step.action.name(),
            step.applied.description
        )
    }

    fn tags(name: &Option<String>) -> Option<Expr> {
        name.as_ref()
            .map(|n| Expr::Map(vec![("Name".into(), Expr::str(n.as_str()))]))
    }

    /// Binds a created id to `address.attribute`.
    fn bind(&mut self, id: &str, expr: String) {
        self.refs.insert(id.to_string(), Expr::reference(expr));
    }

    fn step(&mut self, step: &Step) {
        let s = step.scope.clone();
        let created = step.applied.created.clone();
        let origin = Self::origin(step);
        let warning = step
            .applied
            .warning
            .as_ref()
            .map(|w| format!("warning: {}", w.message));
        match step.action {
            Action::CreateRoute {
                route_table,
                destination,
                target,
                ..
            } => {
                let name = self.counter.next("route");
                let b = self
                    .resource(&s, "aws_route", &name)
                    .comment(origin)
                    .with("route_table_id", self.id(route_table.as_str()));
                let b = self.route_target(step, self.route_destination(b, destination), target);
                self.push(Some(route_key(route_table, destination)), b);
            }
            Action::ReplaceRoute {
                route_table,
                destination,
                target,
                ..
            } => {
                let key = route_key(route_table, destination);
                if let Some(b) = self.find(&key).cloned() {
                    let mut b = b;
                    for attr in TARGET_ATTRS {
                        b.remove(attr);
                    }
                    let b = self.route_target(step, b, target).comment(origin);
                    if let Some(slot) = self.find_mut(&key) {
                        *slot = b;
                    }
                } else if self.refs.contains_key(route_table.as_str()) {
                    self.no_equivalent(step, "the route is not one this configuration creates");
                } else {
                    let name = self.counter.next("route");
                    let b = self
                        .resource(&s, "aws_route", &name)
                        .comment(origin)
                        .comment("the route exists in the start estate: Terraform imports it, then sets its new target")
                        .with("route_table_id", self.id(route_table.as_str()));
                    let b = self.route_target(step, self.route_destination(b, destination), target);
                    let import = Block::new("import", &[])
                        .with("to", Expr::reference(b.address()))
                        .with(
                            "id",
                            Expr::str(format!("{}_{}", route_table.as_str().trim(), destination.trim())),
                        );
                    self.push(None, import);
                    self.push(Some(key), b);
                }
            }
            Action::DeleteRoute {
                route_table,
                destination,
                ..
            } => {
                if !self.undo(&route_key(route_table, destination), step) {
                    self.no_equivalent(step, "the route belongs to the start estate, which this configuration does not manage; delete it with aws ec2 delete-route");
                }
            }
            Action::CreateRouteTable { vpc, name, .. } => {
                let tf = self.counter.next("rtb");
                let b = self
                    .resource(&s, "aws_route_table", &tf)
                    .comment(origin)
                    .with("vpc_id", self.id(vpc.as_str()))
                    .with_opt("tags", Self::tags(name));
                self.bind(&created[0], format!("aws_route_table.{tf}.id"));
                self.push(Some(created[0].clone()), b);
            }
            Action::DeleteRouteTable { route_table, .. } => {
                if !self.undo(route_table.as_str(), step) {
                    self.no_equivalent(step, "the route table belongs to the start estate; delete it with aws ec2 delete-route-table");
                }
            }
            Action::AssociateRouteTable {
                route_table, subnet, ..
            } => {
                let name = self.counter.next("rtb_assoc");
                let b = self
                    .resource(&s, "aws_route_table_association", &name)
                    .comment(origin)
                    .with("subnet_id", self.id(subnet.as_str()))
                    .with("route_table_id", self.id(route_table.as_str()));
                self.push(Some(format!("assoc:{subnet}")), b);
            }
            Action::DisassociateRouteTable { subnet, .. } => {
                if !self.undo(&format!("assoc:{subnet}"), step) {
                    self.no_equivalent(step, "the association belongs to the start estate; remove it with aws ec2 disassociate-route-table");
                }
            }
            Action::ReplaceMainRouteTable { route_table, .. } => {
                let vpc = step
                    .before
                    .route_tables
                    .get(route_table)
                    .map(|rt| rt.vpc.to_string())
                    .unwrap_or_default();
                let key = format!("main:{vpc}");
                let rt = self.id(route_table.as_str());
                if let Some(b) = self.find_mut(&key) {
                    b.set("route_table_id", rt);
                    b.comments.push(origin);
                } else {
                    let name = self.counter.next("main_rtb");
                    let b = self
                        .resource(&s, "aws_main_route_table_association", &name)
                        .comment(origin)
                        .with("vpc_id", self.id(&vpc))
                        .with("route_table_id", rt);
                    self.push(Some(key), b);
                }
            }
            Action::RequestPeering {
                vpc, peer_vpc, name, ..
            } => {
                let tf = self.counter.next("pcx");
                let mut b = self
                    .resource(&s, "aws_vpc_peering_connection", &tf)
                    .comment(origin)
                    .with("vpc_id", self.id(vpc.as_str()))
                    .with("peer_vpc_id", self.id(peer_vpc.as_str()));
                if let Some(p) = step.after.peerings.get(&PcxId::from(created[0].as_str())) {
                    if p.accepter.owner != p.requester.owner {
                        b.set("peer_owner_id", Expr::str(p.accepter.owner.as_str()));
                    }
                    if p.accepter.region != p.requester.region {
                        b.set("peer_region", Expr::str(p.accepter.region.as_str()));
                    }
                }
                let mut b = b.with_opt("tags", Self::tags(name));
                if let Some(w) = warning {
                    b.comments.push(w);
                }
                self.bind(&created[0], format!("aws_vpc_peering_connection.{tf}.id"));
                self.push(Some(created[0].clone()), b);
            }
            Action::AcceptPeering { peering, .. } => self.accept_peering(step, peering),
            Action::RejectPeering { peering, .. } => {
                if !self.undo(peering.as_str(), step) {
                    self.no_equivalent(step, "Terraform has no resource that rejects a request; reject it with aws ec2 reject-vpc-peering-connection");
                }
            }
            Action::DeletePeering { peering, .. } => {
                if !self.undo(peering.as_str(), step) {
                    let accepter = self.remove(&format!("accepter:{peering}"));
                    let mut why = String::from("the peering belongs to the start estate; delete it with aws ec2 delete-vpc-peering-connection");
                    if !accepter.is_empty() {
                        why.push_str(&format!(" (left out: {})", accepter.join(", ")));
                    }
                    self.no_equivalent(step, &why);
                }
            }
            Action::CreateVpc { cidr, name, .. } => {
                let tf = self.counter.next("vpc");
                let b = self
                    .resource(&s, "aws_vpc", &tf)
                    .comment(origin)
                    .with("cidr_block", Expr::str(cidr.trim()))
                    .with_opt("tags", Self::tags(name));
                self.bind(&created[0], format!("aws_vpc.{tf}.id"));
                for (i, attr) in [
                    (1, "main_route_table_id"),
                    (2, "default_network_acl_id"),
                    (3, "default_security_group_id"),
                ] {
                    if let Some(id) = created.get(i) {
                        self.bind(id, format!("aws_vpc.{tf}.{attr}"));
                    }
                }
                self.push(Some(created[0].clone()), b);
            }
            Action::AddVpcCidr { vpc, cidr, .. } => {
                let name = self.counter.next("vpc_cidr");
                let b = self
                    .resource(&s, "aws_vpc_ipv4_cidr_block_association", &name)
                    .comment(origin)
                    .with("vpc_id", self.id(vpc.as_str()))
                    .with("cidr_block", Expr::str(cidr.trim()));
                self.push(Some(format!("cidr:{vpc}:{}", cidr.trim())), b);
            }
            Action::RemoveVpcCidr { vpc, cidr, .. } => {
                if !self.undo(&format!("cidr:{vpc}:{}", cidr.trim()), step) {
                    self.no_equivalent(step, "the CIDR block was associated in the start estate; remove it with aws ec2 disassociate-vpc-cidr-block");
                }
            }
            Action::ModifyVpcAttribute {
                vpc,
                enable_dns_support,
                enable_dns_hostnames,
                ..
            } => {
                if let Some(b) = self.find_mut(vpc.as_str()) {
                    if let Some(v) = enable_dns_support {
                        b.set("enable_dns_support", Expr::Bool(*v));
                    }
                    if let Some(v) = enable_dns_hostnames {
                        b.set("enable_dns_hostnames", Expr::Bool(*v));
                    }
                    b.comments.push(origin);
                } else {
                    self.no_equivalent(step, "the VPC belongs to the start estate, and VPC attributes are arguments of aws_vpc; set them with aws ec2 modify-vpc-attribute (or import the VPC)");
                }
            }
            Action::CreateSubnet {
                vpc,
                cidr,
                availability_zone,
                name,
                ..
            } => {
                let tf = self.counter.next("subnet");
                let mut b = self
                    .resource(&s, "aws_subnet", &tf)
                    .comment(origin)
                    .with("vpc_id", self.id(vpc.as_str()))
                    .with("cidr_block", Expr::str(cidr.trim()))
                    .with("availability_zone", Expr::str(availability_zone.trim()))
                    .with_opt("tags", Self::tags(name));
                // A subnet in a secondary CIDR the log associated waits for the association.
                if let Some(dep) = self.secondary_cidr_of(vpc, cidr) {
                    b.set("depends_on", Expr::List(vec![Expr::reference(dep)]));
                }
                self.bind(&created[0], format!("aws_subnet.{tf}.id"));
                self.push(Some(created[0].clone()), b);
            }
            Action::CreateInternetGateway { name, .. } => {
                let tf = self.counter.next("igw");
                let b = self
                    .resource(&s, "aws_internet_gateway", &tf)
                    .comment(origin)
                    .with_opt("tags", Self::tags(name));
                self.bind(&created[0], format!("aws_internet_gateway.{tf}.id"));
                self.push(Some(created[0].clone()), b);
            }
            Action::AttachInternetGateway {
                internet_gateway,
                vpc,
                ..
            } => {
                let name = self.counter.next("igw_attach");
                let b = self
                    .resource(&s, "aws_internet_gateway_attachment", &name)
                    .comment(origin)
                    .with("internet_gateway_id", self.id(internet_gateway.as_str()))
                    .with("vpc_id", self.id(vpc.as_str()));
                self.push(Some(format!("igw-attach:{internet_gateway}")), b);
            }
            Action::DetachInternetGateway { internet_gateway, .. } => {
                if !self.undo(&format!("igw-attach:{internet_gateway}"), step) {
                    self.no_equivalent(step, "the attachment belongs to the start estate; detach it with aws ec2 detach-internet-gateway");
                }
            }
            Action::CreateNatGateway {
                subnet,
                private,
                name,
                ..
            } => self.nat_gateway(step, subnet, *private, name),
            Action::DeleteNatGateway { nat_gateway, .. } => {
                let nat = self.undo(nat_gateway.as_str(), step);
                if !self.undo(&format!("eip:{nat_gateway}"), step) && !nat {
                    self.no_equivalent(step, "the NAT gateway belongs to the start estate; delete it with aws ec2 delete-nat-gateway");
                }
            }
            Action::CreateGatewayEndpoint {
                vpc,
                route_tables,
                name,
                ..
            } => {
                let tf = self.counter.next("vpce");
                let b = self
                    .resource(&s, "aws_vpc_endpoint", &tf)
                    .comment(origin)
                    .with("vpc_id", self.id(vpc.as_str()))
                    .with("service_name", Expr::str(service_name(step, &created[0])))
                    .with("vpc_endpoint_type", Expr::str("Gateway"))
                    .with("route_table_ids", self.ids(route_tables))
                    .with_opt("tags", Self::tags(name));
                self.bind(&created[0], format!("aws_vpc_endpoint.{tf}.id"));
                self.push(Some(created[0].clone()), b);
            }
            Action::CreateInterfaceEndpoint {
                vpc,
                subnets,
                security_groups,
                private_dns,
                name,
                ..
            } => {
                let tf = self.counter.next("vpce");
                let b = self
                    .resource(&s, "aws_vpc_endpoint", &tf)
                    .comment(origin)
                    .with("vpc_id", self.id(vpc.as_str()))
                    .with("service_name", Expr::str(service_name(step, &created[0])))
                    .with("vpc_endpoint_type", Expr::str("Interface"))
                    .with("subnet_ids", self.ids(subnets))
                    .with_opt(
                        "security_group_ids",
                        (!security_groups.is_empty()).then(|| self.ids(security_groups)),
                    )
                    .with("private_dns_enabled", Expr::Bool(*private_dns))
                    .with_opt("tags", Self::tags(name));
                let address = format!("aws_vpc_endpoint.{tf}");
                self.bind(&created[0], format!("{address}.id"));
                self.push(Some(created[0].clone()), b);
                self.interface_enis(step, subnets, "VPC Endpoint Interface ", &address);
            }
            Action::ModifyGatewayEndpoint {
                endpoint,
                add_route_tables,
                remove_route_tables,
                ..
            } => self.modify_endpoint(step, endpoint, add_route_tables, remove_route_tables),
            Action::DeleteEndpoint { endpoint, .. } => {
                if !self.undo(endpoint.as_str(), step) {
                    self.no_equivalent(step, "the endpoint belongs to the start estate; delete it with aws ec2 delete-vpc-endpoints");
                }
            }
            Action::CreateTransitGateway {
                default_association,
                default_propagation,
                name,
                ..
            } => {
                let tf = self.counter.next("tgw");
                let onoff = |b: bool| Expr::str(if b { "enable" } else { "disable" });
                let b = self
                    .resource(&s, "aws_ec2_transit_gateway", &tf)
                    .comment(origin)
                    .with("default_route_table_association", onoff(*default_association))
                    .with("default_route_table_propagation", onoff(*default_propagation))
                    .with_opt("tags", Self::tags(name));
                self.bind(&created[0], format!("aws_ec2_transit_gateway.{tf}.id"));
                if let Some(rt) = created.get(1) {
                    let attr = if *default_association {
                        "association_default_route_table_id"
                    } else {
                        "propagation_default_route_table_id"
                    };
                    self.bind(rt, format!("aws_ec2_transit_gateway.{tf}.{attr}"));
                }
                self.push(Some(created[0].clone()), b);
            }
            Action::CreateTransitGatewayRouteTable {
                transit_gateway,
                name,
                ..
            } => {
                let tf = self.counter.next("tgw_rtb");
                let b = self
                    .resource(&s, "aws_ec2_transit_gateway_route_table", &tf)
                    .comment(origin)
                    .with("transit_gateway_id", self.id(transit_gateway.as_str()))
                    .with_opt("tags", Self::tags(name));
                self.bind(
                    &created[0],
                    format!("aws_ec2_transit_gateway_route_table.{tf}.id"),
                );
                self.push(Some(created[0].clone()), b);
            }
            Action::CreateTransitGatewayAttachment {
                transit_gateway,
                vpc,
                subnets,
                name,
                ..
            } => self.tgw_attachment(step, transit_gateway, vpc, subnets, name),
            Action::AssociateTransitGatewayRouteTable {
                transit_gateway_route_table,
                transit_gateway_attachment,
                ..
            } => {
                let name = self.counter.next("tgw_assoc");
                let b = self
                    .resource(&s, "aws_ec2_transit_gateway_route_table_association", &name)
                    .comment(origin)
                    .with(
                        "transit_gateway_attachment_id",
                        self.id(transit_gateway_attachment.as_str()),
                    )
                    .with(
                        "transit_gateway_route_table_id",
                        self.id(transit_gateway_route_table.as_str()),
                    );
                self.push(Some(format!("tgw-assoc:{transit_gateway_attachment}")), b);
            }
            Action::DisassociateTransitGatewayRouteTable {
                transit_gateway_route_table,
                transit_gateway_attachment,
                ..
            } => {
                if !self.undo(&format!("tgw-assoc:{transit_gateway_attachment}"), step)
                    && !self.default_off(
                        step,
                        transit_gateway_attachment,
                        transit_gateway_route_table,
                        "transit_gateway_default_route_table_association",
                    )
                {
                    self.no_equivalent(step, "the association belongs to the start estate; remove it with aws ec2 disassociate-transit-gateway-route-table");
                }
            }
            Action::EnableTransitGatewayPropagation {
                transit_gateway_route_table,
                transit_gateway_attachment,
                ..
            } => {
                let name = self.counter.next("tgw_propagation");
                let b = self
                    .resource(&s, "aws_ec2_transit_gateway_route_table_propagation", &name)
                    .comment(origin)
                    .with(
                        "transit_gateway_attachment_id",
                        self.id(transit_gateway_attachment.as_str()),
                    )
                    .with(
                        "transit_gateway_route_table_id",
                        self.id(transit_gateway_route_table.as_str()),
                    );
                self.push(
                    Some(format!(
                        "tgw-prop:{transit_gateway_route_table}:{transit_gateway_attachment}"
                    )),
                    b,
                );
            }
            Action::DisableTransitGatewayPropagation {
                transit_gateway_route_table,
                transit_gateway_attachment,
                ..
            } => {
                let key = format!("tgw-prop:{transit_gateway_route_table}:{transit_gateway_attachment}");
                if !self.undo(&key, step)
                    && !self.default_off(
                        step,
                        transit_gateway_attachment,
                        transit_gateway_route_table,
                        "transit_gateway_default_route_table_propagation",
                    )
                {
                    self.no_equivalent(step, "the propagation belongs to the start estate; turn it off with aws ec2 disable-transit-gateway-route-table-propagation");
                }
            }
            Action::CreateTransitGatewayRoute {
                transit_gateway_route_table,
                destination,
                transit_gateway_attachment,
                blackhole,
                ..
            } => {
                let name = self.counter.next("tgw_route");
                let mut b = self
                    .resource(&s, "aws_ec2_transit_gateway_route", &name)
                    .comment(origin)
                    .with("destination_cidr_block", Expr::str(destination.trim()))
                    .with(
                        "transit_gateway_route_table_id",
                        self.id(transit_gateway_route_table.as_str()),
                    );
                match (transit_gateway_attachment, blackhole) {
                    (_, true) => b.set("blackhole", Expr::Bool(true)),
                    (Some(att), false) => b.set("transit_gateway_attachment_id", self.id(att.as_str())),
                    (None, false) => {}
                }
                self.push(
                    Some(format!(
                        "tgw-route:{transit_gateway_route_table}:{}",
                        destination.trim()
                    )),
                    b,
                );
            }
            Action::DeleteTransitGatewayRoute {
                transit_gateway_route_table,
                destination,
                ..
            } => {
                let key = format!("tgw-route:{transit_gateway_route_table}:{}", destination.trim());
                if !self.undo(&key, step) {
                    self.no_equivalent(step, "the route belongs to the start estate; delete it with aws ec2 delete-transit-gateway-route");
                }
            }
            Action::ShareSubnet {
                subnet, with_account, ..
            } => {
                let arn = match self.refs.get(subnet.as_str()) {
                    Some(Expr::Ref(r)) => Expr::reference(r.replace(".id", ".arn")),
                    _ => Expr::str(format!(
                        "arn:aws:ec2:{}:{}:subnet/{}",
                        s.region, s.account, subnet
                    )),
                };
                let comments = vec![
                    origin,
                    format!("outside an AWS Organization with resource sharing enabled, account {with_account} accepts the invitation (aws_ram_resource_share_accepter)"),
                ];
                self.share(
                    &s,
                    arn,
                    with_account,
                    comments,
                    format!("share:{subnet}:{with_account}"),
                );
            }
            Action::CreateSecurityGroup {
                vpc,
                name,
                description,
                ..
            } => {
                let tf = self.counter.next("sg");
                let description = if description.trim().is_empty() {
                    name.clone()
                } else {
                    description.clone()
                };
                let b = self
                    .resource(&s, "aws_security_group", &tf)
                    .comment(origin)
                    .with("name", Expr::str(name.as_str()))
                    .with("description", Expr::str(description))
                    .with("vpc_id", self.id(vpc.as_str()));
                self.bind(&created[0], format!("aws_security_group.{tf}.id"));
                self.push(Some(created[0].clone()), b);
                let egress = self
                    .resource(&s, "aws_vpc_security_group_egress_rule", &format!("{tf}_all_egress"))
                    .comment("AWS gives a new security group this allow-all outbound rule; Terraform removes it unless it is declared")
                    .with("security_group_id", Expr::reference(format!("aws_security_group.{tf}.id")))
                    .with("ip_protocol", Expr::str("-1"))
                    .with("cidr_ipv4", Expr::str("0.0.0.0/0"));
                let key = sg_rule_key(&created[0], Direction::Egress, "-1", None, None, "0.0.0.0/0");
                self.push(Some(key), egress);
            }
            Action::AddSecurityGroupRule {
                security_group,
                direction,
                protocol,
                from_port,
                to_port,
                cidr,
                peer_group,
                prefix_list,
                description,
                ..
            } => {
                let ty = match direction {
                    Direction::Ingress => "aws_vpc_security_group_ingress_rule",
                    Direction::Egress => "aws_vpc_security_group_egress_rule",
                };
                let proto = protocol_name(protocol);
                let name = self.counter.next("sg_rule");
                let mut b = self
                    .resource(&s, ty, &name)
                    .comment(origin)
                    .with("security_group_id", self.id(security_group.as_str()))
                    .with("ip_protocol", Expr::str(proto.as_str()));
                let (from, to) = rule_ports(&proto, *from_port, *to_port);
                if let (Some(f), Some(t)) = (from, to) {
                    b.set("from_port", Expr::Int(f));
                    b.set("to_port", Expr::Int(t));
                }
                let peer = if let Some(c) = cidr {
                    let attr = if dest_kind(c) == DestKind::Ipv6 {
                        "cidr_ipv6"
                    } else {
                        "cidr_ipv4"
                    };
                    b.set(attr, Expr::str(c.trim()));
                    c.trim().to_string()
                } else if let Some(g) = peer_group {
                    b.set("referenced_security_group_id", self.id(g.as_str()));
                    let owner = |id: &SgId| step.before.security_groups.get(id).map(|x| x.owner.clone());
                    if let Some(o) = owner(g).filter(|o| Some(o) != owner(security_group).as_ref()) {
                        b.comments
                            .push(format!("{g} belongs to account {o} (a peered VPC)"));
                    }
                    g.to_string()
                } else if let Some(p) = prefix_list {
                    b.set("prefix_list_id", Expr::str(p.as_str()));
                    p.to_string()
                } else {
                    String::new()
                };
                let b = b.with_opt("description", description.as_ref().map(|d| Expr::str(d.as_str())));
                let key = sg_rule_key(security_group.as_str(), *direction, &proto, from, to, &peer);
                self.push(Some(key), b);
            }
            Action::RemoveSecurityGroupRule {
                security_group,
                direction,
                protocol,
                from_port,
                to_port,
                cidr,
                peer_group,
                prefix_list,
                ..
            } => {
                let proto = protocol_name(protocol);
                let (from, to) = rule_ports(&proto, *from_port, *to_port);
                let peer = cidr
                    .as_ref()
                    .map(|c| c.trim().to_string())
                    .or_else(|| peer_group.as_ref().map(|g| g.to_string()))
                    .or_else(|| prefix_list.as_ref().map(|p| p.to_string()))
                    .unwrap_or_default();
                let key = sg_rule_key(security_group.as_str(), *direction, &proto, from, to, &peer);
                if !self.undo(&key, step) {
                    self.no_equivalent(step, "the rule belongs to the start estate; revoke it with aws ec2 revoke-security-group-ingress (or -egress)");
                }
            }
            Action::AddNetworkAclEntry {
                network_acl,
                rule_number,
                egress,
                protocol,
                rule_action,
                cidr,
                from_port,
                to_port,
                icmp_type,
                icmp_code,
                ..
            } => {
                let number = protocol_number(protocol);
                let name = self.counter.next("acl_rule");
                let mut b = self
                    .resource(&s, "aws_network_acl_rule", &name)
                    .comment(origin)
                    .with("network_acl_id", self.id(network_acl.as_str()))
                    .with("rule_number", Expr::Int(*rule_number))
                    .with("egress", Expr::Bool(*egress))
                    .with("protocol", Expr::str(number.as_str()))
                    .with("rule_action", Expr::str(rule_action.trim().to_ascii_lowercase()));
                let attr = if dest_kind(cidr) == DestKind::Ipv6 {
                    "ipv6_cidr_block"
                } else {
                    "cidr_block"
                };
                b.set(attr, Expr::str(cidr.trim()));
                match number.as_str() {
                    "6" | "17" => {
                        if let (Some(f), Some(t)) = (from_port, to_port) {
                            b.set("from_port", Expr::Int(*f));
                            b.set("to_port", Expr::Int(*t));
                        }
                    }
                    "1" => {
                        b.set("icmp_type", Expr::Int(icmp_type.unwrap_or(-1)));
                        b.set("icmp_code", Expr::Int(icmp_code.unwrap_or(-1)));
                    }
                    _ => {}
                }
                self.push(Some(format!("acl:{network_acl}:{rule_number}:{egress}")), b);
            }
            Action::RemoveNetworkAclEntry {
                network_acl,
                rule_number,
                egress,
                ..
            } => {
                if !self.undo(&format!("acl:{network_acl}:{rule_number}:{egress}"), step) {
                    self.no_equivalent(step, "the entry belongs to the start estate; delete it with aws ec2 delete-network-acl-entry");
                }
            }
            Action::LaunchInstance {
                subnet,
                private_ip,
                public_ip,
                security_groups,
                name,
                ..
            } => self.instance(step, subnet, private_ip, *public_ip, security_groups, name),
        }
    }

    /// `destination_cidr_block`, `destination_ipv6_cidr_block` or `destination_prefix_list_id`.
    fn route_destination(&self, b: Block, destination: &str) -> Block {
        let d = destination.trim();
        let attr = match dest_kind(d) {
            DestKind::PrefixList => "destination_prefix_list_id",
            DestKind::Ipv6 => "destination_ipv6_cidr_block",
            DestKind::Ipv4 => "destination_cidr_block",
        };
        b.with(attr, Expr::str(d))
    }

    /// The target argument of `aws_route` by the id's kind. An instance is reached through its
    /// primary network interface (`aws_route` takes no instance id in provider v5).
    fn route_target(&mut self, step: &Step, b: Block, target: &str) -> Block {
        let t = target.trim();
        if t == "local" {
            return b.with("gateway_id", Expr::str("local"));
        }
        let attr = match kind_of(t) {
            "nat" => "nat_gateway_id",
            "pcx" => "vpc_peering_connection_id",
            "vpce" => "vpc_endpoint_id",
            "tgw" => "transit_gateway_id",
            "eni" | "instance" => "network_interface_id",
            _ => "gateway_id",
        };
        if kind_of(t) != "instance" {
            return b.with(attr, self.id(t));
        }
        let eni = step
            .before
            .instances
            .get(&InstanceId::from(t))
            .and_then(|i| i.enis.first())
            .map(|n| self.id(n.as_str()));
        match eni {
            Some(e) => b.with(attr, e),
            None => {
                let name = self.counter.next("instance");
                let data = Block::new("data", &["aws_instance", &name]).with("instance_id", Expr::str(t));
                let address = data.address();
                self.push(None, data);
                b.with(attr, Expr::reference(format!("{address}.network_interface_id")))
            }
        }
    }

    /// The address of the `aws_vpc_ipv4_cidr_block_association` of this log whose block holds
    /// `cidr`, if any.
    fn secondary_cidr_of(&self, vpc: &VpcId, cidr: &str) -> Option<String> {
        let net: ipnet::IpNet = cidr.trim().parse().ok()?;
        let prefix = format!("cidr:{vpc}:");
        self.items.iter().find_map(|i| match i {
            Item::Block { key: Some(k), block } if k.starts_with(&prefix) => {
                let block_net: ipnet::IpNet = k[prefix.len()..].parse().ok()?;
                block_net.contains(&net).then(|| block.address())
            }
            _ => None,
        })
    }

    fn accept_peering(&mut self, step: &Step, peering: &PcxId) {
        let s = step.scope.clone();
        let origin = Self::origin(step);
        let same_side = step.before.peerings.get(peering).is_some_and(|p| {
            p.requester.owner == p.accepter.owner && p.requester.region == p.accepter.region
        });
        if same_side {
            if let Some(b) = self.find_mut(peering.as_str()) {
                // One account, one region: the requester accepts its own request.
                b.set("auto_accept", Expr::Bool(true));
                b.comments.push(origin);
                return;
            }
        }
        let tf = match self.refs.get(peering.as_str()) {
            Some(Expr::Ref(r)) => r
                .trim_start_matches("aws_vpc_peering_connection.")
                .trim_end_matches(".id")
                .to_string(),
            _ => self.counter.next("pcx_accept"),
        };
        let b = self
            .resource(&s, "aws_vpc_peering_connection_accepter", &tf)
            .comment(origin)
            .with("vpc_peering_connection_id", self.id(peering.as_str()))
            .with("auto_accept", Expr::Bool(true));
        // Routes through the peering wait for the acceptance.
        self.bind(
            peering.as_str(),
            format!("aws_vpc_peering_connection_accepter.{tf}.id"),
        );
        self.push(Some(format!("accepter:{peering}")), b);
    }

    fn nat_gateway(&mut self, step: &Step, subnet: &SubnetId, private: bool, name: &Option<String>) {
        let s = step.scope.clone();
        let created = &step.applied.created;
        let tf = self.counter.next("nat");
        let mut b = self
            .resource(&s, "aws_nat_gateway", &tf)
            .comment(Self::origin(step))
            .with("subnet_id", self.id(subnet.as_str()));
        if private {
            b.set("connectivity_type", Expr::str("private"));
        } else {
            let eip = self
                .resource(&s, "aws_eip", &tf)
                .comment(format!("the Elastic IP of {}", created[0]))
                .with("domain", Expr::str("vpc"));
            self.push(Some(format!("eip:{}", created[0])), eip);
            b.set("allocation_id", Expr::reference(format!("aws_eip.{tf}.id")));
            // A public NAT gateway needs its VPC's internet gateway attached first.
            let vpc = step.before.subnets.get(subnet).map(|x| x.vpc.clone());
            let igw = vpc
                .and_then(|v| step.before.internet_gateway_of(&v))
                .map(|g| g.id.to_string());
            if let Some(dep) = igw.and_then(|g| self.find(&format!("igw-attach:{g}")).map(Block::address)) {
                b.set("depends_on", Expr::List(vec![Expr::reference(dep)]));
            }
        }
        let b = b.with_opt("tags", Self::tags(name));
        self.bind(&created[0], format!("aws_nat_gateway.{tf}.id"));
        if let Some(eni) = created.get(1) {
            self.bind(eni, format!("aws_nat_gateway.{tf}.network_interface_id"));
        }
        self.push(Some(created[0].clone()), b);
    }

    fn modify_endpoint(
        &mut self,
        step: &Step,
        endpoint: &VpceId,
        add: &[RouteTableId],
        remove: &[RouteTableId],
    ) {
        let s = step.scope.clone();
        let origin = Self::origin(step);
        let adds: Vec<Expr> = add.iter().map(|r| self.id(r.as_str())).collect();
        let removes: Vec<Expr> = remove.iter().map(|r| self.id(r.as_str())).collect();
        if let Some(b) = self.find_mut(endpoint.as_str()) {
            let mut list = match b.get("route_table_ids") {
                Some(Expr::List(items)) => items.clone(),
                _ => Vec::new(),
            };
            list.retain(|x| !removes.contains(x));
            list.extend(adds);
            b.set("route_table_ids", Expr::List(list));
            b.comments.push(origin);
            return;
        }
        for rt in add {
            let name = self.counter.next("vpce_rtb");
            let b = self
                .resource(&s, "aws_vpc_endpoint_route_table_association", &name)
                .comment(origin.clone())
                .with("vpc_endpoint_id", self.id(endpoint.as_str()))
                .with("route_table_id", self.id(rt.as_str()));
            self.push(Some(format!("vpce-rt:{endpoint}:{rt}")), b);
        }
        for rt in remove {
            if self.remove(&format!("vpce-rt:{endpoint}:{rt}")).is_empty() {
                self.no_equivalent(
                    step,
                    &format!("{rt} was on the endpoint in the start estate; remove it with aws ec2 modify-vpc-endpoint --remove-route-table-ids"),
                );
            }
        }
    }

    /// `aws_ec2_transit_gateway_vpc_attachment`. A transit gateway of another account is shared
    /// with the VPC's account through AWS RAM, and its owner accepts the attachment
    /// (`aws_ec2_transit_gateway_vpc_attachment_accepter`).
    fn tgw_attachment(
        &mut self,
        step: &Step,
        tgw: &TgwId,
        vpc: &VpcId,
        subnets: &[SubnetId],
        name: &Option<String>,
    ) {
        let s = step.scope.clone();
        let id = step.applied.created[0].clone();
        let tf = self.counter.next("tgw_attach");
        let mut b = self
            .resource(&s, "aws_ec2_transit_gateway_vpc_attachment", &tf)
            .comment(Self::origin(step))
            .with("subnet_ids", self.ids(subnets))
            .with("transit_gateway_id", self.id(tgw.as_str()))
            .with("vpc_id", self.id(vpc.as_str()))
            .with_opt("tags", Self::tags(name));
        let address = format!("aws_ec2_transit_gateway_vpc_attachment.{tf}");
        let owner = locate(step.before, tgw.as_str()).filter(|o| o.account != s.account);
        match owner {
            None => {
                self.bind(&id, format!("{address}.id"));
                self.push(Some(id.clone()), b);
            }
            Some(o) => {
                let key = format!("share:{tgw}:{}", s.account);
                let share = match self.find(&key).map(Block::address) {
                    Some(existing) => existing
                        .trim_start_matches("aws_ram_principal_association.")
                        .to_string(),
                    None => {
                        let arn = match self.refs.get(tgw.as_str()) {
                            Some(Expr::Ref(r)) => Expr::reference(r.replace(".id", ".arn")),
                            _ => Expr::str(format!(
                                "arn:aws:ec2:{}:{}:transit-gateway/{}",
                                o.region, o.account, tgw
                            )),
                        };
                        let comments = vec![format!(
                            "{tgw} belongs to account {}: shared with account {} through AWS RAM",
                            o.account, s.account
                        )];
                        self.share(&o, arn, &s.account, comments, key)
                    }
                };
                b.set(
                    "depends_on",
                    Expr::List(vec![
                        Expr::reference(format!("aws_ram_principal_association.{share}")),
                        Expr::reference(format!("aws_ram_resource_association.{share}")),
                    ]),
                );
                self.push(Some(format!("request:{id}")), b);
                let accepter = self
                    .resource(&o, "aws_ec2_transit_gateway_vpc_attachment_accepter", &tf)
                    .comment(format!(
                        "account {} accepts the attachment of its shared transit gateway",
                        o.account
                    ))
                    .with(
                        "transit_gateway_attachment_id",
                        Expr::reference(format!("{address}.id")),
                    );
                self.bind(
                    &id,
                    format!("aws_ec2_transit_gateway_vpc_attachment_accepter.{tf}.id"),
                );
                self.push(Some(id.clone()), accepter);
            }
        }
        self.interface_enis(
            step,
            subnets,
            "Network Interface for Transit Gateway Attachment ",
            &address,
        );
    }

    /// For an attachment this log created, turns off its default association (or propagation)
    /// when `rt` is that default table; false when that does not apply.
    fn default_off(&mut self, step: &Step, att: &TgwAttachmentId, rt: &TgwRouteTableId, attr: &str) -> bool {
        let tgw = step.before.tgw_attachments.get(att).map(|a| a.tgw.clone());
        let default = tgw
            .and_then(|t| step.before.transit_gateways.get(&t))
            .and_then(|t| {
                if attr.ends_with("association") {
                    t.default_association.clone()
                } else {
                    t.default_propagation.clone()
                }
            });
        if default.as_ref() != Some(rt) {
            return false;
        }
        let origin = Self::origin(step);
        match self.find_mut(att.as_str()) {
            Some(b) => {
                b.set(attr, Expr::Bool(false));
                b.comments.push(origin);
                true
            }
            None => false,
        }
    }

    /// A RAM share of `arn` with `principal`, by `scope`'s provider: the share, the resource
    /// association and the principal association (found later by `key`, for blocks that must
    /// wait for the share). Returns the blocks' name.
    fn share(
        &mut self,
        scope: &Scope,
        arn: Expr,
        principal: &AccountId,
        comments: Vec<String>,
        key: String,
    ) -> String {
        let name = self.counter.next("share");
        let mut share = self
            .resource(scope, "aws_ram_resource_share", &name)
            .with("name", Expr::str(format!("vpclab-{}", name.replace('_', "-"))))
            .with("allow_external_principals", Expr::Bool(true));
        share.comments = comments;
        let share_arn = Expr::reference(format!("aws_ram_resource_share.{name}.arn"));
        let resource = self
            .resource(scope, "aws_ram_resource_association", &name)
            .with("resource_arn", arn)
            .with("resource_share_arn", share_arn.clone());
        let principal = self
            .resource(scope, "aws_ram_principal_association", &name)
            .with("principal", Expr::str(principal.as_str()))
            .with("resource_share_arn", share_arn);
        self.push(None, share);
        self.push(None, resource);
        self.push(Some(key), principal);
        name
    }

    /// Network interfaces of an endpoint or attachment that a later action names, as
    /// `aws_network_interface` data sources found by subnet and description.
    fn interface_enis(&mut self, step: &Step, subnets: &[SubnetId], description: &str, owner: &str) {
        let created = step.applied.created.clone();
        for (eni, subnet) in created.iter().skip(1).zip(subnets) {
            if !self.replay.mentioned_after(eni, step.index) {
                continue;
            }
            let name = self.counter.next("eni");
            let mut data = Block::new("data", &["aws_network_interface", &name]);
            if let Some(alias) = self.provider(&step.scope) {
                data.set("provider", Expr::reference(format!("aws.{alias}")));
            }
            data.nested.push(
                Block::new("filter", &[])
                    .with("name", Expr::str("subnet-id"))
                    .with("values", Expr::List(vec![self.id(subnet.as_str())])),
            );
            data.nested.push(
                Block::new("filter", &[])
                    .with("name", Expr::str("description"))
                    .with(
                        "values",
                        Expr::List(vec![Expr::Template(vec![
                            Expr::str(description),
                            Expr::reference(format!("{owner}.id")),
                        ])]),
                    ),
            );
            self.bind(eni, format!("data.aws_network_interface.{name}.id"));
            self.push(None, data);
        }
    }

    fn instance(
        &mut self,
        step: &Step,
        subnet: &SubnetId,
        private_ip: &Option<String>,
        public_ip: bool,
        security_groups: &[SgId],
        name: &Option<String>,
    ) {
        let s = step.scope.clone();
        let alias = self.provider(&s);
        let ami = match self.amis.get(&alias) {
            Some(n) => n.clone(),
            None => {
                let n = match &alias {
                    Some(a) => format!("al2023_{a}"),
                    None => "al2023".to_string(),
                };
                let mut data = Block::new("data", &["aws_ssm_parameter", &n])
                    .comment("the latest Amazon Linux 2023 AMI of the region (an AWS public parameter)");
                if let Some(a) = &alias {
                    data.set("provider", Expr::reference(format!("aws.{a}")));
                }
                data.set("name", Expr::str(AMI_PARAMETER));
                self.push(None, data);
                self.amis.insert(alias.clone(), n.clone());
                n
            }
        };
        let created = step.applied.created.clone();
        let tf = self.counter.next("instance");
        let maps_public = step
            .before
            .subnets
            .get(subnet)
            .is_some_and(|x| x.map_public_ip_on_launch);
        let mut b = self
            .resource(&s, "aws_instance", &tf)
            .comment(Self::origin(step))
            .with(
                "ami",
                Expr::reference(format!("data.aws_ssm_parameter.{ami}.value")),
            )
            .with("instance_type", Expr::str(INSTANCE_TYPE))
            .with("subnet_id", self.id(subnet.as_str()))
            .with_opt("private_ip", private_ip.as_ref().map(|ip| Expr::str(ip.trim())))
            .with_opt(
                "vpc_security_group_ids",
                (!security_groups.is_empty()).then(|| self.ids(security_groups)),
            );
        if public_ip || maps_public {
            b.set("associate_public_ip_address", Expr::Bool(public_ip));
        }
        // A participant launching into a shared subnet waits for the share.
        let share = self.find(&format!("share:{subnet}:{}", s.account)).map(|p| {
            p.address()
                .trim_start_matches("aws_ram_principal_association.")
                .to_string()
        });
        if let Some(share) = share {
            b.set(
                "depends_on",
                Expr::List(vec![
                    Expr::reference(format!("aws_ram_principal_association.{share}")),
                    Expr::reference(format!("aws_ram_resource_association.{share}")),
                ]),
            );
        }
        let b = b.with_opt("tags", Self::tags(name));
        self.bind(&created[0], format!("aws_instance.{tf}.id"));
        if let Some(eni) = created.get(1) {
            self.bind(eni, format!("aws_instance.{tf}.primary_network_interface_id"));
        }
        self.push(Some(created[0].clone()), b);
    }

    fn render(&self, actions: usize) -> String {
        let mut out = format!(
            "# vpclab export: {actions} action{} as Terraform for the AWS provider.\n# Resources created here are named by address; ids of the starting estate are literal.\n# Ids in the comments are the ones vpclab gave; AWS gives its own.\n\n",
            if actions == 1 { "" } else { "s" }
        );
        let header = Block::new("terraform", &[]).with("required_version", Expr::str(">= 1.5"));
        let mut header = header;
        let mut required = Block::new("required_providers", &[]);
        required.set(
            "aws",
            Expr::Map(vec![
                ("source".into(), Expr::str("hashicorp/aws")),
                ("version".into(), Expr::str(">= 5.0")),
            ]),
        );
        header.nested.push(required);
        header.render(0, &mut out);
        for scope in &self.provider_order {
            let alias = self.providers.get(scope).cloned().flatten();
            let mut p = Block::new("provider", &["aws"]);
            if let Some(a) = &alias {
                p.set("alias", Expr::str(a.as_str()));
            }
            p.set("region", Expr::str(scope.region.as_str()));
            if self.multi_account {
                p.comments.push(format!("account {}", scope.account));
                p.set("profile", Expr::str(format!("account-{}", scope.account)));
                p.set(
                    "allowed_account_ids",
                    Expr::List(vec![Expr::str(scope.account.as_str())]),
                );
            }
            out.push('\n');
            p.render(0, &mut out);
        }
        for item in &self.items {
            match item {
                Item::Block { block, .. } => {
                    out.push('\n');
                    block.render(0, &mut out);
                }
                Item::Comment(lines) if !lines.is_empty() => {
                    out.push('\n');
                    for l in lines {
                        out.push_str(&format!("# {l}\n"));
                    }
                }
                Item::Comment(_) => {}
            }
        }
        out
    }
}

/// The arguments of `aws_route` that name a target.
const TARGET_ATTRS: [&str; 7] = [
    "gateway_id",
    "nat_gateway_id",
    "vpc_peering_connection_id",
    "vpc_endpoint_id",
    "transit_gateway_id",
    "network_interface_id",
    "egress_only_gateway_id",
];

fn route_key(rt: &RouteTableId, destination: &str) -> String {
    format!("route:{rt}:{}", destination.trim())
}

fn sg_rule_key(
    sg: &str,
    dir: Direction,
    proto: &str,
    from: Option<i64>,
    to: Option<i64>,
    peer: &str,
) -> String {
    let f = |p: Option<i64>| p.map(|n| n.to_string()).unwrap_or_default();
    format!("sg-rule:{sg}:{dir:?}:{proto}:{}:{}:{peer}", f(from), f(to))
}

/// The ports a rule keeps: a range for TCP/UDP, type and code (-1 for any) for ICMP, none else.
fn rule_ports(proto: &str, from: Option<i64>, to: Option<i64>) -> (Option<i64>, Option<i64>) {
    match proto {
        "tcp" | "udp" => (from, to),
        "icmp" => (Some(from.unwrap_or(-1)), Some(to.unwrap_or(-1))),
        _ => (None, None),
    }
}

/// The full service name an endpoint resolved to (`com.amazonaws.us-east-1.s3`).
fn service_name(step: &Step, id: &str) -> String {
    step.after
        .endpoints
        .get(&VpceId::from(id))
        .map(|v| v.service_name.clone())
        .unwrap_or_default()
}

#[cfg(test)]
#[path = "terraform_tests.rs"]
mod tests;
