//! The [`Action`] type: one variant per console action, serde-tagged by `"action"`.

use serde::{Deserialize, Serialize};

use crate::model::*;

/// One console action. JSON: `{"action": "<snake_case name>", <fields>}`; unknown fields are
/// refused so that a typo in an exercise file is caught. Ids name existing resources; CIDRs and
/// addresses are strings so that a wrong one gets an AWS-style message rather than a parse error.
/// Every action may carry `account`, the account acting (see the module documentation).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "action", rename_all = "snake_case", deny_unknown_fields)]
pub enum Action {
    /// `CreateRoute`: `destination` is a CIDR or a prefix list (`pl-…`); `target` is `local` or an
    /// id whose prefix says its kind: `igw-`, `nat-`, `pcx-`, `vpce-` (Gateway Load Balancer
    /// endpoints), `tgw-`, `eni-`, `i-`.
    CreateRoute {
        route_table: RouteTableId,
        destination: String,
        target: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    /// `ReplaceRoute`: points an existing route at another target.
    ReplaceRoute {
        route_table: RouteTableId,
        destination: String,
        target: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    /// `DeleteRoute`.
    DeleteRoute {
        route_table: RouteTableId,
        destination: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    /// `CreateRouteTable`: a new table with the VPC's local routes.
    CreateRouteTable {
        vpc: VpcId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    /// `DeleteRouteTable`: only a table that is neither main nor associated.
    DeleteRouteTable {
        route_table: RouteTableId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    /// `AssociateRouteTable`: an explicit subnet association.
    AssociateRouteTable {
        route_table: RouteTableId,
        subnet: SubnetId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    /// `DisassociateRouteTable`: the subnet goes back to the main table.
    DisassociateRouteTable {
        subnet: SubnetId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    /// `ReplaceRouteTableAssociation` on the main association: `route_table` becomes its VPC's
    /// main route table.
    ReplaceMainRouteTable {
        route_table: RouteTableId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    /// `CreateVpcPeeringConnection` from `vpc` (the requester, owned by the acting account) to
    /// `peer_vpc`, owned by `peer_owner` (default: the requester's owner) in `peer_region`
    /// (default: the requester's region).
    RequestPeering {
        vpc: VpcId,
        peer_vpc: VpcId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        peer_owner: Option<AccountId>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        peer_region: Option<Region>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    /// `AcceptVpcPeeringConnection`, by the accepter's account.
    AcceptPeering {
        peering: PcxId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    /// `RejectVpcPeeringConnection`, by the accepter's account.
    RejectPeering {
        peering: PcxId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    /// `DeleteVpcPeeringConnection`, by either owner.
    DeletePeering {
        peering: PcxId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    /// `CreateVpc`, with its main route table, default network ACL and default security group.
    CreateVpc {
        cidr: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        region: Option<Region>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    /// `AssociateVpcCidrBlock`: a secondary IPv4 CIDR.
    AddVpcCidr {
        vpc: VpcId,
        cidr: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    /// `DisassociateVpcCidrBlock`: a secondary IPv4 CIDR no subnet uses.
    RemoveVpcCidr {
        vpc: VpcId,
        cidr: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    /// `ModifyVpcAttribute`: DNS support and DNS hostnames (private DNS of interface endpoints
    /// needs both).
    ModifyVpcAttribute {
        vpc: VpcId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        enable_dns_support: Option<bool>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        enable_dns_hostnames: Option<bool>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    /// `CreateSubnet`.
    CreateSubnet {
        vpc: VpcId,
        cidr: String,
        availability_zone: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    /// `CreateInternetGateway` (detached).
    CreateInternetGateway {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        region: Option<Region>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    /// `AttachInternetGateway`.
    AttachInternetGateway {
        internet_gateway: IgwId,
        vpc: VpcId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    /// `DetachInternetGateway`: routes to it become `blackhole`.
    DetachInternetGateway {
        internet_gateway: IgwId,
        vpc: VpcId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    /// `CreateNatGateway`: public (with a new Elastic IP) unless `private` is true.
    CreateNatGateway {
        subnet: SubnetId,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        private: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    /// `DeleteNatGateway`: routes to it become `blackhole`.
    DeleteNatGateway {
        nat_gateway: NatId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    /// `CreateVpcEndpoint` of type Gateway: `service` is `s3` or `dynamodb` (or the full
    /// `com.amazonaws.REGION.s3`); each route table gets the service's prefix-list route.
    CreateGatewayEndpoint {
        vpc: VpcId,
        service: String,
        #[serde(default)]
        route_tables: Vec<RouteTableId>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    /// `CreateVpcEndpoint` of type Interface: one ENI in each subnet (one subnet per AZ), with the
    /// security groups (default: the VPC's default group) and private DNS (default on).
    CreateInterfaceEndpoint {
        vpc: VpcId,
        service: String,
        subnets: Vec<SubnetId>,
        #[serde(default)]
        security_groups: Vec<SgId>,
        private_dns: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    /// `ModifyVpcEndpoint` for a gateway endpoint: add or remove route tables (and so the
    /// prefix-list routes).
    ModifyGatewayEndpoint {
        endpoint: VpceId,
        #[serde(default)]
        add_route_tables: Vec<RouteTableId>,
        #[serde(default)]
        remove_route_tables: Vec<RouteTableId>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    /// `DeleteVpcEndpoints`: its routes and ENIs go with it.
    DeleteEndpoint {
        endpoint: VpceId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    /// `CreateTransitGateway`, with its default route table when default association or
    /// propagation is on (both by default).
    CreateTransitGateway {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        region: Option<Region>,
        default_association: bool,
        default_propagation: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    /// `CreateTransitGatewayRouteTable`.
    CreateTransitGatewayRouteTable {
        transit_gateway: TgwId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    /// `CreateTransitGatewayVpcAttachment`: one subnet per AZ.
    CreateTransitGatewayAttachment {
        transit_gateway: TgwId,
        vpc: VpcId,
        subnets: Vec<SubnetId>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    /// `AssociateTransitGatewayRouteTable`.
    AssociateTransitGatewayRouteTable {
        transit_gateway_route_table: TgwRouteTableId,
        transit_gateway_attachment: TgwAttachmentId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    /// `DisassociateTransitGatewayRouteTable`.
    DisassociateTransitGatewayRouteTable {
        transit_gateway_route_table: TgwRouteTableId,
        transit_gateway_attachment: TgwAttachmentId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    /// `EnableTransitGatewayRouteTablePropagation`.
    EnableTransitGatewayPropagation {
        transit_gateway_route_table: TgwRouteTableId,
        transit_gateway_attachment: TgwAttachmentId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    /// `DisableTransitGatewayRouteTablePropagation`.
    DisableTransitGatewayPropagation {
        transit_gateway_route_table: TgwRouteTableId,
        transit_gateway_attachment: TgwAttachmentId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    /// `CreateTransitGatewayRoute`: to an attachment, or a blackhole.
    CreateTransitGatewayRoute {
        transit_gateway_route_table: TgwRouteTableId,
        destination: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        transit_gateway_attachment: Option<TgwAttachmentId>,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        blackhole: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    /// `DeleteTransitGatewayRoute` (a static route).
    DeleteTransitGatewayRoute {
        transit_gateway_route_table: TgwRouteTableId,
        destination: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    /// VPC sharing (AWS RAM `CreateResourceShare`): a non-default subnet, by its owner, with
    /// another account.
    ShareSubnet {
        subnet: SubnetId,
        with_account: AccountId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    /// `CreateSecurityGroup`: no inbound rules, all outbound allowed.
    CreateSecurityGroup {
        vpc: VpcId,
        name: String,
        #[serde(default)]
        description: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    /// `AuthorizeSecurityGroupIngress` / `AuthorizeSecurityGroupEgress`: `protocol` is `tcp`,
    /// `udp`, `icmp`, `-1` (all) or a protocol number; ports for TCP/UDP (ICMP: type and code);
    /// exactly one peer of `cidr`, `peer_group`, `prefix_list`.
    AddSecurityGroupRule {
        security_group: SgId,
        direction: Direction,
        protocol: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from_port: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        to_port: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cidr: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        peer_group: Option<SgId>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        prefix_list: Option<PrefixListId>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        description: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    /// `RevokeSecurityGroupIngress` / `RevokeSecurityGroupEgress`, naming the rule as it was added.
    RemoveSecurityGroupRule {
        security_group: SgId,
        direction: Direction,
        protocol: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from_port: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        to_port: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cidr: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        peer_group: Option<SgId>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        prefix_list: Option<PrefixListId>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    /// `CreateNetworkAclEntry`: `rule_action` is `allow` or `deny`; ports for TCP/UDP, type and
    /// code for ICMP.
    AddNetworkAclEntry {
        network_acl: AclId,
        rule_number: i64,
        #[serde(default)]
        egress: bool,
        protocol: String,
        rule_action: String,
        cidr: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from_port: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        to_port: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        icmp_type: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        icmp_code: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    /// `DeleteNetworkAclEntry`.
    RemoveNetworkAclEntry {
        network_acl: AclId,
        rule_number: i64,
        #[serde(default)]
        egress: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    /// `RunInstances` (one instance): the private IP is the first free one unless given; a
    /// public IP if asked; security groups default to the VPC's default group.
    LaunchInstance {
        subnet: SubnetId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        private_ip: Option<String>,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        public_ip: bool,
        #[serde(default)]
        security_groups: Vec<SgId>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    /// `DeleteTransitGatewayVpcAttachment`: its association, propagations and static routes go
    /// with it; VPC routes to the transit gateway stay (and turn `blackhole` without another
    /// attachment of that VPC).
    DeleteTransitGatewayAttachment {
        transit_gateway_attachment: TgwAttachmentId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    /// `ModifyTransitGatewayVpcAttachment`: add or remove subnets (one per availability zone, at
    /// least one kept).
    ModifyTransitGatewayAttachment {
        transit_gateway_attachment: TgwAttachmentId,
        #[serde(default)]
        add_subnets: Vec<SubnetId>,
        #[serde(default)]
        remove_subnets: Vec<SubnetId>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    /// `DeleteTransitGatewayRouteTable`: only without associations.
    DeleteTransitGatewayRouteTable {
        transit_gateway_route_table: TgwRouteTableId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    /// `DeleteTransitGateway`: only without attachments; its route tables go with it.
    DeleteTransitGateway {
        transit_gateway: TgwId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    /// `DeleteSubnet`: only without network interfaces in it.
    DeleteSubnet {
        subnet: SubnetId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    /// `DeleteVpc`: only an empty VPC; its main route table, default ACL and default group and
    /// its peerings go with it.
    DeleteVpc {
        vpc: VpcId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    /// `DeleteInternetGateway`: only a detached one.
    DeleteInternetGateway {
        internet_gateway: IgwId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    /// `DeleteSecurityGroup`: not the default group, not while in use or referred to.
    DeleteSecurityGroup {
        security_group: SgId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    /// `TerminateInstances` (one instance): its interface goes with it; routes to it turn
    /// `blackhole`.
    TerminateInstance {
        instance: InstanceId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
}

/// Inbound or outbound, for security-group rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Ingress,
    Egress,
}

impl Action {
    /// Every action's JSON tag, in declaration order: what an exercise may list as allowed.
    pub const NAMES: [&'static str; 51] = [
        "create_route",
        "replace_route",
        "delete_route",
        "create_route_table",
        "delete_route_table",
        "associate_route_table",
        "disassociate_route_table",
        "replace_main_route_table",
        "request_peering",
        "accept_peering",
        "reject_peering",
        "delete_peering",
        "create_vpc",
        "add_vpc_cidr",
        "remove_vpc_cidr",
        "modify_vpc_attribute",
        "create_subnet",
        "create_internet_gateway",
        "attach_internet_gateway",
        "detach_internet_gateway",
        "create_nat_gateway",
        "delete_nat_gateway",
        "create_gateway_endpoint",
        "create_interface_endpoint",
        "modify_gateway_endpoint",
        "delete_endpoint",
        "create_transit_gateway",
        "create_transit_gateway_route_table",
        "create_transit_gateway_attachment",
        "associate_transit_gateway_route_table",
        "disassociate_transit_gateway_route_table",
        "enable_transit_gateway_propagation",
        "disable_transit_gateway_propagation",
        "create_transit_gateway_route",
        "delete_transit_gateway_route",
        "share_subnet",
        "create_security_group",
        "add_security_group_rule",
        "remove_security_group_rule",
        "add_network_acl_entry",
        "remove_network_acl_entry",
        "launch_instance",
        "delete_transit_gateway_attachment",
        "modify_transit_gateway_attachment",
        "delete_transit_gateway_route_table",
        "delete_transit_gateway",
        "delete_subnet",
        "delete_vpc",
        "delete_internet_gateway",
        "delete_security_group",
        "terminate_instance",
    ];

    /// The JSON tag of the action (`"create_route"` …), as exercises list the actions allowed.
    ///
    /// # Examples
    /// ```
    /// use vpclab_core::edit::Action;
    /// let a: Action = serde_json::from_str(r#"{"action":"accept_peering","peering":"pcx-1"}"#).unwrap();
    /// assert_eq!(a.name(), "accept_peering");
    /// assert!(serde_json::from_str::<Action>(r#"{"action":"accept_peering","pcx":"pcx-1"}"#).is_err());
    /// ```
    pub fn name(&self) -> &'static str {
        match self {
            Action::CreateRoute { .. } => "create_route",
            Action::ReplaceRoute { .. } => "replace_route",
            Action::DeleteRoute { .. } => "delete_route",
            Action::CreateRouteTable { .. } => "create_route_table",
            Action::DeleteRouteTable { .. } => "delete_route_table",
            Action::AssociateRouteTable { .. } => "associate_route_table",
            Action::DisassociateRouteTable { .. } => "disassociate_route_table",
            Action::ReplaceMainRouteTable { .. } => "replace_main_route_table",
            Action::RequestPeering { .. } => "request_peering",
            Action::AcceptPeering { .. } => "accept_peering",
            Action::RejectPeering { .. } => "reject_peering",
            Action::DeletePeering { .. } => "delete_peering",
            Action::CreateVpc { .. } => "create_vpc",
            Action::AddVpcCidr { .. } => "add_vpc_cidr",
            Action::RemoveVpcCidr { .. } => "remove_vpc_cidr",
            Action::ModifyVpcAttribute { .. } => "modify_vpc_attribute",
            Action::CreateSubnet { .. } => "create_subnet",
            Action::CreateInternetGateway { .. } => "create_internet_gateway",
            Action::AttachInternetGateway { .. } => "attach_internet_gateway",
            Action::DetachInternetGateway { .. } => "detach_internet_gateway",
            Action::CreateNatGateway { .. } => "create_nat_gateway",
            Action::DeleteNatGateway { .. } => "delete_nat_gateway",
            Action::CreateGatewayEndpoint { .. } => "create_gateway_endpoint",
            Action::CreateInterfaceEndpoint { .. } => "create_interface_endpoint",
            Action::ModifyGatewayEndpoint { .. } => "modify_gateway_endpoint",
            Action::DeleteEndpoint { .. } => "delete_endpoint",
            Action::CreateTransitGateway { .. } => "create_transit_gateway",
            Action::CreateTransitGatewayRouteTable { .. } => "create_transit_gateway_route_table",
            Action::CreateTransitGatewayAttachment { .. } => "create_transit_gateway_attachment",
            Action::AssociateTransitGatewayRouteTable { .. } => "associate_transit_gateway_route_table",
            Action::DisassociateTransitGatewayRouteTable { .. } => "disassociate_transit_gateway_route_table",
            Action::EnableTransitGatewayPropagation { .. } => "enable_transit_gateway_propagation",
            Action::DisableTransitGatewayPropagation { .. } => "disable_transit_gateway_propagation",
            Action::CreateTransitGatewayRoute { .. } => "create_transit_gateway_route",
            Action::DeleteTransitGatewayRoute { .. } => "delete_transit_gateway_route",
            Action::ShareSubnet { .. } => "share_subnet",
            Action::CreateSecurityGroup { .. } => "create_security_group",
            Action::AddSecurityGroupRule { .. } => "add_security_group_rule",
            Action::RemoveSecurityGroupRule { .. } => "remove_security_group_rule",
            Action::AddNetworkAclEntry { .. } => "add_network_acl_entry",
            Action::RemoveNetworkAclEntry { .. } => "remove_network_acl_entry",
            Action::LaunchInstance { .. } => "launch_instance",
            Action::DeleteTransitGatewayAttachment { .. } => "delete_transit_gateway_attachment",
            Action::ModifyTransitGatewayAttachment { .. } => "modify_transit_gateway_attachment",
            Action::DeleteTransitGatewayRouteTable { .. } => "delete_transit_gateway_route_table",
            Action::DeleteTransitGateway { .. } => "delete_transit_gateway",
            Action::DeleteSubnet { .. } => "delete_subnet",
            Action::DeleteVpc { .. } => "delete_vpc",
            Action::DeleteInternetGateway { .. } => "delete_internet_gateway",
            Action::DeleteSecurityGroup { .. } => "delete_security_group",
            Action::TerminateInstance { .. } => "terminate_instance",
        }
    }

    /// The account acting, if the action names one.
    pub fn account(&self) -> Option<&AccountId> {
        match self {
            Action::CreateRoute { account, .. }
            | Action::ReplaceRoute { account, .. }
            | Action::DeleteRoute { account, .. }
            | Action::CreateRouteTable { account, .. }
            | Action::DeleteRouteTable { account, .. }
            | Action::AssociateRouteTable { account, .. }
            | Action::DisassociateRouteTable { account, .. }
            | Action::ReplaceMainRouteTable { account, .. }
            | Action::RequestPeering { account, .. }
            | Action::AcceptPeering { account, .. }
            | Action::RejectPeering { account, .. }
            | Action::DeletePeering { account, .. }
            | Action::CreateVpc { account, .. }
            | Action::AddVpcCidr { account, .. }
            | Action::RemoveVpcCidr { account, .. }
            | Action::ModifyVpcAttribute { account, .. }
            | Action::CreateSubnet { account, .. }
            | Action::CreateInternetGateway { account, .. }
            | Action::AttachInternetGateway { account, .. }
            | Action::DetachInternetGateway { account, .. }
            | Action::CreateNatGateway { account, .. }
            | Action::DeleteNatGateway { account, .. }
            | Action::CreateGatewayEndpoint { account, .. }
            | Action::CreateInterfaceEndpoint { account, .. }
            | Action::ModifyGatewayEndpoint { account, .. }
            | Action::DeleteEndpoint { account, .. }
            | Action::CreateTransitGateway { account, .. }
            | Action::CreateTransitGatewayRouteTable { account, .. }
            | Action::CreateTransitGatewayAttachment { account, .. }
            | Action::AssociateTransitGatewayRouteTable { account, .. }
            | Action::DisassociateTransitGatewayRouteTable { account, .. }
            | Action::EnableTransitGatewayPropagation { account, .. }
            | Action::DisableTransitGatewayPropagation { account, .. }
            | Action::CreateTransitGatewayRoute { account, .. }
            | Action::DeleteTransitGatewayRoute { account, .. }
            | Action::ShareSubnet { account, .. }
            | Action::CreateSecurityGroup { account, .. }
            | Action::AddSecurityGroupRule { account, .. }
            | Action::RemoveSecurityGroupRule { account, .. }
            | Action::AddNetworkAclEntry { account, .. }
            | Action::RemoveNetworkAclEntry { account, .. }
            | Action::LaunchInstance { account, .. }
            | Action::DeleteTransitGatewayAttachment { account, .. }
            | Action::ModifyTransitGatewayAttachment { account, .. }
            | Action::DeleteTransitGatewayRouteTable { account, .. }
            | Action::DeleteTransitGateway { account, .. }
            | Action::DeleteSubnet { account, .. }
            | Action::DeleteVpc { account, .. }
            | Action::DeleteInternetGateway { account, .. }
            | Action::DeleteSecurityGroup { account, .. }
            | Action::TerminateInstance { account, .. } => account.as_ref(),
        }
    }
}
