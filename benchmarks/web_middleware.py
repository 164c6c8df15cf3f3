"""Per-request cost of a request-ID + timing middleware: none, pure ASGI, BaseHTTPMiddleware.

Each variant wraps the same FastAPI app (one async JSON endpoint with a path parameter); the
requests are ASGI calls in process, so the figures are the application stack's own cost,
without a network or an HTTP parser in the way. The variants take turns in small batches so
all three see the same machine load; each figure is the fastest of its batches.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from functools import partial

from fastapi import FastAPI, Request, Response
from starlette.datastructures import MutableHeaders
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from benchmarks.harness import Benchmark, Claim, Metric, ain_turn

BATCHES, BATCH = 10, 50


class PureASGI:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start, rid = time.perf_counter(), uuid.uuid4().hex

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["X-Request-ID"] = rid
                headers["Server-Timing"] = f"app;dur={(time.perf_counter() - start) * 1000:.1f}"
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BaseHTTP(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        start, rid = time.perf_counter(), uuid.uuid4().hex
        response = await call_next(request)
        response.headers["X-Request-ID"] = rid
        response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - start) * 1000:.1f}"
        return response


def _app(middleware: type | None) -> FastAPI:
    app = FastAPI()

    @app.get("/orders/{order_id}")
    async def get_order(order_id: int) -> dict[str, int]:
        return {"order": order_id}

    if middleware is not None:
        app.add_middleware(middleware)  # type: ignore[arg-type]  # both classes take the ASGI app first
    return app


SCOPE: Scope = {
    "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
    "scheme": "http", "path": "/orders/7", "raw_path": b"/orders/7", "root_path": "",
    "query_string": b"", "headers": [(b"host", b"api.test")],
    "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 80),
}  # fmt: skip


async def _receive() -> Message:
    return {"type": "http.request", "body": b"", "more_body": False}


async def _send(message: Message) -> None:
    pass


async def _batch(app: ASGIApp, n: int) -> float:
    start = time.perf_counter()
    for _ in range(n):
        await app(dict(SCOPE), _receive, _send)
    return time.perf_counter() - start


async def _measure(turn: int) -> dict[str, float]:
    apps = {"none": _app(None), "pure_asgi": _app(PureASGI), "base_http": _app(BaseHTTP)}
    best = dict.fromkeys(apps, float("inf"))
    for app in apps.values():
        await _batch(app, BATCH)  # warm-up: builds the middleware stack, fills caches
    for i in range(BATCHES):
        batches = await ain_turn(turn + i, {name: partial(_batch, app, BATCH) for name, app in apps.items()})
        best = {name: min(best[name], seconds) for name, seconds in batches.items()}
    # The fastest batch of each: the least disturbed by whatever else the machine runs.
    per_request = {name: seconds / BATCH for name, seconds in best.items()}
    return {
        **per_request,
        "base_http_added": per_request["base_http"] - per_request["none"],
        "base_http_vs_none": per_request["base_http"] / per_request["none"],
        "pure_asgi_vs_none": per_request["pure_asgi"] / per_request["none"],
    }


def measure(turn: int) -> dict[str, float]:
    return asyncio.run(_measure(turn))


BENCHMARK = Benchmark(
    title="Request-ID + timing middleware: no middleware vs pure ASGI vs BaseHTTPMiddleware",
    metrics={
        "none": Metric("seconds", "per request, FastAPI app without middleware"),
        "pure_asgi": Metric("seconds", "per request, with the pure ASGI middleware"),
        "base_http": Metric("seconds", "per request, with the same middleware as BaseHTTPMiddleware"),
        "base_http_added": Metric("seconds", "time BaseHTTPMiddleware adds per request"),
        "base_http_vs_none": Metric("ratio", "per-request time with BaseHTTPMiddleware / without middleware"),
        "pure_asgi_vs_none": Metric("ratio", "per-request time with pure ASGI middleware / without middleware"),
    },
    measure=measure,
    claims=(
        Claim("base_http_vs_none", at_least=1.8, why="BaseHTTPMiddleware adds a task group and a stream per request"),
        Claim("pure_asgi_vs_none", at_most=1.8, why="a pure ASGI middleware is one extra await and a header edit"),
    ),
    packages=("fastapi", "starlette"),
    repetitions=10,
    quick_repetitions=3,
)
