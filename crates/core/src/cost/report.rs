//! The answer of the estimator: a [`CostReport`] of line items, each with its arithmetic, and
//! how to print money and quantities so the arithmetic reads like a receipt.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::prices::{Price, PriceTable, Source};

/// What a line item charges for. Serialized in snake_case (`nat_gateway_hours`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// A NAT gateway for the month (per hour).
    NatGatewayHours,
    /// GB processed by a NAT gateway.
    NatGatewayProcessing,
    /// A transit gateway attachment for the month (per hour), billed to the attachment's owner.
    TgwAttachmentHours,
    /// GB sent from a VPC into a transit gateway, billed to the sending attachment's owner.
    TgwProcessing,
    /// An interface endpoint's ENI in one AZ for the month (per hour).
    InterfaceEndpointHours,
    /// GB processed by an interface endpoint.
    InterfaceEndpointProcessing,
    /// A gateway endpoint: free, listed so that it is seen.
    GatewayEndpoint,
    /// A peering connection: no hourly charge, listed so that it is seen.
    PeeringConnection,
    /// A public IPv4 address for the month (per hour).
    PublicIpv4,
    /// GB leaving an AZ for another AZ of the region (also over same-region peering).
    CrossAzOut,
    /// GB entering an AZ from another AZ of the region.
    CrossAzIn,
    /// GB between two places in one AZ: free.
    SameAz,
    /// GB over a peering connection within one AZ: free.
    SameAzPeering,
    /// GB sent to another region.
    InterRegionOut,
    /// GB sent from a public IPv4 address to another public address of AWS in the region.
    PublicIpOut,
    /// GB received on a public IPv4 address from another public address of AWS in the region.
    PublicIpIn,
    /// GB through a gateway endpoint to S3 or DynamoDB: free.
    GatewayEndpointData,
    /// GB to an AWS service's public endpoint in the same region: no transfer charge.
    AwsServiceSameRegion,
    /// GB to the internet in one price tier (free allowance, then the tiers), over all flows.
    InternetEgress,
    /// A Site-to-Site VPN connection for the month (per connection-hour), billed to its owner.
    VpnConnectionHours,
}

impl ItemKind {
    /// The kind as it appears in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::NatGatewayHours => "nat_gateway_hours",
            ItemKind::NatGatewayProcessing => "nat_gateway_processing",
            ItemKind::TgwAttachmentHours => "tgw_attachment_hours",
            ItemKind::TgwProcessing => "tgw_processing",
            ItemKind::InterfaceEndpointHours => "interface_endpoint_hours",
            ItemKind::InterfaceEndpointProcessing => "interface_endpoint_processing",
            ItemKind::GatewayEndpoint => "gateway_endpoint",
            ItemKind::PeeringConnection => "peering_connection",
            ItemKind::PublicIpv4 => "public_ipv4",
            ItemKind::CrossAzOut => "cross_az_out",
            ItemKind::CrossAzIn => "cross_az_in",
            ItemKind::SameAz => "same_az",
            ItemKind::SameAzPeering => "same_az_peering",
            ItemKind::InterRegionOut => "inter_region_out",
            ItemKind::PublicIpOut => "public_ip_out",
            ItemKind::PublicIpIn => "public_ip_in",
            ItemKind::GatewayEndpointData => "gateway_endpoint_data",
            ItemKind::AwsServiceSameRegion => "aws_service_same_region",
            ItemKind::InternetEgress => "internet_egress",
            ItemKind::VpnConnectionHours => "vpn_connection_hours",
        }
    }
}

/// One line of the bill.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CostItem {
    /// The resource charged (`nat-…`, `tgw-attach-…`, `vpce-…`, `i-…`, `pcx-…`), or for data
    /// transfer the resource that sends it; `internet` for egress tiers.
    pub resource: String,
    pub kind: ItemKind,
    pub quantity: f64,
    /// What `quantity` counts: `GB`, `NAT gateway-hour`, `endpoint AZ-hour`, …
    pub unit: String,
    pub unit_usd: f64,
    /// `quantity × unit_usd`, rounded to a millionth of a dollar.
    pub usd: f64,
    /// The 0-based index of the flow in the traffic file that causes it; `null` for hourly items
    /// and for internet egress (priced over all flows together).
    pub flow: Option<usize>,
    /// The account AWS bills.
    pub payer: String,
    /// The sum written out, e.g. `730 NAT gateway-hours × $0.045 = $32.85`.
    pub arithmetic: String,
    /// Plain words on what this is (`us-east-1a → us-east-1b over pcx-…`).
    pub note: String,
}

impl CostItem {
    /// `quantity` units at `price`, with the arithmetic written out.
    pub fn priced(
        resource: &str,
        kind: ItemKind,
        quantity: f64,
        price: &Price,
        payer: &str,
        flow: Option<usize>,
        note: String,
    ) -> CostItem {
        CostItem::at_rate(
            resource,
            kind,
            quantity,
            &price.unit,
            price.usd,
            payer,
            flow,
            note,
        )
    }

    /// `quantity` units of `unit` at `unit_usd` each.
    #[allow(clippy::too_many_arguments)]
    pub fn at_rate(
        resource: &str,
        kind: ItemKind,
        quantity: f64,
        unit: &str,
        unit_usd: f64,
        payer: &str,
        flow: Option<usize>,
        note: String,
    ) -> CostItem {
        let usd = round_usd(quantity * unit_usd);
        CostItem {
            resource: resource.to_string(),
            kind,
            quantity,
            unit: unit.to_string(),
            unit_usd,
            usd,
            flow,
            payer: payer.to_string(),
            arithmetic: arithmetic(quantity, unit, unit_usd, usd),
            note,
        }
    }
}

/// A flow that cannot get through: listed, not priced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnreachableFlow {
    pub flow: usize,
    pub from: String,
    pub to: String,
    /// The reach engine's stable code (`NO_ROUTE`, `SG_INGRESS_DENY`, …).
    pub code: String,
    /// The resource where the path failed.
    pub at: Option<String>,
    pub message: String,
}

/// A flow that could not be asked about (an end that does not exist, …): listed, not priced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnpricedFlow {
    pub flow: usize,
    /// The reach engine's message, naming the end at fault.
    pub message: String,
}

/// Which price table was used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PricesUsed {
    pub region: String,
    pub source: Source,
    pub as_of: String,
    /// The hours a month is priced at (AWS bills 730: 365 days × 24 hours / 12).
    #[serde(default = "default_hours")]
    pub hours_per_month: f64,
}

fn default_hours() -> f64 {
    730.0
}

impl PricesUsed {
    /// The summary of a table.
    pub fn of(table: &PriceTable) -> PricesUsed {
        PricesUsed {
            region: table.region.clone(),
            source: table.source.clone(),
            as_of: table.as_of.clone(),
            hours_per_month: table.hours_per_month,
        }
    }
}

/// What a design costs in a month, line by line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CostReport {
    /// The sum of every item.
    pub monthly_usd: f64,
    pub items: Vec<CostItem>,
    pub unreachable: Vec<UnreachableFlow>,
    /// Flows the engine could not ask about ([`super::estimate_each`] only; the others fail).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unpriced: Vec<UnpricedFlow>,
    /// The table of the estate's first region (or the one supplied).
    pub prices: PricesUsed,
    /// Tables used for the estate's other regions, if it spans several.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_prices: Vec<PricesUsed>,
    /// The name of each id the report mentions (resources charged, flows' ends) that has one
    /// (its `Name` tag, or what it is: `ECS task in App-A`), for `Name (id)` labels.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub names: BTreeMap<String, String>,
}

impl CostReport {
    /// The total of the items of one kind.
    pub fn total_of(&self, kind: ItemKind) -> f64 {
        round_usd(self.items.iter().filter(|i| i.kind == kind).map(|i| i.usd).sum())
    }

    /// The items of one kind.
    pub fn items_of(&self, kind: ItemKind) -> impl Iterator<Item = &CostItem> {
        self.items.iter().filter(move |i| i.kind == kind)
    }
}

/// Rounds to a millionth of a dollar, which hides float noise (730 × 0.045 = 32.849999…).
pub fn round_usd(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// A quantity without trailing zeros, with thousands separators: `1,460`, `0.5`, `10,140`.
pub fn quantity_text(q: f64) -> String {
    let rounded = (q * 1e6).round() / 1e6;
    let text = format!("{rounded:.6}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text, None),
    };
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// A unit price: as many decimals as it has, at least two (`$0.045`, `$0.01`, `$0.00`).
pub fn unit_price_text(usd: f64) -> String {
    let text = format!("{:.6}", round_usd(usd));
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut frac = frac.trim_end_matches('0').to_string();
    while frac.len() < 2 {
        frac.push('0');
    }
    format!("${int}.{frac}")
}

/// A total in dollars and cents, with more decimals only when cents would hide it (`$0.005`).
pub fn money_text(usd: f64) -> String {
    let usd = round_usd(usd);
    let cents = format!("{:.2}", usd);
    if usd != 0.0 && (cents.parse::<f64>().unwrap_or(0.0) - usd).abs() > 1e-9 {
        return unit_price_text(usd);
    }
    let (int, frac) = cents.split_once('.').unwrap_or((&cents, "00"));
    format!("${}.{frac}", quantity_text(int.parse::<f64>().unwrap_or(0.0)))
}

/// `quantity unit × $price = $total` (`730 NAT gateway-hours × $0.045 = $32.85`,
/// `100 GB × $0.09 = $9.00`).
pub fn arithmetic(quantity: f64, unit: &str, unit_usd: f64, usd: f64) -> String {
    let plural = if unit.ends_with("hour") && (quantity - 1.0).abs() > 1e-12 {
        "s"
    } else {
        ""
    };
    format!(
        "{} {unit}{plural} × {} = {}",
        quantity_text(quantity),
        unit_price_text(unit_usd),
        money_text(usd)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_and_money_print_like_a_receipt() {
        let quantities: &[(f64, &str)] = &[
            (730.0, "730"),
            (1460.0, "1,460"),
            (10_140.0, "10,140"),
            (0.5, "0.5"),
            (1_234_567.25, "1,234,567.25"),
            (0.0, "0"),
        ];
        for (q, want) in quantities {
            assert_eq!(quantity_text(*q), *want);
        }
        let prices: &[(f64, &str)] = &[
            (0.045, "$0.045"),
            (0.01, "$0.01"),
            (0.0, "$0.00"),
            (0.005, "$0.005"),
        ];
        for (p, want) in prices {
            assert_eq!(unit_price_text(*p), *want);
        }
        let totals: &[(f64, &str)] = &[
            (32.849999999999994, "$32.85"),
            (1234.5, "$1,234.50"),
            (0.0, "$0.00"),
            (0.005, "$0.005"),
            (3.65, "$3.65"),
        ];
        for (t, want) in totals {
            assert_eq!(money_text(*t), *want);
        }
    }

    #[test]
    fn arithmetic_reads_quantity_times_price() {
        assert_eq!(
            arithmetic(730.0, "NAT gateway-hour", 0.045, round_usd(730.0 * 0.045)),
            "730 NAT gateway-hours × $0.045 = $32.85"
        );
        assert_eq!(arithmetic(100.0, "GB", 0.09, 9.0), "100 GB × $0.09 = $9.00");
        assert_eq!(
            arithmetic(1.0, "address-hour", 0.005, 0.005),
            "1 address-hour × $0.005 = $0.005"
        );
    }

    #[test]
    fn kinds_serialize_as_their_names() {
        for kind in [
            ItemKind::NatGatewayHours,
            ItemKind::CrossAzIn,
            ItemKind::AwsServiceSameRegion,
        ] {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.as_str());
        }
    }
}
