"""factcheck's extraction beside ``dateparser.search_dates`` on the same articles (the bundled seeds and
the development corpus): in a warm process (both warmed up on every article first; each timed over all
articles, best of 3), and as whole processes (``factcheck extract`` against a Python process that imports
dateparser and searches every article, wall time, best of 3). factcheck does more (counts, titles,
relative dates, other calendars); dateparser finds dates only. dateparser is run given each article's
language (as factcheck is) and, in the warm process, also left to detect it (its default).

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
articles, _ = read_corpus(sys.argv[1:])
for a in articles:
    search_dates(a.text[a.body_start:], languages=[a.lang or detect(a.text[a.body_start:]) or "en"])
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
    from factcheck.lang import detect

    articles, _ = read_corpus(CORPUS)
    langs = [a.lang or detect(a.text[a.body_start:]) or "en" for a in articles]

    def ours():
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
    whole_theirs = _best(lambda: subprocess.run([sys.executable, "-c", DATEPARSER_PROCESS, *CORPUS], check=True, capture_output=True))
    print(f"{len(articles)} articles")
    print("| | factcheck | dateparser.search_dates | factcheck faster |\n|---|---|---|---|")
    print(f"| warm process, dateparser given each article's language | {warm_ours:.2f} s | {warm_theirs:.2f} s | {warm_theirs / warm_ours:.1f}x |")
    print(f"| warm process, dateparser detecting the language | {warm_ours:.2f} s | {warm_detecting:.2f} s | {warm_detecting / warm_ours:.1f}x |")
    print(f"| whole process, dateparser given the language | {whole_ours:.2f} s | {whole_theirs:.2f} s | {whole_theirs / whole_ours:.1f}x |")


if __name__ == "__main__":
    main()
