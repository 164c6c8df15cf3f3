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
# Set when the slow work begins and ends: the check below reads them, the app does not.
started, finished = threading.Event(), threading.Event()


def build_report() -> str:
    started.set()
    time.sleep(0.3)  # stands in for requests.get(), a sync DB driver, a big parse...
    finished.set()
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


def count_primes(stop: int) -> int:
    """Pure-Python CPU work: it holds the GIL except when the interpreter switches."""
    started.set()
    count = sum(all(n % d for d in range(2, int(n**0.5) + 1)) for n in range(2, stop))
    finished.set()
    return count


@app.get("/primes/to-thread")
async def primes_to_thread() -> dict[str, int]:
    # CPU work in a thread still leaves the loop free to answer: the interpreter
    # switches threads every few ms. What a thread cannot give it is a second core.
    return {"primes": await asyncio.to_thread(count_primes, 60_000)}


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


async def answered_first(client: httpx.AsyncClient, path: str) -> bool:
    """Does /health answer while a request to `path` is still being served?"""
    started.clear()
    finished.clear()
    slow = asyncio.create_task(client.get(path))
    await asyncio.to_thread(started.wait, 5)  # until the slow work is under way
    (await client.get("/health")).raise_for_status()
    health_first = not finished.is_set()
    (await slow).raise_for_status()
    return health_first


async def main(url: str) -> None:
    async with httpx.AsyncClient(base_url=url) as client:
        await client.get("/health")  # open the connection before measuring
        paths = ["/report/def", "/report/to-thread", "/report/threadpool"]
        for path in [*paths, "/primes/to-thread"]:
            first = await answered_first(client, path)
            print(f"{path:<18} /health answered while it ran: {first}")
            #> /report/def        /health answered while it ran: True
            #> /report/to-thread  /health answered while it ran: True
            #> /report/threadpool /health answered while it ran: True
            #> /primes/to-thread  /health answered while it ran: True


with serve(app) as url:
    asyncio.run(main(url))
