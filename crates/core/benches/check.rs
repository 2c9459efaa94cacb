//! The exercise checker after one action: what the page does on every learner's action
//! (`Session.applyAction` then `Session.check`).
//!
//! `cargo bench -p vpclab-core --bench check`. Budget (issue 7): applying an action and
//! re-checking every goal of the largest exercise ≤ 1 ms in wasm (the wasm number comes from
//! `cargo xtask bench-check`, `tests/bench/check.mjs`, which runs the same loop in Chromium).
//!
//! The loop, per exercise: the workspace holds the reference solution minus its last step; one
//! iteration applies that last step, checks every goal and known mistake, and undoes the step.
//! So every goal is evaluated on an estate as full as the exercise ever gets (the solved one),
//! the topology is built afresh (the estate changed), and the undo restores the state for the
//! next iteration. `check_only` is the verdict alone on the solved estate.
//!
//! Before measuring, the bench prints every exercise's goals, estate size (resources and JSON
//! bytes) and the time of one apply + check + undo, so the largest is visible; the criterion
//! benchmarks then run on `scale-twenty-vpcs` (the largest estate, 5 goals including an
//! all-pairs VPC mesh over 20 VPCs) and `vpc-sharing` (the most goals, 7).

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use vpclab_core::exercise::catalog;
use vpclab_core::workspace::Workspace;

/// A workspace at the solution minus its last step, and that step.
fn before_last_step(id: &str) -> (Workspace, vpclab_core::edit::Action) {
    let mut w = Workspace::load_exercise(id).expect("a catalogue exercise loads");
    let def = w.exercise().expect("an exercise").clone();
    let (last, rest) = def.solution.split_last().expect("a solution has steps");
    for step in rest {
        w.apply(step.clone()).expect("the reference solution applies");
    }
    (w, last.clone())
}

fn apply_check_undo(w: &mut Workspace, step: &vpclab_core::edit::Action) -> bool {
    w.apply(step.clone()).expect("the last step applies");
    let v = w.check().expect("an exercise has a verdict");
    w.undo();
    v.passed
}

fn survey() {
    let cat = catalog().expect("the catalogue");
    eprintln!("exercise                   goals mistakes  resources  JSON bytes  apply+check+undo µs");
    for def in cat.exercises() {
        let (mut w, step) = before_last_step(&def.id);
        assert!(apply_check_undo(&mut w, &step), "{}: the solution passes", def.id);
        let e = w.estate();
        let resources = e.vpcs.len()
            + e.subnets.len()
            + e.route_tables.len()
            + e.peerings.len()
            + e.instances.len()
            + e.security_groups.len()
            + e.tgw_attachments.len();
        let bytes = serde_json::to_string(&w.export()).map(|s| s.len()).unwrap_or(0);
        let n = 50;
        let t = Instant::now();
        for _ in 0..n {
            black_box(apply_check_undo(&mut w, &step));
        }
        let us = t.elapsed().as_secs_f64() * 1e6 / n as f64;
        eprintln!(
            "{:<26} {:>5} {:>8} {:>10} {:>11} {:>20.1}",
            def.id,
            def.goals.len(),
            def.mistakes.len(),
            resources,
            bytes,
            us
        );
    }
}

fn check(c: &mut Criterion) {
    survey();
    let mut g = c.benchmark_group("check");
    g.sample_size(30)
        .measurement_time(Duration::from_secs(5))
        .warm_up_time(Duration::from_secs(1));
    for id in ["scale-twenty-vpcs", "vpc-sharing"] {
        let (mut w, step) = before_last_step(id);
        g.bench_function(format!("{id}/apply_check_undo"), |b| {
            b.iter(|| black_box(apply_check_undo(&mut w, black_box(&step))))
        });
        w.apply(step.clone()).expect("the last step applies");
        g.bench_function(format!("{id}/check_only"), |b| {
            b.iter(|| black_box(w.check().map(|v| v.passed)))
        });
    }
    g.finish();
}

criterion_group!(benches, check);
criterion_main!(benches);
