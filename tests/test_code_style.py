"""The project's own Python (site generator, benchmarks, tests) is ruff-clean, ruff-formatted and type-checked.

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


def test_mypy_strict() -> None:
    # `make typecheck`: the site generator, benchmarks and tests, strict (pyproject.toml [tool.mypy]).
    proc = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
