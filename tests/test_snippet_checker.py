"""The snippet check fails for each kind of broken snippet (so a green run means something)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from sitegen import ROOT
from tests.support.snippet_files import CHECK_ENV, check_command

GOOD = '''"""A correct snippet."""

print(sum([1, 2, 3]))
#> 6
'''

BROKEN = {
    "wrong-output": (GOOD.replace("#> 6", "#> 7"), "Print output changed code"),
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


def check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        check_command(path, path.parent / "basetemp"), cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={"PATH": "/usr/bin:/bin", **CHECK_ENV},
    )  # fmt: skip


def test_a_correct_snippet_passes(tmp_path: Path) -> None:
    path = tmp_path / "good.py"
    path.write_text(GOOD)
    proc = check(path)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_a_broken_snippet_fails(tmp_path: Path, kind: str) -> None:
    source, message = BROKEN[kind]
    path = tmp_path / "broken.py"
    path.write_text(source)
    proc = check(path)
    assert proc.returncode != 0, f"{kind}: the check passed a broken snippet"
    assert message in proc.stdout + proc.stderr, proc.stdout + proc.stderr
