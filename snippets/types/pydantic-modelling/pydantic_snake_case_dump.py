"""The pitfall: camelCase aliases validate the client's JSON, but dumps speak snake_case."""

from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic.alias_generators import to_camel


class Order(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel)  # customer_id <-> customerId

    order_id: str
    customer_id: str
    total_cents: int


order = Order.model_validate_json(
    '{"orderId": "A-1", "customerId": "c-42", "totalCents": 1250}'
)
sent = order.model_dump_json()  # what a webhook or a queue message carries
print(sent)  # the client reads body.customerId and gets undefined
#> {"order_id":"A-1","customer_id":"c-42","total_cents":1250}

# Your own output is not valid input: the model accepts only the aliases.
try:
    Order.model_validate_json(sent)
except ValidationError as exc:
    print(exc.error_count(), "errors:", [error["type"] for error in exc.errors()])
    #> 3 errors: ['missing', 'missing', 'missing']
