"""camelCase on the wire, snake_case in Python: one base class sets both directions."""

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel


class ApiModel(BaseModel):
    model_config = ConfigDict(
        alias_generator=to_camel,  # customer_id <-> customerId
        validate_by_name=True,  # Python code may pass customer_id=...
        validate_by_alias=True,  # ...and the client's JSON says customerId (default)
        serialize_by_alias=True,  # every dump says customerId, no by_alias=True needed
    )


class Order(ApiModel):
    order_id: str
    customer_id: str
    total_cents: int


order = Order.model_validate_json(
    '{"orderId": "A-1", "customerId": "c-42", "totalCents": 1250}'
)
sent = order.model_dump_json()
print(sent)
#> {"orderId":"A-1","customerId":"c-42","totalCents":1250}
print(list(order.model_dump()))  # Python mode too: one spelling everywhere
#> ['orderId', 'customerId', 'totalCents']
print(Order.model_validate_json(sent) == order)  # your output is valid input
#> True

# Code that builds an order uses the Python names; mypy checks them.
built = Order(order_id="A-2", customer_id="c-7", total_cents=990)
print(built.model_dump_json())
#> {"orderId":"A-2","customerId":"c-7","totalCents":990}
print(built.model_dump(by_alias=False))  # snake_case only when asked
#> {'order_id': 'A-2', 'customer_id': 'c-7', 'total_cents': 990}
