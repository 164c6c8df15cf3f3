"""Aggregate a Parquet file batch by batch with pyarrow.dataset: only the rows and columns needed."""

import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.dataset as ds

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
    ).to_parquet(path, row_group_size=10_000)


with tempfile.TemporaryDirectory() as tmp:
    path = Path(tmp) / "orders.parquet"
    write_orders(path, 100_000)
    # A file or a whole directory of files; nothing is read yet.
    dataset = ds.dataset(path, format="parquet")
    # Columns and filter are applied while reading: unused columns are never
    # decoded, and row groups whose statistics rule out "paid" are skipped.
    batches = dataset.to_batches(
        columns=["country", "amount"],
        filter=ds.field("status") == "paid",
        batch_size=10_000,
    )
    partials = [
        batch.to_pandas().groupby("country")["amount"].agg(["size", "sum"])
        for batch in batches
    ]

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
print(f"{len(partials)} batches")
#> 10 batches
