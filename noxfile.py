"""Sessions: check (the main job), tests, lint, browser, demo, eval, peer, bench."""

import shutil
from pathlib import Path

import nox

nox.options.default_venv_backend = "uv|virtualenv"
nox.options.reuse_existing_virtualenvs = True
nox.options.sessions = ["check"]

GOLD = "../shared/gold/seeds.yaml"
CORPUS_CONFLICT_RECALL = 0.5  # the planted conflicts of tests/corpus found as one finding, as measured; raise it as it rises


@nox.session
def check(session):
    """The main job: check the rule files and their examples, then cross-check seeds/ against rules/ and
    write build/report.html, keeping the claims in build/claims.duckdb (a rerun extracts only what changed);
    fails on a broken rule, a failed example or an error-level finding."""
    session.install("-e", ".")
    session.run("factcheck", "rules", "check", "rules")
    session.run("factcheck", "rules", "test", "rules")
    session.run("factcheck", "check", "seeds", "--rules", "rules", "--report", "build/report.html", "--store", "build/claims.duckdb",
                *session.posargs)


@nox.session
def demo(session):
    """The seeds' check as the demonstration it is: their two conflicts are there on purpose, so this
    passes when factcheck exits 1 (error-level findings) and fails on 0 (a conflict missed), 2 or 3."""
    session.install("-e", ".")
    session.run("factcheck", "check", "seeds", "--rules", "rules", "--report", "build/report.html",
                "--format", "text", "--format", "json=build/seeds.json", success_codes=[1])
    import json

    findings = json.loads(Path("build/seeds.json").read_text(encoding="utf-8"))["findings"]
    errors = sorted(f"{f['entity']} {f['attribute']}" for f in findings if f["severity"] == "error")
    if errors != ["wtdc-25 dates", "wtdc-25 participants"]:
        session.error(f"the seeds' planted conflicts are the dates and participants of wtdc-25; found {errors}")


@nox.session
def tests(session):
    """Run the test suite (the Spark engine's tests in Spark's local mode: they need Java)."""
    session.install("-e", ".[test,spark]")
    session.run("pytest", *session.posargs)


@nox.session
def browser(session):
    """Open the report in headless Chromium (Debian's `chromium`, driven by Playwright); screenshots in build/."""
    session.install("-e", ".[test]", "playwright>=1.45,<2")
    session.run("pytest", "tests/browser", *session.posargs, env={"FACTCHECK_BROWSER": "1"})


@nox.session
def peer(session):
    """Score extraction on other extractors' public test suites (../shared/peer/score.py; its tables in
    build/peer/report.md), with dateparser beside it unless `-- --no-baseline` is given."""
    script = Path("../shared/peer/score.py")
    if not script.exists():
        session.error(f"{script} is missing: the peer suites live beside the project, in ../shared/peer/")
    session.install("-e", ".")
    session.run("python", str(script), *session.posargs)
    session.log(Path("build/peer/report.md").read_text(encoding="utf-8").split("## date items", 1)[0])
    session.run("python", "benchmarks/peer_news.py")  # recall on the kinds of dates news uses, beside dateparser


@nox.session
def lint(session):
    """Lint with ruff, then type-check the package with mypy (its settings in pyproject.toml)."""
    # The Spark extra too: mypy reads pyspark's types for factcheck/spark.py; and nox's, for the
    # noxfile that `factcheck init` gives a newsroom (factcheck/starter/noxfile.py).
    session.install("-e", ".[spark]", "nox", "ruff>=0.6", "mypy>=2,<3")
    session.run("ruff", "check", "factcheck", "tests", "benchmarks", "noxfile.py")
    session.run("mypy")


@nox.session
def eval(session):
    """Score extraction and findings against gold files: the seeds' (core recall >= 0.9, both seed
    conflicts found) and the development corpus's (core recall and precision >= 0.85 for each
    language and kind; its planted conflicts found as findings, at most 80 findings in all). Or give
    a gold file and options after --."""
    session.install("-e", ".")
    if session.posargs:
        session.run("factcheck", "eval", *session.posargs)
        return
    if not Path(GOLD).exists():
        session.error(f"{GOLD} is missing: the seeds' gold file lives beside this repository, in ../shared/gold/. "
                      "Score another gold file with: nox -s eval -- GOLD.yaml --corpus ARTICLES [--rules RULES]")
    session.run("factcheck", "eval", GOLD, "--corpus", "seeds", "--min-recall", "0.9",
                "--rules", "rules", "--min-conflict-recall", "1.0")
    session.run("factcheck", "eval", *sorted(str(p) for p in Path("tests/corpus").glob("*/gold.yaml")),
                "--min-recall", "0.85", "--min-precision", "0.85",
                "--rules", "rules", "--rules", "tests/corpus/rules", "--also", "seeds",
                "--min-conflict-recall", str(CORPUS_CONFLICT_RECALL), "--max-findings", "80")


@nox.session
def bench(session):
    """Time extraction of the bundled corpora and the cross-check (pytest-benchmark), then the growth of
    extraction time and memory with an article's size (benchmarks/growth.py), extraction beside dateparser,
    the cross-check of up to a million claims, a generated archive of 10,000 articles checked twice
    with a store (`python benchmarks/archive.py 10000 100000` adds 100,000: some fifteen minutes here), and
    the Spark engine beside the local one on 2,000 generated articles (where Java is)."""
    session.install("-e", ".[test]", "pytest-benchmark>=4", "playwright>=1.45,<2")
    session.run("pytest", "benchmarks", "--benchmark-only", "--benchmark-columns=min,mean,max,rounds", *session.posargs)
    # how time and memory grow with an article's size, for seven shapes of text (exponents above 1.2 are OVER)
    session.run("python", "benchmarks/growth.py")
    session.run("python", "benchmarks/versus_dateparser.py")  # extraction beside dateparser.search_dates
    session.run("python", "benchmarks/check_scaling.py", "--sizes", "10000", "100000", "1000000")
    session.run("python", "benchmarks/archive.py", "10000")  # first run, rerun with 10 changed, report in Chromium
    if shutil.which("java"):  # the Spark engine beside the local one, with 1 and 2 cores (`.ci/run` installs Java)
        session.install("-e", ".[spark]")
        session.run("python", "benchmarks/spark_engine.py")
    else:
        session.log("no Java here: benchmarks/spark_engine.py skipped (`.ci/run` installs Java 17)")
