"""FastAPI's own JSON Lines streaming: an async generator endpoint with a model annotation."""

import asyncio
import sqlite3
import tempfile
from collections.abc import AsyncIterable, AsyncIterator
from pathlib import Path

import aiosqlite
import httpx
from fastapi import FastAPI, Request
from pydantic import BaseModel


class UserOut(BaseModel):
    id: int
    email: str


app = FastAPI()


async def user_rows(path: Path) -> AsyncIterator[dict[str, object]]:
    """Every user as a dict, password hash included, in keyset batches of 100."""
    query = (
        "SELECT id, email, password_hash FROM users WHERE id > ? ORDER BY id LIMIT ?"
    )
    async with aiosqlite.connect(path) as db:
        last_id = -1
        while rows := list(await db.execute_fetchall(query, (last_id, 100))):
            last_id = rows[-1][0]
            for user_id, email, password_hash in rows:
                yield {"id": user_id, "email": email, "password_hash": password_hash}


# An async generator with an AsyncIterable[Model] return annotation: FastAPI sends each
# item as one line of JSON (application/jsonl), validated against the model, filtered to
# its fields and serialized by Pydantic.
@app.get("/users/export")
async def export_users(request: Request) -> AsyncIterable[UserOut]:
    async for row in user_rows(request.app.state.db):
        yield row  # type: ignore[misc]  # a dict: FastAPI validates it into a UserOut


# Careful: for a streamed endpoint, response_model= is not applied to the items.
@app.get("/users/export-unfiltered", response_model=UserOut)
async def export_unfiltered(request: Request) -> AsyncIterable[dict[str, object]]:
    async for row in user_rows(request.app.state.db):
        yield row


def create_users(path: Path, rows: int) -> None:
    db = sqlite3.connect(path)
    with db:
        db.execute(
            "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, password_hash)"
        )
        users = ((i, f"u{i}@example.com", "$argon2id$...") for i in range(rows))
        db.executemany("INSERT INTO users VALUES (?, ?, ?)", users)
    db.close()


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        app.state.db = Path(tmp, "users.db")
        create_users(app.state.db, 1_000)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://api"
        ) as client:
            async with client.stream("GET", "/users/export") as response:
                lines = [line async for line in response.aiter_lines()]
            print(response.headers["content-type"], f"{len(lines):,} lines")
            #> application/jsonl 1,000 lines
            print(
                lines[0]
            )  # the model's fields only: the password hash is filtered out
            #> {"id":0,"email":"u0@example.com"}

            async with client.stream("GET", "/users/export-unfiltered") as response:
                first = await anext(response.aiter_lines())
            print(first)  # response_model= did not filter the streamed items
            #> {"id": 0, "email": "u0@example.com", "password_hash": "$argon2id$..."}


asyncio.run(main())
