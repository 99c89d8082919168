"""Loading rule files: ``load_rules`` validates every file before anything runs and returns every
error at once, each with file, line, column and a hint."""

from __future__ import annotations

import difflib
import re
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from factcheck.rules.model import (
    VERSION_2_SAYS,
    Acknowledgement,
    Confirmation,
    DatasetExpectation,
    Entity,
    Example,
    Office,
    RuleFile,
)

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

T = TypeVar("T")


@dataclass(frozen=True)
class RuleError:
    path: str
    line: int
    column: int
    message: str
    hint: str = ""
    # "warning": the file loads, but something in it can never take effect; "notice": it loads as
    # it is, and could say more
    severity: str = "error"

    def __str__(self) -> str:
        level = "" if self.severity == "error" else f"{self.severity}: "
        return f"{self.path}:{self.line}:{self.column}: {level}{self.message}" + (f" ({self.hint})" if self.hint else "")


@dataclass
class Located(Generic[T]):
    """A rule object with where it was written."""

    value: T
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
    entities: dict[str, Located[Entity]] = field(default_factory=dict)
    offices: list[Located[Office]] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    examples: list[Located[Example]] = field(default_factory=list)
    acknowledgements: list[Located[Acknowledgement]] = field(default_factory=list)
    confirmations: list[Located[Confirmation]] = field(default_factory=list)
    expectations: list[Located[DatasetExpectation]] = field(default_factory=list)
    remarks: list[RuleError] = field(default_factory=list)  # warnings and notices found while loading

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
            if isinstance(key, int) and hasattr(node, "keys"):
                continue  # one fact where a list may stand (version 1): the index is not written
            if isinstance(key, int) and hasattr(node, "__getitem__"):
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


def _suggest(word: object, options) -> str:
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


def _explain(err: ErrorDetails) -> tuple[str, str]:
    loc = tuple(err["loc"])
    kind = err["type"]
    name = loc[-1] if loc and isinstance(loc[-1], str) else ""  # a list's index names nothing
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
        elif loc and loc[0] in ("acknowledgements", "confirmations") and name == "id":
            hint = "copy the finding's 12-character id from the report"
        elif name == "url":
            hint = "give the whole address of the published correction, starting with https://"
        else:
            hint = "ids use letters, digits, '-', '_' and '.'"
        return f"'{name}' is not valid: {err.get('input')!r}", hint
    msg = err["msg"].removeprefix("Value error, ")
    return (f"'{name}': {msg}" if isinstance(name, str) and name else msg), ""


def _attribute_ids() -> set[str]:
    from factcheck.lang import available, load

    return {a for code in available() for a in (load(code).get("counts.attributes") or {})}


def load_rules(directories: str | Path | list) -> tuple[Rules, list[RuleError]]:
    """Load and validate every ``*.yaml`` rule file under ``directories`` (one folder or several)."""
    from ruamel.yaml import YAMLError

    from factcheck.reading import InputError, check_yaml, decode, read_bytes

    rules = Rules()
    errors: list[RuleError] = []
    folders = [Path(d) for d in (directories if isinstance(directories, (list, tuple)) else [directories])]
    missing = [d for d in folders if not d.is_dir()]
    if missing:
        return rules, [RuleError(str(d), 1, 1, "rules folder not found", "give a folder of .yaml rule files with --rules")
                       for d in missing]
    attributes = _attribute_ids()
    for path in sorted(p for d in folders for p in d.rglob("*.y*ml") if p.suffix.lower() in (".yaml", ".yml")):
        name = path.as_posix()
        if path.is_dir():
            errors.append(RuleError(name, 1, 1, "a folder named like a rule file", "rename the folder; rule files are .yaml files"))
            continue
        rules.files.append(name)
        try:
            text = decode(read_bytes(path))
            check_yaml(text, pure=True)
            tree = _yaml().load(text)
        except InputError as e:
            errors.append(RuleError(name, e.line or 1, e.column or 1, e.message, e.hint))
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
        if parsed.version < 2 and (parsed.entities or parsed.offices):
            rules.remarks.append(RuleError(name, 1, 1, "written in the version-1 format, which still loads as it is",
                                           f"add 'version: 2' to say more: {VERSION_2_SAYS} (docs/rules.md)", "notice"))
        for k, entity in enumerate(parsed.entities):
            line, col = _locate(tree, ("entities", k))
            lines = {key: _locate(tree, ("entities", k, key))[0] for key in ("dates", "born")}
            lines.update({f"counts.{a}.{n}": _locate(tree, ("entities", k, "counts", a, n))[0]
                          for a, facts in entity.counts.items() for n in range(len(facts))})
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
        for key in ("offices", "examples", "acknowledgements", "confirmations", "expectations"):
            for k, item in enumerate(getattr(parsed, key)):
                getattr(rules, key).append(Located(item, name, *_locate(tree, (key, k))))
        for k, office in enumerate(tree.get("offices") or []):
            listed = office.get("portfolio") if hasattr(office, "get") else None
            # a one-word item of a flow list is most often a name cut at its comma ("[Transport, Communications ...]")
            if listed is not None and getattr(getattr(listed, "fa", None), "flow_style", lambda: False)() and len(listed) > 1 \
                    and any(len(str(p).split()) == 1 for p in listed[:-1]):
                line, col = _locate(tree, ("offices", k, "portfolio"))
                rules.remarks.append(RuleError(
                    name, line, col, f"portfolio {list(listed)} is a list split at every comma",
                    "write each portfolio on its own line ('- Transport, Communications and High Technologies'), "
                    "so that a name with commas stays whole", "warning"))
    for located in rules.offices:
        office = located.value
        for key in ("org", "holder"):
            ref = getattr(office, key)
            if ref not in rules.entities:
                errors.append(RuleError(located.path, located.line, located.column, f"office {key} '{ref}' is not an entity id",
                                        _suggest(ref, rules.entities) or "define it under 'entities'"))
    errors.sort(key=lambda e: (e.path, e.line, e.column))
    return rules, errors



