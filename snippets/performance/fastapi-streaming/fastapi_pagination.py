"""Keyset pagination with plain FastAPI: bounded pages, a cursor to the next one, a generic Page."""

import asyncio
import sqlite3
import tempfile
from pathlib import Path
from typing import Annotated, Generic, TypeVar

import aiosqlite
import httpx
from fastapi import FastAPI, Query, Request
from pydantic import BaseModel

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: int | None  # pass it back as ?after= to get the next page


class UserOut(BaseModel):
    id: int
    email: str


PageSize = Annotated[int, Query(ge=1, le=100)]  # a client cannot ask for everything
app = FastAPI()


@app.get("/users")
async def list_users(
    request: Request, after: int = 0, limit: PageSize = 50
) -> Page[UserOut]:
    async with aiosqlite.connect(request.app.state.db) as db:
        # Keyset: "after the last id seen" uses the primary-key index and stays fast on
        # page 1,000; OFFSET would read and skip every earlier row, and shift on inserts.
        query = "SELECT id, email FROM users WHERE id > ? ORDER BY id LIMIT ?"
        rows = list(await db.execute_fetchall(query, (after, limit + 1)))
    items = [UserOut(id=i, email=e) for i, e in rows[:limit]]
    # One row more than asked tells whether there is a next page, without a COUNT(*).
    return Page(items=items, next_cursor=items[-1].id if len(rows) > limit else None)


def create_users(path: Path, count: int) -> None:
    db = sqlite3.connect(path)
    with db:
        db.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT)")
        users = ((i, f"u{i}@example.com") for i in range(1, count + 1))
        db.executemany("INSERT INTO users VALUES (?, ?)", users)
    db.close()


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        app.state.db = Path(tmp, "users.db")
        create_users(app.state.db, 230)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://api"
        ) as client:
            first = (await client.get("/users", params={"limit": 2})).json()
            ids = [user["id"] for user in first["items"]]
            print(f"ids {ids}, next_cursor {first['next_cursor']}")
            #> ids [1, 2], next_cursor 2

            users, pages, cursor = [], 0, 0
            while cursor is not None:  # a client walking every page
                params = {"after": cursor, "limit": 100}
                page = (await client.get("/users", params=params)).json()
                users += page["items"]
                pages += 1
                cursor = page["next_cursor"]
            print(f"{len(users)} users in {pages} pages")
            #> 230 users in 3 pages

            too_big = await client.get("/users", params={"limit": 100_000})
            print(too_big.status_code, too_big.json()["detail"][0]["msg"])
            #> 422 Input should be less than or equal to 100


asyncio.run(main())
