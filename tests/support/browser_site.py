"""Helpers for the browser tests: the built site on 127.0.0.1, headless Chromium and a tab that
records what a page does wrong (console errors, requests to other origins).
"""

from __future__ import annotations

import functools
import http.server
import os
import sys
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Request, sync_playwright

from sitegen import ROOT
from sitegen.project import load_project

CHROMIUM = Path("/usr/bin/chromium")  # Debian's; Playwright's own download does not work here
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # Nothing leaves the machine: every host name fails to resolve (the site is on 127.0.0.1),
    # so a request to another origin fails, and the tab records it.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


def require_chromium() -> str:
    """The path of Chromium; without it, skip the test (fail it under CI)."""
    if not CHROMIUM.is_file():
        message = f"{CHROMIUM} not found: install it (Debian: apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(f"{message}; CI must install it in .ci/run", pytrace=False)
        pytest.skip(message)
    return str(CHROMIUM)


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    prefix = "/"  # where the site lives on the host, e.g. "/site/" (the path of site_url)

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "no such file")
        return super().translate_path("/" + path[len(self.prefix) :])

    def log_message(self, format: str, *args: object) -> None:
        pass


class _SiteServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        # A browser that stops reading (a page left mid-load) is not an error of the site.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


def site_prefix(config: Path | None = None) -> str:
    """The path of the site's URL (site_url in mkdocs.yml): the hosted site lives under it, and
    the pages that cannot use relative links (404.html) link to it."""
    path = urllib.parse.urlsplit(load_project(config or ROOT / "mkdocs.yml").site_url).path.strip("/")
    return f"/{path}/" if path else "/"


@contextmanager
def serve(directory: Path, prefix: str = "/") -> Iterator[str]:
    """Serve a directory under `prefix` on a free port of 127.0.0.1 from a thread, as the host
    will; yields the site's base URL (ending in '/')."""
    handler = type("Handler", (_SiteHandler,), {"prefix": prefix})
    bound = functools.partial(handler, directory=str(directory))
    with _SiteServer(("127.0.0.1", 0), bound) as server:
        thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
        finally:
            server.shutdown()
            thread.join()


@dataclass
class Tab:
    """A page in its own browser context that records console errors and foreign requests."""

    page: Page
    base: str
    errors: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)

    def goto(self, path: str) -> Page:
        self.page.goto(self.base + path.lstrip("/"))
        # Material's scripts and ours have run once the page has loaded.
        self.page.wait_for_load_state("load")
        return self.page

    def path(self) -> str:
        """The current location relative to the site root, without fragment ('async/gather/')."""
        return relative(self.page.url, self.base)

    def problems(self) -> list[str]:
        return [f"console error: {e}" for e in self.errors] + [f"request to another origin: {u}" for u in self.foreign]


def relative(url: str, base: str) -> str:
    """A URL of the site relative to its base, without query (search highlights) or fragment."""
    url = urllib.parse.urlsplit(url)._replace(query="", fragment="").geturl()
    assert url.startswith(base), f"{url} is not on the site ({base})"
    return url[len(base) :]


@contextmanager
def open_tab(browser: Browser, base: str, **context_options: object) -> Iterator[Tab]:
    context: BrowserContext = browser.new_context(**context_options)  # type: ignore[arg-type]
    site = urllib.parse.urlsplit(base)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=f"{site.scheme}://{site.netloc}")
    page = context.new_page()
    tab = Tab(page, base)

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            tab.errors.append(f"{message.text} ({message.location.get('url', '?')})")

    def on_request(request: Request) -> None:
        url = urllib.parse.urlsplit(request.url)
        if url.scheme not in ("data", "blob") and (url.scheme, url.netloc) != (site.scheme, site.netloc):
            tab.foreign.append(request.url)

    page.on("console", on_console)
    page.on("pageerror", lambda exc: tab.errors.append(f"uncaught {exc.name}: {exc.message}"))
    context.on("request", on_request)  # the page's requests and its workers' (search)
    try:
        yield tab
    finally:
        context.close()


def wait_for_search_ready(page: Page) -> None:
    """Material's search worker has loaded the index once the placeholder text says so."""
    page.wait_for_function(
        "() => /type to start searching/i.test(document.querySelector('.md-search-result__meta')?.textContent || '')"
    )


def search(page: Page, base: str, query: str) -> list[str]:
    """Type a query into the search box; returns the result pages in order ('async/gather/').

    Material searches on keyup: the box is filled and one key pressed, so the whole query is
    sent once; it is cleared first, so the results read are this query's, not the previous one's.
    """
    box = page.locator("input.md-search__input")
    if not box.is_visible():  # phones: the box opens from the header's search button
        page.locator("label.md-header__button[for='__search']").click()
    box.fill("")
    box.press("End")
    wait_for_search_ready(page)
    box.fill(query)
    box.press("End")
    page.wait_for_function(
        "() => /matching document|no matching/i.test("
        "document.querySelector('.md-search-result__meta')?.textContent || '')"
    )
    # One item per page, best first; its first link is the page (the others are its sections).
    hrefs = page.locator(".md-search-result__item").evaluate_all(
        "items => items.map(item => item.querySelector('.md-search-result__link').href)"
    )
    return [relative(h, base) for h in hrefs]


# search() for many queries at once, in the page: the same box, the same key event and the same wait
# for this query's results (the box cleared first), without a round trip to the test for each step.
SEARCH_EACH = """async queries => {
    const box = document.querySelector('input.md-search__input');
    const meta = () => document.querySelector('.md-search-result__meta')?.textContent || '';
    const until = test => new Promise((resolve, reject) => {
        const start = performance.now();
        (function poll() {
            if (test()) resolve();
            else if (performance.now() - start > 15000) reject(new Error(`search timed out: ${box.value}`));
            else setTimeout(poll, 2);
        })();
    });
    const type = value => {
        box.value = value;
        box.dispatchEvent(new KeyboardEvent('keyup', {key: 'End', bubbles: true}));
    };
    const found = [];
    for (const query of queries) {
        type('');
        await until(() => /type to start searching/i.test(meta()));
        type(query);
        await until(() => /matching document|no matching/i.test(meta()));
        found.push([...document.querySelectorAll('.md-search-result__item')]
            .map(item => item.querySelector('.md-search-result__link').href));
    }
    return found;
}"""


def search_many(page: Page, base: str, queries: list[str]) -> list[list[str]]:
    """search() for each query, in order, run inside the page; the result pages of each."""
    box = page.locator("input.md-search__input")
    if not box.is_visible():
        page.locator("label.md-header__button[for='__search']").click()
    box.fill("")  # a query left by an earlier search
    box.press("End")
    wait_for_search_ready(page)
    return [[relative(h, base) for h in hrefs] for hrefs in page.evaluate(SEARCH_EACH, queries)]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium per test process: Playwright's sync API allows one per thread."""
    executable = require_chromium()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()
