"""Confirmed findings (rule files' `confirmations`), `factcheck publish` (schema.org ClaimReview) and
`factcheck explain`, as an editor uses them on the seeds."""

import json

import jsonschema

from factcheck.cli import main

from conftest import REPO

CONFIRMED = str(REPO / "tests" / "fixtures" / "confirmed")
SEEDS, RULES = str(REPO / "seeds"), str(REPO / "rules")
PARTICIPANTS, DATES = "41cd3ddfeceb", "4652ea39fcbe"  # the seeds' two conflicts: wtdc-25's participants and dates
PERSIAN_CLAIM = "seeds/004_228c0a6c47dddc3a.txt#121b79b789"  # "بیش از ۱۵۰۰ نماینده"


def _rules(tmp_path, text: str) -> str:
    folder = tmp_path / "more"
    folder.mkdir(exist_ok=True)
    (folder / "confirmed.yaml").write_text("version: 2\n" + text, encoding="utf-8")
    return str(folder)


def test_publish_writes_a_valid_claimreview_for_each_wrong_claim(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(REPO)  # the article ids are the paths as given
    out = tmp_path / "reviews.jsonld"
    assert main(["publish", "seeds", "--rules", "rules", "--rules", CONFIRMED, "-o", str(out),
                 "--organisation", "Example Desk", "--organisation-url", "https://desk.example/"]) == 0
    reviews = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(reviews, json.loads((REPO / "tests" / "fixtures" / "claimreview.schema.json").read_text(encoding="utf-8")))
    assert [(r["url"], r["reviewRating"]["alternateName"], r["identifier"]) for r in reviews] == [
        ("https://desk.example/corrections/wtdc-25-participants", "False", f"factcheck:{PARTICIPANTS}/{PERSIAN_CLAIM}"),
        ("https://desk.example/corrections/wtdc-25-dates", "Misleading", f"factcheck:{DATES}/seeds/004_228c0a6c47dddc3a.txt#8304160feb"),
    ]
    participants = reviews[0]
    assert "بیش از ۱۵۰۰ نماینده از حدود ۱۵۰ کشور" in participants["claimReviewed"]  # the sentence, as published
    assert participants["reviewBody"].endswith("Correct: 2,572 registered participants.")
    assert participants["author"] == {"@type": "Organization", "name": "Example Desk", "url": "https://desk.example/"}
    assert participants["datePublished"] == "2025-11-25"
    assert participants["itemReviewed"]["appearance"]["headline"] == "seeds/004_228c0a6c47dddc3a.txt"
    assert "2 ClaimReview(s) of 2 confirmed finding(s)" in capsys.readouterr().err


def test_confirmed_findings_pass_ci_and_show_their_verdict_in_every_output(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(REPO)
    hostile = _rules(tmp_path, f"""confirmations:
  - {{id: {PARTICIPANTS}, by: "<b>Leyla</b>", date: 2025-11-25, rating: "False", correct: "2,572",
      verdict: "<script>alert(1)</script> counted 2,572", url: "https://desk.example/c?a=1&b=<x>"}}
""")
    report = tmp_path / "report.html"
    code = main(["check", "seeds", "--rules", "rules", "--rules", hostile, "--report", str(report),
                 "--format", f"json={tmp_path / 'out.json'}", "--format", f"sarif={tmp_path / 'out.sarif'}"])
    assert code == 1  # the dates' conflict is still new
    findings = {f["id"]: f for f in json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["findings"]}
    assert findings[PARTICIPANTS]["status"] == "confirmed" and findings[DATES]["status"] == "new"
    assert findings[PARTICIPANTS]["confirmed"]["claims"] == [PERSIAN_CLAIM]
    html = report.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; counted 2,572" in html and "<script>alert(1)" not in html
    assert 'href="https://desk.example/c?a=1&amp;b=&lt;x&gt;"' in html and "&lt;b&gt;Leyla&lt;/b&gt;" in html
    sarif = json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]
    assert [r["suppressions"][0]["justification"].startswith("confirmed by <b>Leyla</b> (False)") for r in sarif
            if r["partialFingerprints"]["factcheckFindingId/v1"] == PARTICIPANTS] == [True]
    capsys.readouterr()
    assert main(["check", "seeds", "--rules", "rules", "--rules", CONFIRMED, "--report", str(report), "--format", "lines=-"]) == 0
    assert capsys.readouterr().out.count(": note: ") == 2  # both confirmed: reviewed, so notes


def test_confirmations_that_do_not_apply_are_said_and_change_nothing(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(REPO)
    folder = _rules(tmp_path, f"""confirmations:
  - {{id: 0123456789ab, by: A, date: 2025-11-25, rating: "False", verdict: v, correct: c, url: "https://x.example/1"}}
  - {{id: {DATES}, by: A, date: 2025-11-25, rating: "False", verdict: v, correct: c, url: "https://x.example/2",
      claims: ["seeds/000_fedf64f1c287bcc8.txt#nothere"]}}
""")
    assert main(["check", "seeds", "--rules", "rules", "--rules", folder, "--format", "text=-"]) == 1
    out = capsys.readouterr().out
    assert "confirmation of 0123456789ab matches no finding any more" in out
    assert f"finding {DATES} holds no claim seeds/000_fedf64f1c287bcc8.txt#nothere" in out
    assert "2 error(s)" in out


def test_a_broken_confirmation_is_a_rule_error_with_its_line(tmp_path, capsys):
    folder = _rules(tmp_path, """confirmations:
  - id: 41cd3ddfeceb
    by: A
    date: 2025-11-31
    rating: "False"
    verdict: v
    correct: c
    url: desk.example/correction
""")
    assert main(["rules", "check", folder]) == 2
    out = capsys.readouterr().out
    assert "confirmed.yaml:5:" in out and "is not a date that exists" in out
    assert "confirmed.yaml:9:" in out and "starting with https://" in out


def test_explain_a_finding_and_the_claims_it_compared(monkeypatch, capsys):
    monkeypatch.chdir(REPO)
    assert main(["explain", PARTICIPANTS, "seeds", "--rules", "rules"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Finding {PARTICIPANTS}: error, count of wtdc-25, participants; status new.")
    assert ("APART (-40%): seeds/004_228c0a6c47dddc3a.txt says more than 1,500 delegates (attended), as of 2025-11-19; "
            f'about wtdc-25 by the edition code in "کنفرانس WTDC-۲۵"  [claim {PERSIAN_CLAIM}]') in out
    assert main(["explain", PERSIAN_CLAIM, "seeds", "--rules", "rules"]) == 0
    out = capsys.readouterr().out
    assert "Read as: a count, more than 1,500 delegates (attended), as of 2025-11-19." in out
    assert 'Linked to: wtdc-25 (rules: rules/wtdc.yaml:5), by the edition code in "کنفرانس WTDC-۲۵".' in out
    assert f"Compared: in finding {PARTICIPANTS} (error, new): it stands apart (-40%)" in out
    # linked by its name, with the score
    assert main(["explain", "seeds/000_fedf64f1c287bcc8.txt#15bfac54be", "seeds", "--rules", "rules"]) == 0
    out = capsys.readouterr().out
    assert ('by the rule name "Ümumdünya Telekommunikasiyanın İnkişafı Konfransı", which "Ümumdünya Telekommunikasiyanın '
            'İnkişafı Konfransının" matches with score 97 (a link needs 88)') in out
    assert "it agrees with what it is measured against" in out
    # a surname alone, linked by the full name the article gives it; not compared, and why
    assert main(["explain", "seeds/002_b0aab04f55dc5fab.txt#5f8dbbe0ae", "seeds", "--rules", "rules"]) == 0
    out = capsys.readouterr().out
    assert ('The person "Ramin Guluzade" is the rules\' ramin-guluzade, by the rule name "Ramin Guluzade", which '
            '"Ramin Guluzade" reads as once both are romanised.') in out
    assert "Not compared: the article has no publication date, so the office cannot be checked." in out


def test_explain_a_claim_that_was_not_compared_and_an_unknown_id(tmp_path, capsys):
    art = tmp_path / "a.md"
    art.write_text("---\npublished: 2026-03-02\nlang: en\n---\nSome 40 journalists covered the Caspian Media Forum.\n"
                   "Of them, 12 were women.\n", encoding="utf-8")
    rules = _rules(tmp_path, "")
    assert main(["extract", str(art)]) == 0
    claims = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    first = claims[0]["id"]
    assert main(["explain", first, str(art), "--rules", rules]) == 0
    out = capsys.readouterr().out
    assert ('Linked to no rule entity: by the name "Caspian Media Forum" as the articles write it: no rule name matches it, '
            "so they are compared with each other.") in out
    assert "none of them contradicts it, so it is in no finding." in out
    assert main(["explain", "ffffffffffff", str(art), "--rules", rules]) == 2
    assert "no finding or claim has the id 'ffffffffffff'" in capsys.readouterr().err


def test_every_source_of_a_finding_says_how_it_was_linked_in_the_json_and_the_report(tmp_path, monkeypatch):
    monkeypatch.chdir(REPO)
    report = tmp_path / "report.html"
    main(["check", "tests/corpus", "seeds", "--rules", "rules", "--rules", "tests/corpus/rules", "--report", str(report),
          "--format", f"json={tmp_path / 'out.json'}"])
    linked = {(f["entity"], s["claim"]): s["linked"] for f in json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["findings"]
              for s in f["sources"]}
    assert linked[("wtdc-25", PERSIAN_CLAIM)] == 'by the edition code in "کنفرانس WTDC-۲۵"'
    # an edition named, another edition's dates given: the article speaks of the other
    assert linked[("wtdc-25", "tests/corpus/en/04_youth-celebration-eve-of-wtdc.md#ab0a6c6879")] == (
        'by the edition code in "World Telecommunication Development Conference (WTDC-2022)", which names wtdc-22; '
        "but its article gives that edition wtdc-25's dates, so it speaks of wtdc-25")
    assert linked[("az-presidential-election-2024", "tests/corpus/en/08_aliyev-wins-snap-election.md#ab40b96ab5")].startswith(
        "inferred: the sentence names no event")
    assert linked[("akylbek-japarov", "tests/corpus/ru/13_otg-gabala-sammit.md#1883bd60aa")] == (
        'its person, by the rule name "Akylbek Japarov", which "Акылбек Жапаров" reads as once both are romanised')
    assert linked[("houlin-zhao", "seeds/000_fedf64f1c287bcc8.txt#ad10bf3679")] == "as another holder of the office (secretary general of itu)"
    html = report.read_text(encoding="utf-8")
    assert '<div class="muted linked">about wtdc-25 by the edition code in &#34;کنفرانس WTDC-۲۵&#34;</div>' in html


def test_a_source_linked_by_its_organisation_says_so(tmp_path):
    """A title given to someone the rules do not know: the source is about the office by its country."""
    art = tmp_path / "a.md"
    art.write_text("---\npublished: 2025-07-03\nlang: fa\n---\nعلی رضایی، رئیس جمهور ترکیه، در این نشست شرکت کرد.\n",
                   encoding="utf-8")
    rules = _rules(tmp_path, """entities:
  - {id: turkey, kind: country, country: TR, names: [Turkey]}
  - {id: ahmet-kaya, kind: person, names: [Ahmet Kaya]}
offices:
  - {org: turkey, role: president, holder: ahmet-kaya, from: 2014-08-28}
""")
    main(["check", str(art), "--rules", rules, "--report", str(tmp_path / "report.html"), "--format", f"json={tmp_path / 'out.json'}"])
    linked = [s["linked"] for f in json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["findings"] for s in f["sources"]]
    assert linked == ['its organisation, by "ترکیه", which names the country TR (the rule entity of that country)']
