"""Throughput of requests to a local 100 ms endpoint under several asyncio.Semaphore limits."""

from __future__ import annotations

import asyncio
import time
from functools import partial

import httpx
from fastapi import FastAPI

from benchmarks._local_server import serve
from benchmarks.harness import Benchmark, Claim, Metric, in_turn

LATENCY = 0.1
WAVES = 3  # each limit sends 3 x limit requests: the same number of rounds for every limit
LIMITS = (1, 4, 8)

app = FastAPI()


@app.get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/items/{item_id}")
async def get_item(item_id: int) -> dict[str, int]:
    await asyncio.sleep(LATENCY)
    return {"id": item_id}


async def _throughput(base_url: str, limit: int) -> float:
    semaphore = asyncio.Semaphore(limit)
    async with httpx.AsyncClient(base_url=base_url) as client:

        async def fetch(item_id: int) -> None:
            async with semaphore:
                (await client.get(f"/items/{item_id}")).raise_for_status()

        (await client.get("/health")).raise_for_status()  # the first request pays one-off costs
        requests = WAVES * limit
        start = time.perf_counter()
        await asyncio.gather(*(fetch(i) for i in range(requests)))
        return requests / (time.perf_counter() - start)


def _run_throughput(base_url: str, limit: int) -> float:
    return asyncio.run(_throughput(base_url, limit))


def measure(turn: int) -> dict[str, float]:
    with serve(app) as url:
        rates = in_turn(turn, {f"limit_{n}": partial(_run_throughput, url, n) for n in LIMITS})
    return {**rates, "scaling": rates["limit_8"] / rates["limit_1"]}


BENCHMARK = Benchmark(
    title="Requests/s against a local 100 ms endpoint, by semaphore limit",
    metrics={
        **{f"limit_{n}": Metric("per_second", f"{WAVES * n} requests, at most {n} in flight") for n in LIMITS},
        "scaling": Metric("ratio", "requests/s with limit 8 / requests/s with limit 1"),
    },
    measure=measure,
    claims=(
        Claim(
            "scaling",
            at_least=4,
            at_most=8.5,
            why="with spare server capacity, throughput is about limit / latency",
        ),
    ),
    packages=("httpx", "uvicorn", "fastapi"),
    repetitions=10,
)
