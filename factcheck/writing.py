"""Writing outputs: one place that checks every target before a run starts and writes each one whole
(to a temporary file beside it, then renamed), so that a target that cannot be written is reported
and the others are still written; nothing is left half-written."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from factcheck.corpus import Problem

STDOUT = "-"


def check_targets(targets: list[str | None]) -> dict[int, Problem]:
    """What keeps each of ``targets`` (paths; None or "-" is standard output) from being written, by its
    place in the list: a folder in its place, a file where a parent folder should be, no permission, or
    a path given before (the first output given a path is written there, the next ones are not)."""
    problems: dict[int, Problem] = {}
    seen: set[str] = set()
    for n, target in enumerate(targets):
        if target in (None, STDOUT):
            continue
        path = Path(target)
        key = os.path.normcase(os.path.abspath(path))
        if key in seen:
            problems[n] = Problem(target, "an output was given this path already", hint="give each output its own path")
            continue
        seen.add(key)
        if path.is_dir():
            problems[n] = Problem(target, "is a folder, not a file", hint="give a file's path")
            continue
        parent = next((p for p in (path.parent, *path.parent.parents) if p.exists()), Path("."))
        if not parent.is_dir():
            problems[n] = Problem(target, f"{parent} is a file, not a folder", hint="give a path in a folder")
        elif not os.access(parent, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.W_OK)):
            problems[n] = Problem(target, "no permission to write here", hint="give a path you can write to")
    return problems


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write(text: str | Iterable, target: str | None) -> Problem | None:
    """Write ``text`` (or its pieces, as they are made: a large output is never one string) to ``target``
    whole, or to standard output; a problem instead of an exception of the file system. A failure while
    the pieces are made leaves ``target`` as it was. A piece may be UTF-8 bytes already (anything with
    the buffer protocol: an Arrow buffer), written as it is."""
    pieces = [text] if isinstance(text, str) else text
    if target in (None, STDOUT):
        for piece in pieces:
            if isinstance(piece, str):
                sys.stdout.write(piece)
            else:
                sys.stdout.flush()
                sys.stdout.buffer.write(piece)
        return None
    path = Path(target)
    tmp = None
    try:
        if path.exists() and not path.is_file():
            # a device, a pipe ("-o /dev/null", "json=/dev/stdout"): written into, never replaced by a file
            with open(path, "wb") as f:
                for piece in pieces:
                    f.write(piece.encode("utf-8") if isinstance(piece, str) else piece)
            return None
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as f:
            for piece in pieces:
                f.write(piece.encode("utf-8") if isinstance(piece, str) else piece)
        os.chmod(tmp, 0o666 & ~_umask())  # as an ordinary new file (mkstemp makes it private)
        os.replace(tmp, path)
        tmp = None
    except OSError as e:
        return Problem(target, f"could not be written: {e.strerror or e}", hint="check the path; the other outputs were written")
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
    return None


def json_pieces(doc: dict, large: dict[str, Iterable | dict]) -> Iterator:
    """``doc`` as indented JSON, in pieces, where each key of ``large`` stands (as that string, a value
    somewhere in ``doc``) filled with the list or mapping it names, one element a line, each encoded
    compactly by the C encoder (or already encoded: batches of texts given as ``factcheck.records.Encoded``),
    a piece a batch: an indented dump of a large archive's lists would take Python's slow encoder, one
    string of them all its memory, and a piece an element a write each."""
    import json

    from factcheck.records import Encoded

    encode = json.JSONEncoder(ensure_ascii=False).encode  # one encoder for every element
    text = json.dumps(doc, ensure_ascii=False, indent=2)
    for marker, items in large.items():
        head, _, text = text.partition(json.dumps(marker))
        line = head[head.rfind("\n") + 1 :]
        indent = len(line) - len(line.lstrip(" "))
        inner, outer = "\n" + " " * (indent + 2), "\n" + " " * indent
        mapping = items.mapping if isinstance(items, Encoded) else isinstance(items, dict)
        batches = items if isinstance(items, Encoded) else encoded_batches(items, encode)
        yield head + ("{" if mapping else "[")
        empty = True
        for batch in batches:
            if len(batch) == 0:
                continue
            if isinstance(batch, list):
                yield ("" if empty else ",") + inner + ("," + inner).join(batch)
            else:  # an Arrow string array: joined by Arrow, its UTF-8 written as it is
                yield ("" if empty else ",") + inner
                yield _joined(batch, "," + inner)
            empty = False
        yield ("" if empty else outer) + ("}" if mapping else "]")
    yield text


def _joined(texts, separator: str):
    """The Arrow string array ``texts`` joined by ``separator``, as an Arrow buffer of UTF-8 (never
    Python strings: an archive's claims are a gigabyte of them)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    large = pa.types.is_large_string(texts.type)
    lists = (pa.LargeListArray if large else pa.ListArray).from_arrays(pa.array([0, len(texts)], pa.int64() if large else pa.int32()), texts)
    return pc.binary_join(lists, pa.scalar(separator, texts.type))[0].as_buffer()


BATCH = 10_000  # elements of a large list encoded, joined and written at a time
BATCH_CHARS = 1 << 22  # or fewer, once their text is this long: an archive's finding may cite 100,000 sources


def encoded_batches(items: Iterable | dict, encode, size: int = BATCH) -> Iterator[list[str]]:
    """The elements of a list (or the "key": value pairs of a mapping) encoded, ``size`` at a time, or
    fewer where their text reaches BATCH_CHARS (one element that long is a batch of its own)."""
    mapping = isinstance(items, dict)
    batch: list[str] = []
    length = 0
    for element in items.items() if isinstance(items, dict) else items:
        text = encode(element[0]) + ": " + encode(element[1]) if mapping else encode(element)
        batch.append(text)
        length += len(text)
        if len(batch) >= size or length >= BATCH_CHARS:
            yield batch
            batch, length = [], 0
    if batch:
        yield batch
