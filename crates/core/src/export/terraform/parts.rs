//! The actions that make several blocks or look around the configuration: route targets,
//! peering acceptance, NAT gateways, endpoints, transit gateway attachments and shares,
//! network interfaces, instances.

use super::*;

impl Config<'_> {
    /// `destination_cidr_block`, `destination_ipv6_cidr_block` or `destination_prefix_list_id`.
    pub(super) fn route_destination(&self, b: Block, destination: &str) -> Block {
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
    pub(super) fn route_target(&mut self, step: &LoggedStep, b: Block, target: &str) -> Block {
        let t = target.trim();
        if t == "local" {
            return b.with("gateway_id", Expr::str("local"));
        }
        let attr = match kind_of(t) {
            "nat" => "nat_gateway_id",
            "eigw" => "egress_only_gateway_id",
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
    pub(super) fn secondary_cidr_of(&self, vpc: &VpcId, cidr: &str) -> Option<String> {
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

    pub(super) fn accept_peering(&mut self, step: &LoggedStep, peering: &PcxId) {
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

    pub(super) fn nat_gateway(
        &mut self,
        step: &LoggedStep,
        subnet: &SubnetId,
        private: bool,
        name: &Option<String>,
    ) {
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

    pub(super) fn modify_endpoint(
        &mut self,
        step: &LoggedStep,
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

    /// `ModifyTransitGatewayVpcAttachment`: the attachment's `subnet_ids` change in place when this
    /// configuration creates it; an attachment of the start estate has no Terraform equivalent.
    pub(super) fn modify_attachment(
        &mut self,
        step: &LoggedStep,
        att: &TgwAttachmentId,
        add: &[SubnetId],
        remove: &[SubnetId],
    ) {
        let origin = Self::origin(step);
        let adds: Vec<Expr> = add.iter().map(|s| self.id(s.as_str())).collect();
        let removes: Vec<Expr> = remove.iter().map(|s| self.id(s.as_str())).collect();
        let Some(b) = self.find_mut(att.as_str()) else {
            self.no_equivalent(step, "the attachment belongs to the start estate; change it with aws ec2 modify-transit-gateway-vpc-attachment");
            return;
        };
        let mut list = match b.get("subnet_ids") {
            Some(Expr::List(items)) => items.clone(),
            _ => Vec::new(),
        };
        list.retain(|x| !removes.contains(x));
        list.extend(adds);
        b.set("subnet_ids", Expr::List(list));
        b.comments.push(origin);
    }

    /// `aws_ec2_transit_gateway_vpc_attachment`. A transit gateway of another account is shared
    /// with the VPC's account through AWS RAM, and its owner accepts the attachment
    /// (`aws_ec2_transit_gateway_vpc_attachment_accepter`).
    pub(super) fn tgw_attachment(
        &mut self,
        step: &LoggedStep,
        tgw: &TgwId,
        vpc: &VpcId,
        subnets: &[SubnetId],
        name: &Option<String>,
        ipv6_support: bool,
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
            .with_opt("ipv6_support", ipv6_support.then(|| Expr::str("enable")))
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
    pub(super) fn default_off(
        &mut self,
        step: &LoggedStep,
        att: &TgwAttachmentId,
        rt: &TgwRouteTableId,
        attr: &str,
    ) -> bool {
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
    pub(super) fn share(
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
    pub(super) fn interface_enis(
        &mut self,
        step: &LoggedStep,
        subnets: &[SubnetId],
        description: &str,
        owner: &str,
    ) {
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

    pub(super) fn instance(
        &mut self,
        step: &LoggedStep,
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
        let got_ipv6 = step
            .after
            .instances
            .get(&created[0].as_str().into())
            .is_some_and(|i| !i.ipv6_addresses.is_empty());
        if got_ipv6 {
            b.set("ipv6_address_count", Expr::Int(1));
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
}
