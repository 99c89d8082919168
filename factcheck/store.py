"""The claims store: extracted claims kept in one DuckDB file between runs, so that a run extracts only
the articles that are new or changed, and a removed article's claims go.

Each article is kept under a key made of its id, its text and metadata, and the extractor: the source
of factcheck's extraction code and every language data file (``extractor_key``). An edited article, a
new release or an edited language file gives new keys, so nothing stale is ever read back. A run reads
what it can, extracts the rest and writes the changes in one transaction: a run that is killed leaves
the store as the last finished run left it. A store that cannot be opened (not DuckDB, damaged, from
another format) is moved aside and rebuilt, with a problem that says so."""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.corpus import Article, Problem
from factcheck.schema import COLUMNS, STRING

if TYPE_CHECKING:
    import pandas as pd

FORMAT = "1"  # the store's table layout: a store of another layout is rebuilt
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


def article_key(article: Article) -> str:
    """What an article's claims depend on: its id, path, text, metadata and the extractor."""
    meta = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in sorted(article.meta.items())}
    digest = hashlib.sha256(extractor_key().encode())
    for part in (article.id, article.path, str(article.line_offset), str(article.body_start), article.lang or "",
                 json.dumps(meta, ensure_ascii=False, sort_keys=True), article.text):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x1f")
    return digest.hexdigest()


def _frame(relation) -> pd.DataFrame:
    """A query (a DuckDB relation) as a pandas table through Arrow: text stays in Arrow buffers, never a
    Python string a value."""
    import pandas as pd
    import pyarrow as pa

    # streamed out of DuckDB a batch at a time, never whole in DuckDB and in Arrow at once
    table = pa.RecordBatchReader.from_stream(relation).read_all()
    types = {pa.string(): pd.StringDtype("pyarrow"), pa.large_string(): pd.StringDtype("pyarrow"),
             pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype()}
    # each column freed once converted; text comes as large strings (the connection's setting), as pandas keeps it
    return table.to_pandas(types_mapper=types.get, self_destruct=True, split_blocks=True)


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

    def _format(self) -> str | None:
        tables = {row[0] for row in self.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        if "meta" not in tables:
            return None
        rows = self.con.execute("SELECT value FROM meta WHERE key = 'format'").fetchall()  # all: no result left open
        return rows[0][0] if rows else None

    def _create(self) -> None:
        columns = ", ".join(f'"{name}" {_SQL_TYPES[dtype]}' for name, dtype in COLUMNS.items())
        self.con.execute("BEGIN")
        for table in ("meta", "articles", "claims", "problems"):
            self.con.execute(f"DROP TABLE IF EXISTS {table}")
        self.con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
        self.con.execute("CREATE TABLE articles (id VARCHAR PRIMARY KEY, key VARCHAR NOT NULL, lang VARCHAR)")
        self.con.execute(f"CREATE TABLE claims ({columns}, n BIGINT)")  # n: the claim's place in its article
        self.con.execute("CREATE TABLE problems (article VARCHAR, path VARCHAR, message VARCHAR, line BIGINT, hint VARCHAR)")
        self.con.execute("INSERT INTO meta VALUES ('format', ?)", [FORMAT])
        self.con.execute("COMMIT")

    def known(self) -> dict[str, tuple[str, str | None]]:
        """Article id -> (key, language) of every article in the store."""
        return {row[0]: (row[1], row[2]) for row in self.con.execute("SELECT id, key, lang FROM articles").fetchall()}

    def claims_of(self, ids: list[str]) -> tuple[pd.DataFrame, dict[str, list[Problem]]]:
        """The stored claims of the articles ``ids``, in that order of articles, and their extraction
        problems by article id."""
        import pandas as pd

        wanted = pd.DataFrame({"id": pd.Series(ids, dtype=STRING), "pos": range(len(ids))})
        self.con.register("wanted", wanted)
        try:
            names = ", ".join(f'c."{name}"' for name in COLUMNS)
            claims = _frame(self.con.sql(f"SELECT {names} FROM claims c JOIN wanted w ON c.article = w.id ORDER BY w.pos, c.n"))
            rows = self.con.execute("SELECT p.article, p.path, p.message, p.line, p.hint FROM problems p "
                                    "JOIN wanted w ON p.article = w.id ORDER BY w.pos, p.rowid").fetchall()
        finally:
            self.con.unregister("wanted")
        problems: dict[str, list[Problem]] = {}
        for article, path, message, line, hint in rows:
            problems.setdefault(article, []).append(Problem(path, message, int(line) if line is not None else None, hint or ""))
        return claims.astype(COLUMNS, copy=False), problems

    def update(self, extracted: dict[str, tuple[str, str | None]], claims: pd.DataFrame, problems: dict[str, list[Problem]],
               remove: list[str]) -> None:
        """In one transaction: forget the articles ``remove`` and those re-extracted, then keep ``extracted``
        (article id -> key, language) with their ``claims`` and ``problems``."""
        import pandas as pd

        gone = pd.DataFrame({"id": pd.Series([*remove, *extracted], dtype=STRING)})
        new = pd.DataFrame({"id": pd.Series(list(extracted), dtype=STRING),
                            "key": pd.Series([k for k, _ in extracted.values()], dtype=STRING),
                            "lang": pd.Series([lang for _, lang in extracted.values()], dtype=STRING)})
        found = pd.DataFrame([{"article": a, "path": p.path, "message": p.message, "line": p.line, "hint": p.hint}
                              for a, ps in problems.items() for p in ps], columns=["article", "path", "message", "line", "hint"])
        found["line"] = found["line"].astype("Int64")
        self.con.register("gone", gone)
        self.con.register("new_articles", new)
        self.con.register("new_claims", claims[list(COLUMNS)].assign(n=claims.groupby("article").cumcount()))
        self.con.register("new_problems", found)
        try:
            self.con.execute("BEGIN")
            for table, column in (("articles", "id"), ("claims", "article"), ("problems", "article")):
                self.con.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT id FROM gone)")
            self.con.execute("INSERT INTO articles SELECT id, key, lang FROM new_articles")
            self.con.execute("INSERT INTO claims SELECT * FROM new_claims")
            self.con.execute("INSERT INTO problems SELECT article, path, message, line, hint FROM new_problems")
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise
        finally:
            for name in ("gone", "new_articles", "new_claims", "new_problems"):
                self.con.unregister(name)

    def close(self) -> None:
        self.con.close()
