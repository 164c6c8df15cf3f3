"""CPU-bound Python in threads: the loop stays responsive, but the work gets no second core."""

import asyncio
import time
from collections.abc import Awaitable, Callable


def count_primes(start: int, stop: int) -> int:
    """Pure-Python CPU work: it holds the GIL except when the interpreter switches."""
    return sum(
        all(n % d for d in range(2, int(n**0.5) + 1)) for n in range(start, stop)
    )


async def heartbeat(ticks: list[float], interval: float = 0.01) -> None:
    """Ticks every `interval` seconds, as any other request's coroutine would."""
    while True:
        await asyncio.sleep(interval)
        ticks.append(time.perf_counter())


async def on_the_loop() -> int:
    return count_primes(2, 30_000) + count_primes(30_000, 50_000)


async def in_two_threads() -> int:
    halves = await asyncio.gather(
        asyncio.to_thread(count_primes, 2, 30_000),
        asyncio.to_thread(count_primes, 30_000, 50_000),
    )
    return sum(halves)


async def measure(work: Callable[[], Awaitable[int]]) -> tuple[int, float]:
    """Heartbeat ticks while the work ran, and CPU seconds used per wall-clock second."""
    ticks: list[float] = []
    beat = asyncio.create_task(heartbeat(ticks))
    await asyncio.sleep(0.02)
    cpu, wall = time.process_time(), time.perf_counter()
    before = len(ticks)
    await work()
    during = len(ticks) - before
    cores = (time.process_time() - cpu) / (time.perf_counter() - wall)
    beat.cancel()
    return during, cores


async def main() -> None:
    loop_ticks, _ = await measure(on_the_loop)
    thread_ticks, thread_cores = await measure(in_two_threads)
    # Responsiveness: the loop's thread gets the GIL back every few milliseconds. How
    # many ticks it gets depends on the machine's load; that it gets any does not.
    print(f"heartbeat ticks during the work, on the loop: {loop_ticks}")
    #> heartbeat ticks during the work, on the loop: 0
    print(f"the heartbeat ticked during the work, in threads: {thread_ticks > 0}")
    #> the heartbeat ticked during the work, in threads: True
    # Parallelism: the two busy threads never kept more than one core busy.
    print(f"two threads used more than 1.5 cores: {thread_cores > 1.5}")
    #> two threads used more than 1.5 cores: False


asyncio.run(main())
