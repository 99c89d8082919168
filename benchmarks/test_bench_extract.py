"""Extraction speed, measured with pytest-benchmark (``nox -s bench``), never asserted in tests."""

from pathlib import Path

import pytest

REPO = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def corpus():
    from factcheck.corpus import read_corpus
    from factcheck.extraction import extract_article

    articles, _ = read_corpus([str(REPO / "seeds"), str(REPO / "tests" / "corpus")])
    for a in articles:  # warm up: language data, detector, lazy imports
        extract_article(a)
    return articles


def test_extract_corpus(benchmark, corpus):
    from factcheck.extraction import extract_article

    def run():
        return sum(len(extract_article(a)[0]) for a in corpus)

    claims = benchmark(run)
    benchmark.extra_info.update(articles=len(corpus), claims=claims,
                                characters=sum(len(a.text) for a in corpus))
