"""The pitfall: a fire-and-forget create_task() is cancelled when the server shuts down."""

import asyncio
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import uvicorn
from fastapi import FastAPI

sent: list[str] = []
cancelled: list[str] = []
app = FastAPI()


async def send_email(to: str, subject: str) -> None:
    try:
        await asyncio.sleep(5.0)  # stands in for a slow SMTP call
    except asyncio.CancelledError:
        cancelled.append(subject)
        raise
    sent.append(subject)


@app.post("/orders/{order_id}")
async def create_order(order_id: int) -> dict[str, object]:
    # No reference kept, nobody waits for it: the loop holds only a weak one.
    asyncio.create_task(send_email("ada@example.com", f"order {order_id}"))
    return {"id": order_id, "status": "created"}


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
        server.should_exit = True  # what SIGTERM does: a graceful shutdown
        thread.join()


with serve(app) as url, httpx.Client(base_url=url) as client:
    for order_id in (1, 2, 3):
        client.post(f"/orders/{order_id}").raise_for_status()
print(f"sent: {sent}")
#> sent: []
print(f"cancelled at shutdown: {sorted(cancelled)}")
#> cancelled at shutdown: ['order 1', 'order 2', 'order 3']
