//! One action → the blocks it adds, changes or removes (or the comment saying why there is none).

use super::*;

impl Config<'_> {
    pub(super) fn step(&mut self, step: &LoggedStep) {
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
            Action::AssociateVpcIpv6Cidr { vpc, .. } => {
                let name = self.counter.next("vpc_ipv6");
                let b = self
                    .resource(&s, "aws_vpc_ipv6_cidr_block_association", &name)
                    .comment(origin)
                    .with("vpc_id", self.id(vpc.as_str()))
                    .with("assign_generated_ipv6_cidr_block", Expr::Bool(true));
                self.push(Some(format!("ipv6:{vpc}")), b);
            }
            Action::AssociateSubnetIpv6Cidr { subnet, cidr, .. } => {
                if let Some(b) = self.find_mut(subnet.as_str()) {
                    b.set("ipv6_cidr_block", Expr::str(cidr.trim()));
                } else {
                    self.no_equivalent(step, "the subnet belongs to the start estate; add the block with aws ec2 associate-subnet-cidr-block, or set ipv6_cidr_block on its aws_subnet");
                }
            }
            Action::CreateEgressOnlyInternetGateway { vpc, name, .. } => {
                let tf = self.counter.next("eigw");
                let b = self
                    .resource(&s, "aws_egress_only_internet_gateway", &tf)
                    .comment(origin)
                    .with("vpc_id", self.id(vpc.as_str()))
                    .with_opt("tags", Self::tags(name));
                self.bind(&created[0], format!("aws_egress_only_internet_gateway.{tf}.id"));
                self.push(Some(created[0].clone()), b);
            }
            Action::DeleteEgressOnlyInternetGateway {
                egress_only_internet_gateway,
                ..
            } => {
                if !self.undo(egress_only_internet_gateway.as_str(), step) {
                    self.no_equivalent(step, "the egress-only internet gateway belongs to the start estate; delete it with aws ec2 delete-egress-only-internet-gateway");
                }
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
                ipv6_cidr,
                ipv6_native,
                ..
            } => {
                let tf = self.counter.next("subnet");
                let mut b = self
                    .resource(&s, "aws_subnet", &tf)
                    .comment(origin)
                    .with("vpc_id", self.id(vpc.as_str()))
                    .with_opt("cidr_block", cidr.as_ref().map(|c| Expr::str(c.trim())))
                    .with_opt("ipv6_cidr_block", ipv6_cidr.as_ref().map(|c| Expr::str(c.trim())))
                    .with_opt("ipv6_native", ipv6_native.then_some(Expr::Bool(true)))
                    .with("availability_zone", Expr::str(availability_zone.trim()))
                    .with_opt("tags", Self::tags(name));
                // A subnet in a secondary CIDR the log associated waits for the association.
                if let Some(dep) = cidr.as_ref().and_then(|c| self.secondary_cidr_of(vpc, c)) {
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
                ipv6_support,
                ..
            } => self.tgw_attachment(step, transit_gateway, vpc, subnets, name, *ipv6_support),
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
                rule,
                description,
                ..
            } => {
                let ty = match rule.direction {
                    Direction::Ingress => "aws_vpc_security_group_ingress_rule",
                    Direction::Egress => "aws_vpc_security_group_egress_rule",
                };
                let proto = protocol_name(&rule.protocol);
                let name = self.counter.next("sg_rule");
                let mut b = self
                    .resource(&s, ty, &name)
                    .comment(origin)
                    .with("security_group_id", self.id(security_group.as_str()))
                    .with("ip_protocol", Expr::str(proto.as_str()));
                if let (Some(f), Some(t)) = rule_ports(&proto, rule.from_port, rule.to_port) {
                    b.set("from_port", Expr::Int(f));
                    b.set("to_port", Expr::Int(t));
                }
                if let Some(c) = &rule.cidr {
                    let attr = if dest_kind(c) == DestKind::Ipv6 {
                        "cidr_ipv6"
                    } else {
                        "cidr_ipv4"
                    };
                    b.set(attr, Expr::str(c.trim()));
                } else if let Some(g) = &rule.peer_group {
                    b.set("referenced_security_group_id", self.id(g.as_str()));
                    let owner = |id: &SgId| step.before.security_groups.get(id).map(|x| x.owner.clone());
                    if let Some(o) = owner(g).filter(|o| Some(o) != owner(security_group).as_ref()) {
                        b.comments
                            .push(format!("{g} belongs to account {o} (a peered VPC)"));
                    }
                } else if let Some(p) = &rule.prefix_list {
                    b.set("prefix_list_id", Expr::str(p.as_str()));
                }
                let b = b.with_opt("description", description.as_ref().map(|d| Expr::str(d.as_str())));
                self.push(Some(sg_spec_key(security_group, rule)), b);
            }
            Action::RemoveSecurityGroupRule {
                security_group, rule, ..
            } => {
                let key = sg_spec_key(security_group, rule);
                if !self.undo(&key, step) {
                    self.no_equivalent(step, "the rule belongs to the start estate; revoke it with aws ec2 revoke-security-group-ingress (or -egress)");
                }
            }
            Action::AddNetworkAclEntry {
                network_acl, entry, ..
            } => {
                let name = self.counter.next("acl_rule");
                let b = self.acl_rule(&s, &name, network_acl, entry).comment(origin);
                self.push(Some(acl_key(network_acl, entry.rule_number, entry.egress)), b);
            }
            Action::ReplaceNetworkAclEntry {
                network_acl, entry, ..
            } => {
                let key = acl_key(network_acl, entry.rule_number, entry.egress);
                if let Some(old) = self.find(&key) {
                    let name = old.labels.last().cloned().unwrap_or_default();
                    let b = self.acl_rule(&s, &name, network_acl, entry).comment(origin);
                    if let Some(slot) = self.find_mut(&key) {
                        *slot = b;
                    }
                } else if self.refs.contains_key(network_acl.as_str()) {
                    self.no_equivalent(step, "the entry is not one this configuration creates");
                } else {
                    let name = self.counter.next("acl_rule");
                    let b = self
                        .acl_rule(&s, &name, network_acl, entry)
                        .comment(origin)
                        .comment("the entry exists in the start estate: Terraform imports it, then replaces it with these arguments");
                    let old_protocol = step
                        .before
                        .network_acls
                        .get(network_acl)
                        .and_then(|a| {
                            a.entries.iter().find(|x| {
                                x.egress == entry.egress && i64::from(x.rule_number) == entry.rule_number
                            })
                        })
                        .map(|x| x.protocol.number())
                        .unwrap_or_else(|| protocol_number(&entry.protocol));
                    let import = Block::new("import", &[])
                        .with("to", Expr::reference(b.address()))
                        .with(
                            "id",
                            Expr::str(format!(
                                "{}:{}:{old_protocol}:{}",
                                network_acl.as_str().trim(),
                                entry.rule_number,
                                entry.egress
                            )),
                        );
                    self.push(None, import);
                    self.push(Some(key), b);
                }
            }
            Action::RemoveNetworkAclEntry {
                network_acl,
                rule_number,
                egress,
                ..
            } => {
                if !self.undo(&acl_key(network_acl, *rule_number, *egress), step) {
                    self.no_equivalent(step, "the entry belongs to the start estate; delete it with aws ec2 delete-network-acl-entry");
                }
            }
            Action::DeleteTransitGatewayAttachment {
                transit_gateway_attachment,
                ..
            } => {
                if !self.undo(transit_gateway_attachment.as_str(), step) {
                    self.no_equivalent(step, "the attachment belongs to the start estate; delete it with aws ec2 delete-transit-gateway-vpc-attachment");
                }
            }
            Action::ModifyTransitGatewayAttachment {
                transit_gateway_attachment,
                add_subnets,
                remove_subnets,
                ..
            } => self.modify_attachment(step, transit_gateway_attachment, add_subnets, remove_subnets),
            Action::DeleteTransitGatewayRouteTable {
                transit_gateway_route_table,
                ..
            } => {
                if !self.undo(transit_gateway_route_table.as_str(), step) {
                    self.no_equivalent(step, "the route table belongs to the start estate; delete it with aws ec2 delete-transit-gateway-route-table");
                }
            }
            Action::DeleteTransitGateway { transit_gateway, .. } => {
                if !self.undo(transit_gateway.as_str(), step) {
                    self.no_equivalent(step, "the transit gateway belongs to the start estate; delete it with aws ec2 delete-transit-gateway");
                }
            }
            Action::DeleteSubnet { subnet, .. } => {
                if !self.undo(subnet.as_str(), step) {
                    self.no_equivalent(
                        step,
                        "the subnet belongs to the start estate; delete it with aws ec2 delete-subnet",
                    );
                }
            }
            Action::DeleteVpc { vpc, .. } => {
                if !self.undo(vpc.as_str(), step) {
                    self.no_equivalent(
                        step,
                        "the VPC belongs to the start estate; delete it with aws ec2 delete-vpc",
                    );
                }
            }
            Action::DeleteInternetGateway { internet_gateway, .. } => {
                if !self.undo(internet_gateway.as_str(), step) {
                    self.no_equivalent(step, "the internet gateway belongs to the start estate; delete it with aws ec2 delete-internet-gateway");
                }
            }
            Action::DeleteSecurityGroup { security_group, .. } => {
                if !self.undo(security_group.as_str(), step) {
                    self.no_equivalent(step, "the security group belongs to the start estate; delete it with aws ec2 delete-security-group");
                }
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
                if !self.undo(instance.as_str(), step) {
                    self.no_equivalent(step, "the instance belongs to the start estate; terminate it with aws ec2 terminate-instances");
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
}

impl Config<'_> {
    /// An `aws_network_acl_rule` named `name` for an entry (created or replaced alike).
    fn acl_rule(&mut self, s: &Scope, name: &str, network_acl: &AclId, entry: &AclEntrySpec) -> Block {
        let number = protocol_number(&entry.protocol);
        let mut b = self
            .resource(s, "aws_network_acl_rule", name)
            .with("network_acl_id", self.id(network_acl.as_str()))
            .with("rule_number", Expr::Int(entry.rule_number))
            .with("egress", Expr::Bool(entry.egress))
            .with("protocol", Expr::str(number.as_str()))
            .with(
                "rule_action",
                Expr::str(entry.rule_action.trim().to_ascii_lowercase()),
            );
        let attr = if dest_kind(&entry.cidr) == DestKind::Ipv6 {
            "ipv6_cidr_block"
        } else {
            "cidr_block"
        };
        b.set(attr, Expr::str(entry.cidr.trim()));
        match number.as_str() {
            "6" | "17" => {
                if let (Some(f), Some(t)) = (entry.from_port, entry.to_port) {
                    b.set("from_port", Expr::Int(f));
                    b.set("to_port", Expr::Int(t));
                }
            }
            "1" => {
                b.set("icmp_type", Expr::Int(entry.icmp_type.unwrap_or(-1)));
                b.set("icmp_code", Expr::Int(entry.icmp_code.unwrap_or(-1)));
            }
            _ => {}
        }
        b
    }
}

/// The key of a network ACL entry's block.
fn acl_key(network_acl: &AclId, rule_number: i64, egress: bool) -> String {
    format!("acl:{network_acl}:{rule_number}:{egress}")
}

/// The key of a security-group rule's block: its group, direction, protocol, ports and peer.
fn sg_spec_key(group: &SgId, rule: &SgRuleSpec) -> String {
    let proto = protocol_name(&rule.protocol);
    let (from, to) = rule_ports(&proto, rule.from_port, rule.to_port);
    let peer = rule
        .cidr
        .as_ref()
        .map(|c| c.trim().to_string())
        .or_else(|| rule.peer_group.as_ref().map(|g| g.to_string()))
        .or_else(|| rule.prefix_list.as_ref().map(|p| p.to_string()))
        .unwrap_or_default();
    sg_rule_key(group.as_str(), rule.direction, &proto, from, to, &peer)
}
