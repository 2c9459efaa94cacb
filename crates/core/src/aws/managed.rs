//! The AWS-managed prefix lists of the S3 and DynamoDB gateway endpoints, embedded from
//! `data/prefix_lists.json` (sources in its `Source` key), so that a hand-written estate with a
//! gateway endpoint has the service's addresses. Prefix list ids are per region: the same id can
//! name different lists in two regions. See "AWS-managed prefix lists", Amazon VPC User Guide.

use std::sync::OnceLock;

use serde::Deserialize;

use super::json::PrefixListJson;
use crate::cidr;
use crate::model::{PrefixList, PrefixListId, Region};

const DATA: &str = include_str!("../../data/prefix_lists.json");

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Data {
    prefix_lists: Vec<PrefixListJson>,
}

/// The region in a service or prefix list name: `com.amazonaws.us-east-1.s3` → `us-east-1`.
pub(super) fn region_of_service(name: &str) -> Option<String> {
    let mut parts = name.split('.');
    if (parts.next(), parts.next()) != (Some("com"), Some("amazonaws")) {
        return None;
    }
    // PrivateLink services: com.amazonaws.vpce.REGION.vpce-svc-…
    let region = parts.find(|p| *p != "vpce")?;
    (!region.is_empty()).then(|| region.to_string())
}

/// Every embedded AWS-managed prefix list, in file order.
///
/// ```
/// let lists = vpclab_core::aws::managed_prefix_lists();
/// let s3 = lists.iter().find(|p| p.name == "com.amazonaws.us-east-1.s3").unwrap();
/// assert_eq!(s3.id.as_str(), "pl-63a5400a");
/// assert_eq!(s3.region.as_str(), "us-east-1");
/// ```
pub fn managed_prefix_lists() -> &'static [PrefixList] {
    static LISTS: OnceLock<Vec<PrefixList>> = OnceLock::new();
    LISTS.get_or_init(|| {
        let Ok(data) = serde_json::from_str::<Data>(DATA) else {
            return Vec::new();
        };
        data.prefix_lists
            .into_iter()
            .filter_map(|p| {
                Some(PrefixList {
                    region: Region(region_of_service(&p.prefix_list_name)?),
                    id: PrefixListId(p.prefix_list_id),
                    name: p.prefix_list_name,
                    cidrs: p.cidrs.iter().filter_map(|c| cidr::parse(c).ok()).collect(),
                })
            })
            .collect()
    })
}

/// The managed list with this id in this region.
pub(super) fn by_id(region: &Region, id: &PrefixListId) -> Option<PrefixList> {
    managed_prefix_lists()
        .iter()
        .find(|p| &p.region == region && &p.id == id)
        .cloned()
}

/// The managed list of a service (`com.amazonaws.us-east-1.s3`).
pub(super) fn by_name(name: &str) -> Option<PrefixList> {
    managed_prefix_lists().iter().find(|p| p.name == name).cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_file_parses_whole() {
        let raw: Data = serde_json::from_str(DATA).expect("prefix_lists.json parses");
        let lists = managed_prefix_lists();
        assert_eq!(
            lists.len(),
            raw.prefix_lists.len(),
            "every entry names its region"
        );
        for (p, r) in lists.iter().zip(&raw.prefix_lists) {
            assert_eq!(
                p.cidrs.len(),
                r.cidrs.len(),
                "every CIDR of {} is canonical",
                p.name
            );
            assert!(!p.cidrs.is_empty());
        }
        for region in ["us-east-1", "us-east-2", "us-west-2", "eu-west-1"] {
            for service in ["s3", "dynamodb"] {
                let name = format!("com.amazonaws.{region}.{service}");
                assert!(by_name(&name).is_some(), "{name}");
            }
        }
    }

    #[test]
    fn ids_are_per_region() {
        let id = PrefixListId::from("pl-6ea54007");
        let west = by_id(&Region::from("us-west-1"), &id).unwrap();
        let central = by_id(&Region::from("eu-central-1"), &id).unwrap();
        assert_eq!(west.name, "com.amazonaws.us-west-1.dynamodb");
        assert_eq!(central.name, "com.amazonaws.eu-central-1.s3");
        assert!(by_id(&Region::from("us-east-1"), &id).is_none());
    }

    #[test]
    fn region_of_service_names() {
        assert_eq!(
            region_of_service("com.amazonaws.eu-west-1.s3").as_deref(),
            Some("eu-west-1")
        );
        assert_eq!(
            region_of_service("com.amazonaws.vpce.us-east-1.vpce-svc-1").as_deref(),
            Some("us-east-1")
        );
        assert_eq!(region_of_service("s3"), None);
    }
}
