"""The pitfall: one failing call makes gather() raise and lose every other result."""

import asyncio

# Services a product page needs; "pricing" is down and fails fast.
LATENCY = {"inventory": 0.25, "pricing": 0.05, "reviews": 0.25}
completed: list[str] = []


async def fetch(service: str) -> dict[str, str]:
    await asyncio.sleep(LATENCY[service])
    if service == "pricing":
        raise ConnectionError(f"{service} is unreachable")
    completed.append(service)
    return {"service": service, "status": "ok"}


async def main() -> None:
    try:
        await asyncio.gather(*(fetch(name) for name in LATENCY))
    except ConnectionError as exc:
        # The first exception is all we get back: the two good results are lost.
        print(f"gather raised: {exc!r}")
        #> gather raised: ConnectionError('pricing is unreachable')
        print(f"completed so far: {completed}")
        #> completed so far: []

    # gather did not cancel the other two calls: they keep running and finish,
    # doing their work for results nobody can read any more.
    await asyncio.sleep(0.5)
    print(f"completed after the error: {completed}")
    #> completed after the error: ['inventory', 'reviews']


asyncio.run(main())
