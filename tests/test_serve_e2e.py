"""The dashboard end to end in headless Chromium (Debian's package, driven by Playwright).

Every view is opened, a filter applied, the numbers shown checked against the
API's, an event's evidence opened, and a screenshot of each view written to
``out/screenshots/`` (or ``$TIELINE_TEST_ARTEFACTS``).
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from serve_support import SCRIPT, build_store, get, running_server


def expect(locator):
    from playwright.sync_api import expect as check

    return check(locator)

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTEFACTS = Path(os.environ.get("TIELINE_TEST_ARTEFACTS")
                 or Path(__file__).resolve().parents[1] / "out" / "screenshots")


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    db = build_store(tmp_path_factory.mktemp("e2e") / "e2e.duckdb")
    with running_server(db) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser, base):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"),
                                      dialog.dismiss()))
    page.on("request", lambda request: None if request.url.startswith(base) or
            request.url.startswith("data:") else problems.append(f"external: {request.url}"))
    page.problems = problems  # type: ignore[attr-defined]
    yield page
    context.close()
    assert problems == []


def _shot(page, name):
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(400)  # let the charts finish their animation
    page.screenshot(path=str(ARTEFACTS / f"{name}.png"), full_page=True)


def _number(page, selector):
    return int(page.locator(selector).inner_text().replace(",", ""))


def test_serve_e2e_relations_numbers_equal_the_api_and_a_period_lists_its_events(page, base):
    page.goto(f"{base}/#/relations?a=RUS&b=UKR&by=month")
    page.wait_for_selector("#relations-total")
    _, series = get(base, "/api/v1/relations?a=RUS&b=UKR&by=month")
    assert _number(page, "#relations-total") == sum(p["both"]["events"] for p in series["periods"])
    page.fill("input[name=a]", "RUS")
    page.fill("input[name=b]", "CHN")
    page.click("form.filters button")
    page.wait_for_url("**#/relations?a=RUS&b=CHN*")
    expect(page.locator("#relations-summary")).to_contain_text("CHN")
    _, series = get(base, "/api/v1/relations?a=RUS&b=CHN&by=month")
    assert _number(page, "#relations-total") == sum(p["both"]["events"] for p in series["periods"]) == 2
    busy = next(p["start"] for p in series["periods"] if p["both"]["events"])
    page.goto(f"{base}/#/relations?a=RUS&b=CHN&by=month&period={busy}")  # a clicked period, reloaded
    page.wait_for_selector("#period-total")
    assert _number(page, "#period-total") == 1
    page.click("table.events tbody tr")
    page.wait_for_selector("#evidence h3")
    assert "signed a trade agreement" in page.inner_text("#evidence")
    _shot(page, "relations")


def test_serve_e2e_network_counts_equal_the_api(page, base):
    page.goto(f"{base}/#/network")
    page.wait_for_selector("#network-edges")
    _, net = get(base, "/api/v1/network?limit=150")
    assert _number(page, "#network-edges") == len(net["edges"])
    assert _number(page, "#network-nodes") == len(net["nodes"])
    page.select_option("select[name=root]", "19")
    page.click("form.filters button")
    page.wait_for_url("**root=19*")
    expect(page.locator("#network-edges")).to_have_text("1")
    _, net = get(base, "/api/v1/network?root=19&limit=150")
    assert _number(page, "#network-events") == sum(e["events"] for e in net["edges"])
    page.wait_for_selector("#network-chart canvas")
    _shot(page, "network")


def test_serve_e2e_map_shows_located_events_and_a_place_lists_them(page, base):
    page.goto(f"{base}/#/map?place=49.99,36.23")
    page.wait_for_selector("#place-total")
    _, spots = get(base, "/api/v1/places")
    assert _number(page, "#map-places") == len(spots["places"])
    assert _number(page, "#map-events") == sum(p["events"] for p in spots["places"])
    assert _number(page, "#place-total") == 1
    page.click("#place-events table tbody tr")
    page.wait_for_selector("#evidence h3")
    assert "Kharkiv" in page.inner_text("#evidence")
    _shot(page, "map")


def test_serve_e2e_events_filter_page_and_evidence(page, base):
    page.goto(f"{base}/#/events")
    page.wait_for_selector("#events-total")
    _, all_events = get(base, "/api/v1/events")
    assert _number(page, "#events-total") == all_events["total"]
    page.fill("input[name=actor]", "RUS")
    page.select_option("select[name=mode]", "all")
    page.fill("input[name=limit]", "2")
    page.click("form.filters button")
    page.wait_for_url("**actor=RUS*")
    expect(page.locator("#events-shown")).to_have_text("2")
    _, found = get(base, "/api/v1/events?actor=RUS&mode=all&limit=2")
    assert _number(page, "#events-total") == found["total"]
    shown = page.locator("table.events tbody tr").evaluate_all(
        "rows => rows.map(r => Number(r.dataset.event))")
    assert shown == [e["event_id"] for e in found["events"]]
    page.click("#next-page")
    page.wait_for_url("**cursor=*")
    page.wait_for_selector("table.events tbody tr")
    page.reload()  # the page's state is in the URL
    page.wait_for_selector("#events-total")
    assert _number(page, "#events-total") == found["total"]
    page.click("table.events tbody tr >> nth=0")
    page.wait_for_selector("#evidence .mention")
    assert page.locator("#evidence mark.trg").count() >= 1
    assert page.locator("#evidence mark.src").count() >= 1
    assert "asserted" in page.inner_text("#evidence")
    _shot(page, "events")


def test_serve_e2e_article_markup_shows_as_text(page, base):
    _, found = get(base, "/api/v1/events?text=visited")
    event_id = found["events"][0]["event_id"]
    page.goto(f"{base}/#/events?text=visited&event={event_id}")
    page.wait_for_selector("#evidence .mention")
    assert SCRIPT in page.inner_text("#evidence")  # shown as text, never run (no dialog)
    assert page.locator("#evidence script").count() == 0
    page.click("#evidence a:has-text('open article')")
    page.wait_for_selector("#article-title")
    assert page.inner_text("#article-title") == f"Visit {SCRIPT}"
    page.wait_for_selector("#article-text mark.evt")
    _, article = get(base, "/api/v1/articles/c")
    shown = page.inner_text("#article-text")
    assert shown.startswith(f"Visit {SCRIPT}") and SCRIPT in shown.split("Washington", 1)[1]
    marked = page.eval_on_selector_all(  # each sentence's text, from its (nested) marks
        "#article-text mark.evt", "ms => ms.reduce((o, m) => ({...o, [m.title]: "
                                  "(o[m.title] || '') + m.textContent}), {})")
    assert sorted(marked.values()) == sorted(e["sentence"] for e in article["events"])
    assert page.locator("#article-text mark.trg").count() >= 1
    assert page.locator("#view script").count() == 0
    _shot(page, "article")


def test_serve_e2e_analyse_text_highlights_events_inline(page, base):
    page.goto(f"{base}/#/analyse")
    text = ("Russia and China sign energy deal\n\nMOSCOW — Russian President Vladimir Putin met "
            f"Chinese President Xi Jinping in Moscow on Tuesday. {SCRIPT}")
    page.fill("#analyse-text", text)
    page.fill("input[name=published]", "2023-03-21")
    page.click("form.filters button")
    page.wait_for_selector("#analyse-count", timeout=120_000)
    _, out = get(base, "/api/v1/extract", data={"text": text, "published": "2023-03-21"})
    assert _number(page, "#analyse-count") == len(out["events"]) >= 1
    assert page.locator(".analysed mark.trg").count() >= 1
    assert "<script>" in page.inner_text(".analysed")
    page.reload()
    page.wait_for_selector("#analyse-count", timeout=120_000)
    _shot(page, "analyse")


def test_serve_e2e_docs_page_uses_only_vendored_assets(page, base):
    page.goto(f"{base}/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=60_000)
    assert page.locator(".opblock-summary-path", has_text="/api/v1/relations").count() == 1
    _shot(page, "docs")
