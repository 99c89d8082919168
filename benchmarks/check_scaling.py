"""How the cross-check (``factcheck.linking.link``, then ``factcheck.findings.check_claims``) grows with
the number of claims.

    python benchmarks/check_scaling.py [--sizes 10000 100000 1000000] [--seed 0] [--jobs 2]

For each size, a fresh Python process builds the synthetic claims table (``synthetic.py``) and keeps
the columns extraction gives, no entity linked, warms up on a small table (imports, language data),
then links and checks it: the best of 2 runs below 1M claims, one run from 1M up. It reports the
seconds (linking and the check; "link s" is linking alone), the CPU seconds (the machine may be
shared), the peak resident memory (``resource.getrusage``'s ``ru_maxrss``, reset once the table is
built: the cross-check's own peak, above the memory after building and absolute; "w/ forked" adds the
process the check forks for a large table: the memory after building plus the machine's growth in
use, sampled, so pages the two share count once; CPU seconds are this process's) and the size of the
largest finding. The ratio columns divide each figure by the previous size's: with 10x the claims,
~10 means linear growth; ~100 would mean pairs of claims."""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import memory

HERE = Path(__file__).resolve().parent


def unlinked(df):
    """The claims as extraction gives them (the contract's columns, no entity linked yet)."""
    import pandas as pd

    from factcheck.schema import COLUMNS, STRING

    ids = ("subject_id", "person_id", "org_id")
    return df[list(COLUMNS)].assign(**{c: pd.array([None] * len(df), dtype=STRING) for c in ids})


def child(size: int, seed: int, repeat: int, jobs: int | None = None) -> dict:
    """Build the table of ``size`` claims, run the check ``repeat`` times; what it measured."""
    sys.path.insert(0, str(HERE))
    from collections import Counter

    from synthetic import bench_rules, synthetic_claims

    from factcheck.findings import check_claims
    from factcheck.linking import link

    rules = bench_rules()
    small, small_outlets = synthetic_claims(2000, seed=seed + 1)
    check_claims(link(unlinked(small), rules, []), rules, small_outlets)  # warm up: imports, language data, caches
    del small, small_outlets
    clock = time.perf_counter()
    df, outlets = synthetic_claims(size, seed=seed)
    claims = unlinked(df)
    del df
    built = time.perf_counter() - clock
    memory.trim()
    base = memory.rss_now()
    reset = memory.reset_peak()
    times, cpu, linking, findings, growth = [], [], [], [], []
    for _ in range(repeat):
        findings, df = [], None
        gc.collect()
        with memory.MachinePeak() as machine:
            clock, cpu_clock = time.perf_counter(), time.process_time()
            df = link(claims, rules, [], jobs)  # the articles' text is asked for by no synthetic name
            linking.append(time.perf_counter() - clock)
            findings = check_claims(df, rules, outlets, jobs)
            times.append(time.perf_counter() - clock)
            cpu.append(time.process_time() - cpu_clock)
        growth.append(machine.peak - machine.start)
    peak = memory.peak()
    largest = max(findings, key=lambda f: len(f.sources), default=None)
    return {
        "claims": len(df), "findings": len(findings), "seconds": min(times), "link_seconds": min(linking), "cpu_seconds": min(cpu), "runs": repeat, "build_seconds": built,
        "rss_after_build": base, "peak": peak, "peak_over_build": peak - base, "peak_reset": reset,
        "machine_peak_over_build": max(growth), "with_forked": base + max(growth),
        "largest": None if largest is None else {"sources": len(largest.sources), "apart": len(largest.apart),
                                                 "kind": largest.kind, "entity": largest.entity,
                                                 "attribute": largest.attribute},
        "big_event": int((df["subject_key"] == "bench-summit-2025").sum()),
        "events": int(df["subject_key"].nunique()), "articles": int(df["article"].nunique()),
        "by_kind": dict(Counter(f.kind for f in findings)), "sources": sum(len(f.sources) for f in findings),
    }


def _version() -> str:
    """The commit measured, and whether factcheck/ had changes on top of it."""
    try:
        git = ["git", "-C", str(HERE.parent)]
        head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run([*git, "status", "--porcelain", "factcheck"], capture_output=True, text=True, check=True).stdout
        return head + (" with uncommitted changes in factcheck/" if dirty.strip() else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown version"


def _ratio(now: float, before: float | None) -> str:
    return f"x{now / before:.1f}" if before else ""


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, help="runs of the check per size (default: 2 below 1M claims, else 1)")
    parser.add_argument("--jobs", type=int, help="as factcheck check --jobs: 2 checks titles and ages in a forked process")
    parser.add_argument("--json", metavar="PATH", help="also write the measurements as JSON")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        print(json.dumps(child(args.child, args.seed, args.repeat or 1, args.jobs)))
        return 0

    rows = []
    for size in args.sizes:
        repeat = args.repeat or (2 if size < 1_000_000 else 1)
        print(f"... {size:,} claims ({repeat} run{'s' if repeat > 1 else ''})", file=sys.stderr, flush=True)
        done = subprocess.run([sys.executable, __file__, "--child", str(size), "--seed", str(args.seed),
                               "--repeat", str(repeat), *(["--jobs", str(args.jobs)] if args.jobs else [])],
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            print(done.stderr, file=sys.stderr)
            return done.returncode
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))

    print(f"factcheck: {_version()}; {os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f} at the end; "
          f"the check in {'two processes' if (args.jobs or 1) > 1 else 'one process'}")
    head = (f"{'claims':>10} {'findings':>9} {'ratio':>6} {'seconds':>9} {'ratio':>6} {'link s':>7} {'cpu s':>8} {'peak-build MiB':>15} {'ratio':>6} "
            f"{'peak MiB':>9} {'ratio':>6} {'w/ forked':>9} {'largest finding':>16} {'big event':>10} {'ms/finding':>10} {'build s':>8}")
    print(head)
    print("-" * len(head))
    prev = None
    for r in rows:
        largest = r["largest"]
        print(f"{r['claims']:>10,} {r['findings']:>9,} {_ratio(r['findings'], prev and prev['findings']):>6} {r['seconds']:>9.2f} {_ratio(r['seconds'], prev and prev['seconds']):>6} "
              f"{r['link_seconds']:>7.2f} {r['cpu_seconds']:>8.2f} "
              f"{r['peak_over_build']:>15.0f} {_ratio(r['peak_over_build'], prev and prev['peak_over_build']):>6} "
              f"{r['peak']:>9.0f} {_ratio(r['peak'], prev and prev['peak']):>6} {r['with_forked']:>9.0f} "
              f"{(largest['sources'] if largest else 0):>8,} sources {r['big_event']:>10,} "
              f"{1000 * r['seconds'] / max(r['findings'], 1):>10.1f} {r['build_seconds']:>8.1f}")
        prev = r
    print()
    for r in rows:
        largest = r["largest"]
        kinds = ", ".join(f"{v:,} {k}" for k, v in sorted(r["by_kind"].items()))
        print(f"{r['claims']:,} claims: {r['articles']:,} articles, {r['events']:,} events; findings: {kinds}, "
              f"{r['sources']:,} sources in all" + (f"; largest finding {largest['kind']} {largest['entity']} "
                                                     f"{largest['attribute']}: {largest['sources']:,} sources, "
                                                     f"{largest['apart']:,} apart" if largest else ""))
    if not all(r["peak_reset"] for r in rows):
        print("note: the peak could not be reset after building the table: peak-build includes building it")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
