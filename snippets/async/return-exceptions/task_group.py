"""All-or-nothing calls: a TaskGroup cancels the siblings as soon as one fails (3.11+)."""

import asyncio
import time

# Checkout needs all three; the payment call fails after 50 ms.
LATENCY = {"reserve_stock": 1.0, "charge_card": 0.05, "book_shipping": 1.0}
cancelled: list[str] = []


async def call(step: str) -> str:
    try:
        await asyncio.sleep(LATENCY[step])
    except asyncio.CancelledError:
        cancelled.append(step)  # a real call would roll back here
        raise  # never swallow a cancellation
    if step == "charge_card":
        raise ValueError("card declined")
    return f"{step}: done"


async def checkout() -> list[str]:
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(call(step)) for step in LATENCY]
    # Only reached when every task succeeded.
    return [task.result() for task in tasks]


def refuse_order(group: ExceptionGroup[ValueError]) -> None:
    print(f"checkout failed: {group.exceptions!r}")
    #> checkout failed: (ValueError('card declined'),)


async def main() -> None:
    start = time.perf_counter()
    try:
        await checkout()
    except* ValueError as group:
        refuse_order(group)
    print(f"siblings cancelled: {sorted(cancelled)}")
    #> siblings cancelled: ['book_shipping', 'reserve_stock']
    waited = time.perf_counter() - start
    print(f"gave up before the slow calls ended: {waited < 1.0}")
    #> gave up before the slow calls ended: True


asyncio.run(main())
