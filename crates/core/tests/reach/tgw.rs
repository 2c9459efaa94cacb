//! Transit gateways ("How transit gateways work", "Amazon VPC attachments"): association,
//! propagation, segmentation by route tables, static and blackhole routes, attachment AZs,
//! centralized egress.

use crate::common::*;
use serde_json::{json, Value};
use vpclab_core::reach::HopKind;

/// A VPC `name` (10.`n`.0.0/16) with an app subnet in `az`, a TGW attachment subnet in
/// us-east-1a, routes `extra` after local, an instance `i-{name}` at 10.n.1.10.
fn spoke(d: Doc, name: &str, n: u8, az: &str, extra: &[(&str, &str)]) -> Doc {
    let vpc = format!("vpc-{name}");
    let cidr = format!("10.{n}.0.0/16");
    let mut routes = vec![(cidr.as_str(), "local")];
    routes.extend_from_slice(extra);
    d.vpc(&vpc, &cidr)
        .subnet(&format!("subnet-{name}"), &vpc, &format!("10.{n}.1.0/24"), az)
        .subnet(
            &format!("subnet-{name}-tgw"),
            &vpc,
            &format!("10.{n}.0.0/28"),
            "us-east-1a",
        )
        .rt(&format!("rtb-{name}"), &vpc, true, &[], &routes)
        .open_sg(&format!("sg-{name}"), &vpc)
        .instance(
            &format!("i-{name}"),
            &vpc,
            &format!("subnet-{name}"),
            &format!("10.{n}.1.10"),
            &[&format!("sg-{name}")],
        )
}

fn attach(d: Doc, name: &str, table: &str, state: &str) -> Doc {
    let att = format!("tgw-attach-{name}");
    let vpc = format!("vpc-{name}");
    d.push(
        "TransitGatewayAttachments",
        json!({"TransitGatewayAttachmentId": att, "TransitGatewayId": "tgw-1", "TransitGatewayOwnerId": ACCOUNT,
            "ResourceOwnerId": ACCOUNT, "ResourceType": "vpc", "ResourceId": vpc, "State": state,
            "Association": {"TransitGatewayRouteTableId": table, "State": "associated"}}),
    )
    .push(
        "TransitGatewayVpcAttachments",
        json!({"TransitGatewayAttachmentId": att, "TransitGatewayId": "tgw-1", "VpcId": vpc, "VpcOwnerId": ACCOUNT,
            "State": state, "SubnetIds": [format!("subnet-{name}-tgw")]}),
    )
}

fn propagated(name: &str, cidr: &str) -> Value {
    json!({"DestinationCidrBlock": cidr, "Type": "propagated", "State": "active",
        "TransitGatewayAttachments": [{"TransitGatewayAttachmentId": format!("tgw-attach-{name}"), "ResourceType": "vpc",
            "ResourceId": format!("vpc-{name}")}]})
}

fn static_to(name: &str, cidr: &str) -> Value {
    json!({"DestinationCidrBlock": cidr, "Type": "static", "State": "active",
        "TransitGatewayAttachments": [{"TransitGatewayAttachmentId": format!("tgw-attach-{name}"), "ResourceType": "vpc"}]})
}

fn blackhole(cidr: &str) -> Value {
    json!({"DestinationCidrBlock": cidr, "Type": "static", "State": "blackhole"})
}

/// Three spokes on one TGW: dev and prod see only shared; shared sees both.
fn segmented(
    dev_az: &str,
    dev_state: &str,
    shared_routes: &[(&str, &str)],
    shared_extra: Vec<Value>,
) -> Value {
    let to_tgw = [("10.0.0.0/8", "tgw-1")];
    let d = spoke(doc(), "dev", 1, dev_az, &to_tgw);
    let d = spoke(d, "prod", 2, "us-east-1a", &to_tgw);
    let d = spoke(d, "shared", 3, "us-east-1a", shared_routes);
    let mut d = d.push(
        "TransitGateways",
        json!({"TransitGatewayId": "tgw-1", "OwnerId": ACCOUNT, "State": "available"}),
    );
    for t in ["dev", "prod", "shared"] {
        d = d.push(
            "TransitGatewayRouteTables",
            json!({"TransitGatewayRouteTableId": format!("tgw-rtb-{t}"), "TransitGatewayId": "tgw-1", "State": "available"}),
        );
    }
    let d = attach(d, "dev", "tgw-rtb-dev", dev_state);
    let d = attach(d, "prod", "tgw-rtb-prod", "available");
    let d = attach(d, "shared", "tgw-rtb-shared", "available");
    let mut shared_table = vec![
        propagated("dev", "10.1.0.0/16"),
        propagated("prod", "10.2.0.0/16"),
    ];
    shared_table.extend(shared_extra);
    let mut v = d.value();
    v["TransitGatewayRouteTableRoutes"] = json!({
        "tgw-rtb-dev": [propagated("shared", "10.3.0.0/16")],
        "tgw-rtb-prod": [propagated("shared", "10.3.0.0/16")],
        "tgw-rtb-shared": shared_table,
    });
    v
}

#[test]
fn association_propagation_and_segmentation() {
    let e = estate(vec![segmented(
        "us-east-1a",
        "available",
        &[("10.0.0.0/8", "tgw-1")],
        vec![],
    )]);
    let t = tcp(&e, "i-dev", "i-shared", 22);
    expect(&t, None);
    let table = t
        .forward
        .hops
        .iter()
        .find(|h| h.kind == HopKind::TransitGatewayRouteTable)
        .unwrap();
    assert_eq!(table.at, "tgw-rtb-dev");
    assert_eq!(table.matched.as_deref(), Some("10.3.0.0/16"));
    assert_eq!(table.target.as_deref(), Some("tgw-attach-shared"));
    assert!(table.message.contains("propagated"));
    expect(&tcp(&e, "i-shared", "i-prod", 22), None);
    let t = tcp(&e, "i-dev", "i-prod", 22);
    expect(&t, Some("TGW_NO_ROUTE"));
    assert_eq!(t.blocked.unwrap().at, "tgw-rtb-dev");
}

#[test]
fn static_routes_and_blackholes() {
    // A static blackhole beats the propagated route for the same prefix.
    let e = estate(vec![segmented(
        "us-east-1a",
        "available",
        &[("10.0.0.0/8", "tgw-1")],
        vec![blackhole("10.2.0.0/16")],
    )]);
    let t = tcp(&e, "i-shared", "i-prod", 22);
    expect(&t, Some("BLACKHOLE_ROUTE"));
    assert_eq!(t.blocked.unwrap().at, "tgw-rtb-shared");
    expect(&tcp(&e, "i-shared", "i-dev", 22), None);
    // A more specific static route to another attachment wins over the propagated /16.
    let e = estate(vec![segmented(
        "us-east-1a",
        "available",
        &[("10.0.0.0/8", "tgw-1")],
        vec![static_to("dev", "10.2.1.0/24")],
    )]);
    let t = tcp(&e, "i-shared", "i-prod", 22);
    expect(&t, Some("TGW_NO_ROUTE"));
    assert!(
        forward_ats(&t).contains(&"tgw-attach-dev"),
        "{:?}",
        forward_ats(&t)
    );
    assert_eq!(t.blocked.unwrap().at, "tgw-rtb-dev");
}

#[test]
fn attachments_state_and_availability_zones() {
    let e = estate(vec![segmented(
        "us-east-1b",
        "available",
        &[("10.0.0.0/8", "tgw-1")],
        vec![],
    )]);
    let t = tcp(&e, "i-dev", "i-shared", 22);
    expect(&t, Some("TGW_NO_ATTACHMENT_IN_AZ"));
    let b = t.blocked.unwrap();
    assert_eq!(b.at, "tgw-attach-dev");
    assert!(
        b.message.contains("us-east-1b") && b.message.contains("us-east-1a"),
        "{}",
        b.message
    );
    // The reply from shared to dev's us-east-1b subnet is fine: the TGW delivers into the VPC
    // from its us-east-1a attachment and the local route does the rest.
    let e = estate(vec![segmented(
        "us-east-1a",
        "pendingAcceptance",
        &[("10.0.0.0/8", "tgw-1")],
        vec![],
    )]);
    expect(&tcp(&e, "i-dev", "i-shared", 22), Some("TGW_NOT_ATTACHED"));
}

#[test]
fn vpc_route_tables_still_need_a_route_to_the_tgw() {
    let e = estate(vec![segmented(
        "us-east-1a",
        "available",
        &[("10.2.0.0/16", "tgw-1")],
        vec![],
    )]);
    let t = tcp(&e, "i-dev", "i-shared", 22);
    expect(&t, Some("NO_RETURN_ROUTE"));
    assert_eq!(t.blocked.unwrap().at, "rtb-shared");
}

/// Centralized egress: spokes send 0.0.0.0/0 to the TGW, whose route table sends it to an
/// egress VPC; there the attachment subnet's route table sends it to a NAT gateway (TGW traffic
/// is not subject to the peering edge-to-edge rule). A gateway endpoint there cannot be used.
#[test]
fn centralized_egress_through_a_nat_gateway() {
    let d = spoke(doc(), "dev", 1, "us-east-1a", &[("0.0.0.0/0", "tgw-1")])
        .vpc("vpc-egress", "10.100.0.0/16")
        .subnet("subnet-egress-tgw", "vpc-egress", "10.100.0.0/28", "us-east-1a")
        .subnet("subnet-egress-pub", "vpc-egress", "10.100.1.0/24", "us-east-1a")
        .igw("igw-egress", "vpc-egress")
        .nat("nat-egress", "vpc-egress", "subnet-egress-pub", "10.100.1.5", "203.0.113.80")
        .rt(
            "rtb-egress-tgw",
            "vpc-egress",
            true,
            &[],
            &[("10.100.0.0/16", "local"), ("0.0.0.0/0", "nat-egress"), ("pl-63a5400a", "vpce-s3")],
        )
        .rt(
            "rtb-egress-pub",
            "vpc-egress",
            false,
            &["subnet-egress-pub"],
            &[("10.100.0.0/16", "local"), ("0.0.0.0/0", "igw-egress"), ("10.0.0.0/8", "tgw-1")],
        )
        .push(
            "VpcEndpoints",
            json!({"VpcEndpointId": "vpce-s3", "VpcEndpointType": "Gateway", "VpcId": "vpc-egress",
                "ServiceName": "com.amazonaws.us-east-1.s3", "State": "available", "RouteTableIds": ["rtb-egress-tgw"]}),
        )
        .push("TransitGateways", json!({"TransitGatewayId": "tgw-1", "OwnerId": ACCOUNT, "State": "available"}))
        .push("TransitGatewayRouteTables", json!({"TransitGatewayRouteTableId": "tgw-rtb-spokes", "TransitGatewayId": "tgw-1"}))
        .push("TransitGatewayRouteTables", json!({"TransitGatewayRouteTableId": "tgw-rtb-egress", "TransitGatewayId": "tgw-1"}))
        .push(
            "TransitGatewayAttachments",
            json!({"TransitGatewayAttachmentId": "tgw-attach-egress", "TransitGatewayId": "tgw-1", "ResourceType": "vpc",
                "ResourceId": "vpc-egress", "State": "available", "ResourceOwnerId": ACCOUNT,
                "Association": {"TransitGatewayRouteTableId": "tgw-rtb-egress", "State": "associated"}}),
        )
        .push(
            "TransitGatewayVpcAttachments",
            json!({"TransitGatewayAttachmentId": "tgw-attach-egress", "TransitGatewayId": "tgw-1", "VpcId": "vpc-egress",
                "State": "available", "SubnetIds": ["subnet-egress-tgw"]}),
        );
    let d = attach(d, "dev", "tgw-rtb-spokes", "available");
    let mut v = d.value();
    v["TransitGatewayRouteTableRoutes"] = json!({
        "tgw-rtb-spokes": [static_to("egress", "0.0.0.0/0")],
        "tgw-rtb-egress": [propagated("dev", "10.1.0.0/16")],
    });
    let e = estate(vec![v]);
    let t = tcp(&e, "i-dev", "192.0.2.80", 443);
    expect(&t, None);
    let at = forward_ats(&t);
    for step in [
        "tgw-attach-dev",
        "tgw-rtb-spokes",
        "tgw-attach-egress",
        "subnet-egress-tgw",
        "nat-egress",
        "igw-egress",
    ] {
        assert!(at.contains(&step), "{step} in {at:?}");
    }
    let back: Vec<&str> = t.return_path.hops.iter().map(|h| h.at.as_str()).collect();
    for step in ["igw-egress", "nat-egress", "tgw-rtb-egress", "i-dev"] {
        assert!(back.contains(&step), "{step} in {back:?}");
    }
    let t = tcp(&e, "i-dev", "s3", 443);
    expect(&t, Some("NOT_TRANSITIVE"));
    assert_eq!(t.blocked.unwrap().at, "vpce-s3");
}
