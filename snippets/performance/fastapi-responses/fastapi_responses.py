"""A response model filters the fields and lets Pydantic write the JSON bytes."""

import asyncio

import httpx
from fastapi import FastAPI
from pydantic import BaseModel, ConfigDict
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str]
    password_hash: Mapped[str]


class UserResponse(BaseModel):
    # from_attributes: validate straight from the ORM object's attributes.
    model_config = ConfigDict(from_attributes=True)

    id: int
    email: str


app = FastAPI()  # the default response class: nothing to configure for fast JSON


# response_model: FastAPI validates the returned rows against it, keeps only its fields
# and serializes straight to JSON bytes in pydantic-core (Rust). A return annotation
# `-> UserResponse` does the same when the function returns that type itself.
@app.get("/users/{user_id}", response_model=UserResponse)
async def get_user(user_id: int) -> User:
    return User(id=user_id, email="ada@example.com", password_hash="$argon2id$...")


@app.get("/users", response_model=list[UserResponse])
async def list_users() -> list[User]:
    return [User(id=i, email=f"u{i}@example.com", password_hash="x") for i in (1, 2)]


async def main() -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://api") as client:
        response = await client.get("/users/1")
        print(response.headers["content-type"], response.text)
        #> application/json {"id":1,"email":"ada@example.com"}
        print((await client.get("/users")).text)
        #> [{"id":1,"email":"u1@example.com"},{"id":2,"email":"u2@example.com"}]


asyncio.run(main())
