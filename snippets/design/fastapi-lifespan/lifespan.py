"""FastAPI lifespan: open shared clients at start-up, keep them in app.state, close them all."""

import asyncio
import os
import socket
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from typing import Annotated

import httpx
from fastapi import Depends, FastAPI, Request
from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine


def create_app(database_url: str, redis_url: str, name: str = "app") -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Each resource registers its clean-up as soon as it exists; leaving the stack
        # runs them in reverse order at shut-down and when a later start-up step fails.
        async with AsyncExitStack() as stack:
            app.state.db = create_async_engine(database_url)
            stack.push_async_callback(app.state.db.dispose)
            # Fail at start-up, not on the first request.
            async with app.state.db.connect() as conn:
                await conn.execute(text("SELECT 1"))
            redis = Redis.from_url(
                redis_url, client_name=name
            )  # 5 s timeouts by default
            app.state.redis = await stack.enter_async_context(redis)
            await app.state.redis.ping()
            yield

    app = FastAPI(lifespan=lifespan)

    @app.get("/health")
    async def health(
        db: Annotated[AsyncEngine, Depends(get_db)],
        redis: Annotated[Redis, Depends(get_redis)],
    ) -> dict[str, str]:
        async with db.connect() as conn:
            await conn.execute(text("SELECT 1"))
        await redis.ping()
        return {"database": "ok", "redis": "ok"}

    return app


# Typed accessors: endpoints declare what they need instead of reaching into app.state.
def get_db(request: Request) -> AsyncEngine:
    db: AsyncEngine = request.app.state.db
    return db


def get_redis(request: Request) -> Redis:
    redis: Redis = request.app.state.redis
    return redis


def unused_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def connections_named(redis_url: str, name: str) -> int:
    """What the Redis server itself counts (it may take a moment to see a close)."""
    async with Redis.from_url(redis_url) as admin:
        deadline = time.monotonic() + 2
        while True:
            count = sum(c["name"] == name for c in await admin.client_list())
            if count == 0 or time.monotonic() > deadline:
                return count
            await asyncio.sleep(0.02)


async def main(redis_url: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        database_url = f"sqlite+aiosqlite:///{tmp}/app.db"
        name = f"lifespan-{uuid.uuid4().hex[:8]}"  # the server may be shared
        app = create_app(database_url, redis_url, name)
        transport = httpx.ASGITransport(app=app)
        async with (
            app.router.lifespan_context(app),  # what uvicorn runs around serving
            httpx.AsyncClient(transport=transport, base_url="http://app") as client,
        ):
            response = await client.get("/health")
            print(response.status_code, response.json())
            #> 200 {'database': 'ok', 'redis': 'ok'}
        print(f"after shut-down, database: {app.state.db.pool.checkedin()}")
        #> after shut-down, database: 0
        print(f"after shut-down, Redis: {await connections_named(redis_url, name)}")
        #> after shut-down, Redis: 0

        # Redis down (nothing listens on that port): start-up fails, engine closed anyway.
        app = create_app(database_url, f"redis://127.0.0.1:{unused_port()}/0")
        try:
            async with app.router.lifespan_context(app):
                pass
        except RedisConnectionError as exc:
            print(f"start-up failed: {type(exc).__name__}")
            #> start-up failed: ConnectionError
        open_connections = app.state.db.pool.checkedin()  # in the engine's pool
        print(f"after failed start-up, database: {open_connections}")
        #> after failed start-up, database: 0


if __name__ == "__main__":
    redis_url = os.environ.get("REDIS_URL")
    if not redis_url:
        sys.exit(
            "Set REDIS_URL to a Redis server, e.g. `apt-get install redis-server && "
            "redis-server`, then: REDIS_URL=redis://127.0.0.1:6379/0 python lifespan.py"
        )
    asyncio.run(main(redis_url))
