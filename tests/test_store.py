"""The claims store (a real DuckDB file): a rerun extracts only new and changed articles and gives the
same results; a removed article's claims go; a new extractor re-extracts everything; a damaged store is
moved aside and rebuilt; a run killed in the middle of writing a chunk leaves it as it was, and the
chunks it finished whole. A text file unchanged since the store read it is not read again."""

import json
import subprocess
import sys
import textwrap

import pytest

from factcheck.api import extract
from factcheck.cli import main

ARTICLES = {
    "a.md": "---\nlang: en\npublished: 2025-11-28\n---\nMore than 2,500 delegates attended WTDC-25 in Baku, held 17-28 November 2025.\n",
    "b.md": "---\nlang: tr\npublished: 2025-11-28\n---\nZirveye 150 ülkeden 3.000 delege katıldı. Toplantı 31 Şubat 2025'te yapıldı.\n",
    "c.jsonl": '{"id": "w1", "lang": "ru", "published": "2025-11-28", "text": "В форуме приняли участие 4000 человек."}\n'
               '{"id": "w2", "text": "Forumda 1200 nəfər iştirak edib."}\n',
}


@pytest.fixture()
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture()
def counted(monkeypatch):
    """The articles extraction is asked to read, by id."""
    import factcheck.extraction as extraction

    seen: list[str] = []
    real = extraction.extract_article

    def counting(article):
        seen.append(article.id.rsplit("/", 1)[-1])
        return real(article)

    monkeypatch.setattr(extraction, "extract_article", counting)
    return seen


def _same(a, b):
    assert a.to_jsonl() == b.to_jsonl()
    assert [str(p) for p in a.problems] == [str(p) for p in b.problems]
    assert [x.id for x in a.articles] == [x.id for x in b.articles] and [x.lang for x in a.articles] == [x.lang for x in b.articles]


def test_a_rerun_reads_the_store_and_gives_the_same_results(corpus, tmp_path, counted):
    store = tmp_path / "claims.duckdb"
    plain = extract([str(corpus)])
    counted.clear()
    first = extract([str(corpus)], store=store)
    assert sorted(counted) == ["a.md", "b.md", "w1", "w2"]
    counted.clear()
    second = extract([str(corpus)], store=store)
    assert counted == []
    _same(plain, first)
    _same(first, second)
    assert any("date cannot exist" in str(p) for p in second.problems)  # a problem of extraction, replayed


def test_only_changed_articles_are_extracted_and_removed_ones_go(corpus, tmp_path, counted):
    import duckdb

    store = tmp_path / "claims.duckdb"
    extract([str(corpus)], store=store)
    (corpus / "a.md").write_text(ARTICLES["a.md"].replace("2,500", "2,700"), encoding="utf-8")
    (corpus / "b.md").unlink()
    counted.clear()
    results = extract([str(corpus)], store=store)
    assert counted == ["a.md"]
    _same(extract([str(corpus)]), results)
    con = duckdb.connect(str(store), read_only=True)
    ids = {row[0].rsplit("/", 1)[-1] for row in con.execute("SELECT DISTINCT article FROM claims").fetchall()}
    values = {row[0] for row in con.execute("SELECT value FROM claims WHERE kind = 'count'").fetchall()}
    con.close()
    assert ids == {"a.md", "w1", "w2"} and 2700 in values and 2500 not in values


def test_a_new_extractor_extracts_everything_again(corpus, tmp_path, counted, monkeypatch):
    import factcheck.store as store_module

    store = tmp_path / "claims.duckdb"
    extract([str(corpus)], store=store)
    monkeypatch.setattr(store_module, "extractor_key", lambda: "another-release")
    counted.clear()
    extract([str(corpus)], store=store)
    assert sorted(counted) == ["a.md", "b.md", "w1", "w2"]


def test_a_damaged_store_is_moved_aside_and_rebuilt(corpus, tmp_path):
    store = tmp_path / "claims.duckdb"
    store.write_bytes(b"not a database" * 1000)
    results = extract([str(corpus)], store=store)
    assert any("claims store could not be opened" in str(p) and "rebuilt" in str(p) for p in results.problems)
    assert (tmp_path / "claims.duckdb.broken").exists()
    _same(extract([str(corpus)], store=store), extract([str(corpus)]))


def test_a_run_killed_while_writing_leaves_the_last_finished_store(corpus, tmp_path):
    store = tmp_path / "claims.duckdb"
    before = extract([str(corpus)], store=store)
    # a run that deletes every article and writes half of its claims, then dies before it commits
    script = textwrap.dedent(f"""
        import os
        from factcheck.store import ClaimStore
        s = ClaimStore({str(store)!r})
        s.con.execute("BEGIN")
        s.con.execute("DELETE FROM articles")
        s.con.execute("DELETE FROM claims")
        s.con.execute("INSERT INTO articles VALUES ('x', 'y', 'en')")
        os.kill(os.getpid(), 9)
    """)
    killed = subprocess.run([sys.executable, "-c", script], capture_output=True)
    assert killed.returncode == -9
    after = extract([str(corpus)], store=store)
    _same(before, after)
    assert not any("could not be opened" in str(p) for p in after.problems)


def test_a_run_killed_after_some_articles_keeps_them_and_the_next_run_extracts_the_rest(corpus, tmp_path, counted):
    """The store is written a chunk of articles at a time (here: an article a chunk): a run killed while
    extracting the third article leaves the first two in the store, whole; the next run extracts only
    the other two and gives what a run without a store gives."""
    store = tmp_path / "claims.duckdb"
    script = textwrap.dedent(f"""
        import os
        import factcheck.schema, factcheck.workers
        factcheck.schema.ROW_CHUNK = 1
        real, done = factcheck.workers.extract_one, []
        def dying(article):
            done.append(article.id)
            if len(done) == 3:
                os.kill(os.getpid(), 9)
            return real(article)
        factcheck.workers.extract_one = dying
        from factcheck.api import extract
        extract([{str(corpus)!r}], store={str(store)!r})
    """)
    killed = subprocess.run([sys.executable, "-c", script], capture_output=True)
    assert killed.returncode == -9, killed.stderr
    after = extract([str(corpus)], store=store)
    assert sorted(counted) == ["w1", "w2"]  # a.md and b.md were kept whole by the killed run
    _same(extract([str(corpus)]), after)


def test_check_with_a_store_gives_the_same_findings_and_report(corpus, tmp_path, monkeypatch, settled):
    """The third run reads no text file: the report shows their text all the same."""
    from pathlib import Path

    repo = Path(__file__).parent.parent
    monkeypatch.chdir(tmp_path)
    runs = []
    for store in ([], ["--store", "claims.duckdb"], ["--store", "claims.duckdb"]):
        assert main(["check", str(corpus), "--rules", str(repo / "rules"), "--quiet", "--format", "json=out.json",
                     "--report", "report.html", *store]) in (0, 1)
        doc = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
        runs.append((doc["findings"], doc["claims"], doc["problems"], (tmp_path / "report.html").read_text(encoding="utf-8")))
    assert runs[0] == runs[1] == runs[2]
    assert "</mark> attended WTDC-25 in Baku, held" in runs[2][3]


@pytest.fixture()
def settled(monkeypatch):
    """Files written by a test count as settled at once (a run keeps no file changed within RACY_NS of its start)."""
    import factcheck.store as store_module

    monkeypatch.setattr(store_module, "RACY_NS", 0)


@pytest.fixture()
def reads(monkeypatch):
    """The files the reader opens, by name."""
    import factcheck.corpus as corpus_module

    seen: list[str] = []
    real = corpus_module.read_bytes

    def counting(path, *args):
        seen.append(str(path).rsplit("/", 1)[-1])
        return real(path, *args)

    monkeypatch.setattr(corpus_module, "read_bytes", counting)
    return seen


def test_unchanged_text_files_are_not_read_again_and_their_text_is_read_when_asked(corpus, tmp_path, settled, reads, counted):
    store = tmp_path / "claims.duckdb"
    (corpus / "d.md").write_text("---\npublished: 28.11.2025\n---\nThe forum drew 900 people.\n", encoding="utf-8")
    plain = extract([str(corpus)])
    extract([str(corpus)], store=store)
    reads.clear()
    counted.clear()
    again = extract([str(corpus)], store=store)
    assert reads == ["c.jsonl"] and counted == []  # JSON Lines are read each run; their articles' claims come from the store
    _same(plain, again)
    assert any("'published' is not a date" in str(p) for p in again.problems)  # a problem of reading, replayed
    assert [a.meta for a in again.articles] == [a.meta for a in plain.articles]
    assert [a.text for a in again.articles] == [a.text for a in plain.articles]  # read now, when asked
    assert sorted(reads) == ["a.md", "b.md", "c.jsonl", "d.md"]


def test_a_changed_file_is_read_again_and_a_removed_one_forgotten(corpus, tmp_path, settled, reads, counted):
    import duckdb

    store = tmp_path / "claims.duckdb"
    extract([str(corpus)], store=store)
    (corpus / "a.md").write_text(ARTICLES["a.md"].replace("2,500", "2,700"), encoding="utf-8")  # same size, new time
    (corpus / "b.md").unlink()
    reads.clear()
    counted.clear()
    results = extract([str(corpus)], store=store)
    # a.md twice: read to key it, then again by its extraction (its text is not held between them)
    assert sorted(reads) == ["a.md", "a.md", "c.jsonl"] and counted == ["a.md"]
    _same(extract([str(corpus)]), results)
    con = duckdb.connect(str(store), read_only=True)
    kept = {row[0].rsplit("/", 1)[-1] for row in con.execute("SELECT path FROM files").fetchall()}
    con.close()
    assert kept == {"a.md"}  # b.md is gone; JSON Lines are never kept


def test_a_first_run_holds_no_text_file_between_reading_and_extracting_it(corpus, tmp_path, settled, monkeypatch):
    """An archive's first run reads a text file to key its articles, then extraction reads it again: the
    texts of a million files are never held at once. JSON Lines records keep theirs (their file is one)."""
    import factcheck.extraction as extraction
    from factcheck.corpus import read_corpus
    from factcheck.store import KnownFiles

    articles, _ = read_corpus([str(corpus)], KnownFiles(tmp_path / "claims.duckdb"))
    held = {(a.path.rsplit("/", 1)[-1], a.__dict__.get("_text", a.__dict__.get("text")) is not None) for a in articles}
    assert held == {("a.md", False), ("b.md", False), ("c.jsonl", True)}
    texts: dict[str, str] = {}
    real = extraction.extract_article

    def seen(article):
        texts[article.id.rsplit("/", 1)[-1]] = article.text
        return real(article)

    monkeypatch.setattr(extraction, "extract_article", seen)
    results = extract([str(corpus)], store=tmp_path / "claims.duckdb")
    assert texts["a.md"] == ARTICLES["a.md"]  # read again, whole, for its extraction
    _same(extract([str(corpus)]), results)


def test_a_file_changed_just_before_a_run_is_read_again_next_time(corpus, tmp_path, reads):
    """Its clock may tick too coarsely to show a second change made within the same tick."""
    store = tmp_path / "claims.duckdb"
    extract([str(corpus)], store=store)
    reads.clear()
    extract([str(corpus)], store=store)
    assert sorted(reads) == ["a.md", "b.md", "c.jsonl"]


def test_a_new_reader_reads_every_file_again(corpus, tmp_path, settled, reads, monkeypatch):
    import factcheck.store as store_module

    store = tmp_path / "claims.duckdb"
    extract([str(corpus)], store=store)
    monkeypatch.setattr(store_module, "reader_key", lambda: "another-release")
    reads.clear()
    extract([str(corpus)], store=store)
    assert sorted(reads) == ["a.md", "b.md", "c.jsonl"]


def test_an_article_whose_claims_left_the_store_is_extracted_from_its_unread_file(corpus, tmp_path, settled, reads, counted):
    """A killed run can leave a file remembered whose article's claims are not stored under its key."""
    import duckdb

    store = tmp_path / "claims.duckdb"
    extract([str(corpus)], store=store)
    con = duckdb.connect(str(store))
    con.execute("DELETE FROM articles WHERE id LIKE '%a.md'")
    con.close()
    reads.clear()
    counted.clear()
    results = extract([str(corpus)], store=store)
    assert counted == ["a.md"] and sorted(reads) == ["a.md", "c.jsonl"]  # read once more, to be extracted
    _same(extract([str(corpus)]), results)


def test_a_first_run_holds_no_text_of_the_files_it_remembers_and_reads_it_again_when_asked(corpus, tmp_path, settled, reads):
    """Once its claims are stored, a text file's article is as an unchanged one's on a rerun: an archive's
    first run does not hold every article's text through the cross-check and the outputs."""
    plain = extract([str(corpus)])
    first = extract([str(corpus)], store=tmp_path / "claims.duckdb")
    _same(plain, first)
    reads.clear()
    assert [a.text for a in first.articles] == [a.text for a in plain.articles]
    assert sorted(reads) == ["a.md", "b.md"]  # read again; JSON Lines articles keep theirs (the store keeps no such file)


def test_a_first_run_leaves_no_text_in_the_list_of_articles_it_was_given(corpus, tmp_path, settled, reads):
    """The caller's list of articles is the one the store's articles replace: no text of a remembered file
    is held while the stored claims are read back, nor after (the cross-check's peak would stand on them)."""
    from factcheck.api import _read, extract_articles

    articles, problems, known = _read([str(corpus)], tmp_path / "claims.duckdb")
    given = list(articles)
    results = extract_articles(articles, problems, store=tmp_path / "claims.duckdb", table=True, known=known)
    assert [a.id for a in articles] == [a.id for a in given]
    remembered = [a for a in articles if a.path.endswith(".md")]
    assert remembered and all(a.__dict__["_text"] is None for a in remembered)
    assert [a.id for a in results.articles] == [a.id for a in articles]
    reads.clear()
    assert [a.text for a in remembered] == [a.text for a in given if a.path.endswith(".md")]
    assert sorted(reads) == ["a.md", "b.md"]


def test_a_file_changed_during_a_run_shows_no_text_rather_than_text_its_claims_are_not_of(corpus, tmp_path, settled):
    """Its claims' offsets are the text this run extracted: read again after a change, they would mark the wrong words."""
    plain = extract([str(corpus)])
    first = extract([str(corpus)], store=tmp_path / "claims.duckdb")
    (corpus / "a.md").write_text(ARTICLES["a.md"].replace("More than 2,500", "Some 3,000 or more"), encoding="utf-8")
    texts = {a.id.rsplit("/", 1)[-1]: a.text for a in first.articles}
    assert texts["a.md"] == ""
    assert texts["b.md"] == next(a.text for a in plain.articles if a.id.endswith("b.md"))


def test_many_articles_are_extracted_into_the_store_by_a_forked_process(corpus, tmp_path, counted, monkeypatch):
    """Its memory goes back to the system when it ends; this process reads the claims back, with the
    languages extraction detected (w2 gives none)."""
    import factcheck.workers as workers

    plain = extract([str(corpus)])
    counted.clear()
    monkeypatch.setattr(workers, "PARALLEL_FROM", 1)
    first = extract([str(corpus)], store=tmp_path / "claims.duckdb", jobs=1)
    assert counted == []  # extracted in the forked process, whose list this is not
    _same(plain, first)
    assert [a.lang for a in first.articles if a.id.endswith("w2")] == ["az"]
    _same(first, extract([str(corpus)], store=tmp_path / "claims.duckdb", jobs=1))


def test_if_the_forked_extraction_dies_this_process_extracts(corpus, tmp_path, counted, monkeypatch):
    import os

    import factcheck.api as api
    import factcheck.workers as workers

    here, real = os.getpid(), api._store_extracted

    def dying(*args):
        if os.getpid() != here:
            os._exit(9)  # as the kernel kills a process out of memory
        real(*args)

    monkeypatch.setattr(workers, "PARALLEL_FROM", 1)
    monkeypatch.setattr(api, "_store_extracted", dying)
    plain = extract([str(corpus)], jobs=1)
    counted.clear()
    _same(plain, extract([str(corpus)], store=tmp_path / "claims.duckdb", jobs=1))
    assert sorted(counted) == ["a.md", "b.md", "w1", "w2"]


def test_a_forked_extraction_that_fails_ends_and_this_process_extracts(corpus, tmp_path, counted, monkeypatch):
    import os

    import factcheck.store as store_module
    import factcheck.workers as workers

    here, real = os.getpid(), store_module.ClaimStore._replace

    def failing(self, remove, done, rows, found):
        if os.getpid() != here and rows:
            raise OSError("disk full")  # in the forked process, its worker pool started
        return real(self, remove, done, rows, found)

    monkeypatch.setattr(workers, "PARALLEL_FROM", 1)
    monkeypatch.setattr(workers, "CHUNK", 1)  # a pool of two workers for four articles
    monkeypatch.setattr(store_module.ClaimStore, "_replace", failing)
    plain = extract([str(corpus)], jobs=1)
    counted.clear()
    _same(plain, extract([str(corpus)], store=tmp_path / "claims.duckdb", jobs=2))
