"""The Spark engine's speed-up: a generated archive of N articles (tests/generated_archive.py) checked by
the local engine (worker processes on every core) and on Spark's local mode with 1 and 2 cores, each a
fresh process; prints wall time, the extraction and check stages' times (the check: linking and the
finding model, on Spark for the Spark engine), and whether the findings are the same.

    python benchmarks/spark_engine.py [N]          # default: 2000

Needs pyspark and Java (`pip install -e '.[spark]'`)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).parent.parent
sys.path.insert(0, str(REPO / "tests"))
from generated_archive import generate  # noqa: E402


def run(corpus: Path, out: Path, *engine: str) -> tuple[float, float, float, list]:
    """Wall seconds, extraction seconds, linking and checking seconds and findings (id, severity, sources) of one check."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "factcheck.cli", "check", str(corpus), "--rules", str(REPO / "rules"),
                           "--quiet", "--verbose", "--report", str(out.with_suffix(".html")), "--format", f"json={out}", *engine],
                          capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        sys.exit(f"check failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    stage = {name: float(seconds) for name, seconds in re.findall(r"^(\w+): .*\(([\d.]+) s\)$", proc.stderr, re.M)}
    findings = [(f["id"], f["severity"], f["sources"]) for f in json.loads(out.read_text(encoding="utf-8"))["findings"]]
    return seconds, stage["extract"], stage["link"] + stage["check"], findings


def main(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        generate(corpus, n)
        local = run(corpus, Path(tmp) / "local.json")
        print(f"{n:,} articles\n| engine | wall | extraction | linking and check | findings |\n|---|---|---|---|---|")
        print(f"| local (every core) | {local[0]:.1f} s | {local[1]:.1f} s | {local[2]:.1f} s | {len(local[3])} |")
        for cores in (1, 2):
            spark = run(corpus, Path(tmp) / f"spark{cores}.json", "--engine", "spark", "--master", f"local[{cores}]")
            same = "same" if spark[3] == local[3] else "DIFFERENT"
            print(f"| Spark local[{cores}] | {spark[0]:.1f} s | {spark[1]:.1f} s | {spark[2]:.1f} s | {len(spark[3])}, {same} |", flush=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
