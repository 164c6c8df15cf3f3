"""The pitfall: the stored row as the response, a shared input model, and PATCH with model_dump()."""

import asyncio
import hashlib
import os
from typing import Any

import httpx
from fastapi import FastAPI
from pydantic import BaseModel


class UserIn(BaseModel):
    email: str
    name: str
    password: str
    is_admin: bool = (
        False  # for the admin console, which creates users with the same model
    )


class UserPatch(BaseModel):  # every field optional, so that a client can send only some
    name: str | None = None
    bio: str | None = None


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)
    return f"scrypt${salt.hex()}${digest.hex()}"


db: dict[int, dict[str, Any]] = {}  # stands in for the users table
app = FastAPI()


@app.post("/users", status_code=201)
def create_user(user: UserIn) -> dict[str, Any]:
    row = user.model_dump(exclude={"password"})
    row |= {
        "id": len(db) + 1,
        "bio": None,
        "password_hash": hash_password(user.password),
    }
    db[row["id"]] = row
    return row  # the stored row, as it is


@app.patch("/users/{user_id}")
def update_user(user_id: int, changes: UserPatch) -> dict[str, Any]:
    db[user_id].update(changes.model_dump())  # every field, sent or not
    return db[user_id]


async def main() -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://api.test"
    ) as client:
        signup = {
            "email": "ada@example.com",
            "name": "Ada",
            "password": "correct horse battery",
        }
        created = (await client.post("/users", json=signup | {"is_admin": True})).json()
        print("leaked keys:", sorted(created.keys() - {"id", "email", "name", "bio"}))
        #> leaked keys: ['is_admin', 'password_hash']
        print("is_admin set by the client:", db[1]["is_admin"])
        #> is_admin set by the client: True
        await client.patch("/users/1", json={"bio": "Writes compilers."})
        print("name after a PATCH of bio:", db[1]["name"])
        #> name after a PATCH of bio: None


asyncio.run(main())
