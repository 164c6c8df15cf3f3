"""TypeIs narrows both branches; TypeGuard narrows to types that are not subtypes."""

import json
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeGuard, reveal_type

from mypy import api as mypy_api
from typing_extensions import TypeIs  # typing.TypeIs from Python 3.13


@dataclass(frozen=True)
class Card:
    last4: str


@dataclass(frozen=True)
class Wallet:
    provider: str


@dataclass(frozen=True)
class BankTransfer:
    reference: str


Payment = Card | Wallet | BankTransfer


def is_instant(payment: Payment) -> TypeIs[Card | Wallet]:
    """Paid the moment it is authorised: cards and wallets, not transfers."""
    return isinstance(payment, (Card, Wallet))  # True exactly for those types


def describe(payment: Payment) -> str:
    if is_instant(payment):
        return f"captured now ({type(payment).__name__})"
    if TYPE_CHECKING:
        reveal_type(payment)  # what is left of the union
    return f"awaiting transfer {payment.reference}"


def is_str_list(values: list[object]) -> TypeGuard[list[str]]:
    """list[str] is not a subtype of list[object] (lists are invariant)."""
    return all(isinstance(value, str) for value in values)


def tags_of(document: str) -> list[str]:
    data: object = json.loads(document)  # Any, until a check says more
    if isinstance(data, list) and is_str_list(data):
        return data  # no other reference: none can add an int to it as list[object]
    raise ValueError(f"tags must be a list of strings, got {type(data).__name__}")


payments = (Card("4242"), Wallet("pay"), BankTransfer("INV-7"))
print(" | ".join(describe(payment) for payment in payments))
#> captured now (Card) | captured now (Wallet) | awaiting transfer INV-7
print(tags_of('["typing", "mypy"]'))
#> ['typing', 'mypy']
# A JSON string or object iterates too: without isinstance(data, list) both pass.
for document in ('"mypy"', '{"mypy": 1}', '["mypy", 1]'):
    try:
        tags_of(document)
    except ValueError as exc:
        print(f"ValueError: {exc}")
        #> ValueError: tags must be a list of strings, got str
        #> ValueError: tags must be a list of strings, got dict
        #> ValueError: tags must be a list of strings, got list

# Ask mypy about this very file: `-c` keeps temp paths out of its report, and an
# empty --config-file keeps the settings of the project it runs in out of the check.
source = Path(__file__).read_text()
argv = ["--strict", "--config-file=", "-c", source]
report, errors, exit_status = mypy_api.run(argv)
# Exit status 2 (usage error, crash) prints no findings: fail, never pass silently.
if errors or exit_status not in (0, 1):
    raise SystemExit(f"mypy exited {exit_status}: {errors}")
page = textwrap.TextWrapper(72, subsequent_indent="    ", break_on_hyphens=False)
for finding in report.replace("<string>:", "").replace("__main__.", "").splitlines():
    for part in page.wrap(finding):  # long findings wrapped to fit the page
        print(part)
        #> 40: note: Revealed type is "BankTransfer"
        #> Success: no issues found in 1 source file
