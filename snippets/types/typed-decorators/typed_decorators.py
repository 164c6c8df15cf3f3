"""Decorators that keep the signature they wrap: ParamSpec, and Concatenate."""

import functools
import inspect
import sqlite3
import tempfile
import textwrap
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar, reveal_type

from mypy import api as mypy_api

P = ParamSpec("P")  # the parameters of the decorated function, whatever they are
R = TypeVar("R")  # and its return type

workdir = tempfile.TemporaryDirectory()
DATABASE = Path(workdir.name) / "shop.db"


def transactional(
    func: Callable[Concatenate[sqlite3.Connection, P], R],
) -> Callable[P, R]:
    """Call `func` with a new connection as its first argument, in one transaction."""
    lazy = inspect.iscoroutinefunction(func) or inspect.isasyncgenfunction(func)
    if lazy or inspect.isgeneratorfunction(func):  # the body runs after wrapper returns
        raise TypeError(f"{func.__qualname__} would run after its connection is closed")

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with closing(sqlite3.connect(DATABASE)) as conn, conn:  # commit or roll back
            return func(conn, *args, **kwargs)

    # wraps() sets __wrapped__, which inspect.signature() follows back to `conn`:
    # state the signature callers have (frameworks read it). typeshed's wraps()
    # result does not declare __signature__, hence the ignore.
    sig = inspect.signature(func)
    rest = list(sig.parameters.values())[1:]  # all but the connection
    wrapper.__signature__ = sig.replace(parameters=rest)  # type: ignore[attr-defined]
    return wrapper


@transactional
def add_order(conn: sqlite3.Connection, customer: str, amount_cents: int) -> None:
    conn.execute("INSERT INTO orders VALUES (?, ?)", (customer, amount_cents))


@transactional
def total_cents(conn: sqlite3.Connection, customer: str) -> int:
    sql = "SELECT coalesce(sum(amount_cents), 0) FROM orders WHERE customer = ?"
    return int(conn.execute(sql, (customer,)).fetchone()[0])


with closing(sqlite3.connect(DATABASE)) as conn, conn:
    conn.execute("CREATE TABLE orders (customer TEXT, amount_cents INTEGER)")
    if TYPE_CHECKING:
        reveal_type(add_order)  # the signature minus the connection
        reveal_type(total_cents)
        add_order(conn, "ada", 1250)  # rejected: the decorator passes the connection
add_order("ada", 1250)  # each call gets its own connection and transaction
add_order("ada", amount_cents=800)
print(total_cents("ada"), total_cents("bob"))
#> 2050 0
print(add_order.__name__, inspect.signature(add_order))
#> add_order (customer: str, amount_cents: int) -> None
try:

    @transactional
    async def refund(conn: sqlite3.Connection, customer: str) -> None: ...

except TypeError as exc:  # raised where it is decorated, not at its first call
    print(f"TypeError: {exc}")
    #> TypeError: refund would run after its connection is closed
workdir.cleanup()

# Ask mypy about this very file: `-c` keeps temp paths out of its report, and an
# empty --config-file keeps the settings of the project it runs in out of the check.
source = Path(__file__).read_text()
argv = ["--strict", "--config-file=", "-c", source]
report, errors, status = mypy_api.run(argv)
if errors or status not in (0, 1):  # a usage error or a crash is no verdict
    raise SystemExit(f"mypy exited with status {status}: {errors or report}")
page = textwrap.TextWrapper(72, subsequent_indent="    ", break_on_hyphens=False)
for finding in report.replace("<string>:", "").replace("__main__.", "").splitlines():
    for part in page.wrap(finding):  # long findings wrapped to fit the page
        print(part)
        #> 58: note: Revealed type is "def (customer: str, amount_cents: int)"
        #> 59: note: Revealed type is "def (customer: str) -> int"
        #> 60: error: Too many arguments for "add_order"  [call-arg]
        #> 60: error: Argument 1 to "add_order" has incompatible type "Connection";
        #>     expected "str"  [arg-type]
        #> 60: error: Argument 2 to "add_order" has incompatible type "str";
        #>     expected "int"  [arg-type]
        #> Found 3 errors in 1 file (checked 1 source file)
