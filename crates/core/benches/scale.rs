//! The engine at scale: an estate of 1,000 VPCs, 10,000 subnets, about 100,000 routes, 2,000
//! peerings and a transit gateway with 500 attachments (`vpclab_core::synth`).
//!
//! The same again dual-stack (issue 13; `Params::dual_stack`): every VPC with an IPv6 /56, an
//! egress-only internet gateway and IPv6 routes (about 200,000 routes in all), in the group
//! `scale_1000_vpcs_dual_stack`.
//!
//! `cargo bench -p vpclab-core --features testkit --bench scale` (`-- dual_stack` for that group
//! alone). Targets (issue 3): import + topology build ≤ 1 s, one reach query ≤ 1 ms, the
//! all-pairs VPC matrix ≤ 2 s.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use vpclab_core::aws::import_documents;
use vpclab_core::reach::{Query, Topology};
use vpclab_core::synth::{document, instance_id, Params};

fn scale(c: &mut Criterion) {
    group(c, "scale_1000_vpcs", Params::default());
}

fn scale_dual_stack(c: &mut Criterion) {
    let params = Params {
        dual_stack: true,
        ..Params::default()
    };
    group(c, "scale_1000_vpcs_dual_stack", params);
}

fn group(c: &mut Criterion, name: &str, params: Params) {
    let text = document(&params).to_string();
    let estate =
        import_documents(&[("synth".into(), serde_json::from_str(&text).expect("json"))]).expect("imports");
    let routes: usize = estate.route_tables.values().map(|t| t.routes.len()).sum();
    eprintln!(
        "{name}: {} VPCs, {} subnets, {} routes, {} peerings, {} TGW attachments, {} bytes of JSON",
        estate.vpcs.len(),
        estate.subnets.len(),
        routes,
        estate.peerings.len(),
        estate.tgw_attachments.len(),
        text.len()
    );

    let mut g = c.benchmark_group(name);
    g.sample_size(10)
        .measurement_time(Duration::from_secs(20))
        .warm_up_time(Duration::from_secs(2));
    g.bench_function("parse_import_build", |b| {
        b.iter(|| {
            let value: serde_json::Value = serde_json::from_str(black_box(&text)).expect("json");
            let e = import_documents(&[("synth".into(), value)]).expect("imports");
            let topo = Topology::build(&e);
            black_box(&topo);
        })
    });
    g.bench_function("topology_build", |b| {
        b.iter(|| Topology::build(black_box(&estate)))
    });
    let topo = Topology::build(&estate);
    // Across the transit gateway (VPC 0 and VPC 500, both attached, not peers), there and back.
    let via_tgw = Query::tcp(&instance_id(0), &instance_id(500), 22);
    assert!(topo.trace(&via_tgw).expect("trace").reachable);
    let via_peering = Query::tcp(&instance_id(3), &instance_id(10), 22);
    assert!(topo.trace(&via_peering).expect("trace").reachable);
    g.bench_function("reach_query_tgw", |b| {
        b.iter(|| black_box(topo.trace(black_box(&via_tgw))))
    });
    g.bench_function("reach_query_peering", |b| {
        b.iter(|| black_box(topo.trace(black_box(&via_peering))))
    });
    if params.dual_stack {
        // The same two questions over IPv6: the instances' IPv6 addresses, the IPv6 routes.
        let via_tgw6 = via_tgw.clone().over_ipv6();
        let via_peering6 = via_peering.clone().over_ipv6();
        for q in [&via_tgw6, &via_peering6] {
            let t = topo.trace(q).expect("trace");
            assert!(
                t.reachable && t.to.address.contains(':'),
                "{q:?}: {:?}",
                t.blocked
            );
        }
        g.bench_function("reach_query_tgw_ipv6", |b| {
            b.iter(|| black_box(topo.trace(black_box(&via_tgw6))))
        });
        g.bench_function("reach_query_peering_ipv6", |b| {
            b.iter(|| black_box(topo.trace(black_box(&via_peering6))))
        });
    }
    g.bench_function("vpc_matrix", |b| {
        b.iter(|| black_box(topo.vpc_matrix().reachable.len()))
    });
    g.finish();
    let m = topo.vpc_matrix();
    eprintln!(
        "{name} matrix: {} reaching ordered pairs of {} VPCs",
        m.reachable.len(),
        m.vpcs.len()
    );
}

criterion_group!(benches, scale, scale_dual_stack);
criterion_main!(benches);
