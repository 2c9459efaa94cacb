//! What a document is and whom it belongs to: each JSON value read as one or more documents
//! (parts of one document, for a snapshot folder), and each document's account and region told
//! from its `AccountId` and `Region` keys, else its availability zones, `OwnerId`s, ARNs and
//! service names. Merging the documents into one estate is `merge.rs`'s job.

use serde_json::Value;

use super::json::*;
use super::{managed, ImportError};
use crate::model::*;

/// One file's contribution to a document (a snapshot folder gives one file per `describe-*`).
pub(super) struct Part {
    pub file: String,
    /// `$`, or `$[3]` for a document inside an array.
    pub prefix: String,
    pub doc: Document,
}

/// The parts of one document, with what the folder layout says about it.
pub(super) struct Group {
    pub parts: Vec<Part>,
    pub folder_account: Option<String>,
    pub folder_region: Option<String>,
}

/// The documents in one JSON value: the value itself, or each element of an array.
pub(super) fn document_groups(file: &str, value: &Value) -> Result<Vec<Group>, ImportError> {
    let group = |prefix: String, v: &Value| -> Result<Group, ImportError> {
        Ok(Group {
            parts: vec![parse_part(file, &prefix, v)?],
            folder_account: None,
            folder_region: None,
        })
    };
    match value {
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, item)| group(format!("$[{i}]"), item))
            .collect(),
        other => Ok(vec![group("$".into(), other)?]),
    }
}

/// Reads one JSON value as (part of) a document.
pub(super) fn parse_part(file: &str, prefix: &str, value: &Value) -> Result<Part, ImportError> {
    let malformed = |path: String, problem: String| ImportError {
        file: file.to_string(),
        json_path: path,
        problem,
        code: "MALFORMED_JSON",
        resource: None,
    };
    if !value.is_object() {
        return Err(malformed(
            prefix.to_string(),
            "expected a document: a JSON object with keys such as \"Vpcs\" and \"Subnets\"".into(),
        ));
    }
    let doc: Document = crate::locate::from_value(value).map_err(|(path, problem)| {
        // `$…` within the document, which is `prefix` within the file.
        malformed(
            format!("{prefix}{}", path.strip_prefix('$').unwrap_or(&path)),
            problem,
        )
    })?;
    Ok(Part {
        file: file.to_string(),
        prefix: prefix.to_string(),
        doc,
    })
}

/// The region of an availability zone: `us-east-1a` → `us-east-1`, `us-west-2-lax-1a` →
/// `us-west-2` (a Local Zone), `us-gov-west-1b` → `us-gov-west-1`.
pub(super) fn region_of_az(az: &str) -> Option<String> {
    let parts: Vec<&str> = az.split('-').collect();
    let digit = parts
        .iter()
        .position(|p| p.starts_with(|c: char| c.is_ascii_digit()))?;
    let number: String = parts[digit].chars().take_while(char::is_ascii_digit).collect();
    if digit < 2 || number.is_empty() {
        return None;
    }
    let mut region = parts[..digit].join("-");
    region.push('-');
    region.push_str(&number);
    Some(region)
}

/// Which account and region a document is for.
pub(super) fn identify(g: &Group) -> Result<(AccountId, Region), ImportError> {
    let first = &g.parts[0];
    let unknown = |path: &str, problem: String| ImportError {
        file: first.file.clone(),
        json_path: path.to_string(),
        problem,
        code: "UNKNOWN_DOCUMENT",
        resource: None,
    };
    let mut explicit: Option<(&Part, String)> = None;
    for p in &g.parts {
        if let Some(r) = &p.doc.region {
            match &explicit {
                Some((_, seen)) if seen != r => {
                    return Err(ImportError {
                        file: p.file.clone(),
                        json_path: format!("{}.Region", p.prefix),
                        problem: format!(
                            "'{r}' disagrees with Region '{seen}' given elsewhere for this document"
                        ),
                        code: "INVALID_VALUE",
                        resource: None,
                    })
                }
                _ => explicit = Some((p, r.clone())),
            }
        }
    }
    // Availability zones (subnets, then ENIs) say where the document was taken; every one must
    // be in the document's region (one document is one region).
    let mut zones: Vec<(String, String, String)> = Vec::new(); // (region, file, path)
    for p in &g.parts {
        let part_zones = p
            .doc
            .subnets
            .iter()
            .enumerate()
            .map(|(i, s)| (format!("Subnets[{i}].AvailabilityZone"), &s.availability_zone))
            .chain(p.doc.network_interfaces.iter().enumerate().map(|(i, e)| {
                (
                    format!("NetworkInterfaces[{i}].AvailabilityZone"),
                    &e.availability_zone,
                )
            }));
        for (path, az) in part_zones {
            if let Some(region) = az.as_deref().and_then(region_of_az) {
                zones.push((region, p.file.clone(), format!("{}.{path}", p.prefix)));
            }
        }
    }
    let from_az = zones.first().cloned();
    let region =
        match (&explicit, &from_az) {
            (Some((_, r)), Some((az_region, file, path))) if r != az_region => {
                return Err(ImportError {
                    file: file.clone(),
                    json_path: path.clone(),
                    problem: format!(
                "this availability zone is in region {az_region}, but the document says \"Region\": \"{r}\""
            ),
                    code: "INVALID_VALUE",
                    resource: None,
                })
            }
            (Some((_, r)), _) => r.clone(),
            (None, Some((r, _, _))) => r.clone(),
            (None, None) => match g.folder_region.clone().or_else(|| other_region_hints(g)) {
                Some(r) => r,
                None => return Err(unknown(
                    &first.prefix,
                    "cannot tell which region this document is for: add a top-level \"Region\" key such as \
                     \"us-east-1\", or a subnet with an \"AvailabilityZone\""
                        .into(),
                )),
            },
        };
    if let Some((az_region, file, path)) = zones.iter().find(|(z, _, _)| *z != region) {
        return Err(ImportError {
            file: file.clone(),
            json_path: path.clone(),
            problem: format!(
                "this availability zone is in region {az_region}, but the document is for region \
                 {region}: one document holds one region (split it, or fix the zone)"
            ),
            code: "INVALID_VALUE",
            resource: None,
        });
    }
    let account = g
        .parts
        .iter()
        .find_map(|p| p.doc.account_id.clone())
        .or_else(|| g.parts.iter().find_map(|p| owner_hint(&p.doc)))
        .or_else(|| g.folder_account.clone());
    let Some(account) = account else {
        return Err(unknown(
            &first.prefix,
            "cannot tell which account this document is for: add a top-level \"AccountId\" key such as \
             \"111122223333\", or \"OwnerId\" on its resources"
                .into(),
        ));
    };
    Ok((AccountId(account), Region(region)))
}

/// The account a document was taken in, from the `OwnerId`s of what an account sees only of its
/// own first (instances, security groups), shared things (VPCs, subnets) last.
fn owner_hint(d: &Document) -> Option<String> {
    d.reservations
        .iter()
        .find_map(|r| r.owner_id.clone())
        .or_else(|| d.security_groups.iter().find_map(|g| g.owner_id.clone()))
        .or_else(|| d.network_acls.iter().find_map(|a| a.owner_id.clone()))
        .or_else(|| d.route_tables.iter().find_map(|t| t.owner_id.clone()))
        .or_else(|| d.internet_gateways.iter().find_map(|g| g.owner_id.clone()))
        .or_else(|| d.vpc_endpoints.iter().find_map(|e| e.owner_id.clone()))
        .or_else(|| d.network_interfaces.iter().find_map(|e| e.owner_id.clone()))
        .or_else(|| d.vpcs.iter().find_map(|v| v.owner_id.clone()))
        .or_else(|| d.subnets.iter().find_map(|s| s.owner_id.clone()))
        .or_else(|| d.transit_gateways.iter().find_map(|t| t.owner_id.clone()))
}

/// A region from ARNs and service names, for documents without availability zones.
fn other_region_hints(g: &Group) -> Option<String> {
    g.parts.iter().find_map(|p| {
        let d = &p.doc;
        d.transit_gateways
            .iter()
            .filter_map(|t| t.transit_gateway_arn.as_deref())
            .find_map(|arn| {
                arn.split(':')
                    .nth(3)
                    .filter(|r| !r.is_empty())
                    .map(str::to_string)
            })
            .or_else(|| {
                let names = d.prefix_lists.iter().map(|p| &p.prefix_list_name);
                names
                    .chain(d.vpc_endpoints.iter().map(|e| &e.service_name))
                    .find_map(|n| managed::region_of_service(n))
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_of_az_strips_the_zone() {
        let cases = [
            ("us-east-1a", Some("us-east-1")),
            ("us-west-2-lax-1a", Some("us-west-2")),
            ("us-gov-west-1b", Some("us-gov-west-1")),
            ("eu-central-1c", Some("eu-central-1")),
            ("ap-southeast-2a", Some("ap-southeast-2")),
            ("", None),
            ("banana", None),
            ("1a", None),
        ];
        for (az, want) in cases {
            assert_eq!(region_of_az(az).as_deref(), want, "{az}");
        }
    }

    /// Found by the `aws_documents` fuzz target: only the first zone was checked, so a second
    /// subnet in another region was imported, and its export (subnets in id order) was refused.
    #[test]
    fn every_availability_zone_must_be_in_the_documents_region() {
        let subnet = |id: &str, az: &str| {
            serde_json::json!({"SubnetId": id, "VpcId": "vpc-1", "CidrBlock": "10.0.1.0/24",
                               "AvailabilityZone": az})
        };
        let cases = [
            // (Region key, zones, the refused path)
            (
                Some("us-east-2"),
                ["us-east-2a", "us-east-4a"],
                Some("$.Subnets[1].AvailabilityZone"),
            ),
            (
                None,
                ["us-east-2a", "us-east-4a"],
                Some("$.Subnets[1].AvailabilityZone"),
            ),
            (
                Some("us-east-2"),
                ["us-east-4a", "us-east-2a"],
                Some("$.Subnets[0].AvailabilityZone"),
            ),
            (Some("us-east-2"), ["us-east-2a", "us-east-2b"], None),
        ];
        for (region, [a, b], refused) in cases {
            let mut doc = serde_json::json!({"AccountId": "111122223333",
                "Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}],
                "Subnets": [subnet("subnet-2", a), subnet("subnet-1", b)]});
            if let Some(r) = region {
                doc["Region"] = r.into();
            }
            doc["Subnets"][1]["CidrBlock"] = "10.0.2.0/24".into();
            let result = crate::aws::import_documents(&[("lab.json".into(), doc)]);
            match refused {
                Some(path) => {
                    let err = result.unwrap_err();
                    assert_eq!(
                        (err.json_path.as_str(), err.code),
                        (path, "INVALID_VALUE"),
                        "{region:?} {a} {b}"
                    );
                    assert!(err.problem.contains("us-east-4"), "{}", err.problem);
                }
                None => assert_eq!(result.unwrap().subnets.len(), 2),
            }
        }
    }
}
