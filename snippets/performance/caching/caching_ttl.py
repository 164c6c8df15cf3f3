"""A TTL cache that evicts: expired entries leave, the size is bounded, keys are real tuples."""

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import ThreadPoolExecutor
from functools import wraps
from typing import Any, ParamSpec, TypeVar, cast

import numpy as np

P = ParamSpec("P")
R = TypeVar("R")


class TTLCache:
    """Remember each result for `ttl` seconds, and at most `maxsize` results."""

    def __init__(self, ttl: float, maxsize: int = 1024) -> None:
        self.ttl, self.maxsize = ttl, maxsize
        # Insertion order is expiry order (same ttl for all), so the oldest is first.
        self._entries: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()  # guards _entries and _flights
        self._flights: dict[Hashable, threading.Lock] = {}  # one lock per key in flight

    def __len__(self) -> int:
        return len(self._entries)

    def _lookup(self, key: Hashable) -> tuple[bool, Any]:
        with self._lock:
            # monotonic(): the wall clock can jump, this clock never goes back.
            self._evict(time.monotonic())
            if key in self._entries:
                return True, self._entries[key][1]
            return False, None

    def __call__(self, func: Callable[P, R]) -> Callable[P, R]:
        @wraps(func)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            # A tuple of the arguments and their types: hashable arguments only,
            # compared by value (1 and "1", 1 and 1.0 are different keys).
            key = (func, args, tuple(map(type, args)), tuple(sorted(kwargs.items())))
            hit, value = self._lookup(key)
            if hit:
                return cast(R, value)
            with self._lock:
                flight = self._flights.setdefault(key, threading.Lock())
            # Single flight: one thread per key calls func, the others wait here for it
            # and then find its result (no stampede on a miss). Other keys do not wait.
            with flight:
                hit, value = self._lookup(key)
                if hit:
                    return cast(R, value)
                try:
                    result = func(*args, **kwargs)  # outside self._lock
                except BaseException:
                    with self._lock:  # not cached: a waiting thread tries again
                        self._flights.pop(key, None)
                    raise
                with self._lock:  # store and end the flight at once: no gap between
                    self._entries[key] = (time.monotonic() + self.ttl, result)
                    self._entries.move_to_end(key)
                    if len(self._entries) > self.maxsize:
                        self._entries.popitem(last=False)
                    self._flights.pop(key, None)
                return result

        return wrapper

    def _evict(self, now: float) -> None:
        while self._entries:
            expires, _ = next(iter(self._entries.values()))
            if expires > now:
                break
            self._entries.popitem(last=False)


def main() -> None:
    user_cache = TTLCache(ttl=0.2, maxsize=100)

    @user_cache
    def get_user(user_id: int) -> dict[str, int]:
        return {"id": user_id}

    for user_id in range(1_000):
        get_user(user_id)
    print(f"entries held: {len(user_cache):,}")  # maxsize bounds it even within the ttl
    #> entries held: 100
    time.sleep(0.25)
    get_user(0)  # the next call sweeps out everything that has expired
    print(f"after the ttl: {len(user_cache):,}")
    #> after the ttl: 1

    calls = 0

    @TTLCache(ttl=60)
    def slow_report(name: str) -> str:
        nonlocal calls
        calls += 1
        time.sleep(0.05)  # stands in for a slow query
        return f"report {name}"

    # Ten threads miss the same key at the same moment: one computes, nine wait.
    with ThreadPoolExecutor(max_workers=10) as pool:
        reports = list(pool.map(slow_report, ["sales"] * 10))
    print(f"{len(reports)} threads, {len(set(reports))} result, calls: {calls}")
    #> 10 threads, 1 result, calls: 1

    @TTLCache(ttl=60)
    def total(values: tuple[int, ...]) -> int:
        return sum(values)

    readings = tuple(range(2_000))
    corrected = readings[:1_000] + (0,) + readings[1_001:]
    print(total(readings), total(corrected))  # tuples are compared element by element
    #> 1999000 1998000

    try:
        total(np.arange(2_000))  # type: ignore[arg-type]
    except TypeError as exc:  # refused, not silently keyed by an abbreviated str()
        print(f"TypeError: {exc}")
        #> TypeError: unhashable type: 'numpy.ndarray'


if __name__ == "__main__":  # the benchmark imports TTLCache
    main()
