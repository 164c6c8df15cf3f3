"""frozen=True freezes the fields, not what they hold: use immutable containers."""

from pydantic import BaseModel, ConfigDict, ValidationError


class StrictModel(BaseModel):
    model_config = ConfigDict(strict=True, frozen=True, extra="forbid")


class ListCart(StrictModel):
    skus: list[str]  # the field cannot be reassigned; the list can still change


class Cart(StrictModel):
    skus: tuple[str, ...]  # immutable and hashable all the way down


cart = ListCart(skus=["BOOK-1"])
cart.skus.append("PEN-2")  # no error: frozen only guards assignment to `skus`
print(cart)
#> skus=['BOOK-1', 'PEN-2']
try:
    print(cart in set())
except TypeError as exc:
    print(f"TypeError: {exc}")  # frozen, yet not hashable
    #> TypeError: unhashable type: 'list'

frozen = Cart.model_validate_json('{"skus": ["BOOK-1"]}')  # a JSON array -> tuple
print(frozen, frozen in {Cart(skus=("BOOK-1",))})
#> skus=('BOOK-1',) True
try:
    Cart(skus=["BOOK-1"])  # type: ignore[arg-type]  # strict: Python input needs a tuple
except ValidationError as exc:
    print(exc.errors(include_url=False)[0]["type"])
    #> tuple_type
