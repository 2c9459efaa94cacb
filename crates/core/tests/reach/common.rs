//! A small builder of AWS CLI JSON documents (the scenario format) and trace helpers.

use serde_json::{json, Map, Value};
use vpclab_core::aws::import_documents;
use vpclab_core::model::Estate;
use vpclab_core::reach::{Proto, Query, Topology, Trace};

pub const ACCOUNT: &str = "111122223333";
pub const REGION: &str = "us-east-1";

/// One document (one account, one region) under construction.
pub struct Doc {
    map: Map<String, Value>,
    account: String,
}

pub fn doc() -> Doc {
    Doc::new(ACCOUNT, REGION)
}

impl Doc {
    pub fn new(account: &str, region: &str) -> Doc {
        let mut map = Map::new();
        map.insert("AccountId".into(), json!(account));
        map.insert("Region".into(), json!(region));
        Doc {
            map,
            account: account.to_string(),
        }
    }

    /// A document given whole (its `AccountId` names the account).
    pub fn from_value(v: Value) -> Doc {
        let account = v["AccountId"].as_str().unwrap_or(ACCOUNT).to_string();
        match v {
            Value::Object(map) => Doc { map, account },
            _ => Doc::new(ACCOUNT, REGION),
        }
    }

    pub fn push(mut self, key: &str, item: Value) -> Doc {
        let list = self.map.entry(key).or_insert_with(|| json!([]));
        if let Value::Array(a) = list {
            a.push(item);
        }
        self
    }

    pub fn vpc(self, id: &str, cidr: &str) -> Doc {
        let owner = self.account.clone();
        self.push(
            "Vpcs",
            json!({"VpcId": id, "OwnerId": owner, "CidrBlock": cidr,
            "CidrBlockAssociationSet": [{"CidrBlock": cidr, "CidrBlockState": {"State": "associated"}}]}),
        )
    }

    pub fn subnet(self, id: &str, vpc: &str, cidr: &str, az: &str) -> Doc {
        let owner = self.account.clone();
        self.push(
            "Subnets",
            json!({"SubnetId": id, "VpcId": vpc, "OwnerId": owner, "CidrBlock": cidr, "AvailabilityZone": az}),
        )
    }

    /// A route table. Routes are `(destination, target)`: a destination `pl-…` is a prefix-list
    /// route; a target ending in `!` is a blackhole route to that target.
    pub fn rt(self, id: &str, vpc: &str, main: bool, subnets: &[&str], routes: &[(&str, &str)]) -> Doc {
        let owner = self.account.clone();
        let mut assoc: Vec<Value> = subnets
            .iter()
            .map(|s| json!({"SubnetId": s, "Main": false}))
            .collect();
        if main {
            assoc.push(json!({"Main": true}));
        }
        let routes: Vec<Value> = routes.iter().map(|(d, t)| route(d, t)).collect();
        self.push(
            "RouteTables",
            json!({"RouteTableId": id, "VpcId": vpc, "OwnerId": owner, "Associations": assoc, "Routes": routes}),
        )
    }

    pub fn instance(self, id: &str, vpc: &str, subnet: &str, ip: &str, sgs: &[&str]) -> Doc {
        self.instance_full(id, vpc, subnet, ip, None, sgs, "running")
    }

    #[allow(clippy::too_many_arguments)]
    pub fn instance_full(
        self,
        id: &str,
        vpc: &str,
        subnet: &str,
        ip: &str,
        public_ip: Option<&str>,
        sgs: &[&str],
        state: &str,
    ) -> Doc {
        let owner = self.account.clone();
        let groups: Vec<Value> = sgs.iter().map(|g| json!({"GroupId": g})).collect();
        let mut inst = json!({"InstanceId": id, "VpcId": vpc, "SubnetId": subnet, "PrivateIpAddress": ip,
            "SecurityGroups": groups, "State": {"Name": state}});
        if let Some(p) = public_ip {
            inst["PublicIpAddress"] = json!(p);
        }
        self.push("Reservations", json!({"OwnerId": owner, "Instances": [inst]}))
    }

    /// A security group allowing everything in and out.
    pub fn open_sg(self, id: &str, vpc: &str) -> Doc {
        self.sg(
            id,
            vpc,
            vec![rule("-1", None, "0.0.0.0/0")],
            vec![rule("-1", None, "0.0.0.0/0")],
        )
    }

    pub fn sg(self, id: &str, vpc: &str, ingress: Vec<Value>, egress: Vec<Value>) -> Doc {
        let owner = self.account.clone();
        self.push(
            "SecurityGroups",
            json!({"GroupId": id, "GroupName": id, "VpcId": vpc, "OwnerId": owner,
                "IpPermissions": ingress, "IpPermissionsEgress": egress}),
        )
    }

    /// A dual-stack VPC: an IPv4 block and an Amazon-provided IPv6 block.
    pub fn vpc6(self, id: &str, cidr: &str, cidr6: &str) -> Doc {
        let owner = self.account.clone();
        self.push(
            "Vpcs",
            json!({"VpcId": id, "OwnerId": owner, "CidrBlock": cidr,
            "CidrBlockAssociationSet": [{"CidrBlock": cidr, "CidrBlockState": {"State": "associated"}}],
            "Ipv6CidrBlockAssociationSet": [{"Ipv6CidrBlock": cidr6, "Ipv6CidrBlockState": {"State": "associated"}}]}),
        )
    }

    /// A dual-stack subnet.
    pub fn subnet6(self, id: &str, vpc: &str, cidr: &str, cidr6: &str, az: &str) -> Doc {
        let owner = self.account.clone();
        self.push(
            "Subnets",
            json!({"SubnetId": id, "VpcId": vpc, "OwnerId": owner, "CidrBlock": cidr, "AvailabilityZone": az,
                "Ipv6CidrBlockAssociationSet": [{"Ipv6CidrBlock": cidr6, "Ipv6CidrBlockState": {"State": "associated"}}]}),
        )
    }

    /// A running instance with an IPv4 and an IPv6 address.
    pub fn instance6(self, id: &str, vpc: &str, subnet: &str, ip: &str, ip6: &str, sgs: &[&str]) -> Doc {
        let owner = self.account.clone();
        let groups: Vec<Value> = sgs.iter().map(|g| json!({"GroupId": g})).collect();
        let inst = json!({"InstanceId": id, "VpcId": vpc, "SubnetId": subnet, "PrivateIpAddress": ip,
            "Ipv6Address": ip6, "SecurityGroups": groups, "State": {"Name": "running"}});
        self.push("Reservations", json!({"OwnerId": owner, "Instances": [inst]}))
    }

    /// A security group allowing everything in and out, over IPv4 and IPv6.
    pub fn open_sg6(self, id: &str, vpc: &str) -> Doc {
        let all = vec![rule("-1", None, "0.0.0.0/0"), rule("-1", None, "::/0")];
        self.sg(id, vpc, all.clone(), all)
    }

    pub fn eigw(self, id: &str, vpc: &str) -> Doc {
        self.push(
            "EgressOnlyInternetGateways",
            json!({"EgressOnlyInternetGatewayId": id, "Attachments": [{"State": "attached", "VpcId": vpc}]}),
        )
    }

    pub fn igw(self, id: &str, vpc: &str) -> Doc {
        let owner = self.account.clone();
        self.push(
            "InternetGateways",
            json!({"InternetGatewayId": id, "OwnerId": owner, "Attachments": [{"State": "available", "VpcId": vpc}]}),
        )
    }

    pub fn nat(self, id: &str, vpc: &str, subnet: &str, private_ip: &str, public_ip: &str) -> Doc {
        self.nat_full(id, vpc, subnet, private_ip, Some(public_ip), "available")
    }

    /// A NAT gateway in any state; without a public IP it is a private NAT gateway.
    pub fn nat_full(
        self,
        id: &str,
        vpc: &str,
        subnet: &str,
        private_ip: &str,
        public_ip: Option<&str>,
        state: &str,
    ) -> Doc {
        let mut address = json!({"PrivateIp": private_ip});
        if let Some(p) = public_ip {
            address["PublicIp"] = json!(p);
        }
        self.push(
            "NatGateways",
            json!({"NatGatewayId": id, "VpcId": vpc, "SubnetId": subnet, "State": state,
                "ConnectivityType": if public_ip.is_some() { "public" } else { "private" },
                "NatGatewayAddresses": [address]}),
        )
    }

    /// A peering within this document's account and region.
    pub fn pcx(self, id: &str, requester: (&str, &str), accepter: (&str, &str), status: &str) -> Doc {
        let (owner, region) = (self.account.clone(), self.region());
        self.pcx_full(
            id,
            (requester.0, requester.1, &owner, &region),
            (accepter.0, accepter.1, &owner, &region),
            status,
        )
    }

    /// A peering between (vpc, cidr, owner, region) sides.
    pub fn pcx_full(
        self,
        id: &str,
        req: (&str, &str, &str, &str),
        acc: (&str, &str, &str, &str),
        status: &str,
    ) -> Doc {
        let side = |s: (&str, &str, &str, &str)| json!({"VpcId": s.0, "CidrBlock": s.1, "CidrBlockSet": [{"CidrBlock": s.1}], "OwnerId": s.2, "Region": s.3});
        self.push(
            "VpcPeeringConnections",
            json!({"VpcPeeringConnectionId": id, "RequesterVpcInfo": side(req), "AccepterVpcInfo": side(acc),
                "Status": {"Code": status}}),
        )
    }

    pub fn region(&self) -> String {
        self.map
            .get("Region")
            .and_then(|r| r.as_str())
            .unwrap_or(REGION)
            .to_string()
    }

    pub fn value(self) -> Value {
        Value::Object(self.map)
    }
}

/// One route of `describe-route-tables` (see [`Doc::rt`]).
pub fn route(dest: &str, target: &str) -> Value {
    let (target, blackhole) = match target.strip_suffix('!') {
        Some(t) => (t, true),
        None => (target, false),
    };
    let mut r = if dest.starts_with("pl-") {
        json!({"DestinationPrefixListId": dest})
    } else if dest.contains(':') {
        json!({"DestinationIpv6CidrBlock": dest})
    } else {
        json!({"DestinationCidrBlock": dest})
    };
    let key = match target {
        t if t.starts_with("eigw-") => "EgressOnlyInternetGatewayId",
        t if t.starts_with("nat-") => "NatGatewayId",
        t if t.starts_with("pcx-") => "VpcPeeringConnectionId",
        t if t.starts_with("tgw-") => "TransitGatewayId",
        t if t.starts_with("eni-") => "NetworkInterfaceId",
        _ => "GatewayId",
    };
    r[key] = json!(target);
    r["State"] = json!(if blackhole { "blackhole" } else { "active" });
    r["Origin"] = json!(if target == "local" {
        "CreateRouteTable"
    } else {
        "CreateRoute"
    });
    r
}

/// An `IpPermission`: protocol (`tcp`, `udp`, `icmp`, `-1`), port (or none for all), and a
/// peer: a CIDR, `sg-…` (group reference) or `pl-…` (prefix list).
pub fn rule(protocol: &str, port: Option<i32>, peer: &str) -> Value {
    let mut r = json!({"IpProtocol": protocol});
    if let Some(p) = port {
        r["FromPort"] = json!(p);
        r["ToPort"] = json!(p);
    }
    if peer.starts_with("sg-") {
        r["UserIdGroupPairs"] = json!([{"GroupId": peer}]);
    } else if peer.starts_with("pl-") {
        r["PrefixListIds"] = json!([{"PrefixListId": peer}]);
    } else if peer.contains(':') {
        r["Ipv6Ranges"] = json!([{"CidrIpv6": peer}]);
    } else {
        r["IpRanges"] = json!([{"CidrIp": peer}]);
    }
    r
}

/// A network ACL entry: number, egress, allow, protocol number (`"6"`, `"-1"`), CIDR, ports.
pub fn acl_entry(
    n: u16,
    egress: bool,
    allow: bool,
    protocol: &str,
    cidr: &str,
    ports: Option<(u16, u16)>,
) -> Value {
    let key = if cidr.contains(':') {
        "Ipv6CidrBlock"
    } else {
        "CidrBlock"
    };
    let mut e = json!({"RuleNumber": n, "Egress": egress, "RuleAction": if allow { "allow" } else { "deny" },
        "Protocol": protocol, key: cidr});
    if let Some((a, b)) = ports {
        e["PortRange"] = json!({"From": a, "To": b});
    }
    e
}

pub fn estate(docs: Vec<Value>) -> Estate {
    let named: Vec<(String, Value)> = docs
        .into_iter()
        .enumerate()
        .map(|(i, d)| (format!("doc{i}.json"), d))
        .collect();
    import_documents(&named).unwrap_or_else(|e| panic!("test estate does not import: {e}"))
}

/// A TCP trace; panics on a query error.
pub fn tcp(e: &Estate, from: &str, to: &str, port: u16) -> Trace {
    Topology::build(e)
        .trace(&Query::tcp(from, to, port))
        .unwrap_or_else(|err| panic!("{from} → {to}: {err}"))
}

/// A trace over IPv6 (instances and ENIs by their IPv6 addresses); panics on a query error.
pub fn v6(e: &Estate, from: &str, to: &str, proto: Proto, port: Option<u16>) -> Trace {
    Topology::build(e)
        .trace(&Query::new(from, to, proto, port).over_ipv6())
        .unwrap_or_else(|err| panic!("{from} → {to} over IPv6: {err}"))
}

pub fn with(e: &Estate, from: &str, to: &str, proto: Proto, port: Option<u16>) -> Trace {
    Topology::build(e)
        .trace(&Query::new(from, to, proto, port))
        .unwrap_or_else(|err| panic!("{from} → {to}: {err}"))
}

/// The blocking code, or `None` if reachable; checks the trace's own consistency on the way.
pub fn code(t: &Trace) -> Option<&'static str> {
    assert_eq!(
        t.reachable,
        t.blocked.is_none(),
        "reachable iff not blocked: {t:#?}"
    );
    if t.reachable {
        assert!(t.forward.reached && t.return_path.reached == Some(true), "{t:#?}");
    }
    if !t.forward.reached {
        assert_eq!(t.return_path.reached, None);
    }
    t.blocked.as_ref().map(|b| b.code.as_str())
}

/// Asserts the code, printing the trace on failure.
#[track_caller]
pub fn expect(t: &Trace, want: Option<&str>) {
    let got = code(t);
    assert_eq!(
        got,
        want,
        "trace: {}",
        serde_json::to_string_pretty(t).unwrap_or_default()
    );
}

/// The ids of the hops of the forward path.
pub fn forward_ats(t: &Trace) -> Vec<&str> {
    t.forward.hops.iter().map(|h| h.at.as_str()).collect()
}
