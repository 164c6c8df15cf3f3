"""Run in the page: every snippet that can run in WebAssembly has a Run button, and run in headless
Chromium with the site's own Pyodide it prints what its in-browser record says; every other snippet has
no button and a recorded reason (verified/pyodide.json; `--update-examples`, `make verify`,
rewrites it). Running fetches nothing from another origin.

Cost: one tab for all pages, moved from page to page by Material's instant navigation (as a reader's
click does), so Python loads once; the runtime comes from Chromium's HTTP cache after the first build.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page

from sitegen import DOCS, SNIPPETS
from sitegen.catalog import Pattern, current_catalog
from sitegen.pyodide_assets import (
    DOWNLOAD_LINK,
    RECORD,
    BrowserPlan,
    BrowserRecord,
    BrowserRun,
    FetchError,
    current_plan,
    ensure_cached,
    load_pins,
)
from sitegen.records import modify_record, read_record
from sitegen.verified import sha256
from tests.support.browser_site import Tab, open_tab, serve, site_prefix
from tests.support.site_build import BuiltSite
from tests.support.snippet_files import timing_dependent

pytestmark = pytest.mark.browser

PLAN: BrowserPlan = current_plan()
FIRST_RUN_TIMEOUT_MS = 120_000  # the runtime's first load on a busy 2-core machine: 20 s measured


def folder_of(page: Pattern) -> str:
    return page.path.removesuffix(".md")


def runnable_on(page: Pattern) -> list[str]:
    return sorted(rel for rel in PLAN.runnable if rel.rsplit("/", 1)[0] == folder_of(page))


PAGES = [p for p in current_catalog(DOCS).patterns if runnable_on(p)]


@pytest.fixture(scope="module")
def run_site(built_site: BuiltSite) -> Iterator[str]:
    with serve(built_site.path, site_prefix()) as base:
        yield base


@pytest.fixture(scope="module")
def run_tab(browser: Browser, run_site: str) -> Iterator[Tab]:
    """One tab, on the first page with runnable snippets, for every run: Python loads once."""
    with open_tab(browser, run_site, viewport={"width": 1280, "height": 900}) as tab:
        tab.goto(PAGES[0].url)
        yield tab
        assert not tab.problems(), "\n".join(tab.problems())


def place_snippets(tab: Tab, page: Pattern) -> None:
    """The download links of `page`'s runnable snippets, with their Run buttons, as the page shows them
    (a paragraph each, under a stand-in code block): the tab stays on one page, so Python loads once
    for all (a page load would load it again: 10-20 s on a busy 2-core machine). Which links the pages
    mark is checked on the built HTML (test_run_buttons_are_on_exactly_the_runnable_snippets)."""
    tab.page.evaluate(
        """([base, folder, rels]) => {
          const box = document.createElement("div");
          box.id = "pap-test-" + folder.replace("/", "-");
          for (const rel of rels) {
            const name = rel.split("/").pop();
            box.insertAdjacentHTML("beforeend", `<div class="highlight"><pre><code></code></pre></div>
              <p class="pap-snippet-meta"><a download="${name}" href="${base}downloads/${rel}" data-pap-run>Download</a>
              · <button type="button" class="pap-run-button">▶ Run</button></p>`);
          }
          document.querySelector("article").append(box);
        }""",
        [tab.base, folder_of(page), runnable_on(page)],
    )


def update(change: BrowserRecord | None, runs: dict[str, BrowserRun], excluded: dict[str, str] | None) -> BrowserRecord:
    pins = load_pins()
    old_runs = dict(change.runs) if change and change.pyodide == pins.version else {}
    return BrowserRecord(
        pyodide=pins.version,
        python=pins.python,
        runs=dict(sorted({**old_runs, **runs}.items())),
        not_in_browser=excluded if excluded is not None else dict(change.not_in_browser if change else {}),
    )


def test_a_page_shows_its_run_buttons(run_tab: Tab) -> None:
    names = run_tab.page.locator(".pap-snippet-meta:has(.pap-run-button) a[data-pap-run]").evaluate_all(
        "ls => ls.map(l => l.getAttribute('download'))"
    )
    expected = [rel.rsplit("/", 1)[1] for rel in runnable_on(PAGES[0])]
    assert sorted(set(names)) == expected
    assert all(b.is_visible() for b in run_tab.page.locator(".pap-snippet-meta .pap-run-button").all()[:1])


def run_in_panel(tab: Page, meta: Locator, rel: str, again: bool) -> str:
    """Click Run (or the panel's Run again) and wait for the run; what it printed on standard output."""
    panel = meta.locator("xpath=following-sibling::*[1][contains(@class, 'pap-run')]")
    if again:
        panel.locator(".pap-run-again").dispatch_event("click")  # the button sits in a closed <details>
    else:
        meta.locator(".pap-run-button").click()
    panel.wait_for(state="attached")
    tab.wait_for_function(
        "el => el.dataset.state === 'done' || el.dataset.state === 'failed'",
        arg=panel.element_handle(),
        timeout=FIRST_RUN_TIMEOUT_MS,
    )
    status = panel.locator(".pap-run-status").text_content()
    stdout = "".join(panel.locator(".pap-run-out span.out").all_text_contents())
    stderr = "".join(panel.locator(".pap-run-out span.err").all_text_contents())
    if panel.get_attribute("data-state") != "done" or panel.get_attribute("data-exit") != "0":
        pytest.fail(f"{rel} failed in the browser ({status}):\n{stdout}{stderr}", pytrace=False)
    return stdout


@pytest.mark.parametrize("page", PAGES, ids=folder_of)
def test_runnable_snippets_print_their_recorded_output_in_the_browser(
    run_tab: Tab, page: Pattern, request: pytest.FixtureRequest
) -> None:
    """Each runnable snippet runs once, as a reader's click runs it, and must print its recorded output.
    Recording a timing-dependent one (it sleeps, waits or starts tasks) needs two runs that agree; one that
    cannot print the same under load in the browser is listed in `not_in_browser` with why."""
    folder = folder_of(page)
    tab = run_tab.page
    place_snippets(run_tab, page)
    updating = request.config.getoption("update_examples")
    record = read_record(RECORD, BrowserRecord)
    assert updating or record is not None, f"{RECORD.name} is missing: run `make verify` to record the in-browser runs"
    metas = tab.locator(f"#pap-test-{folder.replace('/', '-')} .pap-snippet-meta")
    runs: dict[str, BrowserRun] = {}
    problems = []
    for i in range(metas.count()):
        meta = metas.nth(i)
        rel = f"{folder}/{meta.locator('a[data-pap-run]').get_attribute('download')}"
        path = SNIPPETS / rel
        outputs = [run_in_panel(tab, meta, rel, again=False)]
        if updating:
            if timing_dependent(path) and run_in_panel(tab, meta, rel, again=True) != outputs[0]:
                problems.append(f"{rel}: prints something else on each run in the browser: list it in not_in_browser")
            runs[rel] = BrowserRun(sha256=sha256(path), stdout=outputs[0])
            continue
        assert record is not None
        recorded = record.runs.get(rel)
        if recorded is None or recorded.sha256 != sha256(path):
            problems.append(f"{rel}: not recorded for its current source (`make verify SNIPPET=snippets/{rel}`)")
            continue
        if outputs[0] != recorded.stdout:
            problems.append(f"{rel}: printed in the browser\n{outputs[0]}\nrecorded\n{recorded.stdout}")
    if updating and runs:
        modify_record(RECORD, BrowserRecord, lambda old: update(old, runs, None))
    assert not problems, "\n".join(problems)


def test_snippets_without_a_run_button_are_recorded_with_their_reason(request: pytest.FixtureRequest) -> None:
    """The record lists every snippet that does not run in the browser, with why, and runs of none else."""
    if request.config.getoption("update_examples"):

        def change(old: BrowserRecord | None) -> BrowserRecord:
            new = update(old, {}, dict(sorted(PLAN.excluded.items())))
            return new.model_copy(update={"runs": {k: v for k, v in new.runs.items() if k in PLAN.runnable}})

        modify_record(RECORD, BrowserRecord, change)
    record = read_record(RECORD, BrowserRecord)
    assert record is not None
    assert record.pyodide == load_pins().version, "recorded with another Pyodide: run `make verify`"
    assert record.not_in_browser == PLAN.excluded, "which snippets run in the browser changed: run `make verify`"
    assert set(record.runs) == set(PLAN.runnable), "in-browser runs recorded for other snippets: run `make verify`"


def test_running_loads_everything_from_the_site(run_tab: Tab) -> None:
    """After the runs (same module, same tab): Python, the wheels and the runner came from this site."""
    requested = run_tab.page.evaluate("() => performance.getEntriesByType('resource').map(e => e.name)")
    assert any(u.endswith("pyodide.asm.wasm") for u in requested), "no snippet ran in this tab"
    assert not run_tab.foreign, f"requests to another origin: {run_tab.foreign}"
    assert all(u.startswith(run_tab.base) for u in requested), requested


def test_run_buttons_are_on_exactly_the_runnable_snippets(built_site: BuiltSite) -> None:
    """Every pattern page marks the download links of its runnable snippets, and only those; in the
    browser, its script turns each into a Run button (test_a_page_shows_its_run_buttons)."""
    wrong = []
    for page in current_catalog(DOCS).patterns:
        html = (built_site.path / page.url / "index.html").read_text(encoding="utf-8")
        marked = {m.group(2) for m in DOWNLOAD_LINK.finditer(html) if html[m.end() : m.end() + 13] == " data-pap-run"}
        linked = {m.group(2) for m in DOWNLOAD_LINK.finditer(html)}
        if marked != set(runnable_on(page)) or not linked >= marked:
            wrong.append(f"{page.url}: marked {sorted(marked)}, runnable {runnable_on(page)}")
    assert not wrong, "\n".join(wrong)


def test_build_fails_naming_what_it_could_not_fetch(tmp_path: Path) -> None:
    """An empty cache and no network: the build stops and names each file (never a site without Run)."""
    pins = load_pins()
    dead = "http://127.0.0.1:9/"  # nothing listens on the discard port
    wheel = next(iter(pins.wheels.values()))
    broken = replace(pins, tarball=dead + "pyodide.tgz", wheels={wheel.name: replace(wheel, url=dead + wheel.file)})
    with pytest.raises(FetchError) as failure:
        ensure_cached(broken, cache=tmp_path)
    assert f"could not fetch {dead}pyodide.tgz" in str(failure.value)
    assert f"could not fetch {dead}{wheel.file}" in str(failure.value)
    assert not list(tmp_path.rglob("*.whl"))
