"""The pitfall: the seed's TTL cache never evicts, and its str() keys let values collide."""

import inspect
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

import numpy as np


def cache_with_ttl(
    ttl_seconds: float,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The seed's decorator, unchanged but for type hints."""

    def decorator(func: Callable[..., Any]) -> Callable[..., Any]:
        cache = {}
        timestamps = {}

        @wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            key = str(args) + str(kwargs)
            now = time.time()

            if key in cache and (now - timestamps[key]) < ttl_seconds:
                return cache[key]

            result = func(*args, **kwargs)
            cache[key] = result
            timestamps[key] = now
            return result

        return wrapper

    return decorator


def main() -> None:
    @cache_with_ttl(ttl_seconds=60)
    def total(values: np.ndarray) -> int:
        return int(values.sum())

    readings = np.arange(2_000)
    corrected = readings.copy()
    corrected[1_000] = 0  # a different array...
    print(total(readings), total(corrected))  # ...but str() elides the middle of both
    #> 1999000 1999000
    print(f"true total of corrected: {int(corrected.sum())}")
    #> true total of corrected: 1998000

    @cache_with_ttl(ttl_seconds=0.05)
    def get_user(user_id: int) -> dict[str, int]:
        return {"id": user_id}

    for user_id in range(10_000):
        get_user(user_id)
    time.sleep(0.1)  # every entry has now expired...
    held = inspect.getclosurevars(get_user).nonlocals["cache"]
    print(f"entries still held: {len(held):,}")  # ...and stays, until the process dies
    #> entries still held: 10,000


if __name__ == "__main__":  # the benchmark imports cache_with_ttl
    main()
