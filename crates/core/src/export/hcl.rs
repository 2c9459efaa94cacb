//! A small HCL writer: blocks with attributes and nested blocks, the expressions Terraform
//! configurations of the AWS provider need, and string escaping per the HCL native syntax
//! specification (`"`, `\`, and the `${` / `%{` template sequences doubled).

use std::fmt::Write as _;

/// An attribute value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Expr {
    Str(String),
    /// A reference such as `aws_vpc.vpc_1.id`, written as is.
    Ref(String),
    Bool(bool),
    Int(i64),
    List(Vec<Expr>),
    /// An object (`tags = { Name = "x" }`).
    Map(Vec<(String, Expr)>),
    /// A string template: literal text and references interpolated (`"x ${aws_vpc.vpc_1.id}"`).
    Template(Vec<Expr>),
}

impl Expr {
    pub fn str(s: impl Into<String>) -> Expr {
        Expr::Str(s.into())
    }

    pub fn reference(s: impl Into<String>) -> Expr {
        Expr::Ref(s.into())
    }

    /// True when the expression refers to `address` (`aws_route.route_1` in
    /// `aws_route.route_1.id`).
    pub fn mentions(&self, address: &str) -> bool {
        match self {
            Expr::Ref(r) => r == address || r.starts_with(&format!("{address}.")),
            Expr::List(items) | Expr::Template(items) => items.iter().any(|x| x.mentions(address)),
            Expr::Map(items) => items.iter().any(|(_, x)| x.mentions(address)),
            Expr::Str(_) | Expr::Bool(_) | Expr::Int(_) => false,
        }
    }

    fn render(&self, indent: usize, out: &mut String) {
        match self {
            Expr::Str(s) => {
                out.push('"');
                out.push_str(&escape(s));
                out.push('"');
            }
            Expr::Ref(r) => out.push_str(r),
            Expr::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Expr::Int(n) => {
                let _ = write!(out, "{n}");
            }
            Expr::List(items) => {
                out.push('[');
                for (i, x) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    x.render(indent, out);
                }
                out.push(']');
            }
            Expr::Map(items) => {
                out.push_str("{\n");
                for (k, v) in items {
                    out.push_str(&"  ".repeat(indent + 1));
                    out.push_str(&key(k));
                    out.push_str(" = ");
                    v.render(indent + 1, out);
                    out.push('\n');
                }
                out.push_str(&"  ".repeat(indent));
                out.push('}');
            }
            Expr::Template(parts) => {
                out.push('"');
                for p in parts {
                    match p {
                        Expr::Str(s) => out.push_str(&escape(s)),
                        Expr::Ref(r) => {
                            let _ = write!(out, "${{{r}}}");
                        }
                        other => {
                            out.push_str("${");
                            other.render(indent, out);
                            out.push('}');
                        }
                    }
                }
                out.push('"');
            }
        }
    }
}

/// A quoted string's content: backslash, quote and newlines escaped, `${`/`%{` doubled so that
/// they stay literal.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// An object key: bare when an identifier, quoted otherwise.
fn key(k: &str) -> String {
    let ident = k
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if ident {
        k.to_string()
    } else {
        format!("\"{}\"", escape(k))
    }
}

/// A block: `resource "aws_route" "route_1" { … }`, with comment lines above it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Block {
    pub kind: String,
    pub labels: Vec<String>,
    pub attrs: Vec<(String, Expr)>,
    pub nested: Vec<Block>,
    pub comments: Vec<String>,
}

impl Block {
    pub fn new(kind: &str, labels: &[&str]) -> Block {
        Block {
            kind: kind.to_string(),
            labels: labels.iter().map(|l| l.to_string()).collect(),
            attrs: Vec::new(),
            nested: Vec::new(),
            comments: Vec::new(),
        }
    }

    /// `resource "TYPE" "NAME"`.
    pub fn resource(ty: &str, name: &str) -> Block {
        Block::new("resource", &[ty, name])
    }

    /// The address other blocks refer to it by: `TYPE.NAME`, or `data.TYPE.NAME`.
    pub fn address(&self) -> String {
        match self.kind.as_str() {
            "data" => format!("data.{}", self.labels.join(".")),
            _ => self.labels.join("."),
        }
    }

    /// Sets an attribute, replacing an earlier value.
    pub fn set(&mut self, name: &str, value: Expr) {
        match self.attrs.iter_mut().find(|(k, _)| k == name) {
            Some(slot) => slot.1 = value,
            None => self.attrs.push((name.to_string(), value)),
        }
    }

    /// Builder form of [`Block::set`].
    pub fn with(mut self, name: &str, value: Expr) -> Block {
        self.set(name, value);
        self
    }

    /// Sets an attribute when there is a value.
    pub fn with_opt(self, name: &str, value: Option<Expr>) -> Block {
        match value {
            Some(v) => self.with(name, v),
            None => self,
        }
    }

    pub fn get(&self, name: &str) -> Option<&Expr> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }

    pub fn remove(&mut self, name: &str) {
        self.attrs.retain(|(k, _)| k != name);
    }

    pub fn comment(mut self, line: impl Into<String>) -> Block {
        self.comments.push(line.into());
        self
    }

    /// True when an attribute or nested block refers to `address`.
    pub fn mentions(&self, address: &str) -> bool {
        self.attrs.iter().any(|(_, v)| v.mentions(address)) || self.nested.iter().any(|b| b.mentions(address))
    }

    pub fn render(&self, indent: usize, out: &mut String) {
        let pad = "  ".repeat(indent);
        for c in &self.comments {
            for line in c.lines() {
                let _ = writeln!(out, "{pad}# {line}");
            }
        }
        out.push_str(&pad);
        out.push_str(&self.kind);
        for l in &self.labels {
            let _ = write!(out, " \"{}\"", escape(l));
        }
        out.push_str(" {\n");
        for (k, v) in &self.attrs {
            out.push_str(&pad);
            out.push_str("  ");
            out.push_str(k);
            out.push_str(" = ");
            v.render(indent + 1, out);
            out.push('\n');
        }
        for b in &self.nested {
            b.render(indent + 1, out);
        }
        out.push_str(&pad);
        out.push_str("}\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_keep_template_sequences_literal() {
        let cases = [
            ("plain", "plain"),
            ("say \"hi\"", "say \\\"hi\\\""),
            ("a\\b", "a\\\\b"),
            ("${var.x}", "$${var.x}"),
            ("%{if}", "%%{if}"),
            ("$5 and 100%", "$5 and 100%"),
            ("two\nlines", "two\\nlines"),
        ];
        for (input, want) in cases {
            assert_eq!(escape(input), want, "{input}");
        }
    }

    #[test]
    fn blocks_render_attributes_maps_lists_and_nested_blocks() {
        let mut b = Block::resource("aws_vpc_endpoint", "vpce_1")
            .comment("a gateway endpoint")
            .with("vpc_id", Expr::str("vpc-0a"))
            .with(
                "route_table_ids",
                Expr::List(vec![
                    Expr::reference("aws_route_table.rtb_1.id"),
                    Expr::str("rtb-0b"),
                ]),
            )
            .with("tags", Expr::Map(vec![("Name".into(), Expr::str("s3"))]))
            .with("n", Expr::Int(-1))
            .with("on", Expr::Bool(true));
        b.nested.push(Block::new("filter", &[]).with(
            "values",
            Expr::List(vec![Expr::Template(vec![
                Expr::str("x "),
                Expr::reference("aws_vpc.vpc_1.id"),
            ])]),
        ));
        let mut out = String::new();
        b.render(0, &mut out);
        assert_eq!(
            out,
            "# a gateway endpoint\nresource \"aws_vpc_endpoint\" \"vpce_1\" {\n  vpc_id = \"vpc-0a\"\n  route_table_ids = [aws_route_table.rtb_1.id, \"rtb-0b\"]\n  tags = {\n    Name = \"s3\"\n  }\n  n = -1\n  on = true\n  filter {\n    values = [\"x ${aws_vpc.vpc_1.id}\"]\n  }\n}\n"
        );
        assert_eq!(b.address(), "aws_vpc_endpoint.vpce_1");
        assert!(b.mentions("aws_route_table.rtb_1"));
        assert!(b.mentions("aws_vpc.vpc_1"));
        assert!(!b.mentions("aws_route_table.rtb"));
        b.set("vpc_id", Expr::str("vpc-0c"));
        assert_eq!(b.get("vpc_id"), Some(&Expr::str("vpc-0c")));
        b.remove("vpc_id");
        assert_eq!(b.get("vpc_id"), None);
        assert_eq!(
            Block::new("data", &["aws_instance", "i_1"]).address(),
            "data.aws_instance.i_1"
        );
        assert_eq!(key("Name"), "Name");
        assert_eq!(key("kubernetes.io/role"), "\"kubernetes.io/role\"");
    }
}
