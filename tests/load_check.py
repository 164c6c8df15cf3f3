"""`make load-check`: every timing-dependent snippet, 20 runs in a row with every core kept busy.

No printed result may depend on the machine being idle: a snippet that sleeps, waits, starts threads,
processes, tasks or a server must print its recorded output however loaded the machine is. This
runs each such snippet (`timing_dependent`) RUNS times in a row, one at a time, beside one spinning
process per core, and compares every run with the snippet's recorded output on this Python (a test
module: it must end as its page says). The result is recorded in canary/load-runs.json with the
snippet's hash; the suite requires a passing record for the current source of every such snippet
(tests/test_snippets.py), so an edit is not done until it has survived the load again.

Not part of `make test` (pytest collects only test_*.py): 44 snippets x 20 runs take about half an
hour. Run it after editing a timing-dependent snippet: `make load-check SNIPPET=path`.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitegen.records import LoadRun, LoadRuns, load_runs_path, modify_record, snippet_record
from sitegen.verified import key, sha256
from tests.support.pytest_snippets import expected, run_module, server_env
from tests.support.snippet_files import is_test_module, rel, snippet_files, timing_dependent
from tests.support.version_runs import check_module_ends_as_shown, python_version, run_script

RUNS = int(os.environ.get("LOAD_RUNS", "20"))
PYTHON = Path(sys.executable)
VERSION = f"{sys.version_info.major}.{sys.version_info.minor}"


@pytest.fixture(scope="session")
def busy_cores() -> Iterator[int]:
    """One process per core spinning for as long as the check runs."""
    count = os.cpu_count() or 1
    spinners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(count)]
    try:
        yield count
    finally:
        for spinner in spinners:
            spinner.kill()
            spinner.wait()


def _problem(snippet: Path, request: pytest.FixtureRequest, tmp_path: Path) -> str | None:
    """What one run got wrong, or None when it printed (or ended) as recorded."""
    if is_test_module(snippet):
        want = expected(snippet)
        run = run_module(snippet, tmp_path, args=want.args, env=server_env(snippet, request))
        try:
            check_module_ends_as_shown(snippet, run, rel(snippet))
        except AssertionError as failure:
            return str(failure)[-3000:]
        return None
    shown = snippet_record(key(snippet))
    recorded = shown.runs[VERSION].stdout if shown and VERSION in shown.runs else None
    if recorded is None:
        return f"no recorded output on Python {VERSION}: run `make verify SNIPPET={rel(snippet)}` first"
    proc = run_script(snippet, PYTHON, request, tmp_path)
    if proc.returncode != 0:
        return f"failed:\n{proc.stderr[-3000:]}"
    if proc.stdout != recorded:
        return f"printed:\n{proc.stdout}\ninstead of:\n{recorded}"
    return None


# 20 runs on a loaded machine outlast the suite's per-test limit (300 s): a minute a run, at most.
@pytest.mark.timeout(RUNS * 60)
@pytest.mark.parametrize("snippet", [s for s in snippet_files() if timing_dependent(s)], ids=rel)
def test_snippet_under_load(
    snippet: Path, busy_cores: int, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> None:
    source = sha256(snippet)
    passed, first_problem = 0, None
    for i in range(RUNS):
        try:
            problem = _problem(snippet, request, tmp_path_factory.mktemp(f"run{i}"))
        except subprocess.TimeoutExpired as timeout:  # a hang is a failed run, recorded like any other
            problem = f"did not finish in {timeout.timeout:g} s"
        if problem is None:
            passed += 1
        elif first_problem is None:
            first_problem = f"run {i + 1}: {problem}"
    run = LoadRun(
        sha256=source,
        python=python_version(PYTHON),
        runs=RUNS,
        passed=passed,
        busy_processes=busy_cores,
        checked_on=dt.date.today(),
        problem=first_problem,
    )

    def change(old: LoadRuns | None) -> LoadRuns:
        snippets = dict(old.snippets) if old else {}
        snippets[key(snippet)] = run
        return LoadRuns(snippets=dict(sorted(snippets.items())))

    modify_record(load_runs_path(), LoadRuns, change)
    assert passed == RUNS, f"{rel(snippet)}: {RUNS - passed} of {RUNS} runs under load differed; {first_problem}"
