"""DuckDB -> Arrow -> Polars -> pandas: which hand-offs share the Arrow buffers, which copy."""

import duckdb
import pandas as pd
import polars as pl
import pyarrow as pa


def buffers(column: pa.Array | pa.ChunkedArray) -> set[int]:
    """Addresses of the memory that holds a column: validity, offsets, values."""
    chunks = column.chunks if isinstance(column, pa.ChunkedArray) else [column]
    return {b.address for c in chunks for b in c.buffers() if b is not None and b.size}


def zero_copy(table: pa.Table, frame: pl.DataFrame | pd.DataFrame) -> list[str]:
    """The frame's columns that live wholly in the table's buffers: handed over uncopied."""
    zero = []
    for name in table.column_names:
        column = frame[name]
        arrow = column.to_arrow() if isinstance(column, pl.Series) else pa.array(column)
        if buffers(arrow) <= buffers(table[name]):
            zero.append(name)
    return zero


with duckdb.connect() as con:
    table = con.sql(  # DuckDB writes its result as Arrow buffers: the one conversion
        "SELECT i AS order_id, ['DE', 'FR', 'GB'][i % 3 + 1] AS country,"
        " i * 7 % 50_000 AS amount_cents FROM range(100_000) t(i)"
    ).to_arrow_table()

frame = pl.DataFrame(table)  # pl.from_arrow(table), typed as a DataFrame
print("Arrow -> Polars:", zero_copy(table, frame))
#> Arrow -> Polars: ['order_id', 'amount_cents']
orders = frame.to_pandas(use_pyarrow_extension_array=True)  # ArrowDtype columns
print("Polars -> pandas:", zero_copy(table, orders))
#> Polars -> pandas: ['order_id', 'amount_cents']
direct = table.to_pandas(types_mapper=pd.ArrowDtype)
print("Arrow -> pandas:", zero_copy(table, direct))
#> Arrow -> pandas: ['order_id', 'country', 'amount_cents']

before = pa.total_allocated_bytes()
numpy_backed = table.to_pandas()  # the default: NumPy-backed columns
copied = (pa.total_allocated_bytes() - before) / 2**20
print(
    f"Arrow -> NumPy-backed pandas: {zero_copy(table, numpy_backed)}, {copied:.1f} MiB copied"
)
#> Arrow -> NumPy-backed pandas: [], 2.3 MiB copied
split = table.to_pandas(split_blocks=True)  # a NumPy array per column, not per dtype
print("Arrow -> pandas, split_blocks:", zero_copy(table, split))
#> Arrow -> pandas, split_blocks: ['order_id', 'amount_cents']
