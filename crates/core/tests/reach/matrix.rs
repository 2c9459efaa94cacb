//! The VPC matrix agrees with traces: on seeded random estates (peerings in several states,
//! routes to whole VPCs, to subnets, blackholes, a transit gateway with two route tables and
//! attachments in one or two AZs), `reaches(a, b)` holds exactly when the forward trace from an
//! instance in `a` arrives at an instance in `b` (security groups open, no ACLs).

use crate::common::*;
use serde_json::{json, Value};
use vpclab_core::reach::{Query, Topology};

struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

fn random_estate(seed: u64, n: usize) -> Value {
    let mut r = Lcg(seed);
    let mut d = doc().push(
        "TransitGateways",
        json!({"TransitGatewayId": "tgw-1", "OwnerId": ACCOUNT, "State": "available"}),
    );
    for t in ["tgw-rtb-1", "tgw-rtb-2"] {
        d = d.push(
            "TransitGatewayRouteTables",
            json!({"TransitGatewayRouteTableId": t, "TransitGatewayId": "tgw-1"}),
        );
    }
    let mut peered: Vec<(usize, usize, String)> = Vec::new();
    for a in 0..n {
        for b in a + 1..n {
            if r.next(3) == 0 {
                let status = if r.next(5) == 0 {
                    "pending-acceptance"
                } else {
                    "active"
                };
                let id = format!("pcx-{a}{b}");
                d = d.pcx(
                    &id,
                    (&format!("vpc-{a}"), &format!("10.{a}.0.0/16")),
                    (&format!("vpc-{b}"), &format!("10.{b}.0.0/16")),
                    status,
                );
                peered.push((a, b, id));
            }
        }
    }
    let mut tables: Vec<Value> = vec![Vec::new(), Vec::new()]
        .into_iter()
        .map(Value::Array)
        .collect();
    for a in 0..n {
        let vpc = format!("vpc-{a}");
        d = d
            .vpc(&vpc, &format!("10.{a}.0.0/16"))
            .subnet(
                &format!("subnet-{a}a"),
                &vpc,
                &format!("10.{a}.0.0/24"),
                "us-east-1a",
            )
            .subnet(
                &format!("subnet-{a}b"),
                &vpc,
                &format!("10.{a}.1.0/24"),
                "us-east-1b",
            )
            .open_sg(&format!("sg-{a}"), &vpc)
            .instance(
                &format!("i-{a}a"),
                &vpc,
                &format!("subnet-{a}a"),
                &format!("10.{a}.0.4"),
                &[&format!("sg-{a}")],
            )
            .instance(
                &format!("i-{a}b"),
                &vpc,
                &format!("subnet-{a}b"),
                &format!("10.{a}.1.4"),
                &[&format!("sg-{a}")],
            );
        let local = format!("10.{a}.0.0/16");
        let mut routes: Vec<(String, String)> = vec![(local, "local".into())];
        for (x, y, id) in &peered {
            let other = if *x == a {
                *y
            } else if *y == a {
                *x
            } else {
                continue;
            };
            let dest = match r.next(3) {
                0 => format!("10.{other}.0.0/16"),
                1 => format!("10.{other}.1.0/24"),
                _ => continue,
            };
            let target = if r.next(8) == 0 {
                format!("{id}!")
            } else {
                id.clone()
            };
            routes.push((dest, target));
        }
        let attached = r.next(3) != 0;
        if r.next(2) == 0 {
            routes.push(("10.0.0.0/8".into(), "tgw-1".into()));
        }
        if attached {
            let table = r.next(2) as usize;
            let subnets: Vec<String> = match r.next(3) {
                0 => vec![format!("subnet-{a}a")],
                1 => vec![format!("subnet-{a}b")],
                _ => vec![format!("subnet-{a}a"), format!("subnet-{a}b")],
            };
            let att = format!("tgw-attach-{a}");
            d = d
                .push(
                    "TransitGatewayAttachments",
                    json!({"TransitGatewayAttachmentId": att, "TransitGatewayId": "tgw-1", "ResourceType": "vpc",
                        "ResourceId": vpc, "State": "available", "ResourceOwnerId": ACCOUNT,
                        "Association": {"TransitGatewayRouteTableId": format!("tgw-rtb-{}", table + 1), "State": "associated"}}),
                )
                .push(
                    "TransitGatewayVpcAttachments",
                    json!({"TransitGatewayAttachmentId": att, "TransitGatewayId": "tgw-1", "VpcId": vpc,
                        "State": "available", "SubnetIds": subnets}),
                );
            for t in &mut tables {
                if r.next(3) != 0 {
                    if let Value::Array(list) = t {
                        list.push(json!({"DestinationCidrBlock": format!("10.{a}.0.0/16"), "Type": "propagated", "State": "active",
                            "TransitGatewayAttachments": [{"TransitGatewayAttachmentId": att, "ResourceType": "vpc"}]}));
                        if r.next(6) == 0 {
                            list.push(json!({"DestinationCidrBlock": format!("10.{a}.1.0/24"), "Type": "static", "State": "blackhole"}));
                        }
                    }
                }
            }
        }
        // Subnet b sometimes has its own table: the main table's routes, minus or plus the TGW.
        let mut routes_b = routes.clone();
        match r.next(3) {
            0 => routes_b.retain(|(_, t)| t != "tgw-1"),
            1 if !routes_b.iter().any(|(_, t)| t == "tgw-1") => {
                routes_b.push(("10.0.0.0/8".into(), "tgw-1".into()))
            }
            _ => {}
        }
        let routes: Vec<(&str, &str)> = routes.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let routes_b: Vec<(&str, &str)> = routes_b.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        d = d.rt(&format!("rtb-{a}"), &vpc, true, &[], &routes).rt(
            &format!("rtb-{a}b"),
            &vpc,
            false,
            &[&format!("subnet-{a}b")],
            &routes_b,
        );
    }
    let mut v = d.value();
    v["TransitGatewayRouteTableRoutes"] = json!({"tgw-rtb-1": tables[0], "tgw-rtb-2": tables[1]});
    v
}

#[test]
fn matrix_agrees_with_traces() {
    let n = 6;
    let mut reached = 0;
    for seed in 0..40 {
        let e = estate(vec![random_estate(seed, n)]);
        let topo = Topology::build(&e);
        let m = topo.vpc_matrix();
        for a in 0..n {
            for b in 0..n {
                if a == b {
                    continue;
                }
                let by_trace = ["a", "b"].iter().any(|sa| {
                    ["a", "b"].iter().any(|sb| {
                        let t = topo
                            .trace(&Query::tcp(&format!("i-{a}{sa}"), &format!("i-{b}{sb}"), 22))
                            .unwrap();
                        t.forward.reached
                    })
                });
                let (va, vb) = (format!("vpc-{a}"), format!("vpc-{b}"));
                assert_eq!(m.reaches_id(&va, &vb), by_trace, "seed {seed}: {va} → {vb}");
                reached += usize::from(by_trace);
            }
        }
    }
    assert!(
        reached > 100,
        "the random estates should reach often enough to test something: {reached}"
    );
}

#[test]
fn matrix_shape() {
    let e = estate(vec![random_estate(7, 4)]);
    let m = Topology::build(&e).vpc_matrix();
    assert_eq!(m.vpcs, vec!["vpc-0", "vpc-1", "vpc-2", "vpc-3"]);
    assert!(m.reaches(2, 2));
    assert!(!m.reaches_id("vpc-0", "vpc-nope"));
    for (a, b) in &m.reachable {
        assert!(a != b && m.reaches(*a, *b));
    }
    let json = serde_json::to_value(&m).unwrap();
    assert!(json["vpcs"].is_array() && json["reachable"].is_array());
}
