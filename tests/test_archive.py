"""An archive checked from the claims store (``factcheck.archive``): linked a chunk of articles at a
time and checked a group of parts at a time, it gives what the pipeline over one table in memory gives
(findings, claims with their entities, unchecked claims, the report); a rerun links only the articles
that changed and checks only the parts they are in, and other rules link every article again."""

import json
import shutil
from pathlib import Path

import pytest

from factcheck.cli import main

REPO = Path(__file__).parent.parent
RULES = ["--rules", str(REPO / "rules"), "--rules", str(REPO / "tests" / "corpus" / "rules")]


def _run(out: Path, inputs: list[str], *extra: str) -> tuple[int, dict, str]:
    out.mkdir(exist_ok=True)
    code = main(["check", *inputs, *RULES, "--quiet", "--format", f"json={out / 'out.json'}", "--report", str(out / "r.html"), *extra])
    return code, json.loads((out / "out.json").read_text(encoding="utf-8")), (out / "r.html").read_text(encoding="utf-8")


@pytest.fixture()
def linked(monkeypatch):
    """The ids of the articles each call of linking is given."""
    import factcheck.linking as linking

    calls: list[list[str]] = []
    real = linking.link

    def counting(claims, rules, articles, jobs=None, linker=None):
        calls.append(sorted(a.id.rsplit("/", 1)[-1] for a in articles))
        return real(claims, rules, articles, jobs, linker)

    monkeypatch.setattr(linking, "link", counting)
    return calls


@pytest.mark.parametrize("cited_only", [False, True], ids=["all claims", "an archive's report"])
def test_an_archive_checked_a_part_at_a_time_gives_what_one_table_gives(tmp_path, monkeypatch, linked, cited_only):
    import factcheck.archive as archive
    import factcheck.report as report

    if cited_only:  # the report of an archive: its articles' claims read from the store by the findings that cite them
        monkeypatch.setattr(report, "ALL_CLAIMS_UP_TO", 10)
    inputs = [str(REPO / "seeds"), str(REPO / "tests" / "corpus")]
    whole = _run(tmp_path / "whole", inputs)
    groups: list[list[str]] = []
    real_groups = archive._groups
    monkeypatch.setattr(archive, "_groups", lambda sizes: [g for g in real_groups(sizes) if not groups.append(g)])
    monkeypatch.setattr(archive, "LINK_CHUNK", 100)  # a few articles a chunk
    monkeypatch.setattr(archive, "PART_CHUNK", 1)  # each event series checked on its own
    linked.clear()
    parted = _run(tmp_path / "parted", inputs, "--store", str(tmp_path / "claims.duckdb"))
    assert whole[0] == parted[0] == 1
    assert whole[1] == parted[1]  # findings, claims (their entities too), unchecked claims, articles
    assert list(whole[1]["unchecked"]) == list(parted[1]["unchecked"])  # in the run's order, as the store read them
    assert whole[1]["findings"] and whole[1]["unchecked"] and any(c.get("subject", {}).get("id") for c in whole[1]["claims"])
    assert whole[2] == parted[2]
    assert len(linked) > 10 and len(groups) > 10 and ["people"] in groups
    assert sorted(a for call in linked for a in call) == sorted(a["id"].rsplit("/", 1)[-1] for a in whole[1]["articles"])


def parts(store: Path) -> set[str]:
    import duckdb

    con = duckdb.connect(str(store))
    try:
        return {row[0] for row in con.execute("SELECT DISTINCT part FROM parts").fetchall()}
    finally:
        con.close()


@pytest.fixture()
def checked(monkeypatch):
    """The groups of parts the check checks, each as a list of parts."""
    import factcheck.archive as archive

    groups: list[list[str]] = []
    real = archive._check_group

    def counting(store, claims, group, *args):
        groups.append(list(group))
        return real(store, claims, group, *args)

    monkeypatch.setattr(archive, "_check_group", counting)
    return groups


def test_a_rerun_links_and_checks_only_what_changed_and_other_rules_link_all(tmp_path, linked, checked):
    corpus = tmp_path / "corpus"
    shutil.copytree(REPO / "seeds", corpus)
    store = ["--store", str(tmp_path / "claims.duckdb")]
    first = _run(tmp_path / "first", [str(corpus)], *store)
    assert sorted(a for call in linked for a in call) == sorted(p.name for p in corpus.iterdir())
    linked.clear()
    checked.clear()
    assert _run(tmp_path / "again", [str(corpus)], *store)[1] == first[1]
    assert linked == [] and checked == []
    changed = sorted(corpus.iterdir())[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nAbout 150 countries took part.\n", encoding="utf-8")
    checked.clear()
    rerun = _run(tmp_path / "changed", [str(corpus)], *store)
    assert linked == [[changed.name]]
    # the parts of the changed article are checked again, the others' findings read from the store
    assert checked and len({p for group in checked for p in group}) < len(parts(tmp_path / "claims.duckdb"))
    assert rerun[1] == _run(tmp_path / "whole", [str(corpus)])[1]
    # an article removed: its claims, links and findings go with it
    def cited(path: Path) -> int:
        return sum(s["article"].endswith(path.name) for f in first[1]["findings"] for s in f["sources"])

    gone = max(sorted(corpus.iterdir()), key=cited)
    assert cited(gone)
    gone.unlink()
    after = _run(tmp_path / "removed", [str(corpus)], *store)
    assert after[1] == _run(tmp_path / "whole-removed", [str(corpus)])[1] != rerun[1]
    assert not any(s["article"].endswith(gone.name) for f in after[1]["findings"] for s in f["sources"])
    linked.clear()
    code = main(["check", str(corpus), "--rules", str(REPO / "rules"), "--quiet", "--format", f"json={tmp_path / 'other.json'}", *store])
    assert code in (0, 1)
    assert sorted(a for call in linked for a in call) == sorted(p.name for p in corpus.iterdir())
