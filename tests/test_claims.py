"""Every figure on the site is measured, recorded with its provenance, and still true.

Each benchmark re-measures cheaply (its `quick_repetitions`) and checks the claims its page makes,
as ratios measured in the same run; results.json must hold a current result for every benchmark.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from benchmarks.__main__ import RESULTS, discover, load
from benchmarks.harness import Benchmark, Claim, Metric
from benchmarks.readme import BEGIN, END, README, render, replace
from sitegen import ROOT
from sitegen.measured import lookup
from tests.page_sources import pages


@pytest.fixture(scope="module")
def results() -> dict[str, object]:
    assert RESULTS.exists(), "benchmarks/results.json is missing: run `make bench`"
    return json.loads(RESULTS.read_text())


@pytest.mark.xdist_group("benchmarks")  # one at a time, so timings do not compete with each other
@pytest.mark.parametrize("name", [n for n in discover() if load(n).checked_in_suite])
def test_claims_still_hold(name: str) -> None:
    # In a fresh interpreter: benchmarks start event loops, servers and Django; nothing may leak
    # into them from other tests on this worker (or out of them).
    proc = subprocess.run(
        [sys.executable, "-W", "error", "-m", "benchmarks", "--quick", name],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize("name", discover())
def test_recorded_results_are_current(name: str, results: dict[str, object]) -> None:
    recorded = results["benchmarks"].get(name)  # type: ignore[union-attr]
    assert recorded is not None, f"no results for benchmarks/{name}.py: run `python -m benchmarks {name}`"
    bench = load(name)
    assert set(recorded["metrics"]) == set(bench.metrics), f"{name}: metrics changed; re-run it"
    assert recorded["claims"] == [str(c) for c in bench.claims], f"{name}: claims changed; re-run it"
    for metric in recorded["metrics"].values():
        assert metric["repetitions"] == bench.repetitions, f"{name}: recorded with a different repetition count"
    for field in ("python", "cpu", "date"):
        assert recorded["environment"][field], f"{name}: provenance lacks {field}"


def test_every_figure_on_a_page_is_recorded(results: dict[str, object]) -> None:
    refs = [(page, ref) for page in pages() for ref in re.findall(r"\[\[bench:([\w.-]+)\]\]", page.read_text())]
    assert refs, "no measured figure on any page"
    for _page, ref in refs:
        lookup(results, ref)  # raises naming the missing figure


@pytest.mark.parametrize("name", discover())
def test_recorded_results_satisfy_their_claims(name: str, results: dict[str, object]) -> None:
    # A missing result is reported by test_recorded_results_are_current.
    recorded = results["benchmarks"].get(name)  # type: ignore[union-attr]
    if recorded is not None:
        bench = load(name)
        for claim in bench.claims:
            assert claim.holds(recorded["metrics"][claim.metric]["median"]), f"{name}: {claim}"


def test_readme_speed_table_comes_from_the_results(results: dict[str, object]) -> None:
    text = README.read_text()
    assert BEGIN in text and END in text, "README.md lost its generated site-speed table markers"
    assert replace(text, render(results)) == text, "README's site-speed table is stale: run `make bench`"


def test_a_broken_claim_fails() -> None:
    bench = Benchmark(
        title="always 1",
        metrics={"ratio": Metric("ratio", "constant")},
        measure=lambda: {"ratio": 1.0},
        claims=(Claim("ratio", at_least=2.0, why="would be a lie"),),
    )
    assert bench.failed_claims(bench.run(2)) == ["ratio >= 2 failed: measured median 1 (would be a lie)"]
