"""An archive checked incrementally: a synthetic corpus of N articles (variants of the bundled seeds and
development corpus, generated in a temporary folder, nothing committed) is checked twice with a claims
store, the second time after 10 articles changed. Prints each run's wall time and peak memory.

    python benchmarks/archive.py [N ...]          # default: 10000

Each run is a fresh `factcheck check CORPUS --rules rules --store STORE` process; its peak memory is the
process's maximum resident set, as GNU time reports it."""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).parent.parent
CHANGED = 10


def _templates() -> list[str]:
    paths = sorted((REPO / "tests" / "corpus").rglob("*.md")) + sorted((REPO / "seeds").glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths]


def generate(folder: Path, n: int) -> list[Path]:
    """``n`` articles: the templates in turn, each with its figures nudged by its number, so no two are alike."""
    templates = _templates()
    paths = []
    for k in range(n):
        text = templates[k % len(templates)]
        nudge = k // len(templates) % 7
        text = re.sub(r"(?<![\d.,])(\d{3,4})(?![\d.,])", lambda m, nudge=nudge: str(int(m.group(1)) + nudge), text, count=1)
        path = folder / f"{k // 1000:03d}" / f"a{k:06d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text + f"\n<!-- {k} -->\n", encoding="utf-8")
        paths.append(path)
    return paths


def run(corpus: Path, store: Path) -> tuple[float, float]:
    """Seconds and peak MB of one check of ``corpus`` with ``store`` (GNU time's maximum resident set)."""
    stats = store.with_suffix(".time")
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", str(stats), sys.executable, "-m", "factcheck.cli", "check",
                           str(corpus), "--rules", str(REPO / "rules"), "--store", str(store), "--quiet",
                           "--report", str(store.with_suffix(".html")), "--format", f"json={store.with_suffix('.json')}"],
                          capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        sys.exit(f"check failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return seconds, int(stats.read_text().split()[-1]) / 1024


def main(sizes: list[int]) -> None:
    print("| articles | first run | peak | rerun, 10 changed | peak |\n|---|---|---|---|---|")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "corpus"
            paths = generate(folder, n)
            store = Path(tmp) / "claims.duckdb"
            first, first_mb = run(folder, store)
            for path in paths[:: max(1, n // CHANGED)][:CHANGED]:
                path.write_text(path.read_text(encoding="utf-8") + "\nAbout 150 countries took part.\n", encoding="utf-8")
            rerun, rerun_mb = run(folder, store)
            print(f"| {n:,} | {first:.1f} s | {first_mb:,.0f} MB | {rerun:.1f} s | {rerun_mb:,.0f} MB |")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10000])
