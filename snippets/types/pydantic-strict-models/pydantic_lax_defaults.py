"""The pitfall: a default model coerces, drops unknown keys, allows any assignment."""

from typing import Annotated

from pydantic import BaseModel


class Order(BaseModel):
    order_id: str
    quantity: int
    total: Annotated[float, "Must be positive"]  # the seed's: a note, not a rule
    coupon: str | None = None


payload = {"order_id": "A-1", "quantity": "42", "total": -5, "cupon": "SAVE10"}
order = Order.model_validate(payload)
print(order)  # "42" became 42, -5 passed, and the misspelt coupon vanished
#> order_id='A-1' quantity=42 total=-5.0 coupon=None
order.quantity = "many"  # type: ignore[assignment]  # mypy objects; pydantic does not
print(repr(order.quantity))
#> 'many'
# The string in Annotated is ignored: not a rule, not even in the JSON Schema.
print(Order.model_json_schema()["properties"]["total"])
#> {'title': 'Total', 'type': 'number'}
