"""Run independent awaits concurrently with asyncio.gather() and get results in call order."""

import asyncio
import time


async def fetch_user(user_id: int) -> dict[str, object]:
    await asyncio.sleep(0.10)  # stands in for a 100 ms network call
    return {"id": user_id, "name": f"User {user_id}"}


async def fetch_orders(user_id: int) -> list[dict[str, int]]:
    await asyncio.sleep(0.10)
    return [{"order_id": i, "user_id": user_id} for i in range(3)]


async def fetch_profile(user_id: int) -> dict[str, object]:
    await asyncio.sleep(0.10)
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
print(f"{len(data['orders'])} orders in {elapsed:.1f} s")
#> 3 orders in 0.1 s
print(data["user"])
#> {'id': 123, 'name': 'User 123'}
