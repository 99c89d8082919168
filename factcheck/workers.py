"""Extraction over many articles: in worker processes, one per core, when there are enough articles
to pay for starting them; in this process otherwise. Articles go out in chunks and come back in order,
so the results are the same either way; a progress bar (tqdm) hears each article as it is done."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor

from factcheck.corpus import Article, Problem

PARALLEL_FROM = 200  # articles: fewer are extracted here (starting workers costs about what 100 articles do)
CHUNK = 32  # articles a worker takes at a time


def extract_one(article: Article) -> tuple[list[dict], list[Problem], str | None]:
    """Claims, problems and (detected) language of one article; an extractor's failure is a problem."""
    from factcheck.extraction import extract_article

    try:
        found, skipped = extract_article(article)
    except Exception as e:  # one article never ends a run: it is reported and skipped
        found, skipped = [], [Problem(article.path, f"could not be read ({type(e).__name__}: {e})", None,
                                      "skipped; please report this article to the factcheck developers")]
    return found, skipped, article.lang


def jobs_for(count: int, jobs: int | None = None) -> int:
    """How many processes extract ``count`` articles: ``jobs`` (or every core), one below PARALLEL_FROM."""
    if count < PARALLEL_FROM:
        return 1
    return max(1, min(jobs or os.cpu_count() or 1, count // CHUNK or 1))


def extracted(articles: list[Article], progress: Callable | None = None,
              jobs: int | None = None) -> Iterator[tuple[Article, list[dict], list[Problem]]]:
    """Each article of ``articles`` in order, with its claims (rows) and problems, as soon as it is done
    (nothing gathered: the caller keeps what it needs); each article's detected language is set on it,
    as extraction in this process does."""
    workers = jobs_for(len(articles), jobs)
    if workers == 1:
        outcomes: Iterable = map(extract_one, progress(articles, total=len(articles)) if progress else articles)
        yield from _in_order(articles, outcomes)
        return
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method)) as pool:
        outcomes = pool.map(extract_one, articles, chunksize=CHUNK)
        yield from _in_order(articles, progress(outcomes, total=len(articles)) if progress else outcomes)


MMAP_FROM = 1 << 20  # bytes: a block this large is mapped on its own, and unmapped when freed


def _glibc():
    """The C library, if it is glibc (its ``mallopt`` and ``malloc_trim``); None elsewhere."""
    import ctypes

    try:
        os.confstr("CS_GNU_LIBC_VERSION")
        return ctypes.CDLL(None)
    except (ValueError, OSError):
        return None


def hand_back_memory() -> None:
    """Let what a run frees go back to the system, for a process that holds a large claims table (the
    CLI's: a library leaves the process's allocators as it finds them). glibc's malloc raises the size
    from which it maps a block on its own each time such a block is freed (up to 32 MB), so the arrays
    of a million claims come from its heap, where freed pages stay; and Arrow's own allocator (mimalloc)
    keeps what it frees apart, where those arrays cannot reuse it. A fixed ``MMAP_FROM`` maps every
    large array on its own, and Arrow allocates from the same malloc (unless the environment names
    another: ARROW_DEFAULT_MEMORY_POOL). Measured on a 100k-article rerun, each text column in one
    buffer: peak 1,817-1,879 MiB, against 1,931-1,992 without either setting and 1,976-1,979 with
    Arrow's pool alone; the time within the machine's spread either way (34-44 s)."""
    import sys

    if "ARROW_DEFAULT_MEMORY_POOL" not in os.environ:
        os.environ["ARROW_DEFAULT_MEMORY_POOL"] = "system"  # read as pyarrow is imported, here and in processes started
        if (pa := sys.modules.get("pyarrow")) is not None:
            pa.set_memory_pool(pa.system_memory_pool())
    if (libc := _glibc()) is not None:
        libc.mallopt(-3, MMAP_FROM)  # M_MMAP_THRESHOLD


def release_freed() -> None:
    """Give back to the system the pages malloc holds free (glibc's ``malloc_trim``), once a run has let
    go of many small objects at once (an archive's texts): its heap keeps them otherwise, and every
    later stage's peak stands on them."""
    if (libc := _glibc()) is not None:
        libc.malloc_trim(0)


def can_fork() -> bool:
    """Whether a process may be forked here (Linux, macOS; not Windows): a forked one reads what this
    one holds without anything pickled."""
    return "fork" in multiprocessing.get_all_start_methods()


def in_forked_process(fn: Callable, *args) -> bool:
    """Run ``fn(*args)`` in a forked process and wait for it; whether it ended well. What it allocates
    goes back to the system when it ends: a long stage there leaves this process's heap as it was."""
    import sys
    import traceback

    def run() -> None:
        try:
            fn(*args)
        except BaseException:
            traceback.print_exc(file=sys.stderr)
            sys.stderr.flush()
            os._exit(1)  # at once: a worker pool it started must not keep it waiting at exit

    process = multiprocessing.get_context("fork").Process(target=run)
    process.start()
    try:
        process.join()
    except BaseException:  # interrupted here: the forked process goes too
        process.terminate()
        process.join()
        raise
    return process.exitcode == 0


_INHERITED: tuple = ()  # what a forked process works out (a function and its arguments): inherited, never pickled


def _inherited():
    import gc

    gc.freeze()  # what it inherited is never collected there: those pages stay shared
    fn, args = _INHERITED
    return fn(*args)


class Beside:
    """``fn(*args)`` worked out in a forked process started now, while this one goes on: it reads the
    arguments (a large table, say) from the memory it inherited, and only its result comes back,
    pickled. If that process dies (out of memory, say), ``result`` works it out here instead. The pages
    this process writes meanwhile are copied, and the other keeps the old ones: a cost in memory, so a
    caller forks only when asked to (``--jobs``)."""

    def __init__(self, fn: Callable, *args):
        global _INHERITED
        self.fn, self.args = fn, args
        self.pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
        _INHERITED = (fn, args)
        try:
            self.future = self.pool.submit(_inherited)  # the process is forked here, the arguments in it
        finally:
            _INHERITED = ()

    def result(self):
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self.future.result()
        except BrokenProcessPool:
            return self.fn(*self.args)
        finally:
            self.pool.shutdown()
            self.args = ()


def extract_all(articles: list[Article], progress: Callable | None = None,
                jobs: int | None = None) -> tuple[list[dict], dict[str, list[Problem]]]:
    """Claims (rows, in article order) and problems by article id of ``articles`` (``extracted``, gathered)."""
    rows: list[dict] = []
    problems: dict[str, list[Problem]] = {}
    for article, found, skipped in extracted(articles, progress, jobs):
        problems[article.id] = skipped
        rows.extend(found)
    return rows, problems


def in_chunks(outcomes: Iterable[tuple[Article, list[dict], list[Problem]]], size: int
              ) -> Iterator[list[tuple[Article, list[dict], list[Problem]]]]:
    """``outcomes`` (as ``extracted`` yields them) in lists of whole articles holding at least ``size``
    claims (the last one fewer, perhaps none): what is turned into a table, or stored, at a time."""
    batch: list[tuple[Article, list[dict], list[Problem]]] = []
    claims = 0
    for outcome in outcomes:
        batch.append(outcome)
        claims += len(outcome[1])
        if claims >= size:
            yield batch
            batch, claims = [], 0
    yield batch


def _in_order(articles: list[Article], outcomes: Iterable) -> Iterator[tuple[Article, list[dict], list[Problem]]]:
    for article, (found, skipped, lang) in zip(articles, outcomes, strict=True):
        article.lang = lang
        yield article, found, skipped
