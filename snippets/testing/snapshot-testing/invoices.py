"""Code under test for the snapshot page: an invoice, rendered as an API returns it."""

import uuid
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

CENT = Decimal("0.01")
VAT_RATE = Decimal("0.19")
ROUNDING = ROUND_HALF_UP  # the tax office's rule: half a cent rounds up


def render_invoice(customer: str, lines: list[tuple[str, int, str]]) -> dict[str, Any]:
    net = sum((quantity * Decimal(price) for _, quantity, price in lines), Decimal(0))
    vat = (net * VAT_RATE).quantize(CENT, ROUNDING)
    return {
        "id": str(uuid.uuid4()),  # new on every call
        "issued_at": datetime.now(UTC),  # new on every call
        "customer": customer,
        "lines": [
            {"sku": sku, "quantity": quantity, "unit_price": price}
            for sku, quantity, price in lines
        ],
        "net": str(net),
        "vat": str(vat),
        "total": str(net + vat),
    }
