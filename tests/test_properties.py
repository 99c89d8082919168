"""Property-based tests (hypothesis) of the readers and the extractors.

1. Extraction never raises, and every claim's span indexes the article's text.
2. Reading never raises on any file (random bytes, random text, random YAML front matter, JSON
   Lines); every problem has a path and every article's text is a str. Also: a JSON Lines file
   written by ``json.dumps`` reads back whole, and front matter reads the same with CRLF line ends.
3. The library call never raises on what the reader accepts, and ``to_jsonl()`` is valid JSON Lines, the
   same text from the claims as extraction gave them (Python's encoder) and as a table (DuckDB's).

The text strategy mixes random characters with news-like fragments (figures with separators, dates
of several calendars, month names, qualifiers, counted nouns in the five languages, very long digit
runs) so that the extractors' code paths are reached, not only noise.
"""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

LANGS = ("en", "tr", "az", "ru", "fa")
SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                      HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much])

# --- text --------------------------------------------------------------------------------------

DIGIT_SCRIPTS = ("0123456789", "۰۱۲۳۴۵۶۷۸۹", "٠١٢٣٤٥٦٧٨٩", "０１２３４５６７８９")
SPECIAL_CHARS = (
    "abcxyzABCXYZ"  # Latin
    "çÇğĞıİöÖşŞüÜəƏ"  # Turkish / Azerbaijani
    "абвгдежзийклмнопрстуфхцчшщъыьэюяАБВЁё"  # Cyrillic
    "ابتثجحخدذرزسشصضطظعغفقکگلمنوهیيكىءآأإؤئة"  # Arabic / Persian
    "ًٌٍَُِّْٰـ"  # harakat, tatweel
    + "".join(DIGIT_SCRIPTS)
    + ".,/-:;'’ʼ`\"!?؟…()[]—–‐‑•*·%+№٫٬،؛"
    + " \t\n\r\u00a0\u202f\u2009\u2028\u2029\u200c\u200d\u200e\u200f\u00ad\ufeff\x0b\x0c\x85"
)
FRAGMENTS = (
    # figures
    "40 000", "40\u00a0000", "40\u202f000", "1.234.567", "1,234,567", "2,5", "2.5", "12 500", "۱۲ ۵۰۰",
    "۴۰٬۰۰۰", "٤٠٫٥", "2500-dən", "5000-ə", "100-ü", "3 тыс.", "2,5 млн", "۲ هزار", "۳ هزار و ۵۰۰",
    "2 bin 500", "1 milyon 200 bin", "64,1 млн", "two thousand", "one and a half million", "iki min",
    "otuzüç", "ikibinüçyüz", "üç buçuk", "сорок тысяч", "چهل هزار", "hundreds of thousands", "صدها هزار",
    "1st", "21st", "3-cü", "5-ci", "№3", "COP29", "ABC-25", "6A",
    # dates
    "2025-11-21", "2025-02-30", "21/11", "21/11/2025", "11/21/2025", "21.11.2025", "21 November 2025",
    "November 21, 2025", "21 noyabr 2025", "21 Kasım 2025", "21 ноября 2025 года", "۲۶ آبان ۱۴۰۴",
    "26 شهریور 94", "سال ۹۲", "۱۲ ذی القعده ۱۴۴۵", "20 May 2024", "1404", "2024", "1999", "in 2017",
    "last year", "yesterday", "on Monday", "dünən", "вчера", "دیروز", "from 10 to 12 November",
    "10-12 November", "10–12 ноября", "between 2020 and 2024", "date 2025-11-21 ",
    "January", "February", "March", "Ocak", "Şubat", "yanvar", "fevral", "января", "марта",
    "ژانویه", "فروردین", "اردیبهشت", "محرم",
    # qualifiers, counted things, titles
    "more than", "over", "at least", "nearly", "about", "up to", "less than", "at most", "around",
    "daha çox", "ən azı", "более", "свыше", "около", "بیش از", "حدود", "dən çox", "fazla",
    "delegates", "participants", "people", "attended", "registered", "expected", "online", "in person",
    "nəfər", "iştirakçı", "kişi", "katılımcı", "человек", "участников", "делегатов", "نفر",
    "شرکت‌کننده", "aged 45", "45-year-old", "45 yaşlı", "President", "Minister of Foreign Affairs",
    "prime minister", "Prezident", "Bakan", "министр", "رئیس‌جمهور", "وزیر", "former", "acting",
    "Ilham Aliyev", "John Smith", "COP", "summit", "conference", "forum", "the", "and", "of", "və",
    "и", "و", "که", "that", "while", "что",
    # punctuation and line ends
    ".", ". ", ", ", "/", "-", ":", "'", "\n", "\r\n", "\n\n", "\u2028", "\u200c", "\u200d", " ", "- ", "* ",
)


def to_script(digits: str, script: str) -> str:
    return digits.translate(str.maketrans("0123456789", script))


@st.composite
def numbers(draw) -> str:
    """A figure in any digit script, with or without group separators and a decimal part."""
    script = draw(st.sampled_from(DIGIT_SCRIPTS))
    value = draw(st.integers(0, 10**10))
    sep = draw(st.sampled_from(["", " ", ".", ",", "\u00a0", "\u202f", "٬", "'"]))
    s = f"{value:,}".replace(",", sep) if sep else str(value)
    if draw(st.booleans()):
        s += draw(st.sampled_from([".", ",", "٫"])) + str(draw(st.integers(0, 999)))
    return to_script(s, script)


@st.composite
def long_digits(draw) -> str:
    """Very long digit runs: past int64 (20), long (400), past Python's int-string limit (5000)."""
    n = draw(st.sampled_from([19, 20, 20, 21, 25, 310, 400, 5000]))
    script = draw(st.sampled_from(DIGIT_SCRIPTS))
    first = draw(st.sampled_from("123456789"))
    return to_script(first + "0" * (n - 1), script)


QUALIFIERS = ("", "more than ", "over ", "at least ", "nearly ", "about ", "up to ", "ən azı ", "более ", "около ",
              "بیش از ", "daha çox ", "fazla ")
NOUNS = (" delegates", " participants", " people attended", " registered", " nəfər", " iştirakçı", " kişi",
         " katılımcı", " человек", " участников", " نفر", " delegates attended the summit on 21 November 2025.")


@st.composite
def figures(draw) -> str:
    """A count as news writes it: a qualifier, a figure (any size, any digit script) and a counted noun."""
    number = draw(st.one_of(numbers(), numbers(), long_digits()))
    return draw(st.sampled_from(QUALIFIERS)) + number + draw(st.sampled_from(NOUNS))


random_chars = st.text(
    alphabet=st.one_of(st.sampled_from(SPECIAL_CHARS), st.characters(exclude_categories=("Cs",))),
    max_size=12,
)
fragment = st.one_of(
    st.sampled_from(FRAGMENTS),
    numbers(),
    figures(),
    random_chars,
    long_digits(),
)
texts = st.lists(fragment, max_size=30).map(" ".join) | st.lists(fragment, max_size=30).map("".join)
dates = st.none() | st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))


# --- 1. extraction -----------------------------------------------------------------------------


@settings(max_examples=600, **SETTINGS)
@given(text=texts, lang=st.sampled_from(LANGS), published=dates)
@example(text="More than 40 000 delegates attended on 21 November 2025.", lang="en", published=dt.date(2025, 11, 24))
@example(text="1" + "0" * 4999, lang="en", published=None)  # past Python's int-string limit
@example(text="1" + "0" * 309 + " delegates", lang="en", published=None)  # past a float
@example(text="\u00b9", lang="en", published=None)  # a superscript digit: str.isdigit() but not int()
@example(text="1.2a3", lang="en", published=None)  # a decimal point before a token of digits and letters
def test_extraction_never_raises_and_spans_index_the_source(text, lang, published):
    from factcheck.corpus import Article
    from factcheck.extraction import extract_article

    a = Article(id="x", path="x.md", text=text, lang=lang, meta={"published": published} if published else {})
    rows, _problems = extract_article(a)
    for r in rows:
        assert 0 <= r["start"] < r["end"] <= len(a.text), r
        assert a.text[r["start"]:r["end"]] == r["text"]


# --- 2. reading --------------------------------------------------------------------------------

META_KEYS = ("published", "lang", "title", "source", "url")
yaml_scalar = st.one_of(
    st.sampled_from([
        "2025-11-21", "2025-02-30", "2025-13-01", "2025-11-21T10:00:00", "2025-11-21 10:00:00", "'2025-02-30'",
        '"2025-11-21"', "21.11.2025", "en", "EN ", "fa", "az", "xx", "null", "~", "yes", "no", "true", "0", "-1",
        "1e400", ".inf", "[]", "{}", "[a, b]", "{a: 1}", "''", '""', "|", ">", "&a", "*a", "!!binary xx", "!!int x",
        "!foo bar", "'unterminated", "a: b: c", "-", "?", "%", "@", "`", "\t", "---", "...",
    ]),
    st.integers(-(10**30), 10**30).map(str),
    st.dates().map(str),
    st.text(alphabet=st.sampled_from(SPECIAL_CHARS), max_size=10),
)
@st.composite
def date_like(draw) -> str:
    """YYYY-MM-DD, unquoted, often impossible (2025-02-30, 2025-13-01, 2025-00-10)."""
    return f"{draw(st.integers(1, 9999)):04d}-{draw(st.integers(0, 13)):02d}-{draw(st.integers(0, 32)):02d}"


yaml_value = date_like() | yaml_scalar
yaml_key = st.sampled_from(META_KEYS) | st.text(alphabet=st.sampled_from(SPECIAL_CHARS), max_size=6)


@st.composite
def front_matter(draw) -> str:
    lines = [f"{draw(yaml_key)}:{draw(st.sampled_from([' ', '  ', '']))}{draw(yaml_value)}"
             for _ in range(draw(st.integers(0, 5)))]
    if draw(st.booleans()):
        lines.insert(draw(st.integers(0, len(lines))), draw(random_chars))  # a stray line
    close = draw(st.sampled_from(["---", "...", "--- ", "---\t", "", "--"]))
    return "\n".join(["---", *lines, close]) + "\n"


@st.composite
def markdown(draw) -> bytes:
    text = (draw(front_matter()) if draw(st.booleans()) else "") + draw(texts)
    if draw(st.booleans()):
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    data = text.encode("utf-8")
    if draw(st.booleans()):
        data = b"\xef\xbb\xbf" + data  # a BOM
    return data


@st.composite
def jsonl(draw) -> bytes:
    lines = []
    for _ in range(draw(st.integers(0, 5))):
        rec = {}
        if draw(st.booleans()):
            rec["id"] = draw(st.sampled_from(["a", "b", "", None, 1, 0, []]))
        rec["text"] = draw(texts | st.sampled_from([None, 1, "", " ", [], {}]))
        for key in draw(st.lists(st.sampled_from(META_KEYS), max_size=3)):
            rec[key] = draw(yaml_scalar | st.integers() | st.none() | st.lists(st.integers(), max_size=2))
        if draw(st.integers(0, 9)) == 0:
            lines.append(draw(random_chars))  # not JSON
        else:
            value = rec if draw(st.integers(0, 9)) else draw(st.sampled_from([[rec], "x", 1, None]))
            lines.append(json.dumps(value, ensure_ascii=draw(st.booleans())))
    eol = draw(st.sampled_from(["\n", "\r\n"]))
    return eol.join(lines).encode("utf-8")


files = st.one_of(
    st.tuples(st.sampled_from([".md", ".txt", ".jsonl"]), st.binary(max_size=200)),
    st.tuples(st.sampled_from([".md", ".txt", ".jsonl"]), texts.map(lambda t: t.encode("utf-8"))),
    st.tuples(st.sampled_from([".md", ".txt"]), markdown()),
    st.tuples(st.just(".jsonl"), jsonl()),
)


def write(tmp_path, suffix: str, data: bytes):
    path = tmp_path / f"article{suffix}"
    path.write_bytes(data)
    return path


@settings(max_examples=500, **SETTINGS)
@given(file=files)
@example(file=(".md", b"---\npublished: 2025-02-30\n---\nText.\n"))  # an impossible unquoted date
@example(file=(".md", b"---\ntitle: \"\n---\nText.\n"))  # YAML that does not scan
@example(file=(".md", b"---\n\x1f\n---\nText.\n"))  # a character YAML refuses
def test_reading_never_raises(tmp_path, file):
    from factcheck.corpus import read_corpus

    path = write(tmp_path, *file)
    articles, problems = read_corpus([str(path)])
    for p in problems:
        assert isinstance(p.path, str) and p.path
    for a in articles:
        assert isinstance(a.text, str)


@settings(max_examples=100, **SETTINGS)
@given(texts=st.lists(texts.filter(str.strip), min_size=1, max_size=4), ascii=st.booleans())
@example(texts=["One\u2028two"], ascii=False)  # a line separator that JSON leaves unescaped
@example(texts=["One\x85two"], ascii=False)  # NEL, likewise
def test_jsonl_written_by_json_dumps_reads_back_whole(tmp_path, texts, ascii):
    from factcheck.corpus import read_corpus

    lines = [json.dumps({"id": f"r{n}", "text": t}, ensure_ascii=ascii) for n, t in enumerate(texts)]
    path = write(tmp_path, ".jsonl", ("\n".join(lines) + "\n").encode("utf-8"))
    articles, problems = read_corpus([str(path)])
    assert problems == []
    assert [a.text for a in articles] == texts


@settings(max_examples=100, **SETTINGS)
@given(published=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
       lang=st.sampled_from(LANGS), body=texts.filter(str.strip), suffix=st.sampled_from([".md", ".txt"]))
def test_front_matter_reads_the_same_with_crlf(tmp_path, published, lang, body, suffix):
    from factcheck.corpus import read_corpus

    lf = f"---\npublished: {published.isoformat()}\nlang: {lang}\ntitle: A title\n---\n"
    reads = {}
    for eol in ("\n", "\r\n"):
        path = write(tmp_path, suffix, (lf.replace("\n", eol) + body).encode("utf-8"))
        articles, problems = read_corpus([str(path)])
        reads[eol] = [a.meta for a in articles], [p.message for p in problems]
    assert reads["\r\n"] == reads["\n"]
    metas, _ = reads["\n"]
    assert metas in ([], [{"published": published, "lang": lang, "title": "A title"}])  # [] if the body is unreadable


# --- 3. the library call -----------------------------------------------------------------------


@settings(max_examples=150, **SETTINGS)
@given(file=files, lang=st.sampled_from(LANGS), published=dates, body=texts)
@example(file=(".md", b""), lang="en", published=None, body="More than 10000000000000000000 delegates attended.")
@example(file=(".jsonl", b'{"id": "a", "lang": "en", "text": "40 000 delegates attended.\\u2028Then 300 did."}\n'),
         lang="en", published=None, body="")
def test_library_never_raises_and_writes_json_lines(tmp_path, file, lang, published, body):
    import factcheck.api
    from factcheck.corpus import read_corpus

    suffix, data = file
    if suffix != ".jsonl" and not data.startswith(b"---"):
        # give most text files a language (and maybe a date) so that extraction runs
        meta = f"lang: {lang}\n" + (f"published: {published.isoformat()}\n" if published else "")
        data = f"---\n{meta}---\n".encode() + data + body.encode("utf-8")
    path = write(tmp_path, suffix, data)
    try:
        read_corpus([str(path)])
    except Exception:
        assume(False)  # what the reader rejects by raising is test_reading_never_raises's failure
    results = factcheck.api.extract([str(path)])
    assert isinstance(results, factcheck.api.Results)
    out = results.to_jsonl()
    assert out == "" or out.endswith("\n")
    for line in out.split("\n")[:-1]:  # JSON Lines: records separated by "\n"
        assert isinstance(json.loads(line), dict)
    assert len(results.claims) == out.count("\n")  # the claims as a table now: DuckDB encodes them, to the same data
    assert [json.loads(line) for line in results.to_jsonl().split("\n")[:-1]] == [json.loads(line) for line in out.split("\n")[:-1]]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["title", "lang", "published", "url", "source", "x_1"]),
                          st.text(alphabet=st.sampled_from([*"abAZ09 :#-'\"[]{}&*!|>%@`~.,?/+_eE\\", "ə", "ş", "ی", "ж"]),
                                  min_size=0, max_size=12),
                          st.sampled_from(["", "", '"', "'"])), max_size=5))
def test_simple_front_matter_reads_as_yaml_does(pairs):
    """Front matter read without a YAML parser (plain ``key: value`` lines, or quoted ones) is what the
    YAML loader reads."""
    from factcheck.reading import InputError, load_yaml, simple_mapping

    text = "".join(f"{k}: {q}{v}{q}\n" for k, v, q in pairs)
    fast = simple_mapping(text)
    if fast is not None:
        try:
            assert fast == (load_yaml(text) or {})
        except InputError:
            raise AssertionError(f"read as plain lines, but YAML refuses it: {text!r}") from None
