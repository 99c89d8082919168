"""Editors' rule files: entities, their known facts, and who held which office when.

The format is defined once, by the pydantic models below; ``docs/rules.md``
describes it for editors. ``load_rules`` validates every file before anything
runs and returns every error at once, each with file, line, column and a hint.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from factcheck.schema import ROLES

Severity = Literal["error", "warning"]
Role = Literal[ROLES]  # type: ignore[valid-type]
Verb = Literal["attended", "registered", "expected"]
_ID = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"
_TOLERANCE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class _Sourced(_Model):
    severity: Severity = Field("error", description="error fails the build; warning is reported only")
    source: str | None = Field(None, description="where the fact comes from (a URL)")
    note: str | None = Field(None, description="a note for the editor who reads the report")


class CountFact(_Sourced):
    """A known figure: a value (with an optional tolerance) or a range."""

    value: int | None = Field(None, ge=0, description="the figure")
    min: int | None = Field(None, ge=0, description="the lowest figure that is right")
    max: int | None = Field(None, ge=0, description="the highest figure that is right")
    tolerance: int | str | None = Field(None, description="how far a reported figure may be from value: 50 or '5%'")
    verb: Verb | None = Field(None, description="what the figure counts: attended, registered or expected")

    @field_validator("tolerance")
    @classmethod
    def _tolerance(cls, v):
        if v is not None and not _TOLERANCE.match(str(v)):
            raise ValueError("tolerance is a number (50) or a percentage ('5%')")
        return v

    @model_validator(mode="after")
    def _bounds(self):
        if self.value is None and self.min is None and self.max is None:
            raise ValueError("give 'value', or 'min' and/or 'max'")
        if self.value is not None and (self.min is not None or self.max is not None):
            raise ValueError("give either 'value' (with 'tolerance') or 'min'/'max', not both")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min ({self.min}) is greater than max ({self.max})")
        return self

    def bounds(self) -> tuple[float, float]:
        if self.value is None:
            return (float(self.min) if self.min is not None else 0.0, float(self.max) if self.max is not None else float("inf"))
        m = _TOLERANCE.match(str(self.tolerance or 0))
        tol = float(m.group(1)) * (self.value / 100 if m.group(2) else 1)
        return self.value - tol, self.value + tol


class DatesFact(_Sourced):
    """When an event ran."""

    start: dt.date = Field(description="first day (YYYY-MM-DD)")
    end: dt.date | None = Field(None, description="last day (YYYY-MM-DD); the start when it ran one day")

    @model_validator(mode="after")
    def _order(self):
        if self.end is not None and self.end < self.start:
            raise ValueError(f"end ({self.end}) is before start ({self.start})")
        return self

    @property
    def last(self) -> dt.date:
        return self.end or self.start


class Entity(_Model):
    """An event, person, organisation or country that claims can be about."""

    id: str = Field(pattern=_ID, description="a short unique id, e.g. cop-29")
    kind: Literal["event", "person", "organisation", "country"]
    names: list[str] = Field(min_length=1, description="names in any language and script")
    aliases: list[str] = Field(default_factory=list, description="other spellings, translations, abbreviations")
    codes: list[str] = Field(default_factory=list, description="edition codes of an event: COP-29, COP29")
    year: int | None = Field(None, ge=1800, le=2200, description="an event's year: tells editions apart")
    place: str | None = Field(None, description="where an event takes place")
    country: str | None = Field(None, pattern=r"^[A-Z]{2}$", description="ISO 3166 code of a country (AZ, TR, IR)")
    counts: dict[str, CountFact] = Field(default_factory=dict, description="known figures by attribute (participants, countries ...)")
    dates: DatesFact | None = Field(None, description="when an event ran")

    @field_validator("names", "aliases", "codes")
    @classmethod
    def _no_empty(cls, v):
        if any(not str(x).strip() for x in v):
            raise ValueError("a name is empty")
        return v


class Office(_Sourced):
    """Who held an office, from when to when."""

    org: str = Field(description="entity id of the organisation or country")
    role: Role = Field(description="role id: president, prime_minister, minister, secretary_general ...")
    holder: str = Field(description="entity id of the person")
    from_: dt.date = Field(alias="from", description="first day in office (YYYY-MM-DD)")
    to: dt.date | None = Field(None, description="last day in office; empty while in office")
    portfolio: list[str] = Field(default_factory=list, description="a minister's field, in any language")

    @field_validator("portfolio", mode="before")
    @classmethod
    def _listify(cls, v):
        return [v] if isinstance(v, str) else v

    @model_validator(mode="after")
    def _order(self):
        if self.to is not None and self.to < self.from_:
            raise ValueError(f"'from' ({self.from_}) is after 'to' ({self.to})")
        return self


class Example(_Model):
    """A sentence that must (or must not) conflict with the rules of its file: a rule's self-test."""

    text: str = Field(min_length=1, description="the sentence, as an article would write it")
    lang: str | None = Field(None, pattern=r"^[a-z]{2}$", description="its language; detected when left out")
    published: dt.date | None = Field(None, description="the article's date, for titles and relative dates")
    conflict: bool = Field(description="true: it must conflict with a rule of this file; false: it must not")
    note: str | None = None


class Acknowledgement(_Model):
    """A conflict that an editor has reviewed and accepted."""

    id: str = Field(pattern=r"^[0-9a-f]{12}$", description="the conflict's id, as the report shows it")
    by: str = Field(min_length=1, description="who reviewed it")
    why: str = Field(min_length=1, description="why it is accepted")
    until: dt.date | None = Field(None, description="after this day the conflict counts again")


class DatasetExpectation(_Model):
    """A Great Expectations expectation over the articles or claims table."""

    table: Literal["articles", "claims"] = Field(description="articles (one row an article) or claims")
    expectation: str = Field(pattern=r"^expect_[a-z0-9_]+$", description="a Great Expectations expectation, e.g. expect_column_values_to_not_be_null")
    kwargs: dict = Field(default_factory=dict, description="its arguments, e.g. {column: published, mostly: 0.95}")
    severity: Severity = "error"
    note: str | None = None


class RuleFile(_Model):
    """One rule file: entities, offices, and what editors add around them."""

    entities: list[Entity] = Field(default_factory=list)
    offices: list[Office] = Field(default_factory=list)
    examples: list[Example] = Field(default_factory=list, description="sentences that test this file's rules")
    acknowledgements: list[Acknowledgement] = Field(default_factory=list, description="reviewed conflicts")
    expectations: list[DatasetExpectation] = Field(default_factory=list, description="checks over the whole corpus")


# --- loading ------------------------------------------------------------------


@dataclass(frozen=True)
class RuleError:
    path: str
    line: int
    column: int
    message: str
    hint: str = ""
    severity: str = "error"  # "warning": the file loads, but something in it can never take effect

    def __str__(self) -> str:
        level = "warning: " if self.severity == "warning" else ""
        return f"{self.path}:{self.line}:{self.column}: {level}{self.message}" + (f" ({self.hint})" if self.hint else "")


@dataclass
class Located:
    """A rule object with where it was written."""

    value: object
    path: str
    line: int
    column: int = 1
    lines: dict[str, int] = field(default_factory=dict)  # line of each fact: "dates", "counts.participants"

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"

    def where_of(self, key: str) -> str:
        return f"{self.path}:{self.lines.get(key, self.line)}"


@dataclass
class Rules:
    entities: dict[str, Located] = field(default_factory=dict)
    offices: list[Located] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    examples: list[Located] = field(default_factory=list)
    acknowledgements: list[Located] = field(default_factory=list)
    expectations: list[Located] = field(default_factory=list)

    def entity(self, entity_id: str) -> Entity | None:
        found = self.entities.get(entity_id)
        return found.value if found else None


def _yaml():
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    # Dates stay text, so that an impossible date is a located validation error, not a crash.
    constructors = yaml.constructor.yaml_constructors
    constructors["tag:yaml.org,2002:timestamp"] = constructors["tag:yaml.org,2002:str"]
    return yaml


def _locate(root, loc: tuple) -> tuple[int, int]:
    """Line and column (1-based) of the node at ``loc`` in a round-trip YAML tree."""
    node, line, col = root, 0, 0
    for key in loc:
        lc = getattr(node, "lc", None)
        try:
            if isinstance(key, int) and hasattr(node, "__getitem__") and not hasattr(node, "keys"):
                if lc is not None:
                    line, col = lc.item(key)
                node = node[key]
            elif hasattr(node, "keys") and key in node:
                if lc is not None:
                    line, col = lc.key(key)
                node = node[key]
            else:
                break
        except (KeyError, IndexError, TypeError):
            break
    return line + 1, col + 1


def _fields(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


def _suggest(word: str, options) -> str:
    close = difflib.get_close_matches(str(word), list(options), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def _model_in(annotation) -> type[BaseModel] | None:
    """The model a field holds: Entity of list[Entity], CountFact of dict[str, CountFact], ..."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return next((m for arg in typing.get_args(annotation) if (m := _model_in(arg))), None)


def _model_at(loc: tuple) -> type[BaseModel]:
    """The model whose fields an error at ``loc`` concerns."""
    model: type[BaseModel] = RuleFile
    for key in loc:
        field = next((f for name, f in model.model_fields.items() if key in (name, f.alias)), None)
        if field is not None:
            model = _model_in(field.annotation) or model
    return model


def _explain(err: dict) -> tuple[str, str]:
    loc = tuple(err["loc"])
    kind = err["type"]
    name = loc[-1] if loc else ""
    if kind == "extra_forbidden":
        options = _fields(_model_at(loc[:-1]))
        return f"unknown key '{name}'", _suggest(name, options) or f"allowed keys: {', '.join(options)}"
    if kind == "missing":
        return f"'{name}' is missing", f"add '{name}:'"
    if kind.startswith("date") or kind in ("date_from_datetime_parsing", "date_parsing"):
        return f"'{name}' is not a date that exists: {err.get('input')!r}", "write it as YYYY-MM-DD"
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return f"'{name}' cannot be {err.get('input')!r}", _suggest(err.get("input"), re.findall(r"'([^']+)'", expected)) or f"use one of {expected}"
    if kind == "string_pattern_mismatch":
        if name == "country":
            hint = "use a two-letter ISO code such as AZ"
        elif loc and loc[0] == "acknowledgements":
            hint = "copy the conflict's 12-character id from the report"
        else:
            hint = "ids use letters, digits, '-', '_' and '.'"
        return f"'{name}' is not valid: {err.get('input')!r}", hint
    msg = err["msg"].removeprefix("Value error, ")
    return (f"'{name}': {msg}" if isinstance(name, str) and name else msg), ""


def _attribute_ids() -> set[str]:
    from factcheck.lang import available, load

    return {a for code in available() for a in (load(code).get("counts.attributes") or {})}


def load_rules(directory: str | Path) -> tuple[Rules, list[RuleError]]:
    """Load and validate every ``*.yaml`` rule file under ``directory``."""
    from ruamel.yaml import YAMLError

    rules = Rules()
    errors: list[RuleError] = []
    directory = Path(directory)
    if not directory.is_dir():
        return rules, [RuleError(str(directory), 1, 1, "rules folder not found", "give a folder of .yaml rule files with --rules")]
    attributes = _attribute_ids()
    for path in sorted(directory.rglob("*.y*ml")):
        name = path.as_posix()
        rules.files.append(name)
        try:
            text = path.read_text(encoding="utf-8")
            tree = _yaml().load(text)
        except UnicodeDecodeError:
            errors.append(RuleError(name, 1, 1, "not UTF-8 text", "save the rule file as UTF-8"))
            continue
        except YAMLError as e:
            mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
            line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            errors.append(RuleError(name, line, col, f"not valid YAML: {getattr(e, 'problem', None) or e}", "check indentation, colons and quotes"))
            continue
        if tree is None:
            continue
        if not hasattr(tree, "keys"):
            errors.append(RuleError(name, 1, 1, "a rule file is a mapping with 'entities' and/or 'offices'", "see docs/rules.md"))
            continue
        try:
            parsed = RuleFile.model_validate(tree)
        except ValidationError as e:
            for err in e.errors():
                line, col = _locate(tree, tuple(err["loc"]))
                message, hint = _explain(err)
                errors.append(RuleError(name, line, col, message, hint))
            continue
        for k, entity in enumerate(parsed.entities):
            line, col = _locate(tree, ("entities", k))
            lines = {"dates": _locate(tree, ("entities", k, "dates"))[0]}
            lines.update({f"counts.{a}": _locate(tree, ("entities", k, "counts", a))[0] for a in entity.counts})
            here = Located(entity, name, line, col, lines)
            if entity.id in rules.entities:
                other = rules.entities[entity.id]
                errors.append(RuleError(name, line, col, f"duplicate entity id '{entity.id}'", f"first defined at {other.where}; give each entity its own id"))
                continue
            rules.entities[entity.id] = here
            for attr in entity.counts:
                if attr not in attributes:
                    aline, acol = _locate(tree, ("entities", k, "counts", attr))
                    errors.append(RuleError(name, aline, acol, f"unknown attribute '{attr}'", _suggest(attr, attributes) or f"attributes: {', '.join(sorted(attributes))}"))
        for key in ("offices", "examples", "acknowledgements", "expectations"):
            for k, item in enumerate(getattr(parsed, key)):
                getattr(rules, key).append(Located(item, name, *_locate(tree, (key, k))))
    for located in rules.offices:
        office = located.value
        for key in ("org", "holder"):
            ref = getattr(office, key)
            if ref not in rules.entities:
                errors.append(RuleError(located.path, located.line, located.column, f"office {key} '{ref}' is not an entity id",
                                        _suggest(ref, rules.entities) or "define it under 'entities'"))
    errors.sort(key=lambda e: (e.path, e.line, e.column))
    return rules, errors



# --- what can never take effect ---------------------------------------------------------


def lint_rules(rules: Rules) -> list[RuleError]:
    """Warnings for rules that load but can never fire, or that contradict each other."""
    from factcheck.linking import edition_codes
    from factcheck.names import romanise_any

    out: list[RuleError] = []

    def warn(located: Located, message: str, hint: str = "") -> None:
        out.append(RuleError(located.path, located.line, located.column, message, hint, "warning"))

    seen: dict[tuple[str, str], Located] = {}
    for located in rules.entities.values():
        e: Entity = located.value
        names: dict[str, str] = {}
        for name in [*e.names, *e.aliases]:
            key = romanise_any(name)
            if not key:
                warn(located, f"'{name}' can never match a text", "a name needs letters or digits")
                continue
            if key in names:
                warn(located, f"'{name}' matches the same texts as '{names[key]}'", "remove one of them")
                continue
            names[key] = name
            other = seen.get((e.kind, key))
            if other is not None and (e.year is None or e.year == other.value.year):
                warn(located, f"'{name}' also names '{other.value.id}' ({other.where}), so it links to neither",
                     "give each a distinct name or, for events, a different year")
            seen.setdefault((e.kind, key), located)
        for code in e.codes:
            years = {y for _, y in edition_codes(code)}
            if not years:
                warn(located, f"code '{code}' has no edition number", "write codes like COP-29 or COP-2024")
            elif e.year is not None and e.year not in years:
                warn(located, f"code '{code}' is of {min(years)}, but the entity's year is {e.year}",
                     "fix the code or the year: texts with this code will not link")
        if e.dates is not None and e.year is not None and e.dates.start.year != e.year:
            warn(located, f"dates start in {e.dates.start.year}, but the entity's year is {e.year}",
                 "fix the dates or the year")
    by_office: dict[tuple[str, str], list[Located]] = {}
    for o in rules.offices:
        by_office.setdefault((o.value.org, o.value.role), []).append(o)
    for offices in by_office.values():
        for k, a in enumerate(offices):
            for b in offices[k + 1 :]:
                oa, ob = a.value, b.value
                if oa.holder == ob.holder:
                    continue
                if oa.portfolio and ob.portfolio and not {p.casefold() for p in oa.portfolio} & {p.casefold() for p in ob.portfolio}:
                    continue  # two ministers of different portfolios
                start, end = max(oa.from_, ob.from_), min(oa.to or dt.date.max, ob.to or dt.date.max)
                if start <= end:
                    warn(b, f"'{ob.holder}' and '{oa.holder}' ({a.where}) both hold {ob.role} of '{ob.org}' on {start}",
                         "fix the dates, or give ministers their portfolio")
    for located in rules.expectations:
        name = located.value.expectation
        if expectation_class(name) is None:
            warn(located, f"'{name}' is not a Great Expectations expectation",
                 "see https://greatexpectations.io/expectations/ for the names")
    return sorted(out, key=lambda e: (e.path, e.line, e.column))


def great_expectations():
    """Great Expectations, imported only where it is needed (it is slow to import), without its analytics."""
    import os

    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations

    return great_expectations


def expectation_class(name: str):
    """The Great Expectations class of an expectation's name (expect_column_values_to_be_null ->
    ExpectColumnValuesToBeNull), or None."""
    return getattr(great_expectations().expectations, "".join(part.capitalize() for part in name.split("_")), None)
