"""Every snippet runs on every supported Python (3.11 to 3.14), its output recorded per version.

The main suite runs on 3.11 (tests/test_snippets.py); this module runs each snippet again under
3.12, 3.13 and 3.14 (tests/support/interpreters.py), warnings as errors, and compares what it prints
with the record of that version. `make verify` records it. Where a version prints something else,
the page shows a tab per differing version and a note saying why (front matter `version_notes`).
"""

from __future__ import annotations

import difflib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sitegen import ROOT
from sitegen.catalog import load_catalog
from sitegen.project import project
from sitegen.records import PythonRun, snippet_record
from sitegen.verified import minor, stale_fields, update_run
from tests.support.interpreters import VERSIONS, interpreter
from tests.support.pytest_snippets import run_module
from tests.support.snippet_files import is_test_module, rel, servers_needed, snippet_files

OTHERS = [v for v in VERSIONS if v != f"{sys.version_info.major}.{sys.version_info.minor}"]

# What the run of a snippet depends on, computed by the interpreter that ran it.
DESCRIBE = """\
import json, platform, sys
sys.path.insert(0, sys.argv[1])
from sitegen.verified import imported_distributions
print(json.dumps({"python": platform.python_version(),
                  "packages": imported_distributions(open(sys.argv[2], encoding="utf-8").read())}))
"""


def describe(python: Path, snippet: Path) -> tuple[str, dict[str, str]]:
    proc = subprocess.run(
        [str(python), "-c", DESCRIBE, str(ROOT), str(snippet)], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    found = json.loads(proc.stdout)
    return found["python"], found["packages"]


@pytest.mark.parametrize("version", OTHERS)
@pytest.mark.parametrize("snippet", snippet_files(), ids=rel)
def test_snippet_on_every_python(snippet: Path, version: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    python = interpreter(version)
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    for fixture in servers_needed(snippet):
        env[fixture.upper()] = request.getfixturevalue(fixture)
    if is_test_module(snippet):
        from tests.test_pytest_snippets import expected

        want = expected(snippet)
        run = run_module(snippet, tmp_path, args=want.args, env=env, python=str(python))
        assert sorted(run.not_passed) == sorted(want.fail), f"Python {version}: {rel(snippet)}\n{run.describe()}"
        stdout = None
    else:
        proc = subprocess.run(
            [str(python), "-W", "error", str(snippet)],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=240,
        )
        if proc.returncode != 0:
            pytest.fail(
                f"Python {version}: `python {rel(snippet)}` failed:\n{proc.stdout}\n{proc.stderr}", pytrace=False
            )
        stdout = proc.stdout
    full, packages = describe(python, snippet)
    result = PythonRun(python=full, packages=packages, stdout=stdout)
    if request.config.getoption("update_examples"):
        update_run(snippet, version, result)
        return
    stale = stale_fields(snippet, stdout, version=version, run=result)
    record = snippet_record(snippet.relative_to(project().snippets).as_posix())
    recorded = record.runs.get(version) if record else None
    diff = ""
    if recorded is not None and recorded.stdout != stdout:
        diff = "".join(
            difflib.unified_diff(
                (recorded.stdout or "").splitlines(True),
                (stdout or "").splitlines(True),
                "recorded",
                f"Python {version}",
            )
        )
    assert not stale, (
        f"Python {version}: {rel(snippet)} is not what its record says ({'; '.join(stale)}); "
        f"run `make verify SNIPPET={rel(snippet)}`\n{diff}"
    )


def covered(key: str) -> list[str]:
    """A note's key: one version ("3.11") or a range ("3.11-3.13")."""
    first, _, last = key.partition("-")
    return [v for v in VERSIONS if first <= v <= (last or first)] if first in VERSIONS else [key]


def test_every_version_difference_is_explained() -> None:
    # The page shows a tab per version that prints something else, and a note saying why.
    problems = []
    for pattern in load_catalog(project().docs).patterns:
        folder = project().snippets / pattern.section / Path(pattern.path).stem
        notes = pattern.meta.version_notes
        for snippet in sorted(folder.glob("*.py")):
            record = snippet_record(snippet.relative_to(project().snippets).as_posix())
            if record is None:
                continue
            newest = record.newest().stdout
            differing = {v for v, r in record.runs.items() if r.stdout != newest}
            explained = {v for key in notes.get(snippet.name, {}) for v in covered(key)}
            missing = sorted(differing - explained)
            if missing:
                problems.append(
                    f"docs/{pattern.path}: {snippet.name} prints differently on Python {missing}: "
                    f"say why in version_notes"
                )
            extra = sorted(explained - differing)
            if extra:
                problems.append(
                    f"docs/{pattern.path}: version_notes for {snippet.name} on {extra}, where nothing differs"
                )
    assert not problems, "\n".join(problems)


def test_the_current_interpreter_is_the_oldest_supported() -> None:
    assert minor() == VERSIONS[0], f"the main suite runs on {minor()}, the oldest supported is {VERSIONS[0]}"
