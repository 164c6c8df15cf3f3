"""Fixture scopes, a factory fixture and yield teardown, with every test rolled back."""

import sqlite3
from collections.abc import Callable, Iterator

import pytest
from accounts import Base, EmailTaken, User, register
from sqlalchemy import Connection, Engine, create_engine, event, func, select
from sqlalchemy.orm import Session


@pytest.fixture(scope="session")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    # Session scope: one database and one schema for the whole run.
    engine = create_engine(f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}")

    # SQLite only: Python's sqlite3 driver opens transactions lazily on its own, which
    # breaks SAVEPOINTs; let SQLAlchemy emit BEGIN instead. PostgreSQL needs none of this.
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: sqlite3.Connection, _: object) -> None:
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN")

    Base.metadata.create_all(engine)
    yield engine
    engine.dispose()  # teardown: runs once, after the last test that used it


@pytest.fixture
def db_session(engine: Engine) -> Iterator[Session]:
    # Function scope: a fresh session inside a transaction that is never committed.
    with engine.connect() as connection:
        transaction = connection.begin()
        # Each session.commit() in the code under test only releases a SAVEPOINT;
        # the rollback below still undoes everything the test wrote.
        session = Session(bind=connection, join_transaction_mode="create_savepoint")
        yield session
        session.close()
        transaction.rollback()


@pytest.fixture
def make_user(db_session: Session) -> Callable[..., User]:
    # A factory: each test creates the users it needs, with defaults it can override.
    created = 0

    def make(email: str | None = None, name: str = "Test User") -> User:
        nonlocal created
        created += 1
        user = User(email=email or f"user{created}@example.com", name=name)
        db_session.add(user)
        db_session.flush()
        return user

    return make


def count_users(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(User)) or 0


def test_register_normalises_the_email(db_session: Session) -> None:
    user = register(db_session, "  Ada@Example.COM ", "Ada")
    assert user.email == "ada@example.com"
    assert count_users(db_session) == 1


def test_register_commits(db_session: Session) -> None:
    register(db_session, "ada@example.com", "Ada")
    db_session.rollback()  # would undo the row if register() had not committed it
    assert count_users(db_session) == 1


def test_taken_email_is_rejected(
    db_session: Session, make_user: Callable[..., User]
) -> None:
    make_user(email="ada@example.com")
    with pytest.raises(EmailTaken):
        register(db_session, "ADA@example.com", "Someone else")


def test_factory_makes_distinct_users(
    db_session: Session, make_user: Callable[..., User]
) -> None:
    first, second = make_user(), make_user(name="Grace")
    assert first.email != second.email
    assert count_users(db_session) == 2
