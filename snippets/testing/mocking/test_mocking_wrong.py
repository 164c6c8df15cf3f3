"""The pitfall: the seed's mocks pass for broken code, and fail for correct code."""

from pathlib import Path
from unittest.mock import AsyncMock, MagicMock

import httpx
import pytest
from pytest_mock import MockerFixture
from sqlalchemy import String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


# --8<-- [start:asyncmock]
async def fetch_name(client: httpx.AsyncClient, user_id: int) -> str:
    response = await client.get(f"http://users.internal/users/{user_id}")
    user = await response.json()  # bug: Response.json() is a plain method
    return user["name"]


@pytest.mark.asyncio
async def test_fetch_name_with_an_asyncmock(mocker: MockerFixture) -> None:
    response = AsyncMock()  # the seed's mock: every method of it is async
    response.json.return_value = {"name": "Ada"}
    mocker.patch("httpx.AsyncClient.get", return_value=response)
    async with httpx.AsyncClient() as client:
        assert await fetch_name(client, 1) == "Ada"


@pytest.mark.asyncio
async def test_fetch_name_with_a_real_response() -> None:
    transport = httpx.MockTransport(lambda _: httpx.Response(200, json={"name": "Ada"}))
    async with httpx.AsyncClient(transport=transport) as client:
        assert await fetch_name(client, 1) == "Ada"


# --8<-- [end:asyncmock]
# --8<-- [start:magicmock]
class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    name: Mapped[str] = mapped_column(String(100))


def find_by_email(session: Session, email: str) -> User | None:
    return session.scalars(select(User).where(User.name == email)).first()  # bug


def test_find_by_email_with_a_mocked_session() -> None:
    session = MagicMock()  # the seed's chain: answers any query with this user
    ada = User(id=1, email="ada@example.com", name="Ada")
    session.scalars.return_value.first.return_value = ada
    assert find_by_email(session, "ada@example.com") is ada


def test_find_by_email_with_a_real_session() -> None:
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        session.add(User(email="ada@example.com", name="Ada"))
        user = find_by_email(session, "ada@example.com")
    engine.dispose()
    assert user is not None


# --8<-- [end:magicmock]
# --8<-- [start:mock_open]
def read_notes(path: str) -> str:
    with open(path, encoding="utf-8") as notes:
        return f"processed: {notes.read()}"


def test_read_notes_with_mock_open(mocker: MockerFixture) -> None:
    opened = mocker.patch("builtins.open", mocker.mock_open(read_data="file content"))
    assert read_notes("test.txt") == "processed: file content"
    opened.assert_called_once_with("test.txt", "r")  # the seed's assertion


def test_read_notes_from_a_real_file(tmp_path: Path) -> None:
    path = tmp_path / "test.txt"
    path.write_text("file content", encoding="utf-8")
    assert read_notes(str(path)) == "processed: file content"


# --8<-- [end:mock_open]
