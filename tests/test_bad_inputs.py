"""The catalogue of bad inputs (tests/cases/inputs/*.yaml): for each, files written in an empty folder,
a command run there, and what the user gets: the exit code, what standard error and output say, and
what the files written hold. No traceback unless the exit code is 3 (an internal error)."""

from __future__ import annotations

import json
import os
import re
import urllib.parse
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from factcheck.cli import main

REPO = Path(__file__).parent.parent
CASES = sorted((REPO / "tests" / "cases" / "inputs").glob("*.yaml"))


def _cases():
    for path in CASES:
        for case in YAML(typ="safe").load(path.read_text(encoding="utf-8"))["cases"]:
            yield pytest.param(case, id=f"{path.stem}:{case['name']}")


def _write(root: Path, name: str, spec) -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(spec, str):
        path.write_bytes(spec.encode("utf-8"))
    elif "link" in spec:
        path.symlink_to(spec["link"])
    elif spec.get("folder"):
        path.mkdir()
    elif "bytes" in spec:
        path.write_bytes(bytes.fromhex(spec["bytes"]))
    elif "repeat" in spec:
        path.write_bytes((spec.get("before", "") + spec["repeat"] * spec["times"] + spec.get("after", "")).encode("utf-8"))
    else:
        path.write_bytes(spec["text"].encode(spec["encoding"]))


def _valid(path: Path, kind: str) -> None:
    """The file is well-formed output of ``kind``."""
    text = path.read_text(encoding="utf-8")
    if kind == "json":
        json.loads(text)
    elif kind == "sarif":
        doc = json.loads(text)
        uris = [loc["physicalLocation"]["artifactLocation"]["uri"]
                for r in doc["runs"][0]["results"] for loc in [*r["locations"], *r["relatedLocations"]]]
        assert uris
        for uri in uris:
            assert not re.search(r"[\s%](?![0-9A-F]{2})", uri) and urllib.parse.urlsplit(uri).scheme == "", uri
            assert (path.parent / urllib.parse.unquote(uri)).exists() or Path(urllib.parse.unquote(uri)).exists(), uri
    elif kind == "junit":
        ET.fromstring(text.encode("utf-8"))
    elif kind == "lines":
        lines = text.splitlines()
        assert lines and all(re.match(r".+:\d+:\d+: (error|warning|note): ", line) for line in lines), lines


@pytest.mark.parametrize("case", list(_cases()))
def test_bad_input(case, tmp_path, capsys, monkeypatch):
    for name, spec in (case.get("files") or {}).items():
        _write(tmp_path, name, spec)
    monkeypatch.chdir(tmp_path)
    args = [a.replace("{repo}", str(REPO)) for a in case["run"]]
    code = main(args)
    out, err = capsys.readouterr()
    assert code == case["exit"], f"exit {code}, expected {case['exit']}\nstderr: {err[-2000:]}"
    if code != 3:
        assert "Traceback" not in err, err
    for text in case.get("stderr", []):
        assert text in err, f"{text!r} not in stderr:\n{err[-3000:]}"
    for text in case.get("stderr_not", []):
        assert text not in err, err
    for text in case.get("stdout", []):
        assert text in out, f"{text!r} not in stdout:\n{out[-3000:]}"
    for text in case.get("stdout_not", []):
        assert text not in out, out
    for name, wanted in (case.get("written") or {}).items():
        assert (tmp_path / name).is_file(), f"{name} was not written; stderr: {err[-2000:]}"
        body = (tmp_path / name).read_text(encoding="utf-8")
        for text in wanted:
            assert text in body, f"{text!r} not in {name}"
    for name, unwanted in (case.get("not_in") or {}).items():
        body = (tmp_path / name).read_text(encoding="utf-8")
        for text in unwanted:
            assert text not in body, f"{text!r} in {name}"
    for name in case.get("not_written", []):
        assert not (tmp_path / name).exists(), f"{name} was written"
    for name, kind in (case.get("valid") or {}).items():
        _valid(tmp_path / name, kind)
    leftovers = [p.name for p in tmp_path.rglob(".*.tmp")]
    assert not leftovers, f"temporary files left: {leftovers}"
    os.chdir(REPO)
