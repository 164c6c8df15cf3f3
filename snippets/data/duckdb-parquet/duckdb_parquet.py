"""The fix: DuckDB runs the query on the files, reading only the partition, columns and rows it needs."""

import json
import tempfile
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd

COUNTRIES = ["DE", "FR", "GB", "US", "JP", "BR", "IN", "CA", "ES", "IT"]
REVENUE = """
    SELECT country, count(*) AS count, sum(amount_cents)::BIGINT AS sum
    FROM orders
    WHERE year = $year AND status = $status
    GROUP BY country ORDER BY country
"""


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


def revenue_by_country(con: duckdb.DuckDBPyConnection, status: str) -> pd.DataFrame:
    """2026 revenue by country; the values go in as parameters, never into the SQL text."""
    result = con.sql(REVENUE, params={"year": 2026, "status": status})
    frame: pd.DataFrame = result.df().set_index("country")
    return frame


def scan_of(profile: dict[str, Any]) -> dict[str, Any]:
    """What the TABLE_SCAN operator in a query's profile did."""
    for op in profile.get("operator", profile.get("children", [])):
        if op["type"] == "TABLE_SCAN":
            return {**op["extra_info"], "rows out": op["intermediate_rows"]}
        if found := scan_of(op):
            return found
    return {}


with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp) / "orders"
    write_orders(root, 100_000)
    with duckdb.connect() as con:
        # A lazy relation: nothing is read until a query runs on it.
        orders = con.read_parquet(f"{root}/**/*.parquet", hive_partitioning=True)
        con.register("orders", orders)
        con.execute("SET enable_profiling = 'no_output'")  # keep each query's profile
        revenue = revenue_by_country(con, "paid")
        scan = scan_of(json.loads(con.get_profiling_information(format="json")))
        hostile = revenue_by_country(con, "paid' OR 'x' = 'x")  # stays one odd value

for key in ("Function", "Scanning Files", "Projections", "Filters", "rows out"):
    print(f"{key}: {scan.get(key)}")
    #> Function: PARQUET_SCAN
    #> Scanning Files: 1/3
    #> Projections: ['country', 'amount_cents']
    #> Filters: (status = 'paid')
    #> rows out: 29988
print(revenue.head(3))
"""
         count       sum
country
BR        2982  74746483
CA        2961  74167443
DE        2938  74379594
"""
print(f"hostile status matched {len(hostile)} countries")
#> hostile status matched 0 countries
