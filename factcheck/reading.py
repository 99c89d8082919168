"""Reading untrusted input: one place that turns bytes into text and YAML or JSON into data, with
limits, for every file the tool reads (articles, JSON Lines records, front matter, rule files).

Whatever cannot be read raises ``InputError`` with the line it is on and what to do; callers turn it
into a located problem and go on with the rest of the run. Limits keep one file from exhausting memory
or time: a file's size, an article's length, and a YAML document's size once its aliases are expanded
(a "billion laughs" bomb is refused before it is built), its nesting and its tags."""

from __future__ import annotations

import codecs
import os
import re
from pathlib import Path

MAX_FILE_BYTES = 256 * 1024 * 1024  # a file: JSON Lines may hold a whole archive
MAX_ARTICLE_CHARS = 2_000_000  # an article's text: a hundred times a long news article
MAX_YAML_NODES = 100_000  # nodes of a YAML document with its aliases expanded
MAX_YAML_DEPTH = 64  # nested mappings and lists
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# the tags of YAML's core schema (what plain values resolve to); any other, "!!python/name:os.system" or
# "!foo", asks for an object the tool does not build
_PLAIN_TAGS = frozenset(f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "merge"))


class InputError(Exception):
    """Input that cannot be read: what is wrong, the line it is on (1-based, if known), and what to do."""

    def __init__(self, message: str, line: int | None = None, hint: str = "", column: int | None = None):
        super().__init__(message)
        self.message, self.line, self.hint, self.column = message, line, hint, column


def read_bytes(path: str | Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a file, refused above ``limit`` before they are read (the open file's size: one
    system call fewer than a path's stat, which an archive's hundred thousand files feel)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        try:
            size = os.fstat(fd).st_size
            chunks, read = [], 0
            while size <= limit and (chunk := os.read(fd, max(size + 1, 1 << 16))):  # to its end, whatever the size said
                chunks.append(chunk)
                read += len(chunk)
                size = max(size, read)  # a file that grows while it is read is held to the limit too
            if size > limit:
                raise InputError(f"file is {size / 1e6:.0f} MB, above the {limit / 1e6:.0f} MB factcheck reads",
                                 hint="split it into smaller files")
            return b"".join(chunks)
        finally:
            os.close(fd)
    except OSError as e:
        if os.path.islink(path) and not os.path.exists(path):
            raise InputError("a link to a file that does not exist", hint="remove the link or restore its target") from None
        raise InputError(f"cannot read: {e.strerror}", hint="check the path and its permissions") from None


def decode(data: bytes) -> str:
    """Text of ``data``: UTF-8 (with or without a BOM), UTF-16 or UTF-32 with a BOM; line ends made "\\n"."""
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
    if encoding is None and b"\x00" in data[:8192]:
        even, odd = data[0:8192:2].count(0), data[1:8192:2].count(0)
        if len(data) >= 16 and max(even, odd) > len(data[:8192]) // 4 and min(even, odd) <= max(even, odd) // 8:
            # Latin text in UTF-16: a NUL in every other byte
            raise InputError("UTF-16 text without a byte order mark", 1, "re-save the file as UTF-8")
        raise InputError("binary file, not text", hint="give UTF-8 text, Markdown or JSON Lines")
    try:
        text = data.decode(encoding or "utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise InputError(f"not valid {encoding or 'UTF-8'} (byte 0x{data[e.start]:02x} at offset {e.start})", line,
                         "re-save the file as UTF-8") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_article_length(text: str) -> None:
    if len(text) > MAX_ARTICLE_CHARS:
        raise InputError(f"article is {len(text):,} characters long, above the {MAX_ARTICLE_CHARS:,} factcheck reads",
                         hint="split it into articles, or give one article a file")


def check_yaml(text: str, pure: bool = False) -> None:
    """Refuse a YAML document that would be too big once built, too deep, recursive, or tagged with a
    type the tool does not know, before anything is constructed: its events are read, never its objects.
    ``pure``: read them with ruamel's own parser, as the round-trip loader of rule files does (its messages
    and what it accepts differ from libyaml's, which reads front matter)."""
    from ruamel.yaml import YAML, YAMLError

    if not any(c in text for c in "&*![{") and text.count("\n") < MAX_YAML_DEPTH:
        return  # no anchor, alias, tag or bracket, and too few lines to nest too deep: nothing to refuse
    try:
        _check_events(YAML(typ="safe", pure=pure).parse(text))
    except YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        raise InputError(f"not valid YAML: {getattr(e, 'problem', None) or e}", mark.line + 1 if mark else None,
                         "check indentation, colons and quotes", mark.column + 1 if mark else None) from None


def _check_events(events) -> None:
    from ruamel.yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, NodeEvent, ScalarEvent

    sizes: dict[str, int] = {}  # anchor -> nodes it stands for
    stack: list[list] = []  # open collections: [anchor, nodes so far]
    total = 0
    for event in events:
        line = event.start_mark.line + 1 if event.start_mark else None
        column = event.start_mark.column + 1 if event.start_mark else None
        if isinstance(event, NodeEvent) and not isinstance(event, AliasEvent):
            tag = getattr(event, "tag", None)
            if tag and str(tag) not in _PLAIN_TAGS and str(tag) != "!":
                raise InputError(f"a YAML tag factcheck does not read: {tag}", line, "remove the tag; write plain values", column)
        if isinstance(event, AliasEvent):
            if event.anchor in {a for a, _ in stack}:
                raise InputError(f"a YAML alias inside its own anchor: *{event.anchor}", line, "remove the alias", column)
            nodes = sizes.get(event.anchor, 1)
        elif isinstance(event, ScalarEvent):
            nodes = 1
            if event.anchor:
                sizes[event.anchor] = 1
        elif isinstance(event, CollectionStartEvent):
            stack.append([event.anchor, 1])
            if len(stack) > MAX_YAML_DEPTH:
                raise InputError(f"YAML nested more than {MAX_YAML_DEPTH} levels deep", line, "flatten the document", column)
            continue
        elif isinstance(event, CollectionEndEvent):
            anchor, nodes = stack.pop()
            if anchor:
                sizes[anchor] = nodes
        else:
            continue
        total += nodes
        if stack:
            stack[-1][1] += nodes
        if total > MAX_YAML_NODES or (stack and stack[-1][1] > MAX_YAML_NODES):
            raise InputError(f"YAML that expands to more than {MAX_YAML_NODES:,} values (aliases of aliases)", line,
                             "write the values out; do not repeat anchors inside anchors", column)


_SIMPLE_LINE = re.compile(r"([A-Za-z_]\w*):[ \t]+(\S.*?)[ \t]*")
_NOT_PLAIN = re.compile(r"""^[-?:,\[\]{}#&*!|>'"%@`~]|: |\s#|:$""")
_YAML_SPECIAL = re.compile(r"(?i)^(true|false|null|~|[-+]?(\d[\d_]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?|0x[\da-f]+|0o[0-7]+|[-+]?\.(inf|nan))$")


def simple_mapping(text: str) -> dict[str, str] | None:
    """``text`` as the mapping YAML reads it, when it is lines of ``key: value`` whose values YAML
    reads as plain text, or quoted text without escapes (most front matter: title, source, url,
    published, lang; a title with a colon in quotes), without a YAML parser; else None, for ``load_yaml``."""
    out: dict[str, str] = {}
    for line in text.split("\n"):
        if not line.strip() or line.startswith("#"):
            continue
        m = _SIMPLE_LINE.fullmatch(line)
        if m is None or m.group(1) in out:
            return None
        value = _quoted(m.group(2))
        if value is None and (_NOT_PLAIN.search(m.group(2)) or _YAML_SPECIAL.match(m.group(2))):
            return None
        out[m.group(1)] = m.group(2) if value is None else value
    return out


def _quoted(value: str) -> str | None:
    """The text of a one-line quoted YAML scalar: "..." without a backslash or another double quote
    inside, or '...' whose single quotes inside are doubled; else None."""
    if len(value) < 2 or value[0] != value[-1] or value[0] not in "'\"":
        return None
    inner = value[1:-1]
    if value[0] == '"':
        return None if '"' in inner or "\\" in inner else inner
    return None if "'" in inner.replace("''", "") else inner.replace("''", "'")


def load_yaml(text: str, typ: str = "safe"):
    """``text`` as YAML data, checked first (``check_yaml``); dates stay text, so that an impossible
    date ("2025-02-30") is the caller's located error, not a crash of the loader."""
    from ruamel.yaml import YAML, YAMLError

    check_yaml(text)
    yaml = YAML(typ=typ)
    constructors = yaml.constructor.yaml_constructors
    constructors["tag:yaml.org,2002:timestamp"] = constructors["tag:yaml.org,2002:str"]
    try:
        return yaml.load(text)
    except YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        raise InputError(f"not valid YAML: {getattr(e, 'problem', None) or e}", mark.line + 1 if mark else None,
                         "check indentation, colons and quotes", mark.column + 1 if mark else None) from None
    except (RecursionError, ValueError, TypeError) as e:
        raise InputError(f"YAML that cannot be read: {e}", None, "simplify the document") from None
