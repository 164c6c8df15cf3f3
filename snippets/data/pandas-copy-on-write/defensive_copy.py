"""The pitfall: a defensive .copy() in each step duplicates every column, written to or not."""

import tracemalloc

import numpy as np
import pandas as pd

ROWS = 2**20  # 8 MiB per 8-byte column


def with_total(orders: pd.DataFrame) -> pd.DataFrame:
    orders = orders.copy()  # pandas 2 habit: never change the caller's frame
    orders["total"] = orders["qty"] * orders["price"]
    return orders


def with_tax(orders: pd.DataFrame) -> pd.DataFrame:
    orders = orders.copy()
    orders["tax"] = orders["total"] * 0.2
    return orders


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
#> report: 32 MiB new, shares price: False
start = tracemalloc.get_traced_memory()[0]
report.loc[0, "price"] = 0.0  # report has a price column of its own already
print(f"write: {new_mib(start)} new, shares price: {shares_price(report, orders)}")
#> write: 0 MiB new, shares price: False
print(f"orders: {list(orders.columns)}, price[0] = {orders['price'].to_numpy()[0]}")
#> orders: ['qty', 'price'], price[0] = 1.0
tracemalloc.stop()
