"""Two xdist workers, one database: each test counts the other's orders too."""

import os
from collections.abc import Iterator

import psycopg
import pytest
from meeting import all_workers_at_once
from orders import create_schema, order_count, place_order


@pytest.fixture(scope="session")
def database() -> str:
    url = os.environ.get("POSTGRES_URL")  # the same database for every worker
    if not url:
        pytest.skip("POSTGRES_URL is not set")
    with psycopg.connect(url) as conn:
        create_schema(conn)
    return url


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
