"""How long a reader waits for search results: from the last keystroke to the results on screen.

The whole site is built once (strict, as published) and served on 127.0.0.1; headless Chromium loads a
page and waits until Material's search worker has its index. For each query of the readers' query set
(tests/support/search_queries.py) the box holds all but the last character; the last key is pressed
for real, and the page itself notes the time of its keydown and of the change of the results' summary
line ("3 matching documents"), with `performance.now()`. A repetition reports the median wait.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
from functools import cache
from pathlib import Path

from playwright.sync_api import sync_playwright

from benchmarks.harness import Benchmark, Claim, Metric
from tests.support.browser_site import CHROMIUM, CHROMIUM_ARGS, serve, site_prefix
from tests.support.search_queries import QUERIES

ROOT = Path(__file__).resolve().parent.parent

# In the page: note the keydown of the last key, and the first change of the results' summary after it.
WATCH = """() => {
  const box = document.querySelector("input.md-search__input");
  const meta = document.querySelector(".md-search-result__meta");
  window.__pap = {};
  box.addEventListener("keydown", () => { window.__pap.down = performance.now(); }, { once: true });
  new MutationObserver((_, observer) => {
    if (window.__pap.down !== undefined && /matching document|no matching/i.test(meta.textContent)) {
      window.__pap.shown = performance.now();
      observer.disconnect();
    }
  }).observe(meta, { childList: true, characterData: true, subtree: true });
}"""


@cache
def built_site() -> Path:
    site = Path(tempfile.mkdtemp(prefix="pap-search-")) / "site"
    subprocess.run(
        [str(Path(sys.executable).with_name("mkdocs")), "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        env={"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "HOME": str(site.parent)},
    )
    return site


def measure(turn: int) -> dict[str, float]:
    waits = []
    with serve(built_site(), site_prefix()) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(base)
        box = page.locator("input.md-search__input")
        box.click()
        page.wait_for_function("() => document.querySelector('.md-search-result__meta')?.textContent")
        for query in QUERIES:
            box.fill("")
            box.press("End")  # an empty query: the summary line goes back to "Type to start searching"
            page.wait_for_function(
                "() => !/matching/i.test(document.querySelector('.md-search-result__meta').textContent)"
            )
            box.fill(query.text[:-1])
            page.evaluate(WATCH)
            box.press(query.text[-1] if query.text[-1] != " " else "Space")
            page.wait_for_function("() => window.__pap.shown !== undefined")
            waits.append(page.evaluate("() => (window.__pap.shown - window.__pap.down) / 1000"))
        browser.close()
    return {"median_wait": statistics.median(waits), "queries": len(waits)}


BENCHMARK = Benchmark(
    title="Search: from the last keystroke to the results, in Chromium, on the whole site",
    metrics={
        "median_wait": Metric("seconds", "median wait for results over the readers' queries"),
        "queries": Metric("count", "queries timed per repetition"),
    },
    measure=measure,
    claims=(Claim("median_wait", at_most=0.1, why="results within 100 ms of the last keystroke (issue 18)"),),
    checked_in_suite=False,  # it builds the site and drives a browser: measured by `make bench`
)
