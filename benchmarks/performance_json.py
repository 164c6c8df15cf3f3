"""JSON serialization: stdlib json vs orjson, and FastAPI's response paths measured through an app.

The FastAPI figures are whole requests (routing, validation, serialization, response) sent with
httpx through ASGITransport to a real FastAPI app that returns 1,000 users.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import time
import timeit
import warnings
from collections.abc import Callable
from functools import partial
from typing import Any

import httpx
import orjson
from fastapi import FastAPI, Response
from fastapi.exceptions import FastAPIDeprecationWarning
from fastapi.responses import ORJSONResponse
from pydantic import BaseModel

from benchmarks.harness import Benchmark, Claim, Metric, ain_turn, in_turn

ITEMS = 1_000
REQUESTS = 20


class UserOut(BaseModel):
    id: int
    email: str
    name: str
    active: bool
    score: float
    tags: list[str]


USERS: list[dict[str, Any]] = [
    {
        "id": i,
        "email": f"user{i}@example.com",
        "name": f"User {i}",
        "active": i % 3 != 0,
        "score": i / 7,
        "tags": ["alpha", "beta"],
    }
    for i in range(ITEMS)
]


def _app() -> FastAPI:
    app = FastAPI()

    @app.get("/dict")  # no response model: jsonable_encoder() then json.dumps()
    async def as_dicts():  # type: ignore[no-untyped-def]
        return USERS

    @app.get("/dict-orjson", response_class=ORJSONResponse)  # the seed's choice
    async def as_dicts_orjson():  # type: ignore[no-untyped-def]
        return USERS

    @app.get("/model", response_model=list[UserOut])  # validated, dumped by pydantic-core
    async def as_model() -> list[dict[str, Any]]:
        return USERS

    @app.get("/model-orjson", response_model=list[UserOut], response_class=ORJSONResponse)
    async def as_model_orjson() -> list[dict[str, Any]]:
        return USERS

    @app.get("/raw")  # no validation at all: bytes made by orjson
    async def raw() -> Response:
        return Response(orjson.dumps(USERS), media_type="application/json")

    return app


async def _request_time(client: httpx.AsyncClient, path: str) -> float:
    start = time.perf_counter()
    response = await client.get(path)
    elapsed = time.perf_counter() - start
    assert response.status_code == 200
    return elapsed


async def _per_request(turn: int, paths: list[str]) -> dict[str, float]:
    transport = httpx.ASGITransport(app=_app())
    timings: dict[str, list[float]] = {path: [] for path in paths}
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        for path in paths:  # warm-up: first-call schema and serializer set-up
            assert len((await client.get(path)).json()) == ITEMS
        for i in range(REQUESTS):  # interleaved, so every path sees the same machine load
            times = await ain_turn(turn + i, {path: partial(_request_time, client, path) for path in paths})
            for path, seconds in times.items():
                timings[path].append(seconds)
    return {path: statistics.median(samples) for path, samples in timings.items()}


def _dump_time(dump: Callable[[], bytes]) -> float:
    return min(timeit.repeat(dump, number=20, repeat=3)) / 20


def measure(turn: int) -> dict[str, float]:
    dumps = in_turn(
        turn,
        {
            "stdlib": partial(_dump_time, lambda: json.dumps(USERS).encode()),
            "orjson": partial(_dump_time, lambda: orjson.dumps(USERS)),
        },
    )
    stdlib, fast = dumps["stdlib"], dumps["orjson"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FastAPIDeprecationWarning)  # ORJSONResponse is deprecated
        t = asyncio.run(_per_request(turn, ["/dict", "/dict-orjson", "/model", "/model-orjson", "/raw"]))
    return {
        "json_dumps": stdlib,
        "orjson_dumps": fast,
        "orjson_speedup": stdlib / fast,
        "request_dict": t["/dict"],
        "request_dict_orjson": t["/dict-orjson"],
        "request_model": t["/model"],
        "request_model_orjson": t["/model-orjson"],
        "request_raw": t["/raw"],
        "orjson_response_speedup": t["/dict"] / t["/dict-orjson"],
        "model_vs_dict": t["/dict"] / t["/model"],
        "orjson_with_model_cost": t["/model-orjson"] / t["/model"],
    }


BENCHMARK = Benchmark(
    title="Serializing 1,000 users: json vs orjson, and FastAPI's response paths",
    metrics={
        "json_dumps": Metric("seconds", "json.dumps(users).encode()"),
        "orjson_dumps": Metric("seconds", "orjson.dumps(users)"),
        "orjson_speedup": Metric("ratio", "json.dumps time / orjson.dumps time"),
        "request_dict": Metric("seconds", "request, list of dicts, no response model (default JSONResponse)"),
        "request_dict_orjson": Metric("seconds", "request, list of dicts, no response model, ORJSONResponse"),
        "request_model": Metric("seconds", "request, response_model=list[UserOut], default response class"),
        "request_model_orjson": Metric("seconds", "request, response_model=list[UserOut] with ORJSONResponse"),
        "request_raw": Metric("seconds", "request, Response(orjson.dumps(users)): no validation"),
        "orjson_response_speedup": Metric("ratio", "no model: JSONResponse time / ORJSONResponse time"),
        "model_vs_dict": Metric("ratio", "dicts without a model / the same through response_model"),
        "orjson_with_model_cost": Metric("ratio", "response_model: with ORJSONResponse / with the default class"),
    },
    measure=measure,
    packages=("fastapi", "pydantic", "orjson", "starlette"),
    claims=(
        Claim("orjson_speedup", at_least=3, why="the page says orjson beats json by more than 2-3x"),
        Claim("orjson_response_speedup", at_most=2, why="the page says a whole request gains far less than 2-3x"),
        Claim("model_vs_dict", at_least=1.2, why="the page says a response model is faster than returning bare dicts"),
        Claim("orjson_with_model_cost", at_least=1.0, why="the page says ORJSONResponse slows a response model down"),
    ),
    repetitions=10,
    quick_repetitions=2,
)
