"""The rule-file format, defined once by these pydantic models; ``docs/rules.md`` describes it
for editors and ``factcheck rules schema`` turns it into a JSON Schema.

Version 2 (``version: 2``) lets a file say more than version 1, which still loads unchanged:
several facts per attribute (each with its measure, as-of date and source), office terms and
birth dates at month or year precision, acting offices, people's birth date and birthplace, an
event's actual close beside its scheduled dates, and edition numbers that are not years.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import AliasChoices, BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from factcheck.isodate import ISO_DATE, iso_bounds, partial_date
from factcheck.schema import Measure, Role

Severity = Literal["error", "warning"]
_ID = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"
_TOLERANCE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$")
# A date at the precision it is known: 2016-01-15, 2016-01 or 2016.
PartialDate = Annotated[str, BeforeValidator(partial_date), Field(pattern=ISO_DATE)]
VERSION_2_SAYS = ("several facts per attribute, each with its measure, as-of date and source; office terms and "
                  "birth dates by month or year; acting offices; people's birth date and birthplace; an event's "
                  "actual close; edition numbers that are not years")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class _Sourced(_Model):
    severity: Severity = Field("error", description="error fails the build; warning is reported only")
    source: str | None = Field(None, description="where the fact comes from (a URL)")
    note: str | None = Field(None, description="a note for the editor who reads the report")


class CountFact(_Sourced):
    """A known figure: a value (with an optional tolerance) or a range, of one measure, at a date."""

    value: int | None = Field(None, ge=0, description="the figure")
    min: int | None = Field(None, ge=0, description="the lowest figure that is right")
    max: int | None = Field(None, ge=0, description="the highest figure that is right")
    tolerance: int | str | None = Field(None, description="how far a reported figure may be from value: 50 or '5%'")
    measure: Measure | None = Field(None, validation_alias=AliasChoices("measure", "verb"),
                                    description="what the figure counts: attended, registered, accredited, expected, "
                                                "in_person or online; left out: people who took part ('verb' in version 1)")
    as_of: PartialDate | None = Field(None, description="the day the figure holds for (YYYY-MM-DD); left out: final")

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
        assert m is not None  # the tolerance's validator let through only what the pattern reads
        tol = float(m.group(1)) * (self.value / 100 if m.group(2) else 1)
        return self.value - tol, self.value + tol


class DatesFact(_Sourced):
    """When an event ran: its scheduled days, and the day it actually closed when that differs."""

    start: dt.date = Field(description="first day (YYYY-MM-DD)")
    end: dt.date | None = Field(None, description="last scheduled day (YYYY-MM-DD); the start when it ran one day")
    closed: dt.date | None = Field(None, description="the day it actually closed, when that differs from the scheduled end")

    @model_validator(mode="after")
    def _order(self):
        if self.end is not None and self.end < self.start:
            raise ValueError(f"end ({self.end}) is before start ({self.start})")
        if self.closed is not None and self.closed < self.start:
            raise ValueError(f"closed ({self.closed}) is before start ({self.start})")
        return self

    @property
    def last(self) -> dt.date:
        return self.end or self.start


def _listed(v):
    """One fact or a list of facts (version 1 gives one)."""
    return v if isinstance(v, list) else [v]


class Entity(_Model):
    """An event, person, organisation or country that claims can be about."""

    id: str = Field(pattern=_ID, description="a short unique id, e.g. cop-29")
    kind: Literal["event", "person", "organisation", "country"]
    names: list[str] = Field(min_length=1, description="names in any language and script")
    aliases: list[str] = Field(default_factory=list, description="other spellings, translations, abbreviations")
    codes: list[str] = Field(default_factory=list, description="edition codes of an event: COP29, COP-29, کاپ ۲۹")
    edition: int | None = Field(None, ge=1, description="an event's edition number when it is not a year (COP29: 29)")
    year: int | None = Field(None, ge=1800, le=2200, description="an event's year: tells editions apart")
    place: str | None = Field(None, description="where an event takes place")
    country: str | None = Field(None, pattern=r"^[A-Z]{2}$", description="ISO 3166 code of a country (AZ, TR, IR)")
    born: PartialDate | None = Field(None, description="a person's birth date: YYYY-MM-DD, YYYY-MM or YYYY")
    birthplace: str | None = Field(None, description="where a person was born")
    counts: dict[str, Annotated[list[CountFact], BeforeValidator(_listed)]] = Field(
        default_factory=dict, description="known figures by attribute (participants, countries ...): one fact or a list")
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
    from_: PartialDate = Field(alias="from", description="first day in office: YYYY-MM-DD, or YYYY-MM / YYYY")
    to: PartialDate | None = Field(None, description="last day in office (YYYY-MM-DD, YYYY-MM or YYYY); empty while in office")
    acting: bool = Field(False, description="an acting office")
    portfolio: list[str] = Field(default_factory=list, description="a minister's field, in any language, one a line")

    @field_validator("portfolio", mode="before")
    @classmethod
    def _listify(cls, v):
        return [v] if isinstance(v, str) else v

    @model_validator(mode="after")
    def _order(self):
        if self.to is not None and self.last < self.first:
            raise ValueError(f"'from' ({self.from_}) is after 'to' ({self.to})")
        return self

    @property
    def first(self) -> dt.date:
        return iso_bounds(self.from_)[0]

    @property
    def last(self) -> dt.date | None:
        return None if self.to is None else iso_bounds(self.to)[1]


class Example(_Model):
    """A sentence that must (or must not) conflict with the rules of its file: a rule's self-test."""

    text: str = Field(min_length=1, description="the sentence, as an article would write it")
    lang: str | None = Field(None, pattern=r"^[a-z]{2}$", description="its language; detected when left out")
    published: dt.date | None = Field(None, description="the article's date, for titles and relative dates")
    conflict: bool = Field(description="true: it must conflict with a rule of this file; false: it must not")
    note: str | None = None


class Acknowledgement(_Model):
    """A finding that an editor has reviewed and accepted."""

    id: str = Field(pattern=r"^[0-9a-f]{12}$", description="the finding's id, as the report shows it")
    by: str = Field(min_length=1, description="who reviewed it")
    why: str = Field(min_length=1, description="why it is accepted")
    until: dt.date | None = Field(None, description="after this day the finding counts again")
    values: list[str] = Field(default_factory=list, description="the values the finding showed when it was accepted; "
                                                                "a source with another value makes it count again")


class Confirmation(_Model):
    """A finding an editor has confirmed: its sources apart were wrong, and the desk published a
    correction (``factcheck publish`` turns it into schema.org ClaimReview, one review a wrong claim)."""

    id: str = Field(pattern=r"^[0-9a-f]{12}$", description="the finding's id, as the report shows it")
    by: str = Field(min_length=1, description="who confirmed it")
    date: dt.date = Field(description="when the desk published its verdict")
    rating: str = Field(min_length=1, max_length=40, description='the verdict in a word or two, e.g. "False", "Misleading", "Mostly false"')
    verdict: str = Field(min_length=1, description="what is true, in a sentence or two, as the correction says it")
    correct: str = Field(min_length=1, description='the correct figure or date, e.g. "1,180 participants" or "17-28 November 2025"')
    url: str = Field(pattern=r"^https?://\S+$", description="the desk's published correction or fact check")
    claims: list[str] = Field(default_factory=list, description="the claims it finds wrong (ids from the report); "
                                                                "by default every source that stands apart")


class DatasetExpectation(_Model):
    """A Great Expectations expectation over the articles or claims table."""

    table: Literal["articles", "claims"] = Field(description="articles (one row an article) or claims")
    expectation: str = Field(pattern=r"^expect_[a-z0-9_]+$", description="a Great Expectations expectation, e.g. expect_column_values_to_not_be_null")
    kwargs: dict = Field(default_factory=dict, description="its arguments, e.g. {column: published, mostly: 0.95}")
    severity: Severity = "error"
    note: str | None = None


class RuleFile(_Model):
    """One rule file: entities, offices, and what editors add around them."""

    version: Literal[1, 2] = Field(1, description="the format's version: 2 says more (docs/rules.md)")
    entities: list[Entity] = Field(default_factory=list)
    offices: list[Office] = Field(default_factory=list)
    examples: list[Example] = Field(default_factory=list, description="sentences that test this file's rules")
    acknowledgements: list[Acknowledgement] = Field(default_factory=list, description="reviewed findings")
    confirmations: list[Confirmation] = Field(default_factory=list, description="findings confirmed as errors, with "
                                                                               "the desk's verdict and correction")
    expectations: list[DatasetExpectation] = Field(default_factory=list, description="checks over the whole corpus")
