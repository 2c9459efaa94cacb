//! Two designs side by side: both totals and where the difference comes from.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::report::{round_usd, CostReport, ItemKind};

/// The totals of one kind of charge in both designs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KindDifference {
    pub kind: ItemKind,
    pub a_usd: f64,
    pub b_usd: f64,
    /// `b_usd - a_usd`: positive when design B costs more.
    pub difference_usd: f64,
}

/// The totals of one resource's charges of one kind in both designs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResourceDifference {
    pub resource: String,
    pub kind: ItemKind,
    pub a_usd: f64,
    pub b_usd: f64,
    pub difference_usd: f64,
}

/// Design A against design B under the same traffic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CostComparison {
    pub a_monthly_usd: f64,
    pub b_monthly_usd: f64,
    /// `b_monthly_usd - a_monthly_usd`.
    pub difference_usd: f64,
    /// Every kind present in either design, in kind order.
    pub by_kind: Vec<KindDifference>,
    /// Every (resource, kind) present in either design, largest difference first.
    pub by_resource: Vec<ResourceDifference>,
    pub a: CostReport,
    pub b: CostReport,
}

/// Compares two reports.
///
/// # Examples
/// ```
/// use vpclab_core::cost::{compare, CostItem, CostReport, ItemKind, PriceTable, PricesUsed};
/// let t = PriceTable::for_region("us-east-1").unwrap();
/// let nat = CostItem::priced("nat-1", ItemKind::NatGatewayHours, 730.0, &t.nat_gateway_hour, "1", None, String::new());
/// let report = |items: Vec<CostItem>| CostReport {
///     monthly_usd: items.iter().map(|i| i.usd).sum(),
///     items, unreachable: vec![], unpriced: vec![], prices: PricesUsed::of(&t), other_prices: vec![], names: Default::default(),
/// };
/// let c = compare(&report(vec![nat]), &report(vec![]));
/// assert_eq!(c.difference_usd, -32.85);
/// assert_eq!(c.by_kind[0].kind, ItemKind::NatGatewayHours);
/// ```
pub fn compare(a: &CostReport, b: &CostReport) -> CostComparison {
    let mut kinds: BTreeMap<ItemKind, (f64, f64)> = BTreeMap::new();
    let mut resources: BTreeMap<(String, ItemKind), (f64, f64)> = BTreeMap::new();
    for (side, report) in [(0, a), (1, b)] {
        for item in &report.items {
            let k = kinds.entry(item.kind).or_default();
            let r = resources.entry((item.resource.clone(), item.kind)).or_default();
            if side == 0 {
                k.0 += item.usd;
                r.0 += item.usd;
            } else {
                k.1 += item.usd;
                r.1 += item.usd;
            }
        }
    }
    let by_kind = kinds
        .into_iter()
        .map(|(kind, (x, y))| KindDifference {
            kind,
            a_usd: round_usd(x),
            b_usd: round_usd(y),
            difference_usd: round_usd(y - x),
        })
        .collect();
    let mut by_resource: Vec<ResourceDifference> = resources
        .into_iter()
        .map(|((resource, kind), (x, y))| ResourceDifference {
            resource,
            kind,
            a_usd: round_usd(x),
            b_usd: round_usd(y),
            difference_usd: round_usd(y - x),
        })
        .collect();
    crate::small::sort_by(&mut by_resource, |p, q| {
        q.difference_usd
            .abs()
            .total_cmp(&p.difference_usd.abs())
            .then_with(|| p.kind.cmp(&q.kind))
            .then_with(|| p.resource.cmp(&q.resource))
    });
    CostComparison {
        a_monthly_usd: a.monthly_usd,
        b_monthly_usd: b.monthly_usd,
        difference_usd: round_usd(b.monthly_usd - a.monthly_usd),
        by_kind,
        by_resource,
        a: a.clone(),
        b: b.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cost::{CostItem, PriceTable, PricesUsed};

    fn report(items: Vec<CostItem>) -> CostReport {
        let t = PriceTable::for_region("us-east-1").unwrap();
        CostReport {
            monthly_usd: round_usd(items.iter().map(|i| i.usd).sum()),
            items,
            unreachable: vec![],
            unpriced: vec![],
            prices: PricesUsed::of(&t),
            other_prices: vec![],
            names: Default::default(),
        }
    }

    fn item(resource: &str, kind: ItemKind, usd: f64) -> CostItem {
        CostItem::at_rate(resource, kind, 1.0, "GB", usd, "1", Some(0), String::new())
    }

    #[test]
    fn differences_by_kind_and_resource_add_up() {
        use ItemKind::*;
        // A: NAT 32.85 + NAT processing 4.50 + 2.25 (two flows through nat-1).
        // B: gateway endpoint 0 + NAT processing 1.00 on nat-2.
        let a = report(vec![
            item("nat-1", NatGatewayHours, 32.85),
            item("nat-1", NatGatewayProcessing, 4.5),
            item("nat-1", NatGatewayProcessing, 2.25),
        ]);
        let b = report(vec![
            item("vpce-1", GatewayEndpoint, 0.0),
            item("nat-2", NatGatewayProcessing, 1.0),
        ]);
        let c = compare(&a, &b);
        assert_eq!(
            (c.a_monthly_usd, c.b_monthly_usd, c.difference_usd),
            (39.6, 1.0, -38.6)
        );
        let kinds: Vec<(ItemKind, f64, f64, f64)> = c
            .by_kind
            .iter()
            .map(|k| (k.kind, k.a_usd, k.b_usd, k.difference_usd))
            .collect();
        assert_eq!(
            kinds,
            vec![
                (NatGatewayHours, 32.85, 0.0, -32.85),
                (NatGatewayProcessing, 6.75, 1.0, -5.75),
                (GatewayEndpoint, 0.0, 0.0, 0.0),
            ]
        );
        let resources: Vec<(&str, f64)> = c
            .by_resource
            .iter()
            .map(|r| (r.resource.as_str(), r.difference_usd))
            .collect();
        assert_eq!(
            resources,
            vec![
                ("nat-1", -32.85),
                ("nat-1", -6.75),
                ("nat-2", 1.0),
                ("vpce-1", 0.0)
            ]
        );
        let sum: f64 = c.by_kind.iter().map(|k| k.difference_usd).sum();
        assert!((sum - c.difference_usd).abs() < 1e-9);
    }
}
