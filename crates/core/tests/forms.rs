//! The page's action forms (`www/ui/forms.js`) held to the engine's declaration of the actions
//! (`edit::action_fields`): every form's action exists, every field it sends is a field of that
//! action, and every required field has an input. forms.js is read as text: its `FORMS` array of
//! `{ action: '…', fields: [F('name', …), ...CONST] }` objects, where `CONST` (or `fields: CONST`)
//! is an upper-case `const NAME = [ … ];` of more `F(…)` fields.

use std::collections::BTreeMap;

use vpclab_core::edit::action_fields;

/// Each form's action and the names of its fields, in order.
type Forms = Vec<(String, Vec<String>)>;

/// The text from the bracket at `open` to its match, skipping string literals.
fn balanced(text: &str, open: usize) -> Option<&str> {
    let bytes = text.as_bytes();
    let (mut depth, mut quote, mut escaped) = (0i32, None::<u8>, false);
    for (i, &c) in bytes.iter().enumerate().skip(open) {
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if c == b'\\' {
                escaped = true;
            } else if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            b'\'' | b'"' | b'`' => quote = Some(c),
            b'[' | b'{' | b'(' => depth += 1,
            b']' | b'}' | b')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(&text[open..=i]);
                }
            }
            _ => {}
        }
    }
    None
}

/// The upper-case `const NAME = [ … ];` arrays of the file.
fn constants(text: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (at, _) in text.match_indices("const ") {
        let rest = &text[at + 6..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if name.is_empty() || name.chars().any(|c| c.is_ascii_lowercase()) {
            continue;
        }
        let after = &rest[name.len()..];
        if let Some(body) = after.strip_prefix(" = [") {
            let open = text.len() - body.len() - 1;
            if let Some(array) = balanced(text, open) {
                out.insert(name, array.to_string());
            }
        }
    }
    out
}

/// The field names in `list` (an array's text or a constant's name), constants expanded.
fn field_names(list: &str, consts: &BTreeMap<String, String>, out: &mut Vec<String>) -> Result<(), String> {
    let list = list.trim();
    if let Some(array) = consts.get(list) {
        return field_names(array, consts, out);
    }
    if !list.starts_with('[') {
        return Err(format!(
            "fields are neither an array nor a known constant: {list}"
        ));
    }
    let mut i = 0;
    while i < list.len() {
        let rest = &list[i..];
        if let Some(call) = rest.strip_prefix("F('") {
            let name: String = call.chars().take_while(|c| *c != '\'').collect();
            out.push(name);
            // Skip the whole call, so an F inside it is not taken for a field.
            let call = balanced(list, i + 1).ok_or("an unclosed F(")?;
            i += 1 + call.len();
        } else if let Some(spread) = rest.strip_prefix("...") {
            let name: String = spread
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() && !name.chars().any(|c| c.is_ascii_lowercase()) {
                field_names(&name, consts, out)?;
            }
            i += 3 + name.len().max(1);
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    Ok(())
}

/// The forms of a forms.js text.
fn read_forms(text: &str) -> Result<Forms, String> {
    let start = text
        .find("export const FORMS = [")
        .ok_or("no `export const FORMS = [`")?;
    let array = balanced(text, start + "export const FORMS = ".len()).ok_or("FORMS is not closed")?;
    let consts = constants(text);
    let mut out = Vec::new();
    let mut i = 1;
    while let Some(at) = array[i..].find('{') {
        let object = balanced(array, i + at).ok_or("a form is not closed")?;
        i += at + object.len();
        let action = object
            .split_once("action: '")
            .and_then(|(_, rest)| rest.split_once('\''))
            .map(|(a, _)| a.to_string())
            .ok_or_else(|| format!("a form without `action: '…'`: {object}"))?;
        let (_, rest) = object
            .split_once("fields: ")
            .ok_or_else(|| format!("{action}: no `fields: `"))?;
        let list = if rest.starts_with('[') {
            balanced(rest, 0).ok_or("unclosed fields")?.to_string()
        } else {
            rest.chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect()
        };
        let mut names = Vec::new();
        field_names(&list, &consts, &mut names).map_err(|e| format!("{action}: {e}"))?;
        out.push((action, names));
    }
    let declared = array.matches("action: '").count();
    if out.len() != declared {
        return Err(format!("read {} forms of {declared}", out.len()));
    }
    Ok(out)
}

/// What is wrong with the forms, held to the engine's fields: one line per problem.
fn problems(forms: &Forms) -> Vec<String> {
    let engine = action_fields();
    let mut out = Vec::new();
    for (action, names) in forms {
        let Some(spec) = engine.iter().find(|a| a.action == action) else {
            out.push(format!("form {action}: the engine has no such action"));
            continue;
        };
        for name in names {
            if !spec.fields.iter().any(|f| f.name == name) {
                let known: Vec<&str> = spec.fields.iter().map(|f| f.name).collect();
                out.push(format!(
                    "form {action}: field {name} is not a field of the action ({})",
                    known.join(", ")
                ));
            }
        }
        for f in spec.fields.iter().filter(|f| f.required) {
            if !names.iter().any(|n| n == f.name) {
                out.push(format!(
                    "form {action}: no input for the required field {}",
                    f.name
                ));
            }
        }
    }
    out
}

#[test]
fn every_form_sends_fields_of_its_action_and_all_required_ones() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../www/ui/forms.js");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let forms = read_forms(&text).unwrap_or_else(|e| panic!("forms.js not read: {e}"));
    assert!(forms.len() >= 30, "only {} forms read", forms.len());
    let acl = forms
        .iter()
        .find(|(a, _)| a == "add_network_acl_entry")
        .expect("the add-entry form");
    assert!(
        acl.1.contains(&"icmp_code".to_string()),
        "spreads are expanded: {acl:?}"
    );
    let problems = problems(&forms);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_form_that_drifts_from_its_action_is_caught() {
    let text = "const PORTS = [F('from_port', 'From', 'number'), F('to_port', 'To', 'number', { fallback: (get) => F('x') })];\n\
        export const FORMS = [\n\
          { action: 'create_vpc', title: 'Create VPC [1]', fields: [F('cidr', 'IPv4 CIDR', 'text'), F('cdir', 'typo', 'text')] },\n\
          { action: 'launch_rocket', fields: [] },\n\
          { action: 'add_network_acl_entry', fields: [F('network_acl', 'ACL', 'acl'), ...PORTS] },\n\
        ];";
    let forms = read_forms(text).unwrap();
    assert_eq!(
        forms[2].1,
        ["network_acl", "from_port", "to_port"],
        "an F inside another is not a field"
    );
    let problems = problems(&forms);
    let want = [
        "form create_vpc: field cdir is not a field of the action",
        "form launch_rocket: the engine has no such action",
        "form add_network_acl_entry: no input for the required field rule_number",
    ];
    for w in want {
        assert!(
            problems.iter().any(|p| p.starts_with(w)),
            "{w} not in {problems:#?}"
        );
    }
    assert!(read_forms("no forms here").is_err());
}

/// `(protocol, means, required, any)` of field `name` of `action`, as the engine publishes them.
fn uses(action: &str, name: &str) -> Vec<(String, String, bool, Option<i32>)> {
    let all = action_fields();
    let spec = all
        .iter()
        .find(|a| a.action == action)
        .unwrap_or_else(|| panic!("{action}"));
    let field = spec
        .fields
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("{action}.{name}"));
    field
        .uses
        .iter()
        .map(|u| (u.protocol.to_string(), u.means.to_string(), u.required, u.any))
        .collect()
}

fn u(protocol: &str, means: &str, required: bool, any: Option<i32>) -> (String, String, bool, Option<i32>) {
    (protocol.into(), means.into(), required, any)
}

/// What a rule's port fields mean under each protocol is the engine's (`Protocol::port_use`),
/// published with the fields: a security group rule's `from_port`/`to_port` are a TCP/UDP
/// port range (both needed: `aws ec2 authorize-security-group-ingress --protocol tcp --port 22`)
/// or an ICMP type and code (`--protocol icmp --port 8--1`, -1 for any); a network ACL entry has
/// `--port-range From=443,To=443` for TCP/UDP and `--icmp-type-code Type=8,Code=-1` for ICMP.
/// Protocol `-1` (all) uses none of them.
#[test]
fn the_engine_says_what_each_port_field_means_under_each_protocol() {
    for action in ["add_security_group_rule", "remove_security_group_rule"] {
        assert_eq!(
            uses(action, "from_port"),
            [
                u("tcp", "port_from", true, None),
                u("udp", "port_from", true, None),
                u("icmp", "icmp_type", false, Some(-1))
            ],
            "{action}"
        );
        assert_eq!(
            uses(action, "to_port"),
            [
                u("tcp", "port_to", true, None),
                u("udp", "port_to", true, None),
                u("icmp", "icmp_code", false, Some(-1))
            ],
            "{action}"
        );
        assert!(uses(action, "protocol").is_empty());
    }
    for action in ["add_network_acl_entry", "replace_network_acl_entry"] {
        assert_eq!(
            uses(action, "from_port"),
            [
                u("tcp", "port_from", true, None),
                u("udp", "port_from", true, None)
            ]
        );
        assert_eq!(
            uses(action, "to_port"),
            [u("tcp", "port_to", true, None), u("udp", "port_to", true, None)]
        );
        assert_eq!(
            uses(action, "icmp_type"),
            [u("icmp", "icmp_type", false, Some(-1))]
        );
        assert_eq!(
            uses(action, "icmp_code"),
            [u("icmp", "icmp_code", false, Some(-1))]
        );
    }
    // Fields of actions without a protocol say nothing.
    assert!(uses("create_route", "destination").is_empty());
}

/// The page reads that rule from the engine (`www/ui/action-fields.js`, filled from `actionFields()`):
/// no page file decides again which protocols have ports.
#[test]
fn the_page_does_not_decide_which_protocols_have_ports() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../www/ui");
    for file in ["forms.js", "cost.js", "trace.js", "editor.js"] {
        let text = std::fs::read_to_string(format!("{dir}/{file}")).unwrap_or_else(|e| panic!("{file}: {e}"));
        for rule in [
            "['tcp', 'udp'].includes",
            "=== 'tcp' || ",
            "== 'tcp' ||",
            "from_port === -1",
            "get('protocol') === 'icmp'",
            "get('protocol') !== 'icmp'",
        ] {
            assert!(
                !text.contains(rule),
                "{file} decides the port rule itself: `{rule}`"
            );
        }
    }
}

/// The sizes a subnet's IPv6 block may have are the engine's one answer (`cidr`), published
/// with the field, and the form's label says them from there (`aws ec2 associate-subnet-cidr-block
/// --ipv6-cidr-block 2600:1f18:0:1::/64`: /44 to /64 in steps of /4).
#[test]
fn the_ipv6_subnet_form_says_the_engines_sizes() {
    let all = action_fields();
    let spec = all
        .iter()
        .find(|a| a.action == "associate_subnet_ipv6_cidr")
        .expect("the action");
    let cidr = spec
        .fields
        .iter()
        .find(|f| f.name == "cidr")
        .expect("its cidr field");
    assert_eq!(
        cidr.sizes.as_deref(),
        Some(vpclab_core::cidr::aws_ipv6_prefixes_text().as_str())
    );
    assert_eq!(cidr.sizes.as_deref(), Some("/44, /48, /52, /56, /60 or /64"));
    assert!(spec
        .fields
        .iter()
        .filter(|f| f.name != "cidr")
        .all(|f| f.sizes.is_none()));
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../www/ui/forms.js");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    assert!(
        text.contains("fieldSizes(action, 'cidr')"),
        "the label reads the engine's sizes"
    );
    assert!(
        !text.contains("a /64 of the VPC"),
        "no second answer in the label"
    );
}
