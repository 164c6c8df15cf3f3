"""Bytes per instance of a plain class, __slots__, NamedTuple and dataclass(slots=True)."""

import tracemalloc
from dataclasses import dataclass
from typing import NamedTuple

N = 100_000


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


def bytes_per_instance(cls: type, own_floats: bool, n: int = N) -> float:
    points: list[object] = [None] * n  # allocated before tracing: only instances count
    tracemalloc.start()
    for i in range(n):
        if own_floats:  # two new float objects per point, as real data has
            points[i] = cls(i * 0.5, i * 0.25)
        else:  # the same two float objects every time: the instance alone is counted
            points[i] = cls(1.0, 2.0)
    traced, _peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return traced / n


def main() -> None:
    layouts = (PointClass, PointSlots, PointTuple, PointDataclass)
    shared = {cls: bytes_per_instance(cls, own_floats=False) for cls in layouts}
    own = {cls: bytes_per_instance(cls, own_floats=True) for cls in layouts}
    print(f"{'bytes per point':<15} {'shared floats':>13} {'own floats':>10}")
    #> bytes per point shared floats own floats
    for cls in layouts:
        print(f"{cls.__name__:<15} {shared[cls]:13.0f} {own[cls]:10.0f}")
        #> PointClass                 88        136
        #> PointSlots                 48         96
        #> PointTuple                 64        112
        #> PointDataclass             48         96
    for label, sizes in (("shared floats", shared), ("floats of its own", own)):
        saving = 1 - sizes[PointSlots] / sizes[PointClass]
        print(f"__slots__ saves {saving:.0%} per point with {label}")
        #> __slots__ saves 45% per point with shared floats
        #> __slots__ saves 29% per point with floats of its own


if __name__ == "__main__":  # the benchmark imports the classes and bytes_per_instance()
    main()
