//! The actions as a bash script of AWS CLI v2 commands.
//!
//! Flags are those of the AWS CLI Command Reference (`aws ec2 create-vpc-peering-connection`,
//! `accept-vpc-peering-connection`, `create-route`, `create-subnet`, `create-internet-gateway`,
//! `attach-internet-gateway`, `allocate-address`, `create-nat-gateway`, `create-vpc-endpoint`,
//! `modify-vpc-endpoint`, `create-transit-gateway`, `create-transit-gateway-vpc-attachment`,
//! `associate-transit-gateway-route-table`, `enable-transit-gateway-route-table-propagation`,
//! `create-transit-gateway-route`, `authorize-security-group-ingress`,
//! `create-network-acl-entry`, `run-instances`; `aws ram create-resource-share`). Every command
//! carries `--region` (and `--profile account-ID` when the actions span several accounts), so the
//! script does not depend on the caller's defaults.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Value};

use super::shell::{Command, Part, Word, WAIT_FOR};
use super::*;
use crate::edit::Direction;

/// The actions as a bash script: one or a few commands per action, in order, each preceded by a
/// comment naming the action and what it did. Ids created by the script are captured in shell
/// variables (`VPC_1`, `PCX_1` …) and used by later commands; ids of the start estate are literal.
/// Where AWS needs a step vpclab does not model (waiting for a transit gateway to become
/// available, accepting a shared transit gateway's attachment), the script does it.
///
/// # Examples
/// ```
/// use vpclab_core::edit::{apply, Action};
/// use vpclab_core::export::aws_cli;
/// use vpclab_core::model::Estate;
///
/// let actions: Vec<Action> = serde_json::from_str(r#"[
///     {"action": "create_vpc", "cidr": "10.1.0.0/16", "name": "app"},
///     {"action": "create_internet_gateway"}
/// ]"#).unwrap();
/// let script = aws_cli(&Estate::default(), &actions).unwrap();
/// assert!(script.starts_with("#!/usr/bin/env bash\n"));
/// assert!(script.contains("VPC_1=$(aws ec2 create-vpc --cidr-block 10.1.0.0/16"));
/// assert!(script.contains("IGW_1=$(aws ec2 create-internet-gateway"));
/// ```
pub fn aws_cli(start: &Estate, actions: &[Action]) -> Result<String, ExportError> {
    let replay = Replay::run(start, actions)?;
    let scopes = replay.scopes();
    let accounts = accounts_of(&scopes);
    let mut w = Script {
        replay: &replay,
        profiles: accounts.len() > 1,
        vars: BTreeMap::new(),
        counter: Counter::default(),
        body: Vec::new(),
        uses_wait: false,
        shared_tgws: BTreeSet::new(),
    };
    for step in replay.steps() {
        w.step(&step);
    }
    let mut out = String::from("#!/usr/bin/env bash\n");
    out.push_str(&format!(
        "# vpclab export: {} action{} as AWS CLI v2 commands, in the order they were taken.\n",
        actions.len(),
        if actions.len() == 1 { "" } else { "s" }
    ));
    out.push_str("# Ids created here are kept in shell variables; ids of the starting estate are literal.\n");
    out.push_str("# Ids in the comments are the ones vpclab gave; AWS gives its own.\n");
    if w.profiles {
        out.push_str(
            "# The actions span several accounts: each command names the AWS CLI profile of its account.\n",
        );
        for a in &accounts {
            out.push_str(&format!("#   account {a}: profile account-{a}\n"));
        }
    }
    out.push_str("set -euo pipefail\n");
    if w.uses_wait {
        out.push_str("# wait_for STATE COMMAND…: runs the describe COMMAND every 15 s until it prints STATE (20 min at most).\n");
        out.push_str(WAIT_FOR);
        out.push('\n');
    }
    for line in &w.body {
        out.push_str(line);
        out.push('\n');
    }
    Ok(out)
}

/// The script being written.
struct Script<'r> {
    replay: &'r Replay<'r>,
    /// Name the profile of each command's account (several accounts).
    profiles: bool,
    /// Created id → shell variable.
    vars: BTreeMap<String, String>,
    counter: Counter,
    body: Vec<String>,
    uses_wait: bool,
    /// Transit gateways already shared with an account through AWS RAM by this script.
    shared_tgws: BTreeSet<(String, AccountId)>,
}

impl Script<'_> {
    /// The word for an id: its variable when the script created it, else the literal id.
    fn id(&self, id: &str) -> Word {
        let id = id.trim();
        match self.vars.get(id) {
            Some(var) => Word::var(var.as_str()),
            None => Word::lit(id),
        }
    }

    fn ids<T: std::fmt::Display>(&self, ids: &[T]) -> Vec<Word> {
        ids.iter().map(|i| self.id(&i.to_string())).collect()
    }

    /// A new variable for `id` (named after its kind).
    fn bind(&mut self, id: &str) -> String {
        let var = self.counter.next(kind_of(id)).to_ascii_uppercase();
        self.vars.insert(id.to_string(), var.clone());
        var
    }

    /// A new variable for a value that is not a resource id (an association, an allocation).
    fn scratch(&mut self, stem: &str) -> String {
        self.counter.next(stem).to_ascii_uppercase()
    }

    /// Adds `--region` (and `--profile`) for `scope` and writes the command.
    fn emit(&mut self, scope: &Scope, cmd: Command) {
        let mut cmd = cmd.arg("--region", Word::lit(scope.region.as_str()));
        if self.profiles {
            cmd = cmd.arg("--profile", Word::lit(format!("account-{}", scope.account)));
        }
        if cmd.wait_for.is_some() {
            self.uses_wait = true;
        }
        self.body.push(cmd.render());
    }

    fn comment(&mut self, text: &str) {
        for line in text.lines() {
            self.body.push(format!("# {line}"));
        }
    }

    /// A JSON argument, with the ids the script created replaced by their variables.
    fn json(&self, value: &Value) -> Word {
        let text = value.to_string();
        let mut found: Vec<(&str, &str)> = Vec::new();
        let mut strings = Vec::new();
        collect_strings(value, &mut strings);
        for s in &strings {
            if let Some((id, var)) = self.vars.get_key_value(s.as_str()) {
                found.push((id.as_str(), var.as_str()));
            }
        }
        let mut parts = vec![Part::Lit(text)];
        for (id, var) in found {
            let quoted = format!("\"{id}\"");
            let mut next = Vec::new();
            for p in parts {
                match p {
                    Part::Lit(s) if s.contains(&quoted) => {
                        let pieces: Vec<&str> = s.split(&quoted).collect();
                        for (i, piece) in pieces.iter().enumerate() {
                            if i > 0 {
                                next.push(Part::Lit("\"".into()));
                                next.push(Part::Var(var.to_string()));
                                next.push(Part::Lit("\"".into()));
                            }
                            next.push(Part::Lit(piece.to_string()));
                        }
                    }
                    other => next.push(other),
                }
            }
            parts = next;
        }
        Word(parts)
    }

    /// `--tag-specifications` with the Name tag, when there is a name.
    fn tags(resource_type: &str, name: &Option<String>) -> Option<Word> {
        name.as_ref().map(|n| {
            Word::lit(
                json!([{"ResourceType": resource_type, "Tags": [{"Key": "Name", "Value": n}]}]).to_string(),
            )
        })
    }

    fn step(&mut self, step: &Step) {
        self.body.push(String::new());
        self.comment(&format!(
            "[{}] {}: {}",
            step.index,
            step.action.name(),
            step.applied.description
        ));
        if let Some(w) = &step.applied.warning {
            self.comment(&format!("warning: {}", w.message));
        }
        let s = &step.scope;
        let created = step.applied.created.clone();
        match step.action {
            Action::CreateRoute {
                route_table,
                destination,
                target,
                ..
            } => {
                let cmd = Command::aws("ec2", "create-route")
                    .arg("--route-table-id", self.id(route_table.as_str()));
                let cmd = self.route_args(cmd, destination, Some(target));
                self.emit(s, cmd);
            }
            Action::ReplaceRoute {
                route_table,
                destination,
                target,
                ..
            } => {
                let cmd = Command::aws("ec2", "replace-route")
                    .arg("--route-table-id", self.id(route_table.as_str()));
                let cmd = self.route_args(cmd, destination, Some(target));
                self.emit(s, cmd);
            }
            Action::DeleteRoute {
                route_table,
                destination,
                ..
            } => {
                let cmd = Command::aws("ec2", "delete-route")
                    .arg("--route-table-id", self.id(route_table.as_str()));
                let cmd = self.route_args(cmd, destination, None);
                self.emit(s, cmd);
            }
            Action::CreateRouteTable { vpc, name, .. } => {
                let var = self.bind(&created[0]);
                let cmd = Command::aws("ec2", "create-route-table")
                    .arg("--vpc-id", self.id(vpc.as_str()))
                    .opt("--tag-specifications", Self::tags("route-table", name))
                    .capture(&var, "RouteTable.RouteTableId");
                self.emit(s, cmd);
            }
            Action::DeleteRouteTable { route_table, .. } => {
                let cmd = Command::aws("ec2", "delete-route-table")
                    .arg("--route-table-id", self.id(route_table.as_str()));
                self.emit(s, cmd);
            }
            Action::AssociateRouteTable {
                route_table, subnet, ..
            } => {
                let cmd = Command::aws("ec2", "associate-route-table")
                    .arg("--route-table-id", self.id(route_table.as_str()))
                    .arg("--subnet-id", self.id(subnet.as_str()));
                self.emit(s, cmd);
            }
            Action::DisassociateRouteTable { subnet, .. } => {
                let var = self.scratch("assoc");
                let sub = self.id(subnet.as_str());
                let lookup = Command::aws("ec2", "describe-route-tables")
                    .arg(
                        "--filters",
                        Word::lit("Name=association.subnet-id,Values=").join(sub.clone()),
                    )
                    .arg(
                        "--query",
                        Word::lit("RouteTables[0].Associations[?SubnetId=='")
                            .join(sub)
                            .join(Word::lit("'].RouteTableAssociationId | [0]")),
                    )
                    .arg("--output", Word::lit("text"))
                    .captured(&var);
                self.emit(s, lookup);
                let cmd = Command::aws("ec2", "disassociate-route-table")
                    .arg("--association-id", Word::var(var.as_str()));
                self.emit(s, cmd);
            }
            Action::ReplaceMainRouteTable { route_table, .. } => {
                let vpc = step
                    .before
                    .route_tables
                    .get(route_table)
                    .map(|rt| rt.vpc.to_string())
                    .unwrap_or_default();
                let var = self.scratch("assoc");
                let lookup = Command::aws("ec2", "describe-route-tables")
                    .list(
                        "--filters",
                        vec![
                            Word::lit("Name=vpc-id,Values=").join(self.id(&vpc)),
                            Word::lit("Name=association.main,Values=true"),
                        ],
                    )
                    .capture(
                        &var,
                        "RouteTables[0].Associations[?Main].RouteTableAssociationId | [0]",
                    );
                self.emit(s, lookup);
                let cmd = Command::aws("ec2", "replace-route-table-association")
                    .arg("--association-id", Word::var(var.as_str()))
                    .arg("--route-table-id", self.id(route_table.as_str()));
                self.emit(s, cmd);
            }
            Action::RequestPeering {
                vpc, peer_vpc, name, ..
            } => {
                let pcx = step.after.peerings.get(&PcxId::from(created[0].as_str()));
                let (peer_owner, peer_region) = match pcx {
                    Some(p) => (
                        (p.accepter.owner != p.requester.owner).then(|| Word::lit(p.accepter.owner.as_str())),
                        (p.accepter.region != p.requester.region)
                            .then(|| Word::lit(p.accepter.region.as_str())),
                    ),
                    None => (None, None),
                };
                let var = self.bind(&created[0]);
                let cmd = Command::aws("ec2", "create-vpc-peering-connection")
                    .arg("--vpc-id", self.id(vpc.as_str()))
                    .arg("--peer-vpc-id", self.id(peer_vpc.as_str()))
                    .opt("--peer-owner-id", peer_owner)
                    .opt("--peer-region", peer_region)
                    .opt("--tag-specifications", Self::tags("vpc-peering-connection", name))
                    .capture(&var, "VpcPeeringConnection.VpcPeeringConnectionId");
                self.emit(s, cmd);
            }
            Action::AcceptPeering { peering, .. } => {
                if self.vars.contains_key(peering.as_str()) {
                    let wait = Command::aws("ec2", "describe-vpc-peering-connections")
                        .list("--vpc-peering-connection-ids", vec![self.id(peering.as_str())])
                        .query("VpcPeeringConnections[0].Status.Code")
                        .waiting_for("pending-acceptance");
                    self.emit(s, wait);
                }
                let cmd = Command::aws("ec2", "accept-vpc-peering-connection")
                    .arg("--vpc-peering-connection-id", self.id(peering.as_str()));
                self.emit(s, cmd);
            }
            Action::RejectPeering { peering, .. } => {
                let cmd = Command::aws("ec2", "reject-vpc-peering-connection")
                    .arg("--vpc-peering-connection-id", self.id(peering.as_str()));
                self.emit(s, cmd);
            }
            Action::DeletePeering { peering, .. } => {
                let cmd = Command::aws("ec2", "delete-vpc-peering-connection")
                    .arg("--vpc-peering-connection-id", self.id(peering.as_str()));
                self.emit(s, cmd);
            }
            Action::CreateVpc { cidr, name, .. } => {
                let var = self.bind(&created[0]);
                let cmd = Command::aws("ec2", "create-vpc")
                    .arg("--cidr-block", Word::lit(cidr.trim()))
                    .opt("--tag-specifications", Self::tags("vpc", name))
                    .capture(&var, "Vpc.VpcId");
                self.emit(s, cmd);
                self.vpc_defaults(step, &var);
            }
            Action::AddVpcCidr { vpc, cidr, .. } => {
                let cmd = Command::aws("ec2", "associate-vpc-cidr-block")
                    .arg("--vpc-id", self.id(vpc.as_str()))
                    .arg("--cidr-block", Word::lit(cidr.trim()));
                self.emit(s, cmd);
            }
            Action::RemoveVpcCidr { vpc, cidr, .. } => {
                let var = self.scratch("assoc");
                let lookup = Command::aws("ec2", "describe-vpcs")
                    .list("--vpc-ids", vec![self.id(vpc.as_str())])
                    .capture(
                        &var,
                        &format!(
                            "Vpcs[0].CidrBlockAssociationSet[?CidrBlock=='{}'].AssociationId | [0]",
                            cidr.trim()
                        ),
                    );
                self.emit(s, lookup);
                let cmd = Command::aws("ec2", "disassociate-vpc-cidr-block")
                    .arg("--association-id", Word::var(var.as_str()));
                self.emit(s, cmd);
            }
            Action::ModifyVpcAttribute {
                vpc,
                enable_dns_support,
                enable_dns_hostnames,
                ..
            } => {
                for (flag, value) in [
                    ("--enable-dns-support", enable_dns_support),
                    ("--enable-dns-hostnames", enable_dns_hostnames),
                ] {
                    if let Some(v) = value {
                        let cmd = Command::aws("ec2", "modify-vpc-attribute")
                            .arg("--vpc-id", self.id(vpc.as_str()))
                            .arg(flag, Word::lit(json!({ "Value": v }).to_string()));
                        self.emit(s, cmd);
                    }
                }
            }
            Action::CreateSubnet {
                vpc,
                cidr,
                availability_zone,
                name,
                ..
            } => {
                let var = self.bind(&created[0]);
                let cmd = Command::aws("ec2", "create-subnet")
                    .arg("--vpc-id", self.id(vpc.as_str()))
                    .arg("--cidr-block", Word::lit(cidr.trim()))
                    .arg("--availability-zone", Word::lit(availability_zone.trim()))
                    .opt("--tag-specifications", Self::tags("subnet", name))
                    .capture(&var, "Subnet.SubnetId");
                self.emit(s, cmd);
            }
            Action::CreateInternetGateway { name, .. } => {
                let var = self.bind(&created[0]);
                let cmd = Command::aws("ec2", "create-internet-gateway")
                    .opt("--tag-specifications", Self::tags("internet-gateway", name))
                    .capture(&var, "InternetGateway.InternetGatewayId");
                self.emit(s, cmd);
            }
            Action::AttachInternetGateway {
                internet_gateway,
                vpc,
                ..
            } => {
                let cmd = Command::aws("ec2", "attach-internet-gateway")
                    .arg("--internet-gateway-id", self.id(internet_gateway.as_str()))
                    .arg("--vpc-id", self.id(vpc.as_str()));
                self.emit(s, cmd);
            }
            Action::DetachInternetGateway {
                internet_gateway,
                vpc,
                ..
            } => {
                let cmd = Command::aws("ec2", "detach-internet-gateway")
                    .arg("--internet-gateway-id", self.id(internet_gateway.as_str()))
                    .arg("--vpc-id", self.id(vpc.as_str()));
                self.emit(s, cmd);
            }
            Action::CreateNatGateway {
                subnet,
                private,
                name,
                ..
            } => self.nat_gateway(step, subnet, *private, name),
            Action::DeleteNatGateway { nat_gateway, .. } => {
                let cmd = Command::aws("ec2", "delete-nat-gateway")
                    .arg("--nat-gateway-id", self.id(nat_gateway.as_str()));
                self.emit(s, cmd);
                self.comment("its Elastic IP stays allocated (and billed): release it with aws ec2 release-address once the NAT gateway is deleted");
            }
            Action::CreateGatewayEndpoint {
                vpc,
                route_tables,
                name,
                ..
            } => {
                let service = service_name(step, &created[0]);
                let var = self.bind(&created[0]);
                let cmd = Command::aws("ec2", "create-vpc-endpoint")
                    .arg("--vpc-endpoint-type", Word::lit("Gateway"))
                    .arg("--vpc-id", self.id(vpc.as_str()))
                    .arg("--service-name", Word::lit(service))
                    .list("--route-table-ids", self.ids(route_tables))
                    .opt("--tag-specifications", Self::tags("vpc-endpoint", name))
                    .capture(&var, "VpcEndpoint.VpcEndpointId");
                self.emit(s, cmd);
            }
            Action::CreateInterfaceEndpoint {
                vpc,
                subnets,
                security_groups,
                private_dns,
                name,
                ..
            } => {
                let service = service_name(step, &created[0]);
                let var = self.bind(&created[0]);
                let cmd = Command::aws("ec2", "create-vpc-endpoint")
                    .arg("--vpc-endpoint-type", Word::lit("Interface"))
                    .arg("--vpc-id", self.id(vpc.as_str()))
                    .arg("--service-name", Word::lit(service))
                    .list("--subnet-ids", self.ids(subnets))
                    .list("--security-group-ids", self.ids(security_groups))
                    .switch(if *private_dns {
                        "--private-dns-enabled"
                    } else {
                        "--no-private-dns-enabled"
                    })
                    .opt("--tag-specifications", Self::tags("vpc-endpoint", name))
                    .capture(&var, "VpcEndpoint.VpcEndpointId");
                self.emit(s, cmd);
                self.interface_enis(step, subnets, &var, "VPC Endpoint Interface ");
            }
            Action::ModifyGatewayEndpoint {
                endpoint,
                add_route_tables,
                remove_route_tables,
                ..
            } => {
                let cmd = Command::aws("ec2", "modify-vpc-endpoint")
                    .arg("--vpc-endpoint-id", self.id(endpoint.as_str()))
                    .list("--add-route-table-ids", self.ids(add_route_tables))
                    .list("--remove-route-table-ids", self.ids(remove_route_tables));
                self.emit(s, cmd);
            }
            Action::DeleteEndpoint { endpoint, .. } => {
                let cmd = Command::aws("ec2", "delete-vpc-endpoints")
                    .list("--vpc-endpoint-ids", vec![self.id(endpoint.as_str())]);
                self.emit(s, cmd);
            }
            Action::CreateTransitGateway {
                default_association,
                default_propagation,
                name,
                ..
            } => {
                let var = self.bind(&created[0]);
                let onoff = |b: bool| if b { "enable" } else { "disable" };
                let cmd = Command::aws("ec2", "create-transit-gateway")
                    .arg(
                        "--options",
                        Word::lit(format!(
                            "DefaultRouteTableAssociation={},DefaultRouteTablePropagation={}",
                            onoff(*default_association),
                            onoff(*default_propagation)
                        )),
                    )
                    .opt("--tag-specifications", Self::tags("transit-gateway", name))
                    .capture(&var, "TransitGateway.TransitGatewayId");
                self.emit(s, cmd);
                let wait = Command::aws("ec2", "describe-transit-gateways")
                    .list("--transit-gateway-ids", vec![Word::var(var.as_str())])
                    .query("TransitGateways[0].State")
                    .waiting_for("available");
                self.emit(s, wait);
                if let Some(rt) = created.get(1) {
                    if self.replay.mentioned_after(rt, step.index) {
                        let field = if *default_association {
                            "AssociationDefaultRouteTableId"
                        } else {
                            "PropagationDefaultRouteTableId"
                        };
                        let rt_var = self.bind(rt);
                        let cmd = Command::aws("ec2", "describe-transit-gateways")
                            .list("--transit-gateway-ids", vec![Word::var(var.as_str())])
                            .capture(&rt_var, &format!("TransitGateways[0].Options.{field}"));
                        self.emit(s, cmd);
                    }
                }
            }
            Action::CreateTransitGatewayRouteTable {
                transit_gateway,
                name,
                ..
            } => {
                let var = self.bind(&created[0]);
                let cmd = Command::aws("ec2", "create-transit-gateway-route-table")
                    .arg("--transit-gateway-id", self.id(transit_gateway.as_str()))
                    .opt(
                        "--tag-specifications",
                        Self::tags("transit-gateway-route-table", name),
                    )
                    .capture(&var, "TransitGatewayRouteTable.TransitGatewayRouteTableId");
                self.emit(s, cmd);
                let wait = Command::aws("ec2", "describe-transit-gateway-route-tables")
                    .list("--transit-gateway-route-table-ids", vec![Word::var(var.as_str())])
                    .query("TransitGatewayRouteTables[0].State")
                    .waiting_for("available");
                self.emit(s, wait);
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
                let cmd = self.tgw_pair(
                    "associate-transit-gateway-route-table",
                    transit_gateway_route_table,
                    transit_gateway_attachment,
                );
                self.emit(s, cmd);
            }
            Action::DisassociateTransitGatewayRouteTable {
                transit_gateway_route_table,
                transit_gateway_attachment,
                ..
            } => {
                let cmd = self.tgw_pair(
                    "disassociate-transit-gateway-route-table",
                    transit_gateway_route_table,
                    transit_gateway_attachment,
                );
                self.emit(s, cmd);
                // A new association waits until the old one is gone.
                let wait = Command::aws("ec2", "describe-transit-gateway-attachments")
                    .list(
                        "--transit-gateway-attachment-ids",
                        vec![self.id(transit_gateway_attachment.as_str())],
                    )
                    .query("TransitGatewayAttachments[0].Association.State")
                    .waiting_for("None");
                self.emit(s, wait);
            }
            Action::EnableTransitGatewayPropagation {
                transit_gateway_route_table,
                transit_gateway_attachment,
                ..
            } => {
                let cmd = self.tgw_pair(
                    "enable-transit-gateway-route-table-propagation",
                    transit_gateway_route_table,
                    transit_gateway_attachment,
                );
                self.emit(s, cmd);
            }
            Action::DisableTransitGatewayPropagation {
                transit_gateway_route_table,
                transit_gateway_attachment,
                ..
            } => {
                let cmd = self.tgw_pair(
                    "disable-transit-gateway-route-table-propagation",
                    transit_gateway_route_table,
                    transit_gateway_attachment,
                );
                self.emit(s, cmd);
            }
            Action::CreateTransitGatewayRoute {
                transit_gateway_route_table,
                destination,
                transit_gateway_attachment,
                blackhole,
                ..
            } => {
                let mut cmd = Command::aws("ec2", "create-transit-gateway-route")
                    .arg(
                        "--transit-gateway-route-table-id",
                        self.id(transit_gateway_route_table.as_str()),
                    )
                    .arg("--destination-cidr-block", Word::lit(destination.trim()));
                match (transit_gateway_attachment, blackhole) {
                    (_, true) => cmd = cmd.switch("--blackhole"),
                    (Some(att), false) => {
                        cmd = cmd.arg("--transit-gateway-attachment-id", self.id(att.as_str()))
                    }
                    (None, false) => {}
                }
                self.emit(s, cmd);
            }
            Action::DeleteTransitGatewayRoute {
                transit_gateway_route_table,
                destination,
                ..
            } => {
                let cmd = Command::aws("ec2", "delete-transit-gateway-route")
                    .arg(
                        "--transit-gateway-route-table-id",
                        self.id(transit_gateway_route_table.as_str()),
                    )
                    .arg("--destination-cidr-block", Word::lit(destination.trim()));
                self.emit(s, cmd);
            }
            Action::ShareSubnet {
                subnet, with_account, ..
            } => {
                let share = self.counter.next("share");
                let arn = Word::lit(format!("arn:aws:ec2:{}:{}:subnet/", s.region, s.account))
                    .join(self.id(subnet.as_str()));
                let cmd = Command::aws("ram", "create-resource-share")
                    .arg("--name", Word::lit(format!("vpclab-{}", share.replace('_', "-"))))
                    .list("--resource-arns", vec![arn])
                    .list("--principals", vec![Word::lit(with_account.as_str())]);
                self.emit(s, cmd);
                self.comment(&format!(
                    "outside an AWS Organization with resource sharing enabled, account {with_account} accepts the invitation:\n  aws ram get-resource-share-invitations, then aws ram accept-resource-share-invitation --resource-share-invitation-arn ARN"
                ));
            }
            Action::CreateSecurityGroup {
                vpc,
                name,
                description,
                ..
            } => {
                let var = self.bind(&created[0]);
                let description = if description.trim().is_empty() {
                    name.as_str()
                } else {
                    description.as_str()
                };
                let cmd = Command::aws("ec2", "create-security-group")
                    .arg("--group-name", Word::lit(name.as_str()))
                    .arg("--description", Word::lit(description))
                    .arg("--vpc-id", self.id(vpc.as_str()))
                    .capture(&var, "GroupId");
                self.emit(s, cmd);
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
                let verb = match direction {
                    Direction::Ingress => "authorize-security-group-ingress",
                    Direction::Egress => "authorize-security-group-egress",
                };
                let rule = SgRuleArgs {
                    protocol,
                    from_port: *from_port,
                    to_port: *to_port,
                    cidr: cidr.as_deref(),
                    peer_group: peer_group.as_ref(),
                    prefix_list: prefix_list.as_ref(),
                    description: description.as_deref(),
                };
                let perms = rule.ip_permissions(step, security_group);
                let cmd = Command::aws("ec2", verb)
                    .arg("--group-id", self.id(security_group.as_str()))
                    .arg("--ip-permissions", self.json(&perms));
                self.emit(s, cmd);
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
                let verb = match direction {
                    Direction::Ingress => "revoke-security-group-ingress",
                    Direction::Egress => "revoke-security-group-egress",
                };
                let rule = SgRuleArgs {
                    protocol,
                    from_port: *from_port,
                    to_port: *to_port,
                    cidr: cidr.as_deref(),
                    peer_group: peer_group.as_ref(),
                    prefix_list: prefix_list.as_ref(),
                    description: None,
                };
                let perms = rule.ip_permissions(step, security_group);
                let cmd = Command::aws("ec2", verb)
                    .arg("--group-id", self.id(security_group.as_str()))
                    .arg("--ip-permissions", self.json(&perms));
                self.emit(s, cmd);
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
                let mut cmd = Command::aws("ec2", "create-network-acl-entry")
                    .arg("--network-acl-id", self.id(network_acl.as_str()))
                    .arg("--rule-number", Word::lit(rule_number.to_string()))
                    .arg("--protocol", Word::lit(number.as_str()))
                    .arg(
                        "--rule-action",
                        Word::lit(rule_action.trim().to_ascii_lowercase()),
                    )
                    .switch(if *egress { "--egress" } else { "--ingress" });
                cmd = match dest_kind(cidr) {
                    DestKind::Ipv6 => cmd.arg("--ipv6-cidr-block", Word::lit(cidr.trim())),
                    _ => cmd.arg("--cidr-block", Word::lit(cidr.trim())),
                };
                match number.as_str() {
                    "6" | "17" => {
                        if let (Some(f), Some(t)) = (from_port, to_port) {
                            cmd = cmd.arg("--port-range", Word::lit(format!("From={f},To={t}")));
                        }
                    }
                    "1" => {
                        cmd = cmd.arg(
                            "--icmp-type-code",
                            Word::lit(format!(
                                "Type={},Code={}",
                                icmp_type.unwrap_or(-1),
                                icmp_code.unwrap_or(-1)
                            )),
                        );
                    }
                    _ => {}
                }
                self.emit(s, cmd);
            }
            Action::RemoveNetworkAclEntry {
                network_acl,
                rule_number,
                egress,
                ..
            } => {
                let cmd = Command::aws("ec2", "delete-network-acl-entry")
                    .arg("--network-acl-id", self.id(network_acl.as_str()))
                    .arg("--rule-number", Word::lit(rule_number.to_string()))
                    .switch(if *egress { "--egress" } else { "--ingress" });
                self.emit(s, cmd);
            }
            Action::LaunchInstance {
                subnet,
                private_ip,
                public_ip,
                security_groups,
                name,
                ..
            } => {
                let maps_public = step
                    .before
                    .subnets
                    .get(subnet)
                    .is_some_and(|x| x.map_public_ip_on_launch);
                let var = self.bind(&created[0]);
                let mut cmd = Command::aws("ec2", "run-instances")
                    .arg("--image-id", Word::lit(format!("resolve:ssm:{AMI_PARAMETER}")))
                    .arg("--instance-type", Word::lit(INSTANCE_TYPE))
                    .arg("--subnet-id", self.id(subnet.as_str()))
                    .opt(
                        "--private-ip-address",
                        private_ip.as_ref().map(|ip| Word::lit(ip.trim())),
                    )
                    .list("--security-group-ids", self.ids(security_groups));
                if *public_ip {
                    cmd = cmd.switch("--associate-public-ip-address");
                } else if maps_public {
                    cmd = cmd.switch("--no-associate-public-ip-address");
                }
                let cmd = cmd
                    .opt("--tag-specifications", Self::tags("instance", name))
                    .capture(&var, "Instances[0].InstanceId");
                self.emit(s, cmd);
                if let Some(eni) = created.get(1) {
                    if self.replay.mentioned_after(eni, step.index) {
                        let eni_var = self.bind(eni);
                        let cmd = Command::aws("ec2", "describe-instances")
                            .list("--instance-ids", vec![Word::var(var.as_str())])
                            .capture(
                                &eni_var,
                                "Reservations[0].Instances[0].NetworkInterfaces[0].NetworkInterfaceId",
                            );
                        self.emit(s, cmd);
                    }
                }
            }
        }
    }

    /// Destination (and target) flags of a route command.
    fn route_args(&self, cmd: Command, destination: &str, target: Option<&String>) -> Command {
        let d = destination.trim();
        let cmd = match dest_kind(d) {
            DestKind::PrefixList => cmd.arg("--destination-prefix-list-id", Word::lit(d)),
            DestKind::Ipv6 => cmd.arg("--destination-ipv6-cidr-block", Word::lit(d)),
            DestKind::Ipv4 => cmd.arg("--destination-cidr-block", Word::lit(d)),
        };
        let Some(target) = target.map(|t| t.trim()) else {
            return cmd;
        };
        if target == "local" {
            return cmd.switch("--local-target");
        }
        let flag = match kind_of(target) {
            "igw" => "--gateway-id",
            "nat" => "--nat-gateway-id",
            "pcx" => "--vpc-peering-connection-id",
            "vpce" => "--vpc-endpoint-id",
            "tgw" => "--transit-gateway-id",
            "eni" => "--network-interface-id",
            "instance" => "--instance-id",
            _ => "--gateway-id",
        };
        cmd.arg(flag, self.id(target))
    }

    /// The main route table, default network ACL and default security group of a new VPC, looked
    /// up when a later action names them.
    fn vpc_defaults(&mut self, step: &Step, vpc_var: &str) {
        let s = &step.scope;
        let vpc = Word::lit("Name=vpc-id,Values=").join(Word::var(vpc_var));
        let lookups = [
            (
                1,
                "describe-route-tables",
                "Name=association.main,Values=true",
                "RouteTables[0].RouteTableId",
            ),
            (
                2,
                "describe-network-acls",
                "Name=default,Values=true",
                "NetworkAcls[0].NetworkAclId",
            ),
            (
                3,
                "describe-security-groups",
                "Name=group-name,Values=default",
                "SecurityGroups[0].GroupId",
            ),
        ];
        for (i, verb, filter, query) in lookups {
            let Some(id) = step.applied.created.get(i) else {
                continue;
            };
            if !self.replay.mentioned_after(id, step.index) {
                continue;
            }
            let var = self.bind(id);
            let cmd = Command::aws("ec2", verb)
                .list("--filters", vec![vpc.clone(), Word::lit(filter)])
                .capture(&var, query);
            self.emit(s, cmd);
        }
    }

    /// The network interfaces an endpoint or attachment made, one per subnet, looked up by
    /// subnet and description when a later action names them.
    fn interface_enis(&mut self, step: &Step, subnets: &[SubnetId], owner_var: &str, description: &str) {
        for (eni, subnet) in step.applied.created.iter().skip(1).zip(subnets) {
            if !self.replay.mentioned_after(eni, step.index) {
                continue;
            }
            let var = self.bind(eni);
            let cmd = Command::aws("ec2", "describe-network-interfaces")
                .list(
                    "--filters",
                    vec![
                        Word::lit("Name=subnet-id,Values=").join(self.id(subnet.as_str())),
                        Word::lit(format!("Name=description,Values={description}"))
                            .join(Word::var(owner_var)),
                    ],
                )
                .capture(&var, "NetworkInterfaces[0].NetworkInterfaceId");
            self.emit(&step.scope, cmd);
        }
    }

    fn nat_gateway(&mut self, step: &Step, subnet: &SubnetId, private: bool, name: &Option<String>) {
        let s = &step.scope;
        let created = &step.applied.created;
        let mut cmd = Command::aws("ec2", "create-nat-gateway").arg("--subnet-id", self.id(subnet.as_str()));
        if private {
            cmd = cmd.arg("--connectivity-type", Word::lit("private"));
        } else {
            let eip = self.scratch("eipalloc");
            let alloc = Command::aws("ec2", "allocate-address")
                .arg("--domain", Word::lit("vpc"))
                .capture(&eip, "AllocationId");
            self.emit(s, alloc);
            cmd = cmd.arg("--allocation-id", Word::var(eip.as_str()));
        }
        let var = self.bind(&created[0]);
        let cmd = cmd
            .opt("--tag-specifications", Self::tags("natgateway", name))
            .capture(&var, "NatGateway.NatGatewayId");
        self.emit(s, cmd);
        let wait = Command::aws("ec2", "wait")
            .word(Word::lit("nat-gateway-available"))
            .list("--nat-gateway-ids", vec![Word::var(var.as_str())]);
        self.emit(s, wait);
        if let Some(eni) = created.get(1) {
            if self.replay.mentioned_after(eni, step.index) {
                let eni_var = self.bind(eni);
                let cmd = Command::aws("ec2", "describe-nat-gateways")
                    .list("--nat-gateway-ids", vec![Word::var(var.as_str())])
                    .capture(
                        &eni_var,
                        "NatGateways[0].NatGatewayAddresses[0].NetworkInterfaceId",
                    );
                self.emit(s, cmd);
            }
        }
    }

    /// `create-transit-gateway-vpc-attachment`. A transit gateway of another account is first
    /// shared with the VPC's account through AWS RAM, and its owner accepts the attachment
    /// (vpclab treats such a gateway as shared and auto-accepting). See "Share a transit gateway"
    /// and "Accept a shared attachment", Amazon VPC Transit Gateways.
    fn tgw_attachment(
        &mut self,
        step: &Step,
        tgw: &TgwId,
        vpc: &VpcId,
        subnets: &[SubnetId],
        name: &Option<String>,
    ) {
        let s = &step.scope;
        let owner = locate(step.before, tgw.as_str());
        let foreign = owner.clone().filter(|o| o.account != s.account);
        if let Some(o) = &foreign {
            if self.shared_tgws.insert((tgw.to_string(), s.account.clone())) {
                self.comment(&format!(
                    "{tgw} belongs to account {}: share it with account {} through AWS RAM first",
                    o.account, s.account
                ));
                let share = self.counter.next("share");
                let arn = Word::lit(format!("arn:aws:ec2:{}:{}:transit-gateway/", o.region, o.account))
                    .join(self.id(tgw.as_str()));
                let cmd = Command::aws("ram", "create-resource-share")
                    .arg("--name", Word::lit(format!("vpclab-{}", share.replace('_', "-"))))
                    .list("--resource-arns", vec![arn])
                    .list("--principals", vec![Word::lit(s.account.as_str())]);
                self.emit(o, cmd);
            }
        }
        let var = self.bind(&step.applied.created[0]);
        let cmd = Command::aws("ec2", "create-transit-gateway-vpc-attachment")
            .arg("--transit-gateway-id", self.id(tgw.as_str()))
            .arg("--vpc-id", self.id(vpc.as_str()))
            .list("--subnet-ids", self.ids(subnets))
            .opt(
                "--tag-specifications",
                Self::tags("transit-gateway-attachment", name),
            )
            .capture(&var, "TransitGatewayVpcAttachment.TransitGatewayAttachmentId");
        self.emit(s, cmd);
        let describe = |state: &str| {
            Command::aws("ec2", "describe-transit-gateway-vpc-attachments")
                .list("--transit-gateway-attachment-ids", vec![Word::var(var.as_str())])
                .query("TransitGatewayVpcAttachments[0].State")
                .waiting_for(state)
        };
        if let Some(o) = &foreign {
            self.emit(o, describe("pendingAcceptance"));
            let accept = Command::aws("ec2", "accept-transit-gateway-vpc-attachment")
                .arg("--transit-gateway-attachment-id", Word::var(var.as_str()));
            self.emit(o, accept);
        }
        self.emit(s, describe("available"));
        self.interface_enis(
            step,
            subnets,
            &var,
            "Network Interface for Transit Gateway Attachment ",
        );
    }

    fn tgw_pair(&self, verb: &str, rt: &TgwRouteTableId, att: &TgwAttachmentId) -> Command {
        Command::aws("ec2", verb)
            .arg("--transit-gateway-route-table-id", self.id(rt.as_str()))
            .arg("--transit-gateway-attachment-id", self.id(att.as_str()))
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

/// The fields of a security-group rule, as `--ip-permissions` JSON.
struct SgRuleArgs<'a> {
    protocol: &'a str,
    from_port: Option<i64>,
    to_port: Option<i64>,
    cidr: Option<&'a str>,
    peer_group: Option<&'a SgId>,
    prefix_list: Option<&'a PrefixListId>,
    description: Option<&'a str>,
}

impl SgRuleArgs<'_> {
    /// One `IpPermission`: the protocol, ports (type and code for ICMP) and one peer. A peer group
    /// of another account (a peered VPC) carries its `UserId`. See "AuthorizeSecurityGroupIngress"
    /// (Amazon EC2 API Reference) for the structure.
    fn ip_permissions(&self, step: &Step, group: &SgId) -> Value {
        let protocol = protocol_name(self.protocol);
        let mut perm = serde_json::Map::new();
        perm.insert("IpProtocol".into(), json!(protocol));
        match protocol.as_str() {
            "tcp" | "udp" => {
                perm.insert("FromPort".into(), json!(self.from_port));
                perm.insert("ToPort".into(), json!(self.to_port));
            }
            "icmp" => {
                perm.insert("FromPort".into(), json!(self.from_port.unwrap_or(-1)));
                perm.insert("ToPort".into(), json!(self.to_port.unwrap_or(-1)));
            }
            _ => {}
        }
        let with_description = |mut m: serde_json::Map<String, Value>| {
            if let Some(d) = self.description {
                m.insert("Description".into(), json!(d));
            }
            Value::Object(m)
        };
        if let Some(c) = self.cidr {
            let c = c.trim();
            let (list, key) = match dest_kind(c) {
                DestKind::Ipv6 => ("Ipv6Ranges", "CidrIpv6"),
                _ => ("IpRanges", "CidrIp"),
            };
            let mut m = serde_json::Map::new();
            m.insert(key.into(), json!(c));
            perm.insert(list.into(), json!([with_description(m)]));
        } else if let Some(g) = self.peer_group {
            let mut m = serde_json::Map::new();
            m.insert("GroupId".into(), json!(g.as_str()));
            let owner = |e: &Estate, id: &SgId| e.security_groups.get(id).map(|x| x.owner.clone());
            let peer_owner = owner(step.before, g);
            if peer_owner.is_some() && peer_owner != owner(step.before, group) {
                m.insert("UserId".into(), json!(peer_owner));
            }
            perm.insert("UserIdGroupPairs".into(), json!([with_description(m)]));
        } else if let Some(p) = self.prefix_list {
            let mut m = serde_json::Map::new();
            m.insert("PrefixListId".into(), json!(p.as_str()));
            perm.insert("PrefixListIds".into(), json!([with_description(m)]));
        }
        json!([Value::Object(perm)])
    }
}

#[cfg(test)]
#[path = "aws_cli_tests.rs"]
mod tests;
