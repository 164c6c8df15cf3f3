"""The pitfall: a request ID kept in a thread-local (or a global) under asyncio."""

import asyncio
import io
import json
import logging
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import uvicorn
from fastapi import FastAPI
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

# The WSGI-era habit: one thread per request, so keep request data per thread.
# (A plain module-level global behaves the same.)
current = threading.local()


class RequestIdMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            current.request_id = Headers(scope=scope).get(
                "x-request-id", uuid.uuid4().hex
            )
        await self.app(scope, receive, send)


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = getattr(current, "request_id", None)
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        fields = ("name", "message", "order_id", "request_id")
        return json.dumps({key: getattr(record, key, None) for key in fields})


log_stream = io.StringIO()
handler = logging.StreamHandler(log_stream)
handler.addFilter(RequestIdFilter())
handler.setFormatter(JsonFormatter())
logging.getLogger().addHandler(handler)
logging.getLogger().setLevel(logging.INFO)
logging.getLogger("httpx").setLevel(logging.WARNING)  # the test client's own lines
log = logging.getLogger("app")

api = FastAPI()
# Each request waits here until all four are in flight: they overlap for certain.
all_in_flight = asyncio.Barrier(4)


@api.get("/orders/{order_id}")
async def get_order(order_id: int) -> dict[str, int]:
    await asyncio.wait_for(all_in_flight.wait(), timeout=5)
    log.info("order requested", extra={"order_id": order_id})
    log.info("order sent", extra={"order_id": order_id})
    return {"id": order_id}


@contextmanager
def serve(app: ASGIApp) -> Iterator[str]:
    """Run the app under uvicorn on a free port of 127.0.0.1 in a background thread."""
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning")
    server = uvicorn.Server(config)  # port 0: the OS picks a free port
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


async def call_all(base_url: str) -> None:
    async with (
        httpx.AsyncClient(base_url=base_url) as client,
        asyncio.TaskGroup() as tg,
    ):
        for n in range(1, 5):
            tg.create_task(
                client.get(f"/orders/{n}", headers={"X-Request-ID": f"req-{n}"})
            )


with serve(RequestIdMiddleware(api)) as url:
    asyncio.run(call_all(url))
lines = [json.loads(text) for text in log_stream.getvalue().splitlines()]
mixed_up = [line for line in lines if line["request_id"] != f"req-{line['order_id']}"]
# One thread runs every request: one slot for all four, holding the ID set last.
ids = {line["request_id"] for line in lines}
print(f"request IDs in the log of 4 requests: {len(ids)}")
#> request IDs in the log of 4 requests: 1
print(f"lines with another request's ID: {len(mixed_up)} of {len(lines)}")
#> lines with another request's ID: 6 of 8
