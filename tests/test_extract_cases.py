"""Extraction cases: one YAML file per language in cases/extract/, text in, claims out.

Each case gives ``text`` (and optionally ``published``) and the complete list of
claims it must yield: every expected claim must be found with the fields it
names, and nothing else may be found. ``claims: []`` is a near miss. A count names
what it measures (``measure``: attended, registered, accredited, expected, in_person,
online, or null), whether it counts a part of the whole (``subgroup``) and whether it
is a running figure (``running``) where these matter; near misses give them as false.
"""

from __future__ import annotations

import pytest

from conftest import CASES, iso, load_yaml

# Case field -> claims-table column.
FIELDS = {
    "text": "text", "value": "value", "qualifier": "qualifier", "attribute": "attribute", "measure": "measure", "running": "running",
    "subgroup": "subgroup",
    "start": "date_start", "end": "date_end", "calendar": "calendar", "subject": "subject_text",
    "person": "person_text", "full": "person_full", "role": "role", "org": "org_text", "portfolio": "portfolio", "modifier": "modifier",
}


def _cases():
    for path in sorted((CASES / "extract").glob("*.yaml")):
        data = load_yaml(path)
        for case in data["cases"]:
            yield pytest.param(data["lang"], case, id=f"{path.stem}:{case['name']}")


def _matches(row: dict, expected: dict) -> bool:
    if row["kind"] != expected["kind"]:
        return False
    for key, column in FIELDS.items():
        if key in expected and iso(row[column]) != iso(expected[key]) and row[column] != expected[key]:
            return False
    return True


@pytest.mark.parametrize("lang,case", list(_cases()))
def test_case(lang, case, make_article):
    from factcheck.extraction import extract_article

    article = make_article(case["text"], lang=lang, published=case.get("published"))
    rows, _ = extract_article(article)
    for row in rows:
        assert article.text[row["start"] : row["end"]] == row["text"]
    unmatched = list(rows)
    missing = []
    for expected in case["claims"]:
        hit = next((r for r in unmatched if _matches(r, expected)), None)
        if hit is None:
            missing.append(expected)
        else:
            unmatched.remove(hit)

    def show(r):
        return {k: r[c] for k, c in FIELDS.items() if r.get(c) is not None} | {"kind": r["kind"]}

    assert not missing and not unmatched, (
        f"\nmissing: {missing}\nunexpected: {[show(r) for r in unmatched]}\nfound: {[show(r) for r in rows]}"
    )
