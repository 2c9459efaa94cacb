//! Property tests for `vpclab_core::cidr`, checked against plain interval arithmetic on the
//! address ranges. Blocks are drawn from a few random "clusters" (a region and its children,
//! parents and neighbours) so that overlaps, containment and merges happen often.

use std::net::{Ipv4Addr, Ipv6Addr};

use ipnet::{IpNet, Ipv4Net, Ipv6Net};
use proptest::prelude::*;
use vpclab_core::cidr::{self, aggregate, exclude, info, overlap_pairs, split, Total, MAX_SPLIT};

/// A half-open-free representation: (is IPv6, first address, last address).
type Span = (bool, u128, u128);

fn span(n: &IpNet) -> Span {
    match n {
        IpNet::V4(n) => (
            false,
            u32::from(n.network()).into(),
            u32::from(n.broadcast()).into(),
        ),
        IpNet::V6(n) => (true, n.network().into(), n.broadcast().into()),
    }
}

/// The union of the blocks as sorted, disjoint, non-adjacent spans.
fn union(nets: &[IpNet]) -> Vec<Span> {
    let mut spans: Vec<Span> = nets.iter().map(span).collect();
    spans.sort();
    let mut out: Vec<Span> = Vec::new();
    for (v6, lo, hi) in spans {
        if let Some(last) = out.last_mut() {
            if last.0 == v6 && last.2.checked_add(1).is_none_or(|next| lo <= next) {
                last.2 = last.2.max(hi);
                continue;
            }
        }
        out.push((v6, lo, hi));
    }
    out
}

/// `whole` minus the union of `holes`, as spans (interval arithmetic, no CIDR involved).
fn difference(whole: Span, holes: &[Span]) -> Vec<Span> {
    let (v6, mut lo, hi) = whole;
    let mut out = Vec::new();
    let mut done = false;
    for &(hv6, hlo, hhi) in holes {
        if hv6 != v6 || hhi < lo || hlo > hi || done {
            continue;
        }
        if hlo > lo {
            out.push((v6, lo, hlo - 1));
        }
        match hhi.checked_add(1) {
            Some(next) if next <= hi => lo = next,
            _ => done = true,
        }
    }
    if !done {
        out.push((v6, lo, hi));
    }
    out
}

fn max_len(v6: bool) -> u8 {
    if v6 {
        128
    } else {
        32
    }
}

fn make(v6: bool, addr: u128, len: u8) -> IpNet {
    if v6 {
        IpNet::V6(
            Ipv6Net::new(Ipv6Addr::from(addr), len)
                .expect("len <= 128")
                .trunc(),
        )
    } else {
        let a = u32::try_from(addr).expect("IPv4 address fits 32 bits");
        IpNet::V4(Ipv4Net::new(Ipv4Addr::from(a), len).expect("len <= 32").trunc())
    }
}

/// A region of the address space that the blocks of one test cluster around.
#[derive(Debug, Clone, Copy)]
struct Cluster {
    v6: bool,
    base: u128,
    region: u8,
}

fn cluster() -> impl Strategy<Value = Cluster> {
    prop_oneof![
        4 => (any::<u32>(), prop_oneof![Just(0u8), 4u8..=30])
            .prop_map(|(b, region)| Cluster { v6: false, base: b.into(), region }),
        3 => (any::<u128>(), prop_oneof![Just(0u8), 8u8..=126])
            .prop_map(|(base, region)| Cluster { v6: true, base, region }),
    ]
}

/// A block near the cluster: a little larger than the region down to much smaller, sometimes
/// one of the edge prefixes (/0 or the host prefix).
fn net_in(c: Cluster) -> impl Strategy<Value = IpNet> {
    let max = max_len(c.v6);
    let lo = c.region.saturating_sub(3);
    let hi = (c.region + 10).min(max);
    (lo..=hi, any::<u128>(), 0u8..40).prop_map(move |(len, noise, edge)| {
        let host_bits = u32::from(max - c.region);
        let mask = 1u128.checked_shl(host_bits).map_or(u128::MAX, |b| b - 1);
        let addr = (c.base & !mask) | (noise & mask);
        let len = match edge {
            0 => 0,
            1 => max,
            _ => len,
        };
        make(c.v6, addr, len)
    })
}

/// Blocks from one to three clusters (so both families may be mixed), shuffled.
fn nets(most: usize) -> impl Strategy<Value = Vec<IpNet>> {
    prop::collection::vec(cluster(), 1..=3).prop_flat_map(move |cs| {
        let parts: Vec<_> = cs
            .into_iter()
            .map(|c| prop::collection::vec(net_in(c), 0..=most))
            .collect();
        parts.prop_map(|p| p.concat()).prop_shuffle()
    })
}

/// Two blocks are siblings when they are the two halves of one supernet.
fn siblings(a: &IpNet, b: &IpNet) -> bool {
    a != b && a.prefix_len() == b.prefix_len() && a.prefix_len() > 0 && a.supernet() == b.supernet()
}

/// The shape every minimal answer has: sorted (IPv4 first), pairwise disjoint, and no two blocks
/// that could merge into their supernet (which makes the cover the unique minimal one).
fn assert_minimal(out: &[IpNet]) -> Result<(), TestCaseError> {
    for w in out.windows(2) {
        prop_assert!(span(&w[0]) < span(&w[1]), "not sorted: {} then {}", w[0], w[1]);
    }
    for (i, a) in out.iter().enumerate() {
        for b in &out[i + 1..] {
            prop_assert!(!cidr::overlaps(a, b), "{a} and {b} overlap");
            prop_assert!(!siblings(a, b), "{a} and {b} should have merged");
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn aggregate_covers_exactly_the_inputs_minimally(inputs in nets(8)) {
        let out = aggregate(&inputs);
        prop_assert_eq!(union(&out), union(&inputs));
        assert_minimal(&out)?;
        // Aggregating again changes nothing.
        prop_assert_eq!(aggregate(&out), out.clone());
    }

    #[test]
    fn split_gives_contiguous_equal_blocks_covering_the_parent(
        c in cluster(), extra in 0u8..=12, noise in any::<u128>()
    ) {
        let addr = if c.v6 { c.base ^ noise } else { (c.base ^ noise) & 0xffff_ffff };
        let parent = make(c.v6, addr, c.region);
        let prefix = parent.prefix_len() + extra.min(parent.max_prefix_len() - parent.prefix_len());
        let subs = split(parent, prefix).expect("at most 4096 subnets");
        prop_assert_eq!(subs.len() as u128, 1u128 << (prefix - parent.prefix_len()));
        prop_assert!(subs.iter().all(|s| s.prefix_len() == prefix && parent.contains(s)));
        prop_assert_eq!(span(&subs[0]).1, span(&parent).1);
        prop_assert_eq!(span(&subs[subs.len() - 1]).2, span(&parent).2);
        for w in subs.windows(2) {
            prop_assert_eq!(span(&w[0]).2 + 1, span(&w[1]).1, "{} then {}", w[0], w[1]);
        }
    }

    #[test]
    fn split_refuses_shorter_longer_or_too_many(c in cluster(), prefix in 0u8..=255) {
        let parent = make(c.v6, c.base, c.region);
        let ok = prefix >= parent.prefix_len()
            && prefix <= parent.max_prefix_len()
            && prefix - parent.prefix_len() <= 16;
        prop_assert_eq!(split(parent, prefix).is_ok(), ok, "{} /{}", parent, prefix);
        if ok {
            prop_assert!(1u128 << (prefix - parent.prefix_len()) <= MAX_SPLIT);
        }
    }

    #[test]
    fn exclude_leaves_exactly_the_difference(parts in nets(6), noise in any::<u128>()) {
        // The block to carve is one of the inputs (so the rest cluster around it), or a random
        // block when there are none.
        let whole = parts.first().copied().unwrap_or_else(|| make(false, noise & 0xffff_ffff, 16));
        let holes = &parts[1.min(parts.len())..];
        let rest = exclude(whole, holes);
        prop_assert_eq!(union(&rest), difference(span(&whole), &union(holes)));
        for r in &rest {
            prop_assert!(whole.contains(r), "{r} is outside {whole}");
            for h in holes {
                prop_assert!(!cidr::overlaps(r, h), "{r} overlaps the excluded {h}");
            }
        }
        assert_minimal(&rest)?;
    }

    #[test]
    fn overlap_pairs_agree_with_brute_force(inputs in nets(8)) {
        let mut want = Vec::new();
        for (i, a) in inputs.iter().enumerate() {
            for (j, b) in inputs.iter().enumerate().skip(i + 1) {
                let (sa, sb) = (span(a), span(b));
                if sa.0 == sb.0 && sa.1 <= sb.2 && sb.1 <= sa.2 {
                    want.push((i, j));
                }
            }
        }
        prop_assert_eq!(overlap_pairs(&inputs), want);
    }

    #[test]
    fn parse_round_trips_and_refuses_host_bits(c in cluster(), noise in any::<u128>()) {
        let net = make(c.v6, c.base, c.region);
        prop_assert_eq!(cidr::parse(&net.to_string()), Ok(net));
        let host_bits = u32::from(net.max_prefix_len() - net.prefix_len());
        let mask = 1u128.checked_shl(host_bits).map_or(u128::MAX, |b| b - 1);
        let host = noise & mask;
        prop_assume!(host != 0);
        let messy = match net {
            IpNet::V4(n) => format!("{}/{}", Ipv4Addr::from(u32::from(n.network()) | host as u32), n.prefix_len()),
            IpNet::V6(n) => format!("{}/{}", Ipv6Addr::from(u128::from(n.network()) | host), n.prefix_len()),
        };
        let err = cidr::parse(&messy).expect_err("host bits set").to_string();
        prop_assert!(err.contains(&messy) && err.contains(&net.to_string()), "{}", err);
    }

    #[test]
    fn info_agrees_with_the_span(c in cluster()) {
        let net = make(c.v6, c.base, c.region);
        let i = info(net);
        let (v6, lo, hi) = span(&net);
        let size = (hi - lo).checked_add(1);
        match (&i.total, v6) {
            (Total::V4(t), false) => prop_assert_eq!(Some(u128::from(*t)), size),
            (Total::V6(t), true) => prop_assert_eq!(
                t.clone(),
                size.map_or("340282366920938463463374607431768211456".to_string(), |s| s.to_string())
            ),
            (t, _) => prop_assert!(false, "wrong total kind {:?} for {}", t, net),
        }
        prop_assert_eq!(&i.network, &net.network().to_string());
        prop_assert_eq!(&i.last, &net.broadcast().to_string());
        prop_assert_eq!(u128::from_str_radix(&i.bits, 2).ok(), Some(lo));
        let aws = !v6 && (16..=28).contains(&net.prefix_len());
        prop_assert_eq!(i.aws_usable, size.filter(|_| aws).map(|s| s as u64 - 5));
        let aws_v6 = v6 && vpclab_core::cidr::aws_ipv6_subnet_prefix_ok(net.prefix_len());
        prop_assert_eq!(i.aws_reserved.as_ref().map(Vec::len), (aws || aws_v6).then_some(5));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn split_then_aggregate_gives_back_the_input(inputs in nets(6), extra in prop::collection::vec(0u8..=8, 8)) {
        // Each block of a minimal cover, split a few bits further (capped at /32 or /128), comes
        // back whole when the pieces are aggregated, whatever the order of the pieces.
        let cover = aggregate(&inputs);
        let mut pieces = Vec::new();
        for (i, net) in cover.iter().enumerate() {
            let prefix = (net.prefix_len() + extra[i % extra.len()]).min(net.max_prefix_len());
            let parts = split(*net, prefix).expect("at most 256 subnets");
            prop_assert_eq!(aggregate(&parts), vec![*net], "{} into /{}", net, prefix);
            pieces.extend(parts);
        }
        pieces.reverse();
        prop_assert_eq!(aggregate(&pieces), cover);
    }

    #[test]
    fn exclude_and_the_excluded_parts_tile_the_original(parts in nets(6), noise in any::<u128>()) {
        let whole = parts.first().copied().unwrap_or_else(|| make(true, noise, 48));
        let holes = &parts[1.min(parts.len())..];
        let rest = exclude(whole, holes);
        // The part of each hole inside `whole` (two blocks nest or are disjoint).
        let cut: Vec<IpNet> = holes
            .iter()
            .filter_map(|h| {
                if whole.contains(h) {
                    Some(*h)
                } else if h.contains(&whole) {
                    Some(whole)
                } else {
                    None
                }
            })
            .collect();
        let removed = aggregate(&cut);
        for r in &rest {
            for c in &removed {
                prop_assert!(!cidr::overlaps(r, c), "{} is both kept and excluded ({})", r, c);
            }
        }
        let mut both = rest.clone();
        both.extend(removed.iter().copied());
        prop_assert_eq!(aggregate(&both), vec![whole], "kept {:?} + excluded {:?}", rest, removed);
        // No overlap and nothing missing: the sizes add up (in units of the smallest block).
        let size = |n: &IpNet| 1u128.checked_shl(u32::from(n.max_prefix_len() - n.prefix_len()));
        if let Some(total) = size(&whole) {
            let sum: u128 = both.iter().filter_map(size).sum();
            prop_assert_eq!(sum, total);
        }
    }
}

#[test]
fn helpers_are_right_on_fixed_cases() {
    let p = |s: &str| cidr::parse(s).unwrap();
    // Adjacent blocks merge; a gap keeps them apart; families never merge.
    assert_eq!(
        union(&[p("10.0.0.0/25"), p("10.0.0.128/25")]),
        vec![(false, 0x0a00_0000, 0x0a00_00ff)]
    );
    assert_eq!(union(&[p("10.0.0.0/25"), p("10.0.1.0/25")]).len(), 2);
    assert_eq!(union(&[p("0.0.0.0/0"), p("::/0")]).len(), 2);
    assert_eq!(union(&[p("::/0"), p("ffff::/16")]), vec![(true, 0, u128::MAX)]);
    // Holes at the start, middle and end, and one that swallows everything.
    let whole = span(&p("10.0.0.0/24"));
    let holes = union(&[p("10.0.0.0/26"), p("10.0.0.128/27")]);
    assert_eq!(
        difference(whole, &holes),
        vec![
            (false, 0x0a00_0040, 0x0a00_007f),
            (false, 0x0a00_00a0, 0x0a00_00ff)
        ]
    );
    assert!(difference(span(&p("::/1")), &union(&[p("::/0")])).is_empty());
    assert!(siblings(&p("10.0.0.0/25"), &p("10.0.0.128/25")));
    assert!(!siblings(&p("10.0.0.128/25"), &p("10.0.1.0/25")));
}
