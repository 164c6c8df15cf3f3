"""The pitfall: the seed's async fixtures fail before the first test even runs."""

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
import pytest_asyncio
from fastapi import FastAPI
from users_api import Base, create_app

pytestmark = pytest.mark.asyncio


@pytest_asyncio.fixture
async def app(tmp_path: Path) -> AsyncIterator[FastAPI]:
    app = create_app(f"sqlite+aiosqlite:///{tmp_path / 'test.db'}")
    async with app.router.lifespan_context(app):
        async with app.state.engine.begin() as connection:
            await connection.run_sync(Base.metadata.create_all)
        yield app


# --8<-- [start:plain_fixture]
@pytest.fixture  # the seed's decorator: plain pytest cannot run an async fixture
async def plain_client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


async def test_with_a_plain_async_fixture(plain_client: httpx.AsyncClient) -> None:
    assert (await plain_client.get("/users/1")).status_code == 404


# --8<-- [end:plain_fixture]
# --8<-- [start:app_argument]
@pytest_asyncio.fixture
async def app_client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    # The seed's client: httpx 0.28 removed the app= shortcut.
    async with httpx.AsyncClient(app=app, base_url="http://test") as client:
        yield client


async def test_with_the_app_argument(app_client: httpx.AsyncClient) -> None:
    assert (await app_client.get("/users/1")).status_code == 404


# --8<-- [end:app_argument]
