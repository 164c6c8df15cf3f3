"""Keep partial results: gather(return_exceptions=True), then split successes from failures."""

import asyncio
from collections.abc import Awaitable, Mapping
from typing import TypeVar

T = TypeVar("T")


async def gather_settled(
    calls: Mapping[str, Awaitable[T]],
) -> tuple[dict[str, T], dict[str, Exception]]:
    """Run every call; return (results, errors) by name. Raise only if all failed."""
    outcomes = await asyncio.gather(*calls.values(), return_exceptions=True)
    results: dict[str, T] = {}
    errors: dict[str, Exception] = {}
    for name, outcome in zip(calls, outcomes, strict=True):
        if isinstance(outcome, Exception):
            errors[name] = outcome
        elif isinstance(outcome, BaseException):
            raise outcome  # a cancelled call (CancelledError) is not a failure to absorb
        else:
            results[name] = outcome
    if errors and not results:
        raise ExceptionGroup("every call failed", list(errors.values()))
    return results, errors


async def fetch(service: str, down: set[str]) -> dict[str, str]:
    await asyncio.sleep(0.05)  # stands in for a network call
    if service in down:
        raise ConnectionError(f"{service} is unreachable")
    return {"service": service, "status": "ok"}


async def product_page(down: set[str]) -> None:
    services = ["inventory", "pricing", "reviews"]
    results, errors = await gather_settled({s: fetch(s, down) for s in services})
    for name, exc in errors.items():
        # Log it, retry it, or render a fallback for the missing part.
        print(f"degraded: {name} failed with {exc!r}")
        #> degraded: pricing failed with ConnectionError('pricing is unreachable')
    print(f"rendered with {sorted(results)}")
    #> rendered with ['inventory', 'reviews']


def page_unavailable(group: ExceptionGroup[ConnectionError]) -> None:
    # Nothing to render: report every cause, then answer with an error page.
    print(f"{group.message}: {len(group.exceptions)} ConnectionErrors")
    #> every call failed: 3 ConnectionErrors


async def main() -> None:
    await product_page(down={"pricing"})
    try:
        await product_page(down={"inventory", "pricing", "reviews"})
    except* ConnectionError as group:
        page_unavailable(group)


asyncio.run(main())
