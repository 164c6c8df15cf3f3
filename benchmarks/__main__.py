"""Run benchmarks and write benchmarks/results.json: `python -m benchmarks [name ...]`.

With names, only those benchmarks are re-measured; the others keep their recorded results.
"""

from __future__ import annotations

import fcntl
import importlib
import json
import sys
import time
from pathlib import Path

from .harness import Benchmark, summarize
from .readme import README, render, replace

HERE = Path(__file__).parent
RESULTS = HERE / "results.json"


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
        _store(name, summarize(bench, samples, f"benchmarks/{name}.py"))
        README.write_text(replace(README.read_text(), render(json.loads(RESULTS.read_text()))))
    return 1 if failed else 0


def _store(name: str, summary: dict[str, object]) -> None:
    """Merge one benchmark's results into results.json (locked: several runs may write at once)."""
    RESULTS.touch()
    with RESULTS.open("r+", encoding="utf-8") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        text = fh.read()
        results = json.loads(text) if text.strip() else {"benchmarks": {}}
        results["benchmarks"][name] = summary
        results["benchmarks"] = dict(sorted(results["benchmarks"].items()))
        fh.seek(0)
        fh.truncate()
        fh.write(json.dumps(results, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
