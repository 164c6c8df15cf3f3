"""AsyncSession: load relationships in the query (selectinload), or await them explicitly."""

import asyncio

from sqlalchemy import ForeignKey, event, select
from sqlalchemy.ext.asyncio import AsyncAttrs, async_sessionmaker, create_async_engine
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    mapped_column,
    relationship,
    selectinload,
)


class Base(AsyncAttrs, DeclarativeBase):
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


async def main() -> None:
    engine = create_async_engine("sqlite+aiosqlite://")
    queries = 0

    @event.listens_for(engine.sync_engine, "before_cursor_execute")
    def count_query(*_: object) -> None:
        nonlocal queries
        queries += 1

    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    Session = async_sessionmaker(engine, expire_on_commit=False)
    async with Session() as session:
        session.add_all(
            User(name=f"user{u}", posts=[Post(title=f"p{p}") for p in range(3)])
            for u in range(100)
        )
        await session.commit()

    queries = 0
    async with Session() as session:
        users = (await session.scalars(select(User))).all()
        # user.posts would raise here: an implicit lazy load cannot await. AsyncAttrs
        # makes the lazy load explicit, and it is still one query per user.
        posts = [len(await user.awaitable_attrs.posts) for user in users]
        print(f"{sum(posts)} posts, queries: {queries}")
        #> 300 posts, queries: 101

    queries = 0
    async with Session() as session:
        stmt = select(User).options(selectinload(User.posts))
        users = (await session.scalars(stmt)).all()
        print(f"{sum(len(u.posts) for u in users)} posts, queries: {queries}")
        #> 300 posts, queries: 2
    await engine.dispose()


asyncio.run(main())
