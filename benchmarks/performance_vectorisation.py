"""A per-row pricing rule: Python loop, DataFrame.apply and map_elements versus NumPy, pandas and
Polars expressions, at a small and a large row count.

Every approach is the page's code (imported from its two snippets), run on the same orders. Each
repetition times every approach at both sizes, in an order that rotates from one repetition to the
next; the harness's warm-up repetition runs them all once before any is timed. At the small size a
single call takes well under a millisecond, so each timing is the mean of SMALL_CALLS calls in a row,
and each repetition keeps the median of SMALL_ROUNDS interleaved timings.
The row function counts its calls, as on the page: one global increment per row, which the loop,
apply and map_elements pay and the expressions do not.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from functools import partial

import polars as pl

from benchmarks.harness import Benchmark, Claim, Metric, elapsed, in_turn, load_snippet

SMALL_ROWS = 1_000
SMALL_CALLS = 10  # calls per timing at the small size: one call is too short to time alone
SMALL_ROUNDS = 3  # interleaved timings per repetition at the small size; their median counts
FULL_LARGE_ROWS = 1_000_000
FULL_LARGE_ROUNDS = 1  # a call on a million rows is long enough to time once
QUICK_LARGE_ROWS = 100_000  # `make check-claims`: the gap is already wide here
QUICK_LARGE_ROUNDS = 1

_rows = load_snippet("performance/vectorisation/vectorisation_loop.py")  # the pitfall: Python per row
_vec = load_snippet("performance/vectorisation/vectorisation.py")  # the pattern: one expression

APPROACHES = ("loop", "apply", "map_elements", "numpy", "pandas", "polars")
VECTORISED = ("numpy", "pandas", "polars")


def _sides(rows: int, calls: int) -> dict[str, Callable[[], float]]:
    """Each approach on the same `rows` orders, as a callable returning seconds per call."""
    df = _rows.orders(rows)
    frame = pl.from_pandas(df)  # the Polars approaches start from a Polars frame, as data would
    runs: dict[str, Callable[[], object]] = {
        "loop": partial(_rows.with_loop, df),
        "apply": partial(_rows.with_apply, df),
        "map_elements": partial(_rows.with_map_elements, frame),
        "numpy": partial(_vec.with_numpy, df),
        "pandas": partial(_vec.with_pandas, df),
        "polars": partial(_vec.with_polars, frame),
    }

    def per_call(run: Callable[[], object]) -> float:
        return elapsed(lambda: [run() for _ in range(calls)]) / calls

    return {name: partial(per_call, run) for name, run in runs.items()}


def _median_of_rounds(turn: int, sides: dict[str, Callable[[], float]], rounds: int) -> dict[str, float]:
    timings = [in_turn(turn + i, sides) for i in range(rounds)]
    return {name: statistics.median(t[name] for t in timings) for name in sides}


def measure_at(large_rows: int, large_rounds: int, turn: int) -> dict[str, float]:
    small = _median_of_rounds(turn, _sides(SMALL_ROWS, SMALL_CALLS), SMALL_ROUNDS)
    large = _median_of_rounds(turn, _sides(large_rows, 1), large_rounds)
    values: dict[str, float] = {"small_rows": SMALL_ROWS, "large_rows": large_rows}
    for size, times in (("small", small), ("large", large)):
        values |= {f"{name}_{size}": times[name] for name in APPROACHES}
        values |= {f"{name}_speedup_{size}": times["loop"] / times[name] for name in VECTORISED}
        values[f"apply_vs_loop_{size}"] = times["apply"] / times["loop"]
    for name in VECTORISED:  # how much of the gap the small size keeps
        values[f"{name}_gap_growth"] = values[f"{name}_speedup_large"] / values[f"{name}_speedup_small"]
    return values


_LABELS = {
    "loop": "Python loop over the rows (list comprehension)",
    "apply": "DataFrame.apply(axis=1)",
    "map_elements": "Polars map_elements over a struct of the two columns",
    "numpy": "NumPy expression with np.where",
    "pandas": "pandas expression with Series.mask",
    "polars": "Polars expression with when/then/otherwise",
}
_METRICS = {
    "small_rows": Metric("count", "rows at the small size"),
    "large_rows": Metric("count", "rows at the large size"),
}
for _size in ("small", "large"):
    _METRICS |= {f"{n}_{_size}": Metric("seconds", f"{label}, {_size} size, one call") for n, label in _LABELS.items()}
    _METRICS |= {f"{n}_speedup_{_size}": Metric("ratio", f"loop time / {n} time, {_size} size") for n in VECTORISED}
    _METRICS[f"apply_vs_loop_{_size}"] = Metric("ratio", f"apply time / loop time, {_size} size")
_METRICS |= {
    f"{n}_gap_growth": Metric("ratio", f"{n}: speed-up over the loop at the large size / at the small size")
    for n in VECTORISED
}

BENCHMARK = Benchmark(
    title="A per-row pricing rule: Python loop and apply versus NumPy, pandas and Polars expressions",
    metrics=_METRICS,
    measure=partial(measure_at, FULL_LARGE_ROWS, FULL_LARGE_ROUNDS),
    quick_measure=partial(measure_at, QUICK_LARGE_ROWS, QUICK_LARGE_ROUNDS),
    claims=(
        *(
            Claim(
                f"{n}_speedup_large",
                at_least=5,
                why=f"the page says the {n} expression is many times faster than the loop",
            )
            for n in VECTORISED
        ),
        Claim(
            "apply_vs_loop_large", at_least=2, why="the page says DataFrame.apply(axis=1) is slower than a plain loop"
        ),
        Claim(
            "numpy_gap_growth",
            at_least=1.5,
            why="the page says NumPy's lead over the loop is smaller at the small size",
        ),
        *(
            Claim(f"{n}_gap_growth", at_least=3, why=f"the page says the {n} lead is much smaller at the small size")
            for n in ("pandas", "polars")
        ),
    ),
    packages=("numpy", "pandas", "polars"),
    repetitions=6,  # one per approach: in_turn puts each of the six first (and last) exactly once
    quick_repetitions=1,
    notes="2-core machine shared with other work; Polars may use both cores, the others use one. "
    "The full run takes several minutes: DataFrame.apply(axis=1) builds a Series for every row.",
)
