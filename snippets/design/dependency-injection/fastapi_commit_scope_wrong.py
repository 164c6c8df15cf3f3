"""The pitfall: a yield dependency that commits after the response has already been sent."""

import asyncio
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

import httpx
from fastapi import Depends, FastAPI, Request
from pydantic import BaseModel
from sqlalchemy import String, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class UserRow(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)


class UserCreate(BaseModel):
    email: str


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    engine = create_async_engine(app.state.database_url)
    try:
        async with engine.begin() as conn:
            await conn.run_sync(Base.metadata.create_all)
        app.state.sessions = async_sessionmaker(engine, expire_on_commit=False)
        yield
    finally:
        await engine.dispose()


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    async with request.app.state.sessions.begin() as session:
        yield session  # the default scope runs the COMMIT after the response is sent


app = FastAPI(lifespan=lifespan)


@app.post("/users", status_code=201)
async def create_user(
    data: UserCreate, session: Annotated[AsyncSession, Depends(get_session)]
) -> UserCreate:
    session.add(UserRow(email=data.email))  # no flush: the INSERT waits for the commit
    return data


@app.get("/users")
async def list_users(
    session: Annotated[AsyncSession, Depends(get_session)],
) -> list[str]:
    return list(await session.scalars(select(UserRow.email)))


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        app.state.database_url = f"sqlite+aiosqlite:///{tmp}/app.db"
        # As a real server does, ignore an error raised after the response has gone out.
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(transport=transport, base_url="http://app") as client,
        ):
            for _ in range(2):
                response = await client.post(
                    "/users", json={"email": "ada@example.org"}
                )
                print(response.status_code, response.json())
                #> 201 {'email': 'ada@example.org'}
                #> 201 {'email': 'ada@example.org'}
            print((await client.get("/users")).json())  # the second commit failed
            #> ['ada@example.org']


asyncio.run(main())
