"""The pitfall: a pricing rule run once per row in Python by a loop, apply and map_elements."""

import sys
from collections.abc import Callable
from types import FrameType
from typing import Any

import numpy as np
import pandas as pd
import polars as pl

ROWS = 1_000
calls = 0  # how many times the row function below has run


def price(amount: float, quantity: int) -> float:
    """The line total with 20% tax, and 10% off from ten items."""
    global calls
    calls += 1
    total = amount * quantity
    if quantity >= 10:
        total = total * 0.9
    return total * 1.2


def orders(rows: int) -> pd.DataFrame:
    rng = np.random.default_rng(42)
    return pd.DataFrame(
        {
            "amount": rng.integers(100, 5_000, rows) / 100,
            "quantity": rng.integers(1, 20, rows),
        }
    )


def python_lines(run: Callable[[pd.DataFrame], object], df: pd.DataFrame) -> int:
    """How many lines of Python run(df) executes, the libraries' own Python code included."""
    lines = 0

    def count(frame: FrameType, event: str, arg: object) -> Callable[..., Any]:
        nonlocal lines
        lines += event == "line"
        return count

    sys.settrace(count)
    try:
        run(df)
    finally:
        sys.settrace(None)
    return lines


def with_loop(df: pd.DataFrame) -> list[float]:
    return [price(a, q) for a, q in zip(df["amount"], df["quantity"], strict=True)]


def with_apply(df: pd.DataFrame) -> pd.Series:
    return df.apply(lambda row: price(row["amount"], row["quantity"]), axis=1)


def with_map_elements(df: pl.DataFrame) -> pl.Series:
    rule = pl.struct("amount", "quantity").map_elements(
        lambda row: price(row["amount"], row["quantity"]), return_dtype=pl.Float64
    )
    return df.select(rule).to_series()


if __name__ == "__main__":
    df, few, more = orders(ROWS), orders(10), orders(20)
    expected = with_loop(df)  # the reference: the rule applied row by row
    approaches: tuple[tuple[str, Callable[[pd.DataFrame], object]], ...] = (
        ("python loop", with_loop),
        ("pandas apply", with_apply),
        ("polars map_elements", lambda df: with_map_elements(pl.from_pandas(df))),
    )
    for name, run in approaches:
        calls = 0
        same = np.allclose(np.asarray(run(df)), expected)
        ran = calls  # how many times price ran for ROWS rows
        # Python that runs once per row shows up as more lines run for more rows.
        per_row = python_lines(run, more) > python_lines(run, few)
        print(f"{name}: {ran} calls, Python per row: {per_row}, same result: {same}")
        #> python loop: 1000 calls, Python per row: True, same result: True
        #> pandas apply: 1000 calls, Python per row: True, same result: True
        #> polars map_elements: 1000 calls, Python per row: True, same result: True
