"""A test that runs the lifespan builds the real settings: give it its own environment."""

import asyncio
import os
import tempfile
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, chdir, contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Annotated
from unittest.mock import patch

import httpx
from fastapi import Depends, FastAPI
from pydantic import BaseModel, ConfigDict, Field, HttpUrl, PositiveFloat, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Database(BaseModel):
    # Settings' frozen=True stops at its own fields: a nested model needs its own.
    model_config = ConfigDict(frozen=True)

    host: str = "localhost"
    port: int = 5432
    password: SecretStr = Field(min_length=1)  # an empty variable is not a password


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="APP_",  # api_key comes from APP_API_KEY
        env_nested_delimiter="__",  # db.password from APP_DB__PASSWORD
        env_file=".env",  # in the working directory; environment variables win over it
        hide_input_in_errors=True,  # a ValidationError never prints the values it got
        frozen=True,  # one object serves every request: no one may change it
    )

    api_key: SecretStr = Field(min_length=1)
    upstream_url: HttpUrl
    timeout_seconds: PositiveFloat = 5.0
    db: Database


@lru_cache
def get_settings() -> Settings:
    return Settings()  # reads the environment and the .env file, and validates them


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    get_settings()  # at start-up: a bad value stops the server before its first request
    yield


app = FastAPI(lifespan=lifespan)
SettingsDep = Annotated[Settings, Depends(get_settings)]


@app.get("/upstream")
async def upstream(settings: SettingsDep) -> dict[str, object]:
    return {
        "url": str(settings.upstream_url),
        "timeout_seconds": settings.timeout_seconds,
    }


@contextmanager
def isolated_environment(**variables: str) -> Iterator[None]:
    """What a pytest fixture with monkeypatch does, undone however the test ends."""
    with (
        tempfile.TemporaryDirectory() as empty,
        chdir(empty),  # no .env here: the developer's file is not read
        patch.dict(os.environ, variables),
    ):
        get_settings.cache_clear()  # not the settings an earlier test left in the cache
        try:
            yield
        finally:
            get_settings.cache_clear()  # nor this test's for the next one


async def upstream_seen_by_a_test(upstream_url: str) -> str:
    variables = {
        "APP_API_KEY": "test-key",
        "APP_UPSTREAM_URL": upstream_url,
        "APP_DB__PASSWORD": "test",
    }
    with isolated_environment(**variables):
        async with app.router.lifespan_context(app):  # the real get_settings() runs
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(
                transport=transport, base_url="http://app"
            ) as client:
                response = await client.get("/upstream")
    url: str = response.json()["url"]
    return url


with tempfile.TemporaryDirectory() as tmp, chdir(tmp):
    # The developer's own .env, with a variable this branch's Settings rejects.
    Path(".env").write_text(
        "APP_API_KEY=sk-live-51HxQ\n"
        "APP_UPSTREAM_URL=https://api.example.com/v1\n"
        "APP_DB__PASSWORD=pg-s3cret\n"
        "APP_FEATURE_FLAGS=beta\n"
    )
    print("first test:", asyncio.run(upstream_seen_by_a_test("http://one.test")))
    #> first test: http://one.test/
    print("second test:", asyncio.run(upstream_seen_by_a_test("http://two.test")))
    #> second test: http://two.test/
print("cached after the tests:", get_settings.cache_info().currsize)
#> cached after the tests: 0
