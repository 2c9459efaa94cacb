//! One action → its commands.

use super::*;

impl Script<'_> {
    pub(super) fn step(&mut self, step: &LoggedStep) {
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
            Action::AssociateVpcIpv6Cidr { vpc, .. } => {
                let cmd = Command::aws("ec2", "associate-vpc-cidr-block")
                    .arg("--vpc-id", self.id(vpc.as_str()))
                    .switch("--amazon-provided-ipv6-cidr-block");
                self.emit(s, cmd);
            }
            Action::AssociateSubnetIpv6Cidr { subnet, cidr, .. } => {
                let cmd = Command::aws("ec2", "associate-subnet-cidr-block")
                    .arg("--subnet-id", self.id(subnet.as_str()))
                    .arg("--ipv6-cidr-block", Word::lit(cidr.trim()));
                self.emit(s, cmd);
            }
            Action::CreateEgressOnlyInternetGateway { vpc, name, .. } => {
                let var = self.bind(&created[0]);
                let cmd = Command::aws("ec2", "create-egress-only-internet-gateway")
                    .arg("--vpc-id", self.id(vpc.as_str()))
                    .opt(
                        "--tag-specifications",
                        Self::tags("egress-only-internet-gateway", name),
                    )
                    .capture(&var, "EgressOnlyInternetGateway.EgressOnlyInternetGatewayId");
                self.emit(s, cmd);
            }
            Action::DeleteEgressOnlyInternetGateway {
                egress_only_internet_gateway,
                ..
            } => {
                let cmd = Command::aws("ec2", "delete-egress-only-internet-gateway").arg(
                    "--egress-only-internet-gateway-id",
                    self.id(egress_only_internet_gateway.as_str()),
                );
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
                ipv6_cidr,
                ipv6_native,
                ..
            } => {
                let var = self.bind(&created[0]);
                let mut cmd = Command::aws("ec2", "create-subnet")
                    .arg("--vpc-id", self.id(vpc.as_str()))
                    .opt("--cidr-block", cidr.as_ref().map(|c| Word::lit(c.trim())))
                    .opt(
                        "--ipv6-cidr-block",
                        ipv6_cidr.as_ref().map(|c| Word::lit(c.trim())),
                    );
                if *ipv6_native {
                    cmd = cmd.switch("--ipv6-native");
                }
                let cmd = cmd
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
                ipv6_support,
                ..
            } => self.tgw_attachment(step, transit_gateway, vpc, subnets, name, *ipv6_support),
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
                rule,
                description,
                ..
            } => {
                let verb = match rule.direction {
                    Direction::Ingress => "authorize-security-group-ingress",
                    Direction::Egress => "authorize-security-group-egress",
                };
                let args = SgRuleArgs {
                    rule,
                    description: description.as_deref(),
                };
                let perms = args.ip_permissions(step, security_group);
                let cmd = Command::aws("ec2", verb)
                    .arg("--group-id", self.id(security_group.as_str()))
                    .arg("--ip-permissions", self.json(&perms));
                self.emit(s, cmd);
            }
            Action::RemoveSecurityGroupRule {
                security_group, rule, ..
            } => {
                let verb = match rule.direction {
                    Direction::Ingress => "revoke-security-group-ingress",
                    Direction::Egress => "revoke-security-group-egress",
                };
                let args = SgRuleArgs {
                    rule,
                    description: None,
                };
                let perms = args.ip_permissions(step, security_group);
                let cmd = Command::aws("ec2", verb)
                    .arg("--group-id", self.id(security_group.as_str()))
                    .arg("--ip-permissions", self.json(&perms));
                self.emit(s, cmd);
            }
            Action::AddNetworkAclEntry {
                network_acl, entry, ..
            } => {
                let cmd = self.acl_entry("create-network-acl-entry", network_acl, entry);
                self.emit(s, cmd);
            }
            Action::ReplaceNetworkAclEntry {
                network_acl, entry, ..
            } => {
                let cmd = self.acl_entry("replace-network-acl-entry", network_acl, entry);
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
            Action::DeleteTransitGatewayAttachment {
                transit_gateway_attachment,
                ..
            } => {
                let cmd = Command::aws("ec2", "delete-transit-gateway-vpc-attachment").arg(
                    "--transit-gateway-attachment-id",
                    self.id(transit_gateway_attachment.as_str()),
                );
                self.emit(s, cmd);
            }
            Action::ModifyTransitGatewayAttachment {
                transit_gateway_attachment,
                add_subnets,
                remove_subnets,
                ..
            } => {
                let cmd = Command::aws("ec2", "modify-transit-gateway-vpc-attachment")
                    .arg(
                        "--transit-gateway-attachment-id",
                        self.id(transit_gateway_attachment.as_str()),
                    )
                    .list("--add-subnet-ids", self.ids(add_subnets))
                    .list("--remove-subnet-ids", self.ids(remove_subnets));
                self.emit(s, cmd);
            }
            Action::DeleteTransitGatewayRouteTable {
                transit_gateway_route_table,
                ..
            } => {
                let cmd = Command::aws("ec2", "delete-transit-gateway-route-table").arg(
                    "--transit-gateway-route-table-id",
                    self.id(transit_gateway_route_table.as_str()),
                );
                self.emit(s, cmd);
            }
            Action::DeleteTransitGateway { transit_gateway, .. } => {
                let cmd = Command::aws("ec2", "delete-transit-gateway")
                    .arg("--transit-gateway-id", self.id(transit_gateway.as_str()));
                self.emit(s, cmd);
            }
            Action::DeleteSubnet { subnet, .. } => {
                let cmd = Command::aws("ec2", "delete-subnet").arg("--subnet-id", self.id(subnet.as_str()));
                self.emit(s, cmd);
            }
            Action::DeleteVpc { vpc, .. } => {
                let cmd = Command::aws("ec2", "delete-vpc").arg("--vpc-id", self.id(vpc.as_str()));
                self.emit(s, cmd);
            }
            Action::DeleteInternetGateway { internet_gateway, .. } => {
                let cmd = Command::aws("ec2", "delete-internet-gateway")
                    .arg("--internet-gateway-id", self.id(internet_gateway.as_str()));
                self.emit(s, cmd);
            }
            Action::DeleteSecurityGroup { security_group, .. } => {
                let cmd = Command::aws("ec2", "delete-security-group")
                    .arg("--group-id", self.id(security_group.as_str()));
                self.emit(s, cmd);
            }
            Action::CreateVpnGateway { .. }
            | Action::AttachVpnGateway { .. }
            | Action::DetachVpnGateway { .. }
            | Action::DeleteVpnGateway { .. }
            | Action::CreateCustomerGateway { .. }
            | Action::DeleteCustomerGateway { .. }
            | Action::CreateVpnConnection { .. }
            | Action::DeleteVpnConnection { .. }
            | Action::CreateVpnConnectionRoute { .. }
            | Action::DeleteVpnConnectionRoute { .. }
            | Action::EnableVgwRoutePropagation { .. }
            | Action::DisableVgwRoutePropagation { .. }
            | Action::CreateDirectConnectGateway { .. }
            | Action::DeleteDirectConnectGateway { .. }
            | Action::CreateDirectConnectGatewayAssociation { .. }
            | Action::DeleteDirectConnectGatewayAssociation { .. } => self.hybrid(step),
            Action::TerminateInstance { instance, .. } => {
                let cmd = Command::aws("ec2", "terminate-instances")
                    .list("--instance-ids", vec![self.id(instance.as_str())]);
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
                let got_ipv6 = step
                    .after
                    .instances
                    .get(&created[0].as_str().into())
                    .is_some_and(|i| !i.ipv6_addresses.is_empty());
                if got_ipv6 {
                    cmd = cmd.arg("--ipv6-address-count", Word::lit("1"));
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
}

impl Script<'_> {
    /// `aws ec2 create-network-acl-entry` or `replace-network-acl-entry`: the same arguments.
    fn acl_entry(&mut self, verb: &str, network_acl: &AclId, entry: &AclEntrySpec) -> Command {
        let number = protocol_number(&entry.protocol);
        let mut cmd = Command::aws("ec2", verb)
            .arg("--network-acl-id", self.id(network_acl.as_str()))
            .arg("--rule-number", Word::lit(entry.rule_number.to_string()))
            .arg("--protocol", Word::lit(number.as_str()))
            .arg(
                "--rule-action",
                Word::lit(entry.rule_action.trim().to_ascii_lowercase()),
            )
            .switch(if entry.egress { "--egress" } else { "--ingress" });
        cmd = match dest_kind(&entry.cidr) {
            DestKind::Ipv6 => cmd.arg("--ipv6-cidr-block", Word::lit(entry.cidr.trim())),
            _ => cmd.arg("--cidr-block", Word::lit(entry.cidr.trim())),
        };
        match number.as_str() {
            "6" | "17" => {
                if let (Some(f), Some(t)) = (entry.from_port, entry.to_port) {
                    cmd = cmd.arg("--port-range", Word::lit(format!("From={f},To={t}")));
                }
            }
            "1" => {
                cmd = cmd.arg(
                    "--icmp-type-code",
                    Word::lit(format!(
                        "Type={},Code={}",
                        entry.icmp_type.unwrap_or(-1),
                        entry.icmp_code.unwrap_or(-1)
                    )),
                );
            }
            _ => {}
        }
        cmd
    }
}
