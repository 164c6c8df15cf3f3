"""No printed result depends on the machine being idle: every timing-dependent snippet has survived
20 runs in a row with every core busy (`make load-check`, tests/load_check.py), for its current source.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.records import load_runs
from sitegen.verified import key, sha256
from tests.support.snippet_files import rel, snippet_files, timing_dependent

LOAD_RUNS = 20  # consecutive runs with every core busy, each printing the recorded output


@pytest.mark.parametrize("snippet", [s for s in snippet_files() if timing_dependent(s)], ids=rel)
def test_timing_dependent_snippet_survived_load(snippet: Path) -> None:
    # The load check itself is too slow for the suite (20 runs of each); its record, made for this
    # very source, is what the suite can require.
    fix = f"run `make load-check SNIPPET={rel(snippet)}`"
    runs = load_runs()
    run = runs.snippets.get(key(snippet)) if runs else None
    assert run is not None, f"{rel(snippet)} sleeps, waits or runs concurrently but was never run under load; {fix}"
    assert run.sha256 == sha256(snippet), f"{rel(snippet)} changed since its runs under load; {fix}"
    assert run.runs >= LOAD_RUNS and run.busy_processes >= 2, (
        f"{rel(snippet)}: {run.runs} runs beside {run.busy_processes} busy processes; {fix}"
    )
    assert run.passed == run.runs, (
        f"{rel(snippet)}: {run.runs - run.passed} of {run.runs} runs under load differed: {run.problem}"
    )
