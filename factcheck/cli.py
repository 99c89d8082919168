"""Command line: a thin layer over the library API."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable
from pathlib import Path

FORMATS = ("jsonl", "csv", "table")
JOBS_HELP = "processes that extract articles (default: one a core, from 200 articles)"
STORE_HELP = ("keep the extracted claims in this DuckDB file between runs: only new and changed articles are "
              "extracted, a removed article's claims go (e.g. build/claims.duckdb)")


def _missing_spark() -> str | None:
    """What the Spark engine lacks here, said as what to install."""
    import importlib.util
    import os
    import shutil

    if importlib.util.find_spec("pyspark") is None:
        return "pyspark: pip install 'factcheck[spark]'"
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        return "Java 17 or newer (e.g. apt-get install openjdk-17-jre-headless), or JAVA_HOME set"
    return None


def _report(problems) -> None:
    for p in problems:
        print(f"not written: {p}", file=sys.stderr)


def _table(results) -> str:
    from factcheck.report import summary_of

    rows = [
        (Path(r["article"]).name, r["kind"], " ".join(r["text"].split())[:50], " ".join(summary_of(r).split()))
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
    from factcheck.writing import check_targets, write

    if blocked := check_targets([args.output]):
        _report(blocked.values())
        return 2
    results = extract(args.paths, store=args.store, jobs=args.jobs)
    for p in results.problems:
        print(f"skipped: {p}", file=sys.stderr)
    text: str | Iterable[str]
    if args.format == "jsonl":
        text = results.iter_jsonl()
    elif args.format == "csv":
        text = results.claims.to_csv(index=False)
    else:
        text = _table(results)
    if failed := write(text, args.output):
        _report([failed])
        return 2
    if args.output and args.output != "-":
        summary = ", ".join(f"{n} {k}" for k, n in results.summary()["claims"].items()) or "no claims"
        print(f"{len(results.articles)} article(s), {summary}; {len(results.problems)} skipped -> {args.output}", file=sys.stderr)
    return 2 if _nothing_read(results) else 0


def _nothing_read(results) -> bool:
    """A corpus name that matched no article (a mistyped path), or no article read at all: unusable input."""
    from factcheck.corpus import NOTHING_FOUND

    unmatched = [p.path for p in results.problems if p.message == NOTHING_FOUND]
    if not results.articles or unmatched:
        why = "no article was read" if not results.articles else "a path matched no article"
        names = f": {', '.join(unmatched)} matched no article" if unmatched else ""
        print(f"unusable input (exit 2): {why}{names}; check the paths given", file=sys.stderr)
        return True
    return False


def _format(spec: str) -> str:
    from factcheck.report import RENDERERS

    name = spec.partition("=")[0]
    if name not in RENDERERS:
        raise argparse.ArgumentTypeError(f"unknown format {name!r}; choose from {', '.join(RENDERERS)}")
    return spec


def _progress(args):
    """A progress bar on a terminal; nothing in CI, with --quiet, or when output is not a terminal."""
    import os

    if args.quiet or os.environ.get("CI", "").lower() in ("1", "true", "yes") or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return lambda items, total=None: tqdm(items, total=total, desc="articles", unit="article", leave=False)


def _rules(folders: list[str] | None):
    """The rules of ``folders`` (default: rules), their warnings said; None (and why) when they are broken."""
    from factcheck.rules import lint_rules, load_rules

    folders = folders or ["rules"]
    rules, errors = load_rules(folders)
    if errors:
        for e in errors:
            print(e, file=sys.stderr)
        print(f"{len(errors)} error(s) in the rule files under {', '.join(folders)}; nothing was checked", file=sys.stderr)
        return None
    for warning in lint_rules(rules):
        print(warning, file=sys.stderr)
    return rules


def _checked(args):
    """``factcheck check``'s results for ``args.corpus`` and ``args.rules`` (with ``args.store``), for the
    commands that read them (publish, explain); None when the rules are broken or nothing was read."""
    from factcheck.api import check

    rules = _rules(args.rules)
    if rules is None:
        return None
    results = check(args.corpus, rules, store=args.store)
    for p in results.problems:
        print(f"skipped: {p}", file=sys.stderr)
    return None if _nothing_read(results) else (rules, results)


def cmd_publish(args) -> int:
    import json

    from factcheck.publish import claim_reviews
    from factcheck.writing import write

    found = _checked(args)
    if found is None:
        return 2
    _, results = found
    for notice in results.notices:
        print(notice, file=sys.stderr)
    reviews = claim_reviews(results, args.organisation, args.organisation_url)
    if failed := write(json.dumps(reviews, ensure_ascii=False, indent=2) + "\n", args.output):
        _report([failed])
        return 2
    confirmed = sum(f.status == "confirmed" for f in results.findings)
    print(f"{len(reviews)} ClaimReview(s) of {confirmed} confirmed finding(s)"
          + (f" -> {args.output}" if args.output != "-" else ""), file=sys.stderr)
    return 0


def cmd_explain(args) -> int:
    from factcheck.explain import explain

    found = _checked(args)
    if found is None:
        return 2
    said = explain(found[1], found[0], args.id)
    if said is None:
        print(f"no finding or claim has the id {args.id!r} in {' '.join(args.corpus)}: copy it from the report "
              "(a finding's 12 characters, or a claim's ARTICLE#HASH)", file=sys.stderr)
        return 2
    print(said)
    return 0


def cmd_check(args) -> int:
    from factcheck.api import check
    from factcheck.report import DEFAULT_FILES, RENDERERS, render_html, render_text
    from factcheck.writing import check_targets, write

    if args.engine == "spark" and (args.store or args.jobs):
        print("--store and --jobs are the local engine's: Spark extracts every article on its own cores", file=sys.stderr)
        return 2
    if args.engine == "spark" and (missing := _missing_spark()):
        print(f"--engine spark needs {missing}", file=sys.stderr)
        return 2
    rules = _rules(args.rules)
    if rules is None:
        return 2
    def stage(name: str, seconds: float, detail: str) -> None:
        if args.verbose:
            print(f"{name}: {detail} ({seconds:.2f} s)", file=sys.stderr)

    formats = args.format or ["text"]
    targets = [args.report]
    for spec in formats:
        name, _, path = spec.partition("=")
        if not path and len(formats) > 1 and name in DEFAULT_FILES:
            path = DEFAULT_FILES[name]  # several formats: each to its own file
        targets.append(path or None)
    blocked = check_targets(targets)  # said before the run; the other outputs are still written after it
    _report(blocked.values())
    results = check(args.corpus, rules, progress=_progress(args), stage=stage, store=args.store, jobs=args.jobs,
                    engine=args.engine, master=args.master)
    failed, crashed = [], False

    def render(name: str) -> str | Iterable[str]:
        if name == "html":
            return render_html(results)
        if name == "text":
            return render_text(results, args.report)
        renderer = RENDERERS[name]
        assert renderer is not None  # only "text" has none: it points at the HTML report
        return renderer(results)

    outputs = list(zip(["html", *(f.partition("=")[0] for f in formats)], targets, strict=True))
    started = time.perf_counter()
    for n, (name, path) in enumerate(outputs):  # each output on its own: one that fails leaves the others written
        if n in blocked:
            continue
        try:
            problem = write(render(name), path)  # a streamed output is made while it is written
        except Exception:
            import traceback

            print(f"internal error rendering the {name} output (a bug; please report it):\n{traceback.format_exc()}", file=sys.stderr)
            crashed = True
            continue
        if problem:
            failed.append(problem)
        elif path and path != "-" and name != "html":
            print(f"{name}: {path}", file=sys.stderr)
    stage("outputs", time.perf_counter() - started, f"{len(outputs) - len(blocked)} written")
    if not any(name == "text" and path in (None, "-") for name, path in outputs):
        for p in results.problems:  # the text summary lists them; without it on screen, say them here
            print(f"skipped: {p}", file=sys.stderr)
    if "text" not in [f.partition("=")[0] for f in formats]:
        print(f"report: {args.report}", file=sys.stderr)
    _report(failed)
    if crashed:
        return 3
    if blocked or failed or _nothing_read(results):
        return 2
    return 1 if results.errors else 0


def cmd_eval(args) -> int:
    from factcheck.evaluation import evaluate

    missing = [g for g in args.gold if not Path(g).is_file()]
    if missing:
        for g in missing:
            print(f"{g}: gold file not found (give the path of a gold YAML file; its format: shared/gold/README.md)",
                  file=sys.stderr)
        return 2
    ev = None
    for gold in args.gold:
        ev = evaluate(gold, args.corpus, ev)
    assert ev is not None  # argparse asks for one gold file or more
    print(ev.render())
    failures = ev.failures(args.min_recall, args.min_precision)
    if args.rules:
        failures += _eval_findings(args)
    for f in failures:
        print(f"FAIL {f}", file=sys.stderr)
    return 1 if failures else 0


def _eval_findings(args) -> list[str]:
    """Check the gold files' articles (and --also) against --rules, and score the findings
    against the gold files' conflicts."""
    from ruamel.yaml import YAML

    from factcheck.api import check
    from factcheck.evaluation import gold_articles, score_findings
    from factcheck.rules import load_rules

    rules, errors = load_rules(args.rules)
    if errors:
        return [str(e) for e in errors]
    paths = [p for g in args.gold for p in gold_articles(Path(g), YAML(typ="safe").load(Path(g).read_text(encoding="utf-8")), args.corpus)]
    results = check(list(dict.fromkeys(paths + (args.also or []))), rules)
    score = score_findings(results, args.gold, rules, args.corpus)
    print(score.render())
    return score.failures(args.min_conflict_recall, args.max_findings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="factcheck", description="Catch factual conflicts in news articles.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="extract claims (counts, dates, titles) from articles")
    p.add_argument("paths", nargs="+", help="article files, folders or globs (.txt, .md, .jsonl)")
    p.add_argument("--format", choices=FORMATS, default="jsonl")
    p.add_argument("-o", "--output", help="write here instead of standard output")
    p.add_argument("--store", metavar="PATH", help=STORE_HELP)
    p.add_argument("--jobs", type=int, metavar="N", help=JOBS_HELP)
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("check", help="cross-check articles with each other and with rule files; write the HTML report")
    p.add_argument("corpus", nargs="*", default=["seeds"], help="article files, folders or globs (default: seeds)")
    p.add_argument("--rules", action="append", metavar="DIR",
                   help="folder of rule files; repeat for several (default: rules)")
    p.add_argument("--report", default="build/report.html", help="where to write the HTML report (default: build/report.html)")
    p.add_argument("--format", action="append", metavar="FORMAT[=PATH]", type=_format,
                   help="text (default), lines, json, sarif, junit or github; repeat for several, each to its own file "
                        "(PATH, or build/ by default; '-' for standard output)")
    p.add_argument("--store", metavar="PATH", help=STORE_HELP)
    p.add_argument("--jobs", type=int, metavar="N", help=JOBS_HELP + "; given as 2 or more, a large table is also "
                   "linked and checked in two processes (people and organisations, then titles and ages, in the second: "
                   "faster, and more memory)")
    p.add_argument("--engine", choices=("local", "spark"), default="local",
                   help="where articles are read and extracted: here (default, with --store and --jobs) or on Apache "
                        "Spark (pip install 'factcheck[spark]' and Java 17; the same results)")
    p.add_argument("--master", metavar="URL", help="the Spark cluster's master URL with --engine spark "
                   "(default: spark-submit's, else every core of this machine; e.g. local[2], spark://host:7077, yarn)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--verbose", action="store_true", help="say what each stage did and how long it took")
    p.set_defaults(func=cmd_check)

    from factcheck.cli_editor import add_editor_commands

    add_editor_commands(sub)

    p = sub.add_parser("publish", help="write schema.org ClaimReview (JSON-LD) for the findings editors confirmed")
    p.add_argument("corpus", nargs="*", default=["seeds"], help="article files, folders or globs (default: seeds)")
    p.add_argument("--rules", action="append", metavar="DIR", help="folder of rule files, with the confirmations (default: rules)")
    p.add_argument("-o", "--output", default="build/claimreview.jsonld", help="default: build/claimreview.jsonld; '-' for standard output")
    p.add_argument("--organisation", metavar="NAME", help="the desk, as the reviews' author (default: the editor who confirmed)")
    p.add_argument("--organisation-url", metavar="URL", help="the desk's home page")
    p.add_argument("--store", metavar="PATH", help=STORE_HELP)
    p.set_defaults(func=cmd_publish)

    p = sub.add_parser("explain", help="say what factcheck decided about a claim or a finding, and why")
    p.add_argument("id", help="a finding's id (12 characters) or a claim's (ARTICLE#HASH), as the report shows them")
    p.add_argument("corpus", nargs="*", default=["seeds"], help="article files, folders or globs (default: seeds)")
    p.add_argument("--rules", action="append", metavar="DIR", help="folder of rule files (default: rules)")
    p.add_argument("--store", metavar="PATH", help=STORE_HELP)
    p.set_defaults(func=cmd_explain)

    p = sub.add_parser("eval", help="score extraction against a gold file")
    p.add_argument("gold", nargs="+", help="gold YAML files (format: shared/gold/README.md); one table for all")
    p.add_argument("--corpus", help="folder of the gold files' articles (default: beside each, or ../<gold name>/)")
    p.add_argument("--min-recall", type=float, default=0.0, help="fail when a kind's core recall is lower")
    p.add_argument("--min-precision", type=float, default=0.0, help="fail when a kind's precision is lower")
    p.add_argument("--rules", action="append", metavar="DIR",
                   help="also cross-check the articles against these rule folders and score the findings against "
                        "the gold files' conflicts")
    p.add_argument("--also", action="append", metavar="PATH", help="more articles to cross-check with them (with --rules)")
    p.add_argument("--min-conflict-recall", type=float, default=0.0,
                   help="fail when fewer gold conflicts are found as one finding")
    p.add_argument("--max-findings", type=int, help="fail when the check raises more findings")
    p.set_defaults(func=cmd_eval)

    args = parser.parse_args(argv)
    if args.command != "extract" or args.store:  # a claims table to hold (writing JSON Lines holds none)
        from factcheck.workers import hand_back_memory

        hand_back_memory()
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception:  # a bug of factcheck's, not of the input: say so, with what to report
        import traceback

        from factcheck import __version__

        print(f"internal error in factcheck {__version__}: this is a bug, not a problem with your files. Please report it "
              "with the command you ran and the lines below.\n" + traceback.format_exc(), file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
