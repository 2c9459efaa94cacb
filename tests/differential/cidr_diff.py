#!/usr/bin/env python3
"""Differential test: `vpclab cidr batch` against Python's standard `ipaddress` module.

Generates seeded random cases over the five CIDR operations (info, split, aggregate, overlap,
exclude), IPv4 and IPv6, clustered around a few random blocks so that overlaps, containment and
merges really happen, with edge prefixes (/0, /32, /128), address-space edges, IPv4-mapped IPv6
and bad inputs that both sides must refuse. All cases go through one `vpclab cidr batch` process;
each answer is compared with what `ipaddress` computes. Any difference prints the case and both
answers. The last line is exactly `N passed, M failed`; the exit status is 1 when M > 0.

Python 3.11 standard library only.
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import random
import subprocess
import sys
import time
from ipaddress import IPv4Network, IPv6Network, ip_address, ip_network

MAX_SPLIT = 65_536
DETAIL_LIMIT = 25  # failures printed in full; the rest are only counted

Net = IPv4Network | IPv6Network


# ----------------------------------------------------------------------------------------------
# Generation


class Gen:
    """Seeded generator of clustered blocks and requests."""

    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)

    def cluster(self, v6: bool | None = None) -> tuple[int, int, int]:
        """(version, base address, region prefix): the area one case's blocks gather around."""
        r = self.r
        if v6 is None:
            v6 = r.random() < 0.4
        bits = 128 if v6 else 32
        roll = r.random()
        if roll < 0.05:
            base = 0  # the bottom edge of the address space
        elif roll < 0.10:
            base = (1 << bits) - 1  # the top edge
        elif v6 and roll < 0.16:
            base = (0xFFFF << 32) | r.getrandbits(32)  # IPv4-mapped (::ffff:a.b.c.d)
        else:
            base = r.getrandbits(bits)
        if r.random() < 0.04:
            region = 0
        elif v6:
            region = r.randint(96, 126) if base >> 32 == 0xFFFF else r.randint(8, 126)
        else:
            region = r.randint(4, 30)
        return (6 if v6 else 4, base, region)

    def net_near(self, cluster: tuple[int, int, int]) -> Net:
        """A block in the cluster: a parent, the region itself, a sibling or a child."""
        r = self.r
        version, base, region = cluster
        bits = 128 if version == 6 else 32
        roll = r.random()
        if roll < 0.03:
            length = 0
        elif roll < 0.08:
            length = bits
        else:
            length = min(bits, max(0, region + r.randint(-3, 10)))
        host = bits - region
        addr = (base >> host << host) | r.getrandbits(host) if host else base
        return ip_network((addr, length), strict=False)

    def nets(self, most: int, family_mix: bool = True) -> list[Net]:
        """Blocks from one to three clusters (possibly both families), shuffled."""
        r = self.r
        clusters = [self.cluster() for _ in range(r.randint(1, 3 if family_mix else 1))]
        out = [self.net_near(r.choice(clusters)) for _ in range(r.randint(0, most))]
        r.shuffle(out)
        return out

    def text(self, net: Net) -> str:
        """The block as text; IPv6 sometimes written out in full (both sides must accept it)."""
        if net.version == 6 and self.r.random() < 0.1:
            return f"{net.network_address.exploded}/{net.prefixlen}"
        return str(net)

    def bad(self, near: Net) -> str:
        """Text that is not a canonical CIDR block; both sides must refuse it."""
        r = self.r
        bits = near.max_prefixlen
        roll = r.random()
        if roll < 0.6 and near.prefixlen < bits:
            host = r.randint(1, (1 << (bits - near.prefixlen)) - 1)
            return f"{ip_address(int(near.network_address) | host)}/{near.prefixlen}"
        if roll < 0.8:
            return f"{near.network_address}/{bits + r.randint(1, 200)}"
        return r.choice(
            [
                "banana",
                "",
                "10.0.0/8",
                "10.0.0.256/24",
                "010.0.0.0/8",
                "10.0.0.0",
                "10.0.0.0/",
                "10.0.0.0/-1",
                "10.0.0.0/+8",
                "10.0.0.0/8/8",
                "2001:db8:::/48",
                "2001:db8::g/64",
                "/24",
            ]
        )

    def case(self) -> dict:
        r = self.r
        op = r.choice(["info", "split", "aggregate", "overlap", "exclude"])
        spoil = r.random() < 0.05  # replace one block with bad text
        if op == "info":
            net = self.net_near(self.cluster())
            req = {"op": "info", "cidr": self.bad(net) if spoil else self.text(net)}
        elif op == "split":
            net = self.net_near(self.cluster())
            roll = r.random()
            if roll < 0.88:
                extra = r.randint(0, 8)
            elif roll < 0.90:
                extra = r.randint(9, 16)
            elif roll < 0.95:
                extra = r.randint(17, 40)  # too many subnets, or past the host prefix
            else:
                extra = r.choice([-3, -1, 129, 255, 256, 300])  # out of range altogether
            prefix = net.prefixlen + extra if extra < 100 else extra
            req = {"op": "split", "cidr": self.bad(net) if spoil else self.text(net), "prefix": prefix}
        elif op in ("aggregate", "overlap"):
            nets = self.nets(10)
            texts = [self.text(n) for n in nets]
            if spoil and nets:
                k = r.randrange(len(nets))
                texts[k] = self.bad(nets[k])
            req = {"op": op, "cidrs": texts}
        else:
            cluster = self.cluster()
            whole = self.net_near(cluster)
            holes = [self.net_near(cluster) for _ in range(r.randint(0, 6))]
            if r.random() < 0.15:
                holes.append(self.net_near(self.cluster()))  # elsewhere, maybe the other family
            if r.random() < 0.1:
                holes.append(whole)
            r.shuffle(holes)
            texts = [self.text(h) for h in holes]
            cidr = self.text(whole)
            if spoil:
                if holes and r.random() < 0.5:
                    k = r.randrange(len(holes))
                    texts[k] = self.bad(holes[k])
                else:
                    cidr = self.bad(whole)
            req = {"op": "exclude", "cidr": cidr, "exclude": texts}
        return req


# ----------------------------------------------------------------------------------------------
# The reference answers, from ipaddress


class Refused(Exception):
    """The reference refuses the input; one of `hints` must appear in vpclab's message."""

    def __init__(self, *hints: str) -> None:
        super().__init__(hints[0])
        self.hints = hints


def mapped_text(net: Net) -> str | None:
    """An IPv4-mapped IPv6 block as RFC 5952 § 5 writes it (::ffff:a.b.c.d/n), else None."""
    if net.version == 6 and int(net.network_address) >> 32 == 0xFFFF:
        v4 = ipaddress.IPv4Address(int(net.network_address) & 0xFFFF_FFFF)
        return f"::ffff:{v4}/{net.prefixlen}"
    return None


def strict(text: str) -> Net:
    if "/" not in text:
        # ipaddress reads a bare address as a host block; vpclab asks for ADDRESS/PREFIX.
        raise Refused(text)
    try:
        return ip_network(text, strict=True)
    except ValueError:
        pass
    try:
        canonical = ip_network(text, strict=False)
    except ValueError:
        raise Refused(text) from None
    # Host bits set: the message must show the canonical form.
    raise Refused(*filter(None, [str(canonical), mapped_text(canonical)]))


def expect_info(net: Net) -> dict:
    v4 = net.version == 4
    aws = v4 and 16 <= net.prefixlen <= 28
    # An IPv6 subnet block AWS accepts (/44 to /64 in steps of 4) also has five reserved
    # addresses, the first four and the last; no usable count (there are too many to matter).
    aws6 = not v4 and 44 <= net.prefixlen <= 64 and net.prefixlen % 4 == 0
    base = net.network_address
    return {
        "cidr": net,
        "network": net.network_address,
        "last": net.broadcast_address,
        "netmask": net.netmask,
        "prefix_len": net.prefixlen,
        "total": net.num_addresses if v4 else str(net.num_addresses),
        "aws_usable": net.num_addresses - 5 if aws else None,
        "aws_reserved": [base, base + 1, base + 2, base + 3, net.broadcast_address] if aws or aws6 else None,
        "bits": format(int(base), "032b" if v4 else "0128b"),
    }


def expect_split(net: Net, prefix: int) -> dict:
    if prefix < 0:
        raise Refused(str(prefix))  # not a prefix length at all
    if prefix < net.prefixlen or prefix > net.max_prefixlen:
        # ipaddress refuses these too, except that a host block (/32, /128) "splits" into itself
        # for any new prefix; vpclab refuses and names the valid range.
        raise Refused(f"must be /{net.prefixlen} to /{net.max_prefixlen}")
    if 2 ** (prefix - net.prefixlen) > MAX_SPLIT:
        raise Refused(str(MAX_SPLIT))
    return {"subnets": list(net.subnets(new_prefix=prefix))}


def collapse(nets: list[Net]) -> list[Net]:
    """collapse_addresses per family (it cannot mix them), IPv4 first."""
    out: list[Net] = []
    for version in (4, 6):
        out.extend(ipaddress.collapse_addresses([n for n in nets if n.version == version]))
    return out


def expect_overlap(nets: list[Net]) -> dict:
    pairs = []
    for i, a in enumerate(nets):
        for j in range(i + 1, len(nets)):
            b = nets[j]
            if a.version == b.version and a.overlaps(b):
                pairs.append([i, j])
    return {"overlaps": pairs}


def expect_exclude(whole: Net, holes: list[Net]) -> dict:
    pieces = [whole]
    for hole in holes:
        kept = []
        for p in pieces:
            if p.version != hole.version or not p.overlaps(hole):
                kept.append(p)  # apart
            elif p.subnet_of(hole):
                continue  # swallowed (also when equal)
            else:
                kept.extend(p.address_exclude(hole))  # the hole lies inside the piece
        pieces = kept
    return {"remaining": collapse(pieces)}


def expect(req: dict) -> dict:
    op = req["op"]
    if op == "info":
        return expect_info(strict(req["cidr"]))
    if op == "split":
        return expect_split(strict(req["cidr"]), req["prefix"])
    if op == "aggregate":
        return {"aggregated": collapse([strict(c) for c in req["cidrs"]])}
    if op == "overlap":
        return expect_overlap([strict(c) for c in req["cidrs"]])
    whole = strict(req["cidr"])
    return expect_exclude(whole, [strict(c) for c in req["exclude"]])


# ----------------------------------------------------------------------------------------------
# Comparison


def same_text(got, want) -> bool:
    """vpclab's text for an address or block against the ipaddress object.

    Equal text, except that an IPv4-mapped IPv6 address may be written ::ffff:a.b.c.d (RFC 5952
    § 5; Python 3.11 writes it in hex), so those compare by value.
    """
    if not isinstance(got, str):
        return False
    if got == str(want):
        return True
    is_net = isinstance(want, (IPv4Network, IPv6Network))
    try:
        parsed = ip_network(got, strict=True) if is_net else ip_address(got)
    except ValueError:
        return False
    addr = want.network_address if is_net else want
    return want.version == 6 and int(addr) >> 32 == 0xFFFF and parsed == want


def same(got, want) -> bool:
    if isinstance(want, (IPv4Network, IPv6Network, ipaddress.IPv4Address, ipaddress.IPv6Address)):
        return same_text(got, want)
    if isinstance(want, dict):
        return isinstance(got, dict) and got.keys() >= want.keys() and all(same(got[k], want[k]) for k in want)
    if isinstance(want, list):
        return isinstance(got, list) and len(got) == len(want) and all(map(same, got, want))
    return type(got) is type(want) and got == want  # so 1 != True and 16 != "16"


def flavour(req: dict, want: dict) -> str:
    """What kind of case this was, to show that the interesting ones really occur."""
    op = req["op"]
    if op == "aggregate" and len(want["aggregated"]) < len(req["cidrs"]):
        return "aggregate merged"
    if op == "overlap" and want["overlaps"]:
        return "overlap found"
    if op == "exclude" and [str(n) for n in want["remaining"]] != [str(strict(req["cidr"]))]:
        return "exclude carved"
    if op == "info" and want["aws_usable"] is not None:
        return "info aws"
    if op == "info" and want["aws_reserved"] is not None:
        return "info ipv6 subnet"
    if op == "info" and "." not in req["cidr"]:
        return "info ipv6"
    return f"{op} other"


def judge(req: dict, got: dict, seen: dict[str, int]) -> str | None:
    """None when vpclab's answer agrees with ipaddress, else what differs. Tallies in `seen`."""
    try:
        want = expect(req)
        kind = flavour(req, want)
    except Refused as refusal:
        seen["refused"] = seen.get("refused", 0) + 1
        message = got.get("error") if isinstance(got, dict) else None
        hints = " or ".join(repr(h) for h in refusal.hints)
        if not isinstance(message, str):
            return f"ipaddress refuses this input (expected an error mentioning {hints})"
        if not any(h in message for h in refusal.hints):
            return f"the error should mention {hints}"
        return None
    seen[kind] = seen.get(kind, 0) + 1
    if "error" in got:
        return f"ipaddress accepts this input; expected {printable(want)}"
    if not same(got, want):
        return f"expected {printable(want)}"
    return None


def printable(value):
    if isinstance(value, dict):
        return {k: printable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [printable(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


# ----------------------------------------------------------------------------------------------


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", required=True, help="path to the vpclab binary")
    ap.add_argument("--seed", type=int, default=20_240_601, help="random seed (default %(default)s)")
    ap.add_argument("--cases", type=int, default=24_000, help="number of cases (default %(default)s)")
    args = ap.parse_args()

    start = time.monotonic()
    gen = Gen(args.seed)
    cases = [gen.case() for _ in range(args.cases)]
    stdin = "".join(json.dumps(c, separators=(",", ":")) + "\n" for c in cases)
    try:
        proc = subprocess.run(
            [args.bin, "cidr", "batch"], input=stdin, capture_output=True, text=True, timeout=600
        )
    except (OSError, subprocess.TimeoutExpired) as e:
        print(f"cannot run {args.bin} cidr batch: {e}", file=sys.stderr)
        print(f"0 passed, {len(cases)} failed")
        return 1
    if proc.returncode != 0:
        print(f"{args.bin} cidr batch exited {proc.returncode}: {proc.stderr.strip()}", file=sys.stderr)
    answers = proc.stdout.splitlines()
    if len(answers) != len(cases):
        print(f"expected {len(cases)} answer lines, got {len(answers)}", file=sys.stderr)

    passed = failed = 0
    seen: dict[str, int] = {}
    for k, req in enumerate(cases):
        line = answers[k] if k < len(answers) else ""
        try:
            got = json.loads(line)
        except json.JSONDecodeError:
            got = {"unparsable": line}
        problem = judge(req, got, seen) if isinstance(got, dict) else "the answer is not a JSON object"
        if problem is None:
            passed += 1
            continue
        failed += 1
        if failed <= DETAIL_LIMIT:
            print(f"--- case {k}: {json.dumps(req)}")
            print(f"    vpclab:    {json.dumps(got)[:2000]}")
            print(f"    ipaddress: {problem[:2000]}")
    if failed > DETAIL_LIMIT:
        print(f"... and {failed - DETAIL_LIMIT} more differences")
    elapsed = time.monotonic() - start
    mix = ", ".join(f"{kind} {n}" for kind, n in sorted(seen.items()))
    print(f"seed {args.seed}: {len(cases)} cases ({mix}) in {elapsed:.1f}s", file=sys.stderr)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
