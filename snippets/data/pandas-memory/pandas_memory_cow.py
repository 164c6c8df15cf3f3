"""pandas 3 Copy-on-Write: derived frames share memory until one of them is written to."""

import tracemalloc

import numpy as np
import pandas as pd

ROWS = 1_000_000
orders = pd.DataFrame(
    {
        "quantity": (np.arange(ROWS) % 9 + 1).astype("int8"),  # 1 byte per row
        "amount_cents": np.arange(ROWS, dtype="int64"),  # 8 bytes per row
    }
)


class Allocated:
    """MiB newly allocated inside the block (NumPy reports its buffers to tracemalloc)."""

    def __enter__(self) -> "Allocated":
        tracemalloc.reset_peak()
        self.before = tracemalloc.get_traced_memory()[0]
        return self

    def __exit__(self, *exc: object) -> None:
        peak = tracemalloc.get_traced_memory()[1]
        self.mib = f"{(peak - self.before) / 2**20:.1f} MiB"


tracemalloc.start()
with Allocated() as rename:
    renamed = orders.rename(columns=str.upper)  # a new frame over the same buffers
with Allocated() as copy:
    copied = orders.copy()  # deep: every column duplicated now
print(f"rename: {rename.mib}, copy: {copy.mib}")
#> rename: 0.0 MiB, copy: 8.6 MiB
shared = np.shares_memory(renamed["QUANTITY"].to_numpy(), orders["quantity"].to_numpy())
print(f"shared: {shared}")
#> shared: True

# The first write to a shared column copies that column (1,000,000 x 1 byte), and
# only then changes it: the original never sees the write.
with Allocated() as write:
    renamed.loc[0, "QUANTITY"] = 0
print(f"write: {write.mib}")
#> write: 1.0 MiB
shared = np.shares_memory(renamed["QUANTITY"].to_numpy(), orders["quantity"].to_numpy())
print(f"shared: {shared}, original: {orders.loc[0, 'quantity']}")
#> shared: False, original: 1

# Arrays handed out by to_numpy() are read-only views, so they cannot bypass this.
print(f"writeable: {orders['amount_cents'].to_numpy().flags.writeable}")
#> writeable: False
tracemalloc.stop()
