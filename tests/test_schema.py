import pandera.errors
import pytest

from factcheck.schema import claims_frame

BASE = {"id": "a@0-1", "article": "a", "lang": "en", "published": None, "text": "x", "start": 0, "end": 1, "line": 1,
        "sentence": "x", "sentence_start": 0, "context_start": 0}


def test_valid_rows_pass():
    df = claims_frame([
        BASE | {"id": "a@0-1", "kind": "count", "value": 3, "qualifier": "exact", "attribute": "satellites"},
        BASE | {"id": "a@2-3", "kind": "date", "date_start": "2025-11-17", "date_end": "2025-11-19"},
        BASE | {"id": "a@4-5", "kind": "title", "person_text": "A B", "role": "minister"},
    ])
    assert list(df["kind"]) == ["count", "date", "title"]


@pytest.mark.parametrize("bad", [
    {"kind": "count", "value": 3, "qualifier": "roughly"},
    {"kind": "count", "value": None, "qualifier": "exact"},
    {"kind": "date", "date_start": "2025-11-28", "date_end": "2025-11-17"},
    {"kind": "date", "date_start": "21.11.2025", "date_end": "21.11.2025"},
    {"kind": "title", "person_text": "A B", "role": "king"},
    {"kind": "rumour"},
    {"kind": "count", "value": 3, "qualifier": "exact", "start": 5, "end": 5},
])
def test_invalid_rows_fail(bad):
    with pytest.raises(pandera.errors.SchemaError):
        claims_frame([BASE | bad])


def test_claim_ids_are_unique():
    row = BASE | {"kind": "count", "value": 3, "qualifier": "exact"}
    with pytest.raises(pandera.errors.SchemaError):
        claims_frame([row, row])
