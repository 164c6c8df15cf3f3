"""Aggregate a CSV in chunks: memory bounded by the chunk size, not the file size."""

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
    partials, held = [], 0
    # Only the three columns the question needs, 10,000 rows at a time;
    # the with-block closes the file even if a chunk fails.
    with pd.read_csv(
        path, usecols=["country", "status", "amount"], chunksize=10_000
    ) as reader:
        for chunk in reader:
            paid = chunk[chunk["status"] == "paid"]
            # Sums and counts combine across chunks; per-chunk averages do not.
            partials.append(paid.groupby("country")["amount"].agg(["size", "sum"]))
            held = max(held, chunk.memory_usage(deep=True).sum())

summary = pd.concat(partials).groupby(level=0).sum()
summary.columns = ["orders", "revenue"]
summary["average"] = summary["revenue"] / summary["orders"]
print(summary.round(2).head(3))
"""
         orders     revenue  average
country
BR         8054  2010241.74   249.60
CA         8021  2012653.19   250.92
DE         7898  1987713.86   251.67
"""
print(f"{len(partials)} chunks, held at once: {held / 2**20:.2f} MiB")
#> 10 chunks, held at once: 0.29 MiB
