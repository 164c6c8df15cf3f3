"""What a cache hit costs (functools, a TTL cache, an async task cache) and what expired entries keep."""

from __future__ import annotations

import asyncio
import time
import timeit
import tracemalloc
from collections.abc import Callable
from functools import lru_cache, partial
from typing import Any

from benchmarks.harness import Benchmark, Claim, Metric, in_turn, load_snippet

FULL_KEYS = 100_000
QUICK_KEYS = 30_000
CALLS = 200_000
# The code the page shows, imported from its snippets (their main guards keep them from printing).
TTLCache = load_snippet("performance/caching/caching_ttl.py").TTLCache
_async_cache = load_snippet("performance/caching/caching_async.py").async_cache
_seed_cache_with_ttl = load_snippet("performance/caching/caching_ttl_wrong.py").cache_with_ttl


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


def measure_at(keys: int, turn: int) -> dict[str, float]:
    hits: dict[str, float] = in_turn(
        turn,
        {
            "plain_call": partial(_per_call, _double),
            "lru_hit": partial(_per_call, lru_cache(maxsize=128)(_double)),
            "ttl_hit": partial(_per_call, TTLCache(ttl=3600)(_double)),
            "seed_ttl_hit": partial(_per_call, _seed_cache_with_ttl(3600)(_double)),
            "async_hit": _async_hit,  # awaited inside: asyncio.run per call
        },
    )
    seed_retained = _retained_after_expiry(_seed_cache_with_ttl(0.05), keys)
    retained = _retained_after_expiry(TTLCache(ttl=0.05, maxsize=keys), keys)
    return {
        **hits,
        "hundred_hits": 100 * hits["lru_hit"],
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
