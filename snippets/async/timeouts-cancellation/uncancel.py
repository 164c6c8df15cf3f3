"""A swallowed cancellation still counts, until uncancel() takes it back."""

import asyncio


async def lookup(key: str) -> str:
    raise LookupError(key)


async def job(take_back: bool) -> str:
    task = asyncio.current_task()
    assert task is not None
    try:
        await asyncio.sleep(1)  # cancelled by its caller while it waits here
    except asyncio.CancelledError:
        # Swallowed on purpose: this job goes on. If it does, it must take the
        # cancellation request back, or the task still counts as being cancelled.
        if take_back:
            task.uncancel()
    requests = task.cancelling()
    # Later, and unrelated: a TaskGroup in which one call fails, handled here.
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(lookup("user:1"))
    except* LookupError:
        pass
    try:
        await asyncio.sleep(0)
    except asyncio.CancelledError:
        return f"cancelling() = {requests}; then cancelled again, by the TaskGroup"
    return f"cancelling() = {requests}; carries on"


async def main() -> None:
    for take_back in (False, True):
        task = asyncio.create_task(job(take_back))
        await asyncio.sleep(0.01)
        task.cancel()
        how = "with uncancel()" if take_back else "swallowed bare"
        print(f"{how}: {await task}")
        #> swallowed bare: cancelling() = 1; carries on
        #> with uncancel(): cancelling() = 0; carries on


asyncio.run(main())
