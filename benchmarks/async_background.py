"""Response time of an endpoint whose 100 ms follow-up runs inline or in the background."""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial

import httpx
from fastapi import FastAPI

from benchmarks._local_server import serve
from benchmarks.harness import Benchmark, Claim, Metric, in_turn

WORK = 0.1  # the slow follow-up (an email, a webhook)
REQUESTS = 5

tasks: set[asyncio.Task[None]] = set()


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    if tasks:
        await asyncio.wait(tasks, timeout=5)


app = FastAPI(lifespan=lifespan)


async def send_email() -> None:
    await asyncio.sleep(WORK)


@app.post("/inline")
async def inline() -> dict[str, str]:
    await send_email()
    return {"status": "created"}


@app.post("/background")
async def background() -> dict[str, str]:
    task = asyncio.create_task(send_email())
    tasks.add(task)
    task.add_done_callback(tasks.discard)
    return {"status": "created"}


def _response_time(client: httpx.Client, path: str) -> float:
    times = []
    for _ in range(REQUESTS):
        start = time.perf_counter()
        client.post(path).raise_for_status()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(turn: int) -> dict[str, float]:
    with serve(app) as url, httpx.Client(base_url=url) as client:
        client.post("/background").raise_for_status()  # warm up the connection and the app
        times = in_turn(turn, {path: partial(_response_time, client, f"/{path}") for path in ("inline", "background")})
    return {**times, "speedup": times["inline"] / times["background"]}


BENCHMARK = Benchmark(
    title="Endpoint response time: 100 ms follow-up awaited inline vs scheduled in the background",
    metrics={
        "inline": Metric("seconds", "median response time when the endpoint awaits the 100 ms work"),
        "background": Metric("seconds", "median response time when the work is a background task"),
        "speedup": Metric("ratio", "inline response time / background response time"),
    },
    measure=measure,
    claims=(
        Claim(
            "speedup",
            at_least=5,
            why="the response no longer waits for the work: only the request overhead is left",
        ),
    ),
    packages=("httpx", "uvicorn", "fastapi"),
    repetitions=10,
)
