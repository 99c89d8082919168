"""The public API keeps working on every call: the README's Python example, run twice, and each
library function called twice (importing the extraction modules must not replace a function)."""

import importlib
import re
from pathlib import Path

import factcheck

REPO = Path(__file__).parent.parent


def _readme_examples() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return [block for block in re.findall(r"```python\n(.*?)```", text, re.S) if "import factcheck" in block]


def test_the_readme_example_runs_twice(monkeypatch):
    monkeypatch.chdir(REPO)
    examples = _readme_examples()
    assert examples, "the README shows how to call factcheck from Python"
    for _ in range(2):
        for block in examples:
            scope: dict = {}
            exec(compile(block, "README.md", "exec"), scope)  # the project's own README
            assert len(scope["results"].claims) > 0
            assert scope["errors"] == []


def test_each_library_function_works_on_every_call(monkeypatch):
    monkeypatch.chdir(REPO)
    importlib.import_module("factcheck.extraction.dates")  # importing the extraction modules must not shadow anything

    rules, errors = factcheck.load_rules("rules")
    assert not errors
    for _ in range(2):
        assert callable(factcheck.extract) and callable(factcheck.check)
        assert len(factcheck.extract(["seeds"]).claims) > 0
        assert factcheck.check(["seeds"], rules).findings
        articles, problems = factcheck.read_corpus(["seeds"])
        assert articles and not problems


def test_extract_to_json_lines_imports_neither_pandas_nor_pandera(tmp_path):
    """Writing JSON Lines needs no claims table: start-up stays light (pandas and pandera are most of it)."""
    import subprocess
    import sys

    (tmp_path / "a.md").write_text("---\nlang: en\n---\nMore than 2,500 delegates attended the forum.\n", encoding="utf-8")
    code = ("import sys; from factcheck.cli import main; main(['extract', sys.argv[1], '-o', sys.argv[2]]); "
            "print(sorted(m for m in ('pandas', 'pandera', 'great_expectations') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "a.md"), str(tmp_path / "out.jsonl")],
                         capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
    assert '"value": 2500' in (tmp_path / "out.jsonl").read_text(encoding="utf-8")


def test_a_checked_tables_claims_encode_as_python_encodes_their_records():
    """The JSON of a claims table (DuckDB's, a batch at a time) is, text for text, Python's encoding of
    the same claims' records: linked subjects, people and organisations, a surname's full name, a
    person's age, text in five scripts."""
    import json

    from factcheck.api import check
    from factcheck.rules import load_rules

    rules, errors = load_rules([str(REPO / "rules"), str(REPO / "tests" / "corpus" / "rules")])
    assert not errors
    results = check([str(REPO / "tests" / "corpus"), str(REPO / "seeds")], rules)
    expected = [json.dumps(r, ensure_ascii=False) for r in results.iter_claim_records()]
    assert [text for batch in results.claim_json() for text in batch] == expected
    records = [json.loads(t) for t in expected]
    assert {r["lang"] for r in records} >= {"az", "tr", "en", "fa", "ru"}
    assert any(r["kind"] == "count" and "person" in r for r in records)  # an age
    assert any("full" in r.get("person", {}) for r in records)
    assert any(r.get("subject", {}).get("id") for r in records)


def test_a_table_built_in_chunks_holds_each_text_column_in_one_buffer(monkeypatch):
    """Extraction builds the claims table a chunk of claims at a time; the table it gives holds each text
    column whole (pandas takes rows of a chunked Arrow column by joining every chunk first, on each filter),
    with the same claims as a table built at once."""
    import factcheck.api as api

    corpus = [str(Path(__file__).parent / "corpus")]
    whole = api.extract_articles(*api._read(corpus, None)[:2], table=True).claims
    monkeypatch.setattr(api, "ROW_CHUNK", 100)
    chunked = api.extract_articles(*api._read(corpus, None)[:2], table=True).claims
    assert len(chunked) > 1000
    assert chunked.equals(whole)
    text = [c for c in chunked.columns if str(chunked[c].dtype) == "string"]
    assert "sentence" in text
    assert {c: chunked[c].array.__arrow_array__().num_chunks for c in text} == dict.fromkeys(text, 1)


def test_the_json_output_is_the_same_whether_claims_are_rows_or_a_table(tmp_path):
    """A table's claims reach the JSON output as the bytes DuckDB encoded (joined by Arrow, never Python
    strings); rows' claims as Python's encoder gives them: the same file, one claim a line."""
    import json

    import factcheck.api as api
    from factcheck.report import render_json
    from factcheck.writing import write

    corpus = [str(Path(__file__).parent / "corpus")]
    rows = api.extract(corpus)
    table = api.extract_articles(*api._read(corpus, None)[:2], table=True)
    assert rows.frame is None and table.frame is not None
    for name, results in (("rows", rows), ("table", table)):
        assert write(render_json(results), str(tmp_path / f"{name}.json")) is None
    text = (tmp_path / "table.json").read_text(encoding="utf-8")
    assert text == (tmp_path / "rows.json").read_text(encoding="utf-8")
    claims = json.loads(text)["claims"]
    assert len(claims) > 1000
    lines = text.splitlines()
    assert [json.loads(line.strip().rstrip(",")) for line in lines[lines.index('  "claims": [') + 1 :][: len(claims)]] == claims


def test_an_output_to_a_device_or_pipe_is_written_into_it_not_replaced(tmp_path):
    """'-o /dev/null' once replaced the machine's /dev/null with a file (a temporary file renamed over it, as a root
    run may): a target that exists and is no regular file is written into."""
    import os
    import stat
    import threading

    from factcheck.writing import write

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    assert write(["claims ", "in pieces"], str(fifo)) is None
    reader.join(timeout=10)
    assert got == [b"claims in pieces"]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert write("x", os.devnull) is None and not os.path.isfile(os.devnull)
