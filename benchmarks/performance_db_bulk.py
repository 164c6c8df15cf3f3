"""Loading rows into PostgreSQL: row by row, one INSERT for the list, and COPY, at two sizes.

The three loaders are the page's own (``load`` of the pitfall and of the pattern, ``copy_load``), run
against a real PostgreSQL server on this machine over TCP: POSTGRES_URL's, or a throw-away one started
with initdb. The table lives in a schema of its own (the snippet's ``scratch_database``), emptied
before each load and dropped at the end.
"""

from __future__ import annotations

import atexit
import contextlib
import os
from collections.abc import Callable
from functools import partial

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from benchmarks._postgres import postgres_server
from benchmarks.harness import Benchmark, Claim, Metric, elapsed, in_turn, load_snippet

SMALL_ROWS, LARGE_ROWS = 100, 2000
QUICK_SMALL_ROWS, QUICK_LARGE_ROWS = 50, 500

_wrong = load_snippet("performance/database-bulk-and-indexes/bulk_insert_row_by_row.py")
_right = load_snippet("performance/database-bulk-and-indexes/bulk_insert.py")

Rows = list[dict[str, object]]
_engine: Engine | None = None


def _database() -> Engine:
    """The snippet's scratch schema on the server, kept for the whole run."""
    global _engine
    if _engine is None:
        stack = contextlib.ExitStack()
        atexit.register(stack.close)
        given = os.environ.get("POSTGRES_URL")
        # The snippet reads the server's URL from the environment; put it back afterwards, so that the
        # benchmarks run after this one in the same process do not find this one's throw-away server.
        os.environ["POSTGRES_URL"] = stack.enter_context(postgres_server())
        try:
            _engine = stack.enter_context(_right.scratch_database())
        finally:
            if given is None:
                del os.environ["POSTGRES_URL"]
            else:
                os.environ["POSTGRES_URL"] = given
    return _engine


def _rows(count: int) -> Rows:
    return [{"sensor": f"s{i % 10}", "value": i / 2} for i in range(count)]


def _timed(loader: Callable[[Session, Rows], object], rows: Rows) -> float:
    engine = _database()
    with engine.begin() as connection:
        connection.execute(text("TRUNCATE readings"))
    with Session(engine) as session:
        return elapsed(lambda: loader(session, rows))


def _measure(turn: int, small: int, large: int) -> dict[str, float]:
    values: dict[str, float] = {}
    for size, count in (("small", small), ("large", large)):
        rows = _rows(count)
        sides = in_turn(turn, {
            "row_by_row": partial(_timed, _wrong.load, rows),
            "one_insert": partial(_timed, _right.load, rows),
            "copy": partial(_timed, _right.copy_load, rows),
        })  # fmt: skip
        values |= {f"{side}_{size}": seconds for side, seconds in sides.items()}
        values[f"one_insert_speedup_{size}"] = sides["row_by_row"] / sides["one_insert"]
        values[f"copy_speedup_{size}"] = sides["one_insert"] / sides["copy"]
    return values


def measure(turn: int) -> dict[str, float]:
    return _measure(turn, SMALL_ROWS, LARGE_ROWS)


def quick_measure(turn: int) -> dict[str, float]:
    return _measure(turn, QUICK_SMALL_ROWS, QUICK_LARGE_ROWS)


_metrics: dict[str, Metric] = {}
for _size, _label in (("small", "the small load"), ("large", "the large load")):
    _metrics |= {
        f"row_by_row_{_size}": Metric("seconds", f"add() and commit() per row, {_label}"),
        f"one_insert_{_size}": Metric("seconds", f"one session.execute(insert(), rows) and one commit, {_label}"),
        f"copy_{_size}": Metric("seconds", f"COPY FROM STDIN with psycopg, {_label}"),
        f"one_insert_speedup_{_size}": Metric("ratio", f"row by row / one insert(), {_label}"),
        f"copy_speedup_{_size}": Metric("ratio", f"one insert() / COPY, {_label}"),
    }

BENCHMARK = Benchmark(
    title="Loading rows into a local PostgreSQL: row by row, one insert() for the list, COPY",
    metrics=_metrics,
    measure=measure,
    quick_measure=quick_measure,
    packages=("SQLAlchemy", "psycopg"),
    claims=(
        Claim("one_insert_speedup_small", at_least=2, why="the page says one insert() for the list beats row by row"),
        Claim("one_insert_speedup_large", at_least=2, why="the page says one insert() for the list beats row by row"),
        Claim("copy_speedup_large", at_least=1.5, why="the page says COPY is the fastest for the largest loads"),
    ),
    notes="The page's loaders against PostgreSQL on the same machine over TCP (POSTGRES_URL, or one "
    "started with initdb and fsync=off, which makes each COMMIT cheaper than on a durable server, so the "
    "row-by-row figures are a lower bound); the table is emptied before each load.",
    repetitions=10,
    quick_repetitions=3,
)
