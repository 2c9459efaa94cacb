use serde_json::json;

use super::*;
use crate::cost::Traffic;
use crate::exercise::catalog;
use crate::reach::{Query, Topology};

fn action(v: serde_json::Value) -> Action {
    serde_json::from_value(v).unwrap()
}

fn ex1() -> Workspace {
    Workspace::load_exercise("peer-default-vpc").unwrap()
}

fn solution(id: &str) -> Vec<Action> {
    catalog().unwrap().get(id).unwrap().solution.clone()
}

/// Everything undo/redo/refusals must leave as it was.
fn snapshot(w: &Workspace) -> (Estate, Vec<Action>, Vec<String>, bool, bool) {
    (
        w.estate().clone(),
        w.actions().into_iter().cloned().collect(),
        w.history().iter().map(|s| s.to_string()).collect(),
        w.can_undo(),
        w.can_redo(),
    )
}

#[test]
fn solve_step_by_step_then_undo_and_redo_everything() {
    let mut w = ex1();
    let steps = solution("peer-default-vpc");
    let mut states = vec![w.estate().clone()];
    for (i, a) in steps.iter().enumerate() {
        assert!(!w.check().unwrap().passed, "passed before step {i}");
        w.apply(a.clone()).unwrap();
        states.push(w.estate().clone());
    }
    assert!(w.check().unwrap().passed);
    assert_eq!(w.history().len(), steps.len());
    for i in (0..steps.len()).rev() {
        assert_eq!(w.undo().as_ref(), Some(&steps[i]));
        assert_eq!(w.estate(), &states[i], "undo to step {i}");
    }
    assert_eq!(w.estate(), w.start());
    assert_eq!(w.undo(), None);
    assert!(w.can_redo() && !w.can_undo());
    for (i, state) in states.iter().enumerate().skip(1) {
        assert!(w.redo().unwrap().is_some());
        assert_eq!(w.estate(), state, "redo to step {i}");
    }
    assert_eq!(w.redo().unwrap(), None);
    assert!(w.check().unwrap().passed);
}

#[test]
fn a_new_action_clears_redo_and_a_refused_one_does_not() {
    let mut w = ex1();
    let steps = solution("peer-default-vpc");
    w.apply(steps[0].clone()).unwrap();
    w.apply(steps[1].clone()).unwrap();
    w.undo();
    assert!(w.can_redo());
    w.apply(action(
        json!({"action": "accept_peering", "peering": "pcx-0nope"}),
    ))
    .unwrap_err();
    assert!(w.can_redo(), "a refused action changes nothing, not even redo");
    // A route to the peering while it is pending is accepted (as a blackhole): redo is gone.
    w.apply(steps[2].clone()).unwrap();
    assert!(!w.can_redo());
    assert_eq!(w.redo().unwrap(), None);
}

#[test]
fn refusals_leave_everything_unchanged() {
    let mut w = ex1();
    let steps = solution("peer-default-vpc");
    w.apply(steps[0].clone()).unwrap();
    w.apply(steps[1].clone()).unwrap();
    w.undo();
    let before = snapshot(&w);
    let cases = [
        (
            json!({"action": "create_vpc", "cidr": "10.2.0.0/16"}),
            "UnauthorizedOperation",
            "does not offer create_vpc",
        ),
        (
            json!({"action": "create_route", "route_table": "rtb-0nope", "destination": "10.9.0.0/16", "target": "local"}),
            "InvalidRouteTableID.NotFound",
            "rtb-0nope",
        ),
        (
            json!({"action": "accept_peering", "peering": "pcx-0nope"}),
            "InvalidVpcPeeringConnectionID.NotFound",
            "pcx-0nope",
        ),
    ];
    for (a, code, words) in cases {
        let err = w.apply(action(a.clone())).unwrap_err();
        assert_eq!(err.code, code, "{a}");
        assert!(err.message.contains(words), "{a}: {err}");
        assert_eq!(snapshot(&w), before, "{a} changed the workspace");
    }
}

#[test]
fn reset_goes_back_to_the_start() {
    let mut w = ex1();
    for a in solution("peer-default-vpc") {
        w.apply(a).unwrap();
    }
    w.undo();
    w.reset();
    assert_eq!(w.estate(), w.start());
    assert!(w.actions().is_empty() && !w.can_undo() && !w.can_redo());
    assert!(!w.check().unwrap().passed);
}

#[test]
fn save_and_restore_reproduce_the_estate() {
    for def in catalog().unwrap().exercises() {
        let mut w = Workspace::for_exercise(def.clone()).unwrap();
        for m in &def.mistakes {
            w.reset();
            for a in &m.example {
                w.apply(a.clone()).unwrap();
            }
            let saved = w.save();
            assert_eq!(saved.exercise.as_deref(), Some(def.id.as_str()));
            assert!(saved.documents.is_none());
            let again = Workspace::restore_json(&w.save_json()).unwrap();
            assert_eq!(again.estate(), w.estate(), "{}/{}", def.id, m.id);
            assert_eq!(again.actions(), w.actions());
            assert_eq!(again.check(), w.check());
        }
    }
}

#[test]
fn the_sandbox_allows_everything_and_saves_its_documents() {
    let doc = json!({"AccountId": "111122223333", "Region": "eu-west-1",
        "Vpcs": [{"VpcId": "vpc-0aaa", "CidrBlock": "10.4.0.0/16"}],
        "SecurityGroups": [{"GroupId": "sg-0aaa", "GroupName": "default", "VpcId": "vpc-0aaa"}]});
    let mut w = Workspace::from_documents(&[("mine.json".into(), doc)]).unwrap();
    assert!(w.check().is_none() && w.hints().is_empty() && w.exercise().is_none());
    let subnet = w
        .apply(action(json!({"action": "create_subnet", "vpc": "vpc-0aaa", "cidr": "10.4.1.0/24", "availability_zone": "eu-west-1a"})))
        .unwrap()
        .created[0]
        .clone();
    w.apply(action(
        json!({"action": "launch_instance", "subnet": subnet, "name": "box"}),
    ))
    .unwrap();
    w.apply(action(
        json!({"action": "create_vpc", "cidr": "10.5.0.0/16", "region": "eu-west-1"}),
    ))
    .unwrap();
    let saved = w.save();
    assert!(saved.exercise.is_none() && saved.documents.is_some());
    let again = Workspace::restore(&saved).unwrap();
    assert_eq!(again.estate(), w.estate());
    assert_eq!(again.start(), w.start());
    let empty =
        Workspace::restore_json(r#"{"format": "vpclab-workspace", "version": 1, "actions": []}"#).unwrap();
    assert_eq!(empty.estate(), &Estate::default());
}

#[test]
fn restore_refuses_clearly() {
    let refused = json!({"format": "vpclab-workspace", "version": 1, "exercise": "peer-default-vpc",
        "actions": [{"action": "accept_peering", "peering": "pcx-0nope"}]});
    let both = json!({"format": "vpclab-workspace", "version": 1, "exercise": "peer-default-vpc",
        "documents": [], "actions": []});
    for (text, words) in [
        ("{", "$: EOF"),
        (
            r#"{"format": "vpclab-workspace", "version": 1}"#,
            "missing field `actions`",
        ),
        (
            r#"{"format": "vpclab-workspace", "version": 1, "actions": [{"action": "fly"}]}"#,
            "$.actions[0]",
        ),
        (
            r#"{"format": "other", "version": 1, "actions": []}"#,
            "'other' is not a vpclab workspace",
        ),
        (
            r#"{"format": "vpclab-workspace", "version": 2, "actions": []}"#,
            "newer vpclab (version 2)",
        ),
        (
            r#"{"format": "vpclab-workspace", "version": 1, "exercise": "gone", "actions": []}"#,
            "no such exercise",
        ),
        (
            &refused.to_string(),
            "action 1 of 1 (accept_peering) is refused now: InvalidVpcPeeringConnectionID.NotFound",
        ),
        (&both.to_string(), "both an exercise and sandbox documents"),
    ] {
        let err = Workspace::restore_json(text).unwrap_err();
        assert!(err.to_string().contains(words), "{text}: {err}");
        assert!(err.to_string().starts_with("saved state: "));
    }
}

#[test]
fn questions_are_asked_of_the_current_estate() {
    let mut w = ex1();
    let def = w.exercise().unwrap().clone();
    let (app, db) = match &def.goals[0].check {
        crate::exercise::Check::Reachable { from, to, .. } => (from.clone(), to.clone()),
        other => panic!("{other:?}"),
    };
    let q = Query::tcp(&app, &db, 5432);
    assert!(!w.trace(&q).unwrap().reachable);
    for a in def.solution {
        w.apply(a).unwrap();
    }
    assert!(w.trace(&q).unwrap().reachable);
    assert!(w.validate().is_valid());
    let traffic: Traffic = serde_json::from_value(
        json!({"flows": [{"from": app, "to": db, "gb_per_month": 100, "port": 5432}]}),
    )
    .unwrap();
    let report = w.cost(&traffic, None).unwrap();
    assert!(report.unreachable.is_empty());
    assert!(
        report.monthly_usd > 0.0,
        "the two instances' public IPv4 addresses cost something"
    );
    let docs = w.export();
    let again = crate::aws::import_documents(&[("x".into(), serde_json::Value::Array(docs))]).unwrap();
    assert_eq!(&again, w.estate());
}

#[test]
fn the_view_draws_the_estate() {
    let mut w = ex1();
    let v = w.view();
    assert_eq!(v.exercise.as_deref(), Some("peer-default-vpc"));
    assert_eq!(v.accounts.len(), 1);
    let region = &v.accounts[0].regions[0];
    assert_eq!(region.region, "us-east-2");
    let default = region.vpcs.iter().find(|x| x.is_default).unwrap();
    assert_eq!(default.cidrs, ["172.31.0.0/16"]);
    assert_eq!(
        default.zones.iter().map(|z| z.zone.as_str()).collect::<Vec<_>>(),
        ["us-east-2a", "us-east-2b", "us-east-2c"]
    );
    let sub = &default.zones[0].subnets[0];
    assert_eq!(sub.cidr, "172.31.0.0/20");
    assert!(sub.public && sub.default_for_az && !sub.explicit_association);
    assert_eq!(sub.instances[0].name.as_deref(), Some("bastion"));
    assert_eq!(sub.instances[0].public_ip.as_deref(), Some("198.51.100.47"));
    assert_eq!(
        sub.free_addresses,
        4091 - 1,
        "a /20 less 5 reserved less the bastion"
    );
    assert!(default.internet_gateway.is_some());
    let main = &default.route_tables[0];
    assert!(main.main);
    assert_eq!(
        main.routes
            .iter()
            .map(|r| (r.destination.as_str(), r.target_kind))
            .collect::<Vec<_>>(),
        [("172.31.0.0/16", "local"), ("0.0.0.0/0", "internet_gateway")]
    );
    let vpc1 = region
        .vpcs
        .iter()
        .find(|x| x.name.as_deref() == Some("VPC-1"))
        .unwrap();
    assert!(!vpc1.zones[0].subnets[0].public);
    assert!(v.peerings.is_empty() && !v.can_undo);

    for a in solution("peer-default-vpc") {
        w.apply(a).unwrap();
    }
    w.undo();
    let v = w.view();
    assert_eq!(v.peerings[0].status, crate::model::PeeringStatus::Active);
    assert_eq!(v.peerings[0].requester.cidrs, ["10.1.0.0/16"]);
    assert_eq!(v.history.len(), 3);
    assert!(v.can_undo && v.can_redo);
    let json = serde_json::to_value(&v).unwrap();
    let vpcs = &json["accounts"][0]["regions"][0]["vpcs"];
    let vpc1 = vpcs
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["name"] == "VPC-1")
        .unwrap();
    let route = &vpc1["route_tables"][0]["routes"][1];
    assert_eq!(route["destination"], "172.31.0.0/16");
    assert_eq!(route["target_kind"], "peering_connection");
    assert_eq!(route["status"], "active");
    assert_eq!(json["peerings"][0]["status"], "active");
}

#[test]
fn the_view_shows_endpoints_and_prefix_lists() {
    let mut w = Workspace::load_exercise("s3-gateway-endpoint").unwrap();
    for a in solution("s3-gateway-endpoint") {
        w.apply(a).unwrap();
    }
    let v = w.view();
    let vpc = &v.accounts[0].regions[0].vpcs[0];
    let ep = &vpc.endpoints[0];
    assert_eq!(ep.service, "com.amazonaws.us-east-2.s3");
    assert_eq!(ep.kind, crate::model::EndpointKind::Gateway);
    let app = vpc
        .route_tables
        .iter()
        .find(|t| t.name.as_deref() == Some("App"))
        .unwrap();
    assert_eq!(ep.route_tables, std::slice::from_ref(&app.id));
    let pl = app
        .routes
        .iter()
        .find(|r| r.target_kind == "gateway_endpoint")
        .unwrap();
    assert!(pl.destination.starts_with("pl-"));
    assert_eq!(pl.prefix_list_name.as_deref(), Some("com.amazonaws.us-east-2.s3"));
    assert_eq!(
        serde_json::to_value(&v).unwrap()["accounts"][0]["regions"][0]["vpcs"][0]["endpoints"][0]["kind"],
        "Gateway"
    );
}

#[test]
fn the_topology_is_kept_between_questions_and_rebuilt_after_every_change() {
    let mut w = ex1();
    let def = w.exercise().unwrap().clone();
    let (app, db) = match &def.goals[0].check {
        crate::exercise::Check::Reachable { from, to, .. } => (from.clone(), to.clone()),
        other => panic!("{other:?}"),
    };
    let q = Query::tcp(&app, &db, 5432);
    let traffic: Traffic =
        serde_json::from_value(json!({"flows": [{"from": app, "to": db, "gb_per_month": 1, "port": 5432}]}))
            .unwrap();
    // The answer of a topology built afresh for the estate as it is now: what the kept one must say.
    let fresh = |w: &Workspace| Topology::build(w.estate()).trace(&q).unwrap();
    assert!(!w.current.is_built());
    assert_eq!(w.current.builds(), 0);
    assert!(!w.trace(&q).unwrap().reachable);
    // Two more questions (a trace, a cost estimate) on the same estate: no rebuild.
    w.trace(&q).unwrap();
    assert_eq!(w.cost(&traffic, None).unwrap().unreachable.len(), 1);
    assert_eq!(w.current.builds(), 1);

    // Each action drops the topology; the next question rebuilds it once, for the new estate.
    let mut verdicts = vec![false];
    for (i, a) in def.solution.iter().enumerate() {
        w.apply(a.clone()).unwrap();
        assert!(!w.current.is_built(), "still built after action {i}");
        let t = w.trace(&q).unwrap();
        assert_eq!(t, fresh(&w), "stale trace after action {i}");
        w.trace(&q).unwrap();
        assert_eq!(w.current.builds(), 2 + i, "builds after action {i}");
        verdicts.push(t.reachable);
    }
    assert_eq!(
        verdicts.last(),
        Some(&true),
        "the solution connects {app} to {db}"
    );
    assert!(w.cost(&traffic, None).unwrap().unreachable.is_empty());
    let last_change = verdicts.iter().rposition(|v| !v).unwrap() + 1;
    let builds = w.current.builds();

    // Undo back past the action that connected them: unreachable again, one build per change.
    let undos = def.solution.len() - last_change + 1;
    for _ in 0..undos {
        w.undo().unwrap();
        assert!(!w.current.is_built());
    }
    assert!(!w.trace(&q).unwrap().reachable, "stale after undo");
    assert_eq!(w.trace(&q).unwrap(), fresh(&w));
    assert_eq!(w.current.builds(), builds + 1);

    // Redo: reachable again.
    for _ in 0..undos {
        w.redo().unwrap().unwrap();
        assert!(!w.current.is_built());
    }
    assert!(w.trace(&q).unwrap().reachable, "stale after redo");
    assert_eq!(w.current.builds(), builds + 2);

    // A copy answers for its own estate; the original keeps its topology.
    let copy = w.clone();
    assert!(copy.trace(&q).unwrap().reachable);
    assert_eq!(w.current.builds(), builds + 2);

    // Reset: back to the start, unreachable.
    w.reset();
    assert!(!w.current.is_built());
    assert!(!w.trace(&q).unwrap().reachable, "stale after reset");
    assert_eq!(w.current.builds(), builds + 3);
    assert!(copy.trace(&q).unwrap().reachable, "the copy is not the original");

    // Loading (a restore, an exercise, documents) makes a new workspace with its own topology.
    let mut restored = Workspace::restore_json(&copy.save_json()).unwrap();
    assert!(restored.trace(&q).unwrap().reachable);
    assert_eq!(restored.current.builds(), 1);
    restored = Workspace::from_documents(&[("x".into(), serde_json::Value::Array(w.export()))]).unwrap();
    assert!(!restored.trace(&q).unwrap().reachable);
    assert_eq!(restored.topology().trace(&q).unwrap(), fresh(&restored));
    assert_eq!(restored.current.builds(), 1);
}
