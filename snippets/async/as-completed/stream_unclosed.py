"""The pitfall: leaving `async for` early does not run the async generator's cleanup."""

import asyncio
import sqlite3
import tempfile
from collections.abc import AsyncGenerator
from pathlib import Path

events: list[str] = []  # what happened, in order


async def job_names(
    pool: asyncio.Queue[sqlite3.Connection],
) -> AsyncGenerator[str, None]:
    """Stream job names, holding a connection from the pool until the stream ends."""
    conn = await pool.get()
    try:
        for (name,) in conn.execute("SELECT name FROM jobs ORDER BY id"):
            yield name
    finally:
        pool.put_nowait(conn)  # give the connection back
        events.append("connection returned")


async def main(pool: asyncio.Queue[sqlite3.Connection]) -> None:
    jobs = job_names(pool)
    async for name in jobs:
        if name == "resize":  # found it: stop reading
            break
    events.append("loop left")
    print(f"connection returned before the next line: {pool.qsize() == 1}")
    #> connection returned before the next line: False
    try:  # the next query waits for the pool's only connection
        async with asyncio.timeout(0.3):
            other = await pool.get()
        events.append("next query got the connection")
        pool.put_nowait(other)
    except TimeoutError:
        events.append("next query timed out")
    events.append("main returned")


with tempfile.TemporaryDirectory() as tmp:
    conn = sqlite3.connect(Path(tmp) / "jobs.db")
    conn.executescript(
        "CREATE TABLE jobs (id INTEGER PRIMARY KEY, name TEXT);"
        "INSERT INTO jobs (name) VALUES ('thumbnail'), ('resize'), ('upload');"
    )
    pool: asyncio.Queue[sqlite3.Connection] = asyncio.Queue()
    pool.put_nowait(conn)
    asyncio.run(main(pool))
    conn.close()
# The generator's `finally` ran only when asyncio.run() shut the loop down.
print(" -> ".join(events))
#> loop left -> next query timed out -> main returned -> connection returned
