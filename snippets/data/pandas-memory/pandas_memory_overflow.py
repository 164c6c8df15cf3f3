"""The pitfall: narrowing that does not fit is silent on some routes: 300 becomes 44."""

import io

import pandas as pd
import pyarrow as pa

CSV = "quantity\n3\n300\n"  # one order of 300 items: too big for int8 (-128 to 127)

# The default C parser refuses the value...
try:
    pd.read_csv(io.StringIO(CSV), dtype={"quantity": "int8"})
except ValueError as exc:
    print(f"engine='c': {exc}")
    """
    engine='c': cannot safely convert passed user dtype of int8 for int64 dtyped data in column 0
    """

# ...but pyarrow's parser, given the same NumPy dtype, casts without checking:
quick = pd.read_csv(io.StringIO(CSV), dtype={"quantity": "int8"}, engine="pyarrow")
print(f"engine='pyarrow': {quick['quantity'].tolist()}")
#> engine='pyarrow': [3, 44]

# ...and so does narrowing after the read: astype never checks NumPy integers.
wide = pd.read_csv(io.StringIO(CSV))
print(f"astype('int8'): {wide['quantity'].astype('int8').tolist()}")
#> astype('int8'): [3, 44]

# Nullable integer dtypes check the cast: Int8 refuses what int8 wraps.
try:
    wide["quantity"].astype("Int8")
except TypeError as exc:
    print(f"astype('Int8'): {exc}")
    #> astype('Int8'): cannot safely cast non-equivalent int64 to int8

# Scale is narrowing too: a third decimal does not fit decimal128(12, 2), and
# pyarrow's parser drops it (1.005 becomes 1.00) where it refuses a 13th digit.
money = pd.ArrowDtype(pa.decimal128(12, 2))
cut = pd.read_csv(
    io.StringIO("amount\n1.005\n"), engine="pyarrow", dtype={"amount": money}
)
print(f"decimal128(12, 2): {cut['amount'].tolist()}")
#> decimal128(12, 2): [Decimal('1.00')]
