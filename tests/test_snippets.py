"""Every snippet lints, formats clean and runs with its `#>` output matching (pytest-examples).

`make verify` (pytest --update-examples) rewrites formatting and `#>` output from a real run and
records the verification (Python and library versions, date) that the site shows.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sitegen import ROOT
from sitegen.verified import stale_fields, write_record
from tests.snippet_files import rel, servers_needed, snippet_files

CHECK = ROOT / "tests" / "snippet_check"


@pytest.mark.parametrize("snippet", snippet_files(), ids=rel)
def test_snippet(snippet: Path, request: pytest.FixtureRequest) -> None:
    update = bool(request.config.getoption("update_examples"))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for fixture in servers_needed(snippet):
        env[fixture.upper()] = request.getfixturevalue(fixture)
    cmd = [
        sys.executable, "-W", "error", "-m", "pytest",
        "-c", str(CHECK / "pytest.ini"), "--rootdir", str(CHECK),
        str(CHECK / "check_snippet.py"), f"--snippet={snippet}",
    ]  # fmt: skip
    if update:
        cmd.append("--update-examples")
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=240)
    if proc.returncode != 0:
        pytest.fail(f"{rel(snippet)} failed its check:\n{proc.stdout}\n{proc.stderr}", pytrace=False)
    if update:
        write_record(snippet)
    else:
        stale = stale_fields(snippet)
        assert not stale, (
            f"{rel(snippet)}: the verification record shown on the site is out of date "
            f"({'; '.join(stale)}); run `make verify` to re-run and re-record it"
        )
