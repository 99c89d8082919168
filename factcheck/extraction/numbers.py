"""Numbers in running text: digits with the language's separators, digits with
an attached suffix ("2500-dən"), number words ("iki min", "two thousand"),
and a scale word after digits ("2,5 тыс.", "۲ هزار")."""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass

from factcheck.extraction.document import Document

_DIGITS_SUFFIX = re.compile(r"(\d+)[-'’ʼ`]?([^\W\d_]+)")
_GROUP_SUFFIX = re.compile(r"(\d{3})(?:[-'’ʼ`]([^\W\d_]+))?")


@dataclass
class Number:
    value: float
    first: int  # token indices [first, last)
    last: int
    suffix: str = ""  # letters attached to the last token ("dən" of "2500-dən")
    ordinal: bool = False
    words: bool = False  # written in words

    @property
    def integer(self) -> int | None:
        return int(self.value) if float(self.value).is_integer() else None


def _digits(doc: Document, i: int) -> Number | None:
    toks = doc.tokens
    lang = doc.lang
    n = len(toks)
    t = toks[i]
    suffix = ""
    if t.kind == "mixed":
        m = _DIGITS_SUFFIX.fullmatch(t.text)
        if not m:
            return None
        digits, suffix = m.group(1), lang.lower(m.group(2))
        ordinal = suffix in lang.words["numbers.ordinal_suffixes"]
        if not ordinal and m.end(1) == m.start(2):
            return None  # letters glued to digits are a name ("6A", "No3"), not a suffix
        return Number(int(digits), i, i + 1, suffix, ordinal)
    digits = t.text
    j = i + 1
    groups = lang.get("numbers.group") or []
    decimal = lang.get("numbers.decimal") or "."
    if len(digits) <= 3:
        while j < n:
            sep = toks[j]
            if sep.text in groups and j + 1 < n and doc.adjacent(j - 1, j) and doc.adjacent(j, j + 1):
                m = _GROUP_SUFFIX.fullmatch(toks[j + 1].text)
                if m is None:
                    break
                digits += m.group(1)
                j += 2
                if m.group(2):
                    suffix = lang.lower(m.group(2))
                    break
            elif " " in groups and doc.norm.text[toks[j - 1].end : toks[j].start] == " " and (m := _GROUP_SUFFIX.fullmatch(toks[j].text)) and toks[j - 1].kind == "num":
                digits += m.group(1)
                j += 1
                if m.group(2):
                    suffix = lang.lower(m.group(2))
                    break
            else:
                break
    value: float = int(digits)
    if (
        not suffix
        and j + 1 < n
        and (toks[j].text == decimal or (toks[j].text in _decimal_before_scale(lang) and j + 2 < n and is_scale(lang, toks[j + 2])))
        and doc.adjacent(j - 1, j)
        and doc.adjacent(j, j + 1)
        and toks[j + 1].kind in ("num", "mixed")
    ):
        m = _DIGITS_SUFFIX.fullmatch(toks[j + 1].text) if toks[j + 1].kind == "mixed" else None
        if m or toks[j + 1].kind == "num":  # not "1.2a3": letters inside the digits are a code
            value = float(f"{digits}.{m.group(1) if m else toks[j + 1].text}")
            if m:
                suffix = lang.lower(m.group(2))
            j += 2
    return Number(value, i, j, suffix)


@functools.cache
def _decimal_before_scale(lang) -> frozenset[str]:
    """Marks that are a decimal mark before digits and a scale word, whatever the language's own, where its thousands
    groups have not taken them ("1.200 milyon" is a group in Turkish): "1.5 млн", "1,5 million", "2.25 milyon" are
    1.5 and 2.25 million, never "5 million" read after a mark taken for nothing; and the language's
    ``numbers.decimal_before_scale`` ("۳۰/۵ میلیون")."""
    return frozenset({".", ",", *(lang.get("numbers.decimal_before_scale") or [])})


MAX_VALUE = 10**15  # a quadrillion: above it a "number" is a code or a typo, and beyond the claims table's integers


@functools.cache
def _vocabulary(lang) -> tuple[dict, dict, dict, frozenset[str]]:
    """Number words, scales, fractions, and all three's words together (what fused words are cut into)."""
    words, scales, fractions = (lang.mapping(f"numbers.{k}") for k in ("words", "scales", "fractions"))
    return words, scales, fractions, frozenset(words) | frozenset(scales)


def is_scale(lang, t) -> bool:
    """Word ``t`` is a scale word ("million", "млн", "میلیون"), in any of its forms."""
    return not _vocabulary(lang)[1].keys().isdisjoint(t.stems)


def may_start(lang, t) -> bool:
    """Word ``t`` may start a number in words: a number word, scale or fraction, one with an ending, or fused ones."""
    return _may_start(lang, t.lower)


@functools.lru_cache(maxsize=1 << 16)
def _may_start(lang, word: str) -> bool:
    words, scales, fractions, _ = _vocabulary(lang)
    return (word.split("-")[0] in words or word in fractions or any(s in scales or s in words for s in lang.stems(word))
            or fused(lang, word) is not None)


@functools.lru_cache(maxsize=1 << 16)
def fused(lang, word: str) -> tuple[str, ...] | None:
    """``word`` cut into two or more number words and scales, where the language writes them as one
    (``numbers.fused``: "otuzüç", "ikibinüçyüz"), else None. The longest first piece that lets the rest
    be cut wins; a word that cannot be cut whole ("beşik", "onur") is no number."""
    if not lang.get("numbers.fused") or len(word) > 60:
        return None
    vocab = _vocabulary(lang)[3]
    longest = max(map(len, vocab), default=0)

    @functools.cache
    def cut(k: int) -> tuple[str, ...] | None:
        if k == len(word):
            return ()
        for n in range(min(longest, len(word) - k), 0, -1):
            if word[k : k + n] in vocab and (rest := cut(k + n)) is not None:
                return (word[k : k + n], *rest)
        return None

    pieces = cut(0)
    if not pieces or len(pieces) < 2:
        return None
    words = lang.mapping("numbers.words")
    for a, b in itertools.pairwise(pieces):
        if (a in words and b in words and (words[a] % 10 or words[b] >= 10)) or a == b:
            return None  # "beşon", "onon", "yüzyüz": no number is written so
    return pieces


def _and_a_fraction(doc: Document, k: int) -> tuple[float, int] | None:
    """(share, index after) of "a half", "one half", "half" at token ``k`` (after "and")."""
    toks, words, fractions = doc.tokens, doc.lang.mapping("numbers.words"), doc.lang.mapping("numbers.fractions")
    if k < len(toks) and words.get(toks[k].lower) == 1 and k + 1 < len(toks) and toks[k + 1].lower in fractions:
        return float(fractions[toks[k + 1].lower]), k + 2
    if k < len(toks) and toks[k].lower in fractions:
        return float(fractions[toks[k].lower]), k + 1
    return None


def _inflected(tok, words: dict, inside: bool) -> tuple[int, str] | None:
    """(value, ending) of a number word with a case ending ("beşten", "otuzun"): inside a number, or alone from
    ten up (alone, "biri", "ikisi" are someone and both, not figures)."""
    for stem in tok.stems:
        if stem != tok.lower and stem in words and (inside or words[stem] >= 10):
            return words[stem], tok.lower[len(stem) :]
    return None


def _words(doc: Document, i: int) -> Number | None:
    toks = doc.tokens
    words = doc.lang.mapping("numbers.words")
    scales = doc.lang.mapping("numbers.scales")
    connectors = doc.lang.words["numbers.connectors"]
    fractions = doc.lang.mapping("numbers.fractions")
    halves = doc.lang.words["numbers.plus_half"]
    total: float = 0
    current: float = 0  # "half a million", "üç buçuk": a group may hold a fraction
    last_scale = 0
    j = i
    last = None
    suffix = ""

    def scale_by(s: int) -> None:
        """Apply a scale word: "hundred" multiplies what precedes it; "thousand" and more close a group."""
        nonlocal total, current, last_scale
        if s < 1000:
            current = (current or 1) * s
        else:
            total += (current or 1) * s
            current, last_scale = 0, s

    while j < len(toks) and doc.same_sentence(i, j) and not suffix:
        parts = toks[j].lower.split("-")
        scale = next((st for st in toks[j].stems if st in scales), None)
        if toks[j].lower in fractions:
            current = (current or 1) * float(fractions[toks[j].lower])  # "a half", "three quarters"
        elif toks[j].lower in halves and last is not None:
            current += 0.5  # "üç buçuk": three and a half
        elif (pieces := fused(doc.lang, toks[j].lower)) is not None:
            for piece in pieces:  # "ikibinüçyüz": iki, bin, üç, yüz
                if piece in scales:
                    scale_by(scales[piece])
                else:
                    current += words[piece]
        elif all(p in words for p in parts):
            value = sum(words[p] for p in parts)
            if not (0 < current < 1 and value == 1):  # "half a million": the "a" counts nothing
                if (current % 10 and value < 10) or 0 < current % 100 < value:
                    break  # "dört bir", "iki on" (two decades) are no number
                current += value
        elif scale is not None:
            suffix = toks[j].lower[len(scale) :].lstrip("-'’")
            scale_by(scales[scale])
        elif (inflected := _inflected(toks[j], words, j > i)) is not None:
            if (current % 10 and inflected[0] < 10) or 0 < current % 100 < inflected[0]:
                break
            current += inflected[0]  # "altmış beşten büyük", "otuzun üzerinde": a case ending ends the number
            suffix = inflected[1]
        elif toks[j].lower in connectors and last is not None and current >= 1 and (half := _and_a_fraction(doc, j + 1)):
            current += half[0]  # "one and a half million", "two and a half thousand"
            last, j = half[1] - 1, half[1]
            continue
        elif toks[j].lower in connectors and last is not None and j + 1 < len(toks) and (
            all(p in words for p in toks[j + 1].lower.split("-")) or toks[j + 1].lower in scales  # "and sixty-one"
            or toks[j + 1].lower in fractions
        ):
            j += 1
            continue
        else:
            break
        last = j
        j += 1
    if last is None:
        return None
    if 0 < current < 1 and last_scale:
        current *= last_scale  # "two million and one half": half a million more
    value = total + current
    return Number(round(value) if abs(value - round(value)) < 1e-6 else value, i, last + 1, suffix, words=True)


def read_number(doc: Document, i: int) -> Number | None:
    """The number that starts at token ``i``, with any scale word after it (read once a token: the
    date, count and title readers all ask)."""
    cache = doc.__dict__.setdefault("_numbers", {})
    if i not in cache:
        num = _read_number(doc, i)
        if num is not None and num.value >= MAX_VALUE:
            cache.update(dict.fromkeys(range(num.first, num.last)))  # no part of it is a number either
            return None
        cache[i] = num
    return cache[i]


def _read_number(doc: Document, i: int) -> Number | None:
    t = doc.tokens[i]
    if t.kind in ("num", "mixed"):
        num = _digits(doc, i)
    elif t.kind == "word" and may_start(doc.lang, t) and not (
        doc.lang.lexicon("numbers.vague").match(doc.tokens, i)
        or (i > 0 and doc.lang.lexicon("numbers.vague").match(doc.tokens, i - 1))  # "صدها هزار", "hundreds of thousands"
    ):
        num = _words(doc, i)
    else:
        return None
    if num is None or num.ordinal:
        return num
    scales = doc.lang.mapping("numbers.scales")
    j = num.last
    if not num.words and j < len(doc.tokens) and doc.same_sentence(i, j) and not num.suffix:
        tok = doc.tokens[j]
        idiom = doc.lang.lexicon("numbers.vague").match(doc.tokens, j)
        for stem in tok.stems if not (idiom and idiom[1] > j + 1) else ():  # "1.360 yüz yüze": not 136,000
            if stem in scales:
                num.value = num.value * scales[stem]
                if abs(num.value - round(num.value)) < 1e-6:
                    num.value = round(num.value)  # "64,1 млн": 64100000, not 64100000.00000001
                num.suffix = tok.lower[len(stem) :].lstrip("-'’")
                num.last = j + 1
                if j + 1 < len(doc.tokens) and doc.tokens[j + 1].text == "." and doc.adjacent(j, j + 1) and len(stem) <= 4:
                    num.last = j + 2
                elif not num.suffix and num.last < len(doc.tokens) and doc.same_sentence(i, num.last):
                    k = num.last
                    if doc.tokens[k].lower in doc.lang.words["numbers.connectors"] and k + 1 < len(doc.tokens):
                        k += 1  # "۳ هزار و ۵۰۰"
                    rest = read_number(doc, k) if doc.same_sentence(i, k) else None  # "2 bin 500", "1 milyon 200 bin"
                    if rest is not None and not rest.ordinal and rest.value < scales[stem]:
                        num.value += rest.value * (scales[stem] if rest.value < 1 else 1)  # "3 million and a half"
                        num.last, num.suffix = rest.last, rest.suffix
                break
    return num
