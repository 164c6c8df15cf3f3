"""Three ways to keep a blocking call off the event loop, checked on a live server."""

import asyncio
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import uvicorn
from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool

app = FastAPI()


def build_report() -> str:
    time.sleep(0.2)  # stands in for requests.get(), a sync DB driver, a big parse...
    return "ready"


@app.get("/report/def")
def report_def() -> dict[str, str]:
    # A plain def endpoint: FastAPI runs it in its threadpool for you.
    return {"report": build_report()}


@app.get("/report/to-thread")
async def report_to_thread() -> dict[str, str]:
    # An async endpoint that must make one blocking call hands just that call over.
    return {"report": await asyncio.to_thread(build_report)}


@app.get("/report/threadpool")
async def report_threadpool() -> dict[str, str]:
    # The same, on the threadpool (and thread limit) that def endpoints use.
    return {"report": await run_in_threadpool(build_report)}


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


async def health_latency_during(client: httpx.AsyncClient, path: str) -> float:
    """How long /health takes while a request to `path` is being served."""
    slow = asyncio.create_task(client.get(path))
    await asyncio.sleep(0.05)  # let the slow request reach its endpoint first
    start = time.perf_counter()
    await client.get("/health")
    latency = time.perf_counter() - start
    await slow
    return latency


async def main(url: str) -> None:
    async with httpx.AsyncClient(base_url=url) as client:
        for path in ("/report/def", "/report/to-thread", "/report/threadpool"):
            latency = await health_latency_during(client, path)
            print(f"{path:<18} /health answered while it ran: {latency < 0.1}")
            #> /report/def        /health answered while it ran: True
            #> /report/to-thread  /health answered while it ran: True
            #> /report/threadpool /health answered while it ran: True


with serve(app) as url:
    asyncio.run(main(url))
