"""Latency of /health while another request makes a 100 ms blocking call, on a running server.

uvicorn serves the app on 127.0.0.1 in a background thread; an httpx client starts the slow
request, waits 20 ms so that it has reached its endpoint, then times one /health request
(the faster of two such trials).
The blocking call is made on the event loop (inside an async def endpoint), in FastAPI's
threadpool (a def endpoint) and through asyncio.to_thread().
"""

from __future__ import annotations

import asyncio
import time
from functools import partial

import httpx
from fastapi import FastAPI

from benchmarks._local_server import serve
from benchmarks.harness import Benchmark, Claim, Metric, ain_turn

DELAY, HEAD_START, TRIALS = 0.1, 0.02, 2


def _blocking_call() -> None:
    time.sleep(DELAY)


def _app() -> FastAPI:
    app = FastAPI()

    @app.get("/blocking")
    async def blocking() -> dict[str, bool]:
        _blocking_call()
        return {"ok": True}

    @app.get("/threadpool")
    def threadpool() -> dict[str, bool]:
        _blocking_call()
        return {"ok": True}

    @app.get("/to-thread")
    async def to_thread() -> dict[str, bool]:
        await asyncio.to_thread(_blocking_call)
        return {"ok": True}

    @app.get("/health")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    return app


async def _health_latency(client: httpx.AsyncClient, during: str | None) -> float:
    slow = asyncio.create_task(client.get(during)) if during else None
    await asyncio.sleep(HEAD_START)
    start = time.perf_counter()
    (await client.get("/health")).raise_for_status()
    latency = time.perf_counter() - start
    if slow is not None:
        (await slow).raise_for_status()
    return latency


async def _best_of(client: httpx.AsyncClient, during: str | None) -> float:
    # The fastest of a few trials: a busy machine can only add delay, never remove it.
    return min([await _health_latency(client, during) for _ in range(TRIALS)])


async def _measure(url: str, turn: int) -> dict[str, float]:
    async with httpx.AsyncClient(base_url=url) as client:
        await _health_latency(client, "/to-thread")  # warm-up: opens two connections
        during = {"idle": None, "blocked": "/blocking", "threadpool": "/threadpool", "to_thread": "/to-thread"}
        best = await ain_turn(turn, {name: partial(_best_of, client, path) for name, path in during.items()})
    idle, blocked, threadpool, to_thread = best.values()
    return {
        "health_idle": idle,
        "health_blocked": blocked,
        "health_threadpool": threadpool,
        "health_to_thread": to_thread,
        "blocked_vs_threadpool": blocked / threadpool,
    }


def measure(turn: int) -> dict[str, float]:
    with serve(_app()) as base_url:
        return asyncio.run(_measure(base_url, turn))


BENCHMARK = Benchmark(
    title="/health latency while a 100 ms blocking call runs: on the loop vs in a thread",
    metrics={
        "health_idle": Metric("seconds", "/health latency with nothing else running"),
        "health_blocked": Metric("seconds", "/health latency while an async def endpoint calls time.sleep(0.1)"),
        "health_threadpool": Metric("seconds", "/health latency while a def endpoint calls time.sleep(0.1)"),
        "health_to_thread": Metric("seconds", "/health latency while an async endpoint awaits asyncio.to_thread"),
        "blocked_vs_threadpool": Metric("ratio", "health latency blocked / health latency with the threadpool"),
    },
    measure=measure,
    claims=(
        Claim("health_blocked", at_least=0.06, why="/health waits for the rest of the 100 ms blocking call"),
        Claim("health_threadpool", at_most=0.04, why="the loop stays free while a thread blocks"),
        Claim("health_to_thread", at_most=0.04, why="the loop stays free while a thread blocks"),
        Claim("blocked_vs_threadpool", at_least=3, why="blocked: the rest of the 100 ms; offloaded: a few ms"),
    ),
    packages=("fastapi", "starlette", "uvicorn"),
    repetitions=10,
    quick_repetitions=2,
)
