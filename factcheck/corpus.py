"""Reading a corpus of articles: text and Markdown files with optional YAML
front matter, and JSON Lines with one article per line.

An article that cannot be read becomes a ``Problem`` with its path and the
reason; the others go on.
"""

from __future__ import annotations

import datetime as dt
import glob
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from factcheck.reading import InputError, check_article_length, decode, load_yaml, read_bytes, simple_mapping

TEXT_SUFFIXES = (".txt", ".md")
SUFFIXES = (*TEXT_SUFFIXES, ".jsonl")
META_FIELDS = ("title", "source", "url", "published", "lang")
NOTHING_FOUND = "no article found here"  # a corpus name that matches no article: unusable input
# A scraper's first line: " date 2025-11-21 Headline ..."
_DATELINE = re.compile(r"[ \t]*date[ \t:]+(\d{4}-\d{2}-\d{2})\b", re.IGNORECASE)


@dataclass(frozen=True)
class Problem:
    """Something in the input that was skipped, with where it is and what to do."""

    path: str
    message: str
    line: int | None = None
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}" + (f" ({self.hint})" if self.hint else "")


@dataclass
class Article:
    id: str
    text: str  # the whole decoded file, or a JSONL record's "text"
    path: str
    body_start: int = 0  # where the text after any front matter starts
    line_offset: int = 0  # line of the file where ``text`` starts, minus one (JSONL records)
    meta: dict = field(default_factory=dict)
    lang: str | None = None

    @property
    def published(self) -> dt.date | None:
        return self.meta.get("published")


class KnownArticle(Article):
    """An article of a text file the claims store read on an earlier run and that has not changed since,
    or that it reads this run and keys as it reads it (``factcheck.store.KnownFiles``): its text is read
    from the file again only when something asks for it (extraction, a finding that cites it), so an
    archive's articles are never held at once. ``key``
    is its store key, as ``factcheck.store.article_key`` gave it when the file was read; ``stat`` the
    file's size, modification and change times and inode as this run listed it."""

    key: str = ""

    @classmethod
    def unread(cls, key: str, stat: tuple[int, int, int, int], **fields) -> KnownArticle:
        """The article of ``fields`` (every field but its text), its text unread: made without the
        dataclass's checks, as a hundred thousand are made at once."""
        article = cls.__new__(cls)
        article.__dict__.update(fields, _text=None, key=key, _stat=stat)
        return article

    @property
    def text(self) -> str:
        text = self.__dict__.get("_text")
        if text is None:
            try:
                # changed since this run listed it: its claims' offsets are the old text's, so nothing is shown
                text = decode(read_bytes(self.path)) if file_stat(self.path) == self.__dict__["_stat"] else ""
            except (InputError, OSError):
                text = ""  # gone or broken since the run began: nothing to show
            self.__dict__["_text"] = text
        return text

    @text.setter
    def text(self, value: str | None) -> None:
        self.__dict__["_text"] = value


def file_stat(name: str) -> tuple[int, int, int, int]:
    """What tells a file's version (as git's index compares files): size, modification and change times, inode."""
    st = os.stat(name)
    return st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino


class Snapshot(Protocol):
    """What the reader asks of files read before (``factcheck.store.KnownFiles``)."""

    def unchanged(self, name: str) -> tuple[list[Article], list[Problem]] | None: ...

    def read(self, name: str, articles: list[Article], problems: list[Problem]) -> list[Article]:
        """The articles just read from ``name``, to go on with (perhaps without their texts, read again when asked)."""
        ...


def _parse_date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def _clean_meta(meta: dict, path: str, line: int | None, problems: list[Problem]) -> dict:
    out = {k: meta[k] for k in META_FIELDS if meta.get(k) not in (None, "")}
    if "published" in out:
        date = _parse_date(out["published"])
        if date is None:
            problems.append(Problem(path, f"'published' is not a date: {out['published']!r}", line,
                                    "write it as YYYY-MM-DD; the article is read without a publication date"))
            del out["published"]
        else:
            out["published"] = date
    if "lang" in out:
        out["lang"] = str(out["lang"]).strip().lower()
    return out


def expand(inputs: list[str]) -> tuple[list[str], list[Problem]]:
    """Files named by ``inputs`` (their names, with "/" between folders): files, folders (searched
    recursively) and glob patterns. A name that matches no article, and a link to nothing, are problems."""
    names: list[str] = []
    problems: list[Problem] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            # in the order of their paths' parts, as Paths sort (a hundred thousand Paths made and compared take seconds)
            found = sorted(_files_under(str(p), problems), key=lambda q: q.split(os.sep))
            found = [q[2:] for q in found] if str(p) == "." else found  # "./a.md" is "a.md", as Path has it
            found = [q.replace(os.sep, "/") for q in found] if os.sep != "/" else found
        elif p.is_file():
            found = [p.as_posix()]
        else:
            found = [q.as_posix() for q in sorted(Path(q) for q in glob.glob(item, recursive=True) if Path(q).is_file())]
        if not found:
            problems.append(Problem(item, NOTHING_FOUND, hint="give a file, a folder or a glob of .txt, .md or .jsonl files"))
        names.extend(found)
    return list(dict.fromkeys(names)), problems


def _files_under(folder: str, problems: list[Problem]) -> Iterator[str]:
    """The article files under ``folder`` and its subfolders (not those a link points to, as
    ``Path.rglob``), found with ``os.scandir``: a directory entry knows whether it is a file, so only a
    link costs a stat. A link to nothing, and a folder that cannot be read, are problems."""
    stack = [folder]
    while stack:
        where = stack.pop()
        try:
            with os.scandir(where) as listing:
                entries = list(listing)
        except OSError as e:
            problems.append(Problem(Path(where).as_posix(), f"cannot read this folder: {e.strerror}; skipped",
                                    hint="check its permissions"))
            continue
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                elif os.path.splitext(entry.name)[1].lower() in SUFFIXES:
                    if entry.is_file():  # a link to a file is its file
                        yield entry.path
                    elif entry.is_symlink() and not os.path.exists(entry.path):
                        problems.append(Problem(Path(entry.path).as_posix(), "a link to a file that does not exist; skipped",
                                                hint="remove the link or restore its target"))
            except OSError:
                continue  # gone while the folder was read


def _front_matter(text: str, path: str, problems: list[Problem]) -> tuple[dict, int]:
    """Parse a leading ``---`` YAML block: (metadata, offset where the body starts)."""
    if not text.startswith("---"):
        return {}, 0
    first = text.find("\n")
    if first < 0 or text[:first].strip() != "---":
        return {}, 0
    m = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE).search(text, first + 1)
    if m is None:
        problems.append(Problem(path, "front matter opened with '---' is never closed", 1,
                                "end it with a line '---'; the file is read as text without metadata"))
        return {}, 0
    block = text[first + 1 : m.start()]
    try:
        meta = simple_mapping(block)
        if meta is None:
            meta = load_yaml(block) or {}
    except InputError as e:
        problems.append(Problem(path, f"front matter: {e.message}", (e.line or 0) + 1, f"{e.hint}; the file is read without metadata"))
        meta = {}
    if not isinstance(meta, dict):
        problems.append(Problem(path, "front matter is not a mapping of fields", 2, f"use fields {', '.join(META_FIELDS)}"))
        meta = {}
    end = text.find("\n", m.end())
    return meta, (len(text) if end < 0 else end + 1)


def articles_of(name: str, data: bytes, problems: list[Problem]) -> list[Article]:
    """The articles of one file's bytes (read here, or by Spark from any path it reads): a JSON Lines
    file's records, or a text or Markdown file's article; what cannot be read goes to ``problems``."""
    try:
        text = decode(data)
    except InputError as e:
        problems.append(Problem(name, e.message, e.line, e.hint))
        return []
    if not text.strip():
        problems.append(Problem(name, "empty article", hint="remove the file or give it text"))
        return []
    if name.lower().endswith(".jsonl"):
        return _jsonl_articles(name, text, problems)
    article = _text_article(name, text, problems)
    return [] if article is None else [article]


def _text_article(name: str, text: str, problems: list[Problem]) -> Article | None:
    try:
        check_article_length(text)
    except InputError as e:
        problems.append(Problem(name, e.message, None, e.hint))
        return None
    raw, body_start = _front_matter(text, name, problems)
    meta = _clean_meta(raw, name, 2, problems)
    if "published" not in meta:
        m = _DATELINE.match(text, body_start)
        if m and (date := _parse_date(m.group(1))):
            meta["published"] = date
    if not text[body_start:].strip():
        problems.append(Problem(name, "article has front matter but no text", hint="add the article's text below the front matter"))
        return None
    return Article(id=name, text=text, path=name, body_start=body_start, meta=meta, lang=meta.get("lang"))


def _jsonl_articles(name: str, text: str, problems: list[Problem]) -> list[Article]:
    articles = []
    # records end at "\n" only: U+2028, U+2029 and U+0085 are text inside a record (str.splitlines would cut there)
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(Problem(name, f"not valid JSON: {e.msg} at column {e.colno}", lineno, "one JSON object per line"))
            continue
        except RecursionError:
            problems.append(Problem(name, "JSON nested too deep to read", lineno, "one flat JSON object per line"))
            continue
        except ValueError as e:  # a number of more digits than Python converts
            problems.append(Problem(name, f"JSON that cannot be read: {e}", lineno, "one JSON object per line"))
            continue
        if (article := record_article(name, lineno, rec, problems)) is not None:
            articles.append(article)
    return articles


def record_article(name: str, lineno: int, rec, problems: list[Problem]) -> Article | None:
    """The article of one record (a JSON Lines line, a Parquet row): its 'text', an 'id' (else the file
    and line), and the metadata fields it has."""
    if not isinstance(rec, dict) or not isinstance(rec.get("text"), str) or not rec["text"].strip():
        problems.append(Problem(name, "record has no 'text'", lineno, "each line needs 'id' and a non-empty 'text'"))
        return None
    try:
        check_article_length(rec["text"])
    except InputError as e:
        problems.append(Problem(name, e.message, lineno, e.hint))
        return None
    rid = str(rec.get("id") or f"{name}#{lineno}")
    meta = _clean_meta(rec, name, lineno, problems)
    return Article(id=rid, text=rec["text"], path=name, line_offset=lineno - 1, meta=meta, lang=meta.get("lang"))


def read_corpus(inputs: list[str], known: Snapshot | None = None) -> tuple[list[Article], list[Problem]]:
    """Read every article named by ``inputs``; unreadable ones become problems. With ``known`` (the files
    a claims store read before), an unchanged file's articles and problems are the ones it kept."""
    names, problems = expand(inputs)
    articles: list[Article] = []
    for name in names:
        if known is not None and (kept := known.unchanged(name)) is not None:
            articles.extend(kept[0])
            problems.extend(kept[1])
            continue
        try:
            data = read_bytes(name)
        except InputError as e:
            problems.append(Problem(name, e.message, e.line, e.hint))
            continue
        found: list[Problem] = []
        read = articles_of(name, data, found)
        if known is not None:
            read = known.read(name, read, found)
        articles.extend(read)
        problems.extend(found)
    return unique(articles, problems), problems


def unique(articles: list[Article], problems: list[Problem]) -> list[Article]:
    """``articles`` without a second article of the same id (a problem)."""
    seen: set[str] = set()
    for a in articles:
        if a.id in seen:
            problems.append(Problem(a.path, f"article id {a.id!r} appears twice; the second is skipped",
                                    a.line_offset + 1 or None, "give each article its own id"))
        seen.add(a.id)
    first: dict[str, Article] = {}
    for a in articles:
        first.setdefault(a.id, a)
    return list(first.values())
