"""A FastAPI app's process pool: created once in the lifespan, shut down off the loop."""

import asyncio
import multiprocessing
from collections.abc import AsyncIterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import asynccontextmanager
from functools import partial

import httpx
from fastapi import FastAPI, Request


def count_primes(start: int, stop: int) -> int:
    """Pure-Python CPU work. Defined at module level so the pool can pickle it."""
    return sum(
        all(n % d for d in range(2, int(n**0.5) + 1)) for n in range(start, stop)
    )


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    # One pool for the life of the server: its workers start once, not per request.
    pool = ProcessPoolExecutor(max_workers=2)
    app.state.pool = pool
    try:
        yield
    finally:
        # shutdown(wait=True) lets jobs in flight finish, then joins the workers: that
        # can take as long as the longest job, so wait in a thread, not on the loop.
        await asyncio.to_thread(pool.shutdown, wait=True)


app = FastAPI(lifespan=lifespan)


@app.get("/primes")
async def primes(request: Request, below: int) -> dict[str, int]:
    pool: ProcessPoolExecutor = request.app.state.pool
    loop = asyncio.get_running_loop()
    count = await loop.run_in_executor(pool, partial(count_primes, 2, below))
    return {"below": below, "primes": count}


async def heartbeat(ticks: list[float], interval: float = 0.01) -> None:
    """Ticks every `interval` seconds, as any other request's coroutine would."""
    while True:
        await asyncio.sleep(interval)
        ticks.append(asyncio.get_running_loop().time())


async def main() -> None:
    ticks: list[float] = []
    beat = asyncio.create_task(heartbeat(ticks))
    # httpx calls the app in process; lifespan_context runs its start-up and shutdown.
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://app.test") as client,
    ):
        alive: list[set[int]] = []  # worker processes alive after each request
        for below in (10_000, 20_000, 30_000):
            response = await client.get("/primes", params={"below": below})
            print(response.json())
            #> {'below': 10000, 'primes': 1229}
            #> {'below': 20000, 'primes': 2262}
            #> {'below': 30000, 'primes': 3245}
            alive.append({p.pid for p in multiprocessing.active_children()})
        reused = bool(alive[0]) and alive[0] <= alive[-1]
        print(f"the first request's workers served the last one too: {reused}")
        #> the first request's workers served the last one too: True
        # A long job is still running in the pool when the server stops.
        job = asyncio.get_running_loop().run_in_executor(
            app.state.pool, partial(count_primes, 2, 80_000)
        )
        stopping = len(ticks)
    shutdown_ticks = len(ticks) - stopping
    beat.cancel()
    print(f"the job in flight finished during shutdown: {job.done()}")
    #> the job in flight finished during shutdown: True
    # The loop kept running (here: a 10 ms heartbeat) while shutdown waited for it.
    print(f"heartbeat ticks during shutdown: more than 3: {shutdown_ticks > 3}")
    #> heartbeat ticks during shutdown: more than 3: True
    left = multiprocessing.active_children()
    print(f"worker processes left after shutdown: {len(left)}")
    #> worker processes left after shutdown: 0


# Required where workers do not fork this process (spawn on macOS and Windows,
# forkserver on Linux from 3.14): each imports this module and must not rerun main().
if __name__ == "__main__":
    asyncio.run(main())
