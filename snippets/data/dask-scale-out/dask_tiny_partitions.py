"""The pitfall: the same rows in 400 tiny partitions, and Dask's per-task overhead dominates."""

import tempfile
import time
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
        part.to_parquet(directory / f"part-{i:04d}.parquet", index=False)


def read_paid(directory: Path) -> dd.DataFrame:
    return dd.read_parquet(
        directory,
        columns=["country", "amount"],
        filters=[("status", "==", "paid")],
        filesystem="arrow",
    )


def timed(orders: dd.DataFrame) -> tuple[pd.DataFrame, float]:
    start = time.perf_counter()
    result = orders.groupby("country")["amount"].agg(["count", "sum"]).compute()
    return result.sort_index(), time.perf_counter() - start


with tempfile.TemporaryDirectory() as sized, tempfile.TemporaryDirectory() as tiny:
    write_orders(Path(sized), rows=100_000, files=4)  # 25,000 rows per partition
    write_orders(Path(tiny), rows=100_000, files=400)  # 250 rows per partition
    sized_orders, tiny_orders = read_paid(Path(sized)), read_paid(Path(tiny))
    print(f"partitions: {sized_orders.npartitions} and {tiny_orders.npartitions}")
    #> partitions: 4 and 400
    timed(sized_orders)  # warm-up: the first compute pays for imports and the pool
    few, few_seconds = timed(sized_orders)
    many, many_seconds = timed(tiny_orders)

# The same answer, at a very different price: every partition is a task (or
# several) that the scheduler must plan, hand out, run and collect.
print(f"same answer: {few.round(2).equals(many.round(2))}")
#> same answer: True
print(f"400 partitions took over twice as long as 4: {many_seconds > 2 * few_seconds}")
#> 400 partitions took over twice as long as 4: True
