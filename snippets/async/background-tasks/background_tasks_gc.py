"""The pitfall: a task that nothing references can be garbage-collected mid-await."""

import asyncio
import gc
from typing import Any

events: list[str] = []


async def wait_for_ack() -> None:
    # Awaits a future only this coroutine can reach: the same holds for an Event,
    # Queue or Lock private to the task. No timer or socket keeps the task alive.
    ack = asyncio.get_running_loop().create_future()
    try:
        await ack
        events.append("acknowledged")
    finally:
        events.append("stopped")


def report(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
    print(context["message"])
    #> Task was destroyed but it is pending!


async def main() -> None:
    asyncio.get_running_loop().set_exception_handler(report)
    asyncio.create_task(wait_for_ack())  # the loop keeps only a weak reference
    await asyncio.sleep(0)  # let it start and suspend
    gc.collect()  # a collection can happen at any allocation; forcing one makes it sure
    print(events)
    #> ['stopped']


asyncio.run(main())
