"""Dataset expectations: Great Expectations' own expectations, from the rule files, over the
articles table (one row an article) or the claims table: through its pandas data source, or with the
Spark engine its Spark data source (the tables as Spark DataFrames, each expectation a Spark job)."""

from __future__ import annotations


def great_expectations():
    """Great Expectations, imported only where it is needed (it is slow to import), without its analytics."""
    import os

    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations

    return great_expectations


def expectation_class(name: str):
    """The Great Expectations class of an expectation's name (expect_column_values_to_be_null ->
    ExpectColumnValuesToBeNull), or None."""
    return getattr(great_expectations().expectations, "".join(part.capitalize() for part in name.split("_")), None)


def articles_table(results):
    """One row an article: what a dataset expectation over ``articles`` sees."""
    import pandas as pd

    counts = results.claims.groupby("article").size() if len(results.claims) else pd.Series(dtype="int64")
    rows = [{"id": a.id, "path": a.path, "lang": a.lang,
             "published": a.published.isoformat() if a.published else None,
             "source": a.meta.get("source"), "title": a.meta.get("title"), "url": a.meta.get("url"),
             "claims": int(counts.get(a.id, 0))} for a in results.articles]
    return pd.DataFrame(rows, columns=["id", "path", "lang", "published", "source", "title", "url", "claims"])


def spark_table(spark, frame):
    """A pandas table as a Spark DataFrame (through Arrow: its text columns are Arrow already)."""
    import pyarrow as pa

    return spark.createDataFrame(pa.Table.from_pandas(frame, preserve_index=False))


def run_expectations(results, rules, spark=None) -> list[dict]:
    """Run the rule files' dataset expectations (with ``spark``, a Spark session, on Spark); a wrong
    name or argument is reported as failed."""
    gx = great_expectations()
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    tables = {"articles": articles_table(results), "claims": results.claims}
    if spark is None:
        source = context.data_sources.add_pandas("factcheck")
    else:
        source = context.data_sources.add_spark("factcheck")
        used = {e.value.table for e in rules.expectations}
        tables = {name: spark_table(spark, frame) for name, frame in tables.items() if name in used}
    out = []
    for n, located in enumerate(rules.expectations):
        e = located.value
        entry = {"where": located.where, "table": e.table, "expectation": e.expectation, "kwargs": e.kwargs,
                 "severity": e.severity, "note": e.note, "success": False, "observed": None}
        try:
            expectation = expectation_class(e.expectation)(**e.kwargs)
            batch = source.add_dataframe_asset(f"dataset-{n}").add_batch_definition_whole_dataframe("all").get_batch(
                batch_parameters={"dataframe": tables[e.table]}
            )
            result = batch.validate(expectation)
            entry["success"] = bool(result.success)
            observed = result.result.get("observed_value", result.result.get("unexpected_percent"))
            entry["observed"] = observed if isinstance(observed, (int, float, str, type(None))) else str(observed)
        except Exception as exc:  # a wrong name or argument: reported, the run goes on
            entry["observed"] = f"could not run: {exc}".splitlines()[0][:300]
        out.append(entry)
    return out
