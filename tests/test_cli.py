import json

import pytest

from factcheck.cli import main

from conftest import REPO, SHARED


def test_extract_formats(tmp_path, capsys):
    art = tmp_path / "a.txt"
    art.write_text("Over 2,000 delegates from 150 countries attended the summit.", encoding="utf-8")
    out = tmp_path / "out" / "claims.jsonl"
    assert main(["extract", str(art), "--format", "jsonl", "-o", str(out)]) == 0
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["value"], r["qualifier"], r["attribute"]) for r in recs] == [
        (2000, "more_than", "delegates"), (150, "exact", "countries")]
    assert recs[0]["subject"] == {"text": "summit", "id": None} and "person" not in recs[0]
    assert main(["extract", str(art), "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("id,article,lang,published,kind,text,start,end")
    assert main(["extract", str(art), "--format", "table"]) == 0
    assert "more than 2,000 delegates" in capsys.readouterr().out


@pytest.mark.skipif(not (SHARED / "gold" / "seeds.yaml").exists(), reason="shared gold not beside the repo")
def test_eval_on_seeds_meets_the_required_figures(capsys):
    code = main(["eval", str(SHARED / "gold" / "seeds.yaml"), "--corpus", str(REPO / "seeds"), "--min-recall", "0.9"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "not_claims hits: 0" in out


def test_package_names_no_seed_entity():
    words = ("WTDC", "Bogdan", "Boqdan", "Asadov", "Əsədov", "Guluzade", "Hashemi", "هاشمی", "Aliyev", "Cəfərov",
             "fedf64f1", "9ad5a7b7", "b0aab04f", "d2e11e11", "228c0a6c")
    for path in (p for p in (REPO / "factcheck").rglob("*") if p.suffix in (".py", ".yaml", ".md")):
        text = path.read_text(encoding="utf-8")
        assert not [w for w in words if w in text], path


def test_eval_on_the_development_corpus_meets_the_required_figures(capsys):
    golds = sorted(str(p) for p in (REPO / "tests" / "corpus").glob("*/gold.yaml"))
    assert len(golds) == 5
    code = main(["eval", *golds, "--min-recall", "0.85", "--min-precision", "0.85"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "not_claims hits: 0" in out
