"""Exponential backoff with full jitter: retries that outlast an outage, out of step."""

import asyncio
import random
import time
from collections import defaultdict
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any, TypeVar

import httpx
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

T = TypeVar("T")

ATTEMPTS = 10  # at most this many tries of one call...
BUDGET = 5.0  # ...and all of them, waits and requests, within this many seconds
BASE = 0.1  # the first retry waits up to BASE; each retry doubles that ceiling...
CAP = 0.5  # ...up to CAP

# Worth another try: the server was overloaded, restarting or too slow. Any other
# 4xx (a 404, a 422) would fail the same way every time. A 429 says how long to
# wait in its Retry-After header, which this loop does not read.
TRANSIENT_STATUS = {408, 500, 502, 503, 504}
# Sending these twice leaves the same state as sending them once (RFC 9110).
IDEMPOTENT = {"GET", "HEAD", "OPTIONS", "PUT", "DELETE"}


def is_transient(exc: httpx.HTTPError) -> bool:
    """Might this fail differently next time, and is it safe to send again?"""
    if isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout):
        return True  # the request never left: safe to repeat, whatever the method
    # Past this point the server may have acted on the request (a timeout, a
    # reset, a 502 from a proxy): repeat only what is safe to repeat.
    request = exc.request
    if request.method not in IDEMPOTENT and "Idempotency-Key" not in request.headers:
        return False
    if isinstance(exc, httpx.HTTPStatusError):
        return exc.response.status_code in TRANSIENT_STATUS
    return isinstance(
        exc, httpx.TimeoutException | httpx.NetworkError | httpx.RemoteProtocolError
    )


async def with_retries(
    call: Callable[[], Awaitable[T]],
    *,
    budget: float = BUDGET,
    on_retry: Callable[[int, float], object] = lambda attempt, delay: None,
) -> T:
    """Await call() until it succeeds; back off exponentially, with full jitter.

    It takes a function, not a coroutine: a coroutine can be awaited only once.
    on_retry(attempt, delay) hears of every retry: log it, count it.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + budget
    attempt = 0
    # The budget bounds the whole call, the request in flight included: without
    # it, one attempt may wait for the client's own timeout (5 s by default).
    async with asyncio.timeout_at(deadline):
        while True:
            attempt += 1
            try:
                return await call()
            except httpx.HTTPError as exc:
                # Full jitter: anywhere from 0 to the exponential ceiling, so
                # callers that failed together do not come back together.
                delay = random.uniform(0, min(CAP, BASE * 2 ** (attempt - 1)))
                spent = attempt == ATTEMPTS or loop.time() + delay > deadline
                if spent or not is_transient(exc):
                    raise  # the error itself, not a timeout: the caller can act on it
            on_retry(attempt, delay)
            await asyncio.sleep(delay)


async def fetch(
    base_url: str,
    method: str,
    path: str,
    *,
    client_timeout: float = 5.0,  # each read, write, connect: httpx's default
    budget: float = BUDGET,
    on_retry: Callable[[int, float], object] = lambda attempt, delay: None,
) -> Any:
    # A client of its own: each caller stands for a separate process.
    async with httpx.AsyncClient(base_url=base_url, timeout=client_timeout) as client:

        async def attempt() -> Any:
            response = await client.request(method, path)
            return response.raise_for_status().json()

        return await with_retries(attempt, budget=budget, on_retry=on_retry)


async def main(base_url: str) -> None:
    first_waits: list[float] = []

    def on_retry(attempt: int, delay: float) -> None:
        if attempt == 1:
            first_waits.append(delay)

    # 5 callers reach the server just as it starts a restart: 503s for 0.3 s.
    paths = [f"/items/{i}" for i in range(5)]
    results = await asyncio.gather(
        *(fetch(base_url, "GET", path, on_retry=on_retry) for path in paths),
        return_exceptions=True,
    )
    failed = sum(isinstance(result, Exception) for result in results)
    print(f"calls that failed: {failed} of {len(paths)}")
    #> calls that failed: 0 of 5
    # They all failed at once; without jitter they would all come back at once.
    print(f"different waits before the first retry: {len(set(first_waits))} of 5")
    #> different waits before the first retry: 5 of 5

    for method, path, timeout, budget in [
        ("GET", "/items/missing", 5.0, BUDGET),  # a 404 fails every time
        ("POST", "/slow", 0.1, BUDGET),  # the client stops waiting after 0.1 s
        ("GET", "/slow", 5.0, 0.5),  # the budget ends before the client's timeout
    ]:
        try:
            await fetch(base_url, method, path, client_timeout=timeout, budget=budget)
        except (httpx.HTTPError, TimeoutError) as exc:
            error = type(exc).__name__
            if isinstance(exc, httpx.HTTPStatusError):
                error = str(exc.response.status_code)
            sent = api.attempts[f"{method} {path}"]
            print(f"{method} {path}: {error} after {sent} attempt(s)")
            #> GET /items/missing: 404 after 1 attempt(s)
            #> POST /slow: ReadTimeout after 1 attempt(s)
            #> GET /slow: TimeoutError after 1 attempt(s)


# A local API that restarts: 503s for 0.3 s from the first request. It counts
# the attempts at each method and path.
class Api:
    def __init__(self, outage: float) -> None:
        self.outage = outage
        self.down_until: float | None = None
        self.attempts: defaultdict[str, int] = defaultdict(int)


api = Api(outage=0.3)


async def read_item(request: Request) -> JSONResponse:
    now = time.monotonic()
    api.attempts[f"GET {request.url.path}"] += 1
    if api.down_until is None:
        api.down_until = now + api.outage
    if now < api.down_until:
        return JSONResponse({"detail": "restarting"}, status_code=503)
    if not request.path_params["item_id"].isdigit():
        return JSONResponse({"detail": "no such item"}, status_code=404)
    return JSONResponse({"id": int(request.path_params["item_id"])})


async def slow(request: Request) -> Response:
    """Takes the request and never answers, until the client hangs up."""
    api.attempts[f"{request.method} {request.url.path}"] += 1
    while (await request.receive())["type"] != "http.disconnect":
        pass  # the request's body; the next message comes when the client leaves
    return Response(status_code=204)


app = Starlette(
    routes=[
        Route("/items/{item_id}", read_item),
        Route("/slow", slow, methods=["GET", "POST"]),
    ]
)


@asynccontextmanager
async def serve(app: Starlette) -> AsyncIterator[str]:
    """Run the app under uvicorn on this event loop; port 0 picks a free port."""
    server = uvicorn.Server(uvicorn.Config(app, port=0, log_level="warning"))
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            raise RuntimeError("the server failed to start")
        await asyncio.sleep(0.01)
    try:
        port = server.servers[0].sockets[0].getsockname()[1]
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


async def run() -> None:
    async with serve(app) as url:
        await main(url)


asyncio.run(run())
