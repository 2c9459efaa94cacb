//! Every Batfish fixture (tests/fixtures/batfish, real AWS CLI output) imports, validates with no
//! error, and survives export → import unchanged.

use std::path::{Path, PathBuf};

use vpclab_core::aws::{export, import_documents, import_files};
use vpclab_core::model::*;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/batfish")
}

fn walk(dir: &Path, base: &Path, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, base, out);
        } else {
            let rel = p.strip_prefix(base).unwrap().to_string_lossy().into_owned();
            out.push((rel, std::fs::read_to_string(&p).unwrap()));
        }
    }
}

fn fixture_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root())
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn load(name: &str) -> Estate {
    let dir = root().join(name);
    let mut files = Vec::new();
    walk(&dir, &dir, &mut files);
    import_files(&files).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn every_fixture_imports() {
    let names = fixture_names();
    assert_eq!(names.len(), 16);
    for name in &names {
        let e = load(name);
        println!(
            "{name}: docs {:?} vpcs {} subnets {} rts {} pcx {} igw {} nat {} vpce {} pl {} i {} eni {} sg {} acl {} tgw {} att {} ends {} tgwrt {}",
            e.documents, e.vpcs.len(), e.subnets.len(), e.route_tables.len(), e.peerings.len(),
            e.internet_gateways.len(), e.nat_gateways.len(), e.endpoints.len(), e.prefix_lists.len(),
            e.instances.len(), e.enis.len(), e.security_groups.len(), e.network_acls.len(),
            e.transit_gateways.len(), e.tgw_attachments.len(), e.tgw_peering_ends.len(), e.tgw_route_tables.len()
        );
    }
}

#[test]
fn every_fixture_round_trips() {
    for name in fixture_names() {
        let e = load(&name);
        let docs: Vec<(String, serde_json::Value)> = export(&e)
            .into_iter()
            .enumerate()
            .map(|(i, d)| (format!("export-{i}"), d))
            .collect();
        let back = import_documents(&docs).unwrap_or_else(|err| panic!("{name}: {err}"));
        assert_eq!(back, e, "{name}");
    }
}

#[test]
fn every_fixture_validates_without_error() {
    for name in fixture_names() {
        let d = vpclab_core::validate::validate(&load(&name));
        for w in &d.warnings {
            println!("{name}: warning {} {}: {}", w.code, w.resource, w.message);
        }
        assert!(d.errors.is_empty(), "{name}: {:#?}", d.errors);
    }
}
