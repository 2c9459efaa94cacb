//! vpclab-core
pub mod cidr;
