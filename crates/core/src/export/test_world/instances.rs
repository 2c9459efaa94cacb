//! Instances: launch one.

use serde_json::json;

use super::{actions, cli, q, tf, Case, New, World};

pub(super) fn cases(w: &World, _n: &New) -> Vec<Case> {
    let s1b = w.s1b.as_str();
    let sg1 = w.sg1.as_str();
    vec![Case {
        name: "launch_instance",
        actions: actions(
            json!([{"action": "launch_instance", "subnet": s1b, "private_ip": "10.1.2.10", "public_ip": true, "security_groups": [sg1], "name": "api"}]),
        ),
        cli: vec![cli(
            "run-instances",
            &[
                (
                    "--image-id",
                    &format!("resolve:ssm:{}", crate::export::AMI_PARAMETER),
                ),
                ("--instance-type", "t3.micro"),
                ("--subnet-id", s1b),
                ("--private-ip-address", "10.1.2.10"),
                ("--security-group-ids", sg1),
                ("--associate-public-ip-address", ""),
                ("--query", "Instances[0].InstanceId"),
            ],
        )],
        tf: vec![
            tf("data", &[("name", &q(crate::export::AMI_PARAMETER))]),
            tf(
                "aws_instance",
                &[
                    ("ami", "data.aws_ssm_parameter.al2023.value"),
                    ("instance_type", &q("t3.micro")),
                    ("subnet_id", &q(s1b)),
                    ("private_ip", &q("10.1.2.10")),
                    ("vpc_security_group_ids", &format!("[{}]", q(sg1))),
                    ("associate_public_ip_address", "true"),
                    ("tags", "{Name=\"api\"}"),
                ],
            ),
        ],
    }]
}
