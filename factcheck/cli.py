"""Command line: a thin layer over the library API."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

FORMATS = ("jsonl", "csv", "table")


def _write(text: str, output: str | None) -> None:
    if output and output != "-":
        path = Path(output)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def _summary(row: dict) -> str:
    """The normalised value of a claim, in a few words."""
    if row["kind"] == "count":
        q = "" if row["qualifier"] == "exact" else f"{row['qualifier']} "
        return f"{q}{row['value']} {row['attribute']}" + (f" ({row['verb']})" if row["verb"] else "")
    if row["kind"] == "date":
        return row["date_start"] if row["date_start"] == row["date_end"] else f"{row['date_start']}..{row['date_end']}"
    org = f", {row['org_text']}" if row["org_text"] else ""
    return f"{row['person_text']}: {row['role']}{org}"


def _table(results) -> str:
    rows = [
        (Path(r["article"]).name, r["kind"], " ".join(r["text"].split())[:50], " ".join(_summary(r).split()))
        for r in results.claim_rows()
    ]
    if not rows:
        return "no claims\n"
    widths = [max(len(r[k]) for r in rows) for k in range(3)]
    return "".join(
        "  ".join(cell.ljust(w) for cell, w in zip(r[:3], widths, strict=True)) + "  " + r[3] + "\n" for r in rows
    )


def cmd_extract(args) -> int:
    from factcheck.api import extract

    results = extract(args.paths)
    for p in results.problems:
        print(f"skipped: {p}", file=sys.stderr)
    if args.format == "jsonl":
        text = results.to_jsonl()
    elif args.format == "csv":
        text = results.claims.to_csv(index=False)
    else:
        text = _table(results)
    _write(text, args.output)
    if args.output and args.output != "-":
        counts = results.claims["kind"].value_counts().to_dict() if len(results.claims) else {}
        summary = ", ".join(f"{n} {k}" for k, n in sorted(counts.items())) or "no claims"
        print(f"{len(results.articles)} article(s), {summary}; {len(results.problems)} skipped -> {args.output}", file=sys.stderr)
    return 0


def cmd_eval(args) -> int:
    from factcheck.evaluation import evaluate

    ev = evaluate(args.gold, args.corpus)
    print(ev.render())
    failures = ev.failures(args.min_recall, args.min_precision)
    for f in failures:
        print(f"FAIL {f}", file=sys.stderr)
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="factcheck", description="Catch factual conflicts in news articles.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="extract claims (counts, dates, titles) from articles")
    p.add_argument("paths", nargs="+", help="article files, folders or globs (.txt, .md, .jsonl)")
    p.add_argument("--format", choices=FORMATS, default="jsonl")
    p.add_argument("-o", "--output", help="write here instead of standard output")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("eval", help="score extraction against a gold file")
    p.add_argument("gold", help="gold YAML file (format: shared/gold/README.md)")
    p.add_argument("--corpus", help="folder of the gold file's articles (default: ../<gold name> beside it)")
    p.add_argument("--min-recall", type=float, default=0.0, help="fail when a kind's core recall is lower")
    p.add_argument("--min-precision", type=float, default=0.0, help="fail when a kind's precision is lower")
    p.set_defaults(func=cmd_eval)

    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
