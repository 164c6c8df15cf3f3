"""The pitfall: @lru_cache on an async def caches the coroutine object, not its result."""

import asyncio
from functools import lru_cache


@lru_cache(maxsize=100)
async def cached_async_function(key: str) -> dict[str, str]:
    await asyncio.sleep(0.05)
    return {"key": key, "data": "expensive"}


async def main() -> None:
    print(await cached_async_function("a"))
    #> {'key': 'a', 'data': 'expensive'}
    try:
        # The cache hands back the same coroutine, which has already run to completion.
        print(await cached_async_function("a"))
    except RuntimeError as exc:
        print(f"RuntimeError: {exc}")
        #> RuntimeError: cannot reuse already awaited coroutine


asyncio.run(main())
