"""The pitfall: the seed's response code leaks fields and uses two deprecated APIs."""

import asyncio
import warnings

import httpx
from fastapi import FastAPI
from fastapi.responses import ORJSONResponse
from pydantic import BaseModel
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str]
    password_hash: Mapped[str]


# Record warnings instead of printing them, so that the program can show them.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")

    class UserResponse(BaseModel):
        id: int
        email: str

        class Config:  # Pydantic v1 style
            from_attributes = True


print(caught[0].category.__name__, str(caught[0].message).split(".")[0])
"""
PydanticDeprecatedSince20
Support for class-based `config` is deprecated, use ConfigDict instead
"""

app = FastAPI(default_response_class=ORJSONResponse)  # the seed's "faster JSON"


@app.get("/users/{user_id}")
async def get_user_bad(user_id: int):
    return User(id=user_id, email="ada@example.com", password_hash="$argon2id$...")


async def main() -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://api") as client:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            response = await client.get("/users/1")
    print(response.json())  # every column of the row, the password hash included
    #> {'id': 1, 'email': 'ada@example.com', 'password_hash': '$argon2id$...'}
    print(caught[0].category.__name__, str(caught[0].message).split(",")[0])
    #> FastAPIDeprecationWarning ORJSONResponse is deprecated


asyncio.run(main())
