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
