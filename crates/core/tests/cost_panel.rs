//! The cost panel and the exercises' cost goals give one answer (issue 11, item 6): the traffic
//! the panel starts from is the cost goal's own, so the panel's total with its default flows is
//! the total the goal checks, for every exercise that has a cost goal, at its start and at its
//! reference solution. The panel names what it prices, and the shipped price tables carry one
//! date each, which the report passes on.

use vpclab_core::cost::{
    estimate_each, flow_ends, labelled, money_text, suggested_traffic, PriceBook, PriceTable, Traffic,
};
use vpclab_core::exercise::{catalog, check, exercise_traffic, Check};
use vpclab_core::model::Estate;
use vpclab_core::reach::Topology;

/// What the panel shows: the estimate the page's `Session.cost` makes under `traffic` (flows
/// whose ends do not exist listed as unpriced, the rest priced).
fn panel_total(estate: &Estate, traffic: &Traffic) -> vpclab_core::cost::CostReport {
    let book = PriceBook::for_estate(estate, None).unwrap();
    estimate_each(estate, &Topology::build(estate), traffic, &book)
        .expect("the default traffic can be priced")
}

#[test]
fn the_panel_prices_each_cost_goal_exactly_as_the_goal_does() {
    let mut checked = 0;
    for def in catalog().unwrap().exercises() {
        let Some(goal) = def
            .goals
            .iter()
            .find(|g| matches!(g.check, Check::MonthlyCostBelow { .. }))
        else {
            continue;
        };
        for (stage, estate) in [
            ("start", def.start_estate().unwrap()),
            ("solution", def.solution_estate().unwrap()),
        ] {
            let t = exercise_traffic(def, &estate);
            assert_eq!(t.from, "cost_goal", "{} {stage}", def.id);
            assert_eq!(t.goal.as_deref(), Some(goal.id.as_str()));
            let report = panel_total(&estate, &t.traffic);
            let verdict = check(def, &estate);
            let result = verdict.goals.iter().find(|g| g.id == goal.id).unwrap();
            if let Some(u) = report.unpriced.first() {
                // An end that does not exist yet: the goal cannot price it either, and says why.
                assert!(!result.passed, "{} {stage}", def.id);
                assert!(
                    result.message.contains(&u.message),
                    "{} {stage}: {}",
                    def.id,
                    result.message
                );
            } else if report.unreachable.is_empty() {
                // The goal states its total first: "$17.60 a month under this traffic, …".
                let want = format!("{} a month", money_text(report.monthly_usd));
                assert!(
                    result.message.starts_with(&want),
                    "{} {stage}: the panel says {want}, the goal says {}",
                    def.id,
                    result.message
                );
            } else {
                // A flow the design cannot carry fails the goal, and the panel lists that flow.
                assert!(!result.passed, "{} {stage}", def.id);
                let u = &report.unreachable[0];
                assert!(
                    result.message.contains(&u.code),
                    "{} {stage}: {}",
                    def.id,
                    result.message
                );
            }
            checked += 1;
        }
    }
    // s3-gateway-endpoint, scale-twenty-vpcs, sns-interface-endpoint, vpc-sharing.
    assert!(checked >= 8, "only {checked} cost goals checked");
}

#[test]
fn sns_interface_endpoint_costs_17_60_with_its_own_150_gb_per_task() {
    let def = catalog().unwrap().get("sns-interface-endpoint").unwrap();
    let solved = def.solution_estate().unwrap();
    let t = exercise_traffic(def, &solved);
    let gb: Vec<f64> = t.traffic.flows.iter().map(|f| f.gb_per_month).collect();
    assert_eq!(gb, [150.0, 150.0]);
    let report = panel_total(&solved, &t.traffic);
    // Two endpoint ENIs: 2 × 730 × $0.01 = $14.60; 300 GB × $0.01 = $3.00.
    assert_eq!(report.monthly_usd, 17.6);
    // The story's "about $53 a month" at the start: NAT 730 × $0.045 = $32.85, its address
    // $3.65, 300 GB × $0.045 = $13.50, and 150 GB from us-east-1b to 1a at $0.01 each way.
    let start = def.start_estate().unwrap();
    let at_start = panel_total(&start, &exercise_traffic(def, &start).traffic);
    assert_eq!(at_start.monthly_usd, 53.0);
    assert!(def.story.contains("about $53 a month"));
    // The tasks are named by what they are, not by their attachment's ARN.
    let from = &t.traffic.flows[0].from;
    assert_eq!(
        report.names.get(from).map(String::as_str),
        Some("ECS task in App-A")
    );
    assert!(report.names.values().all(|n| !n.starts_with("arn:")));
}

#[test]
fn exercises_without_a_cost_goal_price_their_goals_connections() {
    for def in catalog().unwrap().exercises() {
        let start = def.start_estate().unwrap();
        let t = exercise_traffic(def, &start);
        if t.from == "cost_goal" {
            continue;
        }
        let reachable = def
            .goals
            .iter()
            .filter(|g| matches!(g.check, Check::Reachable { .. }))
            .count();
        assert_eq!(t.traffic.flows.len(), reachable, "{}", def.id);
        // Every default flow can be priced: bad ends would be an error in the panel.
        t.traffic.check().unwrap();
    }
}

/// Two instances whose security group lets in SSH only.
const SSH_ONLY: &str = r#"{"AccountId": "111122223333", "Region": "us-east-1",
  "Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}],
  "Subnets": [{"SubnetId": "subnet-a", "VpcId": "vpc-1", "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "us-east-1a"},
              {"SubnetId": "subnet-b", "VpcId": "vpc-1", "CidrBlock": "10.0.2.0/24", "AvailabilityZone": "us-east-1b"}],
  "RouteTables": [{"RouteTableId": "rtb-1", "VpcId": "vpc-1", "Associations": [{"Main": true}],
     "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local"}]}],
  "SecurityGroups": [{"GroupId": "sg-1", "VpcId": "vpc-1",
     "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "10.0.0.0/16"}]}],
     "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]}],
  "Reservations": [{"OwnerId": "111122223333", "Instances": [
     {"InstanceId": "i-a", "VpcId": "vpc-1", "SubnetId": "subnet-a", "PrivateIpAddress": "10.0.1.10",
      "SecurityGroups": [{"GroupId": "sg-1"}], "State": {"Name": "running"}, "Tags": [{"Key": "Name", "Value": "bastion"}]},
     {"InstanceId": "i-b", "VpcId": "vpc-1", "SubnetId": "subnet-b", "PrivateIpAddress": "10.0.2.10",
      "SecurityGroups": [{"GroupId": "sg-1"}], "State": {"Name": "running"}, "Tags": [{"Key": "Name", "Value": "app"}]}]}]}"#;

fn ssh_only() -> Estate {
    let value: serde_json::Value = serde_json::from_str(SSH_ONLY).unwrap();
    vpclab_core::aws::import_documents(&[("ssh".to_string(), value)]).unwrap()
}

#[test]
fn a_design_that_allows_only_ssh_is_priced_on_port_22() {
    let e = ssh_only();
    let t = suggested_traffic(&e, &Topology::build(&e));
    assert_eq!(t.flows.len(), 1);
    assert_eq!(
        (t.flows[0].protocol.as_deref(), t.flows[0].port),
        (Some("tcp"), Some(22))
    );
    let report = panel_total(&e, &t);
    assert!(report.unreachable.is_empty(), "{:?}", report.unreachable);
    // 100 GB across AZs: $1.00 out and $1.00 in.
    assert_eq!(report.monthly_usd, 2.0);
    assert_eq!(report.names.get("i-a").map(String::as_str), Some("bastion"));
}

#[test]
fn the_pickers_offer_named_ends_that_can_all_be_priced() {
    let e = ssh_only();
    let ends = flow_ends(&e);
    assert_eq!(ends[0].label, "bastion (i-a)");
    assert_eq!(labelled(&e, "i-b"), "app (i-b)");
    let topology = Topology::build(&e);
    // Every end the pickers offer is one the engine can ask about (an unknown one would be an
    // error in the panel, not a price).
    for end in ends.iter().filter(|e| e.id != "i-a") {
        let flow = vpclab_core::cost::Flow::new("i-a", &end.id, 1.0);
        assert!(
            topology.trace(&vpclab_core::cost::query_of(&flow)).is_ok(),
            "{}: the engine cannot ask about it",
            end.id
        );
    }
}

#[test]
fn every_shipped_price_table_has_one_date_its_prices_agree_with() {
    for region in PriceTable::regions() {
        let t = PriceTable::for_region(region).unwrap();
        // A full date, so that the panel and the exercises show the same day everywhere.
        assert_eq!(t.as_of.len(), 10, "{region}: {}", t.as_of);
        for (name, price) in t.prices() {
            assert!(
                price.as_of <= t.as_of,
                "{region} {name}: {} after the table's {}",
                price.as_of,
                t.as_of
            );
        }
    }
}
