"""Dask DataFrame: a lazy frame of Parquet partitions, computed one pandas frame at a time."""

import tempfile
from pathlib import Path

import dask.dataframe as dd
import numpy as np
import pandas as pd

COUNTRIES = ["DE", "FR", "GB", "US", "JP", "BR", "IN", "CA", "ES", "IT"]


def write_orders(directory: Path, rows: int, files: int) -> None:
    rng = np.random.default_rng(42)
    orders = pd.DataFrame(
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
    )
    step = rows // files
    for i in range(files):
        part = orders.iloc[i * step : (i + 1) * step]
        part.to_parquet(directory / f"part-{i}.parquet", index=False)


def paid_by_country(directory: Path) -> dd.DataFrame:
    orders = dd.read_parquet(
        directory,
        columns=["country", "amount"],
        filters=[("status", "==", "paid")],  # applied by pyarrow while reading
        # Dask's PyArrow-native reader; the default fsspec reader calls
        # reset_index(inplace=True), which pandas 3.1 deprecates (a warning).
        filesystem="arrow",
    )
    print(f"{orders.npartitions} partitions, one per file")
    #> 4 partitions, one per file
    summary = orders.groupby("country")["amount"].agg(["count", "sum"])
    return summary.rename(columns={"count": "orders", "sum": "revenue"})


with tempfile.TemporaryDirectory() as tmp:
    write_orders(Path(tmp), rows=100_000, files=4)
    lazy = paid_by_country(Path(tmp))  # a task graph; only metadata read so far
    summary = lazy.compute()  # runs the graph on local threads

summary = summary.sort_index()  # partial results arrive in any order
summary["average"] = summary["revenue"] / summary["orders"]
print(summary.round(2).head(3))
"""
         orders     revenue  average
country
BR         8054  2010241.74   249.60
CA         8021  2012653.19   250.92
DE         7898  1987713.86   251.67
"""
