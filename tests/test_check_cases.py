"""Cross-check cases: YAML files in cases/check/, rules and articles in, conflicts or rule errors out."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import CASES, load_yaml


def _cases(kind: str):
    for path in sorted((CASES / "check").glob("*.yaml")):
        for case in load_yaml(path)["cases"]:
            if ("errors" in case) == (kind == "errors"):
                yield pytest.param(case, id=f"{path.stem}:{case['name']}")


def _write(tmp_path, case):
    rules = tmp_path / "rules"
    rules.mkdir()
    if case.get("rules"):
        (rules / "rules.yaml").write_text(case["rules"], encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for art in case.get("articles", []):
        meta = {"lang": art["lang"]}
        if art.get("published"):
            meta["published"] = art["published"].isoformat() if isinstance(art["published"], dt.date) else art["published"]
        front = "".join(f"{k}: {v}\n" for k, v in meta.items())
        (corpus / art["id"]).write_text(f"---\n{front}---\n{art['text']}\n", encoding="utf-8")
    return rules, corpus


@pytest.mark.parametrize("case", list(_cases("conflicts")))
def test_conflicts(case, tmp_path, monkeypatch):
    from factcheck.api import check
    from factcheck.rules import load_rules

    rules_dir, corpus = _write(tmp_path, case)
    monkeypatch.chdir(corpus)
    rules, errors = load_rules(rules_dir)
    assert errors == []
    results = check(["."], rules)
    claims = {r["id"]: r for r in results.claim_rows()}
    found = [
        {"kind": c.kind, "severity": c.severity, "entity": c.entity, "attribute": c.attribute,
         "articles": sorted({claims[i]["article"] for i in c.claims}), "rule": c.rule is not None,
         "explanation": c.explanation}
        for c in results.conflicts
    ]
    unmatched = list(found)
    for expected in case["conflicts"]:
        want = {k: expected[k] for k in ("kind", "severity", "entity", "attribute")} | {
            "articles": sorted(expected["articles"]), "rule": expected.get("rule", False)}
        hit = next((f for f in unmatched if {k: f[k] for k in want} == want and expected.get("explains", "") in f["explanation"]), None)
        assert hit is not None, f"missing {expected}\nfound: {found}"
        unmatched.remove(hit)
    assert not unmatched, f"unexpected conflicts: {unmatched}"


@pytest.mark.parametrize("case", list(_cases("errors")))
def test_rule_errors(case, tmp_path):
    from factcheck.rules import load_rules

    rules_dir, _ = _write(tmp_path, case)
    _, errors = load_rules(rules_dir)
    messages = [str(e).replace(f"{rules_dir.as_posix()}/", "") for e in errors]
    assert messages == case["errors"]
