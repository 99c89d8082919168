import datetime as dt
import os
from pathlib import Path

import pytest
from ruamel.yaml import YAML

CASES = Path(__file__).parent / "cases"
REPO = Path(__file__).parent.parent
SHARED = REPO.parent / "shared"


def load_yaml(path: Path):
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def iso(value):
    return value.isoformat() if isinstance(value, dt.date) else (None if value is None else str(value))


@pytest.fixture
def make_article():
    from factcheck.corpus import Article

    def make(text: str, lang: str | None = None, published=None, id: str = "case.txt"):
        meta = {}
        if published is not None:
            meta["published"] = published if isinstance(published, dt.date) else dt.date.fromisoformat(str(published))
        return Article(id=id, text=text, path=id, meta=meta, lang=lang)

    return make


# The browser tests need Chromium and Playwright; `nox -s browser` installs Playwright, sets this
# variable and runs them (`.ci/run` does too). The ordinary test run leaves them out.
if os.environ.get("FACTCHECK_BROWSER") != "1":
    collect_ignore_glob = ["browser/*.py"]
