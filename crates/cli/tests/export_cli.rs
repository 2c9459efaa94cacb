//! `vpclab export` run as a real process: a saved workspace (an exercise solved step by step, a
//! sandbox), a start plus an action list, and every kind of bad input (exit 2, the file named).

mod common;

use common::{vpclab, Scratch};

use serde_json::{json, Value};
use vpclab_core::aws::export;
use vpclab_core::edit::{apply, Action};
use vpclab_core::exercise::catalog;
use vpclab_core::model::Estate;
use vpclab_core::workspace::Workspace;

/// Lines of the script that are commands (not comments, not the preamble).
fn commands(script: &str) -> Vec<&str> {
    script
        .lines()
        .filter(|l| l.starts_with("aws ") || l.contains("=$(aws ") || l.starts_with("wait_for "))
        .collect()
}

#[test]
fn a_saved_exercise_workspace_exports_its_solution() {
    let def = catalog().unwrap().find("peer-default-vpc").unwrap().clone();
    let mut w = Workspace::for_exercise(def.clone()).unwrap();
    for action in &def.solution {
        w.apply(action.clone()).unwrap();
    }
    let scratch = Scratch::new("export");
    let state = scratch.write("state.json", &w.save_json());

    let run = vpclab(&["export", "--format", "aws-cli", "--state", &state]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let cmds = commands(&run.stdout);
    // One command per action at least, in the order of the solution.
    let verbs: Vec<&str> = cmds
        .iter()
        .filter_map(|l| l.split("aws ec2 ").nth(1))
        .filter_map(|rest| rest.split(' ').next())
        .filter(|v| !v.starts_with("describe-"))
        .collect();
    let want: Vec<&str> = def
        .solution
        .iter()
        .map(|a| match a.name() {
            "request_peering" => "create-vpc-peering-connection",
            "accept_peering" => "accept-vpc-peering-connection",
            "create_route" => "create-route",
            other => panic!("the solution changed: {other}"),
        })
        .collect();
    assert_eq!(verbs, want, "{}", run.stdout);
    assert!(run.stdout.starts_with("#!/usr/bin/env bash\n"));
    assert!(cmds.iter().all(|l| l.contains("--region ")), "{}", run.stdout);
    // Routes name the peering the script created, through its variable.
    let routes: Vec<&&str> = cmds
        .iter()
        .filter(|l| l.starts_with("aws ec2 create-route "))
        .collect();
    assert!(!routes.is_empty());
    for r in routes {
        assert!(r.contains("--vpc-peering-connection-id \"$PCX_1\""), "{r}");
    }

    let tf = vpclab(&["export", "--format", "terraform", "--state", &state]);
    assert_eq!(tf.code, 0, "{}", tf.stderr);
    assert!(
        tf.stdout
            .contains("resource \"aws_vpc_peering_connection\" \"pcx_1\" {"),
        "{}",
        tf.stdout
    );
    assert!(
        tf.stdout
            .contains("vpc_peering_connection_id = aws_vpc_peering_connection.pcx_1.id"),
        "{}",
        tf.stdout
    );
    assert_eq!(
        tf.stdout.matches("resource \"aws_route\"").count(),
        def.solution.iter().filter(|a| a.name() == "create_route").count()
    );
}

#[test]
fn a_sandbox_workspace_and_a_start_with_actions_give_the_same_export() {
    let mut start = Estate::default();
    let vpc: Action =
        serde_json::from_value(json!({"action": "create_vpc", "cidr": "10.1.0.0/16", "name": "app"}))
            .unwrap();
    let vpc_id = apply(&mut start, &vpc).unwrap().created[0].clone();
    let log: Vec<Action> = serde_json::from_value(json!([
        {"action": "create_subnet", "vpc": vpc_id, "cidr": "10.1.1.0/24", "availability_zone": "us-east-1a", "name": "public-a"},
        {"action": "create_internet_gateway"},
        {"action": "create_security_group", "vpc": vpc_id, "name": "web", "description": "web tier"}
    ]))
    .unwrap();
    let mut w = Workspace::sandbox(start.clone());
    for a in &log {
        w.apply(a.clone()).unwrap();
    }
    let scratch = Scratch::new("export");
    let state = scratch.write("state.json", &w.save_json());
    let docs = scratch.write("start.json", &Value::Array(export(&start)).to_string());
    let actions = scratch.write("actions.json", &serde_json::to_string(&log).unwrap());

    for format in ["aws-cli", "terraform"] {
        let saved = vpclab(&["export", "--format", format, "--state", &state]);
        let given = vpclab(&[
            "export",
            "--format",
            format,
            "--start",
            &docs,
            "--actions",
            &actions,
        ]);
        assert_eq!(
            (saved.code, given.code),
            (0, 0),
            "{} {}",
            saved.stderr,
            given.stderr
        );
        assert_eq!(saved.stdout, given.stdout, "{format}");
    }
    let script = vpclab(&[
        "export",
        "--format",
        "aws-cli",
        "--start",
        &docs,
        "--actions",
        &actions,
    ])
    .stdout;
    let cmds = commands(&script);
    assert_eq!(cmds.len(), 3, "{script}");
    assert!(cmds[0].starts_with(&format!("SUBNET_1=$(aws ec2 create-subnet --vpc-id {vpc_id} --cidr-block 10.1.1.0/24 --availability-zone us-east-1a")), "{}", cmds[0]);
    assert!(
        cmds[1].starts_with("IGW_1=$(aws ec2 create-internet-gateway"),
        "{}",
        cmds[1]
    );
    assert!(
        cmds[2].contains("create-security-group --group-name web --description 'web tier'"),
        "{}",
        cmds[2]
    );
    let tf = vpclab(&[
        "export",
        "--format",
        "terraform",
        "--start",
        &docs,
        "--actions",
        &actions,
    ])
    .stdout;
    for block in [
        "resource \"aws_subnet\" \"subnet_1\"",
        "resource \"aws_internet_gateway\" \"igw_1\"",
        "resource \"aws_security_group\" \"sg_1\"",
    ] {
        assert!(tf.contains(block), "{block}: {tf}");
    }
}

#[test]
fn actions_alone_start_from_an_empty_estate() {
    let scratch = Scratch::new("export");
    let actions = scratch.write(
        "actions.json",
        r#"[{"action": "create_vpc", "cidr": "10.8.0.0/16"}]"#,
    );
    let run = vpclab(&["export", "--format", "terraform", "--actions", &actions]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("cidr_block = \"10.8.0.0/16\""),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("region = \"us-east-1\""), "{}", run.stdout);
}

#[test]
fn bad_input_exits_2_and_names_the_problem() {
    let scratch = Scratch::new("export");
    let missing = scratch.join("nope.json");
    let not_json = scratch.write("bad.json", "[{");
    let not_list = scratch.write("obj.json", r#"{"action": "create_vpc", "cidr": "10.8.0.0/16"}"#);
    let typo = scratch.write("typo.json", r#"[{"action": "create_vpc", "cidr": "10.8.0.0/16"}, {"action": "create_vpc", "cdir": "10.9.0.0/16"}]"#);
    let refused = scratch.write("refused.json", r#"[{"action": "create_vpc", "cidr": "10.8.0.0/16"}, {"action": "delete_route_table", "route_table": "rtb-0000000000000000a"}]"#);
    let not_saved = scratch.write(
        "state.json",
        r#"{"format": "something-else", "version": 1, "actions": []}"#,
    );
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["--format", "aws-cli", "--actions", &missing], "cannot read"),
        (
            vec!["--format", "aws-cli", "--actions", &not_json],
            "not valid JSON",
        ),
        (
            vec!["--format", "aws-cli", "--actions", &not_list],
            "expected a JSON array of actions",
        ),
        (
            vec!["--format", "aws-cli", "--actions", &typo],
            "$[1]: not an action",
        ),
        (
            vec!["--format", "terraform", "--actions", &refused],
            "action 1 (delete_route_table) is refused on replay: InvalidRouteTableID.NotFound",
        ),
        (vec!["--format", "aws-cli", "--state", &not_saved], "state.json"),
        (vec!["--format", "aws-cli", "--state", &missing], "cannot read"),
        (
            vec!["--format", "cloudformation", "--actions", &refused],
            "use aws-cli or terraform",
        ),
        (vec!["--format", "aws-cli"], "--state"),
        (
            vec![
                "--format",
                "aws-cli",
                "--state",
                &not_saved,
                "--actions",
                &refused,
            ],
            "cannot be used with",
        ),
    ];
    for (args, needle) in cases {
        let mut full = vec!["export"];
        full.extend(args.iter().copied());
        let run = vpclab(&full);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stdout);
        assert!(
            run.stderr.contains(needle),
            "{args:?}: {needle:?} not in {}",
            run.stderr
        );
        assert!(run.stdout.is_empty(), "{args:?}: {}", run.stdout);
    }
}
