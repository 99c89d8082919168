"""The claims store: extracted claims kept in one DuckDB file between runs, so that a run extracts only
the articles that are new or changed, and a removed article's claims go.

Each article is kept under a key made of its id, its text and metadata, and the extractor: the source
of factcheck's extraction code and every language data file (``extractor_key``). An edited article, a
new release or an edited language file gives new keys, so nothing stale is ever read back. A run reads
what it can, extracts the rest and writes it as it is extracted, a transaction for each chunk of
articles: an article is in the store, under its key, only with all its claims, so a run that is killed
leaves each article either as that run extracted it or as the last run left it (the next run extracts
the rest). A store that cannot be opened (not DuckDB, damaged, from another format) is moved aside and
rebuilt, with a problem that says so.

The store also remembers the text and Markdown files it read (``KnownFiles``): a file whose size, times
and inode have not changed since is not read again on the next run (git's index compares files so), and
its articles come back with their keys, their text read from the file only when a finding cites it."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import json
import time
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.corpus import TEXT_SUFFIXES, Article, KnownArticle, Problem, file_stat
from factcheck.schema import COLUMNS, STRING

if TYPE_CHECKING:
    from collections.abc import Iterable

    import pandas as pd

FORMAT = "5"  # the store's table layout: a store of another layout is rebuilt
RACY_NS = 2_000_000_000  # a file changed this close to a run's start may change again unseen in the same tick: read next time too
MEMORY = "256MB"  # what DuckDB may hold in memory before it spills to disk
LINK_TABLES = ("linked", "links", "parts", "checked", "found")
_SQL_TYPES = {STRING: "VARCHAR", "int64": "BIGINT", "Int64": "BIGINT", "boolean": "BOOLEAN"}
_PACKAGE = Path(__file__).parent


@functools.cache
def extractor_key() -> str:
    """A digest of everything extraction depends on: factcheck's version, the extraction code, the text
    and language code, and every language data file."""
    from factcheck import __version__

    digest = hashlib.sha256(__version__.encode())
    files = [*sorted((_PACKAGE / "extraction").glob("*.py")), _PACKAGE / "text.py", _PACKAGE / "schema.py",
             *sorted((_PACKAGE / "lang").glob("*.py")), *sorted((_PACKAGE / "lang").glob("*.yaml"))]
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@functools.cache
def reader_key() -> str:
    """A digest of what reading a file into articles depends on: the extractor and the reading code."""
    digest = hashlib.sha256(extractor_key().encode())
    for name in ("corpus.py", "reading.py"):
        digest.update((_PACKAGE / name).read_bytes())
    return digest.hexdigest()[:16]


def article_key(article: Article) -> str:
    """What an article's claims depend on: its id, path, text, metadata and the extractor."""
    meta = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in sorted(article.meta.items())}
    digest = hashlib.sha256(extractor_key().encode())
    for part in (article.id, article.path, str(article.line_offset), str(article.body_start), article.lang or "",
                 json.dumps(meta, ensure_ascii=False, sort_keys=True), article.text):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x1f")
    return digest.hexdigest()


def as_table(relation) -> pd.DataFrame:
    """A query (a DuckDB relation) as a pandas table through Arrow: text stays in Arrow buffers, never a
    Python string a value, each column in one buffer (``factcheck.api.joined`` says why). DuckDB frees a
    batch's columns only together: each batch is copied out and let go, then each column joined."""
    import pyarrow as pa

    reader = pa.RecordBatchReader.from_stream(relation)
    chunks: list[list] = [[] for _ in reader.schema]
    for batch in reader:
        for parts, column in zip(chunks, batch.columns, strict=True):
            parts.append(pa.concat_arrays([column]))  # a copy, not a view of DuckDB's batch
        del batch
    columns = []
    for n, field in enumerate(reader.schema):
        columns.append(pa.concat_arrays(chunks[n]) if chunks[n] else pa.array([], type=field.type))
        chunks[n] = []  # this column's pieces go as soon as it is whole
    table = pa.Table.from_arrays(columns, schema=reader.schema)
    del columns
    # each Arrow column freed once converted; text comes as large strings (the connection's setting), as pandas keeps it
    return table.to_pandas(types_mapper=arrow_types().get, self_destruct=True, split_blocks=True)


def arrow_batches(relation, size: int):
    """A DuckDB query's rows as Arrow record batches of ``size`` rows, streamed (DuckDB 2 and 1 name it apart)."""
    reader = relation.to_arrow_reader if hasattr(relation, "to_arrow_reader") else relation.fetch_arrow_reader
    return reader(size)


def arrow_types() -> dict:
    """The pandas type of each Arrow type a query of the store gives."""
    import pandas as pd
    import pyarrow as pa

    return {pa.string(): pd.StringDtype("pyarrow"), pa.large_string(): pd.StringDtype("pyarrow"),
            pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype()}


class ClaimStore:
    """A DuckDB file of extracted claims, by article key."""

    def __init__(self, path: str | Path):
        import duckdb

        self.path = Path(path)
        self.problems: list[Problem] = []
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.con = duckdb.connect(str(self.path))
            fmt = self._format()
        except duckdb.Error as e:
            broken = self.path.with_name(self.path.name + ".broken")
            self.path.replace(broken)
            self.problems.append(Problem(str(self.path), f"the claims store could not be opened ({type(e).__name__}); "
                                         f"it was moved to {broken.name} and rebuilt", None,
                                         "nothing is lost: every article is extracted again"))
            self.con = duckdb.connect(str(self.path))
            fmt = None
        if fmt != FORMAT:
            self._create()
        self.con.execute("SET arrow_large_buffer_size = true")  # text to Arrow as large strings, as pandas keeps it
        self.con.execute(f"SET memory_limit = '{MEMORY}'")  # DuckDB's own cache: the claims table is held in pandas

    def _format(self) -> str | None:
        tables = {row[0] for row in self.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        if "meta" not in tables:
            return None
        return self.meta("format")

    def _create(self) -> None:
        columns = ", ".join(f'"{name}" {_SQL_TYPES[dtype]}' for name, dtype in COLUMNS.items())
        self.con.execute("BEGIN")
        for table in ("meta", "articles", "claims", "problems", "files", "file_articles", *LINK_TABLES):
            self.con.execute(f"DROP TABLE IF EXISTS {table}")
        self.con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
        self.con.execute("CREATE TABLE articles (id VARCHAR PRIMARY KEY, key VARCHAR NOT NULL, lang VARCHAR)")
        self.con.execute(f"CREATE TABLE claims ({columns}, n BIGINT)")  # n: the claim's place in its article
        self.con.execute("CREATE TABLE problems (article VARCHAR, path VARCHAR, message VARCHAR, line BIGINT, hint VARCHAR)")
        # files read, as they were (reader: reader_key; problems: a JSON list), and their articles in order
        self.con.execute("CREATE TABLE files (path VARCHAR PRIMARY KEY, size BIGINT, mtime BIGINT, ctime BIGINT, inode BIGINT, "
                         "reader VARCHAR, problems VARCHAR)")
        self.con.execute("CREATE TABLE file_articles (path VARCHAR, pos BIGINT, id VARCHAR, key VARCHAR, body_start BIGINT, "
                         "line_offset BIGINT, meta VARCHAR)")
        # what linking gave each claim of the articles in ``linked`` (``factcheck.archive``), under the rules of meta's 'links'
        self.con.execute("CREATE TABLE linked (article VARCHAR)")
        self.con.execute("CREATE TABLE links (id VARCHAR, article VARCHAR, subject_id VARCHAR, person_id VARCHAR, org_id VARCHAR, "
                         "subject_key VARCHAR, subject_year BIGINT, subject_inferred BOOLEAN, unchecked VARCHAR)")
        self.con.execute("CREATE TABLE parts (id VARCHAR, article VARCHAR, part VARCHAR)")
        # the findings of each part of the check (JSON, zlib'd), as its articles were (digest: their keys in order)
        self.con.execute("CREATE TABLE checked (part VARCHAR PRIMARY KEY, digest VARCHAR)")
        self.con.execute("CREATE TABLE found (part VARCHAR, finding BLOB)")
        self.con.execute("INSERT INTO meta VALUES ('format', ?)", [FORMAT])
        self.con.execute("COMMIT")

    def known(self) -> dict[str, tuple[str, str | None]]:
        """Article id -> (key, language) of every article in the store."""
        return {row[0]: (row[1], row[2]) for row in self.con.execute("SELECT id, key, lang FROM articles").fetchall()}

    def claims_of(self, ids: list[str], columns: Iterable[str] = COLUMNS) -> pd.DataFrame:
        """The stored claims of the articles ``ids``, in that order of articles (as extraction gave them:
        unlinked): the claims table, or its ``columns``."""
        types = {name: COLUMNS[name] for name in columns}
        with self.chosen(ids):
            names = ", ".join(f'c."{name}"' for name in types)
            claims = as_table(self.con.sql(f"SELECT {names} FROM claims c JOIN wanted w ON c.article = w.id ORDER BY w.pos, c.n"))
        return claims.astype(types, copy=False)

    def problems_of(self, ids: list[str]) -> dict[str, list[Problem]]:
        """The extraction problems of the articles ``ids``, by article id."""
        with self.chosen(ids):
            rows = self.con.execute("SELECT p.article, p.path, p.message, p.line, p.hint FROM problems p "
                                    "JOIN wanted w ON p.article = w.id ORDER BY w.pos, p.rowid").fetchall()
        problems: dict[str, list[Problem]] = {}
        for article, path, message, line, hint in rows:
            problems.setdefault(article, []).append(Problem(path, message, int(line) if line is not None else None, hint or ""))
        return problems

    @contextlib.contextmanager
    def chosen(self, ids: list[str], name: str = "wanted"):
        """Within it, the table ``name`` holds ``ids`` (articles or claims) and each one's place (``pos``)."""
        import pandas as pd

        self.con.register(name, pd.DataFrame({"id": pd.Series(ids, dtype=STRING), "pos": range(len(ids))}))
        try:
            yield
        finally:
            self.con.unregister(name)

    def claim_counts(self) -> dict[str, int]:
        """Article id -> how many claims the store holds of it."""
        return dict(self.con.execute("SELECT article, count(*) FROM claims GROUP BY article").fetchall())

    def meta(self, key: str) -> str | None:
        rows = self.con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchall()
        return rows[0][0] if rows else None

    def write(self, changed: dict[str, str], outcomes: Iterable[tuple[Article, list[dict], list[Problem]]],
              remove: list[str]) -> None:
        """Forget the articles ``remove``, then keep the claims and problems extraction gives for the
        ``changed`` ones (article id -> key; ``outcomes`` as ``factcheck.workers.extracted`` yields them),
        a transaction for each chunk of about ``ROW_CHUNK`` claims: an article is in the store with its
        key only together with its claims, so a run killed on the way leaves a store whose articles are
        each whole (the next run extracts the rest), and memory holds one chunk, not the archive."""
        from factcheck.schema import ROW_CHUNK
        from factcheck.workers import in_chunks

        self._replace(remove, [], [], [])
        for batch in in_chunks(outcomes, ROW_CHUNK):
            self._replace([], [(a.id, changed[a.id], a.lang) for a, _, _ in batch], [row for _, rows, _ in batch for row in rows],
                          [{"article": a.id, "path": p.path, "message": p.message, "line": p.line, "hint": p.hint}
                           for a, _, problems in batch for p in problems])

    def _replace(self, remove: list[str], done: list[tuple[str, str, str | None]], rows: list[dict], found: list[dict]) -> None:
        """In one transaction: forget ``remove`` and the articles ``done`` (id, key, language), then keep
        those with their claims (``rows``) and problems (``found``)."""
        import pandas as pd

        from factcheck.schema import claims_frame

        claims = claims_frame(rows)
        problems = pd.DataFrame(found, columns=["article", "path", "message", "line", "hint"])
        problems["line"] = problems["line"].astype("Int64")
        frames = {"gone": pd.DataFrame({"id": pd.Series([*remove, *(d[0] for d in done)], dtype=STRING)}),
                  "new_articles": pd.DataFrame(done, columns=["id", "key", "lang"]),
                  "new_claims": claims[list(COLUMNS)].assign(n=claims.groupby("article").cumcount()),  # place in its article
                  "new_problems": problems}
        # an article's links go with its claims: linked again (``factcheck.archive``) when next checked
        self.transaction(frames, [*(f"DELETE FROM {table} WHERE {column} IN (SELECT id FROM gone)"
                                    for table, column in (("articles", "id"), ("claims", "article"), ("problems", "article"),
                                                          ("linked", "article"), ("links", "article"),
                                                          ("parts", "article"))),
                                  "INSERT INTO articles SELECT id, key, lang FROM new_articles",
                                  "INSERT INTO claims SELECT * FROM new_claims",
                                  "INSERT INTO problems SELECT article, path, message, line, hint FROM new_problems"])

    def transaction(self, frames: dict[str, pd.DataFrame], statements: list[str]) -> None:
        """Run ``statements`` in one transaction, with ``frames`` readable as tables of those names."""
        for name, frame in frames.items():
            self.con.register(name, frame)
        try:
            self.con.execute("BEGIN")
            for statement in statements:
                self.con.execute(statement)
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        finally:
            for name in frames:
                self.con.unregister(name)

    def close(self) -> None:
        self.con.close()


def _meta_json(meta: dict) -> str | None:
    """An article's metadata as JSON, its publication date as ISO text; None if JSON cannot hold it as it is."""
    plain = {k: v.isoformat() if k == "published" else v for k, v in meta.items()}
    try:
        text = json.dumps(plain, ensure_ascii=False)  # in its order: the outputs list it so
    except (TypeError, ValueError):
        return None
    back = json.loads(text)
    if "published" in back:
        back["published"] = dt.date.fromisoformat(back["published"])
    return text if back == meta else None


class KnownFiles:
    """The text and Markdown files the store at ``path`` read before, for ``factcheck.corpus.read_corpus``:
    an unchanged one (size, modification and change times, inode) gives its articles (``KnownArticle``,
    text unread) and problems as they were; the files read this run are kept (``keep``) once their
    articles' claims are stored. A file changed less than RACY_NS before the run began is not kept: it
    could change again within the same tick of its clock, its times unchanged."""

    def __init__(self, path: str | Path):
        self.path, self.started = path, time.time_ns()
        store = ClaimStore(path)
        self.problems = store.problems
        try:
            files = store.con.execute("SELECT path, size, mtime, ctime, inode, problems FROM files WHERE reader = ?",
                                      [reader_key()]).fetchall()
            rows = store.con.execute("SELECT path, id, key, body_start, line_offset, meta FROM file_articles "
                                     "ORDER BY path, pos").fetchall()
        finally:
            store.close()
        self.files = {f[0]: (tuple(f[1:5]), f[5]) for f in files}
        self.rows: dict[str, list[tuple]] = {}
        for row, meta in zip(rows, json.loads("[" + ",".join(row[5] for row in rows) + "]"), strict=True):  # one parse, not one a row
            if "published" in meta:
                meta["published"] = dt.date.fromisoformat(meta["published"])
            self.rows.setdefault(row[0], []).append((*row[1:5], meta))
        self.stats: dict[str, tuple[int, int, int, int]] = {}  # the files listed this run
        self.reused: list[str] = []
        self.fresh: dict[str, tuple[list[KnownArticle], list[Problem]]] = {}  # read this run, to keep

    def unchanged(self, name: str) -> tuple[list[Article], list[Problem]] | None:
        try:
            stat = self.stats[name] = file_stat(name)
        except OSError:
            return None
        known = self.files.get(name)
        if known is None or known[0] != stat:
            return None
        self.reused.append(name)
        articles: list[Article] = [KnownArticle.unread(key, stat, id=aid, path=name, body_start=body_start, line_offset=line_offset,
                                                       meta=meta, lang=meta.get("lang"))
                                   for aid, key, body_start, line_offset, meta in self.rows.pop(name, [])]
        return articles, [Problem(**p) for p in json.loads(known[1])] if known[1] != "[]" else []

    def read(self, name: str, articles: list[Article], problems: list[Problem]) -> list[Article]:
        """The articles of a file read this run. Those of a text file it may keep come back without their text,
        keyed as they were read: the extraction reads the file again (in a worker), so an archive's first run
        never holds its texts at once (unchanged since it was listed, or its text reads as empty)."""
        stat = self.stats.get(name)
        if (stat is not None and name.lower().endswith(TEXT_SUFFIXES) and max(stat[1], stat[2]) < self.started - RACY_NS
                and all(_meta_json(a.meta) is not None for a in articles)):
            unread = [KnownArticle.unread(article_key(a), stat, id=a.id, path=a.path, body_start=a.body_start,
                                          line_offset=a.line_offset, meta=a.meta, lang=a.lang) for a in articles]
            self.fresh[name] = (unread, problems)
            return list(unread)
        return articles

    def keep(self, store: ClaimStore) -> None:
        """Remember the files read this run and those reused, no other. The articles of the files read come
        without their text from ``read``; one read again by extraction in this process lets it go here (it
        is read from the file again when asked, as an unchanged file's): once their claims are stored, an
        archive's first run holds no more text than a rerun."""
        import pandas as pd

        files = [(name, *self.stats[name], reader_key(),
                  json.dumps([{"path": p.path, "message": p.message, "line": p.line, "hint": p.hint} for p in problems],
                             ensure_ascii=False))
                 for name, (_, problems) in self.fresh.items()]
        rows = [(name, pos, a.id, a.key, a.body_start, a.line_offset, _meta_json(a.meta))
                for name, (articles, _) in self.fresh.items() for pos, a in enumerate(articles)]
        frames = {"new_files": pd.DataFrame(files, columns=["path", "size", "mtime", "ctime", "inode", "reader", "problems"]),
                  "new_file_articles": pd.DataFrame(rows, columns=["path", "pos", "id", "key", "body_start", "line_offset", "meta"]),
                  "reused": pd.DataFrame({"path": pd.Series(self.reused, dtype=object)})}
        store.transaction(frames, [*(f"DELETE FROM {table} WHERE path NOT IN (SELECT path FROM reused)" for table in ("files", "file_articles")),
                                   "INSERT INTO files SELECT * FROM new_files", "INSERT INTO file_articles SELECT * FROM new_file_articles"])
        for articles, _ in self.fresh.values():
            for a in articles:
                a.text = None  # read again when asked
        self.fresh = {}
