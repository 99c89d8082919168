"""The claims table and its contract (a pandera schema)."""

from __future__ import annotations

import functools
from typing import Literal, get_args

KINDS = ("count", "date", "title")
QUALIFIERS = ("exact", "approx", "more_than", "at_least", "less_than", "at_most")
Role = Literal[
    "president", "vice_president", "prime_minister", "deputy_prime_minister", "minister", "deputy_minister",
    "secretary_general", "deputy_secretary_general", "director", "head", "chair", "ambassador",
    "spokesperson", "governor", "mayor", "ceo",
]
ROLES: tuple[str, ...] = get_args(Role)
MODIFIERS = ("former", "acting", "designate")
# What a count measures: people who took part (attended), signed up (registered, accredited), were
# forecast (expected), or took part in one way (in_person, online). Unmarked counts take part.
Measure = Literal["attended", "registered", "accredited", "expected", "in_person", "online"]
MEASURES: tuple[str, ...] = get_args(Measure)
ISO_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"

# Text columns are held as Arrow strings (one buffer a column, not a Python object a value): a
# million claims' sentences take a third of the memory.
STRING = "string[pyarrow]"
ROW_CHUNK = 20_000  # claims converted between dicts and the table at a time
# Column name -> pandas dtype, in the table's order.
COLUMNS = {
    "id": STRING, "article": STRING, "lang": STRING, "published": STRING, "kind": STRING,
    "text": STRING, "start": "int64", "end": "int64", "line": "int64",
    "sentence": STRING, "sentence_start": "int64", "context_start": "int64",
    "value": "Int64", "qualifier": STRING, "attribute": STRING, "measure": STRING, "subgroup": "boolean",
    "running": "boolean", "as_of": STRING,
    "date_start": STRING, "date_end": STRING, "calendar": STRING,
    "subject_text": STRING, "subject_id": STRING,
    "person_text": STRING, "person_full": STRING, "person_id": STRING, "role": STRING,
    "org_text": STRING, "org_id": STRING, "portfolio": STRING, "modifier": STRING,
}


def once(column):
    """Which values of a text column occur only once, found by sorting it in Arrow: pandera's
    ``unique`` (pandas' ``duplicated``) makes a Python string of each value and hashes them all,
    0.2 GB more than this for an archive's 1.3M claim ids."""
    import numpy as np
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc

    if len(column) < 2:
        return pd.Series(True, index=column.index, dtype=bool)
    values = pa.array(column.array)
    order = pc.sort_indices(values)
    ranked = values.take(order)
    same = pc.equal(ranked.slice(1), ranked.slice(0, len(ranked) - 1)).fill_null(False).to_numpy(zero_copy_only=False)
    twice = np.zeros(len(ranked), dtype=bool)
    twice[1:] |= same  # a value equal to the one before it, and that one
    twice[:-1] |= same
    alone = np.empty(len(ranked), dtype=bool)
    alone[order.to_numpy()] = ~twice
    return pd.Series(alone, index=column.index)


@functools.cache
def claims_schema():
    import pandera.pandas as pa

    def col(dtype, *checks, nullable=True, unique=False):
        return pa.Column(dtype, list(checks), nullable=nullable, unique=unique)

    return pa.DataFrameSchema(
        {
            "id": col(STRING, pa.Check(once, error="claim ids are unique"), nullable=False),
            "article": col(STRING, nullable=False),
            "lang": col(STRING, nullable=False),
            "published": col(STRING, pa.Check.str_matches(ISO_DATE)),
            "kind": col(STRING, pa.Check.isin(KINDS), nullable=False),
            "text": col(STRING, pa.Check.str_length(min_value=1), nullable=False),
            "start": col("int64", pa.Check.ge(0), nullable=False),
            "end": col("int64", nullable=False),
            "line": col("int64", pa.Check.ge(1), nullable=False),
            "sentence": col(STRING, nullable=False),
            "sentence_start": col("int64", pa.Check.ge(0), nullable=False),
            "context_start": col("int64", pa.Check.ge(0), nullable=False),
            "value": col("Int64", pa.Check.ge(0)),
            "qualifier": col(STRING, pa.Check.isin(QUALIFIERS)),
            "attribute": col(STRING),
            "measure": col(STRING, pa.Check.isin(MEASURES)),
            "subgroup": col("boolean"),
            "running": col("boolean"),
            "as_of": col(STRING, pa.Check.str_matches(ISO_DATE)),
            "date_start": col(STRING, pa.Check.str_matches(ISO_DATE)),
            "date_end": col(STRING, pa.Check.str_matches(ISO_DATE)),
            "calendar": col(STRING),
            "subject_text": col(STRING),
            "subject_id": col(STRING),
            "person_text": col(STRING),
            "person_full": col(STRING),  # a surname alone: the full name the article gives it elsewhere
            "person_id": col(STRING),
            "role": col(STRING, pa.Check.isin(ROLES)),
            "org_text": col(STRING),
            "org_id": col(STRING),
            "portfolio": col(STRING),
            "modifier": col(STRING, pa.Check.isin(MODIFIERS)),
        },
        checks=[
            pa.Check(lambda df: df["start"] < df["end"], error="start < end"),
            pa.Check(lambda df: (df["date_start"].isna()) | (df["date_start"] <= df["date_end"]).fillna(False),
                     error="date_start <= date_end"),
            pa.Check(lambda df: (df["kind"] != "count") | (df["value"].notna() & df["qualifier"].notna()),
                     error="a count has a value and a qualifier"),
            pa.Check(lambda df: (df["kind"] != "date") | (df["date_start"].notna() & df["date_end"].notna()),
                     error="a date has a start and an end"),
            pa.Check(lambda df: (df["kind"] != "title") | (df["person_text"].notna() & df["role"].notna()),
                     error="a title has a person and a role"),
        ],
        strict=True,
        ordered=True,
        name="claims",
    )


def claims_frame(rows: list[dict]):
    """Build the claims table from extracted rows and check it against the schema."""
    import pandas as pd

    df = pd.DataFrame(rows, columns=list(COLUMNS))
    df = df.astype(COLUMNS)
    return claims_schema().validate(df)
