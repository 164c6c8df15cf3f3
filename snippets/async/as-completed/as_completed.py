"""Handle results as they arrive; stop early and leave no call running."""

import asyncio

# Wide gaps between the delays keep the completion order the same on a busy machine.
DELAYS = {"archive": 0.6, "catalog": 0.3, "cache": 0.05}  # seconds per backend
finished: list[str] = []  # backends whose call ran to the end
cancelled: list[str] = []  # backends whose call was stopped


async def search(backend: str, query: str) -> list[str]:
    try:
        await asyncio.sleep(DELAYS[backend])  # stands in for a network call
    except asyncio.CancelledError:
        cancelled.append(backend)
        raise
    if query == "" and backend == "catalog":
        raise ValueError("catalog: empty query")
    finished.append(backend)
    return [f"{backend}: {query} #{i}" for i in range(2)]


async def first_hits(query: str, wanted: int) -> list[str]:
    """Collect hits from every backend in the order they answer, until `wanted` are in."""
    hits: list[str] = []
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(search(backend, query)) for backend in DELAYS]
        try:
            for next_done in asyncio.as_completed(tasks):
                hits.extend(await next_done)  # the earliest result not yet seen
                if len(hits) >= wanted:
                    return hits[:wanted]  # skips any code after the loop
        finally:
            # as_completed() cancels nothing: stop the calls still running, however
            # the loop is left. The TaskGroup waits for them before the block ends.
            for task in tasks:
                task.cancel()
    return hits


async def main() -> None:
    print(await first_hits("python", wanted=3))
    #> ['cache: python #0', 'cache: python #1', 'catalog: python #0']
    print(f"finished: {finished}, cancelled: {cancelled}")
    #> finished: ['cache', 'catalog'], cancelled: ['archive']
    print(f"calls still running: {len(asyncio.all_tasks()) - 1}")
    #> calls still running: 0

    # One backend fails: the error reaches the caller, and no call outlives it.
    finished.clear()
    cancelled.clear()
    errors: list[Exception] = []
    try:
        await first_hits("", wanted=3)
    except* ValueError as group:
        errors.extend(group.exceptions)
    print(f"failed: {errors}")
    #> failed: [ValueError('catalog: empty query')]
    print(f"finished: {finished}, cancelled: {cancelled}")
    #> finished: ['cache'], cancelled: ['archive']
    print(f"calls still running: {len(asyncio.all_tasks()) - 1}")
    #> calls still running: 0


asyncio.run(main())
