"""Lint and format-check one snippet with pytest-examples, run it once as a reader does, and check its
`#>` output against that run.

The run is `python -W error snippet.py` in a fresh process, with the print recorder loaded at start-up
(tests/support/print_recorder): every print still prints, so its stdout is the reader's and is what the
verification record holds, and the recorder notes each print the snippet file makes (line and arguments)
for pytest-examples to compare with the `#>` comments, or to write them with `--update-examples`. It also
notes each exception Python ignored (an unawaited coroutine, an unclosed file: `-W error` turns those
warnings into exceptions inside `__del__`, which leave the exit status 0); any fails the check.

Before, pytest-examples ran each snippet a second time inside a pytest process of its own: 166 runs and
166 pytest start-ups more per suite for the same `#>` comparison, about a tenth of the suite's time.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from pytest_examples import CodeExample, EvalExample
from pytest_examples.run_code import Arg, InsertPrintStatements, PrintStatement

from sitegen import ROOT
from tests.support.snippet_files import LINE_LENGTH, RUFF_SELECT, is_test_module

RECORDER = Path(__file__).with_name("print_recorder")


class SnippetExample(CodeExample):
    def in_py_file(self) -> bool:
        # The example *is* the whole file, not a docstring inside one: keep PEP 8's two blank lines.
        return False


@dataclass(frozen=True)
class RecordedRun:
    proc: subprocess.CompletedProcess[str]
    prints: list[PrintStatement]
    ignored: list[str]  # exceptions Python ignored: each one a leak or an unawaited coroutine


def evaluator(request: pytest.FixtureRequest, tmp_path: Path) -> EvalExample:
    ev = EvalExample(tmp_path=tmp_path, pytest_request=request)
    ev.set_config(
        line_length=LINE_LENGTH,
        quotes="double",
        target_version="py311",  # type: ignore[arg-type]  # the stubs predate py311; black accepts it
        upgrade=True,
        isort=True,
        ruff_select=RUFF_SELECT,
    )
    return ev


def _name(path: Path) -> str:
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)


def _arg(data: str, is_str: bool) -> Arg:
    arg = Arg.__new__(Arg)  # as pytest-examples made it in the run (the recorder applied Arg's rules)
    arg.data, arg.is_str = data, is_str
    return arg


def run_recorded(snippet: Path, env: dict[str, str], cwd: Path, timeout: float = 240) -> RecordedRun:
    """`python -W error snippet.py` as a reader runs it, with its prints and ignored exceptions recorded."""
    out = cwd / "prints.json"
    out.unlink(missing_ok=True)
    path = os.pathsep.join(p for p in (str(RECORDER), env.get("PYTHONPATH", "")) if p)
    run_env = {**env, "PYTHONPATH": path, "PAP_PRINTS": str(out), "PAP_PRINTS_FROM": str(snippet)}
    proc = subprocess.run(
        [sys.executable, "-W", "error", str(snippet)],
        cwd=cwd,
        env=run_env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if proc.returncode != 0:
        return RecordedRun(proc, [], [])
    if not out.exists():
        pytest.fail(f"{_name(snippet)}: the print recorder wrote nothing (another sitecustomize on the path?)")
    data = json.loads(out.read_text(encoding="utf-8"))
    prints = [PrintStatement(line, sep, [_arg(*a) for a in args]) for line, sep, args in data["prints"]]
    return RecordedRun(proc, prints, data["ignored"])


def check_snippet(snippet: Path, request: pytest.FixtureRequest, tmp_path: Path, env: dict[str, str]) -> str | None:
    """Lint the snippet (with `--update-examples`: format it), run it, check (write) its `#>` comments.

    Returns what the run printed, or None for a test module (pytest runs those, tests/test_pytest_snippets.py).
    """
    update = bool(request.config.getoption("update_examples"))
    example = SnippetExample.create(snippet.read_text(encoding="utf-8"), path=snippet, start_line=0)
    ev = evaluator(request, tmp_path / "lint")
    if update:
        ev.format(example)
        snippet.write_text(example.source, encoding="utf-8")
    else:
        ev.lint(example)
    if is_test_module(snippet):
        return None
    run = run_recorded(snippet, env, tmp_path)
    if run.proc.returncode != 0:
        pytest.fail(f"`python {_name(snippet)}` failed:\n{run.proc.stdout}\n{run.proc.stderr}", pytrace=False)
    if run.ignored:
        pytest.fail(f"{_name(snippet)}: exceptions ignored during the run:\n" + "\n".join(run.ignored), pytrace=False)
    prints = InsertPrintStatements(snippet, ev.config, True, None, None)
    assert prints.print_func is not None
    # By line, each line's outputs in the order they were printed: pytest-examples inserts the comments
    # from the last line up, so a print that ran before one above it (a function called from a loop
    # further down) would land its comments on the wrong line.
    prints.print_func.statements = sorted(run.prints, key=lambda s: s.line_no)
    if update:
        snippet.write_text(prints.updated_print_statements(example) or example.source, encoding="utf-8")
    else:
        prints.check_print_statements(example)
    return run.proc.stdout
