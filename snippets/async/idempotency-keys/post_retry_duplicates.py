"""The pitfall: a POST retried after a timeout places the order twice."""

import asyncio
import sqlite3
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, closing
from pathlib import Path
from typing import Any

import httpx
import stamina
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


@stamina.retry(
    on=(httpx.TimeoutException, httpx.NetworkError),
    attempts=3,
    wait_initial=0.05,  # scaled down for the demo
    wait_jitter=0.05,
)
async def place_order(client: httpx.AsyncClient, item: str) -> Any:
    response = await client.post("/orders", json={"item": item})
    return response.raise_for_status().json()


async def main(base_url: str) -> None:
    # We wait 0.25 s for an answer; this time the server takes 0.5 s.
    async with httpx.AsyncClient(base_url=base_url, timeout=0.25) as client:
        order = await place_order(client, "book")
    print(f"the client got: {order}")
    #> the client got: {'id': 2, 'item': 'book'}
    # The first attempt timed out on our side, not on the server's.
    print(f"orders the server placed: {count_orders()}")
    #> orders the server placed: 2


# A local shop API: every POST places an order.
async def create_order(request: Request) -> JSONResponse:
    item = (await request.json())["item"]
    db: sqlite3.Connection = request.app.state.db
    with db:
        order_id = db.execute("INSERT INTO orders (item) VALUES (?)", (item,)).lastrowid
    if order_id in late_answers:  # a slow moment: the answer comes after 0.5 s
        late_answers.remove(order_id)
        await asyncio.sleep(0.5)
    return JSONResponse({"id": order_id, "item": item})


late_answers = {1}


def count_orders() -> int:
    db: sqlite3.Connection = app.state.db
    return int(db.execute("SELECT count(*) FROM orders").fetchone()[0])


@asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    with (
        tempfile.TemporaryDirectory() as folder,
        closing(sqlite3.connect(Path(folder) / "shop.db")) as db,
    ):
        db.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, item TEXT NOT NULL)")
        app.state.db = db
        yield


app = Starlette(
    routes=[Route("/orders", create_order, methods=["POST"])], lifespan=lifespan
)


@asynccontextmanager
async def serve(app: Starlette) -> AsyncIterator[str]:
    """Run the app under uvicorn on this event loop; port 0 picks a free port."""
    server = uvicorn.Server(uvicorn.Config(app, port=0, log_level="warning"))
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            raise RuntimeError("the server failed to start")
        await asyncio.sleep(0.01)
    try:
        port = server.servers[0].sockets[0].getsockname()[1]
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


async def run() -> None:
    async with serve(app) as url:
        await main(url)


asyncio.run(run())
