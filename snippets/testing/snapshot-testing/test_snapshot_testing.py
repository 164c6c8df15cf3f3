"""Each snapshot test run as a project runs it: recorded once, then checked."""

import inspect
from decimal import ROUND_HALF_EVEN
from types import ModuleType

import invoices
import pytest
import snapshot_right
import snapshot_wrong

pytest_plugins = ["pytester"]  # runs pytest on a test file in a temporary folder

# What the project commits for snapshot_right.py: the volatile fields as their type, every
# other value pinned.
RECORDED = """\
# serializer version: 1
# name: test_invoice
  dict({
    'customer': 'ada@example.com',
    'id': str,
    'issued_at': datetime,
    'lines': list([
      dict({
        'quantity': 3,
        'sku': 'PEN',
        'unit_price': '2.50',
      }),
    ]),
    'net': '7.50',
    'total': '8.93',
    'vat': '1.43',
  })
# ---
"""


@pytest.fixture
def project(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> pytest.Pytester:
    """A fresh project folder whose pytest runs load syrupy and no other plugin."""
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    pytester.makeini("[pytest]\naddopts = -p syrupy\n")
    return pytester


def record(project: pytest.Pytester, tests: ModuleType) -> None:
    """Save `tests` as test_invoice.py and record its snapshot, as a first run does.

    pytester runs pytest in this process: the saved test imports the `invoices` module
    imported above, the one that regress() patches.
    """
    project.makepyfile(test_invoice=inspect.getsource(tests))
    project.runpytest("--snapshot-update").assert_outcomes(passed=1)


def stored(project: pytest.Pytester) -> str:
    """What the project would commit: __snapshots__/test_invoice.ambr."""
    return (project.path / "__snapshots__" / "test_invoice.ambr").read_text("utf-8")


def regress(monkeypatch: pytest.MonkeyPatch) -> None:
    """A refactor drops the rounding rule: VAT of 1.425 becomes 1.42, not 1.43."""
    monkeypatch.setattr(invoices, "ROUNDING", ROUND_HALF_EVEN)


def test_whole_response_fails_on_unchanged_code(project: pytest.Pytester) -> None:
    record(project, snapshot_wrong)
    rerun = project.runpytest()
    rerun.assert_outcomes(failed=1)
    rerun.stdout.fnmatch_lines(["*- *'id': '*',", "*+ *'id': '*',"])


def test_update_by_reflex_records_the_regression(
    project: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    record(project, snapshot_wrong)
    assert "'vat': '1.43'" in stored(project)
    regress(monkeypatch)
    # The test fails on every run anyway, so someone updates the snapshot...
    project.runpytest("--snapshot-update").assert_outcomes(passed=1)
    # ...and the wrong VAT is now the recorded truth.
    assert "'vat': '1.42'" in stored(project)


def test_matched_response_passes_on_unchanged_code(project: pytest.Pytester) -> None:
    record(project, snapshot_right)
    assert stored(project) == RECORDED
    project.runpytest().assert_outcomes(passed=1)


def test_matched_response_fails_on_the_regression_alone(
    project: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    record(project, snapshot_right)
    regress(monkeypatch)
    rerun = project.runpytest()
    rerun.assert_outcomes(failed=1)
    # The diff, as pytest prints it: the wrong VAT and total, and nothing else.
    rerun.stdout.fnmatch_lines(
        [
            "E *dict({",
            "E *...",
            "E *  'net': '7.50',",
            "E *-   'total': '8.93',",
            "E *+   'total': '8.92',",
            "E *-   'vat': '1.43',",
            "E *+   'vat': '1.42',",
            "E *})",
        ],
        consecutive=True,
    )
    # Recording new tests without rewriting reviewed snapshots: still a failure.
    project.runpytest("--snapshot-update-new-only").assert_outcomes(failed=1)
    assert "'vat': '1.43'" in stored(project)
