"""The pitfall: with an unbounded asyncio.Queue, the producer reads the whole source."""

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass

RECORDS = 10_000  # a large source: rows of a file, a cursor, a message stream


@dataclass
class Load:
    read: int = 0  # records taken from the source
    finished: int = 0  # records the workers are done with
    peak_read_ahead: int = 0  # the most records read but not yet finished


load = Load()


def records(n: int) -> Iterator[int]:
    """The source, read one record at a time (rows of a large file, say)."""
    for record in range(n):
        load.read += 1
        load.peak_read_ahead = max(load.peak_read_ahead, load.read - load.finished)
        yield record


async def worker(queue: asyncio.Queue[int]) -> None:
    while True:
        await queue.get()
        await asyncio.sleep(0)  # a handler that takes no time at all
        load.finished += 1
        queue.task_done()


async def main() -> None:
    queue: asyncio.Queue[int] = asyncio.Queue()  # no maxsize: it is never full
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(worker(queue)) for _ in range(3)]
        for record in records(RECORDS):
            await queue.put(record)  # never waits, so no worker gets a turn
        await queue.join()
        for task in tasks:
            task.cancel()
    print(f"records read but not finished, at most: {load.peak_read_ahead}")
    #> records read but not finished, at most: 10000


asyncio.run(main())
