"""The editors' tools: starter files, the JSON Schema and its documentation, and `factcheck rules`."""

import json
import re
from pathlib import Path

import pytest

from factcheck.cli import main

from conftest import REPO


@pytest.mark.parametrize("kind", ["event", "person", "office"])
def test_starter_files_pass_the_check(kind, tmp_path, capsys):
    from factcheck.rules import lint_rules, load_rules

    assert main(["rules", "new", kind, "Caspian Energy Forum", "--dir", str(tmp_path)]) == 0
    path = tmp_path / "caspian-energy-forum.yaml"
    assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")
    rules, errors = load_rules(tmp_path)
    assert errors == [] and lint_rules(rules) == []
    assert main(["rules", "check", str(tmp_path)]) == 0
    if kind == "office":  # the person has a file now: a second office refers to them
        assert main(["rules", "new", kind, "Caspian Energy Forum", "--dir", str(tmp_path)]) == 0
    assert main(["rules", "new", kind, "Caspian Energy Forum", "--dir", str(tmp_path)]) == 2
    assert "exists already" in capsys.readouterr().err
    # every commented line is valid once uncommented
    text = re.sub(r"^(\s*)# (?!yaml-language-server|[A-Z])", r"\1", path.read_text(encoding="utf-8"), flags=re.M)
    text = re.sub(r"^# .*\n", "", text, flags=re.M)
    path.write_text(text, encoding="utf-8")
    rules, errors = load_rules(tmp_path)
    assert errors == [], [str(e) for e in errors]


def test_an_office_for_a_person_with_a_file_refers_to_them(tmp_path):
    from factcheck.rules import lint_rules, load_rules

    assert main(["rules", "new", "person", "Ramin Guluzade", "--dir", str(tmp_path)]) == 0
    assert main(["rules", "new", "office", "Ramin Quluzadə", "--dir", str(tmp_path)]) == 0
    office = (tmp_path / "ramin-guluzada-office.yaml").read_text(encoding="utf-8")
    assert "holder: ramin-guluzade" in office and "kind: person" not in office
    rules, errors = load_rules(tmp_path)
    assert errors == [] and lint_rules(rules) == []


def test_shipped_schema_is_the_models_schema():
    from factcheck.editor import schema_errors

    assert schema_errors(Path(__file__).parent.parent / "docs" / "rules.schema.json") == [], "run `factcheck rules schema` and commit docs/rules.schema.json"


def _properties(schema: dict) -> set[str]:
    names = set(schema.get("properties", {}))
    for sub in schema.get("$defs", {}).values():
        names |= set(sub.get("properties", {}))
    return names


def test_docs_describe_every_key_of_the_schema_and_their_examples_load(tmp_path):
    from factcheck.rules import load_rules

    schema = json.loads((REPO / "docs" / "rules.schema.json").read_text(encoding="utf-8"))
    docs = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z_]+)`", docs))
    assert _properties(schema) - documented == set()
    blocks = re.findall(r"```yaml\n(.*?)```", docs, re.S)
    assert blocks
    for n, block in enumerate(blocks):
        folder = tmp_path / str(n)
        folder.mkdir()
        (folder / "example.yaml").write_text(block, encoding="utf-8")
        _, errors = load_rules(folder)
        assert errors == [], f"docs/rules.md example {n + 1}: {[str(e) for e in errors]}"


def test_rules_commands_on_the_repository(capsys):
    assert main(["rules", "check", str(REPO / "rules")]) == 0
    assert main(["rules", "test", str(REPO / "rules")]) == 0
    assert "0 failed" in capsys.readouterr().err


def test_rules_test_reports_a_failing_example(tmp_path, capsys):
    (tmp_path / "r.yaml").write_text(
        "entities:\n  - {id: x-25, kind: event, names: [X Forum], codes: [XF-25], dates: {start: 2025-05-01, end: 2025-05-03}}\n"
        "examples:\n  - {text: 'XF-25 ran from 1 to 3 May 2025.', lang: en, conflict: true}\n", encoding="utf-8")
    assert main(["rules", "test", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert f"{tmp_path.as_posix()}/r.yaml:4:5: expected a conflict with this file's rules, found none" in out
