"""Python 3.13+: Queue.shutdown() ends a worker pool once the queue has drained."""

import asyncio
import math
import sys
from collections.abc import Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass
class Outcome(Generic[T]):
    """How a run went: how many items succeeded, and each failed item with its error."""

    done: int = 0
    failures: list[tuple[T, BaseException]] = field(default_factory=list)
    stopped_early: bool = False  # max_failures was reached: the source was not read on


async def process_all(
    items: Iterable[T],
    handle: Callable[[T], Awaitable[object]],
    *,
    workers: int,
    maxsize: int,
    item_timeout: float,
    max_failures: int,
) -> Outcome[T]:
    """Handle every item with `workers` tasks; at most `maxsize` wait in the queue."""
    if sys.version_info < (3, 13):  # refuse before any work, not fail after most of it
        raise RuntimeError(
            "Queue.shutdown() needs Python 3.13; before it, use join() and cancel()"
        )
    # workers=0 would make the wait endless, maxsize=0 means unbounded, an infinite
    # timeout is none, and a list of failures must not grow with the source.
    if min(workers, maxsize, max_failures) < 1 or not 0 < item_timeout < math.inf:
        raise ValueError("workers, maxsize, max_failures >= 1; 0 < item_timeout < inf")
    queue: asyncio.Queue[T] = asyncio.Queue(maxsize=maxsize)
    outcome: Outcome[T] = Outcome()

    async def worker() -> None:
        while True:
            try:
                item = await queue.get()
            except asyncio.QueueShutDown:
                return  # shut down and empty: no item will ever come
            try:
                # A call that never answers would hold this worker for good.
                async with asyncio.timeout(item_timeout):
                    await handle(item)
                outcome.done += 1
            except Exception as exc:  # an error or a timeout: record it, go on
                outcome.failures.append((item, exc))
            except asyncio.CancelledError as exc:
                this = asyncio.current_task()
                if this is None or this.cancelling():
                    raise  # this worker is being cancelled: let it end
                # The handler's own (it awaited a future that another task cancelled):
                # let through, it would end this worker silently.
                outcome.failures.append((item, exc))

    async with asyncio.TaskGroup() as tg:
        for _ in range(workers):
            tg.create_task(worker())
        for item in items:
            await queue.put(item)  # waits while the queue is full: backpressure
            if len(outcome.failures) >= max_failures:
                outcome.stopped_early = True  # the service is down, say: stop reading
                break
        # No more items: what is queued still gets handled, then get() raises
        # QueueShutDown in every worker, and the TaskGroup sees them all return.
        queue.shutdown()
    return outcome


# A demo workload: a lazily read source and a handler that records what it saw.
LATENCY = 0.01  # seconds: stands in for one call to a database or an API
STALL = 2.0  # a call that does not answer in time


@dataclass
class Load:
    read: int = 0  # records taken from the source
    finished: int = 0  # records whose handler has returned or raised
    in_progress: int = 0
    peak_in_progress: int = 0
    peak_read_ahead: int = 0  # the most records read but not yet finished


load = Load()


def records(n: int) -> Iterator[int]:
    """The source, read one record at a time (rows of a large file, say)."""
    for record in range(n):
        load.read += 1
        load.peak_read_ahead = max(load.peak_read_ahead, load.read - load.finished)
        yield record


async def save(record: int) -> None:
    load.in_progress += 1
    load.peak_in_progress = max(load.peak_in_progress, load.in_progress)
    try:
        await asyncio.sleep(STALL if record == 13 else LATENCY)
        if record == 6:
            raise ValueError(f"bad record {record}")
        if record == 17:  # it waited for a call that another task gave up on
            call = asyncio.get_running_loop().create_future()
            call.cancel()
            await call
    finally:
        load.in_progress -= 1
        load.finished += 1


async def main() -> None:
    outcome = await process_all(
        records(20), save, workers=3, maxsize=4, item_timeout=0.25, max_failures=10
    )
    print(f"{outcome.done} saved, {len(outcome.failures)} failed")
    for record, exc in sorted(outcome.failures, key=lambda failure: failure[0]):
        print(f"record {record}: {exc!r}")
    print(f"every record read was handled: {load.finished == load.read}")
    # maxsize 4 queued + 3 being handled + 1 in the producer's hand, waiting in put()
    print(f"records read but not finished, at most: {load.peak_read_ahead}")
    print(f"records in progress, at most: {load.peak_in_progress}")


if sys.version_info >= (3, 13):
    asyncio.run(main())
else:  # process_all() would refuse to start: say why instead
    print("Queue.shutdown() needs Python 3.13; before it, use join() and cancel()")
    #> Queue.shutdown() needs Python 3.13; before it, use join() and cancel()
