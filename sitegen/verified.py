"""Verification records: which Python and library versions each snippet was verified with, and what it
printed when run as a plain script (the Output block under it on the site).

One typed record per snippet (`verified/<snippet path>.json`, see `sitegen.records`). The snippet
tests compute what the record must say now and compare; `make verify` (or `make verify
SNIPPET=path`) rewrites it. A record's date changes only when what it records changes.
"""

from __future__ import annotations

import ast
import datetime as dt
import functools
import hashlib
import importlib.metadata as md
import platform
import sys
from collections.abc import Mapping
from pathlib import Path

from .project import Project, project
from .records import PythonRun, SnippetRecord, modify_record, record_path, snippet_record

# Every snippet is verified on each of these (tests/test_python_versions.py).
PYTHONS = ("3.11", "3.12", "3.13", "3.14")


def imported_distributions(source: str) -> dict[str, str]:
    """The installed distributions (name -> version) that a module's imports come from."""
    top_level: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            top_level |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            top_level.add(node.module.split(".")[0])
    mapping = _module_distributions()
    found: dict[str, str] = {}
    for name in sorted(top_level - set(sys.stdlib_module_names)):
        for dist in mapping.get(name, []):
            found.update([_name_and_version(dist)])
    return dict(sorted(found.items()))


# Scanning every installed distribution's metadata takes 0.3 s, and the suite asks for it hundreds of
# times: once per process is enough, as nothing is installed while it runs.
@functools.cache
def _module_distributions() -> Mapping[str, list[str]]:
    return md.packages_distributions()


@functools.cache
def _name_and_version(dist: str) -> tuple[str, str]:
    return md.metadata(dist)["Name"].lower(), md.version(dist)


def minor() -> str:
    return f"{sys.version_info.major}.{sys.version_info.minor}"


def key(snippet: Path, proj: Project | None = None) -> str:
    return snippet.resolve().relative_to((proj or project()).snippets).as_posix()


def sha256(snippet: Path) -> str:
    return hashlib.sha256(snippet.read_bytes()).hexdigest()


def current_run(snippet: Path, stdout: str | None) -> PythonRun:
    """What this interpreter's run must record; `stdout` is what `python <snippet>` printed (None: a test module)."""
    return PythonRun(
        python=platform.python_version(),
        packages=imported_distributions(snippet.read_text(encoding="utf-8")),
        stdout=stdout,
    )


def stale_fields(
    snippet: Path, stdout: str | None, version: str | None = None, run: PythonRun | None = None
) -> list[str]:
    """What differs between the committed record and a run ([] when up to date): this interpreter's
    run by default, or `run` made by the Python `version`."""
    version = version or minor()
    rel = key(snippet)
    record = snippet_record(rel)
    if record is None:
        return [f"no record ({record_path(rel).relative_to(project().root)} is missing)"]
    problems = []
    if record.sha256 != sha256(snippet):
        problems.append("the snippet changed since it was verified")
    recorded = record.runs.get(version)
    if recorded is None:
        return [*problems, f"never verified on Python {version}"]
    now = run or current_run(snippet, stdout)
    # The interpreter by its minor version: a patch release (3.14.10 -> 3.14.11, as Debian sid ships
    # them) changes no output by itself; when it does, the output comparison below says so.
    if recorded.python.split(".")[:2] != now.python.split(".")[:2]:
        problems.append(f"python: recorded {recorded.python}, now {now.python}")
    for name in ("packages", "stdout"):
        old, new = getattr(recorded, name), getattr(now, name)
        if old != new:
            problems.append(f"{name}: recorded {old!r}, now {new!r}")
    return problems


def update_record(snippet: Path, stdout: str | None, today: dt.date | None = None) -> bool:
    """Record this interpreter's verification; True when the record changed."""
    return update_run(snippet, minor(), current_run(snippet, stdout), today)


def update_run(snippet: Path, version: str, run: PythonRun, today: dt.date | None = None) -> bool:
    """Record one Python version's verification of `snippet`; True when the record changed.

    A changed snippet drops the runs of other versions (they verified other code); the date moves
    only when the record's content does. Safe when several versions are recorded at once.
    """
    rel = key(snippet)
    digest = sha256(snippet)

    def change(old: SnippetRecord | None) -> SnippetRecord | None:
        runs = dict(old.runs) if old is not None and old.sha256 == digest else {}
        runs[version] = run
        runs = dict(sorted(runs.items(), key=lambda kv: tuple(int(p) for p in kv[0].split("."))))
        if old is not None and old.sha256 == digest and old.runs == runs:
            return None
        return SnippetRecord(snippet=rel, sha256=digest, runs=runs, verified_on=today or dt.date.today())

    return modify_record(record_path(rel), SnippetRecord, change)


def recorded_stdout(rel: str) -> list[str] | None:
    """What `python <snippet>` printed on the newest verified Python (None for test modules)."""
    record = snippet_record(rel)
    stdout = record.newest().stdout if record else None
    return [line.rstrip() for line in stdout.splitlines()] if stdout is not None else None
