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


async def heartbeat(ticks: list[float], interval: float = 0.01) -> None:
    """Ticks every `interval` seconds, as any other request's coroutine would."""
    while True:
        await asyncio.sleep(interval)
        ticks.append(time.perf_counter())


async def build_report() -> tuple[dict[str, float], int]:
    # Looks async, but neither call gives control back to the loop.
    return fetch_rates(), count_primes(2, 50_000)


async def main() -> None:
    ticks: list[float] = []
    beat = asyncio.create_task(heartbeat(ticks))
    await asyncio.sleep(0.02)  # a few normal ticks first
    before = len(ticks)
    rates, primes = await build_report()
    during = len(ticks) - before
    beat.cancel()
    print(f"{primes} primes, rates {rates}")
    #> 5133 primes, rates {'EUR': 1.08}
    # Nothing else ran while the work ran: not one tick of a 10 ms heartbeat.
    print(f"heartbeat ticks during the work: {during}")
    #> heartbeat ticks during the work: 0


asyncio.run(main())
