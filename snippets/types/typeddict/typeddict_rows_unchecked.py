"""The pitfall: annotating dict(row) as a TypedDict checks nothing."""

import sqlite3
from contextlib import closing
from typing import TypedDict


class UserDict(TypedDict):
    id: int
    email: str
    name: str


def get_users(db: sqlite3.Connection) -> list[UserDict]:
    rows = db.execute("SELECT id, email, name FROM users ORDER BY id").fetchall()
    return [dict(row) for row in rows]  # "Type-safe!", says the seed


def format_user(user: UserDict) -> str:
    return f"{user['name'].title()} <{user['email']}>"


with closing(sqlite3.connect(":memory:")) as db:
    db.row_factory = sqlite3.Row
    db.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, name TEXT)")
    db.executemany(
        "INSERT INTO users VALUES (?, ?, ?)",
        [(1, "ada@example.com", "ada lovelace"), (2, "grace@example.com", None)],
    )
    users = get_users(db)

print(users[1])  # a UserDict whose name is None
#> {'id': 2, 'email': 'grace@example.com', 'name': None}
for user in users:
    try:
        print(format_user(user))
        #> Ada Lovelace <ada@example.com>
    except AttributeError as exc:
        print(f"AttributeError: {exc}")
        #> AttributeError: 'NoneType' object has no attribute 'title'
