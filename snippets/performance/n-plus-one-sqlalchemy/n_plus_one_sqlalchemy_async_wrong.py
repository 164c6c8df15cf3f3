"""The pitfall: an implicit lazy load under AsyncSession fails, and not as MissingGreenlet."""

import asyncio
import gc
import warnings

from sqlalchemy import ForeignKey, select
from sqlalchemy.exc import MissingGreenlet, StatementError
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


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


async def main() -> None:
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    Session = async_sessionmaker(engine, expire_on_commit=False)
    async with Session() as session:
        session.add(User(name="ada", posts=[Post(title="p1")]))
        await session.commit()

    async with Session() as session:
        user = (await session.scalars(select(User))).one()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                print(len(user.posts))  # an implicit lazy load: it cannot await
            except MissingGreenlet:
                print("never reached: the error is not a MissingGreenlet")
            except StatementError as exc:
                # The MissingGreenlet is wrapped: catch StatementError, read .orig.
                print(type(exc).__name__, "wrapping", type(exc.orig).__name__)
                #> StatementError wrapping MissingGreenlet
                print(str(exc.orig).split(";")[0])
                #> greenlet_spawn has not been called
            gc.collect()  # the driver's coroutine that was created and never awaited
        for warning in caught:
            print(warning.category.__name__, warning.message)
            #> RuntimeWarning coroutine 'Connection.cursor' was never awaited
    await engine.dispose()


asyncio.run(main())
