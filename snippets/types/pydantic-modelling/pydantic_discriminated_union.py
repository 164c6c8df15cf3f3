"""A discriminated union: the "kind" tag picks the one model that validates a message."""

from typing import Annotated, Literal

from pydantic import BaseModel, Field, ValidationError


class Sms(BaseModel):
    kind: Literal["sms"] = "sms"  # the default spares Python code from repeating it
    to: str
    text: str


class Email(BaseModel):
    kind: Literal["email"] = "email"
    to: str
    text: str
    subject: str


class Push(BaseModel):
    kind: Literal["push"] = "push"
    device_id: str
    text: str


Message = Annotated[Sms | Email | Push, Field(discriminator="kind")]


class Outbox(BaseModel):
    # A bounded batch: a hostile one costs one error, not one per message.
    messages: list[Message] = Field(max_length=100)


outbox = Outbox.model_validate(
    {
        "messages": [
            {"kind": "email", "to": "ada@example.com", "text": "Hi", "subject": "F-7"},
            {"kind": "push", "device_id": "d-1", "text": "Paid"},
        ]
    }
)
print([type(message).__name__ for message in outbox.messages])
#> ['Email', 'Push']

# The pitfall's two mistakes, then an unknown tag and a missing one: one error
# each, located at the member the tag names when it names one.
broken = [
    {"kind": "email", "to": "ada@example.com", "text": "Invoice", "subject": None},
    {"kind": "push", "device_id": "d-1", "text": None},
    {"kind": "fax", "to": "+3212345678", "text": "Invoice"},
    {"to": "ada@example.com", "text": "Invoice"},
]
try:
    Outbox.model_validate({"messages": broken})
except ValidationError as exc:
    for error in exc.errors(include_url=False):
        print(error["loc"], error["type"])
        #> ('messages', 0, 'email', 'subject') string_type
        #> ('messages', 1, 'push', 'text') string_type
        #> ('messages', 2) union_tag_invalid
        #> ('messages', 3) union_tag_not_found
    print(exc.errors()[2]["ctx"]["expected_tags"])  # what the unknown tag should be
    #> 'sms', 'email', 'push'
try:  # ten thousand bad messages: one error, as validation stops past the bound
    Outbox.model_validate({"messages": [{"kind": "fax"}] * 10_000})
except ValidationError as exc:
    print(exc.error_count(), exc.errors()[0]["type"])
    #> 1 too_long

# The tag is a field, so it is dumped: what you send validates back to the same type.
outbox = Outbox(messages=[Sms(to="+3212345678", text="Your code is 1234")])
print(outbox.model_dump_json())
#> {"messages":[{"kind":"sms","to":"+3212345678","text":"Your code is 1234"}]}
print(Outbox.model_validate_json(outbox.model_dump_json()) == outbox)
#> True
