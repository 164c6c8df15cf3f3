"""One command regenerates what is generated, one check names what is stale, records move only when
their content does — tried on a copy of the project, as a contributor who edits one snippet would."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitegen import ROOT
from sitegen.project import project
from sitegen.records import snippet_record
from sitegen.verified import update_record

SNIPPET = "async/gather/gather.py"


@pytest.fixture
def copy(tmp_path: Path) -> Iterator[Path]:
    dest = tmp_path / "project"
    for folder in ("docs", "snippets", "verified", "overrides"):
        shutil.copytree(ROOT / folder, dest / folder, symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "benchmarks" / "results", dest / "benchmarks" / "results")
    for name in ("mkdocs.yml", "README.md"):
        shutil.copy(ROOT / name, dest / name)
    yield dest


def sitegen(project_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # From the copy's own folder: sitegen finds the project by its mkdocs.yml, not by where it is installed.
    env = {k: v for k, v in os.environ.items() if k != "SITEGEN_PROJECT"}
    return subprocess.run(
        [sys.executable, "-m", "sitegen", *args], cwd=project_dir, env=env, capture_output=True, text=True, timeout=120
    )


def test_a_fresh_copy_is_in_sync(copy: Path) -> None:
    proc = sitegen(copy, "check")
    assert proc.returncode == 0, proc.stderr
    assert sitegen(copy, "stale").stdout == ""


def test_an_edited_snippet_is_named_by_check_and_stale(copy: Path) -> None:
    path = copy / "snippets" / SNIPPET
    path.write_text(path.read_text() + "\nprint('one more line')\n")
    proc = sitegen(copy, "check")
    assert proc.returncode == 1
    assert f"snippets/{SNIPPET}: changed since it was verified; run `make sync`" in proc.stderr
    assert sitegen(copy, "stale").stdout.split() == [f"snippets/{SNIPPET}"]


def test_a_stale_generated_file_is_named_and_sync_fixes_it(copy: Path) -> None:
    page = copy / "docs" / "async" / "gather.md"
    page.write_text(page.read_text().replace("title: Parallel awaits", "title: Concurrent awaits", 1))
    proc = sitegen(copy, "check")
    assert proc.returncode == 1
    for name in ("docs/llms.txt", "docs/llms-full.txt"):
        assert f"{name}: stale; run `make sync`" in proc.stderr, proc.stderr
    assert sitegen(copy, "sync").returncode == 0
    assert sitegen(copy, "check").returncode == 0
    assert "Concurrent awaits" in (copy / "docs" / "llms.txt").read_text()


def test_a_record_moves_only_when_what_it_records_changes(copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITEGEN_PROJECT", str(copy / "mkdocs.yml"))
    assert project().root == copy
    path = copy / "snippets" / SNIPPET
    recorded = snippet_record(SNIPPET)
    assert recorded is not None
    stdout = recorded.newest().stdout
    update_record(path, stdout, today=dt.date(2030, 1, 1))  # this interpreter's run, whatever it was
    first = snippet_record(SNIPPET)
    assert first is not None
    assert update_record(path, stdout, today=dt.date(2030, 2, 1)) is False, "identical results moved the date"
    assert snippet_record(SNIPPET) == first
    path.write_text(path.read_text() + "\n")
    assert update_record(path, stdout, today=dt.date(2030, 3, 1)) is True
    after = snippet_record(SNIPPET)
    assert after is not None and after.verified_on == dt.date(2030, 3, 1) and after.sha256 != first.sha256
