"""Lint, format-check and run one snippet with pytest-examples, comparing its `#>` output.

Run by tests/test_snippets.py in a fresh interpreter per snippet (`python -W error -m pytest`),
so every snippet starts from a clean process: warnings are errors from the first import,
process-wide state (Django settings, event-loop policies, signal handlers) cannot leak between
snippets, and a ResourceWarning or never-awaited coroutine reaches pytest's unraisable-exception
check when the process collects its garbage.
"""

from __future__ import annotations

import gc
import sys
import traceback
from pathlib import Path

import pytest
import pytest_examples.run_code
from pytest_examples import CodeExample, EvalExample

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from tests.support.snippet_files import LINE_LENGTH, RUFF_SELECT, is_test_module

# pytest-examples fakes frames so a traceback points into the Markdown that held the example; those
# frames crash traceback formatting on Python 3.11 + pytest 9. Our example is a whole file run from
# an identical copy, so the real traceback's line numbers are already right: keep it.
pytest_examples.run_code.create_example_traceback = lambda *args: None  # type: ignore[attr-defined]


class SnippetExample(CodeExample):
    def in_py_file(self) -> bool:
        # The example *is* the whole file, not a docstring inside one: keep PEP 8's two blank lines.
        return False


def test_snippet(eval_example: EvalExample, request: pytest.FixtureRequest) -> None:
    path = Path(request.config.getoption("--snippet")).resolve()
    source = path.read_text(encoding="utf-8")
    example = SnippetExample.create(source, path=path, start_line=0)
    eval_example.set_config(
        line_length=LINE_LENGTH,
        quotes="double",
        target_version="py311",  # type: ignore[arg-type]  # the stubs predate py311; black accepts it
        upgrade=True,
        isort=True,
        ruff_select=RUFF_SELECT,
    )
    if eval_example.update_examples:
        eval_example.format(example)
        if not is_test_module(path):
            eval_example.run_print_update(example)
    else:
        eval_example.lint(example)
        if not is_test_module(path):
            try:
                eval_example.run_print_check(example)
            except Exception as exc:
                # Report the snippet's own traceback, naming the snippet instead of the temp copy.
                detail = "".join(traceback.format_exception(exc))
                detail = detail.replace(str(eval_example.tmp_path / f"{example.module_name}.py"), str(path))
                pytest.fail(f"{path} raised {type(exc).__name__}:\n{detail}", pytrace=False)
    gc.collect()  # surface unawaited coroutines and unclosed resources while the test still runs
