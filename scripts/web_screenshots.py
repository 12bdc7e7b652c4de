"""Screenshots of the web UI for the README, on the bundled fictional sample reports.

Ingests the samples into a temporary ledger (the map shows the places the ingest geocoded),
serves it, and saves each page with Debian's chromium through Playwright. Needs the `dev`
extra and /usr/bin/chromium.

    python scripts/web_screenshots.py docs/screenshots
    pngquant --quality=50-80 --force --ext .png docs/screenshots/*.png   # optional: smaller
"""

from __future__ import annotations

import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

import uvicorn
from click.testing import CliRunner
from playwright.sync_api import sync_playwright

from corroborate.cli import main
from corroborate.web import WebConfig, create_app

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]

def serve(db: str) -> tuple[uvicorn.Server, str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    app = create_app(WebConfig(db=db))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.1)
    return server, f"http://127.0.0.1:{port}"


def shoot(base: str, out: Path) -> None:
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as playwright:
        browser = playwright.chromium.launch_persistent_context(
            profile, executable_path="/usr/bin/chromium", headless=True, args=FLAGS,
            viewport={"width": 1200, "height": 900})
        page = browser.new_page()
        page.goto(f"{base}/search?q=depot")
        page.screenshot(path=str(out / "search.png"))
        page.goto(f"{base}/search?certainty=hedged")
        page.click("#claims .claim-item a >> nth=0")  # the claim page, then its report
        page.click("dd a[href*='#claim-']")
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(out / "report.png"))
        page.goto(f"{base}/propositions")
        page.click("table.list a >> nth=0")
        page.screenshot(path=str(out / "proposition.png"), full_page=True)
        page.goto(f"{base}/check?sentence=The+depot+was+storing+diesel+for+the+militia")
        page.screenshot(path=str(out / "check.png"), full_page=True)
        page.goto(f"{base}/map")
        page.screenshot(path=str(out / "map.png"))
        page.goto(f"{base}/outlets")
        page.click("table.list a >> nth=0")
        page.screenshot(path=str(out / "outlet.png"))
        browser.close()


def run(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "samples.db")
        result = CliRunner().invoke(main, ["ingest", "--samples", "--db", db])
        if result.exit_code != 0:
            sys.exit(result.output)
        server, base = serve(db)
        try:
            shoot(base, out)
        finally:
            server.should_exit = True
    print(f"screenshots in {out}")


if __name__ == "__main__":
    run(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
