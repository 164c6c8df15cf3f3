"""Tests that pass in any order: each one restores the state it changes."""

from collections.abc import Iterator

import pytest
from prices import currency, price_label


@pytest.fixture(autouse=True)
def fresh_currency() -> Iterator[None]:
    yield
    # Teardown, after every test, passed or failed: the next test reads the environment again.
    currency.cache_clear()


def test_label_in_euros_by_default() -> None:
    assert price_label(1999) == "19.99 EUR"


def test_label_in_dollars(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHOP_CURRENCY", "USD")  # undone at teardown
    assert price_label(1999) == "19.99 USD"
