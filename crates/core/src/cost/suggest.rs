//! The traffic a cost panel starts from when no exercise says what the design carries (the
//! sandbox): a flow between the first two instances, and one to a service the estate has an
//! endpoint for, each on a port the design lets through, for the learner to edit.

use crate::model::Estate;
use crate::reach::Topology;

use super::estimate::query_of;
use super::names::{onprem_address, INTERNET6_ADDRESS, INTERNET_ADDRESS};
use super::traffic::{Flow, Traffic};

/// GB a month of each suggested flow: a round figure to start from.
pub const SUGGESTED_GB: f64 = 100.0;

/// TCP ports tried, in order, for a suggested flow: the first the design lets through is kept
/// (HTTPS when none is), so that a design that allows only SSH is priced on port 22.
pub const COMMON_PORTS: [u16; 8] = [443, 80, 22, 3389, 5432, 3306, 8080, 53];

/// A TCP flow from `from` to `to` on the first of [`COMMON_PORTS`] that gets through (443 when
/// none does).
pub fn flow_on_open_port(topology: &Topology, from: &str, to: &str, gb: f64) -> Flow {
    let port = COMMON_PORTS
        .iter()
        .copied()
        .find(|&port| {
            let flow = Flow {
                protocol: Some("tcp".into()),
                port: Some(port),
                ..Flow::new(from, to, gb)
            };
            topology.trace(&query_of(&flow)).is_ok_and(|t| t.reachable)
        })
        .unwrap_or(COMMON_PORTS[0]);
    Flow {
        protocol: Some("tcp".into()),
        port: Some(port),
        ..Flow::new(from, to, gb)
    }
}

/// The sandbox's first traffic: the first instance to the second, the last instance to the
/// service of the estate's first interface or gateway endpoint and to on premises when a route
/// leads there; a lone instance otherwise to the internet (over IPv6 when only that gets out);
/// none for an estate with no instance.
///
/// # Examples
/// ```
/// use vpclab_core::cost::suggested_traffic;
/// use vpclab_core::reach::Topology;
/// let e = vpclab_core::model::Estate::default();
/// assert!(suggested_traffic(&e, &Topology::build(&e)).flows.is_empty());
/// ```
pub fn suggested_traffic(estate: &Estate, topology: &Topology) -> Traffic {
    let instances: Vec<&str> = estate.instances.keys().map(|i| i.as_str()).collect();
    let mut flows = Vec::new();
    if let [first, second, ..] = instances[..] {
        flows.push(flow_on_open_port(topology, first, second, SUGGESTED_GB));
    }
    let service = estate
        .endpoints
        .values()
        .find_map(|v| v.service_name.splitn(4, '.').nth(3));
    if let (Some(last), Some(service)) = (instances.last(), service) {
        flows.push(flow_on_open_port(topology, last, service, SUGGESTED_GB));
    }
    if let (Some(last), Some(onprem)) = (instances.last(), onprem_address(estate)) {
        flows.push(flow_on_open_port(topology, last, &onprem, SUGGESTED_GB));
    }
    if let ([only], true) = (&instances[..], flows.is_empty()) {
        // Over IPv6 when only that gets out (an egress-only gateway, no NAT).
        let v4 = flow_on_open_port(topology, only, INTERNET_ADDRESS, SUGGESTED_GB);
        let v6 = flow_on_open_port(topology, only, INTERNET6_ADDRESS, SUGGESTED_GB);
        let gets_out = |f: &Flow| topology.trace(&query_of(f)).is_ok_and(|t| t.reachable);
        flows.push(if !gets_out(&v4) && gets_out(&v6) { v6 } else { v4 });
    }
    Traffic { flows }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// One dual-stack instance whose subnet sends `::/0` to an egress-only gateway and
    /// 192.168.0.0/16 to a VPN's virtual private gateway, and has no IPv4 way out: the suggested
    /// flows go on premises and to the internet over IPv6, and the pickers offer both.
    #[test]
    fn a_vpn_and_an_ipv6_only_way_out_are_suggested() {
        let doc = json!({"AccountId": "111122223333", "Region": "us-east-1",
            "Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16",
                "Ipv6CidrBlockAssociationSet": [{"Ipv6CidrBlock": "2600:1f18::/56", "Ipv6CidrBlockState": {"State": "associated"}}]}],
            "Subnets": [{"SubnetId": "subnet-1", "VpcId": "vpc-1", "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "us-east-1a",
                "Ipv6CidrBlockAssociationSet": [{"Ipv6CidrBlock": "2600:1f18::/64", "Ipv6CidrBlockState": {"State": "associated"}}]}],
            "RouteTables": [{"RouteTableId": "rtb-1", "VpcId": "vpc-1", "Associations": [{"Main": true}],
                "PropagatingVgws": [{"GatewayId": "vgw-1"}],
                "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local"},
                    {"DestinationIpv6CidrBlock": "2600:1f18::/56", "GatewayId": "local"},
                    {"DestinationIpv6CidrBlock": "::/0", "EgressOnlyInternetGatewayId": "eigw-1"}]}],
            "EgressOnlyInternetGateways": [{"EgressOnlyInternetGatewayId": "eigw-1", "Attachments": [{"VpcId": "vpc-1", "State": "attached"}]}],
            "VpnGateways": [{"VpnGatewayId": "vgw-1", "State": "available", "VpcAttachments": [{"VpcId": "vpc-1", "State": "attached"}]}],
            "VpnConnections": [{"VpnConnectionId": "vpn-1", "CustomerGatewayId": "cgw-1", "VpnGatewayId": "vgw-1", "State": "available",
                "Options": {"StaticRoutesOnly": true}, "Routes": [{"DestinationCidrBlock": "192.168.0.0/16", "State": "available"}]}],
            "SecurityGroups": [{"GroupId": "sg-1", "VpcId": "vpc-1", "IpPermissionsEgress": [
                {"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}], "Ipv6Ranges": [{"CidrIpv6": "::/0"}]}]}],
            "Reservations": [{"Instances": [{"InstanceId": "i-1", "VpcId": "vpc-1", "SubnetId": "subnet-1",
                "PrivateIpAddress": "10.0.1.10", "Ipv6Address": "2600:1f18::10", "State": {"Name": "running"},
                "SecurityGroups": [{"GroupId": "sg-1"}]}]}]});
        let e = crate::aws::import_documents(&[("lab.json".into(), doc)]).unwrap();
        let topology = Topology::build(&e);
        let t = suggested_traffic(&e, &topology);
        let ends: Vec<&str> = t.flows.iter().map(|f| f.to.as_str()).collect();
        assert_eq!(ends, ["192.168.0.10"]);
        assert!(topology.trace(&query_of(&t.flows[0])).unwrap().reachable);
        let offered = super::super::names::flow_ends(&e);
        assert!(offered
            .iter()
            .any(|f| f.id == "2001:db8::20" && f.kind == "internet"));
        assert!(offered
            .iter()
            .any(|f| f.id == "192.168.0.10" && f.kind == "on_premises"));
        // Without the VPN, the lone instance's suggested flow goes out over IPv6.
        let mut no_vpn = e.clone();
        no_vpn.vpn_connections.clear();
        let topology = Topology::build(&no_vpn);
        let t = suggested_traffic(&no_vpn, &topology);
        assert_eq!(t.flows[0].to, INTERNET6_ADDRESS);
        assert!(topology.trace(&query_of(&t.flows[0])).unwrap().reachable);
    }
}
