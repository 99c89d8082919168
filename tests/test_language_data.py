"""The language data files: only keys that factcheck/lang/README.md documents, cases for each, known labels,
relative readings that agree with dateparser, and the cache of their parsed contents."""

import datetime as dt
import re

import pytest

from factcheck.lang import available, load
from factcheck.schema import MEASURES

from conftest import REPO

README = (REPO / "factcheck" / "lang" / "README.md").read_text(encoding="utf-8")
DOCUMENTED = {k for cell in re.findall(r"^\| (`[^|]+`) \|", README, re.MULTILINE) for k in re.findall(r"`([^`]+)`", cell)}
# Keys whose values are free mappings (ids to words); their own keys are data, not format.
MAPPINGS = {"counts.attributes", "counts.measures", "titles.roles", "titles.event_roles", "titles.modifiers", "titles.modifiers_after", "titles.predicate_links", "titles.links_after",
            "qualifiers.before", "qualifiers.after", "numbers.words", "numbers.scales", "numbers.fractions", "countries",
            "dates.months", "dates.solar_months", "dates.lunar_months", "dates.relative", "dates.weekdays", "dates.weekdays_after_move", "dates.units", "dates.ordinal_days", "dates.quarters", "dates.halves",
            "dates.nth",
            "romanization.letters",
            "romanization.initial"}


def _keys(node, prefix=""):
    for key, value in node.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict) and path not in MAPPINGS:
            yield from _keys(value, path + ".")
        else:
            yield path


@pytest.mark.parametrize("code", available())
def test_language_file_keys_are_documented(code):
    undocumented = [k for k in _keys(load(code).data) if k not in DOCUMENTED]
    assert not undocumented, f"{code}.yaml: document these keys in factcheck/lang/README.md: {undocumented}"


@pytest.mark.parametrize("code", available())
def test_language_has_cases(code):
    from ruamel.yaml import YAML

    cases = YAML(typ="safe").load((REPO / "tests" / "cases" / "extract" / f"{code}.yaml").read_text(encoding="utf-8"))
    assert cases["lang"] == code and len(cases["cases"]) >= 25


@pytest.mark.parametrize("code", available())
def test_language_file_labels_are_known_ids(code):
    from factcheck.schema import MODIFIERS, QUALIFIERS, ROLES

    lang = load(code)
    assert set(lang.get("titles.roles") or {}) <= set(ROLES)
    assert {*(events := lang.get("titles.event_roles") or {}), *events.values()} <= set(ROLES)
    assert set(lang.get("titles.predicate_links") or {}) | set(lang.get("titles.links_after") or {}) <= {"current", "former", "designate"}
    assert set(lang.get("titles.modifiers") or {}) | set(lang.get("titles.modifiers_after") or {}) <= set(MODIFIERS)
    assert set(lang.get("qualifiers.before") or {}) | set(lang.get("qualifiers.after") or {}) <= {*QUALIFIERS, "or_equal"}
    assert set(lang.get("counts.measures") or {}) <= set(MEASURES)


# Count markers every language needs: without them its counts are never running figures or parts of a whole.
COUNT_MARKERS = ("counts.clause_breaks", "counts.running", "counts.parts_before", "counts.parts_after",
                 "counts.delegations", "counts.place_marks", "counts.endorsements")


@pytest.mark.parametrize("code", available())
def test_language_knows_every_measure_and_count_marker(code):
    lang = load(code)
    assert set(lang.get("counts.measures") or {}) == set(MEASURES), f"{code}.yaml: counts.measures needs every id of {MEASURES}"
    missing = [k for k in COUNT_MARKERS if not lang.get(k)]
    assert not missing, f"{code}.yaml: no words for {missing}"
    assert (lang.get("counts.attributes") or {}).get("members"), f"{code}.yaml: counts.attributes.members (member, üzv, член)"


@pytest.mark.parametrize("code", available())
def test_nth_ordinals_count_weeks_of_a_month(code):
    nth = load(code).get("dates.nth") or {}
    assert {int(k) for k in nth} <= {-1, 1, 2, 3, 4, 5}, f"{code}.yaml: dates.nth: {sorted(nth)}"


@pytest.mark.parametrize("code", available())
def test_relative_units_are_the_four_the_grammar_moves(code):
    units = load(code).get("dates.units") or {}
    assert set(units) <= {"day", "week", "month", "quarter", "year", "decade"}, f"{code}.yaml: dates.units: {sorted(units)}"


READINGS = {"day", "month", "year", "weekday_coming", "weekday_this_week"}


@pytest.mark.parametrize("code", available())
def test_stated_relative_readings_agree_with_dateparser(code):
    """A fixed phrase's stated reading ({day: -1}, {weekday_coming: 5}) is one known unit and a whole number, and
    says what dateparser reads the phrase as on every fifth day of more than a year (every day of the week, month
    ends, a leap day, a new year), wherever dateparser reads it at all: the phrase is read without dateparser."""
    from factcheck.extraction.relative import _read_fixed, stated_reading

    days = [dt.date(2023, 12, 1) + dt.timedelta(days=k) for k in range(0, 420, 5)]
    compared = []
    for phrase, reading in (load(code).get("dates.relative") or {}).items():
        if not isinstance(reading, dict):
            continue
        units = {k: n for k, n in reading.items() if k != "as_written"}
        assert len(units) == 1 and set(units) <= READINGS and all(type(n) is int for n in units.values()) \
            and reading.get("as_written", True) is True, \
            f"{code}.yaml: dates.relative: {phrase}: {reading} is not one of {sorted(READINGS)} with a whole number (and as_written: true)"
        theirs = [_read_fixed(code, str(phrase), day) for day in days]
        if any(theirs):
            assert [stated_reading(reading, day) for day in days] == theirs, f"{code}.yaml: dates.relative: {phrase}: {reading}"
            compared.append(phrase)
    assert compared, f"{code}.yaml: no stated reading that dateparser also reads"


def test_parsed_language_data_is_kept_between_runs(tmp_path, monkeypatch):
    """A data file's YAML is parsed once per content and read back from the cache, even when the cache
    is garbage (parsed again and rewritten) or cannot be written at all."""
    import ruamel.yaml

    from factcheck.lang import _parsed, cache_dir

    raw = (REPO / "factcheck" / "lang" / "en.yaml").read_bytes()
    expected = ruamel.yaml.YAML(typ="safe").load(raw.decode("utf-8"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert _parsed(raw) == expected
    (cached,) = cache_dir().iterdir()
    with monkeypatch.context() as m:
        m.setattr(ruamel.yaml, "YAML", None)  # parsing would fail: the cache is what is read
        assert _parsed(raw) == expected
    cached.write_bytes(b"\x00garbage")
    assert _parsed(raw) == expected and cached.read_bytes() != b"\x00garbage"
    (tmp_path / "file").write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "file"))
    assert _parsed(raw) == expected
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")
    monkeypatch.setenv("HOME", "")  # and no home either: nothing is written here
    monkeypatch.setattr("os.path.expanduser", lambda p: p)
    assert cache_dir() is None and _parsed(raw) == expected and sorted(p.name for p in tmp_path.iterdir()) == ["factcheck", "file"]


def test_phrase_with_no_stated_reading_is_read_by_dateparser(monkeypatch):
    """A language file may list a fixed phrase with no reading (or with the text dateparser should read
    instead): dateparser reads it against the publication date, only as written."""
    import copy

    import factcheck.extraction as extraction
    from factcheck.corpus import Article
    from factcheck.lang import Language

    data = copy.deepcopy(load("en").data)
    data["dates"]["relative"] = {"yesterday": None, "the morrow": "tomorrow"}
    lang = Language("en", data)
    monkeypatch.setattr(extraction, "load", lambda code: lang)
    text = "The delegation arrived yesterday. The talks end on the morrow, and yesterdays are gone."
    claims, _ = extraction.extract_article(Article(id="a", text=text, path="a", meta={"published": dt.date(2025, 11, 21)}, lang="en"))
    assert [(c["text"], c["date_start"]) for c in claims if c["kind"] == "date"] == [
        ("yesterday", "2025-11-20"), ("the morrow", "2025-11-22")]
