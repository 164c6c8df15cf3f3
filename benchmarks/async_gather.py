"""Three independent 50 ms awaits: in turn versus with asyncio.gather()."""

import asyncio

from benchmarks.harness import Benchmark, Claim, Metric, elapsed, in_turn

DELAY = 0.05


async def _call() -> None:
    await asyncio.sleep(DELAY)


async def _sequential() -> None:
    await _call()
    await _call()
    await _call()


async def _gathered() -> None:
    await asyncio.gather(_call(), _call(), _call())


def measure(turn: int) -> dict[str, float]:
    times = in_turn(
        turn,
        {
            "sequential": lambda: elapsed(lambda: asyncio.run(_sequential())),
            "gathered": lambda: elapsed(lambda: asyncio.run(_gathered())),
        },
    )
    return {**times, "speedup": times["sequential"] / times["gathered"]}


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
