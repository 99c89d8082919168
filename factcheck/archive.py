"""An archive's cross-check from the claims store (``factcheck.store``): its claims linked a chunk of
articles at a time, checked a part at a time (``factcheck.findings.parts``: an event series, or the
people), and read back for the outputs a batch at a time, so that a run holds a chunk or a part of the
archive's claims, never all of them.

What linking gives each claim (its entities, its subject key, the parts of the check that read it, and
why a check leaves it aside) is kept in the store beside the claims, under a digest of the rules and of
the code that links and checks (``rules_key``): a rerun links only new and changed articles, and other
rules link every article again. The findings are the ones the in-memory pipeline gives."""

from __future__ import annotations

import contextlib
import hashlib
import zlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.schema import COLUMNS, ROW_CHUNK, STRING

if TYPE_CHECKING:
    import pandas as pd

    from factcheck.corpus import Article
    from factcheck.findings.model import Finding
    from factcheck.rules import Rules

LINK_CHUNK = 10 * ROW_CHUNK  # claims linked at a time
READ_CHUNK = 5 * ROW_CHUNK  # claims read back in order at a time
PART_CHUNK = 20 * ROW_CHUNK  # claims of event series checked at once (a larger series alone)
# what linking adds to a claim, as ``factcheck.linking.link`` types it (its ids are columns of the claims table too)
LINKED = {"subject_id": STRING, "person_id": STRING, "org_id": STRING, "subject_key": object, "subject_year": "Int64",
          "subject_inferred": "bool[pyarrow]"}
_PACKAGE = Path(__file__).parent


def rules_key(rules: Rules) -> str:
    """A digest of what a claim's links and a part's findings depend on besides the articles: the
    extractor, the code that links, checks and explains links, and the rules' entities and offices."""
    from factcheck.store import extractor_key

    digest = hashlib.sha256(extractor_key().encode())
    for path in (_PACKAGE / "linking.py", _PACKAGE / "names.py", _PACKAGE / "explain.py", *sorted((_PACKAGE / "findings").glob("*.py"))):
        digest.update(path.read_bytes())
    for model in [*(e.value for e in rules.entities.values()), *(o.value for o in rules.offices)]:
        digest.update(model.model_dump_json().encode())
    return digest.hexdigest()[:16]


class StoredClaims:
    """The claims of a run's articles (``order``: their ids, in the run's order) as the store at ``path``
    holds them, in that order; once ``linked``, with the entities linking gave them."""

    def __init__(self, path: str | Path, order: list[str]):
        self.path, self.order, self.linked = Path(path), order, False

    @contextlib.contextmanager
    def _open(self):
        from factcheck.store import ClaimStore

        store = ClaimStore(self.path)
        try:
            with store.chosen(self.order):
                yield store
        finally:
            store.close()

    def _select(self, names: list[str], where: str = "") -> str:
        """SQL of the claims' columns ``names`` in the run's order (``where``: a condition on ``c``, the
        claims, ``l``, their links, or ``w``, the run's articles)."""
        linked = set(LINKED) if self.linked else set()
        columns = ", ".join(f'{"l" if name in linked else "c"}."{name}"' for name in names)
        join = " LEFT JOIN links l ON l.id = c.id" if self.linked else ""
        return f"SELECT {columns} FROM claims c JOIN wanted w ON c.article = w.id{join} {where} ORDER BY w.pos, c.n"

    def kinds(self) -> dict[str, int]:
        """Claims of each kind."""
        with self._open() as store:
            return dict(store.con.execute("SELECT kind, count(*) FROM claims c JOIN wanted w ON c.article = w.id "
                                          "GROUP BY kind").fetchall())

    def table(self, ids: set[str] | None = None, articles: set[str] | None = None) -> pd.DataFrame:
        """The claims table (a pandas one, as ``factcheck.schema`` types it): all, or those of ``ids``, or
        of the articles ``articles``."""
        from factcheck.store import as_table

        chosen, column = (ids, "c.id") if ids is not None else (articles, "c.article")
        with self._open() as store, store.chosen(sorted(chosen or ()), "chosen"):
            where = f"WHERE {column} IN (SELECT id FROM chosen)" if chosen is not None else ""
            return as_table(store.con.sql(self._select(list(COLUMNS), where))).astype(COLUMNS, copy=False)

    def _in_order(self) -> Iterator[tuple]:
        """(connection, SQL) of the claims, a run of the run's articles of about ``READ_CHUNK`` claims at a
        time: DuckDB sorts a chunk's claims, never the archive's at once."""
        with self._open() as store:
            for run in _runs(self.order, store.claim_counts(), READ_CHUNK):
                with store.chosen(run, "chosen"):
                    # the bounds are the same claims; with them, DuckDB skips the row groups of other articles
                    low, high = min(run).replace("'", "''"), max(run).replace("'", "''")
                    yield store.con, self._select(list(COLUMNS), f"WHERE c.article BETWEEN '{low}' AND '{high}' "
                                                                 "AND c.article IN (SELECT id FROM chosen)")

    def batches(self) -> Iterator[pd.DataFrame]:
        """The claims table, ``ROW_CHUNK`` claims at a time."""
        from factcheck.store import as_table

        for con, query in self._in_order():
            frame = as_table(con.sql(query)).astype(COLUMNS, copy=False)
            for start in range(0, len(frame), ROW_CHUNK):
                yield frame.iloc[start : start + ROW_CHUNK]

    def json(self, texts: bool = True) -> Iterator:
        """The claims' public JSON records, in batches (``factcheck.records.json_records``), encoded by the
        store's DuckDB as it reads them."""
        from factcheck.records import json_query

        for con, query in self._in_order():
            yield from json_query(con, query, texts)

    def part(self, parts: list[str]) -> pd.DataFrame:
        """The linked claims (``factcheck.linking.link``'s table, less the columns no check reads) that
        the check's ``parts`` read, in the run's order."""
        import pandas as pd

        from factcheck.findings import UNREAD
        from factcheck.store import as_table

        names = [c for c in COLUMNS if c not in UNREAD and c not in LINKED]
        columns = ", ".join([*(f'c."{c}"' for c in names), *(f'l."{c}"' for c in LINKED)])
        with self._open() as store, store.chosen(parts, "chosen"):
            frame = as_table(store.con.sql(
                f"SELECT {columns} FROM parts p JOIN claims c ON c.id = p.id JOIN links l ON l.id = p.id "
                f"JOIN wanted w ON c.article = w.id WHERE p.part IN (SELECT id FROM chosen) ORDER BY w.pos, c.n"))
        frame = frame.astype({**{c: t for c, t in COLUMNS.items() if c in names}, **LINKED}, copy=False)
        frame["article_date"] = pd.to_datetime(frame["published"], errors="coerce")
        return frame



class StoredUnchecked(Mapping[str, str]):
    """Claim id -> why the checks left it aside (``factcheck.findings.reasons.unchecked``), in the run's
    order, read from the store of ``claims`` as it is asked for: an archive's are most of its claims, and
    a dict of them took a kilobyte an article."""

    def __init__(self, claims: StoredClaims):
        self.claims = claims

    def _query(self, columns: str, where: str = "") -> str:
        return (f"SELECT {columns} FROM claims c JOIN wanted w ON c.article = w.id JOIN links l ON l.id = c.id "
                f"WHERE l.unchecked IS NOT NULL {where}")

    def of(self, ids: list[str]) -> dict[str, str]:
        """Those of the claims ``ids``, at once."""
        with self.claims._open() as store, store.chosen(sorted(set(ids)), "claimed"):
            return dict(store.con.execute(self._query("c.id, l.unchecked", "AND c.id IN (SELECT id FROM claimed)")).fetchall())

    def __getitem__(self, key: str) -> str:
        return self.of([key])[key]

    def __len__(self) -> int:
        with self.claims._open() as store:
            return store.con.execute(self._query("count(*)")).fetchall()[0][0]

    def _batches(self, columns: str) -> Iterator:
        """``columns`` of them as Arrow arrays, in the run's order (one query: a run of articles a query
        scanned the claims once a run)."""
        from factcheck.store import arrow_batches

        with self.claims._open() as store:
            for batch in arrow_batches(store.con.sql(self._query(columns) + " ORDER BY w.pos, c.n"), ROW_CHUNK):
                yield batch.column(0)

    def __iter__(self) -> Iterator[str]:
        for ids in self._batches("c.id"):
            yield from ids.to_pylist()

    def json(self) -> Iterator:
        """Their JSON ('"id": "why"', as ``factcheck.writing.json_pieces`` writes a mapping's pairs), encoded
        by the store's DuckDB as it reads them."""
        return self._batches("concat(to_json(c.id), ': ', to_json(l.unchecked))")


def check_stored(claims: StoredClaims, articles: list[Article], rules: Rules, outlets: dict, timer) -> tuple[list[Finding], StoredUnchecked]:
    """Link the stored ``claims`` of ``articles`` that are not linked under ``rules`` yet, then check
    the parts whose articles changed since the store last checked them, a group of parts at a time, and
    keep their findings: the findings of every part (as ``factcheck.findings.check_claims`` gives them)
    and why each claim left aside was (``factcheck.findings.reasons.unchecked``)."""
    import json

    from factcheck.findings import ordered
    from factcheck.findings.model import Finding
    from factcheck.store import arrow_batches

    linked = _link(claims, articles, rules)
    claims.linked = True
    timer.done("link", f"{linked} claim(s) linked to a rule entity")
    with claims._open() as store:
        # each part's claims and a digest of its articles' keys in the run's order: what its findings depend on
        parts = store.con.execute(
            "WITH s AS (SELECT part, article, count(*) AS n FROM parts GROUP BY part, article) "
            "SELECT s.part, sum(s.n), md5(string_agg(a.key, ' ' ORDER BY w.pos)) FROM s JOIN articles a ON a.id = s.article "
            "JOIN wanted w ON w.id = s.article GROUP BY s.part ORDER BY s.part").fetchall()
        known = dict(store.con.execute("SELECT part, digest FROM checked").fetchall())
        fresh = [part for part, _, digest in parts if known.get(part) == digest]
        findings: list[Finding] = []
        shared: dict[str, str] = {}
        with store.chosen(fresh, "chosen"):  # streamed: a finding of an archive's event holds thousands of sources
            for batch in arrow_batches(store.con.sql("SELECT finding FROM found WHERE part IN (SELECT id FROM chosen)"), 16):
                findings += [Finding.from_dict(json.loads(zlib.decompress(data)), shared) for data in batch.column(0).to_pylist()]
        digests = {part: digest for part, _, digest in parts}
        for group in _groups([(part, size) for part, size, digest in parts if known.get(part) != digest]):
            findings += _check_group(store, claims, group, digests, rules, outlets)
        with store.chosen(list(digests), "chosen"):  # parts no article has now
            store.transaction({}, [f"DELETE FROM {table} WHERE part NOT IN (SELECT id FROM chosen)" for table in ("checked", "found")])
    return ordered(findings), StoredUnchecked(claims)


def _check_group(store, claims: StoredClaims, group: list[str], digests: dict[str, str], rules: Rules, outlets: dict) -> list[Finding]:
    """The findings of the parts ``group``, kept in the store under each part (a finding of event series
    is its first claim's series) with the part's digest."""
    import json

    import pandas as pd

    from factcheck.explain import link_sources
    from factcheck.findings import PEOPLE, check_part

    table = claims.part(group)
    found = check_part(group[0], table, rules, outlets)
    link_sources(table, found, rules)
    del table
    part_of: dict[str, str] = {}
    if len(group) > 1:
        with store.chosen(sorted({f.sources[0].claim for f in found if f.sources}), "claimed"):
            part_of = dict(store.con.execute(f"SELECT id, part FROM parts WHERE id IN (SELECT id FROM claimed) "
                                             f"AND part <> '{PEOPLE}'").fetchall())
    kept = pd.DataFrame({"part": [part_of.get(f.sources[0].claim, group[0]) if f.sources else group[0] for f in found],
                         "finding": [zlib.compress(json.dumps(f.to_dict(), ensure_ascii=False).encode(), 1) for f in found]},
                        dtype=object)
    store.transaction({"new_checked": pd.DataFrame({"part": group, "digest": [digests[p] for p in group]}), "new_found": kept},
                      [*(f"DELETE FROM {table} WHERE part IN (SELECT part FROM new_checked)" for table in ("checked", "found")),
                       "INSERT INTO checked SELECT part, digest FROM new_checked", "INSERT INTO found SELECT part, finding FROM new_found"])
    return found


def _groups(sizes: list[tuple[str, int]]) -> Iterator[list[str]]:
    """The parts, as groups checked at once: the people's alone, event series together up to ``PART_CHUNK``
    claims (any set of event series is checked as one: ``factcheck.findings.check_part``)."""
    from factcheck.findings import PEOPLE

    group: list[str] = []
    held = 0
    for part, size in sizes:
        if part == PEOPLE:
            yield [part]
            continue
        if group and held + size > PART_CHUNK:
            yield group
            group, held = [], 0
        group.append(part)
        held += size
    if group:
        yield group


def _link(claims: StoredClaims, articles: list[Article], rules: Rules) -> int:
    """Link the claims of the ``articles`` the store holds no links of under ``rules`` (all of them, when
    it holds another rules' links), ``LINK_CHUNK`` claims at a time, and keep what linking gave them.
    Return how many of the articles' claims are linked to a rule entity."""
    from factcheck.linking import Linker
    from factcheck.store import LINK_TABLES, ClaimStore

    key = rules_key(rules)
    store = ClaimStore(claims.path)
    try:
        if store.meta("links") != key:
            store.transaction({}, [*(f"DELETE FROM {table}" for table in LINK_TABLES),
                                   "DELETE FROM meta WHERE key = 'links'", f"INSERT INTO meta VALUES ('links', '{key}')"])
        done = {row[0] for row in store.con.execute("SELECT article FROM linked").fetchall()}
        by_id = {a.id: a for a in articles if a.id not in done}
        linker = Linker(rules)  # one for every chunk: it works a name out once
        for run in _runs(list(by_id), store.claim_counts(), LINK_CHUNK):
            _link_chunk(store, [by_id[i] for i in run], rules, linker)
    finally:
        store.close()
    with claims._open() as store:
        return store.con.execute("SELECT count(*) FROM links l JOIN wanted w ON l.article = w.id WHERE coalesce("
                                 "l.subject_id, l.person_id, l.org_id) IS NOT NULL").fetchall()[0][0]


def _runs(ids: list[str], sizes: dict[str, int], limit: int) -> Iterator[list[str]]:
    """``ids`` (articles) in runs of consecutive ones that hold about ``limit`` claims (``sizes``: an article's)."""
    start, held = 0, 0
    for end, article in enumerate(ids, 1):
        held += sizes.get(article, 0)
        if held >= limit or end == len(ids):
            yield ids[start:end]
            start, held = end, 0


def _link_chunk(store, articles: list[Article], rules: Rules, linker) -> None:
    """Link the stored claims of ``articles`` and keep, in one transaction, their links, their parts and
    why the checks leave some aside."""
    import pandas as pd

    from factcheck.findings import UNREAD, parts
    from factcheck.findings.reasons import unchecked
    from factcheck.linking import link

    ids = [a.id for a in articles]
    frames = {"new_linked": pd.DataFrame({"article": pd.Series(ids, dtype=STRING)})}
    statements = ["INSERT INTO linked SELECT article FROM new_linked"]
    linked = link(store.claims_of(ids, [c for c in COLUMNS if c not in UNREAD]), rules, articles, linker=linker)
    if len(linked):
        why = unchecked(linked, rules)
        where = parts(linked, rules)
        rows = where["row"].to_numpy(dtype="int64")
        # text as Arrow's: DuckDB reads it without Python
        frames["new_links"] = pd.DataFrame({"id": linked["id"], "article": linked["article"],
                                            **{c: linked[c].astype(STRING) if c == "subject_key" else linked[c] for c in LINKED},
                                            "unchecked": pd.array([why.get(i) for i in linked["id"].tolist()], dtype=STRING)})
        frames["new_parts"] = pd.DataFrame({"id": linked["id"].iloc[rows].array, "article": linked["article"].iloc[rows].array,
                                            "part": pd.array(where["part"].to_numpy(), dtype=STRING)})
        statements += [f"INSERT INTO links SELECT id, article, {', '.join(LINKED)}, unchecked FROM new_links",
                       "INSERT INTO parts SELECT id, article, part FROM new_parts"]
    store.transaction(frames, statements)
