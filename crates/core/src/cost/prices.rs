//! Price tables: what AWS charges per hour and per GB for the network pieces vpclab models, one
//! table per region, each price with its unit, its source (page title and URL) and the date it was
//! read. The tables ship inside the crate (`data/prices/*.json`) and a user may supply their own
//! file in the same shape ([`PriceTable::from_json`]).
//!
//! See "Amazon VPC pricing", "AWS PrivateLink pricing", "AWS Transit Gateway pricing" and the
//! "Data Transfer" section of "Amazon EC2 On-Demand Pricing" (aws.amazon.com).

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// The tables shipped with vpclab, by region.
const EMBEDDED: &[(&str, &str)] = &[
    ("us-east-1", include_str!("../../data/prices/us-east-1.json")),
    ("us-east-2", include_str!("../../data/prices/us-east-2.json")),
    ("eu-west-1", include_str!("../../data/prices/eu-west-1.json")),
];

/// Each embedded table, parsed on first use: the exercise checker prices an estate after every
/// learner's action, and parsing the JSON each time was a tenth of a check.
static PARSED: [std::sync::OnceLock<Result<PriceTable, PriceError>>; EMBEDDED.len()] =
    [const { std::sync::OnceLock::new() }; EMBEDDED.len()];

/// Where a price was read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The page title, e.g. "Amazon VPC pricing".
    pub title: String,
    pub url: String,
}

/// One price: US dollars per `unit`, with where and when it was read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Price {
    /// Dollars per unit, e.g. 0.045.
    pub usd: f64,
    /// `GB` for per-GB prices; something ending in `hour` for hourly ones (`NAT gateway-hour`).
    pub unit: String,
    pub source: Source,
    /// When the price was read: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub as_of: String,
    /// How sure the figure is, or what it covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Data sent to another region: a default price and per-destination exceptions
/// (from us-east-1, us-east-2 costs $0.01/GB instead of $0.02/GB).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InterRegion {
    pub default: Price,
    /// Destination region → price.
    #[serde(default)]
    pub to: BTreeMap<String, Price>,
}

impl InterRegion {
    /// The price of one GB sent to `region`.
    pub fn to_region(&self, region: &str) -> &Price {
        self.to.get(region).unwrap_or(&self.default)
    }
}

/// One tier of internet egress: the price of each GB until the month's running total reaches
/// `up_to_gb` (`None`: no upper bound).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    pub up_to_gb: Option<f64>,
    pub usd: f64,
}

/// Data out to the internet: the monthly free allowance, then tiers on the month's running total
/// over every internet-bound flow. See "Data Transfer OUT From Amazon EC2 To Internet".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InternetEgress {
    pub unit: String,
    /// GB per month that cost nothing (AWS: 100 GB across all services and regions).
    pub free_gb_per_month: f64,
    /// Ascending by `up_to_gb`, the last one unbounded; thresholds count the free GB too.
    pub tiers: Vec<Tier>,
    pub source: Source,
    pub as_of: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A slice of the month's internet egress billed at one rate.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct EgressSlice {
    pub gb: f64,
    pub usd_per_gb: f64,
}

impl InternetEgress {
    /// Splits a month's total internet egress into the free allowance and the tiers it reaches,
    /// in order; slices with no GB are left out.
    ///
    /// # Examples
    /// ```
    /// let t = vpclab_core::cost::PriceTable::for_region("us-east-1").unwrap();
    /// let slices = t.internet_egress.slices(1_100.0);
    /// assert_eq!(slices.len(), 2);
    /// assert_eq!((slices[0].gb, slices[0].usd_per_gb), (100.0, 0.0));
    /// assert_eq!((slices[1].gb, slices[1].usd_per_gb), (1_000.0, 0.09));
    /// assert!(t.internet_egress.slices(0.0).is_empty());
    /// ```
    pub fn slices(&self, total_gb: f64) -> Vec<EgressSlice> {
        let mut out = Vec::new();
        let free = self.free_gb_per_month.min(total_gb);
        if free > 0.0 {
            out.push(EgressSlice {
                gb: free,
                usd_per_gb: 0.0,
            });
        }
        let mut done = free;
        for tier in &self.tiers {
            if done >= total_gb {
                break;
            }
            let end = tier.up_to_gb.map_or(total_gb, |u| u.min(total_gb));
            if end > done {
                out.push(EgressSlice {
                    gb: end - done,
                    usd_per_gb: tier.usd,
                });
                done = end;
            }
        }
        out
    }
}

/// Every price the estimator uses, for one region. Field names say what is charged and per what.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriceTable {
    pub region: String,
    /// Always `USD`.
    pub currency: String,
    /// Hours in a billed month: 730.
    pub hours_per_month: f64,
    /// When the table as a whole was assembled.
    pub as_of: String,
    /// The main page the table follows.
    pub source: Source,
    #[serde(default)]
    pub notes: Vec<String>,
    /// Between addresses in one AZ over private IPs: free.
    pub same_az_per_gb: Price,
    /// Over a peering connection within one AZ: free since May 2021.
    pub same_az_peering_per_gb: Price,
    /// Leaving an AZ for another AZ of the region (also over same-region peering), billed to the
    /// sender.
    pub cross_az_out_per_gb: Price,
    /// Entering an AZ from another AZ of the region, billed to the receiver.
    pub cross_az_in_per_gb: Price,
    /// Sent to another region (inter-region peering), billed to the sender.
    pub inter_region_out_per_gb: InterRegion,
    pub internet_egress: InternetEgress,
    pub nat_gateway_hour: Price,
    /// Every GB through a NAT gateway, whatever its destination.
    pub nat_gateway_per_gb: Price,
    /// One interface endpoint in one AZ for one hour (an endpoint in two AZs pays twice).
    pub interface_endpoint_az_hour: Price,
    pub interface_endpoint_per_gb: Price,
    /// Gateway endpoints (S3, DynamoDB): free, listed so the learner sees it.
    pub gateway_endpoint_hour: Price,
    pub tgw_attachment_hour: Price,
    /// Every GB sent from an attachment into the transit gateway.
    pub tgw_per_gb: Price,
    /// Peering connections have no hourly charge.
    pub peering_hour: Price,
    /// Each public IPv4 address (auto-assigned, Elastic IP, NAT gateway EIP).
    pub public_ipv4_hour: Price,
    /// A Site-to-Site VPN connection per connection-hour. Optional: a table without it (older
    /// saved tables, regions not yet confirmed) leaves VPN connections unpriced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpn_connection_hour: Option<Price>,
}

/// Why a price table was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PriceError {
    /// No table ships for this region.
    UnknownRegion { region: String, known: Vec<String> },
    /// The text is not JSON of the table's shape (serde's message with line and column).
    Parse { message: String },
    /// A field holds a value no price may have.
    Invalid { field: String, problem: String },
}

impl fmt::Display for PriceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PriceError::UnknownRegion { region, known } => write!(
                f,
                "no price table for region '{region}': vpclab ships {}; pass your own with --prices FILE",
                known.join(", ")
            ),
            PriceError::Parse { message } => write!(
                f,
                "price table is not valid: {message} (expected a price table: an object shaped like the shipped crates/core/data/prices/us-east-1.json, with region, currency, hours_per_month and one price per item)"
            ),
            PriceError::Invalid { field, problem } => write!(f, "price table field '{field}': {problem}"),
        }
    }
}

impl std::error::Error for PriceError {}

fn invalid(field: &str, problem: impl Into<String>) -> PriceError {
    PriceError::Invalid {
        field: field.to_string(),
        problem: problem.into(),
    }
}

impl PriceTable {
    /// The regions vpclab ships a table for.
    pub fn regions() -> Vec<&'static str> {
        EMBEDDED.iter().map(|(r, _)| *r).collect()
    }

    /// The shipped table of a region.
    ///
    /// # Examples
    /// ```
    /// use vpclab_core::cost::PriceTable;
    /// let t = PriceTable::for_region("us-east-1").unwrap();
    /// assert_eq!(t.nat_gateway_hour.usd, 0.045);
    /// assert_eq!(t.inter_region_out_per_gb.to_region("us-east-2").usd, 0.01);
    /// assert!(PriceTable::for_region("mars-north-1").is_err());
    /// ```
    pub fn for_region(region: &str) -> Result<PriceTable, PriceError> {
        let i = EMBEDDED
            .iter()
            .position(|(r, _)| *r == region)
            .ok_or_else(|| PriceError::UnknownRegion {
                region: region.to_string(),
                known: Self::regions().iter().map(|r| r.to_string()).collect(),
            })?;
        PARSED[i].get_or_init(|| Self::from_json(EMBEDDED[i].1)).clone()
    }

    /// Parses and checks a table in the shape of `data/prices/us-east-1.json`.
    ///
    /// # Examples
    /// ```
    /// use vpclab_core::cost::PriceTable;
    /// let err = PriceTable::from_json("{\"region\": 3}").unwrap_err();
    /// assert!(err.to_string().contains("line 1"));
    /// assert!(err.to_string().contains("$.region: invalid type: integer `3`"));
    /// ```
    pub fn from_json(text: &str) -> Result<PriceTable, PriceError> {
        let table: PriceTable = crate::locate::from_str(text).map_err(|(path, e)| PriceError::Parse {
            message: format!("{path}: {e}"),
        })?;
        table.check()?;
        Ok(table)
    }

    /// Every price as (field name, price), for checks and listings.
    pub fn prices(&self) -> Vec<(String, &Price)> {
        let mut out: Vec<(String, &Price)> = vec![
            ("same_az_per_gb".into(), &self.same_az_per_gb),
            ("same_az_peering_per_gb".into(), &self.same_az_peering_per_gb),
            ("cross_az_out_per_gb".into(), &self.cross_az_out_per_gb),
            ("cross_az_in_per_gb".into(), &self.cross_az_in_per_gb),
            (
                "inter_region_out_per_gb.default".into(),
                &self.inter_region_out_per_gb.default,
            ),
        ];
        for (region, price) in &self.inter_region_out_per_gb.to {
            out.push((format!("inter_region_out_per_gb.to.{region}"), price));
        }
        out.extend([
            ("nat_gateway_hour".into(), &self.nat_gateway_hour),
            ("nat_gateway_per_gb".into(), &self.nat_gateway_per_gb),
            (
                "interface_endpoint_az_hour".into(),
                &self.interface_endpoint_az_hour,
            ),
            (
                "interface_endpoint_per_gb".into(),
                &self.interface_endpoint_per_gb,
            ),
            ("gateway_endpoint_hour".into(), &self.gateway_endpoint_hour),
            ("tgw_attachment_hour".into(), &self.tgw_attachment_hour),
            ("tgw_per_gb".into(), &self.tgw_per_gb),
            ("peering_hour".into(), &self.peering_hour),
            ("public_ipv4_hour".into(), &self.public_ipv4_hour),
        ]);
        if let Some(p) = &self.vpn_connection_hour {
            out.push(("vpn_connection_hour".into(), p));
        }
        out
    }

    fn check(&self) -> Result<(), PriceError> {
        if self.region.trim().is_empty() {
            return Err(invalid(
                "region",
                "is empty; give a region code such as us-east-1",
            ));
        }
        if self.currency != "USD" {
            return Err(invalid(
                "currency",
                format!("is '{}'; vpclab only prices in USD", self.currency),
            ));
        }
        if !(self.hours_per_month.is_finite() && self.hours_per_month > 0.0 && self.hours_per_month <= 744.0)
        {
            return Err(invalid(
                "hours_per_month",
                format!(
                    "is {}; it must be above 0 and at most 744 (AWS uses 730)",
                    self.hours_per_month
                ),
            ));
        }
        check_date("as_of", &self.as_of)?;
        for (field, price) in self.prices() {
            check_price(&field, price)?;
        }
        self.check_egress()
    }

    fn check_egress(&self) -> Result<(), PriceError> {
        let e = &self.internet_egress;
        check_date("internet_egress.as_of", &e.as_of)?;
        if e.unit != "GB" {
            return Err(invalid(
                "internet_egress.unit",
                format!("is '{}'; it must be 'GB'", e.unit),
            ));
        }
        if !(e.free_gb_per_month.is_finite() && e.free_gb_per_month >= 0.0) {
            return Err(invalid(
                "internet_egress.free_gb_per_month",
                "must be a number of GB, 0 or more",
            ));
        }
        if e.tiers.is_empty() {
            return Err(invalid(
                "internet_egress.tiers",
                "is empty; give at least one tier",
            ));
        }
        let mut previous = e.free_gb_per_month;
        for (i, tier) in e.tiers.iter().enumerate() {
            let field = format!("internet_egress.tiers[{i}]");
            if !(tier.usd.is_finite() && tier.usd >= 0.0) {
                return Err(invalid(
                    &format!("{field}.usd"),
                    "must be a price in dollars, 0 or more",
                ));
            }
            let last = i + 1 == e.tiers.len();
            match (tier.up_to_gb, last) {
                (None, true) => {}
                (None, false) => {
                    return Err(invalid(
                        &format!("{field}.up_to_gb"),
                        "is null but is not the last tier; only the last tier may be unbounded",
                    ))
                }
                (Some(_), true) => {
                    return Err(invalid(
                        &format!("{field}.up_to_gb"),
                        "the last tier must be unbounded (null)",
                    ))
                }
                (Some(up), false) => {
                    if !(up.is_finite() && up > previous) {
                        return Err(invalid(
                            &format!("{field}.up_to_gb"),
                            format!("is {up}; tiers must rise above the previous bound ({previous} GB)"),
                        ));
                    }
                    previous = up;
                }
            }
        }
        Ok(())
    }
}

fn check_price(field: &str, price: &Price) -> Result<(), PriceError> {
    if !(price.usd.is_finite() && price.usd >= 0.0) {
        return Err(invalid(
            &format!("{field}.usd"),
            format!("is {}; a price is a number of dollars, 0 or more", price.usd),
        ));
    }
    let per_gb = field.contains("per_gb");
    let ok_unit = if per_gb {
        price.unit == "GB"
    } else {
        price.unit.ends_with("hour")
    };
    if !ok_unit {
        let want = if per_gb {
            "'GB'"
        } else {
            "an hourly unit ending in 'hour'"
        };
        return Err(invalid(
            &format!("{field}.unit"),
            format!("is '{}'; expected {want}", price.unit),
        ));
    }
    if price.source.title.trim().is_empty() || price.source.url.trim().is_empty() {
        return Err(invalid(
            &format!("{field}.source"),
            "needs a page title and a URL saying where the price was read",
        ));
    }
    check_date(&format!("{field}.as_of"), &price.as_of)
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, digits only.
fn check_date(field: &str, text: &str) -> Result<(), PriceError> {
    let parts: Vec<&str> = text.split('-').collect();
    let widths_ok = matches!(parts.len(), 1..=3)
        && parts[0].len() == 4
        && parts[1..].iter().all(|p| p.len() == 2)
        && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
    if widths_ok {
        Ok(())
    } else {
        Err(invalid(
            field,
            format!("is '{text}'; write the date the price was read as YYYY, YYYY-MM or YYYY-MM-DD"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn us_east_1_holds_the_figures_of_aws_facts() {
        let t = PriceTable::for_region("us-east-1").unwrap();
        let table: &[(&str, f64, &str)] = &[
            ("same_az_per_gb", 0.0, "GB"),
            ("same_az_peering_per_gb", 0.0, "GB"),
            ("cross_az_out_per_gb", 0.01, "GB"),
            ("cross_az_in_per_gb", 0.01, "GB"),
            ("inter_region_out_per_gb.default", 0.02, "GB"),
            ("inter_region_out_per_gb.to.us-east-2", 0.01, "GB"),
            ("nat_gateway_hour", 0.045, "NAT gateway-hour"),
            ("nat_gateway_per_gb", 0.045, "GB"),
            ("interface_endpoint_az_hour", 0.01, "endpoint AZ-hour"),
            ("interface_endpoint_per_gb", 0.01, "GB"),
            ("gateway_endpoint_hour", 0.0, "endpoint-hour"),
            ("tgw_attachment_hour", 0.05, "attachment-hour"),
            ("tgw_per_gb", 0.02, "GB"),
            ("peering_hour", 0.0, "connection-hour"),
            ("public_ipv4_hour", 0.005, "address-hour"),
            ("vpn_connection_hour", 0.05, "VPN connection-hour"),
        ];
        let prices = t.prices();
        assert_eq!(prices.len(), table.len(), "every price is checked here");
        for (field, usd, unit) in table {
            let (_, p) = prices.iter().find(|(f, _)| f == field).expect(field);
            assert!(close(p.usd, *usd), "{field}: {} != {usd}", p.usd);
            assert_eq!(p.unit, *unit, "{field}");
            assert!(p.source.url.starts_with("https://aws.amazon.com/"), "{field}");
        }
        assert_eq!(t.hours_per_month, 730.0);
        assert_eq!(t.internet_egress.free_gb_per_month, 100.0);
        assert_eq!(t.internet_egress.tiers[0].usd, 0.09);
        assert_eq!(t.internet_egress.tiers[0].up_to_gb, Some(10_240.0));
    }

    #[test]
    fn every_shipped_table_parses_and_knows_its_region() {
        for region in PriceTable::regions() {
            let t = PriceTable::for_region(region).unwrap();
            assert_eq!(t.region, region);
            assert!(t.prices().iter().all(|(_, p)| !p.source.title.is_empty()));
        }
        let eu = PriceTable::for_region("eu-west-1").unwrap();
        assert!(close(eu.nat_gateway_hour.usd, 0.048));
        assert!(close(eu.nat_gateway_per_gb.usd, 0.048));
        assert!(close(eu.interface_endpoint_az_hour.usd, 0.011));
        let ohio = PriceTable::for_region("us-east-2").unwrap();
        assert!(close(
            ohio.inter_region_out_per_gb.to_region("us-east-1").usd,
            0.01
        ));
        assert!(close(
            ohio.inter_region_out_per_gb.to_region("eu-west-1").usd,
            0.02
        ));
    }

    #[test]
    fn egress_slices_follow_the_free_allowance_then_the_tiers() {
        let t = PriceTable::for_region("us-east-1").unwrap();
        let cases: &[(f64, &[(f64, f64)])] = &[
            (0.0, &[]),
            (50.0, &[(50.0, 0.0)]),
            (100.0, &[(100.0, 0.0)]),
            (600.0, &[(100.0, 0.0), (500.0, 0.09)]),
            (10_240.0, &[(100.0, 0.0), (10_140.0, 0.09)]),
            (20_000.0, &[(100.0, 0.0), (10_140.0, 0.09), (9_760.0, 0.085)]),
            (
                200_000.0,
                &[
                    (100.0, 0.0),
                    (10_140.0, 0.09),
                    (40_960.0, 0.085),
                    (102_400.0, 0.07),
                    (46_400.0, 0.05),
                ],
            ),
        ];
        for (total, want) in cases {
            let got: Vec<(f64, f64)> = t
                .internet_egress
                .slices(*total)
                .iter()
                .map(|s| (s.gb, s.usd_per_gb))
                .collect();
            assert_eq!(got, *want, "total {total} GB");
        }
    }

    fn shipped_json() -> serde_json::Value {
        serde_json::from_str(EMBEDDED[0].1).unwrap()
    }

    fn refused(edit: impl FnOnce(&mut serde_json::Value)) -> String {
        let mut v = shipped_json();
        edit(&mut v);
        PriceTable::from_json(&v.to_string()).unwrap_err().to_string()
    }

    #[test]
    fn bad_user_tables_are_refused_naming_the_field() {
        use serde_json::{json, Value};
        // (JSON pointer to replace, new value, the field the message must name)
        let cases: &[(&str, Value, &str)] = &[
            ("/nat_gateway_hour/usd", json!(-1.0), "nat_gateway_hour.usd"),
            ("/tgw_per_gb/unit", json!("hour"), "tgw_per_gb.unit"),
            ("/public_ipv4_hour/unit", json!("GB"), "public_ipv4_hour.unit"),
            ("/peering_hour/as_of", json!("last year"), "peering_hour.as_of"),
            ("/currency", json!("EUR"), "currency"),
            ("/hours_per_month", json!(0), "hours_per_month"),
            (
                "/nat_gateway_per_gb/source/url",
                json!(""),
                "nat_gateway_per_gb.source",
            ),
            (
                "/internet_egress/tiers/1/up_to_gb",
                json!(5),
                "internet_egress.tiers[1].up_to_gb",
            ),
            (
                "/internet_egress/tiers/0/up_to_gb",
                Value::Null,
                "internet_egress.tiers[0].up_to_gb",
            ),
            (
                "/internet_egress/tiers/3/up_to_gb",
                json!(1e9),
                "internet_egress.tiers[3].up_to_gb",
            ),
            ("/internet_egress/tiers", json!([]), "internet_egress.tiers"),
            (
                "/internet_egress/free_gb_per_month",
                json!(-3),
                "internet_egress.free_gb_per_month",
            ),
            (
                "/inter_region_out_per_gb/to/us-east-2/usd",
                json!(-0.5),
                "inter_region_out_per_gb.to.us-east-2.usd",
            ),
        ];
        for (pointer, value, field) in cases {
            let message = refused(|v| *v.pointer_mut(pointer).expect(pointer) = value.clone());
            assert!(
                message.contains(&format!("'{field}'")),
                "{message} should name {field}"
            );
        }
    }

    #[test]
    fn malformed_json_and_typos_are_parse_errors_with_a_position() {
        let missing = refused(|v| {
            v.as_object_mut().unwrap().remove("nat_gateway_hour");
        });
        assert!(missing.contains("missing field `nat_gateway_hour`"), "{missing}");
        let typo = refused(|v| v["nat_gatway_hour"] = 1.into());
        assert!(typo.contains("unknown field `nat_gatway_hour`"), "{typo}");
        for text in ["", "[]", "{", "null", "{\"region\": \"x\""] {
            let err = PriceTable::from_json(text).unwrap_err();
            assert!(matches!(err, PriceError::Parse { .. }), "{text:?}: {err}");
        }
    }

    #[test]
    fn unknown_region_lists_the_shipped_ones() {
        let err = PriceTable::for_region("ap-south-9").unwrap_err().to_string();
        assert!(err.contains("ap-south-9") && err.contains("us-east-1") && err.contains("--prices"));
    }

    #[test]
    fn a_table_round_trips_through_json() {
        let t = PriceTable::for_region("eu-west-1").unwrap();
        let text = serde_json::to_string(&t).unwrap();
        assert_eq!(PriceTable::from_json(&text).unwrap(), t);
    }
}
