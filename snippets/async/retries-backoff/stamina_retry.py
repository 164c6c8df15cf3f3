"""Retries with stamina: transient errors only, Retry-After honoured, within a budget."""

import asyncio
import time
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import httpx
import stamina
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

TRANSIENT_STATUS = {408, 429, 500, 502, 503, 504}
IDEMPOTENT = {"GET", "HEAD", "OPTIONS", "PUT", "DELETE"}  # safe to send twice
BUDGET = 3.0  # seconds for all the attempts of one call, and their waits


def retry_after(response: httpx.Response) -> float | None:
    """Seconds to wait from a Retry-After header (delay-seconds or an HTTP date).

    None when it is missing or malformed: a hostile value must not crash the retry.
    """
    value = response.headers.get("Retry-After", "")
    if value.isascii() and value.isdigit():  # "120"; str.isdigit() alone takes "²"
        return float(value)
    try:
        when = parsedate_to_datetime(value)
        return max(0.0, (when - datetime.now(UTC)).total_seconds())
    except (TypeError, ValueError, OverflowError):  # garbage, no zone, day 10**20
        return None


def retry_on(exc: Exception) -> bool | float:
    """stamina's backoff hook: retry this error? A float is how long to wait."""
    if isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout):
        return True  # the request never left: safe to repeat, whatever the method
    if not isinstance(exc, httpx.HTTPError):
        return False  # a bug in our code: retrying will not fix it
    # The server may have acted on the request: repeat only what is safe to.
    request = exc.request
    if request.method not in IDEMPOTENT and "Idempotency-Key" not in request.headers:
        return False
    if isinstance(exc, httpx.HTTPStatusError):
        status = exc.response.status_code
        wait = retry_after(exc.response)
        if status in (429, 503) and wait is not None:
            # The server says when. Sooner earns another refusal; a wait longer
            # than the whole budget means failing now rather than hanging.
            return wait if wait <= BUDGET else False
        return status in TRANSIENT_STATUS  # a 400, 404 or 422 fails every time
    return isinstance(
        exc, httpx.TimeoutException | httpx.NetworkError | httpx.RemoteProtocolError
    )


# stamina's defaults (10 attempts, 45 s, waits from 0.1 s up to 5 s plus up to 1 s
# of jitter) suit a real service; this demo scales the waits down.
@stamina.retry(
    on=retry_on,
    attempts=4,  # 4 tries, and no retry scheduled once BUDGET seconds have passed
    timeout=BUDGET,
    wait_initial=0.05,
    wait_max=0.5,
    wait_jitter=0.05,
)
async def fetch(client: httpx.AsyncClient, method: str, path: str) -> Any:
    response = await client.request(method, path)
    return response.raise_for_status().json()


async def call(client: httpx.AsyncClient, method: str, path: str) -> str:
    """One call with a deadline, as a caller makes it; says what came of it."""
    try:
        # stamina's timeout schedules no retry once BUDGET has passed, but a wait
        # begun before then, and the request after it, run on: this bounds them.
        async with asyncio.timeout(BUDGET):
            outcome = str(await fetch(client, method, path))
    except httpx.HTTPStatusError as exc:
        outcome = str(exc.response.status_code)
    except TimeoutError:
        return f"{method} {path}: TimeoutError at the deadline"
    sent = len(api.arrivals[method, path])
    return f"{method} {path}: {outcome} after {sent} attempt(s)"


async def main(base_url: str) -> None:
    # A timeout for each attempt below the budget (httpx's default is 5 s).
    async with httpx.AsyncClient(base_url=base_url, timeout=1.0) as client:
        calls = [
            ("GET", "/items/1"),  # a 429, then a 503, then the item
            ("GET", "/items/x"),  # invalid: a 422
            ("GET", "/items/2"),  # down for good
            ("POST", "/items/2"),  # the same, for a request that is not idempotent
            ("GET", "/items/3"),  # rate-limited for an hour
            ("GET", "/items/4"),  # Retry-After: 2, again and again
        ]
        outcomes = await asyncio.gather(*(call(client, *c) for c in calls))
    for outcome in outcomes:
        print(outcome)
        #> GET /items/1: {'id': 1} after 3 attempt(s)
        #> GET /items/x: 422 after 1 attempt(s)
        #> GET /items/2: 503 after 4 attempt(s)
        #> POST /items/2: 503 after 1 attempt(s)
        #> GET /items/3: 429 after 1 attempt(s)
        #> GET /items/4: TimeoutError at the deadline

    # The server's own clock: its 429 said "Retry-After: 1".
    first, second = api.arrivals["GET", "/items/1"][:2]
    print(f"the retry after the 429 came 1 s later or more: {second - first >= 1}")
    #> the retry after the 429 came 1 s later or more: True


# A local API. What it answers at each path, attempt by attempt, before a 200:
# a status and its Retry-After header, if any.
SCRIPT: dict[str, list[tuple[int, str | None]]] = {
    # Rate-limited, then a blip whose Retry-After is garbage ("²" passes
    # str.isdigit() but is no number): ordinary backoff, then fine.
    "/items/1": [(429, "1"), (503, "²")],
    "/items/2": [(503, None)] * 100,
    "/items/3": [(429, "3600")] * 100,
    "/items/4": [(429, "2")] * 100,
}


class Api:
    def __init__(self) -> None:
        self.arrivals: defaultdict[tuple[str, str], list[float]] = defaultdict(list)


api = Api()


async def read_item(request: Request) -> JSONResponse:
    arrivals = api.arrivals[request.method, request.url.path]
    arrivals.append(time.monotonic())
    item_id = request.path_params["item_id"]
    if not item_id.isdigit():
        return JSONResponse({"detail": "item_id must be a number"}, status_code=422)
    script = SCRIPT.get(request.url.path, [])
    if len(arrivals) <= len(script):
        status, wait = script[len(arrivals) - 1]
        headers = {"Retry-After": wait} if wait else None
        return JSONResponse({"detail": "try later"}, status, headers=headers)
    return JSONResponse({"id": int(item_id)})


app = Starlette(routes=[Route("/items/{item_id}", read_item, methods=["GET", "POST"])])


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
