"""The pitfall: blocking or CPU-bound code inside a coroutine freezes the whole event loop."""

import asyncio
import time


def fetch_rates() -> dict[str, float]:
    time.sleep(0.1)  # a blocking client (requests, a sync SDK) waiting on the network
    return {"EUR": 1.08}


def count_primes(start: int, stop: int) -> int:
    """Pure-Python CPU work: it never awaits, so nothing else runs meanwhile."""
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


async def build_report() -> tuple[dict[str, float], int]:
    # Looks async, but neither call gives control back to the loop.
    return fetch_rates(), count_primes(2, 50_000)


async def main() -> None:
    lags: list[float] = []
    beat = asyncio.create_task(heartbeat(lags))
    await asyncio.sleep(0.02)  # a few normal ticks first
    rates, primes = await build_report()
    await asyncio.sleep(0.02)
    beat.cancel()
    print(f"{primes} primes, rates {rates}")
    #> 5133 primes, rates {'EUR': 1.08}
    print(f"worst heartbeat lag > 100 ms: {max(lags) > 0.1}")
    #> worst heartbeat lag > 100 ms: True


asyncio.run(main())
