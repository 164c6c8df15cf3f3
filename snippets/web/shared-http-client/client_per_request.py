"""The pitfall: a new httpx.AsyncClient per request opens a new connection per request."""

import asyncio
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import httpx
import uvicorn
from fastapi import FastAPI, Path, Request

Symbol = Annotated[str, Path(pattern=r"^[A-Z0-9]{1,10}$")]


def create_app(upstream_url: str) -> FastAPI:
    app = FastAPI()

    @app.get("/prices/{symbol}")
    async def price(symbol: Symbol) -> Any:
        # A new client is a new, empty connection pool: every request pays for a TCP
        # connection (and, over HTTPS, a TLS handshake) that nothing will reuse.
        async with httpx.AsyncClient(base_url=upstream_url) as http:
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


if __name__ == "__main__":  # the benchmark imports create_app
    with serve(upstream) as upstream_url, serve(create_app(upstream_url)) as url:
        asyncio.run(call(url, 10))
    print(f"connections opened for 10 requests: {len(connections)}")
    #> connections opened for 10 requests: 10
