"""FastAPI Depends: one session per request, injected into a repository and a service."""

import asyncio
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Protocol

import httpx
from fastapi import Depends, FastAPI, HTTPException, Request
from pydantic import BaseModel, ConfigDict
from sqlalchemy import String
from sqlalchemy.exc import DatabaseError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class UserRow(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str]


class UserCreate(BaseModel):
    email: str
    name: str


class User(UserCreate):
    model_config = ConfigDict(from_attributes=True)  # read it from a UserRow
    id: int


class EmailTaken(Exception):
    pass


class UserRepository(Protocol):
    async def get(self, user_id: int) -> User | None: ...
    async def add(self, data: UserCreate) -> User: ...


class SqlUserRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, user_id: int) -> User | None:
        row = await self.session.get(UserRow, user_id)
        return None if row is None else User.model_validate(row)

    async def add(self, data: UserCreate) -> User:
        row = UserRow(**data.model_dump())
        self.session.add(row)
        try:
            await self.session.flush()  # INSERT now: get the id, meet the constraint
        except IntegrityError:
            raise EmailTaken(data.email) from None
        return User.model_validate(row)


class UserService:
    def __init__(self, users: UserRepository) -> None:
        self.users = users

    async def register(self, data: UserCreate) -> User:
        return await self.users.add(
            data.model_copy(update={"email": data.email.lower()})
        )


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    app.state.engine = engine = create_async_engine(app.state.database_url)
    try:
        async with engine.begin() as conn:
            await conn.run_sync(Base.metadata.create_all)
        app.state.sessions = async_sessionmaker(engine, expire_on_commit=False)
        yield
    finally:  # at shut-down, and also when start-up or the app fails
        await engine.dispose()


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    # One session, one transaction per request: commit on success, roll back on error.
    async with request.app.state.sessions.begin() as session:
        yield session


# scope="function": the commit runs before the response is sent, so a failed commit
# becomes a 500 instead of a 201 for a row that was never saved.
Session = Annotated[AsyncSession, Depends(get_session, scope="function")]


def get_user_repository(session: Session) -> UserRepository:
    return SqlUserRepository(session)


Users = Annotated[UserRepository, Depends(get_user_repository)]


def get_user_service(users: Users) -> UserService:
    return UserService(users)


app = FastAPI(lifespan=lifespan)


@app.post("/users", status_code=201)
async def create_user(
    data: UserCreate, service: Annotated[UserService, Depends(get_user_service)]
) -> User:
    try:
        return await service.register(data)
    except EmailTaken as exc:
        raise HTTPException(409, f"{exc} is already registered") from None


@app.get("/users/{user_id}")
async def read_user(user_id: int, users: Users) -> User:
    user = await users.get(user_id)
    if user is None:
        raise HTTPException(404, "no such user")
    return user


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        app.state.database_url = f"sqlite+aiosqlite:///{tmp}/app.db"
        transport = httpx.ASGITransport(app=app)
        async with (
            app.router.lifespan_context(app),  # what uvicorn runs around serving
            httpx.AsyncClient(transport=transport, base_url="http://app") as client,
        ):
            ada = {"email": "Ada@example.org", "name": "Ada"}
            response = await client.post("/users", json=ada)
            print(response.status_code, response.json())
            #> 201 {'email': 'ada@example.org', 'name': 'Ada', 'id': 1}
            response = await client.post("/users", json=ada)
            print(response.status_code, response.json())
            #> 409 {'detail': 'ada@example.org is already registered'}
            response = await client.get("/users/1")
            print(response.status_code, response.json())
            #> 200 {'email': 'ada@example.org', 'name': 'Ada', 'id': 1}
        pool = app.state.engine.pool  # the engine's pool of open connections
        print(f"after shut-down, pooled connections: {pool.checkedin()}")
        #> after shut-down, pooled connections: 0

        try:  # the app fails while it runs: here a test that fails inside the lifespan
            async with app.router.lifespan_context(app):
                raise RuntimeError("test failed")
        except RuntimeError:
            pass
        pool = app.state.engine.pool
        print(f"after a failure, pooled connections: {pool.checkedin()}")
        #> after a failure, pooled connections: 0

        (Path(tmp) / "broken.db").write_text("not a database")  # start-up fails
        app.state.database_url = f"sqlite+aiosqlite:///{tmp}/broken.db"
        try:
            async with app.router.lifespan_context(app):
                pass
        except DatabaseError as exc:
            print(f"start-up failed: {exc.orig}")
            #> start-up failed: file is not a database
        pool = app.state.engine.pool
        print(f"after it, pooled connections: {pool.checkedin()}")
        #> after it, pooled connections: 0


asyncio.run(main())
