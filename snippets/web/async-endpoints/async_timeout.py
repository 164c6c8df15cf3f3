"""A per-request deadline with asyncio.timeout(): answer 504 instead of hanging."""

import asyncio
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import uvicorn
from fastapi import FastAPI, HTTPException

app = FastAPI()
upstream_cancelled = threading.Event()
legacy_service_back = threading.Event()  # the program sets it when it is done
lookups_finished = 0  # blocking lookups that ran to their end


async def fetch_quote() -> dict[str, str]:
    try:
        await asyncio.sleep(1.0)  # an upstream service having a bad day
    except asyncio.CancelledError:
        upstream_cancelled.set()
        raise
    return {"quote": "42.00"}


def legacy_lookup() -> str:
    global lookups_finished
    # A blocking client with no timeout of its own, waiting on a service that hangs.
    legacy_service_back.wait(timeout=10)
    lookups_finished += 1
    return "found"


@app.get("/quote")
async def quote() -> dict[str, str]:
    try:
        async with asyncio.timeout(0.1):
            return await fetch_quote()  # cancelled when the deadline passes
    except TimeoutError:
        raise HTTPException(504, "the quote service did not answer in time") from None


@app.get("/legacy")
async def legacy() -> dict[str, str]:
    try:
        async with asyncio.timeout(0.1):
            return {"result": await asyncio.to_thread(legacy_lookup)}
    except TimeoutError:
        # The await is cancelled, but a thread cannot be: legacy_lookup runs on.
        raise HTTPException(504, "the lookup did not answer in time") from None


@app.get("/thread-ping")
async def thread_ping() -> dict[str, str]:
    # A call that needs a thread for a moment only, on the same default executor.
    try:
        async with asyncio.timeout(0.5):
            return {"ping": await asyncio.to_thread(str, "pong")}
    except TimeoutError:
        raise HTTPException(504, "no thread was free in time") from None


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


async def main(url: str) -> None:
    async with httpx.AsyncClient(base_url=url) as client:
        print((await client.get("/thread-ping")).json())  # also opens the connection
        #> {'ping': 'pong'}
        response = await client.get("/quote")
        print(response.status_code, response.json())
        #> 504 {'detail': 'the quote service did not answer in time'}
        print(f"upstream call cancelled: {upstream_cancelled.is_set()}")
        #> upstream call cancelled: True
        response = await client.get("/legacy")
        print(response.status_code, response.json())
        #> 504 {'detail': 'the lookup did not answer in time'}
        print(f"lookups finished when the 504 arrived: {lookups_finished}")
        #> lookups finished when the 504 arrived: 0

        # Every timed-out lookup keeps its thread until it returns. The default
        # executor has only min(32, CPUs + 4) threads: fill it with abandoned calls...
        async with asyncio.TaskGroup() as tg:
            for _ in range(32):
                tg.create_task(client.get("/legacy"))
        # ...and a call that needs a thread for a microsecond cannot get one.
        response = await client.get("/thread-ping")
        print(response.status_code, response.json())
        #> 504 {'detail': 'no thread was free in time'}
    legacy_service_back.set()  # let the abandoned lookups end, so the program can exit


with serve(app) as url:
    asyncio.run(main(url))
