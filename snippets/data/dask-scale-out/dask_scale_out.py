"""The same Dask code on a cluster: a local one here, a real one at DASK_SCHEDULER_ADDRESS."""

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dask.dataframe as dd
import numpy as np
import pandas as pd
from dask.distributed import Client, LocalCluster, get_task_stream
from dask.utils import key_split

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
    summary = orders.groupby("country")["amount"].agg(["count", "sum"])
    return summary.rename(columns={"count": "orders", "sum": "revenue"})


@contextmanager
def scheduler_address() -> Iterator[str]:
    """DASK_SCHEDULER_ADDRESS if it is set, else the address of a cluster started here."""
    if address := os.environ.get("DASK_SCHEDULER_ADDRESS"):
        yield address  # e.g. tcp://10.0.0.5:8786, started by `dask scheduler`
        return
    # A real scheduler and worker listening on 127.0.0.1. The worker runs in
    # threads of this process (processes=False): no interpreter to start.
    with LocalCluster(
        n_workers=1,
        threads_per_worker=2,
        processes=False,
        protocol="tcp",
        host="127.0.0.1",
        # The scheduler's HTTP server (health, metrics and, with bokeh, the dashboard)
        # on a free port: None would mean the default 8787, which may be taken.
        dashboard_address="127.0.0.1:0",
    ) as cluster:
        yield cluster.scheduler_address


with tempfile.TemporaryDirectory() as tmp:
    # Every worker must be able to read this path: use shared storage on a real cluster.
    write_orders(Path(tmp), rows=100_000, files=4)
    # Connect over TCP exactly as a client on another machine would.
    with scheduler_address() as address, Client(address) as client:
        threads = client.nthreads()  # {worker address: threads}
        print(f"workers: {len(threads)}, threads: {sum(threads.values())}")
        #> workers: 1, threads: 2
        # The task stream records what the cluster's workers ran for this block.
        with get_task_stream(client) as tasks:
            summary = paid_by_country(Path(tmp)).compute()  # runs on the cluster
        # Reading the files is the work: done by the workers, not by this process.
        # 4 files, 2 reads: the optimizer fused the pruned partitions in pairs.
        reads = [t for t in tasks.data if "readparquet" in key_split(t["key"])]
        print(f"Parquet reads run by the cluster's workers: {len(reads)}")
        #> Parquet reads run by the cluster's workers: 2

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
