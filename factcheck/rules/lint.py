"""What in loaded rule files can never take effect, or contradicts itself: warnings for editors."""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

from factcheck.rules.load import Located, RuleError, Rules
from factcheck.rules.model import Entity, Office


def _script(name: str) -> str:
    """The script of a name's first letter (LATIN, CYRILLIC, ARABIC ...)."""
    letter = next((c for c in name if c.isalpha()), "")
    return unicodedata.name(letter, "").split(" ")[0] if letter else ""


def lint_rules(rules: Rules) -> list[RuleError]:
    """Warnings for rules that load but can never fire, or that contradict each other; and the
    notices and warnings found while loading."""
    from factcheck.expectations import expectation_class
    from factcheck.linking import code_of
    from factcheck.names import romanise_any

    out: list[RuleError] = list(rules.remarks)

    def warn(located: Located[Any], message: str, hint: str = "") -> None:
        out.append(RuleError(located.path, located.line, located.column, message, hint, "warning"))

    seen: dict[tuple[str, str], Located[Entity]] = {}
    for located in rules.entities.values():
        e: Entity = located.value
        names: dict[tuple[str, str], str] = {}
        for name in [*e.names, *e.aliases]:
            key = romanise_any(name)
            if not key:
                warn(located, f"'{name}' can never match a text", "a name needs letters or digits")
                continue
            # the same name in another script is how texts in that script write it: never redundant
            if (key, _script(name)) in names:
                warn(located, f"'{name}' matches the same texts as '{names[(key, _script(name))]}'", "remove one of them")
                continue
            names[(key, _script(name))] = name
            other = seen.get((e.kind, key))
            if other is not None and other is not located and (e.year is None or e.year == other.value.year):
                warn(located, f"'{name}' also names '{other.value.id}' ({other.where}), so it links to neither",
                     "give each a distinct name or, for events, a different year")
            seen.setdefault((e.kind, key), located)
        for code in e.codes:
            found = code_of(code)
            if found is None:
                warn(located, f"code '{code}' has no edition number", "write codes like COP29, COP-2024 or کاپ ۲۹")
                continue
            number = found[1]
            if number >= 1000 and e.year is not None and number != e.year:
                warn(located, f"code '{code}' is of {number}, but the entity's year is {e.year}",
                     "fix the code or the year: texts with this code will not link")
            elif number < 1000 and e.edition is not None and number not in (e.edition, (e.year or 0) % 100):
                warn(located, f"code '{code}' is neither edition {e.edition} nor the year {e.year}",
                     "fix the code or the edition: texts with this code will not link")
        if e.dates is not None and e.year is not None and e.dates.start.year != e.year:
            warn(located, f"dates start in {e.dates.start.year}, but the entity's year is {e.year}",
                 "fix the dates or the year")
    by_office: dict[tuple[str, str], list[Located[Office]]] = {}
    for o in rules.offices:
        by_office.setdefault((o.value.org, o.value.role), []).append(o)
    for offices in by_office.values():
        for k, a in enumerate(offices):
            for b in offices[k + 1 :]:
                oa, ob = a.value, b.value
                if oa.holder == ob.holder or oa.acting or ob.acting:
                    continue  # an acting office may overlap the one it stands in for
                if oa.portfolio and ob.portfolio and not {p.casefold() for p in oa.portfolio} & {p.casefold() for p in ob.portfolio}:
                    continue  # two ministers of different portfolios
                start, end = max(oa.first, ob.first), min(oa.last or dt.date.max, ob.last or dt.date.max)
                if start <= end:
                    warn(b, f"'{ob.holder}' and '{oa.holder}' ({a.where}) both hold {ob.role} of '{ob.org}' on {start}",
                         "fix the dates, or give ministers their portfolio")
    for expected in rules.expectations:
        name = expected.value.expectation
        if expectation_class(name) is None:
            warn(expected, f"'{name}' is not a Great Expectations expectation",
                 "see https://greatexpectations.io/expectations/ for the names")
    return sorted(out, key=lambda e: (e.path, e.line, e.column))
