"""Vectorised code that handles overflow, division by zero and missing values on purpose."""

import math
import warnings

import numpy as np
import polars as pl

# Request latencies in nanoseconds, as int64: the unit of datetime64 and pandas Timedelta.
latencies_ns = np.array(
    [1_200_000_000, 4_300_000_000, 900_000, 3_100_000_000], dtype=np.int64
)
exact = sum(int(ns) ** 2 for ns in latencies_ns)  # Python ints never overflow
# Check the bound before trusting int64: can the sum of squares of these values fit?
limit = math.isqrt(np.iinfo(np.int64).max // max(len(latencies_ns), 1))
# Compare the values themselves: np.abs() wraps too, for the smallest int64 (NaT as an integer).
fits = bool(np.all((-limit <= latencies_ns) & (latencies_ns <= limit)))
# If not, square in float64: 53 bits of precision, but no wrap-around.
squares = latencies_ns.astype(np.int64 if fits else np.float64) ** 2
print(f"fits in int64: {fits}, squared as {squares.dtype}")
#> fits in int64: False, squared as float64
print(f"sum of squares: loop {exact:.4g}, numpy {squares.sum():.4g}")
#> sum of squares: loop 2.954e+19, numpy 2.954e+19
print(f"numpy right: {np.isclose(squares.sum(), exact)}")
#> numpy right: True

# Revenue per item; a cancelled order has no items, so it gets no per-item price.
revenue = np.array([20.0, 0.0, 15.0])
quantity = np.array([4, 0, 0])
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    no_price = np.full_like(revenue, np.nan)  # what a row without items gets
    # Divide only where quantity is not zero; the other places keep no_price's NaN.
    per_item = np.divide(revenue, quantity, out=no_price, where=quantity != 0)
print(f"numpy: {per_item}, warnings: {[str(w.message) for w in caught]}")
#> numpy: [ 5. nan nan], warnings: []

# In Polars, make the missing value a null on purpose: when() without otherwise().
orders = pl.DataFrame({"revenue": revenue, "quantity": quantity})
rule = pl.when(pl.col("quantity") != 0).then(pl.col("revenue") / pl.col("quantity"))
per_item_pl = orders.select(rule).to_series()
print(f"polars: {per_item_pl.to_list()}, nulls: {per_item_pl.null_count()}")
#> polars: [5.0, None, None], nulls: 2
print(f"after fill_null(0): {per_item_pl.fill_null(0).to_list()}")
#> after fill_null(0): [5.0, 0.0, 0.0]
