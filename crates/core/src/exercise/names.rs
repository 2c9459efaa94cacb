//! Resources as an exercise names them: found by id or by a unique `Name` tag, and labelled as a
//! learner reads them.

use crate::model::*;

/// Finds a VPC by id, else by a unique `Name` tag.
pub(super) fn find_vpc<'e>(e: &'e Estate, r: &str) -> Result<&'e Vpc, String> {
    if let Some(v) = e.vpcs.get(&VpcId::from(r)) {
        return Ok(v);
    }
    unique(e.vpcs.values().filter(|v| v.name.as_deref() == Some(r)), "VPC", r)
}

/// Finds a route table by id, else by a unique `Name` tag.
pub(super) fn find_route_table<'e>(e: &'e Estate, r: &str) -> Result<&'e RouteTable, String> {
    if let Some(t) = e.route_tables.get(&RouteTableId::from(r)) {
        return Ok(t);
    }
    unique(
        e.route_tables.values().filter(|t| t.name.as_deref() == Some(r)),
        "route table",
        r,
    )
}

fn unique<'e, T>(mut found: impl Iterator<Item = &'e T>, what: &str, r: &str) -> Result<&'e T, String> {
    match (found.next(), found.next()) {
        (Some(one), None) => Ok(one),
        (None, _) => Err(format!("there is no {what} with the id or Name tag '{r}'")),
        (Some(_), Some(_)) => Err(format!(
            "several {what}s have the Name tag '{r}': name one by its id"
        )),
    }
}

/// A VPC as a learner reads it: `VPC-1 (vpc-0a1b…)`, or the id alone.
pub(super) fn vpc_label(v: &Vpc) -> String {
    crate::reach::named(v.id.as_str(), v.name.as_deref())
}
