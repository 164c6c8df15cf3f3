"""An offline build (OFFLINE=true) works opened straight from the file system, search included."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from sitegen import ROOT


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("offline") / "site"
    proc = subprocess.run(
        [str(Path(sys.executable).with_name("mkdocs")), "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "NO_MKDOCS_2_WARNING": "1",
            "HOME": str(site.parent),
            "OFFLINE": "true",
        },
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, f"offline build failed:\n{proc.stdout}\n{proc.stderr}"
    return site


def test_offline_build_links_to_files_not_directories(offline_site: Path) -> None:
    assert (offline_site / "index.html").is_file()
    assert (offline_site / "async" / "gather.html").is_file()
    assert (offline_site / "search" / "search_index.js").is_file(), "search index for file:// missing"
    home = (offline_site / "index.html").read_text()
    assert 'href="quick-reference.html"' in home


def test_offline_site_opens_from_the_file_system_and_searches(offline_site: Path, browser: Browser) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto((offline_site / "index.html").as_uri())
    page.click(".md-content a[href='quick-reference.html']")
    page.wait_for_selector("table.pap-patterns a[href='async/gather.html']")
    page.click("table.pap-patterns a[href='async/gather.html']")
    assert page.locator("h1").first.inner_text() == "Parallel awaits with asyncio.gather()"
    # Run cannot load WebAssembly from file://: its button says what it needs instead.
    run = page.locator(".pap-run-button").first
    run.click()
    assert run.inner_text() == "Run needs the site served over HTTP (make serve), not opened from a file"
    assert run.is_disabled()
    # The diff view's script loads on the first click, from the file system too.
    page.locator(".pap-diff-toggle").first.click()
    page.locator("code.pap-diff").first.wait_for()
    page.locator("input.md-search__input").click()
    page.keyboard.type("gather", delay=20)  # Material searches on key events, not on .fill()
    result = page.locator(".md-search-result__item").first
    result.wait_for(timeout=15_000)
    assert "gather" in result.inner_text().lower()
    assert not errors, errors
    assert all(url.startswith(("file://", "data:", "blob:")) for url in requests), requests
    page.close()
