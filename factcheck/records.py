"""A claims table's public JSON records (README: the JSON Lines contract), encoded by DuckDB's JSON
functions over the table's Arrow columns, a batch at a time: a large archive's claims are never a
Python dict each, nor encoded one value at a time by Python's encoder. The text is the one ``json.dumps``
gives for ``Results.iter_claim_records`` (separators ", " and ": ", text as UTF-8, not escaped), but for
the escape of a control character, in capitals ("\u001F")."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from factcheck.schema import KINDS

if TYPE_CHECKING:
    import pandas as pd

BATCH = 10_000  # records a batch: what Python holds of them at once (50,000 held 260 MB more at 1.3M claims, no faster)


class Encoded:
    """A list's elements (or a mapping's pairs) already encoded as JSON texts, in batches (lists of Python strings, or Arrow
    string arrays whose UTF-8 ``json_pieces`` writes as it is)."""

    def __init__(self, batches: Iterable, mapping: bool = False):
        self.batches, self.mapping = batches, mapping  # ``mapping``: the texts are a mapping's '"key": value' pairs

    def __iter__(self) -> Iterator[list[str]]:
        return iter(self.batches)


def _value(column: str) -> str:
    return f"coalesce(to_json(\"{column}\"), 'null')"


def _nested(key: str, first: str) -> list[str]:
    """``{"text": ..., "id": ...}`` after ``first``; a person's ``full`` name last when the article gives one."""
    parts = [f"'{first}\"{key}\": {{\"text\": '", _value(f"{key}_text"), "', \"id\": '", _value(f"{key}_id")]
    if key == "person":
        parts.append("CASE WHEN coalesce(person_full, '') = '' THEN '' ELSE ', \"full\": ' || to_json(person_full) END")
    return [*parts, "'}'"]


def _record(kind: str) -> str:
    """The SQL expression of one kind's record: the fields every claim has, then the kind's own, as one
    ``concat`` of constant pieces and ``to_json`` values (one call: chained ``||`` takes twice as long)."""
    from factcheck.results import BY_KIND, COMMON, NESTED

    parts: list[str] = []
    for n, key in enumerate(COMMON):
        parts += [f"'{', ' if n else '{'}\"{key}\": '", _value(key)]
    for key in BY_KIND[kind]:
        if key == "person" and kind == "count":  # only an age is a person's figure: the field only then
            parts.append(f"CASE WHEN person_text IS NULL THEN '' ELSE concat({', '.join(_nested(key, ', '))}) END")
        elif key in NESTED:
            parts += _nested(key, ", ")
        else:
            parts += [f"', \"{key}\": '", _value(key)]
    return f"concat({', '.join(parts)}, '}}')"


def json_records(table: pd.DataFrame, texts: bool = True) -> Iterator:
    """The claims of ``table`` as JSON texts, one a claim, in the table's order, ``BATCH`` at a time:
    lists of Python strings, or (``texts=False``) Arrow string arrays, as DuckDB encoded them (for a
    writer of bytes: ``factcheck.writing.json_pieces``)."""
    import duckdb
    import pyarrow as pa

    if table.empty:
        return
    con = duckdb.connect()
    try:
        con.execute("SET preserve_insertion_order = true")
        con.register("claims", pa.Table.from_pandas(table, preserve_index=False))  # Arrow columns: the text is not copied
        yield from json_query(con, "SELECT * FROM claims", texts)
    finally:
        con.close()


def json_query(con, query: str, texts: bool = True) -> Iterator:
    """``json_records`` of the claims a query gives (``query``: SQL over the connection ``con`` whose rows
    have the claims table's columns)."""
    from factcheck.store import arrow_batches

    cases = " ".join(f"WHEN '{kind}' THEN {_record(kind)}" for kind in KINDS)
    for batch in arrow_batches(con.sql(f"SELECT CASE kind {cases} END FROM ({query})"), BATCH):
        yield batch.column(0).to_pylist() if texts else batch.column(0)
