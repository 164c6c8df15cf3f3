"""SecretStr hides a valid password; a failed validation still carries the input."""

import asyncio
from typing import Any, Self

import httpx
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    model_validator,
)


class SignUp(BaseModel):
    # str(exc) and repr(exc) -- what ends up in logs -- omit input_value.
    model_config = ConfigDict(hide_input_in_errors=True)

    email: str
    password: SecretStr = Field(min_length=12)
    password_confirm: SecretStr

    @model_validator(mode="after")
    def passwords_match(self) -> Self:
        if self.password != self.password_confirm:
            raise ValueError("passwords do not match")
        return self


short = {"email": "ada@example.com", "password": "hunter2", "password_confirm": "x"}
try:
    SignUp.model_validate(short)
except ValidationError as exc:
    print("in str(exc):", "hunter2" in str(exc))  # what a logged exception shows
    #> in str(exc): False
    print("in exc.errors():", exc.errors()[0]["input"])  # still there
    #> in exc.errors(): hunter2

# A model-level error's input is the whole body: both passwords, in plain text.
body = {
    "email": "ada@example.com",
    "password": "Hunter2-long",
    "password_confirm": "Hunter3-long",
}
try:
    SignUp.model_validate(body)
except ValidationError as exc:
    print(exc.errors()[0]["input"])
    """
    {
        "email": "ada@example.com",
        "password": "Hunter2-long",
        "password_confirm": "Hunter3-long",
    }
    """
    print(exc.errors(include_input=False, include_url=False, include_context=False))
    """
    [{"type": "value_error", "loc": (), "msg": "Value error, passwords do not match"}]
    """
    # FastAPI wraps these error dicts; its exception's str() prints them, input and all,
    # whatever hide_input_in_errors says. Log public(exc.errors()), not the exception.
    wrapped = RequestValidationError(exc.errors())
    print("in str(RequestValidationError):", "Hunter2-long" in str(wrapped))
    #> in str(RequestValidationError): True


def public(errors: Any) -> list[dict[str, Any]]:
    """What a client may see of a validation error: where and what, never the input."""
    return [{k: e[k] for k in ("type", "loc", "msg")} for e in errors]


naive, app = FastAPI(), FastAPI()


async def sign_up(user: SignUp) -> dict[str, str]:
    return {"email": user.email}


naive.post("/signup")(sign_up)
app.post("/signup")(sign_up)


@app.exception_handler(RequestValidationError)
async def invalid_request(
    request: Request, exc: RequestValidationError
) -> JSONResponse:
    return JSONResponse({"detail": public(exc.errors())}, status_code=422)


async def post(target: FastAPI) -> httpx.Response:
    transport = httpx.ASGITransport(app=target)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        return await client.post("/signup", json=body)


default_reply, reply = asyncio.run(post(naive)), asyncio.run(post(app))
print(
    default_reply.status_code, "Hunter2-long" in default_reply.text
)  # FastAPI's default
#> 422 True
print(reply.status_code, "Hunter2-long" in reply.text, reply.json()["detail"])
"""
422
False
[{"type": "value_error", "loc": ["body"], "msg": "Value error, passwords do not match"}]
"""
