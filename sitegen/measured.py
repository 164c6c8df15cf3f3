"""Measured figures: read from benchmarks/results/<benchmark>.json (written by `python -m benchmarks`)."""

from __future__ import annotations

from .project import project
from .records import BenchmarkResult, ClaimRecord, MetricResult, all_results


class MissingMeasurement(Exception):
    pass


def lookup(ref: str) -> tuple[BenchmarkResult, MetricResult]:
    """`ref` is '<benchmark>.<metric>', e.g. 'async_gather.speedup'."""
    bench_id, _, metric = ref.rpartition(".")
    results = all_results()
    bench = results.get(bench_id)
    if bench is None or metric not in bench.metrics:
        folder = project().results.relative_to(project().root)
        raise MissingMeasurement(
            f"measured figure '{ref}' is not in {folder}/ (benchmarks: {', '.join(sorted(results))}); "
            f"run `python -m benchmarks {bench_id}`"
        )
    return bench, bench.metrics[metric]


def claim_lookup(ref: str) -> tuple[BenchmarkResult, MetricResult, ClaimRecord]:
    """`ref` is '<benchmark>.<metric>': the claim the benchmark checks on that metric."""
    bench, metric = lookup(ref)
    name = ref.rpartition(".")[2]
    claims = [c for c in bench.claims if c.metric == name]
    if len(claims) != 1:
        raise MissingMeasurement(
            f"[[claim:{ref}]]: benchmarks/{bench.name}.py must check exactly one claim on '{name}' "
            f"(it checks {len(claims)}); the sentence is rendered from that claim"
        )
    return bench, metric, claims[0]


def workload_text(ref: str, unit: str | None = None) -> str:
    """`ref` is '<benchmark>.<PARAM>': that workload parameter as the recorded result holds it."""
    bench_id, _, param = ref.rpartition(".")
    bench = all_results().get(bench_id)
    if bench is None or param not in bench.workload:
        known = ", ".join(sorted(bench.workload)) if bench else "no such benchmark"
        raise MissingMeasurement(f"[[workload:{ref}]]: benchmarks/{bench_id}.py records no workload {param} ({known})")
    value = bench.workload[param]
    if isinstance(value, str):
        return value
    if unit is not None:
        return format_value(float(value), unit)
    return f"{value:,}"


def claim_text(claim: ClaimRecord, metric: MetricResult) -> str:
    """The claim at the strength the suite checks it, with the measured median."""
    low = format_value(claim.at_least, metric.unit) if claim.at_least is not None else None
    high = format_value(claim.at_most, metric.unit) if claim.at_most is not None else None
    if low and high:
        bound = f"between {low} and {high}"
    elif low:
        bound = f"at least {low}"
    else:
        bound = f"at most {high}"
    return f"{bound} (measured {format_value(metric.median, metric.unit)})"


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


def provenance(bench: BenchmarkResult, metric: MetricResult) -> list[tuple[str, str]]:
    """What a reader may ask of a figure: how it was measured, on what, when, by which command."""
    env = bench.environment
    low, high = format_value(metric.min, metric.unit), format_value(metric.max, metric.unit)
    versions = ", ".join(f"{k} {v}" for k, v in bench.packages.items())
    rows = [
        ("What", metric.description),
        ("Median", f"{format_value(metric.median, metric.unit)} of {metric.repetitions} runs"),
        ("Spread", f"{low} – {high}"),
        ("Python", f"{env.python} ({env.implementation})"),
    ]
    if versions:
        rows.append(("Libraries", versions))
    rows += [
        ("Machine", f"{env.cpu}, {env.cores} cores, {env.platform}"),
        ("Measured", env.date.isoformat()),
        ("Re-measure", bench.command),
    ]
    return rows


def provenance_text(bench: BenchmarkResult, metric: MetricResult) -> str:
    return "; ".join(f"{k}: {v}" for k, v in provenance(bench, metric))
