"""Orders, and the figure a dashboard shows: how many there are."""

import psycopg


def create_schema(conn: psycopg.Connection) -> None:
    with conn.transaction():
        # Several processes may run this at once (app instances, test workers):
        # the lock makes them take turns, so one creates the table, the rest see it.
        conn.execute("SELECT pg_advisory_xact_lock(1)")
        conn.execute(
            "CREATE TABLE IF NOT EXISTS orders (id serial PRIMARY KEY, customer text NOT NULL)"
        )


def place_order(conn: psycopg.Connection, customer: str) -> None:
    with conn.transaction():  # committed: visible to every other connection
        conn.execute("INSERT INTO orders (customer) VALUES (%s)", (customer,))


def order_count(conn: psycopg.Connection) -> int:
    row = conn.execute("SELECT count(*) FROM orders").fetchone()
    assert row is not None
    return int(row[0])
