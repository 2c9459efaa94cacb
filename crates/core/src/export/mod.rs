//! Export: the learner's changes against the start, as AWS CLI commands or as Terraform.
//!
//! The input is what a workspace keeps: the start estate and the list of [`Action`]s the learner
//! applied. The actions are replayed with [`edit::apply`] to learn what each one created (new ids,
//! the service name an endpoint resolved to, the owner and region a resource landed in), then each
//! action becomes
//! - in [`aws_cli`], one or a few `aws ec2 …` / `aws ram …` commands of a bash script, each id
//!   created along the way captured in a shell variable (`PCX_1=$(aws ec2
//!   create-vpc-peering-connection … --query VpcPeeringConnection.VpcPeeringConnectionId --output
//!   text)`) and used by the later commands, so that the script runs against a real account;
//! - in [`terraform`], resource blocks of the AWS provider where what the script creates is named
//!   by Terraform address (`aws_vpc_peering_connection.pcx_1.id`) and what was already there by its
//!   literal id, with one provider alias per account and region the actions touch.
//!
//! Every action kind maps to something; where there is no direct equivalent (Terraform cannot
//! delete what it does not manage) the output says so in a comment line naming the action and
//! the command that would do it.
//!
//! # Examples
//! ```
//! use vpclab_core::edit::{apply, Action};
//! use vpclab_core::export::{export, Format};
//! use vpclab_core::model::Estate;
//!
//! let mut start = Estate::default();
//! let vpc: Action = serde_json::from_str(r#"{"action":"create_vpc","cidr":"10.1.0.0/16"}"#).unwrap();
//! let vpc_id = apply(&mut start, &vpc).unwrap().created[0].clone();
//! let subnet: Action = serde_json::from_value(serde_json::json!({
//!     "action": "create_subnet", "vpc": vpc_id, "cidr": "10.1.1.0/24", "availability_zone": "us-east-1a"
//! })).unwrap();
//!
//! let script = export(&start, &[subnet.clone()], Format::AwsCli).unwrap();
//! assert!(script.contains(&format!("aws ec2 create-subnet --vpc-id {vpc_id} --cidr-block 10.1.1.0/24")));
//! let hcl = export(&start, &[subnet], Format::Terraform).unwrap();
//! assert!(hcl.contains(r#"resource "aws_subnet" "subnet_1""#));
//!
//! // An action the start estate refuses names its index.
//! let bad: Action = serde_json::from_str(r#"{"action":"delete_route_table","route_table":"rtb-0nope"}"#).unwrap();
//! let err = export(&start, &[bad], Format::Terraform).unwrap_err();
//! assert_eq!((err.index, err.code.as_str()), (0, "InvalidRouteTableID.NotFound"));
//! ```

mod aws_cli;
mod hcl;
mod shell;
mod terraform;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::edit::{self, Action, Applied, DEFAULT_ACCOUNT, DEFAULT_REGION};
use crate::model::*;

pub use aws_cli::aws_cli;
pub use terraform::terraform;

/// The two export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// A bash script of AWS CLI v2 commands.
    AwsCli,
    /// Terraform HCL for the AWS provider (v5).
    Terraform,
}

impl Format {
    /// The name on the command line: `aws-cli` or `terraform`.
    pub fn name(self) -> &'static str {
        match self {
            Format::AwsCli => "aws-cli",
            Format::Terraform => "terraform",
        }
    }
}

impl FromStr for Format {
    type Err = String;

    /// `aws-cli` or `terraform` (case-insensitive).
    ///
    /// # Examples
    /// ```
    /// use vpclab_core::export::Format;
    /// assert_eq!("Terraform".parse::<Format>(), Ok(Format::Terraform));
    /// assert!("cloudformation".parse::<Format>().unwrap_err().contains("aws-cli or terraform"));
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "aws-cli" | "awscli" | "cli" => Ok(Format::AwsCli),
            "terraform" | "tf" | "hcl" => Ok(Format::Terraform),
            _ => Err(format!("unknown export format '{s}': use aws-cli or terraform")),
        }
    }
}

/// An action of the log that the estate refuses on replay: its index, its name and AWS's error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportError {
    /// Index of the action in the list (0-based).
    pub index: usize,
    /// The action's JSON tag (`create_route` …).
    pub action: String,
    /// AWS's error code.
    pub code: String,
    pub message: String,
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "action {} ({}) is refused on replay: {}: {} (the action log must replay on the start estate)",
            self.index, self.action, self.code, self.message
        )
    }
}

impl std::error::Error for ExportError {}

/// Exports in `format`: [`aws_cli`] or [`terraform`].
pub fn export(start: &Estate, actions: &[Action], format: Format) -> Result<String, ExportError> {
    match format {
        Format::AwsCli => aws_cli(start, actions),
        Format::Terraform => terraform(start, actions),
    }
}

/// The account and region an action is carried out in: the credentials and region its command
/// runs with, the provider its Terraform block uses.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Scope {
    pub account: AccountId,
    pub region: Region,
}

/// One replayed action: the estate before and after, and what it created.
pub(crate) struct LoggedStep<'a> {
    pub index: usize,
    pub action: &'a Action,
    pub applied: Applied,
    pub before: &'a Estate,
    pub after: &'a Estate,
    pub scope: Scope,
}

/// The replay of a log: estates `states[0]` (the start) to `states[n]`, and what each action did.
pub(crate) struct Replay<'a> {
    actions: &'a [Action],
    states: Vec<Estate>,
    applied: Vec<Applied>,
    /// For each string value found in an action, the indexes of the actions holding it.
    mentions: BTreeMap<String, Vec<usize>>,
}

impl<'a> Replay<'a> {
    /// Replays `actions` on a copy of `start`, stopping at the first refusal.
    pub fn run(start: &Estate, actions: &'a [Action]) -> Result<Self, ExportError> {
        let mut states = Vec::with_capacity(actions.len() + 1);
        let mut applied = Vec::with_capacity(actions.len());
        let mut estate = start.clone();
        states.push(estate.clone());
        let mut mentions: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (index, action) in actions.iter().enumerate() {
            let done = edit::apply(&mut estate, action).map_err(|e| ExportError {
                index,
                action: action.name().to_string(),
                code: e.code,
                message: e.message,
            })?;
            applied.push(done);
            states.push(estate.clone());
            // Through text, not `to_value`: the page's wasm then carries one writer for actions.
            let text = serde_json::to_string(action).unwrap_or_default();
            if let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) {
                let mut strings = Vec::new();
                collect_strings(&value, &mut strings);
                for s in strings {
                    mentions.entry(s).or_default().push(index);
                }
            }
        }
        Ok(Replay {
            actions,
            states,
            applied,
            mentions,
        })
    }

    /// The replayed steps in order.
    pub fn steps(&self) -> Vec<LoggedStep<'_>> {
        (0..self.actions.len())
            .map(|i| {
                let (before, after) = (&self.states[i], &self.states[i + 1]);
                let action = &self.actions[i];
                let applied = self.applied[i].clone();
                let scope = scope_of(before, after, action, &applied);
                LoggedStep {
                    index: i,
                    action,
                    applied,
                    before,
                    after,
                    scope,
                }
            })
            .collect()
    }

    /// True when an action after `index` names `id` (so a script must capture it).
    pub fn mentioned_after(&self, id: &str, index: usize) -> bool {
        self.mentions
            .get(id)
            .is_some_and(|at| at.iter().any(|&i| i > index))
    }

    /// Every account and region the actions are carried out in, in first-use order, including
    /// the owner of a transit gateway another account attaches to (it shares the gateway and
    /// accepts the attachment).
    pub fn scopes(&self) -> Vec<Scope> {
        let mut seen = Vec::new();
        for step in self.steps() {
            let helper = match step.action {
                Action::CreateTransitGatewayAttachment { transit_gateway, .. } => {
                    locate(step.before, transit_gateway.as_str())
                }
                _ => None,
            };
            for scope in std::iter::once(step.scope).chain(helper) {
                if !seen.contains(&scope) {
                    seen.push(scope);
                }
            }
        }
        seen
    }
}

fn collect_strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.trim().to_string()),
        serde_json::Value::Array(items) => items.iter().for_each(|x| collect_strings(x, out)),
        serde_json::Value::Object(map) => map.values().for_each(|x| collect_strings(x, out)),
        _ => {}
    }
}

/// The owner and region of the resource named `id`, by its prefix. A transit gateway route table
/// or attachment is the transit gateway owner's; a peering is its requester's.
pub(crate) fn locate(e: &Estate, id: &str) -> Option<Scope> {
    let scope = |account: &AccountId, region: &Region| {
        Some(Scope {
            account: account.clone(),
            region: region.clone(),
        })
    };
    if id.starts_with("eigw-") {
        let g = e.egress_only_internet_gateways.get(&EigwId::from(id))?;
        scope(&g.owner, &g.region)
    } else if id.starts_with("tgw-attach-") {
        let a = e.tgw_attachments.get(&TgwAttachmentId::from(id))?;
        scope(&a.tgw_owner, &a.region)
    } else if id.starts_with("tgw-rtb-") {
        let rt = e.tgw_route_tables.get(&TgwRouteTableId::from(id))?;
        let tgw = e.transit_gateways.get(&rt.tgw)?;
        scope(&tgw.owner, &rt.region)
    } else if id.starts_with("tgw-") {
        let t = e.transit_gateways.get(&TgwId::from(id))?;
        scope(&t.owner, &t.region)
    } else if id.starts_with("vpce-") {
        let v = e.endpoints.get(&VpceId::from(id))?;
        scope(&v.owner, &v.region)
    } else if id.starts_with("vpc-") {
        let v = e.vpcs.get(&VpcId::from(id))?;
        scope(&v.owner, &v.region)
    } else if id.starts_with("subnet-") {
        let s = e.subnets.get(&SubnetId::from(id))?;
        scope(&s.owner, &s.region)
    } else if id.starts_with("rtb-") {
        let r = e.route_tables.get(&RouteTableId::from(id))?;
        scope(&r.owner, &r.region)
    } else if id.starts_with("pcx-") {
        let p = e.peerings.get(&PcxId::from(id))?;
        scope(&p.requester.owner, &p.requester.region)
    } else if id.starts_with("igw-") {
        let g = e.internet_gateways.get(&IgwId::from(id))?;
        scope(&g.owner, &g.region)
    } else if id.starts_with("nat-") {
        let n = e.nat_gateways.get(&NatId::from(id))?;
        scope(&n.owner, &n.region)
    } else if id.starts_with("sg-") {
        let g = e.security_groups.get(&SgId::from(id))?;
        scope(&g.owner, &g.region)
    } else if id.starts_with("acl-") {
        let a = e.network_acls.get(&AclId::from(id))?;
        scope(&a.owner, &a.region)
    } else if id.starts_with("i-") {
        let i = e.instances.get(&InstanceId::from(id))?;
        scope(&i.owner, &i.region)
    } else if id.starts_with("eni-") {
        let n = e.enis.get(&EniId::from(id))?;
        scope(&n.owner, &n.region)
    } else if id.starts_with("vgw-") {
        let g = e.vpn_gateways.get(&VgwId::from(id))?;
        scope(&g.owner, &g.region)
    } else if id.starts_with("cgw-") {
        let g = e.customer_gateways.get(&CgwId::from(id))?;
        scope(&g.owner, &g.region)
    } else if id.starts_with("vpn-") {
        let v = e.vpn_connections.get(&VpnId::from(id))?;
        scope(&v.owner, &v.region)
    } else if let Some(g) = e.dx_gateways.get(&DxGatewayId::from(id)) {
        // Direct Connect ids have no prefix: a gateway is found in the first document listing it.
        let (account, region) = g.listed_in.iter().next()?;
        scope(account, region)
    } else if let Some(a) = e.dx_associations.get(id) {
        scope(&a.listed_in.0, &a.listed_in.1)
    } else {
        None
    }
}

/// Where an action is carried out. A created resource's owner and region say it best; otherwise
/// the resource acted on, seen before the action. Accepting or rejecting a peering is the
/// accepter's; deleting one is done by whichever owner the action names (the requester by
/// default). The acting account, when the action names one, wins.
fn scope_of(before: &Estate, after: &Estate, action: &Action, applied: &Applied) -> Scope {
    let peering_side = |id: &PcxId, accepter: bool| {
        before.peerings.get(id).map(|p| {
            let side = if accepter { &p.accepter } else { &p.requester };
            Scope {
                account: side.owner.clone(),
                region: side.region.clone(),
            }
        })
    };
    let found = match action {
        Action::AcceptPeering { peering, .. } | Action::RejectPeering { peering, .. } => {
            peering_side(peering, true)
        }
        Action::DeletePeering {
            peering,
            account: Some(a),
        } => peering_side(
            peering,
            before
                .peerings
                .get(peering)
                .is_some_and(|p| &p.accepter.owner == a),
        ),
        // The VPC's owner attaches it, also to a transit gateway shared from another account.
        Action::CreateTransitGatewayAttachment { vpc, .. } => locate(before, vpc.as_str()),
        _ => applied
            .created
            .first()
            .and_then(|id| locate(after, id))
            .or_else(|| action.principal().and_then(|id| locate(before, id))),
    };
    let mut scope = found.unwrap_or_else(|| Scope {
        account: AccountId::from(DEFAULT_ACCOUNT),
        region: Region::from(DEFAULT_REGION),
    });
    if let Some(a) = action.account() {
        scope.account = a.clone();
    }
    scope
}

/// The kind of an id, by prefix, as a name stem: `vpc`, `subnet`, `tgw_rtb`, `instance` …
pub(crate) fn kind_of(id: &str) -> &'static str {
    const KINDS: [(&str, &str); 18] = [
        ("eigw-", "eigw"),
        ("vgw-", "vgw"),
        ("cgw-", "cgw"),
        ("vpn-", "vpn"),
        ("tgw-attach-", "tgw_attach"),
        ("tgw-rtb-", "tgw_rtb"),
        ("tgw-", "tgw"),
        ("vpce-", "vpce"),
        ("vpc-", "vpc"),
        ("subnet-", "subnet"),
        ("rtb-", "rtb"),
        ("pcx-", "pcx"),
        ("igw-", "igw"),
        ("nat-", "nat"),
        ("sg-", "sg"),
        ("acl-", "acl"),
        ("eni-", "eni"),
        ("i-", "instance"),
    ];
    KINDS
        .iter()
        .find(|(prefix, _)| id.starts_with(prefix))
        .map(|(_, kind)| *kind)
        .unwrap_or("resource")
}

/// Numbers names per stem: `pcx_1`, `pcx_2`, `route_1` …
#[derive(Debug, Default)]
pub(crate) struct Counter(BTreeMap<String, usize>);

impl Counter {
    /// The next name for `stem`.
    pub fn next(&mut self, stem: &str) -> String {
        let n = self.0.entry(stem.to_string()).or_insert(0);
        *n += 1;
        format!("{stem}_{n}")
    }
}

/// An IP protocol as the APIs take it: `tcp`, `udp`, `icmp`, `-1` or a number.
pub(crate) fn protocol_name(input: &str) -> String {
    match input.trim().to_ascii_lowercase().as_str() {
        "-1" | "all" => "-1".into(),
        "tcp" | "6" => "tcp".into(),
        "udp" | "17" => "udp".into(),
        "icmp" | "1" => "icmp".into(),
        other => other.to_string(),
    }
}

/// The protocol number a network ACL entry takes (`6`, `17`, `1`, `-1` …).
pub(crate) fn protocol_number(input: &str) -> String {
    match protocol_name(input).as_str() {
        "tcp" => "6".into(),
        "udp" => "17".into(),
        "icmp" => "1".into(),
        other => other.to_string(),
    }
}

/// Which kind of destination a route names, by its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DestKind {
    Ipv4,
    Ipv6,
    PrefixList,
}

pub(crate) fn dest_kind(destination: &str) -> DestKind {
    let d = destination.trim();
    if d.starts_with("pl-") {
        DestKind::PrefixList
    } else if d.contains(':') {
        DestKind::Ipv6
    } else {
        DestKind::Ipv4
    }
}

/// The accounts the steps act in, sorted.
pub(crate) fn accounts_of(scopes: &[Scope]) -> BTreeSet<AccountId> {
    crate::small::set_of(scopes.iter().map(|s| s.account.clone()))
}

/// The amazon linux AMI both exports launch instances with (an SSM public parameter, so that no
/// AMI id is region-specific). See "Query for the latest Amazon Linux AMI IDs using AWS Systems
/// Manager Parameter Store" (AWS Compute Blog) and "Use a Systems Manager parameter instead of an
/// AMI ID" (Amazon EC2 User Guide).
pub(crate) const AMI_PARAMETER: &str =
    "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";
/// The instance type both exports launch (vpclab does not model instance types).
pub(crate) const INSTANCE_TYPE: &str = "t3.micro";

#[cfg(test)]
mod test_teardown;
#[cfg(test)]
mod test_world;
