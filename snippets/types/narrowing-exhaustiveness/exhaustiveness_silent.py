"""The pitfall: a match that misses an enum member passes mypy and does nothing."""

import textwrap
from enum import Enum
from pathlib import Path

from mypy import api as mypy_api


class OrderStatus(Enum):
    PENDING = "pending"
    PAID = "paid"
    REFUNDED = "refunded"
    DISPUTED = "disputed"  # added later; notify() was not updated


outbox: list[str] = []


def notify(order_id: int, status: OrderStatus) -> None:
    match status:
        case OrderStatus.PENDING:
            outbox.append(f"order {order_id}: awaiting payment")
        case OrderStatus.PAID:
            outbox.append(f"order {order_id}: receipt")
        case OrderStatus.REFUNDED:
            outbox.append(f"order {order_id}: refund confirmation")


for status in OrderStatus:
    notify(7, status)
print(f"{len(outbox)} messages for {len(OrderStatus)} statuses")  # no error, no message
#> 3 messages for 4 statuses

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
        #> Success: no issues found in 1 source file
