//! Builders of AWS CLI JSON documents for the cost tests: each call adds what the matching
//! `describe-*` call would print, so the estates go through the real import and reach engine.

#![allow(dead_code)]

use serde_json::{json, Map, Value};
use vpclab_core::aws::import_documents;
use vpclab_core::cost::{estimate, CostReport, PriceBook, Traffic};
use vpclab_core::model::Estate;

/// One account in one region.
pub struct Doc {
    pub account: String,
    pub region: String,
    keys: Map<String, Value>,
}

impl Doc {
    pub fn new(account: &str, region: &str) -> Doc {
        Doc {
            account: account.to_string(),
            region: region.to_string(),
            keys: Map::new(),
        }
    }

    /// Any other AWS CLI object, under its key (`VpnGateways`, …).
    pub fn raw(&mut self, key: &str, value: Value) -> &mut Doc {
        self.push(key, value);
        self
    }

    fn push(&mut self, key: &str, value: Value) {
        self.keys
            .entry(key.to_string())
            .or_insert_with(|| Value::Array(vec![]))
            .as_array_mut()
            .expect("an array key")
            .push(value);
    }

    /// A VPC with a default network ACL that allows everything both ways.
    pub fn vpc(&mut self, id: &str, cidr: &str) -> &mut Doc {
        let owner = self.account.clone();
        self.push(
            "Vpcs",
            json!({"VpcId": id, "OwnerId": owner, "CidrBlock": cidr,
                   "EnableDnsSupport": true, "EnableDnsHostnames": true}),
        );
        let allow = |n: u16, egress: bool| {
            json!({"RuleNumber": n, "Egress": egress, "RuleAction": "allow", "Protocol": "-1",
                   "CidrBlock": "0.0.0.0/0"})
        };
        let deny = |egress: bool| {
            json!({"RuleNumber": 32767, "Egress": egress, "RuleAction": "deny", "Protocol": "-1",
                   "CidrBlock": "0.0.0.0/0"})
        };
        self.push(
            "NetworkAcls",
            json!({"NetworkAclId": format!("acl-{}", &id[4..]), "VpcId": id, "OwnerId": owner,
                   "IsDefault": true,
                   "Entries": [allow(100, false), allow(100, true), deny(false), deny(true)]}),
        );
        self
    }

    /// A subnet of `vpc` owned by this document's account (`owner` overrides it: a subnet the
    /// owner shares, listed in a participant's document).
    pub fn subnet(&mut self, id: &str, vpc: &str, az: &str, cidr: &str) -> &mut Doc {
        let owner = self.account.clone();
        self.subnet_of(id, vpc, az, cidr, &owner)
    }

    pub fn subnet_of(&mut self, id: &str, vpc: &str, az: &str, cidr: &str, owner: &str) -> &mut Doc {
        self.push(
            "Subnets",
            json!({"SubnetId": id, "VpcId": vpc, "OwnerId": owner, "AvailabilityZone": az,
                   "CidrBlock": cidr}),
        );
        self
    }

    /// A route table; `routes` are (destination, target) where the destination is a CIDR or a
    /// `pl-…` id and the target's prefix picks the AWS key (`igw-`/`vpce-` GatewayId, `nat-`,
    /// `pcx-`, `tgw-`); the local routes are added from `local`.
    pub fn route_table(
        &mut self,
        id: &str,
        vpc: &str,
        main: bool,
        subnets: &[&str],
        local: &[&str],
        routes: &[(&str, &str)],
    ) -> &mut Doc {
        let mut rs: Vec<Value> = local
            .iter()
            .map(|c| json!({"DestinationCidrBlock": c, "GatewayId": "local", "Origin": "CreateRouteTable", "State": "active"}))
            .collect();
        for (dest, target) in routes {
            let mut r = Map::new();
            if dest.starts_with("pl-") {
                r.insert("DestinationPrefixListId".into(), json!(dest));
            } else {
                r.insert("DestinationCidrBlock".into(), json!(dest));
            }
            let key = if target.starts_with("nat-") {
                "NatGatewayId"
            } else if target.starts_with("pcx-") {
                "VpcPeeringConnectionId"
            } else if target.starts_with("tgw-") {
                "TransitGatewayId"
            } else {
                "GatewayId"
            };
            r.insert(key.into(), json!(target));
            r.insert("Origin".into(), json!("CreateRoute"));
            r.insert("State".into(), json!("active"));
            rs.push(Value::Object(r));
        }
        let mut assoc: Vec<Value> = subnets
            .iter()
            .map(|s| json!({"Main": false, "SubnetId": s, "AssociationState": {"State": "associated"}}))
            .collect();
        if main {
            assoc.push(json!({"Main": true, "AssociationState": {"State": "associated"}}));
        }
        let owner = self.account.clone();
        self.push(
            "RouteTables",
            json!({"RouteTableId": id, "VpcId": vpc, "OwnerId": owner, "Associations": assoc, "Routes": rs}),
        );
        self
    }

    pub fn igw(&mut self, id: &str, vpc: &str) -> &mut Doc {
        let owner = self.account.clone();
        self.push(
            "InternetGateways",
            json!({"InternetGatewayId": id, "OwnerId": owner,
                   "Attachments": [{"State": "available", "VpcId": vpc}]}),
        );
        self
    }

    /// A public NAT gateway with its interface and Elastic IP.
    pub fn nat(
        &mut self,
        id: &str,
        vpc: &str,
        subnet: &str,
        az: &str,
        private_ip: &str,
        eip: &str,
    ) -> &mut Doc {
        let eni = format!("eni-{}", &id[4..]);
        self.push(
            "NatGateways",
            json!({"NatGatewayId": id, "VpcId": vpc, "SubnetId": subnet, "State": "available",
                   "ConnectivityType": "public",
                   "NatGatewayAddresses": [{"NetworkInterfaceId": eni, "PrivateIp": private_ip, "PublicIp": eip}]}),
        );
        let owner = self.account.clone();
        self.push(
            "NetworkInterfaces",
            json!({"NetworkInterfaceId": eni, "OwnerId": owner, "VpcId": vpc, "SubnetId": subnet,
                   "AvailabilityZone": az, "PrivateIpAddress": private_ip,
                   "Association": {"PublicIp": eip}, "InterfaceType": "nat_gateway"}),
        );
        self
    }

    /// A security group that allows all traffic in and out.
    pub fn open_sg(&mut self, id: &str, vpc: &str) -> &mut Doc {
        let owner = self.account.clone();
        let all = json!([{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]);
        self.push(
            "SecurityGroups",
            json!({"GroupId": id, "GroupName": id, "OwnerId": owner, "VpcId": vpc,
                   "IpPermissions": all, "IpPermissionsEgress": all}),
        );
        self
    }

    /// A running instance launched by this document's account.
    pub fn instance(&mut self, id: &str, vpc: &str, subnet: &str, ip: &str, sg: &str) -> &mut Doc {
        let owner = self.account.clone();
        self.push(
            "Reservations",
            json!({"OwnerId": owner, "Instances": [{
                "InstanceId": id, "SubnetId": subnet, "VpcId": vpc, "PrivateIpAddress": ip,
                "SecurityGroups": [{"GroupId": sg}], "State": {"Name": "running"}}]}),
        );
        self
    }

    /// A network interface with no instance (an ECS task's `awsvpc` interface).
    pub fn eni(&mut self, id: &str, vpc: &str, subnet: &str, az: &str, ip: &str, sg: &str) -> &mut Doc {
        let owner = self.account.clone();
        self.push(
            "NetworkInterfaces",
            json!({"NetworkInterfaceId": id, "OwnerId": owner, "VpcId": vpc, "SubnetId": subnet,
                   "AvailabilityZone": az, "PrivateIpAddress": ip, "Groups": [{"GroupId": sg}],
                   "InterfaceType": "interface", "Description": "ECS task"}),
        );
        self
    }

    pub fn gateway_endpoint(
        &mut self,
        id: &str,
        vpc: &str,
        service: &str,
        route_tables: &[&str],
    ) -> &mut Doc {
        let owner = self.account.clone();
        self.push(
            "VpcEndpoints",
            json!({"VpcEndpointId": id, "VpcEndpointType": "Gateway", "VpcId": vpc, "ServiceName": service,
                   "State": "available", "RouteTableIds": route_tables, "OwnerId": owner}),
        );
        self
    }

    /// An interface endpoint with private DNS; `enis` are (eni id, subnet, AZ, address).
    pub fn interface_endpoint(
        &mut self,
        id: &str,
        vpc: &str,
        service: &str,
        enis: &[(&str, &str, &str, &str)],
        sg: &str,
    ) -> &mut Doc {
        let owner = self.account.clone();
        let subnets: Vec<&str> = enis.iter().map(|e| e.1).collect();
        let ids: Vec<&str> = enis.iter().map(|e| e.0).collect();
        self.push(
            "VpcEndpoints",
            json!({"VpcEndpointId": id, "VpcEndpointType": "Interface", "VpcId": vpc, "ServiceName": service,
                   "State": "available", "SubnetIds": subnets, "NetworkInterfaceIds": ids,
                   "Groups": [{"GroupId": sg}], "PrivateDnsEnabled": true, "OwnerId": owner}),
        );
        for (eni, subnet, az, ip) in enis {
            self.push(
                "NetworkInterfaces",
                json!({"NetworkInterfaceId": eni, "OwnerId": owner, "VpcId": vpc, "SubnetId": subnet,
                       "AvailabilityZone": az, "PrivateIpAddress": ip, "Groups": [{"GroupId": sg}],
                       "InterfaceType": "vpc_endpoint", "Description": format!("VPC Endpoint Interface {id}")}),
            );
        }
        self
    }

    /// An active peering; each side is (vpc, owner, region, cidr).
    pub fn peering(
        &mut self,
        id: &str,
        req: (&str, &str, &str, &str),
        acc: (&str, &str, &str, &str),
    ) -> &mut Doc {
        let side = |s: (&str, &str, &str, &str)| {
            json!({"VpcId": s.0, "OwnerId": s.1, "Region": s.2, "CidrBlock": s.3,
                   "CidrBlockSet": [{"CidrBlock": s.3}]})
        };
        self.push(
            "VpcPeeringConnections",
            json!({"VpcPeeringConnectionId": id, "Status": {"Code": "active"},
                   "RequesterVpcInfo": side(req), "AccepterVpcInfo": side(acc)}),
        );
        self
    }

    /// A transit gateway with one route table that every attachment is associated with and
    /// propagates to.
    pub fn tgw(&mut self, id: &str, rtb: &str) -> &mut Doc {
        let owner = self.account.clone();
        self.push(
            "TransitGateways",
            json!({"TransitGatewayId": id, "OwnerId": owner, "State": "available",
                   "Options": {"AssociationDefaultRouteTableId": rtb, "PropagationDefaultRouteTableId": rtb,
                               "DefaultRouteTableAssociation": "enable", "DefaultRouteTablePropagation": "enable"}}),
        );
        self.push(
            "TransitGatewayRouteTables",
            json!({"TransitGatewayRouteTableId": rtb, "TransitGatewayId": id, "State": "available",
                   "DefaultAssociationRouteTable": true, "DefaultPropagationRouteTable": true}),
        );
        self
    }

    /// A VPC attachment owned by this account, associated with `rtb` and propagating into it.
    pub fn tgw_attachment(
        &mut self,
        id: &str,
        tgw: &str,
        rtb: &str,
        vpc: &str,
        subnets: &[&str],
    ) -> &mut Doc {
        let owner = self.account.clone();
        self.push(
            "TransitGatewayAttachments",
            json!({"TransitGatewayAttachmentId": id, "TransitGatewayId": tgw, "TransitGatewayOwnerId": owner,
                   "ResourceType": "vpc", "ResourceId": vpc, "ResourceOwnerId": owner, "State": "available",
                   "Association": {"TransitGatewayRouteTableId": rtb, "State": "associated"}}),
        );
        self.push(
            "TransitGatewayVpcAttachments",
            json!({"TransitGatewayAttachmentId": id, "TransitGatewayId": tgw, "VpcId": vpc, "VpcOwnerId": owner,
                   "State": "available", "SubnetIds": subnets}),
        );
        self
    }

    /// `TransitGatewayPropagations` for one route table.
    pub fn tgw_propagations(&mut self, rtb: &str, attachments: &[(&str, &str)]) -> &mut Doc {
        let props: Vec<Value> = attachments
            .iter()
            .map(|(att, vpc)| {
                json!({"TransitGatewayAttachmentId": att, "ResourceId": vpc, "ResourceType": "vpc", "State": "enabled"})
            })
            .collect();
        self.push(
            "TransitGatewayPropagations",
            json!({"TransitGatewayRouteTableId": rtb, "TransitGatewayRouteTablePropagations": props}),
        );
        self
    }

    pub fn json(&self) -> Value {
        let mut m = self.keys.clone();
        m.insert("AccountId".into(), json!(self.account));
        m.insert("Region".into(), json!(self.region));
        Value::Object(m)
    }
}

/// The estate of some documents, through the real import.
pub fn estate(docs: &[&Doc]) -> Estate {
    let named: Vec<(String, Value)> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (format!("doc{i}.json"), d.json()))
        .collect();
    import_documents(&named).unwrap_or_else(|e| panic!("test estate does not import: {e}"))
}

/// The cost of an estate under a traffic file (JSON text), at the shipped prices.
pub fn cost(estate: &Estate, traffic: &str) -> CostReport {
    let traffic = Traffic::from_json(traffic).expect("test traffic parses");
    let book = PriceBook::for_estate(estate, None).expect("shipped prices");
    estimate(estate, &traffic, &book).unwrap_or_else(|e| panic!("estimate failed: {e}"))
}

/// (kind, resource, payer, usd) of every item, for assertions.
pub fn lines(report: &CostReport) -> Vec<(String, String, String, f64)> {
    report
        .items
        .iter()
        .map(|i| {
            (
                i.kind.as_str().to_string(),
                i.resource.clone(),
                i.payer.clone(),
                i.usd,
            )
        })
        .collect()
}

/// Builds the expected lines from string slices.
pub fn want(rows: &[(&str, &str, &str, f64)]) -> Vec<(String, String, String, f64)> {
    rows.iter()
        .map(|(k, r, p, u)| (k.to_string(), r.to_string(), p.to_string(), *u))
        .collect()
}

/// Asserts two dollar amounts agree to a millionth.
pub fn assert_usd(got: f64, want: f64, what: &str) {
    assert!((got - want).abs() < 1e-6, "{what}: got ${got}, want ${want}");
}
