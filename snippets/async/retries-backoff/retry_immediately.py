"""The pitfall: retrying at once spends every attempt while the server is down."""

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

ATTEMPTS = 3


async def get_json(base_url: str, path: str) -> Any:
    async with httpx.AsyncClient(base_url=base_url) as client:

        async def attempt() -> Any:
            response = await client.get(path)
            return response.raise_for_status().json()

        for _ in range(ATTEMPTS - 1):
            try:
                return await attempt()
            except httpx.HTTPError:
                pass  # try again, straight away
        return await attempt()


async def main(base_url: str) -> None:
    # 5 callers reach the server just as it starts a restart: 503s for 1 s.
    paths = [f"/items/{i}" for i in range(5)]
    results = await asyncio.gather(
        *(get_json(base_url, path) for path in paths), return_exceptions=True
    )
    failed = sum(isinstance(result, Exception) for result in results)
    print(f"calls that failed: {failed} of {len(paths)}")
    #> calls that failed: 5 of 5
    print(f"attempts the server refused while restarting: {api.refused}")
    #> attempts the server refused while restarting: 15


# A local API that restarts: 503s for 1 s from the first request.
class Api:
    def __init__(self, outage: float) -> None:
        self.outage = outage
        self.down_until: float | None = None
        self.refused = 0


api = Api(outage=1.0)


async def read_item(request: Request) -> JSONResponse:
    now = time.monotonic()
    if api.down_until is None:
        api.down_until = now + api.outage
    if now < api.down_until:
        api.refused += 1
        return JSONResponse({"detail": "restarting"}, status_code=503)
    return JSONResponse({"id": int(request.path_params["item_id"])})


app = Starlette(routes=[Route("/items/{item_id:int}", read_item)])


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
