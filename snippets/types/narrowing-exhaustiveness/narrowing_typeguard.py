"""The pitfall: TypeGuard narrows only where it returned True, not the else branch."""

import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeGuard, reveal_type

from mypy import api as mypy_api


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


def is_instant(payment: Payment) -> TypeGuard[Card | Wallet]:
    """Paid the moment it is authorised: cards and wallets, not transfers."""
    return isinstance(payment, (Card, Wallet))


def describe(payment: Payment) -> str:
    if is_instant(payment):
        return f"captured now ({type(payment).__name__})"
    if TYPE_CHECKING:
        reveal_type(payment)  # still the whole union
    return f"awaiting transfer {payment.reference}"


# At run time every branch is right...
print(describe(Card("4242")), "|", describe(BankTransfer("INV-7")))
#> captured now (Card) | awaiting transfer INV-7

# ...and mypy rejects the else branch, which only a BankTransfer can reach.
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
        #> 38: note: Revealed type is "Card | Wallet | BankTransfer"
        #> 39: error: Item "Card" of "Card | Wallet | BankTransfer" has no
        #>     attribute "reference"  [union-attr]
        #> 39: error: Item "Wallet" of "Card | Wallet | BankTransfer" has no
        #>     attribute "reference"  [union-attr]
        #> Found 2 errors in 1 file (checked 1 source file)
