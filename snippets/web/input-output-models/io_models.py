"""Separate FastAPI models for what a client sends, what is stored and what a client reads."""

import asyncio
import hashlib
import json
import os
import threading
from typing import Any

import httpx
from fastapi import FastAPI, HTTPException
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    field_validator,
    model_validator,
)


class StrictInput(BaseModel):
    # Request bodies refuse unknown fields: a client that sends is_admin, id or a
    # misspelt field gets a 422 instead of a silent 200.
    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def bounded(cls, data: Any) -> Any:
        # forbid adds one error per unknown key, and the 422 lists them all: refuse a
        # body of junk keys as one error before they are counted.
        if isinstance(data, dict) and len(data) > 2 * len(cls.model_fields):
            raise ValueError(f"expected at most {len(cls.model_fields)} fields")
        return data


class UserCreate(StrictInput):
    """What a client may send to sign up: nothing the server decides."""

    email: str = Field(max_length=254)
    name: str = Field(min_length=1, max_length=100)
    password: SecretStr = Field(min_length=12, max_length=128)  # hidden in reprs


class UserUpdate(StrictInput):
    """A PATCH body: every field optional, and only the fields sent are applied."""

    name: str | None = Field(default=None, min_length=1, max_length=100)
    bio: str | None = Field(default=None, max_length=500)  # null clears it

    @field_validator("name")
    @classmethod
    def name_not_null(cls, name: str | None) -> str:
        # Runs only when the client sent "name": omitting it keeps the name, null is an error.
        if name is None:
            raise ValueError("omit name to keep it; it cannot be null")
        return name


class UserRead(BaseModel):
    """What a client reads: no secret, no internal flag."""

    id: int
    email: str
    name: str
    bio: str | None = None


class UserRecord(UserRead):
    """What the database holds: never a request body, never a return type."""

    password_hash: str = Field(repr=False)  # reprs end up in logs
    is_admin: bool = False


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)
    return f"scrypt${salt.hex()}${digest.hex()}"


db: dict[int, UserRecord] = {}  # stands in for the users table
db_lock = threading.Lock()  # def endpoints run at the same time, in a thread pool
app = FastAPI()


@app.post("/users", status_code=201)
def create_user(data: UserCreate) -> UserRead:
    password_hash = hash_password(data.password.get_secret_value())  # slow: unlocked
    with db_lock:  # the table's auto-increment: one id per sign-up
        record = UserRecord(
            id=len(db) + 1,
            email=data.email,
            name=data.name,
            password_hash=password_hash,
        )
        db[record.id] = record
    return record  # the return type filters: FastAPI sends UserRead's fields only


@app.patch("/users/{user_id}")
def update_user(user_id: int, changes: UserUpdate) -> UserRead:
    with db_lock:  # read, change, write: two PATCHes at once would lose one's fields
        if user_id not in db:
            raise HTTPException(404, "user not found")
        # exclude_unset: the fields present in the request body, not every default.
        update = changes.model_dump(exclude_unset=True)
        db[user_id] = db[user_id].model_copy(update=update)
        return db[user_id]


def rejected(response: httpx.Response) -> list[Any]:
    """The fields a 422 names; [] for any other response."""
    if response.status_code != 422:
        return []
    return [error["loc"][-1] for error in response.json()["detail"]]


async def main() -> None:
    transport = httpx.ASGITransport(app=app)  # calls the app in process, over ASGI
    async with httpx.AsyncClient(
        transport=transport, base_url="http://api.test"
    ) as client:
        signup = {
            "email": "ada@example.com",
            "name": "Ada",
            "password": "correct horse battery",
        }
        created = await client.post("/users", json=signup)
        print(created.status_code, created.json())
        #> 201 {'id': 1, 'email': 'ada@example.com', 'name': 'Ada', 'bio': None}
        print(f"password_hash in response: {'password_hash' in created.json()}")
        #> password_hash in response: False
        # Reprs end up in logs and error trackers: neither the password nor its hash.
        print(UserCreate.model_validate(signup))
        #> email='ada@example.com' name='Ada' password=SecretStr('**********')
        print(repr(db[1]))
        """
        UserRecord(id=1, email='ada@example.com', name='Ada', bio=None, is_admin=False)
        """

        # Mass assignment: the fields the server owns are refused on create and on update.
        sneaky = await client.post("/users", json=signup | {"id": 7, "is_admin": True})
        print(sneaky.status_code, rejected(sneaky))
        #> 422 ['id', 'is_admin']
        escalate = await client.patch("/users/1", json={"is_admin": True})
        print(escalate.status_code, f"is_admin settable: {db[1].is_admin}")
        #> 422 is_admin settable: False

        # PATCH changes what was sent and nothing else; null clears bio, not name.
        patched = await client.patch("/users/1", json={"bio": "Writes compilers."})
        print(patched.status_code, f"name kept after PATCH: {db[1].name == 'Ada'}")
        #> 200 name kept after PATCH: True
        print((await client.patch("/users/1", json={"bio": None})).json())
        #> {'id': 1, 'email': 'ada@example.com', 'name': 'Ada', 'bio': None}
        print(rejected(await client.patch("/users/1", json={"name": None})))
        #> ['name']

        # A body of junk keys is one error, not one per key.
        junk = {f"key{i}": 0 for i in range(10_000)}
        print(len((await client.patch("/users/1", json=junk)).json()["detail"]))
        #> 1

        # Sign-ups at the same time: the thread pool runs them at once, each gets an id.
        batch = [signup | {"email": f"user{i}@example.com"} for i in range(4)]
        responses = await asyncio.gather(
            *(client.post("/users", json=b) for b in batch)
        )
        print(sorted(r.json()["id"] for r in responses), f"users stored: {len(db)}")
        #> [2, 3, 4, 5] users stored: 5


asyncio.run(main())

# The published contract says the same: the response schema is UserRead, without the hash.
schema = app.openapi()
created_201 = schema["paths"]["/users"]["post"]["responses"]["201"]
print(created_201["content"]["application/json"]["schema"])
#> {'$ref': '#/components/schemas/UserRead'}
print(f"password_hash in OpenAPI: {'password_hash' in json.dumps(schema)}")
#> password_hash in OpenAPI: False
