"""The pitfall: merging two many-partition frames on a column shuffles both over the workers."""

from collections import Counter

import dask.dataframe as dd
import numpy as np
import pandas as pd
from dask.distributed import Client, LocalCluster, get_task_stream
from dask.utils import key_split

rng = np.random.default_rng(42)
orders = pd.DataFrame(
    {
        "order_id": np.arange(100_000),
        "user_id": rng.integers(0, 20_000, 100_000),
        "amount": rng.integers(100, 50_000, 100_000) / 100,
    }
)
users = pd.DataFrame(
    {"user_id": np.arange(20_000), "tier": rng.choice(["free", "pro"], 20_000)}
)

with (
    LocalCluster(
        n_workers=1,
        threads_per_worker=2,
        processes=False,  # the worker runs in threads of this process
        dashboard_address="127.0.0.1:0",  # any free port, never the default 8787
    ) as cluster,
    Client(cluster) as client,
):
    big = dd.from_pandas(orders, npartitions=4)
    small = dd.from_pandas(users, npartitions=4)  # as read from four files
    # The task stream: every task the workers ran, the dashboard's Task Stream panel.
    with get_task_stream(client) as stream:
        joined = big.merge(small, on="user_id", how="left").compute()

print(f"rows: {len(joined):,}, with a tier: {joined['tier'].notna().sum():,}")
#> rows: 100,000, with a tier: 100,000
tasks = Counter(key_split(task["key"]) for task in stream.data)
# Both sides were split by user_id and sent between tasks before any merge ran.
print(dict(sorted(tasks.items())))
"""
{
    "frompandas": 8,
    "hash-join-transfer": 8,
    "hashjoinp2p": 4,
    "repartitiontofewer": 1,
    "shuffle-barrier": 2,
}
"""
