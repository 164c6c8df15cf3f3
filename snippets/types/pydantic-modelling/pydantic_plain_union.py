"""The pitfall: a plain union of models picks whichever member fits, or blames them all."""

from pydantic import BaseModel, ValidationError


class Sms(BaseModel):
    to: str
    text: str


class Email(BaseModel):
    to: str
    text: str
    subject: str


class Push(BaseModel):
    device_id: str
    text: str


class Outbox(BaseModel):
    messages: list[Sms | Email | Push]  # no tag: pydantic tries every member


# An email whose subject is null: Email fails, Sms fits (unknown keys are ignored),
# so the email goes out as a text message to an email address.
email = {"to": "ada@example.com", "text": "Invoice", "subject": None}
message = Outbox.model_validate({"messages": [email]}).messages[0]
print(type(message).__name__, message)
#> Sms to='ada@example.com' text='Invoice'

# A push whose text is null: one mistake, reported once per member.
try:
    Outbox.model_validate({"messages": [{"device_id": "d-1", "text": None}]})
except ValidationError as exc:
    print(exc.error_count(), "errors")
    #> 6 errors
    for error in exc.errors(include_url=False):
        print(error["loc"], error["msg"])
        #> ('messages', 0, 'Sms', 'to') Field required
        #> ('messages', 0, 'Sms', 'text') Input should be a valid string
        #> ('messages', 0, 'Email', 'to') Field required
        #> ('messages', 0, 'Email', 'text') Input should be a valid string
        #> ('messages', 0, 'Email', 'subject') Field required
        #> ('messages', 0, 'Push', 'text') Input should be a valid string
