"""FastAPI through a real uvicorn server on 127.0.0.1: background tasks, the response cache of the
page, and a large result returned as one JSON list versus streamed as NDJSON by the page's endpoints
(peak memory of server and client in this process traced with tracemalloc; times taken untraced)."""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
import tracemalloc
from functools import partial
from pathlib import Path
from types import ModuleType

import httpx
from fastapi import BackgroundTasks, FastAPI

from benchmarks.harness import Benchmark, Claim, Metric, ain_turn, load_snippet

WORK = 0.05  # the slow part: an email to send, a report to compute
REQUESTS = 10
DOWNLOADS = 3  # timed downloads of each export, tracemalloc off; the median is kept
FULL_ROWS = 100_000
QUICK_ROWS = 10_000


# The code the pages show: the two export endpoints, the server helper, the response cache.
_stream = load_snippet("performance/fastapi-streaming/fastapi_streaming.py")
_as_list = load_snippet("performance/fastapi-streaming/fastapi_streaming_wrong.py")
_cache = load_snippet("performance/fastapi-responses/fastapi_response_cache.py")
_running = _stream.running


def _app() -> FastAPI:
    app = FastAPI()
    reports = _cache.AsyncTTLCache(ttl=3600)  # the page's cache; nothing expires here

    async def slow_work() -> None:
        await asyncio.sleep(WORK)

    @app.post("/inline")
    async def inline() -> dict[str, str]:
        await slow_work()
        return {"status": "created"}

    @app.post("/background")
    async def background(tasks: BackgroundTasks) -> dict[str, str]:
        tasks.add_task(slow_work)
        return {"status": "created"}

    async def report() -> dict[str, int]:
        await slow_work()
        return {"total": 42}

    @app.get("/uncached")
    async def uncached() -> dict[str, int]:
        return await report()

    @app.get("/cached")
    async def cached() -> dict[str, int]:
        return await reports.get("report", report)

    return app


async def _response_time(client: httpx.AsyncClient, method: str, path: str) -> float:
    start = time.perf_counter()
    response = await client.request(method, path)
    elapsed = time.perf_counter() - start
    assert response.status_code == 200, response.text
    return elapsed


async def _median_response_time(client: httpx.AsyncClient, method: str, path: str) -> float:
    return statistics.median([await _response_time(client, method, path) for _ in range(REQUESTS)])


async def _download(client: httpx.AsyncClient) -> tuple[float, float]:
    """Time to the first body byte and total time of one download of /users/export."""
    start = time.perf_counter()
    first = 0.0
    async with client.stream("GET", "/users/export") as response:
        async for _chunk in response.aiter_bytes():
            first = first or time.perf_counter() - start
    return first, time.perf_counter() - start


async def _peak(client: httpx.AsyncClient) -> int:
    tracemalloc.start()
    await _download(client)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


async def _export(module: ModuleType, db: Path) -> tuple[int, float, float]:
    """Peak traced bytes (one traced download), and median first-byte and total times
    of untraced downloads, for a snippet's /users/export endpoint served by uvicorn."""
    module.app.state.db = db
    async with _running(module.app) as url, httpx.AsyncClient(base_url=url, timeout=60) as client:
        await _download(client)  # warm-up
        peak = await _peak(client)
        times = [await _download(client) for _ in range(DOWNLOADS)]
    return peak, statistics.median(t[0] for t in times), statistics.median(t[1] for t in times)


async def _measure(db: Path, turn: int) -> dict[str, float]:
    async with _running(_app()) as url, httpx.AsyncClient(base_url=url) as client:
        for path in ("/inline", "/background"):
            await _response_time(client, "POST", path)
        await _response_time(client, "GET", "/cached")
        times = await ain_turn(
            turn,
            {
                "inline": partial(_median_response_time, client, "POST", "/inline"),
                "background": partial(_median_response_time, client, "POST", "/background"),
            },
        )
        await asyncio.sleep(WORK * 2)  # let the last background task finish
        times |= await ain_turn(
            turn,
            {
                "uncached": partial(_median_response_time, client, "GET", "/uncached"),
                "cached": partial(_median_response_time, client, "GET", "/cached"),
            },
        )
    exports = await ain_turn(turn, {"list": partial(_export, _as_list, db), "ndjson": partial(_export, _stream, db)})
    list_peak, list_first, list_total = exports["list"]
    ndjson_peak, ndjson_first, ndjson_total = exports["ndjson"]
    inline_t, background_t = times["inline"], times["background"]
    uncached_t, cached_t = times["uncached"], times["cached"]
    return {
        "inline": inline_t,
        "background": background_t,
        "background_speedup": inline_t / background_t,
        "uncached": uncached_t,
        "cached": cached_t,
        "cache_speedup": uncached_t / cached_t,
        "list_peak": float(list_peak),
        "ndjson_peak": float(ndjson_peak),
        "stream_memory_ratio": list_peak / ndjson_peak,
        "list_first_byte": list_first,
        "ndjson_first_byte": ndjson_first,
        "first_byte_ratio": list_first / ndjson_first,
        "list_total": list_total,
        "ndjson_total": ndjson_total,
    }


def measure_at(rows: int, turn: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp, "users.db")
        _stream.create_users(db, rows)
        return {"rows": float(rows), **asyncio.run(_measure(db, turn))}


BENCHMARK = Benchmark(
    title="FastAPI on uvicorn: background tasks, a response cache, and NDJSON streaming",
    metrics={
        "inline": Metric("seconds", "response time, 50 ms of follow-up work awaited in the endpoint"),
        "background": Metric("seconds", "response time, the same work in BackgroundTasks"),
        "background_speedup": Metric("ratio", "inline response time / background response time"),
        "uncached": Metric("seconds", "response time, a 50 ms report computed per request"),
        "cached": Metric("seconds", "response time, the report served from the cache"),
        "cache_speedup": Metric("ratio", "uncached / cached response time"),
        "rows": Metric("count", "rows exported"),
        "list_peak": Metric("bytes", "peak memory, rows returned as one JSON list (response model)"),
        "ndjson_peak": Metric("bytes", "peak memory, rows streamed as NDJSON in batches of 100"),
        "stream_memory_ratio": Metric("ratio", "peak memory: JSON list / NDJSON stream"),
        "list_first_byte": Metric("seconds", "time to the first byte, JSON list"),
        "ndjson_first_byte": Metric("seconds", "time to the first byte, NDJSON stream"),
        "first_byte_ratio": Metric("ratio", "time to the first byte: JSON list / NDJSON stream"),
        "list_total": Metric("seconds", "whole download, JSON list"),
        "ndjson_total": Metric("seconds", "whole download, NDJSON stream"),
    },
    measure=partial(measure_at, FULL_ROWS),
    quick_measure=partial(measure_at, QUICK_ROWS),
    packages=("fastapi", "starlette", "uvicorn", "httpx"),
    claims=(
        Claim("background_speedup", at_least=3, why="the page says the response no longer waits for the work"),
        Claim("cache_speedup", at_least=3, why="a hit skips the 50 ms computation: the rest is request overhead"),
        Claim("ndjson_peak", at_most=2**20, why="the page says the stream stays under 1 MiB"),
        Claim("stream_memory_ratio", at_least=5, why="the list grows with the result, the stream does not"),
        Claim(
            "first_byte_ratio",
            at_least=3,
            why="the page says the stream's first line arrives before the list is built",
        ),
    ),
    notes="The export endpoints, the uvicorn helper and the response cache are imported from the pages' "
    "snippets. Peaks come from one traced download each; times from separate untraced downloads.",
    repetitions=5,
    quick_repetitions=1,
)
