"""Every snippet lints, formats clean and runs with its `#>` output matching (pytest-examples), and
runs as a plain script (`python snippet.py`) printing exactly what its verification record shows.

`make verify` (pytest --update-examples) rewrites formatting and `#>` output from a real run and
records the verification (Python and library versions, output) that the site shows.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sitegen import ROOT
from sitegen.verified import stale_fields, update_record
from tests.support.snippet_files import (
    CHECK_ENV,
    check_command,
    is_test_module,
    rel,
    servers_needed,
    snippet_files,
)


def run_as_script(snippet: Path, env: dict[str, str], cwd: Path) -> str:
    """`python snippet.py`, as a reader runs it: it must succeed, and its stdout is recorded."""
    proc = subprocess.run(
        [sys.executable, "-W", "error", str(snippet)], cwd=cwd, env=env, capture_output=True, text=True, timeout=240
    )
    if proc.returncode != 0:
        pytest.fail(f"`python {rel(snippet)}` failed:\n{proc.stdout}\n{proc.stderr}", pytrace=False)
    return proc.stdout


@pytest.mark.parametrize("snippet", snippet_files(), ids=rel)
def test_snippet(snippet: Path, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    update = bool(request.config.getoption("update_examples"))
    env = dict(os.environ)
    for fixture in servers_needed(snippet):
        env[fixture.upper()] = request.getfixturevalue(fixture)
    cmd = check_command(snippet, tmp_path / "check")
    if update:
        cmd.append("--update-examples")
    proc = subprocess.run(cmd, cwd=ROOT, env={**env, **CHECK_ENV}, capture_output=True, text=True, timeout=240)
    if proc.returncode != 0:
        pytest.fail(f"{rel(snippet)} failed its check:\n{proc.stdout}\n{proc.stderr}", pytrace=False)
    stdout = None if is_test_module(snippet) else run_as_script(snippet, env, tmp_path)
    if update:
        update_record(snippet, stdout)
    else:
        stale = stale_fields(snippet, stdout)
        assert not stale, (
            f"{rel(snippet)}: the verification record shown on the site is out of date "
            f"({'; '.join(stale)}); run `make verify SNIPPET={rel(snippet)}` to re-run and re-record it"
        )
