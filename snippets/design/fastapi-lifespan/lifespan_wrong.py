"""The pitfall: a lifespan whose start-up fails half-way never closes what it opened first."""

import asyncio
import socket
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine


def create_app(database_url: str, redis_url: str) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Start-up as the seed writes it: one resource after the other...
        app.state.db = create_async_engine(database_url)
        async with app.state.db.connect() as conn:
            await conn.execute(text("SELECT 1"))
        app.state.redis = Redis.from_url(redis_url)
        await app.state.redis.ping()  # ...so when this raises,
        yield
        # ...nothing below runs, and the database engine is never disposed.
        await app.state.redis.aclose()
        await app.state.db.dispose()

    return FastAPI(lifespan=lifespan)


def unused_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        # Redis is down: nothing listens on this port.
        app = create_app(
            f"sqlite+aiosqlite:///{tmp}/app.db", f"redis://127.0.0.1:{unused_port()}/0"
        )
        try:
            async with app.router.lifespan_context(app):  # what the server runs
                pass
        except RedisConnectionError as exc:
            print(f"start-up failed: {type(exc).__name__}")
            #> start-up failed: ConnectionError
        open_connections = app.state.db.pool.checkedin()  # in the engine's pool
        print(f"after failed start-up, database: {open_connections}")
        #> after failed start-up, database: 1
        await app.state.db.dispose()  # the demo cleans up by hand to exit cleanly


asyncio.run(main())
