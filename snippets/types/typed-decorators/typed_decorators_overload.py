"""A decorator used bare or with arguments: @overload gives each form its type."""

import functools
import textwrap
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ParamSpec, TypeVar, overload, reveal_type

from mypy import api as mypy_api

P = ParamSpec("P")
R = TypeVar("R")

calls: Counter[str] = Counter()  # stands in for a metrics client


@overload
def counted(func: Callable[P, R], /) -> Callable[P, R]: ...  # @counted
@overload
def counted(
    *, name: str | None = None
) -> Callable[[Callable[P, R]], Callable[P, R]]: ...  # @counted(name=...)
def counted(
    func: Callable[P, R] | None = None, /, *, name: str | None = None
) -> Callable[P, R] | Callable[[Callable[P, R]], Callable[P, R]]:
    """Count calls under `name`, or under the function's own name."""

    def decorate(f: Callable[P, R]) -> Callable[P, R]:
        metric = name or f.__qualname__

        @functools.wraps(f)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            calls[metric] += 1
            return f(*args, **kwargs)

        return wrapper

    return decorate if func is None else decorate(func)


@counted
def fetch_rate(currency: str) -> float:
    return {"EUR": 1.08, "GBP": 1.27}[currency]


@counted(name="rates.batch")
def fetch_rates(*currencies: str) -> dict[str, float]:
    return {currency: fetch_rate(currency) for currency in currencies}


if TYPE_CHECKING:
    reveal_type(fetch_rate)  # both forms keep the signature
    reveal_type(fetch_rates)
    fetch_rate(42)  # rejected: not a str
print(fetch_rates("EUR", "GBP"), dict(calls))
#> {'EUR': 1.08, 'GBP': 1.27} {'rates.batch': 1, 'fetch_rate': 2}

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
        #> 53: note: Revealed type is "def (currency: str) -> float"
        #> 54: note: Revealed type is "def (*currencies: str) -> dict[str, float]"
        #> 55: error: Argument 1 to "fetch_rate" has incompatible type "int";
        #>     expected "str"  [arg-type]
        #> Found 1 error in 1 file (checked 1 source file)
