"""Stream a large query result as NDJSON: rows leave in batches, memory stays flat."""

import asyncio
import sqlite3
import tempfile
import tracemalloc
from collections.abc import AsyncGenerator, AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiosqlite
import httpx
import orjson
import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import StreamingResponse

app = FastAPI()


BATCH = 100


async def ndjson_users(path: Path) -> AsyncGenerator[bytes, None]:
    query = "SELECT id, email, name FROM users WHERE id > ? ORDER BY id LIMIT ?"
    async with aiosqlite.connect(path) as db:
        last_id = -1
        # One short query per batch (keyset: after the last id sent), so nothing is
        # held open while the generator waits for a slow client: no read transaction,
        # no lock that would stop writers. Memory holds one batch.
        while rows := list(await db.execute_fetchall(query, (last_id, BATCH))):
            last_id = rows[-1][0]
            lines = (orjson.dumps({"id": i, "email": e, "name": n}) for i, e, n in rows)
            yield b"\n".join(lines) + b"\n"


def try_write(path: Path) -> str:
    """Insert a row the way another request would, waiting at most 0.1 s for a lock."""
    db = sqlite3.connect(path, timeout=0.1)
    try:
        with db:
            db.execute(
                "INSERT INTO users (email, name) VALUES ('new@example.com', 'New')"
            )
        return "ok"
    except sqlite3.OperationalError as exc:
        return str(exc)
    finally:
        db.close()


@app.get("/users/export")
async def export_users(request: Request) -> StreamingResponse:
    # Each line is a JSON document (NDJSON): the client can handle one as soon as it arrives.
    return StreamingResponse(
        ndjson_users(request.app.state.db), media_type="application/x-ndjson"
    )


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
        async for line in response.aiter_lines():
            orjson.loads(line)  # each line is a complete user, usable right away
            received += 1
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
            #> application/x-ndjson
            peaks = []
            for rows in (10_000, 20_000):
                create_users(app.state.db, rows)
                _, received, peak = await export(client)
                peaks.append(peak)
                print(f"{received:,} users exported")
                #> 10,000 users exported
                #> 20,000 users exported
            print(f"peak memory under 1 MiB at both sizes: {max(peaks) < 2**20}")
            #> peak memory under 1 MiB at both sizes: True

        # A slow client pauses the generator at a yield: is the table still writable?
        stream = ndjson_users(app.state.db)
        await anext(stream)  # the first batch has been sent; the client stops reading
        print(f"a write while the stream is paused: {try_write(app.state.db)}")
        #> a write while the stream is paused: ok
        await stream.aclose()


if __name__ == "__main__":  # the benchmark imports the app and its helpers
    asyncio.run(main())
