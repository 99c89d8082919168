"""Rendering a ``Results`` object: terminal text, JSON, and the HTML conflict report."""

from __future__ import annotations

import json
from pathlib import Path

from factcheck.api import Results


def summary_of(row: dict) -> str:
    """The normalised value of a claim, in a few words."""
    from factcheck.check import QUALIFIER_WORDS

    if row["kind"] == "count":
        verb = f" ({row['verb']})" if row["verb"] else ""
        return f"{QUALIFIER_WORDS.get(row['qualifier'], '')}{row['value']:,} {row['attribute']}{verb}"
    if row["kind"] == "date":
        return row["date_start"] if row["date_start"] == row["date_end"] else f"{row['date_start']}..{row['date_end']}"
    org = f", {row['org_text']}" if row["org_text"] else ""
    modifier = f"{row['modifier']} " if row["modifier"] else ""
    return f"{row['person_text']}: {modifier}{row['role']}{org}"


def render_text(results: Results, report: str | None = None) -> str:
    """A short summary for a terminal, one line per conflict."""
    s = results.summary()
    claims = ", ".join(f"{n} {k}" for k, n in s["claims"].items()) or "no claims"
    acknowledged = f", {s['conflicts']['acknowledged']} acknowledged" if s["conflicts"]["acknowledged"] else ""
    lines = [
        f"{s['articles']} article(s) read, {s['skipped']} skipped; {claims}; "
        f"{s['conflicts']['error']} error(s), {s['conflicts']['warning']} warning(s){acknowledged}"
    ]
    for c in results.conflicts:
        rule = f" [{c.rule}]" if c.rule else ""
        level = "acknowledged" if c.status == "acknowledged" else c.severity
        lines.append(f"{level}: {c.kind} {c.entity} {c.attribute}{rule}: {c.explanation} (id {c.id})")
    for e in results.expectations:
        if not e["success"]:
            lines.append(f"{e['severity']}: {e['where']}: {e['expectation']} on {e['table']} failed (observed {e['observed']})")
    for notice in results.notices:
        lines.append(f"notice: {notice}")
    for p in results.problems:
        lines.append(f"skipped: {p}")
    if report:
        lines.append(f"report: {report}")
    return "\n".join(lines) + "\n"


def render_json(results: Results) -> str:
    return json.dumps(results.to_dict(), ensure_ascii=False, indent=2) + "\n"


def _direction(lang: str | None) -> str:
    from factcheck.lang import available, load

    return load(lang).get("direction", "ltr") if lang in available() else "ltr"


def _safe_url(url) -> str | None:
    """Only web links are links; anything else (javascript:, data:) is shown as text."""
    return url if isinstance(url, str) and url.lower().startswith(("http://", "https://")) else None


def render_html(results: Results) -> str:
    """One self-contained HTML page: summary, conflicts with their claims side by side, all claims,
    and the articles that could not be read. All article text is escaped; nothing is fetched."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(
        loader=FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_url"] = _safe_url
    rows = results.claim_rows()
    articles = {a.id: a for a in results.articles}
    claims = {}
    for r in rows:
        a = articles.get(r["article"])
        offset = r["start"] - r["sentence_start"]
        length = r["end"] - r["start"]
        sentence = r["sentence"]
        claims[r["id"]] = {
            **r,
            "before": sentence[:offset],
            "highlight": sentence[offset : offset + length],
            "after": sentence[offset + length :],
            "value_text": summary_of(r),
            "dir": _direction(r["lang"]),
            "source": (a.meta.get("source") if a else None),
            "url": (a.meta.get("url") if a else None),
        }
    template = env.get_template("report.html.j2")
    return template.render(
        summary=results.summary(),
        conflicts=results.conflicts,
        claims=claims,
        problems=results.problems,
        notices=results.notices,
        expectations=results.expectations,
    )
