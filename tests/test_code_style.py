"""The project's own Python (site generator, benchmarks, tests) is ruff-clean and ruff-formatted.

Snippets are held to their own, stricter rules by tests/test_snippets.py.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from sitegen import ROOT

CODE = ["sitegen", "benchmarks", "tests"]


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]], ids=["lint", "format"])
def test_ruff(command: list[str]) -> None:
    proc = subprocess.run([sys.executable, "-m", "ruff", *command, *CODE], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
