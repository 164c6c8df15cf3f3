"""Run benchmarks and write benchmarks/results.json: `python -m benchmarks [name ...]`.

With names, only those benchmarks are re-measured; the others keep their recorded results.
"""

from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path

from sitegen.readme_table import sync_readme
from sitegen.records import result_path, write_record

from .harness import Benchmark, summarize

HERE = Path(__file__).parent


def discover() -> list[str]:
    return sorted(
        p.stem
        for p in HERE.glob("*.py")
        if p.stem not in {"__init__", "__main__", "harness", "readme"} and not p.stem.startswith("_")
    )


def load(name: str) -> Benchmark:
    module = importlib.import_module(f"benchmarks.{name}")
    bench = getattr(module, "BENCHMARK", None)
    if not isinstance(bench, Benchmark):
        raise SystemExit(f"benchmarks/{name}.py: defines no BENCHMARK = Benchmark(...)")
    return bench


def quick_check(name: str) -> int:
    """The suite's cheap re-check of one benchmark's claims (`python -m benchmarks --quick NAME`)."""
    bench = load(name)
    failures = bench.failed_claims(bench.run(bench.quick_repetitions, quick=True))
    for failure in failures:
        print(f"benchmarks/{name}.py: {failure}")
    return 1 if failures else 0


def main(names: list[str]) -> int:
    if names[:1] == ["--quick"] and len(names) == 2:
        return quick_check(names[1])
    unknown = set(names) - set(discover())
    if unknown:
        print(
            f"unknown benchmarks: {', '.join(sorted(unknown))}; known: {', '.join(discover())}",
            file=sys.stderr,
        )
        return 2
    failed = False
    for name in names or discover():
        bench = load(name)
        started = time.perf_counter()
        samples = bench.run(bench.repetitions)
        failures = bench.failed_claims(samples)
        status = "FAILED: " + "; ".join(failures) if failures else "ok"
        print(f"{name}: {time.perf_counter() - started:.1f} s, claims {status}")
        failed |= bool(failures)
        write_record(result_path(name), summarize(name, bench, samples))
    sync_readme()
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
