"""pandas 3 shares columns between derived frames and copies one column on its first write."""

import tracemalloc

import numpy as np
import pandas as pd

ROWS = 2**20  # 8 MiB per 8-byte column


def with_total(orders: pd.DataFrame) -> pd.DataFrame:
    # A new frame over the caller's columns plus one new one: nothing is copied.
    return orders.assign(total=orders["qty"] * orders["price"])


def with_tax(orders: pd.DataFrame) -> pd.DataFrame:
    return orders.assign(tax=orders["total"] * 0.2)


def new_mib(since: int) -> str:
    """MiB allocated and still held since `since` (NumPy reports its buffers to tracemalloc)."""
    return f"{(tracemalloc.get_traced_memory()[0] - since) / 2**20:.0f} MiB"


def shares_price(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    return np.shares_memory(a["price"].to_numpy(), b["price"].to_numpy())


tracemalloc.start()
orders = pd.DataFrame({"qty": np.arange(ROWS) % 9 + 1, "price": np.ones(ROWS)})
start = tracemalloc.get_traced_memory()[0]
report = with_tax(with_total(orders))
print(f"report: {new_mib(start)} new, shares price: {shares_price(report, orders)}")
#> report: 16 MiB new, shares price: True
start = tracemalloc.get_traced_memory()[0]
report.loc[0, "price"] = 0.0  # copies price now: orders still uses it
print(f"write: {new_mib(start)} new, shares price: {shares_price(report, orders)}")
#> write: 8 MiB new, shares price: False
print(f"orders: {list(orders.columns)}, price[0] = {orders['price'].to_numpy()[0]}")
#> orders: ['qty', 'price'], price[0] = 1.0
tracemalloc.stop()
