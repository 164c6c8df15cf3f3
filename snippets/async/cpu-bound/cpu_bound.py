"""Keep the loop responsive: blocking calls in a thread, CPU-bound work in a process pool."""

import asyncio
import time
from concurrent.futures import ProcessPoolExecutor
from functools import partial


def fetch_rates() -> dict[str, float]:
    time.sleep(0.1)  # a blocking client (requests, a sync SDK) waiting on the network
    return {"EUR": 1.08}


def count_primes(start: int, stop: int) -> int:
    """Pure-Python CPU work. Defined at module level so the pool can pickle it."""
    return sum(
        all(n % d for d in range(2, int(n**0.5) + 1)) for n in range(start, stop)
    )


async def heartbeat(lags: list[float], interval: float = 0.01) -> None:
    """Ticks every `interval` seconds and records how late each tick was."""
    loop = asyncio.get_running_loop()
    while True:
        start = loop.time()
        await asyncio.sleep(interval)
        lags.append(loop.time() - start - interval)


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
    lags: list[float] = []
    beat = asyncio.create_task(heartbeat(lags))
    # One pool for the whole program (in a web app: created in the lifespan), not one
    # per call: starting worker processes costs far more than the work handed to them.
    with ProcessPoolExecutor(max_workers=2) as pool:
        rates, primes = await build_report(pool)
    beat.cancel()
    print(f"{primes} primes, rates {rates}")
    #> 5133 primes, rates {'EUR': 1.08}
    print(f"worst heartbeat lag < 100 ms: {max(lags) < 0.1}")
    #> worst heartbeat lag < 100 ms: True


# Required where workers do not fork this process (spawn on macOS and Windows,
# forkserver on Linux from 3.14): each imports this module and must not rerun main().
if __name__ == "__main__":
    asyncio.run(main())
