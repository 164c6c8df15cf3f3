"""The snippet check fails for each kind of broken snippet (so a green run means something)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.snippet_check import check_snippet

GOOD = '''"""A correct snippet."""

print(sum([1, 2, 3]))
#> 6
'''

BROKEN = {
    "wrong-output": (GOOD.replace("#> 6", "#> 7"), "Print output changed code"),
    "output-not-shown": (GOOD.replace("#> 6\n", ""), "Print output changed code"),
    "lint-error": (GOOD.replace('"""\n', '"""\n\nimport os\n', 1), "F401"),
    "not-formatted": (GOOD.replace("sum([1, 2, 3])", "sum( [1,2,3] )"), "black failed"),
    "exception": (GOOD.replace("sum([1, 2, 3])", "1 / 0"), "ZeroDivisionError"),
    "never-awaited": (
        '"""Forgets to await."""\n\nimport asyncio\n\n\nasync def work() -> int:\n'
        "    return 1\n\n\nasync def main() -> None:\n    work()\n\n\nasyncio.run(main())\n",
        "was never awaited",
    ),
    "unclosed-file": (
        '"""Leaves a file open."""\n\nimport tempfile\n\n'
        'handle = tempfile.TemporaryFile()  # noqa: SIM115\nhandle.write(b"x")\ndel handle\n',
        "ResourceWarning",
    ),
    "deprecation-warning": (
        '"""Uses a deprecated API."""\n\nimport warnings\n\n'
        'warnings.warn("old API", DeprecationWarning, stacklevel=1)\n',
        "DeprecationWarning",
    ),
}


# Prints that pytest-examples never sees need no `#>` comment: a child process's (its own interpreter).
CHILD = 'import subprocess\nimport sys\n\nsubprocess.run([sys.executable, "-c", "print(1)"], check=True)\n'
CHILD_PRINTS = GOOD.replace('"""\n', f'"""\n\n{CHILD}', 1)


def check(path: Path, request: pytest.FixtureRequest) -> str:
    """What the check says: "" when the snippet passes, else its failure message."""
    try:
        check_snippet(path, request, path.parent, {"PATH": "/usr/bin:/bin"})
    except pytest.fail.Exception as exc:
        return str(exc) or "failed"
    return ""


# A print that runs before one above it (a function called from a loop further down): each line's
# comments hold its outputs in the order they were printed.
OUT_OF_LINE_ORDER = '''"""Prints from a function called in a loop below it."""


def show(name: str) -> None:
    print(name)
    #> a
    #> b


for name in ("a", "b"):
    show(name)
    print("done", name)
    #> done a
    #> done b
'''


# A print to a file is not output (mypy, compiled without frames, writing its cache's .gitignore seemed to
# print from the snippet line that called it).
PRINT_TO_FILE = GOOD.replace(
    '"""\n', '"""\n\nimport tempfile\n\nwith tempfile.TemporaryFile("w+") as fh:\n    print("not output", file=fh)\n', 1
)


@pytest.mark.parametrize(
    "source",
    [GOOD, CHILD_PRINTS, OUT_OF_LINE_ORDER, PRINT_TO_FILE],
    ids=["good", "child-prints", "out-of-line-order", "print-to-file"],
)
def test_a_correct_snippet_passes(tmp_path: Path, request: pytest.FixtureRequest, source: str) -> None:
    path = tmp_path / "good.py"
    path.write_text(source)
    assert check(path, request) == ""


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_a_broken_snippet_fails(tmp_path: Path, request: pytest.FixtureRequest, kind: str) -> None:
    source, message = BROKEN[kind]
    path = tmp_path / "broken.py"
    path.write_text(source)
    verdict = check(path, request)
    assert verdict, f"{kind}: the check passed a broken snippet"
    assert message in verdict, verdict
