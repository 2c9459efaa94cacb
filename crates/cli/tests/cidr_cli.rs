//! `vpclab cidr …` run as a real process: JSON shapes and values, tables, exit codes, messages.

mod common;

use common::{vpclab, vpclab_stdin};

use serde_json::{json, Value};

/// Runs `vpclab cidr ARGS --json`, expecting success, and parses the answer.
fn json_of(args: &[&str]) -> Value {
    let mut all = vec!["cidr"];
    all.extend_from_slice(args);
    all.push("--json");
    let run = vpclab(&all);
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    assert!(run.stderr.is_empty(), "{args:?}: {}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}: {}", run.stdout))
}

#[test]
fn info_ipv4_json_has_every_field() {
    let v = json_of(&["info", "10.0.0.0/28"]);
    let want = json!({
        "cidr": "10.0.0.0/28",
        "network": "10.0.0.0",
        "last": "10.0.0.15",
        "netmask": "255.255.255.240",
        "prefix_len": 28,
        "total": 16,
        "aws_usable": 11,
        "aws_reserved": ["10.0.0.0", "10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.15"],
        "bits": "00001010000000000000000000000000",
    });
    assert_eq!(v, want);
}

#[test]
fn info_totals_and_aws_fields_by_prefix() {
    // (cidr, total, aws_usable)
    let cases = [
        ("10.0.0.0/16", json!(65_536), json!(65_531)),
        ("10.0.0.0/15", json!(131_072), Value::Null),
        ("198.51.100.0/29", json!(8), Value::Null),
        ("192.0.2.1/32", json!(1), Value::Null),
        ("0.0.0.0/0", json!(4_294_967_296u64), Value::Null),
        ("2001:db8::/64", json!("18446744073709551616"), Value::Null),
        ("2001:db8::1/128", json!("1"), Value::Null),
        (
            "::/0",
            json!("340282366920938463463374607431768211456"),
            Value::Null,
        ),
    ];
    for (cidr, total, usable) in cases {
        let v = json_of(&["info", cidr]);
        assert_eq!(v["total"], total, "{cidr}");
        assert_eq!(v["aws_usable"], usable, "{cidr}");
        // An IPv6 subnet size (/44 to /64 in steps of /4) shows its five reserved addresses too.
        let subnet_v6 = cidr == "2001:db8::/64";
        assert_eq!(
            v["aws_reserved"].is_null(),
            usable.is_null() && !subnet_v6,
            "{cidr}"
        );
    }
}

#[test]
fn info_ipv6_total_is_a_string() {
    let v = json_of(&["info", "2001:db8::/56"]);
    assert_eq!(v["total"], json!("4722366482869645213696"));
    assert_eq!(v["last"], json!("2001:db8:0:ff:ffff:ffff:ffff:ffff"));
    assert_eq!(v["netmask"], json!("ffff:ffff:ffff:ff00::"));
    assert_eq!(v["prefix_len"], json!(56));
    assert_eq!(v["bits"].as_str().map(str::len), Some(128));
}

#[test]
fn info_table_is_aligned_and_names_the_reserved_addresses() {
    let run = vpclab(&["cidr", "info", "10.0.0.0/28"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let want = "\
CIDR           10.0.0.0/28
Network        10.0.0.0
Last address   10.0.0.15
Netmask        255.255.255.240
Prefix length  /28
Addresses      16
AWS usable     11 (5 reserved)
AWS reserved   10.0.0.0   network address
               10.0.0.1   VPC router
               10.0.0.2   DNS server
               10.0.0.3   reserved for future use
               10.0.0.15  last address
Bits           00001010 00000000 00000000 0000|0000  (| ends the /28 prefix)
";
    assert_eq!(run.stdout, want);
}

#[test]
fn split_json_and_table() {
    let v = json_of(&["split", "10.0.0.0/16", "--prefix", "18"]);
    assert_eq!(
        v,
        json!({"subnets": ["10.0.0.0/18", "10.0.64.0/18", "10.0.128.0/18", "10.0.192.0/18"]})
    );
    let v6 = json_of(&["split", "2001:db8::/63", "--prefix", "64"]);
    assert_eq!(v6, json!({"subnets": ["2001:db8::/64", "2001:db8:0:1::/64"]}));
    let same = json_of(&["split", "192.0.2.0/24", "--prefix", "24"]);
    assert_eq!(same, json!({"subnets": ["192.0.2.0/24"]}));

    let run = vpclab(&["cidr", "split", "192.0.2.0/24", "--prefix", "26"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let want = "\
192.0.2.0/24 split into 4 × /26
#  CIDR            FIRST        LAST         ADDRESSES
0  192.0.2.0/26    192.0.2.0    192.0.2.63   64
1  192.0.2.64/26   192.0.2.64   192.0.2.127  64
2  192.0.2.128/26  192.0.2.128  192.0.2.191  64
3  192.0.2.192/26  192.0.2.192  192.0.2.255  64
";
    assert_eq!(run.stdout, want);
}

#[test]
fn split_of_exactly_65536_works_and_more_is_refused() {
    let v = json_of(&["split", "10.0.0.0/8", "--prefix", "24"]);
    let subnets = v["subnets"].as_array().expect("subnets array");
    assert_eq!(subnets.len(), 65_536);
    assert_eq!(subnets[65_535], json!("10.255.255.0/24"));

    for (cidr, prefix) in [("10.0.0.0/8", "25"), ("2001:db8::/32", "64"), ("::/0", "128")] {
        let run = vpclab(&["cidr", "split", cidr, "--prefix", prefix, "--json"]);
        assert_eq!(run.code, 2, "{cidr} /{prefix}");
        assert!(run.stdout.is_empty(), "{cidr}: {}", run.stdout);
        assert!(run.stderr.contains("65536 allowed"), "{cidr}: {}", run.stderr);
        assert!(run.stderr.contains(cidr), "{cidr}: {}", run.stderr);
    }
}

#[test]
fn aggregate_json_and_table() {
    let v = json_of(&[
        "aggregate",
        "10.0.1.0/24",
        "10.0.0.128/25",
        "2001:db8::/64",
        "10.0.0.0/25",
        "10.0.4.0/24",
    ]);
    assert_eq!(
        v,
        json!({"aggregated": ["10.0.0.0/23", "10.0.4.0/24", "2001:db8::/64"]})
    );

    let run = vpclab(&["cidr", "aggregate", "192.0.2.0/25", "192.0.2.128/25"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let want = "\
2 blocks aggregated into 1 block
#  CIDR          FIRST      LAST         ADDRESSES
0  192.0.2.0/24  192.0.2.0  192.0.2.255  256
";
    assert_eq!(run.stdout, want);
}

#[test]
fn overlap_json_and_table() {
    let v = json_of(&[
        "overlap",
        "10.0.0.0/16",
        "10.1.0.0/16",
        "10.0.128.0/17",
        "2001:db8::/32",
        "10.0.0.0/16",
    ]);
    assert_eq!(v, json!({"overlaps": [[0, 2], [0, 4], [2, 4]]}));
    assert_eq!(
        json_of(&["overlap", "10.0.0.0/16", "10.1.0.0/16"]),
        json!({"overlaps": []})
    );

    let run = vpclab(&[
        "cidr",
        "overlap",
        "192.0.2.0/24",
        "198.51.100.0/24",
        "192.0.2.64/26",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let want = "\
1 overlapping pair
#A  A             #B  B              HOW
0   192.0.2.0/24  2   192.0.2.64/26  B inside A
";
    assert_eq!(run.stdout, want);
    let none = vpclab(&["cidr", "overlap", "192.0.2.0/24", "198.51.100.0/24"]);
    assert_eq!(
        (none.code, none.stdout.as_str()),
        (0, "no overlaps among 2 blocks\n")
    );
}

#[test]
fn exclude_json_and_table() {
    let cases = [
        (
            vec!["10.0.0.0/24", "10.0.0.0/26"],
            json!(["10.0.0.64/26", "10.0.0.128/25"]),
        ),
        (vec!["10.0.0.0/24", "10.0.0.0/8"], json!([])),
        (
            vec!["10.0.0.0/24", "192.0.2.0/24", "2001:db8::/32"],
            json!(["10.0.0.0/24"]),
        ),
        (
            vec!["2001:db8::/62", "2001:db8:0:1::/64"],
            json!(["2001:db8::/64", "2001:db8:0:2::/63"]),
        ),
    ];
    for (args, remaining) in cases {
        let mut all = vec!["exclude"];
        all.extend(args.iter().copied());
        assert_eq!(json_of(&all), json!({ "remaining": remaining }), "{args:?}");
    }

    let run = vpclab(&["cidr", "exclude", "192.0.2.0/24", "192.0.2.0/25"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let want = "\
192.0.2.0/24 minus 192.0.2.0/25 leaves 1 block
#  CIDR            FIRST        LAST         ADDRESSES
0  192.0.2.128/25  192.0.2.128  192.0.2.255  128
";
    assert_eq!(run.stdout, want);
}

#[test]
fn host_bits_are_refused_with_the_canonical_form() {
    let cases = [
        (vec!["info", "10.0.0.1/16"], "10.0.0.1/16", "10.0.0.0/16"),
        (
            vec!["split", "192.0.2.77/24", "--prefix", "26"],
            "192.0.2.77/24",
            "192.0.2.0/24",
        ),
        (
            vec!["aggregate", "10.0.0.0/24", "10.0.1.9/24"],
            "10.0.1.9/24",
            "10.0.1.0/24",
        ),
        (
            vec!["overlap", "2001:db8::1/64"],
            "2001:db8::1/64",
            "2001:db8::/64",
        ),
        (
            vec!["exclude", "10.0.0.0/16", "10.0.3.3/24"],
            "10.0.3.3/24",
            "10.0.3.0/24",
        ),
    ];
    for (args, bad, canonical) in cases {
        for json in [false, true] {
            let mut all = vec!["cidr"];
            all.extend(args.iter().copied());
            if json {
                all.push("--json");
            }
            let run = vpclab(&all);
            assert_eq!(run.code, 2, "{all:?}");
            assert!(run.stdout.is_empty(), "{all:?}: {}", run.stdout);
            assert!(run.stderr.contains("host bits"), "{all:?}: {}", run.stderr);
            assert!(run.stderr.contains(bad), "{all:?}: {}", run.stderr);
            assert!(run.stderr.contains(canonical), "{all:?}: {}", run.stderr);
        }
    }
}

#[test]
fn bad_input_exits_2_naming_the_value_and_what_is_valid() {
    // (args, what stderr must mention)
    let cases: [(&[&str], &[&str]); 9] = [
        (&["info", "banana"], &["'banana'", "ADDRESS/PREFIX"]),
        (&["info", "10.0.0.0/33"], &["'10.0.0.0/33'", "0 to 32"]),
        (&["info", "2001:db8::/129"], &["'2001:db8::/129'", "0 to 128"]),
        (&["split", "10.0.0.0/16"], &["--prefix", "16 to 32"]),
        (
            &["split", "10.0.0.0/16", "--prefix", "abc"],
            &["'abc'", "16 to 32"],
        ),
        (&["split", "10.0.0.0/16", "--prefix", "-1"], &["'-1'", "16 to 32"]),
        (&["split", "10.0.0.0/16", "--prefix", "8"], &["/8", "/16 to /32"]),
        (
            &["split", "10.0.0.0/16", "--prefix", "33"],
            &["/33", "/16 to /32"],
        ),
        (
            &["exclude", "10.0.0.0/16", "10.0.0.0/40"],
            &["'10.0.0.0/40'", "0 to 32"],
        ),
    ];
    for (args, mentions) in cases {
        let mut all = vec!["cidr"];
        all.extend_from_slice(args);
        let run = vpclab(&all);
        assert_eq!(run.code, 2, "{args:?}");
        assert!(run.stdout.is_empty(), "{args:?}: {}", run.stdout);
        for m in mentions {
            assert!(
                run.stderr.contains(m),
                "{args:?} should mention {m}: {}",
                run.stderr
            );
        }
    }
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    let usage: [&[&str]; 6] = [
        &["cidr"],
        &["cidr", "info"],
        &["cidr", "aggregate"],
        &["cidr", "exclude", "10.0.0.0/16"],
        &["cidr", "frobnicate", "10.0.0.0/16"],
        &["cidr", "info", "10.0.0.0/16", "--colour"],
    ];
    for args in usage {
        let run = vpclab(args);
        assert_eq!(run.code, 2, "{args:?}");
        assert!(run.stderr.contains("Usage"), "{args:?}: {}", run.stderr);
    }
    let help = vpclab(&["cidr", "--help"]);
    assert_eq!(help.code, 0);
    for op in ["info", "split", "aggregate", "overlap", "exclude"] {
        assert!(help.stdout.contains(op), "help lists {op}: {}", help.stdout);
    }
    assert!(
        !help.stdout.contains("batch"),
        "batch stays hidden: {}",
        help.stdout
    );
}

#[test]
fn batch_answers_each_line_like_the_json_commands() {
    let requests = [
        (
            r#"{"op":"info","cidr":"10.0.0.0/16"}"#,
            vec!["info", "10.0.0.0/16"],
        ),
        (
            r#"{"op":"info","cidr":"2001:db8::/48"}"#,
            vec!["info", "2001:db8::/48"],
        ),
        (
            r#"{"op":"split","cidr":"10.0.0.0/16","prefix":18}"#,
            vec!["split", "10.0.0.0/16", "--prefix", "18"],
        ),
        (
            r#"{"op":"aggregate","cidrs":["10.0.0.0/25","10.0.0.128/25"]}"#,
            vec!["aggregate", "10.0.0.0/25", "10.0.0.128/25"],
        ),
        (
            r#"{"op":"overlap","cidrs":["10.0.0.0/8","10.1.0.0/16","192.0.2.0/24"]}"#,
            vec!["overlap", "10.0.0.0/8", "10.1.0.0/16", "192.0.2.0/24"],
        ),
        (
            r#"{"op":"exclude","cidr":"10.0.0.0/16","exclude":["10.0.0.0/17"]}"#,
            vec!["exclude", "10.0.0.0/16", "10.0.0.0/17"],
        ),
    ];
    let input: String = requests.iter().map(|(line, _)| format!("{line}\n")).collect();
    let run = vpclab_stdin(&["cidr", "batch"], &input);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), requests.len(), "{}", run.stdout);
    for ((request, args), line) in requests.iter().zip(&lines) {
        let got: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{request}: {e}: {line}"));
        assert_eq!(got, json_of(args), "{request}");
    }
}

#[test]
fn batch_reports_errors_per_line_and_keeps_going() {
    let input = [
        r#"{"op":"info","cidr":"10.0.0.1/16"}"#,
        r#"{"op":"split","cidr":"10.0.0.0/8","prefix":25}"#,
        r#"{"op":"split","cidr":"10.0.0.0/16","prefix":300}"#,
        r#"{"op":"teleport","cidr":"10.0.0.0/16"}"#,
        "not json",
        "",
        r#"{"op":"info","cidr":"192.0.2.0/24"}"#,
    ]
    .join("\n");
    let run = vpclab_stdin(&["cidr", "batch"], &input);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let answers: Vec<Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(answers.len(), 7, "{}", run.stdout);
    let errors: Vec<&str> = answers[..6]
        .iter()
        .map(|a| a["error"].as_str().expect("an error"))
        .collect();
    assert!(errors[0].contains("10.0.0.0/16"), "{}", errors[0]);
    assert!(errors[1].contains("65536"), "{}", errors[1]);
    assert!(
        errors[2].contains("/300") && errors[2].contains("/16 to /32"),
        "{}",
        errors[2]
    );
    assert!(
        errors[3].contains("teleport") && errors[3].contains("line 4"),
        "{}",
        errors[3]
    );
    assert!(errors[4].contains("line 5"), "{}", errors[4]);
    assert!(errors[5].contains("line 6"), "{}", errors[5]);
    assert_eq!(answers[6]["cidr"], json!("192.0.2.0/24"));
}
