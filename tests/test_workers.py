"""Extraction in worker processes gives what extraction in one process gives: the same claims in the same
order, the same problems, the same detected languages."""

from pathlib import Path

from factcheck.api import extract
from factcheck.workers import PARALLEL_FROM, jobs_for

REPO = Path(__file__).parent.parent


def test_workers_and_one_process_give_the_same_results(tmp_path):
    sources = sorted((REPO / "tests" / "corpus").rglob("*.md"))
    for k in range(PARALLEL_FROM + 40):
        text = sources[k % len(sources)].read_text(encoding="utf-8")
        if k % 3 == 0:  # no language given: detected, in the worker
            text = text.replace("\nlang:", "\nlanguage:", 1)
        (tmp_path / f"a{k:04d}.md").write_text(text, encoding="utf-8")
    assert jobs_for(PARALLEL_FROM + 40, 2) == 2
    one, two = extract([str(tmp_path)], jobs=1), extract([str(tmp_path)], jobs=2)
    assert len(one.claims) > 1000
    assert one.to_jsonl() == two.to_jsonl()
    assert [str(p) for p in one.problems] == [str(p) for p in two.problems]
    assert [a.lang for a in one.articles] == [a.lang for a in two.articles]
