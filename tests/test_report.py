"""The command line's check: exit codes, messages, and the HTML report as an editor reads it."""

import json
import re
from html.parser import HTMLParser

from factcheck.cli import main

from conftest import REPO


class _Sections(HTMLParser):
    """Text of each conflict section of the report, and every link target and script."""

    def __init__(self):
        super().__init__()
        self.conflicts: list[str] = []
        self.depth = 0
        self.scripts = 0
        self.external: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self.scripts += 1
        for key in ("src", "href"):
            if attrs.get(key) and not attrs[key].startswith("#") and tag != "a":
                self.external.append(attrs[key])
        if tag == "section" and "conflict" in (attrs.get("class") or ""):
            self.conflicts.append("")
            self.depth = 1
        elif self.depth and tag == "section":
            self.depth += 1

    def handle_endtag(self, tag):
        if self.depth and tag == "section":
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.conflicts[-1] += data


def test_seeds_report_shows_both_conflicts_with_their_sentences(tmp_path, capsys):
    report = tmp_path / "report.html"
    code = main(["check", str(REPO / "seeds"), "--rules", str(REPO / "rules"), "--report", str(report)])
    out = capsys.readouterr().out
    assert code == 1, out
    assert "2 error(s), 0 warning(s)" in out and f"report: {report}" in out
    page = _Sections()
    page.feed(report.read_text(encoding="utf-8"))
    assert page.scripts == 0 and page.external == []
    counts, dates = page.conflicts
    assert "000_fedf64f1c287bcc8.txt" in counts and "004_228c0a6c47dddc3a.txt" in counts
    assert "tədbirdə 2500 mütəxəssisin iştirak etdiyi" in counts
    assert "بیش از ۱۵۰۰ نماینده" in counts and "would not write" in counts
    assert "از ۲۶ تا ۲۸ آبان ۱۴۰۴" in dates and "it ends 9 days early" in dates and "rules/wtdc.yaml:" in dates
    # the Persian sentence is shown right to left
    assert re.search(r'<p class="sentence" dir="rtl" lang="fa">[^<]*<mark>بیش از ۱۵۰۰ نماینده</mark>', report.read_text(encoding="utf-8"))


def test_article_text_is_escaped(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text('---\nlang: en\nurl: "javascript:alert(1)"\n---\n'
                                 'Over 2,000 delegates <script>alert(1)</script> attended ABC-2026.\n', encoding="utf-8")
    (corpus / "b.md").write_text("---\nlang: en\n---\nAbout 900 delegates attended ABC-2026 <img src=x onerror=alert(1)>.\n", encoding="utf-8")
    rules = tmp_path / "rules"
    rules.mkdir()
    report = tmp_path / "r.html"
    assert main(["check", str(corpus), "--rules", str(rules), "--report", str(report)]) == 1
    html = report.read_text(encoding="utf-8")
    assert "<script>" not in html and "<img" not in html and "javascript:" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_json_format_and_no_conflict_exit_code(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text("---\nlang: en\npublished: 2026-01-05\n---\nThe summit drew 300 delegates.\n", encoding="utf-8")
    (tmp_path / "rules").mkdir()
    code = main(["check", str(corpus), "--rules", str(tmp_path / "rules"), "--report", str(tmp_path / "r.html"), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert data["summary"]["conflicts"] == {"error": 0, "warning": 0, "acknowledged": 0}
    assert data["claims"][0]["value"] == 300 and data["articles"][0]["published"] == "2026-01-05"


def test_broken_rule_files_exit_2_with_every_error(tmp_path, capsys):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "a.yaml").write_text("entities:\n  - id: x\n    kind: event\n    nmes: [X]\n", encoding="utf-8")
    (rules / "b.yaml").write_text("offices:\n  - {org: x, role: king, holder: y, from: 2020-01-01}\n", encoding="utf-8")
    code = main(["check", str(REPO / "seeds"), "--rules", str(rules), "--report", str(tmp_path / "r.html")])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{rules.as_posix()}/a.yaml:4:5: unknown key 'nmes' (did you mean 'names'?)" in err
    assert f"{rules.as_posix()}/b.yaml:2:14: 'role' cannot be 'king'" in err
    assert "nothing was checked" in err
    assert not (tmp_path / "r.html").exists()
