"""Typed settings from the environment and a .env file: validated at start-up, read once."""

import asyncio
import sys
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, chdir
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

import httpx
from fastapi import Depends, FastAPI
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    PositiveFloat,
    SecretStr,
    ValidationError,
)
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


async def start_and_serve(requests: int) -> None:
    # What a server does: run the lifespan's start-up, and only then take requests.
    async with app.router.lifespan_context(app):
        print("started")
        #> started
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://app"
        ) as client:
            responses = [await client.get("/upstream") for _ in range(requests)]
    print(responses[-1].status_code, responses[-1].text)
    #> 200 {"url":"https://api.example.com/v1","timeout_seconds":5.0}


env_file_reads = 0


def count_env_file_reads(event: str, args: tuple[Any, ...]) -> None:
    global env_file_reads
    if event == "open" and str(args[0]).endswith(".env"):
        env_file_reads += 1


with tempfile.TemporaryDirectory() as tmp, chdir(tmp):
    Path(".env").write_text(
        "APP_API_KEY=sk-live-51HxQ\n"
        "APP_UPSTREAM_URL=https://api.example.com/v1\n"
        "APP_DB__HOST=db.internal\n"
        "APP_DB__PASSWORD=pg-s3cret\n"
    )
    sys.addaudithook(count_env_file_reads)  # from now on, Python reports every open()
    asyncio.run(start_and_serve(requests=5))
    print(f".env read {env_file_reads} time(s) for 5 requests")
    #> .env read 1 time(s) for 5 requests
    line = f"settings: {get_settings()!r}"  # what a log line shows
    print(line)
    """
    settings: Settings(api_key=SecretStr('**********'), upstream_url=HttpUrl('https://api.example.com/v1'), timeout_seconds=5.0, db=Database(host='db.internal', port=5432, password=SecretStr('**********')))
    """
    print("secret in the log line:", "sk-live" in line)
    #> secret in the log line: False

    # Frozen: a handler cannot change a setting "just for this request" (and for all).
    settings = get_settings()
    for model, field in [(settings, "timeout_seconds"), (settings.db, "host")]:
        try:
            setattr(model, field, None)
        except ValidationError as exc:
            print(f"{type(model).__name__}.{field} =", exc.errors()[0]["type"])
            #> Settings.timeout_seconds = frozen_instance
            #> Database.host = frozen_instance

    # The next deployment's .env has four mistakes.
    Path(".env").write_text(
        "APP_APIKEY=sk-live-51HxQ\n"  # typo: APP_API_KEY
        "APP_UPSTREAM_URL=api.example.com/v1\n"  # no scheme
        "APP_TIMEOUT_SECONDS=0\n"  # must be positive
        "APP_DB__PASSWORD=\n"  # generated from a variable that was not set
    )
    get_settings.cache_clear()  # as in a new process
    try:
        asyncio.run(start_and_serve(requests=1))
    except ValidationError as exc:
        print(f"start-up failed: {exc.error_count()} errors in {exc.title}")
        #> start-up failed: 5 errors in Settings
        errors = exc.errors(include_url=False, include_input=False)
        for error in errors:
            print(f"  {'.'.join(map(str, error['loc']))}: {error['msg']}")
            #>   api_key: Field required
            #>   upstream_url: Input should be a valid URL, relative URL without a base
            #>   timeout_seconds: Input should be greater than 0
            #>   db.password: Value should have at least 1 item after validation, not 0
            #>   app_apikey: Extra inputs are not permitted
        # str(exc) is what the server logs; exc.errors() and exc.json() hold the inputs.
        print("secret in the error message:", "sk-live" in str(exc))
        #> secret in the error message: False
        print("secret in the list of errors:", "sk-live" in repr(errors))
        #> secret in the list of errors: False
