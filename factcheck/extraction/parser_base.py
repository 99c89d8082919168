"""What the date parser's mixins (``Ranges``, ``Years``, ``Periods``, ``NumericDates``) read of it: the
parser's state, set by ``factcheck.extraction.dates._Parser.__init__``, and the parts each mixin calls
but another class defines. The mixins inherit from ``DateParts``; it comes last in the parser's method
resolution order, so its stubs only describe the methods the parser and the mixins define."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factcheck.extraction.calendars import Atom
    from factcheck.extraction.document import Document
    from factcheck.lang import Lexicon
    from factcheck.text import Token


class DateParts:
    # --- state (set by the parser's __init__) ---------------------------------
    doc: Document
    toks: list[Token]
    # lexicons of the language's date words
    months: Lexicon  # "calendar:month" labels of month names
    year_words: Lexicon
    year_before: Lexicon
    month_words: Lexicon
    month_before: Lexicon
    opened_joins: Lexicon
    closed_joins: Lexicon
    joins: Lexicon
    opens: Lexicon
    closers: Lexicon
    between_close: Lexicon
    quarters: Lexicon
    halves: Lexicon
    moves: dict[str, Lexicon]  # "last", "next", ... -> their words
    count_nouns: Lexicon
    source_before: Lexicon
    units: Lexicon
    ordinal_days: Lexicon
    decade_words: Lexicon
    century_words: Lexicon
    era_bc: Lexicon
    day_of: Lexicon
    day_alone_before: Lexicon
    day_alone_after: Lexicon
    # word sets and endings
    list_joins: frozenset[str]
    determiners: frozenset[str]
    year_links: frozenset[str]
    ordinal_suffixes: frozenset[str]
    decade_suffixes: frozenset[str]
    month_not_alone: frozenset[str]
    month_not_after: frozenset[str]
    month_names: frozenset[str]
    not_after: frozenset[str]
    year_suffixes: frozenset[str]
    from_suffixes: tuple[str, ...]
    to_suffixes: tuple[str, ...]
    closed_suffixes: tuple[str, ...]
    month_labels: dict[str, str]  # one-word month names -> "calendar:month"
    # flags
    year_link_bare: bool
    spaced_numeric: bool
    short_solar_years: bool
    day_words: bool
    dot_day_month: bool
    months_lowercase: bool
    month_inflected: bool | str  # False, True, or "apostrophe" (only a case ending after an apostrophe)

    # --- parts of the parser (``factcheck.extraction.dates._Parser``) ----------
    def _ok(self, k: int, anchor: int) -> bool:
        raise NotImplementedError

    def number(self, k: int) -> tuple[int, str] | None:
        raise NotImplementedError

    def day(self, k: int) -> int | None:
        raise NotImplementedError

    def day_at(self, k: int) -> tuple[int, int] | None:
        raise NotImplementedError

    def month(self, k: int) -> tuple[str, int, int] | None:
        raise NotImplementedError

    def in_name(self, k: int) -> bool:
        raise NotImplementedError

    def _after_label(self, i: int) -> bool:
        raise NotImplementedError

    def _written_together(self, i: int, n: int) -> bool:
        raise NotImplementedError

    def _glued(self, k: int, to: int) -> bool:
        raise NotImplementedError

    def _ends(self, k: int, suffixes: tuple[str, ...]) -> bool:
        raise NotImplementedError

    def atom(self, i: int) -> Atom | None:
        raise NotImplementedError

    def _month_word(self, word: str) -> tuple[str, int] | None:  # NumericDates
        raise NotImplementedError

    def atom_no_year(self, i: int) -> Atom | None:
        raise NotImplementedError

    def _with_year(self, a: Atom) -> Atom:
        raise NotImplementedError

    # --- parts one mixin calls and another defines --------------------------------
    def year(self, k: int, calendar: str = "gregorian") -> tuple[int, int] | None:  # Years
        raise NotImplementedError

    def decade(self, i: int) -> tuple[Atom, Atom] | None:  # Periods
        raise NotImplementedError

    def century(self, i: int) -> tuple[Atom, Atom] | None:  # Periods
        raise NotImplementedError

    def quarter(self, i: int) -> tuple[Atom, Atom] | None:  # Periods
        raise NotImplementedError

    def day_alone(self, i: int, k: int) -> Atom | None:  # Periods
        raise NotImplementedError

    def days_after_month(self, month: Atom) -> tuple[Atom, Atom] | None:  # Periods
        raise NotImplementedError
