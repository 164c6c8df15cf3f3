"""Keep the loop responsive: blocking calls in a thread, CPU-bound work in a process pool."""

import asyncio
import time
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from itertools import pairwise


def fetch_rates() -> dict[str, float]:
    time.sleep(0.1)  # a blocking client (requests, a sync SDK) waiting on the network
    return {"EUR": 1.08}


def count_primes(start: int, stop: int) -> int:
    """Pure-Python CPU work. Defined at module level so the pool can pickle it."""
    return sum(
        all(n % d for d in range(2, int(n**0.5) + 1)) for n in range(start, stop)
    )


async def heartbeat(ticks: list[float], interval: float = 0.01) -> None:
    """Ticks every `interval` seconds, as any other request's coroutine would."""
    while True:
        await asyncio.sleep(interval)
        ticks.append(time.perf_counter())


async def build_report(pool: ProcessPoolExecutor) -> tuple[dict[str, float], int]:
    loop = asyncio.get_running_loop()
    rates, *counts = await asyncio.gather(
        # Blocking IO: a thread waits on it while the GIL is free for the loop.
        asyncio.to_thread(fetch_rates),
        # CPU work: worker processes, each with its own interpreter and GIL.
        # run_in_executor passes no keyword arguments: bind them with partial().
        loop.run_in_executor(pool, partial(count_primes, 2, stop=25_000)),
        loop.run_in_executor(pool, partial(count_primes, 25_000, stop=50_000)),
    )
    return rates, sum(counts)


async def main() -> None:
    ticks: list[float] = []
    beat = asyncio.create_task(heartbeat(ticks))
    # One pool for the whole program (in a web app: created in the lifespan), not one
    # per call: starting worker processes costs far more than the work handed to them.
    with ProcessPoolExecutor(max_workers=2) as pool:
        # Start the workers before the first real job: submit() starts them, and
        # starting a process blocks the caller (with forkserver, the default on Linux
        # from 3.14, long enough to stall the loop for a whole job's time).
        loop = asyncio.get_running_loop()
        await asyncio.gather(*(loop.run_in_executor(pool, int) for _ in range(2)))
        start = time.perf_counter()
        rates, primes = await build_report(pool)
        end = time.perf_counter()
    beat.cancel()
    print(f"{primes} primes, rates {rates}")
    #> 5133 primes, rates {'EUR': 1.08}
    # The longest the loop went without running the heartbeat, while the work ran:
    # all of it when the work blocks the loop (the pitfall); otherwise less, however busy
    # the machine.
    times = [start, *(t for t in ticks if start < t < end), end]
    stall = max(b - a for a, b in pairwise(times))
    print(f"the loop ran while the work ran: {stall < end - start}")
    #> the loop ran while the work ran: True


# Required where workers do not fork this process (spawn on macOS and Windows,
# forkserver on Linux from 3.14): each imports this module and must not rerun main().
if __name__ == "__main__":
    asyncio.run(main())
