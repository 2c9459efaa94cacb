//! Batfish-style AWS snapshot folders: one JSON file per `describe-*` call, in one of three
//! layouts (paths relative to the snapshot, or to its `aws_configs` folder):
//! - flat: `aws_configs/Vpcs.json` (one account, one region);
//! - region folders: `aws_configs/us-east-1/Vpcs.json`;
//! - accounts: `aws_configs/accounts/<account>/<region>/Vpcs.json`.
//!
//! The files of one folder make one document. Folder names are hints only: the account and region
//! the JSON itself names win (a folder name is not always the owner id). No file system access
//! here: the caller reads the files (the page from what the user picked, the CLI from a folder).

use std::collections::BTreeMap;

use super::identify::{document_groups, parse_part, Group};
use super::merge::build;
use super::ImportError;
use crate::model::Estate;

/// Imports a snapshot given as (relative path, text) pairs. Files not ending in `.json` are
/// skipped, and so are JSON files outside `aws_configs/` when some file is inside it.
///
/// # Examples
/// ```
/// use vpclab_core::aws::import_files;
/// let files = vec![
///     ("aws_configs/accounts/111122223333/us-east-1/Vpcs.json".to_string(),
///      r#"{"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}]}"#.to_string()),
///     ("setup.tf".to_string(), "resource {}".to_string()),
/// ];
/// let estate = import_files(&files).unwrap();
/// let vpc = estate.vpcs.values().next().unwrap();
/// assert_eq!((vpc.owner.as_str(), vpc.region.as_str()), ("111122223333", "us-east-1"));
///
/// let broken = vec![("aws_configs/Vpcs.json".to_string(), "{\"Vpcs\": [".to_string())];
/// assert_eq!(import_files(&broken).unwrap_err().file, "aws_configs/Vpcs.json");
/// ```
pub fn import_files(files: &[(String, String)]) -> Result<Estate, ImportError> {
    build(snapshot_groups(files)?)
}

/// Something to import: one JSON value (a document or an array of them), or the files of one
/// snapshot folder.
pub enum Source {
    /// A source name (for messages) and the parsed JSON.
    Documents(String, serde_json::Value),
    /// (path, text) pairs of one snapshot, as for [`import_files`].
    Snapshot(Vec<(String, String)>),
}

/// Imports several sources into one estate (the CLI's repeated `--aws PATH`): a peering listed
/// in a file and in a snapshot folder is still one peering.
///
/// ```
/// use vpclab_core::aws::{import_sources, Source};
/// let doc = serde_json::json!({"AccountId": "111122223333", "Region": "us-east-1",
///     "Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}]});
/// let files = vec![("aws_configs/us-west-2/Vpcs.json".to_string(),
///     r#"{"Vpcs": [{"VpcId": "vpc-2", "OwnerId": "111122223333", "CidrBlock": "10.1.0.0/16"}]}"#.to_string())];
/// let estate = import_sources(vec![Source::Documents("a.json".into(), doc), Source::Snapshot(files)]).unwrap();
/// assert_eq!(estate.vpcs.len(), 2);
/// assert_eq!(estate.documents.len(), 2);
/// ```
pub fn import_sources(sources: Vec<Source>) -> Result<Estate, ImportError> {
    let mut groups = Vec::new();
    for source in sources {
        match source {
            Source::Documents(name, value) => groups.extend(document_groups(&name, &value)?),
            Source::Snapshot(files) => groups.extend(snapshot_groups(&files)?),
        }
    }
    build(groups)
}

/// The documents of one snapshot: the JSON files of each folder make one.
fn snapshot_groups(files: &[(String, String)]) -> Result<Vec<Group>, ImportError> {
    let normalised: Vec<(String, Vec<String>, &str)> = files
        .iter()
        .map(|(path, text)| {
            let parts: Vec<String> = path
                .replace('\\', "/")
                .split('/')
                .filter(|p| !p.is_empty() && *p != ".")
                .map(str::to_string)
                .collect();
            (path.clone(), parts, text.as_str())
        })
        .filter(|(_, parts, _)| {
            parts
                .last()
                .is_some_and(|f| f.to_ascii_lowercase().ends_with(".json"))
        })
        .collect();
    let any_configs = normalised
        .iter()
        .any(|(_, p, _)| p.iter().any(|c| c == "aws_configs"));

    // folder → files, in path order; hints come from the folders below aws_configs.
    let mut folders: BTreeMap<Vec<String>, Vec<(String, &str)>> = BTreeMap::new();
    for (path, parts, text) in normalised {
        let dirs = &parts[..parts.len() - 1];
        if any_configs && !dirs.iter().any(|c| c == "aws_configs") {
            continue;
        }
        folders.entry(dirs.to_vec()).or_default().push((path, text));
    }

    let mut groups = Vec::new();
    for (dirs, mut files) in folders {
        files.sort();
        let below = match dirs.iter().position(|c| c == "aws_configs") {
            Some(i) => &dirs[i + 1..],
            None => &dirs[..],
        };
        let (folder_account, folder_region) = hints(below);
        let mut parts = Vec::new();
        for (path, text) in files {
            let value: serde_json::Value = serde_json::from_str(text).map_err(|e| ImportError {
                file: path.clone(),
                json_path: "$".into(),
                problem: format!("not valid JSON: {e}"),
                code: "MALFORMED_JSON",
                resource: None,
            })?;
            parts.push(parse_part(&path, "$", &value)?);
        }
        groups.push(Group {
            parts,
            folder_account,
            folder_region,
        });
    }
    Ok(groups)
}

/// What a folder path says: `accounts/<account>/<region>` or a region-looking last folder.
fn hints(dirs: &[String]) -> (Option<String>, Option<String>) {
    if let Some(i) = dirs.iter().position(|d| d == "accounts") {
        if let (Some(account), Some(region)) = (dirs.get(i + 1), dirs.get(i + 2)) {
            return (Some(account.clone()), Some(region.clone()));
        }
    }
    let region = dirs.last().filter(|d| looks_like_region(d)).cloned();
    (None, region)
}

/// `us-east-1`, `ap-southeast-2`, `us-gov-west-1`: lowercase words and a final number.
fn looks_like_region(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.len() >= 3
        && parts
            .last()
            .is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        && parts[..parts.len() - 1]
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn folder_hints() {
        type Case<'a> = (&'a [&'a str], (Option<&'a str>, Option<&'a str>));
        let cases: [Case; 5] = [
            (&[], (None, None)),
            (&["us-east-1"], (None, Some("us-east-1"))),
            (
                &["accounts", "123", "eu-west-1"],
                (Some("123"), Some("eu-west-1")),
            ),
            (&["snapshots", "mine"], (None, None)),
            (&["us-gov-west-1"], (None, Some("us-gov-west-1"))),
        ];
        for (dirs, (account, region)) in cases {
            let (a, r) = hints(&s(dirs));
            assert_eq!((a.as_deref(), r.as_deref()), (account, region), "{dirs:?}");
        }
    }

    #[test]
    fn one_folder_one_document_and_errors_name_the_file() {
        let files = vec![
            (
                "snap/aws_configs/Vpcs.json".to_string(),
                r#"{"Vpcs":[{"VpcId":"vpc-1","OwnerId":"111122223333","CidrBlock":"10.0.0.0/16"}]}"#.to_string(),
            ),
            (
                "snap/aws_configs/Subnets.json".to_string(),
                r#"{"Subnets":[{"SubnetId":"subnet-1","VpcId":"vpc-1","AvailabilityZone":"eu-west-1b","CidrBlock":"10.0.0.0/24"}]}"#
                    .to_string(),
            ),
            ("snap/other/Ignored.json".to_string(), "not json at all".to_string()),
        ];
        let e = import_files(&files).unwrap();
        assert_eq!(e.documents.len(), 1);
        let (account, region) = e.documents.iter().next().unwrap();
        assert_eq!((account.as_str(), region.as_str()), ("111122223333", "eu-west-1"));
        assert_eq!(e.vpcs.values().next().unwrap().region.as_str(), "eu-west-1");

        let mut bad = files.clone();
        bad[1].1 =
            r#"{"Subnets":[{"SubnetId":"subnet-1","VpcId":"vpc-1","AvailabilityZone":"eu-west-1b","CidrBlock":"10.0.0.9/24"}]}"#.into();
        let err = import_files(&bad).unwrap_err();
        assert_eq!(err.file, "snap/aws_configs/Subnets.json");
        assert_eq!(err.json_path, "$.Subnets[0].CidrBlock");
        assert!(err.problem.contains("10.0.0.0/24"), "{}", err.problem);
    }
}
