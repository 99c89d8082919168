"""The Spark engine in Spark's local mode: the same results as the local engine, on the development
corpus and the seeds, on a generated archive, and on JSON Lines and Parquet inputs; with one core and
with two. Skipped where pyspark or Java is missing (`.ci/run` installs both)."""

import json
import shutil
import sys
import textwrap

import pytest

from conftest import REPO

pytest.importorskip("pyspark")
if shutil.which("java") is None:
    pytest.skip("Spark needs Java", allow_module_level=True)

from factcheck.api import check
from factcheck.cli import main
from factcheck.report import render_json
from factcheck.rules import load_rules


@pytest.fixture(scope="module")
def rules():
    loaded, errors = load_rules([str(REPO / "rules"), str(REPO / "tests" / "corpus" / "rules")])
    assert errors == []
    return loaded


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    sys.path.insert(0, str(REPO / "tests"))
    from generated_archive import generate

    folder = tmp_path_factory.mktemp("archive")
    generate(folder, 220)  # over the local engine's PARALLEL_FROM: its worker processes are compared too
    return folder


def _stop_spark():
    from pyspark.sql import SparkSession

    if (active := SparkSession.getActiveSession()) is not None:
        active.stop()


def _json(results) -> str:
    """The JSON output's text (its pieces are text, or UTF-8 written as it is)."""
    return "".join(p if isinstance(p, str) else bytes(p).decode("utf-8") for p in render_json(results))


@pytest.mark.parametrize("master", ["local[1]", "local[2]"])
def test_the_same_results_as_the_local_engine(master, rules, archive, monkeypatch):
    monkeypatch.chdir(REPO)
    _stop_spark()  # a new master needs a new session
    inputs = ["tests/corpus", "seeds", str(archive)]
    local = _json(check(inputs, rules, today=None))
    monkeypatch.setattr("factcheck.findings.check_claims", None)  # checked on Spark, not here: calling None would fail
    spark = _json(check(inputs, rules, engine="spark", master=master))
    assert json.loads(spark)["summary"] == json.loads(local)["summary"]
    assert json.loads(local)["summary"]["findings"]["error"] > 0
    assert spark == local  # findings, claims, articles and problems, byte for byte


def test_json_lines_and_parquet_inputs(rules, tmp_path, monkeypatch):
    """The seeds as one JSON Lines file and as a Parquet table of the same records: Spark reads both;
    JSON Lines gives exactly the local engine's results, Parquet the same findings."""
    import pandas as pd

    from factcheck.corpus import read_corpus

    monkeypatch.chdir(REPO)
    articles, _ = read_corpus(["seeds"])
    records = [{"id": a.id, "text": a.text[a.body_start:], "published": a.published.isoformat() if a.published else None,
                "lang": a.lang} for a in articles]
    jsonl = tmp_path / "seeds.jsonl"
    jsonl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records) + "{broken\n", encoding="utf-8")
    pd.DataFrame(records).to_parquet(tmp_path / "seeds.parquet")
    local = check([str(jsonl)], rules)
    on_spark = check([str(jsonl)], rules, engine="spark", master="local[2]")
    assert _json(on_spark) == _json(local)
    assert [(p.line, p.message) for p in on_spark.problems] == [(6, "not valid JSON: Expecting property name enclosed in double quotes at column 2")]
    table = check([str(tmp_path / "seeds.parquet")], rules, engine="spark", master="local[2]")
    assert [(f.id, f.severity, f.values) for f in table.findings] == [(f.id, f.severity, f.values) for f in local.findings]
    assert len(table.findings) >= 2 and len(table.claims) == len(local.claims)


def test_dataset_expectations_run_on_spark_with_the_local_engine_s_outcomes(tmp_path, monkeypatch):
    """Great Expectations' Spark data source over the articles and claims tables: each outcome and observed
    value as its pandas data source gives them, an expectation that fails included."""
    import factcheck.expectations as expectations

    (tmp_path / "expect").mkdir()
    (tmp_path / "expect" / "expect.yaml").write_text(textwrap.dedent("""\
        version: 2
        expectations:
          - {table: articles, expectation: expect_column_values_to_not_be_null, kwargs: {column: published}}
          - {table: articles, expectation: expect_column_values_to_be_between, kwargs: {column: claims, min_value: 1, mostly: 0.95}}
          - {table: claims, expectation: expect_column_values_to_be_in_set, kwargs: {column: lang, value_set: [en, az, tr]}}
          - {table: claims, expectation: expect_column_mean_to_be_between, kwargs: {column: value, min_value: 0}, severity: warning}
          - {table: claims, expectation: expect_column_values_to_be_unique, kwargs: {column: id}}
        """), encoding="utf-8")
    loaded, errors = load_rules([str(REPO / "rules"), str(tmp_path / "expect")])
    assert errors == []
    on_spark: list[str] = []
    real = expectations.spark_table
    monkeypatch.setattr(expectations, "spark_table", lambda spark, frame: on_spark.append(type(real(spark, frame)).__name__) or real(spark, frame))
    monkeypatch.chdir(REPO)
    local = check(["seeds", "tests/corpus"], loaded)
    spark = check(["seeds", "tests/corpus"], loaded, engine="spark", master="local[2]")
    assert on_spark == ["DataFrame"] * 3  # the claims checked on Spark; then the articles and the claims expected of
    assert spark.expectations == local.expectations
    assert [e["success"] for e in local.expectations] == [False, True, False, True, True]
    assert all(e["observed"] is not None and not str(e["observed"]).startswith("could not run") for e in local.expectations)


def test_articles_without_claims_give_what_the_local_engine_gives(rules, tmp_path):
    """No claim at all (a table of no rows, whose columns must stay): no finding, as locally, not a crash."""
    (tmp_path / "a.txt").write_text("Hello world, nothing to check here.\n", encoding="utf-8")
    local = _json(check([str(tmp_path)], rules))
    assert json.loads(local)["summary"]["articles"] == 1
    assert _json(check([str(tmp_path)], rules, engine="spark", master="local[1]")) == local


def test_the_command_line_says_what_the_spark_engine_cannot_take(tmp_path, capsys):
    assert main(["check", str(REPO / "seeds"), "--engine", "spark", "--store", str(tmp_path / "s.duckdb")]) == 2
    assert "--store and --jobs are the local engine's" in capsys.readouterr().err
