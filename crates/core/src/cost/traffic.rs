//! The traffic file: how many GB each flow carries in a month.
//!
//! ```json
//! {"flows": [{"from": "i-0a1", "to": "52.216.8.1", "gb_per_month": 500}]}
//! ```
//! `from` and `to` name places as `vpclab reach` does (an instance id, an ENI id, or an IPv4
//! address). Optional: `protocol` (`tcp` by default, `udp`, `icmp`, `all`), `port` (443 by
//! default), `reply_gb_per_month` (GB coming back over the same connection, priced along the
//! return path — a download from S3 is a small request and a large reply), `aws_service` (the
//! destination address is that AWS service's public endpoint — `sns` in the sender's region, or
//! `com.amazonaws.REGION.sns` — so no internet egress is charged; not needed when `to` is a
//! service name such as `sns`, which resolves to the service's interface endpoint or its public
//! endpoint, nor for S3 and DynamoDB addresses, recognised from their prefix lists) and `name`.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A month of traffic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Traffic {
    pub flows: Vec<Flow>,
}

/// One flow: `gb_per_month` GB sent from `from` to `to`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Flow {
    pub from: String,
    pub to: String,
    pub gb_per_month: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_gb_per_month: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aws_service: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl Flow {
    /// A flow of `gb` GB a month from `from` to `to`, TCP 443.
    pub fn new(from: &str, to: &str, gb: f64) -> Flow {
        Flow {
            from: from.to_string(),
            to: to.to_string(),
            gb_per_month: gb,
            reply_gb_per_month: None,
            protocol: None,
            port: None,
            aws_service: None,
            name: None,
        }
    }

    /// `from → to` (or the flow's name), for notes and tables.
    pub fn label(&self) -> String {
        match &self.name {
            Some(n) => n.clone(),
            None => format!("{} → {}", self.from, self.to),
        }
    }
}

/// Why a traffic file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrafficError {
    /// Not JSON of the traffic shape (serde's message, with line and column).
    Parse { message: String },
    /// A flow holds a value no flow may have.
    Invalid {
        flow: usize,
        field: &'static str,
        problem: String,
    },
}

impl fmt::Display for TrafficError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TrafficError::Parse { message } => write!(
                f,
                "traffic file is not valid: {message} (expected {{\"flows\":[{{\"from\": A, \"to\": B, \"gb_per_month\": N}}]}})"
            ),
            TrafficError::Invalid { flow, field, problem } => {
                write!(f, "traffic flow {flow} (0-based), field '{field}': {problem}")
            }
        }
    }
}

impl std::error::Error for TrafficError {}

const PROTOCOLS: [&str; 4] = ["tcp", "udp", "icmp", "all"];

/// Where the first flow that cannot be read goes wrong, as a JSON path (`$.flows[2].port`): the
/// flow read alone, then without each of its fields (the field whose removal makes it readable,
/// or only missing, is the one at fault). `None` when the file is not JSON or has no such flow.
fn bad_flow_field(text: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    let flows = value.get("flows")?.as_array()?;
    flows.iter().enumerate().find_map(|(i, flow)| {
        serde_json::from_value::<Flow>(flow.clone()).err()?;
        let Some(obj) = flow.as_object() else {
            return Some(format!("$.flows[{i}]"));
        };
        let field = obj.keys().find(|key| {
            let mut without = obj.clone();
            without.remove(*key);
            match serde_json::from_value::<Flow>(serde_json::Value::Object(without)) {
                Ok(_) => true,
                Err(e) => e.to_string().contains(&format!("missing field `{key}`")),
            }
        });
        Some(match field {
            Some(f) => format!("$.flows[{i}].{f}"),
            None => format!("$.flows[{i}]"),
        })
    })
}

impl Traffic {
    /// Parses and checks a traffic file.
    ///
    /// # Examples
    /// ```
    /// use vpclab_core::cost::Traffic;
    /// let t = Traffic::from_json(r#"{"flows":[{"from":"i-1","to":"10.0.1.5","gb_per_month":20}]}"#).unwrap();
    /// assert_eq!(t.flows[0].gb_per_month, 20.0);
    /// let err = Traffic::from_json(r#"{"flows":[{"from":"i-1","to":"x","gb_per_month":-2}]}"#).unwrap_err();
    /// assert!(err.to_string().contains("gb_per_month"));
    /// ```
    pub fn from_json(text: &str) -> Result<Traffic, TrafficError> {
        let traffic: Traffic = serde_json::from_str(text).map_err(|e| TrafficError::Parse {
            message: match bad_flow_field(text) {
                Some(path) => format!("{path}: {e}"),
                None => e.to_string(),
            },
        })?;
        traffic.check()?;
        Ok(traffic)
    }

    /// Checks every flow: names present, GB finite and not negative, a known protocol.
    pub fn check(&self) -> Result<(), TrafficError> {
        for (i, flow) in self.flows.iter().enumerate() {
            let bad = |field, problem: String| TrafficError::Invalid {
                flow: i,
                field,
                problem,
            };
            if flow.from.trim().is_empty() {
                return Err(bad(
                    "from",
                    "is empty; give an instance id, ENI id or IPv4 address".into(),
                ));
            }
            if flow.to.trim().is_empty() {
                return Err(bad(
                    "to",
                    "is empty; give an instance id, ENI id or IPv4 address".into(),
                ));
            }
            for (field, gb) in [
                ("gb_per_month", Some(flow.gb_per_month)),
                ("reply_gb_per_month", flow.reply_gb_per_month),
            ] {
                if let Some(gb) = gb {
                    if !(gb.is_finite() && gb >= 0.0) {
                        return Err(bad(field, format!("is {gb}; give GB per month, 0 or more")));
                    }
                }
            }
            if let Some(p) = &flow.protocol {
                if !PROTOCOLS.contains(&p.as_str()) {
                    return Err(bad(
                        "protocol",
                        format!("is '{p}'; use one of {}", PROTOCOLS.join(", ")),
                    ));
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flows_parse_with_their_optional_fields() {
        let t = Traffic::from_json(
            r#"{"flows":[
                {"from":"i-1","to":"10.0.1.5","gb_per_month":20},
                {"from":"i-1","to":"203.0.113.9","gb_per_month":1.5,"reply_gb_per_month":300,
                 "protocol":"udp","port":53,"aws_service":"sns","name":"to SNS"}]}"#,
        )
        .unwrap();
        assert_eq!(t.flows.len(), 2);
        assert_eq!(t.flows[0], Flow::new("i-1", "10.0.1.5", 20.0));
        assert_eq!(t.flows[1].reply_gb_per_month, Some(300.0));
        assert_eq!(t.flows[1].port, Some(53));
        assert_eq!(t.flows[1].label(), "to SNS");
        assert_eq!(t.flows[0].label(), "i-1 → 10.0.1.5");
    }

    #[test]
    fn bad_flows_are_refused_naming_flow_and_field() {
        let cases: &[(&str, &str)] = &[
            (
                r#"{"flows":[{"from":"","to":"b","gb_per_month":1}]}"#,
                "flow 0 (0-based), field 'from'",
            ),
            (
                r#"{"flows":[{"from":"a","to":" ","gb_per_month":1}]}"#,
                "field 'to'",
            ),
            (
                r#"{"flows":[{"from":"a","to":"b","gb_per_month":-1}]}"#,
                "field 'gb_per_month'",
            ),
            (
                r#"{"flows":[{"from":"a","to":"b","gb_per_month":1},{"from":"a","to":"b","gb_per_month":1,"reply_gb_per_month":-4}]}"#,
                "flow 1 (0-based), field 'reply_gb_per_month'",
            ),
            (
                r#"{"flows":[{"from":"a","to":"b","gb_per_month":1,"protocol":"sctp"}]}"#,
                "'protocol'",
            ),
            (
                r#"{"flows":[{"from":"a","to":"b"}]}"#,
                "missing field `gb_per_month`",
            ),
            (
                r#"{"flows":[{"from":"a","to":"b","gb_per_month":1,"gb":2}]}"#,
                "unknown field `gb`",
            ),
            (
                r#"{"flows":[{"from":"a","to":"b","gb_per_month":"ten"}]}"#,
                "line 1",
            ),
            (
                r#"{"flows":[{"from":"a","to":"b","gb_per_month":1},{"from":"a","to":"b","gb_per_month":1,"port":70000}]}"#,
                "$.flows[1].port: invalid value: integer `70000`",
            ),
            (
                r#"{"flows":[{"from":"a","to":"b","gb_per_month":1,"gb":2}]}"#,
                "$.flows[0].gb: unknown field `gb`",
            ),
            (r#"{"flows":[7]}"#, "$.flows[0]: invalid type: integer `7`"),
            (r#"{"flow":[]}"#, "unknown field `flow`"),
            ("", "EOF"),
        ];
        for (text, want) in cases {
            let err = Traffic::from_json(text).unwrap_err().to_string();
            assert!(err.contains(want), "{text}: {err} should contain {want}");
        }
    }
}
