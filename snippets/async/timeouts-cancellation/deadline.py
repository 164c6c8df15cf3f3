"""One deadline for a whole call chain: asyncio.timeout_at() caps every await below."""

import asyncio
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import uvicorn
from fastapi import FastAPI, Request

BUDGET = 0.5  # the caller (a load balancer, a browser) gives up after this
PER_CALL = 0.3  # each call may keep a limit of its own...
ATTEMPTS = 3  # ...and its retries: the deadline caps them all


async def get_json(client: httpx.AsyncClient, path: str) -> Any:
    for attempt in range(1, ATTEMPTS + 1):
        try:
            # A limit for one try, nested in the deadline: it can only shorten it.
            async with asyncio.timeout(PER_CALL):
                response = await client.get(path)
        except TimeoutError:
            if attempt == ATTEMPTS:
                raise
        else:
            return response.raise_for_status().json()


async def dashboard(client: httpx.AsyncClient, user_id: int) -> dict[str, Any]:
    """The service: the profile, then two calls that need it, run together."""
    profile = await get_json(client, f"/profile/{user_id}")
    async with asyncio.TaskGroup() as tg:
        recs = tg.create_task(get_json(client, f"/recommended/{profile['segment']}"))
        orders = tg.create_task(get_json(client, f"/orders/{user_id}"))
    return {"profile": profile, "recs": recs.result(), "orders": orders.result()}


async def handle(client: httpx.AsyncClient, user_id: int, deadline: float) -> int:
    """The handler: 200 with the dashboard, 504 when the deadline passed first."""
    status = 200
    try:
        # One deadline for everything below: when it passes, whatever the chain
        # is awaiting is cancelled, however many calls and retries came before.
        async with asyncio.timeout_at(deadline):
            await dashboard(client, user_id)
    except* TimeoutError:  # the deadline's, or one from below (bare or in a group)
        status = 504
    return status


async def main(base_url: str) -> None:
    loop = asyncio.get_running_loop()
    async with httpx.AsyncClient(base_url=base_url) as client:
        # The budget starts when the request arrives, not when handle() starts.
        deadline = loop.time() + BUDGET
        status = await handle(client, user_id=1, deadline=deadline)
        late = loop.time() - deadline
        # The TaskGroup cancelled the hanging call and waited for it to end.
        print(f"status: {status}, tasks still running: {len(asyncio.all_tasks()) - 1}")
        #> status: 504, tasks still running: 0
    # Without the deadline, three tries of 0.3 s answer 0.4 s or more after it.
    print(f"answered at the deadline, before another try could end: {late < PER_CALL}")
    #> answered at the deadline, before another try could end: True


# The downstream service, served for real on 127.0.0.1: /recommended hangs.
app = FastAPI()


@app.get("/profile/{user_id}")
async def get_profile(user_id: int) -> dict[str, object]:
    return {"id": user_id, "segment": "books"}


@app.get("/orders/{user_id}")
async def get_orders(user_id: int) -> list[int]:
    return [101, 102]


@app.get("/recommended/{segment}")
async def get_recommendations(segment: str, request: Request) -> list[str]:
    # Hangs: it answers nothing until the client gives up and disconnects.
    while (await request.receive())["type"] != "http.disconnect":
        pass
    return []


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
