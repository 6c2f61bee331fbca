"""The dashboard in a real browser: Debian's Chromium driven by Playwright, served by uvicorn.

Opens each page, checks that the charts and the map render, submits an observation through the
form, drives the filters, the downloads and the map's drill-down, checks a phone-sized screen
(390 px) and the keyboard, and saves screenshots as test artefacts in ``test-artifacts/screenshots``
at the repository root (ignored by git), or in ``$PEACEOPS_SCREENSHOTS`` when set.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, small_ws: Path) -> Iterator[str]:
    import uvicorn

    from peaceops.web.app import create_app

    root = tmp_path_factory.mktemp("browser") / "ws"
    shutil.copytree(small_ws, root)  # its own copy: the test writes an observation
    port = _free_port()
    config = uvicorn.Config(create_app(root), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    import httpx

    # Prepare the slow pages (brief, plan, charts) once, so the browser's timeouts measure
    # the page, not a busy machine's first computation.
    for url in ("/", "/context", "/framework", "/plan", "/brief", "/brief/document"):
        httpx.get(base + url, timeout=600)
    try:
        yield base
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (make sysdeps)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    wanted = os.environ.get("PEACEOPS_SCREENSHOTS")
    root = Path(__file__).resolve().parents[2]
    path = Path(wanted) if wanted else root / "test-artifacts" / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path


PAGES = {
    "overview": ("/", 0),
    "context": ("/context", 4),
    "mandates": ("/mandates", 1),
    "mandate": ("/mandates/9103", 0),
    "diff": ("/mandates/diff?old=9102&new=9103", 0),
    "framework": ("/framework", 2),
    "plan": ("/plan", 1),
    "brief": ("/brief", 0),
}


def test_pages_render_with_charts_and_map(server: str, browser, shots: Path) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    outside: list[str] = []
    page.on(
        "request",
        lambda r: outside.append(r.url) if not r.url.startswith(server) else None,
    )
    for name, (url, charts) in PAGES.items():
        response = page.goto(server + url)
        assert response is not None and response.status == 200, name
        assert page.locator("h1").count() == 1
        rendered = page.locator("figure.chart svg")
        assert rendered.count() >= charts, name
        for i in range(rendered.count()):
            box = rendered.nth(i).bounding_box()
            assert box is not None and box["width"] > 150 and box["height"] > 40, (name, i, box)
        page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
    # The map: one filled shape per admin1 area, drawn at a visible size.
    page.goto(server + "/context")
    shapes = page.locator("#fig-map svg path[fill]")
    assert shapes.count() >= 10
    box = page.locator("#fig-map svg").bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 250
    fills = set(
        page.eval_on_selector_all(
            "#fig-map svg path[fill]", "ps => ps.map(p => p.getAttribute('fill'))"
        )
    )
    assert len(fills) >= 3, "areas with different fatalities get different colours"
    # The full brief: its charts render too.
    page.goto(server + "/brief/document")
    charts = page.locator("svg")
    assert charts.count() >= 3
    box = charts.first.bounding_box()
    assert box is not None and box["width"] > 150
    page.screenshot(path=str(shots / "brief-document.png"), full_page=False)
    assert errors == []
    assert outside == [], "the dashboard fetched something from elsewhere"
    page.close()


def test_filter_and_observation_form(server: str, browser, shots: Path) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server + "/context")
    page.fill("#f-from", "2018")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/context?from=2018**")
    assert page.locator("#fig-fatalities svg").count() == 1
    assert "2016" not in page.locator("#h-series ~ .scroll table").inner_text()

    page.goto(server + "/framework")
    # First a mistake: the value is not a number; the page says so and keeps what was typed.
    page.select_option("#o-indicator", "I2")
    page.fill("#o-value", "about forty")
    page.fill("#o-date", "2019-09-30")
    page.fill("#o-source", "Mission reporting")
    page.fill("#o-by", "Browser test")
    page.click("#observe button[type=submit]")
    assert "is not a number" in page.locator("#err-value").inner_text()
    assert page.input_value("#o-source") == "Mission reporting"
    assert page.evaluate("document.activeElement.id") == "o-value"
    page.screenshot(path=str(shots / "framework-error.png"), full_page=False)
    # Then the corrected value is saved and shown.
    page.fill("#o-value", "41")
    page.click("#observe button[type=submit]")
    page.wait_for_url("**/framework?saved=**")
    assert "Observation saved: I2 = 41 on 2019-09-30." in page.inner_text("main")
    history = page.locator("#h-history + p + .scroll tbody tr").first.inner_text()
    assert "Browser test" in history and "observe" in history
    page.close()


def test_small_screen_and_keyboard(server: str, browser, shots: Path) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 375, "height": 740})
    for name, url in (("context", "/context"), ("framework", "/framework"), ("plan", "/plan")):
        page.goto(server + url)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 376, f"{name} scrolls sideways on a phone ({width}px)"
        page.screenshot(path=str(shots / f"phone-{name}.png"), full_page=False)
    page.goto(server + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.close()


def test_filters_drive_every_figure(server: str, browser, shots: Path) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server + "/context")
    page.select_option("#f-region", "centre")
    page.select_option("#f-type", "Battles")
    page.fill("#f-from", "2017")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/context?**region=centre**")
    captions = page.locator("figure.chart figcaption").all_inner_texts()
    assert len(captions) >= 3
    for caption in captions:
        assert "centre, Battles" in caption, caption
    assert "Summary: centre, Battles" in page.inner_text("#h-summary")
    # Tooltips: every bar carries its figures, without script.
    tips = page.eval_on_selector_all(
        "#fig-fatalities svg path title", "ts => ts.map(t => t.textContent)"
    )
    assert tips and "fatalities" in tips[0]
    page.screenshot(path=str(shots / "context-filtered.png"), full_page=True)
    # A bad value is explained beside its field, and the page still answers.
    page.goto(server + "/context?region=Atlantis&to=9999")
    assert "not a region group" in page.inner_text("#err-region")
    assert "The data ends on" in page.inner_text("main")
    # A selection without events says so instead of drawing empty charts.
    page.goto(server + "/context?actor=nobody-of-that-name")
    assert "No data for this selection" in page.inner_text("main")
    assert page.locator("figure.chart").count() == 0
    page.screenshot(path=str(shots / "context-no-data.png"), full_page=False)
    page.close()


def test_downloads_of_charts_tables_and_brief(server: str, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page.set_default_timeout(120_000)
    page.goto(server + "/context?region=centre")
    with page.expect_download() as info:
        page.click("#fig-fatalities a:text-is('CSV')")
    csv_path = tmp_path / "fatalities.csv"
    info.value.save_as(csv_path)
    text = csv_path.read_text()
    assert text.startswith("data_label,period,events,fatalities") and "Source: " in text
    with page.expect_download() as info:
        page.click("#fig-map a:text-is('PNG')")
    png = tmp_path / "map.png"
    info.value.save_as(png)
    assert png.read_bytes()[:4] == b"\x89PNG"
    page.goto(server + "/brief")
    with page.expect_download(timeout=300_000) as info:  # the PDF is typeset on first ask
        page.click("a:text-is('PDF')")
    pdf = tmp_path / "brief.pdf"
    info.value.save_as(pdf)
    assert pdf.read_bytes()[:5] == b"%PDF-"
    page.close()


def test_map_drills_down_to_a_region_and_its_events(server: str, browser, shots: Path) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server + "/context")
    areas = page.locator("#fig-map svg a")
    assert areas.count() >= 5
    target = areas.nth(0)
    href = target.get_attribute("xlink:href") or target.get_attribute("href") or ""
    assert href.startswith("/context?") and "region=" in href
    box = target.bounding_box()
    assert box is not None
    target.click()
    page.wait_for_url("**/context?**region=**#events")
    region = page.input_value("#f-region")
    assert region and region in page.inner_text("#h-events")
    rows = page.locator("#events tbody tr")
    assert rows.count() >= 1
    page.screenshot(path=str(shots / "context-drilled.png"), full_page=True)
    page.close()


def _charts_readable_on_a_phone(page, name: str) -> None:  # type: ignore[no-untyped-def]
    """Each chart's frame fits the screen; the chart inside keeps a readable size (not shrunk
    to the phone's width, where its labels fall to ~5 px) and scrolls inside its frame."""
    frames = page.locator("figure.chart .svg")
    for i in range(frames.count()):
        frame = frames.nth(i)
        if frame.locator("svg").count() == 0:
            continue  # "No data for this selection"
        outer = frame.bounding_box()
        inner = frame.locator("svg").first.bounding_box()
        assert outer is not None and inner is not None, name
        assert outer["x"] + outer["width"] <= 391, (name, "frame wider than the screen", outer)
        assert inner["width"] > 250, (name, "chart squashed", inner)
        if inner["width"] > outer["width"] + 1:
            overflow = frame.evaluate("e => getComputedStyle(e).overflowX")
            assert overflow in ("auto", "scroll"), (name, "chart cut off", overflow)


def test_phone_width_390(server: str, browser, shots: Path) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    page.set_default_timeout(120_000)  # a busy machine; the pages themselves are cached
    for name, url in (
        ("overview", "/"),
        ("context", "/context?region=centre"),
        ("framework", "/framework"),
        ("mandates", "/mandates"),
        ("plan", "/plan"),
        ("brief", "/brief"),
    ):
        page.goto(server + url)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 391, f"{name} scrolls sideways at 390 px ({width}px)"
        _charts_readable_on_a_phone(page, name)
        page.screenshot(path=str(shots / f"phone390-{name}.png"), full_page=True)
    page.close()


def test_downloads_on_plan_agreement_and_mandates(server: str, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page.set_default_timeout(120_000)
    page.goto(server + "/plan")
    with page.expect_download() as info:
        page.click("#h-why ~ p.downloads a:text-is('CSV')")
    tasks = tmp_path / "plan-tasks.csv"
    info.value.save_as(tasks)
    lines = tasks.read_text().splitlines()
    # The example plan: "illustrative" on the same row as every task.
    assert lines[0].startswith("data_label,task,id")
    shown = page.locator("#h-why ~ .scroll tbody tr").count()
    assert len([x for x in lines[1:] if x.startswith("illustrative,")]) == shown
    page.goto(server + "/agreement?as_of=2020-06-30")
    with page.expect_download() as info:
        page.click("#fig-agr-time a:text-is('PNG')")
    png = tmp_path / "agr-time.png"
    info.value.save_as(png)
    assert png.read_bytes()[:4] == b"\x89PNG"
    assert "as_of=2020-06-30" in info.value.url  # the download follows the page's date
    page.goto(server + "/mandates")
    with page.expect_download() as info:
        page.click("#h-list ~ p.downloads a:text-is('XLSX')")
    assert info.value.suggested_filename == "mandates-resolutions.xlsx"
    page.close()


def test_as_of_filters_drive_the_figures(server: str, browser, shots: Path) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server + "/agreement")
    page.fill("#as-of", "2016-06-30")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/agreement?as_of=2016-06-30")
    assert "as of 2016-06-30" in page.inner_text("p.lead")
    assert "2016-06-30" in page.locator("#fig-agr-matrix figcaption").inner_text()
    page.goto(server + "/framework")
    page.fill("#as-of", "2018-01-15")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/framework?as_of=2018-01-15")
    # An indicator first observed later has nothing to draw on that date, and says so.
    assert "No data for this selection" in page.inner_text("#fig-ind-I2")
    assert page.locator("#fig-ind-I1 svg").count() == 1
    page.screenshot(path=str(shots / "framework-as-of.png"), full_page=True)
    page.close()


def test_phone_width_390_other_pages(server: str, browser, shots: Path) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    page.set_default_timeout(120_000)
    for name, url in (
        ("actors", "/actors"),
        ("actor", "/actors/JNIM"),
        ("agreement", "/agreement"),
        ("mandate", "/mandates/9103"),
        ("diff", "/mandates/diff?old=9102&new=9103"),
        ("alignment", "/plan/alignment"),
    ):
        response = page.goto(server + url)
        assert response is not None and response.status == 200, name
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 391, f"{name} scrolls sideways at 390 px ({width}px)"
        _charts_readable_on_a_phone(page, name)
        # Download links stay on screen and can be reached with a thumb.
        for i in range(min(page.locator("p.downloads a").count(), 4)):
            box = page.locator("p.downloads a").nth(i).bounding_box()
            assert box is not None and box["x"] + box["width"] <= 390, (name, box)
        page.screenshot(path=str(shots / f"phone390-{name}.png"), full_page=True)
    page.close()
