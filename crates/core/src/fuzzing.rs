//! The bodies of the cargo-fuzz targets (`fuzz/fuzz_targets/*.rs`), as plain functions so that
//! the committed corpora are replayed by `cargo test` on stable (`tests/fuzz_corpus.rs`). Not
//! part of the teaching API; nothing in the page or the CLI calls it.
//!
//! Each target takes the raw bytes libFuzzer hands it and must never panic. Where an invariant
//! is cheap to check, the target asserts it, so a wrong answer is a finding too:
//! - [`cidr_ops`]: a parsed CIDR prints canonically and re-parses equal; split, aggregate,
//!   overlap and exclude answers are checked against their definitions.
//! - [`aws_documents`], [`aws_snapshot`]: an import that succeeds exports and re-imports to the
//!   same estate (`import(export(e)) == e`, see [`crate::model`]).
//! - [`edit_actions`]: a refused action leaves the estate exactly as it was.
//! - [`share_state`]: a restored workspace saves and restores to the same estate and log, and
//!   undoing every action gives back the start.
//!
//! Input formats: text (JSON, or one CIDR per line) for most targets; a snapshot folder is
//! framed as text too (`=== path` lines, each followed by that file's contents), so that
//! dictionary mutations reach the JSON inside; [`edit_actions`] reads its bytes as choices (see
//! [`Bytes`]).

use std::collections::BTreeSet;
use std::net::Ipv4Addr;
use std::sync::OnceLock;

use ipnet::IpNet;
use serde_json::{Map, Value};

use crate::aws::{export, import_documents, import_files};
use crate::cidr;
use crate::edit::{apply, Action};
use crate::exercise::{self, catalog, check, ExerciseDef};
use crate::fields::Presence;
use crate::model::Estate;
use crate::reach::{Proto, Query, Topology};
use crate::synth;
use crate::validate::validate;
use crate::workspace::Workspace;

/// A fuzz target body.
pub type Target = fn(&[u8]);

/// Every target, by the name of its `fuzz/fuzz_targets/<name>.rs` and corpus folder.
pub const TARGETS: &[(&str, Target)] = &[
    ("aws_documents", aws_documents),
    ("aws_snapshot", aws_snapshot),
    ("cidr_ops", cidr_ops),
    ("edit_actions", edit_actions),
    ("exercise_check", exercise_check),
    ("share_state", share_state),
];

/// The most CIDRs [`cidr_ops`] reads (the checks are quadratic).
const MAX_NETS: usize = 16;
/// The most actions [`edit_actions`] applies.
const MAX_ACTIONS: usize = 24;

// --- AWS import ----------------------------------------------------------------------------------

/// The AWS JSON importer on arbitrary text: one document, or an array of them.
pub fn aws_documents(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(value) = serde_json::from_str::<Value>(text) else {
        return;
    };
    if let Ok(estate) = import_documents(&[("fuzz.json".to_string(), value)]) {
        imported(&estate);
    }
}

/// The importer on a Batfish-style snapshot folder given as (path, text) files; see
/// [`split_files`] for the framing.
pub fn aws_snapshot(data: &[u8]) {
    let files = split_files(data);
    if let Ok(estate) = import_files(&files) {
        imported(&estate);
    }
}

/// Files framed as text: each `=== PATH` line starts a file whose text runs to the next such line
/// (invalid UTF-8 is replaced, as a browser's `File.text()` does).
pub fn split_files(data: &[u8]) -> Vec<(String, String)> {
    let text = String::from_utf8_lossy(data);
    let mut files: Vec<(String, String)> = Vec::new();
    for line in text.split_inclusive('\n') {
        if let Some(path) = line.strip_prefix("=== ") {
            files.push((path.trim_end_matches(['\n', '\r']).to_string(), String::new()));
        } else if let Some((_, body)) = files.last_mut() {
            body.push_str(line);
        }
    }
    files
}

/// The inverse of [`split_files`], for writing seeds.
pub fn join_files(files: &[(String, String)]) -> Vec<u8> {
    let mut out = String::new();
    for (path, text) in files {
        out.push_str("=== ");
        out.push_str(path);
        out.push('\n');
        out.push_str(text);
        if !text.ends_with('\n') {
            out.push('\n');
        }
    }
    out.into_bytes()
}

/// What every imported estate must survive: validation, a topology, and an export that
/// re-imports to the same estate.
fn imported(estate: &Estate) {
    validate(estate);
    let docs: Vec<(String, Value)> = export(estate)
        .into_iter()
        .enumerate()
        .map(|(i, d)| (format!("export-{i}.json"), d))
        .collect();
    match import_documents(&docs) {
        Ok(again) => assert!(
            again == *estate,
            "import(export(e)) != e\nexported: {}",
            serde_json::to_string(&docs.iter().map(|(_, d)| d).collect::<Vec<_>>()).unwrap_or_default()
        ),
        Err(e) => panic!("an exported estate does not re-import: {e}"),
    }
    questions(estate, &[0, 1, 2, 3]);
}

// --- CIDR ----------------------------------------------------------------------------------------

/// CIDR parsing and every CIDR operation. The first byte chooses the split prefix offset; each
/// line is then parsed as a CIDR, and the ones that parse are the arguments of split,
/// aggregate, overlap and exclude.
pub fn cidr_ops(data: &[u8]) {
    let Some((&knob, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let mut nets = Vec::new();
    for line in text.lines() {
        let Ok(net) = cidr::parse(line) else {
            continue;
        };
        let printed = net.to_string();
        assert_eq!(cidr::parse(&printed), Ok(net), "{line:?} printed as {printed:?}");
        assert_eq!(net, net.trunc(), "{line:?} parsed with host bits set");
        let info = cidr::info(net);
        assert_eq!(info.cidr, printed);
        assert_eq!(info.prefix_len, net.prefix_len());
        nets.push(net);
        if nets.len() == MAX_NETS {
            break;
        }
    }
    let Some(&first) = nets.first() else {
        return;
    };

    // split: 2^(new - old) blocks inside the original, which aggregate back to it. Splits into
    // 2^9 to 2^16 blocks are skipped (slow, and no different from smaller ones); 2^17 and
    // more are refused.
    let bits = knob % 24;
    let prefix = first.prefix_len().saturating_add(bits);
    let parts = if (9..=16).contains(&bits) {
        Err(None)
    } else {
        cidr::split(first, prefix).map_err(Some)
    };
    if let Err(Some(e)) = &parts {
        let message = e.to_string();
        assert!(message.contains(&first.to_string()), "{message}");
    }
    if let Ok(parts) = parts {
        let expected = 1u128 << (prefix - first.prefix_len());
        assert_eq!(parts.len() as u128, expected, "split {first} /{prefix}");
        assert!(parts
            .iter()
            .all(|p| first.contains(p) && p.prefix_len() == prefix));
        assert_eq!(
            cidr::aggregate(&parts),
            vec![first],
            "split {first} /{prefix} re-aggregated"
        );
    }

    // aggregate: sorted, disjoint, covering every input and nothing more.
    let agg = cidr::aggregate(&nets);
    assert!(
        agg.windows(2).all(|w| w[0] < w[1]),
        "aggregate not sorted: {agg:?}"
    );
    assert_no_overlap(&agg, "aggregate");
    for n in &nets {
        assert!(
            agg.iter().any(|a| a.contains(n)),
            "aggregate of {nets:?} lost {n}"
        );
    }
    for a in &agg {
        assert!(
            cidr::exclude(*a, &nets).is_empty(),
            "aggregate of {nets:?} added {a}"
        );
    }
    assert_eq!(cidr::aggregate(&agg), agg, "aggregate is not idempotent");

    // overlap: symmetric, and the pairs are exactly the overlapping ones.
    let pairs = cidr::overlap_pairs(&nets);
    let mut expected = Vec::new();
    for (i, a) in nets.iter().enumerate() {
        for (j, b) in nets.iter().enumerate().skip(i + 1) {
            let o = cidr::overlaps(a, b);
            assert_eq!(o, cidr::overlaps(b, a), "overlaps({a}, {b}) not symmetric");
            let same_family = a.max_prefix_len() == b.max_prefix_len();
            assert_eq!(
                o,
                same_family && (a.contains(b) || b.contains(a)),
                "overlaps({a}, {b})"
            );
            if o {
                expected.push((i, j));
            }
        }
    }
    assert_eq!(pairs, expected);

    // exclude: the pieces lie inside, miss every excluded block, and with the excluded parts
    // inside cover the original.
    let excluded = &nets[1..];
    let pieces = cidr::exclude(first, excluded);
    assert_no_overlap(&pieces, "exclude");
    for p in &pieces {
        assert!(first.contains(p), "exclude({first}) gave {p} outside it");
        assert!(
            excluded.iter().all(|e| !cidr::overlaps(p, e)),
            "exclude({first}, {excluded:?}) kept {p}"
        );
    }
    let mut whole = pieces.clone();
    for e in excluded {
        if e.contains(&first) {
            whole.push(first);
        } else if first.contains(e) {
            whole.push(*e);
        }
    }
    if !whole.is_empty() {
        assert_eq!(
            cidr::aggregate(&whole),
            vec![first],
            "exclude({first}, {excluded:?}) lost addresses"
        );
    }
}

/// No two of `nets` overlap. Two CIDR blocks are disjoint or one contains the other, so once
/// the (canonical) blocks are sorted by family, then address, a block that contains another
/// also contains every block sorted between them: checking neighbours is enough. (The pairwise
/// check took four fifths of `cidr_ops`' time: `exclude` can give thousands of IPv6 pieces.)
fn assert_no_overlap(nets: &[IpNet], what: &str) {
    for n in nets {
        assert_eq!(*n, n.trunc(), "{what} gave {n} with host bits set");
    }
    let mut sorted = nets.to_vec();
    sorted.sort();
    for w in sorted.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        assert!(!cidr::overlaps(a, b), "{what} gave overlapping {a} and {b}");
    }
}

// --- Exercises and saved work --------------------------------------------------------------------

/// The exercise loader and checker on fuzzed exercise JSON: a file that loads has its start and
/// (when it applies) its reference solution graded, and its workspace drawn. So that inputs stay
/// small (the importer has its own targets), `"start": "@ID"` stands for the start documents of
/// the built-in exercise ID.
pub fn exercise_check(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let expanded = expand_start(text);
    let Ok(def) = exercise::parse("fuzz.json", expanded.as_deref().unwrap_or(text)) else {
        return;
    };
    if let Ok(solution) = def.solution_estate() {
        graded(&def, &solution);
    }
    // The workspace's start is `def.start_estate()`: graded there rather than imported again.
    if let Ok(w) = Workspace::for_exercise(def) {
        if let Some(def) = w.exercise() {
            graded(def, w.start());
        }
        w.view();
    }
}

/// `text` with `"start": "@ID"` replaced by exercise ID's start; `None` when there is no such
/// reference.
fn expand_start(text: &str) -> Option<String> {
    let Ok(Value::Object(mut file)) = serde_json::from_str::<Value>(text) else {
        return None;
    };
    let id = file.get("start")?.as_str()?.strip_prefix('@')?;
    let start = catalog().ok()?.get(id)?.start.clone();
    file.insert("start".into(), start);
    Some(Value::Object(file).to_string())
}

/// An exercise file with its start replaced by `"@ID"` (see [`exercise_check`]), for seeds.
pub fn shrink_start(text: &str) -> Option<String> {
    let Ok(Value::Object(mut file)) = serde_json::from_str::<Value>(text) else {
        return None;
    };
    let id = file.get("id")?.as_str()?.to_string();
    file.insert("start".into(), Value::String(format!("@{id}")));
    Some(Value::Object(file).to_string())
}

fn graded(def: &ExerciseDef, estate: &Estate) {
    let verdict = check(def, estate);
    assert_eq!(verdict.goals.len(), def.goals.len(), "one result per goal");
    assert_eq!(
        verdict.passed,
        verdict.goals.iter().all(|g| g.passed),
        "passed is every goal passing"
    );
}

/// Saved work and share links, the Rust side: the page's `decodeShare` (www/ui/store.js) turns
/// the link into `{v, kind, id, state}` and hands `state` (the Session's saved JSON text) to
/// `Session.restore`, which is [`Workspace::restore_json`]; localStorage work goes the same way.
/// The text is restored as it is, and when it is such a share object, its `state` too.
pub fn share_state(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    restored(text);
    if let Ok(Value::Object(share)) = serde_json::from_str::<Value>(text) {
        if let Some(Value::String(state)) = share.get("state") {
            restored(state);
        }
    }
}

fn restored(text: &str) {
    let Ok(mut w) = Workspace::restore_json(text) else {
        return;
    };
    if let Some(verdict) = w.check() {
        assert_eq!(verdict.passed, verdict.goals.iter().all(|g| g.passed));
    }
    w.validate();
    w.view();
    let again = Workspace::restore_json(&w.save_json())
        .unwrap_or_else(|e| panic!("a restored workspace does not restore from its own save: {e}"));
    assert!(again.estate() == w.estate(), "save → restore changed the estate");
    assert_eq!(again.actions(), w.actions(), "save → restore changed the log");
    let now = w.estate().clone();
    let n = w.actions().len();
    while w.undo().is_some() {}
    assert!(
        w.estate() == w.start(),
        "undoing every action does not give the start"
    );
    for _ in 0..n {
        w.redo()
            .unwrap_or_else(|e| panic!("redo of an action that was accepted is refused: {e}"));
    }
    assert!(*w.estate() == now, "undo all + redo all changed the estate");
}

// --- Edit actions on estates ---------------------------------------------------------------------

/// Fuzz bytes read as choices: each read takes what it needs from the front, and an exhausted
/// input reads as zeros (so every input is a valid, finite program).
pub struct Bytes<'a> {
    data: &'a [u8],
}

impl<'a> Bytes<'a> {
    pub fn new(data: &'a [u8]) -> Bytes<'a> {
        Bytes { data }
    }

    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    pub fn byte(&mut self) -> u8 {
        match self.data.split_first() {
            Some((&b, rest)) => {
                self.data = rest;
                b
            }
            None => 0,
        }
    }

    /// A number below `n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        let raw = if n > 256 {
            usize::from(self.byte()) << 8 | usize::from(self.byte())
        } else {
            usize::from(self.byte())
        };
        raw % n.max(1)
    }

    pub fn flag(&mut self) -> bool {
        self.byte() & 1 == 1
    }

    /// Up to 15 raw bytes as text.
    pub fn text(&mut self) -> String {
        let len = usize::from(self.byte() % 16).min(self.data.len());
        let (head, rest) = self.data.split_at(len);
        self.data = rest;
        String::from_utf8_lossy(head).into_owned()
    }

    /// One of `options`, or (for the last choice) raw text.
    fn pick(&mut self, options: &[String]) -> String {
        self.pick_with(options.len(), |i| options[i].clone())
    }

    /// Option `i` of `n`, made by `option(i)` only once chosen (so that the target does not
    /// print every option it could pick), or (for the last choice) raw text; reads the same
    /// bytes as [`Bytes::pick`] on `n` options.
    fn pick_with(&mut self, n: usize, option: impl FnOnce(usize) -> String) -> String {
        let i = self.below(n + 1);
        if i < n {
            option(i)
        } else {
            self.text()
        }
    }
}

/// The estates the edit target starts from: every exercise's start and solution, an empty
/// estate, and three synthetic ones (`synth`).
fn start_estates() -> &'static [(Estate, Option<&'static ExerciseDef>)] {
    static STARTS: OnceLock<Vec<(Estate, Option<&'static ExerciseDef>)>> = OnceLock::new();
    STARTS.get_or_init(|| {
        let mut out = vec![(Estate::default(), None)];
        if let Ok(cat) = catalog() {
            for def in cat.exercises() {
                out.extend(def.start_estate().ok().map(|e| (e, Some(def))));
                out.extend(def.solution_estate().ok().map(|e| (e, Some(def))));
            }
        }
        for (vpcs, subnets, peerings, attach) in [(2, 3, 1, 1), (6, 4, 2, 2), (12, 3, 2, 3)] {
            let p = synth::Params {
                vpcs,
                subnets_per_vpc: subnets,
                peerings_per_vpc: peerings,
                attach_every: attach,
                dual_stack: false,
            };
            if let Ok(e) = import_documents(&[("synth.json".to_string(), synth::document(&p))]) {
                out.push((e, None));
            }
        }
        out
    })
}

/// Every action on estates: the first byte picks a start estate (an exercise's start or solution,
/// an empty one, a synthetic one); then each action is built from the bytes, with ids picked
/// from the estate as it is now, CIDRs derived from its blocks, and raw text sometimes. A
/// refused action must leave the estate unchanged. At the end the estate is validated, traced,
/// graded and drawn (once per input, not after every action).
///
/// The estate before each action is kept as a second copy that every accepted action is
/// applied to as well (an action is a function of the estate: undo, redo and saved work rely
/// on it), rather than cloned before each action (which, with the drop of the clone, took a
/// third of the target's time): a refused action must leave the estate equal to that copy,
/// and at the end the two must still be equal.
pub fn edit_actions(data: &[u8]) {
    let mut b = Bytes::new(data);
    let starts = start_estates();
    let (start, def) = &starts[b.below(starts.len())];
    let mut estate = start.clone();
    let mut before = start.clone();
    let mut count = 0;
    while !b.is_empty() && count < MAX_ACTIONS {
        count += 1;
        let Some(action) = build_action(&mut b, &estate) else {
            continue;
        };
        let json = || serde_json::to_string(&action).unwrap_or_default();
        match apply(&mut estate, &action) {
            Err(e) => {
                assert!(
                    estate == before,
                    "a refused action changed the estate: {e}\n{}",
                    json()
                );
                assert!(!e.code.is_empty() && !e.message.is_empty());
            }
            Ok(_) => {
                if let Err(e) = apply(&mut before, &action) {
                    panic!(
                        "an action accepted once is refused on an equal estate: {e}\n{}",
                        json()
                    );
                }
            }
        }
    }
    assert!(
        estate == before,
        "the same actions on equal estates gave different estates"
    );
    drop(before);
    let picks: Vec<u8> = (0..4).map(|_| b.byte()).collect();
    questions(&estate, &picks);
    if let Some(def) = def {
        graded(def, &estate);
    }
    Workspace::sandbox(estate).view();
}

/// Validation, the VPC matrix and a few traces between instances (and out to the internet).
fn questions(estate: &Estate, picks: &[u8]) {
    validate(estate);
    let topology = Topology::build(estate);
    // The matrix traces every pair of VPCs: one run in four.
    if picks.first().is_some_and(|p| p & 0x30 == 0) {
        topology.vpc_matrix();
    }
    let instances: Vec<&str> = estate.instances.keys().map(|i| i.as_str()).collect();
    if instances.is_empty() {
        return;
    }
    let at = |i: usize| instances[usize::from(picks.get(i).copied().unwrap_or(0)) % instances.len()];
    let protos = [Proto::Tcp, Proto::Udp, Proto::Icmp, Proto::All];
    let proto = protos[usize::from(picks.first().copied().unwrap_or(0)) % protos.len()];
    let port = Some(u16::from(picks.get(1).copied().unwrap_or(0)) * 7 + 22);
    let _ = topology.trace(&Query::new(at(0), at(1), proto, port));
    let _ = topology.trace(&Query::new(at(2), at(3), Proto::Tcp, Some(443)));
    let _ = topology.trace(&Query::new(at(1), "198.51.100.7", Proto::Tcp, Some(443)));
}

/// One action built from the bytes; `None` when the JSON built does not deserialize (it always
/// should: that is checked by a test).
fn build_action(b: &mut Bytes, estate: &Estate) -> Option<Action> {
    let k = b.below(Action::NAMES.len());
    let mut obj = Map::new();
    obj.insert("action".into(), Value::String(Action::NAMES[k].into()));
    // Each field of the action's declaration but `account` (picked below).
    for field in Action::fields(k).iter().filter(|f| f.0 != "account") {
        if field.2 != Presence::Required && !b.flag() {
            continue;
        }
        obj.insert(field.0.into(), field_value(b, estate, field.0));
    }
    if b.below(4) == 0 {
        obj.insert("account".into(), Value::String(b.pick(&accounts(estate))));
    }
    serde_json::from_value(Value::Object(obj)).ok()
}

fn ids<'e, K: std::fmt::Display + 'e>(keys: impl Iterator<Item = &'e K>) -> Vec<String> {
    keys.map(|k| k.to_string()).collect()
}

fn accounts(estate: &Estate) -> Vec<String> {
    let mut set: BTreeSet<String> = estate.documents.iter().map(|(a, _)| a.0.clone()).collect();
    set.extend(estate.vpcs.values().map(|v| v.owner.0.clone()));
    set.insert("111122223333".into());
    set.insert("444455556666".into());
    set.into_iter().collect()
}

fn regions(estate: &Estate) -> Vec<String> {
    let mut set: BTreeSet<String> = estate.documents.iter().map(|(_, r)| r.0.clone()).collect();
    set.extend(["us-east-1", "eu-west-1", "ap-southeast-2"].map(String::from));
    set.into_iter().collect()
}

/// CIDR-like choices: the estate's blocks, their halves and parents (kept as blocks, printed only
/// when chosen), then the default routes and a few others, and an address/prefix built from the
/// bytes (host bits and all).
fn cidrs(b: &mut Bytes, estate: &Estate) -> (Vec<IpNet>, Vec<String>) {
    let mut near = Vec::new();
    let blocks = estate
        .vpcs
        .values()
        .flat_map(|v| v.cidrs.iter().map(|c| IpNet::V4(*c)))
        .chain(estate.subnets.values().filter_map(|s| s.cidr.map(IpNet::V4)))
        .chain(
            estate
                .vpcs
                .values()
                .flat_map(|v| v.ipv6_cidrs.iter().map(|c| IpNet::V6(*c))),
        );
    for n in blocks {
        near.push(n);
        if let Ok(halves) = n.subnets(n.prefix_len().saturating_add(1)) {
            near.extend(halves.take(2));
        }
        near.extend(n.supernet());
    }
    let mut more: Vec<String> = ["0.0.0.0/0", "::/0", "10.0.0.0/8", "2001:db8::/56"]
        .map(String::from)
        .to_vec();
    let addr = Ipv4Addr::new(10, b.byte(), b.byte(), b.byte());
    more.push(format!("{addr}/{}", b.byte() % 34));
    (near, more)
}

/// One of [`cidrs`]' choices (blocks first), or raw text.
fn pick_cidr(b: &mut Bytes, (near, more): (Vec<IpNet>, Vec<String>)) -> String {
    b.pick_with(near.len() + more.len(), |i| match near.get(i) {
        Some(n) => n.to_string(),
        None => more[i - near.len()].clone(),
    })
}

fn field_value(b: &mut Bytes, e: &Estate, name: &str) -> Value {
    let s = Value::String;
    let list = |b: &mut Bytes, options: Vec<String>| {
        let n = b.below(4);
        Value::Array((0..n).map(|_| Value::String(b.pick(&options))).collect())
    };
    match name {
        "route_table" => s(b.pick(&ids(e.route_tables.keys()))),
        "route_tables" | "add_route_tables" | "remove_route_tables" => list(b, ids(e.route_tables.keys())),
        "vpc" | "peer_vpc" => s(b.pick(&ids(e.vpcs.keys()))),
        "subnet" => s(b.pick(&ids(e.subnets.keys()))),
        "subnets" | "add_subnets" | "remove_subnets" => list(b, ids(e.subnets.keys())),
        "instance" => s(b.pick(&ids(e.instances.keys()))),
        "peering" => s(b.pick(&ids(e.peerings.keys()))),
        "internet_gateway" => s(b.pick(&ids(e.internet_gateways.keys()))),
        "egress_only_internet_gateway" => s(b.pick(&ids(e.egress_only_internet_gateways.keys()))),
        "nat_gateway" => s(b.pick(&ids(e.nat_gateways.keys()))),
        "endpoint" => s(b.pick(&ids(e.endpoints.keys()))),
        "transit_gateway" => s(b.pick(&ids(e.transit_gateways.keys()))),
        "transit_gateway_route_table" => s(b.pick(&ids(e.tgw_route_tables.keys()))),
        "transit_gateway_attachment" => {
            s(b.pick(&ids(e.tgw_attachments.keys().chain(e.tgw_peering_ends.keys()))))
        }
        "vpn_gateway" => s(b.pick(&ids(e.vpn_gateways.keys()))),
        "customer_gateway" => s(b.pick(&ids(e.customer_gateways.keys()))),
        "vpn_connection" => s(b.pick(&ids(e.vpn_connections.keys()))),
        "direct_connect_gateway" => s(b.pick(&ids(e.dx_gateways.keys()))),
        "association_id" => s(b.pick(&e.dx_associations.keys().cloned().collect::<Vec<_>>())),
        "ip_address" => s(
            b.pick(&["203.0.113.12", "198.51.100.7", "10.0.0.1", "100.64.0.1", "1.2.3"].map(String::from))
        ),
        "bgp_asn" | "amazon_side_asn" => {
            let n: [i64; 8] = [0, 1, 7224, 64512, 65000, 65534, 65535, 4_200_000_000];
            Value::from(n[b.below(n.len())])
        }
        "allowed_prefixes" => {
            let c = cidrs(b, e);
            let n = b.below(3);
            Value::Array((0..n).map(|_| Value::String(pick_cidr(b, c.clone()))).collect())
        }
        "security_group" | "peer_group" => s(b.pick(&ids(e.security_groups.keys()))),
        "security_groups" => list(b, ids(e.security_groups.keys())),
        "network_acl" => s(b.pick(&ids(e.network_acls.keys()))),
        "prefix_list" => {
            let mut pls = ids(e.prefix_lists.keys());
            pls.extend(crate::aws::managed_prefix_lists().iter().map(|p| p.id.0.clone()));
            s(b.pick(&pls))
        }
        "target" => {
            let mut t = vec!["local".to_string()];
            t.extend(ids(e.internet_gateways.keys()));
            t.extend(ids(e.egress_only_internet_gateways.keys()));
            t.extend(ids(e.vpn_gateways.keys()));
            t.extend(ids(e.nat_gateways.keys()));
            t.extend(ids(e.peerings.keys()));
            t.extend(ids(e.endpoints.keys()));
            t.extend(ids(e.transit_gateways.keys()));
            t.extend(ids(e.enis.keys()));
            t.extend(ids(e.instances.keys()));
            s(b.pick(&t))
        }
        "destination" => {
            let (near, mut more) = cidrs(b, e);
            more.extend(ids(e.prefix_lists.keys()));
            more.extend(crate::aws::managed_prefix_lists().iter().map(|p| p.id.0.clone()));
            s(pick_cidr(b, (near, more)))
        }
        "cidr" => {
            let c = cidrs(b, e);
            s(pick_cidr(b, c))
        }
        "private_ip" => {
            let mut ips: Vec<String> = e
                .subnets
                .values()
                .filter_map(|sn| sn.cidr)
                .map(|c| {
                    let base = u32::from(c.network());
                    Ipv4Addr::from(base.wrapping_add(u32::from(b.byte()))).to_string()
                })
                .collect();
            ips.push("10.0.0.300".into());
            s(b.pick(&ips))
        }
        "availability_zone" => {
            let mut azs: Vec<String> = e
                .subnets
                .values()
                .map(|sn| sn.availability_zone.clone())
                .collect();
            azs.extend(["us-east-1a", "us-east-1f", "eu-west-1b", "use1-az1"].map(String::from));
            s(b.pick(&azs))
        }
        "account" | "peer_owner" | "with_account" => s(b.pick(&accounts(e))),
        "region" | "peer_region" => s(b.pick(&regions(e))),
        "service" => s(b.pick(
            &[
                "s3",
                "dynamodb",
                "com.amazonaws.us-east-1.s3",
                "com.amazonaws.eu-west-1.dynamodb",
                "sns",
                "ec2",
                "com.amazonaws.us-east-1.sqs",
            ]
            .map(String::from),
        )),
        "direction" => s(["ingress", "egress"][b.below(2)].into()),
        "protocol" => s(b.pick(&["tcp", "udp", "icmp", "-1", "6", "17", "1", "58", "all"].map(String::from))),
        "rule_action" => s(b.pick(&["allow", "deny"].map(String::from))),
        "from_port" | "to_port" | "icmp_type" | "icmp_code" | "rule_number" => {
            let n: [i64; 12] = [-1, 0, 1, 22, 80, 443, 8, 100, 32766, 32767, 65535, 65536];
            let i = b.below(n.len() + 2);
            Value::from(match n.get(i) {
                Some(v) => *v,
                None if i == n.len() => i64::MIN,
                None => i64::from(b.byte()) * 257 - 1000,
            })
        }
        "name" | "description" => s(b.text()),
        // The flags.
        _ => Value::Bool(b.flag()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_kind_builds_from_bytes() {
        // With ids to pick from, each action kind deserializes from what build_action makes.
        let (estate, _) = start_estates()
            .iter()
            .find(|(e, _)| !e.transit_gateways.is_empty() && !e.endpoints.is_empty())
            .or_else(|| start_estates().iter().max_by_key(|(e, _)| e.vpcs.len()))
            .expect("a start estate");
        let mut built = BTreeSet::new();
        for k in 0..Action::NAMES.len() as u8 {
            for seed in 0..=255u8 {
                let bytes = [k, seed, seed, 1, seed, 2, seed, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
                if let Some(a) = build_action(&mut Bytes::new(&bytes), estate) {
                    built.insert(a.name());
                }
            }
        }
        let missing: Vec<_> = Action::NAMES.iter().filter(|n| !built.contains(*n)).collect();
        assert!(missing.is_empty(), "never built: {missing:?}");
    }

    #[test]
    fn files_frame_and_unframe() {
        let files = vec![
            (
                "aws_configs/Vpcs.json".to_string(),
                "{\"Vpcs\": []}\n".to_string(),
            ),
            (
                "aws_configs/us-east-1/Subnets.json".to_string(),
                "{}\n".to_string(),
            ),
        ];
        assert_eq!(split_files(&join_files(&files)), files);
        assert!(split_files(b"no header").is_empty());
    }

    #[test]
    fn no_overlap_is_checked_on_neighbours_after_sorting() {
        let nets = |list: &[&str]| -> Vec<IpNet> { list.iter().map(|n| n.parse().unwrap()).collect() };
        // (blocks, overlapping?): the containing block sorts before blocks between it and the
        // one it contains, and the pair is not adjacent in the input.
        let cases: [(&[&str], bool); 5] = [
            (&["10.0.0.0/8", "192.0.2.0/24", "10.0.0.0/16"], true),
            (
                &["10.3.0.0/16", "10.0.0.0/8", "10.1.0.0/16", "10.200.0.0/16"],
                true,
            ),
            (&["2001:db8::/32", "10.0.0.0/8", "2001:db8:1::/48"], true),
            (&["198.51.100.0/24", "198.51.100.0/24"], true),
            (
                &["10.0.0.0/16", "10.1.0.0/16", "::/1", "8000::/1", "0.0.0.0/5"],
                false,
            ),
        ];
        for (list, overlapping) in cases {
            let v = nets(list);
            let caught = std::panic::catch_unwind(|| assert_no_overlap(&v, "test")).is_err();
            assert_eq!(caught, overlapping, "{list:?}");
        }
    }

    #[test]
    fn bytes_read_zeros_when_exhausted() {
        let mut b = Bytes::new(&[7, 1]);
        assert_eq!(b.below(5), 2);
        assert!(b.flag());
        assert!(b.is_empty());
        assert_eq!((b.byte(), b.below(3), b.text()), (0, 0, String::new()));
    }
}
