"""Text normalisation that keeps offsets, tokens and sentences.

Everything downstream matches on a normalised copy of the article: digits in
ASCII, one form of Arabic-script yeh and kaf, no ZWNJ or diacritics, single
spaces. ``Normalised.original_span`` maps a span of that copy back to the
article as it was read, so a claim's ``text`` is always a slice of the source.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass, field
from functools import lru_cache

# One character in, one character out (or none).
_CHAR_MAP = {
    **{chr(0x06F0 + d): str(d) for d in range(10)},  # Persian digits
    **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits
    "\u064a": "\u06cc",  # Arabic yeh -> Persian yeh
    "\u0649": "\u06cc",  # alef maksura -> Persian yeh
    "\u0643": "\u06a9",  # Arabic kaf -> Persian kaf
    "\u066b": ".",  # Arabic decimal separator
    "\u066c": ",",  # Arabic thousands separator
    "\u2010": "-",
    "\u2011": "-",
}
_DROP = {"\u200c", "\u200d", "\u00ad", "\u0640", "\ufeff", "\u200e", "\u200f"}
# Capital letters of the Latin and Cyrillic scripts, for acronyms and edition codes ("BTİ", "МСЭ", "COP29").
CAPITALS = "A-ZА-ЯЁƏİÖÜÇŞĞ"
_TERMINAL = ".!?؟…:;"
_BULLETS = "-–—•*·▪►"


_TABLE = str.maketrans(_CHAR_MAP)
# Dropped too: Arabic-script diacritics (harakat, superscript alef), which carry no meaning for matching.
_DROPPED = re.compile("[" + "".join(_DROP) + "\u064b-\u065f\u0670]+")
_KEPT = re.compile(r"[^\s" + "".join(_DROP) + "\u064b-\u065f\u0670]")  # a character that is kept as it is or mapped
# Whitespace that is not a single space inside the text: a single space is kept as it is, with the words around it
_BREAK = re.compile(r"\s{2,}|[^\S ]| \Z")


@dataclass
class Normalised:
    text: str
    offsets: array  # offsets[i] = index in the original of text[i] (machine integers: 8 bytes a character)
    original_length: int

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span [start, end) of the normalised text onto the original."""
        if end <= start:
            o = self.offsets[start] if start < len(self.offsets) else self.original_length
            return o, o
        return self.offsets[start], self.offsets[end - 1] + 1


def normalise(source: str) -> Normalised:
    """Normalise ``source`` for matching, keeping a map back to it.

    Whitespace runs become one space. A run with a blank line, or a single line
    break that ends a heading, a list item or a sentence, becomes "\\n", a hard
    sentence boundary; a line break inside a wrapped sentence becomes a space.
    """
    out: list[str] = []
    offsets = array("q")
    n = len(source)
    if (first := _KEPT.search(source)) is None:
        return Normalised("", offsets, n)  # whitespace and dropped characters only

    def add(start: int, end: int) -> None:
        for m in _DROPPED.finditer(source, start, end):
            keep(start, m.start())
            start = m.end()
        keep(start, end)

    def keep(start: int, end: int) -> None:
        if start < end:
            out.append(source[start:end].translate(_TABLE))
            offsets.extend(range(start, end))

    pos = first.start()  # what comes before the first character kept gives nothing
    line_start = source.rfind("\n", 0, pos) + 1  # where the current line began in source
    for m in _BREAK.finditer(source, pos):
        i, j = m.span()
        add(pos, i)
        pos = j
        newlines = m.group().count("\n")
        if j < n:
            sep = " "
            if newlines >= 2:
                sep = "\n"
            elif newlines == 1:
                prev_line = source[line_start:i].strip()
                nxt = source[j]
                joins = nxt.islower() or (
                    len(prev_line) >= 40 and prev_line[-1] not in _TERMINAL and nxt not in _BULLETS
                )
                if not joins:
                    sep = "\n"
            out.append(sep)
            offsets.append(i)
        if newlines:
            line_start = j
    add(pos, n)
    return Normalised("".join(out), offsets, n)


# A word: letters/digits joined by hyphens or apostrophes ("Smith-Jones",
# "21-də", "Yılmaz’ın", "COP-29"). Separators are disjoint from \w, so the
# pattern is linear. Anything else that is not a space is a one-character token.
_TOKEN = re.compile(r"\w+(?:[-–—'’ʼ`]\w+)*|\S")
APOSTROPHES = "'’ʼ`"  # what joins a case ending or possessive to a word ("Bakı'da", "today's")


@dataclass(slots=True)
class Token:
    start: int  # offsets into the normalised text
    end: int
    text: str
    lower: str
    kind: str  # "num" (digits only), "numx" (digits and dashes), "mixed" (digits and letters), "word", "punct",
    # "code" (more than MAX_DIGITS digits)
    sentence: int = 0
    stems: tuple[str, ...] = field(default=())
    base: str = ""  # the word before an apostrophe suffix: "Yılmaz" of "Yılmaz’ın"

    @property
    def is_capitalised(self) -> bool:
        """Starts with a capital and is not an acronym: "Smith-Jones", not "BMT-nin"."""
        head = self.base.split("-")[0]
        return head[:1].isupper() and any(c.islower() for c in head)


_NUMX = re.compile(r"[\d\-–—'’ʼ`]+")


MAX_DIGITS = 15  # a run of more digits is a code or an identifier, never a figure or a date ("12345678901234567890")


def _kind(text: str) -> str:
    if text.isdecimal():  # not "¹", "①": digits that int() does not read
        return "num" if len(text) <= MAX_DIGITS else "code"
    if not (text[0].isalnum() or text[0] == "_"):
        return "punct"
    if text.isalpha() or not any(c.isdigit() for c in text):
        return "word"
    if sum(c.isdigit() for c in text) > MAX_DIGITS:
        return "code"
    # digits joined by dashes ("2025-11-21", "17–28") or digits with letters ("21-də", "COP-29")
    return "numx" if _NUMX.fullmatch(text) else "mixed"


_APOSTROPHE = re.compile("[" + APOSTROPHES + "]")


def _base(word: str) -> str:
    m = _APOSTROPHE.search(word, 1)
    return word[: m.start()] if m else word


def tokenise(text: str, lower, stems=None) -> list[Token]:
    """The tokens of ``text``; ``stems(lower)`` gives a word's stems when given (else none are set)."""
    return [Token(m.start(), m.end(), w, *_word(w, lower, stems)) for m in _TOKEN.finditer(text) for w in (m.group(),)]


@lru_cache(maxsize=1 << 15)
def _word(w: str, lower, stems) -> tuple[str, str, int, tuple[str, ...], str]:
    """What a token of text ``w`` is, but for where it stands: its lower case, kind, sentence (0),
    stems and base; worked out once for the words seen last (a text's words repeat, a language's most)."""
    low, kind = lower(w), _kind(w)
    return low, kind, 0, ((stems(low) if kind == "word" else (low,)) if stems else ()), _base(w)


def _in_spaced_numeric(tokens: list[Token], k: int) -> bool:
    """The full stop at ``k`` separates the parts of a number or date written with spaces ("23 . 8 . 1395")."""
    def num(i: int) -> bool:
        return 0 <= i < len(tokens) and tokens[i].kind == "num"

    def dot(i: int) -> bool:
        return 0 <= i < len(tokens) and tokens[i].text == "."

    return num(k - 1) and num(k + 1) and ((dot(k + 2) and num(k + 3)) or (dot(k - 2) and num(k - 3)))


def split_sentences(text: str, tokens: list[Token], abbreviations: frozenset[str], ordinal_dot: bool) -> list[tuple[int, int]]:
    """Assign each token its sentence; return sentences as [start, end) of the normalised text.

    A sentence ends at a hard line break, or at terminal punctuation (with any
    closing quotes) followed by a space and a character that can start a
    sentence, unless the word before the full stop is an abbreviation, an
    initial, or (in languages that write ordinals as "1.") a short number.
    """
    n = len(tokens)
    ends: list[int] = []  # index of the last token of each sentence
    k = 0
    while k < n:
        tok = tokens[k]
        last = None
        if tok.kind == "punct" and tok.text in ".!?؟…":
            j = k
            while j + 1 < n and tokens[j + 1].text in "\"'”’»)]" and tokens[j + 1].start == tokens[j].end:
                j += 1
            if j + 1 < n and tokens[j + 1].start > tokens[j].end and not tokens[j + 1].text[0].islower():
                prev = tokens[k - 1] if k > 0 else None
                abbreviated = (
                    tok.text == "."
                    and prev is not None
                    and prev.end == tok.start
                    and (
                        prev.lower in abbreviations
                        or (len(prev.text) == 1 and prev.text.isupper())
                        or (ordinal_dot and prev.kind == "num" and len(prev.text) <= 3)
                    )
                )
                if not abbreviated and not _in_spaced_numeric(tokens, k):
                    last = j
            k = j
        if last is None and k + 1 < n and "\n" in text[tokens[k].end : tokens[k + 1].start]:
            last = k
        if last is not None:
            ends.append(last)
        k += 1
    if n and (not ends or ends[-1] != n - 1):
        ends.append(n - 1)
    bounds = []
    first = 0
    for index, last in enumerate(ends):
        for t in tokens[first : last + 1]:
            t.sentence = index
        bounds.append((tokens[first].start, tokens[last].end))
        first = last + 1
    return bounds
