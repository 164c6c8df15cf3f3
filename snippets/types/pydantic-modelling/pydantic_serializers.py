"""Field serializers: money as a string of cents, times in UTC with a Z, no nulls sent."""

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from typing import Annotated

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_serializer,
)

# The wire type of an amount: its pattern and description reach the response schema.
Cents = Annotated[str, Field(pattern=r"^[0-9]+$", description="Amount in euro cents")]


class Invoice(BaseModel):
    """A response body, built from the application's own rows."""

    # Values set after construction pass the same checks, which the serializers rely on.
    model_config = ConfigDict(validate_assignment=True)

    number: str
    total: Decimal = Field(ge=0, max_digits=12, decimal_places=2)  # exact, in euros
    issued_at: AwareDatetime  # a naive datetime is refused: no guessing its zone
    # The contract says "absent, never null".
    paid_at: AwareDatetime | None = Field(default=None, exclude_if=lambda v: v is None)

    # when_used="json": model_dump() keeps Decimal and datetime for Python code;
    # model_dump_json() and model_dump(mode="json") write the API's format.
    @field_serializer("total", when_used="json")
    def cents(self, total: Decimal) -> Cents:
        return str(int(total * 100))  # exact: validated to 2 places and 12 digits

    @field_serializer("issued_at", "paid_at", when_used="json-unless-none")
    def utc(self, moment: datetime) -> datetime:
        # A datetime, not a str: Pydantic writes UTC as Z, the schema keeps date-time.
        return moment.astimezone(UTC)


brussels = timezone(timedelta(hours=1))  # a row read back with its local offset
invoice = Invoice(
    number="F-7",
    total=Decimal("12.50"),
    issued_at=datetime(2026, 12, 1, 10, 30, tzinfo=brussels),
)
sent = invoice.model_dump_json()
print(sent)
#> {"number":"F-7","total":"1250","issued_at":"2026-12-01T09:30:00Z"}
python = invoice.model_dump()  # Python mode: the real types, still without nulls
print(repr(python["total"]), python["issued_at"], "paid_at" in python)
#> Decimal('12.50') 2026-12-01 10:30:00+01:00 False

paid = Invoice(
    number="F-8",
    total=Decimal("99.99"),
    issued_at=datetime(2026, 12, 1, 9, 0, tzinfo=UTC),
    paid_at=datetime(2026, 12, 2, 23, 15, tzinfo=brussels),
)
print(paid.model_dump(mode="json")["paid_at"])  # mode="json": the API's format
#> 2026-12-02T22:15:00Z

# The published response schema (FastAPI's OpenAPI) follows the serializers' types.
schema = Invoice.model_json_schema(mode="serialization")["properties"]
print(schema["total"]["type"], schema["total"]["description"])
#> string Amount in euro cents
print(schema["issued_at"]["type"], schema["issued_at"]["format"])
#> string date-time

# Output is not input: read back by this model, "1250" is 1250 euros. Whoever reads
# the JSON (a client, a test) needs a model of the wire format, not Invoice.
print(Invoice.model_validate_json(sent).total)
#> 1250

try:
    Invoice(number="F-9", total=Decimal("1"), issued_at=datetime(2026, 12, 1, 10, 30))
except ValidationError as exc:
    print(exc.errors(include_url=False)[0]["msg"])
    #> Input should have timezone info
try:  # without validate_assignment, the dump would say "12": a cent lost, silently
    invoice.total = Decimal("0.125")
except ValidationError as exc:
    print(exc.errors(include_url=False)[0]["msg"])
    #> Decimal input should have no more than 2 decimal places
