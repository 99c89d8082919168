"""The HTML report in a real browser: headless Chromium (Debian's `chromium`) driven by Playwright.

Run by `nox -s browser` (which `.ci/run` calls); the screenshots go to build/screenshots/.
"""

import json
import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).parent.parent.parent
CHROMIUM = os.environ.get("FACTCHECK_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = REPO / "build" / "screenshots"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    from factcheck.cli import main

    path = tmp_path_factory.mktemp("report") / "report.html"
    os.chdir(REPO)
    assert main(["check", "seeds", "--rules", "rules", "--report", str(path), "--quiet"]) == 1
    return path


@pytest.fixture(scope="module")
def page(report):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"],
        )
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.errors, page.requests = [], []
        page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        page.on("request", lambda r: page.requests.append(r.url))
        page.goto(report.as_uri())
        yield page
        browser.close()


def visible(page) -> int:
    return page.locator("section.finding:visible").count()


def test_loads_without_errors_or_requests(page, report):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "report.png"), full_page=True)
    assert page.errors == []
    assert [u for u in page.requests if u != report.as_uri() and not u.startswith("data:")] == []
    assert visible(page) == 2
    assert page.locator("#shown").inner_text() == "2 of 2 shown"


def test_filters_and_search(page):
    page.select_option("select[name=severity]", "warning")
    assert visible(page) == 0
    page.select_option("select[name=severity]", "error")
    assert visible(page) == 2
    page.select_option("select[name=lang]", "az")
    assert visible(page) == 1  # only the head-count finding has an Azerbaijani source
    page.select_option("select[name=lang]", "")
    page.fill("input[name=q]", "9 days early")
    assert visible(page) == 1
    page.screenshot(path=str(SHOTS / "search.png"), full_page=False)
    page.fill("input[name=q]", "")
    page.select_option("select[name=status]", "acknowledged")
    assert visible(page) == 0
    page.select_option("select[name=status]", "")
    assert visible(page) == 2
    assert page.errors == []


def test_sources_link_to_their_article_with_the_claim_apart_marked(page):
    page.locator("section.finding .claim a").first.click()
    target = page.evaluate("location.hash")
    assert target.startswith("#article-")
    article = page.locator(target)
    assert article.locator("mark.apart").count() >= 1
    assert article.locator("mark.claim").count() >= 1


def test_phone_and_print(page, report):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(report.as_uri())
    page.screenshot(path=str(SHOTS / "phone.png"), full_page=False)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400
    page.emulate_media(media="print")
    assert page.locator("#filters").is_hidden()
    assert page.errors == []


def _hostile_reports(tmp_path_factory) -> list[Path]:
    """The reports of the hostile cases of the bad-input catalogue (tests/cases/inputs/hostile.yaml)."""
    import importlib.util

    from ruamel.yaml import YAML

    from factcheck.cli import main

    spec = importlib.util.spec_from_file_location("bad_inputs", REPO / "tests" / "test_bad_inputs.py")
    catalogue = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(catalogue)  # the catalogue's way of writing a case's files
    _write = catalogue._write

    reports = []
    for case in YAML(typ="safe").load((REPO / "tests" / "cases" / "inputs" / "hostile.yaml").read_text(encoding="utf-8"))["cases"]:
        root = tmp_path_factory.mktemp("hostile")
        for name, spec in case["files"].items():
            _write(root, name, spec)
        os.chdir(root)
        try:
            assert main([a.replace("{repo}", str(REPO)) for a in case["run"]]) == case["exit"]
        finally:
            os.chdir(REPO)
        reports.append(root / "report.html")
    return reports


def test_hostile_articles_and_rules_run_nothing(page, tmp_path_factory):
    """Script, image and javascript: links from articles and rule files: no dialog, no error, no request, and
    no element or handler of theirs in the page."""
    browser = page.context.browser
    for report in _hostile_reports(tmp_path_factory):
        page = browser.new_page()
        dialogs, errors, requests = [], [], []
        page.on("dialog", lambda d, dialogs=dialogs: (dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
        page.on("request", lambda r, requests=requests: requests.append(r.url))
        page.goto(report.as_uri())
        for link in page.locator("a[href]").all():
            assert not (link.get_attribute("href") or "").lower().startswith("javascript:")
        page.locator("details").evaluate_all("els => els.forEach(e => e.open = true)")  # show every source card
        page.wait_for_timeout(200)
        assert dialogs == [] and errors == []
        assert [u for u in requests if u != report.as_uri() and not u.startswith("data:")] == []
        assert page.locator("script").count() == 1 and page.locator("img").count() == 0
        assert "alert('body')" in page.content() or "alert('note')" in page.content()  # shown, as text
        page.close()


def test_an_archive_report_shows_the_article_a_source_cites(page, tmp_path_factory):
    """A generated archive (over the report's ALL_CLAIMS_UP_TO claims): the report holds the cited articles
    as data and builds the one a source's link points at, with its claims marked and what each was read as."""
    import sys

    from factcheck.cli import main
    from factcheck.report import ALL_CLAIMS_UP_TO

    sys.path.insert(0, str(REPO / "tests"))
    from generated_archive import generate

    root = tmp_path_factory.mktemp("archive")
    generate(root / "corpus", 600)
    report = root / "report.html"
    assert main(["check", str(root / "corpus"), "--rules", str(REPO / "rules"), "--report", str(report), "--quiet",
                 "--format", f"json={root / 'out.json'}"]) == 1
    assert sum(json.loads((root / "out.json").read_text(encoding="utf-8"))["summary"]["claims"].values()) > ALL_CLAIMS_UP_TO
    page = page.context.browser.new_page(viewport={"width": 1200, "height": 900})
    errors, requests = [], []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(report.as_uri())
    assert page.locator("section.finding").count() > 0
    assert page.locator("div.article").count() == 0  # no article is laid out before it is asked for
    link = page.locator("section.finding .claim a").first
    href = link.get_attribute("href")
    link.click()
    article = page.locator("#article-view div.article")
    article.first.wait_for(timeout=10_000)  # built on the hash change, which may come after the click returns
    assert article.count() == 1 and "#" + article.get_attribute("id") == href
    marks = article.locator("mark")
    assert marks.count() >= 1 and marks.first.get_attribute("title")
    assert article.locator("strong").inner_text() == page.locator("section.finding .claim a").first.inner_text()
    page.screenshot(path=str(SHOTS / "archive.png"), full_page=False)
    assert errors == []
    assert [u for u in requests if u != report.as_uri() and not u.startswith("data:")] == []
    page.close()
