"""How long the whole test suite takes (the README's test command, on this machine)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from benchmarks.harness import Benchmark, Claim, Metric

ROOT = Path(__file__).resolve().parent.parent
OWN_TESTS = ("test_recorded_results_are_current", "test_recorded_results_satisfy_their_claims")

# The size of what the suite checks, part of the figure's fingerprint (workload constants): a page or a
# snippet added or removed makes the recorded time stale, so `make bench NAME=site_suite` must measure it
# again before the suite passes. Edits that keep the counts do not; the per-page cost is what grows.
PATTERN_PAGES = sum(1 for page in (ROOT / "docs").glob("*/*.md") if page.name != "index.md")
SNIPPET_FILES = sum(1 for _ in (ROOT / "snippets").rglob("*.py"))
TEST_MODULES = sum(1 for _ in (ROOT / "tests").glob("test_*.py"))


def measure(turn: int) -> dict[str, float]:
    # The benchmarks run before this one changed results.json, which llms-full.txt quotes.
    subprocess.run([sys.executable, "-m", "sitegen", "sync"], cwd=ROOT, check=True, capture_output=True)
    start = time.perf_counter()
    # This benchmark's own recorded result is what is being measured: neither require it nor check it yet.
    own = [f"tests/test_claims.py::{test}[site_suite]" for test in OWN_TESTS]
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", *(arg for test in own for arg in ("--deselect", test))],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"the test suite failed; fix it before timing it:\n{proc.stdout[-3000:]}")
    return {"seconds": elapsed}


BENCHMARK = Benchmark(
    title="The whole test suite (python -m pytest, all cores)",
    metrics={"seconds": Metric("seconds", "wall time of the whole suite")},
    measure=measure,
    # The brief's rule is 10 minutes on 2 cores. The earlier 5-minute target held (205 s) until every snippet
    # began running on four Pythons (issue 15): 3 x 122 more runs, measured 422 s on 2026-12-01.
    claims=(Claim("seconds", at_most=600, why="the whole suite under 10 minutes on 2 cores"),),
    # Three runs, the median checked: this shared 2-core machine's speed varies by a third within an hour
    # (the same suite took 465 s at 04:32 and 632 s at 03:40 on 2026-12-02, CPU-bound both times).
    repetitions=3,
    warmup=0,  # measured where the venvs and interpreters exist already: a first run pays nothing extra
    fewer_repetitions_because="one run is the whole suite, 8 to 11 minutes on 2 cores; the figure checks a"
    " budget (at most 600 s), it compares nothing",
    checked_in_suite=False,  # it would run itself: measured by `make bench`, not re-checked by the suite
)
