"""Recording and checking one Python version's run of a snippet (issue 15): shared by the tests
that run snippets on versions other than the one running the suite.

Each version has one writer: 3.11 tests/test_snippets.py (the suite's own interpreter), 3.12
tests/test_install_lines.py (a clean virtualenv per page, made from the page's install line
alone), 3.13 and 3.14 tests/test_python_versions.py (the virtualenvs of `.ci/make-venvs`).
"""

from __future__ import annotations

import difflib
import functools
import json
import os
import subprocess
from pathlib import Path

import pytest

from sitegen.records import PythonRun, snippet_record
from sitegen.verified import imported_distributions, key, stale_fields, update_run
from tests.support import forked_runs
from tests.support.pytest_snippets import PytestRun, expected, output_file, summary_counts
from tests.support.snippet_files import rel, servers_needed


@functools.cache
def installed(python: Path) -> dict[str, str]:
    """Distribution name (lower case) -> version, in the environment of `python`."""
    script = (
        "import importlib.metadata as md, json;"
        "print(json.dumps({d.metadata['Name'].lower(): d.version for d in md.distributions()}))"
    )
    proc = subprocess.run([str(python), "-c", script], capture_output=True, text=True, check=True)
    found: dict[str, str] = json.loads(proc.stdout)
    return found


@functools.cache
def python_version(python: Path) -> str:
    """The exact version, such as 3.12.1, of `python`."""
    script = "import platform; print(platform.python_version())"
    return subprocess.run([str(python), "-c", script], capture_output=True, text=True, check=True).stdout.strip()


def run_of(snippet: Path, python: Path, stdout: str | None) -> PythonRun:
    """What a run of `snippet` by `python` records: its version, the versions there of the
    distributions the snippet imports, and what it printed (None: a test module)."""
    wanted = imported_distributions(snippet.read_text(encoding="utf-8"))
    there = installed(python)
    absent = sorted(set(wanted) - set(there))
    if absent:
        pytest.fail(f"{rel(snippet)} imports {absent}, not installed for {python}", pytrace=False)
    return PythonRun(python=python_version(python), packages={n: there[n] for n in wanted}, stdout=stdout)


def check_or_record(snippet: Path, version: str, run: PythonRun, request: pytest.FixtureRequest) -> None:
    """Under --update-examples (`make verify`) record `run` as `version`'s; otherwise fail, with the
    difference, unless the record holds exactly that run."""
    if request.config.getoption("update_examples"):
        update_run(snippet, version, run)
        return
    stale = stale_fields(snippet, None, version, run)
    if not stale:
        return
    record = snippet_record(key(snippet))
    recorded = record.runs.get(version) if record else None
    diff = ""
    if recorded is not None and recorded.stdout != run.stdout:
        diff = "".join(
            difflib.unified_diff(
                (recorded.stdout or "").splitlines(keepends=True),
                (run.stdout or "").splitlines(keepends=True),
                f"recorded for Python {version}",
                f"printed by Python {run.python}",
            )
        )
    pytest.fail(
        f"{rel(snippet)} on Python {version}: the record is out of date ({'; '.join(stale)}); "
        f"`make verify SNIPPET={rel(snippet)}` re-runs it on every version\n{diff}",
        pytrace=False,
    )


def check_module_ends_as_shown(module: Path, run: PytestRun, where: str) -> None:
    """A test module's run ends exactly as the run its page shows (3.11's, with its servers): the same
    exit status, the same failing tests and the same counts, so a pytest that never started, a test
    skipped or one not collected is caught too."""
    want = expected(module)
    shown = summary_counts(output_file(module).read_text(encoding="utf-8"))
    assert run.returncode == (1 if want.fail else 0), f"{where}: pytest exited with {run.returncode}\n{run.describe()}"
    assert sorted(run.not_passed) == sorted(want.fail), f"{where}: failing tests {run.not_passed}\n{run.describe()}"
    assert run.counts == shown, f"{where}: counts {run.counts}, the page shows {shown}\n{run.describe()}"


def run_script(
    snippet: Path, python: Path, request: pytest.FixtureRequest, cwd: Path, *, fork: bool = False
) -> subprocess.CompletedProcess[str]:
    """`python -W error snippet.py`, as a reader runs it, with the real servers the snippet reads; with
    `fork`, forked from a zygote that has imported its libraries (tests/support/forked_runs.py) unless
    this run records (`--update-examples`): records come from real processes only."""
    env = dict(os.environ)
    for fixture in servers_needed(snippet):
        env[fixture.upper()] = request.getfixturevalue(fixture)
    fork = fork and not request.config.getoption("update_examples")
    return forked_runs.run_script(python, snippet, cwd, env, fork=fork)
