#!/usr/bin/env python3
"""CIDR budget: vpclab against Python's ipaddress and netaddr on the same 1,000,000 prefixes.

Run by `cargo xtask bench-cidr` (which makes a venv with netaddr under target/ and builds the
Rust side, crates/core/examples/cidr_bench.rs, in the bench profile); or directly:

    target/bench-venv/bin/python tests/bench/cidr_vs_python.py --bin target/release/examples/cidr_bench \
        [--n 1000000] [--seed 7] [--repeat 3]

The workload (seeded, written to target/bench-cidr/ and read by all three): N prefixes, 90 %
IPv4 and 10 % IPv6. IPv4 prefix lengths follow the shape of the global BGP table (about 60 %
/24, 10 % /23, 12 % /22, then fewer and fewer up to /8), IPv6 lengths /32 to /48 (mostly /48),
each on a random address of the whole space, truncated to its length (no host bits). Random
addresses over the whole space make few neighbours merge, and many prefixes sit inside a shorter
one, as in a routing table.

Three steps, each timed alone (reading the file and splitting lines is not timed; printing or
writing the results is not timed); each side runs every step --repeat times and keeps its
fastest run (vpclab does so before and after the Python libraries, and keeps the fastest of
both batches; each batch is printed):

- parse: text to objects (vpclab_core::cidr::parse; ipaddress.ip_network, strict; netaddr.IPNetwork).
- aggregate: the minimal set of blocks covering exactly the union (vpclab_core::cidr::aggregate;
  ipaddress.collapse_addresses, once per family since it refuses mixed families, IPv4 first;
  netaddr.cidr_merge).
- overlap: every pair (i, j), i < j, of input lines whose blocks share an address. Blocks overlap
  only when one contains the other, so all three use the same algorithm: sort by (family, first
  address, prefix length), sweep keeping the chain of blocks still open, pair each block with
  the open ones. vpclab_core::cidr::overlap_pairs does it in Rust; the Python version below does
  it with each library's objects (the first and last address as ints: int(network_address) and
  int(broadcast_address) for ipaddress, .first and .last for netaddr), which is the fastest
  pure-Python form of it we know; neither library has an overlap-pairs function.

The results are compared: the aggregated lists must be identical (as text), and the overlapping
pairs' count and checksum (sum of i * 1,000,003 + j, mod 2**64) equal on all three sides. Any
difference fails the run, so the benchmark is also a cross-check of correctness.
"""

import argparse
import ipaddress
import json
import os
import platform
import random
import subprocess
import sys
import time

import netaddr

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
V4_LENGTHS = {
    24: 600, 23: 100, 22: 120, 21: 50, 20: 40, 19: 30, 18: 15, 17: 8, 16: 14,
    15: 2, 14: 2, 13: 1, 12: 1, 11: 0.5, 10: 0.3, 9: 0.2, 8: 0.2,
}
V6_LENGTHS = {48: 700, 44: 40, 40: 60, 36: 30, 32: 170}
MASK64 = (1 << 64) - 1


def workload(n, seed):
    rng = random.Random(seed)
    v4_len = rng.choices(list(V4_LENGTHS), weights=list(V4_LENGTHS.values()), k=n)
    v6_len = rng.choices(list(V6_LENGTHS), weights=list(V6_LENGTHS.values()), k=n)
    out = []
    for i in range(n):
        if rng.random() < 0.9:
            length = v4_len[i]
            addr = rng.getrandbits(32) >> (32 - length) << (32 - length)
            out.append(f"{ipaddress.IPv4Address(addr)}/{length}")
        else:
            length = v6_len[i]
            # Inside 2000::/3, like the routed IPv6 space.
            addr = ((1 << 125) | rng.getrandbits(125)) >> (128 - length) << (128 - length)
            out.append(f"{ipaddress.IPv6Address(addr)}/{length}")
    return out


def fastest(repeat, fn):
    best, result = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        best = min(best, (time.perf_counter() - t) * 1e3)
    return best, result


def sweep(keys):
    """keys[i] = (family, first, last, prefixlen); returns (count, checksum) of overlapping pairs."""
    order = sorted(range(len(keys)), key=lambda i: (keys[i][0], keys[i][1], keys[i][3], i))
    open_ = []
    count = 0
    checksum = 0
    for i in order:
        family, first, _, _ = keys[i]
        while open_:
            top = keys[open_[-1]]
            if top[0] == family and top[1] <= first <= top[2]:
                break
            open_.pop()
        for j in open_:
            a, b = (j, i) if j < i else (i, j)
            checksum += a * 1_000_003 + b
        count += len(open_)
        open_.append(i)
    return count, checksum & MASK64


def run_ipaddress(lines, repeat):
    parse_ms, nets = fastest(repeat, lambda: [ipaddress.ip_network(s) for s in lines])

    def aggregate():
        v4 = [n for n in nets if n.version == 4]
        v6 = [n for n in nets if n.version == 6]
        return list(ipaddress.collapse_addresses(v4)) + list(ipaddress.collapse_addresses(v6))

    aggregate_ms, merged = fastest(repeat, aggregate)

    def overlap():
        keys = [(n.version, int(n.network_address), int(n.broadcast_address), n.prefixlen) for n in nets]
        return sweep(keys)

    overlap_ms, (pairs, checksum) = fastest(repeat, overlap)
    return dict(parse_ms=parse_ms, aggregate_ms=aggregate_ms, overlap_ms=overlap_ms,
                aggregated=[str(n) for n in merged], pairs=pairs, pairs_checksum=str(checksum))


def run_netaddr(lines, repeat):
    parse_ms, nets = fastest(repeat, lambda: [netaddr.IPNetwork(s) for s in lines])
    aggregate_ms, merged = fastest(repeat, lambda: netaddr.cidr_merge(nets))

    def overlap():
        keys = [(n.version, n.first, n.last, n.prefixlen) for n in nets]
        return sweep(keys)

    overlap_ms, (pairs, checksum) = fastest(repeat, overlap)
    return dict(parse_ms=parse_ms, aggregate_ms=aggregate_ms, overlap_ms=overlap_ms,
                aggregated=[str(n) for n in merged], pairs=pairs, pairs_checksum=str(checksum))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", required=True, help="the cidr_bench example, built in the bench profile")
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    if args.n < 1 or args.repeat < 1:
        ap.error("--n and --repeat want a whole number of at least 1")

    work = os.path.join(ROOT, "target", "bench-cidr")
    os.makedirs(work, exist_ok=True)
    path = os.path.join(work, f"prefixes-{args.n}-{args.seed}.txt")
    if not os.path.exists(path):
        with open(path + ".tmp", "w") as f:
            f.write("\n".join(workload(args.n, args.seed)) + "\n")
        os.replace(path + ".tmp", path)
    with open(path) as f:
        lines = f.read().splitlines()
    v4 = sum(1 for s in lines if ":" not in s)
    print(f"workload: {len(lines)} prefixes ({v4} IPv4, {len(lines) - v4} IPv6), seed {args.seed}, {path}")
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}; "
          f"Python {platform.python_version()}, netaddr {netaddr.__version__}; fastest of {args.repeat} runs per step")

    def run_rust():
        out = subprocess.run([args.bin, path, work, str(args.repeat)], check=True, capture_output=True, text=True)
        result = json.loads(out.stdout)
        with open(os.path.join(work, "vpclab-aggregate.txt")) as f:
            result["aggregated"] = f.read().splitlines()
        return result

    # vpclab runs before and after the Python libraries and keeps its fastest of both: its runs
    # last seconds, and on a shared machine a burst of load can cover all of one batch, while
    # each Python step runs for minutes and sees the average load.
    rust = run_rust()
    print("vpclab done; ipaddress …", flush=True)
    ipa = run_ipaddress(lines, args.repeat)
    print("ipaddress done; netaddr …", flush=True)
    na = run_netaddr(lines, args.repeat)
    print("netaddr done; vpclab again …", flush=True)
    again = run_rust()
    for key in ("aggregated", "pairs", "pairs_checksum"):
        if again[key] != rust[key]:
            sys.exit(f"vpclab's two runs disagree on {key}")
    for key in ("parse_ms", "aggregate_ms", "overlap_ms"):
        print(f"vpclab {key}: {rust[key]:,.1f} before, {again[key]:,.1f} after")
        rust[key] = min(rust[key], again[key])

    problems = []
    for name, other in (("ipaddress", ipa), ("netaddr", na)):
        if other["aggregated"] != rust["aggregated"]:
            diff = next((i for i, (a, b) in enumerate(zip(rust["aggregated"], other["aggregated"])) if a != b), None)
            problems.append(f"aggregate differs from {name}: {len(rust['aggregated'])} vs {len(other['aggregated'])} blocks, first difference at {diff}")
        if (other["pairs"], other["pairs_checksum"]) != (rust["pairs"], rust["pairs_checksum"]):
            problems.append(f"overlap differs from {name}: {rust['pairs']} pairs (checksum {rust['pairs_checksum']}) vs {other['pairs']} ({other['pairs_checksum']})")

    print(f"\nagreement: {len(rust['aggregated'])} aggregated blocks, identical text on all three sides; "
          f"{rust['pairs']} overlapping pairs, checksum {rust['pairs_checksum']} on all three sides"
          if not problems else "\nDISAGREEMENT:\n" + "\n".join(problems))
    print("\n| step | vpclab ms | ipaddress ms | netaddr ms | vs ipaddress | vs netaddr |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    rows = [("parse", "parse_ms"), ("aggregate", "aggregate_ms"), ("overlap (all pairs)", "overlap_ms")]
    for label, key in rows:
        r, a, b = rust[key], ipa[key], na[key]
        print(f"| {label} | {r:,.1f} | {a:,.1f} | {b:,.1f} | **{a / r:,.0f}×** | **{b / r:,.0f}×** |")
    for label, keys in (("aggregate + overlap", ["aggregate_ms", "overlap_ms"]),
                        ("parse + aggregate + overlap", ["parse_ms", "aggregate_ms", "overlap_ms"])):
        r, a, b = (sum(side[k] for k in keys) for side in (rust, ipa, na))
        print(f"| {label} | {r:,.1f} | {a:,.1f} | {b:,.1f} | **{a / r:,.0f}×** | **{b / r:,.0f}×** |")
    if problems:
        sys.exit(1)


if __name__ == "__main__":
    main()
