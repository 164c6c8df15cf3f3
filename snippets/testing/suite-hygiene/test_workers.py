"""Two xdist workers, a database each: each test sees its own orders only."""

import os
from collections.abc import Iterator

import psycopg
import pytest
from meeting import all_workers_at_once
from orders import create_schema, order_count, place_order
from psycopg import sql
from psycopg.conninfo import make_conninfo


@pytest.fixture(scope="session")
def database(worker_id: str) -> Iterator[str]:
    server = os.environ.get("POSTGRES_URL")
    if not server:  # a reader without a server: say so, never pass silently
        pytest.skip("POSTGRES_URL is not set")
    name = f"shop_test_{worker_id}"  # worker_id: gw0, gw1... ("master" without -n)
    ident = sql.Identifier(name)
    with psycopg.connect(server, autocommit=True) as admin:
        # One left by a killed run goes. Without FORCE, a database that another
        # process is connected to is an error here, never dropped under it.
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(ident))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(ident))
    url = make_conninfo(server, dbname=name)
    # Connected until the session ends, between tests too: while it is, another
    # run's DROP DATABASE of this name fails instead of dropping it.
    with psycopg.connect(url, autocommit=True) as held:
        create_schema(held)
        yield url
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE {}").format(ident))


@pytest.fixture
def conn(database: str) -> Iterator[psycopg.Connection]:
    # autocommit: no statement holds its locks until the test ends
    with psycopg.connect(database, autocommit=True) as conn:
        yield conn
        conn.execute("TRUNCATE orders")  # this test's rows go: the next starts empty


@pytest.mark.parametrize("customer", ["ada", "bob"])
def test_orders_are_counted(
    conn: psycopg.Connection, customer: str, request: pytest.FixtureRequest
) -> None:
    place_order(conn, customer)
    place_order(conn, customer)
    with all_workers_at_once(request):
        count = order_count(conn)
    assert count == 2
