"""A callable Discriminator: the payload has no tag field, so a function names the member."""

from typing import Annotated, Any

from pydantic import BaseModel, Discriminator, Field, Tag, ValidationError


class Card(BaseModel):
    card_token: str
    expires: str = Field(pattern=r"^\d{2}/\d{2}$")


class BankAccount(BaseModel):
    iban: str = Field(pattern=r"^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$")
    holder: str


TAG_BY_KEY = {"card_token": "card", "iban": "bank"}


def payment_tag(value: Any) -> str | None:
    """The partner sends no tag: a card has a card_token, a bank account an iban."""
    if isinstance(value, Card):  # an instance: passed in by your code, or being dumped
        return "card"
    if isinstance(value, BankAccount):
        return "bank"
    if isinstance(value, dict):  # JSON: exactly one of the keys must be there
        tags = {TAG_BY_KEY[key] for key in value if key in TAG_BY_KEY}
        if len(tags) == 1:
            return tags.pop()
    return None  # no key, both keys, or not an object: one error, worded below


PaymentMethod = Annotated[
    Annotated[Card, Tag("card")] | Annotated[BankAccount, Tag("bank")],
    Discriminator(
        payment_tag,
        custom_error_type="payment_method",
        custom_error_message="Expected exactly one of card_token or iban",
    ),
]


class Checkout(BaseModel):
    order_id: str
    pay_with: PaymentMethod


for pay_with in (
    {"card_token": "tok_visa", "expires": "04/29"},
    {"iban": "BE71096123456769", "holder": "Ada Lovelace"},
    {"iban": "BE71096123456769"},  # a bank account without its holder
    {"paypal": "ada@example.com"},  # neither
    {"card_token": "tok_visa", "expires": "04/29", "iban": "BE71096123456769"},  # both
    "tok_visa",  # not an object
):
    try:
        checkout = Checkout.model_validate({"order_id": "A-1", "pay_with": pay_with})
        print(type(checkout.pay_with).__name__)
        #> Card
        #> BankAccount
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            print(error["loc"], error["msg"])
            #> ('pay_with', 'bank', 'holder') Field required
            #> ('pay_with',) Expected exactly one of card_token or iban
            #> ('pay_with',) Expected exactly one of card_token or iban
            #> ('pay_with',) Expected exactly one of card_token or iban

checkout = Checkout(order_id="A-2", pay_with=Card(card_token="tok_mc", expires="01/30"))
print(checkout.model_dump_json())  # dumped as the member the function names
#> {"order_id":"A-2","pay_with":{"card_token":"tok_mc","expires":"01/30"}}
