"""The Testing section's snippets are pytest test modules: run each one and check what it shows.

- Every `snippets/testing/test_*.py` runs with pytest in its own process (tests/pytest_snippets.py)
  and ends the way its page says: all tests pass, or, for a wrong-way demo, exactly the tests
  named below fail. When the suite gives it a server (POSTGRES_URL), no test may be skipped.
- The page shows the run's real, normalised output: the committed `test_<x>.txt` next to the
  module must match it; `--update-examples` (`make verify`) rewrites it instead.
- A module that needs a server also runs without one, the way a reader without PostgreSQL runs
  it: its tests for that server are skipped with a reason, never silently passed
  (`test_<x>.no-server.txt`).
- Each page's tests catch deliberately broken variants of its code under test: the mutations its
  front matter declares (`proofs:`), run by tests/test_proofs.py.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from sitegen import SNIPPETS
from sitegen.catalog import load_catalog
from sitegen.project import project
from tests.support.pytest_snippets import (
    SECTION,
    PytestRun,
    expected,
    normalise,
    output_file,
    run_module,
    server_env,
    snippet_test_modules,
    unstable_parts,
)
from tests.support.snippet_files import SERVER_VARIABLES, rel


def check_output(run: PytestRun, committed: Path, request: pytest.FixtureRequest) -> None:
    unstable = unstable_parts(run.output)
    assert not unstable, f"the output shows memory addresses {unstable}: it would change on every run\n{run.output}"
    if request.config.getoption("update_examples"):
        committed.write_text(run.output, encoding="utf-8")
        return
    if not committed.exists():
        pytest.fail(f"{rel(committed)} is missing: run `make verify` to record it", pytrace=False)
    shown = committed.read_text(encoding="utf-8")
    if shown != run.output:
        diff = "".join(
            difflib.unified_diff(
                shown.splitlines(keepends=True),
                run.output.splitlines(keepends=True),
                "page shows",
                "pytest printed",
            )
        )
        pytest.fail(
            f"{rel(committed)} is not what pytest prints now (`make verify` rewrites it):\n{diff}",
            pytrace=False,
        )


@pytest.mark.parametrize("module", snippet_test_modules(), ids=rel)
def test_module_passes_and_shows_its_output(module: Path, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    want = expected(module)
    env = server_env(module, request)
    run = run_module(module, tmp_path, args=want.args, env=env)
    assert run.returncode in (0, 1), run.describe()  # 2-5: interrupted, internal or usage error
    assert sorted(run.not_passed) == sorted(want.fail), (
        f"expected {'failures of ' + ', '.join(want.fail) if want.fail else 'every test to pass'}; "
        f"got {run.counts}\n{run.describe()}"
    )
    if env:
        assert not run.counts.get("skipped"), (
            f"tests were skipped although {', '.join(env)} was given\n{run.describe()}"
        )
    assert not run.counts.get("xpassed"), run.describe()
    check_output(run, output_file(module), request)


def needs_servers(module: Path) -> bool:
    return any(var in module.read_text(encoding="utf-8") for var in SERVER_VARIABLES)


@pytest.mark.parametrize("module", [m for m in snippet_test_modules() if needs_servers(m)], ids=rel)
def test_module_without_servers_skips_with_a_reason(
    module: Path, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    source = module.read_text(encoding="utf-8")
    unset = [var for var in SERVER_VARIABLES if var in source]
    run = run_module(module, tmp_path, args=expected(module).args, unset=unset)
    assert sorted(run.not_passed) == sorted(expected(module).failing(with_servers=False)), run.describe()
    assert run.counts.get("skipped"), f"nothing was skipped without a server: was the server really used?\n{run.raw}"
    for var in unset:
        assert f"{var} is not set" in run.output, f"the skip reason does not say that {var} is not set\n{run.raw}"
    check_output(run, output_file(module, "no-server"), request)


def test_every_output_file_belongs_to_a_run() -> None:
    runs = {output_file(m) for m in snippet_test_modules()}
    runs |= {output_file(m, "no-server") for m in snippet_test_modules() if needs_servers(m)}
    # Runs of broken variants that a page shows: declared in its front matter (tests/test_proofs.py runs them).
    for pattern in load_catalog(project().docs).patterns:
        folder = SNIPPETS / pattern.section / Path(pattern.path).stem
        for proof in pattern.meta.proofs.values():
            if proof.run:
                runs |= {output_file(folder / proof.run, m.name) for m in proof.mutations if m.shown}
    orphans = [rel(p) for p in SECTION.glob("*/test_*.txt") if p not in runs]
    assert not orphans, f"outputs of runs the suite no longer makes: {orphans}"


def test_a_parallel_runs_summary_is_sorted_within_each_outcome() -> None:
    # pytest-xdist reports in the order its workers finish: sorted, a page's output stays put, and the
    # outcomes keep pytest's order. -q ends with a bare count line, whose timing goes too.
    raw = (
        "FF.                                                                      [100%]\n"
        "=========================== short test summary info ============================\n"
        "PASSED t.py::test_b\nFAILED t.py::test_z - assert 1 == 2\nFAILED t.py::test_a - assert 4 == 2\n"
        "2 failed, 1 passed in 0.61s\n"
    )
    lines = normalise(raw, Path("/nowhere"), parallel=True).splitlines()
    assert lines[2:] == [
        "PASSED t.py::test_b",
        "FAILED t.py::test_a - assert 4 == 2",
        "FAILED t.py::test_z - assert 1 == 2",
        "2 failed, 1 passed",
    ]
    assert normalise(raw, Path("/nowhere")).splitlines()[3] == "FAILED t.py::test_z - assert 1 == 2"
