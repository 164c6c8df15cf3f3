"""What a cache hit costs (functools, a TTL cache, an async task cache) and what expired entries keep."""

from __future__ import annotations

import asyncio
import threading
import time
import timeit
import tracemalloc
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from functools import lru_cache, partial, wraps
from typing import Any

from benchmarks.harness import Benchmark, Claim, Metric

FULL_KEYS = 100_000
QUICK_KEYS = 30_000
CALLS = 200_000


def _seed_cache_with_ttl(ttl_seconds: float) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The seed's decorator (str() keys, time.time(), no eviction)."""

    def decorator(func: Callable[..., Any]) -> Callable[..., Any]:
        cache: dict[str, Any] = {}
        timestamps: dict[str, float] = {}

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


class TTLCache:
    """The page's TTL cache (snippets/performance/caching_ttl.py)."""

    def __init__(self, ttl: float, maxsize: int = 1024) -> None:
        self.ttl, self.maxsize = ttl, maxsize
        self._entries: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, func: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            key = (func, args, tuple(map(type, args)), tuple(sorted(kwargs.items())))
            with self._lock:
                self._evict(time.monotonic())
                if key in self._entries:
                    return self._entries[key][1]
            result = func(*args, **kwargs)
            with self._lock:
                self._entries[key] = (time.monotonic() + self.ttl, result)
                self._entries.move_to_end(key)
                if len(self._entries) > self.maxsize:
                    self._entries.popitem(last=False)
            return result

        return wrapper

    def _evict(self, now: float) -> None:
        while self._entries:
            expires, _ = next(iter(self._entries.values()))
            if expires > now:
                break
            self._entries.popitem(last=False)


def _async_cache(func: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    """The page's task cache (snippets/performance/caching_async.py)."""
    tasks: dict[Hashable, asyncio.Future[Any]] = {}

    def forget_failures(key: Hashable, task: asyncio.Future[Any]) -> None:
        if task.cancelled() or task.exception() is not None:
            tasks.pop(key, None)

    @wraps(func)
    async def wrapper(*args: Any, **kwargs: Any) -> Any:
        key = (args, tuple(sorted(kwargs.items())))
        task = tasks.get(key)
        if task is None:
            task = asyncio.ensure_future(func(*args, **kwargs))
            tasks[key] = task
            task.add_done_callback(lambda done: forget_failures(key, done))
        return await asyncio.shield(task)

    return wrapper


def _double(x: int) -> int:
    return x * 2


def _per_call(fn: Callable[[int], object]) -> float:
    return min(timeit.repeat(partial(fn, 7), number=CALLS, repeat=3)) / CALLS


def _async_hit() -> float:
    async def run() -> float:
        @_async_cache
        async def fetch(x: int) -> int:
            return x * 2

        await fetch(7)
        calls = CALLS // 10
        start = time.perf_counter()
        for _ in range(calls):
            await fetch(7)
        return (time.perf_counter() - start) / calls

    return asyncio.run(run())


def _retained_after_expiry(decorate: Callable[[Callable[..., Any]], Callable[..., Any]], keys: int) -> int:
    """Bytes a cache still holds once every one of `keys` entries has expired (and one more call)."""

    def get_user(user_id: int) -> dict[str, int]:
        return {"id": user_id}

    tracemalloc.start()
    cached = decorate(get_user)
    for user_id in range(keys):
        cached(user_id)
    time.sleep(0.06)
    cached(0)
    traced, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return traced


def measure_at(keys: int) -> dict[str, float]:
    lru_hit = _per_call(lru_cache(maxsize=128)(_double))
    plain = _per_call(_double)
    seed_retained = _retained_after_expiry(_seed_cache_with_ttl(0.05), keys)
    retained = _retained_after_expiry(TTLCache(ttl=0.05, maxsize=keys), keys)
    return {
        "plain_call": plain,
        "lru_hit": lru_hit,
        "hundred_hits": 100 * lru_hit,
        "ttl_hit": _per_call(TTLCache(ttl=3600)(_double)),
        "seed_ttl_hit": _per_call(_seed_cache_with_ttl(3600)(_double)),
        "async_hit": _async_hit(),
        "keys": float(keys),
        "seed_ttl_retained": float(seed_retained),
        "ttl_retained": float(retained),
        "retained_ratio": seed_retained / retained,
    }


BENCHMARK = Benchmark(
    title="Cost of a cache hit, and memory held by expired entries",
    metrics={
        "plain_call": Metric("seconds", "calling a trivial function (x * 2) uncached"),
        "lru_hit": Metric("seconds", "a functools.lru_cache hit"),
        "hundred_hits": Metric("seconds", "100 lru_cache hits: a function must cost this for a 100x speed-up"),
        "ttl_hit": Metric("seconds", "a hit of the page's TTLCache (pure Python, with a lock)"),
        "seed_ttl_hit": Metric("seconds", "a hit of the seed's cache_with_ttl (str() keys)"),
        "async_hit": Metric("seconds", "awaiting a hit of the page's async task cache"),
        "keys": Metric("count", "distinct keys cached before they all expire"),
        "seed_ttl_retained": Metric("bytes", "held by the seed's cache after every entry expired"),
        "ttl_retained": Metric("bytes", "held by the page's TTLCache after every entry expired (its empty table)"),
        "retained_ratio": Metric("ratio", "bytes held after expiry: the seed's cache / the page's"),
    },
    measure=partial(measure_at, FULL_KEYS),
    quick_measure=partial(measure_at, QUICK_KEYS),
    claims=(
        Claim("lru_hit", at_most=1e-6, why="the page says an lru_cache hit costs well under a microsecond"),
        Claim("ttl_hit", at_most=2e-5, why="the page says the pure-Python TTL hit costs microseconds"),
        Claim("seed_ttl_retained", at_least=1_000_000, why="the seed's cache keeps every expired entry"),
        Claim("retained_ratio", at_least=5, why="the page's cache drops expired entries, the seed's keeps them"),
    ),
    repetitions=5,
    quick_repetitions=1,
)
