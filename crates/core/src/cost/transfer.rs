//! Per-GB charges along one traced path, written as a list of [`Step`]s: the places the bytes
//! stop at (with their account, region and AZ) and what they cross between them.
//!
//! The rules, from the "Data Transfer" section of "Amazon EC2 On-Demand Pricing", "Overview of
//! Data Transfer Costs for Common Architectures" (AWS Architecture Blog) and the pricing pages of
//! NAT gateways, AWS PrivateLink and AWS Transit Gateway:
//! - within one AZ: free, also over a peering connection (free since May 2021);
//! - across AZs of a region (also over same-region peering): $0.01/GB out, billed to the sender,
//!   and $0.01/GB in, billed to the receiver — including the leg to a NAT gateway in another AZ;
//! - no inter-AZ charge on legs to an interface endpoint or through a transit gateway
//!   ("Introducing data transfer price reduction for AWS PrivateLink, AWS Transit Gateway, and
//!   AWS Client VPN services", What's New, April 2022): only their processing is billed;
//! - to another region: the sender pays the source region's inter-region rate;
//! - NAT gateway and interface endpoint processing per GB, billed to their owner (also with VPC
//!   sharing: "Share your VPC with other accounts", billing);
//! - transit gateway processing per GB sent from a VPC into it, billed to the owner of the
//!   sending attachment;
//! - to an AWS service's public endpoint in the same region (through an internet gateway, a NAT
//!   gateway or a gateway endpoint): no transfer charge;
//! - to the internet: the monthly allowance then the tiers, over all flows of a payer (see
//!   [`EgressLedger`]); from the internet: free;
//! - out through an internet gateway to a public address of AWS in the same region: $0.01/GB out
//!   and $0.01/GB in, like crossing AZs.

use std::collections::BTreeMap;

use super::book::PriceBook;
use super::report::{quantity_text, CostItem, ItemKind};

/// Where bytes are: an account's resource in a region, in an AZ if it has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The resource id (`i-…`, `eni-…`, `nat-…`, or an address).
    pub id: String,
    /// The account billed for what this place sends or receives.
    pub account: String,
    pub region: String,
    pub az: Option<String>,
}

/// What a place is, for the charges it adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// An instance, an interface, or an address in a subnet.
    Host,
    /// A NAT gateway: processing per GB.
    NatGateway,
    /// An interface endpoint's network interface: processing per GB, no inter-AZ charge.
    InterfaceEndpoint,
}

/// One step of a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    At {
        place: Place,
        role: Role,
    },
    /// The next leg crosses this peering connection.
    Peering {
        id: String,
    },
    /// Bytes enter this transit gateway through `attachment`, whose owner pays the processing.
    TransitGateway {
        id: String,
        attachment: String,
        payer: String,
        region: String,
    },
    /// Bytes leave through a gateway endpoint (S3, DynamoDB).
    GatewayEndpoint {
        id: String,
        owner: String,
    },
    /// Bytes leave the VPC through an internet gateway.
    InternetGateway {
        id: String,
    },
    /// The end of the path: a host on the internet.
    Internet,
    /// The end of the path: an AWS service's public endpoint in `region`.
    AwsService {
        name: String,
        region: String,
    },
}

/// Internet-bound GB per payer and source region, priced together at the end of the month
/// (the free allowance and the tiers apply to the total). AWS counts the 100 GB allowance over
/// all regions of an account; vpclab gives it to each (payer, region), which only differs for
/// estates that send to the internet from several regions.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EgressLedger {
    /// (payer, region) → (flow index, GB).
    sent: BTreeMap<(String, String), Vec<(usize, f64)>>,
}

impl EgressLedger {
    /// Records `gb` sent to the internet by `payer` from `region` for a flow.
    pub fn add(&mut self, payer: &str, region: &str, flow: usize, gb: f64) {
        self.sent
            .entry((payer.to_string(), region.to_string()))
            .or_default()
            .push((flow, gb));
    }

    /// One item per price slice (free allowance, then each tier reached) per payer and region.
    pub fn items(&self, book: &PriceBook) -> Vec<CostItem> {
        let mut items = Vec::new();
        for ((payer, region), sent) in &self.sent {
            let total: f64 = sent.iter().map(|(_, gb)| gb).sum();
            let flows: Vec<String> = sent.iter().map(|(f, _)| f.to_string()).collect();
            let egress = &book.table(region).internet_egress;
            let mut start = 0.0;
            for slice in egress.slices(total) {
                let end = start + slice.gb;
                let what = if slice.usd_per_gb == 0.0 {
                    "free allowance".to_string()
                } else {
                    "tier".to_string()
                };
                items.push(CostItem::at_rate(
                    "internet",
                    ItemKind::InternetEgress,
                    slice.gb,
                    &egress.unit,
                    slice.usd_per_gb,
                    payer,
                    None,
                    format!(
                        "GB {}–{} of {} GB sent out of AWS (to the internet, or over a VPN: billed alike) from {region} this month ({what}; flow{} {})",
                        quantity_text(start),
                        quantity_text(end),
                        quantity_text(total),
                        if flows.len() == 1 { "" } else { "s" },
                        flows.join(", ")
                    ),
                ));
                start = end;
            }
        }
        items
    }
}

/// The per-GB items of `gb` GB following `steps`, for flow `flow`; internet-bound GB go to
/// `egress` instead.
pub fn price_path(
    steps: &[Step],
    gb: f64,
    flow: usize,
    book: &PriceBook,
    egress: &mut EgressLedger,
) -> Vec<CostItem> {
    let mut items = Vec::new();
    if gb <= 0.0 {
        return items;
    }
    let mut last: Option<(&Place, Role)> = None;
    let mut via_peering: Option<&str> = None;
    let mut via_tgw = false;
    // Bytes that went out to the internet from this place; if the path comes back into a VPC,
    // they travelled between public addresses instead.
    let mut out_to_internet: Option<&Place> = None;
    for step in steps {
        match step {
            Step::At { place, role } => {
                if let Some(from) = out_to_internet.take() {
                    public_leg(from, place, gb, flow, book, &mut items);
                } else if let Some((prev, prev_role)) = last {
                    let leg = Leg {
                        from: prev,
                        to: place,
                        via_peering,
                        free_across_azs: via_tgw
                            || *role == Role::InterfaceEndpoint
                            || prev_role == Role::InterfaceEndpoint,
                    };
                    leg.price(gb, flow, book, &mut items);
                }
                let t = book.table(&place.region);
                match role {
                    Role::Host => {}
                    Role::NatGateway => items.push(CostItem::priced(
                        &place.id,
                        ItemKind::NatGatewayProcessing,
                        gb,
                        &t.nat_gateway_per_gb,
                        &place.account,
                        Some(flow),
                        "GB processed by the NAT gateway".to_string(),
                    )),
                    Role::InterfaceEndpoint => items.push(CostItem::priced(
                        &place.id,
                        ItemKind::InterfaceEndpointProcessing,
                        gb,
                        &t.interface_endpoint_per_gb,
                        &place.account,
                        Some(flow),
                        "GB processed by the interface endpoint".to_string(),
                    )),
                }
                last = Some((place, *role));
                via_peering = None;
                via_tgw = false;
            }
            Step::Peering { id } => via_peering = Some(id),
            Step::TransitGateway {
                id,
                attachment,
                payer,
                region,
            } => {
                let t = book.table(region);
                items.push(CostItem::priced(
                    attachment,
                    ItemKind::TgwProcessing,
                    gb,
                    &t.tgw_per_gb,
                    payer,
                    Some(flow),
                    format!("GB sent into {id} through {attachment} (no inter-AZ charge through a transit gateway)"),
                ));
                via_tgw = true;
            }
            Step::GatewayEndpoint { id, owner } => {
                let region = last.map_or("", |(p, _)| p.region.as_str());
                let t = book.table(region);
                items.push(CostItem::priced(
                    id,
                    ItemKind::GatewayEndpointData,
                    gb,
                    &t.same_az_per_gb,
                    owner,
                    Some(flow),
                    "GB through the gateway endpoint: free".to_string(),
                ));
            }
            Step::InternetGateway { .. } | Step::Internet => {
                if let (None, Some((prev, _))) = (out_to_internet, last) {
                    out_to_internet = Some(prev);
                }
            }
            Step::AwsService { name, region } => {
                out_to_internet = None;
                let Some((prev, _)) = last else { continue };
                let t = book.table(&prev.region);
                if &prev.region == region {
                    items.push(CostItem::at_rate(
                        &prev.id,
                        ItemKind::AwsServiceSameRegion,
                        gb,
                        "GB",
                        0.0,
                        &prev.account,
                        Some(flow),
                        format!("GB to {name} in {region}: no transfer charge within a region"),
                    ));
                } else {
                    items.push(CostItem::priced(
                        &prev.id,
                        ItemKind::InterRegionOut,
                        gb,
                        t.inter_region_out_per_gb.to_region(region),
                        &prev.account,
                        Some(flow),
                        format!("GB to {name} in {region}, from {}", prev.region),
                    ));
                }
            }
        }
    }
    if let Some(from) = out_to_internet {
        egress.add(&from.account, &from.region, flow, gb);
    }
    items
}

/// Bytes between two public IPv4 addresses of AWS (out through an internet gateway, back in
/// through another): within a region $0.01/GB out and $0.01/GB in, like crossing AZs
/// ("Amazon EC2 On-Demand Pricing", Data Transfer: "data transferred in and out from public or
/// Elastic IPv4 address"); across regions the inter-region rate.
fn public_leg(from: &Place, to: &Place, gb: f64, flow: usize, book: &PriceBook, items: &mut Vec<CostItem>) {
    let t = book.table(&from.region);
    if from.region != to.region {
        items.push(CostItem::priced(
            &from.id,
            ItemKind::InterRegionOut,
            gb,
            t.inter_region_out_per_gb.to_region(&to.region),
            &from.account,
            Some(flow),
            format!("GB from {} to {} over public addresses", from.region, to.region),
        ));
        return;
    }
    items.push(CostItem::priced(
        &from.id,
        ItemKind::PublicIpOut,
        gb,
        &t.cross_az_out_per_gb,
        &from.account,
        Some(flow),
        format!(
            "GB out to {} over public IPv4 addresses within {}",
            to.id, from.region
        ),
    ));
    items.push(CostItem::priced(
        &to.id,
        ItemKind::PublicIpIn,
        gb,
        &t.cross_az_in_per_gb,
        &to.account,
        Some(flow),
        format!(
            "GB in from {} over public IPv4 addresses within {}",
            from.id, from.region
        ),
    ));
}

/// Bytes moving from one place to the next.
struct Leg<'a> {
    from: &'a Place,
    to: &'a Place,
    via_peering: Option<&'a str>,
    /// Through a transit gateway or to/from an interface endpoint.
    free_across_azs: bool,
}

impl Leg<'_> {
    fn price(&self, gb: f64, flow: usize, book: &PriceBook, items: &mut Vec<CostItem>) {
        let (from, to) = (self.from, self.to);
        let t = book.table(&from.region);
        let over = self.via_peering.map(|p| format!(" over {p}")).unwrap_or_default();
        if from.region != to.region {
            items.push(CostItem::priced(
                &from.id,
                ItemKind::InterRegionOut,
                gb,
                t.inter_region_out_per_gb.to_region(&to.region),
                &from.account,
                Some(flow),
                format!("GB from {} to {}{over}", from.region, to.region),
            ));
            return;
        }
        if self.free_across_azs {
            return;
        }
        match (&from.az, &to.az) {
            (Some(a), Some(b)) if a != b => {
                items.push(CostItem::priced(
                    &from.id,
                    ItemKind::CrossAzOut,
                    gb,
                    &t.cross_az_out_per_gb,
                    &from.account,
                    Some(flow),
                    format!("GB out of {a} to {b}{over}, billed to the sender"),
                ));
                items.push(CostItem::priced(
                    &to.id,
                    ItemKind::CrossAzIn,
                    gb,
                    &t.cross_az_in_per_gb,
                    &to.account,
                    Some(flow),
                    format!("GB into {b} from {a}{over}, billed to the receiver"),
                ));
            }
            (a, _) => {
                let az = a.clone().unwrap_or_else(|| "one AZ".to_string());
                let (kind, price, note) = match self.via_peering {
                    Some(p) => (
                        ItemKind::SameAzPeering,
                        &t.same_az_peering_per_gb,
                        format!("GB within {az} over {p}: free"),
                    ),
                    None => (
                        ItemKind::SameAz,
                        &t.same_az_per_gb,
                        format!("GB within {az}: free"),
                    ),
                };
                items.push(CostItem::priced(
                    &from.id,
                    kind,
                    gb,
                    price,
                    &from.account,
                    Some(flow),
                    note,
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cost::prices::PriceTable;

    fn book() -> PriceBook {
        PriceBook::single(PriceTable::for_region("us-east-1").unwrap())
    }

    fn at(id: &str, account: &str, region: &str, az: &str, role: Role) -> Step {
        Step::At {
            place: Place {
                id: id.into(),
                account: account.into(),
                region: region.into(),
                az: Some(az.into()),
            },
            role,
        }
    }

    fn host(id: &str, account: &str, az: &str) -> Step {
        at(id, account, "us-east-1", az, Role::Host)
    }

    /// (kind, resource, payer, usd) of an item.
    type Line = (ItemKind, String, String, f64);

    fn lines(items: &[CostItem]) -> Vec<Line> {
        items
            .iter()
            .map(|i| (i.kind, i.resource.clone(), i.payer.clone(), i.usd))
            .collect()
    }

    fn line(kind: ItemKind, resource: &str, payer: &str, usd: f64) -> Line {
        (kind, resource.into(), payer.into(), usd)
    }

    #[test]
    fn each_kind_of_leg_is_priced_by_hand() {
        use ItemKind::*;
        let pcx = || Step::Peering { id: "pcx-1".into() };
        let cases: Vec<(&str, Vec<Step>, Vec<Line>)> = vec![
            (
                // 100 GB in one AZ: free.
                "same AZ",
                vec![host("i-a", "A", "use1-az1"), host("i-b", "A", "use1-az1")],
                vec![line(SameAz, "i-a", "A", 0.0)],
            ),
            (
                // 100 GB × $0.01 out (sender A) + 100 GB × $0.01 in (receiver B) = $1 + $1.
                "cross AZ, two accounts (shared VPC)",
                vec![host("i-a", "A", "use1-az1"), host("i-b", "B", "use1-az2")],
                vec![
                    line(CrossAzOut, "i-a", "A", 1.0),
                    line(CrossAzIn, "i-b", "B", 1.0),
                ],
            ),
            (
                // Over same-region peering across AZs: the same $0.01 + $0.01.
                "cross AZ over peering",
                vec![host("i-a", "A", "use1-az1"), pcx(), host("i-b", "B", "use1-az2")],
                vec![
                    line(CrossAzOut, "i-a", "A", 1.0),
                    line(CrossAzIn, "i-b", "B", 1.0),
                ],
            ),
            (
                // Over peering within one AZ: free since May 2021.
                "same AZ over peering",
                vec![host("i-a", "A", "use1-az1"), pcx(), host("i-b", "B", "use1-az1")],
                vec![line(SameAzPeering, "i-a", "A", 0.0)],
            ),
            (
                // 100 GB × $0.02 to eu-west-1, billed to the sender.
                "inter-region peering",
                vec![
                    host("i-a", "A", "use1-az1"),
                    pcx(),
                    at("i-b", "B", "eu-west-1", "euw1-az1", Role::Host),
                ],
                vec![line(InterRegionOut, "i-a", "A", 2.0)],
            ),
            (
                // us-east-1 → us-east-2 is $0.01/GB: 100 × 0.01 = $1.
                "inter-region to us-east-2",
                vec![
                    host("i-a", "A", "use1-az1"),
                    pcx(),
                    at("i-b", "B", "us-east-2", "use2-az1", Role::Host),
                ],
                vec![line(InterRegionOut, "i-a", "A", 1.0)],
            ),
            (
                // Instance in az1, NAT in az2: $1 out + $1 in (NAT owner O) + 100 × $0.045 = $4.50
                // processing; S3 in the region: no transfer charge.
                "NAT in another AZ to S3",
                vec![
                    host("i-a", "P", "use1-az1"),
                    at("nat-1", "O", "us-east-1", "use1-az2", Role::NatGateway),
                    Step::InternetGateway { id: "igw-1".into() },
                    Step::AwsService {
                        name: "s3".into(),
                        region: "us-east-1".into(),
                    },
                ],
                vec![
                    line(CrossAzOut, "i-a", "P", 1.0),
                    line(CrossAzIn, "nat-1", "O", 1.0),
                    line(NatGatewayProcessing, "nat-1", "O", 4.5),
                    line(AwsServiceSameRegion, "nat-1", "O", 0.0),
                ],
            ),
            (
                // Through a TGW across AZs: 100 × $0.02 = $2 processing to the sending
                // attachment's owner, no inter-AZ charge.
                "transit gateway",
                vec![
                    host("i-a", "A", "use1-az1"),
                    Step::TransitGateway {
                        id: "tgw-1".into(),
                        attachment: "tgw-attach-a".into(),
                        payer: "A".into(),
                        region: "us-east-1".into(),
                    },
                    host("i-b", "B", "use1-az2"),
                ],
                vec![line(TgwProcessing, "tgw-attach-a", "A", 2.0)],
            ),
            (
                // To an interface endpoint ENI in another AZ: 100 × $0.01 = $1 processing, no
                // inter-AZ charge.
                "interface endpoint in another AZ",
                vec![
                    host("i-a", "A", "use1-az1"),
                    at("eni-e", "O", "us-east-1", "use1-az2", Role::InterfaceEndpoint),
                ],
                vec![line(InterfaceEndpointProcessing, "eni-e", "O", 1.0)],
            ),
            (
                "gateway endpoint to S3",
                vec![
                    host("i-a", "A", "use1-az1"),
                    Step::GatewayEndpoint {
                        id: "vpce-s3".into(),
                        owner: "O".into(),
                    },
                    Step::AwsService {
                        name: "s3".into(),
                        region: "us-east-1".into(),
                    },
                ],
                vec![
                    line(GatewayEndpointData, "vpce-s3", "O", 0.0),
                    line(AwsServiceSameRegion, "i-a", "A", 0.0),
                ],
            ),
            (
                // An AWS service in another region: inter-region $0.02 × 100 = $2.
                "service in another region",
                vec![
                    host("i-a", "A", "use1-az1"),
                    Step::InternetGateway { id: "igw-1".into() },
                    Step::AwsService {
                        name: "sns".into(),
                        region: "eu-west-1".into(),
                    },
                ],
                vec![line(InterRegionOut, "i-a", "A", 2.0)],
            ),
        ];
        for (name, steps, want) in cases {
            let mut egress = EgressLedger::default();
            let items = price_path(&steps, 100.0, 0, &book(), &mut egress);
            assert_eq!(lines(&items), want, "{name}");
            assert!(egress.items(&book()).is_empty(), "{name}");
            assert!(items.iter().all(|i| i.flow == Some(0)), "{name}");
        }
    }

    #[test]
    fn public_addresses_within_a_region_cost_like_crossing_azs() {
        use ItemKind::*;
        // i-a → its internet gateway → the public address of i-b in the same region:
        // 100 GB × $0.01 out (A) + 100 GB × $0.01 in (B), no internet egress.
        let steps = vec![
            host("i-a", "A", "use1-az1"),
            Step::InternetGateway { id: "igw-1".into() },
            Step::Internet,
            Step::InternetGateway { id: "igw-2".into() },
            host("i-b", "B", "use1-az1"),
        ];
        let mut egress = EgressLedger::default();
        let items = price_path(&steps, 100.0, 0, &book(), &mut egress);
        assert_eq!(
            lines(&items),
            vec![
                line(PublicIpOut, "i-a", "A", 1.0),
                line(PublicIpIn, "i-b", "B", 1.0)
            ]
        );
        assert!(egress.items(&book()).is_empty());
        // From the internet into AWS: free.
        let inbound = vec![
            Step::Internet,
            Step::InternetGateway { id: "igw-2".into() },
            host("i-b", "B", "use1-az1"),
        ];
        assert!(price_path(&inbound, 100.0, 0, &book(), &mut egress).is_empty());
        assert!(egress.items(&book()).is_empty());
    }

    #[test]
    fn zero_gb_costs_nothing_and_lists_nothing() {
        let steps = vec![host("i-a", "A", "use1-az1"), host("i-b", "A", "use1-az2")];
        let mut egress = EgressLedger::default();
        assert!(price_path(&steps, 0.0, 0, &book(), &mut egress).is_empty());
    }

    #[test]
    fn internet_egress_is_priced_over_all_flows_of_a_payer() {
        let out = |id: &str| {
            vec![
                host(id, "A", "use1-az1"),
                Step::InternetGateway { id: "igw-1".into() },
                Step::Internet,
            ]
        };
        let mut egress = EgressLedger::default();
        // 60 GB + 540 GB = 600 GB: the first 100 GB free, then 500 GB × $0.09 = $45.
        assert!(price_path(&out("i-a"), 60.0, 0, &book(), &mut egress).is_empty());
        assert!(price_path(&out("i-b"), 540.0, 1, &book(), &mut egress).is_empty());
        // Another payer gets its own allowance: 80 GB free.
        let other = vec![
            host("i-c", "B", "use1-az1"),
            Step::InternetGateway { id: "igw-2".into() },
            Step::Internet,
        ];
        price_path(&other, 80.0, 2, &book(), &mut egress);
        let items = egress.items(&book());
        assert_eq!(
            lines(&items),
            vec![
                line(ItemKind::InternetEgress, "internet", "A", 0.0),
                line(ItemKind::InternetEgress, "internet", "A", 45.0),
                line(ItemKind::InternetEgress, "internet", "B", 0.0),
            ]
        );
        assert_eq!(items[1].arithmetic, "500 GB × $0.09 = $45.00");
        assert!(
            items[1].note.contains("GB 100–600 of 600 GB"),
            "{}",
            items[1].note
        );
        assert!(items[1].note.contains("flows 0, 1"), "{}", items[1].note);
        assert_eq!(items[0].flow, None);
    }
}
