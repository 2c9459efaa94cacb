//! Shell words and command lines for the AWS CLI script: literal text, shell variables, and the
//! quoting that keeps both intact.

use std::fmt::Write as _;

/// One piece of a shell word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Part {
    Lit(String),
    /// A variable, expanded by the shell (`$PCX_1`).
    Var(String),
}

/// One shell word: literal text and variables, quoted on rendering as needed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word(pub Vec<Part>);

impl Word {
    pub fn lit(s: impl Into<String>) -> Word {
        Word(vec![Part::Lit(s.into())])
    }

    pub fn var(name: impl Into<String>) -> Word {
        Word(vec![Part::Var(name.into())])
    }

    /// This word followed by `other`, as one word.
    pub fn join(mut self, other: Word) -> Word {
        self.0.extend(other.0);
        self
    }

    /// The word as bash reads it back: bare when only safe characters, single quotes for other
    /// literal text, double quotes (with `\`, `"`, `$` and `` ` `` escaped) around variables.
    pub fn render(&self) -> String {
        let has_var = self.0.iter().any(|p| matches!(p, Part::Var(_)));
        if let [Part::Var(name)] = self.0.as_slice() {
            return format!("\"${name}\"");
        }
        if !has_var {
            let text: String = self
                .0
                .iter()
                .map(|p| match p {
                    Part::Lit(s) => s.as_str(),
                    Part::Var(_) => "",
                })
                .collect();
            let safe = !text.is_empty()
                && text
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "_./:,=@+-%".contains(c));
            return if safe {
                text
            } else {
                format!("'{}'", text.replace('\'', r"'\''"))
            };
        }
        let mut out = String::from("\"");
        for p in &self.0 {
            match p {
                Part::Lit(s) => {
                    for c in s.chars() {
                        if matches!(c, '\\' | '"' | '$' | '`') {
                            out.push('\\');
                        }
                        out.push(c);
                    }
                }
                Part::Var(name) => {
                    let _ = write!(out, "${{{name}}}");
                }
            }
        }
        out.push('"');
        out
    }
}

/// One command of the script: `aws SERVICE VERB --flag value …`, possibly captured into a
/// variable (`VAR=$(aws …)`) or repeated by the `wait_for STATE` helper until it prints `STATE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Command {
    pub capture: Option<String>,
    pub wait_for: Option<String>,
    pub args: Vec<Word>,
}

impl Command {
    /// `aws SERVICE VERB`.
    pub fn aws(service: &str, verb: &str) -> Command {
        Command {
            capture: None,
            wait_for: None,
            args: vec![Word::lit("aws"), Word::lit(service), Word::lit(verb)],
        }
    }

    /// Adds a positional word (`aws ec2 wait nat-gateway-available`).
    pub fn word(mut self, w: Word) -> Command {
        self.args.push(w);
        self
    }

    /// Adds `flag value`.
    pub fn arg(mut self, flag: &str, value: Word) -> Command {
        self.args.push(Word::lit(flag));
        self.args.push(value);
        self
    }

    /// Adds `flag value` when there is a value.
    pub fn opt(self, flag: &str, value: Option<Word>) -> Command {
        match value {
            Some(v) => self.arg(flag, v),
            None => self,
        }
    }

    /// Adds `flag v1 v2 …` (nothing when `values` is empty).
    pub fn list(mut self, flag: &str, values: Vec<Word>) -> Command {
        if !values.is_empty() {
            self.args.push(Word::lit(flag));
            self.args.extend(values);
        }
        self
    }

    /// Adds a flag without a value (`--egress`).
    pub fn switch(mut self, flag: &str) -> Command {
        self.args.push(Word::lit(flag));
        self
    }

    /// Prints only `query` as text and keeps it in `var`.
    pub fn capture(self, var: &str, query: &str) -> Command {
        self.query(query).captured(var)
    }

    /// Prints only `query` as text.
    pub fn query(self, query: &str) -> Command {
        self.arg("--query", Word::lit(query))
            .arg("--output", Word::lit("text"))
    }

    /// Keeps the output in `var`.
    pub fn captured(mut self, var: &str) -> Command {
        self.capture = Some(var.to_string());
        self
    }

    /// Runs the command until it prints `state`.
    pub fn waiting_for(mut self, state: &str) -> Command {
        self.wait_for = Some(state.to_string());
        self
    }

    pub fn render(&self) -> String {
        let words: Vec<String> = self.args.iter().map(Word::render).collect();
        let line = words.join(" ");
        match (&self.capture, &self.wait_for) {
            (Some(var), _) => format!("{var}=$({line})"),
            (None, Some(state)) => format!("wait_for {} {line}", Word::lit(state.as_str()).render()),
            (None, None) => line,
        }
    }
}

/// The helper that polls a describe command until it prints the state wanted (the AWS CLI has no
/// waiter for transit gateways, their attachments and route tables). One line, so that every line
/// of the script is a comment, this helper or a command.
pub(crate) const WAIT_FOR: &str = r#"wait_for() { local want=$1; shift; for _ in $(seq 80); do [ "$("$@")" = "$want" ] && return 0; sleep 15; done; echo "timed out waiting for $want: $*" >&2; return 1; }"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_quoted_only_as_needed() {
        let cases = [
            (Word::lit("10.0.0.0/16"), "10.0.0.0/16"),
            (Word::lit("Name=vpc-id,Values=vpc-1"), "Name=vpc-id,Values=vpc-1"),
            (Word::lit("my vpc"), "'my vpc'"),
            (Word::lit("it's"), r"'it'\''s'"),
            (Word::lit(""), "''"),
            (Word::lit("[{\"a\":1}]"), "'[{\"a\":1}]'"),
            (Word::var("PCX_1"), "\"$PCX_1\""),
            (
                Word::lit("arn:aws:ec2:us-east-1:111122223333:subnet/").join(Word::var("SUBNET_1")),
                "\"arn:aws:ec2:us-east-1:111122223333:subnet/${SUBNET_1}\"",
            ),
            (
                Word::lit("a\"$`\\").join(Word::var("X")),
                "\"a\\\"\\$\\`\\\\${X}\"",
            ),
        ];
        for (word, want) in cases {
            assert_eq!(word.render(), want, "{word:?}");
        }
    }

    #[test]
    fn commands_render_captures_and_waits() {
        let c = Command::aws("ec2", "create-vpc")
            .arg("--cidr-block", Word::lit("10.1.0.0/16"))
            .capture("VPC_1", "Vpc.VpcId");
        assert_eq!(
            c.render(),
            "VPC_1=$(aws ec2 create-vpc --cidr-block 10.1.0.0/16 --query Vpc.VpcId --output text)"
        );
        let w = Command::aws("ec2", "describe-transit-gateways")
            .list("--transit-gateway-ids", vec![Word::var("TGW_1")])
            .query("TransitGateways[0].State")
            .waiting_for("available");
        assert_eq!(
            w.render(),
            "wait_for available aws ec2 describe-transit-gateways --transit-gateway-ids \"$TGW_1\" --query 'TransitGateways[0].State' --output text"
        );
        let empty = Command::aws("ec2", "x").list("--ids", vec![]).opt("--y", None);
        assert_eq!(empty.render(), "aws ec2 x");
    }
}
