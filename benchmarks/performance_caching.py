"""What a cache hit costs (functools, a TTL cache, an async task cache) and what expired entries keep."""

from __future__ import annotations

import asyncio
import importlib.util
import sys
import time
import timeit
import tracemalloc
from collections.abc import Callable
from functools import lru_cache, partial
from pathlib import Path
from types import ModuleType
from typing import Any

from benchmarks.harness import Benchmark, Claim, Metric

FULL_KEYS = 100_000
QUICK_KEYS = 30_000
CALLS = 200_000
PAGE = Path(__file__).resolve().parent.parent / "snippets/performance/caching"


def _snippet(path: Path) -> ModuleType:
    """Import a snippet file as a module (its main guard keeps it from printing)."""
    name = f"snippet_{path.stem}"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


# The code the page shows, imported from its snippets.
TTLCache = _snippet(PAGE / "caching_ttl.py").TTLCache
_async_cache = _snippet(PAGE / "caching_async.py").async_cache
_seed_cache_with_ttl = _snippet(PAGE / "caching_ttl_wrong.py").cache_with_ttl


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
