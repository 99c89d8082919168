"""factcheck's extraction beside ``dateparser.search_dates`` on the same articles (the bundled seeds and
the development corpus): in a warm process (both warmed up on every article first; each timed over all
articles, best of 3), and as whole processes (``factcheck extract`` against a Python process that imports
dateparser and searches every article, wall time, best of 3; detecting, one run). factcheck does more
(counts, titles, relative dates, other calendars); dateparser finds dates only. dateparser is run given
each article's language (as factcheck is) and also left to detect it (its default). factcheck reads
a fixed relative phrase ("yesterday") as its language file states ("{day: -1}"); one the file gives
no reading is read by dateparser once a language, phrase and day: its warm runs forget those readings
first, as articles of other days would find them unread.

    python benchmarks/versus_dateparser.py
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).parent.parent
CORPUS = [str(REPO / "seeds"), str(REPO / "tests" / "corpus")]
DATEPARSER_PROCESS = """
import sys, warnings
warnings.filterwarnings("ignore")
from dateparser.search import search_dates
from factcheck.corpus import read_corpus
from factcheck.lang import detect
articles, _ = read_corpus(sys.argv[2:])
detecting = sys.argv[1] == "--detect"
for a in articles:
    body = a.text[a.body_start:]
    search_dates(body) if detecting else search_dates(body, languages=[a.lang or detect(body) or "en"])
"""


def _best(run, times: int = 3) -> float:
    best = float("inf")
    for _ in range(times):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    import warnings

    warnings.filterwarnings("ignore")
    from dateparser.search import search_dates

    from factcheck.corpus import read_corpus
    from factcheck.extraction import extract_article
    from factcheck.extraction.relative import _read_fixed
    from factcheck.lang import detect

    articles, _ = read_corpus(CORPUS)
    langs = [a.lang or detect(a.text[a.body_start:]) or "en" for a in articles]

    def ours():
        _read_fixed.cache_clear()  # a phrase dateparser reads is read once a language and day: the warm-up read these
        for a in articles:
            extract_article(a)

    def theirs():
        for a, lang in zip(articles, langs, strict=True):
            search_dates(a.text[a.body_start:], languages=[lang])

    def theirs_detecting():
        for a in articles:
            search_dates(a.text[a.body_start:])

    ours(), theirs(), theirs_detecting()  # warm up: language data, dateparser's locales
    warm_ours, warm_theirs, warm_detecting = _best(ours), _best(theirs), _best(theirs_detecting, 1)
    whole_ours = _best(lambda: subprocess.run([sys.executable, "-m", "factcheck.cli", "extract", *CORPUS, "-o", "/dev/null"],
                                              check=True, capture_output=True))
    whole_theirs = _best(lambda: subprocess.run([sys.executable, "-c", DATEPARSER_PROCESS, "--given", *CORPUS], check=True,
                                                capture_output=True))
    whole_detecting = _best(lambda: subprocess.run([sys.executable, "-c", DATEPARSER_PROCESS, "--detect", *CORPUS], check=True,
                                                   capture_output=True), 1)
    print(f"{len(articles)} articles")
    print("| | factcheck | dateparser.search_dates | factcheck faster |\n|---|---|---|---|")
    print(f"| warm process, dateparser given each article's language | {warm_ours:.2f} s | {warm_theirs:.2f} s | {warm_theirs / warm_ours:.1f}x |")
    print(f"| warm process, dateparser detecting the language | {warm_ours:.2f} s | {warm_detecting:.2f} s | {warm_detecting / warm_ours:.1f}x |")
    print(f"| whole process, dateparser given the language | {whole_ours:.2f} s | {whole_theirs:.2f} s | {whole_theirs / whole_ours:.1f}x |")
    print(f"| whole process, dateparser detecting the language | {whole_ours:.2f} s | {whole_detecting:.2f} s "
          f"| {whole_detecting / whole_ours:.1f}x |")


if __name__ == "__main__":
    main()
