"""The pitfall: loading a whole CSV to aggregate it holds every row at once, however few columns."""

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
        }
    ).to_csv(path, index=False)


with tempfile.TemporaryDirectory() as tmp:
    path = Path(tmp) / "orders.csv"
    write_orders(path, 100_000)
    everything = pd.read_csv(path)  # all rows, all six columns
    # Only the columns the question needs: smaller, but still every row at once.
    orders = pd.read_csv(path, usecols=["country", "status", "amount"])

paid = orders[orders["status"] == "paid"]
summary = paid.groupby("country")["amount"].agg(orders="size", revenue="sum")
summary["average"] = summary["revenue"] / summary["orders"]
print(summary.round(2).head(3))
"""
         orders     revenue  average
country
BR         8054  2010241.74   249.60
CA         8021  2012653.19   250.92
DE         7898  1987713.86   251.67
"""
for name, frame in {"six columns": everything, "three columns": orders}.items():
    print(f"{name}: held at once {frame.memory_usage(deep=True).sum() / 2**20:.2f} MiB")
    #> six columns: held at once 5.21 MiB
    #> three columns: held at once 2.92 MiB
