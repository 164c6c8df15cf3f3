"""An async generator that follows a paginated API lazily and stops fetching when you stop."""

import asyncio
from collections.abc import AsyncGenerator
from contextlib import aclosing

import httpx
from fastapi import FastAPI

PAGE_SIZE, TOTAL = 10, 100
api = FastAPI()


@api.get("/users")
async def list_users(page: int = 1) -> dict[str, object]:
    start = (page - 1) * PAGE_SIZE
    users = [
        {"id": i, "active": i % 4 == 0}
        for i in range(start, min(start + PAGE_SIZE, TOTAL))
    ]
    return {"users": users, "next": page + 1 if start + PAGE_SIZE < TOTAL else None}


async def fetch_users(
    client: httpx.AsyncClient,
) -> AsyncGenerator[dict[str, object], None]:
    page: int | None = 1
    try:
        while page is not None:
            # The next page is requested only when the consumer has used up this one.
            response = await client.get("/users", params={"page": page})
            response.raise_for_status()
            body = response.json()
            for user in body["users"]:
                yield user
            page = body["next"]
    except GeneratorExit:  # thrown in at the paused yield when the consumer closes us
        print(f"fetch_users closed at page {page}")
        #> fetch_users closed at page 2
        raise


async def main() -> None:
    requests: list[httpx.Request] = []

    async def count(request: httpx.Request) -> None:
        requests.append(request)

    transport = httpx.ASGITransport(app=api)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://api", event_hooks={"request": [count]}
    ) as client:
        found = []
        # aclosing() closes the generator as soon as we break, so its cleanup runs now,
        # not whenever the event loop gets round to finalizing it.
        async with aclosing(fetch_users(client)) as users:
            async for user in users:
                if user["active"]:
                    found.append(user["id"])
                if len(found) == 5:
                    break
        print(f"first five active users: {found}")
        #> first five active users: [0, 4, 8, 12, 16]
        print(f"pages requested: {len(requests)} of {TOTAL // PAGE_SIZE}")
        #> pages requested: 2 of 10


asyncio.run(main())
