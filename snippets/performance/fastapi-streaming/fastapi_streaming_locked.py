"""The pitfall: a stream that holds its cursor open keeps SQLite locked while the client is slow."""

import asyncio
import sqlite3
import tempfile
from collections.abc import AsyncGenerator
from pathlib import Path

import aiosqlite
import orjson


async def ndjson_users(path: Path) -> AsyncGenerator[bytes, None]:
    query = "SELECT id, email, name FROM users ORDER BY id"
    # One statement for the whole export: it stays active, and so does its read
    # transaction, while the generator is paused at a yield.
    async with aiosqlite.connect(path) as db, db.execute(query) as cursor:
        while rows := await cursor.fetchmany(100):
            lines = (orjson.dumps({"id": i, "email": e, "name": n}) for i, e, n in rows)
            yield b"\n".join(lines) + b"\n"


def create_users(path: Path, rows: int, journal_mode: str) -> None:
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA journal_mode={journal_mode}")
    with db:
        db.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, name TEXT)")
        users = ((i, f"u{i}@example.com", f"User {i}") for i in range(rows))
        db.executemany("INSERT INTO users VALUES (?, ?, ?)", users)
    db.close()


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
        return f"OperationalError: {exc}"
    finally:
        db.close()


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for journal_mode in ("delete", "wal"):  # SQLite's default, then write-ahead log
            path = Path(tmp, f"{journal_mode}.db")
            create_users(path, 1_000, journal_mode)
            stream = ndjson_users(path)
            await anext(stream)  # a slow client: the generator waits at its yield
            print(f"journal_mode={journal_mode}, stream paused: {try_write(path)}")
            #> journal_mode=delete, stream paused: OperationalError: database is locked
            #> journal_mode=wal, stream paused: ok
            await stream.aclose()


asyncio.run(main())
