"""Tests that check each branch of shipping.py, at its boundary, by its exact result."""

from shipping import shipping_cents


def test_free_from_the_threshold() -> None:
    assert shipping_cents(50_00, "US") == 0


def test_paid_just_below_the_threshold() -> None:
    assert shipping_cents(49_99, "US") == 4_99


def test_surcharge_abroad_adds_to_the_fee() -> None:
    assert shipping_cents(49_99, "DE") == 4_99 + 15_00
