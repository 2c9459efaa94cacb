//! VPC sharing ("Share your VPC with other accounts"): a participant's instances in the
//! owner's shared subnet use the VPC's route tables and talk to the owner's over local routes.

use crate::common::*;

const OWNER: &str = "111111111111";
const PARTICIPANT: &str = "222222222222";

#[test]
fn participants_talk_over_local_routes() {
    let owner = Doc::new(OWNER, REGION)
        .vpc("vpc-1", "10.0.0.0/16")
        .subnet("subnet-owner", "vpc-1", "10.0.1.0/24", "us-east-1a")
        .subnet("subnet-shared", "vpc-1", "10.0.2.0/24", "us-east-1b")
        .igw("igw-1", "vpc-1")
        .rt(
            "rtb-1",
            "vpc-1",
            true,
            &[],
            &[("10.0.0.0/16", "local"), ("0.0.0.0/0", "igw-1")],
        )
        .open_sg("sg-owner", "vpc-1")
        .instance("i-owner", "vpc-1", "subnet-owner", "10.0.1.10", &["sg-owner"]);
    let participant = Doc::new(PARTICIPANT, REGION)
        .push(
            "Subnets",
            serde_json::json!({"SubnetId": "subnet-shared", "VpcId": "vpc-1", "OwnerId": OWNER,
                "CidrBlock": "10.0.2.0/24", "AvailabilityZone": "us-east-1b"}),
        )
        .sg(
            "sg-part",
            "vpc-1",
            vec![rule("tcp", Some(8080), "sg-owner")],
            vec![rule("-1", None, "0.0.0.0/0")],
        )
        .instance_full(
            "i-part",
            "vpc-1",
            "subnet-shared",
            "10.0.2.10",
            Some("198.51.100.20"),
            &["sg-part"],
            "running",
        );
    let e = estate(vec![owner.value(), participant.value()]);
    let subnet = &e.subnets[&"subnet-shared".into()];
    assert!(subnet.shared_with.contains(&PARTICIPANT.into()), "{subnet:?}");
    assert_eq!(e.instances[&"i-part".into()].owner.as_str(), PARTICIPANT);
    let t = tcp(&e, "i-part", "i-owner", 22);
    expect(&t, None);
    let route = t.forward.hops.iter().find(|h| h.route_table.is_some()).unwrap();
    assert_eq!(route.route_table.as_deref(), Some("rtb-1"));
    assert_eq!(route.target.as_deref(), Some("local"));
    // The owner's group is referenced by the participant's group across accounts.
    expect(&tcp(&e, "i-owner", "i-part", 8080), None);
    expect(&tcp(&e, "i-owner", "i-part", 22), Some("SG_INGRESS_DENY"));
    // The owner's internet gateway serves the participant's public instance.
    expect(&tcp(&e, "i-part", "192.0.2.1", 443), None);
}
