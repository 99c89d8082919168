"""factcheck as a newsroom gets it: `python -m build` gives a wheel and an sdist that install in fresh
virtual environments and run; `factcheck init` in an empty folder, then the noxfile it wrote, installing
that wheel, finds the example article's conflict. Needs the package index (for the dependencies) and
takes about a minute; the wheel is built from a copy of the source, so the tree stays clean."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

UV = [sys.executable, "-m", "uv"]


def _run(*cmd, cwd: Path, env: dict | None = None, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in cmd], cwd=cwd, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    """The wheel and the sdist, built by `python -m build` from a copy of the source."""
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, src / name)
    shutil.copytree(REPO / "factcheck", src / "factcheck", ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path_factory.mktemp("dist")
    proc = _run(sys.executable, "-m", "build", "--installer", "uv", "--outdir", out, src, cwd=src)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return out


def _venv_with(tmp: Path, package: Path) -> Path:
    """A fresh virtual environment with ``package`` installed; its bin folder."""
    venv = tmp / f"venv-{package.suffix.lstrip('.') or 'pkg'}"
    assert _run(*UV, "venv", "--python", sys.executable, venv, cwd=tmp).returncode == 0
    proc = _run(*UV, "pip", "install", "--python", venv / "bin" / "python", package, cwd=tmp)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return venv / "bin"


@pytest.mark.parametrize("kind", ["whl", "tar.gz"])
def test_wheel_and_sdist_install_and_run_outside_the_source_tree(dist, tmp_path, kind):
    package = next(dist.glob(f"factcheck-*.{kind}"))
    bin_ = _venv_with(tmp_path, package)
    work = tmp_path / "newsroom"
    work.mkdir()
    # everything at run time comes from the package: language files, templates, starter files, the schema
    assert _run(bin_ / "factcheck", "init", ".", cwd=work).returncode == 0
    schema = json.loads((work / "docs" / "rules.schema.json").read_text(encoding="utf-8"))
    assert schema["title"] == "factcheck rule file"
    assert _run(bin_ / "factcheck", "rules", "schema", "-o", "mine.json", cwd=work).returncode == 0
    assert json.loads((work / "mine.json").read_text(encoding="utf-8")) == schema
    proc = _run(bin_ / "factcheck", "check", "articles", "--rules", "rules", "--format", "json=out.json", cwd=work)
    assert proc.returncode == 1, proc.stderr[-3000:]  # the example article's conflict, on purpose
    findings = json.loads((work / "out.json").read_text(encoding="utf-8"))["findings"]
    assert [(f["entity"], f["attribute"], f["severity"]) for f in findings] == [("caspian-media-forum-2026", "participants", "error")]
    assert (work / "build" / "report.html").read_text(encoding="utf-8").count("Caspian Media Forum") > 1
    # a multi-language run reads every bundled language file from the package
    art = work / "articles" / "az.md"
    art.write_text("---\nlang: az\npublished: 2025-11-21\n---\nTədbirdə 2500 mütəxəssis iştirak edib.\n", encoding="utf-8")
    proc = _run(bin_ / "factcheck", "extract", "articles/az.md", cwd=work)
    assert [json.loads(line)["value"] for line in proc.stdout.splitlines()] == [2500], proc.stderr


def test_init_then_its_noxfile_finds_the_example_conflict(dist, tmp_path):
    wheel = next(dist.glob("factcheck-*.whl"))
    repo = tmp_path / "desk"
    from factcheck.cli import main

    assert main(["init", str(repo), "--factcheck", str(wheel)]) == 0
    proc = _run(sys.executable, "-m", "nox", "-s", "check", "--", "--format", "lines=-", cwd=repo,
                env={"NO_COLOR": "1", "CI": "1"})
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out[-4000:]  # nox's "session failed": factcheck exited 1
    assert "1 rule file(s): 0 error(s)" in out and "2 example(s): 2 passed, 0 failed" in out, out[-4000:]
    assert "articles/2026-05-15-caspian-media-forum-closes.md:12:1: error: caspian-media-forum-2026, participants" in out
    assert "Command factcheck check articles --rules rules --report build/report.html --store build/claims.duckdb" in out
    assert (repo / "build" / "report.html").exists() and (repo / "build" / "claims.duckdb").exists()


def test_init_never_overwrites_and_says_what_it_wrote(tmp_path, capsys):
    from factcheck.cli import main

    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "caspian-media-forum.yaml").write_text("# ours\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("# our desk\n", encoding="utf-8")
    assert main(["init", str(tmp_path), "--factcheck", "factcheck==9.9"]) == 0
    out = capsys.readouterr().out
    assert f"kept  {tmp_path.as_posix()}/README.md (it exists: not overwritten)" in out
    assert f"wrote {tmp_path.as_posix()}/.github/workflows/factcheck.yml" in out
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "# our desk\n"
    assert (tmp_path / "rules" / "caspian-media-forum.yaml").read_text(encoding="utf-8") == "# ours\n"
    assert 'FACTCHECK = "factcheck==9.9"' in (tmp_path / "noxfile.py").read_text(encoding="utf-8")
    assert '"factcheck==9.9"' in (tmp_path / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert main(["init", str(tmp_path / "README.md")]) == 2
    assert "is a file; give a folder" in capsys.readouterr().err
