"""functools.cache and lru_cache: memoize a pure function, bound the cache, read its stats."""

import time
from dataclasses import dataclass
from functools import cache, lru_cache


@cache  # unbounded: fine when the set of possible arguments is small
def fibonacci(n: int) -> int:
    return n if n < 2 else fibonacci(n - 1) + fibonacci(n - 2)


print(fibonacci(90))
#> 2880067194370816120
print(fibonacci.cache_info())  # 91 real calls instead of about 10**19
#> CacheInfo(hits=88, misses=91, maxsize=None, currsize=91)


@dataclass(frozen=True)  # every caller gets the same object: make it immutable
class Settings:
    env: str
    debug: bool


slow_reads = 0


@lru_cache(maxsize=2)  # bounded: the least recently used entry goes first
def load_settings(env: str) -> Settings:
    global slow_reads
    slow_reads += 1
    time.sleep(0.1)  # stands in for a slow file or network read
    return Settings(env=env, debug=env == "dev")


for env in ["dev", "prod", "dev", "test", "dev", "prod"]:
    load_settings(env)
print(f"6 lookups, {slow_reads} slow reads")  # 4 misses of 0.1 s each
#> 6 lookups, 4 slow reads
print(load_settings.cache_info())  # "test" evicted "prod", so "prod" missed again
#> CacheInfo(hits=2, misses=4, maxsize=2, currsize=2)


@lru_cache(typed=True)  # without typed=True, 1.0 and True are one key: they are ==
def describe(value: object) -> str:
    return f"{type(value).__name__} {value!r}"


print(describe(1.0), describe(True))
#> float 1.0 bool True

try:
    describe([1, 2])  # type: ignore[arg-type]  # arguments are keys: hashable only
except TypeError as exc:
    print(f"TypeError: {exc}")
    #> TypeError: unhashable type: 'list'
