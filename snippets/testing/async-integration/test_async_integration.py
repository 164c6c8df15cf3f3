"""Async integration tests: the real app and database, driven by concurrent HTTP requests."""

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
import pytest_asyncio
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, create_async_engine
from users_api import Base, User, create_app

pytestmark = pytest.mark.asyncio  # every test in this module runs in an event loop

ADA = {"email": "ada@example.com", "name": "Ada"}


@pytest_asyncio.fixture
async def engine(tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    # A database per test: concurrent requests need connections of their own,
    # so one rolled-back transaction on one connection cannot isolate them.
    engine = create_async_engine(f"sqlite+aiosqlite:///{tmp_path / 'test.db'}")
    async with engine.begin() as connection:
        await connection.run_sync(Base.metadata.create_all)
    yield engine
    await engine.dispose()


@pytest_asyncio.fixture
async def client(engine: AsyncEngine) -> AsyncIterator[httpx.AsyncClient]:
    # ASGITransport calls the app in this event loop: no server, no port, no thread.
    # An unhandled error becomes a 500 response, as a real client would see it, and
    # one failed request does not abandon the concurrent ones mid-flight.
    app = create_app(engine)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


async def test_create_then_read(client: httpx.AsyncClient) -> None:
    created = await client.post("/users", json=ADA)
    assert created.status_code == 201
    user = created.json()
    assert (await client.get(f"/users/{user['id']}")).json() == user


async def test_duplicate_email_is_a_409(client: httpx.AsyncClient) -> None:
    assert (await client.post("/users", json=ADA)).status_code == 201
    assert (await client.post("/users", json=ADA)).status_code == 409


async def test_user_is_committed(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    await client.post("/users", json=ADA)
    async with AsyncSession(engine) as session:  # another connection: sees commits only
        assert await session.scalar(select(func.count()).select_from(User)) == 1


async def test_concurrent_signups_get_distinct_ids(client: httpx.AsyncClient) -> None:
    users = [{"email": f"user{i}@example.com", "name": f"User {i}"} for i in range(10)]
    responses = await asyncio.gather(*(client.post("/users", json=u) for u in users))
    assert [r.status_code for r in responses] == [201] * 10
    assert len({r.json()["id"] for r in responses}) == 10


async def test_concurrent_duplicates_one_wins(client: httpx.AsyncClient) -> None:
    responses = await asyncio.gather(
        *(client.post("/users", json=ADA) for _ in range(5))
    )
    assert sorted(r.status_code for r in responses) == [201, 409, 409, 409, 409]
