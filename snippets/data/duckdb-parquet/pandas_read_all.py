"""The pitfall: pd.read_parquet loads a whole partitioned dataset to answer a query on a slice."""

import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

COUNTRIES = ["DE", "FR", "GB", "US", "JP", "BR", "IN", "CA", "ES", "IT"]


def write_orders(root: Path, rows: int) -> None:
    """Orders partitioned by year: <root>/year=2024/…parquet, one folder a year."""
    rng = np.random.default_rng(42)
    pd.DataFrame(
        {
            "order_id": np.arange(rows),
            "year": rng.choice([2024, 2025, 2026], rows),
            "country": rng.choice(COUNTRIES, rows),
            "status": rng.choice(["paid", "refunded"], rows, p=[0.9, 0.1]),
            "amount_cents": rng.integers(100, 50_000, rows),
        }
    ).to_parquet(root, partition_cols=["year"])


with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp) / "orders"
    write_orders(root, 100_000)
    orders = pd.read_parquet(root)  # every file, every column, every row
    paid = orders[(orders["year"] == 2026) & (orders["status"] == "paid")]
    revenue = paid.groupby("country")["amount_cents"].agg(["count", "sum"])

mib = orders.memory_usage(deep=True).sum() / 2**20
print(f"loaded {len(orders):,} rows x {orders.shape[1]} columns ({mib:.1f} MiB)")
#> loaded 100,000 rows x 5 columns (3.8 MiB)
print(f"used {len(paid):,} rows x 2 columns")
#> used 29,988 rows x 2 columns
print(revenue.head(3))
"""
         count       sum
country
BR        2982  74746483
CA        2961  74167443
DE        2938  74379594
"""
