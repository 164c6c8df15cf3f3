"""The Python interpreters every snippet is verified on, one virtualenv each (issue 15).

3.11 is the interpreter running the tests (the main .venv of `make setup`); 3.12, 3.13 and 3.14 are
the virtualenvs `.ci/make-venvs` makes under .venvs/<version>/ (3.14's `bin/python` enters the
Debian sid root that holds it, see .ci/sid-root). A missing one fails the run under CI (CI set) and
skips outside it, naming the version and the command that installs it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from sitegen import ROOT
from sitegen.verified import PYTHONS, minor

VERSIONS = PYTHONS
VENVS = ROOT / ".venvs"
# Where .ci/install-pythons puts the Debian sid root holding 3.14 (the same variable and default).
PY314_ROOT = Path(os.environ.get("PAP_PY314_ROOT", "/opt/pap-py314"))


def install_command(version: str) -> str:
    return f"bash .ci/make-venvs {version}"


def _venv_python(version: str) -> Path | None:
    python = VENVS / version / "bin" / "python"
    if not (VENVS / version / ".installed").exists() or not os.access(python, os.X_OK):
        return None
    if version == "3.14" and not (PY314_ROOT / "etc" / "pap-sid-root").exists():
        return None
    return python


def _find(version: str) -> Path | None:
    if minor() == version:
        return Path(sys.executable)
    return _venv_python(version)


def missing_message(version: str) -> str:
    absent = [f"{VENVS.relative_to(ROOT)}/{version}/"] if _venv_python(version) is None else []
    if version == "3.14" and not (PY314_ROOT / "etc" / "pap-sid-root").exists():
        absent.insert(0, f"the Debian sid root {PY314_ROOT}")
    return (
        f"Python {version} is not installed ({' and '.join(absent) or 'its virtualenv'} missing): "
        f"install it with `{install_command(version)}` (as root)"
    )


def interpreter(version: str) -> Path:
    """The python of `version`; if it is missing, fail under CI and skip outside it, saying how to install it."""
    if version not in VERSIONS:
        raise ValueError(f"unsupported Python version {version!r}: expected one of {', '.join(VERSIONS)}")
    python = _find(version)
    if python is None:
        message = missing_message(version)
        if os.environ.get("CI"):
            pytest.fail(f"{message}; CI must install it (.ci/run)", pytrace=False)
        pytest.skip(message)
    return python
