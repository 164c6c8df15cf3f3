"""Run benchmarks and write benchmarks/results.json: `python -m benchmarks [name ...]`.

With names, only those benchmarks are re-measured; the others keep their recorded results.
"""

from __future__ import annotations

import importlib
import json
import sys
import time
from pathlib import Path

from .harness import Benchmark, summarize

HERE = Path(__file__).parent
RESULTS = HERE / "results.json"


def discover() -> list[str]:
    return sorted(
        p.stem for p in HERE.glob("*.py") if p.stem not in {"__init__", "__main__", "harness"} and not p.stem.startswith("_")
    )


def load(name: str) -> Benchmark:
    module = importlib.import_module(f"benchmarks.{name}")
    bench = getattr(module, "BENCHMARK", None)
    if not isinstance(bench, Benchmark):
        raise SystemExit(f"benchmarks/{name}.py: defines no BENCHMARK = Benchmark(...)")
    return bench


def main(names: list[str]) -> int:
    unknown = set(names) - set(discover())
    if unknown:
        print(f"unknown benchmarks: {', '.join(sorted(unknown))}; known: {', '.join(discover())}", file=sys.stderr)
        return 2
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {"benchmarks": {}}
    failed = False
    for name in names or discover():
        bench = load(name)
        started = time.perf_counter()
        samples = bench.run(bench.repetitions)
        results["benchmarks"][name] = summarize(bench, samples, f"benchmarks/{name}.py")
        failures = bench.failed_claims(samples)
        status = "FAILED: " + "; ".join(failures) if failures else "ok"
        print(f"{name}: {time.perf_counter() - started:.1f} s, claims {status}")
        failed |= bool(failures)
    results["benchmarks"] = dict(sorted(results["benchmarks"].items()))
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
