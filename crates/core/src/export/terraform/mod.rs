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
use crate::edit::{AclEntrySpec, Direction, SgRuleSpec};

mod hybrid;
mod parts;
mod steps;

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
    fn undo(&mut self, key: &str, step: &LoggedStep) -> bool {
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
    fn no_equivalent(&mut self, step: &LoggedStep, why: &str) {
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
    fn origin(step: &LoggedStep) -> String {
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
fn service_name(step: &LoggedStep, id: &str) -> String {
    step.after
        .endpoints
        .get(&VpceId::from(id))
        .map(|v| v.service_name.clone())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
