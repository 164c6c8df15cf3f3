"""`make test-latest`: every snippet with the newest releases of the libraries it imports.

A canary, not part of `make test` (pytest collects only test_*.py; this file runs when named): the
registries change every day, and a new release that breaks a snippet must not block the suite. It
runs in `.venvs/latest` (Python 3.14, made by `.ci/make-venvs latest` from the distributions the
snippets import, unpinned and upgraded), and records each snippet's result with the versions it
ran with in canary/latest-releases.json, dated. A plain snippet passes when it prints what its
record holds for 3.14; a test module when it ends as its page says. The page of a snippet that
passed says so under its code; one that did not fails here, naming the problem.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sitegen import ROOT
from sitegen.records import LatestReleases, LatestRun, latest_path, modify_record, snippet_record
from sitegen.verified import key, sha256
from tests.support.pytest_snippets import expected, run_module, server_env
from tests.support.snippet_files import is_test_module, rel, snippet_files
from tests.support.version_runs import check_module_ends_as_shown, installed, python_version, run_script

LATEST = ROOT / ".venvs" / "latest" / "bin" / "python"
VERSION = "3.14"  # the record a snippet's output is compared with: the Python the canary runs


def python() -> Path:
    if not (LATEST.parent.parent / ".installed").exists():
        pytest.fail("no .venvs/latest: `make test-latest` makes it (`bash .ci/make-venvs latest`)", pytrace=False)
    return LATEST


def record(snippet: Path, passed: bool, problem: str | None) -> None:
    py = python()
    wanted = snippet_record(key(snippet))
    names = list(wanted.runs[VERSION].packages) if wanted and VERSION in wanted.runs else []
    there = installed(py)
    run = LatestRun(
        sha256=sha256(snippet), packages={n: there[n] for n in names if n in there}, passed=passed, problem=problem
    )

    def change(old: LatestReleases | None) -> LatestReleases:
        snippets = dict(old.snippets) if old else {}
        snippets[key(snippet)] = run
        ordered = dict(sorted(snippets.items()))
        return LatestReleases(python=python_version(py), checked_on=dt.date.today(), snippets=ordered)

    modify_record(latest_path(), LatestReleases, change)


@pytest.mark.parametrize("snippet", snippet_files(), ids=rel)
def test_snippet_with_the_newest_releases(snippet: Path, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    py = python()
    problem = None
    if is_test_module(snippet):
        want = expected(snippet)
        run = run_module(snippet, tmp_path, args=want.args, env=server_env(snippet, request), python=str(py))
        try:
            check_module_ends_as_shown(snippet, run, rel(snippet))
        except AssertionError as failure:
            problem = str(failure)[-3000:]
    else:
        proc = run_script(snippet, py, request, tmp_path)
        shown = snippet_record(key(snippet))
        recorded = shown.runs[VERSION].stdout if shown and VERSION in shown.runs else None
        if proc.returncode != 0:
            problem = f"failed:\n{proc.stderr[-3000:]}"
        elif proc.stdout != recorded:
            problem = f"printed something else:\n{proc.stdout}\ninstead of:\n{recorded}"
    record(snippet, problem is None, problem)
    assert problem is None, f"{rel(snippet)} with the newest releases: {problem}"
