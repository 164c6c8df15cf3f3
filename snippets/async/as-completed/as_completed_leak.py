"""The pitfall: stopping an as_completed() loop early leaves the other calls running."""

import asyncio

# Wide gaps between the delays keep the completion order the same on a busy machine.
DELAYS = {"archive": 0.6, "catalog": 0.3, "cache": 0.05}  # seconds per backend


async def search(backend: str, query: str) -> list[str]:
    await asyncio.sleep(DELAYS[backend])  # stands in for a network call
    return [f"{backend}: {query}"]


async def first_hits(query: str) -> list[str]:
    tasks = [asyncio.create_task(search(backend, query)) for backend in DELAYS]
    for next_done in asyncio.as_completed(tasks):
        return await next_done  # the first answer is all we need...
    return []


async def main() -> None:
    print(await first_hits("python"))
    #> ['cache: python']
    # ...but as_completed() cancels nothing: the two slower calls are still running.
    print(f"calls still running: {len(asyncio.all_tasks()) - 1}")
    #> calls still running: 2


asyncio.run(main())
