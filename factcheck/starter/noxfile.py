"""factcheck in this repository (written by `factcheck init`): `nox -s check` checks the rule files and
their examples, then cross-checks articles/ against rules/ and writes build/report.html."""

import nox

nox.options.default_venv_backend = "uv|virtualenv"
nox.options.reuse_existing_virtualenvs = True
nox.options.sessions = ["check"]

# The factcheck this repository uses: a pinned version, or a path or URL of a wheel.
FACTCHECK = "@REQUIREMENT@"


@nox.session
def check(session):
    """Rule files, their example sentences, then the cross-check (exit 1 on an error-level finding).
    Options after `--` go to `factcheck check`, e.g. `nox -s check -- --format github`."""
    session.install(FACTCHECK)
    session.run("factcheck", "rules", "check", "rules")
    session.run("factcheck", "rules", "test", "rules")
    session.run("factcheck", "check", "articles", "--rules", "rules", "--report", "build/report.html",
                "--store", "build/claims.duckdb", *session.posargs)


@nox.session
def schema(session):
    """Rewrite docs/rules.schema.json (the rule files' JSON Schema) after upgrading factcheck."""
    session.install(FACTCHECK)
    session.run("factcheck", "rules", "schema")
