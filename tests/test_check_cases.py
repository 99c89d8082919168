"""Cross-check cases: YAML files in cases/check/, rules and articles in, findings or rule errors out.

A case lists the complete `findings` it must give: kind, severity, entity, attribute, `measure`
(when a count's finding is of one), `apart` (the articles whose claims stand apart), `sources`
(every article the finding holds; default: those apart), `rule: true` when a rule fact applies
(`rule: N`: the fact on line N of the rule file),
words the explanation must contain (`explains`; `once: true`: exactly once) and `status`. `findings: []` is a near miss.
"""

from __future__ import annotations

import datetime as dt

import pytest
from ruamel.yaml import YAML

from conftest import CASES, load_yaml

TODAY = dt.date(2026, 6, 1)  # the day the cases are checked on, for acknowledgements that expire


def _cases(kind: str):
    for path in sorted((CASES / "check").glob("*.yaml")):
        for case in load_yaml(path)["cases"]:
            found = "errors" if "errors" in case else "examples" if "example_results" in case else "findings"
            if found == kind:
                yield pytest.param(case, id=f"{path.stem}:{case['name']}")


@pytest.mark.parametrize("case", list(_cases("examples")))
def test_rule_examples(case, tmp_path):
    from factcheck.editor import run_examples
    from factcheck.rules import load_rules

    rules_dir, _ = _write(tmp_path, case)
    rules, errors = load_rules(rules_dir)
    assert errors == []
    assert [r.passed for r in run_examples(rules)] == case["example_results"]


def _write(tmp_path, case, first=True):
    """The case's rule file and articles; ``first=False`` rewrites the articles only."""
    rules = tmp_path / "rules"
    corpus = tmp_path / "corpus"
    if first:
        rules.mkdir()
        if case.get("rules"):
            (rules / "rules.yaml").write_text(case["rules"], encoding="utf-8")
        corpus.mkdir()
    for art in case.get("articles", []):
        meta = {"lang": art["lang"]} | ({"source": art["source"]} if art.get("source") else {})
        if art.get("published"):
            meta["published"] = art["published"].isoformat() if isinstance(art["published"], dt.date) else art["published"]
        front = "".join(f"{k}: {v}\n" for k, v in meta.items())
        (corpus / art["id"]).write_text(f"---\n{front}---\n{art['text']}\n", encoding="utf-8")
    return rules, corpus


@pytest.mark.parametrize("case", list(_cases("findings")))
def test_findings(case, tmp_path, monkeypatch):
    from factcheck.api import check
    from factcheck.rules import load_rules

    rules_dir, corpus = _write(tmp_path, case)
    monkeypatch.chdir(corpus)
    rules, errors = load_rules(rules_dir)
    assert errors == []
    results = check(["."], rules, today=TODAY)
    if case.get("acknowledgements"):
        # `finding: N` stands for the id of the N-th finding found without acknowledgements
        acks = [{k: v for k, v in a.items() if k != "finding"} | ({"id": results.findings[a["finding"]].id} if "finding" in a else {})
                for a in case["acknowledgements"]]
        with open(rules_dir / "acknowledgements.yaml", "w", encoding="utf-8") as f:
            YAML().dump({"acknowledgements": acks}, f)
        if case.get("edit"):  # the articles change before the second run
            _write(tmp_path, case | {"articles": case["edit"]}, first=False)
        rules, errors = load_rules(rules_dir)
        assert errors == []
        results = check(["."], rules, today=TODAY)
    ids = {"id": results.findings[0].id} if results.findings else {}
    assert [n.split(": ", 1)[1] for n in results.notices] == [n.format(**ids) for n in case.get("notices", [])]
    assert [(e["expectation"], e["success"]) for e in results.expectations] == [
        (e["expectation"], e["success"]) for e in case.get("expectations", [])]
    assert len(results.errors) == case.get("errors_counted", len(results.errors))
    found = [
        {"kind": f.kind, "severity": f.severity, "entity": f.entity, "attribute": f.attribute, "measure": f.measure,
         "apart": sorted({s.article for s in f.apart}), "sources": sorted({s.article for s in f.sources}),
         "rule": bool(f.facts), "explanation": f.explanation, "status": f.status,
         "rule_lines": [int(fact.where.rpartition(":")[2]) for fact in f.facts]}
        for f in results.findings
    ]
    unmatched = list(found)
    for expected in case["findings"]:
        want = {k: expected[k] for k in ("kind", "severity", "entity", "attribute")} | {
            "measure": expected.get("measure"), "apart": sorted(expected["apart"]),
            "sources": sorted(expected.get("sources", expected["apart"])),
            "rule": bool(expected.get("rule", False)), "status": expected.get("status", "new")}
        line = expected.get("rule") if type(expected.get("rule")) is int else None  # `rule: N`: the fact on line N
        said = expected.get("explains", "")
        hit = next((f for f in unmatched if {k: f[k] for k in want} == want and said in f["explanation"]
                    and not (expected.get("once") and f["explanation"].count(said) > 1)
                    and (line is None or line in f["rule_lines"])), None)
        assert hit is not None, f"missing {expected}\nfound: {found}"
        unmatched.remove(hit)
    assert not unmatched, f"unexpected findings: {unmatched}"
    assert _by_parts(results, rules) == [_said(f) for f in results.findings]


def _said(finding) -> tuple:
    return finding.id, finding.severity, finding.explanation, [(s.claim, s.apart, s.by) for s in finding.sources]


def _by_parts(results, rules) -> list[tuple]:
    """The findings of each part of the check (``factcheck.findings.parts``) worked out alone, as the Spark
    engine works them out: the same as the whole table's."""
    from factcheck.findings import check_part, ordered, parts
    from factcheck.linking import link

    linked = link(results.claims, rules, results.articles)
    outlets = {a.id: (a.meta.get("source"), a.lang) for a in results.articles}
    where = parts(linked, rules) if len(linked) else None
    found = [] if where is None else [f for part, rows in where.groupby("part")
                                      for f in check_part(part, linked.iloc[rows["row"]], rules, outlets)]
    return [_said(f) for f in ordered(found)]


@pytest.mark.parametrize("case", list(_cases("errors")))
def test_rule_errors(case, tmp_path):
    """Errors stop a rule file; when there are none, warnings say what can never fire."""
    from factcheck.rules import lint_rules, load_rules

    rules_dir, _ = _write(tmp_path, case)
    rules, errors = load_rules(rules_dir)
    found = errors or lint_rules(rules)
    messages = [str(e).replace(f"{rules_dir.as_posix()}/", "") for e in found]
    assert messages == case["errors"]
