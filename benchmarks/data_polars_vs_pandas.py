"""The same query (paid orders per country: count and revenue) in pandas and Polars, one run.

Times are measured in this process, every approach in every repetition, so each ratio compares
runs under the same machine load. Every approach runs once on the file before any is timed
(warm-up: the first pandas call pays for lazy imports and allocator set-up), and the order of
the approaches rotates from one repetition to the next, so none always runs first.

Peak memory cannot come from tracemalloc (Polars and Arrow allocate outside Python's
allocator), so each approach also runs once per repetition in a fresh interpreter. That
interpreter first runs the approach on a 1,000-row file, so that lazy imports, thread pools and
allocator arenas exist already, then resets its peak resident set size (Linux:
`/proc/self/clear_refs`) and reports how far the peak (VmHWM) rises above the resident size it
started from (VmRSS) while the approach runs on the real file.
"""

from __future__ import annotations

import atexit
import functools
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pandas as pd
import polars as pl
import pyarrow.parquet  # noqa: F401  (imported before the baseline: pandas loads it for read_parquet)

from benchmarks._orders import orders_table, peak_rise
from benchmarks.harness import Benchmark, Claim, Metric, in_turn

FULL_ROWS = 2_000_000
QUICK_ROWS = 100_000
WARM_UP_ROWS = 1_000
ROOT = Path(__file__).resolve().parents[1]


@functools.cache
def orders_parquet(rows: int) -> Path:
    """The Polars snippets' file: the orders table without its discount column, by Polars."""
    tmp = tempfile.TemporaryDirectory()
    atexit.register(tmp.cleanup)
    path = Path(tmp.name) / "orders.parquet"
    frame = pl.from_arrow(orders_table(rows).drop_columns(["discount"]))
    assert isinstance(frame, pl.DataFrame)  # a table, not a single column
    frame.write_parquet(path)
    return path


def pandas_eager(path: Path) -> pd.DataFrame:
    orders = pd.read_parquet(path)
    paid = orders[orders["status"] == "paid"]
    return paid.groupby("country")["amount"].agg(["size", "sum"])


def pandas_pushdown(path: Path) -> pd.DataFrame:
    # pandas with the pushdown done by hand: two columns, and the filter handed to pyarrow
    orders = pd.read_parquet(path, columns=["country", "amount"], filters=[("status", "==", "paid")])
    return orders.groupby("country")["amount"].agg(["size", "sum"])


def _per_country(frame: pl.LazyFrame) -> pl.LazyFrame:
    return (
        frame.filter(pl.col("status") == "paid")
        .group_by("country")
        .agg(orders=pl.len(), revenue=pl.col("amount").sum())
    )


def polars_eager(path: Path) -> pl.DataFrame:
    orders = pl.read_parquet(path)
    return (
        orders.filter(pl.col("status") == "paid")
        .group_by("country")
        .agg(orders=pl.len(), revenue=pl.col("amount").sum())
    )


def polars_lazy(path: Path) -> pl.DataFrame:
    return _per_country(pl.scan_parquet(path)).collect(engine="in-memory")


def polars_streaming(path: Path) -> pl.DataFrame:
    return _per_country(pl.scan_parquet(path)).collect(engine="streaming")


APPROACHES: dict[str, Callable[[Path], object]] = {
    "pandas_eager": pandas_eager,
    "pandas_pushdown": pandas_pushdown,
    "polars_eager": polars_eager,
    "polars_lazy": polars_lazy,
    "polars_streaming": polars_streaming,
}
PEAKS = ("pandas_eager", "polars_eager", "polars_streaming")
SCALING = ("pandas_eager", "polars_streaming")


def _seconds(approach: Callable[[Path], object], path: Path) -> float:
    start = time.perf_counter()
    approach(path)
    return time.perf_counter() - start


def _peak_rss_rise(name: str, path: Path) -> float:
    """Bytes by which a fresh interpreter's peak RSS rises while it runs one approach."""
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.data_polars_vs_pandas",
            name,
            str(orders_parquet(WARM_UP_ROWS)),
            str(path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(proc.stdout)


def measure_at(rows: int, turn: int) -> dict[str, float]:
    path = orders_parquet(rows)
    # The harness's warm-up repetition runs each approach once before any is timed.
    times = in_turn(turn, {name: partial(_seconds, approach, path) for name, approach in APPROACHES.items()})
    peaks = {f"{name}_peak": _peak_rss_rise(name, path) for name in PEAKS}
    # The same at a tenth of the size, to show how each peak scales with the data.
    small = orders_parquet(rows // 10)
    peaks |= {f"{name}_peak_tenth": _peak_rss_rise(name, small) for name in SCALING}
    return {
        "rows": rows,
        **times,
        **peaks,
        "speedup": times["pandas_eager"] / times["polars_streaming"],
        "speedup_vs_pushdown": times["pandas_pushdown"] / times["polars_streaming"],
        "lazy_vs_eager": times["polars_eager"] / times["polars_streaming"],
        "memory_ratio": peaks["pandas_eager_peak"] / peaks["polars_streaming_peak"],
        "memory_ratio_tenth": (peaks["pandas_eager_peak_tenth"] / peaks["polars_streaming_peak_tenth"]),
        "pandas_growth": peaks["pandas_eager_peak"] / peaks["pandas_eager_peak_tenth"],
        "streaming_growth": peaks["polars_streaming_peak"] / peaks["polars_streaming_peak_tenth"],
    }


BENCHMARK = Benchmark(
    title="Paid revenue per country from Parquet: pandas vs Polars",
    metrics={
        "rows": Metric("count", "rows in the Parquet file"),
        "pandas_eager": Metric("seconds", "pd.read_parquet (all columns), filter, groupby"),
        "pandas_pushdown": Metric("seconds", "pd.read_parquet(columns=..., filters=...), groupby"),
        "polars_eager": Metric("seconds", "pl.read_parquet (all columns), then the query"),
        "polars_lazy": Metric("seconds", "pl.scan_parquet query, collect(engine='in-memory')"),
        "polars_streaming": Metric("seconds", "pl.scan_parquet query, collect(engine='streaming')"),
        "pandas_eager_peak": Metric("bytes", "peak RSS rise in a fresh process: pandas, all columns"),
        "polars_eager_peak": Metric("bytes", "peak RSS rise in a fresh process: Polars, eager read"),
        "polars_streaming_peak": Metric("bytes", "peak RSS rise in a fresh process: Polars, lazy + streaming"),
        "pandas_eager_peak_tenth": Metric("bytes", "pandas, all columns: peak RSS rise at a tenth of the rows"),
        "polars_streaming_peak_tenth": Metric("bytes", "Polars streaming: peak RSS rise at a tenth of the rows"),
        "speedup": Metric("ratio", "pandas (all columns) time / Polars streaming time"),
        "speedup_vs_pushdown": Metric("ratio", "pandas (pushdown by hand) time / Polars streaming time"),
        "lazy_vs_eager": Metric("ratio", "Polars eager time / Polars lazy streaming time"),
        "memory_ratio": Metric("ratio", "pandas (all columns) peak RSS rise / Polars streaming peak RSS rise"),
        "memory_ratio_tenth": Metric("ratio", "the same at a tenth of the rows"),
        "pandas_growth": Metric("ratio", "pandas peak RSS rise at full size / at a tenth of the rows"),
        "streaming_growth": Metric("ratio", "Polars streaming peak RSS rise at full size / at a tenth of the rows"),
    },
    measure=partial(measure_at, FULL_ROWS),
    quick_measure=partial(measure_at, QUICK_ROWS),
    claims=(
        Claim(
            "speedup",
            at_least=2,
            why="Polars reads 3 of 6 columns, filters in the scan and uses both cores",
        ),
        Claim("speedup_vs_pushdown", at_least=1, why="still ahead of pandas given the same pushdown"),
        Claim("lazy_vs_eager", at_least=1.5, why="the lazy query reads 3 of 6 columns and filters in the scan"),
        Claim("memory_ratio", at_least=2, why="pandas materializes every column before filtering"),
        Claim("memory_ratio_tenth", at_least=3, why="a small fraction of the pandas peak at a tenth of the rows too"),
    ),
    packages=("pandas", "polars", "pyarrow"),
    repetitions=5,
    quick_repetitions=1,
    notes="2-core machine shared with other work; Polars uses all cores, pandas one.",
)


if __name__ == "__main__":
    # Child process of _peak_rss_rise: warm up on the small file, then measure on the real one.
    name, warm_up, file = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    APPROACHES[name](warm_up)
    print(peak_rise(partial(APPROACHES[name], file)))
