"""Strict, frozen, closed models: no coercion, no unknown keys, no mutation."""

from datetime import date
from typing import Annotated

from annotated_types import Gt
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError


class StrictModel(BaseModel):
    model_config = ConfigDict(
        strict=True,  # no "42" -> 42
        frozen=True,  # no assignment after validation
        extra="forbid",  # no unknown keys
        allow_inf_nan=False,  # no inf or nan in a float field
    )


class Order(StrictModel):
    order_id: str
    quantity: int = Field(gt=0)
    total: Annotated[float, Gt(0)]  # annotated_types.Gt(0) is the same rule as gt=0
    coupon: str | None = None


def lines(exc: ValidationError) -> list[str]:
    return [f"{e['type']} {e['loc']} {e['msg']}" for e in exc.errors(include_url=False)]


payload = {"order_id": "A-1", "quantity": "42", "total": -5, "cupon": "SAVE10"}
try:
    Order.model_validate(payload)
except ValidationError as exc:
    for line in lines(exc):
        print(line)
        #> int_type ('quantity',) Input should be a valid integer
        #> greater_than ('total',) Input should be greater than 0
        #> extra_forbidden ('cupon',) Extra inputs are not permitted

# Gt(0) alone lets infinity through: JSON's 1e309 overflows to inf, and inf > 0.
print(TypeAdapter(Annotated[float, Gt(0)]).validate_json("1e309"))
#> inf
for total in ("1e309", "Infinity", "NaN"):
    try:
        Order.model_validate_json(
            f'{{"order_id": "A-1", "quantity": 1, "total": {total}}}'
        )
    except ValidationError as exc:
        print(total, lines(exc))
        #> 1e309 ["finite_number ('total',) Input should be a finite number"]
        #> Infinity ["finite_number ('total',) Input should be a finite number"]
        #> NaN ["finite_number ('total',) Input should be a finite number"]
try:
    Order(order_id="A-1", quantity=1, total=float("inf"))  # and from Python
except ValidationError as exc:
    print(lines(exc))
    #> ["finite_number ('total',) Input should be a finite number"]

order = Order(order_id="A-1", quantity=2, total=10.0)
try:
    order.total = 0.0
except ValidationError as exc:
    for line in lines(exc):
        print(line)
        #> frozen_instance ('total',) Instance is frozen
print(order in {Order(order_id="A-1", quantity=2, total=10.0)})  # frozen: hashable
#> True

# model_copy(update=...) does not validate; build the changed copy through validation.
print(order.model_copy(update={"total": -1.0}).total)
#> -1.0
try:
    Order.model_validate({**order.model_dump(), "total": -1.0})
except ValidationError as exc:
    for line in lines(exc):
        print(line)
        #> greater_than ('total',) Input should be greater than 0


class Shipment(StrictModel):
    ship_on: date


# Strict Python input wants a real date; JSON has no date type, so strict JSON
# input accepts an ISO string. Validate raw JSON with model_validate_json.
print(Shipment.model_validate_json('{"ship_on": "2026-12-01"}'))
#> ship_on=datetime.date(2026, 12, 1)
try:
    Shipment.model_validate({"ship_on": "2026-12-01"})
except ValidationError as exc:
    for line in lines(exc):
        print(line)
        #> date_type ('ship_on',) Input should be a valid date
