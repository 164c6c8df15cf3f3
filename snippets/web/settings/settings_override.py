"""Give a test its own settings with app.dependency_overrides, not the machine's .env."""

import asyncio
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, chdir
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


def settings_for_tests() -> Settings:
    return Settings(
        api_key=SecretStr("test-key"),
        upstream_url=HttpUrl("http://upstream.test"),
        timeout_seconds=0.1,
        db=Database(password=SecretStr("test")),
        _env_file=None,  # explicit values only: no .env file is read
    )


async def test_upstream(expected_url: str) -> None:
    # patch.dict restores the overrides when the block ends, even if the test fails.
    with patch.dict(app.dependency_overrides, {get_settings: settings_for_tests}):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://app"
        ) as client:
            response = await client.get("/upstream")
        assert response.json()["url"] == expected_url, response.json()


with tempfile.TemporaryDirectory() as tmp, chdir(tmp):
    # The developer's own .env: values no test should depend on, and a variable
    # from another branch that this branch's Settings rejects.
    Path(".env").write_text(
        "APP_API_KEY=sk-live-51HxQ\n"
        "APP_UPSTREAM_URL=https://api.example.com/v1\n"
        "APP_DB__PASSWORD=pg-s3cret\n"
        "APP_FEATURE_FLAGS=beta\n"
    )
    asyncio.run(test_upstream(expected_url="http://upstream.test/"))
    print("test passed")
    #> test passed
    try:  # a test with a wrong expectation: it fails while its override is in place
        asyncio.run(test_upstream(expected_url="https://api.example.com/v1"))
    except AssertionError:
        print("test failed")
        #> test failed
print("overrides left for the next test:", len(app.dependency_overrides))
#> overrides left for the next test: 0
print("real settings built:", get_settings.cache_info().misses)
#> real settings built: 0
