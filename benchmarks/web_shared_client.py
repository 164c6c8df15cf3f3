"""Requests through a FastAPI endpoint that calls an upstream service: one httpx.AsyncClient shared by
the app (opened in its lifespan) versus a new client per request.

Both apps are the page's own (`create_app` of its two snippets), each with the snippet's upstream
(which answers at once and records the connections it accepts), all served by uvicorn on 127.0.0.1
in background threads. A caller sends REQUESTS requests one after another to each app, the two
taking turns; the time is per request, the caller's own connection set-up included for both.
"""

from __future__ import annotations

import asyncio
import time
from contextlib import ExitStack
from functools import partial

import httpx

from benchmarks._local_server import serve
from benchmarks.harness import Benchmark, Claim, Metric, ain_turn, load_snippet

REQUESTS = 50
QUICK_REQUESTS = 10

# The code the page shows: the app with the shared client, and the one with a client per request.
_shared = load_snippet("web/shared-http-client/shared_client.py")
_per_request = load_snippet("web/shared-http-client/client_per_request.py")


async def _per_call(url: str, n: int) -> float:
    """Seconds per request for n requests to the app at `url`, one after another."""
    async with httpx.AsyncClient(base_url=url) as caller:
        start = time.perf_counter()
        for i in range(n):
            (await caller.get(f"/prices/S{i}")).raise_for_status()
        return (time.perf_counter() - start) / n


def measure_at(n: int, turn: int) -> dict[str, float]:
    modules = {"shared": _shared, "per_request": _per_request}
    with ExitStack() as stack:
        urls = {}
        for name, module in modules.items():
            module.connections.clear()
            upstream_url = stack.enter_context(serve(module.upstream))
            urls[name] = stack.enter_context(serve(module.create_app(upstream_url)))
        times = asyncio.run(ain_turn(turn, {name: partial(_per_call, url, n) for name, url in urls.items()}))
    return {
        **times,
        "speedup": times["per_request"] / times["shared"],
        "shared_connections": float(len(_shared.connections)),
        "per_request_connections": float(len(_per_request.connections)),
    }


BENCHMARK = Benchmark(
    title="FastAPI calling an upstream: one shared httpx.AsyncClient vs a client per request",
    metrics={
        "shared": Metric("seconds", "per request, the app's one client from the lifespan"),
        "per_request": Metric("seconds", "per request, a new httpx.AsyncClient in every request"),
        "speedup": Metric("ratio", "time per request: client per request / shared client"),
        "shared_connections": Metric("count", "upstream connections opened, shared client"),
        "per_request_connections": Metric("count", "upstream connections opened, client per request"),
    },
    measure=partial(measure_at, REQUESTS),
    quick_measure=partial(measure_at, QUICK_REQUESTS),
    claims=(
        Claim(
            "speedup",
            at_least=3,
            why="a new client builds its TLS context and opens a TCP connection; the shared one reuses both",
        ),
        Claim("shared_connections", at_most=1, why="the page says the shared client keeps one connection"),
        Claim("per_request_connections", at_least=QUICK_REQUESTS, why="one new connection per request"),
    ),
    packages=("fastapi", "starlette", "uvicorn", "httpx"),
    notes="The apps and their upstream come from the page's snippets; the servers run in this process.",
    repetitions=10,
    quick_repetitions=3,
)
