"""All-or-nothing awaits with asyncio.TaskGroup: one failure cancels the other calls."""

import asyncio

LATENCY = 0.1  # seconds: stands in for one network or database round trip
in_flight: set[str] = set()  # calls that have started and not yet ended


async def call(name: str, user_id: int) -> dict[str, object]:
    in_flight.add(name)
    try:
        await asyncio.sleep(LATENCY / 2 if name == "orders" else LATENCY)
        if name == "orders" and user_id == 0:
            raise LookupError("no orders service for user 0")
        return {"user_id": user_id, name: "..."}
    finally:
        in_flight.discard(name)  # runs on success, failure and cancellation


async def get_user_data(user_id: int) -> dict[str, object]:
    # All three start now; the block ends when all have finished, or the first
    # failure has cancelled the others and waited for them.
    async with asyncio.TaskGroup() as tg:
        user = tg.create_task(call("user", user_id))
        orders = tg.create_task(call("orders", user_id))
        profile = tg.create_task(call("profile", user_id))
    return {
        "user": user.result(),
        "orders": orders.result(),
        "profile": profile.result(),
    }


async def main() -> None:
    data = await get_user_data(123)
    print(list(data))
    #> ['user', 'orders', 'profile']
    errors: list[Exception] = []
    try:
        await get_user_data(0)
    except* LookupError as group:
        errors.extend(group.exceptions)
    print(f"failed: {errors}")
    #> failed: [LookupError('no orders service for user 0')]
    # Nothing the request started is still running when its error is handled.
    print(f"calls still running: {sorted(in_flight)}")
    #> calls still running: []


asyncio.run(main())
