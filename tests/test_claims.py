"""Every figure on the site is measured, recorded with its provenance, current, and still true.

- A result records a fingerprint of what produced it (benchmark module and helpers, the snippet
  files it loads, its workload, Python and package versions): any change fails the suite until
  the benchmark is re-measured (`python -m benchmarks NAME`).
- Each result satisfies the claims its page makes, as ratios measured in the same run; `make bench`
  fails when a re-measurement breaks one.

The suite times nothing itself: performance targets live in the benchmarks (the brief's rule), and
timed re-checks made results depend on the machine's load. `make check-claims` re-measures every
benchmark cheaply (its `quick_repetitions`) and checks its claims, on demand.
"""

from __future__ import annotations

import ast
import difflib
import functools
import re
from pathlib import Path

import pytest

from benchmarks.__main__ import discover, load
from benchmarks.harness import MIN_REPETITIONS, TIMED_UNITS, Benchmark, Claim, Metric, fingerprint, in_turn
from sitegen import ROOT
from sitegen.measured import claim_lookup, lookup, workload_text
from sitegen.pages import BENCH, CLAIM, WORKLOAD, all_pages
from sitegen.project import project
from sitegen.readme_table import readme_text
from sitegen.records import BenchmarkResult, all_results, benchmark_result


@pytest.fixture(scope="module")
def results() -> dict[str, BenchmarkResult]:
    return all_results()


@pytest.mark.parametrize("name", discover())
def test_recorded_results_are_current(name: str) -> None:
    recorded = benchmark_result(name)
    assert recorded is not None, f"no results for benchmarks/{name}.py: run `python -m benchmarks {name}`"
    bench = load(name)
    fix = f"re-measure with `python -m benchmarks {name}`"
    digest, inputs, workload = fingerprint(name, bench)
    assert recorded.fingerprint == digest, (
        f"benchmarks/results/{name}.json is stale: what produced its figures changed since they were "
        f"measured (inputs {inputs}, workload {workload}; recorded workload {recorded.workload}); {fix}"
    )
    assert set(recorded.metrics) == set(bench.metrics), f"{name}: metrics changed; {fix}"
    assert recorded.claims == [c.record() for c in bench.claims], f"{name}: claims changed; {fix}"
    for metric in recorded.metrics.values():
        assert metric.repetitions == bench.repetitions, f"{name}: recorded with a different repetition count; {fix}"


def test_no_result_without_its_benchmark(results: dict[str, BenchmarkResult]) -> None:
    orphans = sorted(set(results) - set(discover()))
    assert not orphans, f"results of benchmarks that no longer exist: {orphans} (delete benchmarks/results/<name>.json)"


def test_every_figure_on_a_page_is_recorded() -> None:
    refs = [(page.rel, ref) for page in all_pages() for ref in page.markers(BENCH)]
    assert refs, "no measured figure on any page"
    for _page, ref in refs:
        lookup(ref)  # raises naming the missing figure and the command
    for page in all_pages():
        for ref in page.markers(CLAIM):
            claim_lookup(ref)  # raises naming the benchmark that must check exactly one claim


@pytest.mark.parametrize("name", discover())
def test_recorded_results_satisfy_their_claims(name: str, results: dict[str, BenchmarkResult]) -> None:
    recorded = results.get(name)
    if recorded is None:
        pytest.fail(f"no results for benchmarks/{name}.py: run `python -m benchmarks {name}`", pytrace=False)
    for claim in load(name).claims:
        assert claim.holds(recorded.metrics[claim.metric].median), f"{name}: {claim}"


def test_readme_speed_table_comes_from_the_results() -> None:
    assert readme_text() == (ROOT / "README.md").read_text(encoding="utf-8"), "README's table is stale: run `make sync`"


def test_a_broken_claim_fails() -> None:
    bench = Benchmark(
        title="always 1",
        metrics={"ratio": Metric("ratio", "constant")},
        measure=lambda turn: {"ratio": 1.0},
        claims=(Claim("ratio", at_least=2.0, why="would be a lie"),),
    )
    assert bench.failed_claims(bench.run(2)) == ["ratio >= 2 failed: measured median 1 (would be a lie)"]


def test_a_changed_workload_makes_the_result_stale(monkeypatch: pytest.MonkeyPatch) -> None:
    import benchmarks.async_gather as module

    before, _, _ = fingerprint("async_gather", module.BENCHMARK)
    monkeypatch.setattr(module, "DELAY", module.DELAY / 5)
    after, _, workload = fingerprint("async_gather", module.BENCHMARK)
    assert before != after and workload["DELAY"] == module.DELAY


# A figure followed within three words by a comparative ("[[bench:x.speedup]] faster than…").
COMPARED = re.compile(
    r"\[\[bench:([\w.-]+)\]\](?:\W+\w+){0,2}?\W+"
    r"(faster|slower|smaller|larger|bigger|less|more|fewer|lower|higher|cheaper|quicker|longer|shorter)\b",
    re.I,
)


def test_every_comparative_figure_is_guarded_by_a_claim() -> None:
    # "X is [[bench:b.m]] faster" is a claim: the benchmark must check one on that metric, so the
    # suite fails when the sentence stops being true (or write it as [[claim:b.m]]).
    problems = []
    results = all_results()
    for page in all_pages():
        for line in page.body.splitlines():
            for m in COMPARED.finditer(line):
                bench_id, _, metric = m.group(1).rpartition(".")
                bench = results.get(bench_id)
                if bench is not None and not any(c.metric == metric for c in bench.claims):
                    problems.append(f"docs/{page.rel}: '{m.group(0)}' states a comparison no claim guards")
    assert not problems, "\n".join(problems)


def _definitions(path: Path) -> dict[str, str]:
    """Top-level classes and functions of a module: name -> AST dump without docstrings."""
    found = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                body = body[1:]
            found[node.name] = "\n".join(ast.dump(n) for n in body)
    return found


# The one exception, checked both ways (an entry that is no longer a copy fails too): the uvicorn runner
# that every standalone snippet with a server carries. It teaches nothing and is timed by nothing;
# loading it from one snippet would make that snippet's every edit re-measure five benchmarks.
KNOWN_COPIES = {"benchmarks/_local_server.py: serve"}


def _similar(a: str, b: str, threshold: float = 0.6) -> bool:
    """SequenceMatcher's ratio above `threshold`, trying its cheap upper bounds first (same answer, faster)."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return matcher.real_quick_ratio() > threshold and matcher.quick_ratio() > threshold and matcher.ratio() > threshold


def test_no_benchmark_holds_a_copy_of_snippet_code() -> None:
    # Benchmarks time the code the pages show (load_snippet): a class or function a benchmark defines
    # with a snippet's name and much the same body is a hand copy that can drift from the page.
    proj = project()
    shown: dict[str, list[tuple[str, str]]] = {}
    for snippet in proj.snippets.rglob("*.py"):
        for name, body in _definitions(snippet).items():
            shown.setdefault(name.lstrip("_"), []).append((snippet.relative_to(proj.root).as_posix(), body))
    copies = []
    # The runner and the harness time nothing a page shows (the runner's `main` against every snippet's
    # `main` was 12 s of the suite's CPU).
    for module in sorted(m for m in proj.benchmarks.glob("*.py") if m.name not in ("__main__.py", "harness.py")):
        for name, body in _definitions(module).items():
            # Bodies of a line or two (a health endpoint, `return x * 2`) match by coincidence. One
            # snippet it copies is enough: `serve` is in 24 of them (the full ratio took 29 s of CPU).
            originals = [original for _where, original in shown.get(name.lstrip("_"), []) if len(original) > 600]
            if any(_similar(body, original) for original in originals):
                copies.append(f"benchmarks/{module.name}: {name}")
    new = sorted(set(copies) - KNOWN_COPIES)
    assert not new, "benchmarks must import what they time (load_snippet):\n" + "\n".join(new)
    gone = sorted(KNOWN_COPIES - set(copies))
    assert not gone, f"no longer copies: remove from KNOWN_COPIES: {gone}"


def _benchmark_sources(name: str) -> str:
    """The benchmark module's source and that of the helper modules it imports."""
    proj = project()
    _, inputs, _ = fingerprint(name, load(name))
    return "\n".join((proj.root / rel).read_text(encoding="utf-8") for rel in inputs if rel.startswith("benchmarks/"))


@pytest.mark.parametrize("name", discover())
def test_compared_timings_run_in_turn(name: str) -> None:
    # A side that always runs first pays for cold caches, one that always runs last for a heated CPU:
    # sides timed in the same repetition must take turns (harness.in_turn / ain_turn).
    bench = load(name)
    timed = sorted(m for m, metric in bench.metrics.items() if metric.unit in TIMED_UNITS)
    if len(timed) < 2:
        return
    calls = {
        node.func.id
        for node in ast.walk(ast.parse(_benchmark_sources(name)))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    }
    assert calls & {"in_turn", "ain_turn"}, (
        f"benchmarks/{name}.py times {timed} but never lets them take turns: run the sides with "
        "harness.in_turn(turn, {...}) (or ain_turn for coroutines)"
    )


@pytest.mark.parametrize("name", discover())
def test_results_have_enough_repetitions(name: str, results: dict[str, BenchmarkResult]) -> None:
    bench = load(name)
    if bench.fewer_repetitions_because:
        return
    short = {m: r.repetitions for m, r in results[name].metrics.items() if r.repetitions < MIN_REPETITIONS}
    assert not short, f"benchmarks/results/{name}.json: fewer than {MIN_REPETITIONS} repetitions: {short}"


def test_too_few_repetitions_must_say_why() -> None:
    with pytest.raises(ValueError, match="at least 5"):
        Benchmark(title="t", metrics={}, measure=lambda turn: {}, repetitions=3)


def test_in_turn_rotates_which_side_runs_first() -> None:
    ran: list[str] = []

    def side(name: str) -> str:
        ran.append(name)
        return name.upper()

    for turn in range(3):
        results = in_turn(turn, {name: functools.partial(side, name) for name in "abc"})
        assert results == {"a": "A", "b": "B", "c": "C"} and list(results) == ["a", "b", "c"]
    assert "".join(ran) == "abc" + "bca" + "cab"


@pytest.mark.parametrize("name", discover())
def test_snippets_are_loaded_through_load_snippet(name: str) -> None:
    # The fingerprint finds the snippet files a benchmark times by its load_snippet("...") calls; a
    # snippet imported any other way would change without making the figures stale.
    source = _benchmark_sources(name)
    tree = ast.parse(source)
    attrs = {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
    strings = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    assert "spec_from_file_location" not in attrs, f"benchmarks/{name}.py imports a file itself: use load_snippet"
    assert not [s for s in strings if "snippets/" in s], f"benchmarks/{name}.py names a snippet path: use load_snippet"


def test_no_benchmark_imports_another() -> None:
    # A benchmark's fingerprint covers the modules it imports; importing another benchmark would tie
    # two results together (a change to one re-measures both) and hide what a figure depends on.
    # Shared code lives in helper modules, whose names start with "_".
    benchmarks = set(discover())
    tangled = []
    for name in sorted(benchmarks):
        tree = ast.parse((project().benchmarks / f"{name}.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("benchmarks."):
                imported = node.module.split(".", 1)[1]
                if imported in benchmarks:
                    tangled.append(f"benchmarks/{name}.py imports benchmarks/{imported}.py")
    assert not tangled, "move what they share into a helper module (benchmarks/_<name>.py):\n" + "\n".join(tangled)


def test_every_workload_on_a_page_is_recorded() -> None:
    # [[workload:b.PARAM]] shows the parameter the recorded result was measured with, so prose that
    # states the workload ("three 50 ms awaits") changes when the benchmark's does.
    refs = [(page.rel, m.group(1), m.group(2)) for page in all_pages() for m in WORKLOAD.finditer(page.body)]
    assert refs, "no workload stated on any page"
    for _page, ref, unit in refs:
        workload_text(ref, unit)  # raises naming the benchmark and the parameters it records
