"""A query-count regression test: it fails the day someone drops the eager load."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, ForeignKey, create_engine, event, select
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    relationship,
    selectinload,
)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    posts: Mapped[list["Post"]] = relationship()


class Post(Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))


# The code under test: what a list endpoint or a report would call.
def post_titles(session: Session) -> dict[str, list[str]]:
    users = session.scalars(select(User).options(selectinload(User.posts)))
    return {user.name: [post.title for post in user.posts] for user in users}


# The same function after a "harmless" refactor that dropped the loader option.
def post_titles_refactored(session: Session) -> dict[str, list[str]]:
    users = session.scalars(select(User))
    return {user.name: [post.title for post in user.posts] for user in users}


@contextmanager
def assert_max_queries(engine: Engine, limit: int) -> Iterator[None]:
    """Fail if the block sends more than `limit` statements to the database."""
    statements: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield
    finally:
        event.remove(engine, "before_cursor_execute", record)
    if len(statements) > limit:
        raise AssertionError(f"expected at most {limit} queries, got {len(statements)}")


def database(users: int) -> Engine:
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        session.add_all(
            User(name=f"user{u}", posts=[Post(title=f"p{p}") for p in range(3)])
            for u in range(users)
        )
        session.commit()
    return engine


def check_query_count(titles: Callable[[Session], dict[str, list[str]]]) -> None:
    # Two sizes: the count must be a property of the code, not of the rows.
    for users in (10, 100):
        engine = database(users)
        with Session(engine) as session, assert_max_queries(engine, 2):
            assert len(titles(session)) == users
        engine.dispose()


# In your test suite (pytest collects test_* functions from test_*.py files).
def test_post_titles_query_count() -> None:
    check_query_count(post_titles)


if __name__ == "__main__":
    test_post_titles_query_count()
    print("post_titles: at most 2 queries for 10 and for 100 users")
    #> post_titles: at most 2 queries for 10 and for 100 users
    try:
        check_query_count(post_titles_refactored)
    except AssertionError as exc:
        print(f"the refactor fails the test: {exc}")
        #> the refactor fails the test: expected at most 2 queries, got 11
