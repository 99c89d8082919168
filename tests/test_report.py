"""The command line's check: exit codes, messages, and the HTML report as an editor reads it."""

import json
import re
from html.parser import HTMLParser

from factcheck.cli import main

from conftest import REPO


class _Sections(HTMLParser):
    """Text of each finding's section of the report, and every link target and script."""

    def __init__(self):
        super().__init__()
        self.findings: list[str] = []
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
        if tag == "section" and "finding" in (attrs.get("class") or "").split():
            self.findings.append("")
            self.depth = 1
        elif self.depth and tag == "section":
            self.depth += 1

    def handle_endtag(self, tag):
        if self.depth and tag == "section":
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.findings[-1] += data


def test_seeds_report_shows_both_findings_with_their_sentences(tmp_path, capsys):
    report = tmp_path / "report.html"
    code = main(["check", str(REPO / "seeds"), "--rules", str(REPO / "rules"), "--report", str(report)])
    out = capsys.readouterr().out
    assert code == 1, out
    assert "2 error(s), 0 warning(s), 0 note(s)" in out and f"report: {report}" in out
    page = _Sections()
    page.feed(report.read_text(encoding="utf-8"))
    assert page.scripts == 1 and page.external == []  # the inline filter script, nothing fetched
    counts, dates = page.findings
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
    assert html.count("<script") == 1 and "alert(1)</script>" not in html  # only the report's own script
    assert "<img" not in html and "javascript:" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_an_archive_report_keeps_article_text_inert_in_its_data(tmp_path, monkeypatch):
    """Above ALL_CLAIMS_UP_TO claims the cited articles travel as JSON in a data block: text that closes
    a script element or opens one stays text in it, and the data gives it back unchanged."""
    import factcheck.report

    monkeypatch.setattr(factcheck.report, "ALL_CLAIMS_UP_TO", 1)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    hostile = "</script><script>alert(1)</script><!-- & -->"
    (corpus / "a.md").write_text(f"---\nlang: en\n---\nOver 2,000 delegates {hostile} attended ABC-2026.\n", encoding="utf-8")
    (corpus / "b.md").write_text("---\nlang: en\n---\nAbout 900 delegates attended ABC-2026.\n", encoding="utf-8")
    (corpus / "c.md").write_text("---\nlang: en\n---\nNothing to see.\n", encoding="utf-8")
    report = tmp_path / "r.html"
    assert main(["check", str(corpus), "--rules", str(tmp_path), "--report", str(report), "--quiet"]) == 1
    html = report.read_text(encoding="utf-8")
    data = re.search(r'<script type="application/json" id="article-data">(.*?)</script>', html, re.S).group(1)
    assert "<" not in data and ">" not in data and "&" not in data
    articles = json.loads(data)
    assert sorted(a["id"] for a in articles.values()) == [str(corpus / "a.md"), str(corpus / "b.md")]  # the cited ones
    text = "".join(p[0] for a in articles.values() for p in a["pieces"])
    assert hostile in text and "Nothing to see" not in text
    marks = [p for a in articles.values() for p in a["pieces"] if len(p) == 3]
    assert {p[0] for p in marks} >= {"Over 2,000 delegates", "About 900 delegates"} and all(p[2] for p in marks)
    assert html.count("<script") == 2 and 'id="claims"' not in html


def test_json_format_and_no_finding_exit_code(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text("---\nlang: en\npublished: 2026-01-05\n---\nThe summit drew 300 delegates.\n", encoding="utf-8")
    (tmp_path / "rules").mkdir()
    code = main(["check", str(corpus), "--rules", str(tmp_path / "rules"), "--report", str(tmp_path / "r.html"), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert data["summary"]["findings"] == {"error": 0, "warning": 0, "note": 0, "acknowledged": 0, "confirmed": 0}
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


def test_machine_outputs_each_to_its_own_file(tmp_path, capsys, monkeypatch):
    import xml.etree.ElementTree as ET

    import jsonschema

    monkeypatch.chdir(REPO)
    out = tmp_path / "out"
    code = main(["check", "seeds", "--rules", "rules", "--report", str(out / "report.html"),
                 "--format", f"sarif={out}/f.sarif", "--format", f"junit={out}/junit.xml",
                 "--format", f"lines={out}/findings.txt", "--format", f"json={out}/f.json", "--format", "github"])
    assert code == 1
    stdout = capsys.readouterr().out
    # GitHub Actions annotations
    # each finding at the claim that stands apart: the Persian "more than 1,500", then its dates
    assert "::error file=seeds/004_228c0a6c47dddc3a.txt,line=3,col=54,title=factcheck count " in stdout
    assert "::error file=seeds/004_228c0a6c47dddc3a.txt,line=3,col=17,title=factcheck date " in stdout
    # SARIF, valid against the official 2.1.0 schema
    sarif = json.loads((out / "f.sarif").read_text(encoding="utf-8"))
    schema = json.loads((REPO / "tests" / "fixtures" / "sarif-2.1.0-rtm.5.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(sarif)
    results = sarif["runs"][0]["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [("count", "error"), ("date", "error")]
    region = results[0]["locations"][0]["physicalLocation"]
    assert region["artifactLocation"]["uri"] == "seeds/004_228c0a6c47dddc3a.txt"
    assert region["region"]["startLine"] == 3 and region["region"]["snippet"]["text"] == "بیش از ۱۵۰۰ نماینده"
    # the other source and the rule fact are related locations
    related = [loc["physicalLocation"] for loc in results[0]["relatedLocations"]]
    assert related[0]["artifactLocation"]["uri"] == "seeds/000_fedf64f1c287bcc8.txt"
    assert related[0]["region"]["snippet"]["text"] == "2500 mütəxəssisin"
    assert results[1]["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "rules/wtdc.yaml"
    findings = json.loads((out / "f.json").read_text(encoding="utf-8"))["findings"]
    assert [r["partialFingerprints"]["factcheckFindingId/v1"] for r in results] == [f["id"] for f in findings]
    # JUnit: a test case per article, failed by the findings in which its claims stand apart
    suite = ET.parse(out / "junit.xml").getroot()
    cases = {c.get("name"): c for c in suite.iter("testcase")}
    assert len(cases) == 5 and suite.get("failures") == "1"
    assert [f.get("type") for f in cases["seeds/004_228c0a6c47dddc3a.txt"].findall("failure")] == ["count", "date"]
    assert not cases["seeds/000_fedf64f1c287bcc8.txt"].findall("failure")
    assert "more than 1,500" in cases["seeds/000_fedf64f1c287bcc8.txt"].find("system-out").text
    # one line a finding, path:line:col: severity: message
    lines = (out / "findings.txt").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("seeds/004_228c0a6c47dddc3a.txt:3:54: error: ")
    assert json.loads((out / "f.json").read_text(encoding="utf-8"))["summary"]["findings"]["error"] == 2


def test_verbose_says_what_each_stage_did(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(REPO)
    main(["check", "seeds", "--report", str(tmp_path / "r.html"), "--verbose", "--quiet"])
    err = capsys.readouterr().err
    stages = [line.split(":")[0] for line in err.splitlines() if line.endswith(" s)")]
    assert stages == ["read", "extract", "link", "check", "rules", "outputs"]
    assert "read: 5 article(s), 0 problem(s) (" in err and "extract: 5 article(s), 43 claim(s), 0 skipped (" in err
    assert "link: " in err and "check: 2 finding(s)" in err and "rules: 0 acknowledgement(s)" in err
    assert "outputs: 2 written (" in err  # the report and the text summary


def test_same_inputs_give_a_byte_identical_report(tmp_path, monkeypatch):
    monkeypatch.chdir(REPO)
    for name in ("a.html", "b.html"):
        main(["check", "seeds", "--report", str(tmp_path / name), "--quiet"])
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()


def test_every_format_renders_a_finding_with_many_sources(tmp_path, capsys, monkeypatch):
    """The development corpus gives findings of many sources in several languages: each format shows
    each of them once, with all its sources (SARIF: related locations; JUnit: a failure for every
    article apart; HTML: one card with a source card for every source)."""
    import xml.etree.ElementTree as ET

    import jsonschema

    monkeypatch.chdir(REPO)
    out = tmp_path / "out"
    main(["check", "tests/corpus", "seeds", "--rules", "rules", "--rules", "tests/corpus/rules", "--report", str(out / "r.html"),
          "--format", f"sarif={out}/f.sarif", "--format", f"junit={out}/junit.xml",
          "--format", f"lines={out}/findings.txt", "--format", f"json={out}/f.json", "--format", "github"])
    github = capsys.readouterr().out
    findings = json.loads((out / "f.json").read_text(encoding="utf-8"))["findings"]
    big = max(findings, key=lambda f: len(f["sources"]))
    articles = {s["article"] for s in big["sources"]}
    apart = {s["article"] for s in big["sources"] if s["apart"]}
    assert len(big["sources"]) >= 10 and len(apart) >= 3 and len({s["lang"] for s in big["sources"]}) >= 3
    # SARIF: one result, at a claim apart, the other claims and the rule facts related
    sarif = json.loads((out / "f.sarif").read_text(encoding="utf-8"))
    schema = json.loads((REPO / "tests" / "fixtures" / "sarif-2.1.0-rtm.5.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(sarif)
    results = [r for r in sarif["runs"][0]["results"] if r["partialFingerprints"]["factcheckFindingId/v1"] == big["id"]]
    assert len(results) == 1 and len(sarif["runs"][0]["results"]) == len(findings)
    assert results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] in apart
    assert len(results[0]["relatedLocations"]) == len(big["sources"]) - 1 + len(big["facts"])
    assert {loc["physicalLocation"]["artifactLocation"]["uri"] for loc in results[0]["relatedLocations"]} >= articles - {
        results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]}
    # JUnit: every article apart fails with this finding, once; the articles that agree do not
    cases = {c.get("name"): c for c in ET.parse(out / "junit.xml").getroot().iter("testcase")}
    for article in articles:
        hits = [f for f in cases[article].findall("failure") if f.text.startswith(big["id"])]
        assert len(hits) == (article in apart), article
    # lines and GitHub annotations: one each, tagged with the finding's id
    lines = (out / "findings.txt").read_text(encoding="utf-8").splitlines()
    assert sum(line.endswith(f"{big['kind']} {big['id']}]") for line in lines) == 1 == sum(big["id"] in a for a in github.splitlines())
    assert len([line for line in lines if re.search(r"\[(count|date|title) [0-9a-f]{12}\]$", line)]) == len(findings)
    # HTML: one card with every source, those apart marked
    html = (out / "r.html").read_text(encoding="utf-8")
    card = html.split(f'id="finding-{big["id"]}"', 1)[1].split("</section>", 1)[0]
    assert html.count(f'id="finding-{big["id"]}"') == 1
    assert len(re.findall(r'<div class="claim(?: apart)?">', card)) == len(big["sources"])
    assert card.count('<div class="claim apart">') == len([s for s in big["sources"] if s["apart"]])
    assert f"{len(big['sources'])} source(s), {len([s for s in big['sources'] if s['apart']])} apart" in card


def test_an_explanation_gives_the_first_reasons_and_counts_the_rest(tmp_path, monkeypatch):
    """A finding of an archive may have hundreds of sources apart: its explanation (the terminal's line,
    the CI annotation, SARIF's message) gives the first SAID reasons and counts the rest; the JSON output
    keeps every reason."""
    import factcheck.findings.model

    monkeypatch.setattr(factcheck.findings.model, "SAID", 0)  # the seeds' findings have one reason each
    out = tmp_path / "f.json"
    main(["check", str(REPO / "seeds"), "--rules", str(REPO / "rules"), "--report", str(tmp_path / "r.html"),
          "--format", f"json={out}"])
    findings = json.loads(out.read_text(encoding="utf-8"))["findings"]
    assert len(findings) == 2
    for f in findings:
        assert len(f["reasons"]) == 1 and f["reasons"][0] not in f["explanation"]
        assert "And 1 more source(s) like these" in f["explanation"]
