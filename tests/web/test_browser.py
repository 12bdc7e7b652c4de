"""End to end in a real browser: Debian's chromium, headless, driven by Playwright, against
a server the test starts (`corroborate serve` on the seeds). Each page is saved as a
screenshot under $CORROBORATE_SCREENSHOTS (or the test's temporary folder) to look at."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.conftest import PlacesStore

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not "
                                "installed (apt-get install chromium)")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
# Real places and their coordinates, with invented counts: the map's markers until the
# geocoded places of issue 15 are in the ledger.
PLACES = [
    ("Damascus", 33.51, 36.29, 6), ("Idlib", 35.93, 36.63, 4), ("Aleppo", 36.20, 37.16, 3),
    ("Homs", 34.73, 36.72, 2), ("Palmyra", 34.56, 38.27, 2), ("Hmeimim", 35.41, 35.95, 5),
    ("Latakia", 35.52, 35.78, 1), ("Deir ez-Zor", 35.34, 40.14, 2),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait(port: int, process: subprocess.Popen[bytes] | None = None) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server exited: {process.stderr.read()!r}")  # type: ignore
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"no server on port {port}")


@pytest.fixture(scope="module")
def server(seeds_db: str) -> Iterator[str]:
    """`corroborate serve` on the seeds, as a user starts it."""
    port = _free_port()
    code = "from corroborate.cli import main; main()"
    process = subprocess.Popen(
        [sys.executable, "-c", code, "serve", "--port", str(port), "--db", seeds_db],
        stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    try:
        _wait(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


class SeedPlaces(PlacesStore):
    PLACES = [
        {"geonames_id": i, "name": name, "country": "SY", "feature_type": "PPL",
         "precision": "city", "latitude": lat, "longitude": lon, "spellings": [],
         "documents": [1], "claims": claims}
        for i, (name, lat, lon, claims) in enumerate(PLACES, start=1)
    ]


@pytest.fixture(scope="module")
def places_server(seeds_db: str) -> Iterator[str]:
    """The app in this process over the seeds plus places (a store with `places`)."""
    import uvicorn

    from corroborate.web import WebConfig, create_app

    port = _free_port()
    app = create_app(WebConfig(db=seeds_db, opener=SeedPlaces))
    uv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    try:
        _wait(port)
        yield f"http://127.0.0.1:{port}"
    finally:
        uv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = os.environ.get("CORROBORATE_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    profile = tmp_path_factory.mktemp("chromium-profile")  # a fresh user-data dir
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True, args=FLAGS,
            viewport={"width": 1200, "height": 900},
        )
        yield context
        context.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    page.close()
    assert dialogs == [], f"a page ran script: {dialogs}"


def test_browser_search_then_open_report_with_hedged_claim(
    page: Any, server: str, shots: Path
) -> None:
    page.goto(f"{server}/")
    page.fill("input[name=q]", "Russian troops")
    page.click("form.filters button[type=submit]")
    page.wait_for_selector("#reports .report-item")
    assert "q=Russian" in page.url  # the search is a shareable URL
    page.screenshot(path=str(shots / "search.png"))
    page.click("#reports .report-item a >> nth=0")
    page.wait_for_selector("#text")
    hedged = page.locator("mark.c-hedged").first
    assert hedged.is_visible()
    assert "hedged" in hedged.locator(".tag").inner_text()
    colour = hedged.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    hedged.scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "report.png"))
    page.click(".legend .toggle:has(.cert-hedged)")  # the little script: hide hedged marks
    hidden = hedged.evaluate("e => getComputedStyle(e).backgroundColor")
    assert hidden in ("rgba(0, 0, 0, 0)", "transparent")


def test_browser_report_noise_on_demand(page: Any, server: str) -> None:
    page.goto(f"{server}/reports/1")
    assert not page.locator("#noise table").is_visible()
    page.click("#noise summary")
    page.wait_for_selector("#noise table", state="visible")


def test_browser_open_proposition(page: Any, server: str, shots: Path) -> None:
    page.goto(f"{server}/propositions")
    page.click("table.list a >> nth=0")
    page.wait_for_selector(".board")
    assert "independent source" in page.locator(".board").inner_text()
    assert page.locator("#timeline .days li").count() >= 1
    page.screenshot(path=str(shots / "proposition.png"), full_page=True)


def test_browser_check(page: Any, server: str, shots: Path) -> None:
    page.goto(f"{server}/check")
    page.fill("#sentence", "Russian troops are fighting alongside Syrian government forces")
    page.click(".check-form button")
    page.wait_for_selector(".verdict")
    assert "Verdict:" in page.locator(".verdict h2").inner_text()
    page.screenshot(path=str(shots / "check.png"), full_page=True)
    page.click("ol.results a >> nth=0")
    page.wait_for_selector("mark.claim:target")


def test_browser_other_pages(page: Any, server: str, shots: Path) -> None:
    for name, path in (("outlet", "/outlets"), ("entities", "/entities"),
                       ("claim", "/claims/1")):
        page.goto(f"{server}{path}")
        if name == "outlet":
            page.click("table.list a >> nth=0")
            page.wait_for_selector(".report-item")
        page.screenshot(path=str(shots / f"{name}.png"))


def test_browser_map_markers_of_the_ledger(page: Any, server: str, seeds_db: str) -> None:
    from corroborate.store import SQLiteStore

    with SQLiteStore(seeds_db) as store:
        if not hasattr(store, "places"):
            pytest.skip("this store has no geocoded places yet (issue 15)")
        places = list(store.places(limit=10, offset=0))
    page.goto(f"{server}/map")
    if not places:
        assert "No places resolved yet" in page.inner_text("main")
        return
    assert page.locator("#map .marker").count() >= 1


def test_browser_map_markers(page: Any, places_server: str, shots: Path) -> None:
    page.goto(f"{places_server}/map")
    markers = page.locator("#map .marker")
    assert markers.count() == len(PLACES)
    box = markers.first.bounding_box()
    assert box and box["width"] > 2  # drawn, not collapsed
    page.screenshot(path=str(shots / "map.png"))
    page.locator("table.list tr:has-text('Damascus')").hover()
    assert "active" in (page.locator("#map .marker[data-name=Damascus]").get_attribute("class")
                        or "")


def test_browser_hostile_report_runs_no_script(page: Any, hostile_db: str) -> None:
    """Every page of the hostile ledger: the `page` fixture fails if a dialog opened."""
    import uvicorn

    from corroborate.web import WebConfig, create_app

    port = _free_port()
    app = create_app(WebConfig(db=hostile_db, opener=PlacesStore))
    uv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    try:
        _wait(port)
        for path in ("/reports/1", "/claims/2", "/propositions/1", "/map", "/entities",
                     "/search?q=bridge", "/outlets"):
            page.goto(f"http://127.0.0.1:{port}{path}")
            page.hover("main")
            for mark in page.locator("mark.claim").all():
                mark.hover()  # an injected onmouseover would fire here
        page.goto(f"http://127.0.0.1:{port}/reports/1")
        assert "<script>" in page.inner_text("#text")  # shown as text
    finally:
        uv.should_exit = True
        thread.join(timeout=10)

