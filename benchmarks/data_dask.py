"""The Dask page's query (paid orders per country: count and revenue) in Dask and in pandas.

The data is the snippets' orders table split into Parquet files, one Dask partition per file.
Three approaches read the same two columns with the same filter pushed into the reader, so they
differ only in who runs the query: pandas (one call on the whole directory), Dask on four files
(the page's layout) and Dask on the same rows split into 400 tiny files (the page's pitfall).
Dask runs on its default local scheduler, a thread pool with one thread per core: no cluster.
Measured at the page's size and at twenty times that, to show where Dask's per-task overhead
stops mattering. Every approach runs once before any is timed (warm-up), and the order rotates
from one repetition to the next, so none always runs first.
"""

from __future__ import annotations

import atexit
import functools
import tempfile
from functools import partial
from pathlib import Path

import dask.dataframe as dd
import pandas as pd
import pyarrow.parquet as pq

from benchmarks._orders import orders_table
from benchmarks.harness import Benchmark, Claim, Metric, elapsed, in_turn

PAGE_ROWS = 100_000  # what the snippets use
FULL_LARGE_ROWS = 2_000_000
QUICK_LARGE_ROWS = 500_000
FILES = 4  # the page's layout: one partition per file
TINY_FILES = 400  # the pitfall: 250 rows per partition at the page's size
COLUMNS = ["country", "amount"]
FILTERS = [("status", "==", "paid")]


@functools.cache
def orders_directory(rows: int, files: int) -> Path:
    """The snippets' orders (without the discount column) as `files` Parquet files."""
    tmp = tempfile.TemporaryDirectory()
    atexit.register(tmp.cleanup)
    table = orders_table(rows).drop_columns(["discount"])
    step = rows // files
    for i in range(files):
        pq.write_table(table.slice(i * step, step), Path(tmp.name) / f"part-{i:04d}.parquet")
    return Path(tmp.name)


def with_pandas(directory: Path) -> pd.DataFrame:
    orders = pd.read_parquet(directory, columns=COLUMNS, filters=FILTERS)
    return orders.groupby("country")["amount"].agg(["count", "sum"])


def with_dask(directory: Path) -> pd.DataFrame:
    orders = dd.read_parquet(directory, columns=COLUMNS, filters=FILTERS, filesystem="arrow")
    return orders.groupby("country")["amount"].agg(["count", "sum"]).compute()


def measure_at(large_rows: int, turn: int) -> dict[str, float]:
    runs = {
        "pandas": partial(with_pandas, orders_directory(PAGE_ROWS, FILES)),
        "dask": partial(with_dask, orders_directory(PAGE_ROWS, FILES)),
        "dask_tiny": partial(with_dask, orders_directory(PAGE_ROWS, TINY_FILES)),
        "pandas_large": partial(with_pandas, orders_directory(large_rows, FILES)),
        "dask_large": partial(with_dask, orders_directory(large_rows, FILES)),
    }
    # The harness's warm-up repetition runs each once before any is timed.
    seconds = in_turn(turn, {name: partial(elapsed, run) for name, run in runs.items()})
    return {
        "rows": PAGE_ROWS,
        "large_rows": large_rows,
        "partitions": FILES,
        "tiny_partitions": TINY_FILES,
        "pandas_seconds": seconds["pandas"],
        "dask_seconds": seconds["dask"],
        "dask_tiny_seconds": seconds["dask_tiny"],
        "pandas_large_seconds": seconds["pandas_large"],
        "dask_large_seconds": seconds["dask_large"],
        "dask_vs_pandas": seconds["dask"] / seconds["pandas"],
        "dask_vs_pandas_large": seconds["dask_large"] / seconds["pandas_large"],
        "tiny_vs_sized": seconds["dask_tiny"] / seconds["dask"],
        "overhead_shrink": (seconds["dask"] / seconds["pandas"]) / (seconds["dask_large"] / seconds["pandas_large"]),
    }


BENCHMARK = Benchmark(
    title="Paid revenue per country from Parquet files: Dask partitions vs pandas",
    metrics={
        "rows": Metric("count", "rows at the page's size"),
        "large_rows": Metric("count", "rows at the larger size"),
        "partitions": Metric("count", "files (= Dask partitions) in the page's layout"),
        "tiny_partitions": Metric("count", "files (= Dask partitions) in the tiny-partition layout"),
        "pandas_seconds": Metric("seconds", "pandas read_parquet(columns, filters) + groupby, page's size"),
        "dask_seconds": Metric("seconds", "Dask, 4 partitions, threads, page's size"),
        "dask_tiny_seconds": Metric("seconds", "Dask, 400 partitions of 250 rows, page's size"),
        "pandas_large_seconds": Metric("seconds", "pandas, the larger size"),
        "dask_large_seconds": Metric("seconds", "Dask, 4 partitions, the larger size"),
        "dask_vs_pandas": Metric("ratio", "Dask time / pandas time at the page's size (above 1: Dask slower)"),
        "dask_vs_pandas_large": Metric("ratio", "Dask time / pandas time at the larger size"),
        "tiny_vs_sized": Metric("ratio", "Dask time with 400 tiny partitions / with 4"),
        "overhead_shrink": Metric("ratio", "dask_vs_pandas at the page's size / at the larger size"),
    },
    measure=partial(measure_at, FULL_LARGE_ROWS),
    quick_measure=partial(measure_at, QUICK_LARGE_ROWS),
    claims=(
        Claim("tiny_vs_sized", at_least=3, why="per-task overhead dominates tiny partitions"),
        Claim("dask_vs_pandas", at_least=1.5, why="at the page's size Dask's overhead makes it slower than pandas"),
        # Spread 2.1-6.0x in the full run; the suite's quick run under load has read 1.9x: 1.5 still means it shrinks.
        Claim("overhead_shrink", at_least=1.5, why="with more rows per task, Dask's fixed costs matter less"),
    ),
    packages=("dask", "pandas", "pyarrow"),
    repetitions=7,
    quick_repetitions=3,
    notes="Dask's default threaded scheduler on a 2-core machine shared with other work.",
)
