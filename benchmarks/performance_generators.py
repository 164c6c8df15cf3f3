"""A CSV pipeline (read, filter, transform) as lists versus as generators: peak memory and time."""

from __future__ import annotations

import csv
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path

from benchmarks.harness import Benchmark, Claim, Metric

FULL_ROWS = 200_000
QUICK_ROWS = 20_000


def _write_users(path: Path, rows: int) -> None:
    with path.open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "email", "status"])
        for i in range(rows):
            writer.writerow([i, f"User{i}@Example.com", "active" if i % 3 else "inactive"])


def _as_lists(path: Path) -> list[dict[str, object]]:
    with path.open(newline="") as f:
        rows = list(csv.DictReader(f))
    active = [row for row in rows if row["status"] == "active"]
    return [{"user_id": int(row["id"]), "email": row["email"].lower()} for row in active]


def _read_rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(newline="") as f:
        yield from csv.DictReader(f)


def _to_users(rows: Iterable[dict[str, str]]) -> Iterator[dict[str, object]]:
    for row in rows:
        yield {"user_id": int(row["id"]), "email": row["email"].lower()}


def _as_generators(path: Path) -> Iterator[dict[str, object]]:
    return _to_users(row for row in _read_rows(path) if row["status"] == "active")


def _peak(consume: Callable[[], object]) -> int:
    tracemalloc.start()
    consume()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def _timed(consume: Callable[[], object]) -> float:
    start = time.perf_counter()
    consume()
    return time.perf_counter() - start


def measure_at(rows: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "users.csv")
        _write_users(path, rows)

        def lists() -> int:
            return len(_as_lists(path))

        def lazy() -> int:
            return sum(1 for _ in _as_generators(path))

        def first_of_lists() -> object:
            return _as_lists(path)[0]

        def first_lazy() -> object:
            users = _as_generators(path)
            first = next(users)
            users.close()
            return first

        list_peak, lazy_peak = _peak(lists), _peak(lazy)
        list_time, lazy_time = _timed(lists), _timed(lazy)
        first_list, first_lazy_time = _timed(first_of_lists), _timed(first_lazy)
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
        Claim("time_ratio", at_least=0.7, why="the page says the generator pipeline is about as fast or faster"),
        Claim("first_result_ratio", at_least=100, why="the page says generators start producing at once"),
    ),
    repetitions=3,
    quick_repetitions=1,
)
