"""One httpx.AsyncClient per app: opened in the lifespan, injected with Depends, closed at shutdown."""

import asyncio
import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Annotated, Any

import httpx
import uvicorn
from fastapi import Depends, FastAPI, Path, Request


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    # One client, so one connection pool, for the whole process. Set the timeouts and
    # the pool size yourself: httpx's defaults are 5 s for everything and 100 connections.
    client = httpx.AsyncClient(
        base_url=app.state.upstream_url,
        timeout=httpx.Timeout(5.0, connect=2.0),
        limits=httpx.Limits(max_connections=20, max_keepalive_connections=20),
    )
    app.state.http = client
    try:
        yield
    finally:
        await client.aclose()  # at shutdown, once the server has stopped serving


async def get_http(request: Request) -> httpx.AsyncClient:
    # async def: FastAPI runs a plain def dependency in its thread pool, on every request.
    client: httpx.AsyncClient = request.app.state.http
    return client


Http = Annotated[httpx.AsyncClient, Depends(get_http)]
# Whatever goes into the upstream URL is checked first: httpx would read "?" as the start
# of a query and resolve ".." (sent as %2E%2E) to a path outside /quotes/.
Symbol = Annotated[str, Path(pattern=r"^[A-Z0-9]{1,10}$")]


def create_app(upstream_url: str) -> FastAPI:
    app = FastAPI(lifespan=lifespan)
    app.state.upstream_url = (
        upstream_url  # the lifespan reads it (in production: settings)
    )

    @app.get("/prices/{symbol}")
    async def price(symbol: Symbol, http: Http) -> Any:
        # The shared client is the app's: never `async with http:` here, which closes it.
        response = await http.get(f"/quotes/{symbol}")
        return response.raise_for_status().json()

    return app


# The upstream service, a real server: it records the client port of every request.
# A TCP connection keeps its port, so the ports it saw are the connections it accepted.
connections: set[int] = set()
upstream = FastAPI()


@upstream.get("/quotes/{symbol}")
async def quote(symbol: str, request: Request) -> dict[str, str]:
    assert request.client is not None
    connections.add(request.client.port)
    return {"symbol": symbol, "price": "12.50"}


@contextmanager
def serve(app: FastAPI) -> Iterator[str]:
    """Run the app under uvicorn in a background thread; port 0 picks a free port."""
    server = uvicorn.Server(uvicorn.Config(app, port=0, log_level="warning"))
    thread = threading.Thread(target=server.run)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("the server failed to start")
        time.sleep(0.01)
    try:
        port = server.servers[0].sockets[0].getsockname()[1]
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join()


async def call(url: str, n: int) -> None:
    """Our app's own callers: n requests, one after another."""
    async with httpx.AsyncClient(base_url=url) as client:
        for i in range(n):
            (await client.get(f"/prices/S{i}")).raise_for_status()


async def status_of(url: str, path: str) -> int:
    """The status our app answers for one request."""
    async with httpx.AsyncClient(base_url=url) as client:
        return (await client.get(path)).status_code


if __name__ == "__main__":  # the benchmark imports create_app
    with serve(upstream) as upstream_url:
        app = create_app(upstream_url)
        with serve(app) as url:
            asyncio.run(call(url, 10))
            # A hostile caller: the endpoint receives "%2E%2E" as the symbol "..".
            hostile = asyncio.run(status_of(url, "/prices/%2E%2E"))
        print(f"connections opened for 10 requests: {len(connections)}")
        #> connections opened for 10 requests: 1
        print(f"status for the symbol '..': {hostile}")
        #> status for the symbol '..': 422
        # serve() has returned: uvicorn has run the lifespan's shutdown.
        print(f"client closed after shutdown: {app.state.http.is_closed}")
        #> client closed after shutdown: True
