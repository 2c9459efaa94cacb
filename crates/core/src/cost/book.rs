//! Which price table prices which region.

use std::collections::BTreeMap;

use crate::model::Estate;

use super::prices::{PriceError, PriceTable};
use super::report::PricesUsed;

/// The price tables for an estate: the shipped table of each region it spans, or one table the
/// user supplied, used for every region (so a learner can price a us-east-1 design at Ireland's
/// prices).
#[derive(Debug, Clone, PartialEq)]
pub struct PriceBook {
    primary: PriceTable,
    others: BTreeMap<String, PriceTable>,
    supplied: bool,
}

impl PriceBook {
    /// The tables for `estate`: `supplied` for every region if given, else the shipped table of
    /// each region (an error names a region with no shipped table). An empty estate is priced
    /// at us-east-1.
    ///
    /// # Examples
    /// ```
    /// use vpclab_core::cost::{PriceBook, PriceTable};
    /// let empty = vpclab_core::model::Estate::default();
    /// let book = PriceBook::for_estate(&empty, None).unwrap();
    /// assert_eq!(book.table("us-east-1").region, "us-east-1");
    /// let eu = PriceTable::for_region("eu-west-1").unwrap();
    /// let book = PriceBook::for_estate(&empty, Some(eu)).unwrap();
    /// assert_eq!(book.table("us-east-1").region, "eu-west-1");
    /// ```
    pub fn for_estate(estate: &Estate, supplied: Option<PriceTable>) -> Result<PriceBook, PriceError> {
        let regions = regions_by_weight(estate);
        if let Some(table) = supplied {
            return Ok(PriceBook {
                primary: table,
                others: BTreeMap::new(),
                supplied: true,
            });
        }
        let primary_region = regions
            .first()
            .cloned()
            .unwrap_or_else(|| "us-east-1".to_string());
        let primary = PriceTable::for_region(&primary_region)?;
        let mut others = BTreeMap::new();
        for region in regions.iter().skip(1) {
            others.insert(region.clone(), PriceTable::for_region(region)?);
        }
        Ok(PriceBook {
            primary,
            others,
            supplied: false,
        })
    }

    /// A book of one table for everything.
    pub fn single(table: PriceTable) -> PriceBook {
        PriceBook {
            primary: table,
            others: BTreeMap::new(),
            supplied: true,
        }
    }

    /// The table that prices `region`.
    pub fn table(&self, region: &str) -> &PriceTable {
        if self.supplied {
            return &self.primary;
        }
        self.others.get(region).unwrap_or(&self.primary)
    }

    /// The table of the estate's main region (the one with the most VPCs).
    pub fn primary(&self) -> &PriceTable {
        &self.primary
    }

    /// Summaries of the other tables used.
    pub fn others_used(&self) -> Vec<PricesUsed> {
        self.others.values().map(PricesUsed::of).collect()
    }
}

/// The regions of an estate, the one with the most VPCs (then subnets) first, ties by name.
fn regions_by_weight(estate: &Estate) -> Vec<String> {
    let mut weight: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for (_, region) in &estate.documents {
        weight.entry(region.0.clone()).or_default();
    }
    for vpc in estate.vpcs.values() {
        weight.entry(vpc.region.0.clone()).or_default().0 += 1;
    }
    for subnet in estate.subnets.values() {
        weight.entry(subnet.region.0.clone()).or_default().1 += 1;
    }
    let mut regions: Vec<(String, (usize, usize))> = weight.into_iter().collect();
    crate::small::sort_by(&mut regions, |a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    regions.into_iter().map(|(r, _)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AccountId, Region};

    #[test]
    fn each_region_gets_its_shipped_table_and_unknown_regions_are_named() {
        let mut estate = Estate::default();
        for region in ["eu-west-1", "us-east-1"] {
            estate
                .documents
                .insert((AccountId::from("111122223333"), Region::from(region)));
        }
        let book = PriceBook::for_estate(&estate, None).unwrap();
        assert_eq!(book.primary().region, "eu-west-1", "ties go by name");
        assert_eq!(book.table("us-east-1").region, "us-east-1");
        assert_eq!(book.others_used().len(), 1);

        estate
            .documents
            .insert((AccountId::from("111122223333"), Region::from("ap-east-9")));
        let err = PriceBook::for_estate(&estate, None).unwrap_err().to_string();
        assert!(err.contains("ap-east-9"), "{err}");
        let supplied = PriceTable::for_region("us-east-1").unwrap();
        let book = PriceBook::for_estate(&estate, Some(supplied)).unwrap();
        assert_eq!(book.table("ap-east-9").region, "us-east-1");
    }
}
