//! Newtype ids, one per AWS noun, spelled as AWS spells them (`vpc-…`, `subnet-…`).
//!
//! An id is only a name: whether it exists is a question for the [`super::Estate`].

use std::fmt;

use serde::{Deserialize, Serialize};

/// Every id type below: made from the string AWS prints (the action reader reads any of them
/// with one implementation, `edit::declare`).
pub trait Id: Sized {
    fn of(s: String) -> Self;
}

macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// The id as AWS prints it.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl Id for $name {
            fn of(s: String) -> Self {
                $name(s)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name(s.to_string())
            }
        }
    )*};
}

ids! {
    /// A 12-digit AWS account id (`OwnerId`).
    AccountId,
    /// A region code such as `us-east-1`.
    Region,
    /// `vpc-…`
    VpcId,
    /// `subnet-…`
    SubnetId,
    /// `rtb-…`
    RouteTableId,
    /// `pcx-…`
    PcxId,
    /// `igw-…`
    IgwId,
    /// `nat-…`
    NatId,
    /// `vpce-…`
    VpceId,
    /// `pl-…` (AWS-managed or customer-managed prefix list)
    PrefixListId,
    /// `i-…`
    InstanceId,
    /// `eni-…`
    EniId,
    /// `sg-…`
    SgId,
    /// `acl-…`
    AclId,
    /// `tgw-…`
    TgwId,
    /// `tgw-attach-…`
    TgwAttachmentId,
    /// `tgw-rtb-…`
    TgwRouteTableId,
}

// IPv6 (issue 13): kept in its own block so other additions merge cleanly.
ids! {
    /// `eigw-…`
    EigwId,
}

// VPN and Direct Connect (issue 13).
ids! {
    /// `vgw-…` (a virtual private gateway).
    VgwId,
    /// `cgw-…` (a customer gateway).
    CgwId,
    /// `vpn-…` (a Site-to-Site VPN connection).
    VpnId,
    /// A Direct Connect gateway: AWS gives it a UUID, not a prefixed id.
    DxGatewayId,
    /// `dxvif-…` (a Direct Connect virtual interface).
    DxVifId,
}
