"""Response caching with plain FastAPI: a TTL cache of results, single-flight, plus Cache-Control."""

import asyncio
import time
from asyncio import Task
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from typing import Generic, TypeVar

import httpx
from fastapi import FastAPI, Response
from pydantic import BaseModel

T = TypeVar("T")
TTL = 1.0  # seconds here; minutes in production


class AsyncTTLCache(Generic[T]):
    """One task per key for `ttl` seconds: concurrent misses share a single computation."""

    def __init__(self, ttl: float) -> None:
        self.ttl = ttl
        # Oldest first: with one ttl for all, insertion order is expiry order.
        self._tasks: OrderedDict[Hashable, tuple[float, Task[T]]] = OrderedDict()

    async def get(self, key: Hashable, compute: Callable[[], Awaitable[T]]) -> T:
        now = time.monotonic()
        while self._tasks and next(iter(self._tasks.values()))[0] <= now:
            self._tasks.popitem(last=False)  # expired entries leave, oldest first
        # No await between this check and the insert: no other request slips in.
        if key not in self._tasks:
            task = asyncio.ensure_future(compute())
            task.add_done_callback(lambda done: self._forget_failure(key, done))
            self._tasks[key] = (now + self.ttl, task)
        # shield(): a client that disconnects does not cancel the others' computation.
        return await asyncio.shield(self._tasks[key][1])

    def _forget_failure(self, key: Hashable, task: Task[T]) -> None:
        failed = task.cancelled() or task.exception() is not None
        if failed and key in self._tasks and self._tasks[key][1] is task:
            del self._tasks[key]  # errors are not cached: the next request retries


class Report(BaseModel):
    name: str
    total: int


app = FastAPI()
reports: AsyncTTLCache[Report] = AsyncTTLCache(ttl=TTL)
computed: list[str] = []


async def build_report(name: str) -> Report:
    computed.append(name)
    await asyncio.sleep(0.1)  # stands in for a slow aggregate query
    return Report(name=name, total=42)


@app.get("/reports/{name}")
async def get_report(name: str, response: Response) -> Report:
    # Let clients and shared caches (a CDN, a reverse proxy) reuse it as well.
    response.headers["Cache-Control"] = "public, max-age=60"
    return await reports.get(name, lambda: build_report(name))


async def main() -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://api") as client:
        first = await asyncio.gather(*(client.get("/reports/sales") for _ in range(10)))
        print(first[0].json(), first[0].headers["cache-control"])
        #> {'name': 'sales', 'total': 42} public, max-age=60
        print(f"10 concurrent requests, computed {len(computed)} time")
        #> 10 concurrent requests, computed 1 time

        await client.get("/reports/sales")
        print(f"a later request, computed {len(computed)} time")
        #> a later request, computed 1 time

        await asyncio.sleep(TTL)
        await client.get("/reports/sales")
        print(f"after the ttl, computed {len(computed)} times")
        #> after the ttl, computed 2 times


if __name__ == "__main__":  # the benchmark imports the app and its helpers
    asyncio.run(main())
