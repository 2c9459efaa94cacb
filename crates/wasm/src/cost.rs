//! The cost panel's calls on [`Session`]: the monthly estimate of the loaded estate under a
//! traffic file, a comparison with another design, and the shipped price tables. Thin wrappers
//! over `vpclab_core::cost`, returning the same JSON shapes as `vpclab cost --json`.
//!
//! ```js
//! const report = s.cost('{"flows":[{"from":"i-a","to":"s3","gb_per_month":500}]}');
//! report.monthly_usd;           // 91.5
//! report.items[0].arithmetic;   // "730 NAT gateway-hours × $0.045 = $32.85"
//! const c = s.compareCost(otherDocumentsText, trafficText);  // {a_monthly_usd, b_monthly_usd, …}
//! const table = s.priceTable("eu-west-1");                  // edit it, pass it back as JSON
//! ```

use serde::Serialize;
use vpclab_core::aws::import_documents;
use vpclab_core::cost::{
    compare, estimate, estimate_each, flow_ends, suggested_traffic, CostComparison, CostReport, FlowEnd,
    PriceBook, PriceTable, Traffic,
};
use vpclab_core::exercise::{exercise_traffic, ExerciseTraffic};
use vpclab_core::model::Estate;
use wasm_bindgen::prelude::*;

use crate::js::to_js;
use crate::session::Session;

/// A price table from JSON text, if one is given (an empty string counts as none).
fn prices(text: Option<&str>) -> Result<Option<PriceTable>, String> {
    match text.map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) => PriceTable::from_json(t).map(Some).map_err(|e| e.to_string()),
    }
}

fn report(estate: &Estate, traffic: &Traffic, prices: Option<PriceTable>) -> Result<CostReport, String> {
    let book = PriceBook::for_estate(estate, prices).map_err(|e| e.to_string())?;
    estimate(estate, traffic, &book).map_err(|e| e.to_string())
}

/// The traffic the cost panel starts from, and where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DefaultTraffic {
    pub traffic: Traffic,
    /// `cost_goal`, `goals` or `estate` (the sandbox).
    pub from: &'static str,
    /// The exercise's cost goal: its id and text.
    pub goal: Option<String>,
    pub goal_text: Option<String>,
    /// The ends the flow pickers offer, each with its `Name (id)` label.
    pub ends: Vec<FlowEnd>,
}

/// Rust-side helpers (also used by native tests); errors are core's messages.
impl Session {
    /// The exercise's own traffic (its cost goal's, else its goals' connections), or in the
    /// sandbox flows between the estate's instances on ports the design lets through; with the
    /// ends a flow may have.
    pub fn default_traffic(&self) -> DefaultTraffic {
        let estate = self.workspace.estate();
        let traffic = match self.workspace.exercise() {
            Some(def) => exercise_traffic(def, estate),
            None => ExerciseTraffic {
                traffic: suggested_traffic(estate, self.workspace.topology()),
                from: "estate",
                goal: None,
                goal_text: None,
            },
        };
        DefaultTraffic {
            traffic: traffic.traffic,
            from: traffic.from,
            goal: traffic.goal,
            goal_text: traffic.goal_text,
            ends: flow_ends(estate),
        }
    }

    /// The estimate of the loaded estate under `traffic` (JSON text), at the shipped prices or
    /// those of `prices` (JSON text of a price table).
    pub fn cost_report(&self, traffic: &str, prices_text: Option<&str>) -> Result<CostReport, String> {
        let traffic = Traffic::from_json(traffic).map_err(|e| e.to_string())?;
        let estate = self.workspace.estate();
        let book = PriceBook::for_estate(estate, prices(prices_text)?).map_err(|e| e.to_string())?;
        // On the workspace's kept topology (no rebuild while the estate is unchanged); a flow
        // whose end does not exist is listed in `unpriced`, the rest priced.
        estimate_each(estate, self.workspace.topology(), &traffic, &book).map_err(|e| e.to_string())
    }

    /// The loaded estate (design A) against the documents in `other` (design B, AWS CLI JSON
    /// text), under the same traffic.
    pub fn cost_comparison(
        &self,
        other: &str,
        traffic: &str,
        prices_text: Option<&str>,
    ) -> Result<CostComparison, String> {
        let traffic = Traffic::from_json(traffic).map_err(|e| e.to_string())?;
        let table = prices(prices_text)?;
        let value: serde_json::Value =
            serde_json::from_str(other).map_err(|e| format!("other design: $: not valid JSON: {e}"))?;
        let b = import_documents(&[("other design".to_string(), value)]).map_err(|e| e.to_string())?;
        let ra = self
            .workspace
            .cost(&traffic, table.clone())
            .map_err(|e| e.to_string())?;
        let rb = report(&b, &traffic, table).map_err(|e| format!("other design: {e}"))?;
        Ok(compare(&ra, &rb))
    }
}

/// What JavaScript may call for the cost panel.
#[wasm_bindgen]
impl Session {
    /// `cost(trafficJson, pricesJson?)`: `{monthly_usd, items: [{resource, kind, quantity, unit,
    /// unit_usd, usd, flow, payer, arithmetic, note}], unreachable: [...], unpriced: [{flow,
    /// message}], prices: {region, source, as_of}, names: {id: name}}`. `trafficJson` is `{"flows":[{"from","to","gb_per_month"}]}`;
    /// `pricesJson` (optional) a price table as `priceTable` returns it. Throws an `Error` naming
    /// the bad flow, field or price.
    pub fn cost(&self, traffic: &str, prices_json: Option<String>) -> Result<JsValue, JsError> {
        let r = self
            .cost_report(traffic, prices_json.as_deref())
            .map_err(|e| JsError::new(&e))?;
        to_js(&r)
    }

    /// `compareCost(otherDocumentsJson, trafficJson, pricesJson?)`: the loaded estate (A) against
    /// another design (B, AWS CLI JSON text) under the same traffic: `{a_monthly_usd,
    /// b_monthly_usd, difference_usd, by_kind, by_resource, a, b}`.
    #[wasm_bindgen(js_name = compareCost)]
    pub fn compare_cost(
        &self,
        other_documents: &str,
        traffic: &str,
        prices_json: Option<String>,
    ) -> Result<JsValue, JsError> {
        let c = self
            .cost_comparison(other_documents, traffic, prices_json.as_deref())
            .map_err(|e| JsError::new(&e))?;
        to_js(&c)
    }

    /// `defaultTraffic()`: `{traffic: {flows}, from, goal?, goal_text?, ends: [{id, label, kind,
    /// source}]}`: the flows to price first (`from`: `cost_goal` — exactly what the exercise's
    /// cost goal prices —, `goals` or `estate`) and the ends the flow pickers offer.
    #[wasm_bindgen(js_name = defaultTraffic)]
    pub fn default_traffic_js(&self) -> Result<JsValue, JsError> {
        to_js(&self.default_traffic())
    }

    /// `priceTable(region)`: the shipped price table of a region (every price with its unit,
    /// source and date), to show or edit. Throws for a region vpclab ships no table for.
    #[wasm_bindgen(js_name = priceTable)]
    pub fn price_table(&self, region: &str) -> Result<JsValue, JsError> {
        let t = PriceTable::for_region(region).map_err(|e| JsError::new(&e.to_string()))?;
        to_js(&t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A private subnet (1b) reaching S3 through a NAT gateway in a public subnet (1a).
    const NAT: &str = r#"{"AccountId": "111122223333", "Region": "us-east-1",
      "Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}],
      "Subnets": [
        {"SubnetId": "subnet-pub", "VpcId": "vpc-1", "CidrBlock": "10.0.0.0/24", "AvailabilityZone": "us-east-1a"},
        {"SubnetId": "subnet-priv", "VpcId": "vpc-1", "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "us-east-1b"}],
      "InternetGateways": [{"InternetGatewayId": "igw-1", "Attachments": [{"State": "available", "VpcId": "vpc-1"}]}],
      "RouteTables": [
        {"RouteTableId": "rtb-pub", "VpcId": "vpc-1", "Associations": [{"Main": true}],
         "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local"},
                    {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1"}]},
        {"RouteTableId": "rtb-priv", "VpcId": "vpc-1", "Associations": [{"Main": false, "SubnetId": "subnet-priv"}],
         "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local"},
                    {"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": "nat-1"}]}],
      "NatGateways": [{"NatGatewayId": "nat-1", "VpcId": "vpc-1", "SubnetId": "subnet-pub", "State": "available",
        "NatGatewayAddresses": [{"NetworkInterfaceId": "eni-nat", "PrivateIp": "10.0.0.5", "PublicIp": "198.51.100.5"}]}],
      "SecurityGroups": [{"GroupId": "sg-1", "VpcId": "vpc-1",
        "IpPermissions": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}],
        "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]}],
      "Reservations": [{"OwnerId": "111122223333", "Instances": [
        {"InstanceId": "i-b", "VpcId": "vpc-1", "SubnetId": "subnet-priv", "PrivateIpAddress": "10.0.1.10",
         "SecurityGroups": [{"GroupId": "sg-1"}], "State": {"Name": "running"}}]}]}"#;

    const TRAFFIC: &str = r#"{"flows":[{"from":"i-b","to":"s3","gb_per_month":100}]}"#;

    #[test]
    fn cost_of_the_loaded_estate() {
        let mut s = Session::new();
        s.load_documents_text(NAT).unwrap();
        // NAT 730 × 0.045 = 32.85, EIP 3.65, 1b → 1a 1.00 + 1.00, NAT 100 × 0.045 = 4.50.
        let r = s.cost_report(TRAFFIC, None).unwrap();
        assert_eq!(r.monthly_usd, 43.0);
        assert_eq!(r.prices.region, "us-east-1");
        // The same at Ireland's prices: 730 × 0.048 = 35.04, 3.65, 2.00, 100 × 0.048 = 4.80.
        let eu = serde_json::to_string(&PriceTable::for_region("eu-west-1").unwrap()).unwrap();
        assert_eq!(s.cost_report(TRAFFIC, Some(&eu)).unwrap().monthly_usd, 45.49);
        assert_eq!(s.cost_report(TRAFFIC, Some("  ")).unwrap().monthly_usd, 43.0);
    }

    #[test]
    fn the_default_traffic_is_the_exercises_or_the_estates() {
        let mut s = Session::new();
        s.load_documents_text(NAT).unwrap();
        // The sandbox: its lone instance to the internet, on a port its group lets out and in.
        let d = s.default_traffic();
        assert_eq!(d.from, "estate");
        let f = &d.traffic.flows[0];
        assert_eq!(
            (f.from.as_str(), f.to.as_str(), f.port),
            ("i-b", "203.0.113.10", Some(443))
        );
        assert!(d.ends.iter().any(|e| e.id == "i-b" && e.source));
        // An end that does not exist is listed as not priced; the hourly items still are.
        let r = s
            .cost_report(r#"{"flows":[{"from":"web","to":"s3","gb_per_month":1}]}"#, None)
            .unwrap();
        assert_eq!((r.monthly_usd, r.unpriced[0].flow), (36.5, 0));
        assert!(
            r.unpriced[0].message.contains("'web'"),
            "{}",
            r.unpriced[0].message
        );
    }

    #[test]
    fn comparison_with_another_design() {
        let mut s = Session::new();
        s.load_documents_text(NAT).unwrap();
        let empty = r#"{"AccountId": "111122223333", "Region": "us-east-1"}"#;
        // B has nothing: the flow's source is unknown there, which the error names.
        let err = s.cost_comparison(empty, TRAFFIC, None).unwrap_err();
        assert!(err.starts_with("other design: traffic flow 0"), "{err}");
        let c = s.cost_comparison(NAT, TRAFFIC, None).unwrap();
        assert_eq!(
            (c.a_monthly_usd, c.b_monthly_usd, c.difference_usd),
            (43.0, 43.0, 0.0)
        );
    }

    #[test]
    fn bad_input_is_an_error_naming_it() {
        let mut s = Session::new();
        s.load_documents_text(NAT).unwrap();
        let cases: &[(&str, Option<&str>, &str)] = &[
            ("{", None, "traffic file is not valid"),
            (
                r#"{"flows":[{"from":"i-b","to":"s3","gb_per_month":-1}]}"#,
                None,
                "'gb_per_month'",
            ),
            (TRAFFIC, Some("{}"), "price table is not valid"),
        ];
        for (traffic, prices, want) in cases {
            let err = s.cost_report(traffic, *prices).unwrap_err();
            assert!(err.contains(want), "{err} should contain {want}");
        }
        // An unknown end is not a refusal of the whole estimate: that flow is listed unpriced.
        let r = s
            .cost_report(
                r#"{"flows":[{"from":"i-nope","to":"s3","gb_per_month":1}]}"#,
                None,
            )
            .unwrap();
        assert!(r.unpriced[0].message.contains("i-nope"), "{:?}", r.unpriced);
        let err = s.cost_comparison("[", TRAFFIC, None).unwrap_err();
        assert!(err.starts_with("other design: $: not valid JSON"), "{err}");
    }
}
