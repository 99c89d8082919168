"""Machine outputs of a ``Results`` object: one line a finding, SARIF 2.1.0, JUnit XML and GitHub
Actions annotations. Each finding is reported at the first claim that stands apart in it."""

from __future__ import annotations

import re
import urllib.parse

from factcheck.results import Results
from factcheck.writing import json_pieces


def _uri(path: str) -> str:
    """A relative URI reference of a path: every character that is not a plain path character
    percent-encoded, so that a space, '%', a newline or a colon ("note:1.md", no scheme) stay in
    the path and point at the same file."""
    return urllib.parse.quote(path.replace("\\", "/"), safe="/-._~!$&'()*+,;=@")


def _one_line(text: str) -> str:
    """``text`` on one line: line breaks and other control characters shown as escapes."""
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text)


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot hold replaced (U+FFFD)."""
    return _NOT_XML.sub("\ufffd", str(text))


def _locations(results: Results) -> dict[str, dict]:
    """Where each claim stands: path, line, column (1-based) and end column on the start line."""
    texts = {a.id: a for a in results.articles}
    out = {}
    for r in results.claim_rows({c for f in results.findings for c in f.claims}):  # the claims findings report
        a = texts.get(r["article"])
        text = a.text if a else ""
        line_start = text.rfind("\n", 0, r["start"]) + 1
        first_line_end = text.find("\n", r["start"])
        end = r["end"] if first_line_end < 0 or first_line_end >= r["end"] else first_line_end
        out[r["id"]] = {"path": a.path if a else r["article"], "line": r["line"],
                        "column": r["start"] - line_start + 1, "end_column": end - line_start + 1, "text": r["text"]}
    return out


def _first(finding) -> str:
    """The claim a finding is reported at: the first that stands apart."""
    return (finding.apart or finding.sources)[0].claim


def _lines(results: Results, reviewed: str, where: dict | None = None):
    """Each finding and failed dataset expectation as (path, line, column, level, message, tag):
    what every line-oriented format reports. ``reviewed`` is the level of an acknowledged or confirmed finding."""
    where = where or _locations(results)
    for f in results.findings:
        loc = where[_first(f)]
        level = f.severity if f.status == "new" else reviewed
        yield loc["path"], loc["line"], loc["column"], level, f.explanation, f"{f.kind} {f.id}"
    for e in results.expectations:
        if not e["success"]:
            path, _, line = e["where"].rpartition(":")
            yield (path, int(line), 1, e["severity"],
                   f"{e['expectation']} on {e['table']} failed (observed {e['observed']})", None)


def render_lines(results: Results) -> str:
    """``path:line:col: severity: message``, one line a finding, for terminals and editors."""
    return "".join(
        f"{_one_line(path)}:{line}:{col}: {level}: {_one_line(message)}" + (f" [{tag}]" if tag else "") + "\n"
        for path, line, col, level, message, tag in _lines(results, "note")
    )


RULES = {
    "count": "Figures for the same thing, measure and time that cannot all be right, or outside a rule's figure.",
    "date": "Dates of an event that disagree with each other or with a rule, or an edition given another's dates.",
    "title": "A title that the office rules contradict at the article's date.",
}
SARIF_LEVELS = {"error": "error", "warning": "warning", "note": "note"}


def render_sarif(results: Results) -> str:
    """SARIF 2.1.0: one result per finding, at its first claim apart; the finding's other claims and
    the rule facts are related locations."""
    from factcheck import __version__

    where = _locations(results)

    def location(claim_id: str) -> dict:
        loc = where[claim_id]
        return {"physicalLocation": {
            "artifactLocation": {"uri": _uri(loc["path"])},
            "region": {"startLine": loc["line"], "startColumn": loc["column"], "endColumn": loc["end_column"],
                       "snippet": {"text": loc["text"]}},
        }}

    def rule_location(fact) -> dict:
        path, _, line = fact.where.rpartition(":")
        return {"physicalLocation": {"artifactLocation": {"uri": _uri(path)}, "region": {"startLine": int(line)}},
                "message": {"text": f"rule: {fact.value}"}}

    sarif_results = []
    for f in results.findings:
        first = _first(f)
        related = [location(c) for c in f.claims if c != first] + [rule_location(fact) for fact in f.facts]
        result = {
            "ruleId": f.kind,
            "level": SARIF_LEVELS[f.severity],
            "message": {"text": f.explanation},
            "locations": [location(first)],
            "relatedLocations": [dict(loc, id=n) for n, loc in enumerate(related, 1)],
            "partialFingerprints": {"factcheckFindingId/v1": f.id},
            "properties": {"entity": f.entity, "attribute": f.attribute, "measure": f.measure,
                           "reference": f.reference, "values": f.values, "rule": f.rule,
                           "sources": len(f.sources), "apart": len(f.apart)},
        }
        if f.acknowledged:
            result["suppressions"] = [{"kind": "external", "justification": f"{f.acknowledged['by']}: {f.acknowledged['why']}"}]
        elif f.confirmed:  # an error of the articles, corrected: what code scanning calls fixed elsewhere
            result["suppressions"] = [{"kind": "external", "justification": f"confirmed by {f.confirmed['by']} "
                                       f"({f.confirmed['rating']}): {f.confirmed['verdict']} {f.confirmed['url']}"}]
        sarif_results.append(result)
    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "factcheck", "version": __version__,
                "rules": [{"id": k, "shortDescription": {"text": v}} for k, v in RULES.items()],
            }},
            "results": "\x00factcheck:results",
        }],
    }
    return "".join(json_pieces(doc, {"\x00factcheck:results": sarif_results})) + "\n"  # one result a line


def render_junit(results: Results) -> str:
    """JUnit XML: a test case per article, failed by the unacknowledged error-level findings in
    which one of its claims stands apart."""
    import xml.etree.ElementTree as ET

    failing: dict[str, list] = {a.id: [] for a in results.articles}
    others: dict[str, list] = {a.id: [] for a in results.articles}
    for f in results.findings:
        fails = {s.article for s in f.apart} if f.severity == "error" and f.status == "new" else set()
        for article in dict.fromkeys(s.article for s in f.sources):
            (failing if article in fails else others).setdefault(article, []).append(f)
    suite = ET.Element("testsuite", name="factcheck", tests=str(len(failing)))
    failures = 0
    for article in failing:
        case = ET.SubElement(suite, "testcase", classname="factcheck.articles", name=_xml(article))
        for f in failing[article]:
            ET.SubElement(case, "failure", type=f.kind, message=_xml(f.explanation)).text = _xml(f"{f.id} {f.entity} {f.attribute}")
        failures += bool(failing[article])
        if others.get(article):
            ET.SubElement(case, "system-out").text = _xml("\n".join(f"{f.status} {f.severity}: {f.explanation}" for f in others[article]))
    suite.set("failures", str(failures))
    return ET.tostring(suite, encoding="unicode", xml_declaration=True) + "\n"


def _escape(value: str, prop: bool = False) -> str:
    value = str(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if prop else value


GITHUB_LEVELS = {"error": "error", "warning": "warning", "note": "notice"}


def render_github(results: Results) -> str:
    """GitHub Actions workflow commands: ``::error file=...,line=...,col=...::message``."""
    return "".join(
        f"::{GITHUB_LEVELS.get(level, 'notice')} file={_escape(path, True)},line={line},col={col},"
        f"title={_escape('factcheck ' + (tag or 'expectation'), True)}::{_escape(message)}\n"
        for path, line, col, level, message, tag in _lines(results, "notice")
    )
