//! Commands shared by several actions or made of several steps: route flags, the defaults of a
//! new VPC, network interfaces, NAT gateways, transit gateway attachments.

use super::*;

impl Script<'_> {
    /// Destination (and target) flags of a route command.
    pub(super) fn route_args(&self, cmd: Command, destination: &str, target: Option<&String>) -> Command {
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
            "eigw" => "--egress-only-internet-gateway-id",
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
    pub(super) fn vpc_defaults(&mut self, step: &LoggedStep, vpc_var: &str) {
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
    pub(super) fn interface_enis(
        &mut self,
        step: &LoggedStep,
        subnets: &[SubnetId],
        owner_var: &str,
        description: &str,
    ) {
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

    pub(super) fn nat_gateway(
        &mut self,
        step: &LoggedStep,
        subnet: &SubnetId,
        private: bool,
        name: &Option<String>,
    ) {
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
    pub(super) fn tgw_attachment(
        &mut self,
        step: &LoggedStep,
        tgw: &TgwId,
        vpc: &VpcId,
        subnets: &[SubnetId],
        name: &Option<String>,
        ipv6_support: bool,
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
            .opt("--options", ipv6_support.then(|| Word::lit("Ipv6Support=enable")))
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

    pub(super) fn tgw_pair(&self, verb: &str, rt: &TgwRouteTableId, att: &TgwAttachmentId) -> Command {
        Command::aws("ec2", verb)
            .arg("--transit-gateway-route-table-id", self.id(rt.as_str()))
            .arg("--transit-gateway-attachment-id", self.id(att.as_str()))
    }
}
