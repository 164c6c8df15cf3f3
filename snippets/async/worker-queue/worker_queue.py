"""A worker pool: a bounded asyncio.Queue, N workers in a TaskGroup, errors kept."""

import asyncio
import math
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
    # workers=0 would make the wait endless, maxsize=0 means unbounded, an infinite
    # timeout is none, and a list of failures must not grow with the source.
    if min(workers, maxsize, max_failures) < 1 or not 0 < item_timeout < math.inf:
        raise ValueError("workers, maxsize, max_failures >= 1; 0 < item_timeout < inf")
    queue: asyncio.Queue[T] = asyncio.Queue(maxsize=maxsize)
    outcome: Outcome[T] = Outcome()

    async def worker() -> None:
        while True:
            item = await queue.get()
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
            finally:
                queue.task_done()  # once per get(), whatever happened: join() counts

    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(worker()) for _ in range(workers)]
        for item in items:
            await queue.put(item)  # waits while the queue is full: backpressure
            if len(outcome.failures) >= max_failures:
                outcome.stopped_early = True  # the service is down, say: stop reading
                break
        await queue.join()  # every item that was put has been handled
        for task in tasks:
            task.cancel()  # the workers wait in get() for items that will never come
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


async def refused(record: int) -> None:
    """Every call fails at once: the service is down."""
    await asyncio.sleep(0)
    raise ConnectionRefusedError("service down")


async def stall(record: int) -> None:
    """Calls slow enough that the queue fills and put() waits."""
    await asyncio.sleep(STALL)


def broken_source() -> Iterator[int]:
    """A source that fails half-way (a lost connection to the file or cursor)."""
    yield from range(5)
    raise OSError("source lost half-way")


async def pool(
    items: Iterable[int], handle: Callable[[int], Awaitable[None]]
) -> Outcome[int]:
    """The limits of every run below."""
    return await process_all(
        items, handle, workers=3, maxsize=4, item_timeout=1.0, max_failures=10
    )


async def main() -> None:
    outcome = await pool(records(20), save)
    print(f"{outcome.done} saved, {len(outcome.failures)} failed")
    #> 17 saved, 3 failed
    for record, exc in sorted(outcome.failures, key=lambda failure: failure[0]):
        print(f"record {record}: {exc!r}")
        #> record 6: ValueError('bad record 6')
        #> record 13: TimeoutError()
        #> record 17: CancelledError()
    print(f"every record read was handled: {load.finished == load.read}")
    #> every record read was handled: True
    # maxsize 4 queued + 3 being handled + 1 in the producer's hand, waiting in put()
    print(f"records read but not finished, at most: {load.peak_read_ahead}")
    #> records read but not finished, at most: 8
    print(f"records in progress, at most: {load.peak_in_progress}")
    #> records in progress, at most: 3

    # Ten thousand records and a service that is down: stop after max_failures.
    down = await pool(range(10_000), refused)
    print(f"service down: {len(down.failures)} failed, stopped: {down.stopped_early}")
    #> service down: 17 failed, stopped: True

    # The source fails half-way; the caller gives up while put() waits on a full
    # queue. Either way, the workers are cancelled and the error reaches the caller.
    try:
        await pool(broken_source(), save)
    except ExceptionGroup as group:  # from the TaskGroup; `except* OSError` works too
        print(f"source failed: {group.exceptions!r}")
        #> source failed: (OSError('source lost half-way'),)
    stream = iter(range(1_000_000))
    try:
        async with asyncio.timeout(0.5):
            await pool(stream, stall)
    except TimeoutError:
        print(f"caller gave up, records read: {1_000_000 - sum(1 for _ in stream)}")
        #> caller gave up, records read: 8
    print(f"tasks left: {len(asyncio.all_tasks()) - 1}")  # all but main() itself
    #> tasks left: 0


asyncio.run(main())
