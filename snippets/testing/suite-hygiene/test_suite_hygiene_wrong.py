"""The pitfall: two tests that pass in file order and fail in another one."""

import os

from prices import currency, price_label


def test_label_in_euros_by_default() -> None:
    assert price_label(1999) == "19.99 EUR"


def test_label_in_dollars() -> None:
    os.environ["SHOP_CURRENCY"] = "USD"  # never restored
    currency.cache_clear()  # drops what an earlier test cached, leaves "USD" for later ones
    assert price_label(1999) == "19.99 USD"
