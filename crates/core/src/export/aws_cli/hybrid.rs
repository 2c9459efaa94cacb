//! VPN and Direct Connect actions → `aws ec2` (`create-vpn-gateway`, `attach-vpn-gateway`,
//! `detach-vpn-gateway`, `delete-vpn-gateway`, `create-customer-gateway`,
//! `delete-customer-gateway`, `create-vpn-connection`, `delete-vpn-connection`,
//! `create-vpn-connection-route`, `delete-vpn-connection-route`, `enable-vgw-route-propagation`,
//! `disable-vgw-route-propagation`) and `aws directconnect` (`create-direct-connect-gateway`,
//! `delete-direct-connect-gateway`, `create-direct-connect-gateway-association`,
//! `delete-direct-connect-gateway-association`), as the AWS CLI Command Reference spells them.

use super::*;

impl Script<'_> {
    /// The commands of one VPN or Direct Connect action (the caller matched it).
    pub(super) fn hybrid(&mut self, step: &LoggedStep) {
        let s = &step.scope;
        let created = step.applied.created.clone();
        match step.action {
            Action::CreateVpnGateway {
                amazon_side_asn,
                name,
                ..
            } => {
                let var = self.bind(&created[0]);
                let cmd = Command::aws("ec2", "create-vpn-gateway")
                    .arg("--type", Word::lit("ipsec.1"))
                    .opt(
                        "--amazon-side-asn",
                        amazon_side_asn.map(|n| Word::lit(n.to_string())),
                    )
                    .opt("--tag-specifications", Self::tags("vpn-gateway", name))
                    .capture(&var, "VpnGateway.VpnGatewayId");
                self.emit(s, cmd);
            }
            Action::AttachVpnGateway { vpn_gateway, vpc, .. } => {
                let cmd = Command::aws("ec2", "attach-vpn-gateway")
                    .arg("--vpn-gateway-id", self.id(vpn_gateway.as_str()))
                    .arg("--vpc-id", self.id(vpc.as_str()));
                self.emit(s, cmd);
            }
            Action::DetachVpnGateway { vpn_gateway, vpc, .. } => {
                let cmd = Command::aws("ec2", "detach-vpn-gateway")
                    .arg("--vpn-gateway-id", self.id(vpn_gateway.as_str()))
                    .arg("--vpc-id", self.id(vpc.as_str()));
                self.emit(s, cmd);
            }
            Action::DeleteVpnGateway { vpn_gateway, .. } => {
                let cmd = Command::aws("ec2", "delete-vpn-gateway")
                    .arg("--vpn-gateway-id", self.id(vpn_gateway.as_str()));
                self.emit(s, cmd);
            }
            Action::CreateCustomerGateway {
                ip_address,
                bgp_asn,
                name,
                ..
            } => {
                let existing = self.vars.contains_key(created[0].as_str());
                let var = if existing {
                    self.vars[created[0].as_str()].clone()
                } else {
                    self.bind(&created[0])
                };
                // AWS answers an identical request with the existing gateway's id.
                let cmd = Command::aws("ec2", "create-customer-gateway")
                    .arg("--type", Word::lit("ipsec.1"))
                    .arg("--ip-address", Word::lit(ip_address.trim()))
                    .arg("--bgp-asn", Word::lit(bgp_asn.unwrap_or(65000).to_string()))
                    .opt("--tag-specifications", Self::tags("customer-gateway", name))
                    .capture(&var, "CustomerGateway.CustomerGatewayId");
                self.emit(s, cmd);
            }
            Action::DeleteCustomerGateway { customer_gateway, .. } => {
                let cmd = Command::aws("ec2", "delete-customer-gateway")
                    .arg("--customer-gateway-id", self.id(customer_gateway.as_str()));
                self.emit(s, cmd);
            }
            Action::CreateVpnConnection {
                customer_gateway,
                vpn_gateway,
                transit_gateway,
                static_routes_only,
                name,
                ..
            } => {
                let var = self.bind(&created[0]);
                let mut cmd = Command::aws("ec2", "create-vpn-connection")
                    .arg("--type", Word::lit("ipsec.1"))
                    .arg("--customer-gateway-id", self.id(customer_gateway.as_str()));
                if let Some(g) = vpn_gateway {
                    cmd = cmd.arg("--vpn-gateway-id", self.id(g.as_str()));
                }
                if let Some(t) = transit_gateway {
                    cmd = cmd.arg("--transit-gateway-id", self.id(t.as_str()));
                }
                if *static_routes_only {
                    cmd = cmd.arg(
                        "--options",
                        Word::lit(json!({"StaticRoutesOnly": true}).to_string()),
                    );
                }
                let cmd = cmd
                    .opt("--tag-specifications", Self::tags("vpn-connection", name))
                    .capture(&var, "VpnConnection.VpnConnectionId");
                self.emit(s, cmd);
                let wait = Command::aws("ec2", "describe-vpn-connections")
                    .list("--vpn-connection-ids", vec![Word::var(var.as_str())])
                    .query("VpnConnections[0].State")
                    .waiting_for("available");
                self.emit(s, wait);
                if let Some(att) = created.get(1) {
                    self.attachment_of(s, att, &var, "vpn");
                }
            }
            Action::DeleteVpnConnection { vpn_connection, .. } => {
                let cmd = Command::aws("ec2", "delete-vpn-connection")
                    .arg("--vpn-connection-id", self.id(vpn_connection.as_str()));
                self.emit(s, cmd);
            }
            Action::CreateVpnConnectionRoute {
                vpn_connection,
                destination,
                ..
            } => {
                let cmd = Command::aws("ec2", "create-vpn-connection-route")
                    .arg("--vpn-connection-id", self.id(vpn_connection.as_str()))
                    .arg("--destination-cidr-block", Word::lit(destination.trim()));
                self.emit(s, cmd);
            }
            Action::DeleteVpnConnectionRoute {
                vpn_connection,
                destination,
                ..
            } => {
                let cmd = Command::aws("ec2", "delete-vpn-connection-route")
                    .arg("--vpn-connection-id", self.id(vpn_connection.as_str()))
                    .arg("--destination-cidr-block", Word::lit(destination.trim()));
                self.emit(s, cmd);
            }
            Action::EnableVgwRoutePropagation {
                route_table,
                vpn_gateway,
                ..
            }
            | Action::DisableVgwRoutePropagation {
                route_table,
                vpn_gateway,
                ..
            } => {
                let verb = if matches!(step.action, Action::EnableVgwRoutePropagation { .. }) {
                    "enable-vgw-route-propagation"
                } else {
                    "disable-vgw-route-propagation"
                };
                let cmd = Command::aws("ec2", verb)
                    .arg("--route-table-id", self.id(route_table.as_str()))
                    .arg("--gateway-id", self.id(vpn_gateway.as_str()));
                self.emit(s, cmd);
            }
            Action::CreateDirectConnectGateway {
                name,
                amazon_side_asn,
                ..
            } => {
                let var = self.bind_as(&created[0], "dxgw");
                let cmd = Command::aws("directconnect", "create-direct-connect-gateway")
                    .arg("--direct-connect-gateway-name", Word::lit(name.trim()))
                    .opt(
                        "--amazon-side-asn",
                        amazon_side_asn.map(|n| Word::lit(n.to_string())),
                    )
                    .capture(&var, "directConnectGateway.directConnectGatewayId");
                self.emit(s, cmd);
            }
            Action::DeleteDirectConnectGateway {
                direct_connect_gateway,
                ..
            } => {
                let cmd = Command::aws("directconnect", "delete-direct-connect-gateway").arg(
                    "--direct-connect-gateway-id",
                    self.id(direct_connect_gateway.as_str()),
                );
                self.emit(s, cmd);
            }
            Action::CreateDirectConnectGatewayAssociation {
                direct_connect_gateway,
                vpn_gateway,
                transit_gateway,
                allowed_prefixes,
                ..
            } => {
                let var = self.bind_as(&created[0], "dxgw_assoc");
                let gateway = vpn_gateway
                    .as_ref()
                    .map(|g| g.to_string())
                    .or_else(|| transit_gateway.as_ref().map(|t| t.to_string()))
                    .unwrap_or_default();
                let prefixes: Vec<Value> = allowed_prefixes
                    .iter()
                    .map(|p| json!({"cidr": p.trim()}))
                    .collect();
                let cmd = Command::aws("directconnect", "create-direct-connect-gateway-association")
                    .arg(
                        "--direct-connect-gateway-id",
                        self.id(direct_connect_gateway.as_str()),
                    )
                    .arg("--gateway-id", self.id(&gateway))
                    .opt(
                        "--add-allowed-prefixes-to-direct-connect-gateway",
                        (!prefixes.is_empty()).then(|| Word::lit(Value::Array(prefixes).to_string())),
                    )
                    .capture(&var, "directConnectGatewayAssociation.associationId");
                self.emit(s, cmd);
                if let Some(att) = created.get(1) {
                    let dx = self.id(direct_connect_gateway.as_str());
                    let tgw_var = self.bind(att);
                    let cmd = Command::aws("ec2", "describe-transit-gateway-attachments")
                        .list(
                            "--filters",
                            vec![
                                Word::lit("Name=resource-type,Values=direct-connect-gateway"),
                                Word::lit("Name=resource-id,Values=").join(dx),
                            ],
                        )
                        .capture(
                            &tgw_var,
                            "TransitGatewayAttachments[0].TransitGatewayAttachmentId",
                        );
                    self.emit(s, cmd);
                }
            }
            Action::DeleteDirectConnectGatewayAssociation { association_id, .. } => {
                let cmd = Command::aws("directconnect", "delete-direct-connect-gateway-association")
                    .arg("--association-id", self.id(association_id));
                self.emit(s, cmd);
            }
            _ => {}
        }
    }

    /// Captures the transit gateway attachment AWS made for a VPN connection (`vpn`).
    fn attachment_of(&mut self, s: &Scope, att: &str, resource_var: &str, kind: &str) {
        let var = self.bind(att);
        let cmd = Command::aws("ec2", "describe-transit-gateway-attachments")
            .list(
                "--filters",
                vec![
                    Word::lit(format!("Name=resource-type,Values={kind}")),
                    Word::lit("Name=resource-id,Values=").join(Word::var(resource_var)),
                ],
            )
            .capture(&var, "TransitGatewayAttachments[0].TransitGatewayAttachmentId");
        self.emit(s, cmd);
    }
}
