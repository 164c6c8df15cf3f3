"""A lazy Polars query: the optimizer pushes the filter and column choice into the scan."""

import re
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


def in_memory_steps(query: pl.LazyFrame) -> list[str]:
    """Steps of the query that the streaming engine would hand to the in-memory engine."""
    dot = query.show_graph(engine="streaming", plan_stage="physical", raw_output=True)
    # The graph's legend names the fill colour of fallback nodes; collect those nodes.
    color = re.search(r'COLOR="([^"]+)">⬤</FONT> in-memory engine fallback', dot)[1]
    node = rf'label="((?:[^"\\]|\\.)*)",style=filled,fillcolor="{color}"'
    return [label.split("\\n")[0] for label in re.findall(node, dot)]


def collect_streaming(query: pl.LazyFrame) -> pl.DataFrame:
    """collect(engine="streaming"), refusing a query that would silently run in memory."""
    if steps := in_memory_steps(query):
        raise RuntimeError(f"the streaming engine cannot run {steps}")
    return query.collect(engine="streaming")


pl.Config.set_float_precision(2)  # money: two decimals

with tempfile.TemporaryDirectory() as tmp:
    path = Path(tmp) / "orders.parquet"
    write_orders(path, 100_000)
    query = (
        pl.scan_parquet(path)  # lazy: reads the schema, no data
        .filter(pl.col("status") == "paid")
        .group_by("country")
        .agg(orders=pl.len(), revenue=pl.col("amount").sum())
        .with_columns(average=pl.col("revenue") / pl.col("orders"))
        .sort("country")
    )
    # The plan names the file; its temporary directory changes on every run.
    print(query.explain(optimized=False).replace(tmp, "<tmp>"))
    """
    SORT BY [col("country")]
       WITH_COLUMNS:
       [(col("revenue") / col("orders").cast(Float64)).alias("average")]
        AGGREGATE[maintain_order: false]
          [len().alias("orders"), col("amount").sum().alias("revenue")] BY [col("country")]
          FROM
          FILTER col("status") == "paid"
          FROM
            Parquet SCAN [<tmp>/orders.parquet]
            PROJECT */6 COLUMNS
            ESTIMATED ROWS: 100000
    """
    print(query.explain().replace(tmp, "<tmp>"))
    """
    SORT BY [col("country")]
       WITH_COLUMNS:
       [(col("revenue") / col("orders").cast(Float64)).alias("average")]
        AGGREGATE[maintain_order: false]
          [len().alias("orders"), col("amount").sum().alias("revenue")] BY [col("country")]
          FROM
          simple π 2/2 ["country", "amount"]
            Parquet SCAN [<tmp>/orders.parquet]
            PROJECT 3/6 COLUMNS
            SELECTION: col("status") == "paid"
            ESTIMATED ROWS: 100000
    """
    # The streaming engine reads the file in batches, so memory stays bounded;
    # a step it cannot stream would fall back to the in-memory engine, so check.
    print(f"in-memory steps: {in_memory_steps(query)}")
    #> in-memory steps: []
    summary = collect_streaming(query)

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
