//! Names first: the one place that turns an id into what a learner reads, `Name (id)` when the
//! resource carries a `Name` tag (a security group's group name, a prefix list's name), the id
//! alone otherwise. Trace sentences, blocked headlines and goal texts all go through it.

use crate::model::*;

/// `Name (id)`, or `id` when there is no name (or the name is the id).
///
/// # Examples
/// ```
/// use vpclab_core::reach::named;
/// assert_eq!(named("rtb-0a1b2c3d", Some("Default")), "Default (rtb-0a1b2c3d)");
/// assert_eq!(named("rtb-0a1b2c3d", None), "rtb-0a1b2c3d");
/// assert_eq!(named("rtb-0a1b2c3d", Some("")), "rtb-0a1b2c3d");
/// ```
pub fn named(id: &str, name: Option<&str>) -> String {
    match name.map(str::trim).filter(|n| !n.is_empty() && *n != id) {
        Some(n) => format!("{n} ({id})"),
        None => id.to_string(),
    }
}

/// The name of the resource `id` in `estate`, found by its id's prefix (`vpc-`, `rtb-`, `i-` …).
/// A network interface is named by what it is (`ECS task`, `Lambda function`: `Eni::what`), when
/// AWS's description says so; a network ACL by its `Name` tag. An unnamed
/// default VPC is `default VPC`, as the console lists it.
pub fn name_of<'e>(e: &'e Estate, id: &str) -> Option<&'e str> {
    let p = |prefix: &str| id.starts_with(prefix);
    let name: Option<&'e String> = if p("tgw-attach-") {
        e.tgw_attachments.get(&id.into()).and_then(|x| x.name.as_ref())
    } else if p("tgw-rtb-") {
        e.tgw_route_tables.get(&id.into()).and_then(|x| x.name.as_ref())
    } else if p("tgw-") {
        e.transit_gateways.get(&id.into()).and_then(|x| x.name.as_ref())
    } else if p("vpc-") {
        let vpc = e.vpcs.get(&id.into());
        if vpc.is_some_and(|v| v.is_default && v.name.as_deref().is_none_or(|n| n.trim().is_empty())) {
            // What the console calls it when it has no Name tag.
            return Some("default VPC");
        }
        vpc.and_then(|x| x.name.as_ref())
    } else if p("subnet-") {
        e.subnets.get(&id.into()).and_then(|x| x.name.as_ref())
    } else if p("rtb-") {
        e.route_tables.get(&id.into()).and_then(|x| x.name.as_ref())
    } else if p("pcx-") {
        e.peerings.get(&id.into()).and_then(|x| x.name.as_ref())
    } else if p("igw-") {
        e.internet_gateways.get(&id.into()).and_then(|x| x.name.as_ref())
    } else if p("nat-") {
        e.nat_gateways.get(&id.into()).and_then(|x| x.name.as_ref())
    } else if p("vpce-") {
        e.endpoints.get(&id.into()).and_then(|x| x.name.as_ref())
    } else if p("pl-") {
        e.prefix_lists.get(&id.into()).map(|x| &x.name)
    } else if p("i-") {
        e.instances.get(&id.into()).and_then(|x| x.name.as_ref())
    } else if p("sg-") {
        e.security_groups.get(&id.into()).map(|x| &x.name)
    } else if p("acl-") {
        e.network_acls.get(&id.into()).and_then(|x| x.name.as_ref())
    } else if p("eni-") {
        return e.enis.get(&id.into()).and_then(Eni::what);
    } else {
        None
    };
    name.map(String::as_str)
        .filter(|n| !n.trim().is_empty() && *n != id)
}

/// `Name (id)` for the resource `id` of `estate`; `id` alone when it has no name or is unknown.
pub fn label(e: &Estate, id: &str) -> String {
    named(id, name_of(e, id))
}

/// `text` with every id of a named resource spoken as `Name (id)`. An id already written
/// `Name (id)` is left as it is.
pub fn with_names(e: &Estate, text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    let is_id_char = |c: char| c.is_ascii_alphanumeric() || c == '-';
    while let Some(start) = rest.find(|c: char| c.is_ascii_lowercase()) {
        let (before, from) = rest.split_at(start);
        out.push_str(before);
        let len = from.find(|c: char| !is_id_char(c)).unwrap_or(from.len());
        let (token, after) = from.split_at(len);
        let glued = out.ends_with(is_id_char);
        match name_of(e, token).filter(|_| token.contains('-') && !glued) {
            Some(name) if !(out.ends_with(&format!("{name} (")) && after.starts_with(')')) => {
                out.push_str(&named(token, Some(name)));
            }
            _ => out.push_str(token),
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::import_documents;
    use serde_json::json;

    fn estate() -> Estate {
        let doc = json!({"AccountId": "111122223333", "Region": "us-east-1",
            "Vpcs": [{"VpcId": "vpc-0a", "CidrBlock": "10.0.0.0/16", "Tags": [{"Key": "Name", "Value": "App"}]},
                     {"VpcId": "vpc-0b", "CidrBlock": "10.1.0.0/16"}],
            "RouteTables": [{"RouteTableId": "rtb-0a", "VpcId": "vpc-0a", "Associations": [{"Main": true}],
                "Tags": [{"Key": "Name", "Value": "Default"}],
                "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local"}]}]});
        import_documents(&[("lab.json".into(), doc)]).unwrap()
    }

    #[test]
    fn labels_put_the_name_first_and_keep_the_id() {
        let e = estate();
        assert_eq!(label(&e, "vpc-0a"), "App (vpc-0a)");
        assert_eq!(label(&e, "vpc-0b"), "vpc-0b");
        assert_eq!(label(&e, "vpc-0c"), "vpc-0c");
        assert_eq!(label(&e, "10.0.0.5"), "10.0.0.5");
    }

    #[test]
    fn ids_in_text_are_named_once() {
        let e = estate();
        for (text, want) in [
            (
                "route table rtb-0a of vpc-0a has no route for 10.1.0.5",
                "route table Default (rtb-0a) of App (vpc-0a) has no route for 10.1.0.5",
            ),
            ("vpc-0a.", "App (vpc-0a)."),
            ("App (vpc-0a) and vpc-0b", "App (vpc-0a) and vpc-0b"),
            ("xvpc-0a and vpc-0ab", "xvpc-0a and vpc-0ab"),
            ("(vpc-0a)", "(App (vpc-0a))"),
            ("", ""),
            ("Ünïcode vpc-0a →", "Ünïcode App (vpc-0a) →"),
        ] {
            assert_eq!(with_names(&e, text), want, "{text}");
        }
    }
}
