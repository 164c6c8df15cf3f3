"""Three independent 50 ms awaits: in turn versus with asyncio.gather()."""

import asyncio
import time

from benchmarks.harness import Benchmark, Claim, Metric

DELAY = 0.05


async def _call() -> None:
    await asyncio.sleep(DELAY)


async def _sequential() -> None:
    await _call()
    await _call()
    await _call()


async def _gathered() -> None:
    await asyncio.gather(_call(), _call(), _call())


def _timed(coro_fn) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    asyncio.run(coro_fn())
    return time.perf_counter() - start


def measure() -> dict[str, float]:
    sequential, gathered = _timed(_sequential), _timed(_gathered)
    return {"sequential": sequential, "gathered": gathered, "speedup": sequential / gathered}


BENCHMARK = Benchmark(
    title="Three 50 ms awaits: sequential vs asyncio.gather()",
    metrics={
        "sequential": Metric("seconds", "three awaits one after another"),
        "gathered": Metric("seconds", "the same three awaits gathered"),
        "speedup": Metric("ratio", "sequential time / gathered time"),
    },
    measure=measure,
    claims=(Claim("speedup", at_least=2.5, at_most=3.2, why="gather costs the slowest call, not the sum"),),
    repetitions=20,
)
