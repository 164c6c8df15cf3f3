"""Bound concurrent requests with a Semaphore; a TaskGroup leaves no request behind."""

import asyncio
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Self

import httpx
import uvicorn
from fastapi import FastAPI, HTTPException

LATENCY = 0.05  # how long the server takes to answer one request


class BoundedClient:
    """An httpx client that never has more than `max_concurrent` requests in flight."""

    def __init__(self, base_url: str, max_concurrent: int) -> None:
        self._client = httpx.AsyncClient(base_url=base_url)
        self._semaphore = asyncio.Semaphore(max_concurrent)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self._client.aclose()

    async def get_json(self, path: str) -> Any:
        # Callers beyond the limit wait here, before a connection is even asked for.
        async with self._semaphore:
            response = await self._client.get(path)
        return response.raise_for_status().json()

    async def get_all(self, paths: list[str]) -> list[Any]:
        # A TaskGroup, not a bare gather(): if one request fails, the others are
        # cancelled and awaited before the error leaves get_all(), so none of them
        # is still running when the caller closes the client.
        async with asyncio.TaskGroup() as tg:
            tasks = [tg.create_task(self.get_json(path)) for path in paths]
        return [task.result() for task in tasks]


async def main(base_url: str) -> None:
    async with BoundedClient(base_url, max_concurrent=5) as client:
        items = await client.get_all([f"/items/{i}" for i in range(20)])
    print(f"{len(items)} items, server peak concurrency: {load.peak}")
    #> 20 items, server peak concurrency: 5
    # A semaphore bounds how many requests overlap, not how many start per second.
    print(f"more than 5 starts in one second: {load.max_starts_per_second() > 5}")
    #> more than 5 starts in one second: True

    # One request fails: get_all raises, and nothing it started is left running.
    paths = ["/items/broken"] + [f"/items/{i}" for i in range(19)]
    status = 0
    try:
        async with BoundedClient(base_url, max_concurrent=5) as client:
            await client.get_all(paths)
    except* httpx.HTTPStatusError as group:
        status = group.exceptions[0].response.status_code
    print(f"get_all raised: {status}")
    #> get_all raised: 500
    # No task left, so no request is sent after the error (or to the closed client).
    print(f"tasks still running after get_all: {len(asyncio.all_tasks()) - 1}")
    #> tasks still running after get_all: 0


# A local server to measure against: it records what it sees.
@dataclass
class Load:
    """What the server saw: requests in flight, their peak, when each one started."""

    in_flight: int = 0
    peak: int = 0
    starts: list[float] = field(default_factory=list)

    def max_starts_per_second(self) -> int:
        """The most requests that started within any one-second window."""
        return max(sum(s <= t < s + 1 for t in self.starts) for s in self.starts)


load = Load()
app = FastAPI()


@app.get("/items/broken")
async def broken_item() -> None:
    raise HTTPException(500, "this one fails")


@app.get("/items/{item_id}")
async def get_item(item_id: int) -> dict[str, int]:
    load.starts.append(time.perf_counter())
    load.in_flight += 1
    load.peak = max(load.peak, load.in_flight)
    try:
        await asyncio.sleep(LATENCY)  # the server's own work
    finally:
        load.in_flight -= 1
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
