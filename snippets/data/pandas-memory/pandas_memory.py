"""Choose dtypes when reading: narrow integers, categoricals, nullable Int8, money in cents."""

import io
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

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


# What each column holds decides its dtype, not what read_csv can infer from text.
DTYPES = {
    "order_id": "int32",  # fewer than 2**31 orders
    "user_id": "int32",
    "country": "category",  # 10 distinct values: 1-byte codes into a table of 10
    "status": "category",
    "amount": "float64",  # text like 123.45: parsed as float, stored below as cents
    "quantity": "int8",  # 1 to 9
    "discount": "Int8",  # nullable: integers stay integers, gaps become <NA>
}

with tempfile.TemporaryDirectory() as tmp:
    path = Path(tmp) / "orders.csv"
    write_orders(path, 100_000)
    # usecols makes the map a contract: a column missing from the file is an error.
    orders = pd.read_csv(path, usecols=list(DTYPES), dtype=DTYPES)

# Money as whole cents in int64: exact, and sums do not depend on their order.
# Rounding is exact while amounts stay below about 10**13 (float64 has 53 bits).
orders["amount"] = orders["amount"].mul(100).round().astype("int64")
orders = orders.rename(columns={"amount": "amount_cents"})

usage = orders.memory_usage(deep=True, index=False)
print(pd.DataFrame({"dtype": orders.dtypes.astype(str), "bytes": usage}))
"""
                 dtype   bytes
order_id         int32  400000
user_id          int32  400000
country       category  100402
status        category  100152
amount_cents     int64  800000
quantity          int8  100000
discount          Int8  200000
"""
print(f"total: {usage.sum() / 2**20:.2f} MiB")
#> total: 2.00 MiB
print(orders["discount"].head(4).tolist())
#> [<NA>, <NA>, <NA>, 24]
print(f"revenue: {orders['amount_cents'].sum()} cents")
#> revenue: 2509343121 cents

# The default C parser checks every value against the narrow dtype: 300 is refused.
try:
    bad = pd.read_csv(io.StringIO("quantity\n3\n300\n"), dtype={"quantity": "int8"})
except ValueError as exc:
    print(f"refused: {exc}")
    """
    refused: cannot safely convert passed user dtype of int8 for int64 dtyped data in column 0
    """
else:
    print(f"read as {bad['quantity'].tolist()}")

# Without usecols, a dtype for a column the file does not have (renamed upstream:
# "qty") is silently ignored, and the renamed column is read as inferred int64.
renamed = io.StringIO("qty\n3\n")
print(pd.read_csv(renamed, dtype={"quantity": "int8"}).dtypes.to_dict())
#> {'qty': dtype('int64')}
try:
    pd.read_csv(
        io.StringIO("qty\n3\n"), usecols=["quantity"], dtype={"quantity": "int8"}
    )
except ValueError as exc:
    print(f"with usecols: {exc}")
    """
    with usecols: Usecols do not match columns, columns expected but not found: ['quantity']
    """
