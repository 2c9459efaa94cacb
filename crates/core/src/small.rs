//! Code-size helpers for the page's wasm. Every call of the standard library's `sort_by` (and of
//! `collect` into a `BTreeSet`, which sorts) compiles the whole stable sort again for its element
//! type and comparison: about 6 KB of wasm per call site before wasm-opt. Lists off the hot
//! paths (views, cost reports, one action's ACL entries, small sets) go through these instead,
//! which share one compiled sort.

use std::cmp::Ordering;
use std::collections::BTreeSet;

/// Sorts `v` stably by `cmp`, like `slice::sort_by`, through one shared instantiation of the
/// standard sort (positions sorted with the comparison behind a `dyn`, then the items moved).
pub(crate) fn sort_by<T>(v: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    let mut order: Vec<usize> = (0..v.len()).collect();
    sort_positions(&mut order, &|a, b| cmp(&v[a], &v[b]));
    let mut items: Vec<Option<T>> = std::mem::take(v).into_iter().map(Some).collect();
    v.extend(
        order
            .into_iter()
            .filter_map(|i| items.get_mut(i).and_then(Option::take)),
    );
}

/// Sorts `v` stably by a key, like `slice::sort_by_key`, through [`sort_by`].
pub(crate) fn sort_by_key<T, K: Ord>(v: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

#[inline(never)]
fn sort_positions(order: &mut [usize], cmp: &dyn Fn(usize, usize) -> Ordering) {
    order.sort_by(|a, b| cmp(*a, *b));
}

/// The set of `items`, by insertion (`collect` sorts first, with a sort of its own per type).
pub(crate) fn set_of<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut set = BTreeSet::new();
    for item in items {
        set.insert(item);
    }
    set
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_sort_and_keeps_equal_items_in_order() {
        let cases: &[&[(u8, char)]] = &[
            &[],
            &[(1, 'a')],
            &[(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')],
            &[(5, 'a'), (4, 'b'), (3, 'c'), (2, 'd'), (1, 'e'), (0, 'f')],
        ];
        for case in cases {
            let mut ours = case.to_vec();
            sort_by_key(&mut ours, |x| x.0);
            let mut std = case.to_vec();
            std.sort_by_key(|x| x.0);
            assert_eq!(ours, std);
            sort_by(&mut ours, |a, b| b.cmp(a));
            std.sort_by(|a, b| b.cmp(a));
            assert_eq!(ours, std);
        }
        let many: Vec<u32> = (0..1000u32).map(|i| i.wrapping_mul(2_654_435_761) % 97).collect();
        let (mut ours, mut std) = (many.clone(), many.clone());
        sort_by_key(&mut ours, |x| *x);
        std.sort();
        assert_eq!(ours, std);
        assert_eq!(
            set_of(many.iter().copied()),
            many.into_iter().collect::<BTreeSet<_>>()
        );
    }
}
