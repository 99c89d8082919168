"""The library API: read a corpus, extract its claims, get one results object."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.corpus import Article, Problem, read_corpus
from factcheck.results import Results
from factcheck.schema import ROW_CHUNK
from factcheck.workers import extract_all

if TYPE_CHECKING:
    import pandas as pd

    from factcheck.store import KnownFiles

__all__ = ["Results", "check", "check_articles", "cross_check", "extract", "extract_articles"]


def extract(inputs: list[str], store: str | Path | None = None, jobs: int | None = None) -> Results:
    """Read the articles named by ``inputs`` (files, folders, globs) and extract their claims (with
    ``store``, a DuckDB file: only of the articles it does not hold unchanged)."""
    articles, problems, known = _read(inputs, store)
    return extract_articles(articles, problems, store=store, jobs=jobs, known=known)


def _read(inputs: list[str], store: str | Path | None) -> tuple[list[Article], list[Problem], KnownFiles | None]:
    """The articles of ``inputs``: with ``store``, the text files it read before and that have not
    changed are not read again (``factcheck.store.KnownFiles``)."""
    if store is None:
        return (*read_corpus(inputs), None)
    from factcheck.store import KnownFiles

    known = KnownFiles(store)
    articles, problems = read_corpus(inputs, known)
    return articles, problems + known.problems, known


def extract_articles(articles: list[Article], problems: list[Problem] | None = None, progress=None,
                     store: str | Path | None = None, jobs: int | None = None, table: bool = False,
                     known: KnownFiles | None = None) -> Results:
    """Extract the claims of articles already read, in ``jobs`` worker processes (default: one a core)
    when they are many (``factcheck.workers``). ``progress(iterable, total=)`` wraps the articles as they
    are done (a tqdm bar, say). With ``store`` (a DuckDB file, ``factcheck.store``), the claims of articles
    the store holds unchanged are read from it, only the others extracted, and the store updated: the
    results are the same as without it (``known``: the store's files, as ``read_corpus`` saw them, which
    it then remembers; the articles of those files hold no text, read from the file when asked), and the
    results' claims are the store's, read a part or a batch at a time
    (``factcheck.archive``). With ``table``, the claims table is built as the
    articles are done, a chunk of claims at a time; without, the claims stay rows until one is asked for
    (writing JSON Lines needs no table)."""
    from factcheck.lang import available
    from factcheck.workers import extracted

    problems = list(problems or [])
    rows = claims = stored = None
    if store is not None:
        articles, stored, found_problems = _extract_with_store(articles, progress, store, problems, jobs, known)
    elif table:
        claims, found_problems = _table_of(extracted(articles, progress, jobs))
    else:
        rows, found_problems = extract_all(articles, progress, jobs)
    problems.extend(p for a in articles for p in found_problems.get(a.id, []))
    return Results([a for a in articles if a.lang in available()], claims, problems, rows=rows, stored=stored)


def _table_of(outcomes: Iterable[tuple[Article, list[dict], list[Problem]]]) -> tuple[pd.DataFrame, dict[str, list[Problem]]]:
    """The claims table of extraction's ``outcomes`` (``factcheck.workers.extracted``), built and checked
    ROW_CHUNK claims at a time: a million claims are never a million dicts at once."""
    import pandas as pd

    from factcheck.schema import claims_frame
    from factcheck.workers import in_chunks

    parts: list[pd.DataFrame] = []
    problems: dict[str, list[Problem]] = {}
    for batch in in_chunks(outcomes, ROW_CHUNK):
        problems.update((article.id, skipped) for article, _, skipped in batch)
        parts.append(claims_frame([row for _, found, _ in batch for row in found]))
    return (joined(pd.concat(parts, ignore_index=True)) if len(parts) > 1 else parts[0]), problems


def joined(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with each text column in one Arrow buffer, a column at a time. pandas takes rows of a
    chunked Arrow column by joining its chunks first, on every filter: for an archive's claims, 0.3 s
    and 0.3 GB at once each time a few rows are taken, where one buffer takes 0.02 s and nothing more."""
    import pandas as pd
    import pyarrow as pa

    for name in table.columns:
        column = table[name].array
        chunks = column.__arrow_array__() if isinstance(column, pd.arrays.ArrowStringArray) else None
        if chunks is not None and chunks.num_chunks > 1:
            table[name] = pd.arrays.ArrowStringArray(pa.chunked_array([chunks.combine_chunks()]))
    return table


def _store_extracted(path: str | Path, changed: list[Article], keys: dict[str, str], removed: list[str], progress,
                     jobs: int | None) -> None:
    """Extract ``changed`` into the store at ``path`` (their keys in ``keys``), forgetting ``removed``."""
    from itertools import chain

    from factcheck.store import ClaimStore
    from factcheck.workers import extracted

    outcomes = extracted(changed, progress, jobs)
    first = next(outcomes, None)  # worker processes start before the store opens: none inherits its connection
    store = ClaimStore(path)
    try:
        store.write({a.id: keys[a.id] for a in changed}, chain([first] if first else [], outcomes), removed)
    finally:
        store.close()


def _extract_with_store(articles: list[Article], progress, path: str | Path, problems: list[Problem], jobs: int | None,
                        known_files: KnownFiles | None):
    """The articles, their claims (``StoredClaims``: read from the store as they are asked for) and
    problems: those new or changed are extracted into the store at ``path`` as they are done (a chunk of
    claims at a time, never all of them here). The articles of the text files the store now remembers
    hold no text (``KnownFiles.read`` and ``keep``)."""
    from factcheck.archive import StoredClaims
    from factcheck.corpus import KnownArticle
    from factcheck.store import ClaimStore, article_key
    from factcheck.workers import PARALLEL_FROM, can_fork, in_forked_process, release_freed

    store = ClaimStore(path)
    problems.extend(store.problems)
    try:
        # before extraction detects a language; an unchanged file's articles keep the keys they had
        keys = {a.id: a.key if isinstance(a, KnownArticle) else article_key(a) for a in articles}
        known = store.known()
    finally:
        store.close()
    changed = [a for a in articles if known.get(a.id, (None, None))[0] != keys[a.id]]
    for a in articles:
        if a.id in known and known[a.id][0] == keys[a.id]:
            a.lang = a.lang or known[a.id][1]
    removed = [i for i in known if i not in keys]
    if changed or removed or (known_files is not None and known_files.fresh):
        # many articles are extracted into the store by a forked process: the claims it made and wrote
        # are the system's again when it ends, and this one reads them back as a rerun does
        if not (len(changed) >= PARALLEL_FROM and can_fork() and in_forked_process(_store_extracted, path, changed, keys, removed,
                                                                                     progress, jobs)):
            _store_extracted(path, changed, keys, removed, progress, jobs)
        store = ClaimStore(path)
        try:
            langs = store.known()
            for a in changed:  # as extraction detected them
                a.lang = langs[a.id][1] if a.id in langs else a.lang
            if known_files is not None:  # the articles themselves: whoever passed them holds the texts no longer either
                known_files.keep(store)
        finally:
            store.close()  # a fresh connection reads: the writing one's buffers are gone
        del changed  # nor the texts extracted
        release_freed()  # the texts' pages, before the claims are linked and checked
    store = ClaimStore(path)
    try:
        return articles, StoredClaims(path, [a.id for a in articles]), store.problems_of([a.id for a in articles])
    finally:
        store.close()


def check(inputs: list[str], rules, today: dt.date | None = None, progress=None, stage=None,
          store: str | Path | None = None, jobs: int | None = None, engine: str = "local",
          master: str | None = None) -> Results:
    """Extract the claims of ``inputs`` and cross-check them with each other and with ``rules``.

    ``rules`` is a loaded, valid ``factcheck.rules.Rules`` (see ``load_rules``); ``today`` decides
    which acknowledgements have expired (default: the system's date); ``store``, a DuckDB file, keeps
    the claims between runs, so that only new and changed articles are extracted. ``engine="spark"``
    reads and extracts on Apache Spark (``master``: a cluster's URL; by default spark-submit's, else every
    core here; see ``factcheck.spark``), with the same results.
    """
    timer = _Stages(stage)
    if engine == "spark":
        from factcheck.spark import extract_on_spark, session

        results = extract_on_spark(inputs, master)
        timer.done("extract", f"{len(results.articles)} article(s), {len(results.claims)} claim(s), "
                   f"{len(results.problems)} skipped, on Spark")
        return cross_check(results, rules, today, timer, spark=session(master))
    articles, problems, known = _read(inputs, store)
    timer.done("read", f"{len(articles)} article(s), {len(problems)} problem(s)")
    results = extract_articles(articles, problems, progress, store, jobs, table=True, known=known)
    del articles  # the results hold them (with a store, a text file's without its text)
    return _checked(results, rules, today, timer, jobs)


class _Stages:
    """Tells ``stage(name, seconds, detail)`` what each stage did and how long it took."""

    def __init__(self, stage=None):
        import time

        self.stage, self.clock, self.now = stage, time.perf_counter(), time.perf_counter

    def done(self, name: str, detail: str) -> None:
        if self.stage:
            self.stage(name, self.now() - self.clock, detail)
        self.clock = self.now()


def check_articles(articles: list[Article], rules, problems: list[Problem] | None = None,
                   today: dt.date | None = None, progress=None, stage=None, store: str | Path | None = None,
                   jobs: int | None = None) -> Results:
    """The pipeline over articles already read: extract, then ``cross_check``.

    ``stage(name, seconds, detail)``, when given, hears what each stage did and how long it took.
    """
    return _checked(extract_articles(articles, problems, progress, store, jobs, table=True), rules, today, _Stages(stage), jobs)


def _checked(results: Results, rules, today: dt.date | None, timer: _Stages, jobs: int | None) -> Results:
    timer.done("extract", f"{len(results.articles)} article(s), {results.claim_count()} claim(s), {len(results.problems)} skipped")
    return cross_check(results, rules, today, timer, jobs=jobs)


def cross_check(results: Results, rules, today: dt.date | None = None, timer: _Stages | None = None, spark=None,
                jobs: int | None = None) -> Results:
    """Link the extracted claims of ``results``, check them with each other and with ``rules`` (a large
    table in two processes with ``jobs`` of 2 or more: ``check_claims``); then acknowledgements and dataset
    expectations (with ``spark``, a Spark session, through Great Expectations' Spark data source).
    Whatever engine extracted them, the results are the same."""
    from factcheck.explain import link_sources
    from factcheck.findings import check_claims
    from factcheck.findings.reasons import unchecked
    from factcheck.linking import link
    from factcheck.schema import COLUMNS, claims_schema

    timer = timer or _Stages()
    outlets = {a.id: (a.meta.get("source"), a.lang) for a in results.articles}
    if results.stored is not None and results.frame is None and spark is None:  # an archive: a part at a time
        from factcheck.archive import check_stored

        results.findings, results.unchecked = check_stored(results.stored, results.articles, rules, outlets, timer)
        return _judged(results, rules, today, timer, spark)
    claims, results.frame = results.claims, None  # the linked table replaces it: never both at once longer than linking
    linked = link(claims, rules, results.articles, jobs)
    del claims
    ids = linked[["subject_id", "person_id", "org_id"]].notna().any(axis=1).sum() if len(linked) else 0
    timer.done("link", f"{int(ids)} claim(s) linked to a rule entity")
    if spark is not None:
        from factcheck.spark import check_on_spark

        results.findings = check_on_spark(spark, linked, rules, outlets)
    else:
        results.findings = check_claims(linked, rules, outlets, jobs)
    results.unchecked = unchecked(linked, rules)
    link_sources(linked, results.findings, rules)
    if not linked.empty:  # the linked table, its own columns dropped, is the claims table again
        linked.drop(columns=[c for c in linked.columns if c not in COLUMNS], inplace=True)
        results.claims = claims_schema().validate(linked, inplace=True)
    else:
        results.claims = linked
    return _judged(results, rules, today, timer, spark)


def _judged(results: Results, rules, today: dt.date | None, timer: _Stages, spark) -> Results:
    """``results`` checked: their findings acknowledged and confirmed as the rules say, and the rules'
    dataset expectations run."""
    from factcheck.findings import acknowledge, confirm

    timer.done("check", f"{len(results.findings)} finding(s)")
    results.notices = acknowledge(results.findings, rules, today or dt.date.today()) + confirm(results.findings, rules)
    if rules.expectations:
        from factcheck.expectations import run_expectations

        results.expectations = run_expectations(results, rules, spark)
    timer.done("rules", f"{len(rules.acknowledgements)} acknowledgement(s), {len(results.expectations)} expectation(s)")
    results.rule_files = list(rules.files)
    return results
