"""``factcheck init``: a newsroom's repository laid out to run factcheck, from the starter files in
``factcheck/starter/`` (articles, rules, a noxfile, a GitHub workflow, pre-commit and editor settings,
the rule files' JSON Schema and a README for the desk). Nothing that exists is overwritten."""

from __future__ import annotations

import json
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

STARTER = Path(__file__).parent / "starter"
MARK = '"@REQUIREMENT@"'  # in the starter files: the factcheck to install, as a quoted string
# (file under starter/, where it goes in the repository): dot-files are kept without their dot in the package
FILES = [
    ("README.md", "README.md"),
    ("noxfile.py", "noxfile.py"),
    ("articles/2026-05-15-caspian-media-forum-closes.md", "articles/2026-05-15-caspian-media-forum-closes.md"),
    ("rules/caspian-media-forum.yaml", "rules/caspian-media-forum.yaml"),
    ("github/workflows/factcheck.yml", ".github/workflows/factcheck.yml"),
    ("pre-commit-config.yaml", ".pre-commit-config.yaml"),
    ("vscode/settings.json", ".vscode/settings.json"),
    ("editorconfig", ".editorconfig"),
    ("gitignore", ".gitignore"),
]
SCHEMA = "docs/rules.schema.json"


def default_requirement() -> str:
    """This factcheck, pinned: ``factcheck==X.Y.Z``."""
    try:
        return f"factcheck=={version('factcheck')}"
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "factcheck"


def requirement_of(given: str | None) -> str:
    """What the repository's noxfile installs: ``given`` (a version specifier, a URL, or a path,
    made absolute when it exists here), else this factcheck pinned."""
    if not given:
        return default_requirement()
    return str(Path(given).resolve()) if Path(given).exists() else given


def init(directory: str | Path, requirement: str | None = None) -> list[tuple[Path, bool]]:
    """Lay out ``directory`` (made if missing): every starter file as (path, written); an existing
    file is kept (written False). Raises OSError when the directory cannot be written."""
    from factcheck.editor import json_schema

    root = Path(directory)
    if root.exists() and not root.is_dir():
        raise NotADirectoryError(f"{root} is a file; give a folder for the repository")
    pinned = json.dumps(requirement_of(requirement))
    done = []
    for name, target in [*FILES, (None, SCHEMA)]:
        path = root / target
        if path.exists():
            done.append((path, False))
            continue
        text = json_schema() if name is None else (STARTER / name).read_text(encoding="utf-8").replace(MARK, pinned)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        done.append((path, True))
    return done
