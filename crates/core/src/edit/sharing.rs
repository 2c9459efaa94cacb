//! VPC sharing: the owner shares a subnet with another account through AWS RAM.
//!
//! See "Share your VPC with other accounts" (userguide/vpc-sharing.html): only non-default
//! subnets can be shared; participants launch resources into them and use the owner's route
//! tables, network ACLs and gateways.

use super::common::*;
use super::Applied;
use crate::model::*;

/// Shares `subnet_id` with `with`. Refused: a default subnet (`OperationNotPermittedException`, as
/// AWS RAM names it), sharing with the owner itself (`InvalidParameter`). Sharing twice with the
/// same account changes nothing. The participant's document (account, region) is recorded so that
/// an export writes the subnet into it, as `describe-subnets` shows it to the participant.
pub(super) fn share_subnet(
    e: &mut Estate,
    actor: Actor,
    subnet_id: &SubnetId,
    with: &AccountId,
) -> Result<Applied> {
    check_account_id(with, "principals")?;
    let subnet = subnet(e, subnet_id, actor)?;
    if subnet.default_for_az {
        return Err(err(
            "OperationNotPermittedException",
            format!("{subnet_id} is a default subnet: only non-default subnets can be shared (VPC sharing)"),
        ));
    }
    if with == &subnet.owner {
        return Err(err(
            "InvalidParameter",
            format!("{with} owns {subnet_id}: share it with another account"),
        ));
    }
    if subnet.shared_with.contains(with) {
        return Ok(Applied {
            created: vec![],
            description: format!("{subnet_id} is already shared with {with}"),
            warning: None,
        });
    }
    let region = subnet.region.clone();
    if let Some(s) = e.subnets.get_mut(subnet_id) {
        s.shared_with.insert(with.clone());
    }
    record_document(e, with, &region);
    Ok(Applied {
        created: vec![],
        description: format!("Shared {subnet_id} with account {with}"),
        warning: None,
    })
}
