"""assert_never makes mypy name the Enum member or Literal value a branch misses."""

import textwrap
from enum import Enum
from pathlib import Path
from typing import Literal, assert_never

from mypy import api as mypy_api


class OrderStatus(Enum):
    PENDING = "pending"
    PAID = "paid"
    REFUNDED = "refunded"
    DISPUTED = "disputed"  # added later; notify() was not updated


Channel = Literal["email", "sms"]
outbox: list[str] = []


def deliver(channel: Channel, text: str) -> None:
    if channel == "email":
        outbox.append(f"mail: {text}")
    elif channel == "sms":
        outbox.append(f"sms: {text}")
    else:
        assert_never(channel)  # every value handled: mypy sees an unreachable line


def notify(order_id: int, status: OrderStatus, channel: Channel = "email") -> None:
    match status:
        case OrderStatus.PENDING:
            deliver(channel, f"order {order_id}: awaiting payment")
        case OrderStatus.PAID:
            deliver(channel, f"order {order_id}: receipt")
        case OrderStatus.REFUNDED:
            deliver(channel, f"order {order_id}: refund confirmation")
        case _:
            assert_never(status)  # mypy: reachable, with the member it left over


for status in OrderStatus:
    try:
        notify(7, status)
    except AssertionError as exc:  # at run time, a loud failure instead of nothing
        print(f"AssertionError: {exc}")
        """
        AssertionError: Expected code to be unreachable, but got: <OrderStatus.DISPUTED: 'disputed'>
        """
print(f"{len(outbox)} messages for {len(OrderStatus)} statuses")
#> 3 messages for 4 statuses

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
        #> 40: error: Argument 1 to "assert_never" has incompatible type
        #>     "Literal[OrderStatus.DISPUTED]"; expected "Never"  [arg-type]
        #> Found 1 error in 1 file (checked 1 source file)
