"""Pydantic v2: constraints, field and model validators, a computed field."""

from datetime import date
from typing import Annotated, Any, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    computed_field,
    field_validator,
    model_validator,
)

# A shape check only: no regex can tell whether an address exists (a confirmation
# mail can). pydantic's EmailStr checks the syntax fully but needs email-validator.
Email = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, max_length=254, pattern=r"^[^@\s]+@[^@\s]+$"
    ),
]


def age_on(birth: date, day: date) -> int:
    """Completed years on `day`: one less if the birthday has not come yet that year."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


class SignUp(BaseModel):
    model_config = ConfigDict(hide_input_in_errors=True)  # no passwords in str(exc)

    email: Email
    # Hidden in repr, str() and dumps; bounded, so nobody makes you hash a megabyte.
    password: SecretStr = Field(min_length=8, max_length=128)
    password_confirm: SecretStr
    age: int = Field(ge=0, le=150)  # constraints: enforced, and in the JSON Schema
    birth_date: date | None = None

    @field_validator("email")
    @classmethod
    def lowercase_domain(cls, value: str) -> str:
        local, _, domain = value.rpartition("@")
        return f"{local}@{domain.lower()}"  # domains ignore case; local parts need not

    @field_validator("password")
    @classmethod
    def strong_password(cls, value: SecretStr) -> SecretStr:
        secret = value.get_secret_value()
        if not any(c.isupper() for c in secret) or not any(c.isdigit() for c in secret):
            raise ValueError("needs an upper-case letter and a digit")
        return value

    # "after" validators run on the finished model, so every field is already valid.
    @model_validator(mode="after")
    def passwords_match(self) -> Self:
        if self.password != self.password_confirm:
            raise ValueError("passwords do not match")
        return self

    @model_validator(mode="after")
    def age_matches_birth_date(self, info: ValidationInfo) -> Self:
        if self.birth_date is None:
            return self
        # The caller says which day it is: the same input always gets the same answer.
        today = (info.context or {}).get("today")
        if not isinstance(today, date):
            raise ValueError("validate with context={'today': date} to check the age")
        if age_on(self.birth_date, today) != self.age:
            raise ValueError(
                f"age {self.age} does not match birth date {self.birth_date}"
            )
        return self

    # Serialised with the fields, e.g. in FastAPI responses. mypy does not accept
    # decorators over @property; Pydantic's documentation silences it the same way.
    @computed_field  # type: ignore[prop-decorator]
    @property
    def is_adult(self) -> bool:
        return self.age >= 18


data: dict[str, Any] = {
    "email": " Ada@Example.COM ",
    "password": "Analytical1",
    "password_confirm": "Analytical1",
    "age": 35,
    "birth_date": "1990-12-10",
}
user = SignUp.model_validate(data, context={"today": date(2026, 6, 1)})
print(user.model_dump(include={"email", "password", "is_adult"}))
#> {'email': 'Ada@example.com', 'password': SecretStr('**********'), 'is_adult': True}

try:  # same input, a later day: the birthday has passed, so the age no longer matches
    SignUp.model_validate(data, context={"today": date(2026, 12, 10)})
except ValidationError as exc:
    print(exc.errors(include_url=False)[0]["msg"])
    #> Value error, age 35 does not match birth date 1990-12-10

bad = {**data, "email": "ada", "password": "analytical", "age": -1}
try:
    SignUp.model_validate(bad, context={"today": date(2026, 6, 1)})
except ValidationError as exc:  # every field error at once; model validators wait
    for error in exc.errors(include_url=False):
        print(error["loc"], error["msg"])
        #> ('email',) String should match pattern '^[^@\s]+@[^@\s]+$'
        #> ('password',) Value error, needs an upper-case letter and a digit
        #> ('age',) Input should be greater than or equal to 0
