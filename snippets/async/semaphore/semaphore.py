"""Bound concurrent requests with asyncio.Semaphore: the peak never exceeds the limit."""

import asyncio
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Self

import httpx
import uvicorn
from fastapi import FastAPI

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
        return await asyncio.gather(*(self.get_json(path) for path in paths))


async def main(base_url: str) -> None:
    async with BoundedClient(base_url, max_concurrent=5) as client:
        items = await client.get_all([f"/items/{i}" for i in range(20)])
    print(f"{len(items)} items, server peak concurrency: {load.peak}")
    #> 20 items, server peak concurrency: 5
    # A semaphore bounds how many requests overlap, not how many start per second.
    print(f"requests/s > 25 (5 x the limit): {load.per_second > 25}")
    #> requests/s > 25 (5 x the limit): True


# A local server to measure against: it records what it sees.
@dataclass
class Load:
    """What the server saw: the most requests in flight at once, and requests per second."""

    in_flight: int = 0
    peak: int = 0
    served: int = 0
    first_start: float = 0.0
    last_end: float = 0.0

    @property
    def per_second(self) -> float:
        """Requests served per second, from the first arrival to the last response."""
        return self.served / (self.last_end - self.first_start)


load = Load()
app = FastAPI()


@app.get("/items/{item_id}")
async def get_item(item_id: int) -> dict[str, int]:
    load.first_start = load.first_start or time.perf_counter()
    load.in_flight += 1
    load.peak = max(load.peak, load.in_flight)
    await asyncio.sleep(LATENCY)  # the server's own work
    load.in_flight -= 1
    load.served += 1
    load.last_end = time.perf_counter()
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
