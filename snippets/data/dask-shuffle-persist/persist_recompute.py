"""The pitfall: two compute() calls on one lazy frame read and clean every partition twice."""

import tempfile
from pathlib import Path

import dask
import dask.dataframe as dd
import numpy as np
import pandas as pd

# Name the scheduler: the local thread pool. Left to pick it, Dask 2026.8 with
# filesystem="arrow" fails in persist() with KeyError: 'distributed' (dask#11352).
dask.config.set(scheduler="threads")
rows_cleaned: list[int] = []  # clean() appends the size of each partition it cleans


def write_orders(directory: Path, rows: int, files: int) -> None:
    rng = np.random.default_rng(42)
    orders = pd.DataFrame(
        {
            "order_id": np.arange(rows),
            "country": rng.choice([" de", "FR ", "us"], rows),  # messy input
            "status": rng.choice(["paid", "refunded"], rows, p=[0.95, 0.05]),
            "amount": rng.integers(100, 50_000, rows) / 100,
        }
    )
    step = rows // files
    for i in range(files):
        part = orders.iloc[i * step : (i + 1) * step]
        part.to_parquet(directory / f"part-{i}.parquet", index=False)


def clean(part: pd.DataFrame) -> pd.DataFrame:
    rows_cleaned.append(len(part))
    return part.assign(country=part["country"].str.strip().str.upper())


def cleaned_orders(directory: Path) -> dd.DataFrame:
    orders = dd.read_parquet(directory, filesystem="arrow")
    # lazy: nothing is read or cleaned yet (meta: the output has the input's columns)
    return orders.map_partitions(clean, meta=orders.dtypes.to_dict())


with tempfile.TemporaryDirectory() as tmp:
    write_orders(Path(tmp), rows=100_000, files=4)
    orders = cleaned_orders(Path(tmp))
    paid = orders[orders["status"] == "paid"]
    revenue = paid.groupby("country")["amount"].sum().compute()
    refunded = (orders["status"] == "refunded").sum().compute()

print(revenue.round(2).sort_index().to_dict())
#> {'DE': 7965412.24, 'FR': 7869151.81, 'US': 7940011.72}
print(f"refunded orders: {refunded}")
#> refunded orders: 4949
# Each compute() ran the whole graph: read the four files, clean every row.
print(f"rows read and cleaned: {sum(rows_cleaned):,} (the table has 100,000)")
#> rows read and cleaned: 200,000 (the table has 100,000)
