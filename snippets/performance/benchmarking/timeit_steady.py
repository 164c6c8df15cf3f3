"""Time the steady state: a monotonic clock, a warm-up, then repetitions of many calls each."""

import functools
import statistics
import time
import timeit
from typing import Final

LOAD = 0.3  # seconds: stands in for reading the index from disk, once per process
CALLS = 1_000  # calls per repetition: one call costs about as much as timing it


@functools.cache
def customer_index() -> frozenset[str]:
    time.sleep(LOAD)
    return frozenset(f"customer-{i:05d}" for i in range(10_000))


def is_known(customer: str) -> bool:
    return customer in customer_index()


# Monotonic, the highest resolution available: timeit's default clock.
CLOCK: Final = "perf_counter"
clock = getattr(time, CLOCK)
timer = timeit.Timer(lambda: is_known("customer-00042"), timer=clock)
timer.timeit(number=1)  # warm-up: the one-off load is paid here, and not recorded
timings = timer.repeat(repeat=5, number=CALLS)  # five totals of CALLS calls each
per_call = [t / CALLS for t in timings]  # report the median, with min and max beside it
# What timing costs on its own: an empty statement, timed the same way.
overhead = min(timeit.Timer(timer=clock).repeat(repeat=5, number=1))

info = time.get_clock_info(CLOCK)
print(f"{CLOCK}: monotonic={info.monotonic}, adjustable={info.adjustable}")
#> perf_counter: monotonic=True, adjustable=False
print(f"repetitions: {len(timings)}")
#> repetitions: 5
# A steady call takes microseconds; the one-off load takes LOAD seconds.
print(f"one-off load in the timings: {max(timings) >= LOAD}")
#> one-off load in the timings: False
print(f"each repetition over 100 × the cost of timing: {min(timings) > 100 * overhead}")
#> each repetition over 100 × the cost of timing: True
print(f"median call under a millisecond: {statistics.median(per_call) < 0.001}")
#> median call under a millisecond: True
