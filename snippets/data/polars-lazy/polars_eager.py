"""The pitfall: pl.read_parquet decodes every column of every row before the query runs."""

import tempfile
from pathlib import Path

import numpy as np
import polars as pl

COUNTRIES = ["DE", "FR", "GB", "US", "JP", "BR", "IN", "CA", "ES", "IT"]


def write_orders(path: Path, rows: int) -> None:
    rng = np.random.default_rng(42)
    pl.DataFrame(
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
    ).write_parquet(path)


pl.Config.set_float_precision(2)  # money: two decimals

with tempfile.TemporaryDirectory() as tmp:
    path = Path(tmp) / "orders.parquet"
    write_orders(path, 100_000)
    orders = pl.read_parquet(path)  # eager: the whole file, now

print(f"loaded {orders.width} columns: {orders.estimated_size('mb'):.2f} MiB")
#> loaded 6 columns: 3.69 MiB
summary = (
    orders.filter(pl.col("status") == "paid")
    .group_by("country")
    .agg(orders=pl.len(), revenue=pl.col("amount").sum())
    .with_columns(average=pl.col("revenue") / pl.col("orders"))
    .sort("country")
)
print(summary.head(3))
"""
shape: (3, 4)
┌─────────┬────────┬────────────┬─────────┐
│ country ┆ orders ┆ revenue    ┆ average │
│ ---     ┆ ---    ┆ ---        ┆ ---     │
│ str     ┆ u32    ┆ f64        ┆ f64     │
╞═════════╪════════╪════════════╪═════════╡
│ BR      ┆ 8054   ┆ 2010241.74 ┆ 249.60  │
│ CA      ┆ 8021   ┆ 2012653.19 ┆ 250.92  │
│ DE      ┆ 7898   ┆ 1987713.86 ┆ 251.67  │
└─────────┴────────┴────────────┴─────────┘
"""
