//! The public regional endpoints of AWS services (`sns.us-east-1.amazonaws.com`), embedded from
//! `data/service_endpoints.json` (sources in its `Source` key): where a service name resolves in a
//! VPC that has no interface endpoint for it and no prefix list naming it. Each region has one
//! range of AWS's `AMAZON` subset of ip-ranges.json; the Nth service of the list answers at the
//! range's network address + N. See "AWS IP address ranges", Amazon VPC User Guide.

use std::net::Ipv4Addr;
use std::sync::OnceLock;

use ipnet::Ipv4Net;
use serde::Deserialize;

const DATA: &str = include_str!("../../data/service_endpoints.json");

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Data {
    services: Vec<String>,
    regions: Vec<RegionRange>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct RegionRange {
    region: String,
    ip_prefix: String,
}

struct Table {
    services: Vec<String>,
    regions: Vec<(String, Ipv4Net)>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let Ok(data) = serde_json::from_str::<Data>(DATA) else {
            return Table {
                services: vec![],
                regions: vec![],
            };
        };
        // A range must hold every service besides its network and broadcast addresses.
        let fits = |net: &Ipv4Net| (1u64 << (32 - net.prefix_len())) > data.services.len() as u64 + 1;
        Table {
            regions: data
                .regions
                .into_iter()
                .filter_map(|r| Some((r.region, r.ip_prefix.parse::<Ipv4Net>().ok().filter(fits)?)))
                .collect(),
            services: data.services,
        }
    })
}

/// Why a service name has no public endpoint in vpclab's table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EndpointError {
    /// Not `com.amazonaws.REGION.SERVICE`.
    NotAServiceName,
    /// The region has no range in the table.
    UnknownRegion { region: String, known: Vec<String> },
    /// The service is not in the table.
    UnknownService { service: String, known: Vec<String> },
}

impl std::fmt::Display for EndpointError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EndpointError::NotAServiceName => {
                write!(f, "a service name reads com.amazonaws.REGION.SERVICE")
            }
            EndpointError::UnknownRegion { region, known } => write!(
                f,
                "vpclab knows the public service endpoints of {} only, not of {region}",
                known.join(", ")
            ),
            EndpointError::UnknownService { service, known } => write!(
                f,
                "vpclab knows the public endpoints of {} (S3 and DynamoDB by their prefix lists), not of {service}",
                known.join(", ")
            ),
        }
    }
}

impl std::error::Error for EndpointError {}

/// The public address vpclab gives the regional endpoint of a service, named
/// `com.amazonaws.REGION.SERVICE`.
///
/// # Examples
/// ```
/// use vpclab_core::aws::{public_endpoint, service_at};
/// let ip = public_endpoint("com.amazonaws.us-east-1.sns").unwrap();
/// assert_eq!(ip.to_string(), "52.95.208.17");
/// assert_eq!(service_at(ip).as_deref(), Some("com.amazonaws.us-east-1.sns"));
/// assert!(public_endpoint("com.amazonaws.us-east-1.no-such-service").is_err());
/// assert!(public_endpoint("sns").is_err());
/// ```
pub fn public_endpoint(name: &str) -> Result<Ipv4Addr, EndpointError> {
    let rest = name
        .strip_prefix("com.amazonaws.")
        .ok_or(EndpointError::NotAServiceName)?;
    let (region, service) = rest.split_once('.').ok_or(EndpointError::NotAServiceName)?;
    if region.is_empty() || service.is_empty() {
        return Err(EndpointError::NotAServiceName);
    }
    let t = table();
    let net = t
        .regions
        .iter()
        .find(|(r, _)| r == region)
        .map(|(_, net)| *net)
        .ok_or_else(|| EndpointError::UnknownRegion {
            region: region.to_string(),
            known: t.regions.iter().map(|(r, _)| r.clone()).collect(),
        })?;
    let n = t
        .services
        .iter()
        .position(|s| s == service)
        .ok_or_else(|| EndpointError::UnknownService {
            service: service.to_string(),
            known: t.services.clone(),
        })?;
    Ok(Ipv4Addr::from(u32::from(net.network()) + n as u32 + 1))
}

/// The service (`com.amazonaws.REGION.SERVICE`) whose public endpoint [`public_endpoint`] puts
/// at `ip`, if any.
pub fn service_at(ip: Ipv4Addr) -> Option<String> {
    let t = table();
    let (region, net) = t.regions.iter().find(|(_, net)| net.contains(&ip))?;
    let n = u32::from(ip)
        .checked_sub(u32::from(net.network()))?
        .checked_sub(1)?;
    let service = t.services.get(n as usize)?;
    Some(format!("com.amazonaws.{region}.{service}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_file_parses_whole_and_every_range_fits() {
        let raw: Data = serde_json::from_str(DATA).expect("service_endpoints.json parses");
        let t = table();
        assert_eq!(t.regions.len(), raw.regions.len(), "every range parses and fits");
        assert_eq!(t.services.len(), raw.services.len());
        let mut sorted = t.services.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), t.services.len(), "no service twice");
        assert!(
            !t.services.iter().any(|s| s == "s3" || s == "dynamodb"),
            "S3 and DynamoDB resolve by their prefix lists"
        );
    }

    #[test]
    fn every_endpoint_round_trips_and_stays_off_the_prefix_lists() {
        let t = table();
        for (region, net) in &t.regions {
            for service in &t.services {
                let name = format!("com.amazonaws.{region}.{service}");
                let ip = public_endpoint(&name).unwrap();
                assert!(net.contains(&ip) && ip != net.network() && ip != net.broadcast());
                assert_eq!(service_at(ip).as_deref(), Some(name.as_str()));
                let clash = super::super::managed_prefix_lists()
                    .iter()
                    .find(|pl| pl.cidrs.iter().any(|c| c.contains(&std::net::IpAddr::V4(ip))));
                assert!(
                    clash.is_none(),
                    "{name} at {ip} lies in {:?}",
                    clash.map(|p| &p.name)
                );
            }
        }
    }

    #[test]
    fn names_and_addresses_outside_the_table() {
        let table = [
            ("sns", EndpointError::NotAServiceName),
            ("com.amazonaws.us-east-1", EndpointError::NotAServiceName),
            ("com.amazonaws..sns", EndpointError::NotAServiceName),
        ];
        for (name, want) in table {
            assert_eq!(public_endpoint(name), Err(want), "{name}");
        }
        let far = public_endpoint("com.amazonaws.ap-south-2.sns").unwrap_err();
        assert!(far.to_string().contains("not of ap-south-2"), "{far}");
        let odd = public_endpoint("com.amazonaws.us-east-1.no-such").unwrap_err();
        assert!(
            odd.to_string().contains("sns"),
            "the message lists the known: {odd}"
        );
        for ip in ["52.95.208.0", "52.95.211.255", "198.51.100.7", "10.0.0.1"] {
            assert_eq!(service_at(ip.parse().unwrap()), None, "{ip}");
        }
        assert_eq!(
            service_at("52.95.208.1".parse().unwrap()).as_deref(),
            Some("com.amazonaws.us-east-1.ec2")
        );
    }
}
