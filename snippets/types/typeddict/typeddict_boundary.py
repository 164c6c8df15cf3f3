"""Validate rows into TypedDicts at the boundary with pydantic.TypeAdapter."""

import sqlite3
from contextlib import closing
from typing import NotRequired

from pydantic import TypeAdapter, ValidationError

# On Python < 3.12 pydantic needs typing_extensions.TypedDict, not typing.TypedDict.
from typing_extensions import TypedDict


class UserDict(TypedDict):
    id: int
    email: str
    name: str
    bio: NotRequired[str]


# Build the validator once, at import time: it is compiled, and reused for every call.
USERS = TypeAdapter(list[UserDict])


def get_users(db: sqlite3.Connection) -> list[UserDict]:
    rows = db.execute("SELECT id, email, name FROM users ORDER BY id").fetchall()
    return USERS.validate_python([dict(row) for row in rows])  # checked, then typed


def format_user(user: UserDict) -> str:
    return f"{user['name'].title()} <{user['email']}>"


with closing(sqlite3.connect(":memory:")) as db:
    db.row_factory = sqlite3.Row
    db.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, name TEXT)")
    db.execute("INSERT INTO users VALUES (1, 'ada@example.com', 'ada lovelace')")
    print([format_user(user) for user in get_users(db)])
    #> ['Ada Lovelace <ada@example.com>']

    db.execute("INSERT INTO users VALUES (2, 'grace@example.com', NULL)")
    try:
        get_users(db)
    except ValidationError as exc:  # the bad row is named where it enters the program
        for error in exc.errors(include_url=False):
            print(error["loc"], error["msg"], repr(error["input"]))
            #> (1, 'name') Input should be a valid string None

# What comes out is a plain dict again (cheap to pass on); lax mode coerced "3" to 3,
# and a key the TypedDict does not declare (here a SELECT * column) was dropped.
raw = {"id": "3", "email": "eve@example.com", "name": "eve", "password_hash": "x"}
row = USERS.validate_python([raw])[0]
print(type(row).__name__, row)
#> dict {'id': 3, 'email': 'eve@example.com', 'name': 'eve'}
