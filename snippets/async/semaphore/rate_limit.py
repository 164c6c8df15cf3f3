"""A real rate limit: spaced request starts, and one back-off for all on a 429."""

import asyncio
import math
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, Self

import httpx
import uvicorn
from fastapi import FastAPI, Response

QUOTA = 10  # the API's published limit: requests started per second
LATENCY = 0.1  # how long the server takes to answer one request


class RateLimiter:
    """Lets calls start at most `per_second` times a second, evenly spaced."""

    def __init__(self, per_second: float) -> None:
        self._interval = 1 / per_second
        self._next_slot = 0.0

    async def wait(self) -> None:
        now = asyncio.get_running_loop().time()
        slot = max(now, self._next_slot)
        # Reserve the slot before awaiting: no other caller can take it, so no lock.
        self._next_slot = slot + self._interval
        await asyncio.sleep(slot - now)

    def pause(self, seconds: float) -> None:
        """Give out no slot for `seconds`: every caller backs off, not only one."""
        now = asyncio.get_running_loop().time()
        self._next_slot = max(self._next_slot, now + seconds)


def retry_after(response: httpx.Response, default: float = 1.0) -> float:
    """Seconds to wait from a Retry-After header (delay-seconds or an HTTP date)."""
    value = response.headers.get("Retry-After", "")
    # isdigit() alone accepts "²", which float() refuses: ASCII digits only.
    if value.isascii() and value.isdigit():
        seconds = float(value)
    else:
        try:
            seconds = (parsedate_to_datetime(value) - datetime.now(UTC)).total_seconds()
        except (TypeError, ValueError, OverflowError):  # garbage, or past year 9999
            seconds = default
    return min(max(seconds, 0.0), 60.0)  # never trust a server to make us wait an hour


class ThrottledClient:
    """At most `max_concurrent` requests in flight and `per_second` started per second.

    A 429 response is retried up to `retries` times, after its Retry-After.
    """

    def __init__(
        self, base_url: str, max_concurrent: int, per_second: float, retries: int = 2
    ) -> None:
        self._client = httpx.AsyncClient(base_url=base_url)
        self._semaphore = asyncio.Semaphore(max_concurrent)
        self._rate = RateLimiter(per_second)
        self._retries = retries
        self.throttled = 0  # 429 responses received

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self._client.aclose()

    async def _send(self, path: str) -> httpx.Response:
        async with self._semaphore:
            # Wait for the rate *inside* the semaphore, right before sending:
            # waiting outside would let queued requests leave in a burst.
            await self._rate.wait()
            return await self._client.get(path)

    async def get_json(self, path: str) -> Any:
        response = await self._send(path)
        for _ in range(self._retries):
            if response.status_code != 429:
                break
            self.throttled += 1
            # The quota is shared: pause every caller, not only this one.
            self._rate.pause(retry_after(response))
            response = await self._send(path)
        return response.raise_for_status().json()

    async def get_all(self, paths: list[str]) -> list[Any]:
        # A TaskGroup: if one request fails, none of the others outlives get_all().
        async with asyncio.TaskGroup() as tg:
            tasks = [tg.create_task(self.get_json(path)) for path in paths]
        return [task.result() for task in tasks]


async def main(base_url: str) -> None:
    # Leave headroom below the quota: network jitter can bunch requests together.
    async with ThrottledClient(base_url, max_concurrent=5, per_second=5) as client:
        # Another worker sharing our API key has just used the whole quota...
        async with httpx.AsyncClient(base_url=base_url) as other:
            for _ in range(QUOTA):
                await other.get("/ping")
        # ...so our first request gets a 429, and waits as Retry-After says.
        item = await client.get_json("/items/0")
        print(item, f"after {client.throttled} 429 and its Retry-After")
        #> {'id': 0} after 1 429 and its Retry-After

        items = await client.get_all([f"/items/{i}" for i in range(1, 13)])
        print(f"{len(items)} items, 429 responses since: {client.throttled - 1}")
        #> 12 items, 429 responses since: 0
    print(f"peak concurrency <= 5: {quota.peak <= 5}")
    #> peak concurrency <= 5: True
    # What only a rate limiter guarantees: no one-second window holds more starts
    # than the quota (a semaphore alone would send all 13 within 0.3 s).
    most = quota.max_starts_per_second()
    print(f"most starts in any one second <= {QUOTA}: {most <= QUOTA}")
    #> most starts in any one second <= 10: True


# A local API to measure against: it enforces the quota and records what it sees.
@dataclass
class Quota:
    """Starts in the last second (429 beyond QUOTA), and every /items start."""

    recent: deque[float] = field(default_factory=deque)
    starts: list[float] = field(default_factory=list)
    in_flight: int = 0
    peak: int = 0

    def admit(self, now: float) -> float:
        """Record a start; return 0 if it is within the quota, else seconds to wait."""
        while self.recent and self.recent[0] <= now - 1:
            self.recent.popleft()
        if len(self.recent) >= QUOTA:
            return self.recent[0] + 1 - now
        self.recent.append(now)
        return 0.0

    def max_starts_per_second(self) -> int:
        """The most requests that started within any one-second window."""
        return max(sum(s <= t < s + 1 for t in self.starts) for s in self.starts)


quota = Quota()
app = FastAPI()


@app.get("/ping")
async def ping(response: Response) -> dict[str, str]:
    if wait := quota.admit(time.monotonic()):
        response.status_code = 429
        response.headers["Retry-After"] = str(math.ceil(wait))
    return {}


@app.get("/items/{item_id}")
async def get_item(item_id: int, response: Response) -> dict[str, int]:
    now = time.monotonic()
    quota.starts.append(now)  # every attempt counts, refused or not
    if wait := quota.admit(now):
        response.status_code = 429
        response.headers["Retry-After"] = str(math.ceil(wait))  # whole seconds
        return {}
    quota.in_flight += 1
    quota.peak = max(quota.peak, quota.in_flight)
    try:
        await asyncio.sleep(LATENCY)  # the server's own work
    finally:
        quota.in_flight -= 1
    return {"id": item_id}


@contextmanager
def serve(app: FastAPI) -> Iterator[str]:
    """Run the app under uvicorn in a background thread; port 0 picks a free port."""
    server = uvicorn.Server(uvicorn.Config(app, port=0, log_level="warning"))
    thread = threading.Thread(target=server.run)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("the server failed to start")
        time.sleep(0.01)
    try:
        port = server.servers[0].sockets[0].getsockname()[1]
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join()


with serve(app) as url:
    asyncio.run(main(url))
