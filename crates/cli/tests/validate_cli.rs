//! `vpclab validate` run as a real process: exit codes 0/1/2, the JSON shape, text output, and
//! error messages that name the file and the JSON path.

mod common;

use common::{json_of, vpclab, ScratchFile};

use std::path::{Path, PathBuf};

use serde_json::{json, Value};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/batfish")
}

/// `{"errors": [...], "warnings": [...]}`, each finding `{"code", "resource", "message"}` strings.
fn assert_shape(v: &Value) {
    let obj = v.as_object().expect("an object");
    assert_eq!(obj.len(), 2, "{v}");
    for key in ["errors", "warnings"] {
        for d in obj[key].as_array().expect("an array") {
            let d = d.as_object().unwrap();
            for field in ["code", "resource", "message"] {
                assert!(
                    d[field].as_str().is_some_and(|s| !s.is_empty()),
                    "{field} in {d:?}"
                );
            }
        }
    }
}

/// Ids of the shape AWS gives (prefix and 17 hex digits): no `UNUSUAL_ID` warning.
const VPC_A: &str = "vpc-0000000000000000a";
const VPC_B: &str = "vpc-0000000000000000b";
const PCX: &str = "pcx-000000000000000ab";

fn overlapping_peers() -> Value {
    json!({"AccountId": "111122223333", "Region": "us-east-1",
        "Vpcs": [{"VpcId": VPC_A, "CidrBlock": "10.0.0.0/16"}, {"VpcId": VPC_B, "CidrBlock": "10.0.0.0/20"}],
        "VpcPeeringConnections": [{"VpcPeeringConnectionId": PCX, "Status": {"Code": "pending-acceptance"},
            "RequesterVpcInfo": {"VpcId": VPC_A}, "AccepterVpcInfo": {"VpcId": VPC_B}}]})
}

#[test]
fn every_fixture_folder_is_valid() {
    let mut names: Vec<_> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("aws_configs").is_dir())
        .collect();
    names.sort();
    assert_eq!(names.len(), 20);
    for dir in names {
        let run = vpclab(&["validate", "--aws", dir.to_str().unwrap(), "--json"]);
        assert_eq!(run.code, 0, "{}: {}{}", dir.display(), run.stdout, run.stderr);
        let v = json_of(&run);
        assert_shape(&v);
        assert_eq!(v["errors"], json!([]), "{}", dir.display());
    }
}

#[test]
fn warnings_alone_exit_zero_and_name_the_resource() {
    let dir = fixtures().join("test-vpc-peering");
    let run = vpclab(&["validate", "--aws", dir.to_str().unwrap(), "--json"]);
    assert_eq!(run.code, 0);
    let v = json_of(&run);
    assert_eq!(
        v["warnings"],
        json!([{"code": "UNKNOWN_ROUTE_TARGET", "resource": "rtb-017c36290c9baf017",
                "message": "Route table rtb-017c36290c9baf017 sends 0.0.0.0/0 to igw-0a2c9ae201b441bff, which no longer \
                            exists: the route is a blackhole and drops the traffic. Delete the route or point it at a live target."}])
    );
}

#[test]
fn repeated_aws_paths_make_one_estate() {
    let base = fixtures().join("test-vpc-peering-multi-account/aws_configs/accounts");
    let a = base.join("123456789012");
    let b = base.join("123456789013");
    let run = vpclab(&[
        "validate",
        "--aws",
        a.to_str().unwrap(),
        "--aws",
        b.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_shape(&json_of(&run));
}

#[test]
fn errors_exit_one_with_codes() {
    let file = ScratchFile::new("validate", "lab.json", &overlapping_peers().to_string());
    let run = vpclab(&["validate", "--aws", file.path(), "--json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let v = json_of(&run);
    assert_shape(&v);
    let codes: Vec<&str> = v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["OVERLAPPING_PEER_CIDR"]);
    assert_eq!(v["errors"][0]["resource"], PCX);
}

#[test]
fn text_output_lists_findings_and_a_summary() {
    let file = ScratchFile::new("validate", "lab.json", &overlapping_peers().to_string());
    let run = vpclab(&["validate", "--aws", file.path()]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .starts_with("error   OVERLAPPING_PEER_CIDR [pcx-000000000000000ab]\n"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.ends_with("1 error, 0 warnings\n"), "{}", run.stdout);

    let clean = fixtures().join("test-subnet");
    let run = vpclab(&["validate", "--aws", clean.to_str().unwrap()]);
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (0, "0 errors, 0 warnings: AWS would accept this estate\n")
    );
}

#[test]
fn an_array_of_documents_is_several_accounts() {
    let docs = json!([
        {"AccountId": "111122223333", "Region": "us-east-1", "Vpcs": [{"VpcId": "vpc-a", "CidrBlock": "10.0.0.0/16"}]},
        {"AccountId": "444455556666", "Region": "eu-west-1", "Vpcs": [{"VpcId": "vpc-b", "CidrBlock": "10.0.0.0/16"}],
         "VpcPeeringConnections": [{"VpcPeeringConnectionId": "pcx-x", "Status": {"Code": "active"},
            "RequesterVpcInfo": {"VpcId": "vpc-a", "OwnerId": "111122223333", "Region": "us-east-1"},
            "AccepterVpcInfo": {"VpcId": "vpc-b", "OwnerId": "444455556666", "Region": "eu-west-1"}}]}
    ]);
    let file = ScratchFile::new("validate", "two.json", &docs.to_string());
    let run = vpclab(&["validate", "--aws", file.path(), "--json"]);
    assert_eq!(run.code, 1);
    assert_eq!(json_of(&run)["errors"][0]["code"], "OVERLAPPING_PEER_CIDR");
}

#[test]
fn malformed_input_exits_two_naming_file_and_json_path() {
    let cases = [
        ("not json {", "$: not valid JSON"),
        (
            r#"{"Vpcs": [{"VpcId": 5}]}"#,
            "$.Vpcs[0].VpcId: invalid type: integer `5`, expected a string",
        ),
        (
            r#"[{"AccountId": "1", "Region": "us-east-1"}, {"AccountId": "1", "Region": "us-east-1", "Subnets": [{"SubnetId": "s", "VpcId": "v", "CidrBlock": "10.0.0.0/33"}]}]"#,
            "$[1].Subnets[0].CidrBlock: '10.0.0.0/33' has a prefix length out of range",
        ),
        (
            r#"{"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}]}"#,
            "$: cannot tell which region",
        ),
        ("[1]", "$[0]: expected a document"),
    ];
    for (text, want) in cases {
        let file = ScratchFile::new("validate", "bad.json", text);
        let run = vpclab(&["validate", "--aws", file.path(), "--json"]);
        assert_eq!(run.code, 2, "{text}: {}", run.stdout);
        assert_eq!(run.stdout, "", "nothing on stdout for bad input");
        let want = format!("vpclab validate: {}: {want}", file.path());
        assert!(
            run.stderr.starts_with(&want),
            "{text}:\n got {}\nwant {want}",
            run.stderr
        );
    }
}

#[test]
fn a_cidr_with_host_bits_is_a_validation_error() {
    let doc = json!({"AccountId": "111122223333", "Region": "us-east-1",
        "Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.1/16"}]});
    let file = ScratchFile::new("validate", "lab.json", &doc.to_string());
    let run = vpclab(&["validate", "--aws", file.path(), "--json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let v = json_of(&run);
    assert_shape(&v);
    assert_eq!(v["errors"][0]["code"], "NONCANONICAL_CIDR");
    assert_eq!(v["errors"][0]["resource"], "vpc-1");
    let message = v["errors"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("10.0.0.0/16") && message.contains("$.Vpcs[0].CidrBlock"),
        "{message}"
    );
}

#[test]
fn missing_input_exits_two() {
    let run = vpclab(&["validate", "--aws", "/nonexistent/vpclab/estate.json"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("/nonexistent/vpclab/estate.json: cannot read"),
        "{}",
        run.stderr
    );
    let run = vpclab(&["validate"]);
    assert_eq!(run.code, 2, "clap refuses a missing --aws");
}

#[test]
fn ids_no_aws_api_gives_are_warned_about_and_printed_escaped() {
    let doc = json!({"AccountId": "111122223333", "Region": "us-east-1",
        "Vpcs": [{"VpcId": "vpc-\"><script>alert(1)</script>", "CidrBlock": "10.0.0.0/16"},
                 {"VpcId": "vpc-0a1b2c3d\n4e5f6071", "CidrBlock": "10.1.0.0/16"},
                 {"VpcId": VPC_A, "CidrBlock": "10.2.0.0/16"}]});
    let file = ScratchFile::new("validate", "odd-ids.json", &doc.to_string());
    let run = vpclab(&["validate", "--aws", file.path()]);
    assert_eq!(
        run.code, 0,
        "a warning, not an error: {}{}",
        run.stdout, run.stderr
    );
    assert!(
        run.stdout
            .contains("warning UNUSUAL_ID [vpc-0a1b2c3d\\n4e5f6071]\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("warning UNUSUAL_ID [vpc-\"><script>alert(1)</script>]\n"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("'vpc-' followed by 17"), "{}", run.stdout);
    assert!(!run.stdout.contains(VPC_A), "{}", run.stdout);
    assert!(run
        .stdout
        .ends_with("0 errors, 2 warnings: AWS would accept this estate\n"));
    // Every line is a finding's header, its message, or the summary: no raw newline from an id.
    assert_eq!(run.stdout.lines().count(), 5, "{}", run.stdout);

    let run = vpclab(&["validate", "--aws", file.path(), "--json"]);
    let v = json_of(&run);
    assert_shape(&v);
    assert_eq!(v["warnings"][1]["resource"], "vpc-0a1b2c3d\\n4e5f6071");
}
