"""A mutable model that stays valid: validate_assignment checks each change."""

from pydantic import BaseModel, ConfigDict, Field, ValidationError


class CartLine(BaseModel):
    model_config = ConfigDict(validate_assignment=True, extra="forbid")

    sku: str
    quantity: int = Field(gt=0, le=99)


line = CartLine(sku="BOOK-1", quantity=1)
line.quantity = "3"  # type: ignore[assignment]  # lax mode: validated, then coerced
print(repr(line.quantity))
#> 3
try:
    line.quantity = 0  # the same constraint as at construction
except ValidationError as exc:
    print(exc.errors(include_url=False)[0]["msg"])
    #> Input should be greater than 0
print(line)  # a failed assignment leaves the old value in place
#> sku='BOOK-1' quantity=3
