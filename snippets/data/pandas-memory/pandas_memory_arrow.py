"""Arrow-backed dtypes: nullable everywhere, exact decimals, narrow types kept in Parquet."""

import io
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

COUNTRIES = ["DE", "FR", "GB", "US", "JP", "BR", "IN", "CA", "ES", "IT"]


def write_orders(path: Path, rows: int) -> None:
    rng = np.random.default_rng(42)
    pd.DataFrame(
        {
            "order_id": np.arange(rows),
            "user_id": rng.integers(0, 50_000, rows),
            "country": rng.choice(COUNTRIES, rows),
            "status": rng.choice(
                ["paid", "pending", "refunded"], rows, p=[0.8, 0.15, 0.05]
            ),
            "amount": rng.integers(100, 50_000, rows) / 100,
            "quantity": rng.integers(1, 10, rows),
            # most orders have no discount: an integer column with gaps
            "discount": pd.Series(rng.integers(5, 30, rows), dtype="Int64").mask(
                rng.random(rows) < 0.7
            ),
        }
    ).to_csv(path, index=False)


# The Arrow type of every column, checked by pyarrow as it parses.
ARROW_DTYPES = {
    "order_id": pd.ArrowDtype(pa.int32()),
    "user_id": pd.ArrowDtype(pa.int32()),
    "country": pd.ArrowDtype(pa.dictionary(pa.int8(), pa.string())),
    "status": pd.ArrowDtype(pa.dictionary(pa.int8(), pa.string())),
    # parsed from the text as an exact decimal: 123.45 is 12345 hundredths, no float
    "amount": pd.ArrowDtype(pa.decimal128(12, 2)),
    "quantity": pd.ArrowDtype(pa.int8()),
    "discount": pd.ArrowDtype(pa.int8()),  # Arrow integers have a null bitmap
}

# pyarrow checks every value against an Arrow type: 300 does not fit in int8.
try:
    bad = pd.read_csv(
        io.StringIO("quantity\n3\n300\n"),
        engine="pyarrow",
        dtype={"quantity": pd.ArrowDtype(pa.int8())},
    )
except pa.ArrowInvalid as exc:
    print(f"refused: {exc}")
    """
    refused: Integer value 300 not in range: -128 to 127: Error while type casting for column 'quantity'
    """
else:
    print(f"read as {bad['quantity'].tolist()}")

with tempfile.TemporaryDirectory() as tmp:
    path = Path(tmp) / "orders.csv"
    write_orders(path, 100_000)
    # pyarrow's multithreaded CSV parser, building Arrow columns directly
    orders = pd.read_csv(
        path, engine="pyarrow", dtype_backend="pyarrow", dtype=ARROW_DTYPES
    )
    # Parquet stores the types, so the next reader gets them without a dtype map.
    orders.to_parquet(Path(tmp) / "orders.parquet")
    reloaded = pd.read_parquet(Path(tmp) / "orders.parquet", dtype_backend="pyarrow")

usage = orders.memory_usage(deep=True, index=False)
arrow_types = [str(dtype.pyarrow_dtype) for dtype in orders.dtypes]
print(pd.DataFrame({"arrow type": arrow_types, "bytes": usage}).to_string())
"""
                                                  arrow type    bytes
order_id                                               int32   412500
user_id                                                int32   412500
country   dictionary<values=string, indices=int8, ordered=0>   100180
status    dictionary<values=string, indices=int8, ordered=0>   100093
amount                                     decimal128(12, 2)  1612500
quantity                                                int8   112500
discount                                                int8   112500
"""
print(f"total: {usage.sum() / 2**20:.2f} MiB")
#> total: 2.73 MiB
print(orders["discount"].head(4).tolist())
#> [<NA>, <NA>, <NA>, 24]
print(reloaded.dtypes.equals(orders.dtypes))
#> True
print(orders["amount"].sum())
#> 25093431.21
