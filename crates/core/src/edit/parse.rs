//! Reading an [`Action`] from JSON with a message that says which action and which field is at
//! fault. serde's own message for an internally tagged enum names neither ("invalid type:
//! integer `7`, expected a string"), which leaves a learner or a teacher guessing in a long
//! action log.

use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::{Action, Direction, EditError};
use crate::fields::{
    check, check_de, def, deserialize_tagged, invalid_type, missing, opt, req, unknown_variant, Field, Kind,
    Reader,
};
use crate::model::*;

/// Read by hand (see [`crate::fields`]): serde's derive for an internally tagged enum buffers the
/// object and reads it again, a second reader per field type. Same JSON, same messages.
impl<'de> Deserialize<'de> for Action {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Action, D::Error> {
        deserialize_tagged(
            d,
            "action",
            &Action::NAMES,
            "internally tagged enum Action",
            Action::read,
        )
    }
}

fn direction(v: &Value) -> Result<(), String> {
    check_de::<Direction>(v)
}

fn direction_of(r: &Reader, key: &str) -> Direction {
    r.de(key).unwrap_or(Direction::Ingress)
}

const CREATE_ROUTE: &[Field] = &[
    req("route_table", Kind::Str),
    req("destination", Kind::Str),
    req("target", Kind::Str),
    opt("account", Kind::Str),
];
const REPLACE_ROUTE: &[Field] = &[
    req("route_table", Kind::Str),
    req("destination", Kind::Str),
    req("target", Kind::Str),
    opt("account", Kind::Str),
];
const DELETE_ROUTE: &[Field] = &[
    req("route_table", Kind::Str),
    req("destination", Kind::Str),
    opt("account", Kind::Str),
];
const CREATE_ROUTE_TABLE: &[Field] = &[
    req("vpc", Kind::Str),
    opt("name", Kind::Str),
    opt("account", Kind::Str),
];
const DELETE_ROUTE_TABLE: &[Field] = &[req("route_table", Kind::Str), opt("account", Kind::Str)];
const ASSOCIATE_ROUTE_TABLE: &[Field] = &[
    req("route_table", Kind::Str),
    req("subnet", Kind::Str),
    opt("account", Kind::Str),
];
const DISASSOCIATE_ROUTE_TABLE: &[Field] = &[req("subnet", Kind::Str), opt("account", Kind::Str)];
const REPLACE_MAIN_ROUTE_TABLE: &[Field] = &[req("route_table", Kind::Str), opt("account", Kind::Str)];
const REQUEST_PEERING: &[Field] = &[
    req("vpc", Kind::Str),
    req("peer_vpc", Kind::Str),
    opt("peer_owner", Kind::Str),
    opt("peer_region", Kind::Str),
    opt("name", Kind::Str),
    opt("account", Kind::Str),
];
const ACCEPT_PEERING: &[Field] = &[req("peering", Kind::Str), opt("account", Kind::Str)];
const REJECT_PEERING: &[Field] = &[req("peering", Kind::Str), opt("account", Kind::Str)];
const DELETE_PEERING: &[Field] = &[req("peering", Kind::Str), opt("account", Kind::Str)];
const CREATE_VPC: &[Field] = &[
    req("cidr", Kind::Str),
    opt("region", Kind::Str),
    opt("name", Kind::Str),
    opt("account", Kind::Str),
];
const ADD_VPC_CIDR: &[Field] = &[
    req("vpc", Kind::Str),
    req("cidr", Kind::Str),
    opt("account", Kind::Str),
];
const REMOVE_VPC_CIDR: &[Field] = &[
    req("vpc", Kind::Str),
    req("cidr", Kind::Str),
    opt("account", Kind::Str),
];
const MODIFY_VPC_ATTRIBUTE: &[Field] = &[
    req("vpc", Kind::Str),
    opt("enable_dns_support", Kind::Bool),
    opt("enable_dns_hostnames", Kind::Bool),
    opt("account", Kind::Str),
];
const CREATE_SUBNET: &[Field] = &[
    req("vpc", Kind::Str),
    req("cidr", Kind::Str),
    req("availability_zone", Kind::Str),
    opt("name", Kind::Str),
    opt("account", Kind::Str),
];
const CREATE_INTERNET_GATEWAY: &[Field] = &[
    opt("region", Kind::Str),
    opt("name", Kind::Str),
    opt("account", Kind::Str),
];
const ATTACH_INTERNET_GATEWAY: &[Field] = &[
    req("internet_gateway", Kind::Str),
    req("vpc", Kind::Str),
    opt("account", Kind::Str),
];
const DETACH_INTERNET_GATEWAY: &[Field] = &[
    req("internet_gateway", Kind::Str),
    req("vpc", Kind::Str),
    opt("account", Kind::Str),
];
const CREATE_NAT_GATEWAY: &[Field] = &[
    req("subnet", Kind::Str),
    def("private", Kind::Bool),
    opt("name", Kind::Str),
    opt("account", Kind::Str),
];
const DELETE_NAT_GATEWAY: &[Field] = &[req("nat_gateway", Kind::Str), opt("account", Kind::Str)];
const CREATE_GATEWAY_ENDPOINT: &[Field] = &[
    req("vpc", Kind::Str),
    req("service", Kind::Str),
    def("route_tables", Kind::Strs),
    opt("name", Kind::Str),
    opt("account", Kind::Str),
];
const CREATE_INTERFACE_ENDPOINT: &[Field] = &[
    req("vpc", Kind::Str),
    req("service", Kind::Str),
    req("subnets", Kind::Strs),
    def("security_groups", Kind::Strs),
    def("private_dns", Kind::Bool),
    opt("name", Kind::Str),
    opt("account", Kind::Str),
];
const MODIFY_GATEWAY_ENDPOINT: &[Field] = &[
    req("endpoint", Kind::Str),
    def("add_route_tables", Kind::Strs),
    def("remove_route_tables", Kind::Strs),
    opt("account", Kind::Str),
];
const DELETE_ENDPOINT: &[Field] = &[req("endpoint", Kind::Str), opt("account", Kind::Str)];
const CREATE_TRANSIT_GATEWAY: &[Field] = &[
    opt("region", Kind::Str),
    def("default_association", Kind::Bool),
    def("default_propagation", Kind::Bool),
    opt("name", Kind::Str),
    opt("account", Kind::Str),
];
const CREATE_TRANSIT_GATEWAY_ROUTE_TABLE: &[Field] = &[
    req("transit_gateway", Kind::Str),
    opt("name", Kind::Str),
    opt("account", Kind::Str),
];
const CREATE_TRANSIT_GATEWAY_ATTACHMENT: &[Field] = &[
    req("transit_gateway", Kind::Str),
    req("vpc", Kind::Str),
    req("subnets", Kind::Strs),
    opt("name", Kind::Str),
    opt("account", Kind::Str),
];
const ASSOCIATE_TRANSIT_GATEWAY_ROUTE_TABLE: &[Field] = &[
    req("transit_gateway_route_table", Kind::Str),
    req("transit_gateway_attachment", Kind::Str),
    opt("account", Kind::Str),
];
const DISASSOCIATE_TRANSIT_GATEWAY_ROUTE_TABLE: &[Field] = &[
    req("transit_gateway_route_table", Kind::Str),
    req("transit_gateway_attachment", Kind::Str),
    opt("account", Kind::Str),
];
const ENABLE_TRANSIT_GATEWAY_PROPAGATION: &[Field] = &[
    req("transit_gateway_route_table", Kind::Str),
    req("transit_gateway_attachment", Kind::Str),
    opt("account", Kind::Str),
];
const DISABLE_TRANSIT_GATEWAY_PROPAGATION: &[Field] = &[
    req("transit_gateway_route_table", Kind::Str),
    req("transit_gateway_attachment", Kind::Str),
    opt("account", Kind::Str),
];
const CREATE_TRANSIT_GATEWAY_ROUTE: &[Field] = &[
    req("transit_gateway_route_table", Kind::Str),
    req("destination", Kind::Str),
    opt("transit_gateway_attachment", Kind::Str),
    def("blackhole", Kind::Bool),
    opt("account", Kind::Str),
];
const DELETE_TRANSIT_GATEWAY_ROUTE: &[Field] = &[
    req("transit_gateway_route_table", Kind::Str),
    req("destination", Kind::Str),
    opt("account", Kind::Str),
];
const SHARE_SUBNET: &[Field] = &[
    req("subnet", Kind::Str),
    req("with_account", Kind::Str),
    opt("account", Kind::Str),
];
const CREATE_SECURITY_GROUP: &[Field] = &[
    req("vpc", Kind::Str),
    req("name", Kind::Str),
    def("description", Kind::Str),
    opt("account", Kind::Str),
];
const ADD_SECURITY_GROUP_RULE: &[Field] = &[
    req("security_group", Kind::Str),
    req("direction", Kind::Other(direction)),
    req("protocol", Kind::Str),
    opt("from_port", Kind::I64),
    opt("to_port", Kind::I64),
    opt("cidr", Kind::Str),
    opt("peer_group", Kind::Str),
    opt("prefix_list", Kind::Str),
    opt("description", Kind::Str),
    opt("account", Kind::Str),
];
const REMOVE_SECURITY_GROUP_RULE: &[Field] = &[
    req("security_group", Kind::Str),
    req("direction", Kind::Other(direction)),
    req("protocol", Kind::Str),
    opt("from_port", Kind::I64),
    opt("to_port", Kind::I64),
    opt("cidr", Kind::Str),
    opt("peer_group", Kind::Str),
    opt("prefix_list", Kind::Str),
    opt("account", Kind::Str),
];
const ADD_NETWORK_ACL_ENTRY: &[Field] = &[
    req("network_acl", Kind::Str),
    req("rule_number", Kind::I64),
    def("egress", Kind::Bool),
    req("protocol", Kind::Str),
    req("rule_action", Kind::Str),
    req("cidr", Kind::Str),
    opt("from_port", Kind::I64),
    opt("to_port", Kind::I64),
    opt("icmp_type", Kind::I64),
    opt("icmp_code", Kind::I64),
    opt("account", Kind::Str),
];
const REMOVE_NETWORK_ACL_ENTRY: &[Field] = &[
    req("network_acl", Kind::Str),
    req("rule_number", Kind::I64),
    def("egress", Kind::Bool),
    opt("account", Kind::Str),
];
const LAUNCH_INSTANCE: &[Field] = &[
    req("subnet", Kind::Str),
    opt("private_ip", Kind::Str),
    def("public_ip", Kind::Bool),
    def("security_groups", Kind::Strs),
    opt("name", Kind::Str),
    opt("account", Kind::Str),
];
const DELETE_TRANSIT_GATEWAY_ATTACHMENT: &[Field] = &[
    req("transit_gateway_attachment", Kind::Str),
    opt("account", Kind::Str),
];
const MODIFY_TRANSIT_GATEWAY_ATTACHMENT: &[Field] = &[
    req("transit_gateway_attachment", Kind::Str),
    def("add_subnets", Kind::Strs),
    def("remove_subnets", Kind::Strs),
    opt("account", Kind::Str),
];
const DELETE_TRANSIT_GATEWAY_ROUTE_TABLE: &[Field] = &[
    req("transit_gateway_route_table", Kind::Str),
    opt("account", Kind::Str),
];
const DELETE_TRANSIT_GATEWAY: &[Field] = &[req("transit_gateway", Kind::Str), opt("account", Kind::Str)];
const DELETE_SUBNET: &[Field] = &[req("subnet", Kind::Str), opt("account", Kind::Str)];
const DELETE_VPC: &[Field] = &[req("vpc", Kind::Str), opt("account", Kind::Str)];
const DELETE_INTERNET_GATEWAY: &[Field] = &[req("internet_gateway", Kind::Str), opt("account", Kind::Str)];
const DELETE_SECURITY_GROUP: &[Field] = &[req("security_group", Kind::Str), opt("account", Kind::Str)];
const TERMINATE_INSTANCE: &[Field] = &[req("instance", Kind::Str), opt("account", Kind::Str)];

impl Action {
    /// Reads one action from a JSON value with serde's messages (`unknown variant`, `missing
    /// field`, `unknown field`, `invalid type`), as the derived reader words them.
    pub(crate) fn read(value: &Value) -> Result<Action, String> {
        let Value::Object(obj) = value else {
            return Err(invalid_type(value, "internally tagged enum Action"));
        };
        let tag = match obj.get("action") {
            None => return Err(missing("action")),
            Some(Value::String(tag)) => tag.as_str(),
            Some(other) => return Err(invalid_type(other, "variant identifier")),
        };
        Ok(match tag {
            "create_route" => {
                let r = check(obj, "action", CREATE_ROUTE)?;
                Action::CreateRoute {
                    route_table: RouteTableId(r.s("route_table")),
                    destination: r.s("destination"),
                    target: r.s("target"),
                    account: r.os("account").map(AccountId),
                }
            }
            "replace_route" => {
                let r = check(obj, "action", REPLACE_ROUTE)?;
                Action::ReplaceRoute {
                    route_table: RouteTableId(r.s("route_table")),
                    destination: r.s("destination"),
                    target: r.s("target"),
                    account: r.os("account").map(AccountId),
                }
            }
            "delete_route" => {
                let r = check(obj, "action", DELETE_ROUTE)?;
                Action::DeleteRoute {
                    route_table: RouteTableId(r.s("route_table")),
                    destination: r.s("destination"),
                    account: r.os("account").map(AccountId),
                }
            }
            "create_route_table" => {
                let r = check(obj, "action", CREATE_ROUTE_TABLE)?;
                Action::CreateRouteTable {
                    vpc: VpcId(r.s("vpc")),
                    name: r.os("name"),
                    account: r.os("account").map(AccountId),
                }
            }
            "delete_route_table" => {
                let r = check(obj, "action", DELETE_ROUTE_TABLE)?;
                Action::DeleteRouteTable {
                    route_table: RouteTableId(r.s("route_table")),
                    account: r.os("account").map(AccountId),
                }
            }
            "associate_route_table" => {
                let r = check(obj, "action", ASSOCIATE_ROUTE_TABLE)?;
                Action::AssociateRouteTable {
                    route_table: RouteTableId(r.s("route_table")),
                    subnet: SubnetId(r.s("subnet")),
                    account: r.os("account").map(AccountId),
                }
            }
            "disassociate_route_table" => {
                let r = check(obj, "action", DISASSOCIATE_ROUTE_TABLE)?;
                Action::DisassociateRouteTable {
                    subnet: SubnetId(r.s("subnet")),
                    account: r.os("account").map(AccountId),
                }
            }
            "replace_main_route_table" => {
                let r = check(obj, "action", REPLACE_MAIN_ROUTE_TABLE)?;
                Action::ReplaceMainRouteTable {
                    route_table: RouteTableId(r.s("route_table")),
                    account: r.os("account").map(AccountId),
                }
            }
            "request_peering" => {
                let r = check(obj, "action", REQUEST_PEERING)?;
                Action::RequestPeering {
                    vpc: VpcId(r.s("vpc")),
                    peer_vpc: VpcId(r.s("peer_vpc")),
                    peer_owner: r.os("peer_owner").map(AccountId),
                    peer_region: r.os("peer_region").map(Region),
                    name: r.os("name"),
                    account: r.os("account").map(AccountId),
                }
            }
            "accept_peering" => {
                let r = check(obj, "action", ACCEPT_PEERING)?;
                Action::AcceptPeering {
                    peering: PcxId(r.s("peering")),
                    account: r.os("account").map(AccountId),
                }
            }
            "reject_peering" => {
                let r = check(obj, "action", REJECT_PEERING)?;
                Action::RejectPeering {
                    peering: PcxId(r.s("peering")),
                    account: r.os("account").map(AccountId),
                }
            }
            "delete_peering" => {
                let r = check(obj, "action", DELETE_PEERING)?;
                Action::DeletePeering {
                    peering: PcxId(r.s("peering")),
                    account: r.os("account").map(AccountId),
                }
            }
            "create_vpc" => {
                let r = check(obj, "action", CREATE_VPC)?;
                Action::CreateVpc {
                    cidr: r.s("cidr"),
                    region: r.os("region").map(Region),
                    name: r.os("name"),
                    account: r.os("account").map(AccountId),
                }
            }
            "add_vpc_cidr" => {
                let r = check(obj, "action", ADD_VPC_CIDR)?;
                Action::AddVpcCidr {
                    vpc: VpcId(r.s("vpc")),
                    cidr: r.s("cidr"),
                    account: r.os("account").map(AccountId),
                }
            }
            "remove_vpc_cidr" => {
                let r = check(obj, "action", REMOVE_VPC_CIDR)?;
                Action::RemoveVpcCidr {
                    vpc: VpcId(r.s("vpc")),
                    cidr: r.s("cidr"),
                    account: r.os("account").map(AccountId),
                }
            }
            "modify_vpc_attribute" => {
                let r = check(obj, "action", MODIFY_VPC_ATTRIBUTE)?;
                Action::ModifyVpcAttribute {
                    vpc: VpcId(r.s("vpc")),
                    enable_dns_support: r.ob("enable_dns_support"),
                    enable_dns_hostnames: r.ob("enable_dns_hostnames"),
                    account: r.os("account").map(AccountId),
                }
            }
            "create_subnet" => {
                let r = check(obj, "action", CREATE_SUBNET)?;
                Action::CreateSubnet {
                    vpc: VpcId(r.s("vpc")),
                    cidr: r.s("cidr"),
                    availability_zone: r.s("availability_zone"),
                    name: r.os("name"),
                    account: r.os("account").map(AccountId),
                }
            }
            "create_internet_gateway" => {
                let r = check(obj, "action", CREATE_INTERNET_GATEWAY)?;
                Action::CreateInternetGateway {
                    region: r.os("region").map(Region),
                    name: r.os("name"),
                    account: r.os("account").map(AccountId),
                }
            }
            "attach_internet_gateway" => {
                let r = check(obj, "action", ATTACH_INTERNET_GATEWAY)?;
                Action::AttachInternetGateway {
                    internet_gateway: IgwId(r.s("internet_gateway")),
                    vpc: VpcId(r.s("vpc")),
                    account: r.os("account").map(AccountId),
                }
            }
            "detach_internet_gateway" => {
                let r = check(obj, "action", DETACH_INTERNET_GATEWAY)?;
                Action::DetachInternetGateway {
                    internet_gateway: IgwId(r.s("internet_gateway")),
                    vpc: VpcId(r.s("vpc")),
                    account: r.os("account").map(AccountId),
                }
            }
            "create_nat_gateway" => {
                let r = check(obj, "action", CREATE_NAT_GATEWAY)?;
                Action::CreateNatGateway {
                    subnet: SubnetId(r.s("subnet")),
                    private: r.b("private", false),
                    name: r.os("name"),
                    account: r.os("account").map(AccountId),
                }
            }
            "delete_nat_gateway" => {
                let r = check(obj, "action", DELETE_NAT_GATEWAY)?;
                Action::DeleteNatGateway {
                    nat_gateway: NatId(r.s("nat_gateway")),
                    account: r.os("account").map(AccountId),
                }
            }
            "create_gateway_endpoint" => {
                let r = check(obj, "action", CREATE_GATEWAY_ENDPOINT)?;
                Action::CreateGatewayEndpoint {
                    vpc: VpcId(r.s("vpc")),
                    service: r.s("service"),
                    route_tables: r.strs("route_tables", RouteTableId),
                    name: r.os("name"),
                    account: r.os("account").map(AccountId),
                }
            }
            "create_interface_endpoint" => {
                let r = check(obj, "action", CREATE_INTERFACE_ENDPOINT)?;
                Action::CreateInterfaceEndpoint {
                    vpc: VpcId(r.s("vpc")),
                    service: r.s("service"),
                    subnets: r.strs("subnets", SubnetId),
                    security_groups: r.strs("security_groups", SgId),
                    private_dns: r.b("private_dns", true),
                    name: r.os("name"),
                    account: r.os("account").map(AccountId),
                }
            }
            "modify_gateway_endpoint" => {
                let r = check(obj, "action", MODIFY_GATEWAY_ENDPOINT)?;
                Action::ModifyGatewayEndpoint {
                    endpoint: VpceId(r.s("endpoint")),
                    add_route_tables: r.strs("add_route_tables", RouteTableId),
                    remove_route_tables: r.strs("remove_route_tables", RouteTableId),
                    account: r.os("account").map(AccountId),
                }
            }
            "delete_endpoint" => {
                let r = check(obj, "action", DELETE_ENDPOINT)?;
                Action::DeleteEndpoint {
                    endpoint: VpceId(r.s("endpoint")),
                    account: r.os("account").map(AccountId),
                }
            }
            "create_transit_gateway" => {
                let r = check(obj, "action", CREATE_TRANSIT_GATEWAY)?;
                Action::CreateTransitGateway {
                    region: r.os("region").map(Region),
                    default_association: r.b("default_association", true),
                    default_propagation: r.b("default_propagation", true),
                    name: r.os("name"),
                    account: r.os("account").map(AccountId),
                }
            }
            "create_transit_gateway_route_table" => {
                let r = check(obj, "action", CREATE_TRANSIT_GATEWAY_ROUTE_TABLE)?;
                Action::CreateTransitGatewayRouteTable {
                    transit_gateway: TgwId(r.s("transit_gateway")),
                    name: r.os("name"),
                    account: r.os("account").map(AccountId),
                }
            }
            "create_transit_gateway_attachment" => {
                let r = check(obj, "action", CREATE_TRANSIT_GATEWAY_ATTACHMENT)?;
                Action::CreateTransitGatewayAttachment {
                    transit_gateway: TgwId(r.s("transit_gateway")),
                    vpc: VpcId(r.s("vpc")),
                    subnets: r.strs("subnets", SubnetId),
                    name: r.os("name"),
                    account: r.os("account").map(AccountId),
                }
            }
            "associate_transit_gateway_route_table" => {
                let r = check(obj, "action", ASSOCIATE_TRANSIT_GATEWAY_ROUTE_TABLE)?;
                Action::AssociateTransitGatewayRouteTable {
                    transit_gateway_route_table: TgwRouteTableId(r.s("transit_gateway_route_table")),
                    transit_gateway_attachment: TgwAttachmentId(r.s("transit_gateway_attachment")),
                    account: r.os("account").map(AccountId),
                }
            }
            "disassociate_transit_gateway_route_table" => {
                let r = check(obj, "action", DISASSOCIATE_TRANSIT_GATEWAY_ROUTE_TABLE)?;
                Action::DisassociateTransitGatewayRouteTable {
                    transit_gateway_route_table: TgwRouteTableId(r.s("transit_gateway_route_table")),
                    transit_gateway_attachment: TgwAttachmentId(r.s("transit_gateway_attachment")),
                    account: r.os("account").map(AccountId),
                }
            }
            "enable_transit_gateway_propagation" => {
                let r = check(obj, "action", ENABLE_TRANSIT_GATEWAY_PROPAGATION)?;
                Action::EnableTransitGatewayPropagation {
                    transit_gateway_route_table: TgwRouteTableId(r.s("transit_gateway_route_table")),
                    transit_gateway_attachment: TgwAttachmentId(r.s("transit_gateway_attachment")),
                    account: r.os("account").map(AccountId),
                }
            }
            "disable_transit_gateway_propagation" => {
                let r = check(obj, "action", DISABLE_TRANSIT_GATEWAY_PROPAGATION)?;
                Action::DisableTransitGatewayPropagation {
                    transit_gateway_route_table: TgwRouteTableId(r.s("transit_gateway_route_table")),
                    transit_gateway_attachment: TgwAttachmentId(r.s("transit_gateway_attachment")),
                    account: r.os("account").map(AccountId),
                }
            }
            "create_transit_gateway_route" => {
                let r = check(obj, "action", CREATE_TRANSIT_GATEWAY_ROUTE)?;
                Action::CreateTransitGatewayRoute {
                    transit_gateway_route_table: TgwRouteTableId(r.s("transit_gateway_route_table")),
                    destination: r.s("destination"),
                    transit_gateway_attachment: r.os("transit_gateway_attachment").map(TgwAttachmentId),
                    blackhole: r.b("blackhole", false),
                    account: r.os("account").map(AccountId),
                }
            }
            "delete_transit_gateway_route" => {
                let r = check(obj, "action", DELETE_TRANSIT_GATEWAY_ROUTE)?;
                Action::DeleteTransitGatewayRoute {
                    transit_gateway_route_table: TgwRouteTableId(r.s("transit_gateway_route_table")),
                    destination: r.s("destination"),
                    account: r.os("account").map(AccountId),
                }
            }
            "share_subnet" => {
                let r = check(obj, "action", SHARE_SUBNET)?;
                Action::ShareSubnet {
                    subnet: SubnetId(r.s("subnet")),
                    with_account: AccountId(r.s("with_account")),
                    account: r.os("account").map(AccountId),
                }
            }
            "create_security_group" => {
                let r = check(obj, "action", CREATE_SECURITY_GROUP)?;
                Action::CreateSecurityGroup {
                    vpc: VpcId(r.s("vpc")),
                    name: r.s("name"),
                    description: r.s("description"),
                    account: r.os("account").map(AccountId),
                }
            }
            "add_security_group_rule" => {
                let r = check(obj, "action", ADD_SECURITY_GROUP_RULE)?;
                Action::AddSecurityGroupRule {
                    security_group: SgId(r.s("security_group")),
                    direction: direction_of(&r, "direction"),
                    protocol: r.s("protocol"),
                    from_port: r.oi("from_port"),
                    to_port: r.oi("to_port"),
                    cidr: r.os("cidr"),
                    peer_group: r.os("peer_group").map(SgId),
                    prefix_list: r.os("prefix_list").map(PrefixListId),
                    description: r.os("description"),
                    account: r.os("account").map(AccountId),
                }
            }
            "remove_security_group_rule" => {
                let r = check(obj, "action", REMOVE_SECURITY_GROUP_RULE)?;
                Action::RemoveSecurityGroupRule {
                    security_group: SgId(r.s("security_group")),
                    direction: direction_of(&r, "direction"),
                    protocol: r.s("protocol"),
                    from_port: r.oi("from_port"),
                    to_port: r.oi("to_port"),
                    cidr: r.os("cidr"),
                    peer_group: r.os("peer_group").map(SgId),
                    prefix_list: r.os("prefix_list").map(PrefixListId),
                    account: r.os("account").map(AccountId),
                }
            }
            "add_network_acl_entry" => {
                let r = check(obj, "action", ADD_NETWORK_ACL_ENTRY)?;
                Action::AddNetworkAclEntry {
                    network_acl: AclId(r.s("network_acl")),
                    rule_number: r.i("rule_number"),
                    egress: r.b("egress", false),
                    protocol: r.s("protocol"),
                    rule_action: r.s("rule_action"),
                    cidr: r.s("cidr"),
                    from_port: r.oi("from_port"),
                    to_port: r.oi("to_port"),
                    icmp_type: r.oi("icmp_type"),
                    icmp_code: r.oi("icmp_code"),
                    account: r.os("account").map(AccountId),
                }
            }
            "remove_network_acl_entry" => {
                let r = check(obj, "action", REMOVE_NETWORK_ACL_ENTRY)?;
                Action::RemoveNetworkAclEntry {
                    network_acl: AclId(r.s("network_acl")),
                    rule_number: r.i("rule_number"),
                    egress: r.b("egress", false),
                    account: r.os("account").map(AccountId),
                }
            }
            "launch_instance" => {
                let r = check(obj, "action", LAUNCH_INSTANCE)?;
                Action::LaunchInstance {
                    subnet: SubnetId(r.s("subnet")),
                    private_ip: r.os("private_ip"),
                    public_ip: r.b("public_ip", false),
                    security_groups: r.strs("security_groups", SgId),
                    name: r.os("name"),
                    account: r.os("account").map(AccountId),
                }
            }
            "delete_transit_gateway_attachment" => {
                let r = check(obj, "action", DELETE_TRANSIT_GATEWAY_ATTACHMENT)?;
                Action::DeleteTransitGatewayAttachment {
                    transit_gateway_attachment: TgwAttachmentId(r.s("transit_gateway_attachment")),
                    account: r.os("account").map(AccountId),
                }
            }
            "modify_transit_gateway_attachment" => {
                let r = check(obj, "action", MODIFY_TRANSIT_GATEWAY_ATTACHMENT)?;
                Action::ModifyTransitGatewayAttachment {
                    transit_gateway_attachment: TgwAttachmentId(r.s("transit_gateway_attachment")),
                    add_subnets: r.strs("add_subnets", SubnetId),
                    remove_subnets: r.strs("remove_subnets", SubnetId),
                    account: r.os("account").map(AccountId),
                }
            }
            "delete_transit_gateway_route_table" => {
                let r = check(obj, "action", DELETE_TRANSIT_GATEWAY_ROUTE_TABLE)?;
                Action::DeleteTransitGatewayRouteTable {
                    transit_gateway_route_table: TgwRouteTableId(r.s("transit_gateway_route_table")),
                    account: r.os("account").map(AccountId),
                }
            }
            "delete_transit_gateway" => {
                let r = check(obj, "action", DELETE_TRANSIT_GATEWAY)?;
                Action::DeleteTransitGateway {
                    transit_gateway: TgwId(r.s("transit_gateway")),
                    account: r.os("account").map(AccountId),
                }
            }
            "delete_subnet" => {
                let r = check(obj, "action", DELETE_SUBNET)?;
                Action::DeleteSubnet {
                    subnet: SubnetId(r.s("subnet")),
                    account: r.os("account").map(AccountId),
                }
            }
            "delete_vpc" => {
                let r = check(obj, "action", DELETE_VPC)?;
                Action::DeleteVpc {
                    vpc: VpcId(r.s("vpc")),
                    account: r.os("account").map(AccountId),
                }
            }
            "delete_internet_gateway" => {
                let r = check(obj, "action", DELETE_INTERNET_GATEWAY)?;
                Action::DeleteInternetGateway {
                    internet_gateway: IgwId(r.s("internet_gateway")),
                    account: r.os("account").map(AccountId),
                }
            }
            "delete_security_group" => {
                let r = check(obj, "action", DELETE_SECURITY_GROUP)?;
                Action::DeleteSecurityGroup {
                    security_group: SgId(r.s("security_group")),
                    account: r.os("account").map(AccountId),
                }
            }
            "terminate_instance" => {
                let r = check(obj, "action", TERMINATE_INSTANCE)?;
                Action::TerminateInstance {
                    instance: InstanceId(r.s("instance")),
                    account: r.os("account").map(AccountId),
                }
            }
            _ => return Err(unknown_variant(tag, &Action::NAMES)),
        })
    }

    /// Reads one action, refused as AWS answers a malformed request: `InvalidAction` for an
    /// unknown action, `MissingParameter` / `UnknownParameter` for a missing or unexpected field,
    /// `InvalidParameterValue` otherwise. The message names the action and the field, and says
    /// what is expected.
    ///
    /// # Examples
    /// ```
    /// use vpclab_core::edit::Action;
    /// let ok = Action::from_json(&serde_json::json!({"action": "accept_peering", "peering": "pcx-1"}));
    /// assert_eq!(ok.unwrap().name(), "accept_peering");
    /// let err = Action::from_json(&serde_json::json!({"action": "accept_peering", "peering": 7})).unwrap_err();
    /// assert_eq!(err.code, "InvalidParameterValue");
    /// assert!(err.message.starts_with("accept_peering: field `peering`: invalid type: integer `7`"));
    /// let err = Action::from_json(&serde_json::json!({"action": "accept_peering"})).unwrap_err();
    /// assert_eq!(err.message, "accept_peering: missing field `peering` (its fields: `peering`, `account`)");
    /// ```
    pub fn from_json(value: &Value) -> Result<Action, EditError> {
        let serde_err = match Action::read(value) {
            Ok(action) => return Ok(action),
            Err(e) => e.to_string(),
        };
        let tag = value.get("action").and_then(Value::as_str);
        let code = if tag.is_some_and(|t| !Action::NAMES.contains(&t)) {
            "InvalidAction"
        } else if serde_err.contains("missing field") {
            "MissingParameter"
        } else if serde_err.contains("unknown field") {
            "UnknownParameter"
        } else {
            "InvalidParameterValue"
        };
        let Some(obj) = value.as_object() else {
            return Err(EditError::new(
                code,
                format!("{serde_err}: an action is an object such as {{\"action\": \"create_vpc\", \"cidr\": \"10.1.0.0/16\"}}"),
            ));
        };
        let name = match tag {
            Some(n) if Action::NAMES.contains(&n) => n,
            _ => return Err(EditError::new(code, serde_err)),
        };
        let message = match code {
            "MissingParameter" => format!("{name}: {serde_err} (its fields: {})", fields_of(obj)),
            "UnknownParameter" => format!("{name}: {serde_err}"),
            _ => match culprit(obj) {
                Some(field) => format!("{name}: field `{field}`: {serde_err}"),
                None => format!("{name}: {serde_err}"),
            },
        };
        Err(EditError::new(code, message))
    }
}

/// The field whose value is wrong: the one whose removal makes the action parse, or turns the
/// error into that field missing.
fn culprit(obj: &serde_json::Map<String, Value>) -> Option<&str> {
    obj.keys()
        .filter(|k| *k != "action")
        .map(String::as_str)
        .find(|key| {
            let mut without = obj.clone();
            without.remove(*key);
            match Action::read(&Value::Object(without)) {
                Ok(_) => true,
                Err(e) => e.contains(&format!("missing field `{key}`")),
            }
        })
}

/// The fields the action takes, as serde lists them when it meets a field it does not know.
fn fields_of(obj: &serde_json::Map<String, Value>) -> String {
    let mut probe = obj.clone();
    probe.insert("\u{1}".to_string(), Value::Null);
    let message = match Action::read(&Value::Object(probe)) {
        Ok(_) => return String::new(),
        Err(e) => e,
    };
    message
        .split_once("expected ")
        .map(|(_, rest)| rest.trim_start_matches("one of ").replace("` or `", "`, `"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn each_kind_of_mistake_names_the_action_and_field() {
        let cases = [
            (
                json!({"action": "teleport"}),
                "InvalidAction",
                vec!["`teleport`", "`create_route`"],
            ),
            (
                json!({"action": "create_route", "route_table": "rtb-1", "destination": "10.9.0.0/16"}),
                "MissingParameter",
                vec![
                    "create_route: missing field `target`",
                    "`route_table`, `destination`, `target`",
                ],
            ),
            (
                json!({"action": "create_route", "route_table": "rtb-1", "destination": "10.9.0.0/16", "target": "pcx-1", "tagret": 1}),
                "UnknownParameter",
                vec!["create_route: unknown field `tagret`", "`target`"],
            ),
            (
                json!({"action": "launch_instance", "subnet": "subnet-1", "security_groups": [7]}),
                "InvalidParameterValue",
                vec!["launch_instance: field `security_groups`", "integer `7`"],
            ),
            (
                json!({"action": "add_security_group_rule", "security_group": "sg-1", "direction": "sideways", "protocol": "tcp"}),
                "InvalidParameterValue",
                vec!["field `direction`", "`ingress` or `egress`"],
            ),
            (
                json!([1]),
                "InvalidParameterValue",
                vec!["an action is an object"],
            ),
            (
                json!({"cidr": "10.0.0.0/16"}),
                "MissingParameter",
                vec!["missing field `action`"],
            ),
        ];
        for (value, code, fragments) in cases {
            let err = Action::from_json(&value).unwrap_err();
            assert_eq!(err.code, code, "{value}: {err}");
            for f in fragments {
                assert!(err.message.contains(f), "{value}: {err} lacks {f}");
            }
        }
    }

    #[test]
    fn the_hand_written_reader_knows_every_action_and_places_its_errors() {
        for name in Action::NAMES {
            let err = Action::read(&json!({"action": name, "zz": 1})).unwrap_err();
            assert!(err.starts_with("unknown field `zz`, expected "), "{name}: {err}");
        }
        // From text: an unknown action is refused where its name is, other mistakes after the
        // object (the JSON path of the action), a key given twice is refused.
        for (text, want) in [
            (
                r#"[{"action": "teleport", "x": 1}]"#,
                "expected one of `create_route`, `replace_route`, ",
            ),
            (r#"[{"action": "teleport", "x": 1}]"#, "line 1 column 22"),
            (
                r#"[{"action": "accept_peering"}]"#,
                "missing field `peering` at line 1 column 30",
            ),
            (
                r#"[{"peering": "pcx-1"}]"#,
                "missing field `action` at line 1 column 21",
            ),
            (
                r#"[{"action": "accept_peering", "peering": "pcx-1", "peering": "pcx-2"}]"#,
                "duplicate field `peering`",
            ),
            (
                r#"[{"action": 7}]"#,
                "invalid type: integer `7`, expected variant identifier",
            ),
            (r#"["accept_peering"]"#, "expected internally tagged enum Action"),
        ] {
            let err = serde_json::from_str::<Vec<Action>>(text).unwrap_err().to_string();
            assert!(err.contains(want), "{text}: {err}");
        }
        let ok: Vec<Action> = serde_json::from_str(
            r#"[{"action": "create_interface_endpoint", "vpc": "vpc-1", "service": "sns", "subnets": ["subnet-1"]}]"#,
        )
        .unwrap();
        assert!(
            matches!(&ok[0], Action::CreateInterfaceEndpoint { private_dns: true, security_groups, .. } if security_groups.is_empty())
        );
    }
}
