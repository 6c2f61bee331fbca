"""The dashboard in a real browser: Debian's Chromium driven by Playwright, served by uvicorn.

Opens each page, checks that the charts and the map render, submits an observation through the
form, checks a small screen and the keyboard, and saves screenshots (to a temporary directory,
or to ``$PEACEOPS_SCREENSHOTS`` when set, to look at them).
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
    try:
        yield f"http://127.0.0.1:{port}"
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
    path = Path(wanted) if wanted else tmp_path_factory.mktemp("screenshots")
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
    assert "2016" not in page.locator("#h-series + .scroll table").inner_text()

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
