"""FastAPI through a real uvicorn server on 127.0.0.1: background tasks, a response cache, and
a large result returned as one JSON list versus streamed as NDJSON (peak memory, server and
client in this process, traced with tracemalloc)."""

from __future__ import annotations

import asyncio
import sqlite3
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial
from pathlib import Path

import aiosqlite
import httpx
import orjson
import uvicorn
from fastapi import BackgroundTasks, FastAPI, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel

from benchmarks.harness import Benchmark, Claim, Metric

WORK = 0.05  # the slow part: an email to send, a report to compute
REQUESTS = 10
FULL_ROWS = 100_000
QUICK_ROWS = 10_000


class UserOut(BaseModel):
    id: int
    email: str
    name: str


def _app(db: Path) -> FastAPI:
    app = FastAPI()
    cache: dict[str, asyncio.Task[dict[str, int]]] = {}

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
        if "report" not in cache:
            cache["report"] = asyncio.ensure_future(report())
        return await asyncio.shield(cache["report"])

    @app.get("/users.json")
    async def as_list() -> list[UserOut]:
        async with aiosqlite.connect(db) as conn:
            rows = await conn.execute_fetchall("SELECT id, email, name FROM users ORDER BY id")
        return [UserOut(id=i, email=e, name=n) for i, e, n in rows]

    async def ndjson() -> AsyncIterator[bytes]:
        async with aiosqlite.connect(db) as conn, conn.execute("SELECT id, email, name FROM users ORDER BY id") as cur:
            while rows := await cur.fetchmany(100):
                yield b"\n".join(orjson.dumps({"id": i, "email": e, "name": n}) for i, e, n in rows) + b"\n"

    @app.get("/users.ndjson")
    async def as_ndjson(request: Request) -> StreamingResponse:
        return StreamingResponse(ndjson(), media_type="application/x-ndjson")

    return app


@asynccontextmanager
async def _running(app: FastAPI) -> AsyncIterator[str]:
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
    serving = asyncio.create_task(server.serve())
    while not server.started:
        if serving.done():
            await serving  # startup failed: raise its error
        await asyncio.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await serving


async def _timed(client: httpx.AsyncClient, method: str, path: str) -> float:
    start = time.perf_counter()
    response = await client.request(method, path)
    elapsed = time.perf_counter() - start
    assert response.status_code == 200, response.text
    return elapsed


async def _export(client: httpx.AsyncClient, path: str) -> tuple[int, float, float]:
    """Peak traced bytes, time to the first body byte and total time of one download."""
    tracemalloc.start()
    start = time.perf_counter()
    first = 0.0
    async with client.stream("GET", path) as response:
        async for _chunk in response.aiter_bytes():
            first = first or time.perf_counter() - start
    total = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak, first, total


async def _measure(db: Path) -> dict[str, float]:
    async with _running(_app(db)) as url, httpx.AsyncClient(base_url=url) as client:
        for path in ("/inline", "/background"):
            await _timed(client, "POST", path)
        await _timed(client, "GET", "/cached")
        inline = [await _timed(client, "POST", "/inline") for _ in range(REQUESTS)]
        background = [await _timed(client, "POST", "/background") for _ in range(REQUESTS)]
        await asyncio.sleep(WORK * 2)  # let the last background task finish
        uncached = [await _timed(client, "GET", "/uncached") for _ in range(REQUESTS)]
        cached = [await _timed(client, "GET", "/cached") for _ in range(REQUESTS)]
        await _export(client, "/users.json")  # warm-up
        await _export(client, "/users.ndjson")
        list_peak, list_first, list_total = await _export(client, "/users.json")
        ndjson_peak, ndjson_first, ndjson_total = await _export(client, "/users.ndjson")
    inline_t, background_t = statistics.median(inline), statistics.median(background)
    uncached_t, cached_t = statistics.median(uncached), statistics.median(cached)
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
        "list_total": list_total,
        "ndjson_total": ndjson_total,
    }


def measure_at(rows: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp, "users.db")
        conn = sqlite3.connect(db)
        with conn:
            conn.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, name TEXT)")
            conn.executemany(
                "INSERT INTO users VALUES (?, ?, ?)", ((i, f"u{i}@example.com", f"User {i}") for i in range(rows))
            )
        conn.close()
        return {"rows": float(rows), **asyncio.run(_measure(db))}


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
        "list_total": Metric("seconds", "whole download, JSON list"),
        "ndjson_total": Metric("seconds", "whole download, NDJSON stream"),
    },
    measure=partial(measure_at, FULL_ROWS),
    quick_measure=partial(measure_at, QUICK_ROWS),
    packages=("fastapi", "starlette", "uvicorn", "httpx"),
    claims=(
        Claim("background_speedup", at_least=3, why="the page says the response no longer waits for the work"),
        Claim("cache_speedup", at_least=5, why="the page says a hit skips the computation"),
        Claim("ndjson_peak", at_most=2**20, why="the page says the stream stays under 1 MiB"),
        Claim("stream_memory_ratio", at_least=5, why="the list grows with the result, the stream does not"),
    ),
    repetitions=3,
    quick_repetitions=1,
)
