//! The readable (non-`--json`) form of each [`Answer`]: aligned text tables.

use ipnet::IpNet;
use vpclab_core::cidr::{CidrInfo, Total};

use super::{size, Answer};

/// Aligns `rows` under `headers`, two spaces between columns, no trailing spaces.
fn columns(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let header: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
    let mut out = String::new();
    for row in std::iter::once(&header).chain(rows) {
        let mut line = String::new();
        for (cell, w) in row.iter().zip(&widths) {
            line.push_str(&format!("{cell:<w$}  "));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The table for an answer.
pub(super) fn table(answer: &Answer) -> String {
    match answer {
        Answer::Info(info) => info_table(info),
        Answer::Split { parent, subnets } => {
            let head = format!(
                "{parent} split into {} × /{}\n",
                subnets.len(),
                prefix_of(subnets)
            );
            head + &nets_table(subnets)
        }
        Answer::Aggregate { inputs, aggregated } => {
            let head = format!(
                "{} block{} aggregated into {}\n",
                inputs.len(),
                plural(inputs.len()),
                count(aggregated.len())
            );
            head + &nets_table(aggregated)
        }
        Answer::Overlap { inputs, pairs } => {
            if pairs.is_empty() {
                return format!("no overlaps among {}\n", count(inputs.len()));
            }
            let rows: Vec<Vec<String>> = pairs
                .iter()
                .map(|&(i, j)| {
                    let (a, b) = (inputs[i], inputs[j]);
                    let how = if a == b {
                        "same block"
                    } else if a.contains(&b) {
                        "B inside A"
                    } else {
                        "A inside B"
                    };
                    vec![
                        i.to_string(),
                        a.to_string(),
                        j.to_string(),
                        b.to_string(),
                        how.to_string(),
                    ]
                })
                .collect();
            let head = format!("{} overlapping pair{}\n", pairs.len(), plural(pairs.len()));
            head + &columns(&["#A", "A", "#B", "B", "HOW"], &rows)
        }
        Answer::Exclude {
            parent,
            excluded,
            remaining,
        } => {
            let removed: Vec<String> = excluded.iter().map(|e| e.to_string()).collect();
            if remaining.is_empty() {
                return format!("{parent} minus {} leaves nothing\n", removed.join(", "));
            }
            let head = format!(
                "{parent} minus {} leaves {}\n",
                removed.join(", "),
                count(remaining.len())
            );
            head + &nets_table(remaining)
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn count(n: usize) -> String {
    format!("{n} block{}", plural(n))
}

fn prefix_of(nets: &[IpNet]) -> u8 {
    nets.first().map_or(0, |n| n.prefix_len())
}

/// One row per block: the block, its first and last address and its size.
fn nets_table(nets: &[IpNet]) -> String {
    let rows: Vec<Vec<String>> = nets
        .iter()
        .enumerate()
        .map(|(i, n)| {
            vec![
                i.to_string(),
                n.to_string(),
                n.network().to_string(),
                n.broadcast().to_string(),
                size(*n),
            ]
        })
        .collect();
    columns(&["#", "CIDR", "FIRST", "LAST", "ADDRESSES"], &rows)
}

/// What each of the five AWS-reserved addresses is for ("Subnet CIDR blocks", Amazon VPC User Guide).
const RESERVED_ROLES: [&str; 5] = [
    "network address",
    "VPC router",
    "DNS server",
    "reserved for future use",
    "last address",
];

fn info_table(info: &CidrInfo) -> String {
    let total = match &info.total {
        Total::V4(n) => n.to_string(),
        Total::V6(s) => s.clone(),
    };
    let mut rows = vec![
        ("CIDR", info.cidr.clone()),
        ("Network", info.network.clone()),
        ("Last address", info.last.clone()),
        ("Netmask", info.netmask.clone()),
        ("Prefix length", format!("/{}", info.prefix_len)),
        ("Addresses", total),
    ];
    const NOT_AWS: &str = "n/a (AWS subnets here are IPv4 /16 to /28)";
    match (&info.aws_usable, &info.aws_reserved) {
        (Some(usable), Some(reserved)) => {
            rows.push(("AWS usable", format!("{usable} (5 reserved)")));
            let width = reserved.iter().map(|a| a.len()).max().unwrap_or(0);
            for (k, (addr, role)) in reserved.iter().zip(RESERVED_ROLES).enumerate() {
                let label = if k == 0 { "AWS reserved" } else { "" };
                rows.push((label, format!("{addr:<width$}  {role}")));
            }
        }
        _ => {
            rows.push(("AWS usable", NOT_AWS.to_string()));
            rows.push(("AWS reserved", NOT_AWS.to_string()));
        }
    }
    rows.push(("Bits", marked_bits(info)));
    let width = rows.iter().map(|(l, _)| l.len()).max().unwrap_or(0);
    rows.iter()
        .map(|(label, value)| format!("{label:<width$}  {value}\n"))
        .collect()
}

/// The address bits, grouped in octets (IPv4) or 16-bit groups (IPv6), with `|` after the prefix.
fn marked_bits(info: &CidrInfo) -> String {
    let group = if info.bits.len() == 32 { 8 } else { 16 };
    let mut out = String::new();
    for (k, bit) in info.bits.chars().enumerate() {
        if k == usize::from(info.prefix_len) {
            out.push('|');
        } else if k > 0 && k % group == 0 {
            out.push(' ');
        }
        out.push(bit);
    }
    if usize::from(info.prefix_len) == info.bits.len() {
        out.push('|');
    }
    format!("{out}  (| ends the /{} prefix)", info.prefix_len)
}

#[cfg(test)]
mod tests {
    use super::*;
    use vpclab_core::cidr;

    #[test]
    fn bits_mark_the_prefix() {
        let cases = [
            ("10.0.0.0/16", "00001010 00000000|00000000 00000000"),
            ("192.0.2.64/26", "11000000 00000000 00000010 01|000000"),
            ("0.0.0.0/0", "|00000000 00000000 00000000 00000000"),
            ("192.0.2.1/32", "11000000 00000000 00000010 00000001|"),
        ];
        for (c, want) in cases {
            let info = cidr::info(cidr::parse(c).unwrap());
            assert_eq!(
                marked_bits(&info),
                format!("{want}  (| ends the /{} prefix)", info.prefix_len),
                "{c}"
            );
        }
    }

    #[test]
    fn columns_align_and_trim() {
        let rows = vec![
            vec!["0".into(), "10.0.0.0/18".into()],
            vec!["10".into(), "x".into()],
        ];
        assert_eq!(
            columns(&["#", "CIDR"], &rows),
            "#   CIDR\n0   10.0.0.0/18\n10  x\n"
        );
    }
}
