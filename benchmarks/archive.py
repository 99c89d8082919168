"""An archive checked incrementally: a synthetic corpus of N articles (variants of the bundled seeds and
development corpus, generated in a temporary folder, nothing committed) is checked twice with a claims
store, the second time after 10 articles changed. Prints each run's wall time and peak memory, and the
report's size and the time headless Chromium takes to load it (with Playwright installed: `nox -s browser`'s).

    python benchmarks/archive.py [N ...]          # default: 10000

Each run is a fresh `factcheck check CORPUS --rules rules --store STORE` process; its peak memory is the
process's maximum resident set, as GNU time reports it, and, as "all processes", the machine's growth in
memory in use while it runs (sampled: the extraction workers and the check's forked process with it,
pages they share counted once; run it on a quiet machine)."""

from __future__ import annotations

import itertools
import math
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).parent.parent
sys.path.insert(0, str(REPO / "tests"))
from generated_archive import generate  # noqa: E402

sys.path.insert(0, str(REPO / "benchmarks"))
import memory  # noqa: E402

from factcheck.store import RACY_NS  # noqa: E402

CHANGED = 10


def run(corpus: Path, store: Path) -> tuple[float, float, float, dict[str, float]]:
    """Seconds and peak MiB of one check of ``corpus`` with ``store`` (GNU time's maximum resident set,
    and the machine's growth in use), and each stage's seconds as ``--verbose`` says them."""
    stats = store.with_suffix(".time")
    start = time.perf_counter()
    with memory.MachinePeak() as machine:
        proc = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", str(stats), sys.executable, "-m", "factcheck.cli", "check",
                               str(corpus), "--rules", str(REPO / "rules"), "--store", str(store), "--quiet", "--verbose",
                               "--report", str(store.with_suffix(".html")), "--format", f"json={store.with_suffix('.json')}"],
                              capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        sys.exit(f"check failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    stages = {m.group(1): float(m.group(2)) for m in re.finditer(r"^(\w+): .*\(([\d.]+) s\)$", proc.stderr, re.M)}
    return seconds, int(stats.read_text().split()[-1]) / 1024, machine.peak - machine.start, stages


def load_seconds(report: Path) -> str:
    """Seconds until headless Chromium (Debian's, driven by Playwright) has loaded and painted ``report``."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return "(no playwright)"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        start = time.perf_counter()
        page.goto(report.as_uri(), wait_until="load", timeout=600_000)
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        seconds = time.perf_counter() - start
        browser.close()
    return f"{seconds:.1f} s"


def main(sizes: list[int]) -> None:
    print("| articles | first run | peak | all processes | rerun, 10 changed | peak | all processes | report "
          "| loaded in Chromium | rerun's stages |\n|---|---|---|---|---|---|---|---|---|---|")
    measured: list[tuple[int, dict[str, float], dict[str, float]]] = []
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "corpus"
            paths = generate(folder, n)
            time.sleep(RACY_NS / 1e9)  # an archive's files are older than the run: none is read again for being just written
            store = Path(tmp) / "claims.duckdb"
            first, first_mb, first_all, first_stages = run(folder, store)
            for path in paths[:: max(1, n // CHANGED)][:CHANGED]:
                path.write_text(path.read_text(encoding="utf-8") + "\nAbout 150 countries took part.\n", encoding="utf-8")
            rerun, rerun_mb, rerun_all, stages = run(folder, store)
            report = store.with_suffix(".html")
            said = ", ".join(f"{name} {s:.1f} s" for name, s in stages.items())
            print(f"| {n:,} | {first:.1f} s | {first_mb:,.0f} MiB | {first_all:,.0f} MiB | {rerun:.1f} s | {rerun_mb:,.0f} MiB "
                  f"| {rerun_all:,.0f} MiB "
                  f"| {report.stat().st_size / 1e6:.1f} MB | {load_seconds(report)} | {said} |", flush=True)
            measured.append((n, first_stages, stages))
    # growth exponents between sizes: log(time ratio) / log(size ratio); 1 is linear
    for (n0, first0, re0), (n1, first1, re1) in itertools.pairwise(measured):
        for run_name, a, b in (("first run", first0, first1), ("rerun", re0, re1)):
            exps = ", ".join(f"{k} {math.log(max(b[k], 0.01) / max(a[k], 0.01)) / math.log(n1 / n0):.2f}" for k in a if k in b)
            print(f"growth exponents {n0:,} -> {n1:,}, {run_name}: {exps}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10000])
