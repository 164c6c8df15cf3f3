"""The pitfall: independent awaits written one after another run one after another."""

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
    # Each await waits for its call to finish before the next call even starts.
    user = await fetch_user(user_id)
    orders = await fetch_orders(user_id)
    profile = await fetch_profile(user_id)
    return {"user": user, "orders": orders, "profile": profile}


start = time.perf_counter()
data = asyncio.run(get_user_data(123))
elapsed = time.perf_counter() - start
print(f"{len(data['orders'])} orders")
#> 3 orders
# The three latencies add up: the wall time is at least their sum.
print(f"took at least 3 x LATENCY: {elapsed >= 3 * LATENCY}")
#> took at least 3 x LATENCY: True
