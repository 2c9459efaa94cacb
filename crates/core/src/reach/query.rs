//! A reachability question: from, to, protocol, port.

use std::fmt;
use std::str::FromStr;

/// The IP protocol asked about. `All` asks whether *all* traffic passes: only rules that allow
/// every protocol (`-1`) match it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Proto {
    #[default]
    Tcp,
    Udp,
    Icmp,
    All,
}

impl Proto {
    /// `tcp`, `udp`, `icmp` or `all`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Proto::Tcp => "tcp",
            Proto::Udp => "udp",
            Proto::Icmp => "icmp",
            Proto::All => "all",
        }
    }

    /// Whether the protocol has ports (TCP and UDP).
    pub fn has_ports(&self) -> bool {
        matches!(self, Proto::Tcp | Proto::Udp)
    }
}

impl fmt::Display for Proto {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Proto {
    type Err = ReachError;

    /// Parses `tcp`, `udp`, `icmp`, `all` (also `-1`, `6`, `17`, `1`), case-insensitively.
    fn from_str(s: &str) -> Result<Proto, ReachError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "tcp" | "6" => Ok(Proto::Tcp),
            "udp" | "17" => Ok(Proto::Udp),
            "icmp" | "1" => Ok(Proto::Icmp),
            "all" | "-1" => Ok(Proto::All),
            _ => Err(ReachError::new(format!(
                "unknown protocol '{s}': use tcp, udp, icmp or all"
            ))),
        }
    }
}

/// A reachability question. `from` and `to` are an instance id (`i-…`), an ENI id (`eni-…`),
/// an IPv4 or IPv6 address, or (as `to` only) an AWS service name (`s3`,
/// `com.amazonaws.us-east-1.s3`).
///
/// The question is over IPv6 when `ipv6` is set or either end is an IPv6 address: an instance or
/// ENI is then its IPv6 address, and ICMP is ICMPv6.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    pub from: String,
    pub to: String,
    pub protocol: Proto,
    /// The destination port (TCP, UDP); required for those, ignored for ICMP and `all`.
    pub port: Option<u16>,
    /// Ask over IPv6 even when both ends are ids.
    pub ipv6: bool,
}

impl Query {
    /// A TCP question on `port`.
    pub fn tcp(from: &str, to: &str, port: u16) -> Query {
        Query {
            from: from.to_string(),
            to: to.to_string(),
            protocol: Proto::Tcp,
            port: Some(port),
            ipv6: false,
        }
    }

    /// A question with any protocol and optional port.
    pub fn new(from: &str, to: &str, protocol: Proto, port: Option<u16>) -> Query {
        Query {
            from: from.to_string(),
            to: to.to_string(),
            protocol,
            port,
            ipv6: false,
        }
    }

    /// The same question over IPv6.
    pub fn over_ipv6(self) -> Query {
        Query { ipv6: true, ..self }
    }
}

/// A question that cannot be asked of this estate (unknown id, bad address, missing port).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReachError {
    message: String,
}

impl ReachError {
    pub(crate) fn new(message: impl Into<String>) -> ReachError {
        ReachError {
            message: message.into(),
        }
    }

    /// The message, in plain words.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ReachError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ReachError {}
