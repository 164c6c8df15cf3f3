"""EXPLAIN before and after CREATE INDEX: a sequential scan becomes an index scan."""

import os
import sys
from typing import Any

from sqlalchemy import Connection, create_engine, make_url, text

USERS = 10_000


def plan(connection: Connection, where: str) -> str:
    """The top node of the plan PostgreSQL chooses (its costs vary; its shape does not).

    `where` is pasted into the SQL: pass your own conditions here, never user input.
    """
    explain = text(f"EXPLAIN (FORMAT JSON) SELECT id FROM users WHERE {where}")
    tree: list[dict[str, Any]] = connection.execute(explain).scalar_one()
    return str(tree[0]["Plan"]["Node Type"])


if not (url := os.environ.get("POSTGRES_URL")):
    sys.exit("Set POSTGRES_URL, e.g. postgresql://postgres@127.0.0.1:5432/postgres")
engine = create_engine(make_url(url).set(drivername="postgresql+psycopg"))
one_user = "email = 'user4242@example.com'"  # one row of 10 000
every_user = "email > 'user1'"  # matches every row
with engine.connect() as connection:  # one transaction, rolled back at the end
    # A temporary table: it vanishes with the session; autovacuum never analyzes it.
    connection.execute(
        text("CREATE TEMPORARY TABLE users (id int PRIMARY KEY, email text NOT NULL)")
    )
    connection.execute(
        text(
            "INSERT INTO users SELECT n, 'user' || n || '@example.com'"
            " FROM generate_series(1, :n) AS n"
        ),
        {"n": USERS},
    )
    print("no index:   ", plan(connection, one_user))
    #> no index:    Seq Scan
    connection.execute(text("CREATE INDEX users_email ON users (email)"))
    connection.execute(text("ANALYZE users"))  # row counts and value statistics
    print("with index: ", plan(connection, one_user))
    #> with index:  Index Scan
    print("every row:  ", plan(connection, every_user))
    #> every row:   Seq Scan
    connection.execute(text("SET LOCAL enable_seqscan = off"))  # for diagnosis only
    print("seqscan off:", plan(connection, every_user))
    #> seqscan off: Bitmap Heap Scan
    connection.rollback()
engine.dispose()
