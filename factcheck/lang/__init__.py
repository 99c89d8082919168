"""Language knowledge, loaded from one YAML data file per language.

A data file (``<code>.yaml`` beside this module) holds everything the
extractor knows of a language: month names of every calendar it uses, number
words, qualifiers, counted nouns and verbs, title words, and inflection
suffixes. Adding a language means adding a file here and its test cases; the
code below only compiles the lists into matchers.
"""

from __future__ import annotations

import functools
import hashlib
import marshal
import os
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from factcheck.text import Token, normalise, tokenise

END = None  # trie key that marks the end of a phrase (no token is None: "\0" in a text was one)


def _turkic_lower(s: str) -> str:
    return s.replace("I", "ı").replace("İ", "i").lower()


_LOWER = {"default": str.lower, "turkic": _turkic_lower}


class Lexicon:
    """Phrases of a language mapped to labels, matched over tokens.

    Each word of a phrase matches a token whose stems contain it, so "naziri"
    matches "nazir" when "i" is a suffix of the language. The longest phrase
    wins.
    """

    def __init__(self, lang: Language, entries: dict[str, list[str]] | list[str]):
        self.trie: dict = {}
        self.max_len = 0
        lasts = set()
        items = entries.items() if isinstance(entries, dict) else ((p, [p]) for p in entries)
        for label, phrases in items:
            for phrase in phrases:
                words = lang.phrase_words(str(phrase))
                if not words:
                    continue
                node = self.trie
                for w in words:
                    node = node.setdefault(w, {})
                node[END] = str(label)
                self.max_len = max(self.max_len, len(words))
                lasts.add(words[-1])
        self.firsts = frozenset(self.trie)  # the words a phrase starts with
        self.lasts = frozenset(lasts)  # and those it ends with

    def starts(self, tokens: list[Token], exact: bool = False) -> list[int]:
        """Indexes of the tokens a phrase may start at, in order: a scan over a text calls ``match`` at
        these only (one pass over the tokens instead of a call a token)."""
        firsts = self.firsts
        if exact:
            return [k for k, t in enumerate(tokens) if t.lower in firsts]
        return [k for k, t in enumerate(tokens) if not firsts.isdisjoint(t.stems)]

    def match(self, tokens: list[Token], i: int, exact: bool = False) -> tuple[str, int] | None:
        """Longest phrase starting at token ``i``: (label, index after its last token)."""
        if i >= len(tokens):
            return None
        first = tokens[i]
        if (first.lower not in self.firsts) if exact else self.firsts.isdisjoint(first.stems):
            return None  # the common case, kept cheap
        best = None
        frontier = [(self.trie, i)]
        while frontier:
            node, j = frontier.pop()
            if END in node and (best is None or j > best[1]):
                best = (node[END], j)
            if j >= len(tokens):
                continue
            if j > i and tokens[j].sentence != tokens[i].sentence:
                continue
            tok = tokens[j]
            keys = (tok.lower,) if exact else tok.stems
            for key in keys:
                child = node.get(key)
                if child is not None:
                    frontier.append((child, j + 1))
        return best

    def match_ending(self, tokens: list[Token], end: int) -> tuple[str, int] | None:
        """Longest phrase whose last token is ``end - 1``: (label, index of its first token)."""
        if not 0 < end <= len(tokens) or self.lasts.isdisjoint(tokens[end - 1].stems):
            return None  # no phrase ends with that word: the common case
        for length in range(min(self.max_len, end), 0, -1):
            m = self.match(tokens, end - length)
            if m and m[1] == end:
                return m[0], end - length
        return None

    def __contains__(self, token: Token) -> bool:
        m = self.match([token], 0)
        return m is not None


@dataclass(eq=False)
class Language:
    code: str
    data: dict

    def __post_init__(self):
        d = self.data
        self.name = d.get("name", self.code)
        self.lingua = d.get("lingua")
        self.lower = _LOWER[d.get("casing", "default")]
        self.cased = d.get("cased", True)
        self.suffixes = frozenset(self.lower(s) for s in d.get("suffixes", []))
        self.max_suffix = max((len(s) for s in self.suffixes), default=0)
        self.min_stem = int(d.get("min_stem", 3))

    # --- words ---------------------------------------------------------
    def stems(self, word: str) -> tuple[str, ...]:
        """The word and what remains of it after removing one known suffix."""
        cache = self.__dict__.setdefault("_stem_cache", {})
        if word not in cache:
            cache[word] = self._stems(word)
        return cache[word]

    def _stems(self, word: str) -> tuple[str, ...]:
        out = [word]
        for a in "'’ʼ`":
            k = word.find(a)
            if k > 0:
                out.append(word[:k])
                break
        for w in list(out):
            for k in range(1, min(self.max_suffix, len(w) - self.min_stem) + 1):
                if w[-k:] in self.suffixes:
                    out.append(w[:-k])
        return tuple(dict.fromkeys(out))

    def phrase_words(self, phrase: str) -> list[str]:
        return [t.lower for t in tokenise(normalise(phrase).text, self.lower)]

    def tokens(self, text: str) -> list[Token]:
        return tokenise(text, self.lower, self.stems)

    # --- compiled data ---------------------------------------------------
    def get(self, path: str, default=None):
        node = self.data
        for key in path.split("."):
            if not isinstance(node, dict) or key not in node:
                return default
            node = node[key]
        return node

    @functools.cached_property
    def words(self) -> dict[str, frozenset[str]]:
        """Plain word lists (lower case, normalised), by dotted path, built on demand."""
        return _WordLists(self)

    def mapping(self, path: str) -> dict:
        """A mapping of the data file with its keys normalised like words of text."""
        cache = self.__dict__.setdefault("_mappings", {})
        if path not in cache:
            cache[path] = {" ".join(self.phrase_words(str(k))): v for k, v in (self.get(path) or {}).items()}
        return cache[path]

    def lexicon(self, path: str) -> Lexicon:
        cache = self.__dict__.setdefault("_lexicons", {})
        if path not in cache:
            cache[path] = Lexicon(self, self.get(path) or {})
        return cache[path]


class _WordLists(dict):
    def __init__(self, lang: Language):
        super().__init__()
        self.lang = lang

    def __missing__(self, path: str) -> frozenset[str]:
        items = self.lang.get(path) or []
        value = frozenset(w for p in items for w in [" ".join(self.lang.phrase_words(str(p)))] if w)
        self[path] = value
        return value


def _data_files():
    return resources.files(__package__)


@functools.cache
def available() -> tuple[str, ...]:
    """Codes of the languages that have a data file."""
    return tuple(sorted(p.name[:-5] for p in _data_files().iterdir() if p.name.endswith(".yaml")))


@functools.cache
def load(code: str) -> Language:
    path = _data_files() / f"{code}.yaml"
    if not path.is_file():
        raise KeyError(f"no language data for {code!r}; languages with data: {', '.join(available())}")
    return Language(code, _parsed(path.read_bytes()))


def cache_dir() -> Path | None:
    """Where parsed language data is kept between runs: ``$XDG_CACHE_HOME/factcheck`` (``~/.cache/factcheck``);
    None where no absolute folder can be named (a relative ``XDG_CACHE_HOME`` is passed by, as the spec says)."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or "")
    if not base.is_absolute():
        base = Path(os.path.expanduser("~")) / ".cache"  # "~" itself when there is no home
    return base / "factcheck" if base.is_absolute() else None


def _parsed(raw: bytes) -> dict:
    """A data file's contents. Parsing the five files' YAML takes about 75 ms, an eighth of extracting a
    hundred articles in a new process, so each content is parsed once and kept, marshalled, under
    ``cache_dir()`` by its hash and Python's version (as Python keeps bytecode). A cache that cannot be
    read or written is passed by: the YAML is parsed instead. Marshal runs no code as it loads."""
    folder = cache_dir()
    name = f"lang-{hashlib.sha256(raw).hexdigest()[:24]}-py{sys.version_info[0]}{sys.version_info[1]}-m{marshal.version}.marshal"
    cached = folder / name if folder else None
    try:
        data = marshal.loads(cached.read_bytes()) if cached else None
        if isinstance(data, dict):
            return data
    except (OSError, ValueError, EOFError, TypeError):
        pass
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load(raw.decode("utf-8"))
    try:
        if cached:
            cached.parent.mkdir(parents=True, exist_ok=True)
            part = cached.with_suffix(f".{os.getpid()}.part")  # written whole, then renamed: a reader never sees half
            part.write_bytes(marshal.dumps(data))
            os.replace(part, cached)
    except (OSError, ValueError):
        pass
    return data


@functools.cache
def _detector():
    from lingua import Language as LinguaLanguage
    from lingua import LanguageDetectorBuilder

    names = {load(code).lingua: code for code in available() if load(code).lingua}
    langs = [getattr(LinguaLanguage, name) for name in names]
    return LanguageDetectorBuilder.from_languages(*langs).build(), {getattr(LinguaLanguage, n): c for n, c in names.items()}


def detect(text: str) -> str | None:
    """The language code of ``text`` among the languages with data, or None."""
    detector, codes = _detector()
    found = detector.detect_language_of(text[:3000])
    return codes.get(found) if found is not None else None
