"""The pitfall: a worker dies on a bad item or skips task_done(): join() hangs."""

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any

LATENCY = 0.01  # seconds: stands in for one call to a database or an API
DEADLINE = 0.5  # only here to turn the endless wait into a printed False

Worker = Callable[[asyncio.Queue[int], list[Exception]], Coroutine[Any, Any, None]]


async def save(record: int) -> None:
    await asyncio.sleep(LATENCY)
    if record == 6:
        raise ValueError(f"bad record {record}")


async def worker_dies(queue: asyncio.Queue[int], errors: list[Exception]) -> None:
    while True:
        record = await queue.get()
        await save(record)  # raises on record 6: the task ends, task_done() never runs
        queue.task_done()


async def worker_skips(queue: asyncio.Queue[int], errors: list[Exception]) -> None:
    while True:
        record = await queue.get()
        try:
            await save(record)
        except ValueError as exc:
            errors.append(exc)
            continue  # the error is kept, but the record is never marked done
        queue.task_done()


async def run(worker: Worker) -> tuple[bool, int, int]:
    """The asyncio docs' example: create_task() workers, join(), then cancel them."""
    queue: asyncio.Queue[int] = asyncio.Queue()
    errors: list[Exception] = []
    tasks = [asyncio.create_task(worker(queue, errors)) for _ in range(3)]
    for record in range(10):
        queue.put_nowait(record)
    try:
        async with asyncio.timeout(DEADLINE):
            await queue.join()
        returned = True
    except TimeoutError:
        returned = False
    alive = sum(not task.done() for task in tasks)
    for task in tasks:
        task.cancel()
    # The dead worker's ValueError ends up in this list, and nobody looks at it.
    await asyncio.gather(*tasks, return_exceptions=True)
    return returned, alive, len(errors)


async def main() -> None:
    returned, alive, errors = await run(worker_dies)
    print(f"a worker died: join() returned: {returned}")
    #> a worker died: join() returned: False
    print(f"  workers alive: {alive} of 3, errors reported: {errors}")
    #>   workers alive: 2 of 3, errors reported: 0
    returned, alive, errors = await run(worker_skips)
    print(f"task_done() skipped: join() returned: {returned}")
    #> task_done() skipped: join() returned: False
    print(f"  workers alive: {alive} of 3, errors reported: {errors}")
    #>   workers alive: 3 of 3, errors reported: 1


asyncio.run(main())
