"""JSON log lines that carry their request's ID, from every logger and every thread."""

import asyncio
import contextvars
import io
import json
import logging
import logging.config
import re
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import httpx
import uvicorn
from fastapi import FastAPI
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "request_id", default=None
)
SAFE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


class RequestIdMiddleware:
    """Pure ASGI middleware: gives each request an ID, in the context and the response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):  # lifespan: no request, no ID
            await self.app(scope, receive, send)
            return
        incoming = Headers(scope=scope).get("x-request-id", "")
        # The caller's ID lands in every log line: reuse it only if short and plain.
        rid = incoming if SAFE_ID.fullmatch(incoming) else uuid.uuid4().hex
        # Set on entry, WebSockets included: a task can start with the previous
        # request's ID (uvicorn starts a pipelined request's task inside the one
        # before). Not reset: the server's log line for a crash, written after this
        # call has raised, still gets the ID.
        request_id.set(rid)

        async def send_with_id(message: Message) -> None:
            if message["type"] in ("http.response.start", "websocket.accept"):
                MutableHeaders(scope=message)["X-Request-ID"] = rid
            await send(message)

        await self.app(scope, receive, send_with_id)


class RequestIdFilter(logging.Filter):
    """Stamps the current request's ID on every record the handler writes."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


# A LogRecord's own attributes; any other came from `extra=` or a filter. Plus
# uvicorn's `color_message`, a copy of its message with terminal colour codes.
NOT_EXTRA = {*vars(logging.makeLogRecord({})), "message", "asctime", "color_message"}


class JsonFormatter(logging.Formatter):
    """One JSON object per line: json.dumps escapes newlines and control characters."""

    def format(self, record: logging.LogRecord) -> str:
        created = datetime.fromtimestamp(record.created, UTC)
        entry: dict[str, Any] = {
            "time": created.isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "thread": record.threadName,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in NOT_EXTRA:
                entry.setdefault(key, value)  # an extra never replaces a field above
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, default=str)


log_stream = io.StringIO()  # stands in for stdout, where a log collector reads
logging.config.dictConfig(
    {
        "version": 1,
        "disable_existing_loggers": False,  # uvicorn's and httpx's exist already
        "filters": {"request_id": {"()": RequestIdFilter}},
        "formatters": {"json": {"()": JsonFormatter}},
        "handlers": {
            "json": {
                "class": "logging.StreamHandler",
                "stream": log_stream,
                "formatter": "json",
                # On the handler: it sees every record it writes, whichever logger
                # (yours, a library's, a child's) created it.
                "filters": ["request_id"],
            }
        },
        "root": {"level": "INFO", "handlers": ["json"]},
        # The test client's own request lines are not part of the server's log.
        "loggers": {"httpx": {"level": "WARNING"}},
    }
)

log = logging.getLogger("app")
db_log = logging.getLogger("app.db")
# Order id -> total; order 4 makes the endpoint crash.
ORDERS = {1: Decimal("120.00"), 2: Decimal("80.00"), 3: Decimal("45.50")}


def load_order(order_id: int) -> Decimal:
    """A blocking database call: runs in a worker thread."""
    db_log.info("SELECT total FROM orders WHERE id = ?", extra={"order_id": order_id})
    return ORDERS[order_id]


api = FastAPI()
# Proof scaffolding: each request waits here until all four are in flight, so their
# log lines interleave for certain, not by luck.
all_in_flight = asyncio.Barrier(4)


@api.get("/orders/{order_id}")
async def get_order(order_id: int) -> dict[str, int | Decimal]:
    log.info("order requested", extra={"order_id": order_id})
    await asyncio.wait_for(all_in_flight.wait(), timeout=5)
    # to_thread runs load_order in a copy of this request's context: the ID goes along.
    total = await asyncio.to_thread(load_order, order_id)
    # A Decimal is no JSON type: the formatter writes its str(), "120.00".
    log.info("order sent", extra={"order_id": order_id, "total": total})
    return {"id": order_id, "total": total}


# Outermost, outside even Starlette's ServerErrorMiddleware: the 500 of a crash
# carries the X-Request-ID header too.
app = RequestIdMiddleware(api)


@contextmanager
def serve(app: ASGIApp) -> Iterator[str]:
    """Run the app under uvicorn on a free port of 127.0.0.1 in a background thread."""
    # log_config=None: uvicorn's loggers get no handlers of their own and propagate
    # to the root logger's JSON handler.
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_config=None)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="server")
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


# The X-Request-ID each request sends: two plain ones, and two that must not be
# logged as sent (a terminal escape sequence that clears the screen, and 10 KB).
SENT = {1: "req-1", 2: "\x1b[2J", 3: "x" * 10_000, 4: "req-4"}


async def call_all(base_url: str) -> dict[int, httpx.Response]:
    async with (
        httpx.AsyncClient(base_url=base_url) as client,
        asyncio.TaskGroup() as tg,
    ):
        tasks = {
            n: tg.create_task(client.get(f"/orders/{n}", headers={"X-Request-ID": rid}))
            for n, rid in SENT.items()
        }
    return {n: task.result() for n, task in tasks.items()}


def order_of(line: dict[str, Any]) -> int | None:
    """The order a log line is about: app lines say so, access lines name the path."""
    if "order_id" in line:
        return int(line["order_id"])
    path = re.search(r"/orders/(\d+)", line["message"])
    return int(path[1]) if path else None


with serve(app) as url:
    responses = asyncio.run(call_all(url))
lines = [json.loads(text) for text in log_stream.getvalue().splitlines()]

print([response.status_code for response in responses.values()])
#> [200, 200, 200, 500]
given = {n: response.headers.get("x-request-id") for n, response in responses.items()}
print(f"X-Request-ID kept as sent: {[given[n] == SENT[n] for n in SENT]}")
#> X-Request-ID kept as sent: [True, False, False, True]
longest = max(len(line.get("request_id") or "") for line in lines)
print(f"longest request ID in the log: {longest}")
#> longest request ID in the log: 32

owned = [(order, line) for line in lines if (order := order_of(line)) is not None]
print(dict(Counter(line["logger"] for _, line in owned)))
#> {'app': 7, 'app.db': 4, 'uvicorn.access': 4}
# The proof: each line carries the ID its own request was given, none another's.
wrong = [line for order, line in owned if line.get("request_id") != given[order]]
print(f"lines with a wrong or missing request ID: {len(wrong)}")
#> lines with a wrong or missing request ID: 0
in_threads = [line for _, line in owned if line["thread"] != "server"]
print(f"of them logged in worker threads: {len(in_threads)}")
#> of them logged in worker threads: 4
crashes = [line for line in lines if "exception" in line]  # uvicorn's, for order 4
crash_ids = [line.get("request_id") for line in crashes]
print(f"the crash's traceback has its request's ID: {crash_ids == [given[4]]}")
#> the crash's traceback has its request's ID: True

# Order 1's last line from the app, as written but for its timestamp:
last = [line for _, line in owned if line.get("order_id") == 1][-1]
print(json.dumps({key: value for key, value in last.items() if key != "time"}))
"""
{"level": "INFO", "logger": "app", "thread": "server", "message": "order sent", "order_id": 1, "total": "120.00", "request_id": "req-1"}
"""
