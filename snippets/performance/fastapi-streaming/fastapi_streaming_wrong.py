"""The pitfall: returning the whole result as one JSON list builds it all in memory first."""

import asyncio
import sqlite3
import tempfile
import tracemalloc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiosqlite
import httpx
import uvicorn
from fastapi import FastAPI, Request
from pydantic import BaseModel


class UserOut(BaseModel):
    id: int
    email: str
    name: str


app = FastAPI()


@app.get("/users/export")
async def export_users(request: Request) -> list[UserOut]:
    async with aiosqlite.connect(request.app.state.db) as db:
        rows = await db.execute_fetchall(
            "SELECT id, email, name FROM users ORDER BY id"
        )
    # Every row, then every model, then the whole JSON body: all in memory at once.
    return [UserOut(id=i, email=e, name=n) for i, e, n in rows]


def create_users(path: Path, rows: int) -> None:
    db = sqlite3.connect(path)
    with db:
        db.execute("DROP TABLE IF EXISTS users")
        db.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, name TEXT)")
        users = ((i, f"u{i}@example.com", f"User {i}") for i in range(rows))
        db.executemany("INSERT INTO users VALUES (?, ?, ?)", users)
    db.close()


@asynccontextmanager
async def running(app: FastAPI) -> AsyncIterator[str]:
    """Serve the app with uvicorn on a free port of 127.0.0.1, in this event loop."""
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning")
    )
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


async def export(client: httpx.AsyncClient) -> tuple[str, int, int]:
    """Content type, users received, and the peak memory of server and client together."""
    tracemalloc.start()
    received = 0
    async with client.stream("GET", "/users/export") as response:
        async for chunk in response.aiter_bytes():
            received += chunk.count(b"}")  # one per user; the body is not kept
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return response.headers["content-type"], received, peak


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        app.state.db = Path(tmp, "users.db")
        async with running(app) as url, httpx.AsyncClient(base_url=url) as client:
            create_users(app.state.db, 100)
            # Warm-up: allocations made once, on the first request, are not the point.
            content_type, _, _ = await export(client)
            print(content_type)
            #> application/json
            for rows in (10_000, 20_000):
                create_users(app.state.db, rows)
                _, received, peak = await export(client)
                print(f"{received:,} users, peak memory {peak / 2**20:.0f} MiB")
                #> 10,000 users, peak memory 7 MiB
                #> 20,000 users, peak memory 14 MiB


if __name__ == "__main__":  # the benchmark imports the app and its helpers
    asyncio.run(main())
