"""The pitfall: rolling back at teardown does not undo what the code under test committed."""

from collections.abc import Iterator

import pytest
from accounts import Base, User, register
from sqlalchemy import Engine, create_engine, func, select
from sqlalchemy.orm import Session, sessionmaker


@pytest.fixture(scope="session")
def engine() -> Iterator[Engine]:
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def db_session(engine: Engine) -> Iterator[Session]:
    # The seed's fixture: by teardown, register() has already committed,
    # so this rollback has nothing left to undo.
    session = sessionmaker(bind=engine)()
    try:
        yield session
    finally:
        session.rollback()
        session.close()


def test_register(db_session: Session) -> None:
    register(db_session, "ada@example.com", "Ada")
    assert db_session.scalar(select(func.count()).select_from(User)) == 1


def test_same_email_in_the_next_test(db_session: Session) -> None:
    register(db_session, "ada@example.com", "Ada")
    assert db_session.scalar(select(func.count()).select_from(User)) == 1
