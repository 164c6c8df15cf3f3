"""Typed records the site is generated from, one JSON file each, written by one locked writer.

- `SnippetRecord` (verified/<snippet path>.json): how a snippet was verified, on which Pythons
  and libraries, and what it printed when run as a plain script (the Output block on its page).
- `BenchmarkResult` (benchmarks/results/<name>.json): what a benchmark measured, its spread, the
  environment, and a fingerprint of everything that produced it (stale figures fail the suite).

One file per record keeps parallel work mergeable and lets a single snippet be re-verified.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, Field

from .project import Project, project


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PythonRun(_Record):
    """One interpreter's verification of a snippet."""

    python: str  # the exact version, e.g. "3.11.7"
    packages: dict[str, str]  # distribution -> version, of what the snippet imports
    stdout: str | None = None  # None for a pytest module (its output lives beside it)


class SnippetRecord(_Record):
    snippet: str  # relative to the snippet base path, e.g. "async/gather/gather.py"
    sha256: str  # of the snippet's source when it was verified
    runs: dict[str, PythonRun]  # keyed by "3.11", "3.12", ...
    verified_on: dt.date  # changes only when what the record says changes

    def newest(self) -> PythonRun:
        return self.runs[max(self.runs, key=lambda v: tuple(int(p) for p in v.split(".")))]


class MetricResult(_Record):
    unit: str
    description: str
    median: float
    min: float
    max: float
    repetitions: int
    samples: list[float] = Field(default_factory=list)


class Environment(_Record):
    python: str
    implementation: str
    platform: str
    cpu: str
    cores: int
    date: dt.date


class ClaimRecord(_Record):
    """What a page says of a metric, checked on the median: its direction and bounds."""

    metric: str
    at_least: float | None = None
    at_most: float | None = None
    why: str = ""

    def holds(self, value: float) -> bool:
        return (self.at_least is None or value >= self.at_least) and (self.at_most is None or value <= self.at_most)


class BenchmarkResult(_Record):
    name: str
    title: str
    module: str
    command: str  # what re-measures it
    packages: dict[str, str]
    notes: str = ""
    environment: Environment
    claims: list[ClaimRecord]
    fingerprint: str  # hash of the benchmark module, the snippets it loads, its workload and versions
    inputs: list[str]  # the files the fingerprint covers, relative to the project
    workload: dict[str, float | int | str] = Field(default_factory=dict)
    metrics: dict[str, MetricResult]


R = TypeVar("R", bound=_Record)


def record_path(snippet_rel: str, proj: Project | None = None) -> Path:
    return (proj or project()).records / f"{snippet_rel}.json"


def result_path(name: str, proj: Project | None = None) -> Path:
    return (proj or project()).results / f"{name}.json"


def modify_record(path: Path, model: type[R], change: Callable[[R | None], R | None]) -> bool:
    """The one writer: read `path`, apply `change`, write the result atomically — all under an exclusive
    lock, so parallel writers (pytest-xdist workers verifying one snippet on several Pythons) never
    lose each other's update. `change` returns None to leave the record as it is. True when it changed.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    # The lock is the folder itself: no lock file to leave behind or to race on when unlinked.
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        fcntl.flock(folder, fcntl.LOCK_EX)
        old = model.model_validate_json(path.read_text(encoding="utf-8")) if path.exists() else None
        new = change(old)
        if new is None:
            return False
        text = new.model_dump_json(indent=2) + "\n"
        if path.exists() and path.read_text(encoding="utf-8") == text:
            return False
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)  # readers see the old file or the new one, never half of one
        return True
    finally:
        os.close(folder)  # releases the lock


def write_record(path: Path, record: _Record) -> bool:
    """Replace the record at `path` (through the one locked writer); False when nothing changed."""
    return modify_record(path, type(record), lambda _old: record)


def read_record(path: Path, model: type[R]) -> R | None:
    if not path.exists():
        return None
    return _parsed(path, path.stat().st_mtime_ns, model)  # type: ignore[return-value]


@cache
def _parsed(path: Path, mtime_ns: int, model: type[_Record]) -> _Record:
    """One parse per version of a file: the build asks for a record once per include."""
    try:
        return model.model_validate_json(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise ValueError(f"{path}: not a valid {model.__name__}: {exc}") from None


def snippet_record(snippet_rel: str, proj: Project | None = None) -> SnippetRecord | None:
    return read_record(record_path(snippet_rel, proj), SnippetRecord)


def benchmark_result(name: str, proj: Project | None = None) -> BenchmarkResult | None:
    return read_record(result_path(name, proj), BenchmarkResult)


def all_results(proj: Project | None = None) -> dict[str, BenchmarkResult]:
    proj = proj or project()
    found: dict[str, BenchmarkResult] = {}
    for path in sorted(proj.results.glob("*.json")):
        result = read_record(path, BenchmarkResult)
        assert result is not None
        found[path.stem] = result
    return found


def all_records(proj: Project | None = None) -> dict[str, SnippetRecord]:
    proj = proj or project()
    found: dict[str, SnippetRecord] = {}
    for path in sorted(proj.records.rglob("*.json")):
        if path == proj.records / "pyodide.json":  # the in-browser runs of every snippet (pyodide_assets)
            continue
        record = read_record(path, SnippetRecord)
        assert record is not None
        found[record.snippet] = record
    return found


class LatestRun(_Record):
    """One snippet's run with the newest releases of the libraries it imports (`make test-latest`)."""

    sha256: str  # of the snippet's source when it ran
    packages: dict[str, str]  # distribution -> the newest version, of what the snippet imports
    passed: bool  # printed what its record shows (a test module: ended as its page says)
    problem: str | None = None  # what went wrong, when it did not pass


class LatestReleases(_Record):
    """The canary of `make test-latest` (canary/latest-releases.json): every snippet with the newest
    releases of its libraries, in a separate environment. Never part of `make test` (the registries
    change every day); a page shows "also passes with the newest releases" where it did."""

    python: str
    checked_on: dt.date
    snippets: dict[str, LatestRun] = Field(default_factory=dict)


def latest_path(proj: Project | None = None) -> Path:
    return (proj or project()).root / "canary" / "latest-releases.json"


def latest_releases(proj: Project | None = None) -> LatestReleases | None:
    return read_record(latest_path(proj), LatestReleases)


class LoadRun(_Record):
    """Consecutive runs of one timing-dependent snippet with every core kept busy (`make load-check`)."""

    sha256: str  # of the snippet's source when it ran
    python: str
    runs: int  # consecutive runs, each compared with the snippet's recorded output
    passed: int  # how many printed exactly their recorded output (a test module: ended as its page says)
    busy_processes: int  # spinning processes started beside it, one per core
    checked_on: dt.date
    problem: str | None = None  # the first run that did not pass: what it printed instead


class LoadRuns(_Record):
    """canary/load-runs.json: the proof that no printed result depends on the machine being idle."""

    snippets: dict[str, LoadRun] = Field(default_factory=dict)


def load_runs_path(proj: Project | None = None) -> Path:
    return (proj or project()).root / "canary" / "load-runs.json"


def load_runs(proj: Project | None = None) -> LoadRuns | None:
    return read_record(load_runs_path(proj), LoadRuns)
