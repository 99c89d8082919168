"""Tools for editors who write rule files: starter files, self-tests, and the JSON Schema."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.rules import RuleError, RuleFile, Rules

SCHEMA_HEADER = "# yaml-language-server: $schema=../docs/rules.schema.json\n"


def json_schema() -> str:
    """The JSON Schema of rule files, from the same models that load them."""
    schema = RuleFile.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "factcheck rule file"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def slug(name: str) -> str:
    """An id made of a name, romanised, its letters and digits joined by hyphens ("COP-29" -> "cop-29",
    "Ramin Quluzadə" -> "ramin-guluzada", "کنفرانس باکو" -> "knfrans-baku"); empty when the name has none."""
    from factcheck.names import romanise_any

    return re.sub(r"[^a-z0-9]+", "-", romanise_any(name)).strip("-")


_EVENT = """{header}# An event and what is known of it. Format: docs/rules.md
# Every commented line is valid once its '# ' is removed.
version: 2
entities:
  - id: {id}
    kind: event
    names: [{name}]
    # aliases: [other spellings, translations, abbreviations]
    # codes: [ABC-25, ABC-2025]        # edition codes, if it has them
    # edition: 25                        # an edition number that is not a year
    # year: {year}                         # tells editions apart
    # place: Baku
    # dates:
    #   start: {today}
    #   end: {today}                   # the scheduled last day
    #   closed: {today}                # the day it actually closed, if that differs
    #   source: https://example.org/press-release
    # counts:
    #   participants:
    #     - {{value: 2500, tolerance: 5%, measure: registered, source: https://example.org/figures}}
    #     - {{value: 2000, measure: attended, as_of: {today}, note: "the organiser's count on the last day"}}

# Sentences that must, or must not, conflict with these rules (`factcheck rules test`):
# examples:
#   - {{text: {sentence}, lang: en, published: {today}, conflict: true}}
"""

_PERSON = """{header}# A person, so that articles can be linked to them. Format: docs/rules.md
# Every commented line is valid once its '# ' is removed.
version: 2
entities:
  - id: {id}
    kind: person
    names: [{name}]
    # aliases: [spellings in other languages and scripts]
    # born: 1961-12                      # YYYY-MM-DD, or YYYY-MM / YYYY when the day is unknown
    # birthplace: Baku
"""

_OFFICE_PERSON = """  - id: {id}
    kind: person
    names: [{name}]
    # aliases: [spellings in other languages and scripts]
"""

_ORGANISATION = """  - id: {id}-organisation
    kind: organisation
    names: [Name of the organisation]     # or, for a state: kind: country, country: AZ
"""

_OFFICE = """{header}# Who holds an office, from when. Format: docs/rules.md
# Every commented line is valid once its '# ' is removed.
version: 2
{entities}offices:
  - org: {id}-organisation
    role: minister                        # president, prime_minister, minister, secretary_general ...
    holder: {holder}
    from: {today}                      # or {month} / {year} when the day is unknown
    # to: {today}                      # leave out while the person holds the office
    # acting: true
    # portfolio:                          # the ministry's field, one a line, in the languages you know
    #   - Transport, Communications and High Technologies
    # source: https://example.org/decree
"""

TEMPLATES = {"event": _EVENT, "person": _PERSON, "office": _OFFICE}


def _person_named(name: str, rules) -> str | None:
    """The id of a person the rule files already define by ``name``."""
    from factcheck.names import romanise_any, same_romanised

    wanted = romanise_any(name)
    return next((e.value.id for e in rules.entities.values() if e.value.kind == "person"
                 and any(same_romanised(wanted, romanise_any(n)) for n in [*e.value.names, *e.value.aliases])), None)


def new_rule_file(kind: str, name: str, directory: str | Path, today: dt.date | None = None) -> Path:
    """Write a commented starter rule file; refuses to overwrite one. An office for a person the
    rule files already define refers to them instead of defining them again."""
    from factcheck.rules import Rules, load_rules

    if not slug(name):
        raise ValueError(f"the name {name!r} has no letters or digits to make an id of; give the event's or person's name")
    today = today or dt.date.today()
    directory = Path(directory)
    rules = load_rules(directory)[0] if kind == "office" and directory.is_dir() else Rules()
    holder = _person_named(name, rules)
    path = directory / f"{slug(name)}{'-office' if holder else ''}.yaml"
    if path.exists():
        raise FileExistsError(f"{path} exists already; choose another name or edit it")
    fields = {"header": SCHEMA_HEADER, "id": slug(name), "name": json.dumps(name, ensure_ascii=False),
              "sentence": json.dumps(f"More than 9,000 delegates attended {name}.", ensure_ascii=False),
              "today": today.isoformat(), "month": today.isoformat()[:7], "year": today.year}
    person = "" if holder else _OFFICE_PERSON.format(**fields)
    organisation = "" if f"{slug(name)}-organisation" in rules.entities else _ORGANISATION.format(**fields)
    entities = f"entities:\n{person}{organisation}" if person or organisation else ""
    text = TEMPLATES[kind].format(**fields, entities=entities, holder=holder or slug(name))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@dataclass
class ExampleResult:
    where: str
    text: str
    expected: bool
    found: list[str]  # explanations of the findings this file's rules raised
    unchecked: list[str] = field(default_factory=list)  # its claims the checks left aside, and why

    @property
    def passed(self) -> bool:
        return bool(self.found) == self.expected

    def __str__(self) -> str:
        if self.passed:
            return f"{self.where}: ok"
        if self.expected:
            why = f" ({'; '.join(self.unchecked)})" if self.unchecked else ""
            return f"{self.where}: expected a conflict with this file's rules, found none: {self.text!r}{why}"
        return f"{self.where}: expected no conflict, found: {self.found[0]}"


def run_examples(rules: Rules) -> list[ExampleResult]:
    """Check every example sentence of the rule files against all the rules, in one run: each
    example is an article of its own, and only conflicts of a rule with its claims count for it."""
    from factcheck.api import check_articles
    from factcheck.corpus import Article

    articles = []
    for n, located in enumerate(rules.examples):
        ex = located.value
        meta = {"published": ex.published} if ex.published else {}
        articles.append(Article(id=f"example-{n + 1}", text=ex.text, path=located.path, meta=meta, lang=ex.lang))
    if not articles:
        return []
    results = check_articles(articles, rules)
    rows: dict[str, list[dict]] = {}
    for r in results.claim_rows():
        rows.setdefault(r["article"], []).append(r)
    out = []
    for article, located in zip(articles, rules.examples, strict=True):
        found = [
            f.explanation for f in results.findings
            if any(fact.where.rpartition(":")[0] == located.path for fact in f.facts)
            and any(s.apart and s.article == article.id for s in f.sources)
        ]
        why = [f"{r['text']!r}: {results.unchecked[r['id']]}" for r in rows.get(article.id, []) if r["id"] in results.unchecked]
        out.append(ExampleResult(f"{located.where}:{located.column}", located.value.text,
                                 located.value.conflict, found, why))
    return out


def schema_errors(path: Path) -> list[RuleError]:
    """The schema at ``path`` must be the one the models give (regenerate with `factcheck rules schema`)."""
    if path.exists() and path.read_text(encoding="utf-8") == json_schema():
        return []
    return [RuleError(str(path), 1, 1, "the JSON Schema is out of date", "run `factcheck rules schema`")]
