"""Branch coverage, then a small mutation test, of shipping.py under each of its test modules."""

import contextlib
import io
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import coverage
import pytest

HERE = Path(__file__).parent
# Each mutant is one small bug, as a slip of the keyboard makes it. Tests that check
# the results fail on every one ("killed"); a mutant they pass is a bug they miss.
MUTANTS = {
    "boundary": (">= FREE_FROM", "> FREE_FROM"),
    "never-free": ("fee = 0", "fee = 4_99"),
    "surcharge-replaces-fee": ("fee += SURCHARGE", "fee = SURCHARGE"),
}


@contextlib.contextmanager
def project(tests: str, shipping: str) -> Iterator[None]:
    """Work in a fresh copy of the project whose shipping.py holds `shipping`."""
    with tempfile.TemporaryDirectory() as tmp, contextlib.chdir(tmp):
        Path("shipping.py").write_text(shipping, encoding="utf-8")
        shutil.copy(HERE / tests, tests)
        # An empty pytest.ini: your project's pytest settings do not apply here.
        Path("pytest.ini").write_text("[pytest]\n", encoding="utf-8")
        for name in ("shipping", Path(tests).stem):
            sys.modules.pop(name, None)  # import this copy, not the previous run's
        yield


class Failed:
    """A pytest plugin that keeps the names of the tests that failed."""

    def __init__(self) -> None:
        self.tests: list[str] = []

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.failed:
            self.tests.append(report.nodeid.partition("::")[2])


def run_tests(tests: str) -> tuple[int, list[str]]:
    """Run the pytest module in this process: its exit code and the tests that failed."""
    # Quiet (no terminal reporter), and only pytest's own plugins, none installed.
    args = ["-p", "no:terminal", "-p", "no:cacheprovider", "--disable-plugin-autoload"]
    args += ["-p", "no:unraisableexception"]  # skips a gc.collect() per run
    failed = Failed()
    return pytest.main([*args, tests], plugins=[failed]), failed.tests


def fate(exit_code: int, failed: list[str]) -> str:
    if exit_code == pytest.ExitCode.OK:
        return "survived"
    if exit_code == pytest.ExitCode.TESTS_FAILED:
        return f"killed by {', '.join(failed)}"
    # No verdict: the tests did not run (an import error, no test collected, bad usage).
    return (
        f"no verdict, pytest could not run the tests: {pytest.ExitCode(exit_code).name}"
    )


def check(tests: str) -> str:
    """Coverage.py's branch report of shipping.py under `tests`, then each mutant's fate."""
    source = (HERE / "shipping.py").read_text(encoding="utf-8")
    with project(tests, source):
        cov = coverage.Coverage(data_file=None, branch=True, include=["shipping.py"])
        with cov.collect():
            exit_code, _ = run_tests(tests)
        report = io.StringIO()
        cov.report(file=report, show_missing=True)
    passed = exit_code == pytest.ExitCode.OK
    lines = [f"{tests}: every test passed: {passed}", report.getvalue().rstrip()]
    if not passed:  # a mutant tells nothing if the tests already fail without it
        return "\n".join(lines)
    for name, (old, new) in MUTANTS.items():
        with project(tests, source.replace(old, new)):
            lines.append(f"mutant {name}: {fate(*run_tests(tests))}")
    return "\n".join(lines)


print(check("test_shipping_wrong.py"))
"""
test_shipping_wrong.py: every test passed: True
Name          Stmts   Miss Branch BrPart  Cover   Missing
---------------------------------------------------------
shipping.py       9      0      4      2    85%   9->11, 11->13
---------------------------------------------------------
TOTAL             9      0      4      2    85%
mutant boundary: survived
mutant never-free: survived
mutant surcharge-replaces-fee: survived
"""
print(check("test_shipping.py"))
"""
test_shipping.py: every test passed: True
Name          Stmts   Miss Branch BrPart  Cover   Missing
---------------------------------------------------------
shipping.py       9      0      4      0   100%
---------------------------------------------------------
TOTAL             9      0      4      0   100%
mutant boundary: killed by test_free_from_the_threshold
mutant never-free: killed by test_free_from_the_threshold
mutant surcharge-replaces-fee: killed by test_surcharge_abroad_adds_to_the_fee
"""
