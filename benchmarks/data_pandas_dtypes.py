"""pandas memory of one orders table under four dtype choices, from memory_usage(deep=True).

The table is the one the Data-stack snippets generate (same seed, same columns), written as CSV
and read back the way each snippet reads it: inferred dtypes, inferred dtypes with text as
Python objects (the pandas 2 layout), explicit NumPy-backed dtypes, and explicit Arrow dtypes.
Memory is deterministic for fixed data, so the repetitions only show that it does not move; the
figures per row are measured at two sizes to show how they scale.

The full run (`python -m benchmarks`) measures at full size; `make check-claims` calls
``quick_measure``, the same measurement at a smaller size.
"""

from __future__ import annotations

import tempfile
from functools import partial
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv

from benchmarks._orders import orders_table
from benchmarks.harness import Benchmark, Claim, Metric

FULL_ROWS = 2_000_000
QUICK_ROWS = 100_000
SMALL_ROWS = 10_000  # the second size, for bytes per row

DTYPES = {
    "order_id": "int32",
    "user_id": "int32",
    "country": "category",
    "status": "category",
    "amount": "float64",
    "quantity": "int8",
    "discount": "Int8",
}
ARROW_DTYPES = {
    "order_id": pd.ArrowDtype(pa.int32()),
    "user_id": pd.ArrowDtype(pa.int32()),
    "country": pd.ArrowDtype(pa.dictionary(pa.int8(), pa.string())),
    "status": pd.ArrowDtype(pa.dictionary(pa.int8(), pa.string())),
    "amount": pd.ArrowDtype(pa.decimal128(12, 2)),  # exact money: 16 bytes a row
    "quantity": pd.ArrowDtype(pa.int8()),
    "discount": pd.ArrowDtype(pa.int8()),
}


def write_orders_csv(path: Path, rows: int) -> None:
    # pyarrow's writer is faster than DataFrame.to_csv; read_csv parses the same values back.
    pa_csv.write_csv(orders_table(rows), path)


def _total(frame: pd.DataFrame) -> int:
    return int(frame.memory_usage(deep=True, index=False).sum())


def _numpy_backed(path: Path) -> pd.DataFrame:
    """As the NumPy-backed snippet reads it: chosen dtypes, then money as int64 cents."""
    orders = pd.read_csv(path, usecols=list(DTYPES), dtype=DTYPES)
    orders["amount"] = orders["amount"].mul(100).round().astype("int64")
    return orders


def _footprints(rows: int) -> dict[str, int]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "orders.csv"
        write_orders_csv(path, rows)
        inferred = pd.read_csv(path)
        text: list[str] = list(inferred.select_dtypes("str").columns)
        return {
            "inferred": _total(inferred),
            "objects": _total(inferred.astype(dict.fromkeys(text, object))),
            "numpy": _total(_numpy_backed(path)),
            "arrow": _total(pd.read_csv(path, engine="pyarrow", dtype_backend="pyarrow", dtype=ARROW_DTYPES)),
        }


def measure_at(rows: int, turn: int) -> dict[str, float]:
    big, small = _footprints(rows), _footprints(SMALL_ROWS)
    return {
        "rows": rows,
        "inferred": big["inferred"],
        "objects": big["objects"],
        "numpy": big["numpy"],
        "arrow": big["arrow"],
        "saving": big["inferred"] / big["numpy"],
        "saving_vs_objects": big["objects"] / big["numpy"],
        "arrow_saving": big["inferred"] / big["arrow"],
        "inferred_per_row": big["inferred"] / rows,
        "numpy_per_row": big["numpy"] / rows,
        "inferred_per_row_small": small["inferred"] / SMALL_ROWS,
        "numpy_per_row_small": small["numpy"] / SMALL_ROWS,
    }


BENCHMARK = Benchmark(
    title="pandas memory of an orders table: inferred vs chosen dtypes",
    metrics={
        "rows": Metric("count", "rows in the table"),
        "inferred": Metric("bytes", "read_csv with inferred dtypes (pandas 3: int64, float64, Arrow-backed str)"),
        "objects": Metric("bytes", "the same with text as Python objects (the pandas 2 default)"),
        "numpy": Metric("bytes", "read_csv with int32/int8, category and nullable Int8; amounts as int64 cents"),
        "arrow": Metric("bytes", "engine='pyarrow', narrow Arrow types, decimal128 amounts"),
        "saving": Metric("ratio", "inferred / chosen NumPy-backed dtypes"),
        "saving_vs_objects": Metric("ratio", "text as objects / chosen NumPy-backed dtypes"),
        "arrow_saving": Metric("ratio", "inferred / chosen Arrow dtypes"),
        "inferred_per_row": Metric("bytes", "inferred dtypes, bytes per row at full size"),
        "numpy_per_row": Metric("bytes", "chosen dtypes, bytes per row at full size"),
        "inferred_per_row_small": Metric("bytes", "inferred dtypes, bytes per row at 10,000 rows"),
        "numpy_per_row_small": Metric("bytes", "chosen dtypes, bytes per row at 10,000 rows"),
    },
    measure=partial(measure_at, FULL_ROWS),
    quick_measure=partial(measure_at, QUICK_ROWS),
    claims=(
        Claim(
            "saving",
            at_least=2.5,
            at_most=3.5,
            why="chosen dtypes take about a third of the inferred ones",
        ),
        Claim(
            "saving_vs_objects",
            at_least=6,
            why="text as Python objects costs several times more again",
        ),
        Claim(
            "arrow_saving",
            at_least=2,
            why="narrow Arrow types save over half, with exact 16-byte decimal amounts",
        ),
        Claim("numpy_per_row", at_most=25, why="about 21 bytes per order with chosen dtypes"),
    ),
    packages=("pandas", "pyarrow", "numpy"),
    repetitions=5,
    quick_repetitions=1,
    notes="memory_usage(deep=True, index=False) summed over columns; deterministic for fixed data.",
)
