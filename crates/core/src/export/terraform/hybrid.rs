//! VPN and Direct Connect actions → `aws_vpn_gateway`, `aws_vpn_gateway_attachment`,
//! `aws_customer_gateway`, `aws_vpn_connection`, `aws_vpn_connection_route`,
//! `aws_vpn_gateway_route_propagation`, `aws_dx_gateway` and `aws_dx_gateway_association`
//! (Terraform AWS provider documentation). Detaching, disabling and deleting undo what this
//! configuration created, or say that they have no equivalent.

use super::*;

impl Config<'_> {
    /// The blocks of one VPN or Direct Connect action (the caller matched it).
    pub(super) fn hybrid(&mut self, step: &LoggedStep) {
        let s = step.scope.clone();
        let created = step.applied.created.clone();
        let origin = Self::origin(step);
        match step.action {
            Action::CreateVpnGateway {
                amazon_side_asn,
                name,
                ..
            } => {
                let tf = self.counter.next("vgw");
                let b = self
                    .resource(&s, "aws_vpn_gateway", &tf)
                    .comment(origin)
                    .with_opt(
                        "amazon_side_asn",
                        amazon_side_asn.map(|n| Expr::str(n.to_string())),
                    )
                    .with_opt("tags", Self::tags(name));
                self.bind(&created[0], format!("aws_vpn_gateway.{tf}.id"));
                self.push(Some(created[0].clone()), b);
            }
            Action::AttachVpnGateway { vpn_gateway, vpc, .. } => {
                let tf = self.counter.next("vgw_attachment");
                let b = self
                    .resource(&s, "aws_vpn_gateway_attachment", &tf)
                    .comment(origin)
                    .with("vpc_id", self.id(vpc.as_str()))
                    .with("vpn_gateway_id", self.id(vpn_gateway.as_str()));
                self.push(Some(format!("vgw-attach:{vpn_gateway}:{vpc}")), b);
            }
            Action::DetachVpnGateway { vpn_gateway, vpc, .. } => {
                self.undo_or_say(
                    &format!("vgw-attach:{vpn_gateway}:{vpc}"),
                    step,
                    "the gateway was attached in the start estate; detach it with aws ec2 detach-vpn-gateway",
                );
            }
            Action::DeleteVpnGateway { vpn_gateway, .. } => {
                self.undo_or_say(vpn_gateway.as_str(), step, "the virtual private gateway belongs to the start estate; delete it with aws ec2 delete-vpn-gateway");
            }
            Action::CreateCustomerGateway {
                ip_address,
                bgp_asn,
                name,
                ..
            } => {
                if self.refs.contains_key(created[0].as_str()) {
                    self.no_equivalent(
                        step,
                        "AWS returned the customer gateway this configuration already creates",
                    );
                    return;
                }
                let tf = self.counter.next("cgw");
                let b = self
                    .resource(&s, "aws_customer_gateway", &tf)
                    .comment(origin)
                    .with("bgp_asn", Expr::str(bgp_asn.unwrap_or(65000).to_string()))
                    .with("ip_address", Expr::str(ip_address.trim()))
                    .with("type", Expr::str("ipsec.1"))
                    .with_opt("tags", Self::tags(name));
                self.bind(&created[0], format!("aws_customer_gateway.{tf}.id"));
                self.push(Some(created[0].clone()), b);
            }
            Action::DeleteCustomerGateway { customer_gateway, .. } => {
                self.undo_or_say(customer_gateway.as_str(), step, "the customer gateway belongs to the start estate; delete it with aws ec2 delete-customer-gateway");
            }
            Action::CreateVpnConnection {
                customer_gateway,
                vpn_gateway,
                transit_gateway,
                static_routes_only,
                name,
                ..
            } => {
                let tf = self.counter.next("vpn");
                let mut b = self
                    .resource(&s, "aws_vpn_connection", &tf)
                    .comment(origin)
                    .with("customer_gateway_id", self.id(customer_gateway.as_str()))
                    .with("type", Expr::str("ipsec.1"));
                if let Some(g) = vpn_gateway {
                    b = b.with("vpn_gateway_id", self.id(g.as_str()));
                }
                if let Some(t) = transit_gateway {
                    b = b.with("transit_gateway_id", self.id(t.as_str()));
                }
                let b = b
                    .with("static_routes_only", Expr::Bool(*static_routes_only))
                    .with_opt("tags", Self::tags(name));
                self.bind(&created[0], format!("aws_vpn_connection.{tf}.id"));
                if let Some(att) = created.get(1) {
                    self.bind(
                        att,
                        format!("aws_vpn_connection.{tf}.transit_gateway_attachment_id"),
                    );
                }
                self.push(Some(created[0].clone()), b);
            }
            Action::DeleteVpnConnection { vpn_connection, .. } => {
                self.undo_or_say(vpn_connection.as_str(), step, "the VPN connection belongs to the start estate; delete it with aws ec2 delete-vpn-connection");
            }
            Action::CreateVpnConnectionRoute {
                vpn_connection,
                destination,
                ..
            } => {
                let tf = self.counter.next("vpn_route");
                let b = self
                    .resource(&s, "aws_vpn_connection_route", &tf)
                    .comment(origin)
                    .with("destination_cidr_block", Expr::str(destination.trim()))
                    .with("vpn_connection_id", self.id(vpn_connection.as_str()));
                self.push(
                    Some(format!("vpn-route:{vpn_connection}:{}", destination.trim())),
                    b,
                );
            }
            Action::DeleteVpnConnectionRoute {
                vpn_connection,
                destination,
                ..
            } => {
                self.undo_or_say(&format!("vpn-route:{vpn_connection}:{}", destination.trim()), step, "the route belongs to the start estate; delete it with aws ec2 delete-vpn-connection-route");
            }
            Action::EnableVgwRoutePropagation {
                route_table,
                vpn_gateway,
                ..
            } => {
                let key = format!("vgw-prop:{route_table}:{vpn_gateway}");
                if self.find(&key).is_some() {
                    self.no_equivalent(
                        step,
                        "this configuration already propagates the gateway into the table",
                    );
                    return;
                }
                let tf = self.counter.next("vgw_propagation");
                let b = self
                    .resource(&s, "aws_vpn_gateway_route_propagation", &tf)
                    .comment(origin)
                    .with("route_table_id", self.id(route_table.as_str()))
                    .with("vpn_gateway_id", self.id(vpn_gateway.as_str()));
                self.push(Some(key), b);
            }
            Action::DisableVgwRoutePropagation {
                route_table,
                vpn_gateway,
                ..
            } => {
                self.undo_or_say(&format!("vgw-prop:{route_table}:{vpn_gateway}"), step, "the propagation belongs to the start estate; disable it with aws ec2 disable-vgw-route-propagation");
            }
            Action::CreateDirectConnectGateway { name, .. } => {
                let tf = self.counter.next("dx_gateway");
                // The provider requires the ASN: the one AWS gave (64512 unless asked).
                let asn = step
                    .after
                    .dx_gateways
                    .get(&DxGatewayId::from(created[0].as_str()))
                    .and_then(|g| g.amazon_side_asn)
                    .unwrap_or(64512);
                let b = self
                    .resource(&s, "aws_dx_gateway", &tf)
                    .comment(origin)
                    .with("name", Expr::str(name.trim()))
                    .with("amazon_side_asn", Expr::str(asn.to_string()));
                self.bind(&created[0], format!("aws_dx_gateway.{tf}.id"));
                self.push(Some(created[0].clone()), b);
            }
            Action::DeleteDirectConnectGateway {
                direct_connect_gateway,
                ..
            } => {
                self.undo_or_say(direct_connect_gateway.as_str(), step, "the Direct Connect gateway belongs to the start estate; delete it with aws directconnect delete-direct-connect-gateway");
            }
            Action::CreateDirectConnectGatewayAssociation {
                direct_connect_gateway,
                vpn_gateway,
                transit_gateway,
                allowed_prefixes,
                ..
            } => {
                let tf = self.counter.next("dx_gateway_association");
                let gateway = vpn_gateway
                    .as_ref()
                    .map(|g| g.to_string())
                    .or_else(|| transit_gateway.as_ref().map(|t| t.to_string()))
                    .unwrap_or_default();
                let prefixes = (!allowed_prefixes.is_empty())
                    .then(|| Expr::List(allowed_prefixes.iter().map(|p| Expr::str(p.trim())).collect()));
                let b = self
                    .resource(&s, "aws_dx_gateway_association", &tf)
                    .comment(origin)
                    .with("dx_gateway_id", self.id(direct_connect_gateway.as_str()))
                    .with("associated_gateway_id", self.id(&gateway))
                    .with_opt("allowed_prefixes", prefixes);
                self.bind(
                    &created[0],
                    format!("aws_dx_gateway_association.{tf}.dx_gateway_association_id"),
                );
                if let Some(att) = created.get(1) {
                    self.bind(
                        att,
                        format!("aws_dx_gateway_association.{tf}.transit_gateway_attachment_id"),
                    );
                }
                self.push(Some(created[0].clone()), b);
            }
            Action::DeleteDirectConnectGatewayAssociation { association_id, .. } => {
                self.undo_or_say(association_id.trim(), step, "the association belongs to the start estate; delete it with aws directconnect delete-direct-connect-gateway-association");
            }
            _ => {}
        }
    }

    /// Undoes the blocks found by `key`, or says why the action has no Terraform equivalent.
    fn undo_or_say(&mut self, key: &str, step: &LoggedStep, why: &str) {
        if !self.undo(key, step) {
            self.no_equivalent(step, why);
        }
    }
}
