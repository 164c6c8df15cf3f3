"""A CSV pipeline (read, filter, transform) as lists versus as generators: peak memory and time."""

from __future__ import annotations

import statistics
import tempfile
import tracemalloc
from collections.abc import Callable
from functools import partial
from pathlib import Path

from benchmarks.harness import Benchmark, Claim, Metric, elapsed, in_turn, load_snippet

FULL_ROWS = 200_000
QUICK_ROWS = 20_000
ROUNDS = 5  # interleaved list/generator runs per repetition; their median is the figure


_lazy = load_snippet("performance/generators/generators.py")  # the page's generator pipeline
_lists = load_snippet("performance/generators/generators_list.py")  # the page's list-based pipeline


def _peak(consume: Callable[[], object]) -> int:
    tracemalloc.start()
    consume()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def _interleaved(turn: int, a: Callable[[], object], b: Callable[[], object]) -> tuple[float, float]:
    """Median time of each of two runs over ROUNDS rounds, alternating which goes first (after a warm-up)."""
    a(), b()
    sides = {"a": partial(elapsed, a), "b": partial(elapsed, b)}
    rounds = [in_turn(turn + i, sides) for i in range(ROUNDS)]
    return statistics.median(r["a"] for r in rounds), statistics.median(r["b"] for r in rounds)


def measure_at(rows: int, turn: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "users.csv")
        _lazy.write_users(path, rows)

        def lists() -> int:
            return len(_lists.active_users(path))

        def lazy() -> int:
            return sum(1 for _ in _lazy.active_users(path))

        def first_of_lists() -> object:
            return _lists.active_users(path)[0]

        def first_lazy() -> object:
            users = _lazy.active_users(path)
            first = next(users)
            users.close()
            return first

        list_peak, lazy_peak = _peak(lists), _peak(lazy)  # traced runs, never timed
        # Timings are taken with tracemalloc off, interleaved, after a warm-up.
        list_time, lazy_time = _interleaved(turn, lists, lazy)
        first_list, first_lazy_time = _interleaved(turn, first_of_lists, first_lazy)
        size = path.stat().st_size
    return {
        "rows": float(rows),
        "file_size": float(size),
        "list_peak": float(list_peak),
        "lazy_peak": float(lazy_peak),
        "memory_ratio": list_peak / lazy_peak,
        "list_time": list_time,
        "lazy_time": lazy_time,
        "time_ratio": list_time / lazy_time,
        "first_result_list": first_list,
        "first_result_lazy": first_lazy_time,
        "first_result_ratio": first_list / first_lazy_time,
    }


BENCHMARK = Benchmark(
    title="Reading, filtering and transforming a CSV file: lists versus a generator pipeline",
    metrics={
        "rows": Metric("count", "rows in the CSV file"),
        "file_size": Metric("bytes", "size of the CSV file"),
        "list_peak": Metric("bytes", "peak traced memory of the list-based pipeline"),
        "lazy_peak": Metric("bytes", "peak traced memory of the generator pipeline"),
        "memory_ratio": Metric("ratio", "list peak / generator peak"),
        "list_time": Metric("seconds", "list-based pipeline, whole file"),
        "lazy_time": Metric("seconds", "generator pipeline, whole file"),
        "time_ratio": Metric("ratio", "whole file: list time / generator time"),
        "first_result_list": Metric("seconds", "time to the first result, list-based"),
        "first_result_lazy": Metric("seconds", "time to the first result, generators"),
        "first_result_ratio": Metric("ratio", "time to the first result: lists / generators"),
    },
    measure=partial(measure_at, FULL_ROWS),
    quick_measure=partial(measure_at, QUICK_ROWS),
    claims=(
        Claim("lazy_peak", at_most=64 * 1024, why="the page says the generator pipeline peaks under 64 KiB"),
        Claim("memory_ratio", at_least=100, why="the page says the list version needs over 100x the memory"),
        Claim(
            "time_ratio",
            at_least=0.95,
            why="the page says the generators are not slower (median of 5 interleaved runs per repetition)",
        ),
        Claim("first_result_ratio", at_least=100, why="the page says generators start producing at once"),
    ),
    notes="Both pipelines are imported from the page's snippets. Each repetition times 5 interleaved runs "
    "of each (after a warm-up, tracemalloc off) and keeps their medians; peaks are traced separately.",
    repetitions=5,
    quick_repetitions=1,
)
