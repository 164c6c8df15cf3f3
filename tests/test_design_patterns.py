"""Design section: a Redis snippet run without REDIS_URL says how to provide one, and exits."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sitegen import ROOT, SNIPPETS
from tests.support.snippet_files import rel

REDIS_SNIPPETS = sorted(p for p in (SNIPPETS / "design").rglob("*.py") if "REDIS_URL" in p.read_text(encoding="utf-8"))


def test_there_are_redis_snippets() -> None:
    assert REDIS_SNIPPETS, "no design snippet reads REDIS_URL: the check below would test nothing"


@pytest.mark.parametrize("snippet", REDIS_SNIPPETS, ids=rel)
def test_missing_redis_url_exits_with_instructions(snippet: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    proc = subprocess.run(
        [sys.executable, "-W", "error", str(snippet)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == ""
    message = proc.stderr.strip()
    assert "REDIS_URL=redis://127.0.0.1:6379/0 python" in message, message
    assert "apt-get install redis-server" in message, message
    assert snippet.name in message, message
