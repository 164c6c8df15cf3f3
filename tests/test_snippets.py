"""Every snippet lints and formats clean (pytest-examples) and runs as a plain script (`python snippet.py`),
once, printing exactly what its verification record shows, with its `#>` comments matching what each print
printed in that run (tests/support/snippet_check.py).

`make verify` (pytest --update-examples) rewrites formatting and `#>` output from a real run and
records the verification (Python and library versions, output) that the site shows.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitegen.verified import stale_fields, update_record
from tests.support.snippet_check import check_snippet
from tests.support.snippet_files import rel, servers_needed, snippet_files


@pytest.mark.parametrize("snippet", snippet_files(), ids=rel)
def test_snippet(snippet: Path, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    env = dict(os.environ)
    for fixture in servers_needed(snippet):
        env[fixture.upper()] = request.getfixturevalue(fixture)
    stdout = check_snippet(snippet, request, tmp_path, env)
    if request.config.getoption("update_examples"):
        update_record(snippet, stdout)
    else:
        stale = stale_fields(snippet, stdout)
        assert not stale, (
            f"{rel(snippet)}: the verification record shown on the site is out of date "
            f"({'; '.join(stale)}); run `make verify SNIPPET={rel(snippet)}` to re-run and re-record it"
        )
