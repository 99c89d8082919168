"""The Spark engine (``factcheck check --engine spark``): an archive read, extracted and checked on Apache Spark.

Spark reads the articles where they are (any path it reads: local folders, HDFS, S3; text and
Markdown files and JSON Lines as whole files, Parquet tables as rows with ``text`` and ``id``), and
extracts them as a per-partition map: a Python worker loads the language data once and extracts every
article of its partitions with the same code as the local engine. The claims come back as a Spark
table checked against the claims contract with pandera's pyspark backend, then travel to the driver
through Arrow, where they are linked to the rules' entities (once a distinct name). The linked claims
go back to Spark to be checked: a Spark SQL group-by gathers the claims of each group of event series
(and the people's), and Python workers run the finding model on each group (``check_on_spark``); the
rules' dataset expectations run through Great Expectations' Spark data source. The results, and every
output, are the same as the local engine's (tests/test_spark.py holds them to it).

What runs where, and what does not scale yet: the driver holds every article's text and the claims
table (about 0.6 KB a claim in Arrow) for linking and the outputs; extraction, the costly part (about
5 ms of CPU an article here), and the check are what Spark spreads over its cores.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlparse

from factcheck.corpus import SUFFIXES, Problem, articles_of, expand, record_article, unique
from factcheck.schema import COLUMNS, ISO_DATE, KINDS, MEASURES, MODIFIERS, QUALIFIERS, ROLES, STRING

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from factcheck.results import Results

_SPARK_TYPES = {STRING: "string", "int64": "bigint", "Int64": "bigint", "boolean": "boolean"}
_ORDER = ("_file", "_pos", "_n")  # where a claim comes from: the input file's place, the article's in it, the claim's
TEXT_FILES = "*.{" + ",".join(s.lstrip(".") for s in SUFFIXES) + "}"


def session(master: str | None):
    """A Spark session on ``master`` ("local[2]", "spark://host:7077", "yarn", ...; None: spark-submit's
    --master, else every core of this machine), Arrow on for the way back to pandas."""
    from pyspark.sql import SparkSession

    builder = (SparkSession.builder.appName("factcheck").config("spark.sql.execution.arrow.pyspark.enabled", "true")
               # the files given are listed here, by the driver: a Spark job to list them cost a task a file
               .config("spark.sql.sources.parallelPartitionDiscovery.threshold", str(2**31 - 1)))
    return (builder.master(master) if master else builder).getOrCreate()


def contract():
    """The claims contract (``factcheck.schema.claims_schema``'s column checks) for a Spark table,
    with pandera's pyspark backend."""
    import pandera.pyspark as pa
    import pyspark.sql.types as T

    kinds = {STRING: T.StringType(), "int64": T.LongType(), "Int64": T.LongType(), "boolean": T.BooleanType()}
    required = {"id", "article", "lang", "kind", "text", "start", "end", "line", "sentence", "sentence_start", "context_start"}
    checks = {"kind": [pa.Check.isin(list(KINDS))], "qualifier": [pa.Check.isin(list(QUALIFIERS))],
              "measure": [pa.Check.isin(list(MEASURES))], "role": [pa.Check.isin(list(ROLES))],
              "modifier": [pa.Check.isin(list(MODIFIERS))], "start": [pa.Check.ge(0)], "line": [pa.Check.ge(1)],
              "value": [pa.Check.ge(0)], "text": [pa.Check.str_length(min_value=1)],
              **{c: [pa.Check.str_matches(ISO_DATE)] for c in ("published", "as_of", "date_start", "date_end")}}
    return pa.DataFrameSchema({name: pa.Column(kinds[dtype], checks.get(name, []), nullable=name not in required)
                               for name, dtype in COLUMNS.items()}, name="claims")


def _local_names(inputs: list[str]) -> tuple[list[Path], list[Problem], list[str]]:
    """The local files of ``inputs`` as the local engine lists them (same names, same order), its
    problems, and the inputs Spark lists itself (paths with a scheme: hdfs://, s3a://)."""
    remote = [i for i in inputs if "://" in i and not i.startswith("file://")]
    local = [i.removeprefix("file://") for i in inputs if i not in remote]
    tables = [i for i in local if i.rstrip("/").lower().endswith(".parquet")]
    names, problems = expand([i for i in local if i not in tables])
    return [Path(n) for n in names], problems, remote + [str(Path(t).resolve()) for t in tables]


def _extract_partition(items: Iterable[tuple]) -> Iterator[tuple]:
    """Executor side: each input item, its articles read and extracted (``factcheck.workers.extract_one``:
    the language data loads once in this Python worker). Yields ("article", order, Article, claim rows,
    problems) and ("problem", order, Problem)."""
    from factcheck.workers import extract_one

    for order, source, payload in items:
        problems: list[Problem] = []
        if isinstance(payload, dict):  # a Parquet row
            found = record_article(source, order[1] + 1, payload, problems)
            articles = [] if found is None else [found]
        else:
            articles = articles_of(source, payload, problems)
        for p in problems:
            yield "problem", order, p
        for pos, article in enumerate(articles):
            rows, skipped, lang = extract_one(article)
            article.lang = lang
            place = (order[0], order[1] + pos)
            yield "article", place, article, [(*(r.get(c) for c in COLUMNS), *place, n) for n, r in enumerate(rows)], skipped


def _items(spark, inputs: list[str]):
    """An RDD of (order, name, bytes or Parquet row) for every input: order is (input file, row)."""
    paths, problems, elsewhere = _local_names(inputs)
    names = {str(p.resolve()): (n, p.as_posix()) for n, p in enumerate(paths)}
    parts = []
    if paths:
        def item(r):
            place, name = names[unquote(urlparse(r.path).path)]  # Spark's URI back to the name given here
            return (place, 0), name, bytes(r.content)

        files = spark.read.format("binaryFile").load([str(p.resolve()) for p in paths]).select("path", "content").rdd
        parts.append(files.map(item))
    for k, location in enumerate(elsewhere, len(paths)):
        if location.rstrip("/").lower().endswith(".parquet"):
            rows = spark.read.parquet(location).rdd.zipWithIndex()
            parts.append(rows.map(lambda r, k=k, location=location: ((k, r[1]), location, r[0].asDict())))
        else:  # a folder or glob elsewhere: its files in the order of their names
            files = (spark.read.format("binaryFile").option("recursiveFileLookup", "true").option("pathGlobFilter", TEXT_FILES)
                     .load(location).select("path", "content").orderBy("path").rdd.zipWithIndex())
            parts.append(files.map(lambda r, k=k: ((k, r[1]), r[0].path, bytes(r[0].content))))
    return (spark.sparkContext.union(parts) if parts else spark.sparkContext.emptyRDD()), problems


def extract_on_spark(inputs: list[str], master: str | None = None) -> Results:
    """Read and extract ``inputs`` on the Spark cluster at ``master``: the ``Results`` the local
    engine's ``extract_articles`` gives for the same articles (claims table, articles, problems)."""
    import numpy as np

    from factcheck.lang import available
    from factcheck.results import Results
    from factcheck.schema import claims_frame, claims_schema

    spark = session(master)
    items, problems = _items(spark, inputs)
    done = items.mapPartitions(_extract_partition).persist()
    schema = ", ".join(f"`{name}` {_SPARK_TYPES[dtype]}" for name, dtype in COLUMNS.items())
    schema += ", " + ", ".join(f"`{name}` bigint" for name in _ORDER)
    rows = done.filter(lambda d: d[0] == "article").flatMap(lambda d: d[3])
    # held by Spark, a partition a core: pandera runs a Spark job a check, each over this table
    table = spark.createDataFrame(rows, schema, verifySchema=False).coalesce(spark.sparkContext.defaultParallelism).cache()
    try:
        checked = contract().validate(table)
        errors = dict(checked.pandera.errors)
        if errors:
            raise ValueError(f"the claims broke their contract on Spark: {errors}")
        claims = checked.toPandas()
        found = done.map(lambda d: d if d[0] == "problem" else (d[0], d[1], d[2], None, d[4])).collect()
    finally:
        table.unpersist()
        done.unpersist()
    found.sort(key=lambda d: d[1])
    articles = [d[2] for d in found if d[0] == "article"]
    for d in found:
        problems.extend([d[2]] if d[0] == "problem" else d[4])
    kept = unique(articles, problems)
    kept_ones = {id(a) for a in kept}
    places = {d[1] for d in found if d[0] == "article" and id(d[2]) in kept_ones}  # a second article of an id: its claims go too
    # (a mask as an array: an empty list would select no column, not no row)
    claims = claims[np.array([place in places for place in zip(claims["_file"], claims["_pos"], strict=True)], dtype=bool)]
    claims = claims.sort_values(list(_ORDER), kind="stable").drop(columns=list(_ORDER)).reset_index(drop=True)
    frame = claims_schema().validate(claims.astype(COLUMNS)) if len(claims) else claims_frame([])
    return Results([a for a in kept if a.lang in available()], frame, problems)


GROUPS_PER_CORE = 2  # the check's groups of event series a core: more groups than cores, so a large series leaves no core idle


def check_on_spark(spark, linked, rules, outlets: dict) -> list:
    """The findings of the linked claims table (``factcheck.linking.link``) on Spark: the claims of each
    part of the check (``factcheck.findings.parts``: an event series, or the people) go to Spark, one
    Spark SQL group-by gathers each group of parts (the event series spread over the cores by a hash of
    their name, the people's a group of its own), and a Python worker checks each group with the local
    engine's code (``check_part``: parts never read each other's claims, so any set of event series is
    checked as one). The findings come back pickled: the same as ``check_claims``'s."""
    import pickle
    import zlib

    import pandas as pd

    from factcheck.expectations import spark_table
    from factcheck.findings import PEOPLE, UNREAD, ordered, parts

    if linked.empty:
        return []
    where = parts(linked, rules)
    if where.empty:
        return []
    groups = max(1, spark.sparkContext.defaultParallelism * GROUPS_PER_CORE)
    labels = {p: p if p == PEOPLE else f"events {zlib.crc32(p.encode()) % groups}" for p in where["part"].unique()}
    # the publication day travels as its text (``published``), read again there: Spark moves times through its time zone
    columns = [c for c in linked.columns if c not in (*UNREAD, "article_date")]
    # the rows each part reads (a claim in two parts twice), taken from its columns shared, not from a copy of them
    table = pd.DataFrame({c: linked[c] for c in columns}, copy=False).iloc[where["row"].to_numpy()].reset_index(drop=True)
    table["_group"], table["_row"] = where["part"].map(labels).to_numpy(), where["row"].to_numpy()
    shared = spark.sparkContext.broadcast((rules, outlets, {c: linked[c].dtype for c in columns}))

    def checked(rows):
        from factcheck.findings import check_part

        rules, outlets, dtypes = shared.value
        group = rows["_group"].iat[0]
        rows = rows.sort_values("_row", kind="stable").drop(columns=["_group", "_row"]).reset_index(drop=True)
        claims = rows.astype(dtypes)  # as the local table holds them (Spark gives back plain numbers and objects)
        claims["article_date"] = pd.to_datetime(claims["published"], errors="coerce")
        return pd.DataFrame({"findings": [pickle.dumps(check_part(group, claims, rules, outlets))]})

    try:
        found = spark_table(spark, table).groupBy("_group").applyInPandas(checked, "findings binary").collect()
    finally:
        shared.unpersist()
    return ordered([f for row in found for f in pickle.loads(row.findings)])
