//! The estate: every AWS resource vpclab models, keyed by id, each carrying its account and region.
//!
//! The model is normalised, not a copy of the JSON: only what changes a verdict or a bill is kept,
//! and each fact is kept once (a peering seen in both accounts' documents is one [`Peering`]).
//! `aws::import` builds it from AWS CLI `describe-*` JSON and `aws::export` writes it back;
//! `import(export(e)) == e` for every estate.

mod hybrid;
mod ids;
mod resources;
mod states;

use std::collections::{BTreeMap, BTreeSet};

pub use hybrid::*;
pub use ids::*;
pub use resources::*;
pub use states::gone;

/// Everything in one or more accounts and regions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Estate {
    /// Every (account, region) a document was given for, even if it holds nothing, so that an
    /// export writes the same documents back.
    pub documents: BTreeSet<(AccountId, Region)>,
    pub vpcs: BTreeMap<VpcId, Vpc>,
    pub subnets: BTreeMap<SubnetId, Subnet>,
    pub route_tables: BTreeMap<RouteTableId, RouteTable>,
    pub peerings: BTreeMap<PcxId, Peering>,
    pub internet_gateways: BTreeMap<IgwId, InternetGateway>,
    pub nat_gateways: BTreeMap<NatId, NatGateway>,
    pub endpoints: BTreeMap<VpceId, VpcEndpoint>,
    pub prefix_lists: BTreeMap<PrefixListId, PrefixList>,
    pub instances: BTreeMap<InstanceId, Instance>,
    pub enis: BTreeMap<EniId, Eni>,
    pub security_groups: BTreeMap<SgId, SecurityGroup>,
    pub network_acls: BTreeMap<AclId, NetworkAcl>,
    pub transit_gateways: BTreeMap<TgwId, TransitGateway>,
    pub tgw_attachments: BTreeMap<TgwAttachmentId, TgwAttachment>,
    pub tgw_route_tables: BTreeMap<TgwRouteTableId, TgwRouteTable>,
    /// The second end of transit gateway peering attachments. AWS gives a peering attachment one
    /// id, seen from each transit gateway with its own `TransitGatewayId`, `ResourceId` (the peer)
    /// and association. `tgw_attachments` holds the end on the transit gateway with the smaller
    /// id, this map the other end (when a document shows it). Use
    /// [`Estate::tgw_attachment_at`] to get the end on a given transit gateway.
    /// See "Transit gateway peering attachments", Amazon VPC Transit Gateways.
    pub tgw_peering_ends: BTreeMap<TgwAttachmentId, TgwAttachment>,
    /// IPv6: egress-only internet gateways (`eigw-…`).
    pub egress_only_internet_gateways: BTreeMap<EigwId, EgressOnlyInternetGateway>,
    // VPN and Direct Connect (model/hybrid.rs).
    pub vpn_gateways: BTreeMap<VgwId, VpnGateway>,
    pub customer_gateways: BTreeMap<CgwId, CustomerGateway>,
    pub vpn_connections: BTreeMap<VpnId, VpnConnection>,
    pub dx_gateways: BTreeMap<DxGatewayId, DxGateway>,
    /// Keyed by `AssociationId`.
    pub dx_associations: BTreeMap<String, DxAssociation>,
    pub virtual_interfaces: BTreeMap<DxVifId, VirtualInterface>,
}

impl Estate {
    /// The route table a subnet uses: its explicit association, else its VPC's main table.
    /// See "Subnet route tables", Amazon VPC User Guide (VPC_Route_Tables.html).
    pub fn route_table_of(&self, subnet: &SubnetId) -> Option<&RouteTable> {
        let vpc = &self.subnets.get(subnet)?.vpc;
        self.route_tables
            .values()
            .find(|rt| rt.subnets.contains(subnet))
            .or_else(|| self.main_route_table(vpc))
    }

    /// Whether a subnet is public: the route table it uses (see [`Estate::route_table_of`])
    /// [makes it public](RouteTable::makes_public).
    pub fn is_public(&self, subnet: &SubnetId) -> bool {
        self.route_table_of(subnet).is_some_and(RouteTable::makes_public)
    }

    /// A VPC's main route table.
    pub fn main_route_table(&self, vpc: &VpcId) -> Option<&RouteTable> {
        self.route_tables.values().find(|rt| rt.main && &rt.vpc == vpc)
    }

    /// The network ACL of a subnet: the one associated with it, else the VPC's default ACL.
    pub fn network_acl_of(&self, subnet: &SubnetId) -> Option<&NetworkAcl> {
        let vpc = &self.subnets.get(subnet)?.vpc;
        self.network_acls
            .values()
            .find(|acl| acl.subnets.contains(subnet))
            .or_else(|| {
                self.network_acls
                    .values()
                    .find(|acl| acl.is_default && &acl.vpc == vpc)
            })
    }

    /// An attachment as seen from one transit gateway: for a TGW peering attachment, the end
    /// whose `tgw` is `tgw` (each end has its own association); for any other attachment, the
    /// attachment itself if it belongs to `tgw`.
    pub fn tgw_attachment_at(&self, id: &TgwAttachmentId, tgw: &TgwId) -> Option<&TgwAttachment> {
        [self.tgw_attachments.get(id), self.tgw_peering_ends.get(id)]
            .into_iter()
            .flatten()
            .find(|a| &a.tgw == tgw)
    }

    /// The internet gateway attached to a VPC, if any.
    pub fn internet_gateway_of(&self, vpc: &VpcId) -> Option<&InternetGateway> {
        self.internet_gateways
            .values()
            .find(|igw| igw.attached_vpc.as_ref() == Some(vpc))
    }
}

impl RouteTable {
    /// Whether a subnet using this table is public: the table has an active route to an internet
    /// gateway, whatever its destination. See "Subnet types", Amazon VPC User Guide
    /// (configure-subnets.html).
    pub fn makes_public(&self) -> bool {
        self.routes_to_internet_gateway(|_| true)
    }

    /// Whether this table sends all IPv4 traffic (`0.0.0.0/0`) to an internet gateway (an
    /// active route). Narrower than [`RouteTable::makes_public`]: a route to one range makes a
    /// subnet public, but only the default route takes traffic from it to any internet address,
    /// which a public NAT gateway needs. See "NAT gateways", Amazon VPC User Guide
    /// (vpc-nat-gateway.html).
    pub fn sends_all_ipv4_to_internet_gateway(&self) -> bool {
        let default = Destination::Cidr(ipnet::IpNet::V4(Default::default()));
        self.routes_to_internet_gateway(|r| r.destination == default)
    }

    /// An active route to an internet gateway, among the routes `which` keeps.
    fn routes_to_internet_gateway(&self, which: impl Fn(&Route) -> bool) -> bool {
        self.routes.iter().any(|r| {
            r.state == RouteState::Active && matches!(r.target, Target::InternetGateway(_)) && which(r)
        })
    }
}

// ---- IPv6 (issue 13) ----

impl Estate {
    /// The egress-only internet gateways attached to a VPC.
    pub fn egress_only_internet_gateways_of<'a>(
        &'a self,
        vpc: &'a VpcId,
    ) -> impl Iterator<Item = &'a EgressOnlyInternetGateway> + 'a {
        self.egress_only_internet_gateways
            .values()
            .filter(move |g| g.attached_vpc.as_ref() == Some(vpc))
    }
}
