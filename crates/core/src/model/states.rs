//! What a resource's state or kind means for routes, traffic and drawing. One home for each of
//! these rules: `edit` refuses with them, `workspace` sends them to the page as flags, so the page
//! never decides from a state name itself.

use super::{EndpointKind, Eni, NatGateway, PeeringStatus};

/// A state in which a resource no longer exists for the estate (`deleted`, `deleting`,
/// `terminated`, `shutting-down`): the console may still list it for a while, but it carries no
/// traffic, takes no new routes, and the diagram leaves it out. A rejected, failed or expired
/// peering is *not* gone: the console keeps it listed with its status, the learner's answer from
/// AWS.
pub fn gone(state: &str) -> bool {
    matches!(
        state.to_ascii_lowercase().as_str(),
        "deleted" | "deleting" | "terminated" | "shutting-down"
    )
}

impl PeeringStatus {
    /// Whether a route may point at a peering in this status. AWS accepts a route to an active
    /// peering and to one not yet active (`pending-acceptance`, `provisioning`,
    /// `initiating-request`; the route is a blackhole until the peering is active), and refuses
    /// one to a rejected, failed, expired or deleted peering (route states,
    /// <https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html>; the peering
    /// lifecycle, <https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html>).
    pub fn takes_routes(&self) -> bool {
        matches!(
            self,
            Self::Active | Self::PendingAcceptance | Self::Provisioning | Self::InitiatingRequest
        )
    }

    /// The peering's phase as the page shows it: `active` (carries traffic), `pending` (not yet
    /// active), `closed` (rejected, failed or expired: listed, never carries traffic) or `gone`
    /// (deleting, deleted).
    pub fn phase(&self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::PendingAcceptance | Self::Provisioning | Self::InitiatingRequest => "pending",
            Self::Rejected | Self::Failed | Self::Expired => "closed",
            Self::Deleting | Self::Deleted => "gone",
        }
    }
}

impl EndpointKind {
    /// Only a Gateway Load Balancer endpoint is a route target (`vpce-…` in a route); a gateway
    /// endpoint manages its own routes through the route tables it is given, and an interface
    /// endpoint is reached by its addresses ("Route table concepts", Targets,
    /// <https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html>).
    pub fn takes_routes(&self) -> bool {
        matches!(self, Self::GatewayLoadBalancer)
    }

    /// Only a gateway endpoint (S3, DynamoDB) is given route tables, where AWS writes its
    /// prefix-list routes ("Gateway endpoints",
    /// <https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html>).
    pub fn has_route_tables(&self) -> bool {
        matches!(self, Self::Gateway)
    }
}

impl NatGateway {
    /// A route may point at a NAT gateway that is not deleted (while it is pending or failed the
    /// route is a blackhole); a deleted one is not found.
    pub fn takes_routes(&self) -> bool {
        self.state != "deleted"
    }
}

impl Eni {
    /// What a network interface not attached to an instance is, in a learner's words, from what
    /// AWS writes on it: an ECS task in `awsvpc` mode (its description is the task attachment's
    /// ARN, `arn:aws:ecs:…`), a Lambda function's interface (`AWS Lambda VPC ENI…`); `None` for
    /// any other.
    pub fn what(&self) -> Option<&'static str> {
        let d = self.description.as_str();
        if d.starts_with("arn:aws:ecs:") {
            Some("ECS task")
        } else if self.interface_type == "lambda"
            || d.get(..18)
                .is_some_and(|p| p.eq_ignore_ascii_case("AWS Lambda VPC ENI"))
        {
            Some("Lambda function")
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gone_states_are_the_ones_that_no_longer_exist() {
        for s in ["deleted", "deleting", "terminated", "shutting-down", "Deleted"] {
            assert!(gone(s), "{s}");
        }
        for s in [
            "available",
            "pending",
            "failed",
            "rejected",
            "running",
            "stopped",
            "",
        ] {
            assert!(!gone(s), "{s}");
        }
    }

    #[test]
    fn a_route_may_use_an_active_or_not_yet_active_peering_only() {
        use PeeringStatus::*;
        let takes: Vec<_> = PeeringStatus::ALL
            .into_iter()
            .filter(PeeringStatus::takes_routes)
            .collect();
        assert_eq!(
            takes,
            [InitiatingRequest, PendingAcceptance, Provisioning, Active]
        );
        assert_eq!(Active.phase(), "active");
        assert_eq!(PendingAcceptance.phase(), "pending");
        assert_eq!(Rejected.phase(), "closed");
        assert_eq!(Failed.phase(), "closed");
        assert_eq!(Deleted.phase(), "gone");
    }

    #[test]
    fn only_gateway_load_balancer_endpoints_take_routes_and_only_gateway_endpoints_tables() {
        assert!(EndpointKind::GatewayLoadBalancer.takes_routes());
        assert!(!EndpointKind::Gateway.takes_routes());
        assert!(!EndpointKind::Interface.takes_routes());
        assert!(EndpointKind::Gateway.has_route_tables());
        assert!(!EndpointKind::Interface.has_route_tables());
        assert!(!EndpointKind::GatewayLoadBalancer.has_route_tables());
    }

    #[test]
    fn an_interface_says_what_it_is_from_its_description() {
        let eni = |description: &str, interface_type: &str| Eni {
            id: "eni-0123456789abcdef0".into(),
            owner: "111122223333".into(),
            region: "us-east-1".into(),
            vpc: "vpc-1".into(),
            subnet: "subnet-1".into(),
            availability_zone: "us-east-1a".into(),
            private_ips: vec![],
            public_ip: None,
            security_groups: vec![],
            interface_type: interface_type.into(),
            instance: None,
            description: description.into(),
            ipv6_addresses: vec![],
        };
        assert_eq!(
            eni(
                "arn:aws:ecs:us-east-1:111122223333:attachment/3f9d6a52",
                "interface"
            )
            .what(),
            Some("ECS task")
        );
        assert_eq!(
            eni("AWS Lambda VPC ENI-orders", "interface").what(),
            Some("Lambda function")
        );
        assert_eq!(eni("", "lambda").what(), Some("Lambda function"));
        assert_eq!(eni("Interface for NAT Gateway nat-1", "nat_gateway").what(), None);
        assert_eq!(eni("", "interface").what(), None);
    }
}
