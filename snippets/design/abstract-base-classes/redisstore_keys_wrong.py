"""The seed's RedisDataStore.list_keys(): KEYS * returns every key of the database."""

import asyncio
import json
import os
import sys
import uuid

import redis.asyncio as redis


class RedisDataStore:  # the seed's class (its ABC base left out)
    def __init__(self, redis_client: redis.Redis) -> None:
        self.redis = redis_client

    async def save(self, key: str, value: dict) -> None:
        await self.redis.set(key, json.dumps(value))

    async def list_keys(self) -> list[str]:
        # One command that walks every key; the server serves no one else meanwhile.
        keys = await self.redis.keys("*")
        return [k.decode() for k in keys]


async def main(redis_url: str) -> None:
    namespace = (
        f"pap:design:{uuid.uuid4().hex}:"  # the server may be shared: own prefix
    )
    async with redis.Redis.from_url(redis_url) as client:
        try:
            await client.set(f"{namespace}session:abc", "another app's key")
            store = RedisDataStore(client)
            await store.save(f"{namespace}user:1", {"name": "Ada"})
            keys = await store.list_keys()
            print(f"the store's key: {f'{namespace}user:1' in keys}")
            #> the store's key: True
            print(f"another app's key: {f'{namespace}session:abc' in keys}")
            #> another app's key: True
        finally:
            await client.delete(f"{namespace}session:abc", f"{namespace}user:1")


if __name__ == "__main__":
    redis_url = os.environ.get("REDIS_URL")
    if not redis_url:
        sys.exit(
            "Set REDIS_URL to a Redis server, e.g. `apt-get install redis-server && "
            "redis-server`, then: REDIS_URL=redis://127.0.0.1:6379/0 python "
            "redisstore_keys_wrong.py"
        )
    asyncio.run(main(redis_url))
