"""Code under test for the async page: a FastAPI app over an async SQLAlchemy database."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Request
from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from sqlalchemy import String
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(100))


class NewUser(BaseModel):
    # Bounded like the columns: an over-long value is a 422, not a database error.
    # Stored lower-cased, so the unique constraint sees Ada@X and ada@x as one address.
    email: Annotated[str, StringConstraints(max_length=254, to_lower=True)]
    name: str = Field(min_length=1, max_length=100)


class UserOut(NewUser):
    model_config = ConfigDict(from_attributes=True)

    id: int


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    # One session per request: an AsyncSession must never be shared by concurrent tasks.
    async with request.app.state.sessions() as session:
        yield session


Session = Annotated[AsyncSession, Depends(get_session)]
router = APIRouter()


@router.post("/users", status_code=201)
async def create_user(new: NewUser, session: Session) -> UserOut:
    user = User(email=new.email, name=new.name)
    session.add(user)
    try:
        await session.commit()
    except IntegrityError:
        # The unique constraint decides: of two concurrent signups, exactly one wins.
        await session.rollback()
        raise HTTPException(409, "Email already registered") from None
    return UserOut.model_validate(user)


@router.get("/users/{user_id}")
async def read_user(user_id: int, session: Session) -> UserOut:
    user = await session.get(User, user_id)
    if user is None:
        raise HTTPException(404, "No such user")
    return UserOut.model_validate(user)


def create_app(database_url: str) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Start-up: one engine (one connection pool) for the life of the app.
        engine = create_async_engine(database_url)
        app.state.engine = engine
        # expire_on_commit=False: reading user.id after commit must not trigger lazy I/O.
        app.state.sessions = async_sessionmaker(engine, expire_on_commit=False)
        try:
            yield
        finally:
            await engine.dispose()  # shutdown: close every pooled connection

    app = FastAPI(lifespan=lifespan)
    app.include_router(router)
    return app
