"""The pitfall: a settings dependency without a cache reads the .env file on every request."""

import asyncio
import sys
import tempfile
from contextlib import chdir
from pathlib import Path
from typing import Annotated, Any

import httpx
from fastapi import Depends, FastAPI
from pydantic import HttpUrl
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="APP_", env_file=".env")

    upstream_url: HttpUrl


def get_settings() -> Settings:
    return Settings()  # FastAPI calls this for every request that depends on it


app = FastAPI()


@app.get("/upstream")
async def upstream(
    settings: Annotated[Settings, Depends(get_settings)],
) -> dict[str, str]:
    return {"url": str(settings.upstream_url)}


env_file_reads = 0


def count_env_file_reads(event: str, args: tuple[Any, ...]) -> None:
    global env_file_reads
    if event == "open" and str(args[0]).endswith(".env"):
        env_file_reads += 1


async def main() -> list[str]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app") as client:
        responses = [await client.get("/upstream") for _ in range(5)]
    return [response.json()["url"] for response in responses]


with tempfile.TemporaryDirectory() as tmp, chdir(tmp):
    Path(".env").write_text("APP_UPSTREAM_URL=https://api.example.com/v1\n")
    sys.addaudithook(count_env_file_reads)  # from now on, Python reports every open()
    urls = asyncio.run(main())
print(urls[-1])
#> https://api.example.com/v1
print(f".env read {env_file_reads} time(s) for {len(urls)} requests")
#> .env read 5 time(s) for 5 requests
