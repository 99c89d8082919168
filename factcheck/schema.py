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

# Column name -> pandas dtype, in the table's order.
COLUMNS = {
    "id": "string", "article": "string", "lang": "string", "published": "string", "kind": "string",
    "text": "string", "start": "int64", "end": "int64", "line": "int64",
    "sentence": "string", "sentence_start": "int64", "context_start": "int64",
    "value": "Int64", "qualifier": "string", "attribute": "string", "measure": "string", "subgroup": "boolean",
    "running": "boolean", "as_of": "string",
    "date_start": "string", "date_end": "string", "calendar": "string",
    "subject_text": "string", "subject_id": "string",
    "person_text": "string", "person_full": "string", "person_id": "string", "role": "string",
    "org_text": "string", "org_id": "string", "portfolio": "string", "modifier": "string",
}


@functools.cache
def claims_schema():
    import pandera.pandas as pa

    def col(dtype, *checks, nullable=True, unique=False):
        return pa.Column(dtype, list(checks), nullable=nullable, unique=unique)

    return pa.DataFrameSchema(
        {
            "id": col("string", nullable=False, unique=True),
            "article": col("string", nullable=False),
            "lang": col("string", nullable=False),
            "published": col("string", pa.Check.str_matches(ISO_DATE)),
            "kind": col("string", pa.Check.isin(KINDS), nullable=False),
            "text": col("string", pa.Check.str_length(min_value=1), nullable=False),
            "start": col("int64", pa.Check.ge(0), nullable=False),
            "end": col("int64", nullable=False),
            "line": col("int64", pa.Check.ge(1), nullable=False),
            "sentence": col("string", nullable=False),
            "sentence_start": col("int64", pa.Check.ge(0), nullable=False),
            "context_start": col("int64", pa.Check.ge(0), nullable=False),
            "value": col("Int64", pa.Check.ge(0)),
            "qualifier": col("string", pa.Check.isin(QUALIFIERS)),
            "attribute": col("string"),
            "measure": col("string", pa.Check.isin(MEASURES)),
            "subgroup": col("boolean"),
            "running": col("boolean"),
            "as_of": col("string", pa.Check.str_matches(ISO_DATE)),
            "date_start": col("string", pa.Check.str_matches(ISO_DATE)),
            "date_end": col("string", pa.Check.str_matches(ISO_DATE)),
            "calendar": col("string"),
            "subject_text": col("string"),
            "subject_id": col("string"),
            "person_text": col("string"),
            "person_full": col("string"),  # a surname alone: the full name the article gives it elsewhere
            "person_id": col("string"),
            "role": col("string", pa.Check.isin(ROLES)),
            "org_text": col("string"),
            "org_id": col("string"),
            "portfolio": col("string"),
            "modifier": col("string", pa.Check.isin(MODIFIERS)),
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
