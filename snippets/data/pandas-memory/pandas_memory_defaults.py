"""The pitfall: read_csv's inferred dtypes spend 8 bytes on every number, whatever it holds."""

import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

COUNTRIES = ["DE", "FR", "GB", "US", "JP", "BR", "IN", "CA", "ES", "IT"]


def write_orders(path: Path, rows: int) -> None:
    rng = np.random.default_rng(42)
    pd.DataFrame(
        {
            "order_id": np.arange(rows),
            "user_id": rng.integers(0, 50_000, rows),
            "country": rng.choice(COUNTRIES, rows),
            "status": rng.choice(
                ["paid", "pending", "refunded"], rows, p=[0.8, 0.15, 0.05]
            ),
            "amount": rng.integers(100, 50_000, rows) / 100,
            "quantity": rng.integers(1, 10, rows),
            # most orders have no discount: an integer column with gaps
            "discount": pd.Series(rng.integers(5, 30, rows), dtype="Int64").mask(
                rng.random(rows) < 0.7
            ),
        }
    ).to_csv(path, index=False)


with tempfile.TemporaryDirectory() as tmp:
    path = Path(tmp) / "orders.csv"
    write_orders(path, 100_000)
    orders = pd.read_csv(path)  # every dtype inferred

usage = orders.memory_usage(deep=True, index=False)
print(pd.DataFrame({"dtype": orders.dtypes.astype(str), "bytes": usage}))
"""
            dtype    bytes
order_id    int64   800000
user_id     int64   800000
country       str  1000000
status        str  1264953
amount    float64   800000
quantity    int64   800000
discount  float64   800000
"""
print(f"total: {usage.sum() / 2**20:.2f} MiB")
#> total: 5.97 MiB

# An integer column with gaps comes back as float64: 9 becomes 9.0, a gap NaN.
print(orders["discount"].head(4).tolist())
#> [nan, nan, nan, 24.0]

# Money as float64: most amounts are not exact in binary, and a running total
# (a loop, a cumsum, partial sums merged chunk by chunk) drifts off the cent.
cents = orders["amount"] * 100
print(f"amounts not a whole number of cents: {(cents != cents.round()).sum()}")
#> amounts not a whole number of cents: 9214
print(f"running total: {orders['amount'].cumsum().iloc[-1]}")
#> running total: 25093431.210000258

# pandas 3 stores text as Arrow-backed `str`; pandas 2 used Python objects (object).
print(repr(orders["country"].dtype), orders["country"].dtype.storage)
#> <StringDtype(na_value=nan)> pyarrow
as_objects = orders["country"].astype(object).memory_usage(deep=True, index=False)
print(f"country as object: {as_objects / 2**20:.2f} MiB")
#> country as object: 5.63 MiB
