"""Bytes per instance of the four point layouts on every supported Python (3.11 to 3.14).

Object layouts change between CPython versions (3.12 moved `__weakref__` out of the instance,
3.13 moved the attribute values into it, 3.14 made tuples 8 bytes larger to cache their hash),
so this figure is measured on each interpreter: the page's own tracing function and classes,
imported from the snippet in a fresh process of each Python (`make pythons` installs them).
Memory is deterministic for a given interpreter; the repetitions only show that it does not move.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from benchmarks.harness import Benchmark, Claim, Metric, load_snippet

ROOT = Path(__file__).resolve().parent.parent
PYTHONS = ("3.11", "3.12", "3.13", "3.14")
LAYOUTS = {
    "plain": "PointClass",
    "slots": "PointSlots",
    "namedtuple": "PointTuple",
    "dataclass_slots": "PointDataclass",
}
INSTANCES = 100_000  # bytes per instance do not depend on the count
SNIPPET = Path(load_snippet("performance/memory-layout/memory_layout.py").__file__ or "")

# Run by each interpreter: import the snippet as a module (its main guard keeps it quiet), trace. (Lower
# case: the workload recorded with the result is the upper-case constants.)
trace_script = """
import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("memory_layout", sys.argv[1])
page = importlib.util.module_from_spec(spec)
spec.loader.exec_module(page)
n, names = int(sys.argv[2]), json.loads(sys.argv[3])
print(json.dumps({key: page.bytes_per_instance(getattr(page, cls), False, n) for key, cls in names.items()}))
"""


def python(version: str) -> str:
    if version == f"{sys.version_info[0]}.{sys.version_info[1]}":
        return sys.executable
    venv = ROOT / ".venvs" / version / "bin" / "python"
    if not venv.exists():
        raise SystemExit(f"no Python {version} ({venv} is missing): run `make pythons` first")
    return str(venv)


def key(layout: str, version: str) -> str:
    return f"{layout}_{version.replace('.', '')}"


def measure(turn: int) -> dict[str, float]:
    values: dict[str, float] = {}
    for version in PYTHONS:
        out = subprocess.run(
            [python(version), "-c", trace_script, str(SNIPPET), str(INSTANCES), json.dumps(LAYOUTS)],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        sizes = json.loads(out.stdout)
        for layout in LAYOUTS:
            values[key(layout, version)] = float(sizes[layout])
        values[key("slots_saving", version)] = 100 * (1 - sizes["slots"] / sizes["plain"])
    return values


BENCHMARK = Benchmark(
    title="Bytes per instance of a two-float point on Python 3.11, 3.12, 3.13 and 3.14",
    metrics={
        **{
            key(layout, version): Metric("bytes", f"{cls} per instance on Python {version}")
            for version in PYTHONS
            for layout, cls in LAYOUTS.items()
        },
        **{
            key("slots_saving", version): Metric("percent", f"memory saved by __slots__ on Python {version}")
            for version in PYTHONS
        },
    },
    measure=measure,
    claims=tuple(
        Claim(key("slots_saving", version), at_least=35, why=f"__slots__ saves over a third on Python {version}")
        for version in PYTHONS
    ),
    notes=f"{INSTANCES:,} instances per layout, both fields holding the same two float objects, traced with "
    "tracemalloc by the page's snippet in a fresh process of each interpreter (the venvs of `make pythons`).",
    repetitions=5,
    quick_repetitions=1,
)
