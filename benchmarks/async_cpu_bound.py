"""Event-loop lag (worst heartbeat delay) while CPU work runs on the loop vs in a process pool."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from concurrent.futures import ProcessPoolExecutor
from functools import partial

from benchmarks.harness import Benchmark, Claim, Metric, in_turn, load_snippet

STOP = 60_000  # count primes below this: about 0.3 s of pure-Python CPU work

# The page's own work function. The workers get it by reference, by module name: they are forked
# (the default start method on Linux before 3.14) with the snippet module already imported.
count_primes = load_snippet("async/cpu-bound/cpu_bound.py").count_primes


async def _heartbeat(lags: list[float], interval: float = 0.01) -> None:
    loop = asyncio.get_running_loop()
    while True:
        start = loop.time()
        await asyncio.sleep(interval)
        lags.append(loop.time() - start - interval)


async def _worst_lag(work: Callable[[], Awaitable[int]]) -> float:
    lags: list[float] = []
    beat = asyncio.create_task(_heartbeat(lags))
    await asyncio.sleep(0.02)
    await work()
    await asyncio.sleep(0.02)
    beat.cancel()
    return max(lags)


async def _on_loop() -> int:
    return count_primes(2, STOP)


async def _in_pool(pool: ProcessPoolExecutor) -> int:
    loop = asyncio.get_running_loop()
    middle = STOP * 3 // 5  # larger numbers cost more: split the work roughly evenly
    counts = await asyncio.gather(
        loop.run_in_executor(pool, partial(count_primes, 2, middle)),
        loop.run_in_executor(pool, partial(count_primes, middle, STOP)),
    )
    return sum(counts)


def measure(turn: int) -> dict[str, float]:
    with ProcessPoolExecutor(max_workers=2) as pool:
        list(pool.map(abs, [1, 2]))  # start the workers before measuring: a pool is reused
        lags = in_turn(
            turn,
            {
                "blocking_lag": lambda: asyncio.run(_worst_lag(_on_loop)),
                "pool_lag": lambda: asyncio.run(_worst_lag(partial(_in_pool, pool))),
            },
        )
    return {**lags, "ratio": lags["blocking_lag"] / lags["pool_lag"]}


BENCHMARK = Benchmark(
    title="Worst event-loop lag, counting primes below 60,000: on the loop vs in a process pool",
    metrics={
        "blocking_lag": Metric("seconds", "worst delay of a 10 ms heartbeat, work inside a coroutine"),
        "pool_lag": Metric("seconds", "worst delay of the same heartbeat, work in two pool workers"),
        "ratio": Metric("ratio", "blocking lag / pool lag"),
    },
    measure=measure,
    claims=(
        Claim(
            "ratio",
            at_least=5,
            why="work on the loop delays every other coroutine by its full duration",
        ),
    ),
    repetitions=10,
)
