"""The pitfall: one side timed after the other, no warm-up, averaged: the cold start decides."""

import functools
import statistics
import time
from collections.abc import Callable

LOAD = 0.3  # seconds: stands in for reading the index from disk, once per process
CUSTOMERS = [f"customer-{i:05d}" for i in range(10_000)]
# Eight lookups, half of them unknown customers.
QUERIES = [f"customer-{i * 2_503 % 20_000:05d}" for i in range(8)]


@functools.cache
def customer_index() -> frozenset[str]:
    time.sleep(LOAD)
    return frozenset(CUSTOMERS)


def with_set() -> int:
    return sum(q in customer_index() for q in QUERIES)


def with_list() -> int:
    return sum(q in CUSTOMERS for q in QUERIES)  # scans the list for every query


def compare(
    sides: dict[str, Callable[[], int]], rounds: int
) -> tuple[dict[str, list[float]], str]:
    """Each side's time per round, and the order in which the rounds ran."""
    times: dict[str, list[float]] = {name: [] for name in sides}
    order: list[str] = []
    for name, run in sides.items():  # every round of one side, then the other
        for _ in range(rounds):
            order.append(name[0])
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
    return times, "".join(order)


times, order = compare({"set": with_set, "list": with_list}, rounds=6)
print(f"run order: {order}")
#> run order: ssssssllllll
typical = {name: statistics.mean(t) for name, t in times.items()}
print(f"set faster: {typical['set'] < typical['list']}")
#> set faster: False
# A round of lookups takes milliseconds at most; the one-off load takes LOAD seconds.
cold = [t for t in times["set"] + times["list"] if t >= LOAD]
print(f"cold rounds recorded: {len(cold)}")
#> cold rounds recorded: 1
