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


def _linked_corpus():
    from factcheck.api import extract
    from factcheck.linking import link
    from factcheck.rules import load_rules

    rules, problems = load_rules([str(REPO / "rules"), str(REPO / "tests" / "corpus" / "rules")])
    assert not problems
    results = extract([str(REPO / "tests" / "corpus"), str(REPO / "seeds")])
    outlets = {a.id: (a.meta.get("source"), a.lang) for a in results.articles}
    return link(results.claims, rules, results.articles), rules, outlets


RAN_HERE: list[int] = []


def _noted_inherited():
    import factcheck.workers as workers

    RAN_HERE.append(1)
    fn, args = workers._INHERITED
    return fn(*args)


def _killed():
    import os

    os._exit(9)  # as the kernel kills a process out of memory


def _spied(monkeypatch) -> list[str]:
    """The names of the functions ``factcheck.workers.Beside`` is started with from now on."""
    import factcheck.workers as workers

    started, real = [], workers.Beside
    monkeypatch.setattr(workers, "Beside", lambda fn, *args: started.append(fn.__name__) or real(fn, *args))
    return started


def test_a_large_table_is_checked_in_two_processes_with_the_same_findings(monkeypatch):
    import factcheck.findings as findings
    import factcheck.workers as workers

    linked, rules, outlets = _linked_corpus()
    one = findings.check_claims(linked, rules, outlets, jobs=1)
    monkeypatch.setattr(findings, "PARALLEL_FROM", 1)
    monkeypatch.setattr(workers, "Beside", None)  # by default no second process: calling None would fail
    assert [f.to_dict() for f in findings.check_claims(linked, rules, outlets)] == [f.to_dict() for f in one]
    monkeypatch.undo()
    monkeypatch.setattr(findings, "PARALLEL_FROM", 1)
    monkeypatch.setattr(workers, "_inherited", _noted_inherited)
    started = _spied(monkeypatch)
    two = findings.check_claims(linked, rules, outlets, jobs=2)
    assert started == ["_of_people"]
    assert not RAN_HERE  # it ran in the forked process, whose list this is not
    assert {f.kind for f in one} >= {"title", "count", "date"}
    assert [f.to_dict() for f in one] == [f.to_dict() for f in two]


def test_the_findings_of_a_process_that_died_are_worked_out_here(monkeypatch):
    import factcheck.findings as findings
    import factcheck.workers as workers

    linked, rules, outlets = _linked_corpus()
    one = findings.check_claims(linked, rules, outlets, jobs=1)
    monkeypatch.setattr(findings, "PARALLEL_FROM", 1)
    monkeypatch.setattr(workers, "_inherited", _killed)
    assert [f.to_dict() for f in findings.check_claims(linked, rules, outlets, jobs=2)] == [f.to_dict() for f in one]


def test_a_large_table_links_its_people_in_a_second_process_with_the_same_links(monkeypatch):
    """People and organisations linked in a forked process (``--jobs 2``): the same table; and the same
    again, worked out here, when that process dies."""
    import factcheck.findings as findings
    import factcheck.workers as workers
    from factcheck.linking import link

    results = extract([str(REPO / "tests" / "corpus"), str(REPO / "seeds")])
    _, rules, _ = _linked_corpus()
    one = link(results.claims, rules, results.articles)
    assert one["person_id"].notna().sum() > 20 and one["org_id"].notna().sum() > 20
    monkeypatch.setattr(findings, "PARALLEL_FROM", 1)
    monkeypatch.setattr(workers, "_inherited", _noted_inherited)
    started = _spied(monkeypatch)
    two = link(results.claims, rules, results.articles, jobs=2)
    assert started == ["_people_and_orgs"]
    assert not RAN_HERE
    assert one.equals(two)
    monkeypatch.setattr(workers, "_inherited", _killed)
    assert one.equals(link(results.claims, rules, results.articles, jobs=2))


def test_each_part_of_the_check_checked_alone_gives_the_same_findings():
    """What the Spark engine's check stands on (``factcheck.spark.check_on_spark``): an event series' claims
    (an edition's mix-up moves claims between editions), or the people's, are all their findings read."""
    import factcheck.findings as findings

    linked, rules, outlets = _linked_corpus()
    whole = findings.check_claims(linked, rules, outlets)
    where = findings.parts(linked, rules)
    assert where["part"].nunique() > 20 and (where["part"] == findings.PEOPLE).any()
    alone = [f for part, rows in where.groupby("part") for f in findings.check_part(part, linked.iloc[rows["row"]], rules, outlets)]
    assert {f.attribute for f in whole} >= {"edition", "office"}
    assert [f.to_dict() for f in findings.ordered(alone)] == [f.to_dict() for f in whole]
