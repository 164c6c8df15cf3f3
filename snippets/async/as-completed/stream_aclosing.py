"""Close an async generator with aclosing(): its cleanup runs at the `break`."""

import asyncio
import sqlite3
import tempfile
from collections.abc import AsyncGenerator
from contextlib import aclosing
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
    # aclosing() awaits jobs.aclose() when the block ends, however it ends:
    # the generator's `finally` runs here, in this task, before the next line.
    async with aclosing(job_names(pool)) as jobs:
        async for name in jobs:
            if name == "resize":  # found it: stop reading
                break
    events.append("loop left")
    print(f"connection returned before the next line: {pool.qsize() == 1}")
    #> connection returned before the next line: True
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
print(" -> ".join(events))
#> connection returned -> loop left -> next query got the connection -> main returned
