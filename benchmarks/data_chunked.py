"""Peak memory of one CSV aggregation: the whole file at once versus read_csv(chunksize=...).

Both approaches read the same three columns (``usecols``) and compute the same partial sums:
the only difference is ``chunksize``. Each runs in a fresh interpreter that first runs it on a
1,000-row file (warm-up: lazy imports and allocator arenas exist afterwards), then resets its
peak resident set size and reports how far it rises (see ``_orders.peak_rise``), with
the wall time of the run. The order of the two approaches alternates from one repetition to
the next, so neither always runs first. With the chunk size fixed, the file is measured at full
size and at a tenth of it.
"""

from __future__ import annotations

import atexit
import functools
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pandas as pd
import pyarrow.csv as pa_csv

from benchmarks._orders import orders_table, peak_rise
from benchmarks.harness import Benchmark, Claim, Metric, in_turn

FULL_ROWS = 2_000_000
QUICK_ROWS = 200_000
WARM_UP_ROWS = 1_000
FULL_CHUNK_ROWS = 50_000
QUICK_CHUNK_ROWS = 20_000  # a tenth of the quick file is one chunk
ROOT = Path(__file__).resolve().parents[1]


@functools.cache
def orders_csv(rows: int) -> Path:
    """The chunked-page snippets' file: the orders table without the discount column."""
    tmp = tempfile.TemporaryDirectory()
    atexit.register(tmp.cleanup)
    path = Path(tmp.name) / "orders.csv"
    pa_csv.write_csv(orders_table(rows).drop_columns(["discount"]), path)
    return path


COLUMNS = ["country", "status", "amount"]  # what the question needs


def whole_file(path: Path) -> pd.DataFrame:
    orders = pd.read_csv(path, usecols=COLUMNS)
    paid = orders[orders["status"] == "paid"]
    return paid.groupby("country")["amount"].agg(["size", "sum"])


def chunked(path: Path, chunk_rows: int) -> pd.DataFrame:
    partials = []
    with pd.read_csv(path, usecols=COLUMNS, chunksize=chunk_rows) as reader:
        for chunk in reader:
            paid = chunk[chunk["status"] == "paid"]
            partials.append(paid.groupby("country")["amount"].agg(["size", "sum"]))
    return pd.concat(partials).groupby(level=0).sum()


def approaches(chunk_rows: int) -> dict[str, Callable[[Path], pd.DataFrame]]:
    return {"whole_file": whole_file, "chunked": partial(chunked, chunk_rows=chunk_rows)}


def _in_fresh_process(name: str, path: Path, chunk_rows: int) -> dict[str, float]:
    warm_up = orders_csv(WARM_UP_ROWS)
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.data_chunked",
            name,
            str(chunk_rows),
            str(warm_up),
            str(path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(proc.stdout)


def measure_at(rows: int, chunk_rows: int, turn: int) -> dict[str, float]:
    names = ("whole_file", "chunked")
    runs = in_turn(turn, {name: partial(_in_fresh_process, name, orders_csv(rows), chunk_rows) for name in names})
    tenth = in_turn(
        turn, {name: partial(_in_fresh_process, name, orders_csv(rows // 10), chunk_rows) for name in names}
    )
    return {
        "chunk_rows": chunk_rows,
        "rows": rows,
        "csv_bytes": orders_csv(rows).stat().st_size,
        "whole_file_peak": runs["whole_file"]["peak"],
        "chunked_peak": runs["chunked"]["peak"],
        "whole_file_peak_tenth": tenth["whole_file"]["peak"],
        "chunked_peak_tenth": tenth["chunked"]["peak"],
        "memory_ratio": runs["whole_file"]["peak"] / runs["chunked"]["peak"],
        "whole_file_growth": runs["whole_file"]["peak"] / tenth["whole_file"]["peak"],
        "chunked_growth": runs["chunked"]["peak"] / tenth["chunked"]["peak"],
        "whole_file_seconds": runs["whole_file"]["seconds"],
        "chunked_seconds": runs["chunked"]["seconds"],
        "time_ratio": runs["chunked"]["seconds"] / runs["whole_file"]["seconds"],
    }


BENCHMARK = Benchmark(
    title="Aggregating a CSV: whole file vs read_csv(chunksize=...)",
    metrics={
        "rows": Metric("count", "rows in the CSV file"),
        "chunk_rows": Metric("count", "rows per chunk"),
        "csv_bytes": Metric("bytes", "size of the CSV file"),
        "whole_file_peak": Metric("bytes", "peak RSS rise: read_csv(usecols=...) of the whole file, then groupby"),
        "chunked_peak": Metric("bytes", "peak RSS rise: read_csv(usecols=..., chunksize=...), partial sums"),
        "whole_file_peak_tenth": Metric("bytes", "whole file: peak RSS rise at a tenth of the rows"),
        "chunked_peak_tenth": Metric("bytes", "chunked: peak RSS rise at a tenth of the rows"),
        "memory_ratio": Metric("ratio", "whole-file peak rise / chunked peak rise"),
        "whole_file_growth": Metric("ratio", "whole-file peak rise at full size / at a tenth of the rows"),
        "chunked_growth": Metric("ratio", "chunked peak rise at full size / at a tenth of the rows"),
        "whole_file_seconds": Metric("seconds", "wall time, whole file"),
        "chunked_seconds": Metric("seconds", "wall time, chunked"),
        "time_ratio": Metric("ratio", "chunked time / whole-file time"),
    },
    measure=partial(measure_at, FULL_ROWS, FULL_CHUNK_ROWS),
    quick_measure=partial(measure_at, QUICK_ROWS, QUICK_CHUNK_ROWS),
    claims=(
        Claim("memory_ratio", at_least=3, why="chunks bound the peak; the whole file (same columns) does not"),
        Claim("whole_file_growth", at_least=4, why="the whole-file peak grows with the file"),
        Claim("chunked_growth", at_most=2, why="the chunked peak stays about flat as the file grows"),
        Claim("time_ratio", at_most=2, why="chunking costs little time: the parsing work is the same"),
    ),
    packages=("pandas", "pyarrow"),
    repetitions=7,
    quick_repetitions=3,  # a median, not one sample: the suite runs beside other tests
    notes="Peak RSS rise in a fresh interpreter per run (Linux /proc); 2 cores, shared.",
)


if __name__ == "__main__":
    # Child process of _in_fresh_process: warm up on the small file, then measure on the real one.
    name, chunk_rows, warm_up, file = (
        sys.argv[1],
        int(sys.argv[2]),
        Path(sys.argv[3]),
        Path(sys.argv[4]),
    )
    approach = approaches(chunk_rows)[name]
    approach(warm_up)
    start = time.perf_counter()
    peak = peak_rise(partial(approach, file))
    print(json.dumps({"peak": peak, "seconds": time.perf_counter() - start}))
