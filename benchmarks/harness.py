"""A small benchmark harness: repeated measurements, claims checked on the median.

A benchmark module defines ``BENCHMARK = Benchmark(...)``. ``measure(turn)`` performs one repetition
and returns a value for every metric; ratios are computed inside one repetition, so both sides
of a comparison see the same machine load. ``turn`` counts the repetitions (warm-ups included);
``in_turn`` runs the sides of a comparison in an order that rotates with it, so no side always
runs first (a first call pays for cold caches, a last one for a heated CPU).
"""

from __future__ import annotations

import ast
import datetime as dt
import hashlib
import importlib
import importlib.metadata as md
import importlib.util
import json
import os
import platform
import re
import statistics
import sys
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TypeVar

from sitegen.project import project
from sitegen.records import BenchmarkResult, ClaimRecord, Environment, MetricResult

UNITS = {"ratio", "seconds", "bytes", "count", "percent", "per_second"}
TIMED_UNITS = {"seconds", "per_second"}  # what machine load and call order can change
MIN_REPETITIONS = 5  # a median and a spread need at least this many

T = TypeVar("T")


def elapsed(run: Callable[[], object]) -> float:
    """Seconds that one call of ``run`` takes (a monotonic clock of the highest resolution)."""
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def in_turn(turn: int, sides: Mapping[str, Callable[[], T]]) -> dict[str, T]:
    """Run each side once, starting with side number ``turn % len(sides)`` and wrapping round, and
    return their results under their names in the given order: over repetitions every side goes
    first, last and in between equally often."""
    names = list(sides)
    start = turn % len(names)
    results = {name: sides[name]() for name in names[start:] + names[:start]}
    return {name: results[name] for name in names}


async def ain_turn(turn: int, sides: Mapping[str, Callable[[], Awaitable[T]]]) -> dict[str, T]:
    """``in_turn`` for coroutines: each side is awaited to the end before the next one starts."""
    names = list(sides)
    start = turn % len(names)
    results = {name: await sides[name]() for name in names[start:] + names[:start]}
    return {name: results[name] for name in names}


@dataclass(frozen=True)
class Metric:
    unit: str
    description: str

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ValueError(f"unit must be one of {sorted(UNITS)}, not {self.unit!r}")


@dataclass(frozen=True)
class Claim:
    """What a page says about a metric: its direction and rough size (checked on the median)."""

    metric: str
    at_least: float | None = None
    at_most: float | None = None
    why: str = ""

    def holds(self, value: float) -> bool:
        return (self.at_least is None or value >= self.at_least) and (self.at_most is None or value <= self.at_most)

    def record(self) -> ClaimRecord:
        return ClaimRecord(metric=self.metric, at_least=self.at_least, at_most=self.at_most, why=self.why)

    def __str__(self) -> str:
        bounds = []
        if self.at_least is not None:
            bounds.append(f">= {self.at_least:g}")
        if self.at_most is not None:
            bounds.append(f"<= {self.at_most:g}")
        return f"{self.metric} {' and '.join(bounds)}"


@dataclass(frozen=True)
class Benchmark:
    title: str
    metrics: dict[str, Metric]
    measure: Callable[[int], dict[str, float]]  # one repetition; the argument is its turn
    claims: tuple[Claim, ...] = ()
    packages: tuple[str, ...] = ()  # distributions whose versions the figures depend on
    repetitions: int = 10  # full run (`python -m benchmarks`); at least MIN_REPETITIONS
    # Why this benchmark may record fewer than MIN_REPETITIONS (a figure measured by other means).
    fewer_repetitions_because: str = ""
    quick_repetitions: int = 3  # the claims test in the suite
    warmup: int = 1  # repetitions run and discarded first (imports, caches, allocator, CPU frequency)
    setup: Callable[[], None] | None = None
    # The same measurement at a smaller size, for the suite's quick re-check of the claims.
    quick_measure: Callable[[int], dict[str, float]] | None = None
    # False only for a benchmark that cannot run inside the suite (timing the suite itself).
    checked_in_suite: bool = True
    notes: str = ""
    extra: dict[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.repetitions < MIN_REPETITIONS and not self.fewer_repetitions_because:
            raise ValueError(
                f"{self.title}: repetitions={self.repetitions}; a median and its spread need at least"
                f" {MIN_REPETITIONS}, or say why not in fewer_repetitions_because"
            )

    def run(self, repetitions: int, quick: bool = False) -> dict[str, list[float]]:
        if self.setup is not None:
            self.setup()
        measure = self.quick_measure if quick and self.quick_measure is not None else self.measure
        samples: dict[str, list[float]] = {name: [] for name in self.metrics}
        for turn in range(self.warmup):
            measure(turn)
        for turn in range(self.warmup, self.warmup + repetitions):
            values = measure(turn)
            missing = set(self.metrics) ^ set(values)
            if missing:
                raise ValueError(f"{self.title}: measure() returned the wrong metrics: {sorted(missing)}")
            for name, value in values.items():
                samples[name].append(float(value))
        return samples

    def failed_claims(self, samples: dict[str, list[float]]) -> list[str]:
        failures = []
        for claim in self.claims:
            median = statistics.median(samples[claim.metric])
            if not claim.holds(median):
                failures.append(f"{claim} failed: measured median {median:.4g} ({claim.why})")
        return failures


def summarize(name: str, bench: Benchmark, samples: dict[str, list[float]]) -> BenchmarkResult:
    digest, inputs, workload = fingerprint(name, bench)
    return BenchmarkResult(
        name=name,
        title=bench.title,
        module=f"benchmarks/{name}.py",
        command=f"python -m benchmarks {name}",
        packages={dist: md.version(dist) for dist in bench.packages},
        notes=bench.notes,
        environment=Environment.model_validate(environment()),
        claims=[c.record() for c in bench.claims],
        fingerprint=digest,
        inputs=inputs,
        workload=workload,
        metrics={
            metric_name: MetricResult(
                unit=metric.unit,
                description=metric.description,
                median=statistics.median(samples[metric_name]),
                min=min(samples[metric_name]),
                max=max(samples[metric_name]),
                repetitions=len(samples[metric_name]),
                samples=samples[metric_name],
            )
            for metric_name, metric in bench.metrics.items()
        },
    )


# --------------------------------------------------------------------------- what produced a figure

SNIPPET_LOAD = re.compile(r"""load_snippet\(\s*["']([^"']+)["']""")


def load_snippet(rel: str) -> ModuleType:
    """Import a snippet file (relative to the snippet base) as a module: benchmarks time the shown code.

    The snippet must be importable without running its demonstration (a `__main__` guard).
    """
    path = project().snippets / rel
    name = "snippet_" + re.sub(r"\W", "_", rel.removesuffix(".py"))
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import snippet {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _local_imports(path: Path, root: Path) -> list[Path]:
    """Benchmark modules (helpers included) that `path` imports, directly or through each other."""
    found: list[Path] = []
    todo = [path]
    while todo:
        tree = ast.parse(todo.pop().read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("benchmarks."):
                candidate = root / "benchmarks" / (node.module.split(".", 1)[1] + ".py")
                if candidate.name != "harness.py" and candidate.is_file() and candidate not in found:
                    found.append(candidate)
                    todo.append(candidate)
    return found


def workload_of(module: ModuleType) -> dict[str, float | int | str]:
    """The module's workload parameters: its upper-case constants of plain types."""
    return {
        k: v
        for k, v in sorted(vars(module).items())
        if k.isupper() and isinstance(v, int | float | str) and not isinstance(v, bool)
    }


def fingerprint(name: str, bench: Benchmark) -> tuple[str, list[str], dict[str, float | int | str]]:
    """A hash of everything that produced the figures: the benchmark module and the benchmark helpers
    it imports, the snippet files it loads, its workload parameters, the Python minor version and the
    versions of the packages it names. Any change makes the recorded figures stale."""
    proj = project()
    module_path = proj.benchmarks / f"{name}.py"
    files = [module_path, *_local_imports(module_path, proj.root)]
    snippets = sorted({s for f in files for s in SNIPPET_LOAD.findall(f.read_text(encoding="utf-8"))})
    files += [proj.snippets / s for s in snippets]
    workload = workload_of(importlib.import_module(f"benchmarks.{name}"))
    h = hashlib.sha256()
    inputs = []
    for f in files:
        rel = f.relative_to(proj.root).as_posix()
        inputs.append(rel)
        h.update(rel.encode() + b"\0" + f.read_bytes() + b"\0")
    h.update(json.dumps(workload, sort_keys=True).encode())
    h.update(f"python {sys.version_info.major}.{sys.version_info.minor}".encode())
    for dist in sorted(bench.packages):
        h.update(f"{dist}=={md.version(dist)}".encode())
    return h.hexdigest(), inputs, workload


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def environment() -> dict[str, object]:
    return {
        "python": platform.python_version(),
        "implementation": sys.implementation.name,
        "platform": platform.platform(terse=True),
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "date": dt.date.today().isoformat(),
    }
