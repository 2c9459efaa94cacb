//! Export of the work so far: the workspace's start and action log as an AWS CLI script or as
//! Terraform, computed by `vpclab_core::export`.
//!
//! ```js
//! const script = s.exportAwsCli();     // "#!/usr/bin/env bash\n…aws ec2 create-vpc-peering-connection …"
//! const hcl = s.exportTerraform();     // "terraform { … }\nresource \"aws_vpc_peering_connection\" …"
//! ```

use vpclab_core::edit::Action;
use vpclab_core::export::{export, Format};
use wasm_bindgen::prelude::*;

use crate::Session;

/// Rust-side helper (also used by native tests).
impl Session {
    /// The export of the workspace's actions against its start, or core's message naming the
    /// action that no longer replays.
    pub fn export_as(&self, format: Format) -> Result<String, String> {
        let actions: Vec<Action> = self.workspace.actions().into_iter().cloned().collect();
        export(self.workspace.start(), &actions, format).map_err(|e| e.to_string())
    }
}

#[wasm_bindgen]
impl Session {
    /// The actions taken so far as a bash script of AWS CLI commands.
    #[wasm_bindgen(js_name = exportAwsCli)]
    pub fn export_aws_cli(&self) -> Result<String, JsError> {
        self.export_as(Format::AwsCli).map_err(|e| JsError::new(&e))
    }

    /// The actions taken so far as Terraform for the AWS provider.
    #[wasm_bindgen(js_name = exportTerraform)]
    pub fn export_terraform(&self) -> Result<String, JsError> {
        self.export_as(Format::Terraform).map_err(|e| JsError::new(&e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_solved_first_exercise_exports_in_both_formats() {
        let mut s = Session::new();
        let info = s.load_exercise_id("peer-default-vpc").unwrap();
        let empty = s.export_as(Format::AwsCli).unwrap();
        assert!(!empty.contains("aws ec2"), "nothing done yet: {empty}");
        for a in &info.solution {
            s.apply_action_text(&serde_json::to_string(a).unwrap()).unwrap();
        }
        let script = s.export_as(Format::AwsCli).unwrap();
        assert!(
            script.contains("PCX_1=$(aws ec2 create-vpc-peering-connection "),
            "{script}"
        );
        assert!(
            script.contains("aws ec2 accept-vpc-peering-connection --vpc-peering-connection-id \"$PCX_1\"")
        );
        assert_eq!(script.matches("aws ec2 create-route ").count(), 2);
        let hcl = s.export_as(Format::Terraform).unwrap();
        assert!(
            hcl.contains("resource \"aws_vpc_peering_connection\" \"pcx_1\""),
            "{hcl}"
        );
        assert_eq!(hcl.matches("resource \"aws_route\"").count(), 2);
        // Undo takes the last route out of the export.
        s.workspace.undo();
        assert_eq!(
            s.export_as(Format::Terraform)
                .unwrap()
                .matches("resource \"aws_route\"")
                .count(),
            1
        );
    }
}
