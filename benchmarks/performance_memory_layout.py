"""Bytes per instance of four layouts of a two-field point, traced for 1,000,000 instances.

The suite's quick re-check traces 20,000 instances: bytes per instance do not depend on the count.
"""

from __future__ import annotations

import gc
from functools import partial

from benchmarks.harness import Benchmark, Claim, Metric, load_snippet

FULL_SIZE = 1_000_000
QUICK_SIZE = 20_000


_page = load_snippet("performance/memory-layout/memory_layout.py")


class _PlainWithDict(_page.PointClass):  # type: ignore[misc, name-defined]
    """The page's plain class, with its __dict__ materialized as vars(), copy and pickle do."""

    def __init__(self, x: float, y: float) -> None:
        super().__init__(x, y)
        vars(self)


def _per_instance(cls: type, n: int, own_floats: bool = False) -> float:
    gc.collect()
    return float(_page.bytes_per_instance(cls, own_floats=own_floats, n=n))


def measure_at(n: int, turn: int) -> dict[str, float]:
    values = {
        "plain": _per_instance(_page.PointClass, n),
        "plain_with_dict": _per_instance(_PlainWithDict, n),
        "slots": _per_instance(_page.PointSlots, n),
        "namedtuple": _per_instance(_page.PointTuple, n),
        "dataclass_slots": _per_instance(_page.PointDataclass, n),
        "plain_own_floats": _per_instance(_page.PointClass, n, own_floats=True),
        "slots_own_floats": _per_instance(_page.PointSlots, n, own_floats=True),
    }
    return {
        **values,
        "instances": float(n),
        "plain_million": values["plain"] * 1_000_000,
        "slots_million": values["slots"] * 1_000_000,
        "slots_saving": 100 * (1 - values["slots"] / values["plain"]),
        "slots_saving_vs_dict": 100 * (1 - values["slots"] / values["plain_with_dict"]),
        "slots_saving_own_floats": 100 * (1 - values["slots_own_floats"] / values["plain_own_floats"]),
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
        "plain_own_floats": Metric("bytes", "plain class, per instance, with two float objects of its own"),
        "slots_own_floats": Metric("bytes", "__slots__ class, per instance, with two float objects of its own"),
        "slots_saving_own_floats": Metric("percent", "saved by __slots__ when each point has floats of its own"),
    },
    measure=partial(measure_at, FULL_SIZE),
    quick_measure=partial(measure_at, QUICK_SIZE),
    claims=(
        Claim("slots", at_most=56, why="the page says __slots__ instances are smaller than the seed's ~56 bytes"),
        Claim("plain", at_least=80, at_most=100, why="a plain instance costs less than the seed's ~152 on 3.11"),
        Claim("plain_with_dict", at_least=140, why="the seed's ~152 bytes is a plain instance with its __dict__"),
        Claim("namedtuple", at_most=70, why="the page says a NamedTuple costs less than the seed's ~72 bytes"),
        Claim("slots_saving", at_least=40, at_most=50, why="the page says __slots__ saves under the seed's 63%"),
        Claim(
            "slots_saving_own_floats",
            at_least=20,
            at_most=35,
            why="the page says the saving is smaller with floats of their own",
        ),
    ),
    notes="The classes and the tracing function are imported from the page's snippet. Unless named "
    "'own floats', both fields hold the same two float objects, so only the instances are counted; "
    "distinct floats add 24 bytes each to every layout.",
    repetitions=5,
    quick_repetitions=1,
)
