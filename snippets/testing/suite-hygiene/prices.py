"""Code under test for the suite-hygiene page: a setting read once and cached per process."""

import os
from functools import cache


@cache
def currency() -> str:
    # Module-level state: the first call's answer is kept for every later test.
    return os.environ.get("SHOP_CURRENCY", "EUR")


def price_label(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d} {currency()}"
