"""Profile before optimising: cProfile names the function that costs the time and proves a fix."""

import cProfile
import json
import pstats
import time
from collections.abc import Collection
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


def build_report(orders: list[Order], known: Collection[str]) -> str:
    lines = []
    for order in orders:
        if is_known_customer(order.customer, known):
            lines.append(format_line(order))
    return json.dumps({"lines": lines, "count": len(lines)})


def profile_report(
    orders: list[Order], known: Collection[str]
) -> tuple[str, pstats.Stats]:
    """The report, and the profile of building it."""
    # CPU time, not the wall clock: on a busy machine the time this process spends
    # waiting for a core would otherwise land in whichever function was running.
    with cProfile.Profile(time.process_time) as profiler:
        report = build_report(orders, known)
    return report, pstats.Stats(profiler)


def first(
    stats: pstats.Stats, key: pstats.SortKey
) -> tuple[str, pstats.FunctionProfile]:
    """The function at the top of the profile sorted by `key`: its name and its numbers."""
    profile = stats.sort_stats(key).get_stats_profile()
    return next(iter(profile.func_profiles.items()))


def share(stats: pstats.Stats, name: str) -> float:
    """The fraction of the profiled time spent in `name` itself."""
    # get_stats_profile() rounds times to the millisecond: fine for a profile this long.
    profile = stats.get_stats_profile()
    return profile.func_profiles[name].tottime / profile.total_tt


def main() -> None:
    orders, customers = load_orders(), load_customers()

    report, stats = profile_report(orders, customers)
    # Cumulative time follows the calls down: everything runs under build_report.
    print(f"most cumulative time: {first(stats, pstats.SortKey.CUMULATIVE)[0]}")
    #> most cumulative time: build_report
    # Own time ("tottime") names the function where the time is spent.
    name, hot = first(stats, pstats.SortKey.TIME)
    print(f"hot spot: {name}, {hot.ncalls} calls")
    #> hot spot: is_known_customer, 3000 calls
    print(f"more than half the time in it: {share(stats, name) > 0.5}")
    #> more than half the time in it: True

    # The fix the profile points at: `in` on a list compares with every element in
    # turn until one matches; on a set it hashes the customer and looks in one place.
    fixed_report, stats = profile_report(orders, set(customers))
    calls = stats.get_stats_profile().func_profiles[name].ncalls
    print(f"after the fix: {name}, {calls} calls")
    #> after the fix: is_known_customer, 3000 calls
    print(f"still the hot spot: {first(stats, pstats.SortKey.TIME)[0] == name}")
    #> still the hot spot: False
    # A fix that changes what the program produces is not a fix: compare the output.
    print(f"same report after the fix: {fixed_report == report}")
    #> same report after the fix: True


if __name__ == "__main__":
    main()
