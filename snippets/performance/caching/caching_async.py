"""Cache an async function by caching its task: concurrent callers share one call."""

import asyncio
from collections.abc import Awaitable, Callable, Hashable
from functools import wraps
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def async_cache(func: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[R]]:
    tasks: dict[Hashable, asyncio.Task[R]] = {}

    def forget_failures(key: Hashable, task: asyncio.Task[R]) -> None:
        # A failed or cancelled call is not cached: the next caller tries again.
        if task.cancelled() or task.exception() is not None:
            tasks.pop(key, None)

    @wraps(func)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        key = (args, tuple(sorted(kwargs.items())))
        task = tasks.get(key)
        if task is None:
            # No await between the lookup and the insert, so no other coroutine can
            # slip in: one task per key without a lock (single flight).
            task = asyncio.ensure_future(func(*args, **kwargs))
            tasks[key] = task
            task.add_done_callback(lambda done: forget_failures(key, done))
        # shield(): a caller that is cancelled does not cancel the call others await.
        return await asyncio.shield(task)

    return wrapper


calls = 0


@async_cache
async def fetch_profile(user_id: int) -> dict[str, object]:
    global calls
    calls += 1
    await asyncio.sleep(0.05)  # stands in for a slow HTTP call
    if user_id < 0:
        raise ValueError(f"no user {user_id}")
    return {"id": user_id, "name": f"user{user_id}"}


async def main() -> None:
    # Ten concurrent requests for the same profile, while the first is in flight.
    profiles = await asyncio.gather(*(fetch_profile(7) for _ in range(10)))
    print(profiles[0], f"calls: {calls}")
    #> {'id': 7, 'name': 'user7'} calls: 1
    # Later calls await the finished task: its result, no new call.
    print(await fetch_profile(7), f"calls: {calls}")
    #> {'id': 7, 'name': 'user7'} calls: 1
    for _ in range(2):
        try:
            await fetch_profile(-1)
        except ValueError as exc:
            print(f"ValueError: {exc}, calls: {calls}")
            #> ValueError: no user -1, calls: 2
            #> ValueError: no user -1, calls: 3


if __name__ == "__main__":  # the benchmark imports async_cache
    asyncio.run(main())
