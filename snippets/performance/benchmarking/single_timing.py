"""The pitfall: one time.time() around one call measures the one-off cost, not the call."""

import functools
import statistics
import time
from typing import Final

LOAD = 0.3  # seconds: stands in for reading the index from disk, once per process


@functools.cache
def customer_index() -> frozenset[str]:
    time.sleep(LOAD)
    return frozenset(f"customer-{i:05d}" for i in range(10_000))


def is_known(customer: str) -> bool:
    return customer in customer_index()


# Wall-clock time: NTP or an administrator may set it back or forward.
CLOCK: Final = "time"
clock = getattr(time, CLOCK)
start = clock()
is_known("customer-00042")
timings = [clock() - start]  # one measurement, of the very first call

info = time.get_clock_info(CLOCK)
print(f"{CLOCK}: monotonic={info.monotonic}, adjustable={info.adjustable}")
#> time: monotonic=False, adjustable=True
print(f"repetitions: {len(timings)}")
#> repetitions: 1
# A steady call takes microseconds; the one-off load takes LOAD seconds.
print(f"one-off load in the timings: {max(timings) >= LOAD}")
#> one-off load in the timings: True

# What the number was meant to stand for: the calls that come after it.
later = []
for _ in range(50):
    start = clock()
    is_known("customer-00042")
    later.append(clock() - start)
typical = statistics.median(later)
print(f"first call slower than the median of the next 50: {timings[0] > typical}")
#> first call slower than the median of the next 50: True
