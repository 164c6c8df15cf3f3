"""The pitfall: vectorised code overflows, divides by zero and makes NaN where a loop would not."""

import warnings

import numpy as np
import polars as pl

# Request latencies in nanoseconds, as int64: the unit of datetime64 and pandas Timedelta.
latencies_ns = np.array(
    [1_200_000_000, 4_300_000_000, 900_000, 3_100_000_000], dtype=np.int64
)
exact = sum(int(ns) ** 2 for ns in latencies_ns)  # Python ints never overflow
# int64 squares past 9.2e18 wrap around: no error and no warning, even under -W error.
squares = latencies_ns * latencies_ns
print(f"squared as {squares.dtype}")
#> squared as int64
print(f"sum of squares: loop {exact:.4g}, numpy {squares.sum():.4g}")
#> sum of squares: loop 2.954e+19, numpy -7.353e+18
print(f"numpy right: {np.isclose(squares.sum(), exact)}")
#> numpy right: False

# Revenue per item; a cancelled order has no items. A loop raises ZeroDivisionError.
revenue = np.array([20.0, 0.0, 15.0])
quantity = np.array([4, 0, 0])
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    per_item = revenue / quantity
print(f"numpy: {per_item}, warnings: {[str(w.message) for w in caught]}")
"""
numpy: [ 5. nan inf], warnings: ['divide by zero encountered in divide', 'invalid value encountered in divide']
"""

# Polars divides without a warning; its missing value is null, and NaN is not null.
orders = pl.DataFrame({"revenue": revenue, "quantity": quantity})
rule = pl.col("revenue") / pl.col("quantity")
per_item_pl = orders.select(rule).to_series()
print(f"polars: {per_item_pl.to_list()}, nulls: {per_item_pl.null_count()}")
#> polars: [5.0, nan, inf], nulls: 0
print(f"after fill_null(0): {per_item_pl.fill_null(0).to_list()}")
#> after fill_null(0): [5.0, nan, inf]
