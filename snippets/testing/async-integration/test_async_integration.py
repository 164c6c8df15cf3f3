"""Async integration tests: the real app and database, driven by concurrent HTTP requests."""

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
import pytest_asyncio
from fastapi import FastAPI
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from users_api import Base, User, create_app, get_session

pytestmark = pytest.mark.asyncio  # every test in this module runs in an event loop

ADA = {"email": "ada@example.com", "name": "Ada"}


@pytest_asyncio.fixture
async def app(tmp_path: Path) -> AsyncIterator[FastAPI]:
    # A database per test: concurrent requests need connections of their own,
    # so one rolled-back transaction on one connection cannot isolate them.
    app = create_app(f"sqlite+aiosqlite:///{tmp_path / 'test.db'}")
    # ASGITransport sends no lifespan events: run the app's start-up and
    # shutdown here, so the tests use the engine the app really creates.
    async with app.router.lifespan_context(app):
        async with app.state.engine.begin() as connection:
            await connection.run_sync(Base.metadata.create_all)
        yield app


@pytest_asyncio.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    # ASGITransport calls the app in this event loop: no server, no port, no thread.
    # An unhandled error becomes a 500 response, as a real client would see it, and
    # one failed request does not abandon the concurrent ones mid-flight.
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


async def test_email_case_does_not_make_a_second_user(
    client: httpx.AsyncClient,
) -> None:
    assert (await client.post("/users", json=ADA)).status_code == 201
    shouting = ADA | {"email": "ADA@Example.com"}
    assert (await client.post("/users", json=shouting)).status_code == 409


async def test_overlong_name_is_a_422(client: httpx.AsyncClient) -> None:
    response = await client.post("/users", json=ADA | {"name": "x" * 101})
    assert response.status_code == 422


async def test_user_is_committed(client: httpx.AsyncClient, app: FastAPI) -> None:
    await client.post("/users", json=ADA)
    # Another session, so another connection: it sees committed rows only.
    async with AsyncSession(app.state.engine) as session:
        assert await session.scalar(select(func.count()).select_from(User)) == 1


async def test_concurrent_signups_get_distinct_ids(client: httpx.AsyncClient) -> None:
    users = [{"email": f"user{i}@example.com", "name": f"User {i}"} for i in range(10)]
    responses = await asyncio.gather(*(client.post("/users", json=u) for u in users))
    assert [r.status_code for r in responses] == [201] * 10
    assert len({r.json()["id"] for r in responses}) == 10


async def test_concurrent_duplicates_one_wins(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    # gather starts the five requests together, but the scheduler decides how they
    # interleave: on a busy machine one can commit before the next one looks, and a
    # check-then-insert bug passes. Holding each commit until all five arrive makes
    # every run the race.
    barrier = asyncio.Barrier(5)

    class RacingSession(AsyncSession):
        async def commit(self) -> None:
            async with asyncio.timeout(5):
                await barrier.wait()
            await super().commit()

    sessions = async_sessionmaker(
        app.state.engine, class_=RacingSession, expire_on_commit=False
    )

    async def racing_session() -> AsyncIterator[AsyncSession]:
        async with sessions() as session:
            yield session

    app.dependency_overrides[get_session] = racing_session
    responses = await asyncio.gather(
        *(client.post("/users", json=ADA) for _ in range(5))
    )
    assert sorted(r.status_code for r in responses) == [201, 409, 409, 409, 409]
