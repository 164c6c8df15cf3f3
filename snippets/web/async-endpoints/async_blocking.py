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
# Set when the slow work begins and ends: the check below reads them, the app does not.
started, finished = threading.Event(), threading.Event()


def build_report() -> str:
    started.set()
    time.sleep(0.3)  # stands in for requests.get(), a sync DB driver, a big parse...
    finished.set()
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


async def answered_first(client: httpx.AsyncClient, path: str) -> httpx.Response:
    """Send /health while `path` is being served; say whether it answered first."""
    started.clear()
    finished.clear()
    slow = asyncio.create_task(client.get(path))
    await asyncio.to_thread(started.wait, 5)  # until the slow work is under way
    (await client.get("/health")).raise_for_status()
    print(f"{path:<20} /health answered while it ran: {not finished.is_set()}")
    #> /report              /health answered while it ran: False
    #> /report-with-timeout /health answered while it ran: False
    return await slow


async def main(url: str) -> None:
    async with httpx.AsyncClient(base_url=url) as client:
        await client.get("/health")  # open the connection before measuring
        await answered_first(client, "/report")
        response = await answered_first(client, "/report-with-timeout")
        # A 200 after the full 0.3 s: the 0.1 s deadline never fired.
        print(response.status_code, response.json())
        #> 200 {'report': 'ready'}


with serve(app) as url:
    asyncio.run(main(url))
