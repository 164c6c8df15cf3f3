"""Measured figures: read from benchmarks/results.json (written by `python -m benchmarks`)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from . import ROOT

RESULTS = ROOT / "benchmarks" / "results.json"


class MissingMeasurement(Exception):
    pass


def load_results(path: Path = RESULTS) -> dict[str, object]:
    if not path.exists():
        raise MissingMeasurement(f"{path.relative_to(ROOT)}: missing; run `make bench` to measure")
    return _parsed(path, path.stat().st_mtime_ns)


@cache
def _parsed(path: Path, mtime_ns: int) -> dict[str, object]:
    """One parse per version of the file: pages ask for figures hundreds of times per build."""
    return json.loads(path.read_text(encoding="utf-8"))


def lookup(results: dict[str, object], ref: str) -> tuple[dict[str, object], dict[str, object]]:
    """`ref` is '<benchmark>.<metric>', e.g. 'async_gather.speedup'."""
    bench_id, _, metric = ref.rpartition(".")
    benches = results["benchmarks"]
    assert isinstance(benches, dict)
    bench = benches.get(bench_id)
    if bench is None or metric not in bench["metrics"]:
        raise MissingMeasurement(
            f"measured figure '{ref}' is not in benchmarks/results.json "
            f"(benchmarks: {', '.join(sorted(benches))}); run `make bench`"
        )
    return bench, bench["metrics"][metric]


def format_value(value: float, unit: str) -> str:
    if unit == "ratio":
        return f"{value:.1f}×" if value < 100 else f"{value:,.0f}×"
    if unit == "seconds":
        for scale, suffix in ((1, "s"), (1e-3, "ms"), (1e-6, "µs"), (1e-9, "ns")):
            if value >= scale:
                shown = value / scale
                return f"{shown:.3g} {suffix}" if shown < 100 else f"{shown:,.0f} {suffix}"
        return f"{value * 1e9:.2g} ns"
    if unit == "bytes":
        for scale, suffix in ((2**30, "GiB"), (2**20, "MiB"), (2**10, "KiB")):
            if value >= scale:
                return f"{value / scale:.3g} {suffix}"
        return f"{value:,.0f} B"
    if unit == "percent":
        return f"{value:.0f} %"
    if unit == "count":
        return f"{value:,.0f}"
    if unit == "per_second":
        return f"{value:,.0f}/s" if value >= 10 else f"{value:.2g}/s"
    raise ValueError(f"unknown unit {unit!r}")


def provenance(bench: dict[str, object], metric: dict[str, object]) -> str:
    env = bench["environment"]
    assert isinstance(env, dict)
    spread = (
        format_value(float(metric["min"]), str(metric["unit"])),
        format_value(float(metric["max"]), str(metric["unit"])),
    )
    return (
        f"median of {metric['repetitions']} runs (range {spread[0]} – {spread[1]}); "
        f"Python {env['python']} on {env['cpu']}, measured {env['date']} by {bench['module']}"
    )
