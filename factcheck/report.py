"""Rendering a ``Results`` object: terminal text, JSON and the HTML report (the machine formats
are in ``factcheck.outputs``). Every format renders the same findings."""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import json
from collections.abc import Iterator
from pathlib import Path

from markupsafe import Markup

from factcheck.results import Results, table_rows


def summary_of(row: dict) -> str:
    """The normalised value of a claim, in a few words."""
    from factcheck.findings.model import describe_count, describe_dates

    if row["kind"] == "count":
        return describe_count(row["value"], row["qualifier"], row["attribute"], row["measure"])
    if row["kind"] == "date":
        return describe_dates(row["date_start"], row["date_end"])
    org = f", {row['org_text']}" if row["org_text"] else ""
    modifier = f"{row['modifier']} " if row["modifier"] else ""
    return f"{row['person_text']}: {modifier}{row['role']}{org}"


def render_text(results: Results, report: str | None = None) -> str:
    """A short summary for a terminal, one line per finding."""
    s = results.summary()
    claims = ", ".join(f"{n} {k}" for k, n in s["claims"].items()) or "no claims"
    f = s["findings"]
    acknowledged = "".join(f", {f[status]} {status}" for status in ("acknowledged", "confirmed") if f[status])
    lines = [
        f"{s['articles']} article(s) read, {s['skipped']} skipped; {claims}; "
        f"{f['error']} error(s), {f['warning']} warning(s), {f['note']} note(s){acknowledged}"
    ]
    for finding in results.findings:
        level = finding.severity if finding.status == "new" else finding.status
        measure = f" ({finding.measure})" if finding.measure else ""
        lines.append(f"{level}: {finding.kind} {finding.entity} {finding.attribute}{measure}: "
                     f"{finding.explanation} (id {finding.id})")
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


def render_json(results: Results) -> Iterator:
    """The results as JSON, in pieces as they are made: indented, with one article, finding, claim and
    unchecked claim a line (a large archive's lists are never one string, nor encoded by Python's slow
    indenting encoder)."""
    from factcheck.archive import StoredUnchecked
    from factcheck.records import Encoded
    from factcheck.writing import json_pieces

    doc = results.to_dict(claims=False)
    doc["claims"] = Encoded(results.claim_json(texts=False))  # a table's claims written as DuckDB's bytes
    if isinstance(results.unchecked, StoredUnchecked):  # a store's, encoded by its DuckDB as they are read
        doc["unchecked"] = Encoded(results.unchecked.json(), mapping=True)
    large = {}
    for key in ("articles", "findings", "unchecked", "claims"):  # each replaced by a marker json_pieces fills
        large[f"\x00factcheck:{key}"], doc[key] = doc[key], f"\x00factcheck:{key}"
    yield from json_pieces(doc, large)
    yield "\n"


def _rank(finding) -> tuple:
    """The report's order: what nobody has acknowledged first, the most severe first, then the widest
    spread (most sources apart, then most sources)."""
    from factcheck.findings.model import SEVERITIES

    return finding.status != "new", SEVERITIES.index(finding.severity), -len(finding.apart), -len(finding.sources)


@functools.cache
def _direction(lang: str | None) -> str:
    from factcheck.lang import available, load

    return load(lang).get("direction", "ltr") if lang in available() else "ltr"


def web_url(url) -> str | None:
    """Only web links are links; anything else (javascript:, data:) is shown as text."""
    return url if isinstance(url, str) and url.lower().startswith(("http://", "https://")) else None


def render_html(results: Results) -> Iterator[str]:
    """One self-contained HTML page: summary, a card per finding with every source's version on one
    chart (findings ranked by ``_rank``), all claims, and the articles (of an archive of more than
    ``ALL_CLAIMS_UP_TO`` claims, those the findings cite, as data: the JSON output holds every claim).
    All article text is escaped; nothing is fetched. The page comes in pieces as the template makes
    them (an archive's report is never one string)."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(
        loader=FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_url"] = web_url
    shown_articles = results.articles
    cited_only = results.claim_count() > ALL_CLAIMS_UP_TO  # an archive: the articles the findings cite, not all of them
    apart = {s.claim for f in results.findings for s in f.apart}
    if cited_only:
        sources = [s for f in results.findings for s in f.sources[:FOLDED]]
        carded, cited = {s.claim for s in sources}, {s.article for s in sources}
        shown_articles = [a for a in results.articles if a.id in cited]
        rows = table_rows(results.claim_table(ids=carded))  # the claims shown as cards
        table = results.claim_table(articles=cited).drop(columns="sentence")
    else:
        rows = results.claim_rows()
    anchors = {a.id: f"article-{n}" for n, a in enumerate(shown_articles, 1)}
    by_id = {a.id: a for a in shown_articles}
    claims = {r["id"]: _card(r, by_id.get(r["article"])) for r in rows}
    articles, article_data = [], None
    if cited_only:  # the page's script lays them out: only their data is kept, made as the page is written
        article_data = _article_data(shown_articles, table, anchors, apart, results.unchecked_of(table["id"].tolist()))
    else:
        by_article: dict[str, list[dict]] = {}
        for r in rows:
            by_article.setdefault(r["article"], []).append(r)
        articles = [(a, _article_view(a, by_article.get(a.id, []), apart), _direction(a.lang)) for a in shown_articles]
    del rows
    template = env.get_template("report.html.j2")
    return template.generate(
        summary=results.summary(),
        findings=sorted(results.findings, key=_rank),
        charts={f.id: Markup(_chart(f)) for f in results.findings if f.kind != "title"},
        langs={f.id: " ".join(sorted({s.lang for s in f.sources if s.lang})) for f in results.findings},
        shown=SHOWN,
        folded=FOLDED,
        claims=claims,
        articles=articles,
        anchors=anchors,
        cited_only=cited_only,
        article_data=article_data,
        languages=sorted({a.lang for a in results.articles if a.lang}),
        entities=sorted({str(f.entity) for f in results.findings}),
        unchecked=results.unchecked,
        problems=results.problems,
        notices=results.notices,
        expectations=results.expectations,
        script=Markup(SCRIPT),
        script_hash=SCRIPT_HASH,
    )


SHOWN = 12  # sources shown open on a card (and on its chart); the rest fold away
FOLDED = 200  # sources (and reasons) a card holds in all: the JSON output has the rest
ALL_CLAIMS_UP_TO = 5000  # above this many claims, the report shows the articles and claims the findings cite
ARTICLES_AT_ONCE = 1000  # of those, the articles whose claims are rows (dicts) at once


def _article_view(article, rows: list[dict], apart: set[str]) -> list[tuple[str, str | None, str | None]]:
    """The article's text (after its front matter) cut into (text, css class, claim id): every claim
    of ``rows`` (the article's) highlighted, those that stand apart in a finding marked. Where claims
    overlap, the first one is shown."""
    pieces: list[tuple[str, str | None, str | None]] = []
    pos = article.body_start  # the front matter is shown as the article's metadata
    for r in sorted(rows, key=lambda r: (r["start"], -r["end"])):
        if r["start"] < pos:
            continue
        pieces.append((article.text[pos : r["start"]], None, None))
        pieces.append((article.text[r["start"] : r["end"]], "apart" if r["id"] in apart else "claim", r["id"]))
        pos = r["end"]
    pieces.append((article.text[pos:], None, None))
    return pieces


def _card(r: dict, article) -> dict:
    """A claim's row as a card shows it: its sentence cut around the claim, its value in words, its
    article's outlet and link."""
    offset = r["start"] - r["context_start"]
    length = r["end"] - r["start"]
    sentence = r["sentence"]
    return {**r, "before": sentence[:offset], "highlight": sentence[offset : offset + length],
            "after": sentence[offset + length :], "value_text": summary_of(r), "dir": _direction(r["lang"]),
            "source": article.meta.get("source") if article else None, "url": article.meta.get("url") if article else None}


def _article_data(articles: list, table, anchors: dict[str, str], apart: set[str], unchecked: dict[str, str]) -> Iterator[Markup]:
    """The cited articles of an archive as data for the page's script, which shows one when a source's
    link is followed (thousands of articles laid out at once would take the browser minutes): each one's
    heading and its text in pieces, a claim's piece with its css class and what it was read as. One JSON
    object, safe inside a script element, made ``ARTICLES_AT_ONCE`` articles at a time (their claims'
    rows, texts and pieces are let go before the next ones are made)."""
    from factcheck.findings.model import among

    yield Markup("{")
    for k in range(0, len(articles), ARTICLES_AT_ONCE):
        chunk = articles[k : k + ARTICLES_AT_ONCE]
        rows: dict[str, dict] = {}
        by_article: dict[str, list[dict]] = {}
        for r in table_rows(table[among(table["article"], {a.id for a in chunk})]):
            rows[r["id"]] = r
            by_article.setdefault(r["article"], []).append(r)
        for n, a in enumerate(chunk, k):
            pieces = []
            for text, cls, cid in _article_view(a, by_article.get(a.id, []), apart):
                if not cls or cid is None:
                    pieces.append([text])
                    continue
                c = rows[cid]
                linked = ", ".join(i for i in (c["subject_id"], c["person_id"], c["org_id"]) if i)
                title = " · ".join(t for t in (summary_of(c), linked and f"linked to {linked}", unchecked.get(cid)) if t)
                pieces.append([text, cls, title])
            info = "".join(f" · {v}" for v in (a.meta.get("source"), a.lang, a.published) if v)
            value = {"id": a.id, "info": info, "lang": a.lang, "dir": _direction(a.lang), "pieces": pieces}
            yield _script_json(("," if n else "") + json.dumps(anchors[a.id]) + ":", value)
    yield Markup("}")


def _script_json(before: str, data) -> Markup:
    """``before``, then ``data`` as JSON, safe inside a script element: "<", ">" and "&" are escaped as
    JSON escapes."""
    text = before + json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e"))


def _chart(finding) -> str:
    """An inline SVG: the sources' figures or dates on one axis (up to ``SHOWN`` of those apart, in red,
    and as many of the others), the rule's ranges shaded behind them."""
    import datetime as dt

    bars = [(f"rule {f.where}", f.lo, f.hi, "rule") for f in finding.facts if f.lo is not None]
    bars += [(s.article, s.lo, s.hi, "apart" if s.apart else "source") for s in finding.apart][:SHOWN]
    bars += [(s.article, s.lo, s.hi, "source") for s in finding.sources if not s.apart][:SHOWN]
    bars = [b for b in bars if b[1] is not None]
    if not bars:
        return ""
    dated = isinstance(bars[0][1], str)

    def num(v):
        return dt.date.fromisoformat(v).toordinal() if dated else float(v)

    los = [num(b[1]) for b in bars]
    his = [num(b[2]) if b[2] is not None else num(b[1]) * 1.5 for b in bars]
    lo, hi = min(los), max(his)
    pad = max((hi - lo) * 0.08, 1)
    lo, hi = lo - pad, hi + pad
    width, left, row = 640, 190, 26

    def x(v):
        return left + (v - lo) / (hi - lo) * (width - left - 10)

    def label(v):
        return dt.date.fromordinal(round(v)).isoformat() if dated else f"{v:,.0f}"

    height = row * len(bars) + 30
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" xmlns="http://www.w3.org/2000/svg">']
    for (_, _, _, cls), a, b in zip(bars, los, his, strict=True):
        if cls == "rule":
            parts.append(f'<rect class="rule" x="{x(a):.1f}" y="0" width="{max(x(b) - x(a), 2):.1f}" height="{height - 20}"/>')
    for n, ((name, _, _, cls), a, b) in enumerate(zip(bars, los, his, strict=True)):
        y = 10 + n * row
        parts.append(f'<text x="0" y="{y + 12}">{html.escape(name.rsplit("/", 1)[-1][:28])}</text>')
        shape = "rulebar" if cls == "rule" else cls
        if b - a < (hi - lo) / 200:
            parts.append(f'<circle class="{shape}" cx="{x(a):.1f}" cy="{y + 8}" r="5"/>')
        else:
            parts.append(f'<rect class="{shape}" x="{x(a):.1f}" y="{y + 2}" width="{x(b) - x(a):.1f}" height="12" rx="3"/>')
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
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.finding"));
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
  var data = document.getElementById("article-data"), view = document.getElementById("article-view"), articles = null;
  function showArticle() {  // an archive's report: the article a link points at, built from the page's data
    var anchor = decodeURIComponent(location.hash.slice(1));
    if (!data || anchor.indexOf("article-") !== 0) { return; }
    articles = articles || JSON.parse(data.textContent);
    var a = articles[anchor];
    if (!a) { return; }
    var box = document.createElement("div"), meta = document.createElement("div"), name = document.createElement("strong");
    var body = document.createElement("div");
    box.className = "article"; box.id = anchor; meta.className = "meta"; body.className = "body";
    body.dir = a.dir; body.lang = a.lang; name.textContent = a.id;
    meta.appendChild(name); meta.appendChild(document.createTextNode(a.info));
    a.pieces.forEach(function (p) {
      if (p.length === 1) { body.appendChild(document.createTextNode(p[0])); return; }
      var mark = document.createElement("mark");
      mark.className = p[1]; mark.title = p[2]; mark.textContent = p[0];
      body.appendChild(mark);
    });
    box.appendChild(meta); box.appendChild(body);
    view.replaceChildren(box);
    box.scrollIntoView();
  }
  window.addEventListener("hashchange", showArticle);
  showArticle();
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  apply();
})();
"""
SCRIPT_HASH = base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()



from factcheck.outputs import render_github, render_junit, render_lines, render_sarif  # noqa: E402

RENDERERS = {"text": None, "lines": render_lines, "json": render_json, "sarif": render_sarif,
             "junit": render_junit, "github": render_github}
DEFAULT_FILES = {"lines": "build/findings.txt", "json": "build/factcheck.json", "sarif": "build/factcheck.sarif",
                 "junit": "build/junit.xml"}
