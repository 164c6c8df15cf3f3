"""Run independent awaits concurrently with asyncio.gather() and get results in call order."""

import asyncio
import time

LATENCY = 0.1  # seconds: stands in for one network or database round trip


async def fetch_user(user_id: int) -> dict[str, object]:
    await asyncio.sleep(LATENCY)
    return {"id": user_id, "name": f"User {user_id}"}


async def fetch_orders(user_id: int) -> list[dict[str, int]]:
    await asyncio.sleep(LATENCY)
    return [{"order_id": i, "user_id": user_id} for i in range(3)]


async def fetch_profile(user_id: int) -> dict[str, object]:
    await asyncio.sleep(LATENCY)
    return {"user_id": user_id, "bio": "Pythonista"}


async def get_user_data(user_id: int) -> dict[str, object]:
    # All three calls start now; gather returns when the slowest one is done,
    # with the results in the order the awaitables were passed.
    user, orders, profile = await asyncio.gather(
        fetch_user(user_id),
        fetch_orders(user_id),
        fetch_profile(user_id),
    )
    return {"user": user, "orders": orders, "profile": profile}


start = time.perf_counter()
data = asyncio.run(get_user_data(123))
elapsed = time.perf_counter() - start
print(data["user"])
#> {'id': 123, 'name': 'User 123'}
# The latencies overlap: the wall time is about one LATENCY, well under two.
print(f"took under 2 x LATENCY: {elapsed < 2 * LATENCY}")
#> took under 2 x LATENCY: True
