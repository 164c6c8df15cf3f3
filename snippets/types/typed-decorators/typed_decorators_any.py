"""The pitfall: a decorator typed Callable[..., Any] erases the signature it wraps."""

import functools
import sqlite3
import tempfile
import textwrap
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, Any, reveal_type

from mypy import api as mypy_api

workdir = tempfile.TemporaryDirectory()
DATABASE = Path(workdir.name) / "shop.db"


def transactional(func: Callable[..., Any]) -> Callable[..., Any]:
    """Call `func` with a new connection as its first argument, in one transaction."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with closing(sqlite3.connect(DATABASE)) as conn, conn:  # commit or roll back
            return func(conn, *args, **kwargs)

    return wrapper


@transactional
def add_order(conn: sqlite3.Connection, customer: str, amount_cents: int) -> None:
    conn.execute("INSERT INTO orders VALUES (?, ?)", (customer, amount_cents))


with closing(sqlite3.connect(DATABASE)) as conn, conn:
    conn.execute("CREATE TABLE orders (customer TEXT, amount_cents INTEGER)")
    if TYPE_CHECKING:
        reveal_type(add_order)  # all the checker knows about it now
    try:
        add_order(conn, "ada", 1250)  # a caller passes its connection too
    except TypeError as exc:
        print(f"TypeError: {exc}")
        #> TypeError: add_order() takes 3 positional arguments but 4 were given
workdir.cleanup()

# mypy, even with --strict, finds nothing wrong with that call.
source = Path(__file__).read_text()
argv = ["--strict", "--config-file=", "-c", source]
report, errors, status = mypy_api.run(argv)
if errors or status not in (0, 1):  # a usage error or a crash is no verdict
    raise SystemExit(f"mypy exited with status {status}: {errors or report}")
page = textwrap.TextWrapper(72, subsequent_indent="    ", break_on_hyphens=False)
for finding in report.replace("<string>:", "").replace("__main__.", "").splitlines():
    for part in page.wrap(finding):  # long findings wrapped to fit the page
        print(part)
        #> 37: note: Revealed type is "def (*Any, **Any) -> Any"
        #> Success: no issues found in 1 source file
