"""A small benchmark harness: repeated measurements, claims checked on the median.

A benchmark module defines ``BENCHMARK = Benchmark(...)``. ``measure`` performs one repetition
and returns a value for every metric; ratios are computed inside one repetition, so both sides
of a comparison see the same machine load.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata as md
import platform
import statistics
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

UNITS = {"ratio", "seconds", "bytes", "count", "percent", "per_second"}


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
    measure: Callable[[], dict[str, float]]
    claims: tuple[Claim, ...] = ()
    packages: tuple[str, ...] = ()  # distributions whose versions the figures depend on
    repetitions: int = 10  # full run (`python -m benchmarks`)
    quick_repetitions: int = 3  # the claims test in the suite
    setup: Callable[[], None] | None = None
    # The same measurement at a smaller size, for the suite's quick re-check of the claims.
    quick_measure: Callable[[], dict[str, float]] | None = None
    # False only for a benchmark that cannot run inside the suite (timing the suite itself).
    checked_in_suite: bool = True
    notes: str = ""
    extra: dict[str, object] = field(default_factory=dict)

    def run(self, repetitions: int, quick: bool = False) -> dict[str, list[float]]:
        if self.setup is not None:
            self.setup()
        measure = self.quick_measure if quick and self.quick_measure is not None else self.measure
        samples: dict[str, list[float]] = {name: [] for name in self.metrics}
        for _ in range(repetitions):
            values = measure()
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


def summarize(bench: Benchmark, samples: dict[str, list[float]], module: str) -> dict[str, object]:
    return {
        "title": bench.title,
        "module": module,
        "packages": {name: md.version(name) for name in bench.packages},
        "notes": bench.notes,
        "environment": environment(),
        "claims": [str(c) for c in bench.claims],
        "metrics": {
            name: {
                "unit": metric.unit,
                "description": metric.description,
                "median": statistics.median(samples[name]),
                "min": min(samples[name]),
                "max": max(samples[name]),
                "repetitions": len(samples[name]),
            }
            for name, metric in bench.metrics.items()
        },
    }


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def environment() -> dict[str, object]:
    import os

    return {
        "python": platform.python_version(),
        "implementation": sys.implementation.name,
        "platform": platform.platform(terse=True),
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "date": dt.date.today().isoformat(),
    }
