"""The pitfall: gathering every request at once sends them all at once."""

import asyncio
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import uvicorn
from fastapi import FastAPI

LATENCY = 0.2  # how long the server takes to answer one request


async def fetch_all(base_url: str, n: int) -> list[Any]:
    async with httpx.AsyncClient(base_url=base_url) as client:

        async def fetch(item_id: int) -> Any:
            response = await client.get(f"/items/{item_id}")
            return response.raise_for_status().json()

        # Nothing bounds this: all n requests are in flight at the same moment.
        return await asyncio.gather(*(fetch(i) for i in range(n)))


# A local server to measure against: it records what it sees.
@dataclass
class Load:
    """What the server saw: the most requests in flight at once."""

    in_flight: int = 0
    peak: int = 0


load = Load()
app = FastAPI()


@app.get("/items/{item_id}")
async def get_item(item_id: int) -> dict[str, int]:
    load.in_flight += 1
    load.peak = max(load.peak, load.in_flight)
    await asyncio.sleep(LATENCY)  # the server's own work
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
    items = asyncio.run(fetch_all(url, 40))
print(f"{len(items)} items, server peak concurrency: {load.peak}")
#> 40 items, server peak concurrency: 40
