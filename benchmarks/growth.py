"""How extraction time and peak memory grow with the size of one article, for several shapes of text.

    python benchmarks/growth.py [--quick] [--shapes NAME ...] [--json PATH]
    python benchmarks/growth.py --one SHAPE SCALE       # one measurement, as JSON (what the table runs)
    python benchmarks/growth.py --profile SHAPE SCALE   # cProfile of one extraction: top functions

Each shape is a unit of text repeated into a single article (``extract_article``), at 1x, 2x, 4x and
8x a base number of repeats (``--quick``: 1x and 2x only). The shapes are texts that have made
extraction slow or are likely to: one long sentence with no full stop (English, and Persian digits),
titles before names, event nouns, many numbers and dates in ordinary sentences, many short lines,
and a control of ordinary news (``seeds/000_*.txt`` repeated).

Every measurement runs in a fresh Python process: it imports, warms up (language data loads lazily)
on a small text of the same shape, builds the text, gives freed memory back (``malloc_trim``), takes
the resident memory then as its baseline and resets the peak (``/proc/self/clear_refs``), then
extracts once. "peak extra MB" is ``ru_maxrss`` after that run minus the baseline: what extraction
itself needed. The time is that run's ``time.perf_counter`` seconds, or the best of two runs when the
first took under 2 s.

Reading the table: the exponent is the least-squares slope of log(seconds) against log(scale).
~1 is linear growth (double the text, double the time); ~2 means the work goes with pairs of
positions, so an article 10x longer takes 100x as long. An exponent above 1.2 is marked OVER.
The memory exponent is the same slope for the peak extra MB; a few MB are allocator noise, so it
only means something when the peak grows to tens of MB. Below 0.05 s timings are noisy too. This is
a benchmark, not a test: it exits 0 whatever it measures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import math
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import memory

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SCALES = (1, 2, 4, 8)
LIMIT = 1.2  # exponents above this are marked OVER
PUBLISHED = dt.date(2025, 11, 24)

# name: (language, unit repeated, repeats at 1x (about 0.05-0.3 s), what it is)
SHAPES: dict[str, tuple[str, str, int, str]] = {
    "long_sentence": ("en", "the delegates met in Baku on 21 November 2025 and 2500 people attended the forum ", 80,
                      "English words, numbers and dates, no full stop"),
    "persian_digits": ("fa", "۲۵۰۰ نفر در کنفرانس شرکت کردند و ", 160, "Persian digits in one run-on sentence"),
    "titles": ("en", "President Ilham Aliyev met Prime Minister Nikol Pashinyan and Foreign Minister Jeyhun Bayramov, ", 256,
               "titles before names, no full stop"),
    "events": ("en", "the World Telecommunication Development Conference and the forum and the summit ", 1280,
               "event nouns, no full stop"),
    "numbers_dates": ("en", "On 21 November 2025, 2500 delegates from 150 countries attended. ", 640,
                      "numbers and dates in ordinary sentences"),
    "short_lines": ("en", "2500 delegates attended\n", 2560, "many short lines"),
    "seed_control": ("az", "", 40, "seeds/000_*.txt repeated (ordinary news)"),
}


def _unit(shape: str) -> str:
    unit = SHAPES[shape][1]
    if shape == "seed_control":
        seed = sorted((REPO / "seeds").glob("000_*.txt"))[0].read_text(encoding="utf-8")
        return seed if seed.endswith("\n") else seed + "\n"
    return unit


def make_text(shape: str, scale: float) -> str:
    """The text of ``shape`` at ``scale`` times its base size."""
    repeats = max(1, round(SHAPES[shape][2] * scale))
    return _unit(shape) * repeats


def _extract(shape: str, text: str):
    from factcheck.corpus import Article
    from factcheck.extraction import extract_article

    article = Article(id="x", path="x.md", text=text, lang=SHAPES[shape][0], meta={"published": PUBLISHED})
    return extract_article(article)


def _warm_up(shape: str) -> None:
    """Load the language data and compile what extraction compiles lazily, on small texts."""
    _extract(shape, make_text(shape, 0.02))
    _extract(shape, "On 21 November 2025, 2500 delegates from 150 countries attended.")


def one(shape: str, scale: float) -> dict:
    """One measurement, in this process (run it in a fresh one: ``--one``)."""
    _warm_up(shape)
    text = make_text(shape, scale)
    memory.trim()
    base = memory.rss_now()
    reset = memory.reset_peak()
    clock = time.perf_counter()
    rows, problems = _extract(shape, text)
    times = [time.perf_counter() - clock]
    peak = memory.peak()
    claims = len(rows)
    del rows, problems
    if times[0] < 2.0:
        gc.collect()
        clock = time.perf_counter()
        _extract(shape, text)
        times.append(time.perf_counter() - clock)
    return {"shape": shape, "scale": scale, "chars": len(text), "seconds": min(times), "runs": len(times), "claims": claims,
            "baseline_mib": base, "peak_mib": peak, "extra_mib": peak - base, "peak_reset": reset}


def profile(shape: str, scale: float, top: int = 8) -> None:
    """cProfile one extraction of ``shape`` at ``scale``: the top functions by total and by cumulative time."""
    import cProfile
    import pstats

    _warm_up(shape)
    text = make_text(shape, scale)
    prof = cProfile.Profile()
    clock = time.perf_counter()
    prof.enable()
    _extract(shape, text)
    prof.disable()
    print(f"{shape} at {scale:g}x: {len(text):,} characters, {time.perf_counter() - clock:.2f} s under the profiler")
    stats = pstats.Stats(prof).stats  # (file, line, function) -> (primitive calls, calls, total, cumulative, callers)

    def where(key) -> str:
        file, line, func = key
        if file == "~":
            return func
        try:
            file = str(Path(file).resolve().relative_to(REPO))
        except ValueError:
            parts = Path(file).parts
            file = "/".join(parts[parts.index("site-packages") + 1:]) if "site-packages" in parts else file
        return f"{file}:{line} {func}"

    for title, col in (("total (own) time", 2), ("cumulative time", 3)):
        print(f"\ntop {top} by {title}:\n| s total | s cumulative | calls | function |\n|---|---|---|---|")
        for key, (_, calls, tt, ct, _) in sorted(stats.items(), key=lambda kv: -kv[1][col])[:top]:
            print(f"| {tt:.2f} | {ct:.2f} | {calls:,} | `{where(key)}` |")


def slope(xs: list[float], ys: list[float]) -> float | None:
    """Least-squares slope of log(ys) against log(xs); None when a value is not positive or there is one point."""
    if len(xs) < 2 or any(y <= 0 for y in ys):
        return None
    lx, ly = [math.log(x) for x in xs], [math.log(y) for y in ys]
    mx, my = sum(lx) / len(lx), sum(ly) / len(ly)
    return sum((a - mx) * (b - my) for a, b in zip(lx, ly, strict=True)) / sum((a - mx) ** 2 for a in lx)


def _exp(value: float | None) -> str:
    if value is None:
        return "n/a"
    return f"{value:.2f}" + (" OVER" if value > LIMIT else "")


def _version() -> str:
    """The commit measured, and whether factcheck/ had changes on top of it."""
    try:
        git = ["git", "-C", str(REPO)]
        head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run([*git, "status", "--porcelain", "factcheck"], capture_output=True, text=True, check=True).stdout
        return head + (" with uncommitted changes in factcheck/" if dirty.strip() else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown version"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1x and 2x only")
    parser.add_argument("--shapes", nargs="+", choices=list(SHAPES), help="these shapes only (default: all)")
    parser.add_argument("--json", metavar="PATH", help="also write the measurements as JSON")
    parser.add_argument("--one", nargs=2, metavar=("SHAPE", "SCALE"), help="one measurement in this process, printed as JSON")
    parser.add_argument("--profile", nargs=2, metavar=("SHAPE", "SCALE"), help="cProfile one extraction and print the top functions")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))  # factcheck from this checkout, also when it is not installed
    if args.one:
        print(json.dumps(one(args.one[0], float(args.one[1]))))
        return 0
    if args.profile:
        profile(args.profile[0], float(args.profile[1]))
        return 0

    scales = SCALES[:2] if args.quick else SCALES
    results: dict[str, list[dict]] = {}
    for shape in args.shapes or SHAPES:
        results[shape] = []
        for scale in scales:
            print(f"... {shape} {scale}x", file=sys.stderr, flush=True)
            done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--one", shape, str(scale)],
                                  capture_output=True, text=True, check=False, cwd=REPO)
            if done.returncode != 0:
                print(f"{shape} {scale}x failed (exit {done.returncode}):\n{done.stderr[-2000:]}", file=sys.stderr)
                break
            results[shape].append(json.loads(done.stdout.strip().splitlines()[-1]))

    print(f"factcheck {_version()}; {os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f} at the end; scales {', '.join(f'{s}x' for s in scales)}\n")
    print("| shape | sizes (characters) | times (s) | exponent | peak extra MB | memory exponent |")
    print("|---|---|---|---|---|---|")
    for shape, runs in results.items():
        if not runs:
            print(f"| {shape} | failed | | | | |")
            continue
        xs = [r["scale"] for r in runs]
        chars = " / ".join(f"{r['chars']:,}" for r in runs)
        secs = " / ".join(f"{r['seconds']:.3f}" for r in runs)
        mem = " / ".join(f"{r['extra_mib']:.1f}" for r in runs)
        print(f"| {shape} | {chars} | {secs} | {_exp(slope(xs, [r['seconds'] for r in runs]))} "
              f"| {mem} | {_exp(slope(xs, [r['extra_mib'] for r in runs]))} |")
    print()
    for shape in results:
        print(f"- {shape} ({SHAPES[shape][0]}): {SHAPES[shape][3]}; claims {' / '.join(str(r['claims']) for r in results[shape])}")
    if not all(r["peak_reset"] for runs in results.values() for r in runs):
        print("note: the peak could not be reset after the warm-up: peak extra MB may include it")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    main()
    sys.exit(0)
