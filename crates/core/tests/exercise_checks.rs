//! Every kind of goal check, passing and failing, on a small estate built with console actions:
//! CIDR questions (VPC size, subnets over AZs, the smallest subnet), counts, routes, peerings,
//! reach with `via` and `code`, validation and cost.

use serde_json::{json, Value};
use vpclab_core::edit::{apply, Action};
use vpclab_core::exercise::{check, ExerciseDef, Goal, Verdict, FORMAT_VERSION};
use vpclab_core::model::Estate;

fn act(e: &mut Estate, action: Value) -> String {
    let a: Action = serde_json::from_value(action.clone()).unwrap();
    let done = apply(e, &a).unwrap_or_else(|err| panic!("{action}: {err}"));
    done.created.first().cloned().unwrap_or_default()
}

/// VPC "Lab" 10.0.0.0/16 in us-east-1: three public /24s over three AZs (route table "Public"
/// with 0.0.0.0/0 → igw), two private /24s over two AZs, a /26 "Hosts-50", an instance in a
/// public and one in a private subnet; VPC "Other" 10.9.0.0/16 with a pending peering request.
fn lab() -> Estate {
    let mut e = Estate::default();
    let vpc = act(
        &mut e,
        json!({"action": "create_vpc", "cidr": "10.0.0.0/16", "name": "Lab"}),
    );
    let mut subnets = Vec::new();
    for (name, cidr, az) in [
        ("Public-a", "10.0.0.0/24", "us-east-1a"),
        ("Public-b", "10.0.1.0/24", "us-east-1b"),
        ("Public-c", "10.0.2.0/24", "us-east-1c"),
        ("Private-a", "10.0.10.0/24", "us-east-1a"),
        ("Private-b", "10.0.11.0/24", "us-east-1b"),
        ("Hosts-50", "10.0.20.0/26", "us-east-1a"),
    ] {
        subnets.push(act(
            &mut e,
            json!({"action": "create_subnet", "vpc": vpc, "cidr": cidr, "availability_zone": az, "name": name}),
        ));
    }
    let igw = act(&mut e, json!({"action": "create_internet_gateway"}));
    act(
        &mut e,
        json!({"action": "attach_internet_gateway", "internet_gateway": igw, "vpc": vpc}),
    );
    let rt = act(
        &mut e,
        json!({"action": "create_route_table", "vpc": vpc, "name": "Public"}),
    );
    act(
        &mut e,
        json!({"action": "create_route", "route_table": rt, "destination": "0.0.0.0/0", "target": igw}),
    );
    for s in &subnets[..3] {
        act(
            &mut e,
            json!({"action": "associate_route_table", "route_table": rt, "subnet": s}),
        );
    }
    let sg = act(
        &mut e,
        json!({"action": "create_security_group", "vpc": vpc, "name": "web"}),
    );
    act(
        &mut e,
        json!({"action": "add_security_group_rule", "security_group": sg, "direction": "ingress",
               "protocol": "tcp", "from_port": 80, "to_port": 80, "cidr": "0.0.0.0/0"}),
    );
    act(
        &mut e,
        json!({"action": "launch_instance", "subnet": subnets[0], "public_ip": true, "security_groups": [sg], "name": "web"}),
    );
    act(
        &mut e,
        json!({"action": "launch_instance", "subnet": subnets[3], "security_groups": [sg], "name": "worker"}),
    );
    let other = act(
        &mut e,
        json!({"action": "create_vpc", "cidr": "10.9.0.0/16", "name": "Other"}),
    );
    act(
        &mut e,
        json!({"action": "request_peering", "vpc": vpc, "peer_vpc": other}),
    );
    e
}

fn run(e: &Estate, checks: &[(&str, Value)]) -> Verdict {
    let goals: Vec<Goal> = checks
        .iter()
        .map(|(id, c)| Goal {
            id: id.to_string(),
            text: id.to_string(),
            check: serde_json::from_value(c.clone()).unwrap_or_else(|err| panic!("{id}: {c}: {err}")),
        })
        .collect();
    let def = ExerciseDef {
        format_version: FORMAT_VERSION,
        id: "checks".into(),
        title: "checks".into(),
        topic: "test".into(),
        story: "test".into(),
        start: json!([]),
        allowed_actions: vec![],
        goals,
        hints: vec![],
        solution: vec![],
        mistakes: vec![],
    };
    check(&def, e)
}

/// (id, check, passes, words the message must contain)
type Case = (&'static str, Value, bool, &'static str);

fn expect(e: &Estate, cases: Vec<Case>) {
    let checks: Vec<(&str, Value)> = cases.iter().map(|(id, c, _, _)| (*id, c.clone())).collect();
    let v = run(e, &checks);
    for ((id, _, pass, words), g) in cases.iter().zip(&v.goals) {
        assert_eq!(g.passed, *pass, "{id}: {}", g.message);
        assert!(g.message.contains(words), "{id}: {:?} lacks {words:?}", g.message);
        assert!(g.message.ends_with('.'), "{id}: {}", g.message);
    }
    assert_eq!(v.passed, cases.iter().all(|c| c.2));
}

#[test]
fn cidr_questions() {
    let e = lab();
    expect(
        &e,
        vec![
            (
                "size ok",
                json!({"kind": "vpc_cidr", "vpc": "Lab", "min_prefix": 16, "max_prefix": 20, "within": ["10.0.0.0/8"]}),
                true,
                "10.0.0.0/16",
            ),
            (
                "too big",
                json!({"kind": "vpc_cidr", "vpc": "Lab", "min_prefix": 17}),
                false,
                "larger than a /17",
            ),
            (
                "too small",
                json!({"kind": "vpc_cidr", "vpc": "Lab", "max_prefix": 16, "min_prefix": 16}),
                true,
                "",
            ),
            (
                "outside",
                json!({"kind": "vpc_cidr", "vpc": "Lab", "within": ["172.16.0.0/12", "192.168.0.0/16"]}),
                false,
                "not inside 172.16.0.0/12 or 192.168.0.0/16",
            ),
            (
                "overlaps",
                json!({"kind": "vpc_cidr", "vpc": "Lab", "disjoint_from": ["10.0.128.0/17"]}),
                false,
                "overlaps 10.0.128.0/17",
            ),
            (
                "any vpc",
                json!({"kind": "vpc_cidr", "within": ["10.9.0.0/16"]}),
                true,
                "Other",
            ),
            (
                "unknown vpc",
                json!({"kind": "vpc_cidr", "vpc": "Nope"}),
                false,
                "no VPC with the id or Name tag 'Nope'",
            ),
            (
                "public 3 over 3",
                json!({"kind": "subnets", "vpc": "Lab", "public": true, "count": 3, "azs": 3}),
                true,
                "3 public subnets over 3 Availability Zones",
            ),
            (
                "private over 3",
                json!({"kind": "subnets", "public": false, "count": 3, "azs": 3}),
                false,
                "2 Availability Zones",
            ),
            (
                "private /24s",
                json!({"kind": "subnets", "public": false, "count": 2, "azs": 2, "min_prefix": 24, "max_prefix": 24}),
                true,
                "of size /24",
            ),
            (
                "by name and hosts",
                json!({"kind": "subnets", "name_prefix": "Public", "min_hosts": 251, "count": 3, "azs": 3}),
                true,
                "",
            ),
            (
                "too few hosts",
                json!({"kind": "subnets", "name_prefix": "Public", "min_hosts": 252, "count": 1}),
                false,
                "0 subnets",
            ),
            (
                "smallest ok",
                json!({"kind": "smallest_subnet", "name": "Hosts-50", "hosts": 50}),
                true,
                "59 usable",
            ),
            (
                "smallest too small",
                json!({"kind": "smallest_subnet", "name": "Hosts-50", "hosts": 60}),
                false,
                "too few for 60",
            ),
            (
                "smallest too large",
                json!({"kind": "smallest_subnet", "name": "Hosts-50", "hosts": 20}),
                false,
                "a /27",
            ),
            (
                "smallest any",
                json!({"kind": "smallest_subnet", "vpc": "Lab", "hosts": 251}),
                true,
                "/24",
            ),
            (
                "smallest none",
                json!({"kind": "smallest_subnet", "name": "Nope", "hosts": 5}),
                false,
                "no subnet named Nope",
            ),
        ],
    );
    expect(
        &Estate::default(),
        vec![
            (
                "no vpc",
                json!({"kind": "vpc_cidr", "min_prefix": 16}),
                false,
                "no VPC yet",
            ),
            (
                "no subnets",
                json!({"kind": "subnets", "count": 1}),
                false,
                "no VPC yet",
            ),
        ],
    );
}

#[test]
fn counts_routes_and_peerings() {
    let e = lab();
    expect(
        &e,
        vec![
            (
                "max routes table",
                json!({"kind": "max_routes", "route_table": "Public", "n": 1}),
                true,
                "has 1 route besides local",
            ),
            (
                "max routes zero",
                json!({"kind": "max_routes", "route_table": "Public", "n": 0}),
                false,
                "at most 0",
            ),
            (
                "max routes vpc",
                json!({"kind": "max_routes", "vpc": "Lab", "n": 1}),
                true,
                "",
            ),
            (
                "igw",
                json!({"kind": "resource_count", "resource": "internet_gateways", "min": 1}),
                true,
                "1 attached internet gateway",
            ),
            (
                "no nat",
                json!({"kind": "resource_count", "resource": "nat_gateways", "max": 0}),
                true,
                "0 NAT gateways",
            ),
            (
                "subnets in Lab",
                json!({"kind": "resource_count", "resource": "subnets", "vpc": "Lab", "min": 7}),
                false,
                "6 subnets in Lab",
            ),
            (
                "no active peering",
                json!({"kind": "resource_count", "resource": "active_peerings", "max": 0}),
                true,
                "",
            ),
            (
                "route",
                json!({"kind": "route", "route_table": "Public", "destination": "0.0.0.0/0", "target": "igw-"}),
                true,
                "0.0.0.0/0 → igw-",
            ),
            (
                "no igw route",
                json!({"kind": "no_route", "vpc": "Lab", "target": "igw-"}),
                false,
                "still has the route 0.0.0.0/0",
            ),
            (
                "nat route",
                json!({"kind": "route", "target": "nat-"}),
                false,
                "no route with a nat-… target",
            ),
            (
                "no blackhole",
                json!({"kind": "no_route", "state": "blackhole"}),
                true,
                "",
            ),
            (
                "covers",
                json!({"kind": "route", "vpc": "Lab", "covers": "8.8.8.0/24", "target": "igw-"}),
                true,
                "",
            ),
            (
                "not covering",
                json!({"kind": "route", "vpc": "Lab", "not_covering": "10.0.0.0/16", "target": "igw-"}),
                false,
                "",
            ),
            (
                "main only",
                json!({"kind": "route", "vpc": "Lab", "main_only": true, "target": "igw-"}),
                false,
                "main route table of Lab",
            ),
            (
                "pending",
                json!({"kind": "peering", "between": ["Other", "Lab"], "status": "pending-acceptance"}),
                true,
                "is pending-acceptance",
            ),
            (
                "active",
                json!({"kind": "peering", "between": ["Lab", "Other"]}),
                false,
                "pending-acceptance, not active",
            ),
            (
                "mesh",
                json!({"kind": "vpc_mesh", "vpcs": ["Lab", "Other"]}),
                false,
                "has no route that carries packets into Other",
            ),
            ("mesh of all", json!({"kind": "vpc_mesh"}), false, "into"),
            (
                "mesh of one",
                json!({"kind": "vpc_mesh", "vpcs": ["Lab"]}),
                true,
                "1 VPC listed: nothing to connect",
            ),
        ],
    );
}

#[test]
fn a_mesh_passes_once_both_sides_route() {
    let mut e = lab();
    let pcx = e.peerings.keys().next().unwrap().to_string();
    let main_of = |e: &Estate, name: &str| {
        let v = e.vpcs.values().find(|v| v.name.as_deref() == Some(name)).unwrap();
        e.main_route_table(&v.id).unwrap().id.to_string()
    };
    let (lab_rt, other_rt) = (main_of(&e, "Lab"), main_of(&e, "Other"));
    let other = e
        .vpcs
        .values()
        .find(|v| v.name.as_deref() == Some("Other"))
        .unwrap()
        .id
        .to_string();
    act(
        &mut e,
        json!({"action": "create_subnet", "vpc": other, "cidr": "10.9.1.0/24", "availability_zone": "us-east-1a"}),
    );
    act(&mut e, json!({"action": "accept_peering", "peering": pcx}));
    act(
        &mut e,
        json!({"action": "create_route", "route_table": lab_rt, "destination": "10.9.0.0/16", "target": pcx}),
    );
    let check = json!({"kind": "vpc_mesh", "vpcs": ["Lab", "Other"]});
    expect(&e, vec![("one way", check.clone(), false, "Other (vpc-")]);
    act(
        &mut e,
        json!({"action": "create_route", "route_table": other_rt, "destination": "10.0.0.0/16", "target": pcx}),
    );
    expect(
        &e,
        vec![(
            "both ways",
            check,
            true,
            "2 VPCs route to one another (2 ordered pairs)",
        )],
    );
}

#[test]
fn reach_validate_and_cost() {
    let e = lab();
    let web = e
        .instances
        .values()
        .find(|i| i.name.as_deref() == Some("web"))
        .unwrap();
    let worker = e
        .instances
        .values()
        .find(|i| i.name.as_deref() == Some("worker"))
        .unwrap();
    let igw = e.internet_gateways.keys().next().unwrap().to_string();
    let public = web.public_ip.unwrap().to_string();
    expect(
        &e,
        vec![
            (
                "from the internet",
                json!({"kind": "reachable", "from": "198.51.100.7", "to": public, "port": 80, "via": ["internet_gateway", igw]}),
                true,
                "through",
            ),
            (
                "by name",
                json!({"kind": "reachable", "from": "worker", "to": "web", "port": 80}),
                true,
                "worker (i-",
            ),
            (
                "not via",
                json!({"kind": "reachable", "from": "worker", "to": "web", "port": 80, "via": ["nat_gateway"]}),
                false,
                "but not through a nat gateway",
            ),
            (
                "worker offline",
                json!({"kind": "unreachable", "from": "198.51.100.7", "to": worker.private_ip.unwrap().to_string(), "port": 80}),
                true,
                "cannot reach",
            ),
            (
                "blocked by the right code",
                json!({"kind": "unreachable", "from": "web", "to": "worker", "port": 22, "code": "SG_INGRESS_DENY"}),
                true,
                "Security group denies it inbound: no inbound rule of web (sg-",
            ),
            (
                "blocked by another code",
                json!({"kind": "unreachable", "from": "web", "to": "worker", "port": 22, "code": "NACL_DENY"}),
                false,
                "another reason: NACL_DENY",
            ),
            (
                "must not reach",
                json!({"kind": "unreachable", "from": "worker", "to": "web", "port": 80}),
                false,
                "and it must not",
            ),
            (
                "bad query",
                json!({"kind": "reachable", "from": "i-0nope", "to": "web", "port": 80}),
                false,
                "cannot be asked",
            ),
            (
                "valid",
                json!({"kind": "validate_clean"}),
                true,
                "no validation errors",
            ),
            (
                "budget ok",
                json!({"kind": "monthly_cost_below", "usd": 10, "traffic": {"flows": []}}),
                true,
                "below the $10.00 budget",
            ),
            (
                "over budget",
                json!({"kind": "monthly_cost_below", "usd": 1, "traffic": {"flows": [{"from": "web", "to": "198.51.100.7", "gb_per_month": 500, "port": 443}]}}),
                false,
                "over the $1.00 budget",
            ),
        ],
    );
    let v = run(
        &e,
        &[(
            "over",
            json!({"kind": "monthly_cost_below", "usd": 1, "traffic": {"flows": [{"from": "worker", "to": "198.51.100.7", "gb_per_month": 5, "port": 443}]}}),
        )],
    );
    assert_eq!(
        v.goals[0].code.as_deref(),
        Some("NO_ROUTE"),
        "an unreachable flow fails with its code: {}",
        v.goals[0].message
    );
}
