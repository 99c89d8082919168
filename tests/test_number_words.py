"""Data integrity: every language file reads the number words that num2words writes, up to 10^9.

Each number, written in words by num2words (an independent implementation), stands in a sentence
of its language before a counted noun; the extractor must read exactly that number. num2words is
a test dependency only.
"""

from __future__ import annotations

import json
import random

import pytest

from factcheck.lang import available

# The counted noun after the number; the number is not the sentence's first word (a small number
# word there may refer back: "İki ülke ...").
TEMPLATES = {
    "en": "The conference was attended by {} delegates.",
    "tr": "Konferansa {} delege katıldı.",
    "az": "Konfransda {} nümayəndə iştirak edib.",
    "fa": "در این کنفرانس {} نماینده شرکت کردند.",
    "ru": "В конференции приняли участие {} делегатов.",
}
_rng = random.Random(20261202)
NUMBERS = sorted({*range(2, 32), 40, 50, 60, 70, 80, 90, 99, 100, 101, 110, 111, 200, 999, 1000, 1001, 1100,
                  2500, 10000, 12345, 100000, 999999, 1000000, 2000000, 123456789, 10**9,
                  *(_rng.randrange(2, 10**9) for _ in range(60))})


def _known_num2words_slip(lang: str, n: int) -> bool:
    """num2words' Azerbaijani drops "bir" before "min" ("iyirmi min" for 21,000): its text is wrong, not ours."""
    thousands = n // 1000 % 1000
    return lang == "az" and thousands % 10 == 1 and thousands > 1


def test_every_language_has_a_template():
    assert set(available()) <= set(TEMPLATES)


@pytest.mark.parametrize("lang", sorted(TEMPLATES))
def test_number_words_read_as_num2words_writes_them(lang, tmp_path):
    from num2words import num2words  # a test dependency (pyproject.toml): never skipped

    from factcheck.api import extract

    numbers = [n for n in NUMBERS if not _known_num2words_slip(lang, n)]
    path = tmp_path / "numbers.jsonl"
    path.write_text("".join(
        json.dumps({"id": str(n), "lang": lang, "text": TEMPLATES[lang].format(num2words(n, lang=lang).replace(",", ""))},
                   ensure_ascii=False) + "\n" for n in numbers), encoding="utf-8")
    read: dict[str, list] = {}
    for row in extract([str(path)]).claim_rows():
        if row["kind"] == "count":
            read.setdefault(row["article"], []).append(row["value"])
    wrong = {n: (num2words(n, lang=lang), read.get(str(n))) for n in numbers if read.get(str(n)) != [n]}
    assert not wrong, f"{lang}: {len(wrong)} of {len(numbers)} read wrongly: {dict(list(wrong.items())[:5])}"
