//! CIDR math on [`ipnet`]: info, split, aggregate, overlap, exclude, and the five addresses AWS
//! reserves in every subnet.
//!
//! Input is refused, not repaired: a CIDR with host bits set (`10.0.0.1/16`) is an error that
//! shows the canonical form (`10.0.0.0/16`), because working out that form is the bit math a
//! learner is here to practise. AWS's own API would silently truncate it instead
//! (see `../shared/AWS-FACTS.md`, "Addresses").

use std::fmt;
use std::net::IpAddr;

use ipnet::{IpNet, Ipv4Net, Ipv6Net};
use serde::Serialize;

/// The most subnets [`split`] will list; more is refused rather than allocated.
pub const MAX_SPLIT: u128 = 65_536;

/// Why a CIDR operation refused its input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CidrError {
    /// Not `ADDRESS/PREFIX` at all.
    Syntax { input: String },
    /// The prefix length is out of range for the address family.
    PrefixRange { input: String, max: u8 },
    /// Host bits are set; `canonical` is the network the caller probably meant.
    HostBitsSet { input: String, canonical: String },
    /// `split` asked for a prefix not longer than the network's own, or too long.
    SplitPrefix {
        cidr: String,
        prefix: u8,
        min: u8,
        max: u8,
    },
    /// `split` would produce more than [`MAX_SPLIT`] subnets.
    TooManySubnets {
        cidr: String,
        prefix: u8,
        count: u128,
        longest: u8,
    },
}

impl fmt::Display for CidrError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CidrError::Syntax { input } => write!(
                f,
                "'{input}' is not a CIDR block: {}expected ADDRESS/PREFIX such as 10.0.0.0/16 or 2001:db8::/56",
                syntax_detail(input)
            ),
            CidrError::PrefixRange { input, max } => write!(
                f,
                "'{input}' has a prefix length out of range: it must be 0 to {max} for this address family"
            ),
            CidrError::HostBitsSet { input, canonical } => write!(
                f,
                "'{input}' has host bits set: the network address for that prefix is {canonical}"
            ),
            CidrError::SplitPrefix { cidr, prefix, min, max } => write!(
                f,
                "cannot split {cidr} into /{prefix} subnets: the new prefix must be /{min} to /{max}"
            ),
            CidrError::TooManySubnets { cidr, prefix, count, longest } => write!(
                f,
                "splitting {cidr} into /{prefix} subnets gives {count} subnets, more than the {MAX_SPLIT} allowed: choose /{longest} or shorter"
            ),
        }
    }
}

impl std::error::Error for CidrError {}

/// Which part of a text that is not `ADDRESS/PREFIX` is wrong, with a trailing `"; "` (empty
/// when the text is blank): the `/PREFIX` is missing, the address is not one, or the prefix is
/// not a whole number.
fn syntax_detail(input: &str) -> String {
    let text = input.trim();
    if text.is_empty() {
        return String::new();
    }
    let Some((addr, len)) = text.split_once('/') else {
        return "it has no /PREFIX; ".to_string();
    };
    match addr.parse::<IpAddr>() {
        Err(_) => format!("'{addr}' is not an IPv4 or IPv6 address; "),
        Ok(a) => {
            let max = if a.is_ipv4() { 32 } else { 128 };
            format!("the prefix '{len}' is not a whole number from 0 to {max}; ")
        }
    }
}

/// Parses `ADDRESS/PREFIX` (IPv4 or IPv6), refusing host bits.
///
/// # Examples
/// ```
/// use vpclab_core::cidr::parse;
/// assert_eq!(parse("10.0.0.0/16").unwrap().to_string(), "10.0.0.0/16");
/// let err = parse("10.0.0.1/16").unwrap_err();
/// assert!(err.to_string().contains("10.0.0.0/16"));
/// assert!(parse("10.0.0.0/33").is_err());
/// assert!(parse("banana").is_err());
/// ```
pub fn parse(input: &str) -> Result<IpNet, CidrError> {
    let text = input.trim();
    let (addr, len) = text
        .split_once('/')
        .ok_or_else(|| CidrError::Syntax { input: input.into() })?;
    let addr: IpAddr = addr
        .parse()
        .map_err(|_| CidrError::Syntax { input: input.into() })?;
    let max = if addr.is_ipv4() { 32 } else { 128 };
    if len.is_empty() || !len.bytes().all(|b| b.is_ascii_digit()) {
        return Err(CidrError::Syntax { input: input.into() });
    }
    let len: u8 = match len.parse() {
        Ok(l) if l <= max => l,
        _ => {
            return Err(CidrError::PrefixRange {
                input: input.into(),
                max,
            })
        }
    };
    let net = IpNet::new(addr, len).map_err(|_| CidrError::PrefixRange {
        input: input.into(),
        max,
    })?;
    if net.addr() != net.network() {
        return Err(CidrError::HostBitsSet {
            input: input.into(),
            canonical: net.trunc().to_string(),
        });
    }
    Ok(net)
}

/// How many addresses a block holds: a JSON number for IPv4, a decimal string for IPv6
/// (2^128 does not fit a JSON number that JavaScript can read exactly).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Total {
    V4(u64),
    V6(String),
}

/// Everything a learner wants to know about one CIDR block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CidrInfo {
    /// The block, canonical.
    pub cidr: String,
    /// First address.
    pub network: String,
    /// Last address (the broadcast address in IPv4 terms).
    pub last: String,
    /// The mask as an address (`255.255.0.0`).
    pub netmask: String,
    pub prefix_len: u8,
    pub total: Total,
    /// `total - 5` for an IPv4 block that AWS accepts as a subnet (/16 to /28), else `None`.
    pub aws_usable: Option<u64>,
    /// The five addresses AWS reserves (network, +1 router, +2 DNS, +3 future, last) for an IPv4
    /// block of /16 to /28 or an IPv6 block of an allowed subnet size
    /// ([`AWS_IPV6_SUBNET_PREFIXES`]), else `None`. See "Subnet CIDR blocks", Amazon VPC User
    /// Guide.
    pub aws_reserved: Option<Vec<String>>,
    /// The address bits of the network, most significant first (32 or 128 characters of 0/1).
    pub bits: String,
    /// Why no reserved addresses are shown, when they are not: an IPv4 block outside
    /// [`AWS_IPV4_PREFIXES`], or an IPv6 block not of [`AWS_IPV6_SUBNET_PREFIXES`], cannot be a
    /// subnet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aws_note: Option<String>,
}

/// The prefix lengths AWS accepts for an IPv4 VPC or subnet CIDR block: /16 to /28 ("Subnet CIDR
/// blocks", <https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html>).
pub const AWS_IPV4_PREFIXES: std::ops::RangeInclusive<u8> = 16..=28;

/// Whether AWS accepts an IPv4 block of this prefix length as a VPC or subnet CIDR.
pub fn aws_ipv4_prefix_ok(prefix_len: u8) -> bool {
    AWS_IPV4_PREFIXES.contains(&prefix_len)
}

/// `/16 to /28`: [`AWS_IPV4_PREFIXES`] in words.
pub fn aws_ipv4_prefixes_text() -> String {
    format!("/{} to /{}", AWS_IPV4_PREFIXES.start(), AWS_IPV4_PREFIXES.end())
}

/// Describes a block.
///
/// # Examples
/// ```
/// use vpclab_core::cidr::{info, parse, Total};
/// let i = info(parse("10.0.0.0/28").unwrap());
/// assert_eq!(i.last, "10.0.0.15");
/// assert_eq!(i.total, Total::V4(16));
/// assert_eq!(i.aws_usable, Some(11));
/// assert_eq!(i.aws_reserved.unwrap()[1], "10.0.0.1");
/// // Outside /16–/28 AWS would not accept it as a subnet: no reserved addresses.
/// assert_eq!(info(parse("10.0.0.0/8").unwrap()).aws_usable, None);
/// ```
pub fn info(net: IpNet) -> CidrInfo {
    let (total, aws_usable, aws_reserved, bits) = match net {
        IpNet::V4(n) => {
            let total = 1u64 << (32 - n.prefix_len());
            let aws = aws_ipv4_prefix_ok(n.prefix_len());
            let base = u32::from(n.network());
            let reserved = aws.then(|| {
                [base, base + 1, base + 2, base + 3, u32::from(n.broadcast())]
                    .iter()
                    .map(|a| std::net::Ipv4Addr::from(*a).to_string())
                    .collect()
            });
            (
                Total::V4(total),
                // Lazily: `total - 5` underflows for /30 to /32, which are not AWS subnets anyway.
                aws.then(|| total - 5),
                reserved,
                format!("{base:032b}"),
            )
        }
        IpNet::V6(n) => {
            let total = 1u128.checked_shl(128 - u32::from(n.prefix_len()));
            let total = match total {
                Some(t) => t.to_string(),
                None => "340282366920938463463374607431768211456".to_string(),
            };
            (
                Total::V6(total),
                None,
                aws_reserved_ipv6(n).map(|r| r.iter().map(|a| a.to_string()).collect()),
                format!("{:0128b}", u128::from(n.network())),
            )
        }
    };
    let aws_note = match net {
        IpNet::V4(_) if aws_reserved.is_some() => None,
        IpNet::V4(_) => Some(format!(
            "AWS accepts IPv4 subnets from {} only, so this block cannot be a subnet.",
            aws_ipv4_prefixes_text()
        )),
        IpNet::V6(_) if aws_reserved.is_some() => None,
        IpNet::V6(_) => Some(format!(
            "AWS accepts IPv6 subnets of {} only, so this block cannot be a subnet.",
            aws_ipv6_prefixes_text()
        )),
    };
    CidrInfo {
        cidr: net.to_string(),
        network: net.network().to_string(),
        last: net.broadcast().to_string(),
        netmask: net.netmask().to_string(),
        prefix_len: net.prefix_len(),
        total,
        aws_usable,
        aws_reserved,
        bits,
        aws_note,
    }
}

/// Splits a block into every subnet of `prefix`, in address order.
///
/// # Examples
/// ```
/// use vpclab_core::cidr::{parse, split};
/// let s = split(parse("10.0.0.0/16").unwrap(), 18).unwrap();
/// assert_eq!(s.len(), 4);
/// assert_eq!(s[3].to_string(), "10.0.192.0/18");
/// assert!(split(parse("10.0.0.0/16").unwrap(), 8).is_err());
/// assert!(split(parse("10.0.0.0/8").unwrap(), 32).is_err()); // 16 million subnets
/// ```
pub fn split(net: IpNet, prefix: u8) -> Result<Vec<IpNet>, CidrError> {
    let max = net.max_prefix_len();
    if prefix < net.prefix_len() || prefix > max {
        return Err(CidrError::SplitPrefix {
            cidr: net.to_string(),
            prefix,
            min: net.prefix_len(),
            max,
        });
    }
    let bits = u32::from(prefix - net.prefix_len());
    let count = 1u128.checked_shl(bits).unwrap_or(u128::MAX);
    if bits >= 127 || count > MAX_SPLIT {
        let longest = net.prefix_len() + 16;
        return Err(CidrError::TooManySubnets {
            cidr: net.to_string(),
            prefix,
            count,
            longest,
        });
    }
    net.subnets(prefix)
        .map(|it| it.collect())
        .map_err(|_| CidrError::SplitPrefix {
            cidr: net.to_string(),
            prefix,
            min: net.prefix_len(),
            max,
        })
}

/// The minimal set of blocks covering exactly the union of the inputs, IPv4 first, then in
/// address order.
///
/// # Examples
/// ```
/// use vpclab_core::cidr::{aggregate, parse};
/// let nets = ["10.0.0.0/25", "10.0.0.128/25", "10.0.1.0/24"].map(|c| parse(c).unwrap());
/// assert_eq!(aggregate(&nets)[0].to_string(), "10.0.0.0/23");
/// // Blocks that are not aligned stay apart.
/// let apart = ["10.0.1.0/24", "10.0.2.0/24"].map(|c| parse(c).unwrap());
/// assert_eq!(aggregate(&apart).len(), 2);
/// ```
pub fn aggregate(nets: &[IpNet]) -> Vec<IpNet> {
    let mut out = IpNet::aggregate(&nets.to_vec());
    out.sort();
    out
}

/// Whether two blocks share any address (blocks of different families never do).
///
/// # Examples
/// ```
/// use vpclab_core::cidr::{overlaps, parse};
/// assert!(overlaps(&parse("10.0.0.0/16").unwrap(), &parse("10.0.5.0/24").unwrap()));
/// assert!(!overlaps(&parse("10.0.0.0/16").unwrap(), &parse("10.1.0.0/16").unwrap()));
/// ```
pub fn overlaps(a: &IpNet, b: &IpNet) -> bool {
    a.contains(&b.network()) || b.contains(&a.network())
}

/// Index pairs `(i, j)`, `i < j`, of the inputs that overlap, in order.
///
/// Two CIDR blocks overlap only when one contains the other, so one sort and one sweep find every
/// pair: in order of (family, first address, prefix length), the blocks still open (those whose
/// range reaches the current block's first address) form a chain of nested blocks, and each of
/// them contains the current one. O(n log n + pairs), not the n² of comparing every pair.
///
/// # Examples
/// ```
/// use vpclab_core::cidr::{overlap_pairs, parse};
/// let nets = ["10.0.0.0/16", "10.1.0.0/16", "10.0.128.0/17"].map(|c| parse(c).unwrap());
/// assert_eq!(overlap_pairs(&nets), vec![(0, 2)]);
/// assert!(overlap_pairs(&nets[..2]).is_empty());
/// ```
pub fn overlap_pairs(nets: &[IpNet]) -> Vec<(usize, usize)> {
    // (family, first address, prefix length, last address, index), sorted by the first three
    // then the index. IPv4 blocks, most of any list, sort on one packed u64 (first address and
    // prefix length) with their index; IPv6 blocks on the tuple.
    let mut v4: Vec<(u64, usize)> = Vec::new();
    let mut v6: Vec<(u128, u8, usize)> = Vec::new();
    for (i, n) in nets.iter().enumerate() {
        match n {
            IpNet::V4(v) => v4.push((
                (u64::from(u32::from(v.network())) << 6) | u64::from(v.prefix_len()),
                i,
            )),
            IpNet::V6(v) => v6.push((u128::from(v.network()), v.prefix_len(), i)),
        }
    }
    v4.sort_unstable();
    v6.sort_unstable();
    let order = v4
        .iter()
        .map(|&(key, i)| {
            let first = u128::from((key >> 6) as u32);
            let len = (key & 63) as u32;
            let last = first | (u128::from(u32::MAX) >> len.min(32));
            (0u8, first, last, i)
        })
        .chain(v6.iter().map(|&(first, len, i)| {
            let last = first | u128::MAX.checked_shr(u32::from(len)).unwrap_or(0);
            (1u8, first, last, i)
        }));
    // The open blocks: (family, last address, index), each containing the next.
    let mut open: Vec<(u8, u128, usize)> = Vec::new();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (family, first, last, i) in order {
        while open.last().is_some_and(|&(f, end, _)| f != family || end < first) {
            open.pop();
        }
        pairs.extend(open.iter().map(|&(_, _, j)| (j.min(i), j.max(i))));
        open.push((family, last, i));
    }
    // In order: grouped by the first index (a counting sort), then each group sorted.
    let mut starts = vec![0usize; nets.len() + 1];
    for &(a, _) in &pairs {
        starts[a + 1] += 1;
    }
    for k in 1..starts.len() {
        starts[k] += starts[k - 1];
    }
    let mut seconds = vec![0usize; pairs.len()];
    let mut fill = starts.clone();
    for &(a, b) in &pairs {
        seconds[fill[a]] = b;
        fill[a] += 1;
    }
    let mut out = Vec::with_capacity(pairs.len());
    for a in 0..nets.len() {
        let group = &mut seconds[starts[a]..starts[a + 1]];
        group.sort_unstable();
        out.extend(group.iter().map(|&b| (a, b)));
    }
    out
}

/// `net` minus every block of `excluded`, as a minimal list in address order.
///
/// # Examples
/// ```
/// use vpclab_core::cidr::{exclude, parse};
/// let rest = exclude(parse("10.0.0.0/24").unwrap(), &[parse("10.0.0.0/26").unwrap()]);
/// let rest: Vec<String> = rest.iter().map(|n| n.to_string()).collect();
/// assert_eq!(rest, ["10.0.0.64/26", "10.0.0.128/25"]);
/// // Excluding the whole block leaves nothing; excluding something elsewhere changes nothing.
/// assert!(exclude(parse("10.0.0.0/24").unwrap(), &[parse("10.0.0.0/8").unwrap()]).is_empty());
/// assert_eq!(exclude(parse("10.0.0.0/24").unwrap(), &[parse("192.0.2.0/24").unwrap()]).len(), 1);
/// ```
pub fn exclude(net: IpNet, excluded: &[IpNet]) -> Vec<IpNet> {
    let mut pieces = vec![net];
    for e in excluded {
        let mut next = Vec::with_capacity(pieces.len() + 8);
        for p in pieces {
            if e.contains(&p) {
                continue; // wholly removed
            } else if p.contains(e) {
                next.extend(carve(p, *e));
            } else {
                next.push(p); // disjoint (two aligned blocks either nest or are disjoint)
            }
        }
        pieces = next;
    }
    aggregate(&pieces)
}

/// The blocks of `outer` that remain when `inner` (inside it) is removed: at each prefix length
/// from `outer`'s down to `inner`'s, the sibling of the half that holds `inner`.
fn carve(outer: IpNet, inner: IpNet) -> Vec<IpNet> {
    let mut out = Vec::new();
    for len in outer.prefix_len() + 1..=inner.prefix_len() {
        let holder = match inner {
            IpNet::V4(n) => IpNet::V4(Ipv4Net::new(n.network(), len).expect("len ≤ 32").trunc()),
            IpNet::V6(n) => IpNet::V6(Ipv6Net::new(n.network(), len).expect("len ≤ 128").trunc()),
        };
        out.push(sibling(holder));
    }
    out
}

/// The other half of `net`'s supernet (`net` has a prefix length of at least 1).
fn sibling(net: IpNet) -> IpNet {
    match net {
        IpNet::V4(n) => {
            let flip = 1u32 << (32 - n.prefix_len());
            let a = std::net::Ipv4Addr::from(u32::from(n.network()) ^ flip);
            IpNet::V4(Ipv4Net::new(a, n.prefix_len()).expect("same prefix"))
        }
        IpNet::V6(n) => {
            let flip = 1u128 << (128 - n.prefix_len());
            let a = std::net::Ipv6Addr::from(u128::from(n.network()) ^ flip);
            IpNet::V6(Ipv6Net::new(a, n.prefix_len()).expect("same prefix"))
        }
    }
}

// ---- IPv6 (issue 13) ----

/// The prefix lengths AWS accepts for an IPv6 subnet block: /44 to /64 in steps of /4. A VPC's
/// Amazon-provided IPv6 block is a /56. See "Subnet CIDR blocks", section "Subnet sizing for
/// IPv6", <https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html>.
pub const AWS_IPV6_SUBNET_PREFIXES: [u8; 6] = [44, 48, 52, 56, 60, 64];

/// Whether AWS accepts an IPv6 block of this prefix length as a subnet's.
///
/// # Examples
/// ```
/// use vpclab_core::cidr::aws_ipv6_subnet_prefix_ok;
/// assert!(aws_ipv6_subnet_prefix_ok(64));
/// assert!(!aws_ipv6_subnet_prefix_ok(65));
/// assert!(!aws_ipv6_subnet_prefix_ok(62));
/// ```
pub fn aws_ipv6_subnet_prefix_ok(prefix_len: u8) -> bool {
    AWS_IPV6_SUBNET_PREFIXES.contains(&prefix_len)
}

/// `/44, /48, /52, /56, /60 or /64`: [`AWS_IPV6_SUBNET_PREFIXES`] in words.
pub fn aws_ipv6_prefixes_text() -> String {
    let all: Vec<String> = AWS_IPV6_SUBNET_PREFIXES.iter().map(|p| format!("/{p}")).collect();
    let (last, rest) = all.split_last().expect("not empty");
    format!("{} or {last}", rest.join(", "))
}

/// The five addresses AWS reserves in an IPv6 subnet block: the first four and the last, as in
/// IPv4 ("Subnet CIDR blocks", section "Subnet sizing for IPv6", Amazon VPC User Guide); `None`
/// for a block that cannot be a subnet ([`aws_ipv6_subnet_prefix_ok`]).
///
/// # Examples
/// ```
/// use vpclab_core::cidr::aws_reserved_ipv6;
/// let r = aws_reserved_ipv6("2001:db8:1234:1a00::/64".parse().unwrap()).unwrap();
/// assert_eq!(r[3].to_string(), "2001:db8:1234:1a00::3");
/// assert_eq!(r[4].to_string(), "2001:db8:1234:1a00:ffff:ffff:ffff:ffff");
/// assert!(aws_reserved_ipv6("2001:db8::/120".parse().unwrap()).is_none());
/// ```
pub fn aws_reserved_ipv6(net: Ipv6Net) -> Option<[std::net::Ipv6Addr; 5]> {
    if !aws_ipv6_subnet_prefix_ok(net.prefix_len()) {
        return None;
    }
    let base = u128::from(net.network());
    let a = std::net::Ipv6Addr::from;
    Some([a(base), a(base + 1), a(base + 2), a(base + 3), net.broadcast()])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> IpNet {
        parse(s).unwrap()
    }

    #[test]
    fn parse_refuses_bad_input_with_a_message_naming_it() {
        let bad = [
            ("10.0.0.1/16", "10.0.0.0/16"),
            ("192.0.2.77/24", "192.0.2.0/24"),
            ("2001:db8::1/64", "2001:db8::/64"),
            ("10.0.0.0/33", "0 to 32"),
            ("2001:db8::/129", "0 to 128"),
            ("10.0.0.0", "ADDRESS/PREFIX"),
            ("10.0.0/16", "ADDRESS/PREFIX"),
            ("10.0.0.0/-1", "ADDRESS/PREFIX"),
            ("", "ADDRESS/PREFIX"),
            ("10.0.0.0", "it has no /PREFIX"),
            ("256.0.0.0/8", "'256.0.0.0' is not an IPv4 or IPv6 address"),
            (
                "10.0.0.0/-1",
                "the prefix '-1' is not a whole number from 0 to 32",
            ),
            (
                "2001:db8::/64%eth0",
                "the prefix '64%eth0' is not a whole number from 0 to 128",
            ),
        ];
        for (input, hint) in bad {
            let msg = parse(input).unwrap_err().to_string();
            assert!(msg.contains(hint), "{input}: {msg}");
            assert!(msg.contains(input), "{input}: {msg}");
        }
    }

    #[test]
    fn info_of_slash16_reserves_five() {
        let i = info(p("10.1.0.0/16"));
        assert_eq!(i.netmask, "255.255.0.0");
        assert_eq!(i.total, Total::V4(65_536));
        assert_eq!(i.aws_usable, Some(65_531));
        assert_eq!(
            i.aws_reserved.unwrap(),
            ["10.1.0.0", "10.1.0.1", "10.1.0.2", "10.1.0.3", "10.1.255.255"]
        );
        assert_eq!(&i.bits[..16], "0000101000000001");
    }

    #[test]
    fn info_of_ipv6_and_extremes() {
        assert_eq!(
            info(p("::/0")).total,
            Total::V6("340282366920938463463374607431768211456".into())
        );
        assert_eq!(
            info(p("2001:db8::/64")).total,
            Total::V6("18446744073709551616".into())
        );
        assert_eq!(info(p("0.0.0.0/0")).total, Total::V4(1 << 32));
        assert_eq!(info(p("10.0.0.0/29")).aws_usable, None);
        // Blocks smaller than five addresses must not underflow `total - 5`.
        for (cidr, total) in [("192.0.2.4/30", 4), ("192.0.2.6/31", 2), ("192.0.2.1/32", 1)] {
            let i = info(p(cidr));
            assert_eq!(
                (i.total, i.aws_usable, i.aws_reserved),
                (Total::V4(total), None, None),
                "{cidr}"
            );
        }
        assert_eq!(info(p("2001:db8::1/128")).total, Total::V6("1".into()));
        assert_eq!(info(p("10.0.0.0/15")).aws_reserved, None);
    }

    /// AWS reserves the first four and the last address of an IPv6 subnet of /44 to /64 in steps
    /// of /4 ("Subnet CIDR blocks", Subnet sizing for IPv6); other IPv6 blocks get a note.
    #[test]
    fn info_of_an_ipv6_subnet_shows_what_aws_reserves() {
        let i = info(p("2600:1f18:4a3:6900::/64"));
        assert_eq!(
            i.aws_reserved.unwrap(),
            [
                "2600:1f18:4a3:6900::",
                "2600:1f18:4a3:6900::1",
                "2600:1f18:4a3:6900::2",
                "2600:1f18:4a3:6900::3",
                "2600:1f18:4a3:6900:ffff:ffff:ffff:ffff"
            ]
        );
        assert_eq!(i.aws_note, None);
        for inside in ["2001:db8::/44", "2001:db8::/56", "2001:db8::/60"] {
            assert!(info(p(inside)).aws_reserved.is_some(), "{inside}");
        }
        for outside in [
            "2001:db8::/40",
            "2001:db8::/62",
            "2001:db8::/65",
            "2001:db8::/128",
        ] {
            let i = info(p(outside));
            assert_eq!(i.aws_reserved, None, "{outside}");
            assert!(
                i.aws_note.unwrap().contains("/44, /48, /52, /56, /60 or /64"),
                "{outside}"
            );
        }
    }

    #[test]
    fn split_limits() {
        assert_eq!(split(p("10.0.0.0/8"), 24).unwrap().len(), 65_536);
        assert!(matches!(
            split(p("10.0.0.0/8"), 25),
            Err(CidrError::TooManySubnets { .. })
        ));
        assert!(split(p("::/0"), 128).is_err());
        assert_eq!(split(p("10.0.0.0/24"), 24).unwrap(), vec![p("10.0.0.0/24")]);
    }

    #[test]
    fn exclude_several() {
        let rest = exclude(
            p("10.0.0.0/16"),
            &[p("10.0.0.0/17"), p("10.0.128.0/18"), p("10.0.255.0/24")],
        );
        let rest: Vec<String> = rest.iter().map(|n| n.to_string()).collect();
        assert_eq!(
            rest,
            [
                "10.0.192.0/19",
                "10.0.224.0/20",
                "10.0.240.0/21",
                "10.0.248.0/22",
                "10.0.252.0/23",
                "10.0.254.0/24"
            ]
        );
    }

    /// The sweep finds exactly the pairs that comparing every pair finds: duplicates, nesting
    /// several deep, blocks side by side, both families, an all-covering /0, in any order.
    #[test]
    fn overlap_pairs_agree_with_every_pair_compared() {
        let fixed = [
            "10.0.0.0/8",
            "10.0.0.0/16",
            "10.0.0.0/16",
            "10.0.1.0/24",
            "10.1.0.0/16",
            "10.0.255.0/24",
            "192.0.2.0/24",
            "192.0.2.128/25",
            "198.51.100.0/24",
            "2001:db8::/32",
            "2001:db8:1::/48",
            "2001:db8::/32",
            "::/0",
            "0.0.0.0/0",
            "203.0.113.7/32",
        ];
        let mut nets: Vec<IpNet> = fixed.iter().map(|c| p(c)).collect();
        // A deterministic pseudo-random mix inside 10.0.0.0/14: lengths 14 to 28, many overlaps.
        let mut x: u32 = 0x2545_f491;
        for _ in 0..300 {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            let len = 14 + (x % 15) as u8;
            let addr = std::net::Ipv4Addr::from((10u32 << 24) | (x >> 8 & 0x3_ffff) << 6);
            let net = ipnet::Ipv4Net::new(addr, len).map(|n| n.trunc());
            nets.push(IpNet::V4(net.expect("a prefix length of at most 32")));
        }
        let mut naive = Vec::new();
        for (i, a) in nets.iter().enumerate() {
            for (j, b) in nets.iter().enumerate().skip(i + 1) {
                if overlaps(a, b) {
                    naive.push((i, j));
                }
            }
        }
        assert!(naive.len() > 300, "the mix overlaps a lot: {}", naive.len());
        assert_eq!(overlap_pairs(&nets), naive);
        nets.reverse();
        let n = nets.len();
        let mut reversed: Vec<(usize, usize)> = naive.iter().map(|&(i, j)| (n - 1 - j, n - 1 - i)).collect();
        reversed.sort_unstable();
        assert_eq!(overlap_pairs(&nets), reversed);
    }
}
