"""Synthetic archives for the tests and benchmarks that need many articles (nothing large is committed):
variants of the development corpus's and the seeds' articles, each with its first figure of three or
four digits nudged by its number, so no two are alike and the findings cite many of them."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).parent.parent
_FIGURE = re.compile(r"(?<![\d.,])(\d{3,4})(?![\d.,])")


def _templates() -> list[str]:
    paths = sorted((REPO / "tests" / "corpus").rglob("*.md")) + sorted((REPO / "seeds").glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths]


def generate(folder: Path, n: int) -> list[Path]:
    """Write ``n`` articles under ``folder`` (a thousand a subfolder) and return their paths."""
    templates = _templates()
    paths = []
    for k in range(n):
        text = templates[k % len(templates)]
        nudge = k // len(templates) % 7
        text = _FIGURE.sub(lambda m, nudge=nudge: str(int(m.group(1)) + nudge), text, count=1)
        path = folder / f"{k // 1000:03d}" / f"a{k:06d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text + f"\n<!-- {k} -->\n", encoding="utf-8")
        paths.append(path)
    return paths
