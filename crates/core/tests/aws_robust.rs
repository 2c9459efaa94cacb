//! Import never panics: real fixture documents with one value swapped for garbage of another
//! type, truncated files, and odd top-level values. Each either imports (and then round-trips
//! through export) or is refused with an error naming the file and a JSON path.

mod batfish_support;

use batfish_support::files;
use serde_json::{json, Value};
use vpclab_core::aws::{export, import_documents, import_files, ImportError};

/// xorshift64*: a small deterministic generator, so a failure names a reproducible seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// JSON pointers of every node below the root.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                let p = format!("{at}/{i}");
                out.push(p.clone());
                pointers(x, p, out);
            }
        }
        Value::Object(map) => {
            for (k, x) in map {
                let p = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                out.push(p.clone());
                pointers(x, p, out);
            }
        }
        _ => {}
    }
}

fn garbage(rng: &mut Rng) -> Value {
    let pool = [
        Value::Null,
        json!(0),
        json!(-1),
        json!(1e300),
        json!(18446744073709551615u64),
        json!(""),
        json!("10.0.0.1/16"),
        json!("300.1.2.3/8"),
        json!("::/129"),
        json!("blackhole"),
        json!("not-a-state"),
        json!(true),
        json!([]),
        json!({}),
        json!([[[]]]),
        json!({"CidrBlock": 7}),
        json!("💥"),
    ];
    pool[rng.below(pool.len())].clone()
}

fn check_error(e: &ImportError, files: &[(String, String)]) {
    assert!(files.iter().any(|(f, _)| f == &e.file), "unknown file {e}");
    assert!(e.json_path.starts_with('$'), "{e}");
    assert!(!e.problem.is_empty(), "{e}");
    assert!(e
        .to_string()
        .starts_with(&format!("{}: {}: ", e.file, e.json_path)));
}

const FOLDERS: [&str; 6] = [
    "test-vpc-peering",
    "test-transit-gateway-peering",
    "test-vpc-endpoint-gateway",
    "test-nat-gateway",
    "test-vpc-peering-multi-account",
    "test",
];

#[test]
fn one_swapped_value_never_panics() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut imported, mut refused) = (0, 0);
    for round in 0..1000 {
        let mut files = files(FOLDERS[round % FOLDERS.len()]);
        let k = rng.below(files.len());
        let mut value: Value = serde_json::from_str(&files[k].1).unwrap();
        let mut all = Vec::new();
        pointers(&value, String::new(), &mut all);
        if all.is_empty() {
            continue;
        }
        let target = all[rng.below(all.len())].clone();
        *value.pointer_mut(&target).unwrap() = garbage(&mut rng);
        files[k].1 = value.to_string();
        match import_files(&files) {
            Ok(estate) => {
                imported += 1;
                let docs: Vec<_> = export(&estate)
                    .into_iter()
                    .map(|d| ("export".to_string(), d))
                    .collect();
                let back =
                    import_documents(&docs).unwrap_or_else(|e| panic!("round {round} ({target}): {e}"));
                assert_eq!(back, estate, "round {round}: {} at {target}", files[k].0);
            }
            Err(e) => {
                refused += 1;
                check_error(&e, &files);
            }
        }
    }
    // Both outcomes happen: the swaps hit keys import ignores as well as ones it checks.
    assert!(
        imported > 100 && refused > 100,
        "imported {imported}, refused {refused}"
    );
}

#[test]
fn truncated_files_are_refused_by_name() {
    let mut rng = Rng(42);
    for round in 0..300 {
        let mut files = files(FOLDERS[round % FOLDERS.len()]);
        let k = rng.below(files.len());
        let text = &files[k].1;
        let mut cut = rng.below(text.len().max(1));
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        files[k].1 = text[..cut].to_string();
        let e = import_files(&files).expect_err("a truncated JSON file is refused");
        check_error(&e, &files);
        assert_eq!(e.file, files[k].0);
        assert_eq!(e.code, "MALFORMED_JSON");
    }
}

#[test]
fn odd_documents_are_refused_not_panicked_on() {
    let cases = [
        json!(null),
        json!(5),
        json!("Vpcs"),
        json!([[]]),
        json!([null, {}]),
        json!({"Vpcs": {}}),
        json!({"Vpcs": [{}]}),
        json!({"Vpcs": [null]}),
        json!({"Region": 5}),
        json!({"TransitGatewayRouteTableRoutes": []}),
        json!({"AccountId": "1", "Region": "r", "TransitGatewayRouteTableRoutes": {"tgw-rtb-x": [{}]}}),
        json!({"AccountId": "1", "Region": "r", "RouteTables": [{"RouteTableId": "r", "VpcId": "v", "Routes": [{}]}]}),
        json!({"AccountId": "1", "Region": "r", "NetworkAcls": [{"NetworkAclId": "a", "VpcId": "v",
            "Entries": [{"RuleNumber": 70000, "RuleAction": "allow", "Protocol": "6", "CidrBlock": "0.0.0.0/0"}]}]}),
        json!({"AccountId": "1", "Region": "r", "SecurityGroups": [{"GroupId": "g", "VpcId": "v",
            "IpPermissions": [{"IpProtocol": "smtp"}]}]}),
        json!({"AccountId": "1", "Subnets": [{"SubnetId": "s", "VpcId": "v", "CidrBlock": "10.0.0.0/24",
            "AvailabilityZone": "us-east-1a"}], "Region": "eu-west-1"}),
    ];
    for doc in cases {
        let e = import_documents(&[("odd.json".into(), doc.clone())]).expect_err(&doc.to_string());
        assert_eq!(e.file, "odd.json");
        assert!(e.json_path.starts_with('$'), "{e}");
    }
    // An empty array is no documents at all: an empty estate.
    assert_eq!(
        import_documents(&[("none.json".into(), json!([]))]).unwrap(),
        Default::default()
    );
}
