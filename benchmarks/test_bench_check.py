"""The cross-check alone (``factcheck.findings.check_claims``) on synthetic linked claims tables of
10k and 100k claims, measured with pytest-benchmark (``nox -s bench``), never asserted in tests.

1M claims take too long for a routine run: ``python benchmarks/check_scaling.py`` measures the
growth in time and memory up to 1M, each size in a fresh process.
"""

from pathlib import Path

import pytest
from synthetic import bench_rules, synthetic_claims

REPO = Path(__file__).parent.parent
SIZES = {10_000: 5, 100_000: 2}  # claims -> rounds


@pytest.fixture(scope="module")
def rules():
    return bench_rules()


@pytest.fixture(scope="module")
def linked_columns():
    """The columns and dtypes of ``factcheck.linking.link``'s table (on the bundled seeds), which
    the synthetic table must have: if link changes them, synthetic.py must follow."""
    from factcheck.api import extract
    from factcheck.linking import link
    from factcheck.rules import load_rules

    seeds_rules, _ = load_rules(REPO / "rules")
    results = extract([str(REPO / "seeds")])
    return {c: repr(t) for c, t in link(results.claims, seeds_rules, results.articles).dtypes.items()}  # string[pyarrow], not "string"


@pytest.fixture(scope="module", params=list(SIZES), ids=lambda n: f"{n // 1000}k")
def table(request, linked_columns, rules):
    from factcheck.findings import check_claims

    df, outlets = synthetic_claims(request.param)
    columns = {c: repr(t) for c, t in df.dtypes.items()}
    differ = {c: (columns.get(c), t) for c, t in linked_columns.items()
              if columns.get(c) != t}
    if differ or list(columns) != list(linked_columns):
        pytest.fail(f"the synthetic table differs from link's (synthetic, link): {differ}; "
                    f"columns {list(columns)} != {list(linked_columns)}")
    check_claims(df.head(2000), rules, outlets)  # warm up: imports, language data
    return request.param, df, outlets


def test_check_claims(benchmark, rules, table):
    from factcheck.findings import check_claims

    size, df, outlets = table
    findings = benchmark.pedantic(check_claims, args=(df, rules, outlets), rounds=SIZES[size], iterations=1)
    largest = max(findings, key=lambda f: len(f.sources))
    benchmark.extra_info.update(claims=len(df), findings=len(findings), largest_finding_sources=len(largest.sources),
                                big_event_claims=int((df["subject_key"] == "bench-summit-2025").sum()))
