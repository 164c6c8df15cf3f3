"""The pitfall: without overloads, a bare-or-called decorator returns a union."""

import functools
import textwrap
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ParamSpec, TypeVar, reveal_type

from mypy import api as mypy_api

P = ParamSpec("P")
R = TypeVar("R")

calls: Counter[str] = Counter()


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
    reveal_type(fetch_rate)
    reveal_type(fetch_rates)
print(fetch_rates("EUR", "GBP"), dict(calls))  # it runs...
#> {'EUR': 1.08, 'GBP': 1.27} {'rates.batch': 1, 'fetch_rate': 2}

# ...but mypy cannot tell which of the two forms each call returned.
source = Path(__file__).read_text()
argv = ["--strict", "--config-file=", "-c", source]
report, errors, status = mypy_api.run(argv)
if errors or status not in (0, 1):  # a usage error or a crash is no verdict
    raise SystemExit(f"mypy exited with status {status}: {errors or report}")
page = textwrap.TextWrapper(72, subsequent_indent="    ", break_on_hyphens=False)
for finding in report.replace("<string>:", "").replace("__main__.", "").splitlines():
    for part in page.wrap(finding):  # long findings wrapped to fit the page
        print(part)
        #> 41: error: Untyped decorator makes function "fetch_rates" untyped
        #>     [untyped-decorator]
        #> 41: error: Argument 1 has incompatible type "def
        #>     fetch_rates(*currencies: str) -> dict[str, float]"; expected "Never"
        #>     [arg-type]
        #> 41: error: Argument 1 has incompatible type "def
        #>     fetch_rates(*currencies: str) -> dict[str, float]"; expected "def
        #>     (*Never, **Never) -> Never"  [arg-type]
        #> 43: error: Value expression in dictionary comprehension has incompatible
        #>     type "float | Callable[[str], float]"; expected type "float"  [misc]
        #> 43: error: Argument 1 has incompatible type "str"; expected
        #>     "Callable[[str], float]"  [arg-type]
        #> 47: note: Revealed type is "(def (currency: str) -> float) | (def (def
        #>     (currency: str) -> float) -> def (currency: str) -> float)"
        #> 48: note: Revealed type is "def (*Never, **Never) -> Never"
        #> 49: error: Argument 1 to "fetch_rates" has incompatible type "str";
        #>     expected "Never"  [arg-type]
        #> 49: error: Argument 2 to "fetch_rates" has incompatible type "str";
        #>     expected "Never"  [arg-type]
        #> Found 7 errors in 1 file (checked 1 source file)
