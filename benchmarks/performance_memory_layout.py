"""Bytes per instance of four layouts of a two-field point, traced for 1,000,000 instances.

The suite's quick re-check traces 20,000 instances: bytes per instance do not depend on the count.
"""

from __future__ import annotations

import gc
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import NamedTuple

from benchmarks.harness import Benchmark, Claim, Metric

FULL_SIZE = 1_000_000
QUICK_SIZE = 20_000


class PointClass:
    def __init__(self, x: float, y: float) -> None:
        self.x = x
        self.y = y


class PointSlots:
    __slots__ = ("x", "y")

    def __init__(self, x: float, y: float) -> None:
        self.x = x
        self.y = y


class PointTuple(NamedTuple):
    x: float
    y: float


@dataclass(slots=True)
class PointDataclass:
    x: float
    y: float


def _traced_per_instance(make: Callable[[], object], n: int) -> float:
    points: list[object] = [None] * n  # the list is not part of an instance
    gc.collect()
    tracemalloc.start()
    for i in range(n):
        points[i] = make()
    traced, _peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return traced / n


def _plain_with_dict() -> PointClass:
    point = PointClass(1.0, 2.0)
    vars(point)  # materializes the instance __dict__, as copy, pickle and vars() do
    return point


def measure_at(n: int) -> dict[str, float]:
    values = {
        "plain": _traced_per_instance(lambda: PointClass(1.0, 2.0), n),
        "plain_with_dict": _traced_per_instance(_plain_with_dict, n),
        "slots": _traced_per_instance(lambda: PointSlots(1.0, 2.0), n),
        "namedtuple": _traced_per_instance(lambda: PointTuple(1.0, 2.0), n),
        "dataclass_slots": _traced_per_instance(lambda: PointDataclass(1.0, 2.0), n),
    }
    return {
        **values,
        "instances": float(n),
        "plain_million": values["plain"] * 1_000_000,
        "slots_million": values["slots"] * 1_000_000,
        "slots_saving": 100 * (1 - values["slots"] / values["plain"]),
        "slots_saving_vs_dict": 100 * (1 - values["slots"] / values["plain_with_dict"]),
    }


BENCHMARK = Benchmark(
    title="Bytes per instance of a two-float point: plain class, __slots__, NamedTuple, dataclass(slots=True)",
    metrics={
        "instances": Metric("count", "instances traced per layout"),
        "plain": Metric("bytes", "plain class, per instance (its __dict__ never requested)"),
        "plain_with_dict": Metric("bytes", "plain class after vars(instance) created its __dict__"),
        "slots": Metric("bytes", "class with __slots__ = ('x', 'y'), per instance"),
        "namedtuple": Metric("bytes", "typing.NamedTuple, per instance"),
        "dataclass_slots": Metric("bytes", "@dataclass(slots=True), per instance"),
        "plain_million": Metric("bytes", "plain class, 1,000,000 instances"),
        "slots_million": Metric("bytes", "__slots__ class, 1,000,000 instances"),
        "slots_saving": Metric("percent", "memory saved by __slots__ over a plain class"),
        "slots_saving_vs_dict": Metric("percent", "saved by __slots__ over a plain class with its __dict__"),
    },
    measure=partial(measure_at, FULL_SIZE),
    quick_measure=partial(measure_at, QUICK_SIZE),
    claims=(
        Claim("slots", at_most=56, why="the page says __slots__ instances are smaller than the seed's ~56 bytes"),
        Claim("plain", at_least=80, at_most=100, why="a plain instance costs less than the seed's ~152 on 3.11"),
        Claim("plain_with_dict", at_least=140, why="the seed's ~152 bytes is a plain instance with its __dict__"),
        Claim("namedtuple", at_most=70, why="the page says a NamedTuple costs less than the seed's ~72 bytes"),
        Claim("slots_saving", at_least=40, at_most=50, why="the page says __slots__ saves under the seed's 63%"),
    ),
    notes="Both fields hold the same two float objects, so only the instances are counted; "
    "distinct floats would add 24 bytes each to every layout.",
    repetitions=3,
    quick_repetitions=1,
)
