"""The pitfall: a blocking call in an async def endpoint freezes every other request."""

import asyncio
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import uvicorn
from fastapi import FastAPI

app = FastAPI()


def build_report() -> str:
    time.sleep(0.2)  # stands in for requests.get(), a sync DB driver, a big parse...
    return "ready"


@app.get("/report")
async def report() -> dict[str, str]:
    # An async def endpoint runs on the event loop thread: while this call
    # blocks, the loop cannot start, resume or answer anything else.
    return {"report": build_report()}


@app.get("/report-with-timeout")
async def report_with_timeout() -> dict[str, str]:
    # ruff's ASYNC100 flags this: the timeout cannot fire, the loop never gets control.
    async with asyncio.timeout(0.1):  # noqa: ASYNC100
        return {"report": build_report()}


@app.get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}


@contextmanager
def serve(app: FastAPI) -> Iterator[str]:
    """Run the app under uvicorn on a free port of 127.0.0.1 in a background thread."""
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning")
    server = uvicorn.Server(config)  # port 0: the OS picks a free port
    thread = threading.Thread(target=server.run)
    thread.start()
    while not server.started:
        time.sleep(0.01)
    try:
        port = server.servers[0].sockets[0].getsockname()[1]
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join()


async def health_latency_during(
    client: httpx.AsyncClient, path: str
) -> tuple[float, httpx.Response]:
    """How long /health takes while a request to `path` is being served."""
    slow = asyncio.create_task(client.get(path))
    await asyncio.sleep(0.05)  # let the slow request reach its endpoint first
    start = time.perf_counter()
    await client.get("/health")
    latency = time.perf_counter() - start
    return latency, await slow


async def main(url: str) -> None:
    async with httpx.AsyncClient(base_url=url) as client:
        latency, _ = await health_latency_during(client, "/report")
        print(f"/health waited for the blocking call: {latency > 0.1}")
        #> /health waited for the blocking call: True
        _, response = await health_latency_during(client, "/report-with-timeout")
        # A 200 after the full 0.2 s: the 0.1 s deadline never fired.
        print(response.status_code, response.json())
        #> 200 {'report': 'ready'}


with serve(app) as url:
    asyncio.run(main(url))
