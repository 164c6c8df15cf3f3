"""A GROUP BY bigger than DuckDB's memory limit: it spills to the directory you name, or fails."""

import json
import tempfile
from pathlib import Path

import duckdb

LIMIT = "12MiB"  # the hash table of 300,000 users needs more than this


def count_users(parquet: Path, spill_to: str, max_spill: str = "1GiB") -> str:
    with duckdb.connect(
        config={
            "memory_limit": LIMIT,
            "temp_directory": spill_to,  # "" = nowhere to spill
            "threads": 2,  # each thread builds its own hash table: fix the count
        }
    ) as con:
        # The bound on the disk a spill may take, as a SET: DuckDB 2.0.0 accepts
        # max_temp_directory_size as a `config` key but does not enforce it.
        con.execute("SET max_temp_directory_size = $size", {"size": max_spill})
        con.execute("SET enable_profiling = 'no_output'")  # keep the query's metrics
        try:
            [(users,)] = con.sql(
                "SELECT count(*) FROM"
                " (SELECT user_id, sum(amount) FROM read_parquet($path) GROUP BY user_id)",
                params={"path": str(parquet)},
            ).fetchall()
        except duckdb.OutOfMemoryException as exc:
            return type(exc).__name__
        system = json.loads(con.get_profiling_information(format="json"))["system"]
        return f"{users} users, spilled: {system['peak_temp_dir_size'] > 0}"


with tempfile.TemporaryDirectory() as tmp:
    parquet = Path(tmp) / "events.parquet"
    duckdb.execute(
        "COPY (SELECT i % 300_000 AS user_id, i % 977 AS amount FROM range(1_000_000) t(i))"
        " TO $path (FORMAT parquet)",
        {"path": str(parquet)},
    )
    print("no spill directory:", count_users(parquet, ""))
    #> no spill directory: OutOfMemoryException
    print("spill directory:", count_users(parquet, str(Path(tmp) / "spill")))
    #> spill directory: 300000 users, spilled: True
    print(
        "spill bounded to 1 MiB:",
        count_users(parquet, str(Path(tmp) / "spill"), "1MiB"),
    )
    #> spill bounded to 1 MiB: OutOfMemoryException
