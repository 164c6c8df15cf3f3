"""The pitfall: engine="streaming" runs a step it cannot stream in memory, without a word."""

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


with tempfile.TemporaryDirectory() as tmp:
    path = Path(tmp) / "orders.parquet"
    write_orders(path, 100_000)
    paid = pl.scan_parquet(path).filter(pl.col("status") == "paid")
    total = paid.group_by("country").agg(revenue=pl.col("amount").sum())
    median = paid.group_by("country").agg(median=pl.col("amount").median())
    # Both run, with engine="streaming" and the right answer, but only one streams:
    # the median group-by is handed whole to the in-memory engine.
    print(f"sum: {in_memory_steps(total)}, median: {in_memory_steps(median)}")
    #> sum: [], median: ['in-memory-map']
    by_country = median.collect(engine="streaming")  # no error, no warning
    print(f"{by_country.height} medians")
    #> 10 medians
