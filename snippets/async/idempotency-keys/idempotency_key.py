"""An Idempotency-Key makes a retried POST safe: the server places the order once."""

import asyncio
import hashlib
import json
import sqlite3
import tempfile
import uuid
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
async def place_order(
    client: httpx.AsyncClient, order: dict[str, Any], key: str
) -> Any:
    # Every attempt carries the same key: the server can tell a retry from a
    # second order.
    headers = {"Idempotency-Key": key}
    response = await client.post("/orders", json=order, headers=headers)
    return response.raise_for_status().json()


async def main(base_url: str) -> None:
    # We wait 0.25 s for an answer; this time the server takes 0.5 s.
    async with httpx.AsyncClient(base_url=base_url, timeout=0.25) as client:
        key = str(uuid.uuid4())  # one key per order, made before the first attempt
        order = await place_order(client, {"item": "book", "quantity": 1}, key)
        print(f"the client got: {order}")
        #> the client got: {'id': 1, 'item': 'book', 'quantity': 1}
        print(f"orders the server placed: {count_orders()}")
        #> orders the server placed: 1

        # A key names one request: reusing it for another is refused, not merged.
        other = {"item": "book", "quantity": 2}
        response = await client.post(
            "/orders", json=other, headers={"Idempotency-Key": key}
        )
        print(f"the same key, another quantity: {response.status_code}")
        #> the same key, another quantity: 422
        # The server stores every key it accepts: it bounds their size.
        response = await client.post(
            "/orders", json=other, headers={"Idempotency-Key": "k" * 10_000}
        )
        print(f"a key of 10,000 characters: {response.status_code}")
        #> a key of 10,000 characters: 400


# A local shop API. The key is a UNIQUE column stored with the order, in the same
# transaction: a retry finds the order its first attempt placed, even while that
# attempt is still running. With it goes a fingerprint of the request, so that the
# key cannot stand for a different order.
async def create_order(request: Request) -> JSONResponse:
    key = request.headers.get("Idempotency-Key", "")
    if not 0 < len(key) <= 255:  # a UUID has 36 characters
        detail = "one Idempotency-Key of at most 255 characters required"
        return JSONResponse({"detail": detail}, status_code=400)
    order = await request.json()
    # Canonical JSON: the same order hashes the same, whatever its key order.
    fingerprint = hashlib.sha256(json.dumps(order, sort_keys=True).encode()).hexdigest()
    db: sqlite3.Connection = request.app.state.db
    with db:
        db.execute(
            "INSERT INTO orders (idempotency_key, fingerprint, item, quantity)"
            " VALUES (?, ?, ?, ?)"
            " ON CONFLICT (idempotency_key) DO NOTHING",
            (key, fingerprint, order["item"], order["quantity"]),
        )
    order_id, placed, item, quantity = db.execute(
        "SELECT id, fingerprint, item, quantity FROM orders WHERE idempotency_key = ?",
        (key,),
    ).fetchone()
    if placed != fingerprint:
        return JSONResponse({"detail": "key used for another order"}, status_code=422)
    if order_id in late_answers:  # a slow moment: the answer comes after 0.5 s
        late_answers.remove(order_id)
        await asyncio.sleep(0.5)
    return JSONResponse({"id": order_id, "item": item, "quantity": quantity})


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
        db.execute(
            "CREATE TABLE orders (id INTEGER PRIMARY KEY,"
            " idempotency_key TEXT NOT NULL UNIQUE, fingerprint TEXT NOT NULL,"
            " item TEXT NOT NULL, quantity INTEGER NOT NULL)"
        )
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
