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
legacy_done = threading.Event()


async def fetch_quote() -> dict[str, str]:
    await asyncio.sleep(0.5)  # an upstream service having a bad day
    return {"quote": "42.00"}


def legacy_lookup() -> str:
    time.sleep(0.3)  # a blocking client with no timeout of its own
    legacy_done.set()
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
        for path in ("/quote", "/legacy"):
            start = time.perf_counter()
            response = await client.get(path)
            elapsed = time.perf_counter() - start
            detail = response.json()["detail"]
            on_time = elapsed < 0.25  # well before the 0.5 s / 0.3 s the calls take
            print(response.status_code, detail, f"(on time: {on_time})")
            #> 504 the quote service did not answer in time (on time: True)
            #> 504 the lookup did not answer in time (on time: True)
    print(f"legacy_lookup finished by then: {legacy_done.is_set()}")
    #> legacy_lookup finished by then: False


with serve(app) as url:
    asyncio.run(main(url))
