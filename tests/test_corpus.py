import json

from factcheck.api import extract
from factcheck.corpus import read_corpus

FRONT = """---
title: Test
source: Example News
published: 2025-11-21
lang: en
---
Prime Minister Ali Asadov met 2,500 delegates on 21 November 2025.
"""


def test_front_matter_metadata_and_offsets(tmp_path):
    (tmp_path / "a.md").write_text(FRONT, encoding="utf-8")
    results = extract([str(tmp_path)])
    assert results.problems == []
    (article,) = results.articles
    assert article.meta["source"] == "Example News"
    assert str(article.published) == "2025-11-21"
    rows = results.claim_rows()
    assert {r["kind"] for r in rows} == {"count", "date", "title"}
    for r in rows:
        assert FRONT[r["start"] : r["end"]] == r["text"]
        assert r["line"] == 7
        assert r["published"] == "2025-11-21"


def test_dateline_gives_publication_date(tmp_path):
    (tmp_path / "a.txt").write_text(" date 2025-11-21 Headline\nThe summit opened on 20 November.\n", encoding="utf-8")
    results = extract([str(tmp_path / "a.txt")])
    dates = [r for r in results.claim_rows() if r["text"] == "20 November"]
    assert dates and dates[0]["date_start"] == "2025-11-20"


def test_jsonl_records_offsets_into_their_text(tmp_path):
    recs = [
        {"id": "r1", "text": "Over 2,000 delegates from 150 countries attended.", "lang": "en"},
        {"id": "r2", "text": "Forumda 2500-dən çox nümayəndə iştirak edib.", "published": "2025-11-21"},
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs) + "\n{broken\n", encoding="utf-8")
    results = extract([str(path)])
    assert [a.id for a in results.articles] == ["r1", "r2"]
    assert results.articles[1].lang == "az"
    texts = {r["id"]: r["text"] for r in recs}
    rows = results.claim_rows()
    assert len(rows) == 3
    for r in rows:
        assert texts[r["article"]][r["start"] : r["end"]] == r["text"]
    (problem,) = results.problems
    assert problem.line == 3 and "not valid JSON" in str(problem)


def test_unreadable_articles_are_reported_and_skipped(tmp_path):
    (tmp_path / "good.txt").write_text("Over 2,000 delegates attended the conference.", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("Bak\xfc".encode("latin-1"))
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "empty.md").write_text("  \n", encoding="utf-8")
    (tmp_path / "open.md").write_text("---\ntitle: x\nno end\n", encoding="utf-8")
    articles, problems = read_corpus([str(tmp_path), str(tmp_path / "missing/*.txt")])
    assert sorted(a.id.rsplit("/", 1)[1] for a in articles) == ["good.txt", "open.md"]
    messages = "\n".join(str(p) for p in problems)
    assert "latin1.txt:1: not valid UTF-8" in messages
    assert "binary.txt: binary file" in messages
    assert "empty.md: empty article" in messages
    assert "open.md:1: front matter opened with '---' is never closed" in messages
    assert "missing/*.txt: no article found" in messages


def test_an_article_the_extractor_fails_on_is_reported_and_the_others_read(tmp_path, monkeypatch):
    import factcheck.extraction as extract_module
    from factcheck.api import extract

    (tmp_path / "a.txt").write_text("Over 2,000 delegates attended the conference.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("About 150 countries took part in the summit.", encoding="utf-8")
    real = extract_module.extract_article

    def failing(article):
        if article.path.endswith("a.txt"):
            raise ValueError("a bug")
        return real(article)

    monkeypatch.setattr(extract_module, "extract_article", failing)
    results = extract([str(tmp_path)])
    assert [r["text"] for r in results.claim_rows()] == ["About 150 countries"]
    assert [str(p).rsplit("/", 1)[1] for p in results.problems] == [
        "a.txt: could not be read (ValueError: a bug) (skipped; please report this article to the factcheck developers)"]


def test_bad_published_and_unknown_language(tmp_path):
    (tmp_path / "a.md").write_text("---\npublished: someday\nlang: xx\n---\nText.\n", encoding="utf-8")
    results = extract([str(tmp_path)])
    messages = [str(p) for p in results.problems]
    assert any("'published' is not a date" in m for m in messages)
    assert any("no language data for 'xx'" in m for m in messages)
    assert results.articles == []


def test_detects_azerbaijani_and_turkish_apart():
    from factcheck.lang import detect

    assert detect("Azərbaycanın Baş naziri noyabrın 21-də Beynəlxalq Telekommunikasiya İttifaqının nümayəndələri ilə görüşüb.") == "az"
    assert detect("Türk Keneşi Bilgi ve İletişim Teknolojileri Bakanları toplantısı Bakü’de düzenlenmiştir.") == "tr"
    assert detect("وزیر ارتباطات عازم باکو شد.") == "fa"
    assert detect("The minister arrived in Baku for the conference.") == "en"


def test_a_folders_articles_are_found_as_rglob_finds_them_and_an_unreadable_folder_is_said(tmp_path, monkeypatch):
    """Files of every article suffix at any depth, in the order of their paths' parts ("a/b" before
    "a-b"), a link to a file read as its file, a link to a folder not followed, a link to nothing and a
    folder that cannot be listed each a problem (the rest is read)."""
    import os

    from factcheck import corpus

    for name in ("a/b.md", "a-b/c.txt", "a/deep/d.jsonl", "a/E.MD", "a/skip.pdf", "locked/x.md", "outside/o.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x\n", encoding="utf-8")
    (tmp_path / "a" / "link.md").symlink_to(tmp_path / "outside" / "o.md")
    (tmp_path / "a" / "gone.md").symlink_to(tmp_path / "nowhere.md")
    (tmp_path / "a" / "folder-link").symlink_to(tmp_path / "outside", target_is_directory=True)
    real = os.scandir

    def scandir(path):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(corpus.os, "scandir", scandir)
    monkeypatch.chdir(tmp_path)
    paths, problems = corpus.expand(["."])
    assert paths == ["a/E.MD", "a/b.md", "a/deep/d.jsonl", "a/link.md", "a-b/c.txt", "outside/o.md"]
    assert sorted(str(p) for p in problems) == ["a/gone.md: a link to a file that does not exist; skipped (remove the link or restore its target)",
                                                 "locked: cannot read this folder: Permission denied; skipped (check its permissions)"]
