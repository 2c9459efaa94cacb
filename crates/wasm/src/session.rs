//! `Session`: the estate the page works on, held in Rust behind an opaque handle. JavaScript
//! loads AWS CLI JSON into it and asks questions (reach, validate, export, endpoints); every
//! answer is a plain object computed by core, every refusal a thrown `Error` with core's message.
//! The state is a core [`Workspace`]: loading documents starts a sandbox on them; exercises,
//! actions, undo/redo and saving are in `play.rs`.
//!
//! ```js
//! const s = new Session();
//! s.loadDocuments(text);                       // {documents, vpcs, subnets, …} or throws
//! const t = s.reach("i-a", "i-b", "tcp", 22);  // the Trace: {reachable, forward, return, blocked}
//! ```

use serde::{Deserialize, Serialize};

use crate::js::{from_js, to_js};
use vpclab_core::aws::{export, import_documents, import_files};
use vpclab_core::model::Estate;
use vpclab_core::reach::{choices, Choice, Proto, Query, Trace};
use vpclab_core::validate::{id_warnings, validate, Diagnostic, Diagnostics};
use vpclab_core::workspace::Workspace;
use wasm_bindgen::prelude::*;

/// The estate loaded into the page. Loading replaces it; a failed load keeps the previous one.
#[wasm_bindgen]
#[derive(Debug, Default)]
pub struct Session {
    pub(crate) workspace: Workspace,
}

/// What a load brought in, for the page to confirm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// (account, region) documents.
    pub documents: usize,
    pub vpcs: usize,
    pub subnets: usize,
    pub route_tables: usize,
    pub peerings: usize,
    pub instances: usize,
    pub transit_gateways: usize,
    /// Ids no AWS API gives (`UNUSUAL_ID`): the estate loaded, but the page says so at once.
    pub warnings: Vec<Diagnostic>,
}

/// One file of a snapshot folder, as the page passes it.
#[derive(Debug, Deserialize)]
struct FileJs {
    path: String,
    text: String,
}

/// Rust-side helpers (also used by native tests); errors are core's messages.
impl Session {
    /// The estate, read-only.
    pub fn estate(&self) -> &Estate {
        self.workspace.estate()
    }

    fn summary(&self) -> Summary {
        let e = self.estate();
        Summary {
            documents: e.documents.len(),
            vpcs: e.vpcs.len(),
            subnets: e.subnets.len(),
            route_tables: e.route_tables.len(),
            peerings: e.peerings.len(),
            instances: e.instances.len(),
            transit_gateways: e.transit_gateways.len(),
            warnings: id_warnings(e),
        }
    }

    /// Replaces the estate with the documents in `text` (one document or an array). Empty text,
    /// or text that is not JSON, is refused in words a learner can act on: what to paste, or the
    /// line and column where the JSON breaks.
    pub fn load_documents_text(&mut self, text: &str) -> Result<Summary, String> {
        const WANTED: &str = "the JSON that an `aws ec2 describe-*` command prints (describe-vpcs, describe-subnets, describe-route-tables …), one document per account and region like {\"Vpcs\": [...], \"Subnets\": [...]}, or an array of them";
        if text.trim().is_empty() {
            return Err(format!("it is empty: expected {WANTED}"));
        }
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
            // serde_json says "… at line L column C": the place is said first, in words.
            let what = e.to_string();
            let what = what.split(" at line ").next().unwrap_or(&what).to_string();
            format!(
                "it is not JSON: line {}, column {}: {what}; expected {WANTED}",
                e.line(),
                e.column()
            )
        })?;
        self.workspace = Workspace::sandbox(
            import_documents(&[("documents".to_string(), value)]).map_err(|e| e.to_string())?,
        );
        Ok(self.summary())
    }

    /// Replaces the estate with a Batfish-style snapshot folder's files (path, text).
    pub fn load_file_list(&mut self, files: &[(String, String)]) -> Result<Summary, String> {
        self.workspace = Workspace::sandbox(import_files(files).map_err(|e| e.to_string())?);
        Ok(self.summary())
    }

    /// Traces from `from` to `to`. `protocol` defaults to tcp; `ipv6` asks over IPv6 (instances
    /// and ENIs by their IPv6 addresses; an IPv6 address as either end implies it).
    pub fn trace(
        &self,
        from: &str,
        to: &str,
        protocol: Option<&str>,
        port: Option<u16>,
        ipv6: bool,
    ) -> Result<Trace, String> {
        let protocol: Proto = protocol
            .unwrap_or("tcp")
            .parse()
            .map_err(|e: vpclab_core::reach::ReachError| e.to_string())?;
        // The workspace keeps the topology of the current estate until it changes: a query on a
        // large estate costs the trace, not a rebuild of the index.
        self.workspace
            .trace(&Query {
                ipv6,
                ..Query::new(from, to, protocol, port)
            })
            .map_err(|e| e.to_string())
    }

    /// What AWS would refuse in the estate.
    pub fn diagnostics(&self) -> Diagnostics {
        validate(self.estate())
    }

    /// The estate as AWS CLI JSON: an array of documents, pretty-printed.
    pub fn export_text(&self) -> Result<String, String> {
        serde_json::to_string_pretty(&export(self.estate())).map_err(|e| e.to_string())
    }

    /// The ends a trace panel can offer.
    pub fn choices(&self) -> Vec<Choice> {
        choices(self.estate())
    }
}

/// A JS number that must be a port (0-65535), or null/undefined for none.
fn port(value: Option<f64>) -> Result<Option<u16>, JsError> {
    match value {
        None => Ok(None),
        Some(p) if p.fract() == 0.0 && (0.0..=65535.0).contains(&p) => Ok(Some(p as u16)),
        Some(p) => Err(JsError::new(&format!(
            "port {p} is not a whole number from 0 to 65535"
        ))),
    }
}

/// What JavaScript may call.
#[wasm_bindgen]
impl Session {
    /// An empty session.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Session {
        Session::default()
    }

    /// Loads AWS CLI JSON text (one document or an array of documents), replacing the estate.
    /// Returns `{documents, vpcs, subnets, route_tables, peerings, instances, transit_gateways}`;
    /// throws an `Error` naming the JSON path and the problem.
    #[wasm_bindgen(js_name = loadDocuments)]
    pub fn load_documents(&mut self, text: &str) -> Result<JsValue, JsError> {
        let summary = self.load_documents_text(text).map_err(|e| JsError::new(&e))?;
        to_js(&summary)
    }

    /// Loads a Batfish-style snapshot folder given as an array of `{path, text}` (paths relative
    /// to the folder: `aws_configs/Vpcs.json`, `aws_configs/accounts/ID/REGION/Vpcs.json`).
    #[wasm_bindgen(js_name = loadFiles)]
    pub fn load_files(&mut self, files: JsValue) -> Result<JsValue, JsError> {
        let files: Vec<FileJs> = from_js(&files)
            .ok_or_else(|| JsError::new("loadFiles expects an array of {path, text} objects (strings)"))?;
        let files: Vec<(String, String)> = files.into_iter().map(|f| (f.path, f.text)).collect();
        let summary = self.load_file_list(&files).map_err(|e| JsError::new(&e))?;
        to_js(&summary)
    }

    /// Traces a connection: `from`/`to` are instance ids, ENI ids, IPv4 addresses (or, as `to`,
    /// a service name); `protocol` is tcp (default), udp, icmp or all; `port` is required for
    /// tcp and udp. Returns the Trace (`{reachable, forward, return, blocked, …}`); throws for a
    /// question that cannot be asked (unknown id, missing port).
    pub fn reach(
        &self,
        from: &str,
        to: &str,
        protocol: Option<String>,
        port_number: Option<f64>,
        ipv6: Option<bool>,
    ) -> Result<JsValue, JsError> {
        let trace = self
            .trace(
                from,
                to,
                protocol.as_deref(),
                port(port_number)?,
                ipv6.unwrap_or(false),
            )
            .map_err(|e| JsError::new(&e))?;
        to_js(&trace)
    }

    /// `{errors: [{code, resource, message}], warnings: [...]}`.
    #[wasm_bindgen(js_name = validate)]
    pub fn validate_js(&self) -> Result<JsValue, JsError> {
        to_js(&self.diagnostics())
    }

    /// The estate as AWS CLI JSON text (an array of documents, one per account and region).
    #[wasm_bindgen(js_name = exportDocuments)]
    pub fn export_documents(&self) -> Result<String, JsError> {
        self.export_text().map_err(|e| JsError::new(&e))
    }

    /// `[{id, kind, name, address, public_address, vpc, subnet}]`: instances, free-standing
    /// network interfaces, endpoint services.
    pub fn endpoints(&self) -> Result<JsValue, JsError> {
        to_js(&self.choices())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PEERED: &str = r#"{"AccountId": "111122223333", "Region": "us-east-1",
      "Vpcs": [{"VpcId": "vpc-a", "CidrBlock": "10.0.0.0/16"}, {"VpcId": "vpc-b", "CidrBlock": "10.1.0.0/16"}],
      "Subnets": [{"SubnetId": "subnet-a", "VpcId": "vpc-a", "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "us-east-1a"},
                  {"SubnetId": "subnet-b", "VpcId": "vpc-b", "CidrBlock": "10.1.1.0/24", "AvailabilityZone": "us-east-1a"}],
      "RouteTables": [
        {"RouteTableId": "rtb-a", "VpcId": "vpc-a", "Associations": [{"Main": true}],
         "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local"},
                    {"DestinationCidrBlock": "10.1.0.0/16", "VpcPeeringConnectionId": "pcx-1"}]},
        {"RouteTableId": "rtb-b", "VpcId": "vpc-b", "Associations": [{"Main": true}],
         "Routes": [{"DestinationCidrBlock": "10.1.0.0/16", "GatewayId": "local"}]}],
      "VpcPeeringConnections": [{"VpcPeeringConnectionId": "pcx-1", "Status": {"Code": "active"},
        "RequesterVpcInfo": {"VpcId": "vpc-a", "CidrBlock": "10.0.0.0/16"},
        "AccepterVpcInfo": {"VpcId": "vpc-b", "CidrBlock": "10.1.0.0/16"}}],
      "Reservations": [{"OwnerId": "111122223333", "Instances": [
        {"InstanceId": "i-a", "VpcId": "vpc-a", "SubnetId": "subnet-a", "PrivateIpAddress": "10.0.1.10", "State": {"Name": "running"}},
        {"InstanceId": "i-b", "VpcId": "vpc-b", "SubnetId": "subnet-b", "PrivateIpAddress": "10.1.1.10", "State": {"Name": "running"}}]}]}"#;

    #[test]
    fn load_trace_export_natively() {
        let mut s = Session::new();
        let summary = s.load_documents_text(PEERED).unwrap();
        assert_eq!((summary.vpcs, summary.peerings, summary.instances), (2, 1, 2));
        let t = s.trace("i-a", "i-b", None, Some(22), false).unwrap();
        // No security groups in the documents: the instances' (empty) groups allow nothing.
        assert_eq!(t.blocked.unwrap().code.as_str(), "SG_EGRESS_DENY");
        let t = s.trace("i-a", "10.1.1.99", Some("icmp"), None, false).unwrap();
        assert_eq!(t.blocked.unwrap().code.as_str(), "SG_EGRESS_DENY");
        assert!(s
            .trace("i-a", "i-zzz", None, Some(22), false)
            .unwrap_err()
            .contains("i-zzz"));
        assert!(s
            .trace("i-a", "i-b", Some("gre"), Some(1), false)
            .unwrap_err()
            .contains("gre"));
        let text = s.export_text().unwrap();
        let mut again = Session::new();
        again.load_documents_text(&text).unwrap();
        assert_eq!(again.estate(), s.estate());
        assert_eq!(s.choices().len(), 2);
        assert!(s.diagnostics().errors.is_empty());
    }

    #[test]
    fn a_failed_load_keeps_the_estate() {
        let mut s = Session::new();
        s.load_documents_text(PEERED).unwrap();
        let err = s.load_documents_text("{\"Vpcs\": [").unwrap_err();
        assert!(err.starts_with("it is not JSON: line 1, column 10: "), "{err}");
        assert!(err.contains("aws ec2 describe-"), "{err}");
        let err = s.load_documents_text("{\n  \"Vpcs\": [}\n").unwrap_err();
        assert!(err.starts_with("it is not JSON: line 2, column 12: "), "{err}");
        for blank in ["", "  \n\t"] {
            let err = s.load_documents_text(blank).unwrap_err();
            assert!(
                err.starts_with("it is empty: expected the JSON that an `aws ec2 describe-*` command prints"),
                "{err}"
            );
        }
        let err = s.load_documents_text(r#"{"Vpcs": [{"VpcId": 7}]}"#).unwrap_err();
        assert!(err.contains("$.Vpcs[0].VpcId"), "{err}");
        assert_eq!(s.estate().vpcs.len(), 2);
    }
}
