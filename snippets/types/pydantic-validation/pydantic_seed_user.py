"""The pitfall: a validator reading the clock; a regex rejecting real emails."""

from datetime import date
from typing import Self

from pydantic import BaseModel, Field, ValidationError, model_validator


class User(BaseModel):  # the seed's model, trimmed to the fields that matter here
    email: str = Field(..., pattern=r"^[\w\.-]+@[\w\.-]+\.\w+$")
    age: int = Field(..., ge=0, le=150)
    birth_date: date | None = None

    @model_validator(mode="after")
    def check_age_matches_birth_date(self) -> Self:
        if self.birth_date:
            today = date.today()  # the outcome depends on the day this runs
            calculated_age = today.year - self.birth_date.year
            if abs(calculated_age - self.age) > 1:
                raise ValueError("Age does not match birth date")
        return self


# The seed's own example: valid in 2023-2025, rejected from 2026 on.
try:
    User(email="ALICE@EXAMPLE.COM", age=25, birth_date=date(1999, 1, 1))
except ValidationError as exc:
    print(exc.errors(include_url=False)[0]["msg"])
    #> Value error, Age does not match birth date

for email in ("ada+news@example.com", "o'brien@example.ie", ".@..x"):
    try:
        User(email=email, age=30)
        verdict = "accepted"
    except ValidationError:
        verdict = "rejected"
    print(f"{email}: {verdict}")
    #> ada+news@example.com: rejected
    #> o'brien@example.ie: rejected
    #> .@..x: accepted
