"""One DataStore[T] ABC, a file store and a Redis store: the same steps, the same results."""

import asyncio
import os
import re
import sys
import tempfile
import uuid
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar, assert_never

from pydantic import BaseModel
from redis.asyncio import Redis

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)

# user:123, never ../x. Lower case only: on macOS and Windows, file names ignore case,
# so User:1 and user:1 would be one file but two Redis keys. At most 100 characters:
# a file name stops at 255 bytes, a Redis key does not.
KEY = re.compile(r"[a-z0-9_-]+(?::[a-z0-9_-]+)*")
MAX_KEY = 100


class InvalidKeyError(ValueError):
    pass


class DataStore(ABC, Generic[T]):
    """The contract every store fulfils: subclasses implement the abstract methods."""

    @abstractmethod
    async def save(self, key: str, value: T) -> None: ...

    @abstractmethod
    async def load(self, key: str) -> T | None: ...

    @abstractmethod
    async def delete(self, key: str) -> bool: ...

    @abstractmethod
    async def list_keys(self) -> list[str]: ...

    async def exists(self, key: str) -> bool:  # shared default; a store may do better
        return await self.load(key) is not None

    @staticmethod
    def check_key(key: str) -> str:
        if len(key) > MAX_KEY or not KEY.fullmatch(key):
            raise InvalidKeyError(  # quotes 12 characters: no unbounded input in logs
                f"{key[:12]!r}: use a-z 0-9 _ - joined by ':', at most {MAX_KEY}"
            )
        return key


class FileDataStore(DataStore[M]):
    def __init__(self, base: Path, model: type[M]) -> None:
        self.base, self.model = base, model
        base.mkdir(parents=True, exist_ok=True)

    def _path(self, key: str) -> Path:
        # A checked key has no "/" or "..": the path cannot leave base.
        return self.base / f"{self.check_key(key)}.json"

    # File IO blocks the thread: run it in a worker so the event loop keeps serving.
    async def save(self, key: str, value: M) -> None:
        await asyncio.to_thread(self._write, self._path(key), value.model_dump_json())

    async def load(self, key: str) -> M | None:
        try:
            data = await asyncio.to_thread(self._path(key).read_bytes)
        except FileNotFoundError:
            return None
        return self.model.model_validate_json(data)

    async def delete(self, key: str) -> bool:
        try:
            await asyncio.to_thread(self._path(key).unlink)
        except FileNotFoundError:
            return False
        return True

    async def list_keys(self) -> list[str]:
        paths = await asyncio.to_thread(lambda: list(self.base.glob("*.json")))
        return sorted(p.stem for p in paths)

    @staticmethod
    def _write(path: Path, data: str) -> None:
        # Temp file + os.replace: a reader never sees half a record (atomic-file-write).
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with open(fd, "w", encoding="utf-8") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())  # the data is on disk before the name points at it
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise


class RedisDataStore(DataStore[M]):
    def __init__(self, redis: Redis, prefix: str, model: type[M]) -> None:
        self.redis, self.prefix, self.model = redis, prefix, model

    def _key(self, key: str) -> str:
        return self.prefix + self.check_key(key)  # this store's keys only

    async def save(self, key: str, value: M) -> None:
        await self.redis.set(self._key(key), value.model_dump_json())

    async def load(self, key: str) -> M | None:
        data = await self.redis.get(self._key(key))
        return None if data is None else self.model.model_validate_json(data)

    async def delete(self, key: str) -> bool:
        return await self.redis.delete(self._key(key)) == 1

    async def list_keys(self) -> list[str]:
        # SCAN walks the keyspace in small steps between other clients' commands
        # (KEYS blocks the server for the whole walk); MATCH keeps this store's keys.
        pattern = f"{self.prefix}*"
        keys = [k async for k in self.redis.scan_iter(match=pattern, count=500)]
        return sorted(as_str(k).removeprefix(self.prefix) for k in keys)

    async def exists(self, key: str) -> bool:  # one EXISTS instead of GET + parse
        return await self.redis.exists(self._key(key)) == 1


def as_str(key: bytes | str) -> str:
    # A default client returns bytes, one made with decode_responses=True returns str.
    return key.decode() if isinstance(key, bytes) else key


# A typed factory: each kind of store takes its own, checked settings.
@dataclass(frozen=True)
class FileStoreConfig:
    base: Path


@dataclass(frozen=True)
class RedisStoreConfig:
    redis: Redis
    prefix: str


def create_store(
    config: FileStoreConfig | RedisStoreConfig, model: type[M]
) -> DataStore[M]:
    match config:
        case FileStoreConfig(base=base):
            return FileDataStore(base, model)
        case RedisStoreConfig(redis=redis, prefix=prefix):
            return RedisDataStore(redis, prefix, model)
        case _:
            assert_never(config)  # a type checker flags a config kind left unhandled


class User(BaseModel):
    name: str


async def exercise(store: DataStore[User]) -> list[str]:
    """The same steps against any DataStore, as a shared test suite would run them."""
    await store.save("user:1", User(name="Ada"))
    await store.save("user:2", User(name="Alan"))
    log = [
        f"load user:1 -> {await store.load('user:1')!r}",
        f"exists user:3 -> {await store.exists('user:3')}",
        f"delete user:2 -> {await store.delete('user:2')}",
        f"delete user:2 again -> {await store.delete('user:2')}",
        f"keys -> {await store.list_keys()}",
    ]
    # Keys come from outside (a URL, a message): a path, a case variant, a long one.
    for key in ["../settings", "User:1", "x" * 300]:
        try:
            log.append(f"delete {key[:12]!r} -> {await store.delete(key)}")
        except (InvalidKeyError, OSError) as exc:
            log.append(f"{type(exc).__name__}: {exc}")
    return log


async def main(redis_url: str) -> None:
    namespace = (
        f"pap:design:{uuid.uuid4().hex}:"  # the server may be shared: own prefix
    )
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "settings.json").write_text("{}")  # the application's own file
        file_log = await exercise(create_store(FileStoreConfig(Path(tmp) / "s"), User))
        print(f"beside the store: {sorted(await asyncio.to_thread(os.listdir, tmp))}")
        #> beside the store: ['s', 'settings.json']
    for line in file_log:
        print(line)
        #> load user:1 -> User(name='Ada')
        #> exists user:3 -> False
        #> delete user:2 -> True
        #> delete user:2 again -> False
        #> keys -> ['user:1']
        #> InvalidKeyError: '../settings': use a-z 0-9 _ - joined by ':', at most 100
        #> InvalidKeyError: 'User:1': use a-z 0-9 _ - joined by ':', at most 100
        #> InvalidKeyError: 'xxxxxxxxxxxx': use a-z 0-9 _ - joined by ':', at most 100

    # A default client returns bytes; decode_responses=True returns str. Both work,
    # and `async with` closes each client on every path.
    for options in [{}, {"decode_responses": True}]:
        async with Redis.from_url(redis_url, **options) as redis:
            await redis.set(f"{namespace}sessions:abc", "another app's key")
            try:
                config = RedisStoreConfig(redis, prefix=f"{namespace}users:")
                redis_log = await exercise(create_store(config, User))
            finally:
                async for key in redis.scan_iter(match=f"{namespace}*"):
                    await redis.delete(key)
        print(f"Redis store {options}, same results: {redis_log == file_log}")
        #> Redis store {}, same results: True
        #> Redis store {'decode_responses': True}, same results: True


if __name__ == "__main__":
    redis_url = os.environ.get("REDIS_URL")
    if not redis_url:
        sys.exit(
            "Set REDIS_URL to a Redis server, e.g. `apt-get install redis-server && "
            "redis-server`, then: REDIS_URL=redis://127.0.0.1:6379/0 "
            "python datastore.py"
        )
    asyncio.run(main(redis_url))
