"""The pitfall: optimising what looks slow leaves the real hot spot where it was."""

import cProfile
import functools
import json
import pstats
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass


@dataclass(frozen=True)
class Order:
    order_id: int
    customer: str
    quantity: int
    unit_cents: int


def load_customers() -> list[str]:
    """The customers the CRM knows, as its export delivers them: a list."""
    return [f"customer-{i:05d}" for i in range(4_000)]


def load_orders() -> list[Order]:
    # Some orders come from customers the CRM does not know (numbers 4000 and up).
    return [
        Order(i, f"customer-{i * 7919 % 4_400:05d}", i % 5 + 1, 250 + i * 37 % 10_000)
        for i in range(3_000)
    ]


def is_known_customer(customer: str, known: Collection[str]) -> bool:
    return customer in known


def format_line(order: Order) -> str:
    total = order.quantity * order.unit_cents
    return (
        f"{order.order_id:>8} {order.customer:<16} {order.quantity:>3} x "
        f"{order.unit_cents / 100:>9,.2f} = {total / 100:>11,.2f}"
    )


def build_report(
    orders: list[Order], known: Collection[str], format_order: Callable[[Order], str]
) -> str:
    lines = []
    for order in orders:
        if is_known_customer(order.customer, known):
            lines.append(format_order(order))
    return json.dumps({"lines": lines, "count": len(lines)})


def hot_spot(
    orders: list[Order], known: Collection[str], format_order: Callable[[Order], str]
) -> str:
    """The function with the most time of its own, and how often it was called."""
    # CPU time, so that waiting for a core on a busy machine is charged to no function.
    with cProfile.Profile(time.process_time) as profiler:
        build_report(orders, known, format_order)
    profile = pstats.Stats(profiler).sort_stats(pstats.SortKey.TIME).get_stats_profile()
    name, numbers = next(iter(profile.func_profiles.items()))
    return f"{name}, {numbers.ncalls} calls"


def main() -> None:
    orders, customers = load_orders(), load_customers()
    print(f"hot spot: {hot_spot(orders, customers, format_line)}")
    #> hot spot: is_known_customer, 3000 calls

    # The guess, made without a profile: "all that string formatting must be slow".
    cached_format_line = functools.cache(format_line)
    print(
        f"after caching the formatting: {hot_spot(orders, customers, cached_format_line)}"
    )
    #> after caching the formatting: is_known_customer, 3000 calls
    # Every order is formatted once, so the cache never hits: it only holds memory.
    info = cached_format_line.cache_info()
    print(f"cache hits: {info.hits} of {info.hits + info.misses} calls")
    #> cache hits: 0 of 2688 calls


if __name__ == "__main__":
    main()
