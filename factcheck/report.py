"""Rendering a ``Results`` object: terminal text, JSON, and the HTML conflict report."""

from __future__ import annotations

import base64
import hashlib
import html
import json
from pathlib import Path

from markupsafe import Markup

from factcheck.api import Results


def summary_of(row: dict) -> str:
    """The normalised value of a claim, in a few words."""
    from factcheck.check import describe_count, describe_dates

    if row["kind"] == "count":
        return describe_count(row)
    if row["kind"] == "date":
        return describe_dates(row["date_start"], row["date_end"])
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
    in_conflict = {cid for c in results.conflicts for cid in c.claims}
    by_article: dict[str, list[dict]] = {}
    for r in rows:
        by_article.setdefault(r["article"], []).append(r)
    views = {a.id: _article_view(a, by_article.get(a.id, []), in_conflict) for a in results.articles}
    template = env.get_template("report.html.j2")
    return template.render(
        summary=results.summary(),
        conflicts=results.conflicts,
        charts={c.id: Markup(_chart(c.ranges)) for c in results.conflicts if c.ranges},
        langs={c.id: " ".join(sorted({claims[cid]["lang"] for cid in c.claims})) for c in results.conflicts},
        claims=claims,
        articles=[(a, views[a.id], _direction(a.lang)) for a in results.articles],
        anchors={a.id: f"article-{n}" for n, a in enumerate(results.articles, 1)},
        languages=sorted({a.lang for a in results.articles if a.lang}),
        entities=sorted({str(c.entity) for c in results.conflicts}),
        problems=results.problems,
        notices=results.notices,
        expectations=results.expectations,
        script=Markup(SCRIPT),
        script_hash=SCRIPT_HASH,
    )


def _article_view(article, rows: list[dict], in_conflict: set[str]) -> list[tuple[str, str | None, str | None]]:
    """The article's text (after its front matter) cut into (text, css class, claim id): every claim
    of ``rows`` (the article's) highlighted, those in a conflict marked. Where claims overlap, the
    first one is shown."""
    pieces, pos = [], article.body_start  # the front matter is shown as the article's metadata
    for r in sorted(rows, key=lambda r: (r["start"], -r["end"])):
        if r["start"] < pos:
            continue
        pieces.append((article.text[pos : r["start"]], None, None))
        pieces.append((article.text[r["start"] : r["end"]], "conflict" if r["id"] in in_conflict else "claim", r["id"]))
        pos = r["end"]
    pieces.append((article.text[pos:], None, None))
    return pieces


def _chart(ranges: list[dict]) -> str:
    """An inline SVG: each source's figure or dates on one axis, a rule's range shaded behind them."""
    import datetime as dt

    dated = isinstance(ranges[0]["lo"], str)

    def num(v):
        return dt.date.fromisoformat(v).toordinal() if dated else v

    los = [num(r["lo"]) for r in ranges]
    his = [num(r["hi"]) if r["hi"] is not None else num(r["lo"]) * 1.5 for r in ranges]
    lo, hi = min(los), max(his)
    pad = max((hi - lo) * 0.08, 1)
    lo, hi = lo - pad, hi + pad
    width, left, row = 640, 190, 26

    def x(v):
        return left + (v - lo) / (hi - lo) * (width - left - 10)

    def label(v):
        return dt.date.fromordinal(round(v)).isoformat() if dated else f"{v:,.0f}"

    height = row * len(ranges) + 30
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" xmlns="http://www.w3.org/2000/svg">']
    for r, a, b in zip(ranges, los, his, strict=True):
        if r["rule"]:
            parts.append(f'<rect class="rule" x="{x(a):.1f}" y="0" width="{max(x(b) - x(a), 2):.1f}" height="{height - 20}"/>')
    for n, (r, a, b) in enumerate(zip(ranges, los, his, strict=True)):
        y = 10 + n * row
        name = ("rule " if r["rule"] else "") + r["label"].rsplit("/", 1)[-1]
        parts.append(f'<text x="0" y="{y + 12}">{html.escape(name[:28])}</text>')
        if b - a < (hi - lo) / 200:
            parts.append(f'<circle class="{"rule" if r["rule"] else "source"}" cx="{x(a):.1f}" cy="{y + 8}" r="5"/>')
        else:
            parts.append(f'<rect class="{"rulebar" if r["rule"] else "source"}" x="{x(a):.1f}" y="{y + 2}" '
                         f'width="{x(b) - x(a):.1f}" height="12" rx="3"/>')
    axis = height - 14
    parts.append(f'<line x1="{left}" y1="{axis}" x2="{width - 10}" y2="{axis}"/>')
    parts.append(f'<text x="{left}" y="{height - 2}">{html.escape(label(lo + pad))}</text>')
    parts.append(f'<text x="{width - 10}" y="{height - 2}" text-anchor="end">{html.escape(label(hi - pad))}</text>')
    parts.append("</svg>")
    return "".join(parts)


# Filters and search; inline, so the page needs nothing else (its hash is in the page's CSP).
SCRIPT = """
(function () {
  var form = document.getElementById("filters");
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.conflict"));
  function apply() {
    var sev = form.severity.value, lang = form.lang.value, ent = form.entity.value, st = form.status.value;
    var q = form.q.value.trim().toLowerCase();
    var shown = 0;
    sections.forEach(function (s) {
      var ok = (!sev || s.dataset.severity === sev) && (!st || s.dataset.status === st) &&
        (!ent || s.dataset.entity === ent) && (!lang || (" " + s.dataset.langs + " ").indexOf(" " + lang + " ") >= 0) &&
        (!q || s.textContent.toLowerCase().indexOf(q) >= 0);
      s.hidden = !ok;
      if (ok) { shown += 1; }
    });
    document.getElementById("shown").textContent = shown + " of " + sections.length + " shown";
  }
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  apply();
})();
"""
SCRIPT_HASH = base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()


# --- machine outputs: one line per conflict, SARIF 2.1.0, JUnit XML, GitHub Actions annotations -----

def _locations(results: Results) -> dict[str, dict]:
    """Where each claim stands: path, line, column (1-based) and end column on the start line."""
    texts = {a.id: a for a in results.articles}
    out = {}
    for r in results.claim_rows():
        a = texts.get(r["article"])
        text = a.text if a else ""
        line_start = text.rfind("\n", 0, r["start"]) + 1
        first_line_end = text.find("\n", r["start"])
        end = r["end"] if first_line_end < 0 or first_line_end >= r["end"] else first_line_end
        out[r["id"]] = {"path": a.path if a else r["article"], "line": r["line"],
                        "column": r["start"] - line_start + 1, "end_column": end - line_start + 1, "text": r["text"]}
    return out


def _findings(results: Results, acknowledged: str):
    """Each conflict and failed dataset expectation as (path, line, column, level, message, tag):
    what every line-oriented format reports. ``acknowledged`` is the level of an acknowledged conflict."""
    where = _locations(results)
    for c in results.conflicts:
        loc = where[c.claims[0]]
        level = acknowledged if c.status == "acknowledged" else c.severity
        yield loc["path"], loc["line"], loc["column"], level, c.explanation, f"{c.kind} {c.id}"
    for e in results.expectations:
        if not e["success"]:
            path, _, line = e["where"].rpartition(":")
            yield (path, int(line), 1, e["severity"],
                   f"{e['expectation']} on {e['table']} failed (observed {e['observed']})", None)


def render_lines(results: Results) -> str:
    """``path:line:col: severity: message``, one line a conflict, for terminals and editors."""
    return "".join(
        f"{path}:{line}:{col}: {level}: {message}" + (f" [{tag}]" if tag else "") + "\n"
        for path, line, col, level, message, tag in _findings(results, "note")
    )


RULES = {
    "count": "Two figures for the same thing cannot both be right, or a figure is outside a rule's range.",
    "date": "Dates for the same event disagree, or fall outside a rule's dates.",
    "title": "A title that the office rules contradict at the article's date.",
}


def render_sarif(results: Results) -> str:
    """SARIF 2.1.0: each conflict a result at its first claim's file, line and column."""
    from factcheck import __version__

    where = _locations(results)

    def location(claim_id: str) -> dict:
        loc = where[claim_id]
        return {"physicalLocation": {
            "artifactLocation": {"uri": loc["path"]},
            "region": {"startLine": loc["line"], "startColumn": loc["column"], "endColumn": loc["end_column"],
                       "snippet": {"text": loc["text"]}},
        }}

    sarif_results = []
    for c in results.conflicts:
        result = {
            "ruleId": c.kind,
            "level": "error" if c.severity == "error" else "warning",
            "message": {"text": c.explanation},
            "locations": [location(c.claims[0])],
            "relatedLocations": [dict(location(cid), id=n) for n, cid in enumerate(c.claims[1:], 1)],
            "partialFingerprints": {"factcheckConflictId/v1": c.id},
            "properties": {"entity": c.entity, "attribute": c.attribute, "values": c.values, "rule": c.rule},
        }
        if c.acknowledged:
            result["suppressions"] = [{"kind": "external", "justification": f"{c.acknowledged['by']}: {c.acknowledged['why']}"}]
        sarif_results.append(result)
    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "factcheck", "version": __version__,
                "rules": [{"id": k, "shortDescription": {"text": v}} for k, v in RULES.items()],
            }},
            "results": sarif_results,
        }],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def render_junit(results: Results) -> str:
    """JUnit XML: a test case per article, failed by its unacknowledged error-level conflicts."""
    import xml.etree.ElementTree as ET

    article_of = {r["id"]: r["article"] for r in results.claim_rows()}
    by_article: dict[str, list] = {a.id: [] for a in results.articles}
    for c in results.conflicts:
        for article in dict.fromkeys(article_of[cid] for cid in c.claims):
            by_article.setdefault(article, []).append(c)
    suite = ET.Element("testsuite", name="factcheck", tests=str(len(by_article)))
    failures = 0
    for article, conflicts in by_article.items():
        case = ET.SubElement(suite, "testcase", classname="factcheck.articles", name=article)
        errors = [c for c in conflicts if c.severity == "error" and c.status == "new"]
        for c in errors:
            ET.SubElement(case, "failure", type=c.kind, message=c.explanation).text = f"{c.id} {c.entity} {c.attribute}"
        failures += bool(errors)
        others = [c for c in conflicts if c not in errors]
        if others:
            ET.SubElement(case, "system-out").text = "\n".join(f"{c.status} {c.severity}: {c.explanation}" for c in others)
    suite.set("failures", str(failures))
    return ET.tostring(suite, encoding="unicode", xml_declaration=True) + "\n"


def _escape(value: str, prop: bool = False) -> str:
    value = str(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if prop else value


def render_github(results: Results) -> str:
    """GitHub Actions workflow commands: ``::error file=...,line=...,col=...::message``."""
    return "".join(
        f"::{level} file={_escape(path, True)},line={line},col={col},"
        f"title={_escape('factcheck ' + (tag or 'expectation'), True)}::{_escape(message)}\n"
        for path, line, col, level, message, tag in _findings(results, "notice")
    )


RENDERERS = {"text": None, "lines": render_lines, "json": render_json, "sarif": render_sarif,
             "junit": render_junit, "github": render_github}
DEFAULT_FILES = {"lines": "build/conflicts.txt", "json": "build/factcheck.json", "sarif": "build/factcheck.sarif",
                 "junit": "build/junit.xml"}
