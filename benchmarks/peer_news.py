"""Recall on the peer suites' date items of the kinds news text uses (issue 10's figure), for factcheck and
dateparser side by side: run after ``../shared/peer/score.py`` (``nox -s peer`` runs both).

An item counts when none of its tags is one news text does not use: weeks, a bare day ("on 15"),
decades named alone, and what Recognizers-Text itself does not support (``rt_not_supported:*``); its
other tags describe how a date is written (ordinal words, a solar year, a time after it)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

NOT_NEWS = {"week", "day_only", "decade"}


def main(peer: Path = Path("../shared/peer"), out: Path = Path("build/peer")) -> None:
    sys.path.insert(0, str(peer))
    import score  # the scorer beside the suites: the same loading and matching

    fc: dict[str, list[dict]] = {}
    for line in (out / "factcheck-claims.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            claim = json.loads(line)
            fc.setdefault(claim["article"], []).append(claim)
    cache_path = out / "dateparser-cache.json"
    dp = json.loads(cache_path.read_text(encoding="utf-8")) if cache_path.exists() else None
    print("| file | news items | factcheck | recall | dateparser | dp recall |\n|---|---|---|---|---|---|")
    for suite in score.load_suites(peer, None):
        if suite["kind"] != "date" or suite["scoring"] != "value":
            continue
        n = f = d = 0
        for case in suite["cases"]:
            tags = set(case.get("tags") or [])
            if tags & NOT_NEWS or any(t.startswith("rt_not_supported") for t in tags):
                continue
            key = json.dumps([case["lang"], case["text"], str(case.get("published"))], ensure_ascii=False)
            for item in case["items"]:
                n += 1
                f += score.score_item(item, fc.get(case["id"], []), "date")[0] == "correct"
                d += dp is not None and score.score_item(item, dp.get(key, []), "date")[0] == "correct"
        if n:
            base = f"{d} | {d / n:.1%}" if dp is not None else "- | -"
            print(f"| {suite['file']} | {n} | {f} | {f / n:.1%} | {base} |")


if __name__ == "__main__":
    main()
